import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';

let server: TestServer;
let world: World;
/** the world's points: P0 and P1 on route R0, P2 on route R1 */
let P0: string;
let P1: string;
let P2: string;
let R0: string;
let R1: string;
let otherRoute: string;
let otherPoint: string;

/** Rows that any order writes, counted to prove a refusal wrote nothing. */
async function written() {
  return one<{ orders: number; lines: number; holdings: number; sold: number }>(
    server.ctx.db,
    sql`select (select count(*)::int from orders) as orders, (select count(*)::int from order_lines) as lines,
      (select count(*)::int from customer_item_holdings) as holdings,
      (select coalesce(sum(sold), 0)::int from campaign_items) as sold`,
  );
}

const day = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
const campaignBody = (productId: string, extra: Record<string, unknown> = {}) => ({
  title: '小区专供团',
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  cutoffAt: new Date(Date.now() + 3_600_000).toISOString(),
  pickupDate: day(86_400_000),
  items: [{ productId, priceFen: 1500 }],
  ...extra,
});
const ids = (list: any[]) => list.map((c) => c.id);
const active = async (point?: string) =>
  ids((await world.anon.get(`/campaigns/active${point ? `?pickupPointId=${point}` : ''}`)).body);

async function newProduct(name: string) {
  const res = await world.admin.post('/admin/products', {
    name,
    category: 'fresh',
    supplierId: world.supplierIds[0],
    unit: '份',
    listPriceFen: 2000,
    costFen: 800,
    temperatureZone: 'ambient',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  [P0, P1, P2] = world.pickupPointIds;
  [R0, R1] = world.routeIds;
  const admin = world.admin;
  const region = (await admin.post('/admin/regions', { name: '别城', timeZone: 'Asia/Shanghai' })).body.id;
  const central = (await admin.post('/admin/warehouses', { name: '别城仓', kind: 'central', regionId: region })).body
    .id;
  const grid = (await admin.post('/admin/warehouses', { name: '别城网格', kind: 'grid', parentId: central })).body.id;
  otherRoute = (await admin.post('/admin/routes', { name: '别城线', warehouseId: grid })).body.id;
  otherPoint = (await admin.post('/admin/pickup-points', { name: '别城点', address: '别路1号', routeId: otherRoute }))
    .body.id;
});
afterAll(() => server.close());

describe('a campaign targeting routes and points of its region', () => {
  let targeted: { id: string; items: { id: string }[] };
  let productId: string;

  beforeAll(async () => {
    productId = await newProduct('定向专供草莓');
    // route R1 (point P2) and point P0; not P1, which is on R0
    const made = await world.admin.post(
      '/admin/campaigns',
      campaignBody(productId, { routeIds: [R1], pickupPointIds: [P0] }),
    );
    expect(made.status).toBe(201);
    targeted = made.body;
  });

  it('refuses targets outside its region naming the field, and writes nothing', async () => {
    const count = () =>
      one(
        server.ctx.db,
        sql`select (select count(*)::int from campaigns) as c, (select count(*)::int from campaign_targets) as t`,
      );
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ routeIds: [otherRoute] }, 'routeIds'],
      [{ pickupPointIds: [P0, otherPoint] }, 'pickupPointIds'],
      [{ routeIds: [R0], pickupPointIds: ['00000000-0000-4000-8000-0000000000ff'] }, 'pickupPointIds'],
    ];
    for (const [targets, field] of cases) {
      const res = await world.admin.post('/admin/campaigns', campaignBody(world.products[0].id, targets));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    }
    const edit = await world.admin.request('PATCH', `/admin/campaigns/${targeted.id}`, { routeIds: [otherRoute] });
    expect(edit.status).toBe(400);
    expect(edit.body.error.details.field).toBe('routeIds');
    expect(await count()).toEqual(before);
  });

  it('shows its targets in the campaign views', async () => {
    expect((await world.admin.get(`/admin/campaigns/${targeted.id}`)).body).toMatchObject({
      routeIds: [R1],
      pickupPointIds: [P0],
    });
    expect((await world.admin.get(`/admin/campaigns/${world.campaign.id}`)).body).toMatchObject({
      routeIds: [],
      pickupPointIds: [],
    });
  });

  it('is listed only at the points it is offered at', async () => {
    expect(await active(P0)).toEqual(expect.arrayContaining([world.campaign.id, targeted.id]));
    expect(await active(P2)).toEqual(expect.arrayContaining([world.campaign.id, targeted.id]));
    expect(await active(P1)).toContain(world.campaign.id);
    expect(await active(P1)).not.toContain(targeted.id);
    // without a point: the campaigns of the whole region only
    expect(await active()).toContain(world.campaign.id);
    expect(await active()).not.toContain(targeted.id);
    // points with the same campaigns are answered the same text
    const a = await server.app.inject({ method: 'GET', url: `/api/v1/campaigns/active?pickupPointId=${P0}` });
    const b = await server.app.inject({ method: 'GET', url: `/api/v1/campaigns/active?pickupPointId=${P2}` });
    expect(a.body).toBe(b.body);
  });

  it('is found on sale by search only at the points it is offered at', async () => {
    const hit = async (point: string) =>
      (await world.anon.get(`/search?q=${encodeURIComponent('定向专供草莓')}&pickupPointId=${point}`)).body.find(
        (h: any) => h.productId === productId,
      );
    expect(await hit(P0)).toMatchObject({ onSale: true, id: targeted.items[0].id });
    expect(await hit(P2)).toMatchObject({ onSale: true });
    expect(await hit(P1)).toMatchObject({ onSale: false });
  });

  it('refuses an order at a point it is not offered at, writing nothing', async () => {
    const { api } = await newCustomer(server, P1);
    const before = await written();
    const order = { pickupPointId: P1, items: [{ campaignItemId: targeted.items[0].id, quantity: 1 }] };
    const res = await api.post('/orders', order);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'POINT_NOT_TARGETED', details: { field: 'pickupPointId' } });
    expect((await api.post('/checkout/quote', order)).body.error?.code).toBe('POINT_NOT_TARGETED');
    expect(await written()).toEqual(before);
    // at a targeted point, and at a point of a targeted route, it sells
    for (const point of [P0, P2]) {
      const ok = await api.post('/orders', {
        pickupPointId: point,
        items: [{ campaignItemId: targeted.items[0].id, quantity: 1 }],
      });
      expect(ok.status).toBe(201);
    }
  });

  it('the flash lane refuses it too', async () => {
    const flashProduct = await newProduct('定向秒杀蓝莓');
    const made = await world.admin.post('/admin/campaigns', {
      ...campaignBody(flashProduct, { pickupPointIds: [P2] }),
      items: [
        {
          productId: flashProduct,
          priceFen: 990,
          quota: 5,
          perCustomerLimit: 1,
          saleStartsAt: new Date(Date.now() + 60_000).toISOString(),
        },
      ],
    });
    expect(made.status).toBe(201);
    const itemId = made.body.items[0].id;
    await exec(
      server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${itemId}`,
    );
    const buyers = await Promise.all(Array.from({ length: 4 }, () => newCustomer(server)));
    const before = await written();
    const refused = await Promise.all(
      buyers.map((b) => b.api.post('/orders', { pickupPointId: P0, items: [{ campaignItemId: itemId, quantity: 1 }] })),
    );
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(refused.every((r) => r.body.error.code === 'POINT_NOT_TARGETED')).toBe(true);
    expect(await written()).toEqual(before);
    const sold = await buyers[0].api.post('/orders', {
      pickupPointId: P2,
      items: [{ campaignItemId: itemId, quantity: 1 }],
    });
    expect(sold.status).toBe(201);
  });

  it('an edit changes where it is offered, and the list follows', async () => {
    const admin = world.admin;
    const widened = await admin.request('PATCH', `/admin/campaigns/${targeted.id}`, {
      routeIds: [R0],
      pickupPointIds: [],
    });
    expect(widened.status).toBe(200);
    expect(widened.body).toMatchObject({ routeIds: [R0], pickupPointIds: [] });
    await expect.poll(() => active(P1)).toContain(targeted.id);
    expect(await active(P2)).not.toContain(targeted.id);
    const whole = await admin.request('PATCH', `/admin/campaigns/${targeted.id}`, { routeIds: [] });
    expect(whole.body).toMatchObject({ routeIds: [], pickupPointIds: [] });
    await expect.poll(() => active()).toContain(targeted.id);
    expect(await active(P2)).toContain(targeted.id);
    // a point moved to another route follows its new route's campaigns
    await admin.request('PATCH', `/admin/campaigns/${targeted.id}`, { routeIds: [R1] });
    await expect.poll(() => active(P1)).not.toContain(targeted.id);
    expect((await admin.request('PATCH', `/admin/pickup-points/${P1}`, { routeId: R1 })).status).toBe(200);
    await expect.poll(() => active(P1)).toContain(targeted.id);
    await admin.request('PATCH', `/admin/pickup-points/${P1}`, { routeId: R0 });
  });
});
