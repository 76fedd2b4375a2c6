import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { rows } from '../src/db/client.js';
import { createWorld, newCustomer, type World } from './fixtures.js';

describe('the simulated provider cashier', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  async function startedPayment() {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const order = await c.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 2 }],
    });
    expect(order.status).toBe(201);
    const pay = await c.api.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
    expect(pay.status).toBe(200);
    return { c, order: order.body, pay: pay.body };
  }

  it('shows the payer the amount, and confirming pays the order once even when tapped twice at once', async () => {
    const { c, order, pay } = await startedPayment();
    expect(pay.cashierUrl).toBe(`/simpay/cashier/${pay.paymentId}`);
    const shown = await c.api.get(`/simpay/payments/${pay.paymentId}`);
    expect(shown.body).toMatchObject({
      orderId: order.id,
      orderNumber: order.number,
      amountFen: order.totalFen,
      status: 'pending',
    });

    const [a, b] = await Promise.all([
      c.api.post(`/simpay/payments/${pay.paymentId}/confirm`),
      c.api.post(`/simpay/payments/${pay.paymentId}/confirm`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.status).toBe('succeeded');
    const paid = await c.api.get(`/orders/${order.id}`);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.pickupCode).toMatch(/^\d{8,}$/);
    const events = await rows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from payment_events where payment_id = ${pay.paymentId}`,
    );
    expect(events[0].n).toBe(1);
  });

  it('lets nobody but the payer see or confirm a payment', async () => {
    const { pay } = await startedPayment();
    const other = await newCustomer(server, world.pickupPointIds[0]);
    expect((await other.api.get(`/simpay/payments/${pay.paymentId}`)).status).toBe(404);
    expect((await other.api.post(`/simpay/payments/${pay.paymentId}/confirm`)).status).toBe(404);
    expect((await world.anon.post(`/simpay/payments/${pay.paymentId}/confirm`)).status).toBe(401);
    const mine = await world.anon.get(`/simpay/payments/${pay.paymentId}`);
    expect(mine.status).toBe(401);
  });
});
