import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, type Db } from '../../db/client.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { newPickupCode } from '../../lib/ids.js';
import { enqueue } from '../outbox/service.js';
import { refundThroughProvider } from '../../flows/refund.js';

/** Starts (or resumes) a payment for an unpaid, unexpired order of this user. */
export async function startPayment(db: Db, userId: string, orderId: string, provider: string) {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<{ status: string; total_fen: number; expired: boolean }>(tx, sql`
      select status, total_fen, expires_at <= now() as expired from orders where id = ${orderId} and user_id = ${userId} for update`);
    if (!order) throw notFound('Order');
    if (order.status !== 'pending_payment' || order.expired) throw invalidState(`The order is ${order.expired && order.status === 'pending_payment' ? 'expired' : order.status}, not awaiting payment`);
    const existing = await one<{ id: string }>(tx, sql`
      select id from payments where order_id = ${orderId} and provider = ${provider} and status = 'pending' and amount_fen = ${order.total_fen}`);
    const paymentId = existing?.id ?? randomUUID();
    if (!existing) {
      await tx.execute(sql`insert into payments (id, order_id, user_id, provider, amount_fen)
        values (${paymentId}, ${orderId}, ${userId}, ${provider}, ${order.total_fen})`);
    }
    return { paymentId, amountFen: order.total_fen };
  });
}

export interface ProviderNotification {
  provider: string;
  paymentId: string;
  orderId: string;
  amountFen: number;
  providerTxnId: string;
}

/**
 * Applies a provider's payment notification exactly once (payment_events is unique per provider
 * transaction). An amount that differs from the payment is refused and nothing is written. A
 * payment arriving for an order that was cancelled meanwhile (or already paid by another
 * payment) is refunded automatically.
 */
export async function applyPaymentNotification(db: Db, n: ProviderNotification): Promise<{ applied: boolean }> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const payment = await one<{ order_id: string; user_id: string; amount_fen: number; status: string }>(tx, sql`
      select order_id, user_id, amount_fen, status from payments where id = ${n.paymentId} and provider = ${n.provider} for update`);
    if (!payment || payment.order_id !== n.orderId) throw notFound('Payment');
    if (payment.amount_fen !== n.amountFen) {
      throw validation('The notified amount differs from the payment', { expectedFen: payment.amount_fen, notifiedFen: n.amountFen });
    }
    const fresh = await one(tx, sql`insert into payment_events (provider, provider_txn_id, payment_id, amount_fen)
      values (${n.provider}, ${n.providerTxnId}, ${n.paymentId}, ${n.amountFen}) on conflict do nothing returning 1 as ok`);
    if (!fresh || payment.status !== 'pending') return { applied: false };

    const paid = await one<{ kind: string }>(tx, sql`
      update orders set status = 'paid', paid_at = now(), pickup_code = case when kind = 'goods' then ${newPickupCode()} end
      where id = ${n.orderId} and status = 'pending_payment' returning kind`);
    if (!paid) {
      await tx.execute(sql`update payments set status = 'refunded_on_arrival', provider_txn_id = ${n.providerTxnId}, succeeded_at = now() where id = ${n.paymentId}`);
      await refundThroughProvider(tx, { orderId: n.orderId, refundId: null, amountFen: n.amountFen });
      return { applied: true };
    }
    await tx.execute(sql`update payments set status = 'succeeded', provider_txn_id = ${n.providerTxnId}, succeeded_at = now() where id = ${n.paymentId}`);
    await enqueue(tx, 'notify.customer', { userId: payment.user_id, kind: 'paid', orderId: n.orderId, amountFen: n.amountFen });
    return { applied: true };
  });
}

/** The simulated provider completes its refunds at once; a real provider would call back later. */
export async function completeProviderRefund(db: Db, providerRefundId: string): Promise<void> {
  await db.execute(sql`update provider_refunds set status = 'succeeded', completed_at = now(),
    provider_refund_id = coalesce(provider_refund_id, ${'simpay-r-' + randomUUID()}) where id = ${providerRefundId} and status = 'pending'`);
}
