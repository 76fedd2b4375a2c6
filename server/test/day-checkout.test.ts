import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, notifyPaid, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { jobHandlers } from '../src/jobs/index.js';
import { refundThroughProvider } from '../src/flows/refund.js';
import { AppError } from '../src/lib/errors.js';

/**
 * One checkout and one payment for a pickup day (decision 032): deals of two campaigns collected
 * on the same date at the same point are priced as one cart, written as one order per campaign
 * with their payment group, paid once, expired and refunded as a whole or per order through the
 * one payment.
 */
let server: TestServer;
let world: World;
/** a second campaign collected on the first one's day, and a third collected the day after */
let same: { id: string; items: { id: string; productId: string }[] };
let later: { id: string; items: { id: string; productId: string }[] };

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const point = () => world.pickupPointIds[0];

async function campaign(title: string, pickupDate: string, products: number[]) {
  const res = await world.admin.post('/admin/campaigns', {
    title,
    startsAt: hoursFromNow(-1),
    cutoffAt: hoursFromNow(10),
    pickupDate,
    items: products.map((i) => ({ productId: world.products[i].id, priceFen: world.products[i].priceFen })),
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; items: { id: string; productId: string }[] };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  same = await campaign('明日乳品', day(1), [2, 3]);
  later = await campaign('后日水果', day(2), [0]);
  // 满50减8: neither campaign's part of the cart below reaches it alone
  const fr = await world.admin.post('/admin/promotions/full-reduction', {
    name: '满50减8',
    startsAt: hoursFromNow(-1),
    endsAt: hoursFromNow(24),
    tiers: [{ thresholdFen: 5000, discountFen: 800 }],
  });
  expect(fr.status).toBe(201);
});
afterAll(() => server?.close());

/** eggs (¥29.90) from the first campaign, two milks (¥27.80) from the second: ¥57.70 together */
const dayCart = () => ({
  pickupPointId: point(),
  items: [
    { campaignItemId: world.campaign.items[3].id, quantity: 1 },
    { campaignItemId: same.items[0].id, quantity: 2 },
  ],
});

async function placed(
  api: Awaited<ReturnType<typeof newCustomer>>['api'],
  body: ReturnType<typeof dayCart> & { couponId?: string; pointsToUse?: number } = dayCart(),
  key?: string,
) {
  const res = await api.post('/checkout/day', body, key ? { 'idempotency-key': key } : undefined);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const written = (userId: string) =>
  one<{ orders: number; groups: number }>(
    server.ctx.db,
    sql`select (select count(*) from orders where user_id = ${userId})::int as orders,
      (select count(*) from payment_groups where user_id = ${userId})::int as groups`,
  );

describe('a pickup day of two campaigns', () => {
  it('reaches a full-reduction threshold together that neither campaign reaches alone, and places one order per campaign', async () => {
    const c = await newCustomer(server, point());
    const [eggs, milk] = dayCart().items;
    const alone = await Promise.all(
      [eggs, milk].map((line) => c.api.post('/checkout/quote', { pickupPointId: point(), items: [line] })),
    );
    expect(alone.map((q) => [q.body.subtotalFen, q.body.fullReductionFen])).toEqual([
      [2990, 0],
      [2780, 0],
    ]);
    const quote = await c.api.post('/checkout/day/quote', dayCart());
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ subtotalFen: 5770, fullReductionFen: 800, totalFen: 4970 });
    expect(quote.body.orders.map((o: any) => o.campaignId)).toEqual([world.campaign.id, same.id]);
    expect(quote.body.orders.reduce((s: number, o: any) => s + o.fullReductionFen, 0)).toBe(800);
    expect(quote.body.orders.reduce((s: number, o: any) => s + o.totalFen, 0)).toBe(4970);

    const d = await placed(c.api);
    expect(d).toMatchObject({ status: 'pending_payment', totalFen: 4970, fullReductionFen: 800, pickupDate: day(1) });
    expect(d.orders.map((o: any) => [o.campaignId, o.totalFen])).toEqual(
      quote.body.orders.map((o: any) => [o.campaignId, o.totalFen]),
    );
    const stored = await rows<{ payment_group_id: string; expires_at: string; total_fen: number }>(
      server.ctx.db,
      sql`select payment_group_id, expires_at::text, total_fen from orders where user_id = ${c.userId}`,
    );
    expect(stored.map((o) => o.payment_group_id)).toEqual([d.id, d.id]);
    expect(new Set(stored.map((o) => o.expires_at)).size).toBe(1);
    const group = await one<{ total_fen: number }>(
      server.ctx.db,
      sql`select total_fen from payment_groups where id = ${d.id}`,
    );
    expect(group!.total_fen).toBe(4970);
  });

  it('is paid once: one payment marks every order paid, replayed and simultaneous notifications apply once', async () => {
    const c = await newCustomer(server, point());
    const d = await placed(c.api);
    // an order of the day is not paid alone
    const alone = await c.api.post(`/orders/${d.orders[1].id}/pay`, { method: 'simpay' });
    expect(alone.status).toBe(409);
    expect(alone.body.error.details).toEqual({ paymentGroupId: d.id });

    const pay = await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' });
    expect(pay.status).toBe(200);
    expect(pay.body).toMatchObject({ amountFen: 4970, orderId: d.orders[0].id });
    // a second tap resumes the same payment
    expect((await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' })).body.paymentId).toBe(
      pay.body.paymentId,
    );
    const notice = { paymentId: pay.body.paymentId, orderId: d.orders[0].id, amountFen: 4970 };
    const results = await Promise.all([
      notifyPaid(server, notice, 'txn-day-1'),
      notifyPaid(server, notice, 'txn-day-1'),
      notifyPaid(server, notice, 'txn-day-2'),
      notifyPaid(server, notice, 'txn-day-3'),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const orders = await Promise.all(d.orders.map((o: any) => c.api.get(`/orders/${o.id}`)));
    expect(orders.map((o) => [o.body.status, o.body.refundedFen])).toEqual([
      ['paid', 0],
      ['paid', 0],
    ]);
    expect(orders[0].body.pickupCode).toMatch(/^\d{10}$/);
    expect(orders[1].body.pickupCode).toMatch(/^\d{10}$/);
    expect(orders[0].body.pickupCode).not.toBe(orders[1].body.pickupCode);
    const after = await one<{ events: number; refunds: number; status: string }>(
      server.ctx.db,
      sql`select (select count(*) from payment_events where payment_id = ${pay.body.paymentId})::int as events,
        (select count(*) from provider_refunds where payment_id = ${pay.body.paymentId})::int as refunds,
        (select status from payments where id = ${pay.body.paymentId}) as status`,
    );
    // one event per provider transaction; only the first paid, and none of them sends money back
    expect(after).toEqual({ events: 3, refunds: 0, status: 'succeeded' });
    // paid: nothing left to pay
    expect((await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' })).status).toBe(409);
  });

  it('is paid through the simulated cashier like one order', async () => {
    const c = await newCustomer(server, point());
    const d = await placed(c.api);
    const pay = (await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' })).body;
    const cashier = await c.api.get(`/simpay/payments/${pay.paymentId}`);
    expect(cashier.body).toMatchObject({ amountFen: 4970, status: 'pending', orderId: d.orders[0].id });
    const confirmed = await c.api.post(`/simpay/payments/${pay.paymentId}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'succeeded', orderStatus: 'paid' });
    const list = (await c.api.get('/me/orders')).body;
    expect(list.map((o: any) => o.status)).toEqual(['paid', 'paid']);
  });

  it("refunds one order through the group's payment, never more than that order's total", async () => {
    const c = await newCustomer(server, point());
    const d = await placed(c.api);
    const pay = (await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' })).body;
    await notifyPaid(server, { paymentId: pay.paymentId, orderId: d.orders[0].id, amountFen: 4970 });
    const second = d.orders[1];
    // the campaign is still open: a cancel refunds the order in full, through the day's payment
    expect((await c.api.post(`/orders/${second.id}/cancel`)).status).toBe(200);
    const refunds = await rows<{ payment_id: string; order_id: string; amount_fen: number }>(
      server.ctx.db,
      sql`select payment_id, order_id, amount_fen from provider_refunds where payment_id = ${pay.paymentId}`,
    );
    expect(refunds).toEqual([{ payment_id: pay.paymentId, order_id: second.id, amount_fen: second.totalFen }]);
    expect((await c.api.get(`/orders/${second.id}`)).body).toMatchObject({
      status: 'cancelled',
      refundedFen: second.totalFen,
    });
    expect((await c.api.get(`/orders/${d.orders[0].id}`)).body).toMatchObject({ status: 'paid', refundedFen: 0 });
    // one fen more for that order is refused, and nothing written
    const more = await server.ctx.db
      .transaction((tx) => refundThroughProvider(tx as never, { orderId: second.id, refundId: null, amountFen: 1 }))
      .catch((err) => err);
    expect(more).toBeInstanceOf(AppError);
    expect(more.code).toBe('LIMIT_EXCEEDED');
    const total = await one<{ fen: number }>(
      server.ctx.db,
      sql`select sum(amount_fen)::int as fen from provider_refunds where payment_id = ${pay.paymentId}`,
    );
    expect(total!.fen).toBe(second.totalFen);
    // the other order can still be refunded up to its own total: the payment never returns more than it took
    await server.ctx.db.transaction((tx) =>
      refundThroughProvider(tx as never, { orderId: d.orders[0].id, refundId: null, amountFen: d.orders[0].totalFen }),
    );
    const all = await one<{ fen: number }>(
      server.ctx.db,
      sql`select sum(amount_fen)::int as fen from provider_refunds where payment_id = ${pay.paymentId}`,
    );
    expect(all!.fen).toBe(4970);
  });

  it('expires as a whole; its coupon comes back only when every order of the day is cancelled', async () => {
    const c = await newCustomer(server, point());
    const tpl = await world.admin.post('/admin/coupon-templates', {
      kind: 'amount',
      name: '减5',
      thresholdFen: 0,
      discountFen: 500,
      validFrom: hoursFromNow(-1),
      validTo: hoursFromNow(24),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    await world.admin.post(`/admin/coupon-templates/${tpl.body.id}/grant`, { userIds: [c.userId] });
    const couponId = (await c.api.get('/me/coupons')).body[0].id;
    const d = await placed(c.api, { ...dayCart(), couponId });
    expect(d).toMatchObject({ couponFen: 500, totalFen: 4470 });
    const coupon = () =>
      one<{ status: string; order_id: string | null }>(
        server.ctx.db,
        sql`select status, order_id from coupons where id = ${couponId}`,
      );
    expect(await coupon()).toEqual({ status: 'used', order_id: d.orders[0].id });
    const sold = () =>
      one<{ sold: number }>(server.ctx.db, sql`select sold from campaign_items where id = ${same.items[0].id}`);
    const soldBefore = (await sold())!.sold;

    // the expiry job may reach the day's orders in different batches: the first alone keeps the coupon
    await exec(
      server.ctx.db,
      sql`update orders set expires_at = now() - interval '1 second' where id = ${d.orders[0].id}`,
    );
    await jobHandlers(server.ctx.config)['expire-unpaid'](server.ctx.db, {});
    expect((await c.api.get(`/orders/${d.orders[0].id}`)).body.status).toBe('cancelled');
    expect((await coupon())!.status).toBe('used');
    // and the day can no longer be paid
    expect((await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' })).status).toBe(409);

    await exec(
      server.ctx.db,
      sql`update orders set expires_at = now() - interval '1 second' where payment_group_id = ${d.id}`,
    );
    await jobHandlers(server.ctx.config)['expire-unpaid'](server.ctx.db, {});
    expect((await c.api.get(`/orders/${d.orders[1].id}`)).body.status).toBe('cancelled');
    expect(await coupon()).toEqual({ status: 'available', order_id: null });
    expect((await sold())!.sold).toBe(soldBefore - 2);
  });

  it("takes the day's points from the balance once, each order its share, and gives them back when the day expires", async () => {
    const c = await newCustomer(server, point());
    await exec(server.ctx.db, sql`update users set points_balance = 1000 where id = ${c.userId}`);
    const d = await placed(c.api, { ...dayCart(), pointsToUse: 1000 });
    expect(d.pointsUsed).toBe(1000);
    expect(d.orders.map((o: any) => o.pointsUsed).reduce((a: number, b: number) => a + b, 0)).toBe(1000);
    expect(d.orders.every((o: any) => o.pointsUsed > 0)).toBe(true);
    const balance = async () =>
      (await one<{ n: number }>(server.ctx.db, sql`select points_balance as n from users where id = ${c.userId}`))!.n;
    expect(await balance()).toBe(0);
    const entries = await rows<{ business_key: string; delta_points: number }>(
      server.ctx.db,
      sql`select business_key, delta_points from points_entries where user_id = ${c.userId} and reason = 'redeem' order by business_key`,
    );
    expect(entries).toEqual(
      d.orders
        .map((o: any) => ({ business_key: `redeem:${o.id}`, delta_points: -o.pointsUsed }))
        .sort((a: any, b: any) => a.business_key.localeCompare(b.business_key)),
    );
    await exec(server.ctx.db, sql`update users set points_balance = 10 where id = ${c.userId}`);
    await exec(
      server.ctx.db,
      sql`update orders set expires_at = now() - interval '1 second' where payment_group_id = ${d.id}`,
    );
    await jobHandlers(server.ctx.config)['expire-unpaid'](server.ctx.db, {});
    expect(await balance()).toBe(1010);
  });

  it('cancels every unpaid order of the day when the customer cancels one', async () => {
    const c = await newCustomer(server, point());
    const d = await placed(c.api);
    expect((await c.api.post(`/orders/${d.orders[1].id}/cancel`)).status).toBe(200);
    const list = (await c.api.get('/me/orders')).body;
    expect(list.map((o: any) => o.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('refunds a payment arriving after the day expired, to each order its total', async () => {
    const c = await newCustomer(server, point());
    const d = await placed(c.api);
    const pay = (await c.api.post(`/payment-groups/${d.id}/pay`, { method: 'simpay' })).body;
    await exec(
      server.ctx.db,
      sql`update orders set expires_at = now() - interval '1 second' where payment_group_id = ${d.id}`,
    );
    await jobHandlers(server.ctx.config)['expire-unpaid'](server.ctx.db, {});
    const notice = { paymentId: pay.paymentId, orderId: d.orders[0].id, amountFen: 4970 };
    expect((await notifyPaid(server, notice, 'txn-late-day')).status).toBe(200);
    expect((await notifyPaid(server, notice, 'txn-late-day')).status).toBe(200);
    for (const o of d.orders) {
      expect((await c.api.get(`/orders/${o.id}`)).body).toMatchObject({ status: 'cancelled', refundedFen: o.totalFen });
    }
    const refunds = await one<{ fen: number; n: number; status: string }>(
      server.ctx.db,
      sql`select sum(amount_fen)::int as fen, count(*)::int as n,
        (select status from payments where id = ${pay.paymentId}) as status from provider_refunds where payment_id = ${pay.paymentId}`,
    );
    expect(refunds).toEqual({ fen: 4970, n: 2, status: 'refunded_on_arrival' });
  });

  it('replays an Idempotency-Key: the same day, once, also for simultaneous requests; another body is a conflict', async () => {
    const c = await newCustomer(server, point());
    const [a, b] = await Promise.all([placed(c.api, dayCart(), 'day-1'), placed(c.api, dayCart(), 'day-1')]);
    expect(b.id).toBe(a.id);
    expect((await placed(c.api, dayCart(), 'day-1')).id).toBe(a.id);
    expect(await written(c.userId)).toEqual({ orders: 2, groups: 1 });
    const other = await c.api.post(
      '/checkout/day',
      { ...dayCart(), items: dayCart().items.slice(1) },
      { 'idempotency-key': 'day-1' },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    expect(await written(c.userId)).toEqual({ orders: 2, groups: 1 });
  });

  it('refuses mixed pickup days and unknown deals with a code, writing nothing', async () => {
    const c = await newCustomer(server, point());
    const mixed = await c.api.post('/checkout/day', {
      ...dayCart(),
      items: [...dayCart().items, { campaignItemId: later.items[0].id, quantity: 1 }],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatchObject({ code: 'PICKUP_DATES_DIFFER', details: { pickupDates: [day(1), day(2)] } });
    expect(
      (
        await c.api.post('/checkout/day/quote', {
          ...dayCart(),
          items: [...dayCart().items, { campaignItemId: later.items[0].id, quantity: 1 }],
        })
      ).body.error.code,
    ).toBe('PICKUP_DATES_DIFFER');
    const unknown = await c.api.post('/checkout/day', {
      ...dayCart(),
      items: [...dayCart().items, { campaignItemId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const twice = await c.api.post('/checkout/day', { ...dayCart(), items: [...dayCart().items, dayCart().items[0]] });
    expect(twice.status).toBe(400);
    expect(await written(c.userId)).toEqual({ orders: 0, groups: 0 });
  });
});
