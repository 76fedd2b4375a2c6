import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, pgArray, rows, type Db } from '../../db/client.js';
import { coalesced } from '../../lib/coalesce.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { newPickupCode, timeOrderedUuid } from '../../lib/ids.js';
import { activateMembership } from '../members/service.js';

/** What a provider's prepay names a payment by: its (first) order's number and kind, and when it expires. */
export interface PaymentSubject {
  seq: number;
  kind: string;
  /** the one payment of a pickup day's orders */
  grouped: boolean;
  expiresAt: Date | string;
}

export interface StartedPayment {
  paymentId: string;
  amountFen: number;
  subject: PaymentSubject;
}

interface PaymentStart {
  userId: string;
  orderId: string;
  provider: string;
  /** how the provider takes it (WeChat Pay's jsapi, miniprogram, h5); a payment is resumed only on its own channel */
  channel: string | null;
}

/**
 * Starts (or resumes) a payment for an unpaid, unexpired order of this user. Two simultaneous
 * calls may each create a pending payment; only one can ever pay the order, and a second
 * successful payment is refunded on arrival. Calls arriving together share one statement.
 */
export const startPayment = (db: Db, userId: string, orderId: string, provider: string, channel?: string) =>
  startPayments(db, { userId, orderId, provider, channel: channel ?? null });

const startPayments = coalesced<PaymentStart, StartedPayment>(
  async (db: Db, starts: PaymentStart[]) => {
    const found = await rows<{
      n: number;
      status: string;
      total_fen: number;
      expired: boolean;
      payment_id: string | null;
      payment_group_id: string | null;
      seq: number;
      kind: string;
      expires_at: string;
    }>(
      db,
      sql`
    with r as (
      select * from unnest(${pgArray(starts.map((s) => s.orderId))}::uuid[], ${pgArray(starts.map((s) => s.userId))}::uuid[],
        ${pgArray(starts.map((s) => s.provider))}::text[], ${pgArray(starts.map(() => timeOrderedUuid()))}::uuid[],
        ${pgArray(starts.map((s) => s.channel ?? ''))}::text[])
        with ordinality as r (order_id, user_id, provider, new_id, channel, n)),
    o as (
      select r.n, r.new_id, r.provider, nullif(r.channel, '') as channel, o.id, o.user_id, o.status, o.total_fen, o.expires_at <= now() as expired, o.payment_group_id,
        o.seq, o.kind, o.expires_at
      from r join orders o on o.id = r.order_id and o.user_id = r.user_id),
    existing as (
      select distinct on (o.n) o.n, p.id from o join payments p on p.order_id = o.id
      where p.provider = o.provider and p.channel is not distinct from o.channel and p.status = 'pending'
        and p.closed_at is null and p.amount_fen = o.total_fen order by o.n, p.created_at),
    created as (
      insert into payments (id, order_id, user_id, provider, channel, amount_fen)
      select o.new_id, o.id, o.user_id, o.provider, o.channel, o.total_fen from o
      where o.status = 'pending_payment' and not o.expired and o.payment_group_id is null and o.n not in (select n from existing)
      returning id)
    select o.n, o.status, o.total_fen, o.expired, coalesce(e.id, c.id) as payment_id, o.payment_group_id, o.seq, o.kind, o.expires_at
    from o left join existing e on e.n = o.n left join created c on c.id = o.new_id`,
    );
    const byN = new Map(found.map((f) => [Number(f.n), f]));
    return starts.map((_, i) => {
      const row = byN.get(i + 1);
      if (!row) return notFound('Order');
      // an order of a pickup day is paid with the others of its day, never alone (decision 032)
      if (row.payment_group_id && row.status === 'pending_payment')
        return invalidState('This order is paid together with its pickup day', {
          paymentGroupId: row.payment_group_id,
        });
      if (row.status !== 'pending_payment' || row.expired || !row.payment_id) {
        return invalidState(
          `The order is ${row.expired && row.status === 'pending_payment' ? 'expired' : row.status}, not awaiting payment`,
        );
      }
      return {
        paymentId: row.payment_id,
        amountFen: row.total_fen,
        subject: { seq: Number(row.seq), kind: row.kind, grouped: false, expiresAt: row.expires_at },
      };
    });
  },
  { key: (s) => s.orderId },
); // a double tap resumes the payment the first tap started

/**
 * Starts (or resumes) the one payment of a payment group (decision 032): for the group's total,
 * named by its first order. Only while every order of the group awaits payment and the group has
 * not expired; as for one order, two simultaneous starts may each create a payment, and the one
 * that arrives second is refunded on arrival.
 */
export async function startGroupPayment(
  db: Db,
  userId: string,
  groupId: string,
  provider: string,
  channel?: string,
): Promise<StartedPayment & { orderId: string }> {
  const [row] = await rows<{
    total_fen: number;
    first_order_id: string;
    seq: number;
    kind: string;
    expires_at: string;
    expired: boolean;
    waiting: boolean;
    existing: string | null;
    created: string | null;
  }>(
    db,
    sql`
    with g as (
      select g.id, g.user_id, g.total_fen, g.first_order_id, g.expires_at, g.expires_at <= now() as expired, f.seq, f.kind,
        not exists (select 1 from orders o where o.payment_group_id = g.id and o.status <> 'pending_payment') as waiting
      from payment_groups g join orders f on f.id = g.first_order_id where g.id = ${groupId} and g.user_id = ${userId}),
    existing as (
      select p.id from g join payments p on p.order_id = g.first_order_id and p.payment_group_id = g.id
      where p.provider = ${provider} and p.channel is not distinct from ${channel ?? null}::text and p.status = 'pending'
        and p.closed_at is null and p.amount_fen = g.total_fen order by p.created_at limit 1),
    created as (
      insert into payments (id, order_id, payment_group_id, user_id, provider, channel, amount_fen)
      select ${timeOrderedUuid()}, g.first_order_id, g.id, g.user_id, ${provider}, ${channel ?? null}, g.total_fen from g
      where g.waiting and not g.expired and g.total_fen > 0 and not exists (select 1 from existing)
      returning id)
    select g.total_fen, g.first_order_id, g.seq, g.kind, g.expires_at, g.expired, g.waiting,
      (select id from existing) as existing, (select id from created) as created
    from g`,
  );
  if (!row) throw notFound('Payment group');
  const paymentId = row.existing ?? row.created;
  if (!row.waiting || row.expired || !paymentId) {
    throw invalidState(
      row.waiting && row.expired
        ? 'The pickup day is expired, not awaiting payment'
        : 'The pickup day is not awaiting payment',
    );
  }
  return {
    paymentId,
    amountFen: row.total_fen,
    orderId: row.first_order_id,
    subject: { seq: Number(row.seq), kind: row.kind, grouped: true, expiresAt: row.expires_at },
  };
}

export interface ProviderNotification {
  provider: string;
  paymentId: string;
  /** the order the provider names; a provider that names only the payment leaves it out and the statement reads it */
  orderId?: string;
  amountFen: number;
  providerTxnId: string;
}

/**
 * Applies a provider's payment notification exactly once (payment_events is unique per provider
 * transaction), atomically: the event is recorded only when the amount matches the payment, and
 * everything else follows from that event row. An amount that differs is refused and nothing is
 * written. A payment arriving for an order that was cancelled meanwhile (or that another payment
 * already paid) is refunded automatically through the outbox. Notifications arriving together
 * share one statement; two of the same payment never do.
 */
export async function applyPaymentNotification(db: Db, n: ProviderNotification): Promise<{ applied: boolean }> {
  const result = await applyNotifications(db, n);
  // Membership activates after the payment statement, idempotently by order id; a retried
  // notification (not fresh) tries again, so a crash between the two statements heals on retry.
  if (result.paidKind === 'membership' || !result.fresh) await activateMembership(db, result.orderId);
  return { applied: result.fresh };
}

const applyNotifications = coalesced<
  ProviderNotification,
  { fresh: boolean; paidKind: string | null; orderId: string }
>(
  async (db: Db, list: ProviderNotification[]) => {
    const column = (value: (n: ProviderNotification) => string | number | null) => pgArray(list.map(value));
    const found = await rows<{
      n: number;
      amount_fen: number;
      fresh: boolean;
      paid_kind: string | null;
      order_id: string;
    }>(
      db,
      sql`
    with r as (
      select * from unnest(${column((n) => n.provider)}::text[], ${column((n) => n.paymentId)}::uuid[], ${column((n) => n.orderId ?? null)}::uuid[],
        ${column((n) => n.amountFen)}::int[], ${column((n) => n.providerTxnId)}::text[], ${column(() => newPickupCode())}::text[])
        with ordinality as r (provider, payment_id, order_id, notified_fen, txn, pickup_code, n)),
    payment as (
      select r.n, r.provider, r.notified_fen, r.txn, r.pickup_code, p.id, p.order_id, p.payment_group_id, p.user_id, p.amount_fen, p.status
      from r join payments p on p.id = r.payment_id and p.provider = r.provider and (r.order_id is null or p.order_id = r.order_id)
      order by p.id for update of p),
    event as (
      insert into payment_events (provider, provider_txn_id, payment_id, amount_fen)
      select provider, txn, id, notified_fen from payment where amount_fen = notified_fen
      on conflict do nothing returning payment_id),
    fresh as (select * from payment where status = 'pending' and id in (select payment_id from event)),
    -- a payment group's orders (decision 032), locked in id order, as they are now: the group is
    -- paid only when every one of them still awaits payment, else the whole payment goes back
    grouped as (
      select fresh.id as payment_id, o.id, o.status, o.total_fen from fresh join orders o on o.payment_group_id = fresh.payment_group_id
      order by o.id for update of o),
    targets as (
      select id as payment_id, order_id from fresh where payment_group_id is null
      union all
      select payment_id, id from grouped
      where payment_id in (select payment_id from grouped group by 1 having bool_and(status = 'pending_payment'))),
    paid as (
      update orders o set status = 'paid', paid_at = now(),
        -- each order of a group its own code (unique per point), from the database's strong random source
        pickup_code = case when o.kind = 'goods' then case when fresh.payment_group_id is null then fresh.pickup_code
          else (1000000000 + ('x' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 15))::bit(60)::int8 % 9000000000)::text end end
      from targets t join fresh on fresh.id = t.payment_id where o.id = t.order_id and o.status = 'pending_payment'
      returning o.id, o.kind, fresh.id as payment_id, fresh.user_id, o.total_fen as notified_fen, o.region_id, o.pickup_point_id),
    -- the funnel's last step (decision 045), written where the payment happens, in the same statement
    paid_event as (
      insert into behaviour_events (id, at, type, source, user_id, region_id, pickup_point_id, order_id)
      select gen_random_uuid(), now(), 'paid', 'server', user_id, region_id, pickup_point_id, id
      from paid where kind = 'goods' returning 1),
    recorded as (
      update payments p set status = case when p.id in (select payment_id from paid) then 'succeeded' else 'refunded_on_arrival' end,
        provider_txn_id = fresh.txn, succeeded_at = now()
      from fresh where p.id = fresh.id returning 1),
    paid_note as (
      insert into outbox (topic, payload)
      select 'notify.customer', jsonb_build_object('userId', user_id, 'kind', 'paid', 'orderId', id, 'amountFen', notified_fen)
      from paid returning 1),
    -- what goes back: a single payment to its order; a group's, each order's total to that order
    -- (the orders' totals add up to the group's), so each order's refunds stay within what it cost
    back as (
      select id as payment_id, order_id, amount_fen from fresh where payment_group_id is null and id not in (select payment_id from paid)
      union all
      select payment_id, id, total_fen from grouped where total_fen > 0 and payment_id not in (select payment_id from paid)),
    refund as (
      insert into provider_refunds (payment_id, order_id, amount_fen)
      select payment_id, order_id, amount_fen from back returning id, payment_id),
    -- the customer's order shows the money going back: a cancelled order was paid and refunded
    -- (capped at its total, which only a second late payment of the same order could pass)
    refund_shown as (
      update orders o set refunded_fen = least(o.total_fen, o.refunded_fen + r.amount_fen)
      from (select order_id, sum(amount_fen)::int as amount_fen from back group by 1) r
      where o.id = r.order_id and o.status = 'cancelled' returning 1),
    refund_job as (
      insert into outbox (topic, payload)
      select 'payment.refund', jsonb_build_object('providerRefundId', refund.id, 'provider', fresh.provider)
      from refund join fresh on fresh.id = refund.payment_id returning 1)
    select payment.n, payment.amount_fen, payment.order_id, fresh.id is not null as fresh, paid.kind as paid_kind
    from payment left join fresh on fresh.n = payment.n left join paid on paid.payment_id = payment.id`,
    );
    const byN = new Map(found.map((f) => [Number(f.n), f]));
    return list.map((n, i) => {
      const row = byN.get(i + 1);
      if (!row) return notFound('Payment');
      if (row.amount_fen !== n.amountFen) {
        return validation('The notified amount differs from the payment', {
          expectedFen: row.amount_fen,
          notifiedFen: n.amountFen,
        });
      }
      return { fresh: row.fresh, paidKind: row.paid_kind, orderId: row.order_id };
    });
  },
  { key: (n) => n.paymentId },
);

/** The simulated provider completes its refunds at once; a real provider would call back later. */
export async function completeProviderRefund(db: Db, providerRefundId: string): Promise<void> {
  await exec(
    db,
    sql`update provider_refunds set status = 'succeeded', completed_at = now(),
    provider_refund_id = coalesce(provider_refund_id, ${'simpay-r-' + randomUUID()}) where id = ${providerRefundId} and status = 'pending'`,
  );
}
