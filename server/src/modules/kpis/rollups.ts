import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { addDays, businessDate, localTime } from '../../lib/time.js';
import { lastClosedDay, ROLLUP_GRACE_MINUTES } from '../analytics/rollups.js';
import { customersSelect, factsSelect, readySelect, yearMask } from './facts.js';

/**
 * The KPI rollup job (decision 046), region by region: rolls up the closed days not rolled yet
 * and those rolled within the grace after their midnight, in chunks of a month per transaction.
 * Each fact is stamped on the day of its own event (facts.ts), so a closed day rolled after the
 * grace is final; a region whose time zone changed has its rollups dropped and rolled again.
 * Then today so far, and each day's registrations with the day 8 days later (decision 055).
 */
const CHUNK_DAYS = 31;

/** the tables the job writes */
const KPI_TABLES = [
  'kpi_days',
  'kpi_day_facts',
  'kpi_day_point_facts',
  'kpi_day_customers',
  'kpi_customer_years',
  'kpi_day_ready_hours',
  'kpi_day_penetration',
  'kpi_day_registrations',
];

interface Region {
  id: string;
  tz: string;
}

async function firstDay(db: Db, region: Region): Promise<string | null> {
  const row = await one<{ day: string | null }>(
    db,
    sql`select to_char(min(paid_at) at time zone ${region.tz}, 'YYYY-MM-DD') as day from orders
      where kind = 'goods' and paid_at is not null and region_id = ${region.id}`,
  );
  return row?.day ?? null;
}

/**
 * Folds the per-customer rows of the region's days `from`..`to` into `kpi_customer_years`: those
 * days' bits are cleared (a day rolled again may have lost a customer), then set from the rows.
 */
async function foldCustomerYears(tx: Db, regionId: string, from: string, to: string) {
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const first = [from, `${year}-01-01`].sort()[1];
    const last = [to, `${year}-12-31`].sort()[0];
    const days: string[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
    const mask = sql`${yearMask(year, days)}::varbit`;
    await exec(
      tx,
      sql`update kpi_customer_years set days = days & ~${mask}, multi = multi & ~${mask}
        where region_id = ${regionId} and year = ${year} and bit_count(days & ${mask}) > 0`,
    );
    const bit = sql`set_bit(b'0'::bit(366), day - make_date(${year}, 1, 1)`;
    await exec(
      tx,
      sql`insert into kpi_customer_years (region_id, year, user_id, pickup_point_id, member, days, multi)
        select region_id, ${year}, user_id, pickup_point_id, member, bit_or(${bit}, 1)), bit_or(${bit}, (orders >= 2)::int))
        from kpi_day_customers where region_id = ${regionId} and day between ${first}::date and ${last}::date
        group by region_id, user_id, pickup_point_id, member
        on conflict on constraint kpi_customer_years_key
        do update set days = kpi_customer_years.days | excluded.days, multi = kpi_customer_years.multi | excluded.multi`,
    );
  }
}

/**
 * The region's paid-membership penetration at the end of `day`: the customers of its 90 days
 * (from `kpi_customer_years`, folded up to it) per pickup point and over the region, and those
 * with a membership active at the day's end.
 */
async function rollUpPenetration(tx: Db, region: Region, day: string) {
  const from = addDays(day, -89);
  const years = [...new Set([Number(from.slice(0, 4)), Number(day.slice(0, 4))])];
  const window: string[] = [];
  for (let d = from; d <= day; d = addDays(d, 1)) window.push(d);
  const endAt = localTime(addDays(day, 1), '00:00', region.tz).toISOString();
  await exec(
    tx,
    sql`insert into kpi_day_penetration (region_id, day, whole, pickup_point_id, buyers, members)
      select ${region.id}::uuid, ${day}::date, grouping(a.pickup_point_id) = 1, a.pickup_point_id,
        count(distinct a.user_id)::int, (count(distinct a.user_id) filter (where m.user_id is not null))::int
      from kpi_customer_years a
        join unnest(${pgArray(years)}::int[], ${pgArray(years.map((y) => yearMask(y, window)))}::varbit[]) k(year, mask)
          on k.year = a.year
        left join (select distinct user_id from membership_periods where starts_at <= ${endAt}::timestamptz
          and ends_at > ${endAt}::timestamptz) m on m.user_id = a.user_id
      where a.region_id = ${region.id} and bit_count(a.days & k.mask) > 0
      group by grouping sets ((a.pickup_point_id), ())`,
  );
}

/**
 * The registrations of a day are rolled with the day this many days later: by then each of them
 * has had its 7 days to a first order, and the grace after them.
 */
export const REGISTRATION_LAG_DAYS = 8;

/**
 * The region's new customers of the days `from`..`to` by the pickup point they chose, and those
 * who paid a first goods order within 7 days of registering (to the instant).
 */
async function rollUpRegistrations(tx: Db, region: Region, from: string, to: string) {
  await exec(
    tx,
    sql`delete from kpi_day_registrations where region_id = ${region.id} and day between ${from}::date and ${to}::date`,
  );
  await exec(
    tx,
    sql`insert into kpi_day_registrations (region_id, day, pickup_point_id, registered, converted)
    select ${region.id}::uuid, (u.created_at at time zone ${region.tz})::date, p.id, count(*)::int,
      (count(*) filter (where exists (select 1 from orders o where o.user_id = u.id and o.kind = 'goods'
        and o.paid_at is not null and o.paid_at < u.created_at + interval '7 days')))::int
    from users u join pickup_points p on p.id = u.pickup_point_id
    where p.region_id = ${region.id} and 'customer' = any(u.roles)
      and u.created_at >= ${localTime(from, '00:00', region.tz).toISOString()}::timestamptz
      and u.created_at < ${localTime(addDays(to, 1), '00:00', region.tz).toISOString()}::timestamptz
    group by 2, 3`,
  );
}

/**
 * Replaces the region's rows of the days `start`..`end` with those of the events before `toAt`
 * (the end of `end`, or for today an instant within it: `through`).
 */
async function rollChunk(tx: Db, region: Region, start: string, end: string, through?: Date) {
  const range = {
    regionId: region.id,
    tz: region.tz,
    fromAt: localTime(start, '00:00', region.tz).toISOString(),
    toAt: (through ?? localTime(addDays(end, 1), '00:00', region.tz)).toISOString(),
  };
  for (const table of [
    'kpi_day_facts',
    'kpi_day_point_facts',
    'kpi_day_customers',
    'kpi_day_ready_hours',
    'kpi_day_penetration',
  ])
    await exec(
      tx,
      sql`delete from ${sql.identifier(table)} where region_id = ${region.id} and day between ${start}::date and ${end}::date`,
    );
  await exec(
    tx,
    sql`insert into kpi_day_facts (region_id, day, pickup_point_id, category, member, gmv_fen, units, lines,
      flash_gmv_fen, refund_fen, short_units, error_lines, picked_up_lines, orders) ${factsSelect(range)}`,
  );
  await exec(
    tx,
    sql`insert into kpi_day_point_facts (region_id, day, pickup_point_id, member, gmv_fen, units, lines, flash_gmv_fen,
      refund_fen, short_units, error_lines, picked_up_lines, orders)
    select region_id, day, pickup_point_id, member, sum(gmv_fen), sum(units), sum(lines), sum(flash_gmv_fen),
      sum(refund_fen), sum(short_units), sum(error_lines), sum(picked_up_lines), sum(orders)
    from kpi_day_facts where region_id = ${region.id} and day between ${start}::date and ${end}::date
    group by region_id, day, pickup_point_id, member`,
  );
  await exec(
    tx,
    sql`insert into kpi_day_customers (region_id, day, user_id, pickup_point_id, member, orders, gmv_fen,
      first_purchase, days_to_second) ${customersSelect(range)}`,
  );
  await foldCustomerYears(tx, region.id, start, end);
  // penetration is read at closed days only
  if (!through) for (let day = start; day <= end; day = addDays(day, 1)) await rollUpPenetration(tx, region, day);
  await exec(tx, sql`insert into kpi_day_ready_hours (region_id, day, tenths, orders) ${readySelect(range)}`);
  if (!through)
    await rollUpRegistrations(tx, region, addDays(start, -REGISTRATION_LAG_DAYS), addDays(end, -REGISTRATION_LAG_DAYS));
  await exec(
    tx,
    sql`insert into kpi_days (region_id, day, time_zone, rolled_at, rolled_through)
    select ${region.id}::uuid, d::date, ${region.tz}, now(), ${through?.toISOString() ?? null}::timestamptz
    from generate_series(${start}::date, ${end}::date, interval '1 day') d
    on conflict (region_id, day) do update set time_zone = excluded.time_zone, rolled_at = now(),
      rolled_through = excluded.rolled_through`,
  );
}

/** Rolls up the region's days `from`..`to` (never past its last closed day), replacing what was there. */
export async function rollUpKpiRange(db: Db, region: Region, from: string, to: string, now = new Date()) {
  const last = lastClosedDay(now, region.tz);
  const end = to < last ? to : last;
  let days = 0;
  for (let start = from; start <= end; start = addDays(start, CHUNK_DAYS)) {
    const chunkEnd = [addDays(start, CHUNK_DAYS - 1), end].sort()[0];
    await db.transaction((tx) => rollChunk(tx as unknown as Db, region, start, chunkEnd));
    days += Math.round((Date.parse(chunkEnd) - Date.parse(start)) / 86_400_000) + 1;
  }
  return days;
}

/**
 * Today so far (decision 055): the events before the grace, so the page reads only the last
 * minutes raw, not the whole day's orders (0.5 s of every request by late afternoon at a
 * 9,000-order day). The day is rolled again whole once it has closed.
 */
async function rollUpToday(db: Db, region: Region, now: Date) {
  const today = businessDate(now, region.tz);
  const through = new Date(now.getTime() - ROLLUP_GRACE_MINUTES * 60_000);
  if (through <= localTime(today, '00:00', region.tz)) return;
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // a few hours of orders: read through the indexes (the planner's estimate of a part of a day
    // chose to scan every order line, 2.6 s against 0.3 s at a year of a 100-point city)
    await exec(tx, sql`set local random_page_cost = 1.1`);
    await rollChunk(tx, region, today, today, through);
  });
}

/** The job: every region's due days, then today so far. Returns the closed region-days rolled up. */
export async function rollUpKpiDays(db: Db, now = new Date()): Promise<number> {
  let total = 0;
  const regions = await rows<Region>(db, sql`select id, time_zone as tz from regions order by created_at, id`);
  for (const region of regions) {
    const last = lastClosedDay(now, region.tz);
    const moved = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from kpi_days where region_id = ${region.id} and time_zone <> ${region.tz}`,
    );
    // together: the page reads no day's rows without its `kpi_days` row
    if (moved?.n)
      await db.transaction(async (tx) => {
        for (const table of KPI_TABLES)
          await exec(tx as unknown as Db, sql`delete from ${sql.identifier(table)} where region_id = ${region.id}`);
      });
    const state = await one<{ last: string | null }>(
      db,
      sql`select to_char(max(day), 'YYYY-MM-DD') as last from kpi_days where region_id = ${region.id}`,
    );
    const from = state?.last ? addDays(state.last, 1) : await firstDay(db, region);
    if (from && from <= last) total += await rollUpKpiRange(db, region, from, last, now);
    // days rolled before their grace ran out: a payment committed just after midnight may be missing
    const early = await rows<{ day: string }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day from kpi_days where region_id = ${region.id} and day <= ${last}::date
        and rolled_at < ((day + 1)::timestamp at time zone ${region.tz}) + make_interval(mins => ${ROLLUP_GRACE_MINUTES})
        order by day`,
    );
    for (const { day } of early) total += await rollUpKpiRange(db, region, day, day, now);
    await rollUpToday(db, region, now);
  }
  // Once a day's rows are written, vacuumed and analysed at once, not whenever autovacuum's
  // thresholds are next met (a fifth of the table, two months of days): the page reads them from
  // the indexes only when their pages are marked all-visible (the year's median days to a second
  // purchase: 228 ms read from the heap, 117 from the index), and plans with their days counted.
  if (total > 0) await exec(db, sql.raw(`vacuum (analyze) ${KPI_TABLES.join(', ')}`));
  return total;
}
