import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, exec, type Db } from '../../db/client.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { newPickupCode } from '../../lib/ids.js';
import { activateMembership } from '../members/service.js';

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
 * transaction), as one atomic statement: the event is recorded only when the amount matches the
 * payment, and everything else follows from that event row. An amount that differs is refused
 * and nothing is written. A payment arriving for an order that was cancelled meanwhile (or that
 * another payment already paid) is refunded automatically through the outbox.
 */
export async function applyPaymentNotification(db: Db, n: ProviderNotification): Promise<{ applied: boolean }> {
  const result = await one<{ amount_fen: number | null; fresh: boolean; paid: boolean; paid_kind: string | null }>(db, sql`
    with payment as (
      select id, order_id, user_id, amount_fen, status from payments
      where id = ${n.paymentId} and provider = ${n.provider} and order_id = ${n.orderId} for update),
    event as (
      insert into payment_events (provider, provider_txn_id, payment_id, amount_fen)
      select ${n.provider}, ${n.providerTxnId}, id, ${n.amountFen} from payment where amount_fen = ${n.amountFen}
      on conflict do nothing returning 1),
    fresh as (select * from payment where status = 'pending' and exists (select 1 from event)),
    paid as (
      update orders o set status = 'paid', paid_at = now(), pickup_code = case when o.kind = 'goods' then ${newPickupCode()} end
      from fresh where o.id = fresh.order_id and o.status = 'pending_payment' returning o.id, fresh.user_id, o.kind),
    recorded as (
      update payments set status = case when exists (select 1 from paid) then 'succeeded' else 'refunded_on_arrival' end,
        provider_txn_id = ${n.providerTxnId}, succeeded_at = now()
      where id in (select id from fresh) returning 1),
    paid_note as (
      insert into outbox (topic, payload)
      select 'notify.customer', jsonb_build_object('userId', user_id, 'kind', 'paid', 'orderId', id, 'amountFen', ${n.amountFen}::int)
      from paid returning 1),
    refund as (
      insert into provider_refunds (payment_id, order_id, amount_fen)
      select id, order_id, amount_fen from fresh where not exists (select 1 from paid) returning id),
    refund_job as (
      insert into outbox (topic, payload)
      select 'payment.refund', jsonb_build_object('providerRefundId', id, 'provider', ${n.provider}::text) from refund returning 1)
    select (select amount_fen from payment) as amount_fen, exists (select 1 from fresh) as fresh, exists (select 1 from paid) as paid,
      (select kind from paid) as paid_kind,
      (select count(*) from recorded) + (select count(*) from paid_note) + (select count(*) from refund_job) as written`);
  if (!result || result.amount_fen === null) throw notFound('Payment');
  if (result.amount_fen !== n.amountFen) {
    throw validation('The notified amount differs from the payment', { expectedFen: result.amount_fen, notifiedFen: n.amountFen });
  }
  // Membership activates after the payment statement, idempotently by order id; a retried
  // notification (not fresh) tries again, so a crash between the two statements heals on retry.
  if (result.paid_kind === 'membership' || !result.fresh) await activateMembership(db, n.orderId);
  return { applied: result.fresh };
}

/** The simulated provider completes its refunds at once; a real provider would call back later. */
export async function completeProviderRefund(db: Db, providerRefundId: string): Promise<void> {
  await exec(db, sql`update provider_refunds set status = 'succeeded', completed_at = now(),
    provider_refund_id = coalesce(provider_refund_id, ${'simpay-r-' + randomUUID()}) where id = ${providerRefundId} and status = 'pending'`);
}
