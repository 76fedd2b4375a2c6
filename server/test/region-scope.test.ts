import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api, nextPhone } from './client.js';
import { exec, one, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { raiseAlert } from '../src/modules/alerts/service.js';
import { createMarkdownDeals } from '../src/modules/freshness/jobs.js';
import { computeRfm } from '../src/modules/segments/service.js';
import { onPostgres, startServerProcesses, type ServerProcess } from './workers.js';

/**
 * Operators limited to regions (decision 029): two cities A (the default region) and B, each with
 * its network, leader, customers, campaigns, orders and the cutoff's documents. An operator limited
 * to B is tried on every console route the app has: lists hold only B's objects, A's objects are
 * 404 (403 on routes for operators of every region) with nothing written, and B's objects work.
 */

let server: TestServer;
let world: World;
let limited: Api; // an admin limited to region B
let limitedId: string;
let depot: Api; // warehouse staff limited to region B

const s = {} as Record<string, string>;
/** the ids of A's and of B's objects, whatever their kind, to tell list entries apart */
const ofA = new Set<string>();
const ofB = new Set<string>();

const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const hourFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

async function ok<T = any>(res: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Every table's rows, hashed: equal before and after a refused call means it wrote nothing.
 * Sessions are left out (a request renews its session's last use).
 */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(
    server.ctx.db,
    sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'sessions' order by 1`,
  );
  const parts = tables.map(
    (t) =>
      sql`select ${t.name} as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from ${sql.identifier(t.name)} x`,
  );
  const found = await rows<{ name: string; hash: string }>(server.ctx.db, sql.join(parts, sql` union all `));
  return Object.fromEntries(found.map((r) => [r.name, r.hash]));
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Call {
  path: string;
  body?: unknown;
  /** the answer expected from the limited operator (default: 2xx) */
  status?: number | number[];
}
interface Case {
  policy: 'all' | 'scoped' | 'shared';
  /** calls naming another region's object (or, for `all`, any call): 404 / 403 and nothing written */
  other?: (Call & { code?: string })[];
  /** calls on B's objects the limited operator may make */
  own?: Call[];
  /** a list: the ids it answers, and whether both regions must have entries in it */
  list?: { path: string; ids: (body: any) => string[]; bothHaveEntries: boolean };
  /** called by warehouse staff rather than the admin */
  byDepot?: boolean;
  /** why a case has no own/list check */
  note?: string;
}

const uuid = () => randomUUID();
const forbiddenCall = (path: string, body?: unknown): Call & { code: string } => ({
  path,
  body,
  status: 403,
  code: 'REGION_FORBIDDEN',
});

/** Every console route (and the shop routes an admin acts on as an operator), by method and path. */
const cases = (): Record<string, Case> => ({
  // accounts: for operators of every region
  'POST /admin/users': {
    policy: 'all',
    other: [
      forbiddenCall('/admin/users', { phone: nextPhone(), password: 'staff-pass-123', name: '新人', roles: ['admin'] }),
    ],
  },
  'GET /admin/users': { policy: 'all', other: [forbiddenCall('/admin/users')] },
  'POST /admin/users/{id}/disable': { policy: 'all', other: [forbiddenCall(`/admin/users/${s.customerA}/disable`)] },
  'POST /admin/users/{id}/enable': { policy: 'all', other: [forbiddenCall(`/admin/users/${s.customerA}/enable`)] },
  'PUT /admin/users/{id}/roles': {
    policy: 'all',
    // a limited operator cannot change anyone's roles, their own included
    other: [forbiddenCall(`/admin/users/${limitedId}/roles`, { roles: ['admin', 'finance'] })],
  },
  'PUT /admin/users/{id}/regions': {
    policy: 'all',
    // a limited operator cannot give themselves more regions
    other: [
      forbiddenCall(`/admin/users/${limitedId}/regions`, { regionIds: null }),
      forbiddenCall(`/admin/users/${limitedId}/regions`, { regionIds: [s.regionA, s.regionB] }),
    ],
  },

  // regions and the network
  'POST /admin/regions': {
    policy: 'all',
    other: [forbiddenCall('/admin/regions', { name: '新城', timeZone: 'Asia/Shanghai' })],
  },
  'GET /admin/regions': {
    policy: 'scoped',
    list: { path: '/admin/regions', ids: (b) => b.map((r: any) => r.id), bothHaveEntries: true },
  },
  'PATCH /admin/regions/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/regions/${s.regionA}`, body: { name: '改名' }, status: 404 }],
    own: [{ path: `/admin/regions/${s.regionB}`, body: { name: '乌鲁木齐市' } }],
  },
  'POST /admin/warehouses': {
    policy: 'scoped',
    other: [
      { path: '/admin/warehouses', body: { name: '越区网格仓', kind: 'grid', parentId: s.centralA }, status: 404 },
      forbiddenCall('/admin/warehouses', { name: '越区中心仓', kind: 'central', regionId: s.regionA }),
      // without regionId: the default region (A), not granted
      forbiddenCall('/admin/warehouses', { name: '默认区中心仓', kind: 'central' }),
    ],
    own: [
      { path: '/admin/warehouses', body: { name: '新网格仓', kind: 'grid', parentId: s.centralB } },
      { path: '/admin/warehouses', body: { name: '第二中心仓', kind: 'central', regionId: s.regionB } },
    ],
  },
  'POST /admin/routes': {
    policy: 'scoped',
    other: [{ path: '/admin/routes', body: { name: '越区线', warehouseId: s.gridA }, status: 404 }],
    own: [{ path: '/admin/routes', body: { name: '新线', warehouseId: s.gridB } }],
  },
  'POST /admin/pickup-points': {
    policy: 'scoped',
    other: [
      { path: '/admin/pickup-points', body: { name: '越区点', address: '某路', routeId: s.routeA }, status: 404 },
    ],
    own: [{ path: '/admin/pickup-points', body: { name: '新点', address: '新路1号', routeId: s.routeB } }],
  },
  'PATCH /admin/warehouses/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/warehouses/${s.centralA}`, body: { name: '改名仓' }, status: 404 }],
    own: [{ path: `/admin/warehouses/${s.centralB}`, body: { name: '乌鲁木齐总仓' } }],
  },
  'PATCH /admin/routes/{id}': {
    policy: 'scoped',
    other: [
      { path: `/admin/routes/${s.routeA}`, body: { name: '改名线' }, status: 404 },
      // moving one's own route into another region's warehouse
      { path: `/admin/routes/${s.routeB}`, body: { warehouseId: s.gridA }, status: 404 },
    ],
    own: [{ path: `/admin/routes/${s.routeB}`, body: { name: '天山干线' } }],
  },
  'PATCH /admin/pickup-points/{id}': {
    policy: 'scoped',
    other: [
      { path: `/admin/pickup-points/${s.pointA}`, body: { name: '改名点' }, status: 404 },
      { path: `/admin/pickup-points/${s.pointB}`, body: { routeId: s.routeA }, status: 404 },
    ],
    own: [{ path: `/admin/pickup-points/${s.pointB}`, body: { address: '天山路2号' } }],
  },
  'GET /admin/network': {
    policy: 'scoped',
    list: {
      path: '/admin/network',
      ids: (b) => [...b.warehouses.map((w: any) => w.id), ...b.routes.map((r: any) => r.id)],
      bothHaveEntries: true,
    },
  },

  // the shared catalogue: read by all, changed by operators of every region
  'GET /admin/suppliers': { policy: 'shared', own: [{ path: '/admin/suppliers' }] },
  'GET /admin/products': { policy: 'shared', own: [{ path: '/admin/products' }] },
  'POST /admin/suppliers': { policy: 'all', other: [forbiddenCall('/admin/suppliers', { name: '越权供应商' })] },
  'PATCH /admin/suppliers/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/suppliers/${world.supplierIds[0]}`, { name: '改名' })],
  },
  'POST /admin/products': { policy: 'all', other: [forbiddenCall('/admin/products', { name: '越权商品' })] },
  'PATCH /admin/products/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/products/${world.products[0].id}`, { name: '改名' })],
  },
  'POST /admin/products/{id}/images': {
    policy: 'all',
    other: [forbiddenCall(`/admin/products/${world.products[0].id}/images`, {})],
  },
  'PUT /admin/products/{id}/images/order': {
    policy: 'all',
    other: [forbiddenCall(`/admin/products/${world.products[0].id}/images/order`, { imageIds: [uuid()] })],
  },
  'DELETE /admin/products/{id}/images/{imageId}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/products/${world.products[0].id}/images/${uuid()}`)],
  },
  'POST /admin/categories': { policy: 'all', other: [forbiddenCall('/admin/categories', { name: '越权类目' })] },
  'GET /admin/suppliers/{id}': { policy: 'shared', own: [{ path: `/admin/suppliers/${world.supplierIds[0]}` }] },
  'POST /admin/suppliers/{id}/documents': {
    policy: 'all',
    other: [forbiddenCall(`/admin/suppliers/${world.supplierIds[0]}/documents?kind=other&number=1`, {})],
  },
  'POST /admin/suppliers/{id}/documents/{documentId}/review': {
    policy: 'all',
    other: [
      forbiddenCall(`/admin/suppliers/${world.supplierIds[0]}/documents/${s.documentId}/review`, {
        decision: 'approved',
      }),
    ],
  },
  'GET /admin/suppliers/{id}/documents/{documentId}/file': {
    policy: 'shared',
    own: [{ path: `/admin/suppliers/${world.supplierIds[0]}/documents/${uuid()}/file`, status: 404 }],
    note: 'the file itself is read by the supplier test; here an unknown document is 404 for everyone alike',
  },

  // the alert inbox: alerts of no region are everyone's, a region's only its operators'
  // operating thresholds hold for every region: read by all, changed by operators of every region
  'GET /admin/settings': { policy: 'shared', own: [{ path: '/admin/settings' }] },

  // supplier scorecards (suppliers are shared) and payables (the receiving warehouse's region)
  'GET /admin/supplier-scorecards': { policy: 'shared', own: [{ path: '/admin/supplier-scorecards' }] },
  'GET /admin/suppliers/{id}/scorecard': {
    policy: 'shared',
    own: [{ path: `/admin/suppliers/${world.supplierIds[0]}/scorecard` }],
  },
  'POST /admin/supplier-scorecards/proposals/{id}/confirm': {
    policy: 'all',
    other: [forbiddenCall(`/admin/supplier-scorecards/proposals/${uuid()}/confirm`)],
  },
  'GET /admin/supplier-payables': {
    policy: 'scoped',
    list: {
      path: `/admin/supplier-payables?supplierId=${world.supplierIds[0]}`,
      ids: (b) => b.items.map((p: any) => p.id),
      bothHaveEntries: true,
    },
  },
  'POST /admin/purchase-orders/{id}/supplier-returns': {
    policy: 'scoped',
    other: [
      {
        path: `/admin/purchase-orders/${s.poA}/supplier-returns`,
        body: { productId: world.products[0].id, quantity: 1, reason: '质量问题' },
        status: 404,
      },
    ],
    // received by the case above: back to the supplier if its lot has units left in stock
    own: [
      {
        path: `/admin/purchase-orders/${s.poB}/supplier-returns`,
        body: { productId: (s as any).poBLines[0].productId, quantity: 1, reason: '质量问题' },
        status: [201, 409],
      },
    ],
  },
  'GET /admin/supplier-statements': {
    policy: 'scoped',
    list: { path: '/admin/supplier-statements', ids: (b) => b.map((x: any) => x.id), bothHaveEntries: true },
  },
  'POST /admin/supplier-statements': {
    policy: 'scoped',
    own: [{ path: '/admin/supplier-statements', body: { period: new Date().toISOString().slice(0, 7) }, status: 200 }],
  },
  'GET /admin/supplier-statements/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/supplier-statements/${s.statementA}`, status: 404 }],
    own: [{ path: `/admin/supplier-statements/${s.statementB}` }],
  },
  'GET /admin/supplier-statements/{id}/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/supplier-statements/${s.statementA}/export.xlsx`, status: 404 }],
    own: [{ path: `/admin/supplier-statements/${s.statementB}/export.xlsx` }],
  },
  'POST /admin/supplier-statements/{id}/pay': {
    policy: 'scoped',
    other: [{ path: `/admin/supplier-statements/${s.statementA}/pay`, body: { reference: 'A-1' }, status: 404 }],
    own: [{ path: `/admin/supplier-statements/${s.statementB}/pay`, body: { reference: 'B-1' } }],
  },
  'PUT /admin/settings/{key}': {
    policy: 'all',
    other: [forbiddenCall('/admin/settings/freshness.lossRateLimitBps', { value: 300 })],
  },
  'GET /admin/alerts': {
    policy: 'scoped',
    list: { path: '/admin/alerts?all=true', ids: (b) => b.items.map((a: any) => a.id), bothHaveEntries: true },
  },
  'POST /admin/alerts/{id}/ack': {
    policy: 'scoped',
    other: [{ path: `/admin/alerts/${s.alertA}/ack`, status: 404 }],
    own: [{ path: `/admin/alerts/${s.alertB}/ack`, status: 200 }],
  },

  // leaders
  'POST /admin/leaders': {
    policy: 'scoped',
    other: [
      {
        path: '/admin/leaders',
        body: { userId: s.spareCustomer, pickupPointId: s.pointA2, commissionBps: 800 },
        status: 404,
      },
    ],
    own: [{ path: '/admin/leaders', body: { userId: s.spareCustomer, pickupPointId: s.pointB2, commissionBps: 800 } }],
  },
  'GET /admin/leaders': {
    policy: 'scoped',
    list: { path: '/admin/leaders', ids: (b) => b.map((l: any) => l.id), bothHaveEntries: true },
  },
  'PATCH /admin/leaders/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/leaders/${s.leaderA}`, body: { commissionBps: 1 }, status: 404 }],
    own: [{ path: `/admin/leaders/${s.leaderB}`, body: { commissionBps: 1200 } }],
  },
  'GET /admin/orders/uncollected': {
    policy: 'scoped',
    list: { path: '/admin/orders/uncollected', ids: (b) => b.map((o: any) => o.id), bothHaveEntries: false },
    note: 'no order is past its pickup day here: the list is checked to hold nothing of A',
  },

  // campaigns
  'POST /admin/campaigns': {
    policy: 'scoped',
    other: [
      forbiddenCall('/admin/campaigns', campaignBody('越区团', { regionId: s.regionA })),
      forbiddenCall('/admin/campaigns', campaignBody('默认区团')),
    ],
    own: [{ path: '/admin/campaigns', body: campaignBody('乌鲁木齐明日团', { regionId: s.regionB }) }],
  },
  'GET /admin/campaigns': {
    policy: 'scoped',
    list: { path: '/admin/campaigns?limit=100', ids: (b) => b.map((c: any) => c.id), bothHaveEntries: true },
  },
  'GET /admin/campaigns/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.campaignA}`, status: 404 }],
    own: [{ path: `/admin/campaigns/${s.campaignB}` }],
  },
  'PATCH /admin/campaigns/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.laterA}`, body: { title: '改名' }, status: 404 }],
    own: [{ path: `/admin/campaigns/${s.laterB}`, body: { title: '乌鲁木齐后天团' } }],
  },
  'POST /admin/campaigns/{id}/copy-to-tomorrow': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.campaignA}/copy-to-tomorrow`, body: {}, status: 404 }],
    own: [{ path: `/admin/campaigns/${s.campaignB}/copy-to-tomorrow`, body: {} }],
  },
  'POST /admin/campaigns/{id}/items': {
    policy: 'scoped',
    other: [
      {
        path: `/admin/campaigns/${s.laterA}/items`,
        body: { productId: world.products[3].id, priceFen: 100 },
        status: 404,
      },
    ],
    own: [{ path: `/admin/campaigns/${s.laterB}/items`, body: { productId: world.products[3].id, priceFen: 100 } }],
  },
  'PATCH /admin/campaigns/{id}/items/{itemId}': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.laterA}/items/${s.laterAItem}`, body: { quota: 1 }, status: 404 }],
    own: [{ path: `/admin/campaigns/${s.laterB}/items/${s.laterBItem}`, body: { quota: 50 } }],
  },
  'DELETE /admin/campaigns/{id}/items/{itemId}': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.laterA}/items/${s.laterAItem}`, status: 404 }],
    own: [{ path: `/admin/campaigns/${s.laterB}/items/${s.laterBItem2}` }],
  },
  'POST /admin/campaigns/{id}/cutoff/preview': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.laterA}/cutoff/preview`, status: 404 }],
    own: [{ path: `/admin/campaigns/${s.laterB}/cutoff/preview`, status: 200 }],
  },
  'POST /admin/campaigns/{id}/cutoff': {
    policy: 'scoped',
    other: [{ path: `/admin/campaigns/${s.laterA}/cutoff`, status: 404 }],
    // B's campaign was cut off: running it again answers the counts
    own: [{ path: `/admin/campaigns/${s.campaignB}/cutoff`, status: 200 }],
  },

  // promotions: shared reads, changes for operators of every region
  'GET /admin/promotions/full-reduction': { policy: 'shared', own: [{ path: '/admin/promotions/full-reduction' }] },
  'GET /admin/coupon-templates': { policy: 'shared', own: [{ path: '/admin/coupon-templates' }] },
  'POST /admin/promotions/full-reduction': {
    policy: 'all',
    other: [forbiddenCall('/admin/promotions/full-reduction', {})],
  },
  'PATCH /admin/promotions/full-reduction/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/promotions/full-reduction/${uuid()}`, {})],
  },
  'POST /admin/promotions/full-reduction/{id}/pause': {
    policy: 'all',
    other: [forbiddenCall(`/admin/promotions/full-reduction/${uuid()}/pause`)],
  },
  'POST /admin/promotions/full-reduction/{id}/resume': {
    policy: 'all',
    other: [forbiddenCall(`/admin/promotions/full-reduction/${uuid()}/resume`)],
  },
  'POST /admin/coupon-templates': { policy: 'all', other: [forbiddenCall('/admin/coupon-templates', {})] },
  'PATCH /admin/coupon-templates/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/coupon-templates/${uuid()}`, {})],
  },
  'POST /admin/coupon-templates/{id}/pause': {
    policy: 'all',
    other: [forbiddenCall(`/admin/coupon-templates/${uuid()}/pause`)],
  },
  'POST /admin/coupon-templates/{id}/resume': {
    policy: 'all',
    other: [forbiddenCall(`/admin/coupon-templates/${uuid()}/resume`)],
  },
  'POST /admin/coupon-templates/{id}/grant': {
    policy: 'all',
    other: [forbiddenCall(`/admin/coupon-templates/${uuid()}/grant`, { userIds: [s.customerB] })],
  },

  // orders
  'GET /admin/orders': {
    policy: 'scoped',
    list: { path: '/admin/orders', ids: (b) => b.map((o: any) => o.id), bothHaveEntries: true },
  },
  'GET /orders/{id}': {
    policy: 'scoped',
    other: [{ path: `/orders/${s.orderA}`, status: 404 }],
    own: [{ path: `/orders/${s.orderB}` }],
  },
  'POST /orders/{id}/cancel': {
    policy: 'scoped',
    other: [{ path: `/orders/${s.unpaidA}/cancel`, status: 404 }],
    own: [{ path: `/orders/${s.unpaidB}/cancel` }],
  },
  'GET /orders/{id}/refunds': {
    policy: 'scoped',
    other: [{ path: `/orders/${s.orderA}/refunds`, status: 404 }],
    own: [{ path: `/orders/${s.orderB}/refunds` }],
  },

  // fulfilment
  'GET /admin/purchase-orders': {
    policy: 'scoped',
    list: { path: '/admin/purchase-orders', ids: (b) => b.map((p: any) => p.id), bothHaveEntries: true },
    byDepot: true,
  },
  'POST /admin/purchase-orders/{id}/receive/preview': {
    policy: 'scoped',
    other: [{ path: `/admin/purchase-orders/${s.poA}/receive/preview`, body: { lines: [] }, status: 404 }],
    own: [{ path: `/admin/purchase-orders/${s.poB}/receive/preview`, body: { lines: s.poBLines }, status: 200 }],
    byDepot: true,
  },
  'POST /admin/purchase-orders/{id}/receive': {
    policy: 'scoped',
    other: [{ path: `/admin/purchase-orders/${s.poA}/receive`, body: { lines: [] }, status: 404 }],
    own: [{ path: `/admin/purchase-orders/${s.poB}/receive`, body: { lines: s.poBLines } }],
    byDepot: true,
  },
  'GET /admin/sorting-lists': {
    policy: 'scoped',
    other: [{ path: `/admin/sorting-lists?campaignId=${s.campaignA}`, status: 404 }],
    list: {
      path: `/admin/sorting-lists?campaignId=${s.campaignB}`,
      ids: (b) => b.map((l: any) => l.id),
      bothHaveEntries: false,
    },
  },
  'POST /admin/sorting-lists/dispatch': {
    policy: 'scoped',
    other: [
      { path: '/admin/sorting-lists/dispatch', body: { campaignId: s.campaignA, routeId: s.routeA }, status: 404 },
      { path: '/admin/sorting-lists/dispatch', body: { campaignId: s.campaignB, routeId: s.routeA }, status: 404 },
    ],
    own: [{ path: '/admin/sorting-lists/dispatch', body: { campaignId: s.campaignB, routeId: s.routeB } }],
  },
  'GET /admin/delivery-manifests': {
    policy: 'scoped',
    other: [{ path: `/admin/delivery-manifests?campaignId=${s.campaignA}`, status: 404 }],
    list: {
      path: `/admin/delivery-manifests?campaignId=${s.campaignB}`,
      ids: (b) => b.map((m: any) => m.id),
      bothHaveEntries: false,
    },
  },
  'GET /admin/purchase-orders/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/purchase-orders/export.xlsx?campaignId=${s.campaignA}`, status: 404 }],
    own: [{ path: `/admin/purchase-orders/export.xlsx?campaignId=${s.campaignB}` }],
  },
  'GET /admin/sorting-lists/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/sorting-lists/export.xlsx?campaignId=${s.campaignA}`, status: 404 }],
    own: [{ path: `/admin/sorting-lists/export.xlsx?campaignId=${s.campaignB}` }],
  },

  // inventory
  'GET /admin/inventory': {
    policy: 'scoped',
    list: { path: '/admin/inventory', ids: (b) => b.map((x: any) => x.warehouseId), bothHaveEntries: true },
    byDepot: true,
  },
  'GET /admin/inventory/turnover': {
    policy: 'scoped',
    list: { path: '/admin/inventory/turnover', ids: (b) => b.map((x: any) => x.warehouseId), bothHaveEntries: true },
    byDepot: true,
  },
  'GET /admin/inventory/turnover/export.xlsx': {
    policy: 'scoped',
    own: [{ path: '/admin/inventory/turnover/export.xlsx' }],
    byDepot: true,
    note: 'the workbook holds the rows of the table, whose scope the case above checks',
  },
  'POST /admin/inventory/adjust': {
    policy: 'scoped',
    other: [
      {
        path: '/admin/inventory/adjust',
        body: { warehouseId: s.centralA, productId: world.products[1].id, quantityDelta: 5, reason: '盘点' },
        status: 404,
      },
    ],
    own: [
      {
        path: '/admin/inventory/adjust',
        body: { warehouseId: s.centralB, productId: world.products[1].id, quantityDelta: 5, reason: '盘点' },
      },
    ],
    byDepot: true,
  },
  'POST /admin/inventory/transfer': {
    policy: 'scoped',
    other: [
      {
        path: '/admin/inventory/transfer',
        body: { fromWarehouseId: s.centralA, toWarehouseId: s.gridB, productId: world.products[3].id, quantity: 1 },
        status: 404,
      },
      {
        path: '/admin/inventory/transfer',
        body: { fromWarehouseId: s.centralB, toWarehouseId: s.gridA, productId: world.products[3].id, quantity: 1 },
        status: 404,
      },
    ],
    own: [
      {
        path: '/admin/inventory/transfer',
        body: { fromWarehouseId: s.centralB, toWarehouseId: s.gridB, productId: world.products[3].id, quantity: 1 },
      },
    ],
    byDepot: true,
  },
  'GET /admin/inventory/movements': {
    policy: 'scoped',
    list: {
      path: '/admin/inventory/movements?limit=200',
      ids: (b) => b.map((m: any) => m.warehouseId),
      bothHaveEntries: true,
    },
    byDepot: true,
  },
  // recalls (decision 043): a recall belongs to its warehouses' region
  'GET /admin/recalls': {
    policy: 'scoped',
    list: { path: '/admin/recalls', ids: (b) => b.map((r: any) => r.id), bothHaveEntries: true },
    byDepot: true,
  },
  'GET /admin/recalls/lots': {
    policy: 'scoped',
    list: {
      path: `/admin/recalls/lots?productId=${world.products[3].id}`,
      ids: (b) => b.map((l: any) => l.lotId),
      bothHaveEntries: true,
    },
    byDepot: true,
  },
  'POST /admin/recalls/preview': {
    policy: 'scoped',
    other: [
      { path: '/admin/recalls/preview', body: { scope: 'lot', lotId: s.lotA, reason: '抽检' }, status: 404 },
      {
        path: '/admin/recalls/preview',
        body: { scope: 'product', productId: world.products[3].id, regionId: s.regionA, reason: '抽检' },
        status: 404,
      },
    ],
    own: [{ path: '/admin/recalls/preview', body: { scope: 'lot', lotId: s.lotB, reason: '抽检' }, status: 200 }],
  },
  'POST /admin/recalls': {
    policy: 'scoped',
    other: [{ path: '/admin/recalls', body: { scope: 'lot', lotId: s.lotA, reason: '抽检' }, status: 404 }],
    own: [{ path: '/admin/recalls', body: { scope: 'product', productId: world.products[3].id, reason: '抽检' } }],
  },
  'GET /admin/recalls/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}`, status: 404 }],
    own: [{ path: `/admin/recalls/${s.recallB}` }],
    byDepot: true,
  },
  'GET /admin/recalls/{id}/lines': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}/lines`, status: 404 }],
    own: [{ path: `/admin/recalls/${s.recallB}/lines` }],
    byDepot: true,
  },
  'GET /admin/recalls/{id}/lines.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}/lines.xlsx`, status: 404 }],
    own: [{ path: `/admin/recalls/${s.recallB}/lines.xlsx` }],
    byDepot: true,
  },
  'POST /admin/recalls/{id}/confirm': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}/confirm`, status: 404 }],
    own: [{ path: `/admin/recalls/${s.recallB}/confirm`, status: 200 }],
  },
  'POST /admin/recalls/{id}/refund': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}/refund`, status: 404 }],
    own: [{ path: `/admin/recalls/${s.recallB}/refund`, status: [200, 409] }],
  },
  'POST /admin/recalls/{id}/returns': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}/returns`, body: { pickupPointId: s.pointA, units: 1 }, status: 404 }],
    own: [
      { path: `/admin/recalls/${s.recallB}/returns`, body: { pickupPointId: s.pointB, units: 1 }, status: [404, 409] },
    ],
    byDepot: true,
    note: 'region B’s recall has no sold lines: recording returns there is refused, and A’s recall is 404 first',
  },
  'POST /admin/recalls/{id}/close': {
    policy: 'scoped',
    other: [{ path: `/admin/recalls/${s.recallA}/close`, status: 404 }],
    own: [{ path: `/admin/recalls/${s.recallB}/close`, status: [200, 409] }],
  },
  'GET /admin/stock-counts': {
    policy: 'scoped',
    list: { path: '/admin/stock-counts', ids: (b) => b.map((c: any) => c.id), bothHaveEntries: true },
    byDepot: true,
  },
  'POST /admin/stock-counts': {
    policy: 'scoped',
    other: [{ path: '/admin/stock-counts', body: { warehouseId: s.gridA }, status: 404 }],
    own: [{ path: '/admin/stock-counts', body: { warehouseId: s.gridB } }],
    byDepot: true,
  },
  'GET /admin/stock-counts/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/stock-counts/${s.countA}`, status: 404 }],
    own: [{ path: `/admin/stock-counts/${s.countB}` }],
    byDepot: true,
  },
  'PUT /admin/stock-counts/{id}/lines': {
    policy: 'scoped',
    other: [
      {
        path: `/admin/stock-counts/${s.countA}/lines`,
        body: { lines: [{ productId: world.products[3].id, countedQuantity: 1 }] },
        status: 404,
      },
    ],
    own: [
      {
        path: `/admin/stock-counts/${s.countB}/lines`,
        body: { lines: [{ productId: world.products[3].id, countedQuantity: 2 }] },
      },
    ],
    byDepot: true,
  },
  'POST /admin/stock-counts/{id}/post': {
    policy: 'scoped',
    other: [{ path: `/admin/stock-counts/${s.countA}/post`, status: 404 }],
    own: [{ path: `/admin/stock-counts/${s.countB}/post` }],
    byDepot: true,
  },

  // freshness (decision 041): the rules are shared like the catalogue; lots, markdown deals and the loss report by warehouse
  'GET /admin/inventory/lots': {
    policy: 'scoped',
    list: { path: '/admin/inventory/lots', ids: (b) => b.map((x: any) => x.warehouseId), bothHaveEntries: true },
    byDepot: true,
  },
  'GET /admin/freshness/alert-rules': { policy: 'shared', own: [{ path: '/admin/freshness/alert-rules' }] },
  'PUT /admin/freshness/alert-rules': {
    policy: 'all',
    other: [forbiddenCall('/admin/freshness/alert-rules', { category: 'fresh', daysBeforeExpiry: 1 })],
  },
  'DELETE /admin/freshness/alert-rules/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/freshness/alert-rules/${uuid()}`)],
  },
  'GET /admin/freshness/markdown-rules': { policy: 'shared', own: [{ path: '/admin/freshness/markdown-rules' }] },
  'POST /admin/freshness/markdown-rules': {
    policy: 'all',
    other: [
      forbiddenCall('/admin/freshness/markdown-rules', { category: 'fresh', basis: 'age', days: 2, discountBps: 2000 }),
    ],
  },
  'DELETE /admin/freshness/markdown-rules/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/freshness/markdown-rules/${uuid()}`)],
  },
  'GET /admin/freshness/markdown-deals': {
    policy: 'scoped',
    list: { path: '/admin/freshness/markdown-deals', ids: (b) => b.map((d: any) => d.id), bothHaveEntries: true },
  },
  'GET /admin/loss-rate': {
    policy: 'scoped',
    list: { path: '/admin/loss-rate', ids: (b) => b.items.map((r: any) => r.warehouseId), bothHaveEntries: true },
  },
  // A/B experiments (decision 048): an experiment belongs to its deal's region
  'GET /admin/experiments': {
    policy: 'scoped',
    list: { path: '/admin/experiments', ids: (b) => b.map((e: any) => e.id), bothHaveEntries: true },
  },
  'POST /admin/experiments': {
    policy: 'scoped',
    other: [{ path: '/admin/experiments', body: (s as any).experimentBody?.(s.dealA), status: 404 }],
    own: [{ path: '/admin/experiments', body: (s as any).experimentBody?.(s.dealB) }],
  },
  'GET /admin/experiments/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/experiments/${s.experimentA}`, status: 404 }],
    own: [{ path: `/admin/experiments/${s.experimentB}` }],
  },
  'PUT /admin/experiments/{id}': {
    policy: 'scoped',
    other: [
      { path: `/admin/experiments/${s.experimentA}`, body: (s as any).experimentBody?.(s.dealA), status: 404 },
      // moving one's own draft onto another region's deal
      { path: `/admin/experiments/${s.experimentB}`, body: (s as any).experimentBody?.(s.dealA), status: 404 },
    ],
    own: [{ path: `/admin/experiments/${s.experimentB}`, body: (s as any).experimentBody?.(s.dealB) }],
  },
  'POST /admin/experiments/{id}/start': {
    policy: 'scoped',
    other: [{ path: `/admin/experiments/${s.experimentA}/start`, status: 404 }],
    own: [{ path: `/admin/experiments/${s.experimentB2}/start`, status: [200, 409] }],
  },
  'POST /admin/experiments/{id}/stop': {
    policy: 'scoped',
    other: [{ path: `/admin/experiments/${s.experimentA}/stop`, status: 404 }],
    own: [{ path: `/admin/experiments/${s.experimentB3}/stop`, status: [200, 409] }],
  },
  'GET /admin/experiments/{id}/report': {
    policy: 'scoped',
    other: [{ path: `/admin/experiments/${s.experimentA}/report`, status: 404 }],
    own: [{ path: `/admin/experiments/${s.experimentB}/report` }],
  },
  'GET /admin/experiments/{id}/report.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/experiments/${s.experimentA}/report.xlsx`, status: 404 }],
    own: [{ path: `/admin/experiments/${s.experimentB}/report.xlsx` }],
  },

  // customer segmentation (decision 047): the customers of the caller's regions; saved segments by their region
  'GET /admin/rfm': {
    policy: 'scoped',
    other: [{ path: `/admin/rfm?regionId=${s.regionA}`, status: 403, code: 'REGION_FORBIDDEN' }],
    own: [{ path: '/admin/rfm' }, { path: `/admin/rfm?regionId=${s.regionB}` }],
  },
  'GET /admin/rfm/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/rfm/export.xlsx?regionId=${s.regionA}`, status: 403, code: 'REGION_FORBIDDEN' }],
    own: [{ path: '/admin/rfm/export.xlsx' }],
  },
  'POST /admin/rfm/recompute': { policy: 'all', other: [forbiddenCall('/admin/rfm/recompute')] },
  'POST /admin/customer-segments/count': {
    policy: 'scoped',
    other: [
      forbiddenCall('/admin/customer-segments/count', { regionId: s.regionA, definition: { conditions: [] } }),
      forbiddenCall('/admin/customer-segments/count', {
        definition: { conditions: [{ field: 'region', in: [s.regionA] }] },
      }),
    ],
    own: [{ path: '/admin/customer-segments/count', body: { definition: { conditions: [] } } }],
  },
  'GET /admin/customer-segments': {
    policy: 'scoped',
    list: { path: '/admin/customer-segments', ids: (b) => b.map((x: any) => x.id), bothHaveEntries: true },
  },
  'POST /admin/customer-segments': {
    policy: 'scoped',
    other: [
      forbiddenCall('/admin/customer-segments', { name: '越区', regionId: s.regionA, definition: { conditions: [] } }),
      forbiddenCall('/admin/customer-segments', { name: '全部', definition: { conditions: [] } }),
    ],
    own: [
      { path: '/admin/customer-segments', body: { name: '本区', regionId: s.regionB, definition: { conditions: [] } } },
    ],
  },
  'DELETE /admin/customer-segments/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/customer-segments/${s.segmentA}`, status: 404 }],
    own: [{ path: `/admin/customer-segments/${s.segmentB2}`, status: 204 }],
  },
  'GET /admin/customer-segments/{id}/members': {
    policy: 'scoped',
    other: [{ path: `/admin/customer-segments/${s.segmentA}/members`, status: 404 }],
    own: [{ path: `/admin/customer-segments/${s.segmentB}/members` }],
  },
  'GET /admin/customer-segments/{id}/members/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/customer-segments/${s.segmentA}/members/export.xlsx`, status: 404 }],
    own: [{ path: `/admin/customer-segments/${s.segmentB}/members/export.xlsx` }],
  },
  'GET /admin/customer-segments/{id}/audience': {
    policy: 'scoped',
    other: [{ path: `/admin/customer-segments/${s.segmentA}/audience`, status: 404 }],
    own: [{ path: `/admin/customer-segments/${s.segmentB}/audience?controlBps=1000` }],
  },
  // targeted campaigns (decision 051): by their segment's region
  'GET /admin/targeted-campaigns': {
    policy: 'scoped',
    list: { path: '/admin/targeted-campaigns', ids: (b) => b.items.map((x: any) => x.id), bothHaveEntries: true },
  },
  'POST /admin/targeted-campaigns': {
    policy: 'scoped',
    other: [
      {
        path: '/admin/targeted-campaigns',
        body: { name: '越区', segmentId: s.segmentA, templateId: s.targetTemplate, message: '回来看看' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
    ],
    own: [
      {
        path: '/admin/targeted-campaigns',
        body: { name: '本区', segmentId: s.segmentB, templateId: s.targetTemplate, message: '回来看看' },
      },
    ],
  },
  'GET /admin/targeted-campaigns/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/targeted-campaigns/${s.targetedA}`, status: 404 }],
    own: [{ path: `/admin/targeted-campaigns/${s.targetedB}` }],
  },
  'POST /admin/targeted-campaigns/{id}/launch': {
    policy: 'scoped',
    other: [{ path: `/admin/targeted-campaigns/${s.targetedA2}/launch`, status: 404 }],
    own: [{ path: `/admin/targeted-campaigns/${s.targetedB2}/launch`, status: 200 }],
  },
  'GET /admin/targeted-campaigns/{id}/result': {
    policy: 'scoped',
    other: [{ path: `/admin/targeted-campaigns/${s.targetedA}/result`, status: 404 }],
    own: [{ path: `/admin/targeted-campaigns/${s.targetedB}/result` }],
  },
  'GET /admin/targeted-campaigns/{id}/result/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/targeted-campaigns/${s.targetedA}/result/export.xlsx`, status: 404 }],
    own: [{ path: `/admin/targeted-campaigns/${s.targetedB}/result/export.xlsx` }],
  },
  'GET /admin/loss-rate/export.xlsx': {
    policy: 'scoped',
    own: [{ path: '/admin/loss-rate/export.xlsx' }],
    note: 'the workbook holds the rows of the report, whose scope the case above checks',
  },

  // leaders' money
  'GET /admin/withdrawals': {
    policy: 'scoped',
    list: { path: '/admin/withdrawals', ids: (b) => b.map((w: any) => w.id), bothHaveEntries: true },
  },
  'POST /admin/withdrawals/{id}/pay': {
    policy: 'scoped',
    other: [{ path: `/admin/withdrawals/${s.withdrawalA}/pay`, status: 404 }],
    own: [{ path: `/admin/withdrawals/${s.withdrawalB}/pay` }],
  },
  'POST /admin/withdrawals/{id}/reject': {
    policy: 'scoped',
    other: [{ path: `/admin/withdrawals/${s.withdrawalA}/reject`, status: 404 }],
    own: [{ path: `/admin/withdrawals/${s.withdrawalB2}/reject` }],
  },
  'POST /admin/commissions/settle': { policy: 'all', other: [forbiddenCall('/admin/commissions/settle')] },

  // the service desk
  'GET /admin/tickets': {
    policy: 'scoped',
    list: { path: '/admin/tickets', ids: (b) => b.map((t: any) => t.id), bothHaveEntries: true },
  },
  'GET /admin/tickets/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/tickets/${s.ticketA}`, status: 404 }],
    own: [{ path: `/admin/tickets/${s.ticketB}`, status: 200 }],
  },
  'POST /admin/tickets/{id}/assign': {
    policy: 'scoped',
    other: [{ path: `/admin/tickets/${s.ticketA}/assign`, body: { assigneeId: null }, status: 404 }],
    own: [{ path: `/admin/tickets/${s.ticketB}/assign`, body: { assigneeId: null }, status: 200 }],
  },
  'POST /admin/tickets/{id}/messages': {
    policy: 'scoped',
    other: [{ path: `/admin/tickets/${s.ticketA}/messages`, body: { kind: 'reply', text: '您好' }, status: 404 }],
    own: [{ path: `/admin/tickets/${s.ticketB}/messages`, body: { kind: 'reply', text: '您好' }, status: 200 }],
  },
  'POST /admin/tickets/{id}/resolve': {
    policy: 'scoped',
    other: [{ path: `/admin/tickets/${s.ticketA}/resolve`, body: { text: '已处理' }, status: 404 }],
    own: [{ path: `/admin/tickets/${s.ticketB2}/resolve`, body: { text: '已处理' }, status: 200 }],
  },
  'POST /admin/tickets/{id}/reopen': {
    policy: 'scoped',
    other: [{ path: `/admin/tickets/${s.ticketA}/reopen`, body: {}, status: 404 }],
    note: "B's ticket is reopened after the resolve above only if the cases run in order; the 404 is what matters",
  },
  'GET /admin/service/staff': { policy: 'scoped', own: [{ path: '/admin/service/staff', status: 200 }] },
  'GET /admin/canned-replies': { policy: 'shared', own: [{ path: '/admin/canned-replies', status: 200 }] },
  'POST /admin/canned-replies': {
    policy: 'all',
    other: [forbiddenCall('/admin/canned-replies', { team: null, title: '问候', body: '您好' })],
  },
  'PUT /admin/canned-replies/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/canned-replies/${uuid()}`, { team: null, title: '问候', body: '您好' })],
  },
  'DELETE /admin/canned-replies/{id}': { policy: 'all', other: [forbiddenCall(`/admin/canned-replies/${uuid()}`)] },
  'GET /admin/service/report': { policy: 'scoped', own: [{ path: '/admin/service/report?by=agent', status: 200 }] },
  'GET /admin/service/report.xlsx': { policy: 'scoped', own: [{ path: '/admin/service/report.xlsx', status: 200 }] },
  'GET /admin/service/return-reasons': {
    policy: 'scoped',
    own: [{ path: '/admin/service/return-reasons?by=supplier', status: 200 }],
  },
  'GET /admin/service/return-reasons.xlsx': {
    policy: 'scoped',
    own: [{ path: '/admin/service/return-reasons.xlsx', status: 200 }],
  },
  // leader applications, commission plans and training (decision 061)
  'GET /admin/leader-applications': {
    policy: 'scoped',
    list: { path: '/admin/leader-applications', ids: (b) => b.map((a: any) => a.id), bothHaveEntries: true },
  },
  'POST /admin/leader-applications/{id}/approve': {
    policy: 'scoped',
    other: [
      {
        path: `/admin/leader-applications/${s.applicationA}/approve`,
        body: { newPoint: { name: '越权点', address: '幸福路', routeId: s.routeA } },
        status: 404,
      },
    ],
    own: [
      {
        path: `/admin/leader-applications/${s.applicationB}/approve`,
        body: { newPoint: { name: '天山新点', address: '天山路 20 号', routeId: s.routeB } },
      },
    ],
  },
  'POST /admin/leader-applications/{id}/reject': {
    policy: 'scoped',
    other: [{ path: `/admin/leader-applications/${s.applicationA}/reject`, body: { reason: '不行' }, status: 404 }],
    own: [{ path: `/admin/leader-applications/${s.applicationB2}/reject`, body: { reason: '附近有点' } }],
  },
  'GET /admin/commission-plans': { policy: 'shared', own: [{ path: '/admin/commission-plans' }] },
  'POST /admin/commission-plans': {
    policy: 'all',
    other: [forbiddenCall('/admin/commission-plans', { name: '越权', defaultBps: 1 })],
  },
  'PUT /admin/commission-plans/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/commission-plans/${s.planA}`, { name: '越权', defaultBps: 1 })],
  },
  'PUT /admin/leaders/{id}/commission-plan': {
    policy: 'scoped',
    other: [{ path: `/admin/leaders/${s.leaderA}/commission-plan`, body: { planId: s.planA }, status: 404 }],
    own: [{ path: `/admin/leaders/${s.leaderB}/commission-plan`, body: { planId: s.planA } }],
  },
  'PUT /admin/campaign-items/{id}/commission': {
    policy: 'scoped',
    other: [{ path: `/admin/campaign-items/${s.laterAItem}/commission`, body: { commissionBps: 1 }, status: 404 }],
    own: [{ path: `/admin/campaign-items/${s.laterBItem}/commission`, body: { commissionBps: 900 } }],
  },
  'GET /admin/training/courses': {
    policy: 'scoped',
    own: [{ path: '/admin/training/courses' }],
    note: "the courses are everyone's; only their counts of leaders are the caller's regions'",
  },
  'POST /admin/training/courses': {
    policy: 'all',
    other: [forbiddenCall('/admin/training/courses', {})],
  },
  'PUT /admin/training/courses/{id}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/training/courses/${s.courseA}`, {})],
  },
  'POST /admin/training/images': {
    policy: 'all',
    other: [forbiddenCall('/admin/training/images', {})],
  },
  'GET /admin/training/results': {
    policy: 'scoped',
    list: { path: '/admin/training/results', ids: (b) => b.map((r: any) => r.leaderId), bothHaveEntries: true },
  },
  'GET /admin/training/results.xlsx': {
    policy: 'scoped',
    own: [{ path: '/admin/training/results.xlsx', status: 200 }],
  },

  // refunds
  // incidents (decision 060): an incident is of its region, and selects only that region's orders
  'GET /admin/incidents': {
    policy: 'scoped',
    list: { path: '/admin/incidents', ids: (b) => b.map((r: any) => r.id), bothHaveEntries: true },
  },
  'POST /admin/incidents': {
    policy: 'scoped',
    other: [
      forbiddenCall('/admin/incidents', { regionId: s.regionA, grade: 'C', title: '越区', description: '冷链延误' }),
    ],
    own: [
      { path: '/admin/incidents', body: { regionId: s.regionB, grade: 'C', title: '乌市', description: '冷链延误' } },
      // without regionId: the operator's own region
      { path: '/admin/incidents', body: { grade: 'C', title: '本区', description: '冷链延误' } },
    ],
  },
  'GET /admin/incidents/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/incidents/${s.incidentA}`, status: 404 }],
    own: [{ path: `/admin/incidents/${s.incidentB}` }],
  },
  'POST /admin/incidents/{id}/preview': {
    policy: 'scoped',
    other: [
      { path: `/admin/incidents/${s.incidentA}/preview`, body: { routeIds: [s.routeA] }, status: 404 },
      // A's route is not B's incident's to select
      { path: `/admin/incidents/${s.incidentB}/preview`, body: { routeIds: [s.routeA] }, status: 404 },
    ],
    own: [{ path: `/admin/incidents/${s.incidentB}/preview`, body: { routeIds: [s.routeB] }, status: 200 }],
  },
  'PUT /admin/incidents/{id}/orders': {
    policy: 'scoped',
    other: [
      { path: `/admin/incidents/${s.incidentA}/orders`, body: { routeIds: [s.routeA] }, status: 404 },
      { path: `/admin/incidents/${s.incidentB}/orders`, body: { pickupPointIds: [s.pointA] }, status: 404 },
    ],
    own: [{ path: `/admin/incidents/${s.incidentB}/orders`, body: { routeIds: [s.routeB] }, status: 200 }],
  },
  'GET /admin/incidents/{id}/orders': {
    policy: 'scoped',
    other: [{ path: `/admin/incidents/${s.incidentA}/orders`, status: 404 }],
    own: [{ path: `/admin/incidents/${s.incidentB}/orders` }],
  },
  'GET /admin/incidents/{id}/orders.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/incidents/${s.incidentA}/orders.xlsx`, status: 404 }],
    own: [{ path: `/admin/incidents/${s.incidentB}/orders.xlsx` }],
  },
  'POST /admin/incidents/{id}/compensate': {
    policy: 'scoped',
    other: [
      {
        path: `/admin/incidents/${s.incidentA}/compensate`,
        body: { message: '致歉', newCoupon: { name: '补偿券', discountFen: 300, thresholdFen: 0, validDays: 7 } },
        status: 404,
      },
    ],
    own: [
      {
        path: `/admin/incidents/${s.incidentB}/compensate`,
        body: { message: '致歉', newCoupon: { name: '补偿券', discountFen: 300, thresholdFen: 0, validDays: 7 } },
        status: 200,
      },
    ],
  },
  'POST /admin/incidents/{id}/postmortem': {
    policy: 'scoped',
    other: [
      {
        path: `/admin/incidents/${s.incidentA}/postmortem`,
        body: { cause: '故障', impact: '延误', actions: '补偿', prevention: '检查' },
        status: 404,
      },
    ],
    own: [
      {
        path: `/admin/incidents/${s.incidentB}/postmortem`,
        body: { cause: '故障', impact: '延误', actions: '补偿', prevention: '检查' },
        status: 200,
      },
    ],
  },
  'POST /admin/incidents/{id}/resolve': {
    policy: 'scoped',
    other: [{ path: `/admin/incidents/${s.incidentA}/resolve`, status: 404 }],
    own: [{ path: `/admin/incidents/${s.incidentB}/resolve`, status: 200 }],
  },
  'GET /admin/reviews': {
    policy: 'scoped',
    list: { path: '/admin/reviews', ids: (b) => b.map((r: any) => r.id), bothHaveEntries: true },
  },
  'POST /admin/reviews/{id}/hide': {
    policy: 'scoped',
    other: [{ path: `/admin/reviews/${s.reviewA}/hide`, body: { reason: '广告' }, status: 404 }],
    own: [{ path: `/admin/reviews/${s.reviewB}/hide`, body: { reason: '广告' }, status: 200 }],
  },
  'POST /admin/reviews/{id}/show': {
    policy: 'scoped',
    other: [{ path: `/admin/reviews/${s.reviewA}/show`, status: 404 }],
    // B's review was hidden by the case above
    own: [{ path: `/admin/reviews/${s.reviewB}/show`, status: 200 }],
  },
  'GET /admin/reviews/report': {
    policy: 'scoped',
    own: [{ path: '/admin/reviews/report?by=supplier', status: 200 }],
  },
  'GET /admin/reviews/report.xlsx': {
    policy: 'scoped',
    own: [{ path: '/admin/reviews/report.xlsx', status: 200 }],
  },
  'GET /admin/refunds': {
    policy: 'scoped',
    list: { path: '/admin/refunds', ids: (b) => b.map((r: any) => r.id), bothHaveEntries: true },
  },
  'POST /admin/refunds/{id}/approve': {
    policy: 'scoped',
    other: [{ path: `/admin/refunds/${s.refundA}/approve`, status: 404 }],
    note: "approving B's refund pays money out: the reject below reaches B's refund",
  },
  'POST /admin/refunds/{id}/approve/preview': {
    policy: 'scoped',
    other: [{ path: `/admin/refunds/${s.refundA}/approve/preview`, status: 404 }],
    // a preview writes nothing: B's refund stays requested for the reject below
    own: [{ path: `/admin/refunds/${s.refundB}/approve/preview`, status: 200 }],
  },
  'POST /admin/refunds/{id}/reject': {
    policy: 'scoped',
    other: [{ path: `/admin/refunds/${s.refundA}/reject`, body: {}, status: 404 }],
    own: [{ path: `/admin/refunds/${s.refundB}/reject`, body: { note: '不符合' } }],
  },

  // members
  'GET /admin/members': {
    policy: 'scoped',
    list: { path: '/admin/members', ids: (b) => b.map((m: any) => m.userId), bothHaveEntries: true },
  },
  'GET /admin/points/report': { policy: 'scoped', note: 'checked against a plain sum below' },
  'GET /admin/referrals': {
    policy: 'scoped',
    list: { path: '/admin/referrals', ids: (b) => b.map((r: any) => r.inviterId), bothHaveEntries: false },
    note: 'no referral here: the list is checked to hold nothing of A',
  },
  'GET /admin/members/coupon-templates': { policy: 'shared', own: [{ path: '/admin/members/coupon-templates' }] },
  'POST /admin/members/coupon-templates': {
    policy: 'all',
    other: [forbiddenCall('/admin/members/coupon-templates', { templateId: uuid(), purpose: 'welcome' })],
  },
  'DELETE /admin/members/coupon-templates/{purpose}/{templateId}': {
    policy: 'all',
    other: [forbiddenCall(`/admin/members/coupon-templates/welcome/${uuid()}`)],
  },

  // the lifecycle programs (decision 050): switched and reported per region
  'GET /admin/lifecycle/programs': {
    policy: 'scoped',
    other: [{ path: `/admin/lifecycle/programs?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/lifecycle/programs?regionId=${s.regionB}` }],
  },
  'PUT /admin/lifecycle/programs/{program}': {
    policy: 'scoped',
    other: [forbiddenCall('/admin/lifecycle/programs/repurchase', { regionId: s.regionA, enabled: true })],
    own: [{ path: '/admin/lifecycle/programs/repurchase', body: { regionId: s.regionB, enabled: true } }],
  },
  'GET /admin/lifecycle/report': {
    policy: 'scoped',
    other: [{ path: `/admin/lifecycle/report?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/lifecycle/report?regionId=${s.regionB}` }, { path: '/admin/lifecycle/report' }],
    note: 'figures, not objects: A is refused by name; without a region the report keeps to the caller’s regions (inScope)',
  },
  'GET /admin/lifecycle/report/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/lifecycle/report/export.xlsx?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: '/admin/lifecycle/report/export.xlsx' }],
  },
  // leader grades and the per-leader report (decision 062): figures by region, a leader by her point's region
  // WeChat Pay reconciliation: one merchant account for every region (decision 064)
  'GET /admin/reconciliation': { policy: 'all', other: [forbiddenCall('/admin/reconciliation')] },
  'GET /admin/reconciliation/export.xlsx': {
    policy: 'all',
    other: [forbiddenCall('/admin/reconciliation/export.xlsx')],
  },
  'GET /admin/reconciliation/days/{date}': {
    policy: 'all',
    other: [forbiddenCall('/admin/reconciliation/days/2026-01-05')],
  },
  'POST /admin/reconciliation/days/{date}/run': {
    policy: 'all',
    other: [forbiddenCall('/admin/reconciliation/days/2026-01-05/run')],
  },
  'POST /admin/reconciliation/differences/{id}/resolve': {
    policy: 'all',
    other: [forbiddenCall(`/admin/reconciliation/differences/${uuid()}/resolve`, { note: '越权' })],
  },
  'GET /admin/leader-report': {
    policy: 'scoped',
    other: [{ path: `/admin/leader-report?month=${thisMonth}&regionId=${s.regionA}`, status: 404 }],
    own: [
      { path: `/admin/leader-report?month=${thisMonth}&regionId=${s.regionB}` },
      { path: `/admin/leader-report?month=${thisMonth}` },
    ],
    note: 'figures, not objects: A is refused by name; without a region the report keeps to the caller’s regions',
  },
  'GET /admin/leader-report/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/leader-report/export.xlsx?month=${thisMonth}&regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/leader-report/export.xlsx?month=${thisMonth}` }],
  },
  'GET /admin/leaders/{id}/months': {
    policy: 'scoped',
    other: [{ path: `/admin/leaders/${s.leaderA}/months`, status: 404 }],
    own: [{ path: `/admin/leaders/${s.leaderB}/months` }],
  },
  'GET /admin/leader-grades/settings': { policy: 'shared', own: [{ path: '/admin/leader-grades/settings' }] },
  'PUT /admin/leader-grades/settings': {
    policy: 'all',
    other: [
      forbiddenCall('/admin/leader-grades/settings', { bonusBps: { trainee: 0, bronze: 0, silver: 100, gold: 200 } }),
    ],
  },
  // the dashboard: its figures by region are checked in analytics-regions.test.ts
  'GET /admin/analytics/dashboard': {
    policy: 'scoped',
    other: [{ path: `/admin/analytics/dashboard?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/analytics/dashboard?regionId=${s.regionB}` }],
  },
  'GET /admin/analytics/regions/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/analytics/regions/export.xlsx?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: '/admin/analytics/regions/export.xlsx' }],
  },
  // the demand forecast (decision 049): its figures are checked in forecast.test.ts
  'GET /admin/forecast/demand': {
    policy: 'scoped',
    other: [{ path: `/admin/forecast/demand?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/forecast/demand?regionId=${s.regionB}&points=true` }],
  },
  'GET /admin/forecast/accuracy': {
    policy: 'scoped',
    other: [{ path: `/admin/forecast/accuracy?campaignId=${s.campaignA}`, status: 404 }],
    own: [{ path: `/admin/forecast/accuracy?campaignId=${s.campaignB}` }],
  },
  'GET /admin/forecast/accuracy/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/forecast/accuracy/export.xlsx?campaignId=${s.campaignA}`, status: 404 }],
    own: [{ path: `/admin/forecast/accuracy/export.xlsx?campaignId=${s.campaignB}` }],
  },
  // the purchase funnel (decision 045): its figures are checked in events.test.ts
  'GET /admin/analytics/funnel': {
    policy: 'scoped',
    other: [{ path: `/admin/analytics/funnel?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/analytics/funnel?regionId=${s.regionB}` }],
  },
  'GET /admin/analytics/funnel/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/analytics/funnel/export.xlsx?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: '/admin/analytics/funnel/export.xlsx' }],
  },
  // the KPI page (decision 046): its figures are checked in kpis.test.ts
  'GET /admin/kpis': {
    policy: 'scoped',
    other: [{ path: `/admin/kpis?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/kpis?regionId=${s.regionB}&dim=region` }],
  },
  'GET /admin/kpis/cohorts': {
    policy: 'scoped',
    other: [{ path: `/admin/kpis/cohorts?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: `/admin/kpis/cohorts?regionId=${s.regionB}` }],
  },
  'GET /admin/kpis/leader-months': {
    policy: 'scoped',
    other: [{ path: `/admin/kpis/leader-months?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: '/admin/kpis/leader-months' }],
  },
  'GET /admin/kpi-alert-rules': {
    policy: 'scoped',
    list: { path: '/admin/kpi-alert-rules', ids: (b) => b.map((r: any) => r.id), bothHaveEntries: true },
  },
  'POST /admin/kpi-alert-rules': {
    policy: 'scoped',
    other: [
      {
        path: '/admin/kpi-alert-rules',
        body: { kpiKey: 'gmv', kind: 'below', threshold: 1, regionId: s.regionA },
        status: 404,
      },
      {
        ...forbiddenCall('/admin/kpi-alert-rules', { kpiKey: 'gmv', kind: 'below', threshold: 1 }),
        code: 'REGION_FORBIDDEN',
      },
    ],
    own: [
      { path: '/admin/kpi-alert-rules', body: { kpiKey: 'gmv', kind: 'drop', dropPercent: 30, regionId: s.regionB } },
    ],
  },
  'DELETE /admin/kpi-alert-rules/{id}': {
    policy: 'scoped',
    other: [{ path: `/admin/kpi-alert-rules/${s.kpiRuleA}`, status: 404 }],
    own: [{ path: `/admin/kpi-alert-rules/${s.kpiRuleB2}`, status: 204 }],
  },
  'GET /admin/kpis/export.xlsx': {
    policy: 'scoped',
    other: [{ path: `/admin/kpis/export.xlsx?regionId=${s.regionA}`, status: 404 }],
    own: [{ path: '/admin/kpis/export.xlsx?dim=point' }],
  },
  // the cold chain (decision 042)
  'GET /admin/temperature-readings': {
    policy: 'scoped',
    byDepot: true,
    other: [{ path: `/admin/temperature-readings?routeId=${s.routeA}&day=${day(1)}`, status: 404 }],
    own: [{ path: `/admin/temperature-readings?routeId=${s.routeB}&day=${day(1)}` }],
  },
  'POST /admin/temperature-readings': {
    policy: 'scoped',
    byDepot: true,
    other: [
      {
        path: '/admin/temperature-readings',
        body: { routeId: s.routeA, day: day(1), zone: 'chilled', tenths: 120 },
        status: 404,
      },
    ],
    own: [
      {
        path: '/admin/temperature-readings',
        body: { routeId: s.routeB, day: day(1), zone: 'chilled', tenths: 40 },
        status: 201,
      },
    ],
  },
  'GET /admin/temperature-loggers': {
    policy: 'scoped',
    list: { path: '/admin/temperature-loggers', ids: (b) => b.items.map((l: any) => l.id), bothHaveEntries: true },
  },
  'POST /admin/temperature-loggers': {
    policy: 'scoped',
    other: [{ path: '/admin/temperature-loggers', body: { name: '冷藏车', warehouseId: s.gridA }, status: 404 }],
    own: [{ path: '/admin/temperature-loggers', body: { name: '冷藏车', warehouseId: s.gridB }, status: 201 }],
  },
  'GET /admin/arrival-quality': {
    policy: 'scoped',
    byDepot: true,
    list: {
      path: `/admin/arrival-quality?from=${day(-30)}&to=${day(30)}`,
      ids: (b) => b.items.map((r: any) => r.routeId),
      bothHaveEntries: false,
    },
  },
  'GET /admin/arrival-quality/export.xlsx': {
    policy: 'scoped',
    byDepot: true,
    own: [{ path: `/admin/arrival-quality/export.xlsx?from=${day(-30)}&to=${day(30)}` }],
    note: "a workbook of the caller's routes only, read by the same query as GET /admin/arrival-quality",
  },
  'PUT /admin/routes/{id}/costs/{date}': {
    policy: 'scoped',
    other: [{ path: `/admin/routes/${s.routeA}/costs/${day(-2)}`, body: { costFen: 9_999 }, status: 404 }],
    own: [{ path: `/admin/routes/${s.routeB}/costs/${day(-2)}`, body: { costFen: 19_000, note: '油费' } }],
  },
  'GET /admin/route-costs': {
    policy: 'scoped',
    list: {
      path: `/admin/route-costs?from=${day(-7)}&to=${day(0)}`,
      ids: (b) => b.map((c: any) => c.routeId),
      bothHaveEntries: true,
    },
  },
});

function campaignBody(title: string, extra: Record<string, unknown> = {}) {
  return {
    title,
    startsAt: hourFromNow(2),
    cutoffAt: hourFromNow(5),
    pickupDate: day(2),
    items: [
      { productId: world.products[0].id, priceFen: 900 },
      { productId: world.products[1].id, priceFen: 200 },
    ],
    ...extra,
  };
}

/** Requests the path as `api`; .xlsx answers are not JSON. */
async function call(api: Api, method: Method, c: Call): Promise<{ status: number; body: any }> {
  if (c.path.includes('.xlsx')) {
    const res = await server.app.inject({
      method,
      url: `/api/v1${c.path}`,
      headers: { authorization: `Bearer ${api.token}` },
    });
    return { status: res.statusCode, body: res.statusCode === 200 ? res.rawPayload : JSON.parse(res.body) };
  }
  return api.request(method, c.path, c.body);
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server); // region A: the default region
  const admin = world.admin;
  s.regionA = DEFAULT_REGION_ID;
  s.centralA = world.centralWarehouseId;
  s.gridA = world.gridWarehouseId;
  s.routeA = world.routeIds[0];
  s.pointA = world.pickupPointIds[0];
  s.pointA2 = (
    await ok(admin.post('/admin/pickup-points', { name: '幸福里空点', address: '幸福路9号', routeId: s.routeA }))
  ).id;
  s.leaderA = world.leaders[0].leaderId;
  s.campaignA = world.campaign.id;

  // region B: its own network, leader and campaigns
  s.regionB = (await ok(admin.post('/admin/regions', { name: '乌鲁木齐', timeZone: 'Asia/Urumqi' }))).id;
  s.centralB = (
    await ok(admin.post('/admin/warehouses', { name: '乌鲁木齐中心仓', kind: 'central', regionId: s.regionB }))
  ).id;
  s.gridB = (await ok(admin.post('/admin/warehouses', { name: '天山网格仓', kind: 'grid', parentId: s.centralB }))).id;
  s.routeB = (await ok(admin.post('/admin/routes', { name: '天山一线', warehouseId: s.gridB }))).id;
  s.pointB = (
    await ok(admin.post('/admin/pickup-points', { name: '天山路点', address: '天山路1号', routeId: s.routeB }))
  ).id;
  s.pointB2 = (
    await ok(admin.post('/admin/pickup-points', { name: '天山空点', address: '天山路9号', routeId: s.routeB }))
  ).id;
  const leaderUserB = await newCustomer(server, s.pointB, '天山团长');
  s.leaderB = (
    await ok(admin.post('/admin/leaders', { userId: leaderUserB.userId, pickupPointId: s.pointB, commissionBps: 1000 }))
  ).id;
  s.spareCustomer = (await newCustomer(server, s.pointB2, '候任团长')).userId;
  const campaignB = await ok(
    admin.post('/admin/campaigns', {
      title: '乌鲁木齐今日团',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      cutoffAt: hourFromNow(3),
      pickupDate: day(1),
      regionId: s.regionB,
      items: [{ productId: world.products[1].id, priceFen: 300 }],
    }),
  );
  s.campaignB = campaignB.id;
  // campaigns not yet on sale, to edit
  const laterA = await ok(admin.post('/admin/campaigns', campaignBody('上海后天团')));
  s.laterA = laterA.id;
  s.laterAItem = laterA.items[0].id;
  const laterB = await ok(admin.post('/admin/campaigns', campaignBody('乌鲁木齐后天团', { regionId: s.regionB })));
  s.laterB = laterB.id;
  s.laterBItem = laterB.items[0].id;
  s.laterBItem2 = laterB.items[1].id;

  // a paid order and an unpaid one in each region, then both cutoffs
  const customerA = await newCustomer(server, s.pointA, '上海顾客');
  const customerB = await newCustomer(server, s.pointB, '乌鲁木齐顾客');
  s.customerA = customerA.userId;
  s.customerB = customerB.userId;
  const itemA = world.campaign.items[1].id;
  const itemB = campaignB.items[0].id;
  s.orderA = (
    await buyAndPay(server, customerA.api, { pickupPointId: s.pointA, items: [{ campaignItemId: itemA, quantity: 2 }] })
  ).id;
  s.orderB = (
    await buyAndPay(server, customerB.api, { pickupPointId: s.pointB, items: [{ campaignItemId: itemB, quantity: 3 }] })
  ).id;
  await ok(admin.post(`/admin/campaigns/${s.campaignA}/cutoff`), 200);
  await ok(admin.post(`/admin/campaigns/${s.campaignB}/cutoff`), 200);
  // unpaid orders on the campaigns still open in each region, to cancel
  const openA = await ok(
    admin.post('/admin/campaigns', {
      title: '上海第二团',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      cutoffAt: hourFromNow(3),
      pickupDate: day(1),
      items: [{ productId: world.products[2].id, priceFen: 500 }],
    }),
  );
  const openB = await ok(
    admin.post('/admin/campaigns', {
      title: '乌鲁木齐第二团',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      cutoffAt: hourFromNow(3),
      pickupDate: day(1),
      regionId: s.regionB,
      items: [{ productId: world.products[2].id, priceFen: 500 }],
    }),
  );
  s.unpaidA = (
    await ok(
      customerA.api.post('/orders', {
        pickupPointId: s.pointA,
        items: [{ campaignItemId: openA.items[0].id, quantity: 1 }],
      }),
    )
  ).id;
  s.unpaidB = (
    await ok(
      customerB.api.post('/orders', {
        pickupPointId: s.pointB,
        items: [{ campaignItemId: openB.items[0].id, quantity: 1 }],
      }),
    )
  ).id;

  // A/B experiments (decision 048): drafts on each region's open deal, one to start and one running to stop in B
  const experimentBody = (campaignItemId: string) => ({
    name: '价格实验',
    campaignItemId,
    unit: 'customer',
    kind: 'price',
    arms: [
      { key: 'control', name: '原价', weight: 1 },
      { key: 'a', name: '特价', weight: 1, priceFen: 399 },
    ],
  });
  (s as any).experimentBody = experimentBody;
  s.dealA = openA.items[0].id;
  s.dealB = openB.items[0].id;
  s.experimentA = (await ok(admin.post('/admin/experiments', experimentBody(s.dealA)))).id;
  s.experimentB = (await ok(admin.post('/admin/experiments', experimentBody(s.dealB)))).id;
  s.experimentB2 = (await ok(admin.post('/admin/experiments', experimentBody(s.laterBItem)))).id;
  s.experimentB3 = (await ok(admin.post('/admin/experiments', experimentBody(s.dealB)))).id;
  await ok(admin.post(`/admin/experiments/${s.experimentB3}/start`), 200);
  ofA.add(s.experimentA);
  ofB.add(s.experimentB);

  const pos = (await admin.get('/admin/purchase-orders?limit=100')).body;
  const poA = pos.find((p: any) => p.campaignId === s.campaignA);
  const poB = pos.find((p: any) => p.campaignId === s.campaignB);
  s.poA = poA.id;
  s.poB = poB.id;
  (s as any).poBLines = poB.lines.map((l: any) => ({
    productId: l.productId,
    acceptedQuantity: l.quantity,
    rejectedQuantity: 0,
  }));
  await ok(
    admin.post('/admin/inventory/adjust', {
      warehouseId: s.centralA,
      productId: world.products[3].id,
      quantityDelta: 3,
      reason: '入库',
    }),
    200,
  );
  await ok(
    admin.post('/admin/inventory/adjust', {
      warehouseId: s.centralB,
      productId: world.products[3].id,
      quantityDelta: 4,
      reason: '入库',
    }),
    200,
  );
  // a lot and a recall draft in each region (decision 043)
  const lotIn = async (w: string) =>
    (await one<{ id: string }>(
      server.ctx.db,
      sql`select id from lots where warehouse_id = ${w} and product_id = ${world.products[3].id} order by received_at desc limit 1`,
    ))!.id;
  s.lotA = await lotIn(s.centralA);
  s.lotB = await lotIn(s.centralB);
  s.recallA = (await ok(admin.post('/admin/recalls', { scope: 'lot', lotId: s.lotA, reason: '抽检' }))).id;
  s.recallB = (await ok(admin.post('/admin/recalls', { scope: 'lot', lotId: s.lotB, reason: '抽检' }))).id;
  // an incident in each region
  s.incidentA = (
    await ok(admin.post('/admin/incidents', { grade: 'B', title: '东一线冷链延误', description: '晚到' }))
  ).id;
  s.incidentB = (
    await ok(
      admin.post('/admin/incidents', {
        regionId: s.regionB,
        grade: 'B',
        title: '天山一线冷链延误',
        description: '晚到',
      }),
    )
  ).id;
  // a markdown deal (尾货秒杀) in each region: milk lots in both central warehouses at a markdown step
  for (const warehouseId of [s.centralA, s.centralB])
    await ok(
      admin.post('/admin/inventory/adjust', {
        warehouseId,
        productId: world.products[2].id,
        quantityDelta: 2,
        reason: '入库',
      }),
      200,
    );
  await ok(
    admin.post('/admin/freshness/markdown-rules', {
      productId: world.products[2].id,
      basis: 'age',
      days: 0,
      discountBps: 1000,
    }),
  );
  expect(await createMarkdownDeals(server.ctx.db)).toBe(2);
  for (const d of await rows<{ id: string; region_id: string }>(
    server.ctx.db,
    sql`select d.id, w.region_id from markdown_deals d join warehouses w on w.id = d.warehouse_id`,
  ))
    (d.region_id === s.regionA ? ofA : ofB).add(d.id);
  // an open stock count in each region
  s.countA = (await ok(admin.post('/admin/stock-counts', { warehouseId: s.centralA }))).id;
  s.countB = (await ok(admin.post('/admin/stock-counts', { warehouseId: s.centralB }))).id;

  // a refund request and withdrawal requests in each region, and members with points (data of the case)
  const refund = async (orderId: string, userId: string) =>
    (await one<{ id: string }>(
      server.ctx.db,
      sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen)
        values (${orderId}, ${userId}, 'aftersales', 'quality', 'requested', 100) returning id`,
    ))!.id;
  s.refundA = await refund(s.orderA, s.customerA);
  s.refundB = await refund(s.orderB, s.customerB);
  // a review of each order's first line (data of the case: the orders are not picked up here)
  const review = async (orderId: string) =>
    (await one<{ id: string }>(
      server.ctx.db,
      sql`insert into product_reviews (order_id, order_line_id, user_id, product_id, region_id, rating, text)
        select o.id, l.id, o.user_id, l.product_id, o.region_id, 2, '不新鲜'
        from orders o join order_lines l on l.order_id = o.id where o.id = ${orderId} order by l.id limit 1 returning id`,
    ))!.id;
  s.reviewA = await review(s.orderA);
  s.reviewB = await review(s.orderB);
  ofA.add(s.reviewA);
  ofB.add(s.reviewB);
  // a ticket about each order: it belongs to the order's region
  const ticket = async (api: Api, orderId: string) =>
    (await ok(api.post('/tickets', { category: 'quality', text: '坏了一个', orderId }))).id as string;
  s.ticketA = await ticket(customerA.api, s.orderA);
  s.ticketB = await ticket(customerB.api, s.orderB);
  s.ticketB2 = await ticket(customerB.api, s.orderB);
  ofA.add(s.ticketA);
  ofB.add(s.ticketB);
  // leader applications in each region (data of the case), a commission plan, a course taken in each region
  const application = async (regionId: string, name: string) =>
    (await one<{ id: string }>(
      server.ctx.db,
      sql`insert into leader_applications (user_id, name, phone, region_id, address, place_kind, experience)
        values (${(await newCustomer(server, undefined, name)).userId}, ${name}, '13900000000', ${regionId}, '某路 1 号', 'home', '热心')
        returning id`,
    ))!.id;
  s.applicationA = await application(s.regionA, '上海申请人');
  s.applicationB = await application(s.regionB, '乌市申请人');
  s.applicationB2 = await application(s.regionB, '乌市申请人二');
  ofA.add(s.applicationA);
  ofB.add(s.applicationB).add(s.applicationB2);
  s.planA = (
    await ok(admin.post('/admin/commission-plans', { name: '标准', defaultBps: 600, categoryBps: { fresh: 500 } }))
  ).id;
  s.courseA = (await one<{ id: string }>(
    server.ctx.db,
    sql`insert into training_courses (title, body, questions, pass_percent) values ('服务规范', '正文',
      '[{"text":"?","options":["a","b"],"answer":0}]'::jsonb, 100) returning id`,
  ))!.id;
  for (const leaderId of [s.leaderA, s.leaderB])
    await exec(
      server.ctx.db,
      sql`insert into training_attempts (course_id, leader_id, answers, correct, total, score, passed)
        values (${s.courseA}, ${leaderId}, '[0]'::jsonb, 1, 1, 100, true)`,
    );
  ofA.add(s.leaderA);
  ofB.add(s.leaderB);
  const withdrawal = async (leaderId: string) =>
    (await one<{ id: string }>(
      server.ctx.db,
      sql`insert into withdrawals (leader_id, amount_fen) values (${leaderId}, 100) returning id`,
    ))!.id;
  s.withdrawalA = await withdrawal(s.leaderA);
  s.withdrawalB = await withdrawal(s.leaderB);
  s.withdrawalB2 = await withdrawal(s.leaderB);
  // the requested amounts left the leaders' available balance when they asked
  await exec(
    server.ctx.db,
    sql`update leader_accounts set withdrawn_fen = withdrawn_fen + case when leader_id = ${s.leaderB} then 200 else 100 end
    where leader_id in (${s.leaderA}, ${s.leaderB})`,
  );
  await exec(
    server.ctx.db,
    sql`update users set membership_until = now() + interval '30 days', points_balance = case when id = ${s.customerA} then 500 else 70 end
    where id in (${s.customerA}, ${s.customerB})`,
  );

  for (const [route, costFen] of [
    [s.routeA, 21_000],
    [s.routeB, 18_000],
  ] as const)
    await ok(admin.put(`/admin/routes/${route}/costs/${day(-1)}`, { costFen }), 200);

  for (const id of [
    s.regionA,
    s.centralA,
    s.gridA,
    s.routeA,
    s.pointA,
    s.leaderA,
    s.campaignA,
    s.laterA,
    s.orderA,
    s.unpaidA,
    s.poA,
    s.refundA,
    s.withdrawalA,
    s.customerA,
    s.countA,
    s.lotA,
    s.recallA,
    s.incidentA,
    openA.id,
  ])
    ofA.add(id);
  for (const id of [
    s.regionB,
    s.centralB,
    s.gridB,
    s.routeB,
    s.pointB,
    s.leaderB,
    s.campaignB,
    s.laterB,
    s.orderB,
    s.unpaidB,
    s.poB,
    s.lotB,
    s.recallB,
    s.incidentB,
    s.refundB,
    s.withdrawalB,
    s.customerB,
    s.countB,
    openB.id,
  ])
    ofB.add(id);
  for (const l of (await admin.get(`/admin/sorting-lists?campaignId=${s.campaignA}`)).body) ofA.add(l.id);
  for (const l of (await admin.get(`/admin/sorting-lists?campaignId=${s.campaignB}`)).body) ofB.add(l.id);
  for (const m of (await admin.get(`/admin/delivery-manifests?campaignId=${s.campaignA}`)).body) ofA.add(m.id);
  for (const m of (await admin.get(`/admin/delivery-manifests?campaignId=${s.campaignB}`)).body) ofB.add(m.id);
  // a temperature logger in each region's grid warehouse
  for (const [grid, set] of [
    [s.gridA, ofA],
    [s.gridB, ofB],
  ] as const)
    set.add((await ok(admin.post('/admin/temperature-loggers', { name: '冷链记录仪', warehouseId: grid }))).logger.id);
  // an alert in each region, and a supplier document (suppliers are shared)
  for (const [key, regionId, set] of [
    ['A', s.regionA, ofA],
    ['B', s.regionB, ofB],
  ] as const) {
    await raiseAlert(server.ctx.db, { kind: 'test', businessKey: `region-scope:${key}`, regionId, details: {} });
    const alert = await one<{ id: string }>(
      server.ctx.db,
      sql`select id from operator_alerts where business_key = ${`region-scope:${key}`}`,
    );
    s[`alert${key}`] = alert!.id;
    set.add(alert!.id);
  }
  // a payable and a statement of the same supplier in each region (the receiving warehouse's)
  for (const [key, po, regionId, set] of [
    ['A', s.poA, s.regionA, ofA],
    ['B', s.poB, s.regionB, ofB],
  ] as const) {
    const st = await one<{ id: string }>(
      server.ctx.db,
      sql`insert into supplier_statements (supplier_id, region_id, period, amount_fen, line_count)
      values (${world.supplierIds[0]}, ${regionId}, '2026-01', 500, 1) returning id`,
    );
    const payable = await one<{ id: string }>(
      server.ctx.db,
      sql`insert into supplier_payables (supplier_id, region_id, warehouse_id, purchase_order_id, product_id, kind, units,
        unit_cost_fen, amount_fen, business_key, occurred_at, statement_id)
      select ${world.supplierIds[0]}, ${regionId}, warehouse_id, id, ${world.products[0].id}, 'receipt', 1, 500, 500,
        ${`region-scope:${key}`}, now(), ${st!.id} from purchase_orders where id = ${po} returning id`,
    );
    s[`statement${key}`] = st!.id;
    set.add(st!.id);
    set.add(payable!.id);
  }
  // a KPI alert rule in each region
  for (const key of ['A', 'B'] as const) {
    const rule = await one<{ id: string }>(
      server.ctx.db,
      sql`insert into kpi_alert_rules (kpi_key, region_id, kind, threshold) values ('gmv', ${s[`region${key}`]}, 'below', 100) returning id`,
    );
    s[`kpiRule${key}`] = rule!.id;
    (key === 'A' ? ofA : ofB).add(rule!.id);
  }
  // and one of B's to be removed
  s.kpiRuleB2 = (await one<{ id: string }>(
    server.ctx.db,
    sql`insert into kpi_alert_rules (kpi_key, region_id, kind, drop_percent) values ('gmv', ${s.regionB}, 'drop', 20) returning id`,
  ))!.id;
  const uploaded = await server.app.inject({
    method: 'POST',
    url: `/api/v1/admin/suppliers/${world.supplierIds[0]}/documents?kind=business_licence&number=91310000&expiresOn=2099-01-01`,
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  s.documentId = uploaded.json().id;

  // the operators: accounts of every region until limited
  const phone = nextPhone();
  limitedId = (
    await ok(admin.post('/admin/users', { phone, password: 'limited-pass-1', name: '乌鲁木齐运营', roles: ['admin'] }))
  ).id;
  limited = new Api(
    server.app,
    (await ok(new Api(server.app).post('/auth/login', { phone, password: 'limited-pass-1' }), 200)).token,
  );
  const depotPhone = nextPhone();
  const depotId = (
    await ok(
      admin.post('/admin/users', {
        phone: depotPhone,
        password: 'depot-pass-123',
        name: '天山仓管',
        roles: ['warehouse'],
      }),
    )
  ).id;
  depot = new Api(
    server.app,
    (await ok(new Api(server.app).post('/auth/login', { phone: depotPhone, password: 'depot-pass-123' }), 200)).token,
  );
  // customer segmentation: both regions' customers segmented, and saved segments in each region
  await computeRfm(server.ctx.db);
  const segment = async (name: string, regionId: string) =>
    (await ok(admin.post('/admin/customer-segments', { name, regionId, definition: { conditions: [] } }))).id as string;
  s.segmentA = await segment('杭州全部', s.regionA);
  s.segmentB = await segment('乌市全部', s.regionB);
  s.segmentB2 = await segment('乌市待删', s.regionB);
  ofA.add(s.segmentA);
  ofB.add(s.segmentB);
  ofB.add(s.segmentB2);
  // targeted campaigns on each region's segment: one launched, one draft
  s.targetTemplate = (
    await ok(
      admin.post('/admin/coupon-templates', {
        name: '召回 满20减5',
        kind: 'amount',
        thresholdFen: 2000,
        discountFen: 500,
        validFrom: hourFromNow(-1),
        validTo: hourFromNow(24 * 30),
        perCustomerLimit: 1,
        stackableWithFullReduction: true,
      }),
    )
  ).id;
  const targeted = async (name: string, segmentId: string, launch: boolean) => {
    const id = (
      await ok(
        admin.post('/admin/targeted-campaigns', { name, segmentId, templateId: s.targetTemplate, message: '好久不见' }),
      )
    ).id as string;
    if (launch) await ok(admin.post(`/admin/targeted-campaigns/${id}/launch`), 200);
    return id;
  };
  s.targetedA = await targeted('杭州召回', s.segmentA, true);
  s.targetedA2 = await targeted('杭州待发', s.segmentA, false);
  s.targetedB = await targeted('乌市召回', s.segmentB, true);
  s.targetedB2 = await targeted('乌市待发', s.segmentB, false);
  ofA.add(s.targetedA).add(s.targetedA2);
  ofB.add(s.targetedB).add(s.targetedB2);
  // signed in and seen with every region first: the limit must apply to the very next request
  expect((await limited.get('/admin/network')).body.warehouses.map((w: any) => w.id)).toContain(s.centralA);
  await ok(admin.put(`/admin/users/${limitedId}/regions`, { regionIds: [s.regionB] }), 200);
  await ok(admin.put(`/admin/users/${depotId}/regions`, { regionIds: [s.regionB] }), 200);
}, 120_000);
afterAll(() => server?.close());

describe('granting regions', () => {
  it('is refused with a field for bad lists, refused for oneself, and shown in the user list', async () => {
    const admin = world.admin;
    const someone = (await newCustomer(server)).userId;
    const empty = await admin.put(`/admin/users/${someone}/regions`, { regionIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.field).toBe('regionIds');
    const unknown = await admin.put(`/admin/users/${someone}/regions`, { regionIds: [s.regionB, uuid()] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('regionIds');
    expect((await admin.put(`/admin/users/${uuid()}/regions`, { regionIds: null })).status).toBe(404);
    const me = (await admin.get('/me')).body.id;
    expect((await admin.put(`/admin/users/${me}/regions`, { regionIds: [s.regionB] })).status).toBe(409);
    const users = (await admin.get(`/admin/users?q=${encodeURIComponent('乌鲁木齐运营')}`)).body;
    const shown = users.find((u: any) => u.id === limitedId);
    expect(shown.regionIds).toEqual([s.regionB]);
    // signing in tells the console the regions (it hides what only an operator of every region may do)
    const again = await new Api(server.app).post('/auth/login', { phone: shown.phone, password: 'limited-pass-1' });
    expect(again.body.user.regionIds).toEqual([s.regionB]);
    expect((await new Api(server.app).post('/auth/login', ADMIN)).body.user.regionIds).toBeNull();
    // nothing changed by the refusals
    expect(
      (await one<{ r: string[] | null }>(server.ctx.db, sql`select region_ids as r from users where id = ${someone}`))!
        .r,
    ).toBeNull();
    // both given, then every region again
    const both = await admin.put(`/admin/users/${someone}/regions`, { regionIds: [s.regionA, s.regionB, s.regionB] });
    expect(both.status).toBe(200);
    expect([...both.body.regionIds].sort()).toEqual([s.regionA, s.regionB].sort());
    expect((await admin.put(`/admin/users/${someone}/regions`, { regionIds: null })).body.regionIds).toBeNull();
  });
});

describe('an operator limited to region B', () => {
  it('has a case for every console route, with the policy the route declares', async () => {
    const doc = server.app.swagger() as any;
    const declared: Record<string, string> = {};
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const roles: string[] = op['x-roles'] ?? [];
        if (roles.includes('admin') || roles.includes('warehouse'))
          declared[`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`] = op['x-regions'];
      }
    }
    const table = cases();
    const missing = Object.keys(declared).filter((k) => !table[k]);
    expect(missing, 'console routes without a case in this test').toEqual([]);
    for (const [route, policy] of Object.entries(declared))
      expect([route, table[route].policy]).toEqual([route, policy]);
    expect(Object.keys(declared).length).toBeGreaterThanOrEqual(70);
    // and every case tries something: a refusal, a list, or (shared and reads) a call that works
    const idle = Object.entries(table).filter(([, c]) => !c.other?.length && !c.list && !c.own?.length && !c.note);
    expect(idle.map(([k]) => k)).toEqual([]);
    for (const [route, c] of Object.entries(table)) {
      if (c.policy === 'all') expect([route, c.other?.length ?? 0]).not.toEqual([route, 0]);
      // an id-addressed scoped route is tried with another region's object
      if (c.policy === 'scoped' && route.includes('{') && !c.other?.length)
        throw new Error(`${route}: no call with A's object`);
    }
  });

  // every console route, each refusal with the tables' fingerprint before and after: its time grows with the routes
  it("is refused every other region's object with nothing written, and works on its own", async () => {
    // The fingerprint after one refusal is the one before the next, unless a case's own calls that
    // change something (other than reads) came between: consecutive refusals share it, and the
    // chain also catches a write made after a refusal has answered. (A read that wrote would show
    // as a change at the next refusal: reported, never hidden.)
    let unchanged: Record<string, string> | undefined;
    for (const [route, c] of Object.entries(cases())) {
      const method = route.split(' ')[0] as Method;
      const api = c.byDepot ? depot : limited;
      for (const o of c.other ?? []) {
        const before = unchanged ?? (await fingerprint());
        const res = await call(api, method, o);
        expect([route, o.path, res.status]).toEqual([route, o.path, o.status]);
        if (o.code) expect([route, res.body.error?.code]).toEqual([route, o.code]);
        const after = await fingerprint();
        expect([route, o.path, after]).toEqual([route, o.path, before]);
        unchanged = after;
      }
      if (c.own?.length && method !== 'GET') unchanged = undefined;
      for (const o of c.own ?? []) {
        const res = await call(api, method, o);
        const expected = o.status === undefined ? [200, 201] : [o.status].flat();
        if (!expected.includes(res.status))
          throw new Error(`${route} ${o.path}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  }, 240_000);

  it("lists only B's objects, while an operator of every region sees both", async () => {
    let lists = 0;
    for (const [route, c] of Object.entries(cases())) {
      if (!c.list) continue;
      lists++;
      const mine = await (c.byDepot ? depot : limited).get(c.list.path);
      expect([route, mine.status]).toEqual([route, 200]);
      const ids = c.list.ids(mine.body);
      expect([route, ids.filter((id) => ofA.has(id))]).toEqual([route, []]);
      const all = c.list.ids((await world.admin.get(c.list.path)).body);
      if (c.list.bothHaveEntries) {
        expect([route, ids.some((id) => ofB.has(id))]).toEqual([route, true]);
        expect([route, all.some((id) => ofA.has(id)), all.some((id) => ofB.has(id))]).toEqual([route, true, true]);
      } else {
        // B's campaign's documents: all of them, the same as the operator of every region sees
        expect([route, [...ids].sort()]).toEqual([route, [...all.filter((id) => !ofA.has(id))].sort()]);
      }
    }
    expect(lists).toBeGreaterThanOrEqual(14);
  });

  it('reads the shared catalogue as everyone does', async () => {
    for (const [route, c] of Object.entries(cases())) {
      if (c.policy !== 'shared') continue;
      const path = c.own![0].path;
      expect([route, (await limited.get(path)).body]).toEqual([route, (await world.admin.get(path)).body]);
    }
  });

  it("counts the points of B's customers only", async () => {
    const expected = await one<{ balance: number; holders: number }>(
      server.ctx.db,
      sql`select coalesce(sum(u.points_balance), 0)::int as balance, count(*) filter (where u.points_balance > 0)::int as holders
      from users u join pickup_points p on p.id = u.pickup_point_id where p.region_id = ${s.regionB}`,
    );
    const report = (await limited.get('/admin/points/report')).body;
    expect(report.outstanding).toBe(expected!.balance);
    expect(report.holders).toBe(expected!.holders);
    expect(report.outstanding).toBeGreaterThanOrEqual(70);
    expect((await world.admin.get('/admin/points/report')).body.outstanding).toBeGreaterThanOrEqual(570);
  });

  it('sees every region again once given every region', async () => {
    await ok(world.admin.put(`/admin/users/${limitedId}/regions`, { regionIds: null }), 200);
    const ids = (await limited.get('/admin/regions')).body.map((r: any) => r.id);
    expect(ids).toEqual(expect.arrayContaining([s.regionA, s.regionB]));
    await ok(world.admin.put(`/admin/users/${limitedId}/regions`, { regionIds: [s.regionB] }), 200);
    expect((await limited.get('/admin/regions')).body.map((r: any) => r.id)).toEqual([s.regionB]);
  });
});

describe.skipIf(!onPostgres)('a change of regions reaches every process (PostgreSQL: a server process)', () => {
  let worker: ServerProcess;
  beforeAll(async () => {
    [worker] = await startServerProcesses(server.databaseUrl!, 1);
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it('the other process obeys the new regions within a second', async () => {
    const phone = nextPhone();
    const password = 'other-proc-123';
    const id = (await ok(world.admin.post('/admin/users', { phone, password, name: '另一进程运营', roles: ['admin'] })))
      .id;
    const token = (await worker.request('POST', '/auth/login', undefined, { phone, password })).body.token;
    const regionsThere = async () =>
      ((await worker.request('GET', '/admin/regions', token)).body as { id: string }[]).map((r) => r.id).sort();
    // cached there with every region
    for (let i = 0; i < 3; i++) expect(await regionsThere()).toEqual([s.regionA, s.regionB].sort());
    await ok(world.admin.put(`/admin/users/${id}/regions`, { regionIds: [s.regionB] }), 200);
    const from = Date.now();
    for (;;) {
      if ((await regionsThere()).join() === s.regionB) break;
      expect(Date.now() - from).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});
