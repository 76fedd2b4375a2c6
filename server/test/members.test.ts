import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { buyAndPay, createWorld, newCustomer, notifyPaid, type World } from './fixtures.js';
import { arriveInFull, cutOffAndDeliver } from './leader-flow.js';
import { exec, one, rows } from '../src/db/client.js';
import { expirePoints, spendPoints } from '../src/modules/accounts/points.js';
import { checkIn, checkInMonth, onOrderCompleted, recordShare } from '../src/modules/members/service.js';
import { grantMemberCoupons } from '../src/modules/members/coupons.js';
import { businessDate, localTime } from '../src/lib/time.js';

let server: TestServer;
let world: World;
const YEAR_MS = 365 * 86_400_000;

beforeAll(async () => {
  server = await startTestServer({ referralMonthlyCap: 2, referralPoints: 200, membershipPriceFen: 9900 });
  world = await createWorld(server);
});
afterAll(() => server.close());

type Customer = Awaited<ReturnType<typeof newCustomer>>;
const me = async (c: Customer) => (await c.api.get('/me')).body;
const balance = async (c: Customer) => (await me(c)).pointsBalance as number;

async function payMembership(c: Customer, providerTxnId?: string) {
  const bought = await c.api.post('/me/membership', { plan: 'annual' });
  expect(bought.status).toBe(201);
  expect(bought.body.amountFen).toBe(9900);
  const pay = await c.api.post(`/orders/${bought.body.orderId}/pay`, { method: 'simpay' });
  expect(pay.status).toBe(200);
  const payment = { paymentId: pay.body.paymentId, orderId: bought.body.orderId, amountFen: pay.body.amountFen };
  expect((await notifyPaid(server, payment, providerTxnId)).status).toBe(200);
  return payment;
}

async function registerWithCode(inviteCode: string) {
  const reg = await new Api(server.app).post('/auth/register', {
    phone: nextPhone(),
    password: 'customer-123',
    name: '新人',
    inviteCode,
  });
  expect(reg.status).toBe(201);
  const api = new Api(server.app, reg.body.token);
  await api.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[0] });
  return { api, userId: reg.body.user.id as string, phone: reg.body.user.phone as string };
}

describe('paid membership, earning, clawback and referral', () => {
  let member: Customer; // bought the annual plan, then buys apples at the member price
  let plain: Customer; // apples + eggs, refunds the eggs after pickup
  let spender: Customer; // eggs; spends most points before a full refund
  let inviter: Customer;
  let invitees: Customer[];
  let self: Customer; // invited_by points at themselves (forged): earns nothing
  let campaign: { id: string; items: any[] };
  const orders = new Map<Customer, any>();
  const item = (i: number) => campaign.items.find((it: any) => it.productId === world.products[i].id).id;

  beforeAll(async () => {
    member = await newCustomer(server, world.pickupPointIds[0]);
    plain = await newCustomer(server, world.pickupPointIds[0]);
    spender = await newCustomer(server, world.pickupPointIds[0]);
    inviter = await newCustomer(server, world.pickupPointIds[0]);
    self = await newCustomer(server, world.pickupPointIds[0]);
    const code = (await me(inviter)).inviteCode;
    invitees = [await registerWithCode(code), await registerWithCode(code), await registerWithCode(code)];
    await exec(server.ctx.db, sql`update users set invited_by = id where id = ${self.userId}`);
    const now = Date.now();
    const res = await world.admin.post('/admin/campaigns', {
      title: '会员日',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: world.products.map((p, i) => ({
        productId: p.id,
        priceFen: p.priceFen,
        ...(i === 0 ? { memberPriceFen: 790 } : {}),
      })),
    });
    expect(res.status).toBe(201);
    campaign = res.body;
    const referralTemplate = await world.admin.post('/admin/coupon-templates', {
      name: '邀请有礼',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 500,
      validFrom: new Date(now - 60_000).toISOString(),
      validTo: new Date(now + 30 * 86_400_000).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    expect(
      (
        await world.admin.post('/admin/members/coupon-templates', {
          templateId: referralTemplate.body.id,
          purpose: 'referral',
        })
      ).status,
    ).toBe(201);
  });

  it('sells the annual plan through the payment flow; activation shows on /me', async () => {
    expect((await me(member)).membership).toBeNull();
    const before = Date.now();
    await payMembership(member);
    const profile = await me(member);
    expect(profile.membership.plan).toBe('annual');
    const until = new Date(profile.membership.activeUntil).getTime();
    expect(until).toBeGreaterThanOrEqual(before + YEAR_MS - 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 366 * 86_400_000);
  });

  it('renewal extends from the current end by a year, and a retried notification extends nothing', async () => {
    const first = new Date((await me(member)).membership.activeUntil).getTime();
    const payment = await payMembership(member, 'txn-renewal-1');
    const second = new Date((await me(member)).membership.activeUntil).getTime();
    expect(second - first).toBeGreaterThanOrEqual(YEAR_MS);
    expect(second - first).toBeLessThanOrEqual(366 * 86_400_000);
    expect((await notifyPaid(server, payment, 'txn-renewal-1')).status).toBe(200);
    expect((await notifyPaid(server, payment, 'txn-renewal-2')).status).toBe(200);
    expect(new Date((await me(member)).membership.activeUntil).getTime()).toBe(second);
    // the repeat under another transaction id is no second payment: paid once, nothing paid back
    expect((await member.api.get(`/orders/${payment.orderId}`)).body).toMatchObject({
      kind: 'membership',
      status: 'paid',
      totalFen: 9900,
      refundedFen: 0,
    });
    expect(await rows(server.ctx.db, sql`select 1 from provider_refunds where order_id = ${payment.orderId}`)).toEqual(
      [],
    );
    expect(
      await rows(server.ctx.db, sql`select status, provider_txn_id from payments where id = ${payment.paymentId}`),
    ).toEqual([{ status: 'succeeded', provider_txn_id: 'txn-renewal-1' }]);
    const periods = await rows(server.ctx.db, sql`select 1 from membership_periods where user_id = ${member.userId}`);
    expect(periods).toHaveLength(2);
  });

  it('two renewals paid at the same moment each add a year', async () => {
    const c = await newCustomer(server, world.pickupPointIds[1]);
    const payments = [];
    for (let i = 0; i < 2; i++) {
      const bought = (await c.api.post('/me/membership', { plan: 'annual' })).body;
      const pay = (await c.api.post(`/orders/${bought.orderId}/pay`, { method: 'simpay' })).body;
      payments.push({ paymentId: pay.paymentId, orderId: bought.orderId, amountFen: pay.amountFen });
    }
    const before = Date.now();
    const res = await Promise.all(payments.map((p) => notifyPaid(server, p)));
    expect(res.map((r) => r.status)).toEqual([200, 200]);
    const until = new Date((await me(c)).membership.activeUntil).getTime();
    expect(until).toBeGreaterThanOrEqual(before + 2 * YEAR_MS - 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * 366 * 86_400_000);
  });

  it('applies the member price after activation', async () => {
    const order = await buyAndPay(server, member.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: item(0), quantity: 2 }],
    });
    expect(order.totalFen).toBe(1580);
    orders.set(member, order);
    orders.set(
      plain,
      await buyAndPay(server, plain.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [
          { campaignItemId: item(0), quantity: 1 },
          { campaignItemId: item(3), quantity: 1 },
        ],
      }),
    );
    expect(orders.get(plain).totalFen).toBe(990 + 2990);
    orders.set(
      spender,
      await buyAndPay(server, spender.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: item(3), quantity: 1 }],
      }),
    );
    for (const c of [inviter, ...invitees, self]) {
      orders.set(
        c,
        await buyAndPay(server, c.api, {
          pickupPointId: world.pickupPointIds[0],
          items: [{ campaignItemId: item(1), quantity: 1 }],
        }),
      );
    }
  });

  it('earns nothing before the goods are received', async () => {
    expect(await balance(member)).toBe(0);
    await cutOffAndDeliver(world, campaign.id);
    await arriveInFull(world, campaign.id, 0);
    expect(await balance(plain)).toBe(0);
  });

  it('earns 1 point per yuan on completion, members ×2, plus growth', async () => {
    for (const c of [member, plain, spender, inviter, ...invitees, self]) {
      const res = await world.leaders[0].api.post('/leader/pickups/verify', { code: orders.get(c).pickupCode });
      expect(res.status).toBe(200);
    }
    expect(await balance(member)).toBe(30); // 15.80 yuan → 15 × 2
    expect(await balance(plain)).toBe(39);
    expect(await balance(spender)).toBe(29);
    const profile = await me(member);
    expect(profile).toMatchObject({ growth: 15, tier: 'bronze' });
    const history = (await member.api.get('/me/points')).body;
    expect(history.entries).toEqual([expect.objectContaining({ deltaPoints: 30, reason: 'order' })]);
  });

  it("rewards a referral once when the invitee's first order completes, up to the monthly cap", async () => {
    // inviter: own order 2 points + 2 rewarded invitees × 200; the third invitee is over the cap of 2
    expect(await balance(inviter)).toBe(2 + 400);
    expect(await balance(invitees[0])).toBe(2 + 200);
    expect(await balance(invitees[1])).toBe(2 + 200);
    expect(await balance(invitees[2])).toBe(2);
    // and the coupon marked as the referral reward, for both sides
    expect((await inviter.api.get('/me/coupons')).body).toHaveLength(2);
    expect((await invitees[0].api.get('/me/coupons')).body).toHaveLength(1);
    expect((await invitees[2].api.get('/me/coupons')).body).toHaveLength(0);
    // completing again (a retried hook) changes nothing
    await server.ctx.db.transaction(async (tx) => onOrderCompleted(tx as never, orders.get(invitees[0]).id));
    expect(await balance(inviter)).toBe(402);
    expect(await balance(invitees[0])).toBe(202);
    const report = (await world.admin.get('/admin/referrals')).body;
    expect(report).toContainEqual(
      expect.objectContaining({
        inviterId: inviter.userId,
        rewarded: 2,
        capped: 1,
        ineligible: 0,
        pointsEachSide: 400,
        firstOrders: 3,
        gmvFen: 3 * 290,
      }),
    );
  });

  it('self-referral earns nothing', async () => {
    expect(await balance(self)).toBe(2);
    const decided = await one<{ outcome: string }>(
      server.ctx.db,
      sql`select outcome from referral_rewards where invitee_id = ${self.userId}`,
    );
    expect(decided?.outcome).toBe('ineligible');
    expect((await world.admin.get('/admin/referrals')).body).toContainEqual(
      expect.objectContaining({ inviterId: self.userId, rewarded: 0, ineligible: 1 }),
    );
  });

  it('claws back the proportional points and growth of a refund', async () => {
    const eggs = orders.get(plain).lines.find((l: any) => l.productId === world.products[3].id);
    const claim = await plain.api.post(`/orders/${orders.get(plain).id}/refunds`, {
      lines: [{ lineId: eggs.id, quantity: 1 }],
      reason: 'quality',
    });
    expect(claim.status).toBe(201);
    expect((await world.admin.post(`/admin/refunds/${claim.body.id}/approve`)).status).toBe(200);
    expect(await balance(plain)).toBe(39 - 29); // floor(39 × 2990 / 3980)
    expect((await me(plain)).growth).toBe(39 - 29);
    const entry = await one<{ delta_points: number }>(
      server.ctx.db,
      sql`select delta_points from points_entries where business_key = ${'clawback:' + claim.body.id}`,
    );
    expect(entry?.delta_points).toBe(-29);
  });

  it('a clawback never takes the balance below zero and records what it took', async () => {
    expect(await spendPoints(server.ctx.db, spender.userId, 20, 'test-spend', 'redeem')).toBe(true);
    const order = orders.get(spender);
    const claim = await spender.api.post(`/orders/${order.id}/refunds`, {
      lines: [{ lineId: order.lines[0].id, quantity: 1 }],
      reason: 'quality',
    });
    expect((await world.admin.post(`/admin/refunds/${claim.body.id}/approve`)).status).toBe(200);
    expect(await balance(spender)).toBe(0);
    const entry = await one<{ delta_points: number }>(
      server.ctx.db,
      sql`select delta_points from points_entries where business_key = ${'clawback:' + claim.body.id}`,
    );
    expect(entry?.delta_points).toBe(-9);
  });

  it('reviews a completed order once: points and growth', async () => {
    const id = orders.get(member).id;
    expect((await plain.api.post(`/orders/${id}/review`, { rating: 5 })).status).toBe(404);
    const res = await member.api.post(`/orders/${id}/review`, { rating: 5, text: '很新鲜' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ reviewIds: [expect.any(String)], pointsAwarded: 20, growthAwarded: 10 });
    expect((await member.api.post(`/orders/${id}/review`, { rating: 4 })).status).toBe(409);
    expect((await member.api.post(`/orders/${id}/review`, { rating: 6 })).status).toBe(400);
    expect(await balance(member)).toBe(50);
    expect((await me(member)).growth).toBe(25);
  });

  it('shares earn growth up to 5 a day', async () => {
    // the business day is the one of the instant given: 23:59 and 00:01 in Shanghai are two days
    const lateAt = localTime('2027-03-14', '23:59');
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push((await recordShare(server.ctx.db, member.userId, item(1), lateAt)).growthAwarded);
    expect(results).toEqual([1, 1, 1, 1, 1, 0]);
    expect(
      (await recordShare(server.ctx.db, member.userId, item(1), new Date(lateAt.getTime() + 2 * 60_000))).growthAwarded,
    ).toBe(1);
    expect((await member.api.post('/me/shares', { campaignItemId: item(1) })).body.growthAwarded).toBe(1);
    expect(
      (await member.api.post('/me/shares', { campaignItemId: '00000000-0000-4000-8000-0000000000ff' })).status,
    ).toBe(404);
    expect((await me(member)).growth).toBe(32);
    expect((await member.api.get('/me/growth')).body).toEqual({
      growth: 32,
      tier: 'bronze',
      nextTier: { tier: 'silver', growthNeeded: 968 },
      member: true,
      birthday: null,
    });
  });

  it('admin lists members and reports points', async () => {
    const members = (await world.admin.get('/admin/members')).body;
    expect(members).toContainEqual(expect.objectContaining({ userId: member.userId, growth: 32, tier: 'bronze' }));
    expect(members).toHaveLength(2); // and the customer with two renewals
    expect((await member.api.get('/admin/members')).status).toBe(403);
    const report = (await world.admin.get('/admin/points/report')).body;
    // by hand, from the tests above: member 30 + 20 (review); plain 39 − 29; spender 0; inviter 2 + 400;
    // invitees 2 + 200, 2 + 200, 2; self 2. Nobody else earned a point.
    const held = [50, 10, 0, 402, 202, 202, 2, 2];
    const customers = [member, plain, spender, inviter, ...invitees, self];
    expect(await Promise.all(customers.map(balance))).toEqual(held);
    expect(report.outstanding).toBe(held.reduce((a, b) => a + b, 0));
    expect(report.holders).toBe(held.filter((b) => b > 0).length);
    expect(report.issued - report.taken).toBe(report.outstanding);
    expect(report.byReason.find((r: any) => r.reason === 'referral').issued).toBe(800);
  });

  it('grants the monthly member pack once a month and the birthday coupon on the birthday', async () => {
    const now = Date.now();
    const tpl = async (name: string) =>
      (
        await world.admin.post('/admin/coupon-templates', {
          name,
          kind: 'amount',
          thresholdFen: 0,
          discountFen: 300,
          validFrom: new Date(now - 60_000).toISOString(),
          validTo: new Date(now + 30 * 86_400_000).toISOString(),
          perCustomerLimit: 1,
          stackableWithFullReduction: true,
        })
      ).body.id as string;
    const pack = await tpl('会员月券');
    const birthday = await tpl('生日券');
    expect(
      (await world.admin.post('/admin/members/coupon-templates', { templateId: pack, purpose: 'monthly_pack' })).status,
    ).toBe(201);
    expect(
      (await world.admin.post('/admin/members/coupon-templates', { templateId: birthday, purpose: 'birthday' })).status,
    ).toBe(201);
    // every grant is given its instant: the test means the same on any day it runs
    const at = (date: string, hhmm = '12:00') => localTime(date, hhmm);
    expect(await grantMemberCoupons(server.ctx.db, 'monthly_pack', at('2027-03-31', '23:59'))).toBe(2);
    expect(await grantMemberCoupons(server.ctx.db, 'monthly_pack', at('2027-03-01', '00:00'))).toBe(0);
    expect((await member.api.get('/me/coupons')).body).toHaveLength(1);
    // one minute later it is April in Shanghai (still March in UTC): the next month's pack
    expect(await grantMemberCoupons(server.ctx.db, 'monthly_pack', at('2027-04-01', '00:00'))).toBe(2);
    expect((await member.api.get('/me/coupons')).body).toHaveLength(2);

    expect((await plain.api.put('/me/profile', { birthday: '1990-13-01' })).status).toBe(400);
    expect((await plain.api.put('/me/profile', { birthday: '1990-02-29' })).status).toBe(400); // no such day
    expect((await plain.api.put('/me/profile', { birthday: '1992-02-29' })).status).toBe(200);
    expect((await spender.api.put('/me/profile', { birthday: '1985-03-01' })).status).toBe(200);
    const birthdays = (when: Date) => grantMemberCoupons(server.ctx.db, 'birthday', when);
    // 2027 has no 29 February: that birthday is kept on the 28th, just before midnight
    expect(await birthdays(at('2027-02-27', '23:59'))).toBe(0);
    expect(await birthdays(at('2027-02-28', '23:59'))).toBe(1);
    expect(await birthdays(at('2027-02-28', '00:00'))).toBe(0);
    expect(await birthdays(at('2027-03-01', '00:00'))).toBe(1); // the 1 March birthday
    expect(await birthdays(at('2027-03-01', '18:00'))).toBe(0);
    // 2028 has one: the 28th is nobody's birthday, the 29th is, from its first minute
    expect(await birthdays(at('2028-02-28'))).toBe(0);
    expect(await birthdays(at('2028-02-29', '00:00'))).toBe(1);
    expect((await plain.api.get('/me/coupons')).body).toHaveLength(2);
    expect((await spender.api.get('/me/coupons')).body.filter((c: any) => c.templateId === birthday)).toHaveLength(1);
  });
});

describe('check-in', () => {
  // each check-in is given its instant: 23:59 and 00:01 in Shanghai are two business days
  const lateAt = localTime('2027-03-14', '23:59');
  const nextDayAt = new Date(lateAt.getTime() + 2 * 60_000);

  it('awards once for simultaneous check-ins on one business day', async () => {
    const c = await newCustomer(server);
    const results = await Promise.all(Array.from({ length: 5 }, () => checkIn(server.ctx.db, c.userId, lateAt)));
    expect(results.map((r) => r.pointsAwarded).sort()).toEqual([0, 0, 0, 0, 5]);
    expect(results.every((r) => r.streakDays === 1)).toBe(true);
    expect(await balance(c)).toBe(5);
    // through the route, on the day it runs: a check-in of its own
    const res = await c.api.post('/me/check-in');
    expect(res.status).toBe(200);
    expect(res.body.pointsAwarded).toBe(5);
    expect(await balance(c)).toBe(10);
  });

  it('continues a streak from yesterday; day 7 earns more', async () => {
    const c = await newCustomer(server);
    expect(businessDate(lateAt)).toBe('2027-03-14');
    await exec(
      server.ctx.db,
      sql`insert into check_ins (user_id, business_date, streak_days, points) values (${c.userId}, '2027-03-13', 6, 5)`,
    );
    expect(await checkIn(server.ctx.db, c.userId, lateAt)).toEqual({ pointsAwarded: 10, streakDays: 7 });
    expect(await checkIn(server.ctx.db, c.userId, lateAt)).toEqual({ pointsAwarded: 0, streakDays: 7 });
    expect(await checkIn(server.ctx.db, c.userId, nextDayAt)).toEqual({ pointsAwarded: 10, streakDays: 8 });
    // a day missed starts again at 1
    expect(await checkIn(server.ctx.db, c.userId, new Date(nextDayAt.getTime() + 2 * 86_400_000))).toEqual({
      pointsAwarded: 5,
      streakDays: 1,
    });
  });
});

describe('check-in calendar', () => {
  const lateAt = localTime('2027-03-14', '23:59');
  const nextDayAt = new Date(lateAt.getTime() + 2 * 60_000);

  it("lists the month's check-in days on the region's business days, today's state and the streak", async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    await exec(
      server.ctx.db,
      sql`insert into check_ins (user_id, business_date, streak_days, points)
      values (${c.userId}, '2027-02-28', 5, 5), (${c.userId}, '2027-03-01', 6, 5)`,
    );
    await checkIn(server.ctx.db, c.userId, lateAt);
    expect(await checkInMonth(server.ctx.db, c.userId, undefined, lateAt)).toEqual({
      month: '2027-03',
      today: '2027-03-14',
      checkedInToday: true,
      streakDays: 1,
      days: ['2027-03-01', '2027-03-14'],
    });
    // 00:01 the next day in Shanghai: not checked in yet, yesterday's streak still counts
    expect(await checkInMonth(server.ctx.db, c.userId, undefined, nextDayAt)).toMatchObject({
      today: '2027-03-15',
      checkedInToday: false,
      streakDays: 1,
    });
    expect((await checkInMonth(server.ctx.db, c.userId, '2027-02', lateAt)).days).toEqual(['2027-02-28']);
    expect((await checkInMonth(server.ctx.db, c.userId, '2027-04', lateAt)).days).toEqual([]);
    // through the route, on the day it runs
    const before = (await c.api.get('/me/check-ins')).body;
    expect(before.checkedInToday).toBe(false);
    expect((await c.api.post('/me/check-in')).status).toBe(200);
    const after = (await c.api.get(`/me/check-ins?month=${before.month}`)).body;
    expect(after).toMatchObject({ checkedInToday: true, streakDays: 1, today: before.today });
    expect(after.days).toContain(before.today);
    for (const bad of ['2027-13', '0000-01', '2027-3', 'x'.repeat(300)])
      expect((await c.api.get(`/me/check-ins?month=${bad}`)).status).toBe(400);
  });
});

describe('joining: expected savings, and the monthly pack at once', () => {
  it("computes the savings from the customer's own recent orders against member prices", async () => {
    const now = Date.now();
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const empty = (await c.api.get('/me/membership/savings')).body;
    expect(empty).toMatchObject({ priceFen: 9900, windowDays: 30, orders: 0, lines: 0, savedFen: 0, yearFen: 0 });
    const res = await world.admin.post('/admin/campaigns', {
      title: '会员价',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: world.products.map((p, i) => ({
        productId: p.id,
        priceFen: p.priceFen,
        ...(i === 0 ? { memberPriceFen: p.priceFen - 200 } : i === 1 ? { memberPriceFen: p.priceFen - 35 } : {}),
      })),
    });
    expect(res.status).toBe(201);
    const items = res.body.items as { id: string; priceFen: number; memberPriceFen?: number | null }[];
    const paid = [
      await buyAndPay(server, c.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [
          { campaignItemId: items[0].id, quantity: 2 },
          { campaignItemId: items[3].id, quantity: 1 },
        ],
      }),
      await buyAndPay(server, c.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: items[1].id, quantity: 3 }],
      }),
    ];
    // an unpaid order saves nothing
    expect(
      (
        await c.api.post('/orders', {
          pickupPointId: world.pickupPointIds[0],
          items: [{ campaignItemId: items[0].id, quantity: 1 }],
        })
      ).status,
    ).toBe(201);
    // independently: each paid line's unit price against its deal's member price
    const member = new Map(items.map((i) => [i.id, i.memberPriceFen ?? null]));
    let saved = 0;
    let lines = 0;
    for (const o of paid)
      for (const l of o.lines) {
        const m = member.get(l.campaignItemId);
        if (m != null && m < l.unitPriceFen) {
          saved += (l.unitPriceFen - m) * l.quantity;
          lines++;
        }
      }
    expect(saved).toBe(2 * 200 + 3 * 35);
    const savings = (await c.api.get('/me/membership/savings')).body;
    expect(savings).toEqual({
      priceFen: 9900,
      windowDays: 30,
      orders: 2,
      lines,
      savedFen: saved,
      yearFen: Math.round((saved * 365) / 30),
      // the 会员月券 marked for the monthly pack above: ¥3
      monthlyPackFen: 300,
    });
  });

  it("gives a new member this month's pack on joining, once", async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    expect((await c.api.get('/me/coupons')).body).toEqual([]);
    const payment = await payMembership(c);
    const coupons = (await c.api.get('/me/coupons')).body as any[];
    const marked = (await world.admin.get('/admin/members/coupon-templates')).body as any[];
    const pack = marked.filter((m) => m.purpose === 'monthly_pack').map((m) => m.templateId);
    expect(pack.length).toBeGreaterThan(0);
    expect(coupons.map((x) => x.templateId).sort()).toEqual([...pack].sort());
    // a retried notification and this month's job run give nothing more
    expect((await notifyPaid(server, payment, 'txn-join-again')).status).toBe(200);
    await grantMemberCoupons(server.ctx.db, 'monthly_pack');
    expect((await c.api.get('/me/coupons')).body).toHaveLength(coupons.length);
  });
});

describe('OpenAPI', () => {
  it('documents the membership endpoints', async () => {
    const paths = Object.keys((await server.app.inject({ url: '/api/docs/json' })).json().paths);
    for (const p of [
      '/me/membership',
      '/me/check-in',
      '/me/check-ins',
      '/me/membership/savings',
      '/me/shares',
      '/orders/{id}/review',
      '/admin/members',
      '/admin/points/report',
      '/admin/referrals',
    ]) {
      expect(paths.some((k) => k.endsWith(p))).toBe(true);
    }
  });
});

describe('points expiry', () => {
  it('expires what was earned before last year and not spent, once', async () => {
    const c = await newCustomer(server);
    const db = server.ctx.db;
    const now = new Date(); // one instant for the whole test, also across New Year's midnight
    const year = Number(businessDate(now).slice(0, 4));
    await exec(
      db,
      sql`insert into points_entries (user_id, delta_points, reason, business_key, created_at) values
      (${c.userId}, 100, 'order', ${'t-old-' + c.userId}, ${`${year - 2}-03-01T00:00:00Z`}),
      (${c.userId}, 50, 'order', ${'t-last-' + c.userId}, ${`${year - 1}-03-01T00:00:00Z`}),
      (${c.userId}, -30, 'redeem', ${'t-spend-' + c.userId}, now()),
      (${c.userId}, -20, 'redeem', ${'t-spend2-' + c.userId}, now()),
      (${c.userId}, 20, 'redeem_returned', ${'t-back-' + c.userId}, now())`,
    );
    await exec(db, sql`update users set points_balance = 120 where id = ${c.userId}`);
    expect(await expirePoints(db, now)).toBeGreaterThanOrEqual(1);
    expect(await balance(c)).toBe(50); // 100 old − 30 spent (oldest first) = 70 expire; last year's 50 stay
    const entry = await one<{ delta_points: number }>(
      db,
      sql`select delta_points from points_entries where business_key = ${`expire:${c.userId}:${year - 2}`}`,
    );
    expect(entry?.delta_points).toBe(-70);
    await expirePoints(db, now);
    expect(await balance(c)).toBe(50);
    // a year later, last year's points go too
    expect(await expirePoints(db, new Date(now.getTime() + YEAR_MS + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await balance(c)).toBe(0);
  });
});
