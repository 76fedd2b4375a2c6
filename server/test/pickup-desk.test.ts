import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign, type Campaign } from './leader-flow.js';

/**
 * The pickup desk (核销) beyond a typed code: the order's lines before handing over, a partial
 * pickup, finding an order by the customer, and refusals that say why.
 */
let server: TestServer;
let world: World;
let campaign: Campaign;
let a: Awaited<ReturnType<typeof buy>>;
let b: Awaited<ReturnType<typeof buy>>;
let other: Awaited<ReturnType<typeof buy>>;
let early: Awaited<ReturnType<typeof buy>>;
let c: Awaited<ReturnType<typeof buy>>;
let d: Awaited<ReturnType<typeof buy>>;
let e: Awaited<ReturnType<typeof buy>>;

const leader = (i: number) => world.leaders[i].api;
const codeOf = async (o: typeof a) => (await o.api.get(`/orders/${o.order.id}`)).body.pickupCode as string;
const lineOf = (o: typeof a, productIndex: number) =>
  o.order.lines.find((l: any) => l.productId === world.products[productIndex].id);
const pendingFen = async () => (await leader(0).get('/leader/commissions')).body.pendingFen as number;
const balances = async () => {
  const b = (await leader(0).get('/leader/commissions')).body;
  return { pending: b.pendingFen as number, available: b.availableFen as number };
};
/** What a leader earns on a line at 10 %, recomputed from the line (rules.commissionFen rounds the same way). */
const tenth = (l: any) => Math.round((l.paidFen - l.refundedFen) / 10);
const standing = async (o: typeof a) => {
  const me = (await o.api.get('/me')).body;
  const growth = (await o.api.get('/me/growth')).body.growth as number;
  return { points: me.pointsBalance as number, growth };
};

beforeAll(async () => {
  server = await startTestServer({ settlementDelayDays: 7 });
  world = await createWorld(server);
  campaign = await newCampaign(world);
  a = await buy(server, world, campaign, 0, { apple: 2, greens: 1 });
  b = await buy(server, world, campaign, 0, { milk: 1 });
  other = await buy(server, world, campaign, 1, { eggs: 1 });
  c = await buy(server, world, campaign, 0, { apple: 1, greens: 2 });
  d = await buy(server, world, campaign, 0, { eggs: 2 });
  e = await buy(server, world, campaign, 0, { apple: 1, milk: 1 });
  await server.ctx.db.execute(sql`update users set name = '王秀英' where id = ${a.userId}`);
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  await arriveInFull(world, campaign.id, 1);
  // A later campaign, not arrived yet.
  const later = await newCampaign(world);
  early = await buy(server, world, later, 0, { eggs: 1 });
}, 60_000);
afterAll(() => server.close());

describe('pickup desk', () => {
  it('shows the order and its lines before handing over, changing nothing', async () => {
    const res = await leader(0).post('/leader/pickups/lookup', { code: await codeOf(a) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: a.order.id, status: 'ready', customer: { name: '王秀英' } });
    expect(res.body.pickupCode).toBeUndefined();
    expect(res.body.customer.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(res.body.lines.map((l: any) => l.status)).toEqual(['arrived', 'arrived']);
    expect((await a.api.get(`/orders/${a.order.id}`)).body.status).toBe('ready');
  });

  it("finds orders of the leader's own point by the phone's last four digits or the name, phones masked", async () => {
    const byPhone = await leader(0).get(`/leader/pickups/search?q=${a.phone.slice(-4)}`);
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.map((o: any) => o.id)).toContain(a.order.id);
    for (const o of byPhone.body) {
      expect(o.customer.phone.slice(-4)).toBe(a.phone.slice(-4));
      expect(o.customer.phone).toMatch(/\*{4}/);
      expect(o.pickupCode).toBeUndefined();
    }
    const byName = await leader(0).get(`/leader/pickups/search?q=${encodeURIComponent('秀英')}`);
    expect(byName.body.map((o: any) => o.id)).toEqual([a.order.id]);
    // The other point's customer is not found here, by phone or by name.
    const elsewhere = await leader(0).get(`/leader/pickups/search?q=${other.phone.slice(-4)}`);
    expect(elsewhere.body.map((o: any) => o.id)).not.toContain(other.order.id);
    // Wildcards are plain characters, not "everyone".
    expect((await leader(0).get(`/leader/pickups/search?q=${encodeURIComponent('%')}`)).body).toEqual([]);
  });

  it('refuses unbounded or whole-number searches with 400, and non-leaders', async () => {
    expect((await leader(0).get(`/leader/pickups/search?q=${a.phone}`)).status).toBe(400);
    expect((await leader(0).get('/leader/pickups/search?q=123')).status).toBe(400);
    expect((await leader(0).get(`/leader/pickups/search?q=${'王'.repeat(21)}`)).status).toBe(400);
    expect((await leader(0).get('/leader/pickups/search?q=')).status).toBe(400);
    expect((await a.api.get('/leader/pickups/search?q=1234')).status).toBe(403);
  });

  it('hands over some lines now and the rest later; commission for what was handed over; completes at the end', async () => {
    const before = await pendingFen();
    const apple = lineOf(a, 0);
    const greens = lineOf(a, 1);
    const first = await leader(0).post('/leader/pickups/verify', { code: await codeOf(a), lineIds: [apple.id] });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('ready');
    const statusOf = (o: any, id: string) => o.lines.find((l: any) => l.id === id).status;
    expect(statusOf(first.body, apple.id)).toBe('picked_up');
    expect(statusOf(first.body, greens.id)).toBe('arrived');
    // 10 % of what the apple line kept, recomputed from the line itself.
    const appleCommission = Math.round((apple.paidFen - apple.refundedFen) / 10);
    expect(await pendingFen()).toBe(before + appleCommission);

    // The same line again: refused, nothing booked twice.
    const again = await leader(0).post(`/leader/orders/${a.order.id}/pickup`, { lineIds: [apple.id] });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('line_not_waiting');
    expect(await pendingFen()).toBe(before + appleCommission);

    // The rest, found by the customer (no code).
    const rest = await leader(0).post(`/leader/orders/${a.order.id}/pickup`, {});
    expect(rest.status).toBe(200);
    expect(rest.body.status).toBe('completed');
    expect(await pendingFen()).toBe(before + appleCommission + Math.round((greens.paidFen - greens.refundedFen) / 10));
  });

  it('says the order was already picked up, and when', async () => {
    const res = await leader(0).post('/leader/pickups/verify', { code: await codeOf(a) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(res.body.error.details.reason).toBe('picked_up');
    expect(Date.now() - Date.parse(res.body.error.details.pickedUpAt)).toBeLessThan(60_000);
    const look = await leader(0).post('/leader/pickups/lookup', { code: await codeOf(a) });
    expect(look.body.error.details.reason).toBe('picked_up');
  });

  it('says an order has not arrived yet', async () => {
    const res = await leader(0).post('/leader/pickups/verify', { code: await codeOf(early) });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'not_arrived' });
  });

  it("says a code is another point's, without anything of that order; an unknown code is a plain 404", async () => {
    const res = await leader(0).post('/leader/pickups/verify', { code: await codeOf(other) });
    expect(res.status).toBe(404);
    expect(res.body.error.details).toEqual({ reason: 'other_point' });
    expect(JSON.stringify(res.body)).not.toContain(other.phone.slice(-4));
    const look = await leader(0).post('/leader/pickups/lookup', { code: await codeOf(other) });
    expect(look.status).toBe(404);
    expect(look.body.error.details).toEqual({ reason: 'other_point' });
    const unknown = await leader(0).post('/leader/pickups/verify', { code: '00000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toBeUndefined();
    // Another point's order cannot be handed over by its id either.
    expect((await leader(0).post(`/leader/orders/${other.order.id}/pickup`, {})).status).toBe(404);
    expect((await a.api.get(`/orders/${other.order.id}`)).status).not.toBe(200);
  });

  it('hands over once when two desks submit the same order at the same moment', async () => {
    const before = await pendingFen();
    const code = await codeOf(b);
    const answers = await Promise.all([
      leader(0).post('/leader/pickups/verify', { code }),
      leader(0).post(`/leader/orders/${b.order.id}/pickup`, {}),
      leader(0).post('/leader/pickups/verify', { code, lineIds: [b.order.lines[0].id] }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const line = b.order.lines[0];
    expect(await pendingFen()).toBe(before + Math.round((line.paidFen - line.refundedFen) / 10));
    const entries = (await leader(0).get('/leader/commissions')).body.entries.filter(
      (e: any) => e.orderLineId === line.id,
    );
    expect(entries).toHaveLength(1);
  });

  it('refuses bad line lists with 400 and writes nothing', async () => {
    expect((await leader(0).post(`/leader/orders/${b.order.id}/pickup`, { lineIds: [] })).status).toBe(400);
    expect((await leader(0).post(`/leader/orders/${b.order.id}/pickup`, { lineIds: ['x'] })).status).toBe(400);
    expect(
      (await leader(0).post('/leader/pickups/verify', { code: '1', lineIds: Array(101).fill(b.order.lines[0].id) }))
        .status,
    ).toBe(400);
  });
});

describe('undoing a pickup', () => {
  it('reverses exactly what a completing pickup did, and a pickup again earns again', async () => {
    const before = await balances();
    const customerBefore = await standing(c);
    const code = await codeOf(c);
    const done = await leader(0).post('/leader/pickups/verify', { code });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(Date.parse(done.body.pickup.undoUntil) - Date.now()).toBeGreaterThan(4 * 60_000);
    const commission = c.order.lines.reduce((sum: number, l: any) => sum + tenth(l), 0);
    expect(await balances()).toEqual({ pending: before.pending + commission, available: before.available });
    const earned = await standing(c);
    expect(earned.points).toBeGreaterThan(customerBefore.points);
    expect(earned.growth).toBeGreaterThan(customerBefore.growth);

    const undone = await leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe('ready');
    expect(undone.body.lines.map((l: any) => [l.status, l.pickedUpAt])).toEqual([
      ['arrived', null],
      ['arrived', null],
    ]);
    expect(await balances()).toEqual(before);
    expect(await standing(c)).toEqual(customerBefore);

    // Handed over again: the commission and the rewards once more, not twice.
    const again = await leader(0).post('/leader/pickups/verify', { code });
    expect(again.body.status).toBe('completed');
    expect(await balances()).toEqual({ pending: before.pending + commission, available: before.available });
    expect(await standing(c)).toEqual(earned);
    // Settling later moves exactly the commission standing for the lines.
    await server.ctx.db.execute(sql`update ledger_entries set available_at = now() - interval '1 minute'
      where kind = 'commission' and order_line_id in (${c.order.lines[0].id}, ${c.order.lines[1].id})`);
    await world.admin.post('/admin/commissions/settle');
    expect(await balances()).toEqual({ pending: before.pending, available: before.available + commission });
  });

  it('takes an undone commission from what is available once it settled at pickup', async () => {
    server.ctx.config.settlementDelayDays = 0;
    try {
      const before = await balances();
      const done = await leader(0).post(`/leader/orders/${d.order.id}/pickup`, {});
      const commission = tenth(d.order.lines[0]);
      expect(await balances()).toEqual({ pending: before.pending, available: before.available + commission });
      const undone = await leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`);
      expect(undone.status).toBe(200);
      expect(await balances()).toEqual(before);
    } finally {
      server.ctx.config.settlementDelayDays = 7;
    }
  });

  it('undoes once when undone twice at the same moment; only the latest pickup; not after the window; only at its point', async () => {
    const [apple, milk] = [lineOf(e, 0), lineOf(e, 2)];
    const code = await codeOf(e);
    const before = await balances();
    const first = await leader(0).post('/leader/pickups/verify', { code, lineIds: [apple.id] });
    const twice = await Promise.all([
      leader(0).post(`/leader/pickups/${first.body.pickup.id}/undo`),
      leader(0).post(`/leader/pickups/${first.body.pickup.id}/undo`),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(twice.find((r) => r.status === 409)!.body.error.details.reason).toBe('undone');
    expect(await balances()).toEqual(before);

    const p1 = await leader(0).post('/leader/pickups/verify', { code, lineIds: [apple.id] });
    const p2 = await leader(0).post('/leader/pickups/verify', { code, lineIds: [milk.id] });
    expect(p2.body.status).toBe('completed');
    const stale = await leader(0).post(`/leader/pickups/${p1.body.pickup.id}/undo`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.reason).toBe('undo_changed');
    expect((await leader(1).post(`/leader/pickups/${p2.body.pickup.id}/undo`)).status).toBe(404);

    await server.ctx.db.execute(
      sql`update pickups set created_at = now() - interval '6 minutes' where id = ${p2.body.pickup.id}`,
    );
    const late = await leader(0).post(`/leader/pickups/${p2.body.pickup.id}/undo`);
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('undo_expired');
    expect((await e.api.get(`/orders/${e.order.id}`)).body.status).toBe('completed');
    expect(await balances()).toEqual({
      pending: before.pending + tenth(apple) + tenth(milk),
      available: before.available,
    });
  });
});
