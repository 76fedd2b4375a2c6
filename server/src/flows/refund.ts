import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import { invalidState, limitExceeded, notFound, validation } from '../lib/errors.js';
import { proratedRefundFen } from '../lib/money.js';
import { reverseCommissionForRefund } from '../modules/ledger/service.js';
import { enqueue } from '../modules/outbox/service.js';
import { completeIfSettled } from '../modules/orders/service.js';

export type RefundKind = 'cancel' | 'shortage' | 'arrival_loss' | 'aftersales';

export interface RefundInput {
  orderId: string;
  kind: RefundKind;
  reason: string;
  note?: string;
  lines: { lineId: string; quantity: number }[];
  /** for system refunds: the same key refunds once, however often the caller retries */
  businessKey?: string;
}

export interface RefundResult {
  id: string;
  status: 'requested' | 'refunded' | 'rejected';
  amountFen: number;
}

/**
 * The one refund flow. Claims units on the lines with a conditional update (never more than
 * bought minus already claimed), prices them from what each line paid (prorated over its
 * discounts, cumulatively so a full refund returns exactly the paid amount), and — unless the
 * refund waits for approval — returns the money at once. Call inside a transaction.
 */
export async function createRefund(
  db: Db, input: RefundInput, opts: { approve: boolean; lineStatus?: 'short' | 'refunded' },
): Promise<RefundResult> {
  if (input.businessKey) {
    const existing = await one<RefundResult>(db, sql`
      select id, status, amount_fen as "amountFen" from refunds where business_key = ${input.businessKey}`);
    if (existing) return existing;
  }
  if (!input.lines.length) throw validation('A refund needs at least one line');
  // Lock the order first: refunds of one order run one at a time, in a fixed lock order.
  const order = await one<{ user_id: string; status: string }>(db, sql`
    select user_id, status from orders where id = ${input.orderId} for update`);
  if (!order) throw notFound('Order');
  if (!['paid', 'closed', 'ready', 'completed'].includes(order.status)) {
    throw invalidState(`An order in status ${order.status} cannot be refunded`);
  }
  const priced: { lineId: string; quantity: number; amountFen: number }[] = [];
  for (const line of [...input.lines].sort((a, b) => a.lineId.localeCompare(b.lineId))) {
    const claimed = await one<{ quantity: number; paid_fen: number; before: number }>(db, sql`
      update order_lines set refund_quantity = refund_quantity + ${line.quantity}
      where id = ${line.lineId} and order_id = ${input.orderId} and refund_quantity + ${line.quantity} <= quantity
      returning quantity, paid_fen, refund_quantity - ${line.quantity} as before`);
    if (!claimed) {
      const exists = await one(db, sql`select 1 as ok from order_lines where id = ${line.lineId} and order_id = ${input.orderId}`);
      if (!exists) throw notFound('Order line');
      throw limitExceeded('That is more than was bought minus what was already refunded', { lineId: line.lineId });
    }
    priced.push({ ...line, amountFen: proratedRefundFen(claimed.paid_fen, claimed.quantity, claimed.before, line.quantity) });
  }
  const amountFen = priced.reduce((s, l) => s + l.amountFen, 0);
  const refund = (await one<{ id: string }>(db, sql`
    insert into refunds (order_id, user_id, kind, reason, note, status, amount_fen, business_key)
    values (${input.orderId}, ${order.user_id}, ${input.kind}, ${input.reason}, ${input.note ?? null}, 'requested', ${amountFen}, ${input.businessKey ?? null})
    returning id`))!;
  for (const l of priced) {
    await exec(db, sql`insert into refund_lines (refund_id, order_line_id, quantity, amount_fen)
      values (${refund.id}, ${l.lineId}, ${l.quantity}, ${l.amountFen})`);
  }
  if (!opts.approve) return { id: refund.id, status: 'requested', amountFen };
  await approveRefund(db, refund.id, opts.lineStatus ?? 'refunded');
  return { id: refund.id, status: 'refunded', amountFen };
}

/**
 * Returns the money of a requested refund: lines and order record it, the provider refund is
 * queued in the outbox, commission on those lines is reversed, the customer is told.
 */
export async function approveRefund(db: Db, refundId: string, lineStatus: 'short' | 'refunded' = 'refunded'): Promise<RefundResult> {
  const refund = await one<{ order_id: string; user_id: string; kind: RefundKind; reason: string; amount_fen: number }>(db, sql`
    update refunds set status = 'refunded', decided_at = now() where id = ${refundId} and status = 'requested'
    returning order_id, user_id, kind, reason, amount_fen`);
  if (!refund) {
    const exists = await one<{ status: string }>(db, sql`select status from refunds where id = ${refundId}`);
    if (!exists) throw notFound('Refund');
    throw invalidState(`The refund is already ${exists.status}`);
  }
  const lines = await rows<{ order_line_id: string; amount_fen: number; paid_fen: number; refunded_fen: number }>(db, sql`
    select rl.order_line_id, rl.amount_fen, ol.paid_fen, ol.refunded_fen
    from refund_lines rl join order_lines ol on ol.id = rl.order_line_id
    where rl.refund_id = ${refundId} order by rl.order_line_id`);
  for (const l of lines) {
    await exec(db, sql`
      update order_lines set refunded_fen = refunded_fen + ${l.amount_fen},
        status = case when refund_quantity = quantity then ${lineStatus} else status end
      where id = ${l.order_line_id}`);
    await reverseCommissionForRefund(db, {
      refundId, orderLineId: l.order_line_id, linePaidFen: l.paid_fen, refundedBeforeFen: l.refunded_fen, refundFen: l.amount_fen,
    });
  }
  await exec(db, sql`update orders set refunded_fen = refunded_fen + ${refund.amount_fen} where id = ${refund.order_id}`);
  if (refund.amount_fen > 0) await refundThroughProvider(db, { orderId: refund.order_id, refundId, amountFen: refund.amount_fen });
  await enqueue(db, 'notify.customer', {
    userId: refund.user_id, kind: 'refund', orderId: refund.order_id, refundId, refundKind: refund.kind,
    reason: refund.reason, amountFen: refund.amount_fen,
  });
  await completeIfSettled(db, refund.order_id);
  return { id: refundId, status: 'refunded', amountFen: refund.amount_fen };
}

/** Releases the units a rejected after-sales request had claimed. */
export async function rejectRefund(db: Db, refundId: string, note?: string): Promise<RefundResult> {
  const refund = await one<{ amount_fen: number }>(db, sql`
    update refunds set status = 'rejected', decided_at = now(), note = coalesce(${note ?? null}, note)
    where id = ${refundId} and status = 'requested' returning amount_fen`);
  if (!refund) {
    const exists = await one<{ status: string }>(db, sql`select status from refunds where id = ${refundId}`);
    if (!exists) throw notFound('Refund');
    throw invalidState(`The refund is already ${exists.status}`);
  }
  await exec(db, sql`
    update order_lines ol set refund_quantity = ol.refund_quantity - rl.quantity
    from refund_lines rl where rl.refund_id = ${refundId} and rl.order_line_id = ol.id`);
  return { id: refundId, status: 'rejected', amountFen: refund.amount_fen };
}

/** Queues the money back to the customer through the provider that took the payment. */
export async function refundThroughProvider(
  db: Db, input: { orderId: string; refundId: string | null; amountFen: number; paymentId?: string },
) {
  const payment = await one<{ id: string; provider: string }>(db, sql`
    select id, provider from payments where order_id = ${input.orderId}
      and ${input.paymentId ? sql`id = ${input.paymentId}` : sql`status = 'succeeded'`}
    order by succeeded_at limit 1`);
  if (!payment) throw invalidState('The order has no successful payment to refund');
  const pr = (await one<{ id: string }>(db, sql`
    insert into provider_refunds (payment_id, order_id, refund_id, amount_fen)
    values (${payment.id}, ${input.orderId}, ${input.refundId}, ${input.amountFen}) returning id`))!;
  await enqueue(db, 'payment.refund', { providerRefundId: pr.id, provider: payment.provider });
}
