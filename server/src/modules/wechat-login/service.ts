import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { AppError, accountDisabled, notFound } from '../../lib/errors.js';
import { newToken, sha256 } from '../../lib/ids.js';
import type { Role } from '../../lib/auth.js';
import { createUser, issueToken, type PublicUser } from '../accounts/service.js';
import {
  accountFor,
  accountName,
  appTaken,
  BIND_TTL_MINUTES,
  bindExpired,
  identityTaken,
  maskOpenid,
  STATE_TTL_MINUTES,
  stateInvalid,
  type KnownIdentity,
  type WechatScope,
} from './rules.js';

/**
 * WeChat sign-in's records (decision 065): authorizations in progress, pending binds and the
 * linked identities. Every "once only" is one conditional statement; every "one account per
 * identity" and "one identity per app" is a unique index, so simultaneous requests cannot both win.
 */

/**
 * An account made by WeChat sign-in has no password: this is no scrypt hash, so no password ever
 * matches it (lib/password.ts refuses anything else). The customer signs in by WeChat or SMS code.
 */
const NO_PASSWORD = 'none:wechat';

export type SignedInUser = PublicUser & { regionIds: string[] | null };

export type SignInOutcome =
  | { token: string; user: SignedInUser }
  | { bindToken: string; nickname?: string; expiresInSeconds: number };

/** Records an authorization about to start; the state goes in the URL, the browser nonce in a cookie. */
export async function startAuthorization(
  db: Db,
  input: { appId: string; scope: WechatScope; returnTo: string },
): Promise<{ state: string; browserNonce: string }> {
  const state = randomBytes(24).toString('base64url');
  const browserNonce = randomBytes(24).toString('base64url');
  // the expired rows of yesterday go as new ones come: the table stays the size of ten minutes' sign-ins
  await exec(db, sql`delete from wechat_oauth_states where expires_at < now() - interval '1 day'`);
  await exec(
    db,
    sql`
    insert into wechat_oauth_states (state_hash, browser_hash, app_id, scope, return_to, expires_at)
    values (${sha256(state)}, ${sha256(browserNonce)}, ${input.appId}, ${input.scope}, ${input.returnTo},
      now() + ${`${STATE_TTL_MINUTES} minutes`}::interval)`,
  );
  return { state, browserNonce };
}

/**
 * Uses an authorization's state once, and only from the browser it was made for: a state from
 * another browser (a link an attacker sent with their own code) is refused without being spent.
 */
export async function takeState(
  db: Db,
  state: string,
  browserNonce: string | undefined,
): Promise<{ appId: string; scope: WechatScope; returnTo: string }> {
  if (!browserNonce) throw stateInvalid();
  const row = await one<{ appId: string; scope: WechatScope; returnTo: string }>(
    db,
    sql`
    update wechat_oauth_states set used_at = now()
    where state_hash = ${sha256(state)} and browser_hash = ${sha256(browserNonce)} and used_at is null and expires_at > now()
    returning app_id as "appId", scope, return_to as "returnTo"`,
  );
  if (!row) throw stateInvalid();
  return row;
}

async function signedInUser(db: Db, userId: string): Promise<SignedInUser> {
  const u = await one<SignedInUser & { disabled: boolean }>(
    db,
    sql`select id, phone, name, roles, disabled_at is not null as disabled, region_ids as "regionIds" from users where id = ${userId}`,
  );
  if (!u) throw notFound('User');
  if (u.disabled) throw accountDisabled();
  const { disabled: _, ...user } = u;
  return { ...user, roles: user.roles as Role[] };
}

export interface CameFromWechat {
  appId: string;
  openid: string;
  unionid?: string;
  nickname?: string;
  avatarUrl?: string;
}

/**
 * An identity WeChat vouched for: its account's session when it is linked (or its unionid is,
 * through the other app), else a bind token for the customer to prove a phone with.
 */
export async function signInWithIdentity(db: Db, came: CameFromWechat): Promise<SignInOutcome> {
  const known = await rows<KnownIdentity>(
    db,
    sql`
    select user_id as "userId", app_id as "appId", openid, unionid from wechat_identities
    where (app_id = ${came.appId} and openid = ${came.openid}) or (${came.unionid ?? null}::text is not null and unionid = ${came.unionid ?? null})`,
  );
  const account = accountFor(came, known);
  if (account) {
    if (account.adopt) {
      const linked = await one(
        db,
        sql`
        insert into wechat_identities (user_id, app_id, openid, unionid, nickname, avatar_url)
        values (${account.userId}, ${came.appId}, ${came.openid}, ${came.unionid ?? null}, ${came.nickname ?? null}, ${came.avatarUrl ?? null})
        on conflict do nothing returning id`,
      );
      if (!linked) {
        // a simultaneous sign-in linked it a moment ago (fine), or the account holds another openid of this app
        const now = await one<{ userId: string }>(
          db,
          sql`select user_id as "userId" from wechat_identities where app_id = ${came.appId} and openid = ${came.openid}`,
        );
        if (now?.userId !== account.userId) throw appTaken();
      }
    }
    const user = await signedInUser(db, account.userId);
    return { token: await issueToken(db, user.id), user };
  }
  const bindToken = newToken();
  await exec(db, sql`delete from wechat_bind_tokens where expires_at < now() - interval '1 day'`);
  await exec(
    db,
    sql`
    insert into wechat_bind_tokens (token_hash, app_id, openid, unionid, nickname, avatar_url, expires_at)
    values (${sha256(bindToken)}, ${came.appId}, ${came.openid}, ${came.unionid ?? null}, ${came.nickname ?? null},
      ${came.avatarUrl ?? null}, now() + ${`${BIND_TTL_MINUTES} minutes`}::interval)`,
  );
  return {
    bindToken,
    ...(came.nickname ? { nickname: came.nickname } : {}),
    expiresInSeconds: BIND_TTL_MINUTES * 60,
  };
}

/** A bind token still usable (checked before the SMS code is spent on it). */
export async function assertBindable(db: Db, bindToken: string): Promise<void> {
  const row = await one(
    db,
    sql`select 1 as ok from wechat_bind_tokens where token_hash = ${sha256(bindToken)} and used_at is null and expires_at > now()`,
  );
  if (!row) throw bindExpired();
}

/**
 * Links the pending identity to the account of the phone the customer proved (made now, without
 * a password, when there is none) and signs in. One transaction: the token is used, the account
 * found or made, the identity inserted; a unique index refusing the identity (linked to another
 * account meanwhile) or the account (already holding another identity of this app) rolls it all
 * back with a 409. Identities sharing a unionid are kept on one account.
 */
export async function bindPhone(
  db: Db,
  input: { bindToken: string; phone: string },
): Promise<{ token: string; user: SignedInUser; created: boolean }> {
  return db.transaction(async (tx) => {
    const pending = await one<{
      appId: string;
      openid: string;
      unionid: string | null;
      nickname: string | null;
      avatarUrl: string | null;
    }>(
      tx,
      sql`
      update wechat_bind_tokens set used_at = now()
      where token_hash = ${sha256(input.bindToken)} and used_at is null and expires_at > now()
      returning app_id as "appId", openid, unionid, nickname, avatar_url as "avatarUrl"`,
    );
    if (!pending) throw bindExpired();
    // two apps' identities of one person bound at once to two phones: one at a time, so both land on one account or one is refused
    if (pending.unionid)
      await exec(tx, sql`select pg_advisory_xact_lock(hashtext(${`wechat-union:${pending.unionid}`}))`);
    let created = false;
    let userId = (await one<{ id: string }>(tx, sql`select id from users where phone = ${input.phone}`))?.id;
    if (!userId) {
      try {
        userId = (
          await createUser(tx, {
            phone: input.phone,
            name: accountName(pending.nickname, input.phone),
            passwordHash: NO_PASSWORD,
          })
        ).id;
        created = true;
      } catch (err) {
        // made a moment ago by a simultaneous bind or registration: that account is the phone's
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        userId = (await one<{ id: string }>(tx, sql`select id from users where phone = ${input.phone}`))?.id;
        if (!userId) throw err;
      }
    }
    if (pending.unionid) {
      const elsewhere = await one(
        tx,
        sql`select 1 as ok from wechat_identities where unionid = ${pending.unionid} and user_id <> ${userId}`,
      );
      if (elsewhere) throw identityTaken();
    }
    const linked = await one(
      tx,
      sql`
      insert into wechat_identities (user_id, app_id, openid, unionid, nickname, avatar_url)
      values (${userId}, ${pending.appId}, ${pending.openid}, ${pending.unionid}, ${pending.nickname}, ${pending.avatarUrl})
      on conflict do nothing returning id`,
    );
    if (!linked) {
      const holder = await one<{ userId: string }>(
        tx,
        sql`select user_id as "userId" from wechat_identities where app_id = ${pending.appId} and openid = ${pending.openid}`,
      );
      // the same identity on the same account (a repeated bind) is simply signed in
      if (!holder) throw appTaken();
      if (holder.userId !== userId) throw identityTaken();
    }
    const user = await signedInUser(tx, userId);
    return { token: await issueToken(tx, user.id), user, created };
  });
}

export interface LinkedWechat {
  appId: string;
  app: 'officialAccount' | 'miniProgram' | 'other';
  openid: string;
  nickname: string | null;
  avatarUrl: string | null;
  linkedAt: string;
}

/** The customer's linked WeChat identities, the openid masked. */
export async function linkedIdentities(
  db: Db,
  userId: string,
  apps: { officialAccount?: string; miniProgram?: string },
): Promise<LinkedWechat[]> {
  const found = await rows<{
    appId: string;
    openid: string;
    nickname: string | null;
    avatarUrl: string | null;
    linkedAt: Date | string;
  }>(
    db,
    sql`
    select app_id as "appId", openid, nickname, avatar_url as "avatarUrl", linked_at as "linkedAt"
    from wechat_identities where user_id = ${userId} order by linked_at, app_id`,
  );
  return found.map((f) => ({
    appId: f.appId,
    app: f.appId === apps.officialAccount ? 'officialAccount' : f.appId === apps.miniProgram ? 'miniProgram' : 'other',
    openid: maskOpenid(f.openid),
    nickname: f.nickname,
    avatarUrl: f.avatarUrl,
    linkedAt: new Date(f.linkedAt).toISOString(),
  }));
}

/** Unlinks the account's identity of one app; phone sign-in (SMS code, password if any) stays. */
export async function unlinkIdentity(db: Db, userId: string, appId: string): Promise<void> {
  const gone = await one(
    db,
    sql`delete from wechat_identities where user_id = ${userId} and app_id = ${appId} returning id`,
  );
  if (!gone) throw notFound('Linked WeChat account');
}
