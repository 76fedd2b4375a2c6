import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api } from './client.js';
import { exec, one, rows } from '../src/db/client.js';
import { grantMemberCoupons } from '../src/modules/members/coupons.js';
import { addPoints, expirePoints } from '../src/modules/accounts/points.js';
import { checkIn, onOrderCompleted, recordShare } from '../src/modules/members/service.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const regionOf = async (id: string) => (await world.admin.get('/admin/regions')).body.find((r: any) => r.id === id);

/** A region with a central and a grid warehouse, a route and a point. */
async function city(name: string, timeZone: string, settings: Record<string, unknown> = {}) {
  const admin = world.admin;
  const made = await admin.post('/admin/regions', { name, timeZone, ...settings });
  expect(made.status).toBe(201);
  const regionId = made.body.id as string;
  const central = (await admin.post('/admin/warehouses', { name: `${name}中心仓`, kind: 'central', regionId })).body.id;
  const grid = (await admin.post('/admin/warehouses', { name: `${name}网格仓`, kind: 'grid', parentId: central })).body
    .id;
  const route = (await admin.post('/admin/routes', { name: `${name}一线`, warehouseId: grid })).body.id;
  const point = (
    await admin.post('/admin/pickup-points', { name: `${name}自提点`, address: `${name}路1号`, routeId: route })
  ).body.id as string;
  return { regionId, point };
}

describe('region settings', () => {
  it("gives the default region today's values", async () => {
    expect(await regionOf(DEFAULT_REGION_ID)).toMatchObject({
      cutoffTime: '23:00',
      pickupFrom: '08:00',
      pickupUntil: '21:00',
      membershipPriceFen: 9900,
      leaderCommissionBps: 1000,
    });
  });

  it('refuses bad settings naming the field, and writes nothing', async () => {
    const admin = world.admin;
    const id = (await admin.post('/admin/regions', { name: '设置城', timeZone: 'Asia/Shanghai' })).body.id;
    const before = await regionOf(id);
    const bad: [Record<string, unknown>, string][] = [
      [{ cutoffTime: '24:00' }, 'cutoffTime'],
      [{ cutoffTime: '7:00' }, 'cutoffTime'],
      [{ cutoffTime: '23:00:00' }, 'cutoffTime'],
      [{ pickupFrom: '08:60' }, 'pickupFrom'],
      [{ pickupFrom: '21:00' }, 'pickupFrom'], // not before the stored end (21:00)
      [{ pickupFrom: '10:00', pickupUntil: '09:59' }, 'pickupUntil'],
      [{ pickupUntil: '08:00' }, 'pickupUntil'], // not after the stored start (08:00)
      [{ membershipPriceFen: -1 }, 'membershipPriceFen'],
      [{ membershipPriceFen: 99.5 }, 'membershipPriceFen'],
      [{ leaderCommissionBps: 10_001 }, 'leaderCommissionBps'],
      [{ leaderCommissionBps: -1 }, 'leaderCommissionBps'],
      [{ leaderCommissionBps: 12.5 }, 'leaderCommissionBps'],
      [{ name: '设置城改', cutoffTime: 'noon' }, 'cutoffTime'],
    ];
    for (const [patch, field] of bad) {
      const res = await admin.request('PATCH', `/admin/regions/${id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    }
    expect(await regionOf(id)).toEqual(before);

    const count = async () => (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from regions`))!.n;
    const regions = await count();
    const refused = await admin.post('/admin/regions', {
      name: '坏设置城',
      timeZone: 'Asia/Shanghai',
      pickupFrom: '22:00',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.field).toBe('pickupFrom');
    expect(await count()).toBe(regions);

    const changed = await admin.request('PATCH', `/admin/regions/${id}`, {
      cutoffTime: '22:30',
      pickupFrom: '07:30',
      pickupUntil: '20:00',
      membershipPriceFen: 0,
      leaderCommissionBps: 10_000,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      cutoffTime: '22:30',
      pickupFrom: '07:30',
      pickupUntil: '20:00',
      membershipPriceFen: 0,
      leaderCommissionBps: 10_000,
    });
    expect(await regionOf(id)).toEqual(changed.body);
    // a region opened with settings has them
    const withSettings = await admin.post('/admin/regions', {
      name: '带设置城',
      timeZone: 'Asia/Urumqi',
      cutoffTime: '21:00',
      membershipPriceFen: 5900,
    });
    expect(await regionOf(withSettings.body.id)).toMatchObject({
      cutoffTime: '21:00',
      pickupFrom: '08:00',
      pickupUntil: '21:00',
      membershipPriceFen: 5900,
      leaderCommissionBps: 1000,
    });
    const customer = await newCustomer(server);
    expect((await customer.api.request('PATCH', `/admin/regions/${id}`, { membershipPriceFen: 1 })).status).toBe(403);
  });
});

describe("a campaign without a cutoff closes at its region's cutoff time, on the region's clock", () => {
  const pickupDate = '2030-01-10';
  const body = (regionId: string, productId: string, extra: Record<string, unknown> = {}) => ({
    title: '默认截单团',
    startsAt: new Date().toISOString(),
    pickupDate,
    regionId,
    items: [{ productId, priceFen: 1000 }],
    ...extra,
  });
  const jobRunAt = async (campaignId: string) =>
    new Date(
      (await one<{ run_at: string }>(
        server.ctx.db,
        sql`select run_at::text as run_at from jobs where key = ${`cutoff:${campaignId}`}`,
      ))!.run_at
        .replace(' ', 'T')
        .replace(/([+-]\d\d)$/, '$1:00'),
    ).toISOString();

  it('23:00 in Shanghai (UTC+8) and in Urumqi (UTC+6) are two hours apart', async () => {
    const shanghai = await city('沪测', 'Asia/Shanghai');
    const urumqi = await city('乌测', 'Asia/Urumqi');
    const a = await world.admin.post('/admin/campaigns', body(shanghai.regionId, world.products[0].id));
    const b = await world.admin.post('/admin/campaigns', body(urumqi.regionId, world.products[0].id));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    // the day before the pickup date, 23:00 local: 15:00 and 17:00 UTC
    expect(a.body.cutoffAt).toBe('2030-01-09T15:00:00.000Z');
    expect(b.body.cutoffAt).toBe('2030-01-09T17:00:00.000Z');
    expect((await world.admin.get(`/admin/campaigns/${a.body.id}`)).body.cutoffAt).toBe('2030-01-09T15:00:00.000Z');
    expect((await world.admin.get(`/admin/campaigns/${b.body.id}`)).body.cutoffAt).toBe('2030-01-09T17:00:00.000Z');
    // the cutoff job runs then
    expect(await jobRunAt(a.body.id)).toBe('2030-01-09T15:00:00.000Z');
    expect(await jobRunAt(b.body.id)).toBe('2030-01-09T17:00:00.000Z');

    // another cutoff time; a given cutoffAt is kept as it is
    await world.admin.request('PATCH', `/admin/regions/${urumqi.regionId}`, { cutoffTime: '21:30' });
    const c = await world.admin.post('/admin/campaigns', body(urumqi.regionId, world.products[1].id));
    expect(c.body.cutoffAt).toBe('2030-01-09T15:30:00.000Z');
    const given = await world.admin.post(
      '/admin/campaigns',
      body(urumqi.regionId, world.products[2].id, { cutoffAt: '2030-01-09T10:00:00.000Z' }),
    );
    expect(given.body.cutoffAt).toBe('2030-01-09T10:00:00.000Z');

    // an edit may ask for the region's cutoff of a new pickup date
    const edited = await world.admin.request('PATCH', `/admin/campaigns/${given.body.id}`, {
      pickupDate: '2030-02-01',
      cutoffAt: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ pickupDate: '2030-02-01', cutoffAt: '2030-01-31T15:30:00.000Z' });
    expect(await jobRunAt(given.body.id)).toBe('2030-01-31T15:30:00.000Z');
  });

  it("refuses a region's cutoff that is not after the start", async () => {
    const before = await one(server.ctx.db, sql`select count(*)::int as n from campaigns`);
    const res = await world.admin.post(
      '/admin/campaigns',
      body(DEFAULT_REGION_ID, world.products[0].id, { pickupDate: '2020-01-01' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'cutoffAt' } });
    expect(await one(server.ctx.db, sql`select count(*)::int as n from campaigns`)).toEqual(before);
  });
});

describe('a leader appointed without a rate', () => {
  it("earns the default rate of the point's region", async () => {
    const b = await city('佣金城', 'Asia/Shanghai', { leaderCommissionBps: 1250 });
    const point2 = (
      await world.admin.post('/admin/pickup-points', {
        name: '佣金城二号点',
        address: '佣金路2号',
        routeId: (await one<{ route_id: string }>(
          server.ctx.db,
          sql`select route_id from pickup_points where id = ${b.point}`,
        ))!.route_id,
      })
    ).body.id;
    const first = await newCustomer(server, b.point, '新团长');
    const second = await newCustomer(server, point2, '定价团长');
    const third = await newCustomer(server, undefined, '默认区团长');
    const pointA = (
      await world.admin.post('/admin/pickup-points', {
        name: '默认区新点',
        address: '新路9号',
        routeId: world.routeIds[1],
      })
    ).body.id;
    const appoint = (userId: string, pickupPointId: string, extra: Record<string, unknown> = {}) =>
      world.admin.post('/admin/leaders', { userId, pickupPointId, ...extra });
    expect((await appoint(first.userId, b.point)).status).toBe(201);
    expect((await appoint(second.userId, point2, { commissionBps: 700 })).status).toBe(201);
    expect((await appoint(third.userId, pointA)).status).toBe(201);
    const rates = await rows<{ user_id: string; commission_bps: number }>(
      server.ctx.db,
      sql`select user_id, commission_bps from leaders where user_id in (${first.userId}, ${second.userId}, ${third.userId})`,
    );
    const rate = (u: string) => rates.find((r) => r.user_id === u)?.commission_bps;
    expect(rate(first.userId)).toBe(1250);
    expect(rate(second.userId)).toBe(700);
    expect(rate(third.userId)).toBe((await regionOf(DEFAULT_REGION_ID)).leaderCommissionBps);
    const bad = await appoint((await newCustomer(server)).userId, point2, { commissionBps: 10_001 });
    expect(bad.status).toBe(400);
  });
});

describe('the membership', () => {
  it("costs the price of the customer's region, and the order says so", async () => {
    const b = await city('会员城', 'Asia/Urumqi', { membershipPriceFen: 4900 });
    await world.admin.request('PATCH', `/admin/regions/${DEFAULT_REGION_ID}`, { membershipPriceFen: 12_800 });
    const atB = await newCustomer(server, b.point);
    const atA = await newCustomer(server, world.pickupPointIds[0]);
    const nowhere = await newCustomer(server);
    const cases: [typeof atB, number, string][] = [
      [atB, 4900, b.regionId],
      [atA, 12_800, DEFAULT_REGION_ID],
      [nowhere, 12_800, DEFAULT_REGION_ID], // no point chosen: the default region's
    ];
    for (const [c, price, regionId] of cases) {
      expect((await c.api.get('/me/membership')).body).toEqual({ priceFen: price, regionId });
      const bought = await c.api.post('/me/membership', { plan: 'annual' });
      expect(bought.status).toBe(201);
      expect(bought.body.amountFen).toBe(price);
      const order = await one<{ total_fen: number; subtotal_fen: number; region_id: string }>(
        server.ctx.db,
        sql`select total_fen, subtotal_fen, region_id from orders where id = ${bought.body.orderId}`,
      );
      expect(order).toEqual({ total_fen: price, subtotal_fen: price, region_id: regionId });
    }
    // a later price change leaves an order placed before as it was
    const first = await atB.api.post('/me/membership', { plan: 'annual' });
    await world.admin.request('PATCH', `/admin/regions/${b.regionId}`, { membershipPriceFen: 5900 });
    expect((await atB.api.get('/me/membership')).body.priceFen).toBe(5900);
    expect(
      (await one<{ total_fen: number }>(
        server.ctx.db,
        sql`select total_fen from orders where id = ${first.body.orderId}`,
      ))!.total_fen,
    ).toBe(4900);
    expect((await world.anon.get('/me/membership')).status).toBe(401);
  });
});

describe('the pickup window', () => {
  it("is shown with the pickup day: the deal list, an order and the leader's campaigns", async () => {
    await world.admin.request('PATCH', `/admin/regions/${DEFAULT_REGION_ID}`, {
      pickupFrom: '09:00',
      pickupUntil: '20:30',
    });
    const list = (await world.anon.get(`/campaigns/active?pickupPointId=${world.pickupPointIds[0]}`)).body;
    expect(list.find((c: any) => c.id === world.campaign.id)).toMatchObject({
      pickupFrom: '09:00',
      pickupUntil: '20:30',
    });
    const { api } = await newCustomer(server, world.pickupPointIds[0]);
    const placed = await api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(placed.status).toBe(201);
    const campaign = (await world.admin.get(`/admin/campaigns/${world.campaign.id}`)).body;
    expect((await api.get(`/orders/${placed.body.id}`)).body).toMatchObject({
      pickupDate: campaign.pickupDate,
      pickupFrom: '09:00',
      pickupUntil: '20:30',
    });
    const leader = world.leaders[0];
    const desk = (await leader.api.get('/leader/campaigns')).body;
    expect(desk.find((c: any) => c.id === world.campaign.id)).toMatchObject({
      pickupFrom: '09:00',
      pickupUntil: '20:30',
    });
  });
});

describe("a customer's days are her region's days", () => {
  // 17:00 UTC is 01:00 of the next day in Shanghai and still 23:00 in Urumqi
  const lateEvening = new Date('2030-01-10T17:00:00Z');
  // the same hour on 31 January: 1 February in Shanghai, still 31 January in Urumqi
  const monthEnd = new Date('2030-01-31T17:00:00Z');

  it('checks in, shares and receives the monthly pack by the date on her own clock', async () => {
    const urumqi = await city('乌日城', 'Asia/Urumqi');
    const west = await newCustomer(server, urumqi.point);
    const east = await newCustomer(server, world.pickupPointIds[0]);
    const dates = async (table: 'check_ins' | 'share_days', userId: string) =>
      (
        await rows<{ d: string }>(
          server.ctx.db,
          sql`select business_date::text as d from ${sql.raw(table)} where user_id = ${userId}`,
        )
      ).map((r) => r.d);

    await checkIn(server.ctx.db, west.userId, lateEvening);
    await checkIn(server.ctx.db, east.userId, lateEvening);
    expect(await dates('check_ins', west.userId)).toEqual(['2030-01-10']);
    expect(await dates('check_ins', east.userId)).toEqual(['2030-01-11']);

    const item = (
      await world.admin.post('/admin/campaigns', {
        title: '分享团',
        startsAt: new Date().toISOString(),
        pickupDate: '2030-01-12',
        regionId: urumqi.regionId,
        items: [{ productId: world.products[0].id, priceFen: 1000 }],
      })
    ).body.items[0].id as string;
    await recordShare(server.ctx.db, west.userId, item, lateEvening);
    await recordShare(server.ctx.db, east.userId, item, lateEvening);
    expect(await dates('share_days', west.userId)).toEqual(['2030-01-10']);
    expect(await dates('share_days', east.userId)).toEqual(['2030-01-11']);

    const template = (
      await world.admin.post('/admin/coupon-templates', {
        name: '地区月券',
        kind: 'amount',
        thresholdFen: 0,
        discountFen: 300,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        perCustomerLimit: 1,
        stackableWithFullReduction: true,
      })
    ).body.id as string;
    expect(
      (await world.admin.post('/admin/members/coupon-templates', { templateId: template, purpose: 'monthly_pack' }))
        .status,
    ).toBe(201);
    for (const c of [west, east])
      await exec(
        server.ctx.db,
        sql`update users set membership_until = now() + interval '1 year' where id = ${c.userId}`,
      );
    await grantMemberCoupons(server.ctx.db, 'monthly_pack', monthEnd);
    const periods = async (userId: string) =>
      (
        await rows<{ period: string }>(
          server.ctx.db,
          sql`select period from member_coupon_grants where user_id = ${userId} and template_id = ${template}`,
        )
      ).map((r) => r.period);
    expect(await periods(west.userId)).toEqual(['2030-01']);
    expect(await periods(east.userId)).toEqual(['2030-02']);
  });

  it("counts a referral in the month of the invitee's region", async () => {
    const urumqi = await city('乌荐城', 'Asia/Urumqi');
    const inviter = await newCustomer(server, urumqi.point);
    const code = (await inviter.api.get('/me')).body.inviteCode as string;
    const invite = async (pickupPointId: string) => {
      const reg = await new Api(server.app).post('/auth/register', {
        phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        password: 'customer-123',
        name: '新人',
        inviteCode: code,
      });
      expect(reg.status).toBe(201);
      const api = new Api(server.app, reg.body.token);
      await api.put('/me/pickup-point', { pickupPointId });
      return { api, userId: reg.body.user.id as string };
    };
    const firstOrder = async (customer: { api: Api }, regionId: string, pickupPointId: string) => {
      const campaign = (
        await world.admin.post('/admin/campaigns', {
          title: '首单团',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          cutoffAt: new Date(Date.now() + 3_600_000).toISOString(),
          pickupDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
          regionId,
          items: [{ productId: world.products[1].id, priceFen: 1200 }],
        })
      ).body;
      const order = await buyAndPay(server, customer.api, {
        pickupPointId,
        items: [{ campaignItemId: campaign.items[0].id, quantity: 1 }],
      });
      // handed over at the pickup point (the fulfilment steps are other tests' subject)
      await exec(server.ctx.db, sql`update order_lines set status = 'picked_up' where order_id = ${order.id}`);
      await exec(server.ctx.db, sql`update orders set status = 'completed' where id = ${order.id}`);
      return order.id as string;
    };
    const west = await invite(urumqi.point);
    const east = await invite(world.pickupPointIds[0]);
    await onOrderCompleted(server.ctx.db, await firstOrder(west, urumqi.regionId, urumqi.point), monthEnd);
    await onOrderCompleted(server.ctx.db, await firstOrder(east, DEFAULT_REGION_ID, world.pickupPointIds[0]), monthEnd);
    const months = await rows<{ invitee_id: string; month: string }>(
      server.ctx.db,
      sql`select invitee_id, month from referral_rewards where inviter_id = ${inviter.userId}`,
    );
    expect(Object.fromEntries(months.map((m) => [m.invitee_id, m.month]))).toEqual({
      [west.userId]: '2030-01',
      [east.userId]: '2030-02',
    });
  });

  it("lets points earned two years ago go when the new year begins on her region's clock", async () => {
    const urumqi = await city('乌积城', 'Asia/Urumqi');
    const west = await newCustomer(server, urumqi.point);
    const east = await newCustomer(server, world.pickupPointIds[0]);
    for (const c of [west, east]) {
      await addPoints(server.ctx.db, c.userId, 300, `earned-2028:${c.userId}`, 'order');
      await exec(
        server.ctx.db,
        sql`update points_entries set created_at = '2028-06-01T04:00:00Z' where business_key = ${`earned-2028:${c.userId}`}`,
      );
    }
    const balance = async (userId: string) =>
      (await one<{ b: number }>(server.ctx.db, sql`select points_balance as b from users where id = ${userId}`))!.b;
    // 2030 has begun in Shanghai (01:00) but not in Urumqi (23:00): 2028's points go in the east only
    await expirePoints(server.ctx.db, new Date('2029-12-31T17:00:00Z'));
    expect(await balance(east.userId)).toBe(0);
    expect(await balance(west.userId)).toBe(300);
    // an hour later it is 2030 in Urumqi too
    await expirePoints(server.ctx.db, new Date('2029-12-31T18:00:00Z'));
    expect(await balance(west.userId)).toBe(0);
  });
});
