import type { Answer } from '../shared/api-shapes';

/** The server's answers the console reads, named for it (generated from the OpenAPI document: shared/api-shapes.ts). */
export type Campaign = Answer<'/admin/campaigns'>[number];

export type CutoffResult = Answer<'/admin/campaigns/{id}/cutoff', 'post'>;

export type PurchaseOrder = Answer<'/admin/purchase-orders'>[number];
export type PurchaseOrderLine = PurchaseOrder['lines'][number];
export type ReceiveResult = Answer<'/admin/purchase-orders/{id}/receive', 'post'>;

export type SortingList = Answer<'/admin/sorting-lists'>[number];
export type DispatchResult = Answer<'/admin/sorting-lists/dispatch', 'post'>;

export type Order = Answer<'/admin/orders'>[number];
export type OrderLine = Order['lines'][number];

export type Refund = Answer<'/admin/refunds'>[number];

export type Withdrawal = Answer<'/admin/withdrawals'>[number];

export type Dashboard = Answer<'/admin/analytics/dashboard'>;
export type Kpis = Dashboard['todayKpis'];
export type RegionFigures = Dashboard['regions'][number];
export type RouteCostShare = Dashboard['routes'][number];

/** An account as the users screen lists it. */
export type ConsoleUser = Answer<'/admin/users'>[number];
