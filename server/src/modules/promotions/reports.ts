import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { iso } from '../../lib/time.js';
import type { PromotionStatus, Tier } from './service.js';

/**
 * Admin lists with usage reports. "Influenced" orders are the orders that applied the coupon or
 * promotion and were paid (paid or any later status, never cancelled); their figures come from
 * the orders themselves (orders.coupon_id / orders.full_reduction_id), so a coupon returned
 * after a full refund still counts for the order that used it, and refundedFen shows what went back.
 */
const INFLUENCED = sql.raw(`('paid', 'closed', 'ready', 'completed')`);

export interface CouponTemplateReport {
  id: string;
  name: string;
  kind: string;
  status: PromotionStatus;
  claimable: boolean;
  thresholdFen: number;
  discountFen: number | null;
  percentOffBps: number | null;
  maxDiscountFen: number | null;
  validFrom: string;
  validTo: string;
  perCustomerLimit: number;
  totalLimit: number | null;
  stackableWithFullReduction: boolean;
  createdAt: string;
  issued: number;
  available: number;
  used: number;
  expired: number;
  orders: number;
  discountGivenFen: number;
  gmvFen: number;
  refundedFen: number;
}

export async function couponTemplateReports(
  db: Db,
  filter: { status?: 'active' | 'paused' } = {},
): Promise<CouponTemplateReport[]> {
  const found = await rows<any>(
    db,
    sql`
    with listed as (
      select * from coupon_templates ${filter.status ? sql`where status = ${filter.status}` : sql``}
      order by created_at desc, id limit 500),
    held as (
      select c.template_id,
        count(*) filter (where c.status = 'available' and l.valid_to > now())::int as available,
        count(*) filter (where c.status = 'used')::int as used,
        count(*) filter (where c.status = 'expired' or (c.status = 'available' and l.valid_to <= now()))::int as expired
      from listed l join coupons c on c.template_id = l.id group by 1),
    influenced as (
      select c.template_id, count(*)::int as orders, sum(o.coupon_fen)::int as discount, sum(o.total_fen)::int as gmv,
        sum(o.refunded_fen)::int as refunded
      from listed l join coupons c on c.template_id = l.id join orders o on o.coupon_id = c.id
      where o.status in ${INFLUENCED} group by 1)
    select l.*, coalesce(h.available, 0) as available, coalesce(h.used, 0) as used, coalesce(h.expired, 0) as expired,
      coalesce(i.orders, 0) as orders, coalesce(i.discount, 0) as discount, coalesce(i.gmv, 0) as gmv, coalesce(i.refunded, 0) as refunded
    from listed l left join held h on h.template_id = l.id left join influenced i on i.template_id = l.id
    order by l.created_at desc, l.id`,
  );
  return found.map((t) => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    status: t.status,
    claimable: t.claimable,
    thresholdFen: t.threshold_fen,
    discountFen: t.discount_fen,
    percentOffBps: t.percent_off_bps,
    maxDiscountFen: t.max_discount_fen,
    validFrom: iso(t.valid_from)!,
    validTo: iso(t.valid_to)!,
    perCustomerLimit: t.per_customer_limit,
    totalLimit: t.total_limit,
    stackableWithFullReduction: t.stackable_with_full_reduction,
    createdAt: iso(t.created_at)!,
    issued: t.issued,
    available: t.available,
    used: t.used,
    expired: t.expired,
    orders: t.orders,
    discountGivenFen: t.discount,
    gmvFen: t.gmv,
    refundedFen: t.refunded,
  }));
}

export interface FullReductionReport {
  id: string;
  name: string;
  status: PromotionStatus;
  startsAt: string;
  endsAt: string;
  tiers: Tier[];
  categories: string[] | null;
  running: boolean;
  createdAt: string;
  orders: number;
  discountGivenFen: number;
  gmvFen: number;
  refundedFen: number;
  /**
   * 满减客单价提升: goods value per paid order (before any discount) of every order paid in the
   * window (so far), against the same hours of the 4 weeks before; null when the window is longer
   * than a week (its weekly shifts would overlap it) or not begun.
   */
  aov: {
    windowOrders: number;
    windowAovFen: number | null;
    baselineOrders: number;
    baselineAovFen: number | null;
    uplift: number | null;
  } | null;
}

/** The longest window whose AOV is compared with the same hours of the 4 weeks before. */
const AOV_WINDOW_DAYS = 7;

export async function fullReductionReports(
  db: Db,
  filter: { status?: 'active' | 'paused' } = {},
): Promise<FullReductionReport[]> {
  const found = await rows<any>(
    db,
    sql`
    with listed as (
      select * from full_reduction_promotions ${filter.status ? sql`where status = ${filter.status}` : sql``}
      order by created_at desc, id limit 500),
    influenced as (
      select o.full_reduction_id as id, count(*)::int as orders, sum(o.full_reduction_fen)::int as discount,
        sum(o.total_fen)::int as gmv, sum(o.refunded_fen)::int as refunded
      from orders o where o.full_reduction_id in (select id from listed) and o.status in ${INFLUENCED} group by 1),
    -- the window up to now and its shifts by 1 to 4 weeks back (orders_goods_paid_idx)
    compared as (
      select id, starts_at as from_at, least(ends_at, now()) as to_at from listed
      where starts_at < now() and ends_at - starts_at <= make_interval(days => ${AOV_WINDOW_DAYS})),
    aov as (
      select c.id, count(*) filter (where w = 0)::int as window_orders,
        coalesce(sum(o.subtotal_fen) filter (where w = 0), 0)::bigint as window_goods,
        count(*) filter (where w > 0)::int as baseline_orders,
        coalesce(sum(o.subtotal_fen) filter (where w > 0), 0)::bigint as baseline_goods
      from compared c cross join generate_series(0, 4) w
        join orders o on o.kind = 'goods' and o.paid_at is not null
          and o.paid_at >= c.from_at - make_interval(weeks => w) and o.paid_at < c.to_at - make_interval(weeks => w)
      where o.status in ${INFLUENCED}
      group by 1)
    select l.*, l.status = 'active' and l.starts_at <= now() and l.ends_at > now() as running,
      coalesce(i.orders, 0) as orders, coalesce(i.discount, 0) as discount, coalesce(i.gmv, 0) as gmv, coalesce(i.refunded, 0) as refunded,
      c.id is not null as compared, a.window_orders, a.window_goods, a.baseline_orders, a.baseline_goods
    from listed l left join influenced i on i.id = l.id left join compared c on c.id = l.id left join aov a on a.id = l.id
    order by l.created_at desc, l.id`,
  );
  return found.map((p) => ({
    id: p.id,
    name: p.name,
    status: p.status,
    startsAt: iso(p.starts_at)!,
    endsAt: iso(p.ends_at)!,
    tiers: typeof p.tiers === 'string' ? JSON.parse(p.tiers) : p.tiers,
    categories: p.categories ?? null,
    running: p.running,
    createdAt: iso(p.created_at)!,
    orders: p.orders,
    discountGivenFen: p.discount,
    gmvFen: p.gmv,
    refundedFen: p.refunded,
    aov: p.compared ? aovComparison(p) : null,
  }));
}

function aovComparison(p: {
  window_orders: number | null;
  window_goods: unknown;
  baseline_orders: number | null;
  baseline_goods: unknown;
}) {
  const windowOrders = p.window_orders ?? 0;
  const baselineOrders = p.baseline_orders ?? 0;
  const windowAovFen = windowOrders ? Math.round(Number(p.window_goods) / windowOrders) : null;
  const baselineAovFen = baselineOrders ? Math.round(Number(p.baseline_goods) / baselineOrders) : null;
  return {
    windowOrders,
    windowAovFen,
    baselineOrders,
    baselineAovFen,
    // from the exact sums, not the rounded averages
    uplift:
      windowOrders && baselineOrders && Number(p.baseline_goods) > 0
        ? Number(p.window_goods) / windowOrders / (Number(p.baseline_goods) / baselineOrders) - 1
        : null,
  };
}
