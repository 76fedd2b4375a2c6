import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { arriveInFull, dispatchAll } from './leader-flow.js';
import { exec } from '../src/db/client.js';
import { dashboard as dashboardAt } from '../src/modules/analytics/service.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';

/**
 * The dashboard's numbers against orders made here: every figure is recomputed from the orders
 * and refunds the API returned, and payments are moved across business-day boundaries to check
 * which day (Asia/Shanghai) each one falls on.
 *
 * The figures are read at a fixed instant, noon of the day before the test ran, and every
 * payment and refund is moved to a known time around it: the answers are the same at any hour,
 * midnight in Shanghai included. The route is checked against the same computation at the
 * instant it reports.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const TODAY = addDays(businessDate(new Date()), -1);
const NOW = localTime(TODAY, '12:00');
const P = { apple: 0, greens: 1, milk: 2, eggs: 3 } as const;
const item = (name: keyof typeof P) => world.campaign.items[P[name]].id;
const product = (name: keyof typeof P) => world.products[P[name]];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const dashboard = (days = 30) => dashboardAt(server.ctx.db, { days, now: NOW });
const setPaidAt = (orderId: string, at: Date) =>
  exec(server.ctx.db, sql`update orders set paid_at = ${at.toISOString()}::timestamptz where id = ${orderId}`);
/** Moves the refunds of an order to a known time: made and (unless still pending) decided then. */
const setRefundsAt = (orderId: string, at: Date) =>
  exec(
    server.ctx.db,
    sql`
  update refunds set created_at = ${at.toISOString()}::timestamptz,
    decided_at = case when decided_at is not null then ${at.toISOString()}::timestamptz end
  where order_id = ${orderId}`,
  );

describe('dashboard', () => {
  const orders: any[] = [];
  let cancelled: any;
  let unpaidId: string;
  let buyer: Map<string, Awaited<ReturnType<typeof newCustomer>>>; // by order id

  beforeAll(async () => {
    const a = await newCustomer(server, world.pickupPointIds[0], '甲');
    const b = await newCustomer(server, world.pickupPointIds[2], '乙');
    const p0 = world.pickupPointIds[0];
    const p2 = world.pickupPointIds[2];
    orders.push(
      await buyAndPay(server, a.api, {
        pickupPointId: p0,
        items: [
          { campaignItemId: item('apple'), quantity: 2 },
          { campaignItemId: item('milk'), quantity: 1 },
        ],
      }),
    );
    orders.push(
      await buyAndPay(server, a.api, { pickupPointId: p0, items: [{ campaignItemId: item('eggs'), quantity: 1 }] }),
    );
    orders.push(
      await buyAndPay(server, b.api, { pickupPointId: p2, items: [{ campaignItemId: item('greens'), quantity: 3 }] }),
    );
    // paid, then cancelled before cutoff: a sale of today and a full refund of today
    cancelled = await buyAndPay(server, b.api, {
      pickupPointId: p2,
      items: [{ campaignItemId: item('apple'), quantity: 1 }],
    });
    expect((await b.api.post(`/orders/${cancelled.id}/cancel`)).status).toBe(200);
    // placed, never paid: no sale
    const unpaid = await b.api.post('/orders', {
      pickupPointId: p2,
      items: [{ campaignItemId: item('eggs'), quantity: 4 }],
    });
    expect(unpaid.status).toBe(201);
    unpaidId = unpaid.body.id;
    buyer = new Map([
      [orders[0].id, a],
      [orders[1].id, a],
      [orders[2].id, b],
      [cancelled.id, b],
    ]);
    // payments at 09:10, 10:20 and 11:30, the cancelled one at 08:05 and its refund at 08:30
    for (const [o, hhmm] of [
      [orders[0], '09:10'],
      [orders[1], '10:20'],
      [orders[2], '11:30'],
      [cancelled, '08:05'],
    ] as const) {
      await setPaidAt(o.id, localTime(TODAY, hhmm));
    }
    await setRefundsAt(cancelled.id, localTime(TODAY, '08:30'));
  });

  it("counts today's paid orders, buyers, GMV, average and refunds exactly", async () => {
    const d = await dashboard();
    const paid = [...orders, cancelled];
    const gmv = sum(paid.map((o) => o.totalFen));
    expect(gmv).toBeGreaterThan(0);
    expect(d.timeZone).toBe('Asia/Shanghai');
    expect(d.today).toBe(TODAY);
    expect(d.generatedAt).toBe(NOW.toISOString());
    const expected = {
      gmvFen: gmv,
      paidOrders: 4,
      buyers: 2,
      avgOrderFen: Math.round(gmv / 4),
      refundFen: cancelled.totalFen,
      refunds: 1,
      netFen: gmv - cancelled.totalFen,
    };
    expect(d.todayKpis).toEqual(expected);
    expect(d.periodKpis).toEqual(expected);
    expect(d.days).toBe(30);
    expect(d.daily).toHaveLength(30);
    expect(d.daily.at(-1)).toEqual({ date: d.today, gmvFen: gmv, paidOrders: 4, refundFen: cancelled.totalFen });
    expect(sum(d.daily.map((x: any) => x.gmvFen))).toBe(gmv);
    expect(d.hourly).toHaveLength(24);
    expect(sum(d.hourly.map((h: any) => h.todayFen))).toBe(gmv);
    expect(d.hourly.filter((h: any) => h.todayFen > 0).map((h: any) => [h.hour, h.todayFen])).toEqual([
      [8, cancelled.totalFen],
      [9, orders[0].totalFen],
      [10, orders[1].totalFen],
      [11, orders[2].totalFen],
    ]);
    // the placed but unpaid order (4 boxes of eggs) is no sale: only the one paid box counts
    const unpaid = (await world.admin.get(`/orders/${unpaidId}`)).body;
    expect(unpaid).toMatchObject({ status: 'pending_payment', paidAt: null });
    expect(d.topProducts.find((p: any) => p.productId === product('eggs').id)).toMatchObject({
      quantity: 1,
      orders: 1,
      gmvFen: orders[1].totalFen,
    });
  });

  it('splits GMV by category, product and leader from what each line paid', async () => {
    const d = await dashboard();
    const lines = [...orders, cancelled].flatMap((o) => o.lines);
    const paidFor = (productId: string) =>
      sum(lines.filter((l: any) => l.productId === productId).map((l: any) => l.paidFen));
    const units = (productId: string) =>
      sum(lines.filter((l: any) => l.productId === productId).map((l: any) => l.quantity));

    const byCategory = Object.fromEntries(d.categories.map((c: any) => [c.code, c]));
    expect(byCategory.fresh.gmvFen).toBe(paidFor(product('apple').id) + paidFor(product('greens').id));
    expect(byCategory.fresh.quantity).toBe(3 + 3);
    expect(byCategory.dairy.gmvFen).toBe(paidFor(product('milk').id));
    expect(byCategory.meat_eggs.gmvFen).toBe(paidFor(product('eggs').id));
    expect(byCategory.fresh.nameZh).toBe('果蔬');
    expect(sum(d.categories.map((c: any) => c.gmvFen))).toBe(d.periodKpis.gmvFen);

    expect(d.topProducts).toHaveLength(4);
    const apple = d.topProducts.find((p: any) => p.productId === product('apple').id);
    expect(apple).toMatchObject({
      name: '红富士苹果',
      gmvFen: paidFor(product('apple').id),
      quantity: units(product('apple').id),
      orders: 2,
    });
    const ranked = d.topProducts.map((p: any) => p.gmvFen);
    expect(ranked).toEqual([...ranked].sort((x, y) => y - x));

    const [first, second] = d.leaders;
    const atPoint = (i: number) => [...orders, cancelled].filter((o) => o.pickupPointId === world.pickupPointIds[i]);
    const expectLeader = (row: any, i: number) =>
      expect(row).toMatchObject({
        leaderId: world.leaders[i].leaderId,
        name: `团长${i + 1}`,
        pickupPointId: world.pickupPointIds[i],
        gmvFen: sum(atPoint(i).map((o) => o.totalFen)),
        paidOrders: atPoint(i).length,
        buyers: 1,
      });
    expect(d.leaders).toHaveLength(2);
    const gmv0 = sum(atPoint(0).map((o) => o.totalFen));
    const gmv2 = sum(atPoint(2).map((o) => o.totalFen));
    if (gmv0 >= gmv2) {
      expectLeader(first, 0);
      expectLeader(second, 2);
    } else {
      expectLeader(first, 2);
      expectLeader(second, 0);
    }
  });

  it('counts refunds made, not refunds asked for, on the day they are decided', async () => {
    expect((await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`)).status).toBe(200);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${world.campaign.id}`)).body;
    // every supplier delivers in full except one egg box short
    for (const po of pos) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) => ({
          productId: l.productId,
          acceptedQuantity: l.quantity - (l.productId === product('eggs').id ? 1 : 0),
          rejectedQuantity: 0,
        })),
      });
      expect(res.status).toBe(200);
    }
    // the one paid egg box was the one short: its order is refunded in full
    const eggs = (await world.admin.get(`/orders/${orders[1].id}`)).body;
    expect(eggs.refundedFen).toBe(2990);
    for (const o of orders) await setRefundsAt(o.id, localTime(TODAY, '11:45'));

    // the rest arrives and is picked up; then three after-sales claims: one refunded, one
    // rejected, one still waiting for a decision
    await dispatchAll(world, world.campaign.id);
    for (const [o, point] of [
      [orders[0], 0],
      [orders[2], 2],
    ] as const) {
      await arriveInFull(world, world.campaign.id, point);
      expect((await world.leaders[point].api.post('/leader/pickups/verify', { code: o.pickupCode })).status).toBe(200);
    }
    const claim = async (o: any, name: keyof typeof P, quantity: number) => {
      const line = o.lines.find((l: any) => l.productId === product(name).id);
      const res = await buyer
        .get(o.id)!
        .api.post(`/orders/${o.id}/refunds`, { lines: [{ lineId: line.id, quantity }], reason: 'quality' });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const greens = await claim(orders[2], 'greens', 1); // 1 of 3 bunches at 2.90
    const apples = await claim(orders[0], 'apple', 2);
    const milk = await claim(orders[0], 'milk', 1); // never decided
    expect((await world.admin.post(`/admin/refunds/${greens}/approve`)).body).toMatchObject({
      status: 'refunded',
      amountFen: 290,
    });
    expect((await world.admin.post(`/admin/refunds/${apples}/reject`, { note: '照片不清楚' })).body.status).toBe(
      'rejected',
    );
    for (const o of [orders[0], orders[2]]) await setRefundsAt(o.id, localTime(TODAY, '11:50'));
    const waiting = (await world.admin.get('/admin/refunds?status=requested')).body;
    expect(waiting.map((r: any) => r.id)).toEqual([milk]);

    // recomputed by hand: the cancellation, the short egg box, the one approved claim
    const refunded = cancelled.totalFen + 2990 + 290;
    const d = await dashboard();
    expect(d.todayKpis).toMatchObject({ refundFen: refunded, refunds: 3, netFen: d.todayKpis.gmvFen - refunded });
    expect(d.periodKpis).toMatchObject({ refundFen: refunded, refunds: 3 });
    expect(d.daily.at(-1)).toMatchObject({ date: TODAY, refundFen: refunded });
    expect(sum(d.daily.map((x: any) => x.refundFen))).toBe(refunded);
    // a refund decided the day before falls on that day
    await setRefundsAt(orders[2].id, localTime(TODAY, '00:00'));
    await exec(
      server.ctx.db,
      sql`update refunds set decided_at = decided_at - interval '1 millisecond' where id = ${greens}`,
    );
    const moved = await dashboard();
    expect(moved.todayKpis).toMatchObject({ refundFen: refunded - 290, refunds: 2 });
    expect(moved.daily.at(-2)).toMatchObject({ date: addDays(TODAY, -1), refundFen: 290 });
    await setRefundsAt(orders[2].id, localTime(TODAY, '11:50'));
  });

  it('counts each payment on its business day in Asia/Shanghai', async () => {
    const today = TODAY;
    const yesterday = addDays(today, -1);
    const [first, second, third] = orders;
    // exactly at midnight starting today: today; one millisecond before: yesterday; 40 days back: outside 30 days
    await setPaidAt(first.id, localTime(today, '00:00'));
    await setPaidAt(second.id, new Date(localTime(today, '00:00').getTime() - 1));
    await setPaidAt(third.id, localTime(addDays(today, -40), '12:30'));

    const d = await dashboard(30);
    expect(d.todayKpis.paidOrders).toBe(2); // first + cancelled
    expect(d.todayKpis.gmvFen).toBe(first.totalFen + cancelled.totalFen);
    expect(d.todayKpis.buyers).toBe(2);
    expect(d.periodKpis.paidOrders).toBe(3);
    expect(d.periodKpis.gmvFen).toBe(first.totalFen + second.totalFen + cancelled.totalFen);
    expect(d.daily.find((x: any) => x.date === yesterday)).toMatchObject({ gmvFen: second.totalFen, paidOrders: 1 });
    // the cancelled order was paid at 08:05 and stays a sale of that hour
    expect(d.hourly.filter((h: any) => h.periodFen > 0).map((h: any) => [h.hour, h.todayFen, h.periodFen])).toEqual([
      [0, first.totalFen, first.totalFen],
      [8, cancelled.totalFen, cancelled.totalFen],
      [23, 0, second.totalFen],
    ]);
    // the buyer of the 40-day-old order still bought today, so buyers stay 2 over the period
    const inPeriod = [first, second, cancelled];
    expect(d.periodKpis.buyers).toBe(new Set(inPeriod.map((o) => buyer.get(o.id)!.userId)).size);
    expect(d.periodKpis.buyers).toBe(2);
    expect(d.leaders.map((l: any) => [l.pickupPointId, l.paidOrders, l.buyers, l.gmvFen])).toEqual(
      [
        [world.pickupPointIds[0], 2, 1, first.totalFen + second.totalFen],
        [world.pickupPointIds[2], 1, 1, cancelled.totalFen],
      ].sort((x, y) => (y[3] as number) - (x[3] as number)),
    );

    const wide = await dashboard(90);
    expect(wide.periodKpis.paidOrders).toBe(4);
    expect(wide.periodKpis.gmvFen).toBe(sum([...orders, cancelled].map((o) => o.totalFen)));
    expect(wide.daily).toHaveLength(90);
    expect(wide.daily.find((x: any) => x.date === addDays(today, -40))).toMatchObject({
      gmvFen: third.totalFen,
      paidOrders: 1,
    });
    expect(wide.hourly[12].periodFen).toBe(third.totalFen);
  });

  it('is for operators only and checks its input', async () => {
    const customer = await newCustomer(server, world.pickupPointIds[0]);
    expect((await customer.api.get('/admin/analytics/dashboard')).status).toBe(403);
    expect((await world.anon.get('/admin/analytics/dashboard')).status).toBe(401);
    expect((await world.admin.get('/admin/analytics/dashboard?days=0')).status).toBe(400);
    expect((await world.admin.get('/admin/analytics/dashboard?days=91')).status).toBe(400);
    expect((await world.admin.get('/admin/analytics/dashboard')).body.days).toBe(30);
  });

  it('answers on the route what the computation gives at the instant the route reports', async () => {
    for (const days of [30, 90]) {
      const res = await world.admin.get(`/admin/analytics/dashboard?days=${days}`);
      expect(res.status).toBe(200);
      // the data lies on the day before the test ran: the route's period holds it
      expect(res.body.periodKpis.paidOrders).toBe(days === 30 ? 3 : 4);
      expect(res.body).toEqual(await dashboardAt(server.ctx.db, { days, now: new Date(res.body.generatedAt) }));
    }
  });
});
