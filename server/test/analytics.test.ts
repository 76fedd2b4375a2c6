import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';

/**
 * The dashboard's numbers against orders made here: every figure is recomputed from the orders
 * and refunds the API returned, and payments are moved across business-day boundaries to check
 * which day (Asia/Shanghai) each one falls on.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const P = { apple: 0, greens: 1, milk: 2, eggs: 3 } as const;
const item = (name: keyof typeof P) => world.campaign.items[P[name]].id;
const product = (name: keyof typeof P) => world.products[P[name]];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const dashboard = async (days = 30) => {
  const res = await world.admin.get(`/admin/analytics/dashboard?days=${days}`);
  expect(res.status).toBe(200);
  return res.body;
};
const setPaidAt = (orderId: string, at: Date) => exec(server.ctx.db, sql`update orders set paid_at = ${at.toISOString()}::timestamptz where id = ${orderId}`);

describe('dashboard', () => {
  const orders: any[] = [];
  let cancelled: any;
  let unpaidId: string;
  let buyerA: string;
  let buyerB: string;

  beforeAll(async () => {
    const a = await newCustomer(server, world.pickupPointIds[0], '甲');
    const b = await newCustomer(server, world.pickupPointIds[2], '乙');
    buyerA = a.userId;
    buyerB = b.userId;
    const p0 = world.pickupPointIds[0];
    const p2 = world.pickupPointIds[2];
    orders.push(await buyAndPay(server, a.api, { pickupPointId: p0, items: [{ campaignItemId: item('apple'), quantity: 2 }, { campaignItemId: item('milk'), quantity: 1 }] }));
    orders.push(await buyAndPay(server, a.api, { pickupPointId: p0, items: [{ campaignItemId: item('eggs'), quantity: 1 }] }));
    orders.push(await buyAndPay(server, b.api, { pickupPointId: p2, items: [{ campaignItemId: item('greens'), quantity: 3 }] }));
    // paid, then cancelled before cutoff: a sale of today and a full refund of today
    cancelled = await buyAndPay(server, b.api, { pickupPointId: p2, items: [{ campaignItemId: item('apple'), quantity: 1 }] });
    expect((await b.api.post(`/orders/${cancelled.id}/cancel`)).status).toBe(200);
    // placed, never paid: no sale
    const unpaid = await b.api.post('/orders', { pickupPointId: p2, items: [{ campaignItemId: item('eggs'), quantity: 4 }] });
    expect(unpaid.status).toBe(201);
    unpaidId = unpaid.body.id;
  });

  it('counts today\'s paid orders, buyers, GMV, average and refunds exactly', async () => {
    const d = await dashboard();
    const paid = [...orders, cancelled];
    const gmv = sum(paid.map((o) => o.totalFen));
    expect(gmv).toBeGreaterThan(0);
    expect(d.timeZone).toBe('Asia/Shanghai');
    expect(d.today).toBe(businessDate(new Date()));
    const expected = {
      gmvFen: gmv, paidOrders: 4, buyers: 2, avgOrderFen: Math.round(gmv / 4),
      refundFen: cancelled.totalFen, refunds: 1, netFen: gmv - cancelled.totalFen,
    };
    expect(d.todayKpis).toEqual(expected);
    expect(d.periodKpis).toEqual(expected);
    expect(d.days).toBe(30);
    expect(d.daily).toHaveLength(30);
    expect(d.daily.at(-1)).toEqual({ date: d.today, gmvFen: gmv, paidOrders: 4, refundFen: cancelled.totalFen });
    expect(sum(d.daily.map((x: any) => x.gmvFen))).toBe(gmv);
    expect(d.hourly).toHaveLength(24);
    expect(sum(d.hourly.map((h: any) => h.todayFen))).toBe(gmv);
    expect(unpaidId).toBeTruthy();
  });

  it('splits GMV by category, product and leader from what each line paid', async () => {
    const d = await dashboard();
    const lines = [...orders, cancelled].flatMap((o) => o.lines);
    const paidFor = (productId: string) => sum(lines.filter((l: any) => l.productId === productId).map((l: any) => l.paidFen));
    const units = (productId: string) => sum(lines.filter((l: any) => l.productId === productId).map((l: any) => l.quantity));

    const byCategory = Object.fromEntries(d.categories.map((c: any) => [c.code, c]));
    expect(byCategory.fresh.gmvFen).toBe(paidFor(product('apple').id) + paidFor(product('greens').id));
    expect(byCategory.fresh.quantity).toBe(3 + 3);
    expect(byCategory.dairy.gmvFen).toBe(paidFor(product('milk').id));
    expect(byCategory.meat_eggs.gmvFen).toBe(paidFor(product('eggs').id));
    expect(byCategory.fresh.nameZh).toBe('果蔬');
    expect(sum(d.categories.map((c: any) => c.gmvFen))).toBe(d.periodKpis.gmvFen);

    expect(d.topProducts).toHaveLength(4);
    const apple = d.topProducts.find((p: any) => p.productId === product('apple').id);
    expect(apple).toMatchObject({ name: '红富士苹果', gmvFen: paidFor(product('apple').id), quantity: units(product('apple').id), orders: 2 });
    const ranked = d.topProducts.map((p: any) => p.gmvFen);
    expect(ranked).toEqual([...ranked].sort((x, y) => y - x));

    const [first, second] = d.leaders;
    const atPoint = (i: number) => [...orders, cancelled].filter((o) => o.pickupPointId === world.pickupPointIds[i]);
    const expectLeader = (row: any, i: number) => expect(row).toMatchObject({
      leaderId: world.leaders[i].leaderId, name: `团长${i + 1}`, pickupPointId: world.pickupPointIds[i],
      gmvFen: sum(atPoint(i).map((o) => o.totalFen)), paidOrders: atPoint(i).length, buyers: 1,
    });
    expect(d.leaders).toHaveLength(2);
    const gmv0 = sum(atPoint(0).map((o) => o.totalFen));
    const gmv2 = sum(atPoint(2).map((o) => o.totalFen));
    if (gmv0 >= gmv2) { expectLeader(first, 0); expectLeader(second, 2); } else { expectLeader(first, 2); expectLeader(second, 0); }
  });

  it('puts shortage refunds on the day they are made', async () => {
    expect((await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`)).status).toBe(200);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${world.campaign.id}`)).body;
    // every supplier delivers in full except one egg box short
    for (const po of pos) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) => ({
          productId: l.productId, acceptedQuantity: l.quantity - (l.productId === product('eggs').id ? 1 : 0), rejectedQuantity: 0,
        })),
      });
      expect(res.status).toBe(200);
    }
    const refreshed = await Promise.all(orders.map(async (o) => (await world.admin.get(`/orders/${o.id}`)).body));
    const shortage = sum(refreshed.map((o) => o.refundedFen));
    expect(shortage).toBeGreaterThan(0);
    const d = await dashboard();
    expect(d.todayKpis.refundFen).toBe(cancelled.totalFen + shortage);
    expect(d.todayKpis.refunds).toBe(2);
    expect(d.todayKpis.netFen).toBe(d.todayKpis.gmvFen - cancelled.totalFen - shortage);
    expect(d.daily.at(-1).refundFen).toBe(cancelled.totalFen + shortage);
  });

  it('counts each payment on its business day in Asia/Shanghai', async () => {
    const today = businessDate(new Date());
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
    // the cancelled order stays paid at the moment the test ran: its hour of the day holds it too
    const { hour } = (await one<{ hour: number }>(server.ctx.db,
      sql`select extract(hour from paid_at at time zone 'Asia/Shanghai')::int as hour from orders where id = ${cancelled.id}`))!;
    const paidNow = (h: number) => (h === hour ? cancelled.totalFen : 0);
    expect(d.hourly[0].todayFen).toBe(first.totalFen + paidNow(0));
    expect(d.hourly[23].periodFen).toBe(second.totalFen + paidNow(23));
    // the buyer of the 40-day-old order still bought today, so buyers stay 2 over the period
    expect(d.periodKpis.buyers).toBe(2);
    expect([buyerA, buyerB]).toHaveLength(2);

    const wide = await dashboard(90);
    expect(wide.periodKpis.paidOrders).toBe(4);
    expect(wide.periodKpis.gmvFen).toBe(sum([...orders, cancelled].map((o) => o.totalFen)));
    expect(wide.daily).toHaveLength(90);
    expect(wide.daily.find((x: any) => x.date === addDays(today, -40))).toMatchObject({ gmvFen: third.totalFen, paidOrders: 1 });
    expect(wide.hourly[12].periodFen).toBe(third.totalFen + paidNow(12));
  });

  it('is for operators only and checks its input', async () => {
    const customer = await newCustomer(server, world.pickupPointIds[0]);
    expect((await customer.api.get('/admin/analytics/dashboard')).status).toBe(403);
    expect((await world.anon.get('/admin/analytics/dashboard')).status).toBe(401);
    expect((await world.admin.get('/admin/analytics/dashboard?days=0')).status).toBe(400);
    expect((await world.admin.get('/admin/analytics/dashboard?days=91')).status).toBe(400);
    expect((await world.admin.get('/admin/analytics/dashboard')).body.days).toBe(30);
  });
});
