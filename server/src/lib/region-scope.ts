import { sql, type SQL } from 'drizzle-orm';
import { one, pgArray, type Db } from '../db/client.js';
import type { AuthUser } from './auth.js';
import { AppError, notFound } from './errors.js';

/**
 * How a console route treats an operator limited to some regions (cities), declared on the route
 * as `config: { regions: ... }` next to its roles:
 * - `all`: only an operator of every region may call it (user accounts, the shared catalogue's
 *   changes, opening a region); a limited one gets 403 REGION_FORBIDDEN before anything is read.
 * - `scoped`: the handler reads and changes only the caller's regions: lists leave the others out,
 *   and an object of another region is answered 404, as if it did not exist.
 * - `shared`: the same answer for every operator (the catalogue and categories they all sell from).
 */
export type RegionPolicy = 'all' | 'scoped' | 'shared';

declare module 'fastify' {
  interface FastifyContextConfig {
    regions?: RegionPolicy;
  }
}

/** The regions a user may see and change, or null for every region. */
export type RegionScope = readonly string[] | null;

export const regionScope = (user: Pick<AuthUser, 'regionIds'>): RegionScope => user.regionIds;

/** 403: a route for operators of every region, or a region named in the body that the caller was not given. */
export const regionForbidden = (field?: string) =>
  field
    ? new AppError('REGION_FORBIDDEN', 403, 'You do not work in this region', { field })
    : new AppError('REGION_FORBIDDEN', 403, 'Only an operator of every region may do this');

/** A condition on `column` (a region id) that holds for the scope's regions; `true` for every region. */
export function inScope(scope: RegionScope, column: SQL): SQL {
  return scope === null ? sql`true` : sql`${column} = any(${pgArray(scope)}::uuid[])`;
}

export const covers = (scope: RegionScope, regionId: string | null | undefined): boolean =>
  scope === null || (regionId != null && scope.includes(regionId));

/**
 * The object's region must be one of the caller's: otherwise 404, so a limited operator learns
 * nothing of other regions, not even that an id exists there.
 */
export function requireInScope(scope: RegionScope, regionId: string | null | undefined, what: string): void {
  if (!covers(scope, regionId)) throw notFound(what);
}

/**
 * For objects whose region never changes (a warehouse, a campaign, an order and what hangs from
 * them): `regionOf` reads the object's region as `region_id`; an object of another region, or none,
 * is 404 `what`. Nothing is read for an operator of every region (the handler's own 404 stands).
 * An object that can move between regions (a route, a pickup point, a leader) is checked in the
 * statement that changes it instead.
 */
export async function requireOwnedInScope(db: Db, scope: RegionScope, regionOf: SQL, what: string): Promise<void> {
  if (scope === null) return;
  const row = await one<{ region_id: string | null }>(db, regionOf);
  requireInScope(scope, row?.region_id, what);
}

/** A campaign (its region never changes) of the caller's regions, or 404. */
export const requireCampaignInScope = (db: Db, scope: RegionScope, campaignId: string) =>
  requireOwnedInScope(db, scope, sql`select region_id from campaigns where id = ${campaignId}`, 'Campaign');
