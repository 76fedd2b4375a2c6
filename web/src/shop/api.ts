import { createApi } from '../shared/api';

/** The shop's own session (a leader may shop with the same phone, kept apart from the leader app). */
export const api = createApi('shop');

export interface Tier { minBuyers: number; priceFen: number }

export interface Deal {
  id: string; productId: string; name: string; unit: string; category: string;
  priceFen: number; memberPriceFen?: number; listPriceFen: number;
  quota?: number; remaining?: number; sold: number; perCustomerLimit?: number;
  saleStartsAt?: string; groupTiers?: Tier[]; currentTier?: Tier | null; buyers?: number;
  nextTier?: (Tier & { buyersNeeded: number }) | null;
}

export interface Category { code: string; nameZh: string; nameEn: string }

export interface Campaign { id: string; title: string; startsAt: string; cutoffAt: string; pickupDate: string; status: string; items: Deal[] }

export interface Me {
  id: string; phone: string; name: string; roles: string[]; pickupPointId: string | null;
  membership: { plan: string; activeUntil: string } | null; pointsBalance: number; inviteCode: string;
  growth: number; tier: 'bronze' | 'silver' | 'gold';
}

export interface PickupPoint {
  id: string; name: string; address: string; routeId: string; lat: number | null; lng: number | null;
  leaderName: string | null; distanceM?: number;
}

export interface CheckoutBody {
  pickupPointId: string; items: { campaignItemId: string; quantity: number }[]; couponId?: string; pointsToUse?: number;
}

export interface QuoteLine {
  campaignItemId: string; quantity: number; listPriceFen: number; unitPriceFen: number; memberDiscountFen: number;
  subtotalFen: number; fullReductionFen: number; couponFen: number; pointsFen: number; discountFen: number; paidFen: number;
}

export interface Quote {
  lines: QuoteLine[]; subtotalFen: number; memberDiscountFen: number; fullReductionFen: number; fullReductionId: string | null;
  couponFen: number; couponId: string | null; pointsUsed: number; pointsFen: number; totalFen: number;
  nextFullReduction: { thresholdFen: number; discountFen: number; missingFen: number } | null;
  fullReductionSkippedForCoupon: boolean;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'closed' | 'ready' | 'completed';
export type LineStatus = 'pending' | 'allocated' | 'short' | 'arrived' | 'picked_up' | 'refunded';

export interface OrderLine {
  id: string; campaignItemId: string; productId: string; productName: string; unit: string; quantity: number;
  listPriceFen: number; unitPriceFen: number; memberDiscountFen: number; fullReductionFen: number; couponFen: number;
  pointsFen: number; discountFen: number; paidFen: number; refundedFen: number; refundQuantity: number;
  status: LineStatus; pickedUpAt: string | null;
}

export interface Order {
  id: string; number: string; kind: string; status: OrderStatus; campaignId: string | null; pickupPointId: string | null;
  lines: OrderLine[]; subtotalFen: number; memberDiscountFen: number; fullReductionFen: number; couponFen: number;
  couponId: string | null; pointsUsed: number; pointsFen: number; totalFen: number; refundedFen: number;
  paidAt: string | null; pickupCode: string | null; expiresAt: string; createdAt: string;
  customer: { name: string; phone: string };
}

export interface Coupon {
  id: string; templateId: string; name: string; kind: string; status: 'available' | 'used' | 'expired';
  thresholdFen: number; discountFen: number | null; percentOffBps: number | null; maxDiscountFen: number | null;
  validFrom: string; validTo: string; stackableWithFullReduction: boolean; orderId: string | null;
}

export interface ClaimableCoupon {
  templateId: string; name: string; kind: string; thresholdFen: number; discountFen: number | null;
  percentOffBps: number | null; maxDiscountFen: number | null; validFrom: string; validTo: string;
  stackableWithFullReduction: boolean; perCustomerLimit: number; totalLimit: number | null; remaining: number | null; claimedByMe: number;
}

export interface Refund {
  id: string; orderId: string; orderNumber: string; kind: string; reason: string; note: string | null;
  status: 'requested' | 'refunded' | 'rejected'; amountFen: number; createdAt: string; decidedAt: string | null;
  lines: { lineId: string; productId: string; productName: string; quantity: number; amountFen: number }[];
}

export interface PointsHistory { balance: number; entries: { deltaPoints: number; reason: string; createdAt: string }[] }

export interface PayStart { paymentId: string; amountFen: number; cashierUrl: string }

/** Starts a payment and returns the provider's cashier page, which brings the customer back to `returnPath`. */
export async function startPayment(orderId: string, returnPath: string): Promise<string> {
  const pay = await api.post<PayStart>(`/orders/${orderId}/pay`, { method: 'simpay' });
  return `${pay.cashierUrl}?return=${encodeURIComponent(returnPath)}`;
}

/** Sends the browser to the payment provider's cashier for the order. */
export async function payThroughCashier(orderId: string, returnPath: string) {
  window.location.assign(await startPayment(orderId, returnPath));
}
