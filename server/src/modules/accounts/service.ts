import { sql } from 'drizzle-orm';
import { one, rows, exec, pgArray, type Db } from '../../db/client.js';
import { accountDisabled, conflict, notFound, unauthenticated, validation } from '../../lib/errors.js';
import { newInviteCode, newToken, sha256 } from '../../lib/ids.js';
import { checkPassword, hashPassword, hasPassword, spendLikeAVerify } from '../../lib/password.js';
import { DEMO_PASSWORDS } from '../../lib/config.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { iso } from '../../lib/time.js';
import { SESSIONS_CHANNEL, type Role } from '../../lib/auth.js';
import { tierOf } from '../members/rules.js';
import { useSmsCode } from './sign-in.js';

export interface PublicUser {
  id: string;
  phone: string;
  name: string;
  roles: Role[];
}

interface UserRow extends PublicUser {
  password_hash: string;
  disabled_at: string | null;
  regionIds: string[] | null;
}

export async function createUser(
  db: Db,
  input: {
    phone: string;
    name: string;
    password?: string;
    passwordHash?: string;
    roles?: Role[];
    inviteCode?: string;
    /** the pickup point whose leader's link the customer registered from */
    pickupPointId?: string;
  },
): Promise<PublicUser> {
  let inviter: { id: string; pickup_point_id: string | null } | undefined;
  if (input.inviteCode) {
    inviter = await one<{ id: string; pickup_point_id: string | null }>(
      db,
      sql`select id, pickup_point_id from users where invite_code = ${input.inviteCode.toUpperCase()}`,
    );
    if (!inviter) throw validation('Unknown invite code', { field: 'inviteCode' });
  }
  if (input.pickupPointId && !(await one(db, sql`select 1 as ok from pickup_points where id = ${input.pickupPointId}`)))
    throw validation('Unknown pickup point', { field: 'pickupPointId' });
  // A leader's link binds its point; otherwise an invitation brings the customer to the inviter's point.
  const binding = bindingAtRegistration(input.pickupPointId, inviter?.pickup_point_id ?? null);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password!));
  const roles = input.roles ?? ['customer'];
  // A new random invite code collides with odds of ~1e-12; the unique index would turn that into a retryable 409.
  const user = await one<PublicUser>(
    db,
    sql`
    insert into users (phone, name, password_hash, roles, invite_code, invited_by,
      pickup_point_id, bound_point_id, bound_leader_id, bound_via, bound_at)
    values (${input.phone}, ${input.name}, ${passwordHash}, ${sql.raw(`'{${roles.join(',')}}'`)}::text[], ${newInviteCode()}, ${inviter?.id ?? null},
      ${binding?.pointId ?? null}, ${binding?.pointId ?? null},
      ${binding ? sql`(select user_id from leaders where pickup_point_id = ${binding.pointId} and status = 'active')` : null},
      ${binding?.via ?? null}, ${binding ? sql`now()` : null})
    on conflict (phone) do nothing
    returning id, phone, name, roles`,
  );
  if (!user) throw conflict('An account with this phone number already exists');
  return user;
}

/** Which point a new account starts at, and what brought it there: a leader's link before an invitation. */
export function bindingAtRegistration(
  linkedPointId: string | undefined,
  inviterPointId: string | null,
): { pointId: string; via: 'link' | 'invite' } | null {
  if (linkedPointId) return { pointId: linkedPointId, via: 'link' };
  if (inviterPointId) return { pointId: inviterPointId, via: 'invite' };
  return null;
}

/**
 * Customer accounts in one statement, each bound to its pickup point: what createUser and
 * setPickupPoint do one by one, for many people at once (the demo's customers). A phone that is
 * already taken is skipped; the phones created are returned.
 */
export async function createCustomers(
  db: Db,
  people: { phone: string; name: string; pickupPointId: string; via?: 'link' | 'chooser' }[],
  passwordHash: string,
): Promise<Set<string>> {
  if (!people.length) return new Set();
  const created = await rows<{ phone: string }>(
    db,
    sql`
    insert into users (phone, name, password_hash, roles, invite_code, pickup_point_id,
      bound_point_id, bound_leader_id, bound_via, bound_at)
    select p.phone, p.name, ${passwordHash}, '{customer}'::text[], p.invite_code, p.pickup_point_id,
      p.pickup_point_id, l.user_id, p.via, now()
    from unnest(${pgArray(people.map((p) => p.phone))}::text[], ${pgArray(people.map((p) => p.name))}::text[],
      ${pgArray(people.map(() => newInviteCode()))}::text[], ${pgArray(people.map((p) => p.pickupPointId))}::uuid[],
      ${pgArray(people.map((p) => p.via ?? 'chooser'))}::text[])
      with ordinality as p (phone, name, invite_code, pickup_point_id, via, n)
    left join leaders l on l.pickup_point_id = p.pickup_point_id and l.status = 'active'
    where exists (select 1 from pickup_points pp where pp.id = p.pickup_point_id)
    order by p.n
    on conflict (phone) do nothing
    returning phone`,
  );
  return new Set(created.map((c) => c.phone));
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
  db: Db,
  phone: string,
  password: string,
  opts: { production?: boolean } = {},
): Promise<{ token: string; user: PublicUser & { regionIds: string[] | null } }> {
  const row = await one<UserRow>(
    db,
    sql`select id, phone, name, roles, password_hash, disabled_at, region_ids as "regionIds" from users where phone = ${phone}`,
  );
  if (!row) {
    await spendLikeAVerify(password);
    throw unauthenticated('Wrong phone number or password');
  }
  const verdict = await checkPassword(password, row.password_hash);
  if (!verdict.ok || (opts.production && DEMO_PASSWORDS.includes(password)))
    throw unauthenticated('Wrong phone number or password');
  // said only to whoever knows the password: a guesser learns nothing about the account
  if (row.disabled_at) throw accountDisabled();
  if (verdict.rehash) {
    await exec(
      db,
      sql`update users set password_hash = ${await hashPassword(password)}
      where id = ${row.id} and password_hash = ${row.password_hash}`,
    );
  }
  const { password_hash: _, disabled_at: __, ...user } = row;
  return { token: await issueToken(db, user.id), user };
}

/** The account behind a phone, for signing in by SMS code. */
export async function findUserByPhone(
  db: Db,
  phone: string,
): Promise<(PublicUser & { disabled: boolean; regionIds: string[] | null }) | undefined> {
  return one<PublicUser & { disabled: boolean; regionIds: string[] | null }>(
    db,
    sql`
    select id, phone, name, roles, disabled_at is not null as disabled, region_ids as "regionIds" from users where phone = ${phone}`,
  );
}

/** Refuses a registration before its SMS code is spent: taken phone (409) or unknown invite code (400). */
export async function assertCanRegister(
  db: Db,
  phone: string,
  inviteCode: string | undefined,
  pickupPointId?: string,
): Promise<void> {
  if (await one(db, sql`select 1 as ok from users where phone = ${phone}`))
    throw conflict('An account with this phone number already exists');
  if (inviteCode && !(await one(db, sql`select 1 as ok from users where invite_code = ${inviteCode.toUpperCase()}`))) {
    throw validation('Unknown invite code', { field: 'inviteCode' });
  }
  if (pickupPointId && !(await one(db, sql`select 1 as ok from pickup_points where id = ${pickupPointId}`)))
    throw validation('Unknown pickup point', { field: 'pickupPointId' });
}

// Revocations announce themselves on SESSIONS_CHANNEL (delivered when the statement commits), so
// every process drops what it cached of them at once (lib/auth.ts).

export async function revokeToken(db: Db, tokenHash: string): Promise<void> {
  await exec(
    db,
    sql`
    with revoked as (update sessions set revoked_at = now() where token_hash = ${tokenHash} and revoked_at is null)
    select pg_notify(${SESSIONS_CHANNEL}, ${'t:' + tokenHash})`,
  );
}

/** Ends every session of a user, but the one given (the caller's own, when they changed their password). */
export async function revokeSessions(db: Db, userId: string, keepTokenHash = ''): Promise<void> {
  await exec(
    db,
    sql`
    with revoked as (update sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null and token_hash <> ${keepTokenHash})
    select pg_notify(${SESSIONS_CHANNEL}, ${'u:' + userId})`,
  );
}

/** Changes a signed-in user's password after checking the current one; their other sessions end. */
/**
 * Changes the password, proved by the current one; an account made by WeChat sign-in, which has
 * none, sets its first one proved by a code sent to its phone (purpose password). Every other
 * session of the account ends.
 */
export async function changePassword(
  db: Db,
  userId: string,
  keepTokenHash: string,
  proof: { oldPassword?: string; smsCode?: string },
  newPassword: string,
): Promise<void> {
  const row = await one<{ password_hash: string; phone: string }>(
    db,
    sql`select password_hash, phone from users where id = ${userId}`,
  );
  if (!row) throw notFound('User');
  if (hasPassword(row.password_hash)) {
    if (!(await checkPassword(proof.oldPassword ?? '', row.password_hash)).ok) {
      throw validation('The current password is wrong', { field: 'oldPassword' });
    }
  } else if (!proof.smsCode || !(await useSmsCode(db, row.phone, 'password', proof.smsCode))) {
    throw validation('This account has no password yet: a code sent to its phone sets the first one', {
      field: 'smsCode',
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    // the hash read above is still the account's: two settings of a first password cannot both pass
    const changed = await one(
      tx,
      sql`update users set password_hash = ${passwordHash} where id = ${userId} and password_hash = ${row.password_hash}
      returning id`,
    );
    if (!changed) throw validation('The password changed meanwhile; try again', { field: 'oldPassword' });
    await revokeSessions(tx, userId, keepTokenHash);
  });
}

/** Disables (every session ends, no sign-in) or re-enables an account. */
export async function setUserDisabled(
  db: Db,
  userId: string,
  disabled: boolean,
): Promise<PublicUser & { disabled: boolean }> {
  return db.transaction(async (tx) => {
    const user = await one<PublicUser & { disabled: boolean }>(
      tx,
      sql`
      update users set disabled_at = case when ${disabled} then coalesce(disabled_at, now()) end
      where id = ${userId} returning id, phone, name, roles, disabled_at is not null as disabled`,
    );
    if (!user) throw notFound('User');
    if (disabled) await revokeSessions(tx, userId);
    return user;
  });
}

/**
 * Sets the regions a console user works in: null is every region, else a non-empty list of
 * existing regions (400 with field regionIds otherwise). The change is announced on SESSIONS_CHANNEL
 * in the same statement, so every process looks the user up afresh: it applies to their next request.
 */
export async function setUserRegions(
  db: Db,
  userId: string,
  regionIds: string[] | null,
): Promise<PublicUser & { disabled: boolean; regionIds: string[] | null }> {
  const ids = regionIds === null ? null : [...new Set(regionIds)];
  if (ids !== null) {
    if (!ids.length) throw validation('At least one region, or null for every region', { field: 'regionIds' });
    const known = await rows<{ id: string }>(db, sql`select id from regions where id = any(${pgArray(ids)}::uuid[])`);
    const unknown = ids.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length) throw validation('Unknown region', { field: 'regionIds', regionIds: unknown });
  }
  const user = await one<PublicUser & { disabled: boolean; regionIds: string[] | null }>(
    db,
    sql`
    with changed as (
      update users set region_ids = ${ids === null ? null : sql`${pgArray(ids)}::uuid[]`} where id = ${userId}
      returning id, phone, name, roles, disabled_at is not null as disabled, region_ids as "regionIds")
    select changed.*, pg_notify(${SESSIONS_CHANNEL}, ${'u:' + userId}) as notified from changed`,
  );
  if (!user) throw notFound('User');
  const { notified: _, ...rest } = user as typeof user & { notified?: boolean };
  return rest;
}

/**
 * Sets a user's staff roles (and whether they shop): `leader` is not set here (a leader is
 * appointed to a pickup point, /admin/leaders) and is kept when the user is one. Every process
 * forgets the user's cached roles at once.
 */
export async function setUserRoles(
  db: Db,
  userId: string,
  roles: readonly Role[],
): Promise<PublicUser & { disabled: boolean; regionIds: string[] | null }> {
  const wanted = [...new Set(roles)].filter((r) => r !== 'leader');
  const user = await one<PublicUser & { disabled: boolean; regionIds: string[] | null }>(
    db,
    sql`
    with changed as (
      update users set roles = ${pgArray(wanted)}::text[] || case when 'leader' = any(roles) then array['leader'] else '{}' end
      where id = ${userId}
      returning id, phone, name, roles, disabled_at is not null as disabled, region_ids as "regionIds")
    select changed.*, pg_notify(${SESSIONS_CHANNEL}, ${'u:' + userId}) as notified from changed`,
  );
  if (!user) throw notFound('User');
  const { notified: _, ...rest } = user as typeof user & { notified?: boolean };
  return rest;
}

export async function getProfile(db: Db, userId: string) {
  const row = await one<{
    id: string;
    phone: string;
    name: string;
    roles: Role[];
    pickup_point_id: string | null;
    membership_until: string | null;
    points_balance: number;
    invite_code: string;
    growth: number | null;
    password_hash: string;
  }>(
    db,
    sql`select u.id, u.phone, u.name, u.roles, u.pickup_point_id, u.membership_until, u.points_balance, u.invite_code, p.growth,
      u.password_hash
    from users u left join member_profiles p on p.user_id = u.id where u.id = ${userId}`,
  );
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
    hasPassword: hasPassword(row.password_hash),
  };
}

/**
 * The customer's explicit choice of pickup point. The first binding of an account that had none
 * is recorded as how it came to a point (from a leader's link, or the chooser); later changes
 * move the pickup point only.
 */
export async function setPickupPoint(
  db: Db,
  userId: string,
  pickupPointId: string,
  via: 'link' | 'chooser' = 'chooser',
): Promise<void> {
  const point = await one(db, sql`select 1 as ok from pickup_points where id = ${pickupPointId}`);
  if (!point) throw notFound('Pickup point');
  await exec(
    db,
    sql`
    update users set pickup_point_id = ${pickupPointId},
      bound_point_id = coalesce(bound_point_id, ${pickupPointId}),
      bound_leader_id = case when bound_via is null
        then (select user_id from leaders where pickup_point_id = ${pickupPointId} and status = 'active')
        else bound_leader_id end,
      bound_at = coalesce(bound_at, now()),
      bound_via = coalesce(bound_via, ${via})
    where id = ${userId}`,
  );
}

export async function grantRole(db: Db, userId: string, role: Role): Promise<void> {
  const updated = await rows(
    db,
    sql`
    update users set roles = case when ${role} = any(roles) then roles else array_append(roles, ${role}) end
    where id = ${userId} returning id`,
  );
  if (!updated.length) throw notFound('User');
}

/**
 * Makes sure the configured admin exists with the configured password (safe when processes start
 * together). A changed password ends every session signed in with the old one; an unchanged one
 * leaves them (and the stored hash) alone, so restarts sign nobody out.
 */
export async function ensureAdmin(db: Db, phone: string, password: string): Promise<void> {
  const existing = await one<{ id: string; password_hash: string }>(
    db,
    sql`select id, password_hash from users where phone = ${phone}`,
  );
  const unchanged = existing !== undefined && (await checkPassword(password, existing.password_hash)).ok;
  const passwordHash = unchanged ? existing.password_hash : await hashPassword(password);
  await db.transaction(async (tx) => {
    const admin = await one<{ id: string }>(
      tx,
      sql`
      insert into users (phone, name, password_hash, roles, invite_code)
      values (${phone}, '管理员', ${passwordHash}, '{admin,customer}'::text[], ${newInviteCode()})
      on conflict (phone) do update set password_hash = excluded.password_hash,
        roles = case when 'admin' = any(users.roles) then users.roles else array_append(users.roles, 'admin') end
      returning id`,
    );
    if (!unchanged) await revokeSessions(tx, admin!.id);
  });
}
/** Users are listed newest first; the id orders those created at the same instant. */
export const USER_KEYSET = keyset('users', [sql`created_at`, 'time'], [sql`id`, 'uuid']);

export async function searchUsers(db: Db, q: string | undefined, page: PageRequest) {
  const p = pageSql(USER_KEYSET, page);
  const found = await rows<PublicUser & { createdAt: string; disabled: boolean; regionIds: string[] | null }>(
    db,
    sql`
    select id, phone, name, roles, created_at as "createdAt", disabled_at is not null as disabled,
      region_ids as "regionIds", ${p.select} from users
    where (${q ? sql`phone like ${q + '%'} or name like ${'%' + q + '%'}` : sql`true`}) and ${p.after}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  return pageOf(USER_KEYSET, page, found);
}

/** Notifications are listed newest first; the id orders those created at the same instant. */
export const NOTIFICATION_KEYSET = keyset('notifications', [sql`created_at`, 'time'], [sql`id`, 'uuid']);

export async function myNotifications(db: Db, userId: string, page: PageRequest) {
  const p = pageSql(NOTIFICATION_KEYSET, page);
  const found = await rows<{ id: string; kind: string; payload: Record<string, unknown>; created_at: unknown }>(
    db,
    sql`
    select id, kind, payload, created_at, ${p.select} from notifications where user_id = ${userId} and ${p.after}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items, nextCursor } = pageOf(NOTIFICATION_KEYSET, page, found);
  return {
    items: items.map((n) => ({ id: n.id, kind: n.kind, payload: n.payload, createdAt: iso(n.created_at)! })),
    nextCursor,
  };
}
