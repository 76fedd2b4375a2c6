/**
 * The set-up screens share the console's API client (one session under linli.admin.session),
 * so signing out anywhere signs out here too. Types mirror the server's response schemas.
 */
export { api } from '../api';

export interface Supplier { id: string; name: string; status: 'active' | 'suspended' | string }
export interface Warehouse { id: string; name: string; kind: 'central' | 'grid' | string; parentId: string | null }
export interface Route { id: string; name: string; warehouseId: string }
export interface Network { warehouses: Warehouse[]; routes: Route[] }
export interface PickupPoint {
  id: string; name: string; address: string; routeId: string; lat: number | null; lng: number | null; leaderName: string | null;
}
export interface Leader {
  id: string; userId: string; name: string; phone: string; pickupPointId: string; pickupPointName: string;
  commissionBps: number; status: 'active' | 'inactive'; createdAt: string;
}
export interface User { id: string; phone: string; name: string; roles: string[] }
export interface Category { code: string; nameZh: string; nameEn: string }
export type Zone = 'ambient' | 'chilled' | 'frozen';
export interface Product {
  id: string; name: string; category: string; supplierId: string; unit: string; listPriceFen: number; costFen: number;
  temperatureZone: Zone | string; shelfLifeDays: number | null; packSize: number;
}
export interface GroupTier { minBuyers: number; priceFen: number }
export interface Deal {
  id: string; productId: string; name: string; unit: string; category: string; priceFen: number; memberPriceFen?: number;
  listPriceFen: number; quota?: number; remaining?: number; sold: number; perCustomerLimit?: number; saleStartsAt?: string;
  groupTiers?: GroupTier[];
}
export interface Campaign {
  id: string; title: string; startsAt: string; cutoffAt: string; pickupDate: string; status: 'open' | 'cut_off' | string; items: Deal[];
}
export interface Usage { orders: number; discountGivenFen: number; gmvFen: number; refundedFen: number }
export interface CouponTemplate extends Usage {
  id: string; name: string; kind: 'amount' | 'percent' | string; status: 'active' | 'paused'; claimable: boolean;
  thresholdFen: number; discountFen: number | null; percentOffBps: number | null; maxDiscountFen: number | null;
  validFrom: string; validTo: string; perCustomerLimit: number; totalLimit: number | null; stackableWithFullReduction: boolean;
  issued: number; available: number; used: number; expired: number;
}
export interface FullReduction extends Usage {
  id: string; name: string; status: 'active' | 'paused'; startsAt: string; endsAt: string;
  tiers: { thresholdFen: number; discountFen: number }[]; categories: string[] | null; running: boolean;
}
export type MemberPurpose = 'monthly_pack' | 'birthday' | 'referral';
export interface MemberTemplate { templateId: string; purpose: MemberPurpose; name: string }
export interface Member { userId: string; phone: string; name: string; activeUntil: string; growth: number; tier: string }
