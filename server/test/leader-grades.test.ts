import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { exec, one, rows } from '../src/db/client.js';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, buyAndPay, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign, type Campaign } from './leader-flow.js';
import { closeDueLeaderMonths } from '../src/modules/leader-grades/service.js';
import { gradeBonusFen, gradeFor, nextMonth } from '../src/modules/leader-grades/rules.js';
import { businessDate } from '../src/lib/time.js';

/**
 * Leader grades and the per-leader report (decision 062): every figure of the report against a
 * plain recomputation from the rows, the grade against the thresholds, the bonus paid once per
 * month, the coupon allowance under simultaneous sends, masked phones and the recall count.
 */

let server: TestServer;
let world: World;
let campaign: Campaign;
let dormant: { api: any; userId: string; phone: string };
const phones: string[] = [];
const month = businessDate(new Date(), 'Asia/Shanghai').slice(0, 7);
const monthStart = (m: string) => new Date(`${m}-01T00:00:00+08:00`);
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  campaign = await newCampaign(world);
  const bought = [
    await buy(server, world, campaign, 0, { eggs: 3, apple: 1 }),
    await buy(server, world, campaign, 0, { milk: 2 }),
    await buy(server, world, campaign, 0, { greens: 2 }),
    await buy(server, world, campaign, 1, { milk: 5 }),
  ];
  for (const b of bought) phones.push(b.phone);
  dormant = await newCustomer(server, world.pickupPointIds[0], '老顾客');
  phones.push(dormant.phone);
  const old = await buyAndPay(server, dormant.api, {
    pickupPointId: world.pickupPointIds[0],
    items: [{ campaignItemId: campaign.items.apple, quantity: 1 }],
  });
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  await arriveInFull(world, campaign.id, 1);
  // two of point 0's orders collected (commission booked), one collected late (after 48 hours)
  for (const b of bought.slice(0, 2)) {
    const r = await world.leaders[0].api.post('/leader/pickups/verify', { code: b.order.pickupCode });
    expect(r.status).toBe(200);
  }
  await exec(
    server.ctx.db,
    sql`update orders set completed_at = ready_at + interval '50 hours' where id = ${bought[1].order.id}`,
  );
  // an after-sales claim on point 0's first order
  await exec(
    server.ctx.db,
    sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen)
    values (${bought[0].order.id}, ${bought[0].userId}, 'aftersales', 'quality', 'requested', 100)`,
  );
  // its paid_at moved 40 days back below: a customer of point 0 with no order since, dormant
  await exec(
    server.ctx.db,
    sql`update orders set paid_at = paid_at - interval '40 days', created_at = created_at - interval '40 days' where id = ${old.id}`,
  );
});
afterAll(() => server?.close());

/** The plain recomputation of a leader's month from the rows, as of `asOf`. */
async function recompute(leaderIndex: number, m: string, asOf: Date) {
  const db = server.ctx.db;
  const point = world.pickupPointIds[leaderIndex];
  const leaderId = world.leaders[leaderIndex].leaderId;
  const from = monthStart(m).getTime();
  const to = monthStart(nextMonth(m)).getTime();
  const within = (t: unknown) => t !== null && Date.parse(String(t)) >= from && Date.parse(String(t)) < to;
  const orders = await rows<any>(
    db,
    sql`select id, user_id, pickup_point_id, total_fen, paid_at::text, ready_at::text, completed_at::text, kind from orders`,
  );
  const goods = orders.filter((o) => o.kind === 'goods' && o.paid_at !== null);
  const mine = goods.filter((o) => o.pickup_point_id === point && within(o.paid_at));
  const customers = new Set(mine.map((o) => o.user_id));
  const firstPaid = new Map<string, number>();
  for (const o of goods) {
    const t = Date.parse(o.paid_at);
    if (!firstPaid.has(o.user_id) || t < firstPaid.get(o.user_id)!) firstPaid.set(o.user_id, t);
  }
  const users = await rows<any>(db, sql`select id, pickup_point_id from users`);
  const edge = asOf.getTime() - 30 * DAY;
  const dormantCustomers = users.filter((u) => {
    if (u.pickup_point_id !== point) return false;
    const theirs = goods.filter((o) => o.user_id === u.id).map((o) => Date.parse(o.paid_at));
    return theirs.some((t) => t < edge) && !theirs.some((t) => t >= edge && t < asOf.getTime());
  }).length;
  const refunds = await rows<any>(db, sql`select order_id, kind, created_at::text from refunds`);
  const pointOrders = new Set(orders.filter((o) => o.pickup_point_id === point).map((o) => o.id));
  const claims = refunds.filter(
    (r) => r.kind === 'aftersales' && pointOrders.has(r.order_id) && within(r.created_at),
  ).length;
  const ready = orders.filter((o) => o.kind === 'goods' && o.pickup_point_id === point && within(o.ready_at));
  const timely = ready.filter(
    (o) => o.completed_at !== null && Date.parse(o.completed_at) - Date.parse(o.ready_at) <= 48 * 3_600_000,
  ).length;
  const ledger = await rows<any>(db, sql`select leader_id, kind, amount_fen, created_at::text from ledger_entries`);
  const commission = ledger
    .filter((e) => e.leader_id === leaderId && ['commission', 'reversal'].includes(e.kind) && within(e.created_at))
    .reduce((s, e) => s + e.amount_fen, 0);
  return {
    gmvFen: mine.reduce((s, o) => s + o.total_fen, 0),
    orders: mine.length,
    customers: customers.size,
    newCustomers: [...customers].filter((u) => firstPaid.get(u)! >= from).length,
    dormantCustomers,
    claims,
    readyOrders: ready.length,
    timelyOrders: timely,
    commissionFen: commission,
  };
}

describe('per-leader report', () => {
  it('shows every figure of the month as recomputed from the rows', async () => {
    const res = await world.admin.get(`/admin/leader-report?month=${month}`);
    expect(res.status).toBe(200);
    for (const i of [0, 1, 2]) {
      const row = res.body.items.find((r: any) => r.leaderId === world.leaders[i].leaderId);
      const want = await recompute(i, month, new Date());
      expect(row).toMatchObject({ ...want, grade: null, bonusFen: null });
      expect(row.complaintRate).toBe(want.orders ? want.claims / want.orders : null);
    }
    const p0 = res.body.items.find((r: any) => r.leaderId === world.leaders[0].leaderId);
    // the known data, so the recomputation is not trivially zero
    expect(p0).toMatchObject({
      orders: 3,
      customers: 3,
      newCustomers: 3,
      dormantCustomers: 1,
      claims: 1,
      readyOrders: 4,
      timelyOrders: 1,
    });
    expect(p0.commissionFen).toBeGreaterThan(0);
    const xlsx = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/leader-report/export.xlsx?month=${month}&lang=en`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await world.admin.get('/admin/leader-report?month=2026-13')).status).toBe(400);
  });
});

describe('the leader’s customers', () => {
  it('lists the customers of my point with masked phones only, and filters the dormant', async () => {
    const res = await world.leaders[0].api.get('/leader/customers');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const p of phones) expect(text).not.toContain(p);
    expect(res.body.items.every((c: any) => /^1\d\d\*{4}\d{4}$/.test(c.phone))).toBe(true);
    expect(res.body.items).toHaveLength(4);
    const dormantOnly = await world.leaders[0].api.get('/leader/customers?dormant=true');
    expect(dormantOnly.body.items.map((c: any) => c.userId)).toEqual([dormant.userId]);
    // a customer of another point is not mine
    const other = await world.leaders[1].api.post(`/leader/customers/${dormant.userId}/message`, { text: '你好' });
    expect(other.status).toBe(404);
  });

  it('sends allowance coupons: simultaneous sends never pass the month’s allowance', async () => {
    const tpl = await world.admin.post('/admin/coupon-templates', {
      name: '团长关怀券 满20减5',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 500,
      validFrom: new Date(Date.now() - 3_600_000).toISOString(),
      validTo: new Date(Date.now() + 30 * DAY).toISOString(),
      perCustomerLimit: 5,
      stackableWithFullReduction: true,
    });
    expect(tpl.status).toBe(201);
    const none = await world.leaders[0].api.post(`/leader/customers/${dormant.userId}/coupon`);
    expect([none.status, none.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const set = await world.admin.put('/admin/leader-grades/settings', {
      allowance: { templateId: tpl.body.id, perMonth: 3 },
    });
    expect(set.status).toBe(200);
    // the dormant customer first (a recall contact), then 6 sends at once to the other customers
    const first = await world.leaders[0].api.post(`/leader/customers/${dormant.userId}/coupon`);
    expect(first.status).toBe(201);
    const list = (await world.leaders[0].api.get('/leader/customers')).body.items.filter(
      (c: any) => c.userId !== dormant.userId,
    );
    const sends = await Promise.all(
      [...list, ...list].map((c: any) => world.leaders[0].api.post(`/leader/customers/${c.userId}/coupon`)),
    );
    const codes = sends.map((s) => s.status).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(2);
    expect(sends.filter((s) => s.status === 409).every((s) => s.body.error.code === 'LIMIT_EXCEEDED')).toBe(true);
    const used = await one<{ used: number; coupons: number }>(
      server.ctx.db,
      sql`select (select used from leader_allowance_months where leader_id = ${world.leaders[0].leaderId}) as used,
        (select count(*)::int from coupons where template_id = ${tpl.body.id}) as coupons`,
    );
    expect(used).toEqual({ used: 3, coupons: 3 });
  });

  it('sends messages through the outbox, once a customer and day; counts the recall when the customer orders', async () => {
    const sent = await world.leaders[0].api.post(`/leader/customers/${dormant.userId}/message`, {
      text: '好久不见，明天有新鲜草莓',
    });
    expect(sent.status).toBe(201);
    const again = await world.leaders[0].api.post(`/leader/customers/${dormant.userId}/message`, {
      text: '再提醒一次',
    });
    expect(again.status).toBe(429);
    const tooLong = await world.leaders[0].api.post(`/leader/customers/${dormant.userId}/message`, {
      text: 'x'.repeat(201),
    });
    expect(tooLong.status).toBe(400);
    const queued = await rows<{ kind: string }>(
      server.ctx.db,
      sql`select payload->>'kind' as kind from outbox where payload->>'userId' = ${dormant.userId} order by id`,
    );
    expect(queued.map((q) => q.kind)).toEqual(expect.arrayContaining(['leader_coupon', 'leader_message']));

    let mine = (await world.leaders[0].api.get('/leader/customers')).body;
    expect(mine.recall).toMatchObject({ contacted: 1, recalled: 0 });
    // the dormant customer orders with the coupon
    const coupons = (await dormant.api.get('/me/coupons')).body;
    const coupon = (coupons.items ?? coupons).find(
      (c: any) => c.name?.includes('团长关怀券') || c.templateName?.includes('团长关怀券'),
    );
    expect(coupon).toBeTruthy();
    const campaign2 = await newCampaign(world);
    await buyAndPay(server, dormant.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: campaign2.items.milk, quantity: 1 }],
      couponId: coupon.id,
    });
    mine = (await world.leaders[0].api.get('/leader/customers')).body;
    expect(mine.recall).toMatchObject({ contacted: 1, recalled: 1, rate: 1 });
    const report = (await world.admin.get(`/admin/leader-report?month=${month}`)).body.items.find(
      (r: any) => r.leaderId === world.leaders[0].leaderId,
    );
    expect(report).toMatchObject({ contacted: 1, recalled: 1, recallRate: 1 });
  });
});

describe('grades', () => {
  it('grades the closed month against the thresholds and pays the bonus once', async () => {
    const thresholds = {
      bronze: { gmvFen: 1, activeCustomers: 1, maxComplaintBps: 10_000, minTimelyBps: 0 },
      silver: { gmvFen: 2, activeCustomers: 2, maxComplaintBps: 10_000, minTimelyBps: 0 },
      gold: { gmvFen: 3, activeCustomers: 3, maxComplaintBps: 10_000, minTimelyBps: 0 },
    };
    expect((await world.admin.put('/admin/leader-grades/settings', { thresholds })).status).toBe(200);
    const after = monthStart(nextMonth(month));
    const at = new Date(after.getTime() + 4 * 3_600_000);
    const before = (await world.leaders[0].api.get('/leader/commissions')).body.availableFen;
    const closed = await closeDueLeaderMonths(server.ctx.db, at);
    expect(closed).toBe(3);
    // a rerun and a simultaneous one close and pay nothing more
    expect(
      await Promise.all([closeDueLeaderMonths(server.ctx.db, at), closeDueLeaderMonths(server.ctx.db, at)]),
    ).toEqual([0, 0]);
    const stored = await rows<any>(
      server.ctx.db,
      sql`select leader_id, grade, bonus_fen, commission_fen from leader_months where month = ${month}`,
    );
    for (const i of [0, 1, 2]) {
      const want = await recompute(i, month, monthStart(nextMonth(month)));
      const row = stored.find((s) => s.leader_id === world.leaders[i].leaderId);
      const grade = gradeFor(want, thresholds);
      expect(row.grade).toBe(grade);
      const bps = { trainee: 0, bronze: 0, silver: 500, gold: 1000 }[grade];
      expect(row.bonus_fen).toBe(gradeBonusFen(want.commissionFen, bps));
    }
    expect(stored.find((s) => s.leader_id === world.leaders[0].leaderId).grade).toBe('gold');
    expect(stored.find((s) => s.leader_id === world.leaders[2].leaderId).grade).toBe('trainee');
    const bonuses = await rows<{ amount_fen: number }>(
      server.ctx.db,
      sql`select amount_fen from ledger_entries where kind = 'grade_bonus' and leader_id = ${world.leaders[0].leaderId}`,
    );
    const bonus = stored.find((s) => s.leader_id === world.leaders[0].leaderId).bonus_fen;
    expect(bonus).toBeGreaterThan(0);
    expect(bonuses).toEqual([{ amount_fen: bonus }]);
    const balance = (await world.leaders[0].api.get('/leader/commissions')).body.availableFen;
    expect(balance).toBe(before + bonus);
  });

  it('shows the leader the grade, rules and leaderboard; the console the grade history', async () => {
    const g = await world.leaders[0].api.get('/leader/grade');
    expect(g.status).toBe(200);
    expect(g.body.thresholds.gold.gmvFen).toBe(3);
    const board = await world.leaders[1].api.get('/leader/leaderboard');
    expect(board.status).toBe(200);
    expect(board.body.leaders).toBe(3);
    const me = board.body.items.find((x: any) => x.me);
    expect(me.rank).toBe(board.body.myRank);
    for (const x of board.body.items.filter((i: any) => !i.me)) expect(x.name).toContain('*');
    const hist = await world.admin.get(`/admin/leaders/${world.leaders[0].leaderId}/months`);
    expect(hist.status).toBe(200);
    expect(hist.body.items.at(-1).grade).toBeNull();
  });
});
