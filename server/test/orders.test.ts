import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { Api } from './client.js';
import { buyAndPay, createWorld, newCustomer, notifyPaid, type World } from './fixtures.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server, {
    quotas: [undefined, 5, undefined, undefined],
    limits: [undefined, undefined, 3, undefined],
  });
});
afterAll(() => server.close());

const item = (i: number) => world.campaign.items[i].id;

describe('buying', () => {
  it('lists active campaigns with remaining quota', async () => {
    const res = await world.anon.get('/campaigns/active');
    expect(res.status).toBe(200);
    const c = res.body.find((x: any) => x.id === world.campaign.id);
    expect(c.items).toHaveLength(4);
    expect(c.items[1]).toMatchObject({ quota: 5, remaining: 5, listPriceFen: 450, priceFen: 290, name: '本地小青菜' });
  });

  it('prices, orders and pays; the paid order has an unguessable pickup code', async () => {
    const { api } = await newCustomer(server, world.pickupPointIds[0]);
    const body = {
      pickupPointId: world.pickupPointIds[0],
      items: [
        { campaignItemId: item(0), quantity: 2 },
        { campaignItemId: item(3), quantity: 1 },
      ],
    };
    const quote = await api.post('/checkout/quote', body);
    expect(quote.status).toBe(200);
    expect(quote.body.totalFen).toBe(990 * 2 + 2990);
    const order = await buyAndPay(server, api, body);
    expect(order).toMatchObject({ status: 'paid', totalFen: 4970, subtotalFen: 4970, refundedFen: 0 });
    expect(order.pickupCode).toMatch(/^\d{10}$/);
    expect(order.lines.reduce((s: number, l: any) => s + l.paidFen, 0)).toBe(order.totalFen);
    expect(order.number).toMatch(/^LL\d{8}$/);
    const mine = await api.get('/me/orders');
    expect(mine.body[0].id).toBe(order.id);
  });

  it('numbers orders one after another; quotes take no number', async () => {
    const { api } = await newCustomer(server);
    const body = { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: item(3), quantity: 1 }] };
    const first = (await api.post('/orders', body)).body;
    for (let i = 0; i < 3; i++) expect((await api.post('/checkout/quote', body)).status).toBe(200);
    const second = (await api.post('/orders', body)).body;
    expect(Number(second.number.slice(2))).toBe(Number(first.number.slice(2)) + 1);
  });

  it('refuses bad input and writes nothing', async () => {
    const { api } = await newCustomer(server);
    const bad = await api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: item(0), quantity: 0 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.products[0].id, quantity: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect((await api.get('/me/orders')).body).toEqual([]);
  });

  it('never sells more than the quota under simultaneous orders', async () => {
    const customers = await Promise.all(Array.from({ length: 8 }, () => newCustomer(server)));
    const results = await Promise.all(
      customers.map((c) =>
        c.api.post('/orders', {
          pickupPointId: world.pickupPointIds[0],
          items: [{ campaignItemId: item(1), quantity: 1 }],
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 201);
    // every answer is a sale or the refusal a buyer should see: anything else (a 500) fails here
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
    for (const r of results) if (r.status === 409) expect(r.body.error.code).toBe('OUT_OF_STOCK');
    const deal = (await world.anon.get('/campaigns/active')).body.find((c: any) => c.id === world.campaign.id).items[1];
    expect(deal.remaining).toBe(0);
    // cancelling an unpaid order gives its unit back
    const cancelled = await customers[results.indexOf(ok[0])].api.post(`/orders/${ok[0].body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const after = (await world.anon.get('/campaigns/active')).body.find((c: any) => c.id === world.campaign.id)
      .items[1];
    expect(after.remaining).toBe(1);
  });

  it('places simultaneous orders of many customers, refusing only the ones that cannot be placed', async () => {
    const customers = await Promise.all(Array.from({ length: 12 }, () => newCustomer(server)));
    const good = (k: number) => ({
      pickupPointId: world.pickupPointIds[k % 2],
      items: [
        { campaignItemId: item(0), quantity: 1 + (k % 3) },
        { campaignItemId: item(3), quantity: 1 },
      ],
    });
    const bodies = customers.map((_, k) => good(k));
    bodies[3] = { ...good(3), pickupPointId: world.products[0].id }; // unknown pickup point
    bodies[6] = { ...good(6), items: [...good(6).items, { campaignItemId: item(2), quantity: 4 }] }; // over the per-customer limit of 3
    bodies[9] = { ...good(9), items: [good(9).items[0], good(9).items[0]] }; // the same deal twice
    const results = await Promise.all(customers.map((c, k) => c.api.post('/orders', bodies[k])));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 400, 201, 201, 409, 201, 201, 400, 201, 201]);
    expect(results[6].body.error.code).toBe('LIMIT_EXCEEDED');
    for (const [k, c] of customers.entries()) {
      const mine = (await c.api.get('/me/orders')).body;
      if (results[k].status !== 201) {
        expect(mine).toEqual([]);
        continue;
      }
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        id: results[k].body.id,
        status: 'pending_payment',
        totalFen: 990 * (1 + (k % 3)) + 2990,
      });
      expect(mine[0].lines.map((l: any) => [l.campaignItemId, l.quantity]).sort()).toEqual(
        bodies[k].items.map((l) => [l.campaignItemId, l.quantity]).sort(),
      );
    }
  });

  it('holds the per-customer limit under simultaneous orders', async () => {
    const { api } = await newCustomer(server);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.post('/orders', {
          pickupPointId: world.pickupPointIds[0],
          items: [{ campaignItemId: item(2), quantity: 1 }],
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    for (const r of results) if (r.status === 409) expect(r.body.error.code).toBe('LIMIT_EXCEEDED');
    expect((await api.get('/me/orders')).body.flatMap((o: any) => o.lines.map((l: any) => l.quantity))).toEqual([
      1, 1, 1,
    ]);
  });

  it('replays the first answer for a repeated Idempotency-Key, even simultaneously', async () => {
    const { api } = await newCustomer(server);
    const body = { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: item(0), quantity: 1 }] };
    const headers = { 'idempotency-key': 'k-1' };
    const results = await Promise.all([1, 2, 3].map(() => api.request('POST', '/orders', body, headers)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await api.get('/me/orders')).body).toHaveLength(1);
    const other = await api.request(
      'POST',
      '/orders',
      { ...body, items: [{ campaignItemId: item(0), quantity: 2 }] },
      headers,
    );
    expect(other.status).toBe(409);
  });

  it('keeps each Idempotency-Key with its order when many customers order at once; a refused order leaves its key unused', async () => {
    const customers = await Promise.all(Array.from({ length: 8 }, () => newCustomer(server)));
    const body = (quantity: number) => ({
      pickupPointId: world.pickupPointIds[1],
      items: [
        { campaignItemId: item(0), quantity: 1 },
        { campaignItemId: item(2), quantity },
      ],
    });
    // customer 0 asks for more than the per-customer limit of 3 on deal 2: refused, together with the others
    const send = (k: number, quantity: number) =>
      customers[k].api.request('POST', '/orders', body(quantity), { 'idempotency-key': `same-key` });
    const first = await Promise.all(customers.map((_, k) => send(k, k === 0 ? 4 : 1)));
    expect(first.map((r) => r.status)).toEqual([409, 201, 201, 201, 201, 201, 201, 201]);
    // retries replay the very same answers, simultaneously too, and place nothing new
    const again = await Promise.all(customers.map((_, k) => send(k, k === 0 ? 4 : 1)));
    expect(again.map((r) => r.status)).toEqual(first.map((r) => r.status));
    for (let k = 1; k < 8; k++) expect(again[k].body).toEqual(first[k].body);
    for (const c of customers.slice(1)) expect((await c.api.get('/me/orders')).body).toHaveLength(1);
    // the refused request stored nothing: its key still works for a fixed request
    const fixed = await send(0, 2);
    expect(fixed.status).toBe(201);
    expect(fixed.body.lines.map((l: any) => l.quantity).sort()).toEqual([1, 2]);
    // and another request under a used key is a conflict
    expect((await send(1, 2)).body.error.code).toBe('CONFLICT');
  });

  it("hides other customers' orders (404)", async () => {
    const a = await newCustomer(server);
    const b = await newCustomer(server);
    const order = await buyAndPay(server, a.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: item(0), quantity: 1 }],
    });
    expect((await b.api.get(`/orders/${order.id}`)).status).toBe(404);
    expect((await b.api.post(`/orders/${order.id}/cancel`)).status).toBe(404);
    expect((await b.api.post(`/orders/${order.id}/pay`, { method: 'simpay' })).status).toBe(404);
    // the leader of the order's point sees it with a masked phone; another leader does not
    const seen = await world.leaders[0].api.get(`/orders/${order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.customer.phone).toBe(`${a.phone.slice(0, 3)}****${a.phone.slice(7)}`);
    expect(seen.body.pickupCode).toBeNull();
    expect((await world.leaders[2].api.get(`/orders/${order.id}`)).status).toBe(404);
  });
});

describe('simulated payment notifications', () => {
  async function pending() {
    const { api } = await newCustomer(server);
    const order = (
      await api.post('/orders', {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: item(0), quantity: 1 }],
      })
    ).body;
    const pay = (await api.post(`/orders/${order.id}/pay`, { method: 'simpay' })).body;
    return { api, order, pay };
  }

  it('refuses a forged signature and changes nothing', async () => {
    const { api, order, pay } = await pending();
    const raw = JSON.stringify({
      paymentId: pay.paymentId,
      orderId: order.id,
      amountFen: pay.amountFen,
      providerTxnId: 'forged',
    });
    const res = await new Api(server.app).request('POST', '/payments/simpay/notify', raw, {
      'x-simpay-signature': 'ab'.repeat(32),
    });
    expect(res.status).toBe(401);
    expect((await api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
  });

  it('refuses a wrong amount with 400 and keeps the order unpaid', async () => {
    const { api, order, pay } = await pending();
    const res = await notifyPaid(server, { paymentId: pay.paymentId, orderId: order.id, amountFen: pay.amountFen - 1 });
    expect(res.status).toBe(400);
    expect((await api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
  });

  it('applies a duplicated notification once, also when both arrive together', async () => {
    const { api, order, pay } = await pending();
    const results = await Promise.all(
      [1, 2, 3].map(() => notifyPaid(server, { ...pay, orderId: order.id }, 'txn-dup-1')),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const paid = (await api.get(`/orders/${order.id}`)).body;
    expect(paid.status).toBe('paid');
    const events = await server.ctx.db.execute(sqlCount(order.id));
    expect((events as any).rows[0].n).toBe(1);
  });

  it('applies a payment once: another transaction id for a paid payment pays nothing back and changes nothing', async () => {
    const { api, order, pay } = await pending();
    expect((await notifyPaid(server, { ...pay, orderId: order.id }, 'txn-first')).status).toBe(200);
    const paid = (await api.get(`/orders/${order.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid', totalFen: 990, refundedFen: 0 });
    // the provider reports the same payment again under a new transaction id, once alone and twice together
    expect((await notifyPaid(server, { ...pay, orderId: order.id }, 'txn-second')).status).toBe(200);
    const again = await Promise.all(
      ['txn-third', 'txn-fourth'].map((t) => notifyPaid(server, { ...pay, orderId: order.id }, t)),
    );
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    const after = (await api.get(`/orders/${order.id}`)).body;
    expect(after).toMatchObject({
      status: 'paid',
      totalFen: 990,
      refundedFen: 0,
      pickupCode: paid.pickupCode,
      paidAt: paid.paidAt,
    });
    expect(after.lines.map((l: any) => l.status)).toEqual(paid.lines.map((l: any) => l.status));
    // no money goes back: no provider refund, no refund job, and the payment keeps its first transaction
    expect(((await server.ctx.db.execute(sqlRefunds(order.id))) as any).rows).toEqual([]);
    const payment = (
      (await server.ctx.db.execute(sql`
      select status, provider_txn_id, amount_fen from payments where id = ${pay.paymentId}`)) as any
    ).rows;
    expect(payment).toEqual([{ status: 'succeeded', provider_txn_id: 'txn-first', amount_fen: 990 }]);
    const jobs = (
      (await server.ctx.db.execute(sql`
      select count(*)::int as n from outbox where topic = 'payment.refund'
        and payload->>'providerRefundId' in (select id::text from provider_refunds where payment_id = ${pay.paymentId})`)) as any
    ).rows;
    expect(jobs).toEqual([{ n: 0 }]);
    expect((await world.admin.get(`/orders/${order.id}`)).body).toMatchObject({ status: 'paid', refundedFen: 0 });
  });

  it('answers each of many simultaneous payment starts and notifications on its own', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, () => pending()));
    const [a, b, c, d, e, f] = orders;
    // starts: one for an order of someone else (404), the rest resume their pending payment
    const starts = await Promise.all([
      ...orders.map(({ api, order }) => api.post(`/orders/${order.id}/pay`, { method: 'simpay' })),
      a.api.post(`/orders/${b.order.id}/pay`, { method: 'simpay' }),
    ]);
    expect(starts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 404]);
    expect(starts.slice(0, 6).map((r) => r.body.paymentId)).toEqual(orders.map((o) => o.pay.paymentId));
    // a double tap on pay starts one payment, and a later tap resumes it
    const fresh = (
      await f.api.post('/orders', {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: item(3), quantity: 1 }],
      })
    ).body;
    const taps = await Promise.all([1, 2, 3].map(() => f.api.post(`/orders/${fresh.id}/pay`, { method: 'simpay' })));
    expect(new Set(taps.map((t) => t.body.paymentId)).size).toBe(1);
    expect((await f.api.post(`/orders/${f.order.id}/pay`, { method: 'simpay' })).body.paymentId).toBe(f.pay.paymentId);
    const results = await Promise.all([
      notifyPaid(server, { ...a.pay, orderId: a.order.id }),
      notifyPaid(server, { ...b.pay, orderId: b.order.id, amountFen: b.pay.amountFen + 1 }),
      notifyPaid(server, { ...c.pay, orderId: c.order.id }, 'txn-shared'),
      notifyPaid(server, { ...d.pay, orderId: d.order.id }, 'txn-shared'),
      notifyPaid(server, { ...e.pay, orderId: a.order.id }),
      notifyPaid(server, { ...f.pay, orderId: f.order.id }, 'txn "f", {1} \\ NULL'),
      notifyPaid(server, { ...f.pay, orderId: f.order.id }, 'txn "f", {1} \\ NULL'),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 400, 200, 200, 404, 200, 200]);
    const status = async (o: (typeof orders)[number]) => (await o.api.get(`/orders/${o.order.id}`)).body.status;
    const [sa, sb, sc, sd, se, sf] = await Promise.all(orders.map(status));
    expect([sa, sb, se, sf]).toEqual(['paid', 'pending_payment', 'pending_payment', 'paid']);
    // one provider transaction pays one payment only: whichever came first
    expect([sc, sd].sort()).toEqual(['paid', 'pending_payment']);
    const events = async (o: (typeof orders)[number]) =>
      ((await server.ctx.db.execute(sqlCount(o.order.id))) as any).rows[0].n;
    expect((await events(c)) + (await events(d))).toBe(1);
    expect(await events(f)).toBe(1);
  });

  it('refunds a payment that arrives for a cancelled order', async () => {
    const { api, order, pay } = await pending();
    expect((await api.post(`/orders/${order.id}/cancel`)).body.status).toBe('cancelled');
    expect((await notifyPaid(server, { ...pay, orderId: order.id })).status).toBe(200);
    expect((await api.get(`/orders/${order.id}`)).body.status).toBe('cancelled');
    const refunds = await server.ctx.db.execute(sqlRefunds(order.id));
    expect((refunds as any).rows).toEqual([{ amount_fen: pay.amountFen }]);
  });

  it('cancels a paid order before the cutoff with a full refund', async () => {
    const { api } = await newCustomer(server);
    const order = await buyAndPay(server, api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: item(0), quantity: 3 }],
    });
    const res = await api.post(`/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', refundedFen: order.totalFen });
    expect(res.body.lines.every((l: any) => l.status === 'refunded')).toBe(true);
    expect((await api.post(`/orders/${order.id}/cancel`)).body.error.code).toBe('INVALID_STATE');
  });
});

import { sql } from 'drizzle-orm';
const sqlCount = (orderId: string) =>
  sql`select count(*)::int as n from payment_events e join payments p on p.id = e.payment_id where p.order_id = ${orderId}`;
const sqlRefunds = (orderId: string) => sql`select amount_fen from provider_refunds where order_id = ${orderId}`;
