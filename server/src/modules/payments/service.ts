import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, type Db } from '../../db/client.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { newPickupCode } from '../../lib/ids.js';
import { enqueue } from '../outbox/service.js';
import { refundThroughProvider } from '../../flows/refund.js';

/**
 * Starts (or resumes) a payment for an unpaid, unexpired order of this user, in one statement.
 * Two simultaneous calls may each create a pending payment; only one can ever pay the order,
 * and a second successful payment is refunded on arrival.
 */
export async function startPayment(db: Db, userId: string, orderId: string, provider: string) {
  const row = await one<{ status: string; total_fen: number; expired: boolean; payment_id: string | null }>(db, sql`
    with o as (
      select id, status, total_fen, expires_at <= now() as expired from orders where id = ${orderId} and user_id = ${userId}),
    existing as (
      select p.id from payments p join o on o.id = p.order_id
      where p.provider = ${provider} and p.status = 'pending' and p.amount_fen = o.total_fen limit 1),
    created as (
      insert into payments (id, order_id, user_id, provider, amount_fen)
      select ${randomUUID()}, o.id, ${userId}, ${provider}, o.total_fen from o
      where o.status = 'pending_payment' and not o.expired and not exists (select 1 from existing)
      returning id)
    select o.status, o.total_fen, o.expired, coalesce((select id from existing), (select id from created)) as payment_id from o`);
  if (!row) throw notFound('Order');
  if (row.status !== 'pending_payment' || row.expired || !row.payment_id) {
    throw invalidState(`The order is ${row.expired && row.status === 'pending_payment' ? 'expired' : row.status}, not awaiting payment`);
  }
  return { paymentId: row.payment_id, amountFen: row.total_fen };
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

    // One statement: the order becomes paid if it still awaits payment; the payment records the outcome.
    const outcome = (await one<{ paid: boolean }>(tx, sql`
      with paid as (
        update orders set status = 'paid', paid_at = now(), pickup_code = case when kind = 'goods' then ${newPickupCode()} end
        where id = ${n.orderId} and status = 'pending_payment' returning id),
      recorded as (
        update payments set status = case when exists (select 1 from paid) then 'succeeded' else 'refunded_on_arrival' end,
          provider_txn_id = ${n.providerTxnId}, succeeded_at = now()
        where id = ${n.paymentId} returning 1)
      select exists (select 1 from paid) as paid, (select count(*) from recorded) as recorded`))!;
    if (!outcome.paid) {
      await refundThroughProvider(tx, { orderId: n.orderId, refundId: null, amountFen: n.amountFen, paymentId: n.paymentId });
      return { applied: true };
    }
    await enqueue(tx, 'notify.customer', { userId: payment.user_id, kind: 'paid', orderId: n.orderId, amountFen: n.amountFen });
    return { applied: true };
  });
}

/** The simulated provider completes its refunds at once; a real provider would call back later. */
export async function completeProviderRefund(db: Db, providerRefundId: string): Promise<void> {
  await db.execute(sql`update provider_refunds set status = 'succeeded', completed_at = now(),
    provider_refund_id = coalesce(provider_refund_id, ${'simpay-r-' + randomUUID()}) where id = ${providerRefundId} and status = 'pending'`);
}
