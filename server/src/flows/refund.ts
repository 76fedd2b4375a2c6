import { sql, type SQL } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import { invalidState, limitExceeded, notFound, validation } from '../lib/errors.js';
import { proratedAmount, proratedRefundFen } from '../lib/money.js';
import { addPoints } from '../modules/accounts/points.js';
import { reverseCommissionForRefund } from '../modules/ledger/service.js';
import { enqueue } from '../modules/outbox/service.js';
import { completeIfSettled } from '../modules/orders/service.js';
import { clawbackForRefund } from '../modules/members/service.js';
import { returnCouponIfValid } from '../modules/promotions/service.js';

export type RefundKind = 'cancel' | 'shortage' | 'arrival_loss' | 'aftersales' | 'price_adjustment';

/** Refunds of units (not a cancel, which returns all points itself, nor a price adjustment). */
const UNIT_REFUNDS = sql`('shortage', 'arrival_loss', 'aftersales')`;

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
  db: Db,
  input: RefundInput,
  opts: { approve: boolean; lineStatus?: 'short' | 'refunded' },
): Promise<RefundResult> {
  if (input.businessKey) {
    const existing = await one<RefundResult>(
      db,
      sql`
      select id, status, amount_fen as "amountFen" from refunds where business_key = ${input.businessKey}`,
    );
    if (existing) return existing;
  }
  if (!input.lines.length) throw validation('A refund needs at least one line');
  // Lock the order first: refunds of one order run one at a time, in a fixed lock order.
  const order = await one<{ user_id: string; status: string }>(
    db,
    sql`
    select user_id, status from orders where id = ${input.orderId} for update`,
  );
  if (!order) throw notFound('Order');
  if (!['paid', 'closed', 'ready', 'completed'].includes(order.status)) {
    throw invalidState(`An order in status ${order.status} cannot be refunded`);
  }
  const priced: { lineId: string; quantity: number; amountFen: number }[] = [];
  for (const line of [...input.lines].sort((a, b) => a.lineId.localeCompare(b.lineId))) {
    const claimed = await one<{ quantity: number; paid_fen: number; before: number }>(
      db,
      sql`
      update order_lines set refund_quantity = refund_quantity + ${line.quantity}
      where id = ${line.lineId} and order_id = ${input.orderId} and refund_quantity + ${line.quantity} <= quantity
      returning quantity, paid_fen - price_adjusted_fen as paid_fen, refund_quantity - ${line.quantity} as before`,
    );
    if (!claimed) {
      const exists = await one(
        db,
        sql`select 1 as ok from order_lines where id = ${line.lineId} and order_id = ${input.orderId}`,
      );
      if (!exists) throw notFound('Order line');
      throw limitExceeded('That is more than was bought minus what was already refunded', { lineId: line.lineId });
    }
    // Units are priced over what the line paid minus any price adjustment (group-tier difference)
    // already returned, so adjustment + all unit refunds == paid_fen exactly.
    priced.push({
      ...line,
      amountFen: proratedRefundFen(claimed.paid_fen, claimed.quantity, claimed.before, line.quantity),
    });
  }
  const amountFen = priced.reduce((s, l) => s + l.amountFen, 0);
  const refund = (await one<{ id: string }>(
    db,
    sql`
    insert into refunds (order_id, user_id, kind, reason, note, status, amount_fen, business_key)
    values (${input.orderId}, ${order.user_id}, ${input.kind}, ${input.reason}, ${input.note ?? null}, 'requested', ${amountFen}, ${input.businessKey ?? null})
    returning id`,
  ))!;
  for (const l of priced) {
    await exec(
      db,
      sql`insert into refund_lines (refund_id, order_line_id, quantity, amount_fen)
      values (${refund.id}, ${l.lineId}, ${l.quantity}, ${l.amountFen})`,
    );
  }
  if (!opts.approve) return { id: refund.id, status: 'requested', amountFen };
  await approveRefund(db, refund.id, opts.lineStatus ?? 'refunded');
  return { id: refund.id, status: 'refunded', amountFen };
}

/**
 * Returns the money of a requested refund: lines and order record it, the provider refund is
 * queued in the outbox, commission on those lines is reversed, the customer is told.
 */
export async function approveRefund(
  db: Db,
  refundId: string,
  lineStatus: 'short' | 'refunded' = 'refunded',
): Promise<RefundResult> {
  const refund = await one<{ order_id: string; user_id: string; kind: RefundKind; reason: string; amount_fen: number }>(
    db,
    sql`
    update refunds set status = 'refunded', decided_at = now() where id = ${refundId} and status = 'requested'
    returning order_id, user_id, kind, reason, amount_fen`,
  );
  if (!refund) {
    const exists = await one<{ status: string }>(db, sql`select status from refunds where id = ${refundId}`);
    if (!exists) throw notFound('Refund');
    throw invalidState(`The refund is already ${exists.status}`);
  }
  const lines = await rows<{ order_line_id: string; amount_fen: number; paid_fen: number; refunded_fen: number }>(
    db,
    sql`
    select rl.order_line_id, rl.amount_fen, ol.paid_fen, ol.refunded_fen
    from refund_lines rl join order_lines ol on ol.id = rl.order_line_id
    where rl.refund_id = ${refundId} order by rl.order_line_id`,
  );
  for (const l of lines) {
    await exec(
      db,
      sql`
      update order_lines set refunded_fen = refunded_fen + ${l.amount_fen},
        status = case when refund_quantity = quantity then ${lineStatus} else status end
      where id = ${l.order_line_id}`,
    );
    await reverseCommissionForRefund(db, {
      refundId,
      orderLineId: l.order_line_id,
      linePaidFen: l.paid_fen,
      refundedBeforeFen: l.refunded_fen,
      refundFen: l.amount_fen,
    });
  }
  // the order's refund, with the region and point the funnel reads (decision 045), in one statement
  await exec(
    db,
    sql`
    with o as (update orders set refunded_fen = refunded_fen + ${refund.amount_fen} where id = ${refund.order_id}
      returning id, user_id, region_id, pickup_point_id, kind)
    insert into behaviour_events (id, at, type, source, user_id, region_id, pickup_point_id, order_id)
    select gen_random_uuid(), now(), 'refunded', 'server', user_id, region_id, pickup_point_id, id from o where kind = 'goods'`,
  );
  if (refund.amount_fen > 0)
    await refundThroughProvider(db, { orderId: refund.order_id, refundId, amountFen: refund.amount_fen });
  await enqueue(db, 'notify.customer', {
    userId: refund.user_id,
    kind: 'refund',
    orderId: refund.order_id,
    refundId,
    refundKind: refund.kind,
    reason: refund.reason,
    amountFen: refund.amount_fen,
  });
  await returnRedeemedPoints(db, refundId, refund.user_id, refund.kind);
  if (refund.kind === 'aftersales' && refund.reason === 'quality')
    await compensateFreshProduce(db, refundId, refund.user_id);
  await clawbackForRefund(db, refundId); // points and growth an already-completed order earned
  await completeIfSettled(db, refund.order_id);
  await returnCouponIfValid(db, refund.order_id); // a fully refunded order gives its coupon back while still valid
  return { id: refundId, status: 'refunded', amountFen: refund.amount_fen };
}

/**
 * Gives back, as points, the share of the points redeemed on each line that the refunded units
 * carried (100 points = 1 yuan, so a line's pointsFen is its redeemed points). The share is
 * cumulative over the line's approved unit refunds, so a line refunded in steps returns exactly
 * what it redeemed. Runs after the line rows were updated (locked) in this transaction, so
 * simultaneous approvals on one line see each other.
 */
async function returnRedeemedPoints(db: Db, refundId: string, userId: string, kind: RefundKind): Promise<void> {
  if (kind === 'cancel' || kind === 'price_adjustment') return;
  const lines = await rows<{ quantity: number; line_quantity: number; points_fen: number; before: number }>(
    db,
    sql`
    select rl.quantity, ol.quantity as line_quantity, ol.points_fen,
      coalesce((select sum(p.quantity) from refund_lines p join refunds r on r.id = p.refund_id
        where p.order_line_id = rl.order_line_id and p.refund_id <> rl.refund_id
          and r.status = 'refunded' and r.kind in ${UNIT_REFUNDS}), 0)::int as before
    from refund_lines rl join order_lines ol on ol.id = rl.order_line_id
    where rl.refund_id = ${refundId} and ol.points_fen > 0`,
  );
  const points = lines.reduce((sum, l) => sum + proratedAmount(l.points_fen, l.line_quantity, l.before, l.quantity), 0);
  await addPoints(db, userId, points, `redeem_returned:${refundId}`, 'redeem_returned');
}

/**
 * Fresh produce that arrived damaged is compensated at 150 % of what the units paid: the refund
 * returns 100 % in money, and the extra 50 % is store credit, as points (100 points = 1 yuan).
 */
async function compensateFreshProduce(db: Db, refundId: string, userId: string): Promise<void> {
  const fresh = await one<{ fen: number }>(
    db,
    sql`
    select coalesce(sum(rl.amount_fen), 0)::int as fen
    from refund_lines rl join order_lines ol on ol.id = rl.order_line_id join products p on p.id = ol.product_id
    where rl.refund_id = ${refundId} and p.category = 'fresh'`,
  );
  await addPoints(db, userId, Math.floor((fresh?.fen ?? 0) / 2), `compensation:${refundId}`, 'compensation');
}

/** Releases the units a rejected after-sales request had claimed. */
export async function rejectRefund(db: Db, refundId: string, note?: string): Promise<RefundResult> {
  const refund = await one<{ amount_fen: number }>(
    db,
    sql`
    update refunds set status = 'rejected', decided_at = now(), note = coalesce(${note ?? null}, note)
    where id = ${refundId} and status = 'requested' returning amount_fen`,
  );
  if (!refund) {
    const exists = await one<{ status: string }>(db, sql`select status from refunds where id = ${refundId}`);
    if (!exists) throw notFound('Refund');
    throw invalidState(`The refund is already ${exists.status}`);
  }
  await exec(
    db,
    sql`
    update order_lines ol set refund_quantity = ol.refund_quantity - rl.quantity
    from refund_lines rl where rl.refund_id = ${refundId} and rl.order_line_id = ol.id`,
  );
  return { id: refundId, status: 'rejected', amountFen: refund.amount_fen };
}

/**
 * The payments that paid an order: its own, or its payment group's (named by the group's first
 * order, decision 032).
 */
export const paymentOrderOf = (orderId: SQL) =>
  sql`coalesce((select g.first_order_id from orders og join payment_groups g on g.id = og.payment_group_id where og.id = ${orderId}), ${orderId})`;

/**
 * Queues the money back to the customer through the provider that took the payment — an order of
 * a pickup day through its group's one payment. What an order gets back through a payment is
 * capped by the order's total, so a group's payment, whose orders' totals add up to it, never
 * returns more than it took.
 */
export async function refundThroughProvider(
  db: Db,
  input: { orderId: string; refundId: string | null; amountFen: number; paymentId?: string },
) {
  const payment = await one<{ id: string; provider: string; pr_id: string | null }>(
    db,
    sql`
    with p as (
      select id, provider from payments where order_id = ${paymentOrderOf(sql`${input.orderId}::uuid`)}
        and ${input.paymentId ? sql`id = ${input.paymentId}` : sql`status = 'succeeded'`}
      order by succeeded_at limit 1),
    pr as (
      insert into provider_refunds (payment_id, order_id, refund_id, amount_fen)
      select p.id, ${input.orderId}, ${input.refundId}, ${input.amountFen} from p
      where ${input.amountFen} + (select coalesce(sum(r.amount_fen), 0) from provider_refunds r
          where r.payment_id = p.id and r.order_id = ${input.orderId})
        <= (select total_fen from orders where id = ${input.orderId})
      returning id)
    select p.id, p.provider, (select id from pr) as pr_id from p`,
  );
  if (!payment) throw invalidState('The order has no successful payment to refund');
  if (!payment.pr_id)
    throw limitExceeded('That is more than the order paid', { orderId: input.orderId, amountFen: input.amountFen });
  await enqueue(db, 'payment.refund', { providerRefundId: payment.pr_id, provider: payment.provider });
}

/**
 * Amount-based refunds (kind price_adjustment) for lines whose unit price fell after they were
 * bought — the group-tier difference at cutoff. For every line of the given deals in a paid or
 * later order whose unit price is above the deal's final price, in a few set-based statements:
 * the line records price_adjusted_fen = floor(paid × (unit − final) / unit) (the difference
 * prorated over the line's discounts, campaigns/rules.priceAdjustmentFen) and keeps its units
 * (refund_quantity untouched, a refund_lines row with quantity 0); one refund per order, already
 * refunded, with its provider refund and customer notification in the outbox. Later unit refunds
 * prorate over paid − price_adjusted (createRefund), so nothing is ever returned twice.
 * Lines already adjusted are skipped, and the business key group-tier:<orderId> refunds an
 * order once, so a retry changes nothing. No commission exists yet at cutoff (it is booked at
 * pickup on paid − refunded, which already excludes the adjustment). Call inside a transaction.
 */
export async function refundPriceDifferences(
  db: Db,
  input: { items: { campaignItemId: string; finalPriceFen: number }[]; reason: string; businessKeyPrefix: string },
): Promise<{ refunds: number; amountFen: number }> {
  if (!input.items.length) return { refunds: 0, amountFen: 0 };
  const finals = sql.join(
    input.items.map((i) => sql`(${i.campaignItemId}::uuid, ${i.finalPriceFen}::int)`),
    sql`, `,
  );
  await exec(db, sql`drop table if exists price_adjustments`);
  // payout: what the adjustment returns now. Units already claimed (r of Q) by refunds priced over
  // the full paid keep what they got; later unit refunds are priced over paid − adjustment, so the
  // payout is adjustment − floor(paid·r/Q) + floor((paid − adjustment)·r/Q): the whole adjustment
  // when r = 0 (the normal case at cutoff), 0 when r = Q, and everything together returns paid.
  await exec(
    db,
    sql`
    create temp table price_adjustments on commit drop as
    select a.line_id, a.order_id, a.user_id, a.adjusted,
      a.adjusted - (a.paid * a.claimed) / a.quantity + ((a.paid - a.adjusted) * a.claimed) / a.quantity as payout
    from (
      select l.id as line_id, l.order_id, o.user_id, l.paid_fen::bigint as paid, l.quantity::bigint as quantity,
        l.refund_quantity::bigint as claimed,
        (l.paid_fen::bigint * (l.unit_price_fen - f.final_price)) / l.unit_price_fen as adjusted
      from (values ${finals}) as f(item_id, final_price)
      join order_lines l on l.campaign_item_id = f.item_id
      join orders o on o.id = l.order_id
      where o.status in ('paid', 'closed', 'ready', 'completed') and l.unit_price_fen > f.final_price
        and l.price_adjusted_fen = 0 and l.refund_quantity < l.quantity
    ) a where a.adjusted > 0`,
  );
  const done = await one<{ refunds: number; amount_fen: number }>(
    db,
    sql`
    with lines as (
      update order_lines l set price_adjusted_fen = a.adjusted, refunded_fen = l.refunded_fen + a.payout
      from price_adjustments a where l.id = a.line_id and l.price_adjusted_fen = 0
      returning l.id, l.order_id, a.user_id, a.payout),
    r as (
      insert into refunds (order_id, user_id, kind, reason, status, amount_fen, business_key, decided_at)
      select order_id, user_id, 'price_adjustment', ${input.reason}, 'refunded', sum(payout)::int, ${input.businessKeyPrefix} || order_id::text, now()
      from lines group by order_id, user_id having sum(payout) > 0
      returning id, order_id, user_id, amount_fen),
    rl as (
      insert into refund_lines (refund_id, order_line_id, quantity, amount_fen)
      select r.id, lines.id, 0, lines.payout from r join lines on lines.order_id = r.order_id returning 1),
    ord as (
      update orders o set refunded_fen = o.refunded_fen + r.amount_fen from r where o.id = r.order_id
      returning o.id, o.user_id, o.region_id, o.pickup_point_id),
    refund_event as (
      insert into behaviour_events (id, at, type, source, user_id, region_id, pickup_point_id, order_id)
      select gen_random_uuid(), now(), 'refunded', 'server', user_id, region_id, pickup_point_id, id from ord returning 1),
    -- an order's own payment, or its payment group's (named by the group's first order)
    pay as (
      select distinct on (r.order_id) p.id, r.order_id, p.provider
      from r join orders o on o.id = r.order_id left join payment_groups g on g.id = o.payment_group_id
        join payments p on p.order_id = coalesce(g.first_order_id, o.id)
      where p.status = 'succeeded' order by r.order_id, p.succeeded_at),
    pr as (
      insert into provider_refunds (payment_id, order_id, refund_id, amount_fen)
      select pay.id, r.order_id, r.id, r.amount_fen from r join pay on pay.order_id = r.order_id returning id, payment_id),
    pr_job as (
      insert into outbox (topic, payload)
      select 'payment.refund', jsonb_build_object('providerRefundId', pr.id, 'provider', pay.provider)
      from pr join pay on pay.id = pr.payment_id returning 1),
    note as (
      insert into outbox (topic, payload)
      select 'notify.customer', jsonb_build_object('userId', r.user_id, 'kind', 'refund', 'orderId', r.order_id, 'refundId', r.id,
        'refundKind', 'price_adjustment', 'reason', ${input.reason}::text, 'amountFen', r.amount_fen)
      from r returning 1)
    select (select count(*) from r)::int as refunds, coalesce((select sum(amount_fen) from r), 0)::int as amount_fen,
      (select count(*) from rl) + (select count(*) from ord) + (select count(*) from pr_job) + (select count(*) from note) as written`,
  );
  return { refunds: done?.refunds ?? 0, amountFen: done?.amount_fen ?? 0 };
}

/**
 * Refunds each line's units that will never come, as approved shortages (the line marked short),
 * one refund per line under `<keyPrefix>:<line>` so nothing is refunded twice; answers the count
 * and the total. Lines in (order, line) order, so concurrent callers lock orders in one order.
 */
export async function refundShortLines(
  tx: Db,
  lines: readonly { id: string; order_id: string; short: number }[],
  why: { note: string; keyPrefix: string },
): Promise<{ count: number; amountFen: number }> {
  let amountFen = 0;
  for (const line of lines) {
    const refund = await createRefund(
      tx,
      {
        orderId: line.order_id,
        kind: 'shortage',
        reason: 'shortage',
        note: why.note,
        lines: [{ lineId: line.id, quantity: line.short }],
        businessKey: `${why.keyPrefix}:${line.id}`,
      },
      { approve: true, lineStatus: 'short' },
    );
    amountFen += refund.amountFen;
  }
  return { count: lines.length, amountFen };
}
