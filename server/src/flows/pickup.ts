import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../db/client.js';
import { AppError, invalidState, notFound } from '../lib/errors.js';
import { iso } from '../lib/time.js';
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

export interface PickupOptions {
  settlementDelayDays: number;
  /** hand over only these lines of the order (a partial pickup); all arrived lines when absent */
  lineIds?: string[];
}

export const pickupKeys = (leaderId: string, ip: string) => ({
  leader: `pickup:leader:${leaderId}`,
  address: `pickup:ip:${ip}`,
});

/**
 * Why an order cannot be handed over, in words the leader acts on (decision 034): the UI
 * answers each reason with its own sentence instead of a generic "not possible now".
 */
export type PickupRefusal = 'picked_up' | 'not_arrived' | 'cancelled' | 'line_not_waiting' | 'other_point';

const refused = (reason: PickupRefusal, message: string, details: Record<string, unknown> = {}) =>
  invalidState(message, { reason, ...details });

/**
 * A code that exists only at another point: still 404 (the contract's "not at your point") but
 * with its reason, so the leader can send the customer on. Nothing of that order is answered.
 */
const otherPoint = () =>
  new AppError('NOT_FOUND', 404, 'This pickup code belongs to another pickup point', { reason: 'other_point' });

interface PickupOrder {
  id: string;
  user_id: string;
  status: string;
}

/** The order's latest handover, for "already picked up at hh:mm". */
async function lastPickedUpAt(db: Db, orderId: string): Promise<string | null> {
  const r = await one<{ at: unknown }>(
    db,
    sql`select max(picked_up_at) as at from order_lines where order_id = ${orderId} and status = 'picked_up'`,
  );
  return iso(r?.at ?? null);
}

/** Refuses an order of the leader's point that has nothing to hand over now, saying why. */
async function assertWaiting(db: Db, order: PickupOrder): Promise<void> {
  if (order.status === 'ready') return;
  if (order.status === 'completed')
    throw refused('picked_up', 'This order has already been picked up', {
      pickedUpAt: await lastPickedUpAt(db, order.id),
    });
  if (order.status === 'cancelled') throw refused('cancelled', 'This order was cancelled');
  throw refused('not_arrived', 'This order has not arrived at the pickup point yet', { status: order.status });
}

/** A code not at the leader's point: counted against the guards, then 404 (with its reason when it is another point's). */
async function unknownCode(db: Db, leader: Leader, code: string, guards: PickupGuards | null): Promise<never> {
  // Only wrong codes count; a correct one never locks a busy leader out.
  if (guards) {
    const keys = pickupKeys(leader.id, guards.ip);
    await guards.throttle.fail(keys.leader, PICKUP_RULES.leader);
    await guards.throttle.fail(keys.address, PICKUP_RULES.address);
  }
  const elsewhere = await one(
    db,
    sql`select 1 as ok from orders where pickup_code = ${code} and pickup_point_id <> ${leader.pickupPointId} limit 1`,
  );
  throw elsewhere ? otherPoint() : notFound('Pickup code');
}

/**
 * Pickup verification (核销): the customer shows the code, the leader of *their* pickup point
 * enters it. The code is looked up together with the leader's point (the unique index
 * (pickup_point_id, pickup_code)); a code of another point is a 404 too, saying only that it is
 * another point's. Wrong codes count against the leader and the address; once either is over
 * its limit every attempt is refused with 429 until the window passes, so codes cannot be
 * guessed (no guards: the demo simulator, which only enters real codes). In one transaction:
 * the arrived lines (or the chosen ones) become picked_up, the leader's commission is booked for
 * them (pending for `settlementDelayDays`, or available at once when 0), and the order
 * completes when nothing is left to hand over.
 */
export async function verifyPickup(
  db: Db,
  leader: Leader,
  code: string,
  guards: PickupGuards | null,
  opts: PickupOptions,
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
  opts: PickupOptions,
): Promise<string> {
  if (guards) {
    const keys = pickupKeys(leader.id, guards.ip);
    await guards.throttle.check([keys.leader, keys.address]);
  }
  const orderId = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<PickupOrder>(
      tx,
      sql`
      select id, user_id, status from orders
      where pickup_point_id = ${leader.pickupPointId} and pickup_code = ${code} for update`,
    );
    if (!order) return null;
    await handOver(tx, leader, order, opts);
    return order.id;
  });
  if (!orderId) return unknownCode(db, leader, code, guards);
  return orderId;
}

/**
 * The order's view before handing over (the leader checks its lines first): same lookup,
 * guards and refusals as the pickup, nothing written but a wrong code's count.
 */
export async function lookUpPickup(
  db: Db,
  leader: Leader,
  code: string,
  guards: PickupGuards | null,
): Promise<OrderView> {
  if (guards) {
    const keys = pickupKeys(leader.id, guards.ip);
    await guards.throttle.check([keys.leader, keys.address]);
  }
  const order = await one<PickupOrder>(
    db,
    sql`select id, user_id, status from orders where pickup_point_id = ${leader.pickupPointId} and pickup_code = ${code}`,
  );
  if (!order) return unknownCode(db, leader, code, guards);
  await assertWaiting(db, order);
  return (await loadOrder(db, order.id, { maskPhones: true }))!;
}

/**
 * A pickup of an order the leader found by the customer's name or phone (no code: the customer
 * has no phone at hand). Only orders of the leader's own point; any other id is a plain 404.
 */
export async function pickUpOrder(db: Db, leader: Leader, orderId: string, opts: PickupOptions): Promise<OrderView> {
  const found = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<PickupOrder>(
      tx,
      sql`
      select id, user_id, status from orders
      where id = ${orderId} and pickup_point_id = ${leader.pickupPointId} for update`,
    );
    if (!order) return false;
    await handOver(tx, leader, order, opts);
    return true;
  });
  if (!found) throw notFound('Order');
  return (await loadOrder(db, orderId, { maskPhones: true }))!;
}

/** Inside the transaction holding the order row: the handover, its commission, completion and the notice. */
async function handOver(tx: Db, leader: Leader, order: PickupOrder, opts: PickupOptions): Promise<void> {
  await assertWaiting(tx, order);
  const chosen = opts.lineIds ? sql`and id = any(${pgArray(opts.lineIds)}::uuid[])` : sql``;
  const picked = await rows<{ id: string; paid_fen: number; refunded_fen: number }>(
    tx,
    sql`
    update order_lines set status = 'picked_up', picked_up_at = now()
    where order_id = ${order.id} and status = 'arrived' ${chosen} returning id, paid_fen, refunded_fen`,
  );
  if (!picked.length && !opts.lineIds)
    throw refused('not_arrived', 'Nothing of this order is waiting to be picked up', { status: order.status });
  // Every chosen line must be waiting, or nothing happens: the leader's screen was out of date.
  if (opts.lineIds && picked.length !== new Set(opts.lineIds).size) {
    throw refused('line_not_waiting', 'A chosen line is not waiting to be picked up', {
      pickedUpAt: await lastPickedUpAt(tx, order.id),
    });
  }
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
}
