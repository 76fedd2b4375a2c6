import { sql, type SQL } from 'drizzle-orm';
import { one, type Db } from '../db/client.js';
import { invalidState, notFound } from '../lib/errors.js';
import { unitsGivenBack } from '../lib/sold-out.js';
import { createRefund } from './refund.js';

/**
 * Cancels every order matching `condition` that is in `fromStatus`, and gives back what those
 * orders held — deal quota, per-customer holdings, the coupon, the points — in one set-based
 * statement (used for single cancels, the unpaid-expiry job and the cutoff alike).
 *
 * The deals that got units back are no longer sold out in this process's memory from here on;
 * `givenBack` collects them for the caller to clear once more after its commit, as an order
 * that read the deal between this statement and the commit may have marked it again.
 */
export async function cancelOrders(
  db: Db,
  condition: SQL,
  fromStatus: 'pending_payment' | 'paid',
  givenBack?: Set<string>,
): Promise<number> {
  const result = await one<{ n: number; items: string[] | null }>(
    db,
    sql`
    with cancelled as (
      update orders set status = 'cancelled', cancelled_at = now()
      where ${condition} and status = ${fromStatus}
      returning id, user_id, coupon_id, points_used, payment_group_id),
    held as (
      select l.campaign_item_id, o.user_id, sum(l.quantity)::int as quantity
      from order_lines l join cancelled o on o.id = l.order_id group by 1, 2),
    quota_back as (
      update campaign_items ci set sold = ci.sold - x.quantity
      from (select campaign_item_id, sum(quantity)::int as quantity from held group by 1) x
      where ci.id = x.campaign_item_id returning ci.id),
    holdings_back as (
      update customer_item_holdings h set quantity = h.quantity - held.quantity
      from held where h.campaign_item_id = held.campaign_item_id and h.user_id = held.user_id returning 1),
    -- a pickup day's coupon is recorded by its first order and comes back only once every order
    -- of the day is cancelled (decision 032); the other orders' rows are as this statement began
    coupons_back as (
      update coupons c set status = 'available', order_id = null, used_at = null
      from orders h where c.order_id = h.id and c.id = h.coupon_id
        and h.id in (select id from cancelled union
          select first_order_id from payment_groups where id in (select payment_group_id from cancelled))
        and not exists (select 1 from orders g where g.payment_group_id = h.payment_group_id and g.status <> 'cancelled'
          and g.id not in (select id from cancelled))
      returning 1),
    points_back as (
      insert into points_entries (user_id, delta_points, reason, business_key)
      select user_id, points_used, 'redeem_returned', 'redeem_returned:' || id from cancelled where points_used > 0
      on conflict (business_key) do nothing returning user_id, delta_points),
    balances_back as (
      update users u set points_balance = u.points_balance + p.points
      from (select user_id, sum(delta_points)::int as points from points_back group by 1) p
      where u.id = p.user_id returning 1),
    -- an unpaid order's WeChat Pay payments are closed at WeChat Pay, so nobody pays them any more
    -- (decision 063); one that is paid all the same is refunded on arrival
    payments_closed as (
      insert into outbox (topic, payload)
      select 'payment.close', jsonb_build_object('paymentId', p.id, 'provider', p.provider)
      from payments p where ${fromStatus === 'pending_payment' ? sql`true` : sql`false`} and p.order_id in (select id from cancelled)
        and p.provider = 'wechatpay' and p.status = 'pending' and p.closed_at is null
      returning 1)
    select (select count(*) from cancelled)::int as n, (select array_agg(id::text) from quota_back) as items,
      (select count(*) from quota_back) + (select count(*) from holdings_back) + (select count(*) from coupons_back)
      + (select count(*) from balances_back) + (select count(*) from payments_closed) as touched`,
  );
  const items = result?.items ?? [];
  unitsGivenBack(items);
  for (const id of items) givenBack?.add(id);
  return result?.n ?? 0;
}

/**
 * A customer's cancel: unpaid → cancelled; paid and the campaign still open → fully refunded
 * and cancelled; anything later → INVALID_STATE (after-sales is the way then). Returns the deals
 * that got units back, to clear from the sold-out memory again after the commit (cancelOrders).
 */
export async function cancelOrder(db: Db, orderId: string, userId: string | null): Promise<string[]> {
  const givenBack = new Set<string>();
  // An unpaid order of a pickup day is paid with the others of the day, so it is cancelled with
  // them. Its group is locked first, in id order, as a payment's notification locks it.
  const group = await one<{ payment_group_id: string | null; unpaid: boolean }>(
    db,
    sql`select payment_group_id, status = 'pending_payment' as unpaid from orders
    where id = ${orderId} and (${userId}::uuid is null or user_id = ${userId})`,
  );
  if (group?.payment_group_id && group.unpaid) {
    await one(
      db,
      sql`select count(*) from (select id from orders where payment_group_id = ${group.payment_group_id} order by id for update) g`,
    );
  }
  const order = await one<{ status: string; campaign_open: boolean; line_ids: string[]; quantities: number[] }>(
    db,
    sql`
    select o.status, (c.status = 'open' and c.cutoff_at > now()) as campaign_open,
      array(select id::text from order_lines where order_id = o.id order by id) as line_ids,
      array(select quantity - refund_quantity from order_lines where order_id = o.id order by id) as quantities
    from orders o join campaigns c on c.id = o.campaign_id
    where o.id = ${orderId} and (${userId}::uuid is null or o.user_id = ${userId}) for update of o`,
  );
  if (!order) throw notFound('Order');
  if (order.status === 'pending_payment') {
    const which = group?.payment_group_id ? sql`payment_group_id = ${group.payment_group_id}` : sql`id = ${orderId}`;
    await cancelOrders(db, which, 'pending_payment', givenBack);
    return [...givenBack];
  }
  if (order.status !== 'paid' || !order.campaign_open) {
    throw invalidState(
      `An order in status ${order.status} cannot be cancelled${order.status === 'paid' ? ' after the cutoff' : ''}`,
    );
  }
  const lines = order.line_ids
    .map((lineId, i) => ({ lineId, quantity: order.quantities[i] }))
    .filter((l) => l.quantity > 0);
  if (lines.length) {
    await createRefund(
      db,
      { orderId, kind: 'cancel', reason: 'customer_cancelled', lines, businessKey: `cancel:${orderId}` },
      { approve: true },
    );
  }
  await cancelOrders(db, sql`id = ${orderId}`, 'paid', givenBack);
  return [...givenBack];
}
