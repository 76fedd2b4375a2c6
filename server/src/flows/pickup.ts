import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../db/client.js';
import { invalidState, notFound } from '../lib/errors.js';
import type { FailureRule, Throttle } from '../lib/throttle.js';
import type { Leader } from '../modules/leaders/service.js';
import { recordCommissions, settleDue } from '../modules/ledger/service.js';
import { completeIfSettled, loadOrder, type OrderView } from '../modules/orders/service.js';
import { enqueue } from '../modules/outbox/service.js';

/** Wrong codes allowed per leader and per address in 10 minutes (counted in the database). */
export const PICKUP_RULES = {
  leader: { free: 10, windowMs: 10 * 60_000 },
  address: { free: 30, windowMs: 10 * 60_000 },
} satisfies Record<string, FailureRule>;

export interface PickupGuards {
  throttle: Throttle;
  ip: string;
}

export const pickupKeys = (leaderId: string, ip: string) => ({
  leader: `pickup:leader:${leaderId}`,
  address: `pickup:ip:${ip}`,
});

/**
 * Pickup verification (核销): the customer shows the code, the leader of *their* pickup point
 * enters it. The code is looked up together with the leader's point (the unique index
 * (pickup_point_id, pickup_code)), so a code of another point is indistinguishable from a
 * wrong one: 404. Wrong codes count against the leader and the address; once either is over
 * its limit every attempt is refused with 429 until the window passes, so codes cannot be
 * guessed (no guards: the demo simulator, which only enters real codes). In one transaction: the arrived lines become picked_up, the leader's commission is
 * booked (pending for `settlementDelayDays`, or available at once when 0), and the order
 * completes when nothing is left to hand over.
 */
export async function verifyPickup(
  db: Db,
  leader: Leader,
  code: string,
  guards: PickupGuards | null,
  opts: { settlementDelayDays: number },
): Promise<OrderView> {
  const orderId = await pickUp(db, leader, code, guards, opts);
  return (await loadOrder(db, orderId, { maskPhones: true }))!;
}

/** The pickup itself (see verifyPickup), answering only the order's id: the demo's history needs no view of it. */
export async function pickUp(
  db: Db,
  leader: Leader,
  code: string,
  guards: PickupGuards | null,
  opts: { settlementDelayDays: number },
): Promise<string> {
  const keys = guards && pickupKeys(leader.id, guards.ip);
  if (guards && keys) await guards.throttle.check([keys.leader, keys.address]);
  const orderId = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<{ id: string; user_id: string; status: string }>(
      tx,
      sql`
      select id, user_id, status from orders
      where pickup_point_id = ${leader.pickupPointId} and pickup_code = ${code} for update`,
    );
    if (!order) return null;
    if (order.status === 'completed') throw invalidState('This order has already been picked up');
    if (order.status !== 'ready')
      throw invalidState('This order has not arrived at the pickup point yet', { status: order.status });
    const picked = await rows<{ id: string; paid_fen: number; refunded_fen: number }>(
      tx,
      sql`
      update order_lines set status = 'picked_up', picked_up_at = now()
      where order_id = ${order.id} and status = 'arrived' returning id, paid_fen, refunded_fen`,
    );
    if (!picked.length) throw invalidState('Nothing of this order is waiting to be picked up');
    await recordCommissions(tx, {
      leaderId: leader.id,
      commissionBps: leader.commissionBps,
      availableAfterDays: opts.settlementDelayDays,
      lines: picked.map((l) => ({ id: l.id, paidFen: l.paid_fen, refundedFen: l.refunded_fen })),
    });
    // Due at once: settle what was just booked (the 1-day window keeps this from scanning the leader's history).
    if (opts.settlementDelayDays === 0) await settleDue(tx, { leaderId: leader.id, lookbackDays: 1 });
    await completeIfSettled(tx, order.id);
    await enqueue(tx, 'notify.customer', {
      userId: order.user_id,
      kind: 'picked_up',
      orderId: order.id,
      pickupPointId: leader.pickupPointId,
      lines: picked.length,
    });
    return order.id;
  });
  if (!orderId) {
    // Only wrong codes count; a correct one never locks a busy leader out.
    if (guards && keys) {
      await guards.throttle.fail(keys.leader, PICKUP_RULES.leader);
      await guards.throttle.fail(keys.address, PICKUP_RULES.address);
    }
    throw notFound('Pickup code');
  }
  return orderId;
}
