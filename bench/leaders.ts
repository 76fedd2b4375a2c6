/**
 * Per-leader report and leader grades benchmark: a year of a 100-point city on PostgreSQL, built
 * as the KPI benchmark builds it (bench/kpis.ts: 120,000 customers, ~9,000 paid orders a day of 3
 * lines, 75 % of lines picked up the next day, 2 % refunded, set-based in SQL), plus the commission
 * booked at each pickup and the reversals of refunded lines in the ledger (≈ 7.5 million entries).
 *
 * It times the per-leader report of the current month (live) and of last month before it is closed
 * (live, the worst case), closing last month (figures, grades and bonuses of the 100 leaders, once),
 * then last month's report again (stored), a leader's months (12 stored and the current live), a
 * leader's grade page, the region's leaderboard and a leader's customer list, ten times each, and
 * prints the median and p95 (ms).
 *
 *   npm run bench:leaders [-- --days 365 --orders 9000 --points 100]
 */
import { sql } from 'drizzle-orm';
import { migrate, one, openDatabase, rows } from '../server/src/db/client.js';
import { createPickupPoint, createRoute, createWarehouse } from '../server/src/modules/network/service.js';
import { createSupplier } from '../server/src/modules/catalog/service.js';
import { DEFAULT_REGION_ID } from '../server/src/modules/network/service.js';
import { addDays, businessDate } from '../server/src/lib/time.js';
import {
  closeDueLeaderMonths,
  leaderboard,
  leaderGrade,
  leaderMonthsOf,
  leaderReport,
} from '../server/src/modules/leader-grades/service.js';
import { leaderCustomers } from '../server/src/modules/leader-grades/customers.js';
import { previousMonth } from '../server/src/modules/leader-grades/rules.js';
import { freshPostgres, percentile } from './lib.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const DAYS = arg('days', 365);
const ORDERS = arg('orders', 9000);
const POINTS = arg('points', 100);
const CUSTOMERS = arg('customers', 120_000);
const RUNS = arg('runs', 10);
const ROUTES = 10;
/** an order's goods arrive at its point the morning after its day, between 07:00 and 11:00 by point */
const READY_AT = `(((o.paid_at at time zone 'Asia/Shanghai')::date + 1) + time '07:00') at time zone 'Asia/Shanghai'
  + make_interval(mins => abs(hashtext(o.pickup_point_id::text)) % 240)`;
const PRODUCTS = 500;
const CATEGORIES = ['fresh', 'dairy', 'meat_eggs', 'seafood', 'grain_oil', 'snacks', 'daily'];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reuseAt = argv.indexOf('--reuse');
// `--reuse <database>`: time the requests on a database an earlier run kept (BENCH_KEEP=1)
const REUSE = reuseAt >= 0 ? argv[reuseAt + 1] : null;
const NAME = REUSE ?? `linli_leaders_bench_${process.pid}`;

const url = REUSE ? `${ADMIN_URL.replace(/\/[^/]*$/, '')}/${REUSE}` : await freshPostgres(ADMIN_URL, NAME);
const database = await openDatabase({ url, poolSize: 4 });
try {
  if (!REUSE) await generate();
  else await migrate(database);
  await measure();
} finally {
  await database.close();
  if (!process.env.BENCH_KEEP && !REUSE) {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.end();
  }
}

async function generate() {
  await migrate(database);
  const db = database.db;
  const exec = (text: string) => db.execute(sql.raw(text));
  const t0 = Date.now();
  const step = (label: string) => console.error(`${label} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  const central = await createWarehouse(db, { name: '中心仓', kind: 'central' });
  const grid = await createWarehouse(db, { name: '网格仓', kind: 'grid', parentId: central.id });
  const routes: string[] = [];
  for (let r = 0; r < ROUTES; r++) routes.push((await createRoute(db, { name: `线路${r}`, warehouseId: grid.id })).id);
  for (let p = 0; p < POINTS; p++)
    await createPickupPoint(db, { name: `自提点${p}`, address: `路${p}号`, routeId: routes[p % ROUTES] });
  const supplier = await createSupplier(db, { name: '供应商' });
  await exec(`
    insert into products (name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, pack_size)
    select '商品' || g, (array[${CATEGORIES.map((c) => `'${c}'`).join(',')}])[1 + g % ${CATEGORIES.length}],
      '${supplier.id}', '份', 990 + (g % 40) * 50, 600, 'ambient', 1
    from generate_series(0, ${PRODUCTS - 1}) g`);
  await exec(
    `create unlogged table bench_pt as select row_number() over (order by name) - 1 as n, id, route_id from pickup_points`,
  );
  // a leader per point
  await exec(`
    with u as (
      insert into users (phone, name, password_hash, invite_code, roles, pickup_point_id)
      select '139' || lpad(n::text, 8, '0'), '团长' || n, 'x', 'L' || n, '{customer,leader}', id from bench_pt returning id, pickup_point_id)
    insert into leaders (user_id, pickup_point_id, commission_bps) select id, pickup_point_id, 800 from u`);

  const today = businessDate(new Date(), 'Asia/Shanghai');
  const first = addDays(today, -DAYS);
  // the days of the year, ending today (today's orders are those of the morning so far: read raw)
  await exec(`
    create unlogged table bench_d as
    select d, ('${first}'::date + d) as day, (('${first}'::date + d) + time '00:00') at time zone 'Asia/Shanghai' as at
    from generate_series(0, ${DAYS}) d`);
  await exec(`
    insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at)
    select '${DEFAULT_REGION_ID}', '团期' || d, at, at + interval '23 hours', day + 1, 'cut_off', at + interval '23 hours' from bench_d`);
  await exec(`
    insert into campaign_items (campaign_id, product_id, price_fen, position, sale_starts_at)
    select c.id, p.id, p.list_price_fen, k, case when k = 0 then c.starts_at + interval '10 hours' end
    from campaigns c cross join generate_series(0, 29) k
    join (select row_number() over (order by id) - 1 as n, id, list_price_fen from products) p
      on p.n = (abs(hashtext(c.id::text)) + k * 17) % ${PRODUCTS}`);
  await exec(`
    create unlogged table bench_ci as
    select d.d, ci.position as k, ci.id, ci.product_id, ci.price_fen from campaign_items ci
    join campaigns c on c.id = ci.campaign_id join bench_d d on d.day + 1 = c.pickup_date`);
  await exec('create index on bench_ci (d, k)');
  step('network, catalogue, campaigns');

  await exec(`
    insert into users (phone, name, password_hash, invite_code, pickup_point_id, created_at)
    select '150' || lpad(g::text, 8, '0'), '顾客' || g, 'x', 'C' || g, p.id, d.at + make_interval(mins => g % 1440)
    from generate_series(0, ${CUSTOMERS - 1}) g join bench_pt p on p.n = g % ${POINTS}
    join bench_d d on d.d = (g * 7919) % ${DAYS}`);
  await exec(`
    create unlogged table bench_u as
    select row_number() over (order by u.created_at, u.id) - 1 as n, u.id, u.pickup_point_id, u.created_at
    from users u where u.phone like '150%'`);
  await exec('create index on bench_u (n)');
  await exec(`
    insert into membership_periods (order_id, user_id, plan, starts_at, ends_at)
    select gen_random_uuid(), id, 'annual', created_at + interval '2 days', created_at + interval '367 days'
    from bench_u where n % 8 = 0`);
  step('customers and memberships');

  // The bulk of the year goes in without the tables' secondary indexes and triggers (the dashboard's
  // and the forecast's dirty marks, which this benchmark does not read): rebuilt once at the end,
  // a year loads in minutes instead of the better part of an hour.
  const bulk = ['orders', 'order_lines', 'refunds', 'refund_lines', 'ledger_entries'];
  const indexes = await rows<{ name: string; def: string }>(
    db,
    sql.raw(`select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename in (${bulk.map((t) => `'${t}'`).join(',')})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`),
  );
  for (const i of indexes) await exec(`drop index ${i.name}`);
  for (const t of bulk) await exec(`alter table ${t} disable trigger user`);

  // orders: customers registered before the day, picked by a spread over them
  await exec(`
    create unlogged table bench_dm as
    select d.d, d.at, greatest(1, (select count(*) from bench_u u where u.created_at < d.at))::int as m from bench_d d`);
  await exec(`
    create unlogged table bench_o as
    select gen_random_uuid() as id, d.d, u.id as user_id, u.pickup_point_id,
      d.at + make_interval(mins => 420 + (k * 37) % 900) as paid_at
    from bench_dm d cross join generate_series(0, ${ORDERS} - 1) k
    join bench_u u on u.n = (abs(hashtext(d.d::text || ':' || k::text)) % d.m)
    where d.at + make_interval(mins => 420 + (k * 37) % 900) < now()`);
  step('orders drawn');
  await exec(`
    create unlogged table bench_l as
    select gen_random_uuid() as id, o.id as order_id, o.d, o.paid_at, ci.id as item_id, ci.product_id, ci.price_fen,
      1 + (abs(hashtext(o.id::text)) + j) % 3 as qty, j
    from bench_o o cross join generate_series(0, 2) j
    join bench_ci ci on ci.d = o.d and ci.k = (abs(hashtext(o.id::text)) + j * 11) % 30`);
  await exec(`
    insert into orders (id, kind, user_id, region_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at, ready_at)
    select o.id, 'goods', o.user_id, '${DEFAULT_REGION_ID}', o.pickup_point_id, 'completed', t.total, t.total, o.paid_at, o.paid_at, o.paid_at,
      case when ${READY_AT} < now() then ${READY_AT} end
    from bench_o o join (select order_id, sum(price_fen * qty)::int as total from bench_l group by 1) t on t.order_id = o.id
    order by o.paid_at, o.id`);
  step('orders');
  await exec(`
    insert into order_lines (id, order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status, picked_up_at)
    select id, order_id, item_id, product_id, qty, price_fen, price_fen, price_fen * qty, 'picked_up',
      case when abs(hashtext(id::text)) % 4 <> 0 and paid_at + interval '1 day' < now() then paid_at + interval '1 day' end
    from bench_l order by paid_at, order_id, j`);
  step('order lines');
  await exec(`
    create unlogged table bench_r as
    select gen_random_uuid() as id, l.id as line_id, l.order_id, o.user_id, l.price_fen, l.paid_at,
      (array['shortage','aftersales','aftersales'])[1 + abs(hashtext(l.id::text || 'k')) % 3] as kind,
      (array['missing','quality','wrong_item'])[1 + abs(hashtext(l.id::text || 'r')) % 3] as reason
    from bench_l l join bench_o o on o.id = l.order_id where abs(hashtext(l.id::text || 'x')) % 50 = 0`);
  await exec(`
    insert into refunds (id, order_id, user_id, kind, reason, status, amount_fen, created_at, decided_at)
    select id, order_id, user_id, kind, case when kind = 'shortage' then 'shortage' else reason end, 'refunded', price_fen,
      least(paid_at + interval '1 day', now()), least(paid_at + interval '1 day', now())
    from bench_r order by paid_at, id`);
  await exec(
    `insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) select id, line_id, 1, price_fen from bench_r`,
  );
  await exec(`
    insert into route_costs (route_id, day, cost_fen)
    select r.id, d.day, 20000 + abs(hashtext(r.id::text || d.d::text)) % 8000 from routes r cross join bench_d d`);
  // the commission booked at each pickup (8 %), and a reversal for each refunded line picked up
  await exec(`
    insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, available_at, unsettled, created_at)
    select ld.id, 'available', (l.price_fen * l.qty * 800) / 10000, 'commission', 'commission:' || l.id, l.id,
      l.paid_at + interval '8 days', null, l.paid_at + interval '1 day'
    from bench_l l join bench_o o on o.id = l.order_id join leaders ld on ld.pickup_point_id = o.pickup_point_id
    where abs(hashtext(l.id::text)) % 4 <> 0 and l.paid_at + interval '1 day' < now()
    order by l.paid_at, l.id`);
  await exec(`
    insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, created_at)
    select ld.id, 'available', -(r.price_fen * 800) / 10000, 'reversal', 'reversal:' || r.id || ':' || r.line_id, r.line_id,
      least(r.paid_at + interval '1 day', now())
    from bench_r r join bench_l l on l.id = r.line_id join bench_o o on o.id = r.order_id
      join leaders ld on ld.pickup_point_id = o.pickup_point_id
    where abs(hashtext(l.id::text)) % 4 <> 0 and l.paid_at + interval '1 day' < now()`);
  await exec(`insert into leader_accounts (leader_id) select id from leaders`);
  step('commission ledger');
  await exec('drop table bench_pt, bench_d, bench_dm, bench_ci, bench_u, bench_o, bench_l, bench_r');
  for (const t of bulk) await exec(`alter table ${t} enable trigger user`);
  for (const i of indexes) await exec(i.def);
  step(`${indexes.length} indexes rebuilt`);
  await exec('analyze');
  const counts = await one<{ orders: number; lines: number; refunds: number; users: number; ledger: number }>(
    db,
    sql`select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
      (select count(*) from refunds)::int as refunds, (select count(*) from users)::int as users,
      (select count(*) from ledger_entries)::int as ledger`,
  );
  step(`set-up: ${JSON.stringify(counts)}`);
}

async function measure() {
  const db = database.db;
  const t0 = Date.now();
  const step = (label: string) => console.error(`${label} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const month = businessDate(new Date(), 'Asia/Shanghai').slice(0, 7);
  const last = previousMonth(month);
  const leader = (await one<{ id: string; user_id: string; pickup_point_id: string; commission_bps: number }>(
    db,
    sql`select id, user_id, pickup_point_id, commission_bps from leaders order by id limit 1`,
  ))!;
  const me = {
    id: leader.id,
    userId: leader.user_id,
    pickupPointId: leader.pickup_point_id,
    commissionBps: leader.commission_bps,
  };
  const results: { label: string; medianMs: number; p95Ms: number }[] = [];
  const time = async (label: string, run: () => Promise<unknown>) => {
    await run(); // plans and warms the cache
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    results.push({ label, medianMs: Math.round(percentile(runs, 50)), p95Ms: Math.round(percentile(runs, 95)) });
    step(`${label}: ${JSON.stringify(results[results.length - 1])}`);
  };
  await db.execute(sql`delete from leader_months`);
  await time('report, current month (live)', () => leaderReport(db, { scope: null, month }));
  await time('report, last month before closing (live)', () => leaderReport(db, { scope: null, month: last }));
  const c0 = performance.now();
  const closed = await closeDueLeaderMonths(db);
  const closeMs = Math.round(performance.now() - c0);
  step(`closed ${closed} leader-months in ${closeMs} ms`);
  await time('report, last month (closed)', () => leaderReport(db, { scope: null, month: last }));
  await time("a leader's months", () => leaderMonthsOf(db, null, me.id));
  await time("a leader's grade page", () => leaderGrade(db, me));
  await time('leaderboard', () => leaderboard(db, me));
  await time("a leader's customers", () => leaderCustomers(db, me));
  await time("a leader's dormant customers", () => leaderCustomers(db, me, { dormantOnly: true }));
  const counts = await one<{ orders: number; lines: number; ledger: number; users: number }>(
    db,
    sql`select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
      (select count(*) from ledger_entries)::int as ledger, (select count(*) from users)::int as users`,
  );
  console.log(
    JSON.stringify(
      { db: 'postgres', days: DAYS, points: POINTS, ...counts, closeMonthMs: closeMs, closed, requests: results },
      null,
      2,
    ),
  );
}
