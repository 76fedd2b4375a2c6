import { sql } from 'drizzle-orm';
import { exec, one, pgArray, type Db } from '../db/client.js';
import { AppError } from './errors.js';

/** Failures allowed in a window before each further one makes the key wait, and how long. */
export interface FailureRule {
  /** failures that cost nothing */
  free: number;
  /** a failure older than this no longer counts */
  windowMs: number;
  /**
   * The wait after the failure that exhausts `free`; each further one doubles it up to `maxDelayMs`.
   * Without it the key waits until its window ends (a plain fixed-window limit).
   */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** At most `limit` events per key in a fixed window. */
export interface QuotaRule {
  limit: number;
  windowMs: number;
}

/** 429 with the seconds to wait, in the header and in the body. */
export const throttled = (retryAfterSeconds: number, message = 'Too many attempts, try again later') =>
  new AppError('RATE_LIMITED', 429, message, { retryAfterSeconds });

/**
 * Limits counted in the database (table auth_throttle), so every process — and every worker with
 * LINLI_WORKERS — sees the same counts. The clock is the database's, for the same reason.
 */
export class Throttle {
  constructor(private readonly db: Db) {}

  /** Seconds until every one of `keys` may try again; 0 when none is waiting. */
  async waitSeconds(keys: string[]): Promise<number> {
    const row = await one<{ wait: number | null }>(
      this.db,
      sql`
      select ceil(extract(epoch from max(blocked_until) - now()))::int as wait
      from auth_throttle where key = any(${pgArray(keys)}::text[]) and blocked_until > now()`,
    );
    return Math.max(0, row?.wait ?? 0);
  }

  /** Refuses with 429 (and Retry-After) while any of `keys` is waiting. */
  async check(keys: string[]): Promise<void> {
    const wait = await this.waitSeconds(keys);
    if (wait > 0) throw throttled(wait);
  }

  /** Counts one failure against `key`; when the rule's free failures are spent, the key waits. */
  async fail(key: string, rule: FailureRule): Promise<void> {
    const window = `${rule.windowMs} milliseconds`;
    const base = rule.baseDelayMs ?? 0;
    const max = rule.maxDelayMs ?? rule.windowMs;
    // One statement: the row lock of the upsert orders concurrent failures, each sees the count before it.
    // n = the failure being counted; it waits once n ≥ free: base·2^(n−free), capped (the exponent is
    // capped too, so a long attack cannot overflow the interval).
    await exec(
      this.db,
      sql`
      insert into auth_throttle as t (key, count, window_start, blocked_until)
      values (${key}, 1, now(), ${rule.free <= 1 ? blockedUntil(1, rule, base, max, sql`now()`) : sql`null`})
      on conflict (key) do update set
        count = case when t.window_start > now() - ${window}::interval then t.count + 1 else 1 end,
        window_start = case when t.window_start > now() - ${window}::interval then t.window_start else now() end,
        blocked_until = case when t.window_start > now() - ${window}::interval
          then ${blockedUntil(sql`t.count + 1`, rule, base, max, sql`t.window_start`)}
          else ${rule.free <= 1 ? blockedUntil(1, rule, base, max, sql`now()`) : sql`null`} end`,
    );
  }

  /**
   * Takes one unit of `key`'s quota: false (and nothing counted) when the window's quota is used up.
   * The conditional upsert is the whole check, so concurrent takers never exceed the limit.
   */
  async take(key: string, rule: QuotaRule): Promise<{ ok: boolean; retryAfterSeconds: number }> {
    const window = `${rule.windowMs} milliseconds`;
    const taken = await one<{ count: number }>(
      this.db,
      sql`
      insert into auth_throttle as t (key, count, window_start) values (${key}, 1, now())
      on conflict (key) do update set
        count = case when t.window_start > now() - ${window}::interval then t.count + 1 else 1 end,
        window_start = case when t.window_start > now() - ${window}::interval then t.window_start else now() end
      where t.window_start <= now() - ${window}::interval or t.count < ${rule.limit}
      returning count`,
    );
    if (taken) return { ok: true, retryAfterSeconds: 0 };
    const row = await one<{ wait: number }>(
      this.db,
      sql`
      select greatest(1, ceil(extract(epoch from window_start + ${window}::interval - now())))::int as wait
      from auth_throttle where key = ${key}`,
    );
    return { ok: false, retryAfterSeconds: row?.wait ?? 1 };
  }

  /** Forgets `keys`' failures (e.g. after the right password). */
  async clear(keys: string[]): Promise<void> {
    await exec(this.db, sql`delete from auth_throttle where key = any(${pgArray(keys)}::text[])`);
  }

  /**
   * After the right password: forgets the (phone, address) pair's failures — the owner's own typos —
   * and takes them back off the address, but only when all of them fall in the address's current
   * window (so they were counted there; the pair's and the address's first failure are written by
   * separate statements of one sign-in, milliseconds apart, hence the few seconds' slack). One statement, so concurrent sign-ins cannot take the same
   * failures back twice. Failures against other phones stay: signing in to one's own account
   * never buys an address more guesses at someone else's.
   */
  async forgive(pairKey: string, addressKey: string): Promise<void> {
    await exec(
      this.db,
      sql`
      with pair as (delete from auth_throttle where key = ${pairKey} returning count, window_start)
      update auth_throttle a set count = greatest(0, a.count - pair.count)
      from pair where a.key = ${addressKey} and pair.window_start >= a.window_start - interval '5 seconds'`,
    );
  }

  /** Drops rows whose window and wait are long over, so the table stays small. */
  async prune(olderThanMs = 2 * 24 * 3600_000): Promise<void> {
    await exec(
      this.db,
      sql`
      delete from auth_throttle where window_start < now() - ${`${olderThanMs} milliseconds`}::interval
        and (blocked_until is null or blocked_until < now())`,
    );
  }
}

function blockedUntil(
  n: number | ReturnType<typeof sql>,
  rule: FailureRule,
  base: number,
  max: number,
  windowStart: ReturnType<typeof sql>,
) {
  const count = typeof n === 'number' ? sql`${n}::int` : n;
  if (!rule.baseDelayMs) {
    // fixed window: blocked from the limit-th failure until the window ends
    return sql`case when ${count} >= ${rule.free} then ${windowStart} + ${`${rule.windowMs} milliseconds`}::interval end`;
  }
  return sql`case when ${count} >= ${rule.free} then now() + least(${max}::float8,
    ${base}::float8 * power(2::float8, least(${count} - ${rule.free}, 40))) * interval '1 millisecond' end`;
}
