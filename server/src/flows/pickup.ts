import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../db/client.js';
import { AppError, invalidState, notFound } from '../lib/errors.js';
import { iso } from '../lib/time.js';
import type { FailureRule, Throttle } from '../lib/throttle.js';
import type { Leader } from '../modules/leaders/service.js';
import { lineRates } from '../modules/commission-plans/service.js';
import { recordCommissions, restoreCommissions, settleDue, undoCommissions } from '../modules/ledger/service.js';
import { undoOrderRewards } from '../modules/members/service.js';
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
  /**
   * Minutes the leader may undo this pickup: recorded as a pickup row (the desk). Absent for the
   * demo's history, which never undoes and keeps its seed cost.
   */
  undoMinutes?: number;
}

/** A pickup the desk may still undo, answered with the order. */
export interface PickupReceipt {
  id: string;
  undoUntil: string;
}

export type PickupAnswer = OrderView & { pickup?: PickupReceipt };

export const pickupKeys = (leaderId: string, ip: string) => ({
  leader: `pickup:leader:${leaderId}`,
  address: `pickup:ip:${ip}`,
});

/**
 * Why an order cannot be handed over, in words the leader acts on (decision 034): the UI
 * answers each reason with its own sentence instead of a generic "not possible now".
 */
export type PickupRefusal =
  | 'picked_up'
  | 'not_arrived'
  | 'cancelled'
  | 'line_not_waiting'
  | 'other_point'
  | 'undo_expired'
  | 'undone'
  | 'undo_changed'
  | 'undo_coupon_used';

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
): Promise<PickupAnswer> {
  const receipt: { value?: PickupReceipt } = {};
  const orderId = await pickUp(db, leader, code, guards, opts, receipt);
  return { ...(await loadOrder(db, orderId, { maskPhones: true }))!, pickup: receipt.value };
}

/** The pickup itself (see verifyPickup), answering only the order's id: the demo's history needs no view of it. */
export async function pickUp(
  db: Db,
  leader: Leader,
  code: string,
  guards: PickupGuards | null,
  opts: PickupOptions,
  receipt: { value?: PickupReceipt } = {},
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
    receipt.value = await handOver(tx, leader, order, opts);
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
export async function pickUpOrder(db: Db, leader: Leader, orderId: string, opts: PickupOptions): Promise<PickupAnswer> {
  const found = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<PickupOrder>(
      tx,
      sql`
      select id, user_id, status from orders
      where id = ${orderId} and pickup_point_id = ${leader.pickupPointId} for update`,
    );
    if (!order) return null;
    return { receipt: await handOver(tx, leader, order, opts) };
  });
  if (!found) throw notFound('Order');
  return { ...(await loadOrder(db, orderId, { maskPhones: true }))!, pickup: found.receipt };
}

/** Inside the transaction holding the order row: the handover, its commission, completion and the notice. */
async function handOver(
  tx: Db,
  leader: Leader,
  order: PickupOrder,
  opts: PickupOptions,
): Promise<PickupReceipt | undefined> {
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
  // the handover as a behaviour event (decision 045), in the handover's transaction
  await exec(
    tx,
    sql`
    insert into behaviour_events (id, at, type, source, user_id, region_id, pickup_point_id, order_id)
    select gen_random_uuid(), now(), 'picked_up', 'server', user_id, region_id, pickup_point_id, id from orders where id = ${order.id}`,
  );
  // each line at the rate in force when its order was placed (decision 061: a plan's category rate, or the flat rate)
  const rates = await lineRates(
    tx,
    leader,
    picked.map((l) => l.id),
  );
  const lines = picked.map((l) => ({
    id: l.id,
    paidFen: l.paid_fen,
    refundedFen: l.refunded_fen,
    commissionBps: rates.get(l.id) ?? leader.commissionBps,
  }));
  await recordCommissions(tx, {
    leaderId: leader.id,
    commissionBps: leader.commissionBps,
    availableAfterDays: opts.settlementDelayDays,
    lines,
  });
  const record =
    opts.undoMinutes === undefined
      ? null
      : await one<{ id: string; until: unknown }>(
          tx,
          sql`
      insert into pickups (order_id, leader_id, line_ids, completed_order)
      values (${order.id}, ${leader.id}, ${pgArray(lines.map((l) => l.id))}::uuid[], false)
      returning id, created_at + make_interval(mins => ${opts.undoMinutes}::int) as until`,
        );
  // A line handed over again after an undo: its commission entry exists, so it is restored instead.
  if (record) await restoreCommissions(tx, { pickupId: record.id, commissionBps: leader.commissionBps, lines });
  // Due at once: settle what was just booked (the 1-day window keeps this from scanning the leader's history).
  if (opts.settlementDelayDays === 0) await settleDue(tx, { leaderId: leader.id, lookbackDays: 1 });
  const completed = await completeIfSettled(tx, order.id);
  if (record && completed) await exec(tx, sql`update pickups set completed_order = true where id = ${record.id}`);
  await enqueue(tx, 'notify.customer', {
    userId: order.user_id,
    kind: 'picked_up',
    orderId: order.id,
    pickupPointId: leader.pickupPointId,
    lines: picked.length,
  });
  return record ? { id: record.id, undoUntil: iso(record.until)! } : undefined;
}

/**
 * Undoes a pickup of the leader's own point within its minutes (decision 034), reversing
 * exactly what it did: its lines back to arrived, their commission taken back (from pending, or
 * available once settled), the order back from completed with what completing earned taken
 * back, a referral reward included (409 `undo_coupon_used` when a referral coupon it gave was
 * already used on an order: that cannot be taken back). Only the order's latest pickup, and
 * only while nothing else changed its lines or order (a refund, say): otherwise 409 and nothing
 * is written. The order row is locked first and the
 * pickup is marked undone by a conditional update, so simultaneous undos reverse once.
 */
export async function undoPickup(
  db: Db,
  leader: Leader,
  pickupId: string,
  opts: { undoMinutes: number },
): Promise<OrderView> {
  const orderId = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<PickupOrder>(
      tx,
      sql`
      select o.id, o.user_id, o.status from orders o
      where o.id = (select order_id from pickups where id = ${pickupId} and leader_id = ${leader.id})
        and o.pickup_point_id = ${leader.pickupPointId} for update`,
    );
    if (!order) throw notFound('Pickup');
    const pickup = await one<{ lines: number; completed_order: boolean }>(
      tx,
      sql`
      update pickups p set undone_at = now()
      where p.id = ${pickupId} and p.undone_at is null
        and p.created_at > now() - make_interval(mins => ${opts.undoMinutes}::int)
      returning cardinality(p.line_ids)::int as lines, p.completed_order`,
    );
    if (!pickup) {
      const state = await one<{ undone: boolean }>(
        tx,
        sql`select undone_at is not null as undone from pickups where id = ${pickupId}`,
      );
      throw state?.undone
        ? refused('undone', 'This pickup has already been undone')
        : refused('undo_expired', 'This pickup can no longer be undone');
    }
    const later = await one(
      tx,
      sql`
      select 1 as ok from pickups where order_id = ${order.id} and id <> ${pickupId} and undone_at is null
        and created_at >= (select created_at from pickups where id = ${pickupId}) limit 1`,
    );
    const expected = pickup.completed_order ? 'completed' : 'ready';
    if (later || order.status !== expected) throw refused('undo_changed', 'The order changed since this pickup');
    const back = await rows<{ id: string }>(
      tx,
      sql`
      update order_lines set status = 'arrived', picked_up_at = null
      where order_id = ${order.id} and status = 'picked_up'
        and id in (select unnest(line_ids) from pickups where id = ${pickupId}) returning id`,
    );
    if (back.length !== pickup.lines) throw refused('undo_changed', 'The order changed since this pickup');
    // the ledger (leader_accounts) before the customer's rows, the order a pickup takes them in
    await undoCommissions(tx, { pickupId, lineIds: back.map((l) => l.id) });
    if (pickup.completed_order) {
      await exec(tx, sql`update orders set status = 'ready', completed_at = null where id = ${order.id}`);
      // a referral reward is taken back with the rest, unless a coupon it gave was already spent
      if (await undoOrderRewards(tx, { orderId: order.id, userId: order.user_id, pickupId }))
        throw refused('undo_coupon_used', 'A referral coupon this pickup earned has already been used on an order');
    }
    return order.id;
  });
  return (await loadOrder(db, orderId, { maskPhones: true }))!;
}
