import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, one, type Db } from '../../db/client.js';
import { AppError, unauthenticated, validation } from '../../lib/errors.js';
import { DEMO_PASSWORDS } from '../../lib/config.js';
import { sha256 } from '../../lib/ids.js';
import type { SmsProvider, SmsPurpose } from '../../lib/sms.js';
import { throttled, type FailureRule, type QuotaRule, type Throttle } from '../../lib/throttle.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Password guessing waits, never locks: the pair (phone, address) gets 5 free failures, then
 * waits 1 s, 2 s, 4 s … up to 15 minutes per further failure, so one attacker gets nowhere while
 * the owner at another address is untouched. The phone alone (an attack from many addresses)
 * allows 20 failures a day before its waits start and caps them at 5 minutes: a delay for the
 * owner at worst, and signing in by SMS code is never held up by it. The address alone (one
 * machine trying many phones) allows 100 failures an hour.
 */
export const LOGIN_RULES = {
  pair: { free: 5, windowMs: DAY, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE },
  phone: { free: 20, windowMs: DAY, baseDelayMs: 1000, maxDelayMs: 5 * MINUTE },
  address: { free: 100, windowMs: HOUR, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE },
} satisfies Record<string, FailureRule>;

/** One send a minute and 10 a day per phone, 50 a day per address. */
export const SMS_RULES = {
  phoneMinute: { limit: 1, windowMs: MINUTE },
  phoneDay: { limit: 10, windowMs: DAY },
  addressDay: { limit: 50, windowMs: DAY },
} satisfies Record<string, QuotaRule>;

/** New accounts per address in production (SMS codes limit them further when verification is on). */
export const REGISTER_RULE: QuotaRule = { limit: 20, windowMs: HOUR };

export async function takeRegistration(throttle: Throttle, ip: string): Promise<void> {
  const taken = await throttle.take(`register:ip:${ip}`, REGISTER_RULE);
  if (!taken.ok) throw throttled(taken.retryAfterSeconds, 'Too many new accounts from this address, try again later');
}

export const SMS_CODE_TTL_MINUTES = 5;
export const SMS_CODE_TRIES = 5;

export const loginKeys = (phone: string, ip: string) => ({
  pair: `login:pair:${phone}|${ip}`,
  phone: `login:phone:${phone}`,
  address: `login:ip:${ip}`,
});

/**
 * Runs a password sign-in under the guessing limits: refused with 429 (Retry-After) while any of
 * its keys waits; a wrong password — or an unknown phone, which answers the same — counts against
 * all three. A successful sign-in counts against nothing, so any number of customers behind one
 * address (a carrier-grade NAT, an office, a reverse proxy not named in LINLI_TRUST_PROXY) sign in;
 * it forgets the pair's failures and takes them back off the address (the owner's own typos), but
 * leaves the phone's count — which a guesser elsewhere may be adding to — and every failure
 * against other phones, so an attacker's own account buys no more guesses.
 */
export async function guardedPasswordSignIn<T>(
  throttle: Throttle,
  phone: string,
  ip: string,
  signIn: () => Promise<T>,
): Promise<T> {
  const keys = loginKeys(phone, ip);
  await throttle.check([keys.pair, keys.phone, keys.address]);
  let result: T;
  try {
    result = await signIn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') {
      await Promise.all([
        throttle.fail(keys.pair, LOGIN_RULES.pair),
        throttle.fail(keys.phone, LOGIN_RULES.phone),
        throttle.fail(keys.address, LOGIN_RULES.address),
      ]);
    }
    throw err;
  }
  await throttle.forgive(keys.pair, keys.address);
  return result;
}

const codeHash = (phone: string, purpose: SmsPurpose, code: string) => sha256(`${purpose}:${phone}:${code}`);

export const smsUnavailable = () =>
  new AppError('SMS_UNAVAILABLE', 503, 'The SMS could not be sent, try again in a minute');

/**
 * Makes and sends a 6-digit code. Sends are limited per phone (one a minute, a daily cap) and per
 * address (a daily cap). A sign-in code for a phone with no account is made but not sent: the
 * answer is the same, so the endpoint does not tell which phones are registered, and strangers
 * get no messages. Returns the code for the demo shop to show (the route decides whether it may).
 */
export async function sendSmsCode(
  db: Db,
  throttle: Throttle,
  provider: SmsProvider,
  input: { phone: string; purpose: SmsPurpose; ip: string },
): Promise<{ code: string; retryAfterSeconds: number }> {
  const { phone, purpose, ip } = input;
  const quotas: [string, QuotaRule][] = [
    [`sms:minute:${phone}`, SMS_RULES.phoneMinute],
    [`sms:day:${phone}`, SMS_RULES.phoneDay],
    [`sms:day-ip:${ip}`, SMS_RULES.addressDay],
  ];
  for (const [key, rule] of quotas) {
    const taken = await throttle.take(key, rule);
    if (!taken.ok) throw throttled(taken.retryAfterSeconds, 'Too many codes requested, try again later');
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await exec(
    db,
    sql`
    insert into sms_codes (phone, purpose, code_hash, attempts, expires_at)
    values (${phone}, ${purpose}, ${codeHash(phone, purpose, code)}, 0, now() + ${`${SMS_CODE_TTL_MINUTES} minutes`}::interval)
    on conflict (phone, purpose) do update set code_hash = excluded.code_hash, attempts = 0,
      expires_at = excluded.expires_at, used_at = null, created_at = now()`,
  );
  // a WeChat bind makes the account when there is none, so its code is sent like a registration's
  const deliver =
    purpose === 'register' ||
    purpose === 'bind' ||
    !!(await one(db, sql`select 1 as ok from users where phone = ${phone}`));
  if (deliver) {
    try {
      await provider.send({ phone, code, purpose });
    } catch (err) {
      console.error(`SMS provider ${provider.name} failed: ${(err as Error).message}`);
      throw smsUnavailable();
    }
  }
  return { code, retryAfterSeconds: SMS_RULES.phoneMinute.windowMs / 1000 };
}

/**
 * Uses the phone's code once: one statement counts the try and, when the code matches, marks it
 * used, so concurrent tries can neither use it twice nor exceed its 5 tries.
 */
export async function useSmsCode(db: Db, phone: string, purpose: SmsPurpose, code: string): Promise<boolean> {
  const row = await one<{ ok: boolean }>(
    db,
    sql`
    update sms_codes set attempts = attempts + 1,
      used_at = case when code_hash = ${codeHash(phone, purpose, code)} then now() end
    where phone = ${phone} and purpose = ${purpose} and used_at is null and expires_at > now() and attempts < ${SMS_CODE_TRIES}
    returning used_at is not null as ok`,
  );
  return !!row?.ok;
}

export const wrongCode = () =>
  new AppError('SMS_CODE_INVALID', 400, 'The SMS code is wrong or has expired; request a new one');
export const wrongCredentials = () => unauthenticated('Wrong phone number or password');

/** In production a demo password would never sign in (see login), so no account may be given one. */
export function assertUsablePassword(password: string, production: boolean): void {
  if (production && DEMO_PASSWORDS.includes(password))
    throw validation('This password is published with the demo; choose another', { field: 'password' });
}
