import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { adminApi, createWorld } from './fixtures.js';
import { Api, nextPhone } from './client.js';
import { ROLES, type Role } from '../src/lib/auth.js';

/**
 * Every endpoint's role rule, tried for every role (decision 057). The table below is the rule
 * of every documented route: public, any signed-in user, or the roles named; a route added
 * without a row here fails the first test, and a route whose declared rule differs from its row
 * too. Then each route is called by an anonymous caller and by a user of each role: a role the
 * rule does not name is refused (401 anonymous, 403 FORBIDDEN) before the request is read, and a
 * role it names gets through to the route (whatever the route then says of the made-up request).
 */

type Rule = 'public' | 'signed-in' | Role[];
const PUBLIC: Rule = 'public';
const SIGNED_IN: Rule = 'signed-in';
const LEADER: Role[] = ['leader'];
const ADMIN: Role[] = ['admin'];
const BUYING: Role[] = ['admin', 'buyer'];
const LOSS: Role[] = ['admin', 'buyer', 'finance'];
const PRODUCTS: Role[] = ['admin', 'buyer', 'operations'];
const FINANCE: Role[] = ['admin', 'finance'];
const OPERATIONS: Role[] = ['admin', 'operations'];
const DEALS: Role[] = ['admin', 'operations', 'buyer'];
const NUMBERS: Role[] = ['admin', 'operations', 'buyer', 'finance'];
const DEALS_READ: Role[] = ['admin', 'operations', 'buyer', 'warehouse'];
const ALERTS: Role[] = ['admin', 'operations', 'buyer', 'warehouse', 'service_supervisor', 'finance'];
const ORDERS: Role[] = ['admin', 'operations', 'service_agent', 'service_supervisor'];
const SERVICE: Role[] = ['admin', 'service_agent', 'service_supervisor'];
const WAREHOUSE: Role[] = ['admin', 'warehouse'];
const PURCHASING: Role[] = ['admin', 'warehouse', 'buyer'];
const TURNOVER: Role[] = ['admin', 'warehouse', 'buyer', 'finance'];
const SETTINGS: Role[] = ['admin', 'warehouse', 'operations'];
const REVIEWS: Role[] = ['admin', 'operations', 'buyer', 'service_agent', 'service_supervisor'];
const MODERATION: Role[] = ['admin', 'operations', 'service_agent', 'service_supervisor'];
const SERVICE_LEAD: Role[] = ['admin', 'service_supervisor'];
const SERVICE_REPORTS: Role[] = ['admin', 'service_supervisor', 'operations'];
const RETURN_REASONS: Role[] = ['admin', 'service_supervisor', 'operations', 'buyer'];
const INCIDENTS: Role[] = ['admin', 'operations'];
const INCIDENTS_READ: Role[] = ['admin', 'operations', 'service_supervisor'];
const LEADERS_READ: Role[] = ['admin', 'operations', 'finance'];
const STAFF: Role[] = ['admin', 'warehouse', 'service_agent', 'service_supervisor', 'buyer', 'operations', 'finance'];

const PLANS_READ: Role[] = ['admin', 'operations', 'finance'];

const EXPECTED: Record<string, Rule> = {
  'POST /me/ticket-photos': SIGNED_IN,
  'POST /tickets': SIGNED_IN,
  'GET /me/tickets': SIGNED_IN,
  'POST /leader/tickets': LEADER,
  'GET /leader/tickets': LEADER,
  'GET /tickets/{id}': SIGNED_IN,
  'GET /tickets/{id}/photos/{photoId}': SIGNED_IN,
  'POST /tickets/{id}/messages': SIGNED_IN,
  'POST /tickets/{id}/rate': SIGNED_IN,
  'POST /tickets/{id}/reopen': SIGNED_IN,
  'GET /admin/tickets': SERVICE,
  'GET /admin/tickets/{id}': SERVICE,
  'POST /admin/tickets/{id}/assign': SERVICE,
  'POST /admin/tickets/{id}/messages': SERVICE,
  'POST /admin/tickets/{id}/resolve': SERVICE,
  'POST /admin/tickets/{id}/reopen': SERVICE,
  'GET /admin/service/staff': SERVICE,
  'GET /admin/canned-replies': SERVICE,
  'POST /admin/canned-replies': SERVICE_LEAD,
  'PUT /admin/canned-replies/{id}': SERVICE_LEAD,
  'DELETE /admin/canned-replies/{id}': SERVICE_LEAD,
  'GET /admin/service/report': SERVICE_REPORTS,
  'GET /admin/service/report.xlsx': SERVICE_REPORTS,
  'GET /admin/service/return-reasons': RETURN_REASONS,
  'GET /admin/service/return-reasons.xlsx': RETURN_REASONS,
  'POST /me/leader-application-photos': SIGNED_IN,
  'POST /me/leader-applications': SIGNED_IN,
  'GET /leader-applications/cities': PUBLIC,
  'GET /me/leader-applications': SIGNED_IN,
  'GET /admin/leader-applications': OPERATIONS,
  'POST /admin/leader-applications/{id}/approve': OPERATIONS,
  'POST /admin/leader-applications/{id}/reject': OPERATIONS,
  'GET /leader/onboarding': LEADER,
  'GET /admin/commission-plans': PLANS_READ,
  'POST /admin/commission-plans': OPERATIONS,
  'PUT /admin/commission-plans/{id}': OPERATIONS,
  'PUT /admin/leaders/{id}/commission-plan': OPERATIONS,
  'PUT /admin/campaign-items/{id}/commission': OPERATIONS,
  'GET /leader/commission-plan': LEADER,
  'POST /admin/training/images': OPERATIONS,
  'GET /admin/training/courses': OPERATIONS,
  'POST /admin/training/courses': OPERATIONS,
  'PUT /admin/training/courses/{id}': OPERATIONS,
  'GET /admin/training/results': OPERATIONS,
  'GET /admin/training/results.xlsx': OPERATIONS,
  'GET /leader/training/courses': LEADER,
  'POST /leader/training/courses/{id}/attempts': LEADER,
  'GET /admin/incidents': INCIDENTS_READ,
  'POST /admin/incidents': INCIDENTS,
  'GET /admin/incidents/{id}': INCIDENTS_READ,
  'POST /admin/incidents/{id}/preview': INCIDENTS,
  'PUT /admin/incidents/{id}/orders': INCIDENTS,
  'GET /admin/incidents/{id}/orders': INCIDENTS_READ,
  'GET /admin/incidents/{id}/orders.xlsx': INCIDENTS_READ,
  'POST /admin/incidents/{id}/compensate': INCIDENTS,
  'POST /admin/incidents/{id}/postmortem': INCIDENTS,
  'POST /admin/incidents/{id}/resolve': INCIDENTS,
  'GET /admin/reviews': REVIEWS,
  'POST /admin/reviews/{id}/hide': MODERATION,
  'POST /admin/reviews/{id}/show': MODERATION,
  'GET /admin/reviews/report': REVIEWS,
  'GET /admin/reviews/report.xlsx': REVIEWS,
  'POST /me/review-photos': SIGNED_IN,
  'GET /orders/{id}/reviews': SIGNED_IN,
  'GET /products/{id}/reviews': PUBLIC,
  'GET /products/{id}/review-summary': PUBLIC,
  'GET /admin/alerts': ALERTS,
  'POST /admin/alerts/{id}/ack': ALERTS,
  'GET /admin/analytics/dashboard': NUMBERS,
  'GET /admin/analytics/funnel': NUMBERS,
  'GET /admin/analytics/funnel/export.xlsx': NUMBERS,
  'GET /admin/analytics/regions/export.xlsx': NUMBERS,
  'GET /admin/arrival-quality': PURCHASING,
  'GET /admin/arrival-quality/export.xlsx': PURCHASING,
  'GET /admin/campaigns': DEALS_READ,
  'POST /admin/campaigns': DEALS,
  'GET /admin/campaigns/{id}': DEALS_READ,
  'PATCH /admin/campaigns/{id}': DEALS,
  'POST /admin/campaigns/{id}/copy-to-tomorrow': DEALS,
  'POST /admin/campaigns/{id}/cutoff': DEALS,
  'POST /admin/campaigns/{id}/cutoff/preview': DEALS,
  'POST /admin/campaigns/{id}/items': DEALS,
  'DELETE /admin/campaigns/{id}/items/{itemId}': DEALS,
  'PATCH /admin/campaigns/{id}/items/{itemId}': DEALS,
  'POST /admin/categories': BUYING,
  'POST /admin/commissions/settle': FINANCE,
  'GET /admin/coupon-templates': OPERATIONS,
  'POST /admin/coupon-templates': OPERATIONS,
  'PATCH /admin/coupon-templates/{id}': OPERATIONS,
  'POST /admin/coupon-templates/{id}/grant': OPERATIONS,
  'POST /admin/coupon-templates/{id}/pause': OPERATIONS,
  'POST /admin/coupon-templates/{id}/resume': OPERATIONS,
  'GET /admin/customer-segments': OPERATIONS,
  'POST /admin/customer-segments': OPERATIONS,
  'POST /admin/customer-segments/count': OPERATIONS,
  'DELETE /admin/customer-segments/{id}': OPERATIONS,
  'GET /admin/customer-segments/{id}/audience': OPERATIONS,
  'GET /admin/customer-segments/{id}/members': OPERATIONS,
  'GET /admin/customer-segments/{id}/members/export.xlsx': OPERATIONS,
  'GET /admin/delivery-manifests': WAREHOUSE,
  'GET /admin/experiments': OPERATIONS,
  'POST /admin/experiments': OPERATIONS,
  'GET /admin/experiments/{id}': OPERATIONS,
  'PUT /admin/experiments/{id}': OPERATIONS,
  'GET /admin/experiments/{id}/report': OPERATIONS,
  'GET /admin/experiments/{id}/report.xlsx': OPERATIONS,
  'POST /admin/experiments/{id}/start': OPERATIONS,
  'POST /admin/experiments/{id}/stop': OPERATIONS,
  'GET /admin/forecast/accuracy': DEALS,
  'GET /admin/forecast/accuracy/export.xlsx': DEALS,
  'GET /admin/forecast/demand': DEALS,
  'GET /admin/freshness/alert-rules': BUYING,
  'PUT /admin/freshness/alert-rules': BUYING,
  'DELETE /admin/freshness/alert-rules/{id}': BUYING,
  'GET /admin/freshness/markdown-deals': BUYING,
  'GET /admin/freshness/markdown-rules': BUYING,
  'POST /admin/freshness/markdown-rules': BUYING,
  'DELETE /admin/freshness/markdown-rules/{id}': BUYING,
  'GET /admin/inventory': WAREHOUSE,
  'POST /admin/inventory/adjust': WAREHOUSE,
  'GET /admin/inventory/lots': WAREHOUSE,
  'GET /admin/inventory/movements': WAREHOUSE,
  'POST /admin/inventory/transfer': WAREHOUSE,
  'GET /admin/inventory/turnover': TURNOVER,
  'GET /admin/inventory/turnover/export.xlsx': TURNOVER,
  'GET /admin/kpi-alert-rules': OPERATIONS,
  'POST /admin/kpi-alert-rules': OPERATIONS,
  'DELETE /admin/kpi-alert-rules/{id}': OPERATIONS,
  'GET /admin/kpis': NUMBERS,
  'GET /admin/kpis/cohorts': NUMBERS,
  'GET /admin/kpis/export.xlsx': NUMBERS,
  'GET /admin/kpis/leader-months': NUMBERS,
  'GET /admin/leaders': OPERATIONS,
  'GET /admin/leaders/{id}/months': LEADERS_READ,
  'GET /admin/reconciliation': FINANCE,
  'GET /admin/reconciliation/export.xlsx': FINANCE,
  'GET /admin/reconciliation/days/{date}': FINANCE,
  'POST /admin/reconciliation/days/{date}/run': FINANCE,
  'POST /admin/reconciliation/differences/{id}/resolve': FINANCE,
  'GET /admin/leader-report': LEADERS_READ,
  'GET /admin/leader-report/export.xlsx': LEADERS_READ,
  'GET /admin/leader-grades/settings': OPERATIONS,
  'PUT /admin/leader-grades/settings': OPERATIONS,
  'POST /admin/leaders': OPERATIONS,
  'PATCH /admin/leaders/{id}': OPERATIONS,
  'GET /admin/lifecycle/programs': OPERATIONS,
  'PUT /admin/lifecycle/programs/{program}': OPERATIONS,
  'GET /admin/lifecycle/report': OPERATIONS,
  'GET /admin/lifecycle/report/export.xlsx': OPERATIONS,
  'GET /admin/loss-rate': LOSS,
  'GET /admin/loss-rate/export.xlsx': LOSS,
  'GET /admin/members': OPERATIONS,
  'GET /admin/members/coupon-templates': OPERATIONS,
  'POST /admin/members/coupon-templates': OPERATIONS,
  'DELETE /admin/members/coupon-templates/{purpose}/{templateId}': OPERATIONS,
  'GET /admin/network': OPERATIONS,
  'GET /admin/orders': ORDERS,
  'GET /admin/orders/uncollected': ORDERS,
  'POST /admin/pickup-points': OPERATIONS,
  'PATCH /admin/pickup-points/{id}': OPERATIONS,
  'GET /admin/points/report': OPERATIONS,
  'GET /admin/products': PRODUCTS,
  'POST /admin/products': BUYING,
  'PATCH /admin/products/{id}': BUYING,
  'POST /admin/products/{id}/images': BUYING,
  'PUT /admin/products/{id}/images/order': BUYING,
  'DELETE /admin/products/{id}/images/{imageId}': BUYING,
  'GET /admin/promotions/full-reduction': OPERATIONS,
  'POST /admin/promotions/full-reduction': OPERATIONS,
  'PATCH /admin/promotions/full-reduction/{id}': OPERATIONS,
  'POST /admin/promotions/full-reduction/{id}/pause': OPERATIONS,
  'POST /admin/promotions/full-reduction/{id}/resume': OPERATIONS,
  'GET /admin/purchase-orders': PURCHASING,
  'GET /admin/purchase-orders/export.xlsx': PURCHASING,
  'POST /admin/purchase-orders/{id}/receive': WAREHOUSE,
  'POST /admin/purchase-orders/{id}/receive/preview': WAREHOUSE,
  'POST /admin/purchase-orders/{id}/supplier-returns': BUYING,
  'GET /admin/recalls': PURCHASING,
  'POST /admin/recalls': BUYING,
  'GET /admin/recalls/lots': PURCHASING,
  'POST /admin/recalls/preview': BUYING,
  'GET /admin/recalls/{id}': PURCHASING,
  'POST /admin/recalls/{id}/close': BUYING,
  'POST /admin/recalls/{id}/confirm': BUYING,
  'GET /admin/recalls/{id}/lines': PURCHASING,
  'GET /admin/recalls/{id}/lines.xlsx': PURCHASING,
  'POST /admin/recalls/{id}/refund': BUYING,
  'POST /admin/recalls/{id}/returns': WAREHOUSE,
  'GET /admin/referrals': OPERATIONS,
  'GET /admin/refunds': SERVICE,
  'POST /admin/refunds/{id}/approve': SERVICE,
  'POST /admin/refunds/{id}/approve/preview': SERVICE,
  'POST /admin/refunds/{id}/reject': SERVICE,
  'GET /admin/regions': STAFF,
  'POST /admin/regions': ADMIN,
  'PATCH /admin/regions/{id}': ADMIN,
  'GET /admin/rfm': OPERATIONS,
  'GET /admin/rfm/export.xlsx': OPERATIONS,
  'POST /admin/rfm/recompute': OPERATIONS,
  'GET /admin/route-costs': FINANCE,
  'POST /admin/routes': ADMIN,
  'PATCH /admin/routes/{id}': ADMIN,
  'PUT /admin/routes/{id}/costs/{date}': FINANCE,
  'GET /admin/settings': SETTINGS,
  'PUT /admin/settings/{key}': ADMIN,
  'GET /admin/sorting-lists': WAREHOUSE,
  'POST /admin/sorting-lists/dispatch': WAREHOUSE,
  'GET /admin/sorting-lists/export.xlsx': WAREHOUSE,
  'GET /admin/stock-counts': WAREHOUSE,
  'POST /admin/stock-counts': WAREHOUSE,
  'GET /admin/stock-counts/{id}': WAREHOUSE,
  'PUT /admin/stock-counts/{id}/lines': WAREHOUSE,
  'POST /admin/stock-counts/{id}/post': WAREHOUSE,
  'GET /admin/supplier-payables': FINANCE,
  'GET /admin/supplier-scorecards': BUYING,
  'POST /admin/supplier-scorecards/proposals/{id}/confirm': BUYING,
  'GET /admin/supplier-statements': FINANCE,
  'POST /admin/supplier-statements': FINANCE,
  'GET /admin/supplier-statements/{id}': FINANCE,
  'GET /admin/supplier-statements/{id}/export.xlsx': FINANCE,
  'POST /admin/supplier-statements/{id}/pay': FINANCE,
  'GET /admin/suppliers': BUYING,
  'POST /admin/suppliers': BUYING,
  'GET /admin/suppliers/{id}': BUYING,
  'PATCH /admin/suppliers/{id}': BUYING,
  'POST /admin/suppliers/{id}/documents': BUYING,
  'GET /admin/suppliers/{id}/documents/{documentId}/file': BUYING,
  'POST /admin/suppliers/{id}/documents/{documentId}/review': BUYING,
  'GET /admin/suppliers/{id}/scorecard': BUYING,
  'GET /admin/targeted-campaigns': OPERATIONS,
  'POST /admin/targeted-campaigns': OPERATIONS,
  'GET /admin/targeted-campaigns/{id}': OPERATIONS,
  'POST /admin/targeted-campaigns/{id}/launch': OPERATIONS,
  'GET /admin/targeted-campaigns/{id}/result': OPERATIONS,
  'GET /admin/targeted-campaigns/{id}/result/export.xlsx': OPERATIONS,
  'GET /admin/temperature-loggers': ADMIN,
  'POST /admin/temperature-loggers': ADMIN,
  'GET /admin/temperature-readings': WAREHOUSE,
  'POST /admin/temperature-readings': WAREHOUSE,
  'GET /admin/users': ADMIN,
  'POST /admin/users': ADMIN,
  'POST /admin/users/{id}/disable': ADMIN,
  'POST /admin/users/{id}/enable': ADMIN,
  'PUT /admin/users/{id}/regions': ADMIN,
  'PUT /admin/users/{id}/roles': ADMIN,
  'POST /admin/warehouses': ADMIN,
  'PATCH /admin/warehouses/{id}': ADMIN,
  'GET /admin/withdrawals': FINANCE,
  'POST /admin/withdrawals/{id}/pay': FINANCE,
  'POST /admin/withdrawals/{id}/reject': FINANCE,
  'GET /api/health': PUBLIC,
  'POST /auth/login': PUBLIC,
  'POST /auth/login-by-code': PUBLIC,
  'POST /auth/logout': SIGNED_IN,
  'POST /auth/logout-all': SIGNED_IN,
  'GET /auth/options': PUBLIC,
  'POST /auth/password': SIGNED_IN,
  'POST /auth/register': PUBLIC,
  'POST /auth/sms-code': PUBLIC,
  'GET /auth/wechat/authorize-url': PUBLIC,
  'POST /auth/wechat/bind': PUBLIC,
  'POST /auth/wechat/miniprogram': PUBLIC,
  'POST /auth/wechat/oauth': PUBLIC,
  'GET /me/wechat': SIGNED_IN,
  'DELETE /me/wechat/{appId}': SIGNED_IN,
  'GET /campaigns/active': PUBLIC,
  'GET /categories': PUBLIC,
  'POST /checkout/coupons': SIGNED_IN,
  'POST /checkout/day': SIGNED_IN,
  'POST /checkout/day/coupons': SIGNED_IN,
  'POST /checkout/day/quote': SIGNED_IN,
  'POST /checkout/quote': SIGNED_IN,
  'POST /coldchain/logger-readings': PUBLIC,
  'POST /coupons/claim': SIGNED_IN,
  'GET /coupons/claimable': SIGNED_IN,
  'GET /deals/{id}': PUBLIC,
  'POST /events': PUBLIC,
  'POST /leader/arrivals': LEADER,
  'POST /leader/arrivals/refuse': LEADER,
  'GET /leader/campaigns': LEADER,
  'GET /leader/commissions': LEADER,
  'GET /leader/commissions/breakdown': LEADER,
  'GET /leader/customers': LEADER,
  'POST /leader/customers/{id}/coupon': LEADER,
  'POST /leader/customers/{id}/message': LEADER,
  'GET /leader/grade': LEADER,
  'GET /leader/leaderboard': LEADER,
  'GET /leader/home': LEADER,
  'GET /leader/me': LEADER,
  'GET /leader/orders': LEADER,
  'GET /leader/orders/by-product': LEADER,
  'GET /leader/orders/uncollected': LEADER,
  'POST /leader/orders/{id}/pickup': LEADER,
  'POST /leader/pickup-reminders': LEADER,
  'POST /leader/pickups/lookup': LEADER,
  'GET /leader/pickups/search': LEADER,
  'POST /leader/pickups/verify': LEADER,
  'POST /leader/pickups/{id}/undo': LEADER,
  'GET /leader/recalls': LEADER,
  'POST /leader/recalls/{id}/returns': LEADER,
  'GET /leader/sorting-list': LEADER,
  'POST /leader/temperature-readings': LEADER,
  'GET /leader/withdrawals': LEADER,
  'POST /leader/withdrawals': LEADER,
  'GET /me': SIGNED_IN,
  'POST /me/check-in': SIGNED_IN,
  'GET /me/check-ins': SIGNED_IN,
  'GET /me/coupons': SIGNED_IN,
  'GET /me/deal-variants': SIGNED_IN,
  'GET /me/flash-reminders': SIGNED_IN,
  'POST /me/flash-reminders': SIGNED_IN,
  'DELETE /me/flash-reminders/{campaignItemId}': SIGNED_IN,
  'GET /me/growth': SIGNED_IN,
  'GET /me/membership': SIGNED_IN,
  'POST /me/membership': SIGNED_IN,
  'GET /me/membership/savings': SIGNED_IN,
  'GET /me/notifications': SIGNED_IN,
  'GET /me/orders': SIGNED_IN,
  'PUT /me/pickup-point': SIGNED_IN,
  'GET /me/points': SIGNED_IN,
  'PUT /me/profile': SIGNED_IN,
  'GET /me/refunds': SIGNED_IN,
  'POST /me/shares': SIGNED_IN,
  'POST /orders': SIGNED_IN,
  'GET /orders/{id}': SIGNED_IN,
  'POST /orders/{id}/cancel': SIGNED_IN,
  'POST /orders/{id}/pay': SIGNED_IN,
  'GET /orders/{id}/refunds': SIGNED_IN,
  'POST /orders/{id}/refunds': SIGNED_IN,
  'POST /orders/{id}/review': SIGNED_IN,
  'POST /payment-groups/{id}/pay': SIGNED_IN,
  'POST /payments/simpay/notify': PUBLIC,
  'POST /payments/wechatpay/refund-notify': PUBLIC,
  'POST /payments/wechatpay/notify': PUBLIC,
  'GET /pickup-points': PUBLIC,
  'GET /products/{id}': PUBLIC,
  'GET /search': PUBLIC,
  'GET /search/popular': PUBLIC,
  'GET /simpay/payments/{id}': SIGNED_IN,
  'POST /simpay/payments/{id}/confirm': SIGNED_IN,
};

// every role the app knows: a new one is tried on every route as soon as it exists
const CALLERS = ROLES;

let server: TestServer;
const tokens = new Map<Role, string>();
const logins = new Map<Role, { phone: string; password: string }>();
/** routes that end the caller's session: the caller signs in again after them */
const ENDS_SESSION = new Set(['POST /auth/logout', 'POST /auth/logout-all']);
const signIn = async (role: Role) =>
  tokens.set(role, (await new Api(server.app).post('/auth/login', logins.get(role))).body.token);

beforeAll(async () => {
  server = await startTestServer();
  const admin = await adminApi(server);
  for (const role of CALLERS) {
    if (role === 'leader') continue;
    const phone = nextPhone();
    const password = `${role}-pass-123`;
    const made = await admin.post('/admin/users', { phone, password, name: role, roles: [role] });
    expect(made.status).toBe(201);
    logins.set(role, { phone, password });
    await signIn(role);
  }
  // a leader is a customer appointed to a pickup point (and keeps shopping)
  const world = await createWorld(server);
  logins.set('leader', { phone: world.leaders[0].phone, password: 'customer-123' });
  await signIn('leader');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** the routes the app documents, with the rule each declares */
function declared(): Record<string, Rule> {
  const doc = server.app.swagger() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const found: Record<string, Rule> = {};
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      found[`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`] = isPublic
        ? PUBLIC
        : ((op['x-roles'] as Role[] | undefined) ?? SIGNED_IN);
    }
  return found;
}

describe('role rules', () => {
  it('has a rule for every route, and every route declares the rule of its row', () => {
    const routes = declared();
    const missing = Object.keys(routes).filter((r) => !(r in EXPECTED));
    expect(missing, 'routes without a row in this table').toEqual([]);
    const gone = Object.keys(EXPECTED).filter((r) => !(r in routes));
    expect(gone, 'rows of routes the app no longer has').toEqual([]);
    for (const [route, rule] of Object.entries(routes)) {
      const want = EXPECTED[route];
      expect([route, Array.isArray(rule) ? [...rule].sort() : rule]).toEqual([
        route,
        Array.isArray(want) ? [...want].sort() : want,
      ]);
    }
  });

  it('refuses every role a route does not name and lets through every role it names', async () => {
    const wrong: string[] = [];
    for (const [route, rule] of Object.entries(EXPECTED)) {
      const [method, path] = route.split(' ');
      // a made-up object: the rule is decided before the route looks at it
      const url = `/api/v1${path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-00000000dead')}`;
      for (const caller of [null, ...CALLERS]) {
        const res = await server.app.inject({
          method: method as 'GET',
          url,
          headers: {
            ...(caller ? { authorization: `Bearer ${tokens.get(caller)}` } : {}),
            ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
          },
          payload: method === 'GET' || method === 'DELETE' ? undefined : '{}',
        });
        const allowed = rule === PUBLIC || (caller !== null && (rule === SIGNED_IN || rule.includes(caller)));
        // the rule's refusals: no session (401 UNAUTHENTICATED), or a role it does not name (403 FORBIDDEN)
        const error = res.statusCode >= 400 ? JSON.parse(res.body).error : undefined;
        const refused =
          (res.statusCode === 401 && error?.code === 'UNAUTHENTICATED') ||
          (res.statusCode === 403 && error?.code === 'FORBIDDEN' && error.message === 'Not allowed for your role');
        if (allowed === refused)
          wrong.push(`${route} as ${caller ?? 'anonymous'}: ${res.statusCode} ${error?.code ?? ''}`);
        if (caller && ENDS_SESSION.has(route)) await signIn(caller);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
