/**
 * The console's screens and who may open them: each screen names the staff who work it, as the
 * server's role groups do for the calls behind it (server/src/lib/access.ts, decision 057).
 */
export type ConsoleRole =
  | 'admin'
  | 'warehouse'
  | 'service_agent'
  | 'service_supervisor'
  | 'buyer'
  | 'operations'
  | 'finance';

export const CONSOLE_ROLES: ConsoleRole[] = [
  'admin',
  'operations',
  'buyer',
  'finance',
  'warehouse',
  'service_supervisor',
  'service_agent',
];

/** the teams of the console, named as the server names them */
export const TEAMS = {
  admin: ['admin'],
  numbers: ['admin', 'operations', 'buyer', 'finance'],
  alerts: ['admin', 'operations', 'buyer', 'warehouse', 'service_supervisor', 'finance'],
  campaigns: ['admin', 'operations', 'buyer'],
  catalog: ['admin', 'buyer'],
  supply: ['admin', 'buyer'],
  supplyRead: ['admin', 'warehouse', 'buyer'],
  lossRead: ['admin', 'buyer', 'finance'],
  turnoverRead: ['admin', 'warehouse', 'buyer', 'finance'],
  warehouse: ['admin', 'warehouse'],
  money: ['admin', 'finance'],
  marketing: ['admin', 'operations'],
  network: ['admin', 'operations'],
  plansRead: ['admin', 'operations', 'finance'],
  leadersRead: ['admin', 'operations', 'finance'],
  ordersRead: ['admin', 'operations', 'service_agent', 'service_supervisor'],
  service: ['admin', 'service_agent', 'service_supervisor'],
  serviceLead: ['admin', 'service_supervisor'],
  serviceReports: ['admin', 'service_supervisor', 'operations'],
  returnReasons: ['admin', 'service_supervisor', 'operations', 'buyer'],
  reviews: ['admin', 'operations', 'buyer', 'service_agent', 'service_supervisor'],
  moderation: ['admin', 'operations', 'service_agent', 'service_supervisor'],
  incidents: ['admin', 'operations'],
  incidentsRead: ['admin', 'operations', 'service_supervisor'],
} satisfies Record<string, ConsoleRole[]>;

export interface NavItem {
  path: string;
  labelKey: string;
  roles: ConsoleRole[];
  /** only for an operator of every region (an operator limited to some cities is refused its calls) */
  everyRegion?: boolean;
}

export const opsNav: NavItem[] = [
  { path: 'dashboard', labelKey: 'ops.nav.dashboard', roles: TEAMS.numbers },
  { path: 'funnel', labelKey: 'ops.nav.funnel', roles: TEAMS.numbers },
  { path: 'kpis', labelKey: 'ops.nav.kpis', roles: TEAMS.numbers },
  { path: 'campaigns', labelKey: 'ops.nav.campaigns', roles: TEAMS.campaigns },
  { path: 'purchase-orders', labelKey: 'ops.nav.purchaseOrders', roles: TEAMS.supplyRead },
  { path: 'sorting', labelKey: 'ops.nav.sorting', roles: TEAMS.warehouse },
  { path: 'stock-counts', labelKey: 'ops.nav.stockCounts', roles: TEAMS.warehouse },
  { path: 'stock-movements', labelKey: 'ops.nav.stockMovements', roles: TEAMS.warehouse },
  { path: 'recalls', labelKey: 'ops.nav.recalls', roles: TEAMS.supplyRead },
  { path: 'stock-lots', labelKey: 'ops.nav.stockLots', roles: TEAMS.warehouse },
  { path: 'loss-rate', labelKey: 'ops.nav.lossRate', roles: TEAMS.lossRead },
  { path: 'inventory-turnover', labelKey: 'ops.nav.turnover', roles: TEAMS.turnoverRead },
  { path: 'freshness-rules', labelKey: 'ops.nav.freshnessRules', roles: TEAMS.supply },
  {
    path: 'tickets',
    labelKey: 'ops.nav.tickets',
    roles: [...new Set([...TEAMS.service, ...TEAMS.serviceReports, ...TEAMS.returnReasons])],
  },
  { path: 'orders', labelKey: 'ops.nav.orders', roles: TEAMS.ordersRead },
  { path: 'refunds', labelKey: 'ops.nav.refunds', roles: TEAMS.service },
  { path: 'reviews', labelKey: 'ops.nav.reviews', roles: TEAMS.reviews },
  { path: 'recruiting', labelKey: 'ops.nav.recruiting', roles: TEAMS.plansRead },
  { path: 'incidents', labelKey: 'ops.nav.incidents', roles: TEAMS.incidentsRead },
  { path: 'customer-segments', labelKey: 'ops.nav.segments', roles: TEAMS.marketing },
  { path: 'targeted-campaigns', labelKey: 'ops.nav.targeting', roles: TEAMS.marketing },
  { path: 'arrival-quality', labelKey: 'ops.nav.arrivalQuality', roles: TEAMS.supplyRead },
  { path: 'withdrawals', labelKey: 'ops.nav.withdrawals', roles: TEAMS.money },
  { path: 'experiments', labelKey: 'ops.nav.experiments', roles: TEAMS.marketing },
  { path: 'supplier-ranking', labelKey: 'ops.nav.supplierRanking', roles: TEAMS.supply },
  { path: 'settlements', labelKey: 'ops.nav.settlements', roles: TEAMS.money },
  // merchant-wide: one WeChat Pay account for every region (decision 064)
  { path: 'reconciliation', labelKey: 'ops.nav.reconciliation', roles: TEAMS.money, everyRegion: true },
  { path: 'lifecycle', labelKey: 'ops.nav.lifecycle', roles: TEAMS.marketing },
  { path: 'leader-report', labelKey: 'ops.nav.leaderReport', roles: TEAMS.leadersRead },
  { path: 'users', labelKey: 'ops.nav.users', roles: TEAMS.admin, everyRegion: true },
];

/** the screens under 基础设置 and who may open them */
export const SETUP_ROLES: Record<string, ConsoleRole[]> = {
  'setup/suppliers': TEAMS.supply,
  'setup/regions': TEAMS.admin,
  'setup/warehouses': TEAMS.admin,
  'setup/routes': TEAMS.admin,
  'setup/pickup-points': TEAMS.network,
  'setup/leaders': TEAMS.network,
  'setup/products': TEAMS.catalog,
  'setup/campaigns': TEAMS.campaigns,
  'setup/full-reduction': TEAMS.marketing,
  'setup/coupons': TEAMS.marketing,
  'setup/membership': TEAMS.marketing,
};

/** whether someone holding `held` may open a screen for `roles` */
export const mayOpen = (held: readonly ConsoleRole[], roles: readonly ConsoleRole[]) =>
  held.some((r) => roles.includes(r));

/** the first screen of the menu the user may open */
export function homePath(held: readonly ConsoleRole[]) {
  const first = opsNav.find((n) => mayOpen(held, n.roles));
  return first ? `/${first.path}` : '/purchase-orders';
}
