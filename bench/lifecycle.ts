/**
 * Lifecycle benchmark: the daily repurchase-reminder job and the lifecycle report over a year of a
 * city's orders on PostgreSQL.
 *
 * Generated set-based in SQL: `--customers` customers at 100 pickup points, 200 products all on
 * sale today, and a year of paid orders: customer u buys her habit product every 3–14 days (by u)
 * with one other product each time, so every customer has a usual interval and a due day spread
 * over the coming two weeks; a welcome coupon granted to every customer and spent by a third.
 * It times the reminder job's first run (sends), a repeated run (sends nothing), and the report.
 *
 *   npm run bench:lifecycle [-- --customers 10000]
 */
import { sql } from 'drizzle-orm';
import { migrate, one, openDatabase } from '../server/src/db/client.js';
import { DEFAULT_REGION_ID } from '../server/src/modules/network/service.js';
import { configureProgram } from '../server/src/modules/lifecycle/service.js';
import { sendRepurchaseReminders } from '../server/src/modules/lifecycle/repurchase.js';
import { lifecycleReport } from '../server/src/modules/lifecycle/report.js';
import { businessDate } from '../server/src/lib/time.js';
import { historyDatabase } from './history.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const CUSTOMERS = arg('customers', 10_000);
const PRODUCTS = 200;
const R = DEFAULT_REGION_ID;

const url = await historyDatabase('empty', 'linli_lifecycle_bench');
const database = await openDatabase({ url, poolSize: 4 });
await migrate(database);
const db = database.db;
const exec = (text: string) => db.execute(sql.raw(text));

const t0 = Date.now();
for (const text of [
  `insert into suppliers (id, name) values ('00000000-0000-4000-8000-00000000a001', '供应商')`,
  `insert into warehouses (id, region_id, name, kind) values ('00000000-0000-4000-8000-00000000b001', '${R}', '中心仓', 'central')`,
  `insert into routes (id, region_id, name, warehouse_id) values ('00000000-0000-4000-8000-00000000c001', '${R}', '线路', '00000000-0000-4000-8000-00000000b001')`,
  `insert into pickup_points (id, region_id, name, address, route_id)
   select ('00000000-0000-4000-8000-0000000d' || lpad(p::text, 4, '0'))::uuid, '${R}', '自提点' || p, '幸福路' || p || '号',
     '00000000-0000-4000-8000-00000000c001' from generate_series(0, 99) p`,
  `insert into products (id, name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, pack_size)
   select ('00000000-0000-4000-8000-0000000e' || lpad(k::text, 4, '0'))::uuid, '商品' || k, 'fresh',
     '00000000-0000-4000-8000-00000000a001', '份', 1000, 600, 'ambient', 1 from generate_series(0, ${PRODUCTS - 1}) k`,
  `insert into users (id, phone, name, password_hash, invite_code, pickup_point_id, created_at)
   select md5('u' || u)::uuid, (13000000000 + u)::text, '顾客' || u, 'x', 'B' || u,
     ('00000000-0000-4000-8000-0000000d' || lpad((u % 100)::text, 4, '0'))::uuid, now() - interval '400 days'
   from generate_series(0, ${CUSTOMERS - 1}) u`,
  // today's campaign sells every product
  `insert into campaigns (id, region_id, title, starts_at, cutoff_at, pickup_date, status)
   values ('00000000-0000-4000-8000-0000000f0001', '${R}', '今日团', now() - interval '2 hours', now() + interval '10 hours', current_date + 1, 'open')`,
  `insert into campaign_items (id, campaign_id, product_id, price_fen)
   select md5('i' || k)::uuid, '00000000-0000-4000-8000-0000000f0001',
     ('00000000-0000-4000-8000-0000000e' || lpad(k::text, 4, '0'))::uuid, 1000 from generate_series(0, ${PRODUCTS - 1}) k`,
  // a year of purchases: customer u every 3 + u % 12 days, the last one 0–13 days ago
  `create unlogged table bench_buys as
   select u, md5('o' || u || ':' || j)::uuid as order_id, now() - ((u % 14) + j * (3 + u % 12)) * interval '1 day' as at
   from generate_series(0, ${CUSTOMERS - 1}) u cross join generate_series(0, 120) j
   where (u % 14) + j * (3 + u % 12) < 365`,
  `insert into orders (id, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
   select order_id, md5('u' || u)::uuid, '${R}', '00000000-0000-4000-8000-0000000f0001',
     ('00000000-0000-4000-8000-0000000d' || lpad((u % 100)::text, 4, '0'))::uuid, 'completed', 2000, 2000, at, at, at
   from bench_buys`,
  `insert into order_lines (id, order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status)
   select md5('l' || b.order_id || ':' || k)::uuid, b.order_id, md5('i' || p)::uuid,
     ('00000000-0000-4000-8000-0000000e' || lpad(p::text, 4, '0'))::uuid, 1, 1000, 1000, 1000, 'picked_up'
   from bench_buys b cross join generate_series(0, 1) k
   cross join lateral (select case when k = 0 then b.u % ${PRODUCTS} else abs(hashtext(b.order_id::text)) % ${PRODUCTS} end as p) pp`,
  `insert into coupon_templates (id, name, kind, threshold_fen, discount_fen, valid_from, valid_to)
   values ('00000000-0000-4000-8000-0000000f0002', '新人券', 'amount', 0, 300, now() - interval '400 days', now() + interval '30 days')`,
  `insert into coupons (id, template_id, user_id, status)
   select md5('c' || u)::uuid, '00000000-0000-4000-8000-0000000f0002', md5('u' || u)::uuid, 'available' from generate_series(0, ${CUSTOMERS - 1}) u`,
  `insert into lifecycle_grants (business_key, program, user_id, region_id, template_id, coupon_id, granted_at)
   select 'welcome:' || md5('u' || u)::uuid, 'welcome', md5('u' || u)::uuid, '${R}', '00000000-0000-4000-8000-0000000f0002',
     md5('c' || u)::uuid, now() - (u % 180) * interval '1 day' from generate_series(0, ${CUSTOMERS - 1}) u`,
  // a third spend theirs on their latest order
  `update orders o set coupon_id = md5('c' || b.u)::uuid, coupon_fen = 300, total_fen = 1700
   from (select distinct on (u) u, order_id from bench_buys where u % 3 = 0 order by u, at desc) b where o.id = b.order_id`,
  `update coupons set status = 'used' where id in (select coupon_id from orders where coupon_id is not null)`,
  'analyze',
])
  await exec(text);
const counts = (await one<{ orders: number; lines: number }>(
  db,
  sql`select (select count(*)::int from orders) as orders, (select count(*)::int from order_lines) as lines`,
))!;
console.log(
  `generated ${CUSTOMERS} customers, ${counts.orders} orders, ${counts.lines} lines in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);

await configureProgram(db, R, 'repurchase', { enabled: true });
let t = Date.now();
const sent = await sendRepurchaseReminders(db);
const first = Date.now() - t;
t = Date.now();
const again = await sendRepurchaseReminders(db);
const repeat = Date.now() - t;
console.log(`reminder job: first run ${first} ms (${sent} sent), repeated run ${repeat} ms (${again} sent)`);
const month = businessDate(new Date()).slice(0, 7);
const from = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
const times: number[] = [];
let rowsOut = 0;
for (let i = 0; i < 5; i++) {
  t = Date.now();
  rowsOut = (await lifecycleReport(db, { from, to: month, scope: null })).length;
  times.push(Date.now() - t);
}
times.sort((a, b) => a - b);
console.log(`report (13 months, ${rowsOut} rows): median ${times[2]} ms, max ${times[4]} ms`);
await database.close();
// the generated city is not kept (BENCH_KEEP=1 keeps it to look into): its database is dropped when the run ends
if (!process.env.BENCH_KEEP) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url.replace(/\/linli_lifecycle_bench$/, '/postgres') });
  await admin.connect();
  await admin.query('drop database if exists linli_lifecycle_bench with (force)');
  await admin.end();
}
