import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../db/client.js';
import { couponUnavailable, invalidState, limitExceeded, outOfStock, validation } from '../lib/errors.js';
import { newPickupCode, orderNumber } from '../lib/ids.js';
import { iso } from '../lib/time.js';
import { priceOrder, PricingError, type CouponRule, type FullReductionRule, type PricedOrder } from '../modules/pricing/rules.js';
import { activeFullReductionsJson, usableCoupon } from '../modules/promotions/service.js';
import type { OrderView } from '../modules/orders/service.js';
import { groupBuyersSql } from '../modules/campaigns/service.js';
import { priceAtBuyers, type GroupTier } from '../modules/campaigns/rules.js';

export interface CheckoutInput {
  pickupPointId: string;
  items: { campaignItemId: string; quantity: number }[];
  couponId?: string;
  pointsToUse?: number;
}

export interface ItemRow {
  /** group-tier deals: the tiers and the distinct paying buyers right now (price at the current tier) */
  group_tiers: GroupTier[] | null; group_buyers: number | null;
  id: string; campaign_id: string; product_id: string; price_fen: number; member_price_fen: number | null; quota: number | null;
  sold: number; per_customer_limit: number | null; sale_open: boolean; is_flash: boolean; product_name: string; unit: string; list_price_fen: number; category: string;
  campaign_status: string; campaign_open: boolean; region_id: string;
}

export interface BuyerColumns {
  buyer_name: string; buyer_phone: string;
  is_member: boolean; points_balance: number; point_exists: boolean; full_reductions: FullReductionRule[] | null;
}

export interface Prepared {
  priced: PricedOrder;
  items: (ItemRow & BuyerColumns)[];
  campaignId: string;
  regionId: string;
}

/** A deal with its product and campaign, as pricing and the order write need it (aliases ci, p, c). */
export const itemColumns = sql`ci.id, ci.campaign_id, ci.product_id, ci.price_fen, ci.member_price_fen, ci.quota, ci.sold, ci.per_customer_limit,
  ci.group_tiers, case when ci.group_tiers is not null then ${groupBuyersSql(sql`ci.id`)} end as group_buyers,
  (ci.sale_starts_at is null or ci.sale_starts_at <= now()) as sale_open, ci.sale_starts_at is not null as is_flash, p.list_price_fen, p.category,
  p.name as product_name, p.unit,
  c.status as campaign_status, (c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now()) as campaign_open, c.region_id`;

/** Loads what pricing needs and checks the order may be placed now; writes nothing. */
export async function prepare(db: Db, userId: string, input: CheckoutInput): Promise<Prepared> {
  const ids = input.items.map((i) => i.campaignItemId);
  if (new Set(ids).size !== ids.length) throw validation('Each deal may appear once per order', { field: 'items' });
  // One round trip: the deals with their product and campaign, each row also carrying the buyer's
  // membership, points, pickup point check and the running full-reduction rules.
  const items = await rows<ItemRow & BuyerColumns>(db, sql`
      select ${itemColumns}, b.is_member, b.points_balance, b.point_exists, b.full_reductions, b.buyer_name, b.buyer_phone
      from campaign_items ci join products p on p.id = ci.product_id join campaigns c on c.id = ci.campaign_id
      cross join (
        select coalesce(membership_until > now(), false) as is_member, points_balance, name as buyer_name, phone as buyer_phone,
          exists (select 1 from pickup_points where id = ${input.pickupPointId}) as point_exists,
          (${activeFullReductionsJson}) as full_reductions
        from users where id = ${userId}) b
      where ci.id = any(${pgArray(ids)}::uuid[])`);
  let coupon: CouponRule | null = null;
  if (input.couponId) {
    checkOrderable(items, input); // its refusals come before the coupon's
    coupon = await usableCoupon(db, userId, input.couponId);
  }
  return priceCheckout(items, input, coupon);
}

/** Checks an order against its loaded deals and buyer and prices it (pure; throws the API's errors). */
export function priceCheckout(items: (ItemRow & BuyerColumns)[], input: CheckoutInput, coupon: CouponRule | null): Prepared {
  checkOrderable(items, input);
  const buyer = items[0];
  const byId = new Map(items.map((i) => [i.id, i]));
  try {
    const priced = priceOrder({
      lines: input.items.map((l) => {
        const item = byId.get(l.campaignItemId)!;
        return {
          key: item.id, quantity: l.quantity, memberPriceFen: item.member_price_fen,
          unitPriceFen: item.group_tiers ? priceAtBuyers(item.price_fen, item.group_tiers, item.group_buyers ?? 0) : item.price_fen,
          listPriceFen: item.list_price_fen, category: item.category,
        };
      }),
      isMember: buyer.is_member,
      fullReductions: buyer.full_reductions ?? [],
      coupon,
      pointsRequested: input.pointsToUse ?? 0,
      pointsBalance: buyer.points_balance,
    });
    return { priced, items, campaignId: buyer.campaign_id, regionId: buyer.region_id };
  } catch (err) {
    if (err instanceof PricingError) {
      throw err.code === 'COUPON_UNAVAILABLE' ? couponUnavailable(err.message) : validation(err.message);
    }
    throw err;
  }
}

/** The refusals that do not depend on money: unknown deal or pickup point, closed campaign, deal not on sale yet. */
function checkOrderable(items: (ItemRow & BuyerColumns)[], input: CheckoutInput) {
  const ids = input.items.map((i) => i.campaignItemId);
  if (items.length !== ids.length) {
    throw validation('Unknown deal', { campaignItemIds: ids.filter((i) => !items.some((r) => r.id === i)) });
  }
  if (!items[0].point_exists) throw validation('Unknown pickup point', { field: 'pickupPointId' });
  const campaignId = items[0].campaign_id;
  if (items.some((i) => i.campaign_id !== campaignId)) throw validation('All deals of an order must come from one campaign', { field: 'items' });
  if (!items[0].campaign_open) throw invalidState('This campaign is not open for orders (cut off or not started)');
  const notOnSale = items.filter((i) => !i.sale_open);
  if (notOnSale.length) throw invalidState('This deal is not on sale yet', { campaignItemIds: notOnSale.map((i) => i.id) });
}

/** The priced order as the customer would get it now; nothing is written. */
export async function quote(db: Db, userId: string, input: CheckoutInput) {
  const { priced } = await prepare(db, userId, input);
  return {
    ...priced,
    lines: priced.lines.map(({ key, ...line }) => ({ campaignItemId: key, ...line })),
  };
}

export interface PlaceOrderOptions {
  unpaidExpiryMinutes: number;
  /** an order holding a flash deal (秒杀) expires sooner, so unpaid units return to sale quickly */
  flashUnpaidExpiryMinutes: number;
}

/**
 * Places an order (one atomic statement) and returns it. Every scarce thing is taken by a
 * conditional write — deal quota, the per-customer limit, the coupon, the points — so
 * simultaneous orders can never oversell or double-spend; any refusal aborts the statement and
 * nothing is written.
 */
export async function placeOrder(db: Db, userId: string, input: CheckoutInput, opts: PlaceOrderOptions): Promise<OrderView> {
  const p = await prepare(db, userId, input);
  const { priced, items, campaignId, regionId } = p;
  const byId = new Map(items.map((i) => [i.id, i]));
  const orderId = randomUUID();
  const paidNow = priced.totalFen === 0; // fully covered by coupon and points: nothing to pay
  const expiryMinutes = items.some((i) => i.is_flash) ? opts.flashUnpaidExpiryMinutes : opts.unpaidExpiryMinutes;
  const direct = [...input.items].sort((a, b) => a.campaignItemId.localeCompare(b.campaignItemId));
  const limited = direct.filter((l) => byId.get(l.campaignItemId)!.per_customer_limit !== null);
  const column = <T>(list: T[], value: (x: T) => string | number) => pgArray(list.map(value));
  const lines = priced.lines;

  // One atomic statement takes everything scarce with conditional writes and writes the order:
  // the campaign row FOR KEY SHARE (checkouts run side by side; the cutoff's FOR UPDATE waits for
  // them, so an order is committed before the cutoff or refused), the deal rows in id order (two
  // multi-deal orders cannot deadlock), per-customer holdings, the coupon and
  // the points. linli_check aborts the whole statement — nothing written — when any of them failed.
  // A flash deal's row is hot: the batched lane (flows/flash-lane.ts) sells most of its units; the
  // orders it does not take (coupons, points, several deals) take their units here.
  // Every list travels as array parameters, so the text is the same for every order: one prepared
  // statement per connection, never re-parsed.
  let row: { order: { seq: number; created_at: unknown; expires_at: unknown; paid_at: unknown; pickup_code: string | null }; lines: { id: string; campaign_item_id: string }[] } | undefined;
  try {
    row = await one(db, sql`
      with campaign as (
        select id from campaigns where id = ${campaignId} and status = 'open' and cutoff_at > now() for key share),
      direct as (
        select * from unnest(${column(direct, (l) => l.campaignItemId)}::uuid[], ${column(direct, (l) => l.quantity)}::int[]) as d (item_id, quantity)),
      locked as (
        select ci.id from campaign_items ci where ci.id in (select item_id from direct) and exists (select 1 from campaign)
        order by ci.id for no key update),
      taken as (
        update campaign_items ci set sold = ci.sold + d.quantity from direct d
        where ci.id = d.item_id and ci.id in (select id from locked) and (ci.quota is null or ci.sold + d.quantity <= ci.quota)
        returning ci.id),
      limits as (
        select * from unnest(${column(limited, (l) => l.campaignItemId)}::uuid[], ${column(limited, (l) => l.quantity)}::int[],
          ${column(limited, (l) => byId.get(l.campaignItemId)!.per_customer_limit!)}::int[]) as x (item_id, quantity, per_customer)),
      holdings as (
        insert into customer_item_holdings (campaign_item_id, user_id, quantity)
        select item_id, ${userId}::uuid, quantity from limits where quantity <= per_customer and exists (select 1 from campaign)
        on conflict (campaign_item_id, user_id) do update set quantity = customer_item_holdings.quantity + excluded.quantity
          where customer_item_holdings.quantity + excluded.quantity
            <= (select per_customer from limits where item_id = customer_item_holdings.campaign_item_id)
        returning campaign_item_id),
      coupon as (
        update coupons set status = 'used', order_id = ${orderId}, used_at = now()
        where id = ${priced.couponId}::uuid and user_id = ${userId} and status = 'available' returning id),
      points as (
        update users set points_balance = points_balance - ${priced.pointsUsed}::int
        where ${priced.pointsUsed}::int > 0 and id = ${userId} and points_balance >= ${priced.pointsUsed}::int returning id),
      points_entry as (
        insert into points_entries (user_id, delta_points, reason, business_key)
        select id, -${priced.pointsUsed}::int, 'redeem', ${'redeem:' + orderId} from points returning 1),
      o as (
        insert into orders (id, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, member_discount_fen,
          full_reduction_fen, full_reduction_id, coupon_fen, coupon_id, points_used, points_fen, total_fen, expires_at, paid_at, pickup_code)
        select ${orderId}, ${userId}, ${regionId}, campaign.id, ${input.pickupPointId}, ${paidNow ? 'paid' : 'pending_payment'},
          ${priced.subtotalFen}, ${priced.memberDiscountFen}, ${priced.fullReductionFen}, ${priced.fullReductionId}, ${priced.couponFen},
          ${priced.couponId}, ${priced.pointsUsed}, ${priced.pointsFen}, ${priced.totalFen},
          now() + make_interval(mins => ${expiryMinutes}), ${paidNow ? sql`now()` : null}, ${paidNow ? newPickupCode() : null}
        from campaign
        returning seq, created_at, expires_at, paid_at, pickup_code),
      l as (
        insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, member_discount_fen,
          full_reduction_fen, coupon_fen, points_fen, discount_fen, paid_fen)
        select ${orderId}::uuid, v.* from unnest(${column(lines, (x) => x.key)}::uuid[], ${column(lines, (x) => byId.get(x.key)!.product_id)}::uuid[],
          ${column(lines, (x) => x.quantity)}::int[], ${column(lines, (x) => x.listPriceFen)}::int[], ${column(lines, (x) => x.unitPriceFen)}::int[],
          ${column(lines, (x) => x.memberDiscountFen)}::int[], ${column(lines, (x) => x.fullReductionFen)}::int[], ${column(lines, (x) => x.couponFen)}::int[],
          ${column(lines, (x) => x.pointsFen)}::int[], ${column(lines, (x) => x.discountFen)}::int[], ${column(lines, (x) => x.paidFen)}::int[]) as v
        where exists (select 1 from o)
        returning id, campaign_item_id)
      select
        linli_check(exists (select 1 from campaign), 'INVALID_STATE', null)
        + linli_check((select count(*) from holdings) = (select count(*) from limits),
            'LIMIT_EXCEEDED', (select item_id::text from limits where item_id not in (select campaign_item_id from holdings) limit 1))
        + linli_check(${priced.couponId}::uuid is null or exists (select 1 from coupon), 'COUPON_UNAVAILABLE', null)
        + linli_check(${priced.pointsUsed}::int = 0 or exists (select 1 from points), 'POINTS', null)
        + linli_check((select count(*) from taken) = (select count(*) from direct),
            'OUT_OF_STOCK', (select item_id::text from direct where item_id not in (select id from taken) limit 1)) as checks,
        (select row_to_json(o) from o) as "order", (select json_agg(l) from l) as lines`);
  } catch (err) {
    throw refusal(err, byId) ?? err;
  }
  const lineIds = new Map(row!.lines.map((x) => [x.campaign_item_id, x.id]));
  return orderView(p, input, {
    id: orderId, seq: row!.order.seq, lineIds, paidAt: iso(row!.order.paid_at), pickupCode: row!.order.pickup_code,
    expiresAt: iso(row!.order.expires_at)!, createdAt: iso(row!.order.created_at)!,
  });
}

/** The new order as the API shows it, from what checkout priced and what the write assigned. */
export function orderView(
  { priced, items, campaignId }: Prepared, input: CheckoutInput,
  o: { id: string; seq: number; lineIds: Map<string, string>; paidAt: string | null; pickupCode: string | null; expiresAt: string; createdAt: string },
): OrderView {
  const byId = new Map(items.map((i) => [i.id, i]));
  const buyer = items[0];
  return {
    id: o.id, number: orderNumber(o.seq), kind: 'goods', status: o.paidAt ? 'paid' : 'pending_payment', campaignId,
    pickupPointId: input.pickupPointId,
    lines: priced.lines.map((x) => {
      const item = byId.get(x.key)!;
      return {
        id: o.lineIds.get(x.key)!, campaignItemId: x.key, productId: item.product_id, productName: item.product_name, unit: item.unit,
        quantity: x.quantity, listPriceFen: x.listPriceFen, unitPriceFen: x.unitPriceFen, memberDiscountFen: x.memberDiscountFen,
        fullReductionFen: x.fullReductionFen, couponFen: x.couponFen, pointsFen: x.pointsFen, discountFen: x.discountFen,
        paidFen: x.paidFen, refundedFen: 0, refundQuantity: 0, status: 'pending' as const, pickedUpAt: null,
      };
    }).sort((a, b) => (a.productName === b.productName ? a.id.localeCompare(b.id) : a.productName < b.productName ? -1 : 1)),
    subtotalFen: priced.subtotalFen, memberDiscountFen: priced.memberDiscountFen, fullReductionFen: priced.fullReductionFen,
    couponFen: priced.couponFen, couponId: priced.couponId, pointsUsed: priced.pointsUsed, pointsFen: priced.pointsFen,
    totalFen: priced.totalFen, refundedFen: 0, paidAt: o.paidAt, pickupCode: o.pickupCode,
    expiresAt: o.expiresAt, createdAt: o.createdAt,
    customer: { name: buyer.buyer_name, phone: buyer.buyer_phone },
  };
}

/** The refusal a failed linli_check stands for, as the API error it means. */
function refusal(err: unknown, items: Map<string, ItemRow>): Error | undefined {
  const e = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string; detail?: string };
  if (e.code !== 'P0001') return undefined;
  const itemId = e.detail || undefined;
  const item = itemId ? items.get(itemId) : undefined;
  switch (e.message) {
    case 'INVALID_STATE': return invalidState('This campaign is not open for orders (cut off or not started)');
    case 'OUT_OF_STOCK': return outOfStock({ campaignItemId: itemId, remaining: item ? Math.max(0, (item.quota ?? 0) - item.sold) : 0 });
    case 'LIMIT_EXCEEDED': return limitExceeded('More than the per-customer limit', { campaignItemId: itemId, limit: item?.per_customer_limit });
    case 'COUPON_UNAVAILABLE': return couponUnavailable('This coupon was just used');
    case 'POINTS': return limitExceeded('Not enough points');
    default: return undefined;
  }
}
