import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign, P, type ProductName } from './leader-flow.js';
import { one } from '../src/db/client.js';

let server: TestServer;
let world: World;
let x: Awaited<ReturnType<typeof buy>>; // apples and greens, picked up
let y: Awaited<ReturnType<typeof buy>>; // eggs, picked up: another customer
let z: Awaited<ReturnType<typeof buy>>; // milk at point 1, never arrived
beforeAll(async () => {
  server = await startTestServer(); // commission pending for 7 days
  world = await createWorld(server);
  const campaign = await newCampaign(world);
  x = await buy(server, world, campaign, 0, { apple: 2, greens: 1 });
  y = await buy(server, world, campaign, 0, { eggs: 1 });
  z = await buy(server, world, campaign, 1, { milk: 1 });
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  for (const c of [x, y])
    expect((await world.leaders[0].api.post('/leader/pickups/verify', { code: c.order.pickupCode })).status).toBe(200);
});
afterAll(() => server.close());

const pid = (name: ProductName) => world.products[P[name]].id;
const lineOf = (c: { order: any }, name: ProductName) => c.order.lines.find((l: any) => l.productId === pid(name));
const claim = (
  c: { api: any; order: any },
  lines: { lineId: string; quantity: number }[],
  reason = 'quality',
  headers?: Record<string, string>,
) => c.api.post(`/orders/${c.order.id}/refunds`, { lines, reason, note: '有坏果' }, headers);
const commissions = async () => (await world.leaders[0].api.get('/leader/commissions')).body;

describe('after-sales', () => {
  let appleRefund: string;
  let greensRefund: string;

  it('starts with pending commission on the picked-up lines', async () => {
    expect(await commissions()).toMatchObject({ pendingFen: 198 + 29 + 299, availableFen: 0 });
  });

  it('takes a claim on a picked-up line, priced by the server, waiting for approval', async () => {
    const res = await claim(x, [{ lineId: lineOf(x, 'apple').id, quantity: 1 }]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'requested', amountFen: 990 });
    appleRefund = res.body.id;
    const order = (await x.api.get(`/orders/${x.order.id}`)).body;
    expect(order.refundedFen).toBe(0);
    expect(order.lines.find((l: any) => l.productId === pid('apple'))).toMatchObject({
      refundQuantity: 1,
      refundedFen: 0,
      status: 'picked_up',
    });
  });

  it("answers 404 for other customers' orders and lines", async () => {
    const foreign = await y.api.post(`/orders/${x.order.id}/refunds`, {
      lines: [{ lineId: lineOf(x, 'apple').id, quantity: 1 }],
      reason: 'quality',
    });
    expect(foreign.status).toBe(404);
    expect((await y.api.get(`/orders/${x.order.id}/refunds`)).status).toBe(404);
    const wrongLine = await y.api.post(`/orders/${y.order.id}/refunds`, {
      lines: [{ lineId: lineOf(x, 'apple').id, quantity: 1 }],
      reason: 'quality',
    });
    expect(wrongLine.status).toBe(404);
    expect(
      (
        await y.api.post('/orders/00000000-0000-4000-8000-000000000001/refunds', {
          lines: [{ lineId: lineOf(x, 'apple').id, quantity: 1 }],
          reason: 'quality',
        })
      ).status,
    ).toBe(404);
    expect((await y.api.get('/me/refunds')).body).toEqual([]);
    expect(
      (
        await world.leaders[0].api.post(`/orders/${x.order.id}/refunds`, {
          lines: [{ lineId: lineOf(x, 'apple').id, quantity: 1 }],
          reason: 'quality',
        })
      ).status,
    ).toBe(404); // the leader of the point is not the owner either
  });

  it('refuses more than was bought minus what is claimed, lines not picked up, and late claims', async () => {
    const over = await claim(x, [{ lineId: lineOf(x, 'apple').id, quantity: 2 }]);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('LIMIT_EXCEEDED');
    const notYet = await claim(z, [{ lineId: lineOf(z, 'milk').id, quantity: 1 }]);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('INVALID_STATE');
    await server.ctx.db.execute(
      sql`update order_lines set picked_up_at = now() - interval '49 hours' where id = ${lineOf(x, 'greens').id}`,
    );
    const late = await claim(x, [{ lineId: lineOf(x, 'greens').id, quantity: 1 }]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    await server.ctx.db.execute(
      sql`update order_lines set picked_up_at = now() - interval '47 hours' where id = ${lineOf(x, 'greens').id}`,
    );
    expect(
      (
        await x.api.post(`/orders/${x.order.id}/refunds`, {
          lines: [{ lineId: lineOf(x, 'greens').id, quantity: 1 }],
          reason: 'bad',
        })
      ).status,
    ).toBe(400);
    const left = await one<{ refund_quantity: number }>(
      server.ctx.db,
      sql`select refund_quantity from order_lines where id = ${lineOf(x, 'greens').id}`,
    );
    expect(left!.refund_quantity).toBe(0); // failed requests wrote nothing
  });

  it('replays a claim with the same Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'claim-greens' };
    const first = await claim(x, [{ lineId: lineOf(x, 'greens').id, quantity: 1 }], 'missing', key);
    expect(first.status).toBe(201);
    expect(first.body.amountFen).toBe(290);
    greensRefund = first.body.id;
    expect(await claim(x, [{ lineId: lineOf(x, 'greens').id, quantity: 1 }], 'missing', key)).toEqual(first);
    const changed = await claim(x, [{ lineId: lineOf(x, 'greens').id, quantity: 1 }], 'other', key);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('CONFLICT');
  });

  it('shows operators the approval queue', async () => {
    const queue = (await world.admin.get('/admin/refunds?status=requested')).body;
    expect(queue.map((r: any) => r.id).sort()).toEqual([appleRefund, greensRefund].sort());
    const apple = queue.find((r: any) => r.id === appleRefund);
    expect(apple).toMatchObject({
      orderId: x.order.id,
      orderNumber: x.order.number,
      kind: 'aftersales',
      reason: 'quality',
      note: '有坏果',
      status: 'requested',
      amountFen: 990,
      customer: { id: x.userId, phone: x.phone },
      lines: [
        {
          lineId: lineOf(x, 'apple').id,
          productId: pid('apple'),
          productName: world.products[P.apple].name,
          quantity: 1,
          amountFen: 990,
        },
      ],
    });
    expect((await world.leaders[0].api.get('/admin/refunds?status=requested')).status).toBe(403);
    expect((await x.api.get(`/orders/${x.order.id}/refunds`)).body).toHaveLength(2);
  });

  it('approval returns the money and reverses the commission from pending', async () => {
    expect((await x.api.post(`/admin/refunds/${appleRefund}/approve`)).status).toBe(403);
    const res = await world.admin.post(`/admin/refunds/${appleRefund}/approve`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: appleRefund, status: 'refunded', amountFen: 990 });
    const order = (await x.api.get(`/orders/${x.order.id}`)).body;
    expect(order.refundedFen).toBe(990);
    expect(order.lines.find((l: any) => l.productId === pid('apple'))).toMatchObject({
      refundedFen: 990,
      status: 'picked_up',
    });
    const c = await commissions();
    expect(c.pendingFen).toBe(198 + 29 + 299 - 99);
    expect(c.entries.find((e: any) => e.kind === 'reversal')).toMatchObject({
      bucket: 'pending',
      amountFen: -99,
      orderLineId: lineOf(x, 'apple').id,
    });
    const again = await world.admin.post(`/admin/refunds/${appleRefund}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const provider = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from provider_refunds where refund_id = ${appleRefund}`,
    );
    expect(provider!.n).toBe(1);
  });

  it('rejection releases the claimed units', async () => {
    const res = await world.admin.post(`/admin/refunds/${greensRefund}/reject`, { note: '照片显示完好' });
    expect(res.body).toMatchObject({ id: greensRefund, status: 'rejected' });
    expect((await world.admin.post(`/admin/refunds/${greensRefund}/approve`)).status).toBe(409);
    const again = await claim(x, [{ lineId: lineOf(x, 'greens').id, quantity: 1 }], 'missing');
    expect(again.status).toBe(201);
  });

  it('after settlement, a refund takes the rest of the commission out of available', async () => {
    await server.ctx.db.execute(sql`update ledger_entries set available_at = now() - interval '1 minute'
      where kind = 'commission' and order_line_id = ${lineOf(x, 'apple').id}`);
    let c = await commissions();
    expect(c.availableFen).toBe(99); // 198 earned, 99 already reversed while pending
    const res = await claim(x, [{ lineId: lineOf(x, 'apple').id, quantity: 1 }]);
    expect(res.status).toBe(201);
    expect((await world.admin.post(`/admin/refunds/${res.body.id}/approve`)).status).toBe(200);
    c = await commissions();
    expect(c.availableFen).toBe(0);
    expect(c.entries.filter((e: any) => e.kind === 'reversal').map((e: any) => [e.bucket, e.amountFen])).toEqual(
      expect.arrayContaining([
        ['available', -99],
        ['pending', -99],
      ]),
    );
    const order = (await x.api.get(`/orders/${x.order.id}`)).body;
    const apple = order.lines.find((l: any) => l.productId === pid('apple'));
    expect(apple).toMatchObject({ status: 'refunded', refundedFen: apple.paidFen, refundQuantity: 2 });
    const more = await claim(x, [{ lineId: apple.id, quantity: 1 }]);
    expect(more.status).toBe(409);
    const mine = (await x.api.get('/me/refunds')).body;
    expect(mine.map((r: any) => r.status).sort()).toEqual(['refunded', 'refunded', 'rejected', 'requested']);
    expect(mine[0].customer).toBeUndefined();
  });
});
