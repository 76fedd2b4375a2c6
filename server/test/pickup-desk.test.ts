import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign, type Campaign } from './leader-flow.js';
import { one, rows } from '../src/db/client.js';
import { spendPoints } from '../src/modules/accounts/points.js';

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
// invited customers (their inviter below), one order each; `twice` has a second order
let inviter: Awaited<ReturnType<typeof newCustomer>>;
let f: Awaited<ReturnType<typeof buy>>;
let g: Awaited<ReturnType<typeof buy>>;
let h: Awaited<ReturnType<typeof buy>>;
let twice: Awaited<ReturnType<typeof buy>>;
let racer: Awaited<ReturnType<typeof buy>>;
let twiceSecond: any;
let later: Campaign;

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
  inviter = await newCustomer(server, world.pickupPointIds[0]);
  f = await buy(server, world, campaign, 0, { apple: 1 });
  g = await buy(server, world, campaign, 0, { greens: 1 });
  h = await buy(server, world, campaign, 0, { milk: 1 });
  twice = await buy(server, world, campaign, 0, { eggs: 1 });
  racer = await buy(server, world, campaign, 0, { greens: 1 });
  twiceSecond = await buyAndPay(server, twice.api, {
    pickupPointId: world.pickupPointIds[0],
    items: [{ campaignItemId: campaign.items.apple, quantity: 1 }],
  });
  for (const invitee of [f, g, h, twice, racer])
    await server.ctx.db.execute(sql`update users set invited_by = ${inviter.userId} where id = ${invitee.userId}`);
  const now = Date.now();
  const template = await world.admin.post('/admin/coupon-templates', {
    name: '邀请有礼',
    kind: 'amount',
    thresholdFen: 0,
    discountFen: 100,
    validFrom: new Date(now - 60_000).toISOString(),
    validTo: new Date(now + 30 * 86_400_000).toISOString(),
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
  });
  expect(template.status).toBe(201);
  const marked = await world.admin.post('/admin/members/coupon-templates', {
    templateId: template.body.id,
    purpose: 'referral',
  });
  expect(marked.status).toBe(201);
  await server.ctx.db.execute(sql`update users set name = '王秀英' where id = ${a.userId}`);
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  await arriveInFull(world, campaign.id, 1);
  // A later campaign, not arrived yet.
  later = await newCampaign(world);
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

describe('undoing a pickup that earned a referral reward', () => {
  const REFERRAL = 200; // the configured points for each side
  const points = async (c: { api: any }) => (await c.api.get('/me')).body.pointsBalance as number;
  const coupons = async (c: { api: any }) => (await c.api.get('/me/coupons')).body as any[];
  const referral = (inviteeId: string) =>
    one<{ outcome: string; order_id: string }>(
      server.ctx.db,
      sql`select outcome, order_id from referral_rewards where invitee_id = ${inviteeId}`,
    );
  const monthCount = async () =>
    (await one<{ n: number }>(
      server.ctx.db,
      sql`select coalesce(sum(count), 0)::int as n from referral_months where inviter_id = ${inviter.userId}`,
    ))!.n;
  /** Everything the referral of `invitee` touches, to compare before and after. */
  const state = async (invitee: typeof f) => ({
    inviter: await points(inviter),
    invitee: await standing(invitee),
    inviterCoupons: (await coupons(inviter)).map((c) => [c.id, c.status]).sort(),
    inviteeCoupons: (await coupons(invitee)).map((c) => [c.id, c.status]).sort(),
    referral: await referral(invitee.userId),
    months: await monthCount(),
    issued: (await one<{ n: number }>(
      server.ctx.db,
      sql`select sum(t.issued)::int as n from coupon_templates t
          join member_coupon_templates m on m.template_id = t.id and m.purpose = 'referral'`,
    ))!.n,
    order: (await invitee.api.get(`/orders/${invitee.order.id}`)).body.status,
  });

  it('takes the reward back from both sides; picked up again, it is paid once in all', async () => {
    const before = await state(f);
    expect(before.referral).toBeUndefined();
    const code = await codeOf(f);
    const done = await leader(0).post('/leader/pickups/verify', { code });
    expect(done.body.status).toBe('completed');
    const rewarded = await state(f);
    expect(rewarded.referral).toMatchObject({ outcome: 'rewarded', order_id: f.order.id });
    expect(rewarded.inviter).toBe(before.inviter + REFERRAL);
    expect(rewarded.invitee.points).toBeGreaterThan(before.invitee.points + REFERRAL);
    expect(rewarded.inviterCoupons).toHaveLength(before.inviterCoupons.length + 1);
    expect(rewarded.inviteeCoupons).toHaveLength(1);
    expect(rewarded.months).toBe(before.months + 1);
    expect(rewarded.issued).toBe(before.issued + 2);

    // Two desks undo at the same moment: reversed once.
    const undone = await Promise.all([
      leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`),
      leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`),
    ]);
    expect(undone.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await state(f)).toEqual(before);
    const taken = await rows<{ user_id: string; delta_points: number }>(
      server.ctx.db,
      sql`select user_id, delta_points from points_entries where reason = 'referral_undone'
        and business_key like ${`undo:${done.body.pickup.id}:%`} order by delta_points, user_id`,
    );
    expect(taken).toHaveLength(2);
    expect(taken.every((e) => e.delta_points === -REFERRAL)).toBe(true);

    // Picked up again: decided again and paid again, so once in all; then a third time round.
    const again = await leader(0).post('/leader/pickups/verify', { code });
    expect(again.body.status).toBe('completed');
    const repaid = await state(f);
    expect(repaid).toEqual({
      ...rewarded,
      inviterCoupons: repaid.inviterCoupons,
      inviteeCoupons: repaid.inviteeCoupons,
    });
    expect(repaid.inviterCoupons).toHaveLength(rewarded.inviterCoupons.length);
    expect(repaid.inviteeCoupons).toHaveLength(1);
    expect((await leader(0).post(`/leader/pickups/${again.body.pickup.id}/undo`)).status).toBe(200);
    expect(await state(f)).toEqual(before);
    const third = await leader(0).post('/leader/pickups/verify', { code });
    expect(third.body.status).toBe('completed');
    expect((await state(f)).inviter).toBe(before.inviter + REFERRAL);
    const net = await one<{ n: number }>(
      server.ctx.db,
      sql`select sum(delta_points)::int as n from points_entries
        where user_id = ${inviter.userId} and reason in ('referral', 'referral_undone')`,
    );
    expect(net!.n).toBe(REFERRAL);
  });

  it('takes back only what the inviter still has: the balance never goes below zero', async () => {
    const before = await state(g);
    const done = await leader(0).post('/leader/pickups/verify', { code: await codeOf(g) });
    expect(done.body.status).toBe('completed');
    const has = await points(inviter);
    await server.ctx.db.transaction(async (tx) =>
      spendPoints(tx as never, inviter.userId, has - 50, `spent:${g.userId}`, 'redeem'),
    );
    expect((await leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`)).status).toBe(200);
    expect(await points(inviter)).toBe(0);
    const entry = await one<{ delta_points: number }>(
      server.ctx.db,
      sql`select delta_points from points_entries where business_key = ${`undo:${done.body.pickup.id}:referral:inviter`}`,
    );
    expect(entry!.delta_points).toBe(-50);
    const after = await state(g);
    expect({ ...after, inviter: before.inviter }).toEqual(before);
  });

  it('refuses the undo when a referral coupon was already used on an order, writing nothing', async () => {
    const done = await leader(0).post('/leader/pickups/verify', { code: await codeOf(h) });
    expect(done.body.status).toBe('completed');
    const [coupon] = await coupons(h);
    await buyAndPay(server, h.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: later.items.eggs, quantity: 1 }],
      couponId: coupon.id,
    });
    const before = await state(h);
    expect(before.inviteeCoupons).toEqual([[coupon.id, 'used']]);
    const undo = await leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error.details.reason).toBe('undo_coupon_used');
    expect(await state(h)).toEqual(before);
    expect(before.order).toBe('completed');
    const pickup = await one<{ undone: boolean }>(
      server.ctx.db,
      sql`select undone_at is not null as undone from pickups where id = ${done.body.pickup.id}`,
    );
    expect(pickup!.undone).toBe(false);
  });

  it("passes the decision to the invitee's other order completed meanwhile, taking nothing back", async () => {
    const first = await leader(0).post('/leader/pickups/verify', { code: await codeOf(twice) });
    expect(first.body.status).toBe('completed');
    const second = await leader(0).post(`/leader/orders/${twiceSecond.id}/pickup`, {});
    expect(second.body.status).toBe('completed');
    const rewarded = await state(twice);
    expect(rewarded.referral).toMatchObject({ outcome: 'rewarded', order_id: twice.order.id });
    expect((await leader(0).post(`/leader/pickups/${first.body.pickup.id}/undo`)).status).toBe(200);
    const after = await state(twice);
    expect(after.referral).toEqual({ outcome: 'rewarded', order_id: twiceSecond.id });
    expect(after.inviter).toBe(rewarded.inviter);
    expect(after.inviterCoupons).toEqual(rewarded.inviterCoupons);
    expect(after.inviteeCoupons).toEqual(rewarded.inviteeCoupons);
    expect(after.months).toBe(rewarded.months);
  });

  it('either undoes or lets the coupon be spent when both happen at the same moment, never both', async () => {
    const done = await leader(0).post('/leader/pickups/verify', { code: await codeOf(racer) });
    expect(done.body.status).toBe('completed');
    const [coupon] = await coupons(racer);
    const [undo, order] = await Promise.all([
      leader(0).post(`/leader/pickups/${done.body.pickup.id}/undo`),
      racer.api.post('/orders', {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: later.items.eggs, quantity: 1 }],
        couponId: coupon.id,
      }),
    ]);
    const after = await state(racer);
    if (undo.status === 200) {
      expect(order.status).toBeGreaterThanOrEqual(400);
      expect(after.inviteeCoupons).toEqual([]);
      expect(after.referral).toBeUndefined();
    } else {
      expect(undo.body.error.details.reason).toBe('undo_coupon_used');
      expect(order.status).toBe(201);
      expect(after.inviteeCoupons).toEqual([[coupon.id, 'used']]);
      expect(after.referral).toMatchObject({ outcome: 'rewarded' });
    }
  });
});
