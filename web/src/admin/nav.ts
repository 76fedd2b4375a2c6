/** The console's operations screens and who may open them (warehouse staff: warehouse work only). */
export type ConsoleRole = 'admin' | 'warehouse';

export interface NavItem {
  path: string;
  labelKey: string;
  roles: ConsoleRole[];
  /** only for an operator of every region (an operator limited to some cities is refused its calls) */
  everyRegion?: boolean;
}

export const opsNav: NavItem[] = [
  { path: 'dashboard', labelKey: 'ops.nav.dashboard', roles: ['admin'] },
  { path: 'funnel', labelKey: 'ops.nav.funnel', roles: ['admin'] },
  { path: 'kpis', labelKey: 'ops.nav.kpis', roles: ['admin'] },
  { path: 'campaigns', labelKey: 'ops.nav.campaigns', roles: ['admin'] },
  { path: 'purchase-orders', labelKey: 'ops.nav.purchaseOrders', roles: ['admin', 'warehouse'] },
  { path: 'sorting', labelKey: 'ops.nav.sorting', roles: ['admin', 'warehouse'] },
  { path: 'stock-counts', labelKey: 'ops.nav.stockCounts', roles: ['admin', 'warehouse'] },
  { path: 'stock-movements', labelKey: 'ops.nav.stockMovements', roles: ['admin', 'warehouse'] },
  { path: 'recalls', labelKey: 'ops.nav.recalls', roles: ['admin', 'warehouse'] },
  { path: 'stock-lots', labelKey: 'ops.nav.stockLots', roles: ['admin', 'warehouse'] },
  { path: 'loss-rate', labelKey: 'ops.nav.lossRate', roles: ['admin'] },
  { path: 'inventory-turnover', labelKey: 'ops.nav.turnover', roles: ['admin', 'warehouse'] },
  { path: 'freshness-rules', labelKey: 'ops.nav.freshnessRules', roles: ['admin'] },
  { path: 'orders', labelKey: 'ops.nav.orders', roles: ['admin'] },
  { path: 'refunds', labelKey: 'ops.nav.refunds', roles: ['admin'] },
  { path: 'customer-segments', labelKey: 'ops.nav.segments', roles: ['admin'] },
  { path: 'targeted-campaigns', labelKey: 'ops.nav.targeting', roles: ['admin'] },
  { path: 'arrival-quality', labelKey: 'ops.nav.arrivalQuality', roles: ['admin'] },
  { path: 'withdrawals', labelKey: 'ops.nav.withdrawals', roles: ['admin'] },
  { path: 'experiments', labelKey: 'ops.nav.experiments', roles: ['admin'] },
  { path: 'supplier-ranking', labelKey: 'ops.nav.supplierRanking', roles: ['admin'] },
  { path: 'settlements', labelKey: 'ops.nav.settlements', roles: ['admin'] },
  { path: 'lifecycle', labelKey: 'ops.nav.lifecycle', roles: ['admin'] },
  { path: 'users', labelKey: 'ops.nav.users', roles: ['admin'], everyRegion: true },
];

export function homePath(role: ConsoleRole) {
  return role === 'admin' ? '/dashboard' : '/purchase-orders';
}
