import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../../db/client.js';
import { conflict, notFound, unauthenticated, validation } from '../../lib/errors.js';
import { newInviteCode, newToken, sha256 } from '../../lib/ids.js';
import { checkPassword, hashPassword, spendLikeAVerify } from '../../lib/password.js';
import { DEMO_PASSWORDS } from '../../lib/config.js';
import { iso } from '../../lib/time.js';
import type { Role } from '../../lib/auth.js';
import { tierOf } from '../members/rules.js';

export interface PublicUser {
  id: string;
  phone: string;
  name: string;
  roles: Role[];
}

interface UserRow extends PublicUser {
  password_hash: string;
}

export async function createUser(
  db: Db,
  input: { phone: string; name: string; password?: string; passwordHash?: string; roles?: Role[]; inviteCode?: string },
): Promise<PublicUser> {
  let invitedBy: string | null = null;
  if (input.inviteCode) {
    const inviter = await one<{ id: string }>(db, sql`select id from users where invite_code = ${input.inviteCode.toUpperCase()}`);
    if (!inviter) throw validation('Unknown invite code', { field: 'inviteCode' });
    invitedBy = inviter.id;
  }
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password!));
  const roles = input.roles ?? ['customer'];
  // A new random invite code collides with odds of ~1e-12; the unique index would turn that into a retryable 409.
  const user = await one<PublicUser>(db, sql`
    insert into users (phone, name, password_hash, roles, invite_code, invited_by)
    values (${input.phone}, ${input.name}, ${passwordHash}, ${sql.raw(`'{${roles.join(',')}}'`)}::text[], ${newInviteCode()}, ${invitedBy})
    on conflict (phone) do nothing
    returning id, phone, name, roles`);
  if (!user) throw conflict('An account with this phone number already exists');
  return user;
}

export async function issueToken(db: Db, userId: string): Promise<string> {
  const token = newToken();
  await exec(db, sql`insert into sessions (token_hash, user_id) values (${sha256(token)}, ${userId})`);
  return token;
}

/**
 * Password sign-in. An unknown phone costs one hash like a known one and gets the same answer; in
 * production the published demo passwords never sign in, even where demo rows exist. A hash
 * weaker than today's cost is replaced now that the password is known (conditionally, so a
 * password changed meanwhile is not overwritten).
 */
export async function login(
  db: Db, phone: string, password: string, opts: { production?: boolean } = {},
): Promise<{ token: string; user: PublicUser }> {
  const row = await one<UserRow>(db, sql`select id, phone, name, roles, password_hash from users where phone = ${phone}`);
  if (!row) {
    await spendLikeAVerify(password);
    throw unauthenticated('Wrong phone number or password');
  }
  const verdict = await checkPassword(password, row.password_hash);
  if (!verdict.ok || (opts.production && DEMO_PASSWORDS.includes(password))) throw unauthenticated('Wrong phone number or password');
  if (verdict.rehash) {
    await exec(db, sql`update users set password_hash = ${await hashPassword(password)}
      where id = ${row.id} and password_hash = ${row.password_hash}`);
  }
  const { password_hash: _, ...user } = row;
  return { token: await issueToken(db, user.id), user };
}

/** The account behind a phone, for signing in by SMS code. */
export async function findUserByPhone(db: Db, phone: string): Promise<PublicUser | undefined> {
  return one<PublicUser>(db, sql`select id, phone, name, roles from users where phone = ${phone}`);
}

/** Refuses a registration before its SMS code is spent: taken phone (409) or unknown invite code (400). */
export async function assertCanRegister(db: Db, phone: string, inviteCode: string | undefined): Promise<void> {
  if (await one(db, sql`select 1 as ok from users where phone = ${phone}`)) throw conflict('An account with this phone number already exists');
  if (inviteCode && !(await one(db, sql`select 1 as ok from users where invite_code = ${inviteCode.toUpperCase()}`))) {
    throw validation('Unknown invite code', { field: 'inviteCode' });
  }
}

export async function revokeToken(db: Db, tokenHash: string): Promise<void> {
  await exec(db, sql`update sessions set revoked_at = now() where token_hash = ${tokenHash} and revoked_at is null`);
}

export async function getProfile(db: Db, userId: string) {
  const row = await one<{
    id: string; phone: string; name: string; roles: Role[]; pickup_point_id: string | null;
    membership_until: string | null; points_balance: number; invite_code: string; growth: number | null;
  }>(db, sql`select u.id, u.phone, u.name, u.roles, u.pickup_point_id, u.membership_until, u.points_balance, u.invite_code, p.growth
    from users u left join member_profiles p on p.user_id = u.id where u.id = ${userId}`);
  if (!row) throw notFound('User');
  const activeUntil = iso(row.membership_until);
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    roles: row.roles,
    pickupPointId: row.pickup_point_id,
    membership: activeUntil && new Date(activeUntil) > new Date() ? { plan: 'annual' as const, activeUntil } : null,
    pointsBalance: row.points_balance,
    inviteCode: row.invite_code,
    growth: row.growth ?? 0,
    tier: tierOf(row.growth ?? 0),
  };
}

export async function setPickupPoint(db: Db, userId: string, pickupPointId: string): Promise<void> {
  const point = await one(db, sql`select 1 as ok from pickup_points where id = ${pickupPointId}`);
  if (!point) throw notFound('Pickup point');
  await exec(db, sql`update users set pickup_point_id = ${pickupPointId} where id = ${userId}`);
}

export async function grantRole(db: Db, userId: string, role: Role): Promise<void> {
  const updated = await rows(db, sql`
    update users set roles = case when ${role} = any(roles) then roles else array_append(roles, ${role}) end
    where id = ${userId} returning id`);
  if (!updated.length) throw notFound('User');
}


/** Makes sure the configured admin exists with the configured password (safe when processes start together). */
export async function ensureAdmin(db: Db, phone: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await exec(db, sql`
    insert into users (phone, name, password_hash, roles, invite_code)
    values (${phone}, '管理员', ${passwordHash}, '{admin,customer}'::text[], ${newInviteCode()})
    on conflict (phone) do update set password_hash = excluded.password_hash,
      roles = case when 'admin' = any(users.roles) then users.roles else array_append(users.roles, 'admin') end`);
}
export async function searchUsers(db: Db, q: string | undefined, limit = 50) {
  return rows<PublicUser & { createdAt: string }>(db, sql`
    select id, phone, name, roles, created_at as "createdAt" from users
    where ${q ? sql`phone like ${q + '%'} or name like ${'%' + q + '%'}` : sql`true`}
    order by created_at desc limit ${limit}`);
}

export async function myNotifications(db: Db, userId: string) {
  const found = await rows<{ id: string; kind: string; payload: Record<string, unknown>; created_at: unknown }>(db, sql`
    select id, kind, payload, created_at from notifications where user_id = ${userId} order by created_at desc limit 100`);
  return found.map((n) => ({ id: n.id, kind: n.kind, payload: n.payload, createdAt: iso(n.created_at)! }));
}
