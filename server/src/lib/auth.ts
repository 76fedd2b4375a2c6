import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { one, type Db } from '../db/client.js';
import { forbidden, unauthenticated } from './errors.js';
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
 * needs one; revoking a token drops it from this process's cache at once.
 */
export class Authenticator {
  private readonly cache = new Map<string, { user: AuthUser; until: number }>();

  constructor(private readonly db: Db, private readonly ttlMs = 5000) {}

  async optional(req: FastifyRequest): Promise<AuthUser | null> {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return null;
    const tokenHash = sha256(header.slice(7).trim());
    const hit = this.cache.get(tokenHash);
    if (hit && hit.until > Date.now()) return hit.user;
    const row = await one<{ id: string; phone: string; name: string; roles: Role[] }>(this.db, sql`
      select u.id, u.phone, u.name, u.roles from sessions s join users u on u.id = s.user_id
      where s.token_hash = ${tokenHash} and s.revoked_at is null`);
    if (!row) {
      this.cache.delete(tokenHash);
      return null;
    }
    const user = { ...row, tokenHash };
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(tokenHash, { user, until: Date.now() + this.ttlMs });
    return user;
  }

  /** The signed-in user, who must hold one of `roles` (any role when none are given). */
  async require(req: FastifyRequest, ...roles: Role[]): Promise<AuthUser> {
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
