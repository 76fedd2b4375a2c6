import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../../db/client.js';
import { validation } from '../../lib/errors.js';
import { inScope, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { addDays, businessDate } from '../../lib/time.js';
import { notFound } from '../../lib/errors.js';

/**
 * Delivery cost entered per route and business day of the route's region (decision 030), read by
 * the dashboard's `routes` section (delivery cost share). One entry per route and day: entering
 * the same day again replaces the amount and note (the unique key route_costs_route_day_key
 * decides, so two operators entering one day at once leave one row).
 */
export interface RouteCostEntry {
  routeId: string;
  routeName: string;
  regionId: string;
  date: string;
  costFen: number;
  note: string;
  updatedAt: string;
}

type Row = {
  route_id: string;
  route_name: string;
  region_id: string;
  day: string;
  cost_fen: number;
  note: string;
  updated_at: string;
};
const view = (r: Row): RouteCostEntry => ({
  routeId: r.route_id,
  routeName: r.route_name,
  regionId: r.region_id,
  date: r.day,
  costFen: Number(r.cost_fen),
  note: r.note,
  updatedAt: r.updated_at,
});
const select = sql`
  select c.route_id, rt.name as route_name, rt.region_id, to_char(c.day, 'YYYY-MM-DD') as day, c.cost_fen, c.note,
    to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at
  from route_costs c join routes rt on rt.id = c.route_id`;

/**
 * Enters the route's delivery cost of a day (replacing an earlier entry of that day). A route of
 * another region than the caller's is a 404; a day after today in the route's region is a 400:
 * cost is entered for deliveries made.
 */
export async function putRouteCost(
  db: Db,
  scope: RegionScope,
  input: { routeId: string; date: string; costFen: number; note: string; userId: string },
  now = new Date(),
): Promise<RouteCostEntry> {
  const route = await one<{ region_id: string; time_zone: string }>(
    db,
    sql`select rt.region_id, r.time_zone from routes rt join regions r on r.id = rt.region_id where rt.id = ${input.routeId}`,
  );
  if (!route) throw notFound('Route');
  requireInScope(scope, route.region_id, 'Route');
  const today = businessDate(now, route.time_zone);
  if (input.date > today)
    throw validation('Delivery cost is entered for a day that has begun in the route’s region', {
      field: 'date',
      today,
    });
  await one(
    db,
    sql`
    insert into route_costs (route_id, day, cost_fen, note, updated_by)
    values (${input.routeId}, ${input.date}::date, ${input.costFen}, ${input.note}, ${input.userId})
    on conflict (route_id, day) do update set cost_fen = excluded.cost_fen, note = excluded.note,
      updated_by = excluded.updated_by, updated_at = now()
    returning id`,
  );
  return view(
    (await one<Row>(db, sql`${select} where c.route_id = ${input.routeId} and c.day = ${input.date}::date`))!,
  );
}

/** The entries of the days `from`..`to` (at most a year) of the caller's routes, newest day first. */
export async function listRouteCosts(
  db: Db,
  scope: RegionScope,
  q: { from: string; to: string; routeId?: string; regionIds?: readonly string[] },
): Promise<RouteCostEntry[]> {
  if (q.from > q.to) throw validation('from must not be after to', { field: 'from' });
  if (addDays(q.from, 366) < q.to) throw validation('At most 366 days at once', { field: 'to' });
  const found = await rows<Row>(
    db,
    sql`${select}
    where c.day between ${q.from}::date and ${q.to}::date and ${inScope(scope, sql`rt.region_id`)}
      ${q.routeId ? sql`and c.route_id = ${q.routeId}` : sql``}
      ${q.regionIds?.length ? sql`and rt.region_id = any(${pgArray(q.regionIds)}::uuid[])` : sql``}
    order by c.day desc, rt.name, c.route_id`,
  );
  return found.map(view);
}
