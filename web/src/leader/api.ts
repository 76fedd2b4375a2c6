import { createApi } from '../shared/api';

/** The leader app's API client (its own session, apart from the shop's). */
export const api = createApi('leader');

export type LineStatus = 'pending' | 'allocated' | 'short' | 'arrived' | 'picked_up' | 'refunded';
export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'closed' | 'ready' | 'completed';

export interface OrderLine {
  id: string; campaignItemId: string; productId: string; productName: string; unit: string; quantity: number;
  paidFen: number; refundedFen: number; refundQuantity: number; status: LineStatus; pickedUpAt: string | null;
}

export interface LeaderOrder {
  id: string; number: string; status: OrderStatus; campaignId: string | null; pickupPointId: string | null;
  lines: OrderLine[]; totalFen: number; refundedFen: number; paidAt: string | null; createdAt: string;
  customer: { name: string; phone: string };
}

export interface PickList {
  productId: string; productName: string; unit: string; quantity: number;
  orders: { orderId: string; number: string; orderStatus: OrderStatus; lineId: string; lineStatus: LineStatus; quantity: number; customer: { name: string; phone: string } }[];
}

export interface LeaderProfile {
  leaderId: string; commissionBps: number; name: string; phone: string;
  pickupPoint: { id: string; name: string; address: string };
}

export type ListStatus = 'pending' | 'dispatched' | 'arrived';

export interface LeaderCampaign {
  id: string; title: string; status: 'open' | 'cut_off' | string; startsAt: string; cutoffAt: string; pickupDate: string;
  orders: number; sortingListStatus: ListStatus | null;
}

export interface SortingList {
  campaignId: string; status: ListStatus; dispatchedAt: string | null; arrivedAt: string | null;
  lines: {
    productId: string; productName: string; unit: string; orderedQuantity: number; expectedQuantity: number;
    receivedQuantity: number | null; missingQuantity: number | null; damagedQuantity: number | null;
  }[];
}

export interface ArrivalResult {
  lines: { productId: string; expectedQuantity: number; receivedQuantity: number; missingQuantity: number; damagedQuantity: number; refundedUnits: number }[];
  readyOrders: number;
  refunds: { count: number; amountFen: number };
}

export interface LedgerEntry {
  id: string; kind: 'commission' | 'settlement' | 'reversal' | 'withdrawal' | 'withdrawal_rejected'; bucket: 'pending' | 'available' | 'withdrawn';
  amountFen: number; orderLineId: string | null; availableAt: string | null; createdAt: string;
}

export interface Commissions { pendingFen: number; availableFen: number; withdrawnFen: number; entries: LedgerEntry[] }

export interface Withdrawal {
  id: string; amountFen: number; status: 'requested' | 'paid' | 'rejected'; createdAt: string; decidedAt: string | null;
}

export interface Deal {
  id: string; productId: string; name: string; unit: string; priceFen: number; memberPriceFen?: number; listPriceFen: number;
  remaining?: number; sold: number;
}

export interface ActiveCampaign {
  id: string; title: string; startsAt: string; cutoffAt: string; pickupDate: string; status: string; items: Deal[];
}
