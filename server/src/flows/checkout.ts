import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { one, rows, type Db } from '../db/client.js';
import { couponUnavailable, invalidState, limitExceeded, outOfStock, validation } from '../lib/errors.js';
import { newPickupCode, orderNumber } from '../lib/ids.js';
import { iso } from '../lib/time.js';
import { priceOrder, PricingError, type FullReductionRule, type PricedOrder } from '../modules/pricing/rules.js';
import { activeFullReductionsJson, usableCoupon } from '../modules/promotions/service.js';
import type { OrderView } from '../modules/orders/service.js';
import { groupBuyersSql } from '../modules/campaigns/service.js';
import { priceAtBuyers, type GroupTier } from '../modules/campaigns/rules.js';
import type { HeldReservations } from './reservations.js';

export interface CheckoutInput {
  pickupPointId: string;
  items: { campaignItemId: string; quantity: number }[];
  couponId?: string;
  pointsToUse?: number;
}

interface ItemRow {
  /** group-tier deals: the tiers and the distinct paying buyers right now (price at the current tier) */
  group_tiers: GroupTier[] | null; group_buyers: number | null;
  id: string; campaign_id: string; product_id: string; price_fen: number; member_price_fen: number | null; quota: number | null;
  sold: number; per_customer_limit: number | null; sale_open: boolean; is_flash: boolean; product_name: string; unit: string; list_price_fen: number; category: string;
  campaign_status: string; campaign_open: boolean; region_id: string;
}

interface BuyerColumns {
  buyer_name: string; buyer_phone: string;
  is_member: boolean; points_balance: number; point_exists: boolean; full_reductions: FullReductionRule[] | null;
}

interface Prepared {
  priced: PricedOrder;
  items: (ItemRow & BuyerColumns)[];
  campaignId: string;
  regionId: string;
}

/** Loads what pricing needs and checks the order may be placed now; writes nothing. */
async function prepare(db: Db, userId: string, input: CheckoutInput): Promise<Prepared> {
  const ids = input.items.map((i) => i.campaignItemId);
  if (new Set(ids).size !== ids.length) throw validation('Each deal may appear once per order', { field: 'items' });
  // One round trip: the deals with their product and campaign, each row also carrying the buyer's
  // membership, points, pickup point check and the running full-reduction rules.
  const items = await rows<ItemRow & BuyerColumns>(db, sql`
      select ci.id, ci.campaign_id, ci.product_id, ci.price_fen, ci.member_price_fen, ci.quota, ci.sold, ci.per_customer_limit,
        ci.group_tiers, case when ci.group_tiers is not null then ${groupBuyersSql(sql`ci.id`)} end as group_buyers,
        (ci.sale_starts_at is null or ci.sale_starts_at <= now()) as sale_open, ci.sale_starts_at is not null as is_flash, p.list_price_fen, p.category,
        p.name as product_name, p.unit,
        c.status as campaign_status, (c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now()) as campaign_open, c.region_id,
        b.is_member, b.points_balance, b.point_exists, b.full_reductions, b.buyer_name, b.buyer_phone
      from campaign_items ci join products p on p.id = ci.product_id join campaigns c on c.id = ci.campaign_id
      cross join (
        select coalesce(membership_until > now(), false) as is_member, points_balance, name as buyer_name, phone as buyer_phone,
          exists (select 1 from pickup_points where id = ${input.pickupPointId}) as point_exists,
          (${activeFullReductionsJson}) as full_reductions
        from users where id = ${userId}) b
      where ci.id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  if (items.length !== ids.length) {
    throw validation('Unknown deal', { campaignItemIds: ids.filter((i) => !items.some((r) => r.id === i)) });
  }
  const buyer = items[0];
  if (!buyer.point_exists) throw validation('Unknown pickup point', { field: 'pickupPointId' });
  const campaignId = items[0].campaign_id;
  if (items.some((i) => i.campaign_id !== campaignId)) throw validation('All deals of an order must come from one campaign', { field: 'items' });
  if (!items[0].campaign_open) throw invalidState('This campaign is not open for orders (cut off or not started)');
  const notOnSale = items.filter((i) => !i.sale_open);
  if (notOnSale.length) throw invalidState('This deal is not on sale yet', { campaignItemIds: notOnSale.map((i) => i.id) });

  const fullReductions = buyer.full_reductions ?? [];
  const coupon = input.couponId ? await usableCoupon(db, userId, input.couponId) : null;
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
      fullReductions,
      coupon,
      pointsRequested: input.pointsToUse ?? 0,
      pointsBalance: buyer.points_balance,
    });
    return { priced, items, campaignId, regionId: items[0].region_id };
  } catch (err) {
    if (err instanceof PricingError) {
      throw err.code === 'COUPON_UNAVAILABLE' ? couponUnavailable(err.message) : validation(err.message);
    }
    throw err;
  }
}

/** The priced order as the customer would get it now; nothing is written. */
export async function quote(db: Db, userId: string, input: CheckoutInput) {
  const { priced } = await prepare(db, userId, input);
  return {
    ...priced,
    lines: priced.lines.map(({ key, ...line }) => ({ campaignItemId: key, ...line })),
  };
}

/**
 * Places an order in the caller's transaction and returns it. Every scarce thing is taken by a
 * conditional write — deal quota, the per-customer limit, the coupon, the points — so
 * simultaneous orders can never oversell or double-spend; any refusal throws and rolls
 * everything back. The deal reservations come last, just before the commit, so hot deal rows
 * stay locked for as short a time as possible.
 */
export interface PlaceOrderOptions {
  unpaidExpiryMinutes: number;
  /** an order holding a flash deal (秒杀) expires sooner, so unpaid units return to sale quickly */
  flashUnpaidExpiryMinutes: number;
}

/**
 * `held`: units of flash deals already taken outside this transaction (flows/reservations.ts);
 * such a line consumes its reservation row instead of touching the hot deal row.
 */
export async function placeOrder(db: Db, userId: string, input: CheckoutInput, opts: PlaceOrderOptions, held?: HeldReservations): Promise<OrderView> {
  const { priced, items, campaignId, regionId } = await prepare(db, userId, input);
  const byId = new Map(items.map((i) => [i.id, i]));
  const orderId = randomUUID();
  const paidNow = priced.totalFen === 0; // fully covered by coupon and points: nothing to pay
  const expiryMinutes = items.some((i) => i.is_flash) ? opts.flashUnpaidExpiryMinutes : opts.unpaidExpiryMinutes;
  const ordered = [...input.items].sort((a, b) => a.campaignItemId.localeCompare(b.campaignItemId));
  const reserved = ordered.filter((l) => held?.byItem.has(l.campaignItemId));
  const direct = ordered.filter((l) => !held?.byItem.has(l.campaignItemId));
  const limited = ordered.filter((l) => byId.get(l.campaignItemId)!.per_customer_limit !== null);
  const values = <T>(list: T[], row: (x: T) => SQL, empty: SQL) => (list.length ? sql`values ${sql.join(list.map(row), sql`, `)}` : empty);

  // One atomic statement takes everything scarce with conditional writes and writes the order:
  // the campaign row FOR KEY SHARE (checkouts run side by side; the cutoff's FOR UPDATE waits for
  // them, so an order is committed before the cutoff or refused), the deal rows in id order (two
  // multi-deal orders cannot deadlock), flash reservations, per-customer holdings, the coupon and
  // the points. linli_check aborts the whole statement — nothing written — when any of them failed.
  let row: { order: { seq: number; created_at: unknown; expires_at: unknown; paid_at: unknown; pickup_code: string | null }; lines: { id: string; campaign_item_id: string }[] } | undefined;
  try {
    row = await one(db, sql`
      with campaign as (
        select id from campaigns where id = ${campaignId} and status = 'open' and cutoff_at > now() for key share),
      direct (item_id, quantity) as (${values(direct, (l) => sql`(${l.campaignItemId}::uuid, ${l.quantity}::int)`, sql`select null::uuid, 0 where false`)}),
      locked as (
        select ci.id from campaign_items ci where ci.id in (select item_id from direct) and exists (select 1 from campaign)
        order by ci.id for no key update),
      taken as (
        update campaign_items ci set sold = ci.sold + d.quantity from direct d
        where ci.id = d.item_id and ci.id in (select id from locked) and (ci.quota is null or ci.sold + d.quantity <= ci.quota)
        returning ci.id),
      consumed as (
        delete from reservations r
        using (${values(reserved, (l) => sql`(${held!.byItem.get(l.campaignItemId)}::uuid, ${l.campaignItemId}::uuid, ${l.quantity}::int)`, sql`select null::uuid, null::uuid, 0 where false`)}) v (id, item_id, quantity)
        where r.id = v.id and r.campaign_item_id = v.item_id and r.quantity = v.quantity and exists (select 1 from campaign)
        returning r.id),
      limits (item_id, quantity, per_customer) as (${values(limited, (l) => sql`(${l.campaignItemId}::uuid, ${l.quantity}::int, ${byId.get(l.campaignItemId)!.per_customer_limit}::int)`, sql`select null::uuid, 0, 0 where false`)}),
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
        select ${orderId}::uuid, v.* from (values ${sql.join(priced.lines.map((x) => sql`(${x.key}::uuid, ${byId.get(x.key)!.product_id}::uuid,
          ${x.quantity}::int, ${x.listPriceFen}::int, ${x.unitPriceFen}::int, ${x.memberDiscountFen}::int, ${x.fullReductionFen}::int,
          ${x.couponFen}::int, ${x.pointsFen}::int, ${x.discountFen}::int, ${x.paidFen}::int)`), sql`, `)}) as v
        where exists (select 1 from o)
        returning id, campaign_item_id)
      select
        linli_check(exists (select 1 from campaign), 'INVALID_STATE', null)
        + linli_check((select count(*) from holdings) = ${limited.length},
            'LIMIT_EXCEEDED', (select item_id::text from limits where item_id not in (select campaign_item_id from holdings) limit 1))
        + linli_check(${priced.couponId}::uuid is null or exists (select 1 from coupon), 'COUPON_UNAVAILABLE', null)
        + linli_check(${priced.pointsUsed}::int = 0 or exists (select 1 from points), 'POINTS', null)
        + linli_check((select count(*) from consumed) = ${reserved.length}, 'OUT_OF_STOCK',
            (select item_id::text from (${values(reserved, (x) => sql`(${x.campaignItemId}::uuid)`, sql`select null::uuid where false`)}) r (item_id) limit 1))
        + linli_check((select count(*) from taken) = ${direct.length},
            'OUT_OF_STOCK', (select item_id::text from direct where item_id not in (select id from taken) limit 1)) as checks,
        (select row_to_json(o) from o) as "order", (select json_agg(l) from l) as lines`);
  } catch (err) {
    throw refusal(err, byId) ?? err;
  }
  for (const x of reserved) held!.consumed.add(held!.byItem.get(x.campaignItemId)!);
  const lineIds = new Map(row!.lines.map((x) => [x.campaign_item_id, x.id]));
  const buyer = items[0];
  return {
    id: orderId, number: orderNumber(row!.order.seq), kind: 'goods', status: paidNow ? 'paid' : 'pending_payment', campaignId,
    pickupPointId: input.pickupPointId,
    lines: priced.lines.map((x) => {
      const item = byId.get(x.key)!;
      return {
        id: lineIds.get(x.key)!, campaignItemId: x.key, productId: item.product_id, productName: item.product_name, unit: item.unit,
        quantity: x.quantity, listPriceFen: x.listPriceFen, unitPriceFen: x.unitPriceFen, memberDiscountFen: x.memberDiscountFen,
        fullReductionFen: x.fullReductionFen, couponFen: x.couponFen, pointsFen: x.pointsFen, discountFen: x.discountFen,
        paidFen: x.paidFen, refundedFen: 0, refundQuantity: 0, status: 'pending' as const, pickedUpAt: null,
      };
    }).sort((a, b) => (a.productName === b.productName ? a.id.localeCompare(b.id) : a.productName < b.productName ? -1 : 1)),
    subtotalFen: priced.subtotalFen, memberDiscountFen: priced.memberDiscountFen, fullReductionFen: priced.fullReductionFen,
    couponFen: priced.couponFen, couponId: priced.couponId, pointsUsed: priced.pointsUsed, pointsFen: priced.pointsFen,
    totalFen: priced.totalFen, refundedFen: 0, paidAt: iso(row!.order.paid_at), pickupCode: row!.order.pickup_code,
    expiresAt: iso(row!.order.expires_at)!, createdAt: iso(row!.order.created_at)!,
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
