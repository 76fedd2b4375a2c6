import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { type Authenticator, CONSOLE_ROLES, type Role } from './auth.js';
import { regionForbidden } from './region-scope.js';

/**
 * Who works which part of the console (decision 057), the seeds' team split: operations (运营:
 * deals, marketing, leaders and points), the buyer or category manager (选品: products,
 * suppliers, purchasing, quality), finance (财务: payables, withdrawals, costs), warehouse staff,
 * and customer service (客服: agents and their supervisor). Each group is what a route's
 * `config.roles` names; admin is in every one. `staff`: every console role.
 */
export const STAFF = {
  admin: ['admin'],
  staff: [...CONSOLE_ROLES],
  numbers: ['admin', 'operations', 'buyer', 'finance'],
  // finance: the reconciliation's differences and refunds WeChat Pay could not make are its alerts
  alerts: ['admin', 'operations', 'buyer', 'warehouse', 'service_supervisor', 'finance'],
  campaigns: ['admin', 'operations', 'buyer'],
  campaignsRead: ['admin', 'operations', 'buyer', 'warehouse'],
  catalog: ['admin', 'buyer'],
  catalogRead: ['admin', 'buyer', 'operations'],
  supply: ['admin', 'buyer'],
  supplyRead: ['admin', 'warehouse', 'buyer'],
  lossRead: ['admin', 'buyer', 'finance'],
  turnoverRead: ['admin', 'warehouse', 'buyer', 'finance'],
  warehouse: ['admin', 'warehouse'],
  money: ['admin', 'finance'],
  marketing: ['admin', 'operations'],
  network: ['admin', 'operations'],
  /** commission plans: operations set them, finance reads what leaders earn by */
  plansRead: ['admin', 'operations', 'finance'],
  /** the per-leader report and grade history (decision 062) */
  leadersRead: ['admin', 'operations', 'finance'],
  settingsRead: ['admin', 'warehouse', 'operations'],
  ordersRead: ['admin', 'operations', 'service_agent', 'service_supervisor'],
  service: ['admin', 'service_agent', 'service_supervisor'],
  serviceLead: ['admin', 'service_supervisor'],
  serviceReports: ['admin', 'service_supervisor', 'operations'],
  returnReasons: ['admin', 'service_supervisor', 'operations', 'buyer'],
  reviews: ['admin', 'operations', 'buyer', 'service_agent', 'service_supervisor'],
  moderation: ['admin', 'operations', 'service_agent', 'service_supervisor'],
  incidents: ['admin', 'operations'],
  incidentsRead: ['admin', 'operations', 'service_supervisor'],
} satisfies Record<string, Role[]>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route. A documented route is for signed-in callers of any role unless its
     * schema says `security: []` (public); `roles` narrows it to these roles.
     */
    roles?: Role[];
  }
}

/**
 * Decides every route's authorization when the request arrives, before its body is read or
 * validated: an anonymous caller gets 401 and a caller without the role 403, whatever they sent.
 * The signed-in user is kept on the request, so the handler's own `ctx.auth.require` costs no
 * second lookup. The roles also go into the OpenAPI document as `x-roles`, and the region policy
 * (lib/region-scope.ts) as `x-regions`; a route for every region only refuses a limited operator here.
 */
export function authorizeRoutes(app: FastifyInstance, auth: Authenticator) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as ({ hide?: boolean; security?: unknown[] } & Record<string, unknown>) | undefined;
    const roles = route.config?.roles;
    const isPublic =
      !schema || schema.hide === true || (Array.isArray(schema.security) && schema.security.length === 0);
    if (isPublic) {
      if (roles) throw new Error(`${route.method} ${route.url} declares roles but its schema says it is public`);
      return;
    }
    if (roles?.length) schema['x-roles'] = roles;
    const forConsole = roles?.some((r) => CONSOLE_ROLES.includes(r)) ?? false;
    // a console route says how it treats an operator limited to some regions: a new one cannot forget
    if (forConsole && !route.config?.regions)
      throw new Error(
        `${route.method} ${route.url} is a console route: declare config: { regions: 'all' | 'scoped' | 'shared' }`,
      );
    if (!forConsole && route.config?.regions)
      throw new Error(`${route.method} ${route.url} declares regions but is not a console route (no console role)`);
    const onlyEveryRegion = route.config?.regions === 'all';
    if (route.config?.regions) schema['x-regions'] = route.config.regions;
    const check: onRequestHookHandler = async (req: FastifyRequest) => {
      const user = await auth.require(req, ...(roles ?? []));
      if (onlyEveryRegion && user.regionIds !== null) throw regionForbidden();
    };
    const own =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [check, ...own];
  });
}
