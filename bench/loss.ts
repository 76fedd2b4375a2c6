/**
 * Loss-rate benchmark: the 损耗率 report over a year of a city's stock on PostgreSQL.
 *
 * A realistic city, generated set-based in SQL (pushing millions of movements through the ledger
 * would measure the ledger, not the report): a central warehouse and 10 grid warehouses, 2,000
 * products in 7 categories, 365 days of
 *   - receipts at the central warehouse (a purchase order per supplier and day, every product, some
 *     units rejected) and the surplus that joins stock (`received`),
 *   - allocations from the central stock (`allocated`) and transfers to the grids (`transfer_out` /
 *     `transfer_in`, every product each day to one of them),
 *   - write-offs at every warehouse (5 % of product-days, reasons from the list, expired most),
 *   - arrivals at 40 pickup points with some units damaged on the way.
 *
 * It times the report (by warehouse, category and product, for the year and for four weeks) before
 * the closed weeks are rolled up (everything read live), the one-time rollup, and the report after.
 *
 *   npm run bench:loss [-- --days 365 --products 2000 --grids 10]
 */
import { sql } from 'drizzle-orm';
import { migrate, one, openDatabase } from '../server/src/db/client.js';
import { createPickupPoint, createRoute, createWarehouse } from '../server/src/modules/network/service.js';
import { createSupplier } from '../server/src/modules/catalog/service.js';
import { lossReport, rollUpLossWeeks, type LossGroup } from '../server/src/modules/freshness/loss.js';
import { DEFAULT_REGION_ID } from '../server/src/modules/network/service.js';
import { addDays, businessDate } from '../server/src/lib/time.js';
import { historyDatabase } from './history.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const DAYS = arg('days', 365);
const PRODUCTS = arg('products', 2000);
const GRIDS = arg('grids', 10);
const SUPPLIERS = 20;
const POINTS = 40;
const CATEGORIES = ['fresh', 'dairy', 'meat_eggs', 'seafood', 'grain_oil', 'snacks', 'daily'];

// its own database, named apart from the history copies (linli_bench_*), which other benchmarks drop
const url = await historyDatabase('empty', 'linli_loss_bench');
const database = await openDatabase({ url, poolSize: 4 });
await migrate(database);
const db = database.db;

const t0 = Date.now();
const central = await createWarehouse(db, { name: '中心仓', kind: 'central' });
const grids: string[] = [];
for (let g = 0; g < GRIDS; g++)
  grids.push((await createWarehouse(db, { name: `网格仓${g + 1}`, kind: 'grid', parentId: central.id })).id);
const routes: string[] = [];
for (let r = 0; r < GRIDS; r++) routes.push((await createRoute(db, { name: `线路${r}`, warehouseId: grids[r] })).id);
for (let p = 0; p < POINTS; p++)
  await createPickupPoint(db, { name: `自提点${p}`, address: `路${p}号`, routeId: routes[p % GRIDS] });
for (let s = 0; s < SUPPLIERS; s++) await createSupplier(db, { name: `供应商${s}` });

const exec = (text: string) => db.execute(sql.raw(text));
await exec(`
  insert into products (name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, pack_size, shelf_life_days)
  select '商品' || g, (array[${CATEGORIES.map((c) => `'${c}'`).join(',')}])[1 + g % ${CATEGORIES.length}],
    (select id from suppliers order by name offset g % ${SUPPLIERS} limit 1), '份', 1500, 800, 'ambient', 1, 3 + g % 20
  from generate_series(0, ${PRODUCTS - 1}) g`);
await exec(
  `create unlogged table bench_p as select row_number() over (order by id) - 1 as n, id, supplier_id from products`,
);
await exec(
  `create unlogged table bench_w as select row_number() over (order by name) - 1 as n, id from warehouses where kind = 'grid'`,
);
// the city's days, ending yesterday (business days of Shanghai), each at 06:00 local
const today = businessDate(new Date(), 'Asia/Shanghai');
const first = addDays(today, -DAYS);
await exec(`
  create unlogged table bench_d as
  select d, (('${first}'::date + d) + time '06:00') at time zone 'Asia/Shanghai' as at
  from generate_series(0, ${DAYS - 1}) d`);

// a campaign per day (cut off), a purchase order per supplier and day, every product, received
await exec(`
  insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at)
  select '${DEFAULT_REGION_ID}', '团期' || d, at - interval '1 day', at - interval '7 hours', ('${first}'::date + d), 'cut_off', at - interval '7 hours'
  from bench_d`);
await exec(
  `create unlogged table bench_c as select row_number() over (order by pickup_date) - 1 as d, id from campaigns`,
);
await exec(`
  insert into purchase_orders (campaign_id, supplier_id, warehouse_id, status, created_at, received_at)
  select c.id, s.id, '${central.id}', 'received', bd.at - interval '7 hours', bd.at
  from bench_c c join bench_d bd on bd.d = c.d cross join suppliers s`);
await exec(`
  insert into purchase_order_lines (purchase_order_id, product_id, demand_quantity, from_stock_quantity, quantity, accepted_quantity, rejected_quantity)
  select po.id, p.id, 40, 0, 40, 40 - r, r
  from purchase_orders po join bench_p p on p.supplier_id = po.supplier_id
  cross join lateral (select case when abs(hashtext(po.id::text || p.id::text)) % 10 = 0 then 1 + abs(hashtext(p.id::text || po.id::text)) % 3 else 0 end as r) x`);

// the ledger: received (surplus, from the purchase order), allocated, transfers, write-offs
await exec(`
  insert into stock_movements (warehouse_id, product_id, kind, quantity, ref_id, created_at)
  select '${central.id}', p.id, 'received', 4 + (p.n + d.d) % 5, null, d.at from bench_p p cross join bench_d d`);
await exec(`
  insert into stock_movements (warehouse_id, product_id, kind, quantity, ref_id, created_at)
  select '${central.id}', p.id, 'allocated', -(1 + (p.n + d.d) % 3), c.id, d.at + interval '17 hours'
  from bench_p p cross join bench_d d join bench_c c on c.d = d.d`);
await exec(`
  insert into stock_movements (warehouse_id, product_id, kind, quantity, created_at)
  select case when k.sign > 0 then w.id else '${central.id}'::uuid end, p.id, k.kind, k.sign * (1 + p.n % 4), d.at + interval '2 hours'
  from bench_p p cross join bench_d d join bench_w w on w.n = (p.n + d.d) % ${GRIDS}
  cross join (values ('transfer_in', 1), ('transfer_out', -1)) k(kind, sign)
  `);
await exec(`
  insert into stock_movements (warehouse_id, product_id, kind, quantity, reason_code, reason, created_at)
  select w.id, p.id, 'written_off', -1,
    (array['expired','expired','expired','damaged','quality','lost','other'])[1 + abs(hashtext(p.id::text || d.d::text)) % 7],
    '报损', d.at + interval '10 hours'
  from bench_p p cross join bench_d d
  cross join (select id from bench_w union all select '${central.id}'::uuid) w
  where abs(hashtext(p.id::text || d.d::text || w.id::text)) % 20 = 0`);

// arrivals: a sorting list per pickup point and day, 30 products each, a unit damaged now and then
await exec(`
  insert into sorting_lists (campaign_id, warehouse_id, route_id, pickup_point_id, status, dispatched_at, arrived_at)
  select c.id, r.warehouse_id, pp.route_id, pp.id, 'arrived', d.at + interval '20 hours', d.at + interval '23 hours'
  from bench_c c join bench_d d on d.d = c.d cross join pickup_points pp join routes r on r.id = pp.route_id`);
await exec(`
  insert into sorting_list_lines (sorting_list_id, product_id, ordered_quantity, quantity, received_quantity, missing_quantity, damaged_quantity)
  select sl.id, p.id, 3, 3, 3 - dmg, 0, dmg
  from sorting_lists sl cross join generate_series(0, 29) k
  join bench_p p on p.n = (abs(hashtext(sl.id::text)) + k * 67) % ${PRODUCTS}
  cross join lateral (select case when abs(hashtext(sl.id::text || k::text)) % 50 = 0 then 1 else 0 end as dmg) x
  on conflict do nothing`);
await exec('drop table bench_p, bench_w, bench_d, bench_c');
await exec('analyze');
const counts = await one<{ movements: number; po_lines: number; list_lines: number }>(
  db,
  sql`select (select count(*) from stock_movements)::int as movements, (select count(*) from purchase_order_lines)::int as po_lines,
    (select count(*) from sorting_list_lines)::int as list_lines`,
);
console.error(
  `set-up: ${counts?.movements} movements, ${counts?.po_lines} purchase order lines, ${counts?.list_lines} sorting list lines in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);

async function time(label: string, by: LossGroup, from: string, repeat = 3) {
  // the first call plans and warms the cache; the figure is the median of the next three
  if (repeat > 1) await lossReport(db, { by, from });
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const r = await lossReport(db, { by, from });
    runs.push(performance.now() - t);
    rows = r.items.length;
  }
  runs.sort((a, b) => a - b);
  return { label, by, from, rows, ms: Math.round(runs[Math.floor(runs.length / 2)]) };
}

const cases = async (phase: string, repeat = 3) => [
  await time(`${phase}: year by warehouse`, 'warehouse', first, repeat),
  await time(`${phase}: year by category`, 'category', first, repeat),
  await time(`${phase}: 4 weeks by product`, 'product', addDays(today, -28), repeat),
];
// read live, a year takes tens of seconds: once each
const live = await cases('live', 1);
const r0 = performance.now();
const weeks = await rollUpLossWeeks(db);
const rollupSeconds = (performance.now() - r0) / 1000;
const rolled = await one<{ n: number }>(db, sql`select count(*)::int as n from loss_weeks`);
const after = await cases('rolled up');
const total = await lossReport(db, { by: 'warehouse', from: first });
console.log(
  JSON.stringify(
    {
      db: 'postgres',
      days: DAYS,
      products: PRODUCTS,
      warehouses: GRIDS + 1,
      movements: counts?.movements,
      purchaseOrderLines: counts?.po_lines,
      sortingListLines: counts?.list_lines,
      live,
      rollup: { weeks, rows: rolled?.n, seconds: Math.round(rollupSeconds * 10) / 10 },
      rolledUp: after,
      yearLossRateBps: total.totals.lossRateBps,
    },
    null,
    2,
  ),
);
await database.close();
