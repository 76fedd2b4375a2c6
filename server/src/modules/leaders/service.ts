import { sql } from 'drizzle-orm';
import { one, type Db } from '../../db/client.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { grantRole } from '../accounts/service.js';

export interface Leader {
  id: string;
  userId: string;
  pickupPointId: string;
  commissionBps: number;
}

export async function appointLeader(db: Db, input: { userId: string; pickupPointId: string; commissionBps: number }) {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const point = await one(tx, sql`select 1 as ok from pickup_points where id = ${input.pickupPointId}`);
    if (!point) throw notFound('Pickup point');
    await grantRole(tx, input.userId, 'leader');
    const leader = await one<{ id: string }>(tx, sql`
      insert into leaders (user_id, pickup_point_id, commission_bps) values (${input.userId}, ${input.pickupPointId}, ${input.commissionBps})
      on conflict do nothing returning id`);
    if (!leader) throw conflict('This user already leads a point, or the point already has an active leader');
    await tx.execute(sql`insert into leader_accounts (leader_id) values (${leader.id})`);
    return leader;
  });
}

/** The caller's active leadership; leader routes act only on this point. */
export async function leaderOf(db: Db, userId: string): Promise<Leader> {
  const row = await one<Leader>(db, sql`
    select id, user_id as "userId", pickup_point_id as "pickupPointId", commission_bps as "commissionBps"
    from leaders where user_id = ${userId} and status = 'active'`);
  if (!row) throw forbidden('You do not lead an active pickup point');
  return row;
}
