import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign } from './leader-flow.js';
import { rows } from '../src/db/client.js';

let server: TestServer;
let world: World;
let bought: Awaited<ReturnType<typeof buy>>[];
let elsewhere: Awaited<ReturnType<typeof buy>>;

beforeAll(async () => {
  server = await startTestServer({ settlementDelayDays: 0 });
  world = await createWorld(server);
  const campaign = await newCampaign(world);
  // three customers at point 0, one at point 1 (which must never count for point 0's leader)
  bought = [
    await buy(server, world, campaign, 0, { eggs: 3, apple: 1 }),
    await buy(server, world, campaign, 0, { milk: 7 }),
    await buy(server, world, campaign, 0, { greens: 2, eggs: 1 }),
  ];
  elsewhere = await buy(server, world, campaign, 1, { milk: 5 });
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  await arriveInFull(world, campaign.id, 1);
});
afterAll(() => server.close());

const leader = (i: number) => world.leaders[i].api;

/** The plain recomputation: from the orders as the customers saw them at payment, line by line. */
function expected(orders: { order: any }[], bps: number) {
  let salesFen = 0;
  let commissionFen = 0;
  let units = 0;
  for (const { order } of orders) {
    salesFen += order.totalFen;
    for (const line of order.lines) {
      commissionFen += Math.floor((line.paidFen * bps) / 10000);
      units += line.quantity;
    }
  }
  return { salesFen, commissionFen, units };
}

describe('leader home', () => {
  it("shows today's sales, estimated commission and the orders waiting, for my point only", async () => {
    const res = await leader(0).get('/leader/home');
    expect(res.status).toBe(200);
    const want = expected(bought, 1000);
    expect(want.salesFen).toBeGreaterThan(0);
    expect(res.body).toMatchObject({
      salesFen: want.salesFen,
      orderCount: 3,
      estimatedCommissionFen: want.commissionFen,
      commissionBps: 1000,
      awaitingPickup: { orders: 3, customers: 3, units: want.units, remindedToday: 0 },
    });
    expect(res.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const other = (await leader(1).get('/leader/home')).body;
    expect(other).toMatchObject({
      salesFen: elsewhere.order.totalFen,
      orderCount: 1,
      awaitingPickup: { orders: 1, customers: 1 },
    });
  });

  it('is for leaders only', async () => {
    const customer = bought[0].api;
    expect((await customer.get('/leader/home')).status).toBe(403);
    expect((await world.anon.get('/leader/home')).status).toBe(401);
  });
});

describe('pickup reminders', () => {
  const remindersSent = () =>
    rows<{ order_id: string }>(
      server.ctx.db,
      sql`select payload->>'orderId' as order_id from outbox
      where topic = 'notify.customer' and payload->>'kind' = 'pickup_reminder'`,
    );

  it('refuses bad order ids with 400 and writes nothing', async () => {
    const res = await leader(0).post('/leader/pickup-reminders', { orderIds: ['not-a-uuid'] });
    expect(res.status).toBe(400);
    expect((await leader(0).post('/leader/pickup-reminders', { orderIds: [] })).status).toBe(400);
    expect(await remindersSent()).toHaveLength(0);
  });

  it("does not remind another point's customers", async () => {
    const res = await leader(1).post('/leader/pickup-reminders', { orderIds: [bought[0].order.id] });
    expect(res.body).toEqual({ reminded: 0, alreadyReminded: 0 });
    expect(await remindersSent()).toHaveLength(0);
  });

  it('reminds each waiting order once a day, also for simultaneous taps', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => leader(0).post('/leader/pickup-reminders', {})));
    for (const r of results) expect(r.status).toBe(200);
    expect(results.reduce((n, r) => n + r.body.reminded, 0)).toBe(3);
    const sent = (await remindersSent()).map((r) => r.order_id).sort();
    expect(sent).toEqual(bought.map((b) => b.order.id).sort());

    const again = await leader(0).post('/leader/pickup-reminders', { orderIds: [bought[1].order.id] });
    expect(again.body).toEqual({ reminded: 0, alreadyReminded: 1 });
    expect((await leader(0).get('/leader/home')).body.awaitingPickup.remindedToday).toBe(3);
    expect(await remindersSent()).toHaveLength(3);

    // the other point's leader reminds only their own customer
    expect((await leader(1).post('/leader/pickup-reminders', {})).body).toEqual({ reminded: 1, alreadyReminded: 0 });
  });
});

describe('commission by day and by order', () => {
  it('lists what each collected order earned, and the day as their sum', async () => {
    const first = bought[0];
    const code = first.order.pickupCode;
    expect((await leader(0).post('/leader/pickups/verify', { code })).status).toBe(200);
    const second = bought[2];
    expect((await leader(0).post('/leader/pickups/verify', { code: second.order.pickupCode })).status).toBe(200);

    const res = await leader(0).get('/leader/commissions/breakdown?days=7');
    expect(res.status).toBe(200);
    const a = expected([first], 1000).commissionFen;
    const b = expected([second], 1000).commissionFen;
    const byOrder = Object.fromEntries(res.body.orders.map((o: any) => [o.orderId, o.commissionFen]));
    expect(byOrder).toEqual({ [first.order.id]: a, [second.order.id]: b });
    expect(res.body.orders[0].number).toMatch(/^LL\d{8}$/);
    expect(res.body.days).toHaveLength(1);
    expect(res.body.days[0]).toMatchObject({ commissionFen: a + b, orders: 2 });

    // collected orders no longer wait; the estimate for today is unchanged by collecting
    const home = (await leader(0).get('/leader/home')).body;
    expect(home.awaitingPickup.orders).toBe(1);
    expect(home.estimatedCommissionFen).toBe(expected(bought, 1000).commissionFen);

    expect((await leader(0).get('/leader/commissions/breakdown?days=0')).status).toBe(400);
    expect((await leader(0).get('/leader/commissions/breakdown?days=91')).status).toBe(400);
  });
});
