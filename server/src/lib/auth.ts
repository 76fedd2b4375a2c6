import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { pgArray, rows, type Db } from '../db/client.js';
import { forbidden, unauthenticated } from './errors.js';
import { coalesced } from './coalesce.js';
import { sha256 } from './ids.js';

export type Role = 'admin' | 'leader' | 'customer' | 'warehouse';

export interface AuthUser {
  id: string;
  phone: string;
  name: string;
  roles: Role[];
  tokenHash: string;
}

/**
 * Resolves bearer tokens to users. Lookups are cached for a few seconds because every request
 * needs one; revoking a token drops it from this process's cache at once. Cache misses arriving
 * together (a rush of buyers signing in to a flash sale, each with their own token) share one
 * query (lib/coalesce), and simultaneous requests with the same token share one lookup.
 */
export class Authenticator {
  private readonly cache = new Map<string, { user: AuthUser; until: number }>();
  /** lookups under way, by token hash */
  private readonly pending = new Map<string, Promise<AuthUser | null>>();

  constructor(private readonly db: Db, private readonly ttlMs = 5000) {}

  /** Whether the request carries a bearer token at all (not whether it is a session). */
  presented(req: FastifyRequest): boolean {
    return bearer(req) !== undefined;
  }

  async optional(req: FastifyRequest): Promise<AuthUser | null> {
    // Routes authorize on arrival (lib/access); the handler's own call finds the user kept here.
    const known = this.byRequest.get(req);
    if (known !== undefined) return known;
    const user = await this.lookUpRequest(req);
    this.byRequest.set(req, user);
    return user;
  }

  private readonly byRequest = new WeakMap<FastifyRequest, AuthUser | null>();

  private async lookUpRequest(req: FastifyRequest): Promise<AuthUser | null> {
    const token = bearer(req);
    if (token === undefined) return null;
    const tokenHash = sha256(token);
    const hit = this.cache.get(tokenHash);
    if (hit && hit.until > Date.now()) return hit.user;
    let lookup = this.pending.get(tokenHash);
    if (!lookup) {
      lookup = this.lookUp(this.db, tokenHash).finally(() => this.pending.delete(tokenHash));
      this.pending.set(tokenHash, lookup);
    }
    return lookup;
  }

  // Lookups take no locks, so they never wait for each other: each turn's misses go at once.
  private readonly lookUp = coalesced<string, AuthUser | null>(async (db, hashes) => {
    const found = await rows<{ token_hash: string; id: string; phone: string; name: string; roles: Role[] }>(db, sql`
      select s.token_hash, u.id, u.phone, u.name, u.roles from sessions s join users u on u.id = s.user_id
      where s.token_hash = any(${pgArray(hashes)}::text[]) and s.revoked_at is null`);
    const byHash = new Map(found.map(({ token_hash: tokenHash, ...user }) => [tokenHash, { ...user, tokenHash }]));
    if (this.cache.size + byHash.size > 50_000) this.cache.clear();
    const until = Date.now() + this.ttlMs;
    return hashes.map((tokenHash) => {
      const user = byHash.get(tokenHash) ?? null;
      if (user) this.cache.set(tokenHash, { user, until });
      else this.cache.delete(tokenHash);
      return user;
    });
  }, { max: 1000, parallel: Infinity });

  /** The signed-in user, who must hold one of `roles` (any role when none are given). */
  async require(req: FastifyRequest, ...roles: Role[]): Promise<AuthUser> {
    // A role checked here but not declared on the route would be checked after the body is validated.
    if (roles.length && !sameRoles(roles, req.routeOptions.config.roles)) {
      throw new Error(`${req.method} ${req.routeOptions.url} checks roles ${roles.join(', ')}: declare them as config: { roles: [...] } on the route`);
    }
    const user = await this.optional(req);
    if (!user) throw unauthenticated();
    if (roles.length && !roles.some((r) => user.roles.includes(r))) throw forbidden();
    return user;
  }

  forget(tokenHash: string) {
    this.cache.delete(tokenHash);
  }

  /** Drop cached users after their roles change (e.g. made a leader). */
  forgetUser(userId: string) {
    for (const [k, v] of this.cache) if (v.user.id === userId) this.cache.delete(k);
  }
}

const sameRoles = (a: Role[], b: Role[] | undefined) => b !== undefined && a.length === b.length && a.every((r) => b.includes(r));

const bearer = (req: FastifyRequest): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};
