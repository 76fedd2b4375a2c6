/**
 * Supplier scorecard benchmark: a month of 200 suppliers on PostgreSQL — 30 daily campaigns,
 * 1,000,000 paid order lines, the purchase orders they raised (one per supplier and campaign, a
 * line per product), receipts with accepted / rejected units and due times, after-sales claims on
 * 1 % of the lines, write-offs from the suppliers' lots. Times the month's scorecard computed live
 * (every figure and the ranking of all 200 suppliers), closing the month (stored once, suspension
 * proposals raised) and reading the closed month back.
 *
 * The data is generated set-based in SQL (generate_series) in the benchmark's own database.
 *
 *   npm run bench:scorecard [-- --lines 1000000 --suppliers 200]
 */
import { sql } from 'drizzle-orm';
import { migrate, one, openDatabase } from '../server/src/db/client.js';
import { createWarehouse } from '../server/src/modules/network/service.js';
import { closeScorecardMonth, monthRanking } from '../server/src/modules/suppliers/scorecard.js';
import { businessDate } from '../server/src/lib/time.js';
import { freshPostgres } from './lib.js';
import { ADMIN_URL } from './history.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const LINES = arg('lines', 1_000_000);
const SUPPLIERS = arg('suppliers', 200);
const PRODUCTS_PER_SUPPLIER = 5;
const PRODUCTS = SUPPLIERS * PRODUCTS_PER_SUPPLIER;
const DAYS = 30;
const CUSTOMERS = 20_000;
const LINES_PER_ORDER = 3;
const ORDERS = Math.ceil(LINES / LINES_PER_ORDER);

// last month (Asia/Shanghai): closed by the job after the live figures are timed
const today = businessDate(new Date());
const [y, m] = today.split('-').map(Number);
const MONTH = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);

const url = await freshPostgres(ADMIN_URL, 'linli_bench_scorecard');
const database = await openDatabase({ url, poolSize: 4 });
await migrate(database);
const db = database.db;
const t0 = Date.now();
const central = await createWarehouse(db, { name: '中心仓', kind: 'central' });

await db.execute(
  sql.raw(`
  insert into suppliers (name) select '供应商' || g from generate_series(1, ${SUPPLIERS}) g;
  create unlogged table bench_suppliers as select row_number() over (order by id) - 1 as n, id from suppliers;
  insert into products (name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone)
  select '商品' || g, 'fresh', s.id, '份', 1500, 500 + (g % 7) * 50, 'ambient'
  from generate_series(0, ${PRODUCTS - 1}) g join bench_suppliers s on s.n = g / ${PRODUCTS_PER_SUPPLIER};
  create unlogged table bench_products as
    select row_number() over (order by p.id) - 1 as n, p.id, p.supplier_id, p.cost_fen from products p;
  insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at)
  select r.id, '团期' || d, (date '${MONTH}-01' + d - 1)::timestamp at time zone 'Asia/Shanghai',
    (date '${MONTH}-01' + d)::timestamp at time zone 'Asia/Shanghai' - interval '2 hours',
    date '${MONTH}-01' + d, 'cut_off', (date '${MONTH}-01' + d)::timestamp at time zone 'Asia/Shanghai' - interval '2 hours'
  from generate_series(0, ${DAYS - 1}) d cross join (select id from regions order by created_at limit 1) r;
  create unlogged table bench_campaigns as select row_number() over (order by pickup_date) - 1 as n, id, region_id, pickup_date from campaigns;
  insert into campaign_items (campaign_id, product_id, price_fen)
  select c.id, p.id, 990 from bench_campaigns c cross join bench_products p;
  insert into users (phone, name, password_hash, invite_code)
  select '16' || lpad(g::text, 9, '0'), '顾客' || g, 'none', 'S' || g from generate_series(1, ${CUSTOMERS}) g;
  create unlogged table bench_users as select row_number() over () - 1 as n, id from users where phone like '16%';
`),
);
// the month's paid orders, 3 lines each, spread over the campaigns and products
await db.execute(
  sql.raw(`
  insert into orders (user_id, region_id, campaign_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
  select u.id, c.region_id, c.id, 'completed', 990 * 6, 990 * 6, now(), now(), now()
  from generate_series(0, ${ORDERS - 1}) g
  join bench_users u on u.n = g % ${CUSTOMERS}
  join bench_campaigns c on c.n = g % ${DAYS};
  create unlogged table bench_orders as select row_number() over () as r, id, campaign_id from orders;
  insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status)
  select o.id, ci.id, ci.product_id, k + 1, 1500, 990, 990 * (k + 1), 'picked_up'
  from bench_orders o cross join generate_series(0, ${LINES_PER_ORDER - 1}) k
  join bench_products p on p.n = (o.r * 7 + k * 13) % ${PRODUCTS}
  join campaign_items ci on ci.campaign_id = o.campaign_id and ci.product_id = p.id;
`),
);
// the purchase orders the cutoff raised: one per supplier and campaign, a line per product sold
await db.execute(
  sql.raw(`
  create unlogged table bench_demand as
    select o.campaign_id, l.product_id, sum(l.quantity)::int as units
    from order_lines l join orders o on o.id = l.order_id group by 1, 2;
  insert into purchase_orders (campaign_id, supplier_id, warehouse_id, status, created_at, expected_at, received_at)
  select c.id, s.id, '${central.id}', 'received', c.pickup_date - interval '1 day',
    (c.pickup_date + time '06:00') at time zone 'Asia/Shanghai',
    -- one delivery in nine is late
    (c.pickup_date + time '06:00') at time zone 'Asia/Shanghai' + case when (c.n + s.n) % 9 = 0 then interval '2 hours' else interval '-3 hours' end
  from bench_campaigns c cross join bench_suppliers s;
  insert into purchase_order_lines (purchase_order_id, product_id, demand_quantity, from_stock_quantity, quantity,
    accepted_quantity, rejected_quantity, unit_cost_fen)
  select po.id, d.product_id, d.units, 0, d.units,
    d.units - (d.units * (s.n % 10) / 100), (d.units * (s.n % 4) / 100), p.cost_fen
  from bench_demand d join bench_products p on p.id = d.product_id
  join purchase_orders po on po.campaign_id = d.campaign_id and po.supplier_id = p.supplier_id
  join bench_suppliers s on s.id = p.supplier_id;
  insert into lots (warehouse_id, product_id, purchase_order_id, quantity, remaining, expires_on, received_at)
  select po.warehouse_id, pol.product_id, po.id, pol.accepted_quantity, 0, current_date + 30, po.received_at
  from purchase_order_lines pol join purchase_orders po on po.id = pol.purchase_order_id;
`),
);
// after-sales claims on 1 % of the lines (a few rejected), and write-offs from a third of the lots
await db.execute(
  sql.raw(`
  create unlogged table bench_claimed as
    select l.id as line_id, l.order_id, o.user_id, l.quantity, row_number() over () as r
    from order_lines l join orders o on o.id = l.order_id where l.id::text like '0%' or l.id::text like '10%' limit ${Math.round(LINES / 100)};
  create unlogged table bench_refunds as
    select r, line_id, quantity, gen_random_uuid() as id, order_id, user_id from bench_claimed;
  insert into refunds (id, order_id, user_id, kind, reason, status, amount_fen, created_at)
  select id, order_id, user_id, 'aftersales', (array['quality','missing','wrong_item','other'])[1 + r % 4],
    case when r % 10 = 0 then 'rejected' else 'refunded' end, 990, now()
  from bench_refunds;
  insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) select id, line_id, 1, 990 from bench_refunds;
  create unlogged table bench_writeoffs as
    select l.id as lot_id, l.warehouse_id, l.product_id, greatest(1, l.quantity / 50) as units, gen_random_uuid() as movement_id,
      l.received_at + interval '1 day' as at
    from lots l where l.quantity > 0 and abs(hashtext(l.id::text)) % 3 = 0;
  insert into stock_movements (id, warehouse_id, product_id, kind, quantity, reason_code, created_at)
  select movement_id, warehouse_id, product_id, 'written_off', -units, 'damaged', least(at, (date '${MONTH}-01' + interval '1 month' - interval '1 hour') at time zone 'Asia/Shanghai')
  from bench_writeoffs;
  insert into stock_movement_lots (movement_id, lot_id, quantity) select movement_id, lot_id, -units from bench_writeoffs;
  drop table bench_suppliers, bench_products, bench_campaigns, bench_users, bench_orders, bench_demand, bench_claimed, bench_refunds, bench_writeoffs;
  analyze;
`),
);
const sizes = await one<{ lines: number; po_lines: number; pos: number; claims: number; writeoffs: number }>(
  db,
  sql`select (select count(*) from order_lines)::int as lines, (select count(*) from purchase_order_lines)::int as po_lines,
    (select count(*) from purchase_orders)::int as pos, (select count(*) from refund_lines)::int as claims,
    (select count(*) from stock_movements where kind = 'written_off')::int as writeoffs`,
);
console.error(`set-up: ${JSON.stringify(sizes)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const s = performance.now();
  const r = await f();
  return [r, Math.round(performance.now() - s)];
};
// warm the connection and the catalogue once (a running server has)
await monthRanking(db, MONTH);
const liveRuns: number[] = [];
let live: Awaited<ReturnType<typeof monthRanking>> | null = null;
for (let i = 0; i < 3; i++) {
  const [r, ms] = await time(() => monthRanking(db, MONTH));
  live = r;
  liveRuns.push(ms);
}
const [closed, closeMs] = await time(() => closeScorecardMonth(db, MONTH));
const [stored, storedMs] = await time(() => monthRanking(db, MONTH));
const same =
  JSON.stringify(live!.items.map((i) => [i.supplierId, i.score, i.rank])) ===
  JSON.stringify(stored.items.map((i) => [i.supplierId, i.score, i.rank]));
console.log(
  JSON.stringify({
    db: 'postgres',
    month: MONTH,
    suppliers: live!.items.length,
    orderLines: sizes?.lines,
    purchaseOrders: sizes?.pos,
    purchaseOrderLines: sizes?.po_lines,
    claimLines: sizes?.claims,
    writeOffs: sizes?.writeoffs,
    liveScorecardMs: liveRuns,
    closeMonthMs: closeMs,
    stored: closed.stored,
    proposals: closed.proposals,
    closedReadMs: storedMs,
    belowStandard: live!.items.filter((i) => i.belowStandard).length,
    closedEqualsLive: same,
  }),
);
await database.close();
