import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { exec, pgArray, rows, type Db, type Listener } from '../db/client.js';
import { forbidden, sessionExpired, unauthenticated } from './errors.js';
import { coalesced } from './coalesce.js';
import { sha256 } from './ids.js';

export type Role =
  | 'admin'
  | 'leader'
  | 'customer'
  | 'warehouse'
  | 'service_agent'
  | 'service_supervisor'
  | 'buyer'
  | 'operations'
  | 'finance';
export const ROLES: readonly Role[] = [
  'admin',
  'leader',
  'customer',
  'warehouse',
  'service_agent',
  'service_supervisor',
  'buyer',
  'operations',
  'finance',
];
/** The roles of the console's staff: their routes declare a region policy (lib/region-scope.ts). */
export const CONSOLE_ROLES: readonly Role[] = [
  'admin',
  'warehouse',
  'service_agent',
  'service_supervisor',
  'buyer',
  'operations',
  'finance',
];

export interface AuthUser {
  id: string;
  phone: string;
  name: string;
  roles: Role[];
  /** the regions a console user works in; null is every region (lib/region-scope.ts) */
  regionIds: string[] | null;
  tokenHash: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long a session lives unused (idle) and at most (absolute); each use renews it within the absolute limit. */
export const SESSION_LIMITS = {
  shop: { idleMs: 30 * DAY, absoluteMs: 90 * DAY },
  console: { idleMs: 12 * HOUR, absoluteMs: 7 * DAY },
} as const;
/** A user holding a console role gets the console's shorter limits on every token: their tokens are worth more. */
export const sessionLimits = (roles: readonly Role[]) =>
  roles.some((r) => CONSOLE_ROLES.includes(r)) ? SESSION_LIMITS.console : SESSION_LIMITS.shop;
/** A session's last use is written when it is older than this, so a busy token costs one write a minute, not one a request. */
export const RENEW_AFTER_MS = 60_000;
/** The channel revocations are announced on: `t:<token hash>` for one session, `u:<user id>` for all of a user's. */
export const SESSIONS_CHANNEL = 'linli_sessions';

const EXPIRED = Symbol('expired');
type Found = AuthUser | typeof EXPIRED | null;

/**
 * Resolves bearer tokens to users. Lookups are cached for a few seconds because every request
 * needs one. A revocation anywhere is announced on SESSIONS_CHANNEL (PostgreSQL NOTIFY, delivered
 * on commit) and every process drops the cached entry when it hears it; while this process is not
 * listening (starting, or its listening connection lost) entries live under a second, so a
 * revocation still takes effect everywhere within one (decision 013).
 *
 * Cache misses arriving together (a rush of buyers signing in to a flash sale, each with their own
 * token) share one query (lib/coalesce), and simultaneous requests with the same token share one
 * lookup. Renewing sessions' last use is batched and written off the request's path.
 */
export class Authenticator {
  private readonly cache = new Map<string, { user: AuthUser; until: number }>();
  /** lookups under way, by token hash */
  private readonly pending = new Map<string, Promise<Found>>();
  /** bumped by every forgetting: a lookup that started before it must not fill the cache */
  private epoch = 0;
  private listening: boolean;
  private listener?: Listener;
  private readonly renewals = new Set<string>();
  private renewTimer?: NodeJS.Timeout;
  private renewing?: Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly opts: {
      ttlMs?: number;
      /** cache life while revocations cannot be heard */
      deafTtlMs?: number;
      /** hears a channel shared by every process on the database (absent: this process alone, nothing to hear) */
      listen?: (channel: string, onMessage: (payload: string) => void, onState: (up: boolean) => void) => Listener;
    } = {},
  ) {
    this.listening = !opts.listen;
  }

  private get ttlMs() {
    return this.listening ? (this.opts.ttlMs ?? 5000) : (this.opts.deafTtlMs ?? 500);
  }

  /** Starts hearing revocations made by other processes. */
  start() {
    if (!this.opts.listen || this.listener) return;
    this.listener = this.opts.listen(
      SESSIONS_CHANNEL,
      (payload) => {
        if (payload.startsWith('t:')) this.forget(payload.slice(2));
        else if (payload.startsWith('u:')) this.forgetUser(payload.slice(2));
      },
      (up) => {
        // whatever was announced while deaf is unknown: start over
        this.forgetAll();
        this.listening = up;
      },
    );
  }

  async stop() {
    await this.listener?.close();
    this.listener = undefined;
    clearTimeout(this.renewTimer);
    await this.renewing;
    await this.flushRenewals();
  }

  /** Whether the request carries a bearer token at all (not whether it is a session). */
  presented(req: FastifyRequest): boolean {
    return bearer(req) !== undefined;
  }

  /** The signed-in user, or null when there is none (an expired session counts as none). */
  async optional(req: FastifyRequest): Promise<AuthUser | null> {
    const found = await this.resolve(req);
    return found === EXPIRED ? null : found;
  }

  // Routes authorize on arrival (lib/access); the handler's own call finds the answer kept here.
  private readonly byRequest = new WeakMap<FastifyRequest, Found>();

  private async resolve(req: FastifyRequest): Promise<Found> {
    const known = this.byRequest.get(req);
    if (known !== undefined) return known;
    const found = await this.lookUpRequest(req);
    this.byRequest.set(req, found);
    return found;
  }

  private lookUpRequest(req: FastifyRequest): Found | Promise<Found> {
    const token = bearer(req);
    if (token === undefined) return null;
    const tokenHash = sha256(token);
    const hit = this.cache.get(tokenHash);
    if (hit && hit.until > Date.now()) return hit.user;
    let lookup = this.pending.get(tokenHash);
    if (!lookup) {
      lookup = this.lookUp(this.db, tokenHash).finally(() => {
        if (this.pending.get(tokenHash) === lookup) this.pending.delete(tokenHash);
      });
      this.pending.set(tokenHash, lookup);
    }
    return lookup;
  }

  // Lookups take no locks, so they never wait for each other: each turn's misses go at once.
  // Ages are measured by the database's clock, the one that wrote them.
  private readonly lookUp = coalesced<string, Found>(
    async (db, hashes) => {
      const epoch = this.epoch;
      const found = await rows<{
        token_hash: string;
        id: string;
        phone: string;
        name: string;
        roles: Role[];
        region_ids: string[] | null;
        age_ms: number;
        idle_ms: number;
      }>(
        db,
        sql`
      select s.token_hash, u.id, u.phone, u.name, u.roles, u.region_ids,
        extract(epoch from now() - s.created_at)::float8 * 1000 as age_ms,
        extract(epoch from now() - s.last_used_at)::float8 * 1000 as idle_ms
      from sessions s join users u on u.id = s.user_id
      where s.token_hash = any(${pgArray(hashes)}::text[]) and s.revoked_at is null and u.disabled_at is null`,
      );
      const byHash = new Map(found.map((row) => [row.token_hash, row]));
      if (this.cache.size + byHash.size > 50_000) this.cache.clear();
      const now = Date.now();
      return hashes.map((tokenHash): Found => {
        const row = byHash.get(tokenHash);
        if (!row) {
          this.cache.delete(tokenHash);
          return null;
        }
        const limits = sessionLimits(row.roles);
        if (row.age_ms >= limits.absoluteMs || row.idle_ms >= limits.idleMs) return EXPIRED;
        if (row.idle_ms >= RENEW_AFTER_MS) this.renew(tokenHash);
        const user: AuthUser = {
          id: row.id,
          phone: row.phone,
          name: row.name,
          roles: row.roles,
          regionIds: row.region_ids,
          tokenHash,
        };
        if (epoch === this.epoch)
          this.cache.set(tokenHash, { user, until: now + Math.min(this.ttlMs, limits.absoluteMs - row.age_ms) });
        return user;
      });
    },
    { max: 1000, parallel: Infinity },
  );

  /** The signed-in user, who must hold one of `roles` (any role when none are given). */
  async require(req: FastifyRequest, ...roles: Role[]): Promise<AuthUser> {
    // A role checked here but not declared on the route would be checked after the body is validated.
    if (roles.length && !sameRoles(roles, req.routeOptions.config.roles)) {
      throw new Error(
        `${req.method} ${req.routeOptions.url} checks roles ${roles.join(', ')}: declare them as config: { roles: [...] } on the route`,
      );
    }
    const user = await this.resolve(req);
    if (user === EXPIRED) throw sessionExpired();
    if (!user) throw unauthenticated();
    if (roles.length && !roles.some((r) => user.roles.includes(r))) throw forbidden();
    return user;
  }

  forget(tokenHash: string) {
    this.epoch++;
    this.cache.delete(tokenHash);
    this.pending.delete(tokenHash);
  }

  /** Drop cached users after their roles change (e.g. made a leader) or their sessions are revoked. */
  forgetUser(userId: string) {
    this.epoch++;
    for (const [k, v] of this.cache) if (v.user.id === userId) this.cache.delete(k);
    // a lookup under way may be for this user: later requests look up afresh
    this.pending.clear();
  }

  private forgetAll() {
    this.epoch++;
    this.cache.clear();
    this.pending.clear();
  }

  private renew(tokenHash: string) {
    this.renewals.add(tokenHash);
    if (this.renewTimer) return;
    this.renewTimer = setTimeout(() => {
      this.renewTimer = undefined;
      this.renewing = this.flushRenewals();
    }, 1000);
    this.renewTimer.unref();
  }

  private async flushRenewals() {
    if (!this.renewals.size) return;
    const hashes = [...this.renewals];
    this.renewals.clear();
    await exec(
      this.db,
      sql`update sessions set last_used_at = now()
      where token_hash = any(${pgArray(hashes)}::text[]) and last_used_at < now() - interval '1 minute'`,
    ).catch((err: Error) => console.error('renewing sessions failed:', err.message));
  }
}

const sameRoles = (a: Role[], b: Role[] | undefined) =>
  b !== undefined && a.length === b.length && a.every((r) => b.includes(r));

const bearer = (req: FastifyRequest): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};
