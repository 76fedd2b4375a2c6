/**
 * Cutoff benchmark: 1,000,000 paid order lines across 20,000 customers, 60 products and 20
 * pickup points on PostgreSQL; times the cutoff from its start to committed purchase orders,
 * sorting lists and delivery manifests.
 *
 * The day's orders are bulk-generated with SQL (generate_series) — pushing a million lines
 * through the HTTP API would measure checkout, not the cutoff; the checkout benchmark does that.
 *
 *   npm run bench:cutoff [-- --lines 1000000 --history empty|month|year] [--stock]
 *
 * --stock puts three lots of 6,000 units of every product in the central warehouse first, so the
 * cutoff serves part of every product from stock and records the lots of each line it serves
 * (decision 043): the worst case of that statement, over every line of the day.
 *
 * --history month|year runs the day on a copy of a history database (bench/history.ts): the same new
 * campaign, points and customers, on top of a month or a year of orders.
 */
import { sql } from 'drizzle-orm';
import { migrate, one, openDatabase } from '../server/src/db/client.js';
import { createCampaign } from '../server/src/modules/campaigns/service.js';
import {
  createPickupPoint,
  createRoute,
  createWarehouse,
  DEFAULT_REGION_ID,
} from '../server/src/modules/network/service.js';
import { createProduct, createSupplier } from '../server/src/modules/catalog/service.js';
import { runCutoff } from '../server/src/flows/cutoff.js';
import { historyArg, historyDatabase } from './history.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const LINES = arg('lines', 1_000_000);
const CUSTOMERS = arg('customers', 20_000);
const PRODUCTS = 60;
const POINTS = 20;
const LINES_PER_ORDER = 3;
const ORDERS = Math.ceil(LINES / LINES_PER_ORDER);

const HISTORY = historyArg(argv);
const STOCK = argv.includes('--stock');
const url = await historyDatabase(HISTORY, 'linli_bench_cutoff');
const database = await openDatabase({ url, poolSize: 4 });
await migrate(database);
const db = database.db;

const t0 = Date.now();
const central = await createWarehouse(db, { name: '中心仓', kind: 'central' });
const grids = [
  await createWarehouse(db, { name: '网格仓A', kind: 'grid', parentId: central.id }),
  await createWarehouse(db, { name: '网格仓B', kind: 'grid', parentId: central.id }),
];
const routes = [];
for (let r = 0; r < 4; r++) routes.push(await createRoute(db, { name: `线路${r}`, warehouseId: grids[r % 2].id }));
const points = [];
for (let p = 0; p < POINTS; p++)
  points.push((await createPickupPoint(db, { name: `自提点${p}`, address: `路${p}号`, routeId: routes[p % 4].id })).id);
const suppliers = [];
for (let s = 0; s < 5; s++) suppliers.push((await createSupplier(db, { name: `供应商${s}` })).id);
const products = [];
for (let i = 0; i < PRODUCTS; i++) {
  products.push(
    (
      await createProduct(db, {
        name: `商品${i}`,
        category: 'fresh',
        supplierId: suppliers[i % 5],
        unit: '份',
        listPriceFen: 1500,
        costFen: 800,
        temperatureZone: 'ambient',
        packSize: 1 + (i % 4) * 5,
      })
    ).id,
  );
}
const now = Date.now();
const campaign = await createCampaign(db, {
  title: '百万行截单',
  startsAt: new Date(now - 3_600_000).toISOString(),
  cutoffAt: new Date(now + 3_600_000).toISOString(),
  pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
  items: products.map((productId) => ({ productId, priceFen: 990 })),
});

await db.execute(sql`
  insert into users (phone, name, password_hash, invite_code)
  select '15' || lpad(g::text, 9, '0'), '顾客' || g, 'none', 'B' || g from generate_series(1, ${CUSTOMERS}) g`);
await db.execute(
  sql.raw(
    `create unlogged table bench_items as select row_number() over () - 1 as n, id, product_id from campaign_items where campaign_id = '${campaign.id}'`,
  ),
);
await db.execute(
  sql.raw(
    `create unlogged table bench_points as select row_number() over () - 1 as n, id from pickup_points where id in (${points.map((p) => `'${p}'`).join(', ')})`,
  ),
);
await db.execute(
  sql.raw(
    `create unlogged table bench_users as select row_number() over () - 1 as n, id from users where phone like '15%'`,
  ),
);
// Orders: each pays 3 lines of 990 fen × quantity 1..3; paid across the day.
await db.execute(
  sql.raw(`
  insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, pickup_code, created_at)
  select u.id, c.region_id, c.id, p.id, 'paid', 990 * 6, 990 * 6, now(), now() - make_interval(secs => g % 80000), (1000000000 + g)::text, now()
  from generate_series(0, ${ORDERS - 1}) g
  join bench_users u on u.n = g % ${CUSTOMERS}
  join bench_points p on p.n = g % ${POINTS}
  cross join (select id, region_id from campaigns where id = '${campaign.id}') c`),
);
await db.execute(
  sql.raw(`
  insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen)
  select o.id, i.id, i.product_id, k + 1, 1500, 990, 990 * (k + 1)
  from (select id, row_number() over () as r from orders where campaign_id = '${campaign.id}') o
  cross join generate_series(0, ${LINES_PER_ORDER - 1}) k
  join bench_items i on i.n = (o.r * 7 + k * 13) % ${PRODUCTS}`),
);
await db.execute(sql`drop table bench_items, bench_points, bench_users`);
if (STOCK) {
  // three lots per product (expiring in 5, 10 and 15 days), each with its received movement, in the
  // warehouse the cutoff serves from: the region's oldest central one (a history's, when there is one)
  const served = await one<{ id: string }>(
    db,
    sql`select id from warehouses where kind = 'central' and region_id = ${DEFAULT_REGION_ID} order by created_at, id limit 1`,
  );
  const central = { id: served!.id };
  await db.execute(sql`
    with l as (
      insert into lots (warehouse_id, product_id, quantity, remaining, expires_on)
      select ${central.id}::uuid, p, 6000, 6000, current_date + 5 * k
      from unnest(${`{${products.join(',')}}`}::uuid[]) p cross join generate_series(1, 3) k
      returning id, product_id, quantity
    ), m as (
      insert into stock_movements (warehouse_id, product_id, kind, quantity, business_key)
      select ${central.id}::uuid, product_id, 'received', quantity, 'bench-lot:' || id::text from l
      returning id, business_key
    ), ml as (
      insert into stock_movement_lots (movement_id, lot_id, quantity)
      select m.id, l.id, l.quantity from m join l on m.business_key = 'bench-lot:' || l.id::text
    )
    insert into warehouse_stock (warehouse_id, product_id, quantity)
    select ${central.id}::uuid, product_id, sum(quantity)::int from l group by product_id`);
}
await db.execute(sql`analyze`);
const lineCount = await one<{ n: number }>(
  db,
  sql`select count(*)::int as n from order_lines l join orders o on o.id = l.order_id where o.campaign_id = ${campaign.id}`,
);
console.error(
  `set-up: ${lineCount?.n} paid order lines in ${ORDERS} orders generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);

const started = performance.now();
const result = await runCutoff(db, campaign.id);
const seconds = (performance.now() - started) / 1000;
const check = await one<{ po_units: number; demand: number; sorted: number }>(
  db,
  sql`
  select (select sum(l.demand_quantity)::int from purchase_order_lines l join purchase_orders po on po.id = l.purchase_order_id
           where po.campaign_id = ${campaign.id}) as demand,
         (select sum(l.quantity)::int from purchase_order_lines l join purchase_orders po on po.id = l.purchase_order_id
           where po.campaign_id = ${campaign.id}) as po_units,
         (select sum(l.quantity)::int from sorting_list_lines l join sorting_lists sl on sl.id = l.sorting_list_id
           where sl.campaign_id = ${campaign.id}) as sorted`,
);
const traced = await one<{ rows: number; units: number }>(
  db,
  sql`select count(*)::int as rows, coalesce(sum(x.quantity), 0)::int as units from order_line_lots x
    join order_lines l on l.id = x.order_line_id join orders o on o.id = l.order_id where o.campaign_id = ${campaign.id}`,
);
console.log(
  JSON.stringify({
    db: 'postgres',
    history: HISTORY,
    stock: STOCK,
    lineLots: traced?.rows,
    lineLotUnits: traced?.units,
    orderLines: lineCount?.n,
    orders: ORDERS,
    customers: CUSTOMERS,
    products: PRODUCTS,
    pickupPoints: POINTS,
    cutoffSeconds: Math.round(seconds * 100) / 100,
    ...result,
    demandUnits: check?.demand,
    orderedUnits: check?.po_units,
    sortedUnits: check?.sorted,
  }),
);
await database.close();
