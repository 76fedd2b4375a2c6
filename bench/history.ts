/**
 * History databases: PostgreSQL databases holding a month or a year of one city's trade, built once
 * as templates and copied for each benchmark run, so every benchmark can be measured on a database
 * with history as well as on an empty one.
 *
 *   npm run bench:history -- --build year|month [--force]     build (or rebuild) a template
 *   npm run bench:history -- --verify year|month              re-run the consistency checks on a template
 *   npm run bench:history -- --copy year|month [--name db]    make a copy and print its URL
 *
 * historyDatabase(kind, name) returns the URL of a fresh database `name`: empty (migrated by the server at
 * start), or a FILE_COPY of the template `linli_history_<kind>` (built first when missing, rebuilt when the
 * migrations or this generator changed; migrations added since are applied to it instead). The template's
 * database comment records what it was built from.
 *
 * What a template holds (one region, the city; `year` = 365 past days plus today, `month` = the last 30 days
 * plus today, same shape): 1 central and 4 grid warehouses, 10 routes, 100 pickup points each with its
 * leader (commission 8–12 %), 20 suppliers, 300 products in the 7 base categories, 60,000 customers
 * (5 % of them paying members, bought during the history), one campaign per day with 60–100 deals,
 * ≈9,600 orders a day with a weekly pattern (≈3.5 M orders and ≈10 M lines for a year), and what the
 * services would have written for them:
 *   - past campaigns cut off, with purchase orders (received), sorting lists (arrived) and delivery manifests;
 *   - 3 % of orders expired unpaid (cancelled), 1.5 % paid and cancelled by the customer (refund of kind
 *     cancel); the rest closed at cutoff and completed (lines picked up); yesterday's campaign is 40 % still
 *     ready at the pickup point; 2 % of lines short (refund kind shortage) and 1 % lost on arrival (refund
 *     kind arrival_loss), each with refund lines, a provider refund and the outbox messages;
 *   - a succeeded payment and its provider event per paid order, `paid`/`arrived`/`picked_up`/`refund`
 *     notifications delivered through the outbox;
 *   - commission per picked-up line (pending, settled after 7 days into available), monthly paid
 *     withdrawals, leader_accounts equal to the sums of their entries;
 *   - points: an opening balance of 500 per customer (entry reason `opening`: what they earned before the
 *     history), earned on completion (order_rewards; base rate, twice for members), redeemed at checkout,
 *     balances equal to the sums of points_entries; growth likewise; coupons (two templates) and a full
 *     reduction (满99减10, ended a week ago) used by some orders; member prices on every 5th deal;
 *   - today's campaign open with its deals and the day's paid orders so far.
 * Simplifications: the tier multiplier of points is not applied (the base rate, ×2 for members), lots and
 * warehouse stock are not generated (order_lines.lot_id is null), no referrals, reviews or check-ins.
 *
 * Sign-in (every template): admin 13900000000 / bench-admin-pass; leader of point i (0–99)
 * 185000000ii (1850000 0000 + i) / bench-pass-1; customer n (0–59,999) 186 followed by n in 8 digits / bench-pass-1.
 * Customer n picks up at point n % 100; customers with n % 20 = 0 are members.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate, openDatabase } from '../server/src/db/client.js';
import { hashPassword } from '../server/src/lib/password.js';
import { rebuildDailyRollups } from '../server/src/modules/analytics/rollups.js';
import { freshPostgres } from './lib.js';

export type HistoryKind = 'empty' | 'month' | 'year';
export const HISTORY_KINDS: readonly HistoryKind[] = ['empty', 'month', 'year'];

/** Bumped whenever the generated data changes shape, so templates built by an older generator are rebuilt. */
const GENERATOR_VERSION = 2;
const DAYS: Record<'month' | 'year', number> = { month: 30, year: 365 };
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BUILD_LOCK = 7_345_022;

export const HISTORY_CREDENTIALS = {
  admin: { phone: '13900000000', password: 'bench-admin-pass' },
  password: 'bench-pass-1',
  leaderPhone: (point: number) => `185${String(point).padStart(8, '0')}`,
  customerPhone: (n: number) => `186${String(n).padStart(8, '0')}`,
  customers: 60_000,
  points: 100,
};

/** `--history empty|month|year` from a benchmark's arguments (default empty). */
export function historyArg(argv: string[] = process.argv.slice(2)): HistoryKind {
  const i = argv.indexOf('--history');
  const value = i >= 0 ? argv[i + 1] : 'empty';
  if (!HISTORY_KINDS.includes(value as HistoryKind))
    throw new Error(`--history must be one of ${HISTORY_KINDS.join('|')}`);
  return value as HistoryKind;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../server/src/db/migrations');

/** Each migration, in order, by its tag and the hash of its SQL. */
function migrationList(): string[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map(
    ({ tag }) =>
      `${tag}:${createHash('sha1')
        .update(readFileSync(join(MIGRATIONS, `${tag}.sql`)))
        .digest('hex')
        .slice(0, 12)}`,
  );
}

/** What a template must have been built from: the migrations and this generator's version. */
export function historyFingerprint(migrations = migrationList()): string {
  return createHash('sha1')
    .update(`generator ${GENERATOR_VERSION}\n${migrations.join('\n')}`)
    .digest('hex')
    .slice(0, 16);
}

function urlOf(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

const templateName = (kind: 'month' | 'year') => `linli_history_${kind}`;

interface TemplateInfo {
  fingerprint: string;
  /** the migrations applied to it, as `tag:hash`; newer ones are applied on top instead of a rebuild */
  migrations?: string[];
  generator?: number;
  builtAt: string;
  days: number;
  seconds?: number;
}

async function templateInfo(admin: pg.Client, name: string): Promise<TemplateInfo | null | undefined> {
  const r = await admin.query<{ comment: string | null }>(
    `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
    [name],
  );
  if (!r.rows.length) return undefined; // no such database
  try {
    return JSON.parse(r.rows[0].comment ?? '') as TemplateInfo;
  } catch {
    return null; // exists, but no valid record: not a finished template
  }
}

/**
 * A fresh database `name` for a benchmark run. `empty`: created empty (the server migrates it). `month` and
 * `year`: a copy of the history template, built first if missing or stale. The open campaign is moved to
 * now, so a template built days ago still has a campaign open for orders.
 */
/** Flushes what the system still has to write and waits (up to 2 minutes) until the disks have been idle for 3 s; returns the seconds waited. */
async function diskSettled(): Promise<number> {
  const t0 = Date.now();
  execFileSync('sync');
  const written = () =>
    readFileSync('/proc/diskstats', 'utf8')
      .split('\n')
      .reduce((sum, line) => sum + (Number(line.trim().split(/\s+/)[9]) || 0), 0);
  let quiet = 0;
  let last = written();
  while (quiet < 3 && Date.now() - t0 < 120_000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = written();
    // sectors written in that second: under 8 MB counts as idle
    quiet = now - last < 16_384 ? quiet + 1 : 0;
    last = now;
  }
  return (Date.now() - t0) / 1000;
}

export async function historyDatabase(kind: HistoryKind, name: string): Promise<string> {
  if (kind === 'empty') return freshPostgres(ADMIN_URL, name);
  await ensureTemplate(kind);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const t0 = Date.now();
    // one copy at a time: a year's copy takes 23 GB, and each benchmark keeps its copy after it ends
    // (to look into); benchmarks run one at a time, so the copies of the others are dropped here
    const { rows: copies } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'linli\\_bench\\_%' and datname <> $1`,
      [name],
    );
    for (const { datname } of copies) {
      await admin.query(`drop database if exists ${datname} with (force)`);
      console.error(`history: dropped the earlier copy ${datname}`);
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name} template ${templateName(kind)} strategy file_copy`);
    const info = await templateInfo(admin, templateName(kind));
    const ageDays = info ? (Date.now() - Date.parse(info.builtAt)) / 86_400_000 : 0;
    if (ageDays > 7)
      console.error(
        `history: the ${kind} template is ${ageDays.toFixed(0)} days old; its last days are that far back (rebuild with --build ${kind} --force)`,
      );
    const c = new pg.Client({ connectionString: urlOf(name) });
    await c.connect();
    await c.query(`
      update campaigns set starts_at = least(starts_at, now() - interval '6 hours'),
        cutoff_at = greatest(cutoff_at, now() + interval '6 hours'),
        pickup_date = greatest(pickup_date, ((now() + interval '6 hours') at time zone 'Asia/Shanghai')::date + 1)
      where status = 'open'`);
    // The copy writes (and dropping the earlier copy frees) some 23 GB: the disk stays busy with it
    // for a while after CREATE DATABASE returns, and a benchmark started then measures that writeback
    // (commits waiting 7–10 ms for their WAL flush instead of 0.3 ms). Wait until it is done.
    await c.query('checkpoint');
    await c.end();
    const settled = await diskSettled();
    console.error(
      `history: ${name} copied from ${templateName(kind)} in ${((Date.now() - t0) / 1000).toFixed(1)} s (disk settled in ${settled.toFixed(1)} s)`,
    );
  } finally {
    await admin.end();
  }
  return urlOf(name);
}

/**
 * Builds the template when it is missing, unfinished, or built by another generator or from migrations that
 * changed since; when only new migrations were added, applies them to the template as they would be applied to
 * a running shop's database. One builder at a time.
 */
export async function ensureTemplate(kind: 'month' | 'year', force = false): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [BUILD_LOCK]);
    const info = await templateInfo(admin, templateName(kind));
    const migrations = migrationList();
    const fingerprint = historyFingerprint(migrations);
    if (!force && info && info.fingerprint === fingerprint) return;
    const applied = info?.migrations;
    if (
      !force &&
      info &&
      applied &&
      info.generator === GENERATOR_VERSION &&
      applied.every((m, i) => migrations[i] === m)
    ) {
      await migrateTemplate(kind, info, migrations.slice(applied.length));
      await admin.query(
        `comment on database ${templateName(kind)} is '${JSON.stringify({ ...info, fingerprint, migrations })}'`,
      );
      return;
    }
    if (info) console.error(`history: ${templateName(kind)} was built from other migrations or generator; rebuilding`);
    await buildTemplate(admin, kind, fingerprint, migrations);
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [BUILD_LOCK]).catch(() => {});
    await admin.end();
  }
}

/** Applies the migrations added since the template was built (and refreshes the statistics they may need). */
async function migrateTemplate(kind: 'month' | 'year', info: TemplateInfo, added: string[]) {
  const t0 = Date.now();
  console.error(`history: applying ${added.map((m) => m.split(':')[0]).join(', ')} to ${templateName(kind)}`);
  const database = await openDatabase({ url: urlOf(templateName(kind)), poolSize: 2 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  const c = new pg.Client({ connectionString: urlOf(templateName(kind)) });
  await c.connect();
  await c.query('vacuum (analyze)').finally(() => c.end());
  console.error(
    `history: ${templateName(kind)} migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s (built ${info.builtAt})`,
  );
}

async function buildTemplate(
  admin: pg.Client,
  kind: 'month' | 'year',
  fingerprint: string,
  migrations: string[],
): Promise<void> {
  const started = Date.now();
  const building = `${templateName(kind)}_build`;
  await admin.query(`drop database if exists ${building} with (force)`);
  await admin.query(`create database ${building}`);
  const database = await openDatabase({ url: urlOf(building), poolSize: 2 }); // migrate holds one connection for its lock
  await migrate(database);
  await database.close();
  const c = new pg.Client({ connectionString: urlOf(building) });
  await c.connect();
  const days = DAYS[kind];
  try {
    await generate(c, days);
    await timed(c, 'vacuum analyze', 'vacuum (analyze)');
    // The dashboard reads closed days from the daily rollups, which the rollup job would fill on its
    // own; filled here so a benchmark measures the dashboard as a shop that has been running sees it.
    const t0 = Date.now();
    const rolled = await openDatabase({ url: urlOf(building), poolSize: 2 });
    await rebuildDailyRollups(rolled.db);
    await rolled.close();
    await c.query(
      'analyze analytics_days, analytics_day_hours, analytics_day_points, analytics_day_products, analytics_day_buyers',
    );
    console.error(`history: daily rollups in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const problems = await verifyHistory(c);
    if (problems.length) throw new Error(`history: the generated data is inconsistent:\n  ${problems.join('\n  ')}`);
    console.error('history: consistency checks passed');
    await printCounts(c);
  } finally {
    await c.end();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const info: TemplateInfo = {
    fingerprint,
    migrations,
    generator: GENERATOR_VERSION,
    builtAt: new Date().toISOString(),
    days,
    seconds,
  };
  await admin.query(`drop database if exists ${templateName(kind)} with (force)`);
  await admin.query(`alter database ${building} rename to ${templateName(kind)}`);
  await admin.query(`comment on database ${templateName(kind)} is '${JSON.stringify(info)}'`);
  const size = await admin.query<{ size: string }>(`select pg_size_pretty(pg_database_size($1)) as size`, [
    templateName(kind),
  ]);
  console.error(`history: ${templateName(kind)} built in ${seconds} s, ${size.rows[0].size}`);
}

async function timed(c: pg.Client, label: string, text: string): Promise<void> {
  const t0 = Date.now();
  const r = await c.query(text);
  const rows = typeof r.rowCount === 'number' && r.command !== 'SELECT' ? ` (${r.rowCount} rows)` : '';
  console.error(`history: ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s${rows}`);
}

const BIG_TABLES = [
  'orders',
  'order_lines',
  'payments',
  'payment_events',
  'provider_refunds',
  'refunds',
  'refund_lines',
  'ledger_entries',
  'points_entries',
  'growth_entries',
  'order_rewards',
  'outbox',
  'notifications',
  'coupons',
  'customer_item_holdings',
  'sorting_list_lines',
  'campaign_items',
];

/**
 * Every index and key of the big tables, as their definitions: dropped before the bulk load and created again
 * from these same definitions afterwards (a bulk load into indexed tables is several times slower).
 */
async function dropIndexes(c: pg.Client): Promise<{ constraints: string[]; foreign: string[]; indexes: string[] }> {
  const list = `(${BIG_TABLES.map((t) => `'${t}'`).join(',')})`;
  const cons = await c.query<{ tbl: string; name: string; def: string; type: string }>(`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def, contype as type
    from pg_constraint where contype in ('p', 'u', 'f')
      and (conrelid::regclass::text in ${list} or (contype = 'f' and confrelid::regclass::text in ${list}))`);
  const idx = await c.query<{ name: string; def: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i where i.indrelid::regclass::text in ${list}
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`);
  const foreign = cons.rows.filter((r) => r.type === 'f');
  const keys = cons.rows.filter((r) => r.type !== 'f');
  for (const f of foreign) await c.query(`alter table ${f.tbl} drop constraint ${f.name}`);
  for (const k of keys) await c.query(`alter table ${k.tbl} drop constraint ${k.name}`);
  for (const i of idx.rows) await c.query(`drop index ${i.name}`);
  return {
    constraints: keys.map((k) => `alter table ${k.tbl} add constraint ${k.name} ${k.def}`),
    foreign: foreign.map((f) => `alter table ${f.tbl} add constraint ${f.name} ${f.def}`),
    indexes: idx.rows.map((i) => i.def),
  };
}

/** The whole generator: set-based statements over small unlogged helper tables (h_*), dropped at the end. */
async function generate(c: pg.Client, D: number): Promise<void> {
  const hash = await hashPassword(HISTORY_CREDENTIALS.password);
  const adminHash = await hashPassword(HISTORY_CREDENTIALS.admin.password);
  await c.query(`set session_replication_role = replica`); // no FK triggers during the load (keys re-added and checked after)
  await c.query(`set maintenance_work_mem = '512MB'`);
  await c.query(`set work_mem = '256MB'`);
  await c.query(`set synchronous_commit = off`);
  await c.query(`set max_parallel_workers_per_gather = 0`); // keeps the helpers' row order = time order
  await c.query(`set jit = off`);
  await c.query(`set wal_compression = on`);
  // a pseudo-random non-negative int from a key and a salt
  await c.query(`create function pg_temp.bh(x bigint, s int) returns bigint language sql immutable parallel safe
    as $$ select (hashint8(x * 131 + s) & 2147483647)::bigint $$`);
  const saved = await dropIndexes(c);
  const R = `'00000000-0000-4000-8000-000000000001'::uuid`;
  const TZ = `'Asia/Shanghai'`;
  const at = (day: string, time: string) => `((${day} + time '${time}') at time zone ${TZ})`;
  const steps: [string, string][] = [
    [
      'parameters',
      `create unlogged table h_params as select (now() at time zone ${TZ})::date as t0, now() as built_at, ${D} as days`,
    ],
    // ---- network, leaders, catalogue, people
    [
      'warehouses',
      `create unlogged table h_wh as select g as wn, gen_random_uuid() as id from generate_series(0, 4) g;
       insert into warehouses (id, region_id, name, kind, parent_id, created_at)
       select w.id, ${R}, case when wn = 0 then '中心仓' else '网格仓' || wn end, case when wn = 0 then 'central' else 'grid' end,
         case when wn = 0 then null else (select id from h_wh where wn = 0) end, (select built_at from h_params) - make_interval(days => ${D + 30})
       from h_wh w order by wn`,
    ],
    [
      'routes',
      `create unlogged table h_routes as select g as rn, gen_random_uuid() as id, 1 + g % 4 as wn from generate_series(0, 9) g;
       insert into routes (id, region_id, name, warehouse_id, created_at)
       select r.id, ${R}, '线路' || (rn + 1), w.id, (select built_at from h_params) - make_interval(days => ${D + 30})
       from h_routes r join h_wh w using (wn) order by rn`,
    ],
    [
      'pickup points',
      `create unlogged table h_points as
       select g as pn, gen_random_uuid() as id, g % 10 as rn, gen_random_uuid() as leader_id, gen_random_uuid() as leader_user_id,
         800 + (g % 5) * 100 as bps
       from generate_series(0, 99) g;
       insert into pickup_points (id, region_id, name, address, route_id, lat, lng, created_at)
       select p.id, ${R}, '邻里自提点' || (pn + 1), '幸福路' || (pn + 1) || '号', r.id, 31.2 + (pn / 10) * 0.01, 121.4 + (pn % 10) * 0.01,
         (select built_at from h_params) - make_interval(days => ${D + 30})
       from h_points p join h_routes r using (rn) order by pn`,
    ],
    [
      'suppliers and products',
      `create unlogged table h_sup as select g as sn, gen_random_uuid() as id from generate_series(0, 19) g;
       insert into suppliers (id, name, created_at) select id, '供应商' || (sn + 1), (select built_at from h_params) - make_interval(days => ${D + 30}) from h_sup;
       create unlogged table h_products as
       select g as pn, gen_random_uuid() as id, (array['fresh','meat_eggs','seafood','dairy','grain_oil','snacks','daily'])[1 + g % 7] as category,
         300 + (g * 37 % 60) * 50 as list_price, g % 20 as sn, 1 + (g % 4) * 5 as pack
       from generate_series(0, 299) g;
       insert into products (id, name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, shelf_life_days, pack_size, created_at)
       select p.id, '商品' || (pn + 1), category, s.id, (array['份','斤','盒','袋','瓶'])[1 + pn % 5], list_price, list_price * 6 / 10,
         case category when 'seafood' then 'frozen' when 'meat_eggs' then 'chilled' when 'dairy' then 'chilled' else 'ambient' end,
         case category when 'fresh' then 3 when 'dairy' then 10 else 180 end, pack,
         (select built_at from h_params) - make_interval(days => ${D + 30})
       from h_products p join h_sup s using (sn) order by pn`,
    ],
    [
      'users and leaders',
      `insert into users (phone, name, password_hash, roles, invite_code, created_at)
       values ('${HISTORY_CREDENTIALS.admin.phone}', '管理员', '${adminHash}', '{admin,customer}', 'HADMIN00', (select built_at from h_params) - make_interval(days => ${D + 30}));
       insert into users (id, phone, name, password_hash, roles, pickup_point_id, invite_code, created_at)
       select leader_user_id, '185' || lpad(pn::text, 8, '0'), '团长' || (pn + 1), '${hash}', '{customer,leader}', id, 'HL' || lpad(pn::text, 6, '0'),
         (select built_at from h_params) - make_interval(days => ${D + 30})
       from h_points order by pn;
       insert into leaders (id, user_id, pickup_point_id, commission_bps, created_at)
       select leader_id, leader_user_id, id, bps, (select built_at from h_params) - make_interval(days => ${D + 30}) from h_points order by pn;
       insert into leader_accounts (leader_id) select leader_id from h_points order by pn`,
    ],
    [
      'customers',
      `create unlogged table h_users as
       select g as un, gen_random_uuid() as id, g % 100 as pn,
         case when g % 20 = 0 then (select ((t0 - ${D} + 1 + (pg_temp.bh(g, 77) % ${D - 1})::int)::timestamp + time '20:00') at time zone ${TZ} from h_params) end as member_since
       from generate_series(0, ${HISTORY_CREDENTIALS.customers - 1}) g;
       insert into users (id, phone, name, password_hash, roles, pickup_point_id, invite_code, created_at)
       select u.id, '186' || lpad(un::text, 8, '0'), '顾客' || (un + 1), '${hash}', '{customer}', p.id, 'HC' || lpad(un::text, 6, '0'),
         (select built_at from h_params) - make_interval(days => ${D} + 1 + (un % 200)::int)
       from h_users u join h_points p using (pn) order by un`,
    ],
    // ---- promotions
    [
      'promotions',
      `create unlogged table h_promo as select gen_random_uuid() as fr_id, gen_random_uuid() as ct_amount, gen_random_uuid() as ct_percent;
       insert into full_reduction_promotions (id, name, starts_at, ends_at, tiers, status, created_at)
       select fr_id, '满99减10', ${at(`(select t0 from h_params) - ${D}`, '00:00')}, ${at(`(select t0 from h_params) - 7`, '00:00')},
         '[{"thresholdFen":9900,"discountFen":1000}]', 'active', ${at(`(select t0 from h_params) - ${D + 1}`, '12:00')} from h_promo;
       insert into coupon_templates (id, name, kind, threshold_fen, discount_fen, percent_off_bps, max_discount_fen, valid_from, valid_to,
         per_customer_limit, claimable, created_at)
       select ct_amount, '满30减5', 'amount', 3000, 500, null, null, ${at(`(select t0 from h_params) - ${D + 10}`, '00:00')},
         ${at(`(select t0 from h_params) + 60`, '00:00')}, 100, true, ${at(`(select t0 from h_params) - ${D + 10}`, '00:00')} from h_promo
       union all
       select ct_percent, '九折券', 'percent', 5000, null, 1000, 1000, ${at(`(select t0 from h_params) - ${D + 10}`, '00:00')},
         ${at(`(select t0 from h_params) + 60`, '00:00')}, 100, true, ${at(`(select t0 from h_params) - ${D + 10}`, '00:00')} from h_promo`,
    ],
    // ---- campaigns and deals: d = 0 is today (open), d = 1..D the past days
    [
      'campaigns',
      `create unlogged table h_days as
       with x as (
         select d, t0 - d as day, 60 + (d * 7) % 41 as m,
           case when d = 0 then 3840 else round(9600 * (array[0.92, 0.90, 0.95, 0.98, 1.05, 1.15, 1.05])[extract(isodow from t0 - d)::int])::int end as n
         from h_params, generate_series(${D}, 0, -1) d)
       select d, day, m, n, coalesce(sum(n) over (order by day rows between unbounded preceding and 1 preceding), 0)::bigint as o_start,
         gen_random_uuid() as campaign_id
       from x order by day;
       insert into campaigns (id, region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at, created_at)
       select campaign_id, ${R}, to_char(day, 'MM月DD日') || '团购',
         case when d = 0 then least(${at('day', '00:00')}, built_at - interval '6 hours') else ${at('day', '00:00')} end,
         case when d = 0 then greatest(${at('day', '23:00')}, built_at + interval '6 hours') else ${at('day', '23:00')} end,
         day + 1, case when d = 0 then 'open' else 'cut_off' end, case when d = 0 then null else ${at('day', '23:00')} end,
         ${at('day - 1', '15:00')}
       from h_days, h_params order by day`,
    ],
    [
      'campaign items',
      `create unlogged table h_items as
       select d, j, gen_random_uuid() as id, campaign_id, p.id as product_id, p.list_price, p.category, p.sn, p.pack, p.pn,
         (p.list_price * 7 / 100) * 10 as price,
         case when j % 5 = 0 then (p.list_price * 7 / 100) * 10 - 100 end as member_price,
         case when j % 10 = 3 then 20 end as per_customer_limit
       from h_days cross join generate_series(0, m - 1) j join h_products p on p.pn = (d * 37 + j) % 300;
       insert into campaign_items (id, campaign_id, product_id, price_fen, member_price_fen, per_customer_limit, position)
       select id, campaign_id, product_id, price, member_price, per_customer_limit, j from h_items order by d desc, j`,
    ],
    // ---- orders: one row per order with its (up to 5) lines as arrays
    [
      'order plan',
      `create unlogged table h_o1 as
       select o, d, day, m, campaign_id, created_at, un, lines, cls,
         ${[0, 1, 2, 3, 4].map((k) => `(pg_temp.bh(o, 3) + ${k * 7}) % m as j${k}, case when pg_temp.bh(o, ${10 + k}) % 10 < 6 then 1 when pg_temp.bh(o, ${10 + k}) % 10 < 9 then 2 else 3 end as q${k}`).join(',\n         ')}
       from (
         select dd.d, dd.day, dd.m, dd.campaign_id, dd.o_start + g + 1 as o,
           case when dd.d = 0 then least(${at('dd.day', '00:00')} + make_interval(secs => (pg_temp.bh(dd.o_start + g + 1, 4) % 82000)::int),
                                         p.built_at - make_interval(secs => (pg_temp.bh(dd.o_start + g + 1, 4) % 21600)::int))
                else ${at('dd.day', '00:00')} + make_interval(secs => (pg_temp.bh(dd.o_start + g + 1, 4) % 82000)::int) end as created_at,
           pg_temp.bh(dd.o_start + g + 1, 1) % ${HISTORY_CREDENTIALS.customers} as un,
           case when pg_temp.bh(dd.o_start + g + 1, 5) % 100 < 14 then 1 when pg_temp.bh(dd.o_start + g + 1, 5) % 100 < 39 then 2
                when pg_temp.bh(dd.o_start + g + 1, 5) % 100 < 69 then 3 when pg_temp.bh(dd.o_start + g + 1, 5) % 100 < 89 then 4 else 5 end as lines,
           case when pg_temp.bh(dd.o_start + g + 1, 2) % 1000 < 30 then 'expired'
                when dd.d = 0 then 'paid'
                when pg_temp.bh(dd.o_start + g + 1, 2) % 1000 < 45 then 'cancelled'
                when dd.d = 1 and pg_temp.bh(dd.o_start + g + 1, 6) % 10 < 4 then 'ready'
                else 'completed' end as cls
         from h_days dd cross join h_params p cross join lateral generate_series(0, dd.n - 1) g
       ) x`,
    ],
    [
      'order prices',
      `create unlogged table h_o2 as
       select a.*, u.id as user_id, u.pn, coalesce(u.member_since < a.created_at, false) as member,
         array[${[0, 1, 2, 3, 4].map((k) => `i${k}.id`).join(', ')}] as item,
         array[${[0, 1, 2, 3, 4].map((k) => `i${k}.product_id`).join(', ')}] as product,
         array[${[0, 1, 2, 3, 4].map((k) => `i${k}.list_price`).join(', ')}] as lp,
         array[${[0, 1, 2, 3, 4].map((k) => `case when u.member_since < a.created_at and i${k}.member_price < i${k}.price then i${k}.member_price else i${k}.price end`).join(', ')}] as up,
         array[${[0, 1, 2, 3, 4].map((k) => `case when u.member_since < a.created_at and i${k}.member_price < i${k}.price then (i${k}.price - i${k}.member_price) * q${k} else 0 end`).join(', ')}] as md,
         array[${[0, 1, 2, 3, 4].map((k) => `q${k}`).join(', ')}] as q
       from h_o1 a join h_users u using (un)
       ${[0, 1, 2, 3, 4].map((k) => `left join h_items i${k} on i${k}.d = a.d and i${k}.j = a.j${k} and a.lines > ${k}`).join('\n       ')}`,
    ],
    [
      'order totals',
      `create unlogged table h_orders as
       select b.*, gen_random_uuid() as id, gen_random_uuid() as pay_id,
         case when fr > 0 then (select fr_id from h_promo) end as fr_id,
         case when coupon_kind = 1 then (select ct_amount from h_promo) when coupon_kind = 2 then (select ct_percent from h_promo) end as template_id,
         case when coupon_kind > 0 then gen_random_uuid() end as coupon_id,
         subtotal - fr - coupon - points as total,
         array[0, s[1], s[1] + s[2], s[1] + s[2] + s[3], s[1] + s[2] + s[3] + s[4]] as cs
       from (
         select a.*, case when coupon_kind = 1 then 500 when coupon_kind = 2 then least(1000, subtotal / 10) else 0 end as coupon,
           case when coupon_kind = 0 and d >= 8 and d <= ${D} and subtotal >= 9900 then 1000 else 0 end as fr,
           case when coupon_kind = 0 and cls not in ('expired', 'cancelled') and d < ${D} - 20 and not (d >= 8 and subtotal >= 9900)
                 and pg_temp.bh(o, 8) % 100 < 3 then least(300, subtotal / 10) else 0 end as points
         from (
           select c.*, case when cls in ('expired', 'cancelled') then 0
                  when pg_temp.bh(o, 7) % 100 < 3 and subtotal >= 3000 then 1
                  when pg_temp.bh(o, 7) % 100 < 5 and subtotal >= 5000 then 2 else 0 end as coupon_kind
           from (
             select c0.*, s[1] + s[2] + s[3] + s[4] + s[5] as subtotal, md[1] + md[2] + md[3] + md[4] + md[5] as member_discount
             from (select h_o2.*, array[${[1, 2, 3, 4, 5].map((k) => `coalesce(up[${k}] * q[${k}], 0)`).join(', ')}] as s from h_o2) c0
           ) c
         ) a
       ) b`,
    ],
    ['drop order plan', `drop table h_o1, h_o2`],
    // ---- lines: the fate of each (short 2 %, lost on arrival 1 % of fulfilled orders' lines without points)
    [
      'line plan',
      `create unlogged table h_lines as
       select o.o, o.d, o.day, o.id as order_id, o.user_id, o.pn, o.cls, k, gen_random_uuid() as line_id,
         o.item[k] as item_id, o.product[k] as product_id, o.q[k] as qty, o.lp[k] as list_price, o.up[k] as unit_price,
         o.md[k] as member_discount, o.s[k] as sub, disc,
         case when o.fr > 0 then disc else 0 end as fr, case when o.coupon > 0 then disc else 0 end as coupon,
         case when o.points > 0 then disc else 0 end as points,
         o.s[k] - disc as paid,
         case when o.cls in ('ready', 'completed') and o.points = 0 and pg_temp.bh(o.o, 20 + k) % 1000 < 20 then 'short'
              when o.cls in ('ready', 'completed') and o.points = 0 and pg_temp.bh(o.o, 20 + k) % 1000 < 30 then 'lost'
              else 'ok' end as fate
       from h_orders o cross join lateral generate_series(1, o.lines) k
       cross join lateral (select case when o.subtotal = 0 then 0 else
         ((o.fr + o.coupon + o.points)::bigint * (o.cs[k] + o.s[k]) / o.subtotal - (o.fr + o.coupon + o.points)::bigint * o.cs[k] / o.subtotal)::int end as disc) z`,
    ],
    [
      'order outcomes',
      `create unlogged table h_fix as
       select o, sum(paid) filter (where fate <> 'ok')::int as refunded, count(*) filter (where fate = 'ok')::int as kept,
         bool_or(fate = 'short') as any_short, bool_or(fate = 'lost') as any_lost
       from h_lines where fate <> 'ok' or o in (select o from h_lines where fate <> 'ok') group by o;
       create unlogged table h_ord as
       select o.*, coalesce(f.refunded, 0) + case when o.cls = 'cancelled' then o.total else 0 end as refunded,
         case when o.cls = 'ready' and coalesce(f.kept, 1) = 0 then 'completed' else o.cls end as status,
         coalesce(f.kept, o.lines) as kept,
         o.created_at + make_interval(secs => 20 + (pg_temp.bh(o.o, 30) % 200)::int) as paid_at,
         ${at('o.day + 1', '05:30')} as short_at,
         ${at('o.day + 1', '08:00')} + make_interval(mins => o.pn * 2) as ready_at,
         ${at('o.day + 1', '08:30')} + make_interval(mins => o.pn * 2, secs => (pg_temp.bh(o.o, 31) % 36000)::int) as picked_at,
         (1000000000 + (o.o * 7919 + 12345) % 9000000000)::text as code
       from h_orders o left join h_fix f using (o);
       drop table h_orders`,
    ],
    [
      'orders',
      `insert into orders (id, seq, kind, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, member_discount_fen,
         full_reduction_fen, full_reduction_id, coupon_fen, coupon_id, points_used, points_fen, total_fen, refunded_fen, pickup_code,
         expires_at, paid_at, cancelled_at, closed_at, ready_at, completed_at, created_at)
       select o.id, o.o, 'goods', o.user_id, ${R}, o.campaign_id, p.id,
         case when o.status = 'expired' then 'cancelled' else o.status end,
         o.subtotal, o.member_discount, o.fr, o.fr_id, o.coupon, o.coupon_id, o.points, o.points, o.total,
         case when o.status = 'completed' or o.status = 'cancelled' or o.status = 'ready' then o.refunded else 0 end,
         case when o.status <> 'expired' then o.code end,
         o.created_at + interval '15 minutes',
         case when o.status <> 'expired' then o.paid_at end,
         case when o.status = 'expired' then o.created_at + interval '15 minutes 20 seconds'
              when o.status = 'cancelled' then o.paid_at + make_interval(secs => (pg_temp.bh(o.o, 32) % 3000)::int) end,
         case when o.status in ('ready', 'completed') then ${at('o.day', '23:00')} end,
         case when o.status in ('ready', 'completed') and o.kept > 0 then o.ready_at end,
         case when o.status = 'completed' then case when o.kept > 0 then o.picked_at when o.any_lost then o.ready_at else o.short_at end end,
         o.created_at
       from (select h_ord.*, h_fix.any_lost from h_ord left join h_fix using (o)) o join h_points p using (pn) order by o.o`,
    ],
    [
      'membership orders',
      `create unlogged table h_members as
       select u.id as user_id, u.member_since, gen_random_uuid() as order_id, gen_random_uuid() as pay_id, (select max(o) from h_ord) + row_number() over (order by un) as seq
       from h_users u where u.member_since is not null;
       insert into orders (id, seq, kind, user_id, region_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
       select order_id, seq, 'membership', user_id, ${R}, 'paid', 9900, 9900, member_since + interval '14 minutes', member_since, member_since - interval '1 minute'
       from h_members;
       insert into membership_periods (order_id, user_id, plan, starts_at, ends_at, created_at)
       select order_id, user_id, 'annual', member_since, member_since + interval '1 year', member_since from h_members;
       update users u set membership_until = m.member_since + interval '1 year' from h_members m where u.id = m.user_id;
       select setval(pg_get_serial_sequence('orders', 'seq'), (select max(seq) from orders))`,
    ],
    [
      'order lines',
      `insert into order_lines (id, order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, member_discount_fen,
         full_reduction_fen, coupon_fen, points_fen, discount_fen, paid_fen, refund_quantity, refunded_fen, status, picked_up_at)
       select l.line_id, l.order_id, l.item_id, l.product_id, l.qty, l.list_price, l.unit_price, l.member_discount, l.fr, l.coupon, l.points,
         l.disc, l.paid,
         case when l.cls = 'cancelled' or l.fate <> 'ok' then l.qty else 0 end,
         case when l.cls = 'cancelled' or l.fate <> 'ok' then l.paid else 0 end,
         case when l.cls = 'cancelled' then 'refunded' when l.fate = 'short' then 'short' when l.fate = 'lost' then 'refunded'
              when l.cls = 'ready' then 'arrived' when l.cls = 'completed' then 'picked_up' else 'pending' end,
         case when l.cls = 'completed' and l.fate = 'ok' then o.picked_at end
       from h_lines l join h_ord o using (o)`,
    ],
    // ---- payments and refunds
    [
      'payments',
      `insert into payments (id, order_id, user_id, provider, amount_fen, status, provider_txn_id, created_at, succeeded_at)
       select pay_id, id, user_id, 'simpay', total, 'succeeded', 'simpay-' || pay_id, created_at + interval '10 seconds', paid_at
       from h_ord where status <> 'expired'
       union all
       select pay_id, order_id, user_id, 'simpay', 9900, 'succeeded', 'simpay-' || pay_id, member_since - interval '30 seconds', member_since from h_members;
       insert into payment_events (provider, provider_txn_id, payment_id, amount_fen, received_at)
       select provider, provider_txn_id, id, amount_fen, succeeded_at from payments`,
    ],
    [
      'refunds',
      `create unlogged table h_refunds as
       select gen_random_uuid() as id, o.id as order_id, o.user_id, o.pay_id, 'cancel' as kind, 'customer_cancelled' as reason, null as note,
         o.total as amount, 'cancel:' || o.id as business_key, o.paid_at + make_interval(secs => (pg_temp.bh(o.o, 32) % 3000)::int) as at, null::uuid as line_id
       from h_ord o where o.status = 'cancelled'
       union all
       select gen_random_uuid(), l.order_id, l.user_id, o.pay_id, case when l.fate = 'short' then 'shortage' else 'arrival_loss' end,
         case when l.fate = 'short' then 'shortage' when pg_temp.bh(l.o, 40 + l.k) % 2 = 0 then 'missing' else 'damaged' end,
         case when l.fate = 'short' then 'Not enough units were delivered by the supplier'
              when pg_temp.bh(l.o, 40 + l.k) % 2 = 0 then 'Missing on arrival at the pickup point' else 'Damaged on the way to the pickup point' end,
         l.paid, case when l.fate = 'short' then 'shortage:' else 'arrival:' end || l.line_id,
         case when l.fate = 'short' then o.short_at else o.ready_at end, l.line_id
       from h_lines l join h_ord o using (o) where l.fate <> 'ok';
       insert into refunds (id, order_id, user_id, kind, reason, note, status, amount_fen, business_key, created_at, decided_at)
       select id, order_id, user_id, kind, reason, note, 'refunded', amount, business_key, at, at from h_refunds;
       insert into refund_lines (refund_id, order_line_id, quantity, amount_fen)
       select r.id, l.line_id, l.qty, l.paid from h_refunds r join h_lines l on l.order_id = r.order_id where r.kind = 'cancel'
       union all
       select r.id, l.line_id, l.qty, l.paid from h_refunds r join h_lines l on l.line_id = r.line_id where r.kind <> 'cancel';
       create unlogged table h_prefunds as select gen_random_uuid() as pr_id, r.* from h_refunds r where amount > 0;
       insert into provider_refunds (id, payment_id, order_id, refund_id, amount_fen, status, provider_refund_id, created_at, completed_at)
       select pr_id, pay_id, order_id, id, amount, 'succeeded', 'simpay-r-' || gen_random_uuid(), at, at + interval '2 seconds' from h_prefunds`,
    ],
    // ---- coupons, points, growth, rewards
    [
      'coupons',
      `insert into coupons (id, template_id, user_id, status, order_id, used_at, created_at)
       select coupon_id, template_id, user_id, 'used', id, created_at, created_at - interval '3 days' from h_ord where coupon_id is not null;
       insert into coupon_holdings (template_id, user_id, received)
       select template_id, user_id, count(*) from h_ord where coupon_id is not null group by 1, 2;
       update coupon_templates t set issued = (select count(*) from coupons c where c.template_id = t.id)`,
    ],
    [
      'rewards, points and growth',
      `create unlogged table h_rewards as
       select o.id as order_id, o.user_id, o.total - o.refunded as base,
         (greatest(o.total - o.refunded, 0) / 100) * case when o.member then 2 else 1 end as points,
         greatest(o.total - o.refunded, 0) / 100 as growth,
         case when o.kept > 0 then o.picked_at when o.any_lost then o.ready_at else o.short_at end as at
       from (select h_ord.*, h_fix.any_lost from h_ord left join h_fix using (o)) o where o.status = 'completed';
       insert into order_rewards (order_id, user_id, base_fen, points, growth, created_at)
       select order_id, user_id, base, points, growth, at from h_rewards;
       insert into points_entries (user_id, delta_points, reason, business_key, created_at)
       select id, 500, 'opening', 'opening:' || id, (select built_at from h_params) - make_interval(days => ${D + 1}) from h_users
       union all
       select user_id, -points, 'redeem', 'redeem:' || id, created_at from h_ord where points > 0
       union all
       select user_id, points, 'order', 'earn:' || order_id, at from h_rewards where points > 0
       order by 5;
       insert into growth_entries (user_id, delta, reason, business_key, created_at)
       select user_id, growth, 'order', 'earn:' || order_id, at from h_rewards where growth > 0 order by at;
       update users u set points_balance = p.balance from (select user_id, sum(delta_points)::int as balance from points_entries group by 1) p
       where u.id = p.user_id;
       insert into member_profiles (user_id, growth) select user_id, sum(delta)::int from growth_entries group by 1`,
    ],
    // ---- deals sold and per-customer holdings
    [
      'sold and holdings',
      `update campaign_items ci set sold = s.units
       from (select item_id, sum(qty)::int as units from h_lines where cls <> 'expired' and cls <> 'cancelled' group by 1) s where ci.id = s.item_id;
       insert into customer_item_holdings (campaign_item_id, user_id, quantity)
       select l.item_id, l.user_id, sum(l.qty)::int from h_lines l join h_items i on i.id = l.item_id
       where i.per_customer_limit is not null and l.cls <> 'expired' and l.cls <> 'cancelled' group by 1, 2`,
    ],
    // ---- commission ledger: per picked-up line, settled 7 days later, half withdrawn each month
    [
      'commissions',
      `insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, available_at, created_at, unsettled)
       select p.leader_id, 'pending', (l.paid::bigint * p.bps / 10000)::int, 'commission', 'commission:' || l.line_id, l.line_id,
         o.picked_at + interval '168 hours', o.picked_at,
         -- the next step settles these; the rest keep settlement's marker
         case when o.picked_at + interval '168 hours' <= (select built_at from h_params) - interval '10 minutes' then null else true end
       from h_lines l join h_ord o using (o) join h_points p on p.pn = l.pn
       where l.cls = 'completed' and l.fate = 'ok' order by o.picked_at`,
    ],
    [
      'settlements',
      `insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, created_at)
       select c.leader_id, s.bucket, s.amount, 'settlement', s.key || c.id, c.order_line_id, c.available_at + interval '5 minutes'
       from ledger_entries c
       cross join lateral (select 'pending' as bucket, -c.amount_fen as amount, 'settle:' as key union all
                           select 'available', c.amount_fen, 'settle-in:') s
       where c.kind = 'commission' and c.available_at <= (select built_at from h_params) - interval '10 minutes'`,
    ],
    [
      'withdrawals',
      `create unlogged table h_wd as
       select gen_random_uuid() as id, leader_id, (sum(amount_fen) / 2)::int as amount,
         (select built_at from h_params) - make_interval(days => 30 * b::int) + interval '2 hours' as at
       from (select leader_id, amount_fen, floor(extract(epoch from (select built_at from h_params) - created_at) / (30 * 86400)) as b
             from ledger_entries where kind = 'settlement' and bucket = 'available') s
       where b >= 1 group by leader_id, b having sum(amount_fen) / 2 > 0;
       insert into withdrawals (id, leader_id, amount_fen, status, created_at, decided_at)
       select id, leader_id, amount, 'paid', at, at + interval '1 day' from h_wd order by at;
       insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, created_at)
       select leader_id, bucket, amount, 'withdrawal', key, at from (
         select leader_id, 'available' as bucket, -amount as amount, 'withdrawal:' || id || ':available' as key, at, id, 1 as n from h_wd
         union all select leader_id, 'withdrawn', amount, 'withdrawal:' || id || ':withdrawn', at, id, 2 from h_wd) w
       order by at, id, n;
       update leader_accounts a set pending_fen = s.pending, available_fen = s.available, withdrawn_fen = s.withdrawn
       from (select leader_id, coalesce(sum(amount_fen) filter (where bucket = 'pending'), 0)::int as pending,
               coalesce(sum(amount_fen) filter (where bucket = 'available'), 0)::int as available,
               coalesce(sum(amount_fen) filter (where bucket = 'withdrawn'), 0)::int as withdrawn
             from ledger_entries group by 1) s
       where a.leader_id = s.leader_id`,
    ],
    // ---- fulfilment of past campaigns: purchase orders, sorting lists, manifests
    [
      'fulfilment',
      `create unlogged table h_demand as
       select l.d, l.pn, l.product_id, sum(l.qty)::int as units,
         coalesce(sum(l.qty) filter (where l.fate = 'short'), 0)::int as short,
         coalesce(sum(l.qty) filter (where l.fate = 'lost' and pg_temp.bh(l.o, 40 + l.k) % 2 = 0), 0)::int as missing,
         coalesce(sum(l.qty) filter (where l.fate = 'lost' and pg_temp.bh(l.o, 40 + l.k) % 2 = 1), 0)::int as damaged
       from h_lines l where l.d >= 1 and l.cls in ('ready', 'completed') group by 1, 2, 3;
       create unlogged table h_po as
       select dd.d, dd.campaign_id, s.sn, s.id as supplier_id, gen_random_uuid() as id
       from (select distinct x.d, p.sn from h_demand x join h_products p on p.id = x.product_id) y
       join h_days dd using (d) join h_sup s using (sn);
       insert into purchase_orders (id, campaign_id, supplier_id, warehouse_id, status, created_at, received_at)
       select po.id, po.campaign_id, po.supplier_id, (select id from h_wh where wn = 0), 'received', ${at('dd.day', '23:00')}, ${at('dd.day + 1', '05:30')}
       from h_po po join h_days dd using (d) order by dd.day, po.sn;
       insert into purchase_order_lines (purchase_order_id, product_id, demand_quantity, from_stock_quantity, quantity, accepted_quantity, rejected_quantity)
       select po.id, x.product_id, x.units, 0, ((x.units + p.pack - 1) / p.pack) * p.pack, x.units - x.short, 0
       from (select d, product_id, sum(units)::int as units, sum(short)::int as short from h_demand group by 1, 2) x
       join h_products p on p.id = x.product_id join h_po po on po.d = x.d and po.sn = p.sn;
       create unlogged table h_sl as
       select x.d, x.pn, gen_random_uuid() as id from (select distinct d, pn from h_demand) x;
       insert into sorting_lists (id, campaign_id, warehouse_id, route_id, pickup_point_id, status, dispatched_at, arrived_at)
       select sl.id, dd.campaign_id, w.id, r.id, p.id, 'arrived', ${at('dd.day + 1', '07:00')}, ${at('dd.day + 1', '08:00')} + make_interval(mins => sl.pn * 2)
       from h_sl sl join h_days dd using (d) join h_points p using (pn) join h_routes r using (rn) join h_wh w using (wn) order by dd.day, sl.pn;
       insert into sorting_list_lines (sorting_list_id, product_id, ordered_quantity, quantity, received_quantity, missing_quantity, damaged_quantity)
       select sl.id, x.product_id, x.units, x.units - x.short, x.units - x.short - x.missing - x.damaged, x.missing, x.damaged
       from h_demand x join h_sl sl using (d, pn);
       insert into delivery_manifests (campaign_id, route_id, warehouse_id, stops, units, status, dispatched_at)
       select dd.campaign_id, r.id, w.id, count(distinct x.pn)::int, sum(x.units - x.short)::int, 'dispatched', ${at('dd.day + 1', '07:00')}
       from h_demand x join h_days dd using (d) join h_points p using (pn) join h_routes r using (rn) join h_wh w using (wn)
       group by dd.campaign_id, dd.day, r.id, w.id order by dd.day`,
    ],
    // ---- what the outbox delivered: notifications (with their inbox copy) and provider refunds
    [
      'outbox and notifications',
      `create unlogged table h_notes as
       select user_id, 'paid' as kind, jsonb_build_object('orderId', id, 'amountFen', total) as payload, paid_at as at
       from h_ord where status <> 'expired'
       union all
       select user_id, 'paid', jsonb_build_object('orderId', order_id, 'amountFen', 9900), member_since from h_members
       union all
       select o.user_id, 'arrived', jsonb_build_object('orderId', o.id, 'pickupPointId', p.id), o.ready_at
       from h_ord o join h_points p using (pn) where o.status in ('ready', 'completed') and o.kept > 0
       union all
       select o.user_id, 'picked_up', jsonb_build_object('orderId', o.id, 'pickupPointId', p.id, 'lines', o.kept), o.picked_at
       from h_ord o join h_points p using (pn) where o.status = 'completed' and o.kept > 0
       union all
       select user_id, 'refund', jsonb_build_object('orderId', order_id, 'refundId', id, 'refundKind', kind, 'reason', reason, 'amountFen', amount), at
       from h_refunds;
       insert into outbox (topic, payload, status, attempts, next_attempt_at, created_at, delivered_at)
       select topic, payload, 'delivered', 1, at, at, at + interval '1 second' from (
         select 'notify.customer' as topic, jsonb_build_object('userId', user_id, 'kind', kind) || payload as payload, at from h_notes
         union all
         select 'payment.refund', jsonb_build_object('providerRefundId', pr_id, 'provider', 'simpay'), at from h_prefunds
       ) m;
       insert into notifications (user_id, kind, payload, created_at)
       select user_id, kind, payload, at + interval '1 second' from h_notes`,
    ],
    [
      'drop helpers',
      `drop table h_params, h_wh, h_routes, h_points, h_sup, h_products, h_users, h_promo, h_days, h_items, h_lines, h_fix, h_ord,
         h_members, h_refunds, h_prefunds, h_rewards, h_wd, h_demand, h_po, h_sl, h_notes`,
    ],
  ];
  for (const [label, text] of steps) await timed(c, label, text);
  for (const def of saved.constraints)
    await timed(c, def.replace(/^alter table (\S+) add constraint (\S+).*/, 'key $2'), def);
  for (const def of saved.indexes) await timed(c, def.replace(/^CREATE (UNIQUE )?INDEX (\S+).*/, 'index $2'), def);
  await c.query(`set session_replication_role = origin`);
  for (const def of saved.foreign)
    await timed(c, def.replace(/^alter table (\S+) add constraint (\S+).*/, 'foreign key $2'), def);
}

/**
 * Cheap consistency checks of a history database: each returns the rows that break a rule the services keep.
 * An empty result means consistent.
 */
export async function verifyHistory(c: pg.Client): Promise<string[]> {
  const checks: [string, string][] = [
    [
      'an order whose lines do not add up to it',
      `select count(*) from orders o join (select order_id, sum(paid_fen) as paid, sum(refunded_fen) as refunded, sum(member_discount_fen) as md,
         sum(full_reduction_fen) as fr, sum(coupon_fen) as cp, sum(points_fen) as pts from order_lines group by 1) l on l.order_id = o.id
       where l.paid <> o.total_fen or l.refunded <> o.refunded_fen or l.md <> o.member_discount_fen or l.fr <> o.full_reduction_fen
         or l.cp <> o.coupon_fen or l.pts <> o.points_fen`,
    ],
    [
      'a paid order without exactly one succeeded payment of its total',
      `select count(*) from orders o left join (select order_id, count(*) as n, min(amount_fen) as lo, max(amount_fen) as hi
         from payments where status = 'succeeded' group by 1) p on p.order_id = o.id
       where (o.paid_at is not null and o.total_fen > 0 and (p.n is distinct from 1 or p.lo <> o.total_fen or p.hi <> o.total_fen))
         or (o.paid_at is null and p.n is not null)`,
    ],
    [
      'a succeeded payment without its provider event',
      `select count(*) from payments p where p.status = 'succeeded'
         and not exists (select 1 from payment_events e where e.payment_id = p.id and e.amount_fen = p.amount_fen)`,
    ],
    [
      'an order whose refunds do not add up to refunded_fen',
      `select count(*) from orders o left join (select order_id, sum(amount_fen) as s from refunds where status = 'refunded' group by 1) r
         on r.order_id = o.id where coalesce(r.s, 0) <> o.refunded_fen`,
    ],
    [
      'a refund whose lines or provider refund do not add up to it',
      `select count(*) from refunds r
         left join (select refund_id, sum(amount_fen) as s from refund_lines group by 1) l on l.refund_id = r.id
         left join (select refund_id, sum(amount_fen) as s from provider_refunds group by 1) p on p.refund_id = r.id
       where r.amount_fen <> coalesce(l.s, 0) or (r.amount_fen > 0 and r.amount_fen <> coalesce(p.s, 0))`,
    ],
    [
      'a leader account that differs from its ledger entries',
      `select count(*) from leader_accounts a left join (select leader_id, sum(amount_fen) filter (where bucket = 'pending') as p,
         sum(amount_fen) filter (where bucket = 'available') as av, sum(amount_fen) filter (where bucket = 'withdrawn') as w
         from ledger_entries group by 1) s on s.leader_id = a.leader_id
       where a.pending_fen <> coalesce(s.p, 0) or a.available_fen <> coalesce(s.av, 0) or a.withdrawn_fen <> coalesce(s.w, 0)`,
    ],
    [
      'a picked-up line without its commission, or a commission on a line not picked up',
      `select (select count(*) from order_lines l where l.status = 'picked_up'
                and not exists (select 1 from ledger_entries e where e.business_key = 'commission:' || l.id))
            + (select count(*) from ledger_entries e join order_lines l on l.id = e.order_line_id
                where e.kind = 'commission' and l.status <> 'picked_up')`,
    ],
    [
      'a points balance that differs from its entries',
      `select count(*) from users u left join (select user_id, sum(delta_points) as s from points_entries group by 1) p on p.user_id = u.id
       where u.points_balance <> coalesce(p.s, 0)`,
    ],
    [
      'a growth value that differs from its entries',
      `select count(*) from member_profiles m left join (select user_id, sum(delta) as s from growth_entries group by 1) g on g.user_id = m.user_id
       where m.growth <> greatest(0, coalesce(g.s, 0))`,
    ],
    [
      'a completed goods order without its reward',
      `select count(*) from orders o where o.kind = 'goods' and o.status = 'completed'
         and not exists (select 1 from order_rewards r where r.order_id = o.id and r.base_fen = o.total_fen - o.refunded_fen)`,
    ],
    [
      "a deal whose sold count is not its non-cancelled orders' units",
      `select count(*) from campaign_items ci left join (select l.campaign_item_id, sum(l.quantity) as s from order_lines l
         join orders o on o.id = l.order_id where o.status <> 'cancelled' group by 1) x on x.campaign_item_id = ci.id
       where ci.sold <> coalesce(x.s, 0)`,
    ],
    [
      'a per-customer holding that differs from the orders',
      `select count(*) from customer_item_holdings h full join (select l.campaign_item_id, o.user_id, sum(l.quantity) as s
         from order_lines l join orders o on o.id = l.order_id join campaign_items ci on ci.id = l.campaign_item_id
         where o.status <> 'cancelled' and ci.per_customer_limit is not null group by 1, 2) x
         on x.campaign_item_id = h.campaign_item_id and x.user_id = h.user_id
       where h.quantity is distinct from x.s::int`,
    ],
    [
      'a coupon not used by exactly its order, or a template whose issued count is off',
      `select (select count(*) from orders o where o.coupon_id is not null
                and not exists (select 1 from coupons c where c.id = o.coupon_id and c.order_id = o.id and c.status = 'used'))
            + (select count(*) from coupon_templates t where t.issued <> (select count(*) from coupons c where c.template_id = t.id))`,
    ],
    ['an undelivered outbox message', `select count(*) from outbox where status <> 'delivered'`],
    [
      'a campaign in the past still open, or today without an open campaign',
      `select (select count(*) from campaigns where status = 'open' and cutoff_at < now())
            + (select case when exists (select 1 from campaigns where status = 'open') then 0 else 1 end)`,
    ],
  ];
  const problems: string[] = [];
  for (const [rule, text] of checks) {
    const t0 = Date.now();
    const r = await c.query<{ n: number }>(`select (${text}) as n`);
    const n = Number(Object.values(r.rows[0])[0]);
    console.error(`history: check ${rule}: ${n} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (n !== 0) problems.push(`${n} × ${rule}`);
  }
  return problems;
}

async function printCounts(c: pg.Client): Promise<void> {
  const r = await c.query<{ relname: string; n: number; size: string }>(`
    select relname, n_live_tup::bigint as n, pg_size_pretty(pg_total_relation_size(relid)) as size
    from pg_stat_user_tables where n_live_tup > 0 order by n_live_tup desc`);
  for (const row of r.rows) console.error(`  ${row.relname.padEnd(28)} ${String(row.n).padStart(12)}  ${row.size}`);
}

// ---- command line
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const kindOf = (v: string | undefined) => {
    if (v !== 'month' && v !== 'year') throw new Error('expected month or year');
    return v;
  };
  if (value('--build')) {
    await ensureTemplate(kindOf(value('--build')), argv.includes('--force'));
  } else if (value('--verify')) {
    const c = new pg.Client({ connectionString: urlOf(templateName(kindOf(value('--verify')))) });
    await c.connect();
    const problems = await verifyHistory(c);
    await c.end();
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
  } else if (value('--copy')) {
    const kind = kindOf(value('--copy'));
    console.log(await historyDatabase(kind, value('--name') ?? `linli_${kind}_copy`));
  } else {
    console.error(
      'usage: bench:history -- --build month|year [--force] | --verify month|year | --copy month|year [--name db]',
    );
    process.exit(2);
  }
}
