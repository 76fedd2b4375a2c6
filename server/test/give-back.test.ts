import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, notifyPaid, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { jobHandlers } from '../src/jobs/index.js';
import { refunds } from '../src/modules/aftersales/schema.js';

/**
 * What a cancel gives back is at once for sale again in this process; a payment that arrives for
 * a cancelled order is refunded and shown as refunded; every stored refund kind can be listed.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server?.close());

const point = () => world.pickupPointIds[0];

/** A campaign with one deal of a single unit. */
async function lastUnitDeal(): Promise<string> {
  const now = Date.now();
  const res = await world.admin.post('/admin/campaigns', {
    title: '最后一件',
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: [{ productId: world.products[3].id, priceFen: 2990, quota: 1 }],
  });
  expect(res.status).toBe(201);
  return res.body.items[0].id as string;
}

/** The last unit goes to `a`; `b` is refused, and this process now remembers the deal as sold out. */
async function soldOutTo(
  a: Awaited<ReturnType<typeof newCustomer>>,
  b: Awaited<ReturnType<typeof newCustomer>>,
  item: string,
) {
  const body = { pickupPointId: point(), items: [{ campaignItemId: item, quantity: 1 }] };
  const first = await a.api.post('/orders', body);
  expect(first.status).toBe(201);
  const refused = await b.api.post('/orders', body);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('OUT_OF_STOCK');
  expect(server.ctx.soldOut.find([item])).toBe(item);
  // however slow the machine, the memory would still hold the deal when b tries again
  server.ctx.soldOut.mark(item, Date.now() + 60_000);
  return { order: first.body, body };
}

describe('units given back', () => {
  it('a cancelled unit can be bought at once in the same process', async () => {
    const item = await lastUnitDeal();
    const [a, b] = [await newCustomer(server, point()), await newCustomer(server, point())];
    const { order, body } = await soldOutTo(a, b, item);
    expect((await a.api.post(`/orders/${order.id}/cancel`)).status).toBe(200);
    expect(server.ctx.soldOut.find([item])).toBeUndefined();
    const bought = await b.api.post('/orders', body);
    expect(bought.status).toBe(201);
  });

  it('a unit of an expired unpaid order can be bought as soon as the expiry job ran', async () => {
    const item = await lastUnitDeal();
    const [a, b] = [await newCustomer(server, point()), await newCustomer(server, point())];
    const { order, body } = await soldOutTo(a, b, item);
    await exec(server.ctx.db, sql`update orders set expires_at = now() - interval '1 second' where id = ${order.id}`);
    await jobHandlers(server.ctx.config)['expire-unpaid'](server.ctx.db, {});
    expect((await a.api.get(`/orders/${order.id}`)).body.status).toBe('cancelled');
    const bought = await b.api.post('/orders', body);
    expect(bought.status).toBe(201);
  });
});

describe('a payment arriving after its order was cancelled', () => {
  it('is refunded and the order shows the refunded amount', async () => {
    const c = await newCustomer(server, point());
    const order = await c.api.post('/orders', {
      pickupPointId: point(),
      items: [{ campaignItemId: world.campaign.items[1].id, quantity: 3 }],
    });
    expect(order.status).toBe(201);
    const pay = await c.api.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
    expect(pay.status).toBe(200);
    expect((await c.api.post(`/orders/${order.body.id}/cancel`)).status).toBe(200);
    // the customer paid at the cashier meanwhile; the provider's notification comes now, twice
    const notice = { paymentId: pay.body.paymentId, orderId: order.body.id, amountFen: pay.body.amountFen };
    expect((await notifyPaid(server, notice, 'txn-late-1')).status).toBe(200);
    expect((await notifyPaid(server, notice, 'txn-late-1')).status).toBe(200);
    const seen = (await c.api.get(`/orders/${order.body.id}`)).body;
    expect(seen).toMatchObject({ status: 'cancelled', totalFen: 870, refundedFen: 870 });
    const refund = await one<{ amount_fen: number; n: number }>(
      server.ctx.db,
      sql`
      select sum(amount_fen)::int as amount_fen, count(*)::int as n from provider_refunds where order_id = ${order.body.id}`,
    );
    expect(refund).toEqual({ amount_fen: 870, n: 1 });
    expect(
      (await one<{ status: string }>(server.ctx.db, sql`select status from payments where id = ${pay.body.paymentId}`))!
        .status,
    ).toBe('refunded_on_arrival');
  });

  it('a second payment of a paid order is refunded without calling the order refunded', async () => {
    const c = await newCustomer(server, point());
    const paid = await buyAndPay(server, c.api, {
      pickupPointId: point(),
      items: [{ campaignItemId: world.campaign.items[1].id, quantity: 1 }],
    });
    expect(paid.status).toBe('paid');
    // another pending payment of the same order, as two cashier tabs could leave behind
    const second = await one<{ id: string }>(
      server.ctx.db,
      sql`
      insert into payments (order_id, user_id, provider, amount_fen) values (${paid.id}, ${c.userId}, 'simpay', ${paid.totalFen}) returning id`,
    );
    expect(
      (await notifyPaid(server, { paymentId: second!.id, orderId: paid.id, amountFen: paid.totalFen })).status,
    ).toBe(200);
    expect((await c.api.get(`/orders/${paid.id}`)).body).toMatchObject({ status: 'paid', refundedFen: 0 });
    const refund = await one<{ amount_fen: number }>(
      server.ctx.db,
      sql`select amount_fen from provider_refunds where payment_id = ${second!.id}`,
    );
    expect(refund?.amount_fen).toBe(paid.totalFen);
  });
});

describe('refund kinds in the console', () => {
  it('lists group-tier price adjustments by their kind, and accepts every stored kind', async () => {
    const now = Date.now();
    const campaign = await world.admin.post('/admin/campaigns', {
      title: '拼团',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: world.products[0].id, priceFen: 1000, groupTiers: [{ minBuyers: 2, priceFen: 900 }] }],
    });
    expect(campaign.status).toBe(201);
    const apple = campaign.body.items[0].id as string;
    const first = await newCustomer(server, point());
    const firstOrder = await buyAndPay(server, first.api, {
      pickupPointId: point(),
      items: [{ campaignItemId: apple, quantity: 1 }],
    });
    const second = await newCustomer(server, point());
    const secondOrder = await buyAndPay(server, second.api, {
      pickupPointId: point(),
      items: [{ campaignItemId: apple, quantity: 1 }],
    });
    expect((await world.admin.post(`/admin/campaigns/${campaign.body.id}/cutoff`)).status).toBe(200);

    const listed = await world.admin.get('/admin/refunds?kind=price_adjustment');
    expect(listed.status).toBe(200);
    // both paid 10.00 (the tier is reached with the second buyer's order) and get 1.00 back
    expect(
      listed.body
        .map((r: { orderId: string; kind: string; status: string; amountFen: number }) => [
          r.orderId,
          r.kind,
          r.status,
          r.amountFen,
        ])
        .sort(),
    ).toEqual(
      [
        [firstOrder.id, 'price_adjustment', 'refunded', 100],
        [secondOrder.id, 'price_adjustment', 'refunded', 100],
      ].sort(),
    );
    for (const kind of refunds.kind.enumValues) {
      const res = await world.admin.get(`/admin/refunds?kind=${kind}`);
      expect(res.status, kind).toBe(200);
      expect(
        res.body.every((r: { kind: string }) => r.kind === kind),
        kind,
      ).toBe(true);
    }
    expect((await world.admin.get('/admin/refunds?kind=other')).status).toBe(400);
  });
});
