import { sql, type SQL } from 'drizzle-orm';
import { pgArray } from '../db/client.js';
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

export const regionForbidden = () =>
  new AppError('REGION_FORBIDDEN', 403, 'Only an operator of every region may do this');

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
