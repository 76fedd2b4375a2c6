import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { AppError, invalidState, notFound, validation } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { businessDate, dateOnly, iso } from '../../lib/time.js';
import { raiseAlert } from '../alerts/service.js';
import { readSettings } from '../settings/service.js';
import {
  ARRIVAL_QUALITY_TARGET,
  CHILLED_RANGE,
  type ColdZone,
  FROZEN_MAX,
  inRange,
  zoneRanges,
  type ZoneRange,
} from './rules.js';

/**
 * Temperature readings of a route's delivery (decision 042): recorded by the warehouse at
 * dispatch, by the leader at arrival, or posted by a logger; kept with the range in force, and an
 * out-of-range reading raises one operator alert. Append-only.
 */

export type Stage = 'dispatch' | 'arrival';
export type Source = 'warehouse' | 'leader' | 'logger';

export interface ReadingInput {
  routeId: string;
  day: string;
  stage: Stage;
  zone: ColdZone;
  pickupPointId: string | null;
  tenths: number;
  source: Source;
  loggerId?: string | null;
  recordedBy?: string | null;
  measuredAt?: Date;
}

export interface ReadingView {
  id: string;
  routeId: string;
  day: string;
  stage: Stage;
  zone: ColdZone;
  pickupPointId: string | null;
  pickupPointName: string | null;
  tenths: number;
  minTenths: number | null;
  maxTenths: number;
  inRange: boolean;
  source: Source;
  measuredAt: string;
}

export async function currentRanges(db: Db): Promise<Record<ColdZone, ZoneRange>> {
  const [chilled, frozenMax] = await readSettings(db, [CHILLED_RANGE, FROZEN_MAX] as const);
  return zoneRanges(chilled, frozenMax);
}

/**
 * Records readings of one route's delivery (checked by the caller: route in scope, point on the
 * route) and raises an alert for each one out of range. Run it inside the caller's transaction.
 */
export async function recordReadings(db: Db, inputs: ReadingInput[]): Promise<ReadingView[]> {
  if (!inputs.length) return [];
  const ranges = await currentRanges(db);
  const out: ReadingView[] = [];
  for (const r of inputs) {
    const range = ranges[r.zone];
    const ok = inRange(range, r.tenths);
    const row = await one<{
      id: string;
      region_id: string;
      route_name: string;
      point_name: string | null;
      measured_at: unknown;
    }>(
      db,
      sql`
      insert into temperature_readings (route_id, region_id, day, stage, zone, pickup_point_id, tenths, min_tenths, max_tenths,
        in_range, source, logger_id, recorded_by, measured_at)
      select r.id, r.region_id, ${r.day}::date, ${r.stage}, ${r.zone}, ${r.pickupPointId}::uuid, ${r.tenths}, ${range.min}::int,
        ${range.max}::int, ${ok}, ${r.source}, ${r.loggerId ?? null}::uuid, ${r.recordedBy ?? null}::uuid,
        coalesce(${r.measuredAt?.toISOString() ?? null}::timestamptz, now())
      from routes r where r.id = ${r.routeId}
      returning id, region_id, (select name from routes where id = route_id) as route_name,
        (select name from pickup_points where id = pickup_point_id) as point_name, measured_at`,
    );
    if (!row) throw notFound('Route');
    if (!ok) {
      // a breach spoils the zone's lines of this route and day, whenever they were confirmed
      await refreshArrivalQuality(db, r.routeId, r.day);
      await raiseAlert(db, {
        kind: 'temperature_breach',
        businessKey: `temperature:${row.id}`,
        regionId: row.region_id,
        severity: 'critical',
        subjectType: 'route',
        subjectId: r.routeId,
        details: {
          readingId: row.id,
          routeName: row.route_name,
          pickupPointName: row.point_name,
          day: r.day,
          stage: r.stage,
          zone: r.zone,
          tenths: r.tenths,
          minTenths: range.min,
          maxTenths: range.max,
        },
      });
    }
    out.push({
      id: row.id,
      routeId: r.routeId,
      day: r.day,
      stage: r.stage,
      zone: r.zone,
      pickupPointId: r.pickupPointId,
      pickupPointName: row.point_name,
      tenths: r.tenths,
      minTenths: range.min,
      maxTenths: range.max,
      inRange: ok,
      source: r.source,
      measuredAt: iso(row.measured_at)!,
    });
  }
  return out;
}

interface ReadingRow {
  id: string;
  route_id: string;
  day: unknown;
  stage: Stage;
  zone: ColdZone;
  pickup_point_id: string | null;
  point_name: string | null;
  tenths: number;
  min_tenths: number | null;
  max_tenths: number;
  in_range: boolean;
  source: Source;
  measured_at: unknown;
}

const readingView = (r: ReadingRow): ReadingView => ({
  id: r.id,
  routeId: r.route_id,
  day: dateOnly(r.day)!,
  stage: r.stage,
  zone: r.zone,
  pickupPointId: r.pickup_point_id,
  pickupPointName: r.point_name,
  tenths: r.tenths,
  minTenths: r.min_tenths,
  maxTenths: r.max_tenths,
  inRange: r.in_range,
  source: r.source,
  measuredAt: iso(r.measured_at)!,
});

/**
 * The readings of routes' deliveries on a day, oldest first: dispatch readings and the arrival
 * readings of every point (`pickupPointId` given: that point's arrival readings only).
 */
export async function readingsOf(
  db: Db,
  filter: { routeIds: string[]; day: string; pickupPointId?: string },
): Promise<ReadingView[]> {
  if (!filter.routeIds.length) return [];
  const found = await rows<ReadingRow>(
    db,
    sql`
    select t.id, t.route_id, t.day, t.stage, t.zone, t.pickup_point_id, pp.name as point_name, t.tenths, t.min_tenths,
      t.max_tenths, t.in_range, t.source, t.measured_at
    from temperature_readings t left join pickup_points pp on pp.id = t.pickup_point_id
    where t.route_id in (${sql.join(
      filter.routeIds.map((r) => sql`${r}::uuid`),
      sql`, `,
    )}) and t.day = ${filter.day}::date
      and ${filter.pickupPointId ? sql`(t.pickup_point_id is null or t.pickup_point_id = ${filter.pickupPointId})` : sql`true`}
    order by t.measured_at, t.created_at, t.id`,
  );
  return found.map(readingView);
}

/** Zones with a reading out of range for a point's goods: at dispatch of its route, or at its arrival. */
export const breachedZones = (readings: ReadingView[], pickupPointId?: string): ColdZone[] =>
  (['chilled', 'frozen'] as const).filter((z) =>
    readings.some(
      (r) =>
        r.zone === z &&
        !r.inRange &&
        (r.pickupPointId === null || pickupPointId === undefined || r.pickupPointId === pickupPointId),
    ),
  );

// ---- recording from the console and the leader app ----

/** A dispatch reading of a route's delivery on a day, by the warehouse (route in the caller's regions). */
export async function recordDispatchReading(
  db: Db,
  scope: RegionScope,
  input: { routeId: string; day: string; zone: ColdZone; tenths: number; measuredAt?: Date },
  actorId: string,
): Promise<ReadingView> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const route = await one(
      tx,
      sql`select 1 as ok from routes where id = ${input.routeId} and ${inScope(scope, sql`region_id`)} for share`,
    );
    if (!route) throw notFound('Route');
    const [reading] = await recordReadings(tx, [
      { ...input, stage: 'dispatch', pickupPointId: null, source: 'warehouse', recordedBy: actorId },
    ]);
    return reading;
  });
}

/** The leader's point's sorting list of a campaign: its route and delivery day. */
export async function leaderDelivery(db: Db, pickupPointId: string, campaignId: string) {
  const list = await one<{ id: string; route_id: string; status: string; day: unknown }>(
    db,
    sql`
    select sl.id, sl.route_id, sl.status, c.pickup_date as day
    from sorting_lists sl join campaigns c on c.id = sl.campaign_id
    where sl.campaign_id = ${campaignId} and sl.pickup_point_id = ${pickupPointId}`,
  );
  if (!list) throw notFound('Sorting list for your pickup point');
  return { sortingListId: list.id, routeId: list.route_id, status: list.status, day: dateOnly(list.day)! };
}

/** An arrival reading at the leader's own point (after dispatch: before, nothing has arrived). */
export async function recordArrivalReading(
  db: Db,
  leader: { pickupPointId: string; userId: string },
  input: { campaignId: string; zone: ColdZone; tenths: number },
): Promise<ReadingView> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const d = await leaderDelivery(tx, leader.pickupPointId, input.campaignId);
    if (d.status === 'pending') throw invalidState('The goods for your pickup point have not been dispatched yet');
    const [reading] = await recordReadings(tx, [
      {
        routeId: d.routeId,
        day: d.day,
        stage: 'arrival',
        zone: input.zone,
        pickupPointId: leader.pickupPointId,
        tenths: input.tenths,
        source: 'leader',
        recordedBy: leader.userId,
      },
    ]);
    return reading;
  });
}

// ---- loggers ----

export interface LoggerView {
  id: string;
  name: string;
  warehouseId: string;
  warehouseName: string;
  signed: boolean;
  active: boolean;
  createdAt: string;
  lastReadingAt: string | null;
}

/**
 * Registers a logger of a warehouse in the caller's regions and returns its secret, this once.
 * Without a secret (`unsigned`) only outside production: there anyone could post readings.
 */
export async function registerLogger(
  db: Db,
  scope: RegionScope,
  input: { name: string; warehouseId: string; unsigned?: boolean },
  opts: { production: boolean; actorId: string },
): Promise<{ logger: LoggerView; secret: string | null }> {
  if (input.unsigned && opts.production)
    throw new AppError('SECRET_REQUIRED', 409, 'In production every temperature logger signs its readings', {
      field: 'unsigned',
    });
  const warehouse = await one(
    db,
    sql`select 1 as ok from warehouses where id = ${input.warehouseId} and ${inScope(scope, sql`region_id`)}`,
  );
  if (!warehouse) throw notFound('Warehouse');
  // 32 random bytes: as strong as the HMAC-SHA256 key can use
  const secret = input.unsigned ? null : randomBytes(32).toString('hex');
  const row = await one<{ id: string }>(
    db,
    sql`insert into temperature_loggers (name, warehouse_id, secret, created_by)
      values (${input.name}, ${input.warehouseId}, ${secret}, ${opts.actorId}) returning id`,
  );
  const [logger] = await listLoggers(db, scope, row!.id);
  return { logger, secret };
}

export async function listLoggers(db: Db, scope: RegionScope, id?: string): Promise<LoggerView[]> {
  const found = await rows<{
    id: string;
    name: string;
    warehouse_id: string;
    warehouse_name: string;
    signed: boolean;
    active: boolean;
    created_at: unknown;
    last_reading_at: unknown;
  }>(
    db,
    sql`
    select l.id, l.name, l.warehouse_id, w.name as warehouse_name, l.secret is not null as signed, l.active, l.created_at,
      (select max(t.created_at) from temperature_readings t where t.logger_id = l.id) as last_reading_at
    from temperature_loggers l join warehouses w on w.id = l.warehouse_id
    where ${inScope(scope, sql`w.region_id`)} and ${id ? sql`l.id = ${id}` : sql`true`}
    order by w.name, l.name, l.id`,
  );
  return found.map((l) => ({
    id: l.id,
    name: l.name,
    warehouseId: l.warehouse_id,
    warehouseName: l.warehouse_name,
    signed: l.signed,
    active: l.active,
    createdAt: iso(l.created_at)!,
    lastReadingAt: iso(l.last_reading_at),
  }));
}

/** The logger a webhook delivery names (null: unknown or retired). Its secret never leaves this module. */
export async function loggerForDelivery(db: Db, loggerId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(loggerId)) return null;
  return (
    (await one<{ id: string; warehouse_id: string; secret: string | null }>(
      db,
      sql`select id, warehouse_id, secret from temperature_loggers where id = ${loggerId} and active`,
    )) ?? null
  );
}

export interface LoggerReadingInput {
  routeId: string;
  day?: string;
  stage: Stage;
  zone: ColdZone;
  pickupPointId?: string;
  tenths: number;
  measuredAt: string;
}

export const replayed = () =>
  new AppError('REPLAYED', 409, 'This signed delivery was already received', { header: 'x-linli-signature' });

/**
 * A logger's delivery, verified by the caller: its readings, each of a route its warehouse serves
 * (a point: on that route), recorded together with the delivery's signature. The same signature
 * again is 409 REPLAYED and writes nothing.
 */
export async function ingestLoggerDelivery(
  db: Db,
  logger: { id: string; warehouse_id: string },
  signature: string | null,
  readings: LoggerReadingInput[],
): Promise<{ recorded: number; breaches: number }> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    if (signature) {
      const fresh = await one(
        tx,
        sql`insert into temperature_logger_deliveries (logger_id, signature) values (${logger.id}, ${signature})
        on conflict do nothing returning 1 as ok`,
      );
      if (!fresh) throw replayed();
      // what is older than the window can no longer be replayed (the timestamp check refuses it)
      await exec(
        tx,
        sql`delete from temperature_logger_deliveries where logger_id = ${logger.id} and received_at < now() - interval '15 minutes'`,
      );
    }
    const routeIds = [...new Set(readings.map((r) => r.routeId))];
    const routes = await rows<{ id: string; warehouse_id: string; time_zone: string }>(
      tx,
      sql`select r.id, r.warehouse_id, g.time_zone from routes r join regions g on g.id = r.region_id
      where r.id in (${sql.join(
        routeIds.map((r) => sql`${r}::uuid`),
        sql`, `,
      )})`,
    );
    const byId = new Map(routes.map((r) => [r.id, r]));
    const inputs: ReadingInput[] = [];
    for (const [i, r] of readings.entries()) {
      const route = byId.get(r.routeId);
      if (!route || route.warehouse_id !== logger.warehouse_id)
        throw validation("This route is not served by the logger's warehouse", { field: `readings.${i}.routeId` });
      if ((r.stage === 'arrival') !== !!r.pickupPointId)
        throw validation('An arrival reading names its pickup point, a dispatch reading none', {
          field: `readings.${i}.pickupPointId`,
        });
      if (r.pickupPointId) {
        const onRoute = await one(
          tx,
          sql`select 1 as ok from pickup_points where id = ${r.pickupPointId} and route_id = ${r.routeId}`,
        );
        if (!onRoute)
          throw validation('This pickup point is not on the route', { field: `readings.${i}.pickupPointId` });
      }
      const measuredAt = new Date(r.measuredAt);
      inputs.push({
        routeId: r.routeId,
        // the delivery day in the route's region, unless the logger says which
        day: r.day ?? businessDate(measuredAt, route.time_zone),
        stage: r.stage,
        zone: r.zone,
        pickupPointId: r.pickupPointId ?? null,
        tenths: r.tenths,
        source: 'logger',
        loggerId: logger.id,
        measuredAt,
      });
    }
    const recorded = await recordReadings(tx, inputs);
    return { recorded: recorded.length, breaches: recorded.filter((r) => !r.inRange).length };
  });
}

// ---- arrival quality ----

export interface ArrivalQualityRow {
  routeId: string;
  routeName: string;
  regionId: string;
  /** the Monday of the week (pickup dates) */
  week: string;
  dispatchedLines: number;
  goodLines: number;
  damagedLines: number;
  missingLines: number;
  breachedLines: number;
  /** goodLines / dispatchedLines in basis points, rounded half up; null when nothing was dispatched */
  rateBps: number | null;
}

export const rateBps = (good: number, all: number) => (all > 0 ? Math.floor((good * 10_000) / all + 0.5) : null);

/**
 * The per-line facts of arrival quality (到货品质达标率), per route and delivery day: order lines
 * dispatched — on a sorting list that left, product confirmed at arrival, line not left short at
 * receiving — and of those the ones that arrived whole (no arrival loss refunded) with no reading of
 * their zone out of range at their route's dispatch or at their point's arrival. Damaged, missing
 * and breached lines are counted apart (a line can be both damaged and breached). `where` narrows
 * the sorting lists (alias sl) and campaigns (alias c).
 */
const qualityDaysSelect = (where: SQL) => sql`
    with lists as (
      select sl.id, sl.campaign_id, sl.route_id, sl.pickup_point_id, c.pickup_date as day, c.region_id
      from sorting_lists sl join campaigns c on c.id = sl.campaign_id
      where sl.status in ('dispatched', 'arrived') and ${where}
    ), lines as (
      select x.route_id, x.day, x.region_id, f.reason as loss,
        exists (select 1 from temperature_readings b where not b.in_range and b.route_id = x.route_id and b.day = x.day
          and b.zone = p.temperature_zone and (b.pickup_point_id is null or b.pickup_point_id = x.pickup_point_id)) as breached
      from lists x
      join sorting_list_lines sll on sll.sorting_list_id = x.id and sll.received_quantity is not null
      join products p on p.id = sll.product_id
      join orders o on o.campaign_id = x.campaign_id and o.pickup_point_id = x.pickup_point_id
        and o.status in ('closed', 'ready', 'completed')
      join order_lines l on l.order_id = o.id and l.product_id = sll.product_id and l.status in ('arrived', 'picked_up', 'refunded')
      left join refunds f on f.business_key = 'arrival:' || l.id::text and f.status = 'refunded'
    )
    select route_id, day, min(region_id::text)::uuid as region_id, count(*)::int as dispatched_lines,
      count(*) filter (where loss is null and not breached)::int as good_lines,
      count(*) filter (where loss = 'damaged')::int as damaged_lines,
      count(*) filter (where loss = 'missing')::int as missing_lines,
      count(*) filter (where breached)::int as breached_lines
    from lines group by route_id, day`;

/**
 * Recomputes one route's delivery day. The row is locked first, so a concurrent arrival of another
 * point of the route waits and then counts this one's committed lines too (read committed: each
 * statement sees what committed before it). Run it in the transaction that changed the facts.
 */
export async function refreshArrivalQuality(db: Db, routeId: string, day: string): Promise<void> {
  await exec(
    db,
    sql`insert into arrival_quality_days (route_id, day, region_id, dispatched_lines, good_lines, damaged_lines, missing_lines, breached_lines)
    select id, ${day}::date, region_id, 0, 0, 0, 0, 0 from routes where id = ${routeId}
    on conflict (route_id, day) do nothing`,
  );
  await exec(db, sql`select 1 from arrival_quality_days where route_id = ${routeId} and day = ${day}::date for update`);
  await exec(
    db,
    sql`
    with fresh as (${qualityDaysSelect(sql`sl.route_id = ${routeId} and c.pickup_date = ${day}::date`)})
    update arrival_quality_days q set dispatched_lines = coalesce(f.dispatched_lines, 0), good_lines = coalesce(f.good_lines, 0),
      damaged_lines = coalesce(f.damaged_lines, 0), missing_lines = coalesce(f.missing_lines, 0),
      breached_lines = coalesce(f.breached_lines, 0), region_id = coalesce(f.region_id, q.region_id), computed_at = now()
    from (select 1) one left join fresh f on true
    where q.route_id = ${routeId} and q.day = ${day}::date`,
  );
}

/** Recomputes every route and day (after the demo's history is moved to its dates). */
export async function rebuildArrivalQuality(db: Db): Promise<void> {
  await exec(db, sql`delete from arrival_quality_days`);
  await exec(
    db,
    sql`insert into arrival_quality_days (route_id, day, region_id, dispatched_lines, good_lines, damaged_lines, missing_lines, breached_lines)
    ${qualityDaysSelect(sql`true`)}`,
  );
}

/** Arrival quality per route and week (Monday) of delivery days in [from, to], summed from the daily rows. */
export async function arrivalQuality(
  db: Db,
  filter: { from: string; to: string; scope: RegionScope },
): Promise<{ targetBps: number; rows: ArrivalQualityRow[]; weeks: QualityTotal[]; total: Omit<QualityTotal, 'week'> }> {
  const [targetBps] = await readSettings(db, [ARRIVAL_QUALITY_TARGET] as const);
  const found = await rows<{
    route_id: string;
    route_name: string;
    region_id: string;
    week: unknown;
    dispatched: number;
    good: number;
    damaged: number;
    missing: number;
    breached: number;
  }>(
    db,
    sql`
    select q.route_id, r.name as route_name, min(q.region_id::text) as region_id, date_trunc('week', q.day)::date as week,
      sum(q.dispatched_lines)::int as dispatched, sum(q.good_lines)::int as good, sum(q.damaged_lines)::int as damaged,
      sum(q.missing_lines)::int as missing, sum(q.breached_lines)::int as breached
    from arrival_quality_days q join routes r on r.id = q.route_id
    where q.day between ${filter.from}::date and ${filter.to}::date and q.dispatched_lines > 0
      and ${inScope(filter.scope, sql`q.region_id`)}
    group by q.route_id, r.name, date_trunc('week', q.day)
    order by week, r.name, q.route_id`,
  );
  const rowsOut: ArrivalQualityRow[] = found.map((r) => ({
    routeId: r.route_id,
    routeName: r.route_name,
    regionId: r.region_id,
    week: dateOnly(r.week)!,
    dispatchedLines: r.dispatched,
    goodLines: r.good,
    damagedLines: r.damaged,
    missingLines: r.missing,
    breachedLines: r.breached,
    rateBps: rateBps(r.good, r.dispatched),
  }));
  return { targetBps, rows: rowsOut, ...qualityTotals(rowsOut) };
}

export interface QualityTotal {
  week: string;
  dispatchedLines: number;
  goodLines: number;
  rateBps: number | null;
}

/** Every route's lines summed per week and over the period (the rate of sums, not a mean of rates). */
export function qualityTotals(rows: ArrivalQualityRow[]) {
  const byWeek = new Map<string, QualityTotal>();
  for (const r of rows) {
    const w = byWeek.get(r.week) ?? { week: r.week, dispatchedLines: 0, goodLines: 0, rateBps: null };
    w.dispatchedLines += r.dispatchedLines;
    w.goodLines += r.goodLines;
    byWeek.set(r.week, w);
  }
  const weeks = [...byWeek.values()]
    .sort((a, b) => (a.week < b.week ? -1 : 1))
    .map((w) => ({ ...w, rateBps: rateBps(w.goodLines, w.dispatchedLines) }));
  const dispatchedLines = weeks.reduce((s, w) => s + w.dispatchedLines, 0);
  const goodLines = weeks.reduce((s, w) => s + w.goodLines, 0);
  return { weeks, total: { dispatchedLines, goodLines, rateBps: rateBps(goodLines, dispatchedLines) } };
}
