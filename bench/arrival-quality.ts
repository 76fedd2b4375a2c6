/**
 * Arrival-quality benchmark (decision 042): a year of one city's deliveries generated in PostgreSQL —
 * 10 routes, 100 pickup points, 30 products (10 chilled, 5 frozen), 365 delivery days, 26 orders of
 * 3 lines per point and day (≈950,000 orders, ≈2.85 M order lines), 1 % of lines lost on arrival
 * (refunded as damaged or missing), dispatch and arrival temperatures of every cold zone, 1 % of
 * them out of range — then measured:
 *   - the report GET /admin/arrival-quality over the year (what the 到货质量 screen asks): target < 1 s;
 *   - refreshing one route's delivery day (what each confirmed arrival and each breach adds);
 *   - rebuilding every route and day from the order lines (the migration's backfill, the demo's rebuild).
 * Each figure is checked against the others: the report's year total equals the rebuild's sum.
 *
 *   npm run bench:arrival-quality [-- --runs 20]
 *
 * Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); the database it makes
 * (linli_aq_bench) is dropped at the end.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { migrate, openDatabase } from '../server/src/db/client.js';
import { exec, one } from '../server/src/db/client.js';
import { sql } from 'drizzle-orm';
import {
  arrivalQuality,
  rebuildArrivalQuality,
  refreshArrivalQuality,
} from '../server/src/modules/coldchain/service.js';
import { freshPostgres, percentile } from './lib.js';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || 20) || 20;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NAME = 'linli_aq_bench';
const REGION = '00000000-0000-4000-8000-000000000001';
const log = (line: string) => console.error(line);

const GENERATE = [
  `insert into suppliers (id, name) values ('00000000-0000-4000-8000-00000000a001', '冷链供应商')`,
  `insert into warehouses (id, region_id, name, kind) values ('00000000-0000-4000-8000-00000000b001', '${REGION}', '网格仓', 'grid')`,
  `insert into routes (id, region_id, name, warehouse_id)
   select ('00000000-0000-4000-8000-0000000c' || lpad(r::text, 4, '0'))::uuid, '${REGION}', '线路' || r, '00000000-0000-4000-8000-00000000b001'
   from generate_series(0, 9) r`,
  `insert into pickup_points (id, region_id, name, address, route_id)
   select ('00000000-0000-4000-8000-0000000d' || lpad(p::text, 4, '0'))::uuid, '${REGION}', '自提点' || p, '幸福路' || p || '号',
     ('00000000-0000-4000-8000-0000000c' || lpad((p / 10)::text, 4, '0'))::uuid
   from generate_series(0, 99) p`,
  `insert into products (id, name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, shelf_life_days, pack_size)
   select ('00000000-0000-4000-8000-0000000e' || lpad(k::text, 4, '0'))::uuid, '商品' || k, 'fresh',
     '00000000-0000-4000-8000-00000000a001', '份', 1000, 600,
     case when k < 10 then 'chilled' when k < 15 then 'frozen' else 'ambient' end, 7, 1
   from generate_series(0, 29) k`,
  // one campaign per delivery day, the last 365 days
  `create temporary table days as
   select d::date as day, row_number() over (order by d) - 1 as n
   from generate_series(current_date - 365, current_date - 1, interval '1 day') d`,
  `insert into campaigns (id, region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at)
   select md5('c' || n)::uuid, '${REGION}', '团期 ' || day, day - interval '1 day', day - interval '1 hour', day, 'cut_off', day - interval '1 hour'
   from days`,
  `insert into sorting_lists (id, campaign_id, warehouse_id, route_id, pickup_point_id, status, dispatched_at, arrived_at)
   select md5('s' || d.n || ':' || p.id)::uuid, md5('c' || d.n)::uuid, '00000000-0000-4000-8000-00000000b001', p.route_id, p.id,
     'arrived', d.day + interval '6 hours', d.day + interval '8 hours'
   from days d cross join pickup_points p`,
  // 26 orders of 3 lines per point and day; line k of order i is product (i * 3 + k) % 30
  `insert into orders (id, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, closed_at, completed_at, created_at)
   select md5('o' || sl.id || ':' || i)::uuid, md5('u' || i)::uuid, '${REGION}', sl.campaign_id, sl.pickup_point_id, 'completed', 3000, 3000,
     sl.dispatched_at, sl.dispatched_at - interval '20 hours', sl.dispatched_at - interval '7 hours', sl.arrived_at + interval '6 hours',
     sl.dispatched_at - interval '20 hours'
   from sorting_lists sl cross join generate_series(0, 25) i`,
  `insert into order_lines (id, order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status, refund_quantity, refunded_fen)
   select md5('l' || o.id || ':' || k)::uuid, o.id, md5('i' || k)::uuid,
     ('00000000-0000-4000-8000-0000000e' || lpad(((i * 3 + k) % 30)::text, 4, '0'))::uuid, 1, 1000, 1000, 1000,
     case when (hashtext(o.id::text || k) % 100) = 0 then 'refunded' else 'picked_up' end,
     case when (hashtext(o.id::text || k) % 100) = 0 then 1 else 0 end,
     case when (hashtext(o.id::text || k) % 100) = 0 then 1000 else 0 end
   from (select id, (hashtext(id::text) & 1023) as i from orders) o cross join generate_series(0, 2) k`,
  `insert into refunds (order_id, user_id, kind, reason, note, status, amount_fen, business_key, created_at, decided_at)
   select l.order_id, o.user_id, 'arrival_loss', case when hashtext(l.id::text) % 2 = 0 then 'damaged' else 'missing' end,
     'generated', 'refunded', 1000, 'arrival:' || l.id, o.completed_at, o.completed_at
   from order_lines l join orders o on o.id = l.order_id where l.status = 'refunded'`,
  `insert into sorting_list_lines (sorting_list_id, product_id, ordered_quantity, quantity, received_quantity, missing_quantity, damaged_quantity)
   select sl.id, p.id, 3, 3, 3, 0, 0 from sorting_lists sl cross join products p`,
  // temperatures: every cold zone at dispatch (route) and at arrival (point); 1 % out of range
  `insert into temperature_readings (route_id, region_id, day, stage, zone, pickup_point_id, tenths, min_tenths, max_tenths, in_range, source, measured_at)
   select r.id, '${REGION}', d.day, 'dispatch', z.zone, null,
     case when hashtext(r.id::text || d.day || z.zone) % 100 = 0 then z.bad else z.good end, z.lo, z.hi,
     hashtext(r.id::text || d.day || z.zone) % 100 <> 0, 'warehouse', d.day + interval '5 hours 50 minutes'
   from days d cross join routes r cross join (values ('chilled', 40, 110, 0, 80), ('frozen', -200, -150, null, -180)) z(zone, good, bad, lo, hi)`,
  `insert into temperature_readings (route_id, region_id, day, stage, zone, pickup_point_id, tenths, min_tenths, max_tenths, in_range, source, measured_at)
   select sl.route_id, '${REGION}', d.day, 'arrival', z.zone, sl.pickup_point_id,
     case when hashtext(sl.id::text || z.zone) % 100 = 0 then z.bad else z.good end, z.lo, z.hi,
     hashtext(sl.id::text || z.zone) % 100 <> 0, 'leader', d.day + interval '8 hours'
   from sorting_lists sl join campaigns c on c.id = sl.campaign_id join days d on d.day = c.pickup_date
   cross join (values ('chilled', 50, 100, 0, 80), ('frozen', -210, -140, null, -180)) z(zone, good, bad, lo, hi)`,
  'analyze',
];

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(sorted, 50) * 10) / 10,
    p95: Math.round(percentile(sorted, 95) * 10) / 10,
    max: Math.round(sorted[sorted.length - 1] * 10) / 10,
  };
}

async function main() {
  const load = loadavg()[0];
  const url = await freshPostgres(ADMIN_URL, NAME);
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    await migrate(database);
    const { db } = database;
    let t0 = Date.now();
    for (const statement of GENERATE) await exec(db, sql.raw(statement));
    const counts = await one<{ orders: number; lines: number; readings: number }>(
      db,
      sql`select (select count(*)::int from orders) as orders, (select count(*)::int from order_lines) as lines,
        (select count(*)::int from temperature_readings) as readings`,
    );
    log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

    t0 = Date.now();
    await rebuildArrivalQuality(db);
    const rebuildMs = Date.now() - t0;
    log(`rebuilt every route and day in ${(rebuildMs / 1000).toFixed(1)} s`);

    const days = await one<{ from: string; to: string }>(
      db,
      sql`select min(pickup_date)::text as from, max(pickup_date)::text as to from campaigns`,
    );
    const reportMs: number[] = [];
    let report: Awaited<ReturnType<typeof arrivalQuality>> | undefined;
    for (let i = 0; i < RUNS + 2; i++) {
      const s = performance.now();
      report = await arrivalQuality(db, { from: days!.from, to: days!.to, scope: null });
      if (i >= 2) reportMs.push(performance.now() - s); // two warm-up runs
    }
    const refreshMs: number[] = [];
    const routes = await one<{ ids: string[] }>(db, sql`select array_agg(id order by name) as ids from routes`);
    for (let i = 0; i < RUNS; i++) {
      const day = new Date(Date.parse(days!.to) - (i % 30) * 86_400_000).toISOString().slice(0, 10);
      const s = performance.now();
      await db.transaction(async (tx) => refreshArrivalQuality(tx as never, routes!.ids[i % 10], day));
      refreshMs.push(performance.now() - s);
    }
    // the refreshed rows agree with the rebuild, and the report's year with the lines generated
    const again = await arrivalQuality(db, { from: days!.from, to: days!.to, scope: null });
    if (JSON.stringify(again.total) !== JSON.stringify(report!.total)) throw new Error('refresh changed the figures');
    if (report!.total.dispatchedLines !== counts!.lines) throw new Error('the report misses lines');
    const summary = {
      date: new Date().toISOString(),
      loadAverageBefore: Math.round(load * 100) / 100,
      data: { ...counts, routeWeeks: report!.rows.length },
      reportYearMs: stats(reportMs),
      refreshRouteDayMs: stats(refreshMs),
      rebuildYearMs: rebuildMs,
      total: report!.total,
      target: 'report over a year p95 < 1000 ms',
      ok: stats(reportMs).p95 < 1000,
    };
    console.log(JSON.stringify(summary, null, 2));
    if (!summary.ok) process.exitCode = 1;
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${NAME} with (force)`);
    await c.end();
  }
}

await main();
