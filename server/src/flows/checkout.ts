import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import { couponUnavailable, invalidState, limitExceeded, outOfStock, validation } from '../lib/errors.js';
import { newPickupCode } from '../lib/ids.js';
import { priceOrder, PricingError, type FullReductionRule, type PricedOrder } from '../modules/pricing/rules.js';
import { activeFullReductionsJson, spendCoupon, usableCoupon } from '../modules/promotions/service.js';
import { spendPoints } from '../modules/accounts/points.js';
import { loadOrder, type OrderView } from '../modules/orders/service.js';
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
  sold: number; per_customer_limit: number | null; sale_open: boolean; is_flash: boolean; list_price_fen: number; category: string;
  campaign_status: string; campaign_open: boolean; region_id: string;
}

interface BuyerColumns {
  is_member: boolean; points_balance: number; point_exists: boolean; full_reductions: FullReductionRule[] | null;
}

interface Prepared {
  priced: PricedOrder;
  items: ItemRow[];
  campaignId: string;
  regionId: string;
}

/** Loads what pricing needs and checks the order may be placed now; writes nothing. */
async function prepare(db: Db, userId: string, input: CheckoutInput, opts: { lockCampaign?: boolean } = {}): Promise<Prepared> {
  const ids = input.items.map((i) => i.campaignItemId);
  if (new Set(ids).size !== ids.length) throw validation('Each deal may appear once per order', { field: 'items' });
  // One round trip: the deals with their product and campaign, each row also carrying the buyer's
  // membership, points, pickup point check and the running full-reduction rules. When placing an
  // order the campaign row is held FOR KEY SHARE: checkouts run side by side, but the cutoff's
  // FOR UPDATE waits for them and later ones see the campaign cut off — so an order is either
  // committed before the cutoff (which then counts or cancels it) or refused.
  const items = await rows<ItemRow & BuyerColumns>(db, sql`
      select ci.id, ci.campaign_id, ci.product_id, ci.price_fen, ci.member_price_fen, ci.quota, ci.sold, ci.per_customer_limit,
        ci.group_tiers, case when ci.group_tiers is not null then ${groupBuyersSql(sql`ci.id`)} end as group_buyers,
        (ci.sale_starts_at is null or ci.sale_starts_at <= now()) as sale_open, ci.sale_starts_at is not null as is_flash, p.list_price_fen, p.category,
        c.status as campaign_status, (c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now()) as campaign_open, c.region_id,
        b.is_member, b.points_balance, b.point_exists, b.full_reductions
      from campaign_items ci join products p on p.id = ci.product_id join campaigns c on c.id = ci.campaign_id
      cross join (
        select coalesce(membership_until > now(), false) as is_member, points_balance,
          exists (select 1 from pickup_points where id = ${input.pickupPointId}) as point_exists,
          (${activeFullReductionsJson}) as full_reductions
        from users where id = ${userId}) b
      where ci.id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
      ${opts.lockCampaign ? sql`for key share of c` : sql``}`);
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
export async function placeOrder(tx: Db, userId: string, input: CheckoutInput, opts: PlaceOrderOptions, held?: HeldReservations): Promise<OrderView> {
  const { priced, items, campaignId, regionId } = await prepare(tx, userId, input, { lockCampaign: true });
  const byId = new Map(items.map((i) => [i.id, i]));
  const orderId = randomUUID();
  const paidNow = priced.totalFen === 0; // fully covered by coupon and points: nothing to pay
  await exec(tx, sql`
    with o as (
      insert into orders (id, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, member_discount_fen,
        full_reduction_fen, full_reduction_id, coupon_fen, coupon_id, points_used, points_fen, total_fen, expires_at, paid_at, pickup_code)
      values (${orderId}, ${userId}, ${regionId}, ${campaignId}, ${input.pickupPointId}, ${paidNow ? 'paid' : 'pending_payment'},
        ${priced.subtotalFen}, ${priced.memberDiscountFen}, ${priced.fullReductionFen}, ${priced.fullReductionId}, ${priced.couponFen},
        ${priced.couponId}, ${priced.pointsUsed}, ${priced.pointsFen}, ${priced.totalFen},
        now() + make_interval(mins => ${items.some((i) => i.is_flash) ? opts.flashUnpaidExpiryMinutes : opts.unpaidExpiryMinutes}), ${paidNow ? sql`now()` : null}, ${paidNow ? newPickupCode() : null})
      returning id)
    insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, member_discount_fen,
      full_reduction_fen, coupon_fen, points_fen, discount_fen, paid_fen)
    select o.id, v.* from o, (values ${sql.join(priced.lines.map((l) => sql`(${l.key}::uuid, ${byId.get(l.key)!.product_id}::uuid,
      ${l.quantity}::int, ${l.listPriceFen}::int, ${l.unitPriceFen}::int, ${l.memberDiscountFen}::int, ${l.fullReductionFen}::int,
      ${l.couponFen}::int, ${l.pointsFen}::int, ${l.discountFen}::int, ${l.paidFen}::int)`), sql`, `)}) as v`);
  const order = (await loadOrder(tx, orderId))!;

  const lines = [...input.items].sort((a, b) => a.campaignItemId.localeCompare(b.campaignItemId));
  // The customer's own rows first (no other buyer waits on them) ...
  for (const line of lines) {
    const item = byId.get(line.campaignItemId)!;
    if (item.per_customer_limit === null) continue;
    const held = line.quantity <= item.per_customer_limit && await one(tx, sql`
      insert into customer_item_holdings (campaign_item_id, user_id, quantity) values (${item.id}, ${userId}, ${line.quantity})
      on conflict (campaign_item_id, user_id) do update set quantity = customer_item_holdings.quantity + excluded.quantity
        where customer_item_holdings.quantity + excluded.quantity <= ${item.per_customer_limit}
      returning 1 as ok`);
    if (!held) throw limitExceeded('More than the per-customer limit', { campaignItemId: item.id, limit: item.per_customer_limit });
  }
  if (priced.couponId && !(await spendCoupon(tx, userId, priced.couponId, orderId))) throw couponUnavailable('This coupon was just used');
  if (priced.pointsUsed > 0 && !(await spendPoints(tx, userId, priced.pointsUsed, `redeem:${orderId}`, 'redeem'))) {
    throw limitExceeded('Not enough points');
  }
  // ... and the shared deal rows last, in a fixed order (by deal id, so two multi-deal orders
  // cannot deadlock): every buyer of a hot deal queues on its row until this transaction commits.
  for (const line of lines) {
    const item = byId.get(line.campaignItemId)!;
    const reservationId = held?.byItem.get(item.id);
    if (reservationId) {
      // The units are already counted in `sold`; consuming the row makes them this order's. No row:
      // the stale-reservation job gave them back meanwhile.
      const consumed = await one(tx, sql`delete from reservations
        where id = ${reservationId} and campaign_item_id = ${item.id} and quantity = ${line.quantity} returning 1 as ok`);
      if (!consumed) throw outOfStock({ campaignItemId: item.id, remaining: Math.max(0, (item.quota ?? 0) - item.sold) });
      held!.consumed.add(reservationId);
      continue;
    }
    const reserved = await one(tx, sql`update campaign_items set sold = sold + ${line.quantity}
      where id = ${item.id} and (quota is null or sold + ${line.quantity} <= quota) returning 1 as ok`);
    if (!reserved) throw outOfStock({ campaignItemId: item.id, remaining: Math.max(0, (item.quota ?? 0) - item.sold) });
  }
  return order;
}
