import { sql } from 'drizzle-orm';
import { exec, pgArray, rows, type Db } from '../db/client.js';
import { coalesced } from '../lib/coalesce.js';
import {
  couponUnavailable,
  invalidState,
  limitExceeded,
  outOfStock,
  pointNotTargeted,
  pointOutsideRegion,
  validation,
} from '../lib/errors.js';
import { newPickupCode, orderNumber, timeOrderedUuid } from '../lib/ids.js';
import { iso } from '../lib/time.js';
import {
  chooseCoupon,
  priceOrder,
  PricingError,
  type PriceInput,
  type CouponRule,
  type FullReductionRule,
  type PricedOrder,
} from '../modules/pricing/rules.js';
import { activeFullReductionsJson, usableCoupon, usableCoupons } from '../modules/promotions/service.js';
import type { OrderView } from '../modules/orders/service.js';
import { groupBuyersSql } from '../modules/campaigns/service.js';
import { pointTargetedSql } from '../modules/campaigns/targets.js';
import { firstOrderCouponRefused } from '../modules/lifecycle/service.js';
import { priceAtBuyers, type GroupTier } from '../modules/campaigns/rules.js';
import type { RunningExperiment } from '../modules/experiments/rules.js';
import { experimentPriceFen, runningExperimentSql } from '../modules/experiments/service.js';

export interface CheckoutInput {
  pickupPointId: string;
  items: { campaignItemId: string; quantity: number }[];
  couponId?: string;
  pointsToUse?: number;
}

export interface ItemRow {
  /** group-tier deals: the tiers and the distinct paying buyers right now (price at the current tier) */
  group_tiers: GroupTier[] | null;
  group_buyers: number | null;
  id: string;
  campaign_id: string;
  product_id: string;
  price_fen: number;
  member_price_fen: number | null;
  quota: number | null;
  sold: number;
  per_customer_limit: number | null;
  sale_open: boolean;
  is_flash: boolean;
  product_name: string;
  unit: string;
  list_price_fen: number;
  category: string;
  campaign_status: string;
  campaign_open: boolean;
  region_id: string;
  pickup_date: string;
  /** the region's pickup hours [from, until] (HH:MM), shown with the order */
  pickup_window: [string, string];
  /** the A/B experiment running on the deal, if any (decision 048); read by checkout only */
  experiment?: RunningExperiment | null;
  /** the buyer and the order's pickup point, the units an experiment splits by (checkout only) */
  buyer_id?: string;
  order_point_id?: string;
}

export interface BuyerColumns {
  buyer_name: string;
  buyer_phone: string;
  is_member: boolean;
  points_balance: number;
  point_exists: boolean;
  /** the pickup point is in the deal's campaign's region (a customer collects in her own city) */
  point_in_region: boolean;
  /** the deal's campaign is offered at the pickup point: it targets no route or point, or this point or its route */
  point_targeted: boolean;
  full_reductions: FullReductionRule[] | null;
}

export interface Prepared {
  priced: PricedOrder;
  items: (ItemRow & BuyerColumns)[];
  campaignId: string;
  regionId: string;
}

/**
 * A deal with its product and campaign, as pricing and the order write need it (aliases ci, p, c).
 * Not its group buyers: PostgreSQL costs a subquery even where a CASE never runs it, and that
 * count's estimate grows with the order history until every checkout read was JIT-compiled
 * (decision 019); withGroupBuyers counts them for the group-tier deals alone.
 */
export const itemColumns = sql`ci.id, ci.campaign_id, ci.product_id, ci.price_fen, ci.member_price_fen, ci.quota, ci.sold, ci.per_customer_limit,
  ci.group_tiers, null::int as group_buyers,
  (ci.sale_starts_at is null or ci.sale_starts_at <= now()) as sale_open, ci.sale_starts_at is not null as is_flash, p.list_price_fen, p.category,
  p.name as product_name, p.unit,
  c.status as campaign_status, (c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now()) as campaign_open, c.region_id,
  c.pickup_date::text as pickup_date, (select array[rg.pickup_from, rg.pickup_until] from regions rg where rg.id = c.region_id) as pickup_window`;

/**
 * Fills in the distinct paying buyers of the group-tier deals among `items`, in one statement over
 * those deals only; without such a deal nothing is asked. Per deal it is an index range of that
 * deal's lines (order_lines_item_idx), so its cost follows the deal's own orders, not the history.
 */
export async function withGroupBuyers<T extends Pick<ItemRow, 'id' | 'group_tiers' | 'group_buyers'>>(
  db: Db,
  items: T[],
): Promise<T[]> {
  const tiered = [...new Set(items.filter((i) => i.group_tiers).map((i) => i.id))];
  if (!tiered.length) return items;
  const counts = await rows<{ id: string; buyers: number }>(
    db,
    sql`select t.id, ${groupBuyersSql(sql`t.id`)} as buyers from unnest(${pgArray(tiered)}::uuid[]) as t (id)`,
  );
  const byId = new Map(counts.map((c) => [c.id, c.buyers]));
  for (const item of items) if (item.group_tiers) item.group_buyers = byId.get(item.id) ?? 0;
  return items;
}

/** Loads what pricing needs and checks the order may be placed now; writes nothing. */
export async function prepare(db: Db, userId: string, input: CheckoutInput): Promise<Prepared> {
  const [prepared] = await prepareAll(db, [{ userId, input }], { numbered: false });
  if (prepared instanceof Error) throw prepared;
  return prepared;
}

/** What the read assigns an order before it is written: its number and the database's clock. */
export interface Numbered {
  seq: number;
  now: string;
}

/** An Idempotency-Key sent with an order, and the hash of the request it came with. */
export interface OrderKey {
  key: string;
  requestHash: string;
}

/**
 * The order's Idempotency-Key was used before (a retry, or a reuse with another request): the
 * key-first transaction (lib/idempotency.ts) answers it with the stored order or a conflict.
 */
export class KeyAlreadyUsed extends Error {}

/** `prepare` for several orders in one round trip (plus one per coupon): each priced order or its refusal. */
async function prepareAll(
  db: Db,
  orders: { userId: string; input: CheckoutInput; key?: OrderKey }[],
  { numbered = true } = {},
): Promise<((Prepared & Numbered) | Error)[]> {
  const found = await readOrders(db, orders, numbered);
  return Promise.all(
    orders.map(async ({ userId, input }, i) => {
      try {
        const ids = input.items.map((l) => l.campaignItemId);
        if (new Set(ids).size !== ids.length)
          throw validation('Each deal may appear once per order', { field: 'items' });
        if (found[i].keyUsed) throw new KeyAlreadyUsed();
        let coupon: CouponRule | null = null;
        if (input.couponId) {
          checkOrderable(found[i].items, input); // its refusals come before the coupon's
          coupon = await usableCoupon(db, userId, input.couponId);
        }
        return { ...priceCheckout(found[i].items, input, coupon), seq: found[i].seq, now: found[i].now };
      } catch (err) {
        if (err instanceof Error) return err;
        throw err;
      }
    }),
  );
}

/**
 * One statement: the deals of every order with their product and campaign, each row also carrying
 * its buyer's membership, points, pickup point check and the running full-reduction rules; per
 * order an order number (unless only a quote is wanted), whether its Idempotency-Key was used
 * before, and the database's clock.
 */
export async function readOrders(
  db: Db,
  orders: { userId: string; input: CheckoutInput; key?: OrderKey }[],
  numbered: boolean,
) {
  const wanted = orders.flatMap(({ input }, i) => input.items.map((l) => ({ n: i + 1, id: l.campaignItemId })));
  const found = await rows<ItemRow & BuyerColumns & { n: number; seq: number; key_used: boolean; now: string }>(
    db,
    sql`
    with r as materialized (
      select *, case when ${numbered}::boolean then nextval(pg_get_serial_sequence('orders', 'seq')) end as seq
      from unnest(${pgArray(orders.map((o) => o.userId))}::uuid[], ${pgArray(orders.map((o) => o.input.pickupPointId))}::uuid[],
        ${pgArray(orders.map((o) => o.key?.key ?? null))}::text[]) with ordinality as r (user_id, pickup_point_id, key, n)),
    w as (select * from unnest(${pgArray(wanted.map((w) => w.n))}::int[], ${pgArray(wanted.map((w) => w.id))}::uuid[]) as w (n, item_id))
    select r.n, r.seq, now()::text as now, ${itemColumns}, coalesce(u.membership_until > now(), false) as is_member, u.points_balance,
      u.name as buyer_name, u.phone as buyer_phone, exists (select 1 from pickup_points where id = r.pickup_point_id) as point_exists,
      exists (select 1 from pickup_points where id = r.pickup_point_id and region_id = c.region_id) as point_in_region,
      ${pointTargetedSql(sql`c.id`, sql`r.pickup_point_id`)} as point_targeted,
      f.full_reductions, ${runningExperimentSql(sql`ci.id`)} as experiment, r.user_id::text as buyer_id,
      r.pickup_point_id::text as order_point_id,
      r.key is not null and exists (select 1 from idempotency_keys i where i.user_id = r.user_id and i.scope = 'order' and i.key = r.key) as key_used
    from w join r on r.n = w.n join users u on u.id = r.user_id
      join campaign_items ci on ci.id = w.item_id join products p on p.id = ci.product_id join campaigns c on c.id = ci.campaign_id
      cross join (select (${activeFullReductionsJson}) as full_reductions) f`,
  );
  await withGroupBuyers(db, found);
  const perOrder = orders.map(() => ({ items: [] as (ItemRow & BuyerColumns)[], seq: 0, keyUsed: false, now: '' }));
  for (const row of found) {
    const o = perOrder[Number(row.n) - 1];
    o.items.push(row);
    Object.assign(o, { seq: row.seq, keyUsed: row.key_used, now: row.now });
  }
  return perOrder;
}

/** Checks an order against its loaded deals and buyer and prices it (pure; throws the API's errors). */
export function priceCheckout(
  items: (ItemRow & BuyerColumns)[],
  input: CheckoutInput,
  coupon: CouponRule | null,
): Prepared {
  checkOrderable(items, input);
  const buyer = items[0];
  try {
    const priced = priceOrder({ ...priceInputOf(items, input), coupon });
    return { priced, items, campaignId: buyer.campaign_id, regionId: buyer.region_id };
  } catch (err) {
    if (err instanceof PricingError) {
      throw err.code === 'COUPON_UNAVAILABLE' ? couponUnavailable(err.message) : validation(err.message);
    }
    throw err;
  }
}

/** What pricing takes of an order's loaded deals and buyer (without its coupon). */
export function priceInputOf(items: (ItemRow & BuyerColumns)[], input: CheckoutInput): Omit<PriceInput, 'coupon'> {
  const buyer = items[0];
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    lines: input.items.map((l) => {
      const item = byId.get(l.campaignItemId)!;
      return {
        key: item.id,
        quantity: l.quantity,
        memberPriceFen: item.member_price_fen,
        // the price is the server's: the deal's, at its group tier, or the buyer's arm of a running
        // experiment, decided on the row read here from who is signed in and where the order is collected
        unitPriceFen: item.group_tiers
          ? priceAtBuyers(item.price_fen, item.group_tiers, item.group_buyers ?? 0)
          : item.experiment && item.buyer_id && item.order_point_id
            ? experimentPriceFen(
                item.experiment,
                { userId: item.buyer_id, pickupPointId: item.order_point_id },
                item.price_fen,
              )
            : item.price_fen,
        listPriceFen: item.list_price_fen,
        category: item.category,
      };
    }),
    isMember: buyer.is_member,
    fullReductions: buyer.full_reductions ?? [],
    pointsRequested: input.pointsToUse ?? 0,
    pointsBalance: buyer.points_balance,
  };
}

/**
 * The order priced with each coupon the customer holds (nothing written), and the one leaving the
 * least to pay: the shop pre-selects it and shows the others greyed with how much is missing, so a
 * customer can never pick a coupon the order would refuse. Priced by the same rules and the same
 * read as the order itself.
 */
export async function couponChoices(db: Db, userId: string, input: Omit<CheckoutInput, 'couponId' | 'pointsToUse'>) {
  const [{ items }, coupons] = await Promise.all([prepare(db, userId, input), usableCoupons(db, userId)]);
  return chooseCoupon(priceInputOf(items, input), coupons);
}

/** The refusals that do not depend on money: unknown deal or pickup point, closed campaign, deal not on sale yet. */
function checkOrderable(items: (ItemRow & BuyerColumns)[], input: CheckoutInput) {
  const ids = input.items.map((i) => i.campaignItemId);
  if (items.length !== ids.length) {
    throw validation('Unknown deal', { campaignItemIds: ids.filter((i) => !items.some((r) => r.id === i)) });
  }
  if (!items[0].point_exists) throw validation('Unknown pickup point', { field: 'pickupPointId' });
  const campaignId = items[0].campaign_id;
  if (items.some((i) => i.campaign_id !== campaignId))
    throw validation('All deals of an order must come from one campaign', { field: 'items' });
  if (!items[0].point_in_region) throw pointOutsideRegion();
  if (!items[0].point_targeted) throw pointNotTargeted();
  if (!items[0].campaign_open) throw invalidState('This campaign is not open for orders (cut off or not started)');
  const notOnSale = items.filter((i) => !i.sale_open);
  if (notOnSale.length)
    throw invalidState('This deal is not on sale yet', { campaignItemIds: notOnSale.map((i) => i.id) });
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
 * Places an order and returns it. Every scarce thing is taken by a conditional write — deal
 * quota, the per-customer limit, the coupon, the points — so simultaneous orders can never
 * oversell or double-spend; any refusal aborts the write and nothing is written.
 *
 * Orders arriving together are placed together (lib/coalesce): one read prices them all, one
 * statement writes them all. If anything in that statement is refused, each order is tried alone,
 * so the refusal reaches only its own order. One customer's orders never share a batch, so each
 * of them sees what the previous one took.
 */
export const placeOrder = (
  db: Db,
  userId: string,
  input: CheckoutInput,
  opts: PlaceOrderOptions,
  key?: OrderKey,
): Promise<OrderView> => placeOrders(db, { userId, input, opts, key });

export interface OrderRequest {
  userId: string;
  input: CheckoutInput;
  opts: PlaceOrderOptions;
  key?: OrderKey;
}

const placeOrders = coalesced<OrderRequest, OrderView>(
  async (db, requests) => {
    const prepared = await prepareAll(db, requests);
    const placeable = requests.flatMap((request, i) => {
      const p = prepared[i];
      return p instanceof Error ? [] : [{ ...request, prepared: p }];
    });
    const views = placeable.length ? await writeOrders(db, placeable) : [];
    let k = 0;
    return prepared.map((p) => (p instanceof Error ? p : views[k++]));
  },
  { key: (r) => r.userId, max: 100 },
);

/**
 * Writes priced orders in one atomic statement that takes everything scarce with conditional
 * writes: the campaign rows FOR KEY SHARE (checkouts run side by side; the cutoff's FOR UPDATE
 * waits for them, so an order is committed before the cutoff or refused), the deal rows in id
 * order (two writes cannot deadlock), per-customer holdings, coupons and points. linli_check
 * aborts the whole statement — nothing written — when any of them failed. A flash deal's row is
 * hot: the batched lane (flows/flash-lane.ts) sells most of its units; the orders it does not take
 * (coupons, points, several deals) take their units here. Each order is complete before the write
 * (number and clock from the read), so its Idempotency-Key is stored in the same statement with
 * the answer a retry gets. Everything travels as JSON parameters: one prepared statement.
 */
/** The payment group a day's orders are written with (decision 032). */
export interface PaymentGroupRow {
  id: string;
  userId: string;
  pickupPointId: string;
  pickupDate: string;
  firstOrderId: string;
  totalFen: number;
  createdAt: string;
  expiresAt: string;
}

const groupRow = (g: PaymentGroupRow) => ({
  id: g.id,
  user_id: g.userId,
  pickup_point_id: g.pickupPointId,
  pickup_date: g.pickupDate,
  first_order_id: g.firstOrderId,
  total_fen: g.totalFen,
  created_at: g.createdAt,
  expires_at: g.expiresAt,
});

export async function writeOrders(
  db: Db,
  orders: (OrderRequest & { prepared: Prepared & Numbered; orderId?: string })[],
  group?: PaymentGroupRow,
): Promise<OrderView[]> {
  const views = orders.map(({ input, opts, prepared, orderId }) => {
    // fully covered by coupon and points: nothing to pay (a day's orders are paid together, so by the day's total)
    const paid = (group ? group.totalFen : prepared.priced.totalFen) === 0;
    const expiryMinutes = prepared.items.some((i) => i.is_flash)
      ? opts.flashUnpaidExpiryMinutes
      : opts.unpaidExpiryMinutes;
    const createdAt = iso(prepared.now)!;
    return orderView(prepared, input, {
      id: orderId ?? timeOrderedUuid(),
      seq: prepared.seq,
      lineIds: new Map(prepared.priced.lines.map((l) => [l.key, timeOrderedUuid()])),
      paidAt: paid ? createdAt : null,
      pickupCode: paid ? newPickupCode() : null,
      createdAt,
      expiresAt: group?.expiresAt ?? new Date(Date.parse(createdAt) + expiryMinutes * 60_000).toISOString(),
    });
  });
  const rowsOf = orders.map(({ userId, key, prepared: { priced, campaignId, regionId, seq } }, i) => ({
    id: views[i].id,
    seq,
    user_id: userId,
    region_id: regionId,
    campaign_id: campaignId,
    pickup_point_id: views[i].pickupPointId,
    status: views[i].status,
    paid_at: views[i].paidAt,
    pickup_code: views[i].pickupCode,
    created_at: views[i].createdAt,
    expires_at: views[i].expiresAt,
    subtotal_fen: priced.subtotalFen,
    member_discount_fen: priced.memberDiscountFen,
    full_reduction_fen: priced.fullReductionFen,
    full_reduction_id: priced.fullReductionId,
    coupon_fen: priced.couponFen,
    coupon_id: priced.couponId,
    // a day's coupon is taken (and recorded) by its first order; the others carry its id for their share
    coupon_holder: !group || views[i].id === group.firstOrderId,
    payment_group_id: group?.id ?? null,
    points_used: priced.pointsUsed,
    points_fen: priced.pointsFen,
    total_fen: priced.totalFen,
    key: key?.key ?? null,
    request_hash: key?.requestHash ?? null,
    response: key ? views[i] : null,
  }));
  const lines = views.flatMap((v) =>
    v.lines.map((x) => ({
      id: x.id,
      order_id: v.id,
      campaign_item_id: x.campaignItemId,
      product_id: x.productId,
      quantity: x.quantity,
      list_price_fen: x.listPriceFen,
      unit_price_fen: x.unitPriceFen,
      member_discount_fen: x.memberDiscountFen,
      full_reduction_fen: x.fullReductionFen,
      coupon_fen: x.couponFen,
      points_fen: x.pointsFen,
      discount_fen: x.discountFen,
      paid_fen: x.paidFen,
    })),
  );
  const limits = orders.flatMap(({ userId, input, prepared: { items } }) =>
    input.items.flatMap((l) => {
      const perCustomer = items.find((it) => it.id === l.campaignItemId)!.per_customer_limit;
      return perCustomer === null
        ? []
        : [{ item_id: l.campaignItemId, user_id: userId, quantity: l.quantity, per_customer: perCustomer }];
    }),
  );
  try {
    await exec(
      db,
      sql`
      with x as (
        select * from json_to_recordset(${JSON.stringify(rowsOf)}::json) as x (id uuid, seq bigint, user_id uuid, region_id uuid,
          campaign_id uuid, pickup_point_id uuid, status text, paid_at timestamptz, pickup_code text, created_at timestamptz,
          expires_at timestamptz, subtotal_fen int, member_discount_fen int, full_reduction_fen int, full_reduction_id uuid, coupon_fen int,
          coupon_id uuid, coupon_holder boolean, payment_group_id uuid, points_used int, points_fen int, total_fen int, key text,
          request_hash text, response jsonb)),
      xl as (
        select * from json_to_recordset(${JSON.stringify(lines)}::json) as xl (id uuid, order_id uuid, campaign_item_id uuid, product_id uuid,
          quantity int, list_price_fen int, unit_price_fen int, member_discount_fen int, full_reduction_fen int, coupon_fen int,
          points_fen int, discount_fen int, paid_fen int)),
      campaign as (
        select id from campaigns where id in (select campaign_id from x) and status = 'open' and cutoff_at > now()
        order by id for key share),
      direct as (select campaign_item_id as item_id, sum(quantity)::int as quantity from xl group by campaign_item_id),
      locked as (
        select ci.id from campaign_items ci where ci.id in (select item_id from direct) and ci.campaign_id in (select id from campaign)
        order by ci.id for no key update),
      taken as (
        update campaign_items ci set sold = ci.sold + d.quantity from direct d
        where ci.id = d.item_id and ci.id in (select id from locked) and (ci.quota is null or ci.sold + d.quantity <= ci.quota)
        returning ci.id),
      limits as (
        select * from json_to_recordset(${JSON.stringify(limits)}::json) as lm (item_id uuid, user_id uuid, quantity int, per_customer int)),
      holdings as (
        insert into customer_item_holdings (campaign_item_id, user_id, quantity)
        select item_id, user_id, quantity from limits where quantity <= per_customer and exists (select 1 from campaign)
        on conflict (campaign_item_id, user_id) do update set quantity = customer_item_holdings.quantity + excluded.quantity
          where customer_item_holdings.quantity + excluded.quantity <= (select per_customer from limits
            where item_id = customer_item_holdings.campaign_item_id and user_id = customer_item_holdings.user_id)
        returning campaign_item_id),
      coupon as (
        update coupons c set status = 'used', order_id = x.id, used_at = now()
        from x where c.id = x.coupon_id and x.coupon_holder and c.user_id = x.user_id and c.status = 'available'
          -- a first-order coupon, checked where it is spent: an order placed meanwhile makes this one not the first
          and not ${firstOrderCouponRefused(sql`c`, sql`x.user_id`, sql`x.id`)}
        returning c.id),
      -- per customer: a day's orders take their points from one balance together
      points as (
        update users u set points_balance = u.points_balance - s.points_used
        from (select user_id, sum(points_used)::int as points_used from x where points_used > 0 group by user_id) s
        where u.id = s.user_id and u.points_balance >= s.points_used returning u.id),
      points_entry as (
        insert into points_entries (user_id, delta_points, reason, business_key)
        select user_id, -points_used, 'redeem', 'redeem:' || id from x where points_used > 0 and user_id in (select id from points)
        returning 1),
      grp as (
        insert into payment_groups (id, user_id, pickup_point_id, pickup_date, first_order_id, total_fen, created_at, expires_at)
        select * from json_to_recordset(${JSON.stringify(group ? [groupRow(group)] : [])}::json) as g (id uuid, user_id uuid,
          pickup_point_id uuid, pickup_date date, first_order_id uuid, total_fen int, created_at timestamptz, expires_at timestamptz)
        where exists (select 1 from campaign)
        returning 1),
      o as (
        insert into orders (id, seq, user_id, region_id, campaign_id, pickup_point_id, payment_group_id, status, subtotal_fen,
          member_discount_fen, full_reduction_fen, full_reduction_id, coupon_fen, coupon_id, points_used, points_fen, total_fen, created_at,
          expires_at, paid_at, pickup_code)
        select id, seq, user_id, region_id, campaign_id, pickup_point_id, payment_group_id, status, subtotal_fen, member_discount_fen,
          full_reduction_fen, full_reduction_id, coupon_fen, coupon_id, points_used, points_fen, total_fen, created_at, expires_at, paid_at,
          pickup_code
        from x where campaign_id in (select id from campaign)
        returning id),
      l as (
        insert into order_lines (id, order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, member_discount_fen,
          full_reduction_fen, coupon_fen, points_fen, discount_fen, paid_fen)
        select * from xl where order_id in (select id from o)
        returning 1),
      -- an order with nothing to pay is paid as it is placed: the funnel's last step (decision 045)
      paid_event as (
        insert into behaviour_events (id, at, type, source, user_id, region_id, pickup_point_id, order_id)
        select gen_random_uuid(), now(), 'paid', 'server', user_id, region_id, pickup_point_id, id
        from x where paid_at is not null and id in (select id from o)
        returning 1),
      k as (
        insert into idempotency_keys (user_id, scope, key, request_hash, status_code, response)
        select user_id, 'order', key, request_hash, 201, response from x where key is not null and id in (select id from o)
        returning 1)
      select
        linli_check((select count(*) from campaign) = (select count(distinct campaign_id) from x), 'INVALID_STATE', null)
        + linli_check((select count(*) from holdings) = (select count(*) from limits),
            'LIMIT_EXCEEDED', (select item_id::text from limits where item_id not in (select campaign_item_id from holdings) limit 1))
        + linli_check((select count(*) from coupon) = (select count(coupon_id) from x where coupon_holder), 'COUPON_UNAVAILABLE', null)
        + linli_check((select count(*) from points) = (select count(distinct user_id) from x where points_used > 0), 'POINTS', null)
        + linli_check((select count(*) from taken) = (select count(*) from direct),
            'OUT_OF_STOCK', (select item_id::text from direct where item_id not in (select id from taken) limit 1)) as checks`,
    );
  } catch (err) {
    // Alone, an order gets the refusal it caused; in a batch, the caller retries each order alone.
    // A day's orders are one customer's, written alone: the refusal is theirs too.
    const alone = orders.length === 1 || group;
    throw (alone && refusal(err, new Map(orders.flatMap((o) => o.prepared.items).map((i) => [i.id, i])))) || err;
  }
  return views;
}

/** The new order as the API shows it, from what checkout priced and what the write assigned. */
export function orderView(
  { priced, items, campaignId }: Prepared,
  input: CheckoutInput,
  o: {
    id: string;
    seq: number;
    lineIds: Map<string, string>;
    paidAt: string | null;
    pickupCode: string | null;
    expiresAt: string;
    createdAt: string;
  },
): OrderView {
  const byId = new Map(items.map((i) => [i.id, i]));
  const buyer = items[0];
  return {
    id: o.id,
    number: orderNumber(o.seq),
    kind: 'goods',
    status: o.paidAt ? 'paid' : 'pending_payment',
    campaignId,
    pickupPointId: input.pickupPointId,
    lines: priced.lines
      .map((x) => {
        const item = byId.get(x.key)!;
        return {
          id: o.lineIds.get(x.key)!,
          campaignItemId: x.key,
          productId: item.product_id,
          productName: item.product_name,
          unit: item.unit,
          quantity: x.quantity,
          listPriceFen: x.listPriceFen,
          unitPriceFen: x.unitPriceFen,
          memberDiscountFen: x.memberDiscountFen,
          fullReductionFen: x.fullReductionFen,
          couponFen: x.couponFen,
          pointsFen: x.pointsFen,
          discountFen: x.discountFen,
          paidFen: x.paidFen,
          refundedFen: 0,
          refundQuantity: 0,
          status: 'pending' as const,
          pickedUpAt: null,
        };
      })
      .sort((a, b) =>
        a.productName === b.productName ? a.id.localeCompare(b.id) : a.productName < b.productName ? -1 : 1,
      ),
    subtotalFen: priced.subtotalFen,
    memberDiscountFen: priced.memberDiscountFen,
    fullReductionFen: priced.fullReductionFen,
    couponFen: priced.couponFen,
    couponId: priced.couponId,
    pointsUsed: priced.pointsUsed,
    pointsFen: priced.pointsFen,
    totalFen: priced.totalFen,
    refundedFen: 0,
    paidAt: o.paidAt,
    pickupCode: o.pickupCode,
    expiresAt: o.expiresAt,
    createdAt: o.createdAt,
    customer: { name: buyer.buyer_name, phone: buyer.buyer_phone },
    pickupDate: buyer.pickup_date,
    pickupFrom: buyer.pickup_window[0],
    pickupUntil: buyer.pickup_window[1],
  };
}

/** The refusal a failed linli_check stands for, as the API error it means. */
function refusal(err: unknown, items: Map<string, ItemRow>): Error | undefined {
  const e = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string; detail?: string };
  if (e.code !== 'P0001') return undefined;
  const itemId = e.detail || undefined;
  const item = itemId ? items.get(itemId) : undefined;
  switch (e.message) {
    case 'INVALID_STATE':
      return invalidState('This campaign is not open for orders (cut off or not started)');
    case 'OUT_OF_STOCK':
      return outOfStock({ campaignItemId: itemId, remaining: item ? Math.max(0, (item.quota ?? 0) - item.sold) : 0 });
    case 'LIMIT_EXCEEDED':
      return limitExceeded('More than the per-customer limit', {
        campaignItemId: itemId,
        limit: item?.per_customer_limit,
      });
    case 'COUPON_UNAVAILABLE':
      return couponUnavailable('This coupon was just used');
    case 'POINTS':
      return limitExceeded('Not enough points');
    default:
      return undefined;
  }
}
