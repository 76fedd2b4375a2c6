import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../../db/client.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { iso, localTime, businessDate } from '../../lib/time.js';
import { customerClocks } from '../network/regions.js';

/** Takes points off a balance with a ledger entry; false when the balance is too small. */
export async function spendPoints(
  db: Db,
  userId: string,
  points: number,
  businessKey: string,
  reason: string,
): Promise<boolean> {
  const ok = await one(
    db,
    sql`update users set points_balance = points_balance - ${points}
    where id = ${userId} and points_balance >= ${points} returning 1 as ok`,
  );
  if (!ok) return false;
  await exec(
    db,
    sql`insert into points_entries (user_id, delta_points, reason, business_key)
    values (${userId}, ${-points}, ${reason}, ${businessKey})`,
  );
  return true;
}

/** Adds points once per business key (a retried grant adds nothing). */
export async function addPoints(
  db: Db,
  userId: string,
  points: number,
  businessKey: string,
  reason: string,
): Promise<boolean> {
  if (points <= 0) return false;
  // one statement: the balance moves only when the entry is new
  const added = await one(
    db,
    sql`
    with entry as (
      insert into points_entries (user_id, delta_points, reason, business_key)
      values (${userId}, ${points}, ${reason}, ${businessKey}) on conflict (business_key) do nothing returning 1)
    update users set points_balance = points_balance + ${points} where id = ${userId} and exists (select 1 from entry)
    returning 1 as ok`,
  );
  return !!added;
}

/**
 * Takes back up to `points` once per business key, never below a zero balance: what is there is
 * taken and the entry records the actual amount. Returns the points taken. Call inside a transaction.
 */
export async function takePoints(
  db: Db,
  userId: string,
  points: number,
  businessKey: string,
  reason: string,
): Promise<number> {
  if (points <= 0) return 0;
  // the row lock holds the balance still between reading it and taking from it
  const user = await one<{ points_balance: number }>(
    db,
    sql`select points_balance from users where id = ${userId} for update`,
  );
  const take = Math.min(points, user?.points_balance ?? 0);
  if (take <= 0) return 0;
  const entry = await one(
    db,
    sql`insert into points_entries (user_id, delta_points, reason, business_key)
    values (${userId}, ${-take}, ${reason}, ${businessKey}) on conflict (business_key) do nothing returning 1 as ok`,
  );
  if (!entry) return 0;
  await exec(db, sql`update users set points_balance = points_balance - ${take} where id = ${userId}`);
  return take;
}

/**
 * Points earned in year Y expire at the end of Y+1; spending (and clawbacks) consume the oldest
 * points first. So once year Z has begun, everything earned before Z-1 that was not spent or
 * already expired goes: per user, max(0, earned before Z-1 − spent − expired), set-based in one
 * statement, once per user and year (business key expire:<user>:<Z-2>). Returns users affected.
 */
export async function expirePoints(db: Db, now = new Date()): Promise<number> {
  let expired = 0;
  // each region's customers when the new year begins on their region's clock
  for (const region of await customerClocks(db)) expired += await expireIn(db, region, now);
  return expired;
}

async function expireIn(
  db: Db,
  region: Awaited<ReturnType<typeof customerClocks>>[number],
  now: Date,
): Promise<number> {
  const year = Number(businessDate(now, region.timeZone).slice(0, 4)) - 2;
  const cutoff = localTime(`${year + 1}-01-01`, '00:00', region.timeZone).toISOString();
  const done = await rows<{ user_id: string }>(
    db,
    sql`
    with totals as (
      select user_id,
        coalesce(sum(delta_points) filter (where delta_points > 0 and reason <> 'redeem_returned' and created_at < ${cutoff}), 0) as earned,
        -- a redemption given back (cancelled order) undoes that spending rather than earning fresh points
        coalesce(-sum(delta_points) filter (where reason <> 'expire' and (delta_points < 0 or reason = 'redeem_returned')), 0) as spent,
        coalesce(-sum(delta_points) filter (where reason = 'expire'), 0) as expired
      from points_entries
      where user_id in (
        select e.user_id from points_entries e join users u on u.id = e.user_id
        where e.delta_points > 0 and e.reason <> 'redeem_returned' and e.created_at < ${cutoff} and ${region.customersOf(sql`u`)})
      group by user_id),
    due as (
      select t.user_id, least(u.points_balance, t.earned - t.spent - t.expired) as amount
      from totals t join users u on u.id = t.user_id
      where t.earned - t.spent - t.expired > 0 and u.points_balance > 0),
    entries as (
      insert into points_entries (user_id, delta_points, reason, business_key)
      select user_id, -amount, 'expire', 'expire:' || user_id || ':' || ${String(year)} from due
      on conflict (business_key) do nothing returning user_id, -delta_points as taken)
    update users u set points_balance = u.points_balance - e.taken from entries e where u.id = e.user_id returning u.id as user_id`,
  );
  return done.length;
}

/** Points entries are listed newest first; the id orders those made at the same instant. */
export const POINTS_KEYSET = keyset('points', [sql`created_at`, 'time'], [sql`id`, 'uuid']);

export async function pointsHistory(db: Db, userId: string, page: PageRequest) {
  const p = pageSql(POINTS_KEYSET, page);
  const [user, found] = await Promise.all([
    one<{ points_balance: number }>(db, sql`select points_balance from users where id = ${userId}`),
    rows<{ delta_points: number; reason: string; created_at: unknown }>(
      db,
      sql`
      select delta_points, reason, created_at, ${p.select} from points_entries where user_id = ${userId} and ${p.after}
      order by ${p.orderBy} limit ${p.limit}`,
    ),
  ]);
  const { items, nextCursor } = pageOf(POINTS_KEYSET, page, found);
  return {
    balance: user?.points_balance ?? 0,
    entries: items.map((e) => ({ deltaPoints: e.delta_points, reason: e.reason, createdAt: iso(e.created_at)! })),
    nextCursor,
  };
}
