import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import {
  arriveInFull,
  buy,
  cutOffAndDeliver,
  dispatchAll,
  newCampaign,
  P,
  type Campaign,
  type ProductName,
} from './leader-flow.js';
import { one, rows } from '../src/db/client.js';
import { lossReasons } from '../src/flows/arrival.js';
import { jobHandlers, RECURRING } from '../src/jobs/index.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer(); // settlement delay: the default 7 days
  world = await createWorld(server);
});
afterAll(() => server.close());

const pid = (name: ProductName) => world.products[P[name]].id;
const line = (order: any, name: ProductName) => order.lines.find((l: any) => l.productId === pid(name));
const leader = (i: number) => world.leaders[i].api;

describe('lossReasons', () => {
  it('counts the last uncovered units as damaged, the ones before as missing', () => {
    expect(lossReasons([1], 0)).toEqual(['missing']);
    expect(lossReasons([1], 1)).toEqual(['damaged']);
    expect(lossReasons([2, 1], 1)).toEqual(['missing', 'damaged']);
    expect(lossReasons([1, 2], 1)).toEqual(['missing', 'missing']);
    expect(lossReasons([0, 2], 5)).toEqual(['missing', 'damaged']);
  });
});

describe('arrival, pickup and commission', () => {
  let campaign: Campaign;
  let a: Awaited<ReturnType<typeof buy>>;
  let b: Awaited<ReturnType<typeof buy>>;
  let c: Awaited<ReturnType<typeof buy>>;

  beforeAll(async () => {
    campaign = await newCampaign(world);
    a = await buy(server, world, campaign, 0, { apple: 2, greens: 1 }); // paid first
    b = await buy(server, world, campaign, 0, { apple: 3 });
    c = await buy(server, world, campaign, 1, { eggs: 1 });
    await cutOffAndDeliver(world, campaign.id, { dispatch: false });
  });

  it('refuses arrivals before dispatch, and for points the caller does not lead', async () => {
    const early = await leader(0).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [{ productId: pid('apple'), receivedQuantity: 5 }],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');
    const customer = await newCustomer(server, world.pickupPointIds[0]);
    expect(
      (
        await customer.api.post('/leader/arrivals', {
          campaignId: campaign.id,
          lines: [{ productId: pid('apple'), receivedQuantity: 5 }],
        })
      ).status,
    ).toBe(403);
    await dispatchAll(world, campaign.id);
    // point 2 has nothing in this campaign: no sorting list there
    const none = await leader(2).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [{ productId: pid('apple'), receivedQuantity: 1 }],
    });
    expect(none.status).toBe(404);
  });

  it('serves the earliest payers with what arrived and refunds the missing unit at once', async () => {
    const res = await leader(0).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [
        { productId: pid('apple'), receivedQuantity: 4, missingQuantity: 1 },
        { productId: pid('greens'), receivedQuantity: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.lines.find((l: any) => l.productId === pid('apple'))).toMatchObject({
      expectedQuantity: 5,
      receivedQuantity: 4,
      missingQuantity: 1,
      damagedQuantity: 0,
      arrivedLines: 2,
      refundedUnits: 1,
    });
    expect(res.body).toMatchObject({ readyOrders: 2, refunds: { count: 1, amountFen: 990 } });

    const orderA = (await a.api.get(`/orders/${a.order.id}`)).body;
    const orderB = (await b.api.get(`/orders/${b.order.id}`)).body;
    expect(orderA.status).toBe('ready');
    expect(line(orderA, 'apple')).toMatchObject({ status: 'arrived', refundedFen: 0 });
    expect(orderB.status).toBe('ready');
    expect(line(orderB, 'apple')).toMatchObject({ status: 'arrived', refundQuantity: 1, refundedFen: 990 });
    expect(orderB.refundedFen).toBe(990);

    const refund = await one<{ kind: string; reason: string; business_key: string }>(
      server.ctx.db,
      sql`
      select kind, reason, business_key from refunds where order_id = ${b.order.id}`,
    );
    expect(refund).toEqual({
      kind: 'arrival_loss',
      reason: 'missing',
      business_key: `arrival:${line(orderB, 'apple').id}`,
    });
    const told = await rows<{ user_id: string }>(
      server.ctx.db,
      sql`
      select payload->>'userId' as user_id from outbox where topic = 'notify.customer' and payload->>'kind' = 'arrived'
        and payload->>'pickupPointId' = ${world.pickupPointIds[0]}`,
    );
    expect(told.map((t) => t.user_id).sort()).toEqual([a.userId, b.userId].sort());

    const list = (
      await world.admin.get(`/admin/sorting-lists?campaignId=${campaign.id}&pickupPointId=${world.pickupPointIds[0]}`)
    ).body[0];
    expect(list.status).toBe('arrived');
    const counted = await one(
      server.ctx.db,
      sql`
      select received_quantity, missing_quantity, damaged_quantity from sorting_list_lines sll join sorting_lists sl on sl.id = sll.sorting_list_id
      where sl.campaign_id = ${campaign.id} and sl.pickup_point_id = ${world.pickupPointIds[0]} and sll.product_id = ${pid('apple')}`,
    );
    expect(counted).toEqual({ received_quantity: 4, missing_quantity: 1, damaged_quantity: 0 });
  });

  it('confirms a product once: a second confirmation is refused and changes nothing', async () => {
    const again = await leader(0).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [{ productId: pid('apple'), receivedQuantity: 0 }],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect((await a.api.get(`/orders/${a.order.id}`)).body.status).toBe('ready');
    const foreign = await leader(0).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [{ productId: pid('eggs'), receivedQuantity: 1 }],
    });
    expect(foreign.status).toBe(400);
  });

  it('shows the leader their own orders with masked phones and no pickup codes', async () => {
    const res = await leader(0).get(`/leader/orders?campaignId=${campaign.id}`);
    expect(res.status).toBe(200);
    expect(res.body.map((o: any) => o.id).sort()).toEqual([a.order.id, b.order.id].sort());
    for (const o of res.body) {
      expect(o.customer.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect(o.pickupCode).toBeUndefined();
    }
    expect(res.body.find((o: any) => o.id === a.order.id).customer.phone).toBe(
      `${a.phone.slice(0, 3)}****${a.phone.slice(7)}`,
    );
    const other = await leader(1).get(`/leader/orders?campaignId=${campaign.id}`);
    expect(other.body.map((o: any) => o.id)).toEqual([c.order.id]);

    const byProduct = (await leader(0).get(`/leader/orders/by-product?campaignId=${campaign.id}`)).body;
    const apple = byProduct.find((p: any) => p.productId === pid('apple'));
    expect(apple).toMatchObject({ productName: world.products[P.apple].name, unit: '斤', quantity: 4 });
    expect(apple.orders.map((o: any) => o.quantity).sort()).toEqual([2, 2]);
    expect(apple.orders.every((o: any) => o.customer.phone.includes('****'))).toBe(true);
    expect(byProduct.find((p: any) => p.productId === pid('greens')).quantity).toBe(1);
    const customer = await newCustomer(server);
    expect((await customer.api.get('/leader/orders')).status).toBe(403);
  });

  it('lists ready orders past their pickup date as uncollected', async () => {
    expect((await leader(0).get('/leader/orders/uncollected')).body).toEqual([]);
    await server.ctx.db.execute(sql`update campaigns set pickup_date = current_date - 2 where id = ${campaign.id}`);
    const mine = (await leader(0).get('/leader/orders/uncollected')).body;
    expect(mine.map((o: any) => o.id).sort()).toEqual([a.order.id, b.order.id].sort());
    expect(mine[0].customer.phone).toContain('****');
    expect((await leader(1).get('/leader/orders/uncollected')).body).toEqual([]); // c's order is not ready
    const all = (await world.admin.get('/admin/orders/uncollected')).body;
    expect(all.find((o: any) => o.id === a.order.id).customer.phone).toBe(a.phone);
    expect((await leader(0).get('/admin/orders/uncollected')).status).toBe(403);
  });

  it("verifies codes only at the leader's own point and limits guessing", async () => {
    const codeA = a.order.pickupCode as string;
    expect(codeA).toMatch(/^\d{8,}$/);
    // a real code of another point looks like a wrong one
    const elsewhere = await leader(1).post('/leader/pickups/verify', { code: codeA });
    expect(elsewhere.status).toBe(404);
    // c's order has not arrived at point 1 yet
    const early = await leader(1).post('/leader/pickups/verify', { code: c.order.pickupCode });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await leader(0).post('/leader/pickups/verify', { code: `00000000${i}` })).status);
    expect(statuses.every((s) => s === 404)).toBe(true);
    const blocked = await leader(0).post('/leader/pickups/verify', { code: codeA });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect((await a.api.get(`/orders/${a.order.id}`)).body.status).toBe('ready'); // nothing happened
    await server.ctx.throttle.clear([`pickup:leader:${world.leaders[0].leaderId}`]);
  });

  it('hands the order over, books pending commission and completes the order', async () => {
    const res = await leader(0).post('/leader/pickups/verify', { code: a.order.pickupCode });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: a.order.id, status: 'completed' });
    expect(res.body.lines.every((l: any) => l.status === 'picked_up' && l.pickedUpAt)).toBe(true);
    expect(res.body.customer.phone).toContain('****');
    expect(res.body.pickupCode).toBeUndefined();
    const twice = await leader(0).post('/leader/pickups/verify', { code: a.order.pickupCode });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');

    const commissions = (await leader(0).get('/leader/commissions')).body;
    // 10 % of 2 × 9.90 and of 2.90, each floored
    expect(commissions).toMatchObject({ pendingFen: 198 + 29, availableFen: 0, withdrawnFen: 0 });
    expect(commissions.entries).toHaveLength(2);
    const e = commissions.entries.find((x: any) => x.orderLineId === line(a.order, 'apple').id);
    expect(e).toMatchObject({ kind: 'commission', bucket: 'pending', amountFen: 198 });
    // seven days of 24 hours, whatever the database's time zone (PGTZ=America/New_York across a change of clocks)
    expect(Date.parse(e.availableAt) - Date.parse(e.createdAt)).toBe(7 * 86_400_000);
  });

  it('books commission on what was kept after a partial refund', async () => {
    const res = await leader(0).post('/leader/pickups/verify', { code: ` ${b.order.pickupCode} ` });
    expect(res.status).toBe(200);
    expect(line(res.body, 'apple')).toMatchObject({ status: 'picked_up', refundedFen: 990 });
    const commissions = (await leader(0).get('/leader/commissions')).body;
    expect(commissions.pendingFen).toBe(198 + 29 + 198); // b kept 2 of 3 apples: 10 % of 19.80
  });

  it('settles commissions once their delay has passed, once', async () => {
    const settleNow = async () => (await world.admin.post('/admin/commissions/settle')).body.settled;
    expect(await settleNow()).toBe(0); // still a week to go
    await server.ctx.db.execute(sql`update ledger_entries set available_at = now() - interval '1 minute'
      where kind = 'commission' and order_line_id in (${line(a.order, 'apple').id}, ${line(a.order, 'greens').id})`);
    expect(await settleNow()).toBe(2);
    expect(await settleNow()).toBe(0);
    let commissions = (await leader(0).get('/leader/commissions')).body;
    expect(commissions).toMatchObject({ pendingFen: 198, availableFen: 227 });
    const settlement = commissions.entries.filter((x: any) => x.kind === 'settlement');
    expect(settlement.map((x: any) => x.amountFen).sort((p: number, q: number) => p - q)).toEqual([-198, -29, 29, 198]);

    // the recurring job, and lazy settlement when the leader looks at the balance
    expect(RECURRING['settle-commissions']).toBeDefined();
    await server.ctx.db.execute(sql`update ledger_entries set available_at = now() - interval '1 minute'
      where kind = 'commission' and order_line_id = ${line(b.order, 'apple').id}`);
    // the sweep twice and lazy settlement at the same time: settled once
    const [first, second, lazy] = await Promise.all([settleNow(), settleNow(), leader(0).get('/leader/commissions')]);
    expect(first + second).toBeLessThanOrEqual(1);
    expect(lazy.status).toBe(200);
    commissions = (await leader(0).get('/leader/commissions')).body;
    expect(commissions).toMatchObject({ pendingFen: 0, availableFen: 425 });
    const marks = await one<{ keys: number; marked: number }>(
      server.ctx.db,
      sql`
      select count(*) filter (where kind = 'settlement')::int as keys,
        count(*) filter (where kind = 'commission' and unsettled)::int as marked
      from ledger_entries where leader_id = ${world.leaders[0].leaderId}`,
    );
    expect(marks).toEqual({ keys: 6, marked: 0 }); // three commissions, two entries each; no work left
    await jobHandlers(server.ctx.config)['settle-commissions'](server.ctx.db, {});
    const sums = await one<{ pending: number; available: number }>(
      server.ctx.db,
      sql`
      select coalesce(sum(amount_fen) filter (where bucket = 'pending'), 0)::int as pending,
             coalesce(sum(amount_fen) filter (where bucket = 'available'), 0)::int as available
      from ledger_entries where leader_id = ${world.leaders[0].leaderId}`,
    );
    expect(sums).toEqual({ pending: 0, available: 425 }); // balances agree with the entries
  });

  it('lets the leader of point 1 finish their own orders', async () => {
    await arriveInFull(world, campaign.id, 1);
    const res = await leader(1).post('/leader/pickups/verify', { code: c.order.pickupCode });
    expect(res.status).toBe(200);
    expect((await leader(1).get('/leader/commissions')).body.pendingFen).toBe(299);
    expect((await leader(0).get(`/orders/${c.order.id}`)).status).toBe(404);
  });
});

describe('simultaneous leader actions', () => {
  it('confirms an arrival once and hands an order over once, with one commission per line', async () => {
    const campaign = await newCampaign(world);
    const first = await buy(server, world, campaign, 2, { eggs: 1, milk: 1 });
    const second = await buy(server, world, campaign, 2, { eggs: 2 });
    await cutOffAndDeliver(world, campaign.id);
    const body = {
      campaignId: campaign.id,
      lines: [
        { productId: pid('eggs'), receivedQuantity: 2, damagedQuantity: 1 },
        { productId: pid('milk'), receivedQuantity: 1 },
      ],
    };
    const arrivals = await Promise.all([1, 2, 3].map(() => leader(2).post('/leader/arrivals', body)));
    expect(arrivals.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const refunds = await rows<{ reason: string; order_id: string }>(
      server.ctx.db,
      sql`
      select reason, order_id from refunds where kind = 'arrival_loss' and order_id in (${first.order.id}, ${second.order.id})`,
    );
    expect(refunds).toEqual([{ reason: 'damaged', order_id: second.order.id }]); // the later payer's second box

    const verifies = await Promise.all(
      [1, 2, 3].map(() => leader(2).post('/leader/pickups/verify', { code: first.order.pickupCode })),
    );
    expect(verifies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const booked = await rows<{ amount_fen: number }>(
      server.ctx.db,
      sql`
      select amount_fen from ledger_entries where kind = 'commission' and leader_id = ${world.leaders[2].leaderId} order by amount_fen`,
    );
    expect(booked.map((b) => b.amount_fen)).toEqual([139, 299]);
    expect((await leader(2).get('/leader/commissions')).body.pendingFen).toBe(438);
  });
});
