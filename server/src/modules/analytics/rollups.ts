import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { addDays, businessDate, localTime } from '../../lib/time.js';

/**
 * Daily rollups of the dashboard (decisions 021 and 030), per region and per business day of that
 * region's own time zone: a sale is rolled up on the day of its payment in its region's zone, a
 * refund on the day it was decided in its order's region's zone. A business day is rolled up once it has been
 * closed for ROLLUP_GRACE_MINUTES: a payment or refund stamped 23:59:59 by a statement that commits
 * a moment after midnight is then already visible. Until then — and whenever a day is dirty (a
 * paid order or a refund counted on it changed afterwards, see the triggers in migration
 * 0016_daily_rollups, per region since 0025) — the dashboard computes that day from the raw rows, so its figures never
 * depend on whether the job has run.
 */
export const ROLLUP_GRACE_MINUTES = 10;
/** days rolled up per transaction, so a year of history is rebuilt in bounded steps */
const CHUNK_DAYS = 31;

/** The last business day that may be rolled up at `now`: yesterday, or the day before during the grace after midnight. */
export function lastClosedDay(now: Date, tz: string): string {
  const today = businessDate(now, tz);
  const graceEnds = localTime(today, '00:00', tz).getTime() + ROLLUP_GRACE_MINUTES * 60_000;
  return addDays(today, now.getTime() >= graceEnds ? -1 : -2);
}

/** The first business day of the region (in its zone) with a payment or a refund, or null when it has none. */
async function firstDayWithData(db: Db, region: Region): Promise<string | null> {
  const row = await one<{ day: string | null }>(
    db,
    sql`
    select to_char(least(
      (select min(paid_at) from orders where kind = 'goods' and paid_at is not null and region_id = ${region.id}),
      (select min(coalesce(r.decided_at, r.created_at)) from refunds r join orders o on o.id = r.order_id
        where r.status = 'refunded' and o.region_id = ${region.id})
    ) at time zone ${region.timeZone}, 'YYYY-MM-DD') as day`,
  );
  return row?.day ?? null;
}

interface Region {
  id: string;
  timeZone: string;
}

const listRegions = async (db: Db, only?: string): Promise<Region[]> =>
  rows<Region>(
    db,
    sql`select id, time_zone as "timeZone" from regions ${only ? sql`where id = ${only}` : sql``} order by created_at, id`,
  );

export interface RollupResult {
  /** the region rolled up; absent on a summary of every region */
  regionId?: string;
  from: string | null;
  to: string | null;
  /** region-days rolled up */
  days: number;
}

/**
 * Rolls up every business day from `from` to `to` (YYYY-MM-DD, inclusive, in each region's own
 * calendar) from the raw orders and refunds, replacing what was there, for every region (or the one
 * given). `from` defaults to the region's first day with data, `to` to the region's last closed
 * day; `to` is never later than that (today is always read raw). Safe to run at any time and as
 * often as wanted: a rolled day equals its raw computation. Returns the range over all regions and
 * the number of region-days rolled up.
 */
export async function rebuildDailyRollups(
  db: Db,
  opts: { from?: string; to?: string; now?: Date; regionId?: string } = {},
): Promise<RollupResult> {
  const total: RollupResult = { from: null, to: null, days: 0 };
  for (const region of await listRegions(db, opts.regionId)) {
    const got = await rebuildRegion(db, region, opts);
    if (!got.days) continue;
    total.days += got.days;
    if (!total.from || got.from! < total.from) total.from = got.from;
    if (!total.to || got.to! > total.to) total.to = got.to;
  }
  return total;
}

async function rebuildRegion(
  db: Db,
  region: Region,
  opts: { from?: string; to?: string; now?: Date },
): Promise<RollupResult> {
  const last = lastClosedDay(opts.now ?? new Date(), region.timeZone);
  const to = opts.to ? earlier(opts.to, last) : last;
  const from = opts.from ?? (await firstDayWithData(db, region));
  if (!from || from > to) return { regionId: region.id, from: null, to: null, days: 0 };
  let days = 0;
  for (let start = from; start <= to; start = addDays(start, CHUNK_DAYS)) {
    const chunkEnd = addDays(start, CHUNK_DAYS - 1);
    const end = earlier(chunkEnd, to);
    await db.transaction((tx) => rollUpRange(tx as unknown as Db, region, start, end));
    days += daysBetween(start, end) + 1;
  }
  return { regionId: region.id, from, to, days };
}

/** the earlier of two YYYY-MM-DD dates */
const earlier = (a: string, b: string) => (a <= b ? a : b);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

async function rollUpRange(db: Db, region: Region, from: string, to: string): Promise<void> {
  const tz = region.timeZone;
  const fromAt = localTime(from, '00:00', tz).toISOString();
  const toAt = localTime(addDays(to, 1), '00:00', tz).toISOString();
  // First the days' own rows, locked (and dirty cleared): a back-dated change committing while this
  // runs either came before (and the reads below, each a new snapshot, see it) or marks the
  // day dirty again after this commits.
  await exec(
    db,
    sql`
    insert into analytics_days (region_id, day, time_zone, rolled_at, dirty)
    select ${region.id}::uuid, d::date, ${tz}, now(), false from generate_series(${from}::date, ${to}::date, interval '1 day') d
    on conflict (region_id, day) do update set time_zone = excluded.time_zone, rolled_at = now(), dirty = false`,
  );
  for (const table of ['analytics_day_hours', 'analytics_day_products', 'analytics_day_points', 'analytics_day_buyers'])
    await exec(
      db,
      sql`delete from ${sql.identifier(table)} where region_id = ${region.id} and day between ${from}::date and ${to}::date`,
    );
  await exec(
    db,
    sql`
    with paid as materialized (
      select o.id, o.user_id, o.total_fen, o.pickup_point_id, (o.paid_at at time zone ${tz}) as local_at
      from orders o
      where o.kind = 'goods' and o.region_id = ${region.id}
        and o.paid_at >= ${fromAt}::timestamptz and o.paid_at < ${toAt}::timestamptz),
    refunded as (
      select (coalesce(r.decided_at, r.created_at) at time zone ${tz})::date as day, sum(r.amount_fen)::bigint as fen,
        count(*)::int as n
      from refunds r join orders o on o.id = r.order_id and o.kind = 'goods' and o.region_id = ${region.id}
      where r.status = 'refunded'
        and coalesce(r.decided_at, r.created_at) >= ${fromAt}::timestamptz and coalesce(r.decided_at, r.created_at) < ${toAt}::timestamptz
      group by 1),
    sales as (
      select local_at::date as day, sum(total_fen)::bigint as gmv, count(*)::int as n from paid group by 1),
    days as (
      update analytics_days a set gmv_fen = coalesce(s.gmv, 0), paid_orders = coalesce(s.n, 0),
        refund_fen = coalesce(r.fen, 0), refunds = coalesce(r.n, 0)
      from (select d::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') d) d
        left join sales s on s.day = d.day left join refunded r on r.day = d.day
      where a.region_id = ${region.id} and a.day = d.day
      returning 1),
    hours as (
      insert into analytics_day_hours (region_id, day, hour, gmv_fen)
      select ${region.id}::uuid, local_at::date, extract(hour from local_at)::int, sum(total_fen) from paid group by 2, 3
      returning 1),
    products as (
      insert into analytics_day_products (region_id, day, product_id, gmv_fen, quantity, orders)
      select ${region.id}::uuid, p.local_at::date, l.product_id, sum(l.paid_fen), sum(l.quantity), count(distinct l.order_id)
      from paid p join order_lines l on l.order_id = p.id group by 2, 3
      returning 1),
    points as (
      insert into analytics_day_points (region_id, day, pickup_point_id, gmv_fen, paid_orders)
      select ${region.id}::uuid, local_at::date, pickup_point_id, sum(total_fen), count(*) from paid
      where pickup_point_id is not null group by 2, 3
      returning 1),
    buyers as (
      insert into analytics_day_buyers (region_id, day, user_id, pickup_point_id)
      select distinct ${region.id}::uuid, local_at::date, user_id, pickup_point_id from paid
      returning 1)
    select (select count(*) from days) + (select count(*) from hours) + (select count(*) from products)
      + (select count(*) from points) + (select count(*) from buyers) as written`,
  );
}

/**
 * The rollup job, region by region: rolls up the closed days not rolled yet (from the day after
 * the region's last rolled one, or from its first day with data), the dirty ones, and those rolled
 * within the grace after their midnight (by a rebuild run then). Each is a range rebuild, so a
 * dirty day costs one day's rows. A region whose time zone changed since its days were rolled up
 * has its rollups dropped first and rolled up again in the new zone (until then its days are read raw).
 */
export async function rollUpDueDays(db: Db, now = new Date()): Promise<RollupResult[]> {
  const done: RollupResult[] = [];
  for (const region of await listRegions(db)) {
    const tz = region.timeZone;
    const last = lastClosedDay(now, tz);
    const moved = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from analytics_days where region_id = ${region.id} and time_zone <> ${tz}`,
    );
    if (moved?.n)
      await db.transaction(async (raw) => {
        const tx = raw as unknown as Db;
        for (const table of [
          'analytics_days',
          'analytics_day_hours',
          'analytics_day_products',
          'analytics_day_points',
          'analytics_day_buyers',
        ])
          await exec(tx, sql`delete from ${sql.identifier(table)} where region_id = ${region.id}`);
      });
    const state = await one<{ last_rolled: string | null }>(
      db,
      sql`select to_char(max(day), 'YYYY-MM-DD') as last_rolled from analytics_days
        where region_id = ${region.id} and rolled_at is not null`,
    );
    const from = state?.last_rolled ? addDays(state.last_rolled, 1) : await firstDayWithData(db, region);
    if (from && from <= last) done.push(await rebuildRegion(db, region, { from, to: last, now }));
    const stale = await rows<{ day: string }>(
      db,
      sql`
      select to_char(day, 'YYYY-MM-DD') as day from analytics_days
      where region_id = ${region.id} and day <= ${last}::date and (dirty or rolled_at is null
        or rolled_at < ((day + 1)::timestamp at time zone ${tz}) + make_interval(mins => ${ROLLUP_GRACE_MINUTES}))
      order by day`,
    );
    for (const { day } of stale) done.push(await rebuildRegion(db, region, { from: day, to: day, now }));
  }
  return done;
}
