/**
 * Recall benchmark: a lot sold to 10,000 customers at 40 pickup points (each with a leader) on
 * PostgreSQL. Times the recall from the draft to the affected list, the confirmation (lines frozen,
 * the deal stopped, the lot's free units written off through the ledger, one notification per
 * customer and leader queued on the outbox) and the confirmed list. Target: under 5 s in all.
 *
 * The day's orders are bulk-generated with SQL (generate_series): a cut-off campaign whose purchase
 * order was received, its lines allocated to the lot (`order_lines.lot_id`), plus the lot's free
 * units in stock and an open campaign still selling the product.
 *
 *   npm run bench:recall [-- --customers 10000 --history empty|month|year]
 */
import { sql } from 'drizzle-orm';
import { loadavg } from 'node:os';
import { migrate, one, openDatabase } from '../server/src/db/client.js';
import { createCampaign } from '../server/src/modules/campaigns/service.js';
import { createPickupPoint, createRoute, createWarehouse } from '../server/src/modules/network/service.js';
import { createProduct, createSupplier } from '../server/src/modules/catalog/service.js';
import { affectedLines, createRecall, recallRow } from '../server/src/modules/recalls/service.js';
import { confirmRecall } from '../server/src/flows/recall.js';
import { historyArg, historyDatabase } from './history.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const CUSTOMERS = arg('customers', 10_000);
const POINTS = 40;
const FREE_UNITS = 500;
const HISTORY = historyArg(argv);
const load = loadavg()[0];

const url = await historyDatabase(HISTORY, 'linli_bench_recall');
const database = await openDatabase({ url, poolSize: 4 });
await migrate(database);
const db = database.db;

const t0 = Date.now();
const central = await createWarehouse(db, { name: '召回中心仓', kind: 'central' });
const grid = await createWarehouse(db, { name: '召回网格仓', kind: 'grid', parentId: central.id });
const route = await createRoute(db, { name: '召回线路', warehouseId: grid.id });
const points: string[] = [];
for (let p = 0; p < POINTS; p++)
  points.push((await createPickupPoint(db, { name: `召回自提点${p}`, address: `召回路${p}号`, routeId: route.id })).id);
const supplier = await createSupplier(db, { name: '召回供应商' });
const product = await createProduct(db, {
  name: '召回鲜奶',
  category: 'fresh',
  supplierId: supplier.id,
  unit: '瓶',
  listPriceFen: 1500,
  costFen: 800,
  temperatureZone: 'chilled',
  packSize: 1,
});
const now = Date.now();
const campaign = await createCampaign(db, {
  title: '召回团期',
  startsAt: new Date(now - 3 * 86_400_000).toISOString(),
  cutoffAt: new Date(now + 3_600_000).toISOString(),
  pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
  items: [{ productId: product.id, priceFen: 990 }],
});
// today's campaign still sells the product: the recall stops it
await createCampaign(db, {
  title: '今日团期',
  startsAt: new Date(now - 3_600_000).toISOString(),
  cutoffAt: new Date(now + 7_200_000).toISOString(),
  pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
  items: [{ productId: product.id, priceFen: 990 }],
});
const tag = `r${now.toString(36)}`;
await db.execute(sql`
  insert into users (phone, name, password_hash, invite_code)
  select '16' || lpad(g::text, 9, '0'), '召回顾客' || g, 'none', ${tag} || 'c' || g from generate_series(1, ${CUSTOMERS}) g
  on conflict do nothing`);
await db.execute(sql`
  with u as (
    insert into users (phone, name, password_hash, invite_code, roles)
    select '17' || lpad(g::text, 9, '0'), '召回团长' || g, 'none', ${tag} || 'l' || g, '{customer,leader}'::text[]
    from generate_series(1, ${POINTS}) g
    on conflict do nothing
    returning id, phone
  )
  insert into leaders (user_id, pickup_point_id, commission_bps)
  select u.id, p.id, 1000 from u
  join (select id, row_number() over (order by id) as n from pickup_points where id = any(${`{${points.join(',')}}`}::uuid[])) p
    on p.n = substr(u.phone, 3)::int`);
await db.execute(sql`update campaigns set status = 'cut_off', cut_off_at = now() where id = ${campaign.id}`);
const order = await one<{ po: string; lot: string }>(
  db,
  sql`
  with po as (
    insert into purchase_orders (campaign_id, supplier_id, warehouse_id, status, received_at)
    values (${campaign.id}, ${supplier.id}, ${central.id}, 'received', now()) returning id
  ), lot as (
    insert into lots (warehouse_id, product_id, purchase_order_id, quantity, remaining, expires_on)
    select ${central.id}::uuid, ${product.id}::uuid, po.id, ${CUSTOMERS * 2 + FREE_UNITS}, ${FREE_UNITS}, current_date + 7 from po
    returning id
  )
  select (select id from po) as po, (select id from lot) as lot`,
);
const lotId = order!.lot;
// the lot's free units: stock = movements = lots (decision 037)
await db.execute(sql`
  with s as (
    insert into warehouse_stock (warehouse_id, product_id, quantity) values (${central.id}, ${product.id}, ${FREE_UNITS})
    on conflict (warehouse_id, product_id) do update set quantity = warehouse_stock.quantity + excluded.quantity returning 1
  ), m as (
    insert into stock_movements (warehouse_id, product_id, kind, quantity, business_key, ref_id)
    values (${central.id}, ${product.id}, 'received', ${FREE_UNITS}, ${`receive:${order!.po}:${product.id}`}, ${order!.po})
    returning id
  )
  insert into stock_movement_lots (movement_id, lot_id, quantity) select id, ${lotId}::uuid, ${FREE_UNITS} from m`);
const item = await one<{ id: string; region_id: string }>(
  db,
  sql`select ci.id, c.region_id from campaign_items ci join campaigns c on c.id = ci.campaign_id where ci.campaign_id = ${campaign.id}`,
);
await db.execute(
  sql.raw(`
  create unlogged table bench_recall_users as select row_number() over (order by id) - 1 as n, id from users where invite_code like '${tag}c%';
  create unlogged table bench_recall_points as select row_number() over (order by id) - 1 as n, id from pickup_points
    where id in (${points.map((p) => `'${p}'`).join(', ')});
  insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, pickup_code, created_at)
  select u.id, '${item!.region_id}', '${campaign.id}', p.id, 'closed', 990 * (1 + u.n % 2), 990 * (1 + u.n % 2), now(),
    now() - make_interval(secs => u.n), null, now() - interval '1 day'
  from bench_recall_users u join bench_recall_points p on p.n = u.n % ${POINTS};
  insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status, lot_id)
  select o.id, '${item!.id}', '${product.id}', o.total_fen / 990, 1500, 990, o.total_fen, 'allocated', '${lotId}'
  from orders o where o.campaign_id = '${campaign.id}';
  drop table bench_recall_users, bench_recall_points;
  analyze;`),
);
const lines = await one<{ n: number; customers: number }>(
  db,
  sql`select count(*)::int as n, count(distinct o.user_id)::int as customers from order_lines l join orders o on o.id = l.order_id where o.campaign_id = ${campaign.id}`,
);
const admin = await one<{ id: string }>(db, sql`select id from users order by created_at limit 1`);
console.error(
  `set-up: ${lines?.n} lines of ${lines?.customers} customers in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);

const ms = (from: number) => Math.round(performance.now() - from);
const started = performance.now();
const draft = await createRecall(db, { scope: 'lot', lotId, reason: '抽检不合格' }, null, admin!.id);
const drafted = ms(started);
let t = performance.now();
const listedDraft = await affectedLines(db, await recallRow(db, draft.id, null), { fullPhones: false });
const previewMs = ms(t);
t = performance.now();
const confirmed = await confirmRecall(db, draft.id, null, admin!.id);
const confirmMs = ms(t);
t = performance.now();
const listed = await affectedLines(db, await recallRow(db, draft.id, null), { fullPhones: false });
const listMs = ms(t);
const totalMs = ms(started);
const queued = await one<{ n: number }>(
  db,
  sql`select count(*)::int as n from recall_notices where recall_id = ${draft.id}`,
);
console.log(
  JSON.stringify({
    db: 'postgres',
    history: HISTORY,
    loadBefore: Math.round(load * 100) / 100,
    customers: lines?.customers,
    lines: lines?.n,
    pickupPoints: POINTS,
    draftMs: drafted,
    draftListMs: previewMs,
    confirmMs,
    listMs,
    totalMs,
    listedLines: listed.length,
    draftLines: listedDraft.length,
    notificationsQueued: queued?.n,
    unitsBlocked: confirmed.progress.unitsBlocked,
    dealsClosed: confirmed.progress.dealsClosed,
    met: totalMs < 5000,
  }),
);
await database.close();
