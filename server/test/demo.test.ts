import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { Api } from './client.js';
import { adminApi } from './fixtures.js';
import { seedDemoIfEmpty, type DemoLogin } from '../src/demo/seed.js';
import { leaderPhone, DEMO_PASSWORD } from '../src/demo/data.js';
import { UNRELIABLE_SUPPLIER } from '../src/demo/suppliers.js';
import { sql } from 'drizzle-orm';
import { one, rows } from '../src/db/client.js';
import { addDays, businessDate } from '../src/lib/time.js';

/**
 * The demo on a fresh database, small (2 past days, 40 customers in 杭州 and 10 in 乌鲁木齐),
 * checked only through the HTTP API: what an operator, a leader and a customer would see.
 */
let server: TestServer;
let logins: DemoLogin[];
let admin: Api;

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await seedDemoIfEmpty(server.ctx.db, server.ctx.config, {
    days: 2,
    customers: 40,
    ordersPerDay: 30,
    log: () => {},
  });
  logins = seeded!.logins;
  admin = await adminApi(server);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function login(phone: string, password: string): Promise<Api> {
  const res = await new Api(server.app).post('/auth/login', { phone, password });
  expect(res.status).toBe(200);
  return new Api(server.app, res.body.token);
}

async function allOrders(): Promise<any[]> {
  const campaigns = (await admin.get('/admin/campaigns?limit=200')).body as any[];
  const orders: any[] = [];
  for (const c of campaigns) {
    // every page of the campaign's orders
    let cursor = '';
    do {
      const res = await admin.get(`/admin/orders?campaignId=${c.id}&limit=200${cursor && `&cursor=${cursor}`}`);
      expect(res.status).toBe(200);
      orders.push(...res.body);
      cursor = res.nextCursor ?? '';
    } while (cursor);
  }
  return orders;
}

describe('demo seed', () => {
  it('runs only on a database without campaigns', async () => {
    expect(
      await seedDemoIfEmpty(server.ctx.db, server.ctx.config, { days: 1, customers: 1, log: () => {} }),
    ).toBeNull();
  });

  it("fills the dashboard's rollups for its closed days, which add up to the paid orders", async () => {
    const rolled = await rows<{ day: string }>(
      server.ctx.db,
      sql`select to_char(day, 'YYYY-MM-DD') as day from analytics_days where rolled_at is not null and not dirty`,
    );
    // the two played days are closed (the second only once the grace after midnight is over)
    expect(rolled.map((r) => r.day)).toContain(addDays(businessDate(new Date()), -2));
    const d = (await admin.get('/admin/analytics/dashboard?days=7')).body;
    const paid = await rows<{ fen: number }>(
      server.ctx.db,
      sql`select coalesce(sum(total_fen), 0)::int as fen from orders where kind = 'goods' and paid_at is not null`,
    );
    expect(d.periodKpis.gmvFen).toBeGreaterThan(0);
    expect(d.periodKpis.gmvFen).toBe(paid[0].fen);
  });

  it('gives the KPI page figures: rolled-up days, members, a flash-sale peak, repurchases', async () => {
    const rolled = await rows<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from kpi_days`);
    expect(rolled[0].n).toBeGreaterThan(0);
    const r = (await admin.get('/admin/kpis?days=7')).body;
    const value = (key: string) => r.kpis.find((k: any) => k.key === key).value;
    expect(value('gmv')).toBeGreaterThan(0);
    expect(value('memberPenetration')).toBeGreaterThan(0);
    expect(value('memberOrders')).toBeGreaterThan(0);
    expect(value('repurchaseRate')).not.toBeNull();
    expect(value('deliveryCostShare')).toBeGreaterThan(0);
    // the seeds' thresholds as each city's alert rules; each rule crossed on its day has its inbox alert
    const rules = (await admin.get('/admin/kpi-alert-rules')).body as any[];
    const regions = (await admin.get('/admin/regions')).body as any[];
    expect(rules).toHaveLength(3 * regions.length);
    const crossed = await rows<{ n: number; alerts: number }>(
      server.ctx.db,
      sql`select count(*) filter (where crossed)::int as n,
        (select count(*)::int from operator_alerts where kind = 'kpi_crossed') as alerts from kpi_alert_rules`,
    );
    expect(crossed[0].alerts).toBe(crossed[0].n);
  });

  it('lists logins for each role that work', async () => {
    expect(logins.map((l) => l.role)).toEqual([
      'admin',
      'leader',
      'customer',
      'leader',
      'customer',
      'warehouse',
      'operations',
      'buyer',
      'finance',
      'service_supervisor',
      'service_agent',
      'admin',
    ]);
    for (const l of logins.slice(1, -1)) {
      const me = await (await login(l.phone, l.password)).get('/me');
      expect(me.body.roles).toContain(l.role);
    }
  });

  it("has a city operator who sees only the second city, whose routes' delivery costs are entered", async () => {
    const operator = await login(logins.at(-1)!.phone, logins.at(-1)!.password);
    const regions = (await operator.get('/admin/regions')).body as any[];
    expect(regions.map((r) => [r.name, r.timeZone])).toEqual([['乌鲁木齐', 'Asia/Urumqi']]);
    const dash = (await operator.get('/admin/analytics/dashboard?days=30')).body;
    expect(dash.regions.map((r: any) => r.regionId)).toEqual([regions[0].id]);
    expect(dash.periodKpis.gmvFen).toBeGreaterThan(0);
    // every route of the city has a cost entered for each pickup day of the city up to today (at any
    // hour: after 23:00 a two-day history's pickups are today and tomorrow)
    const pastPickups = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(distinct c.pickup_date)::int as n from campaigns c join regions r on r.id = c.region_id
      where r.id = ${regions[0].id} and c.pickup_date <= (now() at time zone r.time_zone)::date`,
    );
    expect(pastPickups!.n).toBeGreaterThanOrEqual(1);
    expect(dash.routes.length).toBeGreaterThanOrEqual(2);
    for (const r of dash.routes) {
      expect(r.regionId).toBe(regions[0].id);
      expect(r.costDays).toBe(pastPickups!.n);
      expect(r.costFen).toBeGreaterThanOrEqual(18_000 * r.costDays);
      expect(r.costFen).toBeLessThanOrEqual(26_000 * r.costDays);
      if (r.gmvFen > 0) expect(r.costShareBps).toBe(Math.round((r.costFen * 10_000) / r.gmvFen));
    }
  });

  it('runs a price experiment with exposure and orders, each charged its arm’s price (decision 048)', async () => {
    const list = (await admin.get('/admin/experiments')).body as any[];
    const running = list.filter((e) => e.status === 'running');
    expect(running).toHaveLength(1);
    const e = running[0];
    const report = (await admin.get(`/admin/experiments/${e.id}/report`)).body;
    for (const arm of report.arms) expect(arm.exposed).toBeGreaterThan(0);
    expect(report.arms.reduce((a: number, x: any) => a + x.orders, 0)).toBeGreaterThan(0);
    // 40 customers: well under the minimum of 500 per arm, so no winner is called
    expect(report.verdict.status).toBe('insufficient_sample');
    const lines = await rows<{ unit_price_fen: number; arm: string }>(
      server.ctx.db,
      sql`select l.unit_price_fen, x.arm from order_lines l join orders o on o.id = l.order_id
        join experiment_exposures x on x.experiment_id = ${e.id} and x.unit_id = o.user_id
        where l.campaign_item_id = ${e.campaignItemId}`,
    );
    expect(lines.length).toBeGreaterThan(0);
    const priceOf = new Map(e.arms.map((a: any) => [a.key, a.priceFen ?? e.deal.priceFen]));
    for (const l of lines) expect(l.unit_price_fen).toBe(priceOf.get(l.arm));
  });

  it("opens today's campaign with deals, some limited, some with member prices", async () => {
    const res = await new Api(server.app).get('/campaigns/active');
    expect(res.status).toBe(200);
    // the day's campaign, and the clearance flash deals (尾货秒杀) the freshness job made this morning
    expect(res.body).toHaveLength(2);
    const clearance = res.body.find((c: any) => c.title.startsWith('尾货秒杀'));
    expect(clearance.items.length).toBeGreaterThan(0);
    for (const d of clearance.items) {
      expect(d.priceFen).toBeLessThan(d.listPriceFen);
      expect(d.saleStartsAt).toBeDefined();
      expect(d.quota).toBeGreaterThan(0);
    }
    res.body = res.body.filter((c: any) => c !== clearance);
    const items = res.body[0].items as any[];
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(items.some((i) => i.quota !== undefined && i.perCustomerLimit !== undefined)).toBe(true);
    expect(items.some((i) => i.memberPriceFen !== undefined)).toBe(true);
    expect(items.every((i) => i.priceFen > 0 && i.priceFen <= i.listPriceFen)).toBe(true);
    expect(new Date(res.body[0].cutoffAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('has past orders completed through pickups, and money that adds up', async () => {
    const orders = await allOrders();
    const completed = orders.filter((o) => o.status === 'completed');
    expect(completed.length).toBeGreaterThan(10);
    expect(completed.some((o) => o.lines.some((l: any) => l.status === 'picked_up' && l.pickedUpAt))).toBe(true);
    expect(orders.some((o) => o.status === 'cancelled')).toBe(true);
    for (const o of orders) {
      expect(o.lines.reduce((s: number, l: any) => s + l.paidFen, 0)).toBe(o.totalFen);
      expect(o.refundedFen).toBeLessThanOrEqual(o.totalFen);
      expect(o.lines.reduce((s: number, l: any) => s + l.refundedFen, 0)).toBe(o.refundedFen);
      for (const l of o.lines) expect(l.refundedFen).toBeLessThanOrEqual(l.paidFen);
      if (o.status === 'completed') expect(new Date(o.createdAt).getTime()).toBeLessThan(Date.now() - 3_600_000);
    }
  });

  it('has shortage refunds from receiving', async () => {
    const res = await admin.get('/admin/refunds?kind=shortage');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((r: any) => r.status === 'refunded' && r.amountFen > 0)).toBe(true);
  });

  it('has write-offs with their reasons and a posted stock count, and stock that is the sum of its movements', async () => {
    const offs = await admin.get('/admin/inventory/movements?kind=written_off');
    expect(offs.status).toBe(200);
    expect(offs.body.length).toBeGreaterThan(0);
    expect(offs.body.every((m: any) => m.writeOffReason && m.note && m.quantity < 0)).toBe(true);
    const counts = await admin.get('/admin/stock-counts?status=posted');
    expect(counts.body.length).toBeGreaterThan(0);
    const breaks = await one<{ n: number }>(
      server.ctx.db,
      sql`
      select count(*)::int as n from warehouse_stock s
      where s.quantity <> coalesce((select sum(quantity) from stock_movements m
          where m.warehouse_id = s.warehouse_id and m.product_id = s.product_id), 0)
        or s.quantity <> coalesce((select sum(remaining) from lots l
          where l.warehouse_id = s.warehouse_id and l.product_id = s.product_id), 0)`,
    );
    expect(breaks?.n).toBe(0);
  });

  it('scores the suppliers with the unreliable one below standard, and shows payables and statements with one paid', async () => {
    // the month of yesterday's pickup: its deliveries are in (closed by the job if it is last month)
    const month = businessDate(new Date(Date.now() - 86_400_000)).slice(0, 7);
    const ranking = await admin.get(`/admin/supplier-scorecards?month=${month}`);
    expect(ranking.status).toBe(200);
    expect(ranking.body.items.length).toBeGreaterThan(0);
    const unreliable = ranking.body.items.find((i: any) => i.supplierName === UNRELIABLE_SUPPLIER);
    expect(unreliable).toMatchObject({ belowStandard: true });
    expect(unreliable.fillRate).toBeLessThan(1);
    expect(unreliable.rectifyBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const payables = await admin.get(`/admin/supplier-payables?supplierId=${unreliable.supplierId}`);
    expect(payables.body.items.length).toBeGreaterThan(0);
    expect(payables.body.items.every((p: any) => p.amountFen === p.units * p.unitCostFen)).toBe(true);
    const accepted = await one<{ fen: number }>(
      server.ctx.db,
      sql`select coalesce(sum(pol.accepted_quantity * pol.unit_cost_fen), 0)::int as fen from purchase_order_lines pol
      join purchase_orders po on po.id = pol.purchase_order_id where po.supplier_id = ${unreliable.supplierId} and po.status = 'received'`,
    );
    const receipts = payables.body.items.filter((p: any) => p.kind === 'receipt');
    expect(receipts.reduce((a: number, p: any) => a + p.amountFen, 0)).toBe(accepted!.fen);
    const statements = (await admin.get('/admin/supplier-statements')).body as any[];
    if (statements.length) expect(statements.filter((s) => s.status === 'paid')).toHaveLength(1);
  });

  it('has a finished recall whose customers were all notified and refunded, as the refunds add up', async () => {
    const recalls = (await admin.get('/admin/recalls')).body as any[];
    const done = recalls.find((r) => r.status === 'closed');
    expect(done).toBeDefined();
    expect(done.progress.customers).toBeGreaterThan(0);
    expect(done.progress.customersNotified).toBe(done.progress.customers);
    // every customer with something left to refund was refunded (a line already refunded in full
    // by an earlier shortage or claim has nothing left)
    expect(done.progress.refundedCustomers).toBeGreaterThan(0);
    const unrefunded = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from recall_lines rl join order_lines l on l.id = rl.order_line_id
          where rl.recall_id = ${done.id} and rl.refund_id is null and l.refund_quantity < l.quantity`,
    );
    expect(unrefunded?.n).toBe(0);
    expect(done.progress.unitsRecovered).toBeGreaterThan(0);
    const paid = await one<{ fen: number }>(
      server.ctx.db,
      sql`select coalesce(sum(amount_fen), 0)::int as fen from refunds where business_key like ${`recall:${done.id}:%`} and status = 'refunded'`,
    );
    expect(done.progress.refundedFen).toBe(paid!.fen);
    expect(done.progress.refundedFen).toBeGreaterThan(0);
    expect(new Date(done.closedAt).getTime()).toBeLessThanOrEqual(new Date(done.deadlineAt).getTime());
  });

  it('shows customer segments on first start: a spread of segments and the movement matrix', async () => {
    const o = (await admin.get('/admin/rfm')).body;
    const customers = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from users u join pickup_points p on p.id = u.pickup_point_id
      where 'customer' = any(u.roles) and u.disabled_at is null`,
    );
    expect(o.segments.reduce((s: number, x: any) => s + x.customers, 0)).toBeGreaterThanOrEqual(customers!.n);
    expect(o.segments.filter((s: any) => s.customers > 0).length).toBeGreaterThanOrEqual(3);
    // every customer is in one cell of the movement; last week's snapshot holds the customers registered
    // by then (this test's demo plays two days, so its customers came after it)
    expect(o.movement.reduce((s: number, m: any) => s + m.customers, 0)).toBe(
      o.segments.reduce((s: number, x: any) => s + x.customers, 0),
    );
    if (o.previousWeekCustomers > 0) expect(o.movement.some((m: any) => m.from !== null)).toBe(true);
  });

  it('shows lots coloured by expiry, expired lots written off, clearance deals and a loss rate on first start', async () => {
    const lots = (await admin.get('/admin/inventory/lots')).body as any[];
    expect(lots.length).toBeGreaterThan(0);
    // the daily job wrote off every lot past its expiry: none is left in stock
    expect(lots.filter((l) => l.status === 'expired' && l.remaining > 0)).toEqual([]);
    const deals = (await admin.get('/admin/freshness/markdown-deals')).body as any[];
    expect(deals.length).toBeGreaterThanOrEqual(2);
    expect(deals.some((d) => d.productName === '海南香蕉' && d.discountBps === 2000)).toBe(true);
    const loss = (await admin.get('/admin/loss-rate')).body;
    expect(loss.items.length).toBeGreaterThan(0);
    expect(loss.totals.received).toBeGreaterThan(0);
    expect(loss.totals.lost).toBeGreaterThan(0);
    expect((await admin.get('/admin/freshness/alert-rules')).body.length).toBeGreaterThan(0);
  });

  it("shows commissions on leaders' ledgers", async () => {
    let withCommission = 0;
    for (let i = 0; i < 20; i++) {
      const leader = await login(leaderPhone(i), DEMO_PASSWORD);
      const res = await leader.get('/leader/commissions');
      expect(res.status).toBe(200);
      const entries = res.body.entries as any[];
      if (entries.some((e) => e.kind === 'commission' && e.amountFen > 0)) withCommission++;
      // each bucket of the account is the sum of its entries (a commission an after-sales refund
      // reversed in full leaves nothing, so no bucket is assumed positive)
      expect(res.nextCursor ?? null).toBeNull();
      const bucket = (b: string) => entries.filter((e) => e.bucket === b).reduce((s, e) => s + e.amountFen, 0);
      expect([res.body.pendingFen, res.body.availableFen]).toEqual([bucket('pending'), bucket('available')]);
    }
    expect(withCommission).toBeGreaterThan(0);
  });

  it("counts the customers each leader's link brought, in the leader app and the console", async () => {
    const leaders = (await admin.get('/admin/leaders')).body as {
      userId: string;
      phone: string;
      linkedCustomers: number;
    }[];
    // independently: a third of the customers found their point in the chooser, the rest came by a link
    const byLink = await rows<{ leader: string; n: number }>(
      server.ctx.db,
      sql`select bound_leader_id as leader, count(*)::int as n from users where bound_via = 'link' group by 1`,
    );
    const expected = new Map(byLink.map((r) => [r.leader, r.n]));
    for (const l of leaders) expect(l.linkedCustomers).toBe(expected.get(l.userId) ?? 0);
    expect(leaders.reduce((n, l) => n + l.linkedCustomers, 0)).toBeGreaterThan(0);
    const first = await login(leaderPhone(0), DEMO_PASSWORD);
    const me = (await first.get('/leader/me')).body;
    expect(me.linkedCustomers).toBe(leaders.find((l) => l.phone === leaderPhone(0))!.linkedCustomers);
  });

  it("has two cities, each with its own campaign open until 23:00 on the city's clock, and each city's shoppers see only its deals", async () => {
    const regions = (await admin.get('/admin/regions')).body as any[];
    expect(regions.map((r) => [r.name, r.timeZone, r.openCampaigns])).toEqual([
      ['杭州', 'Asia/Shanghai', 2],
      ['乌鲁木齐', 'Asia/Urumqi', 2],
    ]);
    const hhmm = (at: string, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(at),
      );
    const customers = logins.filter((l) => l.role === 'customer');
    expect(customers).toHaveLength(2);
    const lists: any[][] = [];
    for (const [k, l] of customers.entries()) {
      const me = (await (await login(l.phone, l.password)).get('/me')).body;
      const res = await new Api(server.app).get(`/campaigns/active?pickupPointId=${me.pickupPointId}`);
      expect(res.status).toBe(200);
      // the day's campaign and its city's clearance flash deals
      expect(res.body).toHaveLength(2);
      const campaign = res.body.find((c: any) => !c.title.startsWith('尾货秒杀'));
      res.body = [campaign];
      const { timeZone } = regions[k];
      expect(hhmm(campaign.cutoffAt, timeZone)).toBe('23:00');
      expect(new Date(campaign.cutoffAt).getTime()).toBeGreaterThan(Date.now());
      // picked up the next day on the city's calendar
      expect(campaign.pickupDate).toBe(addDays(businessDate(new Date(campaign.cutoffAt), timeZone), 1));
      expect(campaign.items.length).toBeGreaterThanOrEqual(30);
      lists.push(res.body);
    }
    const [hangzhou, urumqi] = lists.map((list) => list[0]);
    expect(hangzhou.id).not.toBe(urumqi.id);
    // 23:00 in 乌鲁木齐 (UTC+6) is 01:00 the next morning in 杭州 (UTC+8)
    expect(hhmm(urumqi.cutoffAt, 'Asia/Shanghai')).toBe('01:00');
    // what each city sells: 哈密瓜 and 馕 in 乌鲁木齐, 杭州's own greens in 杭州
    const names = (c: any) => new Set((c.items as any[]).map((i) => i.name));
    expect(names(urumqi).has('哈密瓜')).toBe(true);
    expect(names(urumqi).has('新疆馕')).toBe(true);
    expect(names(urumqi).has('本地小青菜')).toBe(false);
    expect(names(hangzhou).has('本地小青菜')).toBe(true);
    expect(names(hangzhou).has('哈密瓜')).toBe(false);
    // without a point the list is the default region's (杭州)
    expect(
      (await new Api(server.app).get('/campaigns/active')).body
        .filter((c: any) => !c.title.startsWith('尾货秒杀'))
        .map((c: any) => c.id),
    ).toEqual([hangzhou.id]);
  });

  it("gives each city's demo customer an order history, and its leader a ledger", async () => {
    const urumqiCustomer = logins.filter((l) => l.role === 'customer')[1];
    const customer = await login(urumqiCustomer.phone, urumqiCustomer.password);
    const orders = (await customer.get('/me/orders')).body as any[];
    expect(orders.length).toBeGreaterThan(0);
    const urumqiLeader = logins.filter((l) => l.role === 'leader')[1];
    const leader = await login(urumqiLeader.phone, urumqiLeader.password);
    const ledger = (await leader.get('/leader/commissions')).body;
    expect(ledger.entries.some((e: any) => e.kind === 'commission' && e.amountFen > 0)).toBe(true);
  });

  it("gives the demo customer an order history and today's coupon", async () => {
    const customer = await login(logins[2].phone, logins[2].password);
    const orders = (await customer.get('/me/orders')).body as any[];
    expect(orders.length).toBeGreaterThan(0);
    const coupons = (await customer.get('/me/coupons')).body as any[];
    expect(coupons.some((c) => c.status === 'available' && c.thresholdFen === 5000)).toBe(true);
    // the members' monthly pack is set up: a template marked for it
    const marked = (await admin.get('/admin/members/coupon-templates')).body as any[];
    expect(marked.filter((m) => m.purpose === 'monthly_pack').map((m) => m.name)).toEqual(['会员月券 满39减6']);
  });

  it('gives suppliers their licences, one expiring with an alert in the inbox, and one product a backup supplier', async () => {
    const suppliers = (await admin.get('/admin/suppliers')).body as any[];
    expect(suppliers.length).toBeGreaterThanOrEqual(5);
    for (const s of suppliers) expect(s).toMatchObject({ qualified: true, usable: true });
    const inbox = (await admin.get('/admin/alerts')).body;
    const expiring = inbox.items.filter((a: any) => a.kind === 'supplier_document_expiring');
    expect(expiring).toHaveLength(1);
    expect(expiring[0].details).toMatchObject({ supplierName: '康乳乳业', kind: 'food_licence', daysLeft: 20 });
    const detail = (await admin.get(`/admin/suppliers/${expiring[0].subjectId}`)).body;
    expect(detail.documents.map((d: any) => d.expiry).sort()).toEqual(['expiring', 'no_expiry']);
    const products = (await admin.get('/admin/products')).body as any[];
    expect(products.filter((p) => p.backupSupplierId)).toHaveLength(1);
    // today's campaigns warn of nothing: every deal has a usable supplier
    const campaigns = (await admin.get('/admin/campaigns?limit=200')).body as any[];
    expect(campaigns.flatMap((c) => c.unsuppliedDeals)).toEqual([]);
  });

  it('runs the welcome coupon as a lifecycle program, switched on in every city, with its report', async () => {
    const regions = (await admin.get('/admin/regions')).body as any[];
    for (const r of regions) {
      const res = await admin.get(`/admin/lifecycle/programs?regionId=${r.id}`);
      expect(res.status).toBe(200);
      const on = Object.fromEntries(res.body.programs.map((p: any) => [p.program, p.enabled]));
      expect(on).toMatchObject({ welcome: true, first_order: true, repurchase: true });
      expect(res.body.programs.find((p: any) => p.program === 'welcome').templateName).toMatch(/新人专享/);
    }
    // each city's demo customer holds the 新人专享 coupon, granted by the program (its grant row), once
    const demoCustomer = logins.find((l) => l.role === 'customer')!;
    const held = await rows<{ n: number; granted: boolean }>(
      server.ctx.db,
      sql`select count(*)::int as n, bool_and(exists (select 1 from lifecycle_grants g where g.coupon_id = c.id)) as granted
      from coupons c join coupon_templates t on t.id = c.template_id join users u on u.id = c.user_id
      where u.phone = ${demoCustomer.phone} and t.name like '新人专享%'`,
    );
    expect(held[0]).toEqual({ n: 1, granted: true });
    const report = await admin.get('/admin/lifecycle/report');
    expect(report.status).toBe(200);
    const welcome = report.body.items.filter((r: any) => r.program === 'welcome');
    expect(welcome.reduce((s: number, r: any) => s + r.granted, 0)).toBeGreaterThan(0);
  });

  it('gives the funnel screen figures in every city, narrowing at every point: views > carts > orders ≥ payments', async () => {
    const res = await admin.get('/admin/analytics/funnel?days=3');
    expect(res.status).toBe(200);
    const f = res.body as { regions: { regionId: string }[]; days: any[]; points: any[] };
    for (const region of f.regions) {
      const days = f.days.filter((d) => d.regionId === region.regionId);
      expect(days.reduce((a, d) => a + d.payers, 0)).toBeGreaterThan(0);
    }
    expect(f.points.length).toBeGreaterThan(0);
    for (const p of f.points) {
      expect(p.viewers).toBeGreaterThanOrEqual(p.carters);
      expect(p.carters).toBeGreaterThanOrEqual(p.orderers);
      expect(p.orderers).toBeGreaterThanOrEqual(p.payers);
    }
    // on a day with payments, each step before ordering has more people than the next
    const closed = f.days.filter((d) => d.payers > 0);
    expect(closed.every((d) => d.viewers > d.carters && d.carters > d.orderers)).toBe(true);
  });
  it('has a compensated cold-chain incident with its post-mortem, and one whose post-mortem is overdue', async () => {
    const list = (await admin.get('/admin/incidents')).body as any[];
    const b = list.find((i) => i.grade === 'B');
    expect(b).toMatchObject({ status: 'resolved', postmortemOverdue: false });
    expect(b.orders).toBeGreaterThan(0);
    expect(b.messagesSent).toBe(b.customers);
    expect(b.couponsGranted).toBe(b.customers);
    expect(b.postmortemFiledAt).not.toBeNull();
    expect(list.find((i) => i.grade === 'C')).toMatchObject({ postmortemOverdue: true, postmortemFiledAt: null });
    const detail = (await admin.get(`/admin/incidents/${b.id}`)).body;
    expect(detail.timeline.map((e: any) => e.kind)).toEqual([
      'declared',
      'orders_selected',
      'compensated',
      'resolved',
      'postmortem_filed',
    ]);
    // an affected customer sees the apology and the coupon
    const someone = (await admin.get(`/admin/incidents/${b.id}/orders?limit=1`)).body[0];
    const customer = await one<{ user_id: string }>(
      server.ctx.db,
      sql`select o.user_id from orders o where o.id = ${someone.orderId}`,
    );
    const notes = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from notifications where user_id = ${customer!.user_id} and kind = 'incident'`,
    );
    expect(notes!.n).toBe(1);
    const coupon = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from coupons c join coupon_templates t on t.id = c.template_id
      where c.user_id = ${customer!.user_id} and t.name = '冷链延误补偿券 5元'`,
    );
    expect(coupon!.n).toBe(1);
  });
  it('has reviews of picked-up orders in the shop, and one hidden by the operator with its reason', async () => {
    const reviews = await admin.get('/admin/reviews?limit=200');
    expect(reviews.body.length).toBeGreaterThan(0);
    expect(reviews.body.filter((r: any) => r.hidden).map((r: any) => r.hiddenReason)).toEqual([
      '含广告或与商品无关的内容',
    ]);
    const shown = reviews.body.find((r: any) => !r.hidden);
    const summary = (await new Api(server.app).get(`/products/${shown.productId}/review-summary`)).body;
    expect(summary.count).toBeGreaterThan(0);
    expect(summary.average).toBeGreaterThanOrEqual(1);
  });
  it('has tickets in every state, answered claims in the service report, and an escalated one in the alert inbox', async () => {
    const tickets = (await admin.get('/admin/tickets?limit=200')).body;
    const states = new Set(tickets.map((t: any) => t.status));
    for (const s of ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed']) expect(states).toContain(s);
    expect(tickets.some((t: any) => t.escalated)).toBe(true);
    expect(tickets.some((t: any) => t.openerRole === 'leader')).toBe(true);
    const report = (await admin.get('/admin/service/report?days=30')).body;
    const aftersales = report.rows.find((r: any) => r.key === 'aftersales');
    expect(aftersales.firstResponse.withinSla).toBeGreaterThan(0.5);
    expect(aftersales.averageRating).toBeGreaterThan(3);
    // every claim of the history has its ticket, answered by the desk
    // (a recall's refunds are after-sales too, but no customer asked for them)
    const claims = (await admin.get('/admin/refunds?kind=aftersales&limit=200')).body.filter(
      (r: any) => r.reason !== 'recall',
    );
    const claimTickets = tickets.filter((t: any) => t.refundId);
    expect(claimTickets.length).toBe(claims.length);
    for (const t of claimTickets) expect(t.clocks.firstResponse.metAt).not.toBeNull();
    const alerts = (await admin.get('/admin/alerts')).body.items;
    expect(alerts.some((a: any) => a.kind === 'ticket_sla_breached')).toBe(true);
    expect((await admin.get('/admin/canned-replies')).body.length).toBeGreaterThan(3);
  });

  it('has leader applications (waiting with a photo, approved, rejected), two commission plans on the leaders and a course most passed', async () => {
    const apps = (await admin.get('/admin/leader-applications')).body;
    expect(apps.map((a: any) => a.status).sort()).toEqual(['approved', 'pending', 'rejected']);
    expect(apps.find((a: any) => a.status === 'pending').photo.url).toMatch(/^\/media\//);
    expect(apps.find((a: any) => a.status === 'rejected').rejectReason).toBeTruthy();
    const plans = (await admin.get('/admin/commission-plans')).body;
    expect(plans.map((p: any) => p.name)).toEqual(['标准', '金牌团长']);
    expect(plans[0].categoryBps).toMatchObject({ fresh: 500, daily: 800 });
    const leaders = (await admin.get('/admin/leaders')).body.filter((l: any) => l.status === 'active');
    expect(plans[0].leaders + plans[1].leaders).toBe(leaders.length);
    const [course] = (await admin.get('/admin/training/courses')).body;
    expect(course.passedLeaders * 2).toBeGreaterThan(leaders.length);
    const leaderLogin = logins.find((l) => l.role === 'leader')!;
    const leader = await login(leaderLogin.phone, leaderLogin.password);
    const rates = (await leader.get('/leader/commission-plan')).body;
    expect(rates.categories.find((c: any) => c.code === 'fresh').bps).toBeGreaterThanOrEqual(500);
    expect((await leader.get('/leader/onboarding')).body.items).toHaveLength(5);
  });

  it('sets up leader grades: the leader coupon allowance, the leader’s customers, grade and ranking, the report', async () => {
    const leader = await login(leaderPhone(0), DEMO_PASSWORD);
    const customers = (await leader.get('/leader/customers')).body;
    expect(customers.allowance).toMatchObject({ templateName: '团长关怀券 无门槛减5元', perMonth: 20 });
    expect(customers.items.length).toBeGreaterThan(0);
    expect(customers.items.every((c: any) => /^\d{3}\*{4}\d{4}$/.test(c.phone))).toBe(true);
    expect((await leader.get('/leader/grade')).status).toBe(200);
    const board = (await leader.get('/leader/leaderboard')).body;
    expect(board.myRank).toBeGreaterThan(0);
    const month = businessDate(new Date()).slice(0, 7);
    const report = (await admin.get(`/admin/leader-report?month=${month}`)).body;
    expect(report.items.length).toBeGreaterThan(20);
    expect(report.items.some((r: any) => r.gmvFen > 0)).toBe(true);
  });
});
