import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';

let server: TestServer;
let world: World;

const day = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
const campaignBody = (title: string, productId: string, extra: Record<string, unknown> = {}) => ({
  title,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  cutoffAt: new Date(Date.now() + 3_600_000).toISOString(),
  pickupDate: day(86_400_000),
  items: [{ productId, priceFen: 1000 }],
  ...extra,
});

/** Rows that any order writes, counted to prove a refusal wrote nothing. */
async function written() {
  return one<{ orders: number; lines: number; holdings: number; sold: number }>(
    server.ctx.db,
    sql`select (select count(*)::int from orders) as orders, (select count(*)::int from order_lines) as lines,
      (select count(*)::int from customer_item_holdings) as holdings,
      (select coalesce(sum(sold), 0)::int from campaign_items) as sold`,
  );
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server); // the default region (Asia/Shanghai): region A
});
afterAll(() => server.close());

describe('regions API', () => {
  it('creates, lists and refuses bad input', async () => {
    const admin = world.admin;
    const bad = await admin.post('/admin/regions', { name: '乌鲁木齐', timeZone: 'Asia/Nowhere' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'timeZone' } });
    expect((await admin.post('/admin/regions', { name: '', timeZone: 'Asia/Urumqi' })).status).toBe(400);
    expect((await admin.post('/admin/regions', { name: '无时区' })).status).toBe(400);

    const made = await admin.post('/admin/regions', { name: '测试城A', timeZone: 'asia/urumqi' });
    expect(made.status).toBe(201);
    const dup = await admin.post('/admin/regions', { name: '测试城A', timeZone: 'Asia/Shanghai' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('REGION_NAME_TAKEN');

    // two at once with one name: one region, one refusal
    const raced = await Promise.all([
      admin.post('/admin/regions', { name: '同名城', timeZone: 'Asia/Shanghai' }),
      admin.post('/admin/regions', { name: '同名城', timeZone: 'Asia/Shanghai' }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);

    const list = (await admin.get('/admin/regions')).body;
    expect(list[0]).toMatchObject({ id: DEFAULT_REGION_ID, warehouses: 2, pickupPoints: 3, openCampaigns: 1 });
    expect(list.find((r: any) => r.id === made.body.id)).toMatchObject({
      name: '测试城A',
      timeZone: 'Asia/Urumqi', // spelled as the zone database spells it
      warehouses: 0,
      pickupPoints: 0,
      openCampaigns: 0,
    });
    expect(list.filter((r: any) => r.name === '同名城')).toHaveLength(1);

    const customer = await newCustomer(server);
    expect((await customer.api.get('/admin/regions')).status).toBe(403);
    expect((await customer.api.post('/admin/regions', { name: '越权城', timeZone: 'Asia/Shanghai' })).status).toBe(403);
  });

  it('renames, and changes the time zone only while no campaign of the region is open', async () => {
    const admin = world.admin;
    const id = (await admin.post('/admin/regions', { name: '改名前', timeZone: 'Asia/Shanghai' })).body.id;
    const renamed = await admin.request('PATCH', `/admin/regions/${id}`, { name: '改名后', timeZone: 'Asia/Urumqi' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id, name: '改名后', timeZone: 'Asia/Urumqi' });
    expect((await admin.request('PATCH', `/admin/regions/${id}`, {})).status).toBe(400);
    expect((await admin.request('PATCH', `/admin/regions/${id}`, { timeZone: 'Mars/Base' })).status).toBe(400);
    const taken = await admin.request('PATCH', `/admin/regions/${id}`, { name: '测试城A' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('REGION_NAME_TAKEN');
    expect(
      (await admin.request('PATCH', '/admin/regions/00000000-0000-4000-8000-0000000000ff', { name: '无' })).status,
    ).toBe(404);

    // the default region has an open campaign: its clock stays, its name may change
    const refused = await admin.request('PATCH', `/admin/regions/${DEFAULT_REGION_ID}`, { timeZone: 'Asia/Urumqi' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_STATE', details: { field: 'timeZone' } });
    expect(refused.body.error.message).toMatch(/open campaign/);
    const before = (await admin.get('/admin/regions')).body[0];
    expect(before.timeZone).toBe('Asia/Shanghai');
    expect(
      (await admin.request('PATCH', `/admin/regions/${DEFAULT_REGION_ID}`, { timeZone: 'Asia/Shanghai' })).status,
    ).toBe(200);
  });
});

describe('two cities', () => {
  let regionB: string;
  let centralB: string;
  let pointB: string;
  let campaignB: { id: string; items: { id: string }[] };

  beforeAll(async () => {
    const admin = world.admin;
    regionB = (await admin.post('/admin/regions', { name: '乌鲁木齐', timeZone: 'Asia/Urumqi' })).body.id;
    centralB = (await admin.post('/admin/warehouses', { name: '乌鲁木齐中心仓', kind: 'central', regionId: regionB }))
      .body.id;
    const gridB = (await admin.post('/admin/warehouses', { name: '天山网格仓', kind: 'grid', parentId: centralB })).body
      .id;
    const routeB = (await admin.post('/admin/routes', { name: '天山一线', warehouseId: gridB })).body.id;
    pointB = (await admin.post('/admin/pickup-points', { name: '天山路自提点', address: '天山路1号', routeId: routeB }))
      .body.id;
    const made = await admin.post(
      '/admin/campaigns',
      campaignBody('乌鲁木齐今日团', world.products[0].id, { regionId: regionB }),
    );
    expect(made.status).toBe(201);
    campaignB = made.body;
  });

  it('places warehouses and campaigns in the region asked for, and refuses a mismatch', async () => {
    const admin = world.admin;
    const network = (await admin.get('/admin/network')).body;
    expect(network.warehouses.find((w: any) => w.id === centralB).regionId).toBe(regionB);
    expect(network.warehouses.find((w: any) => w.id === world.centralWarehouseId).regionId).toBe(DEFAULT_REGION_ID);

    const mismatch = await admin.post('/admin/warehouses', {
      name: '错区网格仓',
      kind: 'grid',
      parentId: centralB,
      regionId: DEFAULT_REGION_ID,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details.field).toBe('regionId');
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    expect((await admin.post('/admin/warehouses', { name: '无区仓', kind: 'central', regionId: unknown })).status).toBe(
      404,
    );
    const before = await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from campaigns`);
    const noRegion = await admin.post(
      '/admin/campaigns',
      campaignBody('无区团', world.products[1].id, { regionId: unknown }),
    );
    expect(noRegion.status).toBe(404);
    expect(noRegion.body.error.code).toBe('NOT_FOUND');
    expect(await one(server.ctx.db, sql`select count(*)::int as n from campaigns`)).toEqual(before);

    const row = await one<{ region_id: string }>(
      server.ctx.db,
      sql`select region_id from pickup_points where id = ${pointB}`,
    );
    expect(row?.region_id).toBe(regionB);
    const list = (await admin.get('/admin/regions')).body.find((r: any) => r.id === regionB);
    expect(list).toMatchObject({ warehouses: 2, pickupPoints: 1, openCampaigns: 1 });
    // region B now has an open campaign: its clock is fixed
    expect((await admin.request('PATCH', `/admin/regions/${regionB}`, { timeZone: 'Asia/Shanghai' })).status).toBe(409);
  });

  it("shows a customer her point's region's deals only; without a point, the default region's", async () => {
    const anon = world.anon;
    const atB = (await anon.get(`/campaigns/active?pickupPointId=${pointB}`)).body.map((c: any) => c.id);
    expect(atB).toEqual([campaignB.id]);
    const atA = (await anon.get(`/campaigns/active?pickupPointId=${world.pickupPointIds[0]}`)).body.map(
      (c: any) => c.id,
    );
    expect(atA).toContain(world.campaign.id);
    expect(atA).not.toContain(campaignB.id);
    const noPoint = (await anon.get('/campaigns/active')).body.map((c: any) => c.id);
    expect(noPoint).toEqual(atA);
    const unknown = await anon.get('/campaigns/active?pickupPointId=00000000-0000-4000-8000-0000000000ff');
    expect(unknown.status).toBe(404);
    expect((await anon.get('/campaigns/active?pickupPointId=nope')).status).toBe(400);
  });

  it("refuses an order for one city's deal at another city's point and writes nothing", async () => {
    const { api } = await newCustomer(server, pointB);
    const before = await written();
    const res = await api.post('/orders', {
      pickupPointId: pointB,
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'POINT_OUTSIDE_REGION', details: { field: 'pickupPointId' } });
    const quote = await api.post('/checkout/quote', {
      pickupPointId: pointB,
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(quote.body.error?.code).toBe('POINT_OUTSIDE_REGION');
    const back = await api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: campaignB.items[0].id, quantity: 1 }],
    });
    expect(back.body.error?.code).toBe('POINT_OUTSIDE_REGION');
    expect(await written()).toEqual(before);
    // the same deal at a point of its own city sells
    const ok = await api.post('/orders', {
      pickupPointId: pointB,
      items: [{ campaignItemId: campaignB.items[0].id, quantity: 1 }],
    });
    expect(ok.status).toBe(201);
  });

  it('the flash lane refuses it too', async () => {
    const now = Date.now();
    const flash = await world.admin.post('/admin/campaigns', {
      ...campaignBody('整点秒杀', world.products[3].id),
      items: [
        {
          productId: world.products[3].id,
          priceFen: 990,
          quota: 5,
          perCustomerLimit: 1,
          saleStartsAt: new Date(now + 60_000).toISOString(),
        },
      ],
    });
    const itemId = flash.body.items[0].id;
    await exec(
      server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${itemId}`,
    );
    const buyers = await Promise.all(Array.from({ length: 4 }, () => newCustomer(server)));
    const before = await written();
    const refused = await Promise.all(
      buyers.map((b) =>
        b.api.post('/orders', { pickupPointId: pointB, items: [{ campaignItemId: itemId, quantity: 1 }] }),
      ),
    );
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(refused.every((r) => r.body.error.code === 'POINT_OUTSIDE_REGION')).toBe(true);
    expect(await written()).toEqual(before);
    const sold = await buyers[0].api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: itemId, quantity: 1 }],
    });
    expect(sold.status).toBe(201);
  });

  it("raises the cutoff's purchase orders at the campaign region's central warehouse", async () => {
    const { api } = await newCustomer(server, pointB);
    const order = await api.post('/orders', {
      pickupPointId: pointB,
      items: [{ campaignItemId: campaignB.items[0].id, quantity: 2 }],
    });
    expect(order.status).toBe(201);
    await exec(
      server.ctx.db,
      sql`update orders set status = 'paid', paid_at = now() where campaign_id = ${campaignB.id}`,
    );
    await exec(
      server.ctx.db,
      sql`update campaigns set cutoff_at = now() - interval '1 second' where id = ${campaignB.id}`,
    );
    const cut = await world.admin.post(`/admin/campaigns/${campaignB.id}/cutoff`);
    expect(cut.status).toBe(200);
    expect(cut.body.purchaseOrders).toBeGreaterThan(0);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaignB.id}`)).body;
    expect(pos.length).toBe(cut.body.purchaseOrders);
    expect(pos.every((p: any) => p.warehouseId === centralB)).toBe(true);
  });

  it("moves a route's points to the region of the warehouse it moves to, and their deal list with them", async () => {
    const admin = world.admin;
    const gridB = (await admin.post('/admin/warehouses', { name: '新市网格仓', kind: 'grid', parentId: centralB })).body
      .id;
    const route = (await admin.post('/admin/routes', { name: '新市一线', warehouseId: gridB })).body.id;
    const point = (
      await admin.post('/admin/pickup-points', { name: '新市自提点', address: '新市路1号', routeId: route })
    ).body.id;
    const open = (c: any[]) => c.map((x) => x.id);
    // region B's campaign was cut off above; a new one shows at B's points
    const nextB = (
      await admin.post('/admin/campaigns', campaignBody('乌鲁木齐明日团', world.products[2].id, { regionId: regionB }))
    ).body.id;
    expect(open((await world.anon.get(`/campaigns/active?pickupPointId=${point}`)).body)).toEqual([nextB]);
    const moved = await admin.request('PATCH', `/admin/routes/${route}`, { warehouseId: world.gridWarehouseId });
    expect(moved.status).toBe(200);
    const row = await one<{ region_id: string }>(
      server.ctx.db,
      sql`select region_id from pickup_points where id = ${point}`,
    );
    expect(row?.region_id).toBe(DEFAULT_REGION_ID);
    const now = open((await world.anon.get(`/campaigns/active?pickupPointId=${point}`)).body);
    expect(now).toContain(world.campaign.id);
    expect(now).not.toContain(nextB);
  });
});
