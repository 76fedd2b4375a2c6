import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { addDays, localTime } from '../../lib/time.js';
import { lastClosedDay, ROLLUP_GRACE_MINUTES } from '../analytics/rollups.js';
import type { DemandHistory } from './rules.js';

/**
 * The demand history per product × pickup point × business day (decision 049), rolled up like the
 * dashboard's (decision 021): a region's closed day (past the grace after its midnight) is rolled
 * once, and again when dirty (triggers of migration `demand_dirty_triggers`); a day not rolled,
 * dirty or rolled in another time zone is read from the raw rows, so reads never depend on the job.
 */
const CHUNK_DAYS = 31;

export interface Region {
  id: string;
  timeZone: string;
}

const bounds = (region: Region, from: string, to: string) => ({
  fromAt: localTime(from, '00:00', region.timeZone).toISOString(),
  toAt: localTime(addDays(to, 1), '00:00', region.timeZone).toISOString(),
});

/**
 * A campaign's products are on sale on the business day of its cutoff. Promoted wins over sold
 * out (a flash deal that sold out says nothing of ordinary demand).
 */
const rawOffered = (region: Region, from: string, to: string) => {
  const { fromAt, toAt } = bounds(region, from, to);
  return sql`
    select (c.cutoff_at at time zone ${region.timeZone})::date as day, i.product_id,
      case when bool_or(i.sale_starts_at is not null or coalesce(jsonb_typeof(i.group_tiers) = 'array'
             and jsonb_array_length(i.group_tiers) > 0, false)) then 'promoted'
           when bool_or(i.quota is not null and i.sold >= i.quota) then 'sold_out'
           else 'normal' end as kind
    from campaigns c join campaign_items i on i.campaign_id = c.id
    where c.region_id = ${region.id} and c.cutoff_at >= ${fromAt}::timestamptz and c.cutoff_at < ${toAt}::timestamptz
    group by 1, 2`;
};

/** Units of the goods orders paid on the day at each point: demand, whatever became of the order later. */
const rawUnits = (region: Region, from: string, to: string) => {
  const { fromAt, toAt } = bounds(region, from, to);
  return sql`
    select (o.paid_at at time zone ${region.timeZone})::date as day, l.product_id, o.pickup_point_id,
      sum(l.quantity)::bigint as units
    from orders o join order_lines l on l.order_id = o.id
    where o.kind = 'goods' and o.region_id = ${region.id} and o.pickup_point_id is not null
      and o.paid_at >= ${fromAt}::timestamptz and o.paid_at < ${toAt}::timestamptz
    group by 1, 2, 3`;
};

async function rollUpRange(db: Db, region: Region, from: string, to: string): Promise<void> {
  await exec(
    db,
    sql`
    insert into demand_days (region_id, day, time_zone, rolled_at, dirty)
    select ${region.id}::uuid, d::date, ${region.timeZone}, now(), false
    from generate_series(${from}::date, ${to}::date, interval '1 day') d
    on conflict (region_id, day) do update set time_zone = excluded.time_zone, rolled_at = now(), dirty = false`,
  );
  for (const table of ['demand_day_products', 'demand_day_units'])
    await exec(
      db,
      sql`delete from ${sql.identifier(table)} where region_id = ${region.id} and day between ${from}::date and ${to}::date`,
    );
  await exec(
    db,
    sql`insert into demand_day_products (region_id, day, product_id, kind)
      select ${region.id}::uuid, day, product_id, kind from (${rawOffered(region, from, to)}) x`,
  );
  await exec(
    db,
    sql`insert into demand_day_units (region_id, day, product_id, pickup_point_id, units)
      select ${region.id}::uuid, day, product_id, pickup_point_id, units from (${rawUnits(region, from, to)}) x`,
  );
}

async function rebuild(db: Db, region: Region, from: string, to: string): Promise<number> {
  let days = 0;
  for (let start = from; start <= to; start = addDays(start, CHUNK_DAYS)) {
    const end = addDays(start, CHUNK_DAYS - 1) < to ? addDays(start, CHUNK_DAYS - 1) : to;
    await db.transaction((tx) => rollUpRange(tx as unknown as Db, region, start, end));
    days += Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  }
  return days;
}

export const listRegions = (db: Db, only?: string) =>
  rows<Region>(
    db,
    sql`select id, time_zone as "timeZone" from regions ${only ? sql`where id = ${only}` : sql``} order by created_at, id`,
  );

/**
 * The `rollup-demand` job: per region, the closed days not rolled yet, the dirty ones and those
 * rolled within the grace after their midnight; a region whose time zone changed is rolled afresh.
 * Returns the region-days rolled up.
 */
export async function rollUpDemand(db: Db, now = new Date()): Promise<number> {
  let done = 0;
  for (const region of await listRegions(db)) {
    const last = lastClosedDay(now, region.timeZone);
    await exec(
      db,
      sql`delete from demand_days where region_id = ${region.id} and time_zone is not null and time_zone <> ${region.timeZone}`,
    );
    const state = await one<{ last_rolled: string | null; first: string | null }>(
      db,
      sql`select
        (select to_char(max(day), 'YYYY-MM-DD') from demand_days where region_id = ${region.id} and rolled_at is not null) as last_rolled,
        (select to_char(min(paid_at) at time zone ${region.timeZone}, 'YYYY-MM-DD') from orders
          where kind = 'goods' and paid_at is not null and region_id = ${region.id}) as first`,
    );
    const from = state?.last_rolled ? addDays(state.last_rolled, 1) : state?.first;
    if (from && from <= last) done += await rebuild(db, region, from, last);
    const stale = await rows<{ day: string }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day from demand_days
      where region_id = ${region.id} and day <= ${last}::date and (dirty or rolled_at is null
        or rolled_at < ((day + 1)::timestamp at time zone ${region.timeZone}) + make_interval(mins => ${ROLLUP_GRACE_MINUTES}))
      order by day`,
    );
    for (const { day } of stale) done += await rebuild(db, region, day, day);
  }
  return done;
}

/**
 * The demand of the region's days `from`..`to`: rolled-up days from the rollup, the others (today,
 * dirty, not rolled yet) from the raw rows, one statement per run of consecutive raw days.
 */
export async function readDemand(db: Db, region: Region, from: string, to: string): Promise<DemandHistory> {
  const clean = (
    await rows<{ day: string }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day from demand_days where region_id = ${region.id}
        and day between ${from}::date and ${to}::date and rolled_at is not null and not dirty and time_zone = ${region.timeZone}`,
    )
  ).map((r) => r.day);
  const cleanSet = new Set(clean);
  const history: DemandHistory = { offered: [], units: [] };
  if (clean.length) {
    const days = pgArray(clean);
    history.offered.push(
      ...(await rows<DemandHistory['offered'][number]>(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, product_id as "productId", kind from demand_day_products
          where region_id = ${region.id} and day = any(${days}::date[])`,
      )),
    );
    history.units.push(
      ...(await rows<DemandHistory['units'][number]>(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, product_id as "productId", pickup_point_id as "pickupPointId",
          units::int as units from demand_day_units where region_id = ${region.id} and day = any(${days}::date[])`,
      )),
    );
  }
  for (let d = from; d <= to; ) {
    if (cleanSet.has(d)) {
      d = addDays(d, 1);
      continue;
    }
    let end = d;
    while (addDays(end, 1) <= to && !cleanSet.has(addDays(end, 1))) end = addDays(end, 1);
    history.offered.push(
      ...(await rows<DemandHistory['offered'][number]>(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, product_id as "productId", kind from (${rawOffered(region, d, end)}) x`,
      )),
    );
    history.units.push(
      ...(await rows<DemandHistory['units'][number]>(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, product_id as "productId", pickup_point_id as "pickupPointId",
          units::int as units from (${rawUnits(region, d, end)}) x`,
      )),
    );
    d = addDays(end, 1);
  }
  return history;
}
