import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../../db/client.js';
import { iso } from '../../lib/time.js';

/** Takes points off a balance with a ledger entry; false when the balance is too small. */
export async function spendPoints(db: Db, userId: string, points: number, businessKey: string, reason: string): Promise<boolean> {
  const ok = await one(db, sql`update users set points_balance = points_balance - ${points}
    where id = ${userId} and points_balance >= ${points} returning 1 as ok`);
  if (!ok) return false;
  await exec(db, sql`insert into points_entries (user_id, delta_points, reason, business_key)
    values (${userId}, ${-points}, ${reason}, ${businessKey})`);
  return true;
}

/** Adds points once per business key (a retried grant adds nothing). */
export async function addPoints(db: Db, userId: string, points: number, businessKey: string, reason: string): Promise<boolean> {
  if (points <= 0) return false;
  const entry = await one(db, sql`insert into points_entries (user_id, delta_points, reason, business_key)
    values (${userId}, ${points}, ${reason}, ${businessKey}) on conflict (business_key) do nothing returning 1 as ok`);
  if (!entry) return false;
  await exec(db, sql`update users set points_balance = points_balance + ${points} where id = ${userId}`);
  return true;
}

export async function pointsHistory(db: Db, userId: string) {
  const [user, entries] = await Promise.all([
    one<{ points_balance: number }>(db, sql`select points_balance from users where id = ${userId}`),
    rows<{ delta_points: number; reason: string; created_at: unknown }>(db, sql`
      select delta_points, reason, created_at from points_entries where user_id = ${userId} order by created_at desc limit 200`),
  ]);
  return {
    balance: user?.points_balance ?? 0,
    entries: entries.map((e) => ({ deltaPoints: e.delta_points, reason: e.reason, createdAt: iso(e.created_at)! })),
  };
}
