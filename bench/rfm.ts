/**
 * Customer segmentation benchmark (decision 047): the nightly RFM run — every customer's recency,
 * frequency, monetary, quintile scores, segment and behaviour tags (top category by spend, coupon
 * share, membership, dormancy), rebuilt whole with the week's snapshot — over 1,000,000 customers
 * in two regions on PostgreSQL, each with a year and a half of orders: a skewed number per customer
 * (0–19, about 6.3 on average, a third of the customers with none in the last 90 days), 1–2 lines
 * each. Then the console's reads on that table: the overview with the movement matrix, and the
 * segment builder's live count of a definition.
 *
 * The data is generated set-based in SQL (generate_series) in the benchmark's own database, which
 * is dropped at the end. The orders' and lines' secondary indexes and the lines' foreign key are
 * dropped before loading to keep the generation short: the RFM run reads both tables whole (hash
 * joins and aggregates) and uses none of them.
 *
 *   npm run bench:rfm [-- --customers 1000000]
 *   BENCH_KEEP=1 npm run bench:rfm          # keep the generated database (its name is printed)
 *   npm run bench:rfm -- --reuse <database> # time the run again on a kept database, then drop it
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrate, one, openDatabase } from '../server/src/db/client.js';
import { DEFAULT_REGION_ID } from '../server/src/modules/network/service.js';
import { computeRfm, countDefinition, rfmOverview } from '../server/src/modules/segments/service.js';
import { segmentDefinition } from '../server/src/modules/segments/rules.js';
import { freshPostgres } from './lib.js';
import { ADMIN_URL } from './history.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const CUSTOMERS = arg('customers', 1_000_000);
const POINTS = 400;
const reuseAt = argv.indexOf('--reuse');
const reuse = reuseAt >= 0 ? argv[reuseAt + 1]! : null;
if (reuse !== null && !/^linli_bench_rfm_\d+$/.test(reuse))
  throw new Error('--reuse takes a database this benchmark made');
const name = reuse ?? `linli_bench_rfm_${process.pid}`;
const url = reuse
  ? Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString()
  : await freshPostgres(ADMIN_URL, name);
console.log(`database ${name}`);
const database = await openDatabase({ url, poolSize: 4 });
const seconds = (ms: number) => (ms / 1000).toFixed(1);

try {
  if (!reuse) await generate();
  await timeRuns();
} finally {
  await database.close();
  if (process.env.BENCH_KEEP) process.exit(0);
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}

async function generate() {
  await migrate(database);
  const db = database.db;
  const t0 = Date.now();
  await db.execute(
    sql.raw(`
  insert into regions (id, name, time_zone) values ('00000000-0000-4000-8000-0000000000b2', '乌鲁木齐', 'Asia/Urumqi');
  insert into suppliers (name) values ('供应商');
  insert into warehouses (region_id, name, kind) select id, '中心仓', 'central' from regions;
  insert into routes (region_id, name, warehouse_id) select region_id, '线路', id from warehouses;
  insert into pickup_points (region_id, name, address, route_id)
    select r.region_id, '自提点' || g, '地址', r.id from generate_series(0, ${POINTS - 1}) g
    join routes r on r.region_id = case when g % 4 = 0 then '00000000-0000-4000-8000-0000000000b2'::uuid else '${DEFAULT_REGION_ID}'::uuid end;
  create unlogged table bench_points as select row_number() over (order by id) - 1 as n, id from pickup_points;
  insert into products (name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone)
    select '商品' || g, (array['fresh','fresh','fresh','meat_eggs','seafood','dairy','grain_oil','snacks','daily'])[1 + g % 9],
      (select id from suppliers), '份', 500 + g * 40, 300, 'ambient'
    from generate_series(0, 59) g;
  create unlogged table bench_products as select row_number() over (order by id) - 1 as n, id, list_price_fen from products;
  `),
  );
  // customers: 2 % without a pickup point, 10 % paid members, 5 % registered in the last month
  await db.execute(
    sql.raw(`
  insert into users (phone, name, password_hash, roles, pickup_point_id, invite_code, membership_until, created_at)
  select '1' || lpad(g::text, 10, '0'), '顾客', 'x', '{customer}', case when g % 50 = 0 then null else p.id end,
    'B' || g, case when g % 10 = 0 then now() + (g % 300 - 60) * interval '1 day' end,
    now() - case when g % 20 = 0 then (g % 30) else 700 end * interval '1 day'
  from generate_series(1, ${CUSTOMERS}) g join bench_points p on p.n = g % ${POINTS};
  `),
  );
  const tUsers = Date.now();
  await db.execute(
    sql.raw(`
  alter table order_lines drop constraint if exists order_lines_order_id_orders_id_fk;
  do $$ declare i record; begin
    for i in select indexname from pg_indexes where tablename in ('orders', 'order_lines') and indexname not like '%_pkey' loop
      execute 'drop index ' || quote_ident(i.indexname);
    end loop;
  end $$;
  create unlogged table bench_users as
    select u.id, coalesce(p.region_id, '${DEFAULT_REGION_ID}'::uuid) as region_id, u.pickup_point_id, u.created_at,
      floor(power(random(), 2) * 20)::int as n, random() as pace
    from users u left join pickup_points p on p.id = u.pickup_point_id;
  insert into orders (id, user_id, region_id, pickup_point_id, status, subtotal_fen, total_fen, refunded_fen, coupon_id,
    expires_at, paid_at, created_at)
  select gen_random_uuid(), u.id, u.region_id, u.pickup_point_id,
    case when random() < 0.03 then 'cancelled' else 'completed' end,
    t.fen, t.fen, case when random() < 0.05 then t.fen / 3 else 0 end,
    case when random() < 0.25 then gen_random_uuid() end,
    t.at + interval '15 minutes', t.at, t.at
  from bench_users u cross join lateral generate_series(1, u.n) k
  cross join lateral (select greatest(u.created_at, now() - (random() * (20 + 520 * u.pace)) * interval '1 day') as at,
    (1500 + random() * 8000)::int as fen) t;
  insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, refunded_fen)
  select o.id, o.id, p.id, 1, o.total_fen - s.part, o.total_fen - s.part, o.total_fen - s.part,
    case when o.refunded_fen > 0 then least(o.refunded_fen, o.total_fen - s.part) else 0 end
  from orders o cross join lateral (select case when o.total_fen % 2 = 0 then o.total_fen / 2 else 0 end as part) s
  join bench_products p on p.n = (hashtext(o.user_id::text) & 1023) % 60 + (case when o.total_fen % 5 = 0 then 1 else 0 end);
  insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, refunded_fen)
  select o.id, gen_random_uuid(), p.id, 1, o.total_fen / 2, o.total_fen / 2, o.total_fen / 2, 0
  from orders o join bench_products p on p.n = o.total_fen % 60 where o.total_fen % 2 = 0;
  analyze;
  `),
  );
  const tLoad = Date.now();
  console.log(`generated in ${seconds(tUsers - t0)} s (customers) + ${seconds(tLoad - tUsers)} s (orders and lines)`);
}

async function timeRuns() {
  const db = database.db;
  const sizes = await one<{ customers: number; orders: number; lines: number }>(
    db,
    sql`select (select count(*)::int from users) as customers, (select count(*)::int from orders) as orders,
      (select count(*)::int from order_lines) as lines`,
  );
  console.log(`${sizes!.customers} customers, ${sizes!.orders} orders, ${sizes!.lines} lines`);

  const runs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t = Date.now();
    const r = await computeRfm(db);
    runs.push(Date.now() - t);
    console.log(`RFM and tags run ${i + 1}: ${r.customers} customers in ${seconds(runs[i]!)} s`);
  }
  const t1 = Date.now();
  const o = await rfmOverview(db, null);
  const tOverview = Date.now() - t1;
  console.log(
    `overview with movement matrix: ${tOverview} ms; segments ${o.segments.map((s) => `${s.segment} ${s.customers}`).join(', ')}`,
  );
  const def = segmentDefinition.parse({
    conditions: [
      { field: 'segment', in: ['important_winback', 'important_retain'] },
      { field: 'dormant', is: true },
      { field: 'priceSensitivity', in: ['medium', 'high'] },
    ],
  });
  const t2 = Date.now();
  const c = await countDefinition(db, null, def);
  console.log(`builder live count: ${c.customers} of ${c.outOf} in ${Date.now() - t2} ms`);
  const best = Math.min(...runs);
  console.log(
    `\nRESULT rfm customers=${sizes!.customers} orders=${sizes!.orders} best_run_s=${seconds(best)} target<60s ${best < 60_000 ? 'MET' : 'MISSED'}`,
  );
}
