import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { addDays, businessDate, localTime } from '../../lib/time.js';
import { lastClosedDay, ROLLUP_GRACE_MINUTES } from '../analytics/rollups.js';
import { ACCEPT_PAST_MS } from './rules.js';

/**
 * The purchase funnel (decision 045): per business day of a region (its own time zone), the
 * distinct people — the user when signed in, else the device — who viewed a deal, added to cart,
 * placed an order and paid (the server's `paid` event). Per region and per pickup point; a
 * region's figure counts a person once even when they used two points, so it is not the points'
 * sum. Closed days come from the daily rollup once it is final; the others (today, the days a
 * late event may still reach, days not rolled) are computed from the events.
 */
export interface FunnelFigures {
  viewers: number;
  carters: number;
  orderers: number;
  payers: number;
}
export interface FunnelDay extends FunnelFigures {
  regionId: string;
  date: string;
}
export interface FunnelPointDay extends FunnelDay {
  pickupPointId: string;
}
export interface FunnelRegion {
  regionId: string;
  name: string;
  timeZone: string;
  today: string;
}
export interface Funnel {
  from: string;
  to: string;
  regions: FunnelRegion[];
  days: FunnelDay[];
  points: (FunnelPointDay & { name: string })[];
}

/** the steps' event types, in order */
export const FUNNEL_STEPS = ['deal_viewed', 'cart_added', 'order_placed', 'paid'] as const;

/**
 * A rolled day is final once the latest event that could still be filed on it (ACCEPT_PAST_MS after
 * its end) has had the grace to commit; a day rolled earlier is rolled again by the job.
 */
const FINAL_AFTER = `${ACCEPT_PAST_MS / 60_000 + ROLLUP_GRACE_MINUTES} minutes`;

interface Region {
  id: string;
  name: string;
  tz: string;
}

/** The figures of a region's days `from`..`to` (inclusive) from the events: per day (point null) and per day and point. */
async function rawFunnel(db: Db, region: Region, from: string, to: string) {
  const fromAt = localTime(from, '00:00', region.tz).toISOString();
  const toAt = localTime(addDays(to, 1), '00:00', region.tz).toISOString();
  return rows<FunnelFigures & { day: string; pickup_point_id: string | null; whole: boolean }>(
    db,
    sql`
    with e as (
      select (at at time zone ${region.tz})::date as day, pickup_point_id, type, coalesce(user_id, device_id) as who
      from behaviour_events
      where region_id = ${region.id} and at >= ${fromAt}::timestamptz and at < ${toAt}::timestamptz
        and type in ('deal_viewed', 'cart_added', 'order_placed', 'paid') and coalesce(user_id, device_id) is not null)
    select to_char(day, 'YYYY-MM-DD') as day, pickup_point_id, grouping(pickup_point_id) = 1 as whole,
      count(distinct who) filter (where type = 'deal_viewed')::int as viewers,
      count(distinct who) filter (where type = 'cart_added')::int as carters,
      count(distinct who) filter (where type = 'order_placed')::int as orderers,
      count(distinct who) filter (where type = 'paid')::int as payers
    from e group by grouping sets ((day), (day, pickup_point_id))`,
  );
}

/**
 * The funnel of the last `days` business days (today included) of each region in `scope`,
 * narrowed to `regionIds`; a region outside the scope or unknown is a 404.
 */
export async function funnel(
  db: Db,
  opts: { days: number; now?: Date; scope?: RegionScope; regionIds?: readonly string[] },
): Promise<Funnel> {
  const now = opts.now ?? new Date();
  const scope = opts.scope ?? null;
  const wanted = opts.regionIds?.length ? [...new Set(opts.regionIds)] : null;
  const found = await rows<Region>(
    db,
    sql`select id, name, time_zone as tz from regions
      where ${inScope(scope, sql`id`)} ${wanted ? sql`and id = any(${pgArray(wanted)}::uuid[])` : sql``}
      order by created_at, id`,
  );
  if (wanted && found.length < wanted.length) throw notFound('Region');
  const days: FunnelDay[] = [];
  const points: FunnelPointDay[] = [];
  let from = '';
  let to = '';
  for (const region of found) {
    const today = businessDate(now, region.tz);
    const first = addDays(today, -(opts.days - 1));
    if (!to || today > to) to = today;
    if (!from || first < from) from = first;
    // the final rolled days of the period; the rest is read from the events
    const rolled = await rows<FunnelFigures & { day: string }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, viewers, carters, orderers, payers from funnel_days
        where region_id = ${region.id} and day between ${first}::date and ${today}::date and time_zone = ${region.tz}
          and rolled_at >= ((day + 1)::timestamp at time zone ${region.tz}) + ${FINAL_AFTER}::interval`,
    );
    const final = new Set(rolled.map((r) => r.day));
    for (const r of rolled) days.push({ regionId: region.id, date: r.day, ...figures(r) });
    if (final.size) {
      const pointRows = await rows<FunnelFigures & { day: string; pickup_point_id: string }>(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, pickup_point_id, viewers, carters, orderers, payers
          from funnel_day_points where region_id = ${region.id} and day = any(${pgArray([...final])}::date[])`,
      );
      for (const r of pointRows)
        points.push({ regionId: region.id, date: r.day, pickupPointId: r.pickup_point_id, ...figures(r) });
    }
    // The days before the first one rolled had no events when it was rolled (the job starts at the
    // region's first event), and none can be filed on them since (the accepted window): nothing to read.
    const start = await one<{ day: string | null }>(
      db,
      sql`select to_char(min(day), 'YYYY-MM-DD') as day from funnel_days where region_id = ${region.id} and time_zone = ${region.tz}`,
    );
    const readFrom = start?.day && start.day > first ? start.day : first;
    // the first day of the period not final, and every day after it, from the events
    let rawFrom: string | null = null;
    for (let d = readFrom; d <= today; d = addDays(d, 1))
      if (!final.has(d)) {
        rawFrom = d;
        break;
      }
    if (rawFrom) {
      for (const r of await rawFunnel(db, region, rawFrom, today)) {
        if (final.has(r.day)) continue;
        if (r.whole) days.push({ regionId: region.id, date: r.day, ...figures(r) });
        else if (r.pickup_point_id)
          points.push({ regionId: region.id, date: r.day, pickupPointId: r.pickup_point_id, ...figures(r) });
      }
    }
  }
  const names = new Map(
    (
      await rows<{ id: string; name: string }>(
        db,
        sql`select id, name from pickup_points where id = any(${pgArray([...new Set(points.map((p) => p.pickupPointId))])}::uuid[])`,
      )
    ).map((p) => [p.id, p.name]),
  );
  days.sort((a, b) => a.date.localeCompare(b.date) || a.regionId.localeCompare(b.regionId));
  points.sort(
    (a, b) => a.date.localeCompare(b.date) || b.viewers - a.viewers || a.pickupPointId.localeCompare(b.pickupPointId),
  );
  return {
    from,
    to,
    regions: found.map((r) => ({ regionId: r.id, name: r.name, timeZone: r.tz, today: businessDate(now, r.tz) })),
    days,
    points: points.map((p) => ({ ...p, name: names.get(p.pickupPointId) ?? '' })),
  };
}

const figures = (r: FunnelFigures): FunnelFigures => ({
  viewers: Number(r.viewers),
  carters: Number(r.carters),
  orderers: Number(r.orderers),
  payers: Number(r.payers),
});

/** days rolled per transaction */
const CHUNK_DAYS = 31;

/** Rolls up a region's days `from`..`to` from the events, replacing what was there. */
async function rollUpRange(db: Db, region: Region, from: string, to: string): Promise<void> {
  const figuresOf = await rawFunnel(db, region, from, to);
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await exec(
      tx,
      sql`delete from funnel_days where region_id = ${region.id} and day between ${from}::date and ${to}::date`,
    );
    await exec(
      tx,
      sql`delete from funnel_day_points where region_id = ${region.id} and day between ${from}::date and ${to}::date`,
    );
    const whole = new Map(figuresOf.filter((r) => r.whole).map((r) => [r.day, r]));
    const allDays: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) allDays.push(d);
    const col = (f: (d: string) => number) => pgArray(allDays.map(f));
    await exec(
      tx,
      sql`insert into funnel_days (region_id, day, time_zone, viewers, carters, orderers, payers, rolled_at)
        select ${region.id}::uuid, d, ${region.tz}, v, c, o, p, now()
        from unnest(${pgArray(allDays)}::date[], ${col((d) => whole.get(d)?.viewers ?? 0)}::int[],
          ${col((d) => whole.get(d)?.carters ?? 0)}::int[], ${col((d) => whole.get(d)?.orderers ?? 0)}::int[],
          ${col((d) => whole.get(d)?.payers ?? 0)}::int[]) as t(d, v, c, o, p)`,
    );
    const pts = figuresOf.filter((r) => !r.whole && r.pickup_point_id);
    if (pts.length) {
      const pc = (f: (r: (typeof pts)[number]) => string | number) => pgArray(pts.map(f));
      await exec(
        tx,
        sql`insert into funnel_day_points (region_id, day, pickup_point_id, viewers, carters, orderers, payers)
          select ${region.id}::uuid, d, pp, v, c, o, p
          from unnest(${pc((r) => r.day)}::date[], ${pc((r) => r.pickup_point_id!)}::uuid[], ${pc((r) => r.viewers)}::int[],
            ${pc((r) => r.carters)}::int[], ${pc((r) => r.orderers)}::int[], ${pc((r) => r.payers)}::int[]) as t(d, pp, v, c, o, p)`,
      );
    }
  });
}

/**
 * The `rollup-funnel` job, region by region: the closed days after the last one rolled (from the
 * region's first event), and the days rolled before they were final (a late event could still be
 * filed on them). A region whose time zone changed has its rows rolled again in the new zone.
 */
export async function rollUpFunnelDays(db: Db, now = new Date()): Promise<{ regionId: string; days: number }[]> {
  const done: { regionId: string; days: number }[] = [];
  const regions = await rows<Region>(db, sql`select id, name, time_zone as tz from regions order by created_at, id`);
  for (const region of regions) {
    const last = lastClosedDay(now, region.tz);
    await exec(db, sql`delete from funnel_days where region_id = ${region.id} and time_zone <> ${region.tz}`);
    const state = await one<{ last_rolled: string | null; first_event: string | null; first_open: string | null }>(
      db,
      sql`select
        (select to_char(max(day), 'YYYY-MM-DD') from funnel_days where region_id = ${region.id}) as last_rolled,
        (select to_char(min(at) at time zone ${region.tz}, 'YYYY-MM-DD') from behaviour_events where region_id = ${region.id}) as first_event,
        (select to_char(min(day), 'YYYY-MM-DD') from funnel_days where region_id = ${region.id}
          and rolled_at < ((day + 1)::timestamp at time zone ${region.tz}) + ${FINAL_AFTER}::interval) as first_open`,
    );
    let from = state?.last_rolled ? addDays(state.last_rolled, 1) : state?.first_event;
    if (state?.first_open && (!from || state.first_open < from)) from = state.first_open;
    if (!from || from > last) continue;
    let days = 0;
    for (let start = from; start <= last; start = addDays(start, CHUNK_DAYS)) {
      const chunkEnd = addDays(start, CHUNK_DAYS - 1);
      const end = [chunkEnd, last].sort()[0];
      await rollUpRange(db, region, start, end);
      days += Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
    }
    done.push({ regionId: region.id, days });
  }
  return done;
}
