import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { DEALS_CHANNEL } from '../campaigns/deal-list.js';
import { notFound, validation } from '../../lib/errors.js';
import { covers, inScope, regionForbidden, type RegionScope } from '../../lib/region-scope.js';

export const DEFAULT_REGION_ID = '00000000-0000-4000-8000-000000000001';

export async function createWarehouse(
  db: Db,
  input: { name: string; kind: 'central' | 'grid'; parentId?: string; regionId?: string },
  scope: RegionScope = null,
) {
  let regionId = input.regionId ?? DEFAULT_REGION_ID;
  if (input.parentId) {
    // a warehouse never changes region: the parent read here is the region the new one lands in
    const parent = await one<{ region_id: string; kind: string }>(
      db,
      sql`select region_id, kind from warehouses where id = ${input.parentId} and ${inScope(scope, sql`region_id`)}`,
    );
    if (!parent) throw notFound('Parent warehouse');
    if (parent.kind !== 'central')
      throw validation('A grid warehouse hangs under a central warehouse', { field: 'parentId' });
    // a grid warehouse serves its central warehouse's city
    if (input.regionId !== undefined && input.regionId !== parent.region_id)
      throw validation("A grid warehouse is in its central warehouse's region", { field: 'regionId' });
    regionId = parent.region_id;
  } else if (input.kind === 'grid') {
    throw validation('A grid warehouse needs parentId (its central warehouse)', { field: 'parentId' });
  } else if (!covers(scope, regionId)) {
    throw regionForbidden('regionId');
  }
  if (input.regionId !== undefined && !(await one(db, sql`select 1 as ok from regions where id = ${regionId}`)))
    throw notFound('Region');
  return (await one<{ id: string }>(
    db,
    sql`
    insert into warehouses (region_id, name, kind, parent_id) values (${regionId}, ${input.name}, ${input.kind}, ${input.parentId ?? null})
    returning id`,
  ))!;
}

export async function createRoute(db: Db, input: { name: string; warehouseId: string }, scope: RegionScope = null) {
  const wh = await one<{ region_id: string }>(
    db,
    sql`select region_id from warehouses where id = ${input.warehouseId} and ${inScope(scope, sql`region_id`)}`,
  );
  if (!wh) throw notFound('Warehouse');
  return (await one<{ id: string }>(
    db,
    sql`
    insert into routes (region_id, name, warehouse_id) values (${wh.region_id}, ${input.name}, ${input.warehouseId}) returning id`,
  ))!;
}

export async function createPickupPoint(
  db: Db,
  input: { name: string; address: string; routeId: string; lat?: number; lng?: number },
  scope: RegionScope = null,
) {
  // one statement: the route's region is read as it is when the point is written (a route can move)
  const made = await one<{ id: string }>(
    db,
    sql`
    insert into pickup_points (region_id, name, address, route_id, lat, lng)
    select r.region_id, ${input.name}, ${input.address}, r.id, ${input.lat ?? null}, ${input.lng ?? null}
    from routes r where r.id = ${input.routeId} and ${inScope(scope, sql`r.region_id`)}
    returning id`,
  );
  if (!made) throw notFound('Route');
  return made;
}

export interface PickupPointView {
  id: string;
  name: string;
  address: string;
  routeId: string;
  lat: number | null;
  lng: number | null;
  leaderName: string | null;
  distanceM?: number;
}

/** Pickup points with their leader's display name; nearest first when a location is given. */
export async function listPickupPoints(
  db: Db,
  opts: { q?: string; lat?: number; lng?: number } = {},
): Promise<PickupPointView[]> {
  const found = await rows<{
    id: string;
    name: string;
    address: string;
    route_id: string;
    lat: number | null;
    lng: number | null;
    leader_name: string | null;
  }>(
    db,
    sql`
    select p.id, p.name, p.address, p.route_id, p.lat, p.lng, u.name as leader_name
    from pickup_points p
    left join leaders l on l.pickup_point_id = p.id and l.status = 'active'
    left join users u on u.id = l.user_id
    where ${opts.q ? sql`(p.name ilike ${'%' + opts.q + '%'} or p.address ilike ${'%' + opts.q + '%'})` : sql`true`}
    order by p.name`,
  );
  const points: PickupPointView[] = found.map((p) => ({
    id: p.id,
    name: p.name,
    address: p.address,
    routeId: p.route_id,
    lat: p.lat,
    lng: p.lng,
    leaderName: p.leader_name,
  }));
  if (opts.lat === undefined || opts.lng === undefined) return points;
  for (const p of points) {
    if (p.lat !== null && p.lng !== null) p.distanceM = Math.round(haversineMeters(opts.lat, opts.lng, p.lat, p.lng));
  }
  return points.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity));
}

function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

export async function listNetwork(db: Db, scope: RegionScope = null) {
  const [warehouses, routes] = await Promise.all([
    rows<{ id: string; name: string; kind: string; parent_id: string | null; region_id: string }>(
      db,
      sql`select id, name, kind, parent_id, region_id from warehouses where ${inScope(scope, sql`region_id`)} order by kind, name`,
    ),
    rows<{ id: string; name: string; warehouse_id: string }>(
      db,
      sql`select id, name, warehouse_id from routes where ${inScope(scope, sql`region_id`)} order by name`,
    ),
  ]);
  return {
    warehouses: warehouses.map((w) => ({
      id: w.id,
      name: w.name,
      kind: w.kind,
      parentId: w.parent_id,
      regionId: w.region_id,
    })),
    routes: routes.map((r) => ({ id: r.id, name: r.name, warehouseId: r.warehouse_id })),
  };
}

const setClauses = (fields: [string, unknown][]) =>
  fields.filter(([, v]) => v !== undefined).map(([col, v]) => sql`${sql.raw(col)} = ${v}`);

/** Renames a warehouse. Its kind and parent shape the whole network below it, so they stay fixed. */
export async function updateWarehouse(db: Db, id: string, patch: { name: string }, scope: RegionScope = null) {
  const row = await one<{ id: string; name: string; kind: string; parent_id: string | null }>(
    db,
    sql`
    update warehouses set name = ${patch.name} where id = ${id} and ${inScope(scope, sql`region_id`)}
    returning id, name, kind, parent_id`,
  );
  if (!row) throw notFound('Warehouse');
  return { id: row.id, name: row.name, kind: row.kind, parentId: row.parent_id };
}

/** Renames a route or moves it to another warehouse (taking that warehouse's region), in one statement. */
export async function updateRoute(
  db: Db,
  id: string,
  patch: { name?: string; warehouseId?: string },
  scope: RegionScope = null,
) {
  if (
    patch.warehouseId !== undefined &&
    !(await one(
      db,
      sql`select 1 as ok from warehouses where id = ${patch.warehouseId} and ${inScope(scope, sql`region_id`)}`,
    ))
  ) {
    throw notFound('Warehouse');
  }
  const sets = setClauses([['name', patch.name]]);
  if (patch.warehouseId !== undefined) {
    sets.push(
      sql`warehouse_id = ${patch.warehouseId}`,
      sql`region_id = (select region_id from warehouses where id = ${patch.warehouseId})`,
    );
  }
  const row = await one<{ id: string; name: string; warehouse_id: string }>(
    db,
    sql`
    update routes set ${sql.join(sets, sql`, `)} where id = ${id} and ${inScope(scope, sql`region_id`)}
    returning id, name, warehouse_id`,
  );
  if (!row) throw notFound('Route');
  if (patch.warehouseId !== undefined) await movedRegion(db, sql`route_id = ${id}`);
  return { id: row.id, name: row.name, warehouseId: row.warehouse_id };
}

/**
 * Points follow their route's region; a shop asking for a point's deals is served from a
 * remembered point → region map in every process, so they are told to forget it.
 */
async function movedRegion(db: Db, points: ReturnType<typeof sql>) {
  await exec(
    db,
    sql`update pickup_points p set region_id = r.region_id from routes r where r.id = p.route_id and p.${points} and p.region_id <> r.region_id`,
  );
  await exec(db, sql`select pg_notify(${DEALS_CHANNEL}, 'c')`);
}

export interface PickupPointPatch {
  name?: string;
  address?: string;
  routeId?: string;
  lat?: number | null;
  lng?: number | null;
}

/** Edits a pickup point; moving it to another route changes where tomorrow's sorting lists send its goods. */
export async function updatePickupPoint(db: Db, id: string, patch: PickupPointPatch, scope: RegionScope = null) {
  if (
    patch.routeId !== undefined &&
    !(await one(db, sql`select 1 as ok from routes where id = ${patch.routeId} and ${inScope(scope, sql`region_id`)}`))
  ) {
    throw notFound('Route');
  }
  const sets = setClauses([
    ['name', patch.name],
    ['address', patch.address],
    ['lat', patch.lat],
    ['lng', patch.lng],
  ]);
  if (patch.routeId !== undefined) {
    sets.push(
      sql`route_id = ${patch.routeId}`,
      sql`region_id = (select region_id from routes where id = ${patch.routeId})`,
    );
  }
  const row = await one<{ id: string }>(
    db,
    sql`update pickup_points set ${sql.join(sets, sql`, `)} where id = ${id} and ${inScope(scope, sql`region_id`)}
      and ${patch.routeId === undefined ? sql`true` : sql`exists (select 1 from routes where id = ${patch.routeId} and ${inScope(scope, sql`region_id`)})`}
    returning id`,
  );
  if (!row) throw notFound('Pickup point');
  if (patch.routeId !== undefined) await movedRegion(db, sql`id = ${id}`);
  return (await listPickupPoints(db)).find((p) => p.id === id)!;
}
