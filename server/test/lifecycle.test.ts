import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { catchUpRegistrationGrants, grantToNewCustomers } from '../src/modules/lifecycle/service.js';
import { createUser } from '../src/modules/accounts/service.js';
import { sendRepurchaseReminders } from '../src/modules/lifecycle/repurchase.js';
import { weekStart } from '../src/modules/lifecycle/rules.js';
import { grantMemberCoupons, markMemberCouponTemplate } from '../src/modules/members/coupons.js';
import { setBirthday } from '../src/modules/members/service.js';
import { addDays, businessDate } from '../src/lib/time.js';

/**
 * The lifecycle programs (decision 050): switches, the welcome and first-order grants at
 * registration, the first-order rule at checkout, the repurchase reminders, the birthday coupon's
 * switch, and the report against a plain recomputation over the raw rows.
 */

let server: TestServer;
let world: World;
const REGION = DEFAULT_REGION_ID;
const TZ = 'Asia/Shanghai';
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
let welcomeTpl: string;
let firstOrderTpl: string;

async function template(name: string, body: Record<string, unknown> = {}) {
  const res = await world.admin.post('/admin/coupon-templates', {
    name,
    kind: 'amount',
    thresholdFen: 0,
    discountFen: 300,
    validFrom: hoursFromNow(-24 * 60),
    validTo: hoursFromNow(24 * 30),
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const put = (program: string, body: Record<string, unknown>) =>
  world.admin.put(`/admin/lifecycle/programs/${program}`, { regionId: REGION, ...body });

const couponsOf = (userId: string, templateId: string) =>
  rows<{ id: string; status: string }>(
    server.ctx.db,
    sql`select id, status from coupons where user_id = ${userId} and template_id = ${templateId}`,
  );

async function register(body: Record<string, unknown> = {}) {
  const res = await new Api(server.app).post('/auth/register', {
    phone: nextPhone(),
    password: 'customer-123',
    name: '新邻居',
    ...body,
  });
  expect(res.status).toBe(201);
  return { api: new Api(server.app, res.body.token), userId: res.body.user.id as string };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  welcomeTpl = await template('新人专享 立减3元');
  firstOrderTpl = await template('邀请首单 立减8元', { discountFen: 800 });
});
afterAll(() => server.close());

describe('switches', () => {
  it('starts with every program off but the birthday coupon, and grants nothing at registration', async () => {
    const res = await world.admin.get(`/admin/lifecycle/programs?regionId=${REGION}`);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.body.programs.map((p: any) => [p.program, p.enabled]))).toEqual({
      welcome: false,
      first_order: false,
      repurchase: false,
      birthday: true,
    });
    expect(res.body.templates.map((t: any) => t.id)).toContain(welcomeTpl);
    const unknown = await world.admin.get('/admin/lifecycle/programs?regionId=00000000-0000-4000-8000-00000000abcd');
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    const c = await register();
    expect(await couponsOf(c.userId, welcomeTpl)).toHaveLength(0);
  });

  it('refuses bad configurations with a code and writes nothing', async () => {
    const capped = await template('限量券', { totalLimit: 10 });
    const before = await rows(server.ctx.db, sql`select * from lifecycle_programs`);
    for (const [program, body, status, code] of [
      ['welcome', { enabled: true }, 400, 'VALIDATION_FAILED'],
      ['welcome', { enabled: true, templateId: capped }, 400, 'VALIDATION_FAILED'],
      ['welcome', { enabled: true, templateId: '00000000-0000-4000-8000-00000000abcd' }, 400, 'VALIDATION_FAILED'],
      ['repurchase', { enabled: true, templateId: welcomeTpl }, 400, 'VALIDATION_FAILED'],
      ['repurchase', { enabled: true, params: { leadDays: 0 } }, 400, 'VALIDATION_FAILED'],
      ['repurchase', { enabled: true, params: { minPurchases: 2 } }, 400, 'VALIDATION_FAILED'],
      ['birthday', { enabled: true, params: { leadDays: 3 } }, 400, 'VALIDATION_FAILED'],
      ['nonsense', { enabled: true }, 400, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await put(program, body);
      expect([program, res.status, res.body.error?.code]).toEqual([program, status, code]);
    }
    const unknownRegion = await world.admin.put('/admin/lifecycle/programs/welcome', {
      regionId: '00000000-0000-4000-8000-00000000abcd',
      enabled: false,
    });
    expect(unknownRegion.status).toBe(404);
    expect(await rows(server.ctx.db, sql`select * from lifecycle_programs`)).toEqual(before);
  });

  it('switches the programs on with their templates and parameters', async () => {
    expect((await put('welcome', { enabled: true, templateId: welcomeTpl })).status).toBe(200);
    expect((await put('first_order', { enabled: true, templateId: firstOrderTpl })).status).toBe(200);
    const res = await put('repurchase', { enabled: true, params: { leadDays: 3 } });
    expect(res.status).toBe(200);
    const repurchase = res.body.find((p: any) => p.program === 'repurchase');
    expect(repurchase).toMatchObject({ enabled: true, params: { leadDays: 3, minPurchases: 3 } });
    expect(res.body.find((p: any) => p.program === 'welcome')).toMatchObject({ enabled: true, templateId: welcomeTpl });
  });
});

describe('welcome coupon', () => {
  it('is granted once to a new customer, also for simultaneous registrations of one phone', async () => {
    const phone = nextPhone();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        new Api(server.app).post('/auth/register', { phone, password: 'customer-123', name: '同时注册' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const userId = answers.find((a) => a.status === 201)!.body.user.id;
    expect(await couponsOf(userId, welcomeTpl)).toHaveLength(1);
    // a non-invited customer gets no first-order coupon
    expect(await couponsOf(userId, firstOrderTpl)).toHaveLength(0);
  });

  it('is never granted twice by retried or concurrent grants of the same customers', async () => {
    const many = await Promise.all(Array.from({ length: 4 }, () => register()));
    const ids = many.map((c) => c.userId);
    const issuedBefore = (await one<{ issued: number }>(
      server.ctx.db,
      sql`select issued from coupon_templates where id = ${welcomeTpl}`,
    ))!.issued;
    const again = await Promise.all([1, 2, 3].map(() => grantToNewCustomers(server.ctx.db, ids)));
    expect(again).toEqual([0, 0, 0]);
    for (const id of ids) expect(await couponsOf(id, welcomeTpl)).toHaveLength(1);
    const issuedAfter = (await one<{ issued: number }>(
      server.ctx.db,
      sql`select issued from coupon_templates where id = ${welcomeTpl}`,
    ))!.issued;
    expect(issuedAfter).toBe(issuedBefore);
    // the template's issued count is the coupons that exist
    const counted = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from coupons where template_id = ${welcomeTpl}`,
    );
    expect(counted!.n).toBe(issuedAfter);
  });
});

describe('catch-up of missed grants', () => {
  it('grants registrations since the switch-on that have no grant, never earlier ones', async () => {
    // registered while the program was off (the first test's customer) and one whose grant call was missed
    const before = (await one<{ id: string }>(
      server.ctx.db,
      sql`select id from users where name = '新邻居' order by created_at limit 1`,
    ))!.id;
    const missed = await createUser(server.ctx.db, { phone: nextPhone(), name: '漏发', password: 'customer-123' });
    expect(await couponsOf(missed.id, welcomeTpl)).toHaveLength(0);
    const [a, b] = await Promise.all([
      catchUpRegistrationGrants(server.ctx.db),
      catchUpRegistrationGrants(server.ctx.db),
    ]);
    expect(a! + b!).toBe(1);
    expect(await couponsOf(missed.id, welcomeTpl)).toHaveLength(1);
    expect(await couponsOf(before, welcomeTpl)).toHaveLength(0);
    expect(await catchUpRegistrationGrants(server.ctx.db)).toBe(0);
  });
});

describe("the invitee's first-order coupon", () => {
  async function invitee() {
    const inviter = await newCustomer(server, world.pickupPointIds[0]);
    const code = (await inviter.api.get('/me')).body.inviteCode;
    const c = await register({ inviteCode: code });
    const [coupon] = await couponsOf(c.userId, firstOrderTpl);
    expect(coupon).toBeDefined();
    return { ...c, couponId: coupon!.id };
  }
  const body = (couponId?: string) => ({
    pickupPointId: world.pickupPointIds[0],
    items: [{ campaignItemId: world.campaign.items[0]!.id, quantity: 1 }],
    ...(couponId ? { couponId } : {}),
  });

  it('is granted once to a customer who registered through an invitation, besides the welcome coupon', async () => {
    const c = await invitee();
    expect(await couponsOf(c.userId, firstOrderTpl)).toHaveLength(1);
    expect(await couponsOf(c.userId, welcomeTpl)).toHaveLength(1);
  });

  it('takes its discount off the first order', async () => {
    const c = await invitee();
    const order = await buyAndPay(server, c.api, body(c.couponId));
    expect(order.couponFen).toBe(800);
    expect(order.status).toBe('paid');
  });

  it('cannot go on an order after her first one (protects money): quote, coupon choices and order refuse it', async () => {
    const c = await invitee();
    await buyAndPay(server, c.api, body());
    const quote = await c.api.post('/checkout/quote', body(c.couponId));
    expect([quote.status, quote.body.error?.code]).toEqual([409, 'COUPON_UNAVAILABLE']);
    const placed = await c.api.post('/orders', body(c.couponId));
    expect([placed.status, placed.body.error?.code]).toEqual([409, 'COUPON_UNAVAILABLE']);
    expect((await couponsOf(c.userId, firstOrderTpl))[0]!.status).toBe('available');
    // an unpaid first order counts too: the coupon is for the customer's first order, not her first payment
    const d = await invitee();
    expect((await d.api.post('/orders', body())).status).toBe(201);
    const second = await d.api.post('/orders', body(d.couponId));
    expect([second.status, second.body.error?.code]).toEqual([409, 'COUPON_UNAVAILABLE']);
  });
});

describe('repurchase reminders', () => {
  const today = businessDate(new Date(), TZ);
  let offSale: string;

  /** Paid orders of one product on the given days back (generated rows: placed, paid, then dated). */
  async function bought(c: { api: Api; userId: string }, productIndex: number, daysBack: number[], productId?: string) {
    for (const d of daysBack) {
      const order = await buyAndPay(server, c.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: world.campaign.items[productIndex]!.id, quantity: 1 }],
      });
      const at = new Date(Date.now() - d * 86_400_000).toISOString();
      await exec(server.ctx.db, sql`update orders set paid_at = ${at}::timestamptz where id = ${order.id}`);
      if (productId)
        await exec(server.ctx.db, sql`update order_lines set product_id = ${productId} where order_id = ${order.id}`);
    }
  }
  const customers: Record<string, { api: Api; userId: string }> = {};

  beforeAll(async () => {
    offSale = (
      await world.admin.post('/admin/products', {
        name: '不在售 酸奶',
        category: 'dairy',
        supplierId: world.supplierIds[1],
        unit: '杯',
        listPriceFen: 900,
        costFen: 500,
        temperatureZone: 'chilled',
      })
    ).body.id;
    // today's campaign sells until the day after tomorrow, so tomorrow's run finds its products on sale
    await exec(
      server.ctx.db,
      sql`update campaigns set cutoff_at = now() + interval '2 days' where id = ${world.campaign.id}`,
    );
    // the off-sale product is sold today only at the third pickup point, by a campaign aimed there
    const aimed = await world.admin.post('/admin/campaigns', {
      title: '三号点专场',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      cutoffAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      pickupDate: addDays(today, 3),
      items: [{ productId: offSale, priceFen: 800 }],
      pickupPointIds: [world.pickupPointIds[2]],
    });
    expect(aimed.status).toBe(201);
    for (const k of ['a', 'b', 'c', 'd', 'e']) customers[k] = await newCustomer(server, world.pickupPointIds[0]);
    customers.g = await newCustomer(server, world.pickupPointIds[2]);
    await bought(customers.a!, 0, [13, 8, 3]); // every 5 days: due in 2 days → reminded
    await bought(customers.b!, 0, [8, 3]); // two purchases: no habit yet
    await bought(customers.c!, 1, [20, 13, 6]); // every 7 days: due tomorrow
    await bought(customers.c!, 0, [13, 8, 3]); // and due in 2 days: only the first due is sent this week
    await bought(customers.d!, 0, [13, 8, 3], offSale); // on sale today, but not at her point: nothing
    await bought(customers.g!, 0, [13, 8, 3], offSale); // on sale at her point: reminded
    await bought(customers.e!, 0, [30, 25, 20]); // due 15 days ago: late, not about to buy
  });

  it('sends one reminder per customer due, through the outbox, once under concurrent runs', async () => {
    const sent = await Promise.all([1, 2, 3].map(() => sendRepurchaseReminders(server.ctx.db)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(3);
    const found = await rows<{ user_id: string; product_id: string; due_on: string; week_start: string }>(
      server.ctx.db,
      sql`select user_id, product_id, to_char(due_on, 'YYYY-MM-DD') as due_on, to_char(week_start, 'YYYY-MM-DD') as week_start
      from repurchase_reminders order by due_on`,
    );
    const key = (r: string[]) => r.join('|');
    expect(found.map((r) => [r.user_id, r.product_id, r.due_on]).sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
      [
        [customers.c!.userId, world.products[1]!.id, addDays(today, 1)],
        [customers.a!.userId, world.products[0]!.id, addDays(today, 2)],
        [customers.g!.userId, offSale, addDays(today, 2)],
      ].sort((x, y) => key(x).localeCompare(key(y))),
    );
    expect(found.every((r) => r.week_start === weekStart(today))).toBe(true);
    const messages = await rows<{ payload: any }>(
      server.ctx.db,
      sql`select payload from outbox where payload->>'kind' = 'repurchase_reminder'`,
    );
    expect(messages.map((m) => m.payload.userId).sort()).toEqual(
      [customers.a!.userId, customers.c!.userId, customers.g!.userId].sort(),
    );
    // no personal data in the message: ids, the product's name and the due day
    expect(Object.keys(messages[0]!.payload).sort()).toEqual(['dueOn', 'kind', 'name', 'productId', 'userId']);
  });

  it('sends nothing again on a repeated run, nor a second reminder to a customer the same week', async () => {
    expect(await sendRepurchaseReminders(server.ctx.db)).toBe(0);
    // tomorrow: c's other product is still about to be due; the same week holds it back, a new week sends it
    const tomorrow = new Date(Date.now() + 86_400_000);
    const expected = weekStart(addDays(today, 1)) === weekStart(today) ? 0 : 1;
    expect(await sendRepurchaseReminders(server.ctx.db, tomorrow)).toBe(expected);
    expect(await sendRepurchaseReminders(server.ctx.db, tomorrow)).toBe(0);
  });

  it('sends nothing where the program is off', async () => {
    await put('repurchase', { enabled: false });
    await exec(server.ctx.db, sql`delete from repurchase_reminders`);
    expect(await sendRepurchaseReminders(server.ctx.db)).toBe(0);
    await put('repurchase', { enabled: true });
    expect(await sendRepurchaseReminders(server.ctx.db)).toBe(3);
    // a reminded customer buys the product: she counts as converted in the report
    await buyAndPay(server, customers.a!.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0]!.id, quantity: 2 }],
    });
  });
});

describe('birthday coupon under the switch', () => {
  it('is granted where the program is on, not where an operator switched it off', async () => {
    const tpl = await template('生日礼券 立减10元', { discountFen: 1000 });
    await markMemberCouponTemplate(server.ctx.db, tpl, 'birthday');
    const md = businessDate(new Date(), TZ).slice(5);
    const first = await newCustomer(server, world.pickupPointIds[0]);
    await setBirthday(server.ctx.db, first.userId, `1990-${md === '02-29' ? '02-28' : md}`);
    expect((await put('birthday', { enabled: false })).status).toBe(200);
    await grantMemberCoupons(server.ctx.db, 'birthday');
    expect(await couponsOf(first.userId, tpl)).toHaveLength(0);
    expect((await put('birthday', { enabled: true })).status).toBe(200);
    await grantMemberCoupons(server.ctx.db, 'birthday');
    await grantMemberCoupons(server.ctx.db, 'birthday');
    const [coupon] = await couponsOf(first.userId, tpl);
    expect(await couponsOf(first.userId, tpl)).toHaveLength(1);
    // she spends it: the report counts it
    await buyAndPay(server, first.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[3]!.id, quantity: 1 }],
      couponId: coupon!.id,
    });
  });
});

describe('report', () => {
  it('agrees with a plain recomputation over the raw rows, over two months', async () => {
    // generated spread: some welcome customers redeem, and a third of the grants are dated last month
    const fresh = await Promise.all(Array.from({ length: 6 }, () => newCustomer(server, world.pickupPointIds[1])));
    for (const [i, c] of fresh.entries()) {
      if (i % 2) continue;
      const [coupon] = await couponsOf(c.userId, welcomeTpl);
      await buyAndPay(server, c.api, {
        pickupPointId: world.pickupPointIds[1],
        items: [{ campaignItemId: world.campaign.items[i % 3]!.id, quantity: 1 + i }],
        couponId: coupon!.id,
      });
    }
    await exec(
      server.ctx.db,
      sql`update lifecycle_grants set granted_at = granted_at - interval '35 days'
      where user_id in (select user_id from lifecycle_grants order by user_id limit 5)`,
    );

    const monthOf = (t: unknown) => businessDate(new Date(t as string), TZ).slice(0, 7);
    const grants = await rows<{ program: string; coupon_id: string; granted_at: string }>(
      server.ctx.db,
      sql`select program, coupon_id, granted_at::text from lifecycle_grants`,
    );
    const birthday = await rows<{ coupon_id: string; created_at: string }>(
      server.ctx.db,
      sql`select coupon_id, created_at::text from member_coupon_grants where length(period) = 4`,
    );
    const orders = await rows<{
      id: string;
      user_id: string;
      coupon_id: string | null;
      paid_at: string | null;
      total_fen: number;
      coupon_fen: number;
      kind: string;
    }>(server.ctx.db, sql`select id, user_id, coupon_id, paid_at::text, total_fen, coupon_fen, kind from orders`);
    const lines = await rows<{ order_id: string; product_id: string }>(
      server.ctx.db,
      sql`select order_id, product_id from order_lines`,
    );
    const reminders = await rows<{ user_id: string; product_id: string; sent_on: string; sent_at: string }>(
      server.ctx.db,
      sql`select user_id, product_id, to_char(sent_on, 'YYYY-MM-DD') as sent_on, sent_at::text from repurchase_reminders`,
    );

    const expected = new Map<string, any>();
    const row = (month: string, program: string) => {
      const key = `${month}|${program}`;
      if (!expected.has(key))
        expected.set(key, {
          month,
          program,
          granted: 0,
          redeemed: 0,
          orders: 0,
          gmvFen: 0,
          discountFen: 0,
          sent: 0,
          reminded: new Set(),
          converted: new Set(),
        });
      return expected.get(key);
    };
    const all = [
      ...grants.map((g) => ({ program: g.program, couponId: g.coupon_id, at: g.granted_at })),
      ...birthday.map((b) => ({ program: 'birthday', couponId: b.coupon_id, at: b.created_at })),
    ];
    for (const g of all) {
      const r = row(monthOf(g.at), g.program);
      r.granted++;
      const used = orders.filter((o) => o.coupon_id === g.couponId && o.paid_at !== null && o.kind === 'goods');
      if (used.length) r.redeemed++;
      r.orders += used.length;
      for (const o of used) {
        r.gmvFen += o.total_fen;
        r.discountFen += o.coupon_fen;
      }
    }
    for (const m of reminders) {
      const r = row(m.sent_on.slice(0, 7), 'repurchase');
      r.sent++;
      r.reminded.add(m.user_id);
      const from = new Date(m.sent_at).getTime();
      const bought = orders.some(
        (o) =>
          o.user_id === m.user_id &&
          o.kind === 'goods' &&
          o.paid_at !== null &&
          new Date(o.paid_at).getTime() >= from &&
          new Date(o.paid_at).getTime() < from + 7 * 86_400_000 &&
          lines.some((l) => l.order_id === o.id && l.product_id === m.product_id),
      );
      if (bought) r.converted.add(m.user_id);
    }
    const bps = (a: number, b: number) => (b > 0 ? Math.round((a * 10_000) / b) : null);
    const want = [...expected.values()]
      .map((r) => ({
        month: r.month,
        program: r.program,
        granted: r.granted,
        redeemed: r.redeemed,
        orders: r.orders,
        gmvFen: r.gmvFen,
        discountFen: r.discountFen,
        redemptionRateBps: r.program === 'repurchase' ? null : bps(r.redeemed, r.granted),
        sent: r.sent,
        remindedCustomers: r.reminded.size,
        convertedCustomers: r.converted.size,
        conversionBps: r.program === 'repurchase' ? bps(r.converted.size, r.reminded.size) : null,
      }))
      .sort((a, b) => `${a.month}|${a.program}`.localeCompare(`${b.month}|${b.program}`));

    const res = await world.admin.get('/admin/lifecycle/report');
    expect(res.status).toBe(200);
    const got = [...res.body.items].sort((a: any, b: any) =>
      `${a.month}|${a.program}`.localeCompare(`${b.month}|${b.program}`),
    );
    expect(got).toEqual(want);
    // the generated data reaches every figure: two months, redemptions, a conversion
    expect(new Set(want.map((r) => r.month)).size).toBe(2);
    expect(want.some((r) => r.program === 'welcome' && r.redeemed > 0 && r.redeemed < r.granted)).toBe(true);
    expect(want.some((r) => r.program === 'first_order' && r.redeemed > 0)).toBe(true);
    expect(want.some((r) => r.program === 'birthday' && r.redeemed === 1)).toBe(true);
    expect(
      want.some((r) => r.program === 'repurchase' && r.convertedCustomers === 1 && r.remindedCustomers === 3),
    ).toBe(true);

    // one region asked for: the same here (every customer is in the default region)
    const one = await world.admin.get(`/admin/lifecycle/report?regionId=${REGION}`);
    expect(one.body.items.length).toBe(res.body.items.length);
    const xlsx = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/lifecycle/report/export.xlsx?lang=en',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
