/** The server's answers the console reads (fields as in the OpenAPI at /api/docs). */
export interface Campaign {
  id: string; title: string; startsAt: string; cutoffAt: string; pickupDate: string; status: 'open' | 'cut_off' | string;
  items: { id: string; productId: string; name: string; priceFen: number; sold: number }[];
}

export interface CutoffResult { purchaseOrders: number; sortingLists: number; cancelledUnpaid: number; ranNow?: boolean }

export interface PurchaseOrderLine {
  productId: string; productName: string; unit: string; packSize: number; quantity: number; demandQuantity: number;
  fromStockQuantity: number; acceptedQuantity: number | null; rejectedQuantity: number | null;
}
export interface PurchaseOrder {
  id: string; campaignId: string; supplierId: string; supplierName: string; warehouseId: string; status: 'open' | 'received' | string;
  createdAt: string; receivedAt: string | null; lines: PurchaseOrderLine[];
}
export interface ReceiveResult {
  id: string; status: 'received';
  lines: { productId: string; orderedQuantity: number; acceptedQuantity: number; rejectedQuantity: number; fromStockQuantity: number;
    allocatedQuantity: number; shortQuantity: number; surplusQuantity: number }[];
  refunds: { count: number; amountFen: number };
}

export interface SortingList {
  id: string; campaignId: string; warehouseId: string; warehouseName: string; routeId: string; routeName: string;
  pickupPointId: string; pickupPointName: string; status: string; dispatchedAt: string | null; arrivedAt: string | null;
  lines: { productId: string; productName: string; unit: string; temperatureZone: string; orderedQuantity: number; quantity: number; receivedQuantity: number | null }[];
}
export interface DispatchResult { ok: true; routeId: string; dispatchedSortingLists: number; dispatchedAt: string | null }

export interface OrderLine {
  id: string; productId: string; productName: string; unit: string; quantity: number; unitPriceFen: number; discountFen: number;
  paidFen: number; refundedFen: number; status: string;
}
export interface Order {
  id: string; number: string; kind: string; status: string; campaignId: string | null; pickupPointId: string | null; lines: OrderLine[];
  subtotalFen: number; totalFen: number; refundedFen: number; paidAt: string | null; createdAt: string;
  customer: { name: string; phone: string };
}

export interface Refund {
  id: string; orderId: string; orderNumber: string; kind: string; reason: string; note: string | null;
  status: 'requested' | 'refunded' | 'rejected'; amountFen: number; createdAt: string; decidedAt: string | null;
  customer: { id: string; name: string; phone: string };
  lines: { lineId: string; productId: string; productName: string; quantity: number; amountFen: number }[];
}

export interface Withdrawal {
  id: string; leaderId: string; amountFen: number; status: 'requested' | 'paid' | 'rejected'; createdAt: string; decidedAt: string | null;
  leaderName?: string; pickupPointId?: string; pickupPointName?: string;
}

export interface Kpis { gmvFen: number; paidOrders: number; buyers: number; avgOrderFen: number; refundFen: number; refunds: number; netFen: number }
export interface Dashboard {
  timeZone: string; today: string; from: string; days: number; generatedAt: string; todayKpis: Kpis; periodKpis: Kpis;
  daily: { date: string; gmvFen: number; paidOrders: number; refundFen: number }[];
  hourly: { hour: number; todayFen: number; periodFen: number }[];
  categories: { code: string; nameZh: string; nameEn: string; gmvFen: number; quantity: number }[];
  topProducts: { productId: string; name: string; unit: string; category: string; gmvFen: number; quantity: number; orders: number }[];
  leaders: { leaderId: string; name: string; pickupPointId: string; pickupPointName: string; gmvFen: number; paidOrders: number; buyers: number }[];
}

/** An account as the users screen lists it. */
export interface ConsoleUser { id: string; phone: string; name: string; roles: string[]; createdAt: string; disabled: boolean }
