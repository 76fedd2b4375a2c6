/**
 * Read-path benchmark: the real server process on PostgreSQL, measured per read with requests/s
 * and p50/p95/p99, against the targets (decision 021):
 *   GET /campaigns/active ≥ 2,000 requests/s with p95 ≤ 20 ms (64 shoppers);
 *   /me/orders, GET /orders/{id}, the leader's orders of the day: p95 ≤ 20 ms;
 *   console order search and lists: p95 ≤ 100 ms; the dashboard for 1, 7, 30, 90 days: p95 ≤ 1 s.
 * Prints one JSON summary and exits non-zero when a target is missed.
 *
 *   npm run bench:reads [-- --days 0]                         an empty shop: today's campaign only
 *   npm run bench:reads -- --days 365 --orders-per-day 9600   a generated year (~3.5M orders, 10M lines)
 *   npm run bench:reads -- --database-url postgres://…        an existing database (e.g. a copy of a
 *                                                             history database; its rollups are rebuilt)
 *
 * Generated history: one campaign a day, 60 products, 200 pickup points with leaders, 50,000
 * customers, orders of about 3 lines paid between 07:00 and 23:00, 3 % of them refunded in part;
 * today's campaign is open with its orders so far, a flash deal and a group-tier deal. Rows are
 * made with SQL (generate_series, like bench/cutoff.ts): the benchmark measures reads, not checkout.
 * With --database-url the benchmark signs in as the admin from LINLI_ADMIN_PHONE/PASSWORD (created
 * or reset) and as the customer with the most orders and the leader of the busiest point, whose
 * passwords it sets: use it on a copy.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { freshPostgres, jsonClient, machineMs, percentile, startServer } from './lib.js';
import { migrate, one, openDatabase, type Db } from '../server/src/db/client.js';
import { rebuildDailyRollups } from '../server/src/modules/analytics/rollups.js';
import { configurePasswordHashing, hashPassword } from '../server/src/lib/password.js';
import { addDays, businessDate, localTime } from '../server/src/lib/time.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const DAYS = Number(flag('days') ?? 0);
const ORDERS_PER_DAY = Number(flag('orders-per-day') ?? 9600);
const SECONDS = Number(flag('seconds') ?? 5);
const DATABASE_URL = flag('database-url');
const ADMIN = {
  phone: process.env.LINLI_ADMIN_PHONE ?? '13900000000',
  password: process.env.LINLI_ADMIN_PASSWORD ?? 'bench-admin-pass',
};
const PASSWORD = 'bench-reads-pass';
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PRODUCTS = 60;
const POINTS = 200;
const CUSTOMERS = 50_000;

const seconds = (t: number) => Math.round((Date.now() - t) / 100) / 10;
const log = (line: string) => console.error(line);

/** Network, catalog, customers, leaders, `days` past campaigns with their orders, and today's open campaign. */
async function generate(db: Db, days: number, perDay: number) {
  const t0 = Date.now();
  const x = (text: string) => db.execute(sql.raw(text));
  const today = businessDate(new Date());
  const first = addDays(today, -days);
  await x(`
    insert into warehouses (region_id, name, kind) select id, '中心仓', 'central' from regions limit 1;
    insert into routes (region_id, name, warehouse_id) select w.region_id, '线路' || g, w.id from warehouses w, generate_series(1, 10) g;
    insert into suppliers (name) select '供应商' || g from generate_series(1, 6) g;`);
  await x(`
    insert into pickup_points (region_id, name, address, route_id)
    select r.region_id, '自提点' || g, '幸福路' || g || '号', r.id
    from generate_series(0, ${POINTS - 1}) g join (select id, region_id, row_number() over () - 1 as n from routes) r on r.n = g % 10`);
  await x(`
    insert into products (name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone)
    select '商品' || g, (array['fresh','meat_eggs','seafood','dairy','grain_oil','snacks','daily'])[1 + g % 7],
      s.id, '份', 1500 + g * 10, 800, 'ambient'
    from generate_series(0, ${PRODUCTS - 1}) g join (select id, row_number() over () - 1 as n from suppliers) s on s.n = g % 6`);
  await x(`
    create temporary table b_points as select row_number() over (order by name) - 1 as n, id from pickup_points;
    create temporary table b_products as select row_number() over (order by list_price_fen) - 1 as n, id, list_price_fen from products;
    insert into users (phone, name, password_hash, invite_code, pickup_point_id, created_at)
    select '15' || lpad(g::text, 9, '0'), '顾客' || g, 'none', 'B' || g, p.id, now() - interval '400 days'
    from generate_series(0, ${CUSTOMERS - 1}) g join b_points p on p.n = g % ${POINTS};
    insert into users (phone, name, password_hash, invite_code, roles, created_at)
    select '16' || lpad(g::text, 9, '0'), '团长' || g, 'none', 'L' || g, '{customer,leader}', now() - interval '400 days'
    from generate_series(0, ${POINTS - 1}) g;
    insert into leaders (user_id, pickup_point_id, commission_bps)
    select u.id, p.id, 1000 from users u join b_points p on p.n = substr(u.phone, 3)::int where u.phone like '16%';
    insert into leader_accounts (leader_id) select id from leaders;
    create temporary table b_users as select row_number() over (order by phone) - 1 as n, id, pickup_point_id from users where phone like '15%';`);
  // one campaign a day (07:00–23:00 Shanghai), today's open, the others cut off; 60 deals each
  await x(`
    insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at, created_at)
    select r.id, '团期 ' || d::date, (d::date + time '07:00') at time zone 'Asia/Shanghai',
      (d::date + time '23:00') at time zone 'Asia/Shanghai', d::date + 1,
      case when d::date < '${today}' then 'cut_off' else 'open' end,
      case when d::date < '${today}' then (d::date + time '23:00') at time zone 'Asia/Shanghai' end,
      (d::date + time '06:00') at time zone 'Asia/Shanghai'
    from generate_series('${first}'::date, '${today}'::date, interval '1 day') d, (select id from regions limit 1) r;
    create temporary table b_campaigns as select row_number() over (order by starts_at) - 1 as n, id, region_id, starts_at from campaigns;
    insert into campaign_items (campaign_id, product_id, price_fen, position)
    select c.id, p.id, p.list_price_fen - 500, p.n from b_campaigns c cross join b_products p;
    -- today's flash deal and group-tier deal
    update campaign_items ci set quota = 100000, sale_starts_at = c.starts_at from b_campaigns c
      where ci.campaign_id = c.id and c.n = ${days} and ci.position = 0;
    update campaign_items ci set group_tiers = '[{"minBuyers": 50, "priceFen": 900}, {"minBuyers": 200, "priceFen": 800}]'
      from b_campaigns c where ci.campaign_id = c.id and c.n = ${days} and ci.position = 1;
    create temporary table b_items as select c.n as day, ci.position as n, ci.id, ci.product_id, ci.price_fen
      from campaign_items ci join b_campaigns c on c.id = ci.campaign_id;
    create index on b_items (day, n);`);
  log(`set-up: network, catalog, ${CUSTOMERS} customers, ${days + 1} campaigns (${seconds(t0)} s)`);
  // Orders day by day: 3 lines each (fewer when two lines would repeat a product), paid 07:00–23:00
  // (today: until now); past orders completed, today's paid. The order total is the sum of its lines.
  const nowSecs = Math.floor((Date.now() - localTime(today, '07:00').getTime()) / 1000);
  for (let day = 0; day <= days; day++) {
    const isToday = day === days;
    const span = isToday ? Math.max(60, Math.min(57_600, nowSecs)) : 57_600;
    const n = isToday ? Math.round((perDay * span) / 57_600) : perDay;
    const date = addDays(first, day);
    await x(`
      with o as (
        select g, u.id as user_id, u.pickup_point_id,
          ((timestamp '${date} 07:00' + make_interval(secs => (g * 7919) % ${span})) at time zone 'Asia/Shanghai') as paid_at
        from generate_series(0, ${n - 1}) g join b_users u on u.n = (g * 104729 + ${day} * 7) % ${CUSTOMERS}),
      l as (
        select o.g, i.id as item_id, i.product_id, 1 + (o.g + k) % 3 as quantity, i.price_fen, p.list_price_fen
        from o cross join generate_series(0, 2) k
        join b_items i on i.day = ${day} and i.n = (o.g * 7 + k * 13 + ${day}) % ${PRODUCTS}
        join b_products p on p.id = i.product_id),
      t as (select g, sum(price_fen * quantity)::int as total from l group by g),
      ins as (
        insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at,
          paid_at, pickup_code, created_at, closed_at, completed_at)
        select o.user_id, c.region_id, c.id, o.pickup_point_id, '${isToday ? 'paid' : 'completed'}', t.total, t.total,
          o.paid_at + interval '15 minutes', o.paid_at, '${day}-' || o.g, o.paid_at - interval '1 minute',
          ${isToday ? 'null' : "o.paid_at + interval '16 hours'"}, ${isToday ? 'null' : "o.paid_at + interval '40 hours'"}
        from o join t on t.g = o.g join b_campaigns c on c.n = ${day}
        returning id, pickup_code)
      insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status)
      select ins.id, l.item_id, l.product_id, l.quantity, l.list_price_fen, l.price_fen, l.price_fen * l.quantity,
        '${isToday ? 'pending' : 'picked_up'}'
      from ins join l on l.g = split_part(ins.pickup_code, '-', 2)::int`);
    if ((day + 1) % 30 === 0 || isToday) log(`  orders: day ${day + 1}/${days + 1} (${seconds(t0)} s)`);
  }
  // 3 % of the past orders: one line refunded after sale, decided the next day
  await x(`
    with picked as (
      select distinct on (o.id) o.id as order_id, o.user_id, o.paid_at, l.id as line_id, l.paid_fen, l.quantity
      from orders o join order_lines l on l.order_id = o.id
      where o.status = 'completed' and o.seq % 33 = 0 order by o.id, l.id),
    r as (
      insert into refunds (order_id, user_id, kind, reason, status, amount_fen, created_at, decided_at)
      select order_id, user_id, 'aftersales', 'quality', 'refunded', paid_fen, paid_at + interval '20 hours', paid_at + interval '26 hours'
      from picked returning id, order_id)
    insert into refund_lines (refund_id, order_line_id, quantity, amount_fen)
    select r.id, p.line_id, p.quantity, p.paid_fen from r join picked p on p.order_id = r.order_id`);
  await x(`
    update order_lines l set refund_quantity = rl.quantity, refunded_fen = rl.amount_fen, status = 'refunded'
    from refund_lines rl where rl.order_line_id = l.id;
    update orders o set refunded_fen = r.amount_fen from refunds r where r.order_id = o.id;
    update campaign_items ci set sold = s.units from (
      select campaign_item_id, sum(quantity)::int as units from order_lines group by 1) s where s.campaign_item_id = ci.id;`);
  log(`history generated (${seconds(t0)} s)`);
}

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** `connections` callers in a loop for `secs` seconds (after a short warm-up); latencies in ms. */
async function measure(
  request: () => Promise<{ status: number }>,
  connections: number,
  secs: number,
  warmupSecs = 1,
): Promise<Figures> {
  const run = async (s: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const until = Date.now() + s * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const t = performance.now();
          const res = await request();
          latencies.push(performance.now() - t);
          if (res.status !== 200) errors++;
        }
      }),
    );
    return { latencies, errors };
  };
  if (warmupSecs) await run(warmupSecs);
  const started = performance.now();
  const { latencies, errors } = await run(secs);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / elapsed),
    p50: r(percentile(latencies, 50)),
    p95: r(percentile(latencies, 95)),
    p99: r(percentile(latencies, 99)),
    errors,
  };
}

async function main() {
  const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  configurePasswordHashing(12);
  const url = DATABASE_URL ?? (await freshPostgres(PG_ADMIN_URL, 'linli_bench_reads'));
  const database = await openDatabase({ url, poolSize: 4 });
  await migrate(database);
  const db = database.db;
  if (!DATABASE_URL) await generate(db, DAYS, ORDERS_PER_DAY);
  let t = Date.now();
  const rolled = await rebuildDailyRollups(db);
  const rollupSeconds = seconds(t);
  log(`rollups rebuilt: ${rolled.days} days (${rollupSeconds} s)`);
  t = Date.now();
  await db.execute(sql`analyze`);
  log(`analyze (${seconds(t)} s)`);
  // who to sign in as: the customer with the most orders, the leader of the busiest point
  const hash = await hashPassword(PASSWORD);
  const who = await one<{ customer: string | null; leader: string | null; orders: number; lines: number }>(
    db,
    sql`
    select (select u.phone from users u where u.id = (select user_id from orders group by 1 order by count(*) desc limit 1)) as customer,
      (select u.phone from leaders l join users u on u.id = l.user_id where l.status = 'active'
        order by (select count(*) from orders o where o.pickup_point_id = l.pickup_point_id) desc limit 1) as leader,
      (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines`,
  );
  for (const phone of [who?.customer, who?.leader])
    if (phone) await db.execute(sql`update users set password_hash = ${hash} where phone = ${phone}`);
  await database.close();

  const server = await startServer(
    { DATABASE_URL: url, LINLI_ADMIN_PHONE: ADMIN.phone, LINLI_ADMIN_PASSWORD: ADMIN.password },
    3950,
  );
  const results: Record<string, Figures & { target: string; met: boolean }> = {};
  const load = { before: machineMs() };
  try {
    const client = jsonClient(server.url, 80);
    const call = (token?: string) => (path: string) =>
      client('GET', `/api/v1${path}`, undefined, token ? { authorization: `Bearer ${token}` } : {});
    const login = async (phone: string, password: string) => {
      const res = await client('POST', '/api/v1/auth/login', { phone, password });
      if (res.status !== 200) throw new Error(`sign-in ${phone}: ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    };
    const admin = call(await login(ADMIN.phone, ADMIN.password));
    const anon = call();
    const customer = who?.customer ? call(await login(who.customer, PASSWORD)) : undefined;
    const leader = who?.leader ? call(await login(who.leader, PASSWORD)) : undefined;
    const check = async (get: (p: string) => Promise<{ status: number; body: any }>, path: string) => {
      const res = await get(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const active = await check(anon, '/campaigns/active');
    const campaigns = await check(admin, '/admin/campaigns');
    const todays = active[0]?.id as string | undefined;
    const yesterdays = campaigns.find((c: { status: string }) => c.status === 'cut_off')?.id as string | undefined;
    const aPoint = (await check(admin, '/admin/network')).pickupPoints?.[0]?.id as string | undefined;

    const run = async (
      name: string,
      get: (p: string) => Promise<{ status: number }>,
      path: string,
      target: { p95: number; rps?: number },
      connections: number,
    ) => {
      const f = await measure(() => get(path), connections, SECONDS);
      const met = f.errors === 0 && f.p95 <= target.p95 && (target.rps === undefined || f.rps >= target.rps);
      results[name] = {
        ...f,
        target: `${target.rps ? `≥ ${target.rps} requests/s, ` : ''}p95 ≤ ${target.p95} ms`,
        met,
      };
      log(`${met ? 'ok  ' : 'MISS'} ${name}: ${f.rps} requests/s, p50 ${f.p50} p95 ${f.p95} p99 ${f.p99} ms`);
    };

    await run('GET /campaigns/active', anon, '/campaigns/active', { p95: 20, rps: 2000 }, 64);
    if (customer) {
      const mine = await check(customer, '/me/orders');
      await run('GET /me/orders', customer, '/me/orders', { p95: 20 }, 4);
      if (mine[0]) await run('GET /orders/{id}', customer, `/orders/${mine[0].id}`, { p95: 20 }, 4);
    }
    if (leader) {
      const day = todays ?? yesterdays;
      await run(
        "GET /leader/orders?campaignId= (the leader's day)",
        leader,
        `/leader/orders?campaignId=${day}`,
        { p95: 20 },
        4,
      );
    }
    const someOrder = (await check(admin, '/admin/orders?limit=1'))[0];
    const consoleReads: [string, string][] = [
      ['orders, newest', '/admin/orders'],
      ['orders by status', '/admin/orders?status=completed'],
      ['orders by campaign', `/admin/orders?campaignId=${yesterdays ?? todays}`],
      ['orders by pickup point', `/admin/orders?pickupPointId=${someOrder?.pickupPointId ?? aPoint}`],
      ['orders by number', `/admin/orders?q=${someOrder?.number ?? 'LL1'}`],
      [
        'orders by phone prefix',
        `/admin/orders?q=${encodeURIComponent(someOrder?.customer.phone.slice(0, 9) ?? '150')}`,
      ],
      ['orders by name', `/admin/orders?q=${encodeURIComponent(someOrder?.customer.name ?? '顾客1')}`],
      ['uncollected orders', '/admin/orders/uncollected'],
      ['campaigns', '/admin/campaigns'],
      ['refunds', '/admin/refunds'],
      ['users', '/admin/users'],
      ['leaders', '/admin/leaders'],
      ['products', '/admin/products'],
      ['purchase orders of a campaign', `/admin/purchase-orders?campaignId=${yesterdays ?? todays}`],
      ['sorting lists of a campaign', `/admin/sorting-lists?campaignId=${yesterdays ?? todays}`],
      ['withdrawals', '/admin/withdrawals'],
      ['members', '/admin/members'],
    ];
    for (const [name, path] of consoleReads) await run(`console: ${name}`, admin, path, { p95: 100 }, 2);
    for (const days of [1, 7, 30, 90])
      await run(`dashboard ?days=${days}`, admin, `/admin/analytics/dashboard?days=${days}`, { p95: 1000 }, 1);
  } finally {
    await server.stop();
  }
  const after = machineMs();
  const busy = after.busy - load.before.busy;
  const summary = {
    loadAverageBefore: loadBefore,
    database: DATABASE_URL
      ? 'given'
      : DAYS
        ? `generated: ${DAYS} days × ${ORDERS_PER_DAY} orders`
        : 'empty (today only)',
    orders: who?.orders,
    orderLines: who?.lines,
    rollupRebuildSeconds: rollupSeconds,
    machineBusyShare: Math.round((busy / (busy + after.idle - load.before.idle)) * 100) / 100,
    results,
    missed: Object.entries(results)
      .filter(([, r]) => !r.met)
      .map(([name]) => name),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (summary.missed.length) process.exitCode = 1;
}

await main();
