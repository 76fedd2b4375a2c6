import type { AuthUser, Role } from '../../lib/auth.js';
import { covers, regionScope } from '../../lib/region-scope.js';
import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../../db/client.js';
import { orderNumber } from '../../lib/ids.js';
import { maskPhone } from '../../lib/phone.js';
import { keyset, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { iso } from '../../lib/time.js';
import { onOrderCompleted } from '../members/service.js';

export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'closed' | 'ready' | 'completed';
export type LineStatus = 'pending' | 'allocated' | 'short' | 'arrived' | 'picked_up' | 'refunded';

export interface OrderLineView {
  id: string;
  campaignItemId: string;
  productId: string;
  productName: string;
  unit: string;
  quantity: number;
  listPriceFen: number;
  unitPriceFen: number;
  memberDiscountFen: number;
  fullReductionFen: number;
  couponFen: number;
  pointsFen: number;
  discountFen: number;
  paidFen: number;
  refundedFen: number;
  refundQuantity: number;
  status: LineStatus;
  pickedUpAt: string | null;
}

/** What a checkout priced: an order's figures, and a pickup day's (the sums of its orders'). */
export interface PriceFigures {
  subtotalFen: number;
  memberDiscountFen: number;
  fullReductionFen: number;
  couponFen: number;
  couponId: string | null;
  pointsUsed: number;
  pointsFen: number;
  totalFen: number;
}

export interface OrderView extends PriceFigures {
  id: string;
  number: string;
  kind: string;
  status: OrderStatus;
  campaignId: string | null;
  pickupPointId: string | null;
  lines: OrderLineView[];
  refundedFen: number;
  paidAt: string | null;
  pickupCode: string | null;
  expiresAt: string;
  createdAt: string;
  customer: { name: string; phone: string };
  /** a goods order's pickup day and the local hours (HH:MM, its region's) of collection; in views read back, not in a checkout's answer */
  pickupDate?: string;
  pickupFrom?: string;
  pickupUntil?: string;
}

interface OrderRow {
  id: string;
  seq: number;
  kind: string;
  status: OrderStatus;
  campaign_id: string | null;
  pickup_point_id: string | null;
  subtotal_fen: number;
  member_discount_fen: number;
  full_reduction_fen: number;
  coupon_fen: number;
  coupon_id: string | null;
  points_used: number;
  points_fen: number;
  total_fen: number;
  refunded_fen: number;
  paid_at: unknown;
  pickup_code: string | null;
  expires_at: unknown;
  created_at: unknown;
  customer_name: string;
  customer_phone: string;
  lines: OrderLineView[] | null;
  pickup: { date: string; from: string; until: string } | null;
}

/** Orders are listed newest first; `seq` (unique) orders those created at the same instant. */
export const ORDER_KEYSET = keyset('orders', [sql`o.created_at`, 'time'], [sql`o.seq`, 'int']);

/**
 * A page of orders with their lines in one query (lines aggregated as JSON), newest first.
 * `maskPhones` for leaders, who never see a customer's full number.
 */
export async function loadOrderPage(
  db: Db,
  where: ReturnType<typeof sql>,
  page: PageRequest,
  opts: { maskPhones?: boolean } = {},
): Promise<Page<OrderView>> {
  const p = pageSql(ORDER_KEYSET, page);
  const found = pageOf(ORDER_KEYSET, page, await queryOrders(db, where, p));
  return { items: found.items.map((o) => orderView(o, opts)), nextCursor: found.nextCursor };
}

function queryOrders(db: Db, where: ReturnType<typeof sql>, p: ReturnType<typeof pageSql>) {
  return rows<OrderRow>(
    db,
    sql`
    select o.id, o.seq, o.kind, o.status, o.campaign_id, o.pickup_point_id, o.subtotal_fen, o.member_discount_fen,
      o.full_reduction_fen, o.coupon_fen, o.coupon_id, o.points_used, o.points_fen, o.total_fen, o.refunded_fen,
      o.paid_at, o.pickup_code, o.expires_at, o.created_at, u.name as customer_name, u.phone as customer_phone,
      -- the product of each line by its key (a lateral probe): joined, the generic plan hashes the
      -- whole catalogue once per order of the page
      (select json_agg(json_build_object(
          'id', l.id, 'campaignItemId', l.campaign_item_id, 'productId', l.product_id, 'productName', p.name, 'unit', p.unit,
          'quantity', l.quantity, 'listPriceFen', l.list_price_fen, 'unitPriceFen', l.unit_price_fen,
          'memberDiscountFen', l.member_discount_fen, 'fullReductionFen', l.full_reduction_fen, 'couponFen', l.coupon_fen,
          'pointsFen', l.points_fen, 'discountFen', l.discount_fen, 'paidFen', l.paid_fen, 'refundedFen', l.refunded_fen,
          'refundQuantity', l.refund_quantity, 'status', l.status, 'pickedUpAt', l.picked_up_at) order by p.name, l.id)
        from order_lines l cross join lateral (
          select pr.name, pr.unit from products pr where pr.id = l.product_id offset 0) p
        where l.order_id = o.id) as lines,
      (select json_build_object('date', c.pickup_date::text, 'from', rg.pickup_from, 'until', rg.pickup_until)
        from campaigns c join regions rg on rg.id = c.region_id where c.id = o.campaign_id) as pickup,
      ${p.select}
    from orders o join users u on u.id = o.user_id
    where (${where}) and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
}

function orderView(o: OrderRow, opts: { maskPhones?: boolean }): OrderView {
  return {
    id: o.id,
    number: orderNumber(o.seq),
    kind: o.kind,
    status: o.status,
    campaignId: o.campaign_id,
    pickupPointId: o.pickup_point_id,
    lines: (o.lines ?? []).map((l) => ({ ...l, pickedUpAt: iso(l.pickedUpAt) })),
    subtotalFen: o.subtotal_fen,
    memberDiscountFen: o.member_discount_fen,
    fullReductionFen: o.full_reduction_fen,
    couponFen: o.coupon_fen,
    couponId: o.coupon_id,
    pointsUsed: o.points_used,
    pointsFen: o.points_fen,
    totalFen: o.total_fen,
    refundedFen: o.refunded_fen,
    paidAt: iso(o.paid_at),
    pickupCode: o.pickup_code,
    expiresAt: iso(o.expires_at)!,
    createdAt: iso(o.created_at)!,
    customer: { name: o.customer_name, phone: opts.maskPhones ? maskPhone(o.customer_phone) : o.customer_phone },
    ...(o.pickup ? { pickupDate: o.pickup.date, pickupFrom: o.pickup.from, pickupUntil: o.pickup.until } : {}),
  };
}

export async function loadOrder(
  db: Db,
  orderId: string,
  opts: { maskPhones?: boolean } = {},
): Promise<OrderView | undefined> {
  const [found] = await queryOrders(db, sql`o.id = ${orderId}`, pageSql(ORDER_KEYSET, { limit: 1, after: null }));
  return found && orderView(found, opts);
}

/**
 * An order in fulfilment is completed once no line is still waiting (every line picked up,
 * short or refunded). Called after pickups and refunds.
 */
export async function completeIfSettled(db: Db, orderId: string): Promise<boolean> {
  const done = await one(
    db,
    sql`
    update orders set status = 'completed', completed_at = now()
    where id = ${orderId} and status in ('closed', 'ready')
      and not exists (select 1 from order_lines l where l.order_id = ${orderId} and l.status in ('pending', 'allocated', 'arrived'))
    returning 1 as ok`,
  );
  // points, growth and the referral reward are earned on completion (goods received), once per order
  if (done) await onOrderCompleted(db, orderId);
  return !!done;
}

/** customers a search may name one by one; more means a broad search, answered from the newest orders */
const FEW_CUSTOMERS = 100;

/**
 * The console's order search by customer (phone prefix or part of the name) as a condition on
 * orders. The customers are found first: when they are few, their orders are read through
 * orders_user_idx; left to one statement, the planner would walk the newest orders testing each
 * customer, which for a rare match reads a year of orders.
 */
export async function customersMatching(db: Db, q: string): Promise<ReturnType<typeof sql>> {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from users where phone like ${q + '%'} or name like ${'%' + q + '%'} limit ${FEW_CUSTOMERS + 1}`,
  );
  if (found.length > FEW_CUSTOMERS)
    return sql`and o.user_id in (select id from users where phone like ${q + '%'} or name like ${'%' + q + '%'})`;
  return sql`and o.user_id = any(${pgArray(found.map((u) => u.id))}::uuid[])`;
}

/**
 * Staff of `roles` (an admin by default; the order readers of STAFF.ordersRead to read it) act on any
 * order of their regions as operators; an order of another region is theirs only as its customer (an
 * order never changes region, so this read decides it).
 */
export async function operatesOrder(
  db: Db,
  user: AuthUser,
  orderId: string,
  roles: readonly Role[] = ['admin'],
): Promise<boolean> {
  if (!user.roles.some((r) => roles.includes(r))) return false;
  const scope = regionScope(user);
  if (scope === null) return true;
  const order = await one<{ region_id: string }>(db, sql`select region_id from orders where id = ${orderId}`);
  return covers(scope, order?.region_id);
}
