import { coldChainRoutes } from './modules/coldchain/routes.js';
import type { App, AppContext } from './context.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { networkRoutes } from './modules/network/routes.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { leaderRoutes } from './modules/leaders/routes.js';
import { campaignRoutes } from './modules/campaigns/routes.js';
import { reminderRoutes } from './modules/campaigns/reminder-routes.js';
import { promotionRoutes } from './modules/promotions/routes.js';
import { orderRoutes } from './modules/orders/routes.js';
import { fulfillmentRoutes } from './modules/fulfillment/routes.js';
import { ledgerRoutes } from './modules/ledger/routes.js';
import { aftersalesRoutes } from './modules/aftersales/routes.js';
import { memberRoutes } from './modules/members/routes.js';
import { leaderDeskRoutes } from './modules/leader-desk/routes.js';
import { analyticsRoutes } from './modules/analytics/routes.js';
import { exportRoutes } from './modules/exports/routes.js';
import { cashierRoutes } from './modules/payments/cashier.js';
import { searchRoutes } from './modules/search/routes.js';
import { alertRoutes } from './modules/alerts/routes.js';
import { settingRoutes } from './modules/settings/routes.js';
import { supplierPerformanceRoutes } from './modules/suppliers/routes.js';
import { recallRoutes } from './modules/recalls/routes.js';
import { freshnessRoutes } from './modules/freshness/routes.js';
import { segmentRoutes } from './modules/segments/routes.js';

/** Every module's routes under /api/v1. */
export function registerModules(app: App, ctx: AppContext) {
  accountRoutes(app, ctx);
  networkRoutes(app, ctx);
  catalogRoutes(app, ctx);
  leaderRoutes(app, ctx);
  campaignRoutes(app, ctx);
  reminderRoutes(app, ctx);
  promotionRoutes(app, ctx);
  orderRoutes(app, ctx);
  fulfillmentRoutes(app, ctx);
  ledgerRoutes(app, ctx);
  aftersalesRoutes(app, ctx);
  memberRoutes(app, ctx);
  leaderDeskRoutes(app, ctx);
  analyticsRoutes(app, ctx);
  exportRoutes(app, ctx);
  searchRoutes(app, ctx);
  alertRoutes(app, ctx);
  settingRoutes(app, ctx);
  supplierPerformanceRoutes(app, ctx);
  recallRoutes(app, ctx);
  coldChainRoutes(app, ctx);
  freshnessRoutes(app, ctx);
  segmentRoutes(app, ctx);
  // the simulated provider exists only where it is switched on (LINLI_SIMPAY; always off in production by default)
  if (ctx.config.simpay) cashierRoutes(app, ctx);
}
