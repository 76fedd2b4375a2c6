import { sql, type SQL } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { couponUnavailable, notFound, validation } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { firstOrderCouponRefused } from '../lifecycle/service.js';
import type { CouponRule } from '../pricing/rules.js';

export interface Tier {
  thresholdFen: number;
  discountFen: number;
}
export type PromotionStatus = 'active' | 'paused';

export async function createFullReduction(
  db: Db,
  input: { name: string; startsAt: string; endsAt: string; tiers: Tier[]; categories?: string[] },
) {
  if (new Date(input.endsAt) <= new Date(input.startsAt))
    throw validation('endsAt must be after startsAt', { field: 'endsAt' });
  for (const t of input.tiers) {
    if (t.discountFen >= t.thresholdFen)
      throw validation('Each tier must take off less than its threshold', { tier: t });
  }
  const tiers = [...input.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
  if (input.categories?.length) {
    const known = await rows<{ code: string }>(
      db,
      sql`select code from categories where code in (${sql.join(
        input.categories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
    if (known.length !== new Set(input.categories).size)
      throw validation('Unknown category code', { field: 'categories' });
  }
  return (await one<{ id: string }>(
    db,
    sql`
    insert into full_reduction_promotions (name, starts_at, ends_at, tiers, categories)
    values (${input.name}, ${input.startsAt}, ${input.endsAt}, ${JSON.stringify(tiers)}::jsonb,
      ${input.categories?.length ? sql`${sql.raw(`'{${input.categories.join(',')}}'`)}::text[]` : null})
    returning id`,
  ))!;
}

/** Full-reduction promotions running at this moment, as a JSON array of pricing rules (a subquery, to save a round trip). */
export const activeFullReductionsJson = sql`
  select coalesce(json_agg(json_build_object('id', id, 'tiers', tiers, 'categories', categories) order by created_at), '[]'::json)
  from full_reduction_promotions where status = 'active' and starts_at <= now() and ends_at > now()`;

export interface CouponTemplateInput {
  name: string;
  kind: 'amount' | 'percent';
  thresholdFen: number;
  discountFen?: number;
  percentOffBps?: number;
  maxDiscountFen?: number;
  validFrom: string;
  validTo: string;
  perCustomerLimit: number;
  totalLimit?: number;
  stackableWithFullReduction: boolean;
  claimable?: boolean;
}

export async function createCouponTemplate(db: Db, t: CouponTemplateInput) {
  if (new Date(t.validTo) <= new Date(t.validFrom))
    throw validation('validTo must be after validFrom', { field: 'validTo' });
  if (t.kind === 'amount' && !t.discountFen)
    throw validation('An amount coupon needs discountFen', { field: 'discountFen' });
  if (t.kind === 'percent' && !t.percentOffBps)
    throw validation('A percent coupon needs percentOffBps', { field: 'percentOffBps' });
  return (await one<{ id: string }>(
    db,
    sql`
    insert into coupon_templates (name, kind, threshold_fen, discount_fen, percent_off_bps, max_discount_fen, valid_from, valid_to,
      per_customer_limit, total_limit, stackable_with_full_reduction, claimable)
    values (${t.name}, ${t.kind}, ${t.thresholdFen}, ${t.discountFen ?? null}, ${t.percentOffBps ?? null}, ${t.maxDiscountFen ?? null},
      ${t.validFrom}, ${t.validTo}, ${t.perCustomerLimit}, ${t.totalLimit ?? null}, ${t.stackableWithFullReduction}, ${t.claimable ?? false})
    returning id`,
  ))!;
}

/**
 * Gives one coupon of a template to each listed user still under the per-customer limit.
 * The limit holds under simultaneous grants and claims: the holding row is bumped conditionally.
 * All or nothing: a paused or expired template, or a grant past totalLimit, is COUPON_UNAVAILABLE.
 */
export async function grantCoupons(
  db: Db,
  templateId: string,
  userIds: string[],
): Promise<{ granted: number; coupons: { id: string; userId: string }[] }> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const template = await one<{ per_customer_limit: number; status: string; ended: boolean }>(
      tx,
      sql`
      select per_customer_limit, status, valid_to <= now() as ended from coupon_templates where id = ${templateId}`,
    );
    if (!template) throw notFound('Coupon template');
    if (template.status !== 'active') throw couponUnavailable('This coupon template is paused');
    if (template.ended) throw couponUnavailable('This coupon template has expired');
    const unique = [...new Set(userIds)];
    const granted = await rows<{ id: string; user_id: string }>(
      tx,
      sql`
      with eligible as (
        insert into coupon_holdings (template_id, user_id, received)
        select ${templateId}, u.id, 1 from users u where u.id in (${sql.join(
          unique.map((u) => sql`${u}`),
          sql`, `,
        )})
        on conflict (template_id, user_id) do update set received = coupon_holdings.received + 1
          where coupon_holdings.received < ${template.per_customer_limit}
        returning user_id)
      insert into coupons (template_id, user_id) select ${templateId}, user_id from eligible returning id, user_id`,
    );
    if (granted.length) {
      const ok = await one(
        tx,
        sql`update coupon_templates set issued = issued + ${granted.length}
        where id = ${templateId} and status = 'active' and valid_to > now()
          and (total_limit is null or issued + ${granted.length} <= total_limit) returning 1 as ok`,
      );
      if (!ok) throw couponUnavailable("Granting these would pass the template's total limit, or it was just paused");
    }
    return { granted: granted.length, coupons: granted.map((g) => ({ id: g.id, userId: g.user_id })) };
  });
}

export interface CouponView {
  id: string;
  templateId: string;
  name: string;
  kind: string;
  status: 'available' | 'used' | 'expired';
  thresholdFen: number;
  discountFen: number | null;
  percentOffBps: number | null;
  maxDiscountFen: number | null;
  validFrom: string;
  validTo: string;
  stackableWithFullReduction: boolean;
  orderId: string | null;
}

/** Coupons with their template's terms; an available coupon past its window already reads as expired (the job catches up). */
const couponViewSql = (where: SQL) => sql`
  select c.id, c.template_id, t.name, t.kind, c.order_id,
    case when c.status = 'available' and t.valid_to <= now() then 'expired' else c.status end as status,
    t.threshold_fen, t.discount_fen, t.percent_off_bps, t.max_discount_fen, t.valid_from, t.valid_to, t.stackable_with_full_reduction
  from coupons c join coupon_templates t on t.id = c.template_id
  where ${where} order by c.created_at desc, c.id limit 200`;

function couponView(c: any): CouponView {
  return {
    id: c.id,
    templateId: c.template_id,
    name: c.name,
    kind: c.kind,
    status: c.status,
    thresholdFen: c.threshold_fen,
    discountFen: c.discount_fen,
    percentOffBps: c.percent_off_bps,
    maxDiscountFen: c.max_discount_fen,
    validFrom: iso(c.valid_from)!,
    validTo: iso(c.valid_to)!,
    stackableWithFullReduction: c.stackable_with_full_reduction,
    orderId: c.order_id,
  };
}

export async function myCoupons(db: Db, userId: string): Promise<CouponView[]> {
  return (await rows<any>(db, couponViewSql(sql`c.user_id = ${userId}`))).map(couponView);
}

/** A coupon the user may apply right now, as a pricing rule; COUPON_UNAVAILABLE otherwise. */
export async function usableCoupon(db: Db, userId: string, couponId: string): Promise<CouponRule> {
  const c = await one<CouponRow>(
    db,
    sql`
    select c.id, t.kind, t.threshold_fen, t.discount_fen, t.percent_off_bps, t.max_discount_fen, t.stackable_with_full_reduction
    from coupons c join coupon_templates t on t.id = c.template_id
    where c.id = ${couponId} and c.user_id = ${userId} and c.status = 'available'
      and t.valid_from <= now() and t.valid_to > now()
      and not ${firstOrderCouponRefused(sql`c`, sql`${userId}::uuid`)}`,
  );
  if (!c) throw couponUnavailable();
  return couponRule(c);
}

/** Every coupon the customer may use now, the soonest to expire first (so a tie spends it first). */
export async function usableCoupons(db: Db, userId: string): Promise<CouponRule[]> {
  const found = await rows<CouponRow>(
    db,
    sql`
    select c.id, t.kind, t.threshold_fen, t.discount_fen, t.percent_off_bps, t.max_discount_fen, t.stackable_with_full_reduction
    from coupons c join coupon_templates t on t.id = c.template_id
    where c.user_id = ${userId} and c.status = 'available' and t.valid_from <= now() and t.valid_to > now()
      and not ${firstOrderCouponRefused(sql`c`, sql`${userId}::uuid`)}
    order by t.valid_to, c.id`,
  );
  return found.map(couponRule);
}

interface CouponRow {
  id: string;
  kind: 'amount' | 'percent';
  threshold_fen: number;
  discount_fen: number;
  percent_off_bps: number;
  max_discount_fen: number | null;
  stackable_with_full_reduction: boolean;
}

function couponRule(c: CouponRow): CouponRule {
  return c.kind === 'amount'
    ? {
        id: c.id,
        kind: 'amount',
        thresholdFen: c.threshold_fen,
        discountFen: c.discount_fen,
        stackableWithFullReduction: c.stackable_with_full_reduction,
      }
    : {
        id: c.id,
        kind: 'percent',
        thresholdFen: c.threshold_fen,
        percentOffBps: c.percent_off_bps,
        maxDiscountFen: c.max_discount_fen,
        stackableWithFullReduction: c.stackable_with_full_reduction,
      };
}

/** A customer's own claim in the claim centre: one coupon, or COUPON_UNAVAILABLE (nothing written). */
export async function claimCoupon(db: Db, userId: string, templateId: string): Promise<CouponView> {
  const couponId = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const template = await one<{ per_customer_limit: number }>(
      tx,
      sql`
      select per_customer_limit from coupon_templates where id = ${templateId}`,
    );
    if (!template) throw notFound('Coupon template');
    // Both limits are conditional writes, so simultaneous claims cannot pass them: the customer's
    // holding row first (a per-customer lock), then the template's issued counter — the row every
    // claimant shares, so it is locked last and held only until the commit right after.
    const held = await one(
      tx,
      sql`
      insert into coupon_holdings (template_id, user_id, received) values (${templateId}, ${userId}, 1)
      on conflict (template_id, user_id) do update set received = coupon_holdings.received + 1
        where coupon_holdings.received < ${template.per_customer_limit}
      returning received`,
    );
    if (!held) throw couponUnavailable('You already hold as many of these coupons as one customer may');
    const coupon = (await one<{ id: string }>(
      tx,
      sql`
      insert into coupons (template_id, user_id) values (${templateId}, ${userId}) returning id`,
    ))!;
    const issued = await one(
      tx,
      sql`
      update coupon_templates set issued = issued + 1
      where id = ${templateId} and status = 'active' and claimable and valid_from <= now() and valid_to > now()
        and (total_limit is null or issued < total_limit)
      returning 1 as ok`,
    );
    if (!issued) {
      const why = (await one<{ status: string; claimable: boolean; open: boolean; ended: boolean }>(
        tx,
        sql`
        select status, claimable, valid_from <= now() as open, valid_to <= now() as ended from coupon_templates where id = ${templateId}`,
      ))!;
      throw couponUnavailable(
        !why.claimable
          ? 'This coupon cannot be claimed'
          : why.status !== 'active'
            ? 'This coupon is paused'
            : why.ended
              ? 'This coupon has expired'
              : !why.open
                ? 'This coupon cannot be claimed yet'
                : 'All of these coupons have been claimed',
      );
    }
    return coupon.id;
  });
  return couponView((await one<any>(db, couponViewSql(sql`c.id = ${couponId}`)))!);
}

export interface ClaimableView {
  templateId: string;
  name: string;
  kind: string;
  thresholdFen: number;
  discountFen: number | null;
  percentOffBps: number | null;
  maxDiscountFen: number | null;
  validFrom: string;
  validTo: string;
  stackableWithFullReduction: boolean;
  perCustomerLimit: number;
  totalLimit: number | null;
  remaining: number | null;
  claimedByMe: number;
}

/** The claim centre: active, claimable templates inside their validity window, with what this customer already holds. */
export async function claimableCoupons(db: Db, userId: string): Promise<ClaimableView[]> {
  const found = await rows<any>(
    db,
    sql`
    select t.id, t.name, t.kind, t.threshold_fen, t.discount_fen, t.percent_off_bps, t.max_discount_fen, t.valid_from, t.valid_to,
      t.stackable_with_full_reduction, t.per_customer_limit, t.total_limit, t.issued, coalesce(h.received, 0) as claimed
    from coupon_templates t left join coupon_holdings h on h.template_id = t.id and h.user_id = ${userId}
    where t.status = 'active' and t.claimable and t.valid_from <= now() and t.valid_to > now()
    order by t.valid_to, t.id limit 200`,
  );
  return found.map((t) => ({
    templateId: t.id,
    name: t.name,
    kind: t.kind,
    thresholdFen: t.threshold_fen,
    discountFen: t.discount_fen,
    percentOffBps: t.percent_off_bps,
    maxDiscountFen: t.max_discount_fen,
    validFrom: iso(t.valid_from)!,
    validTo: iso(t.valid_to)!,
    stackableWithFullReduction: t.stackable_with_full_reduction,
    perCustomerLimit: t.per_customer_limit,
    totalLimit: t.total_limit,
    remaining: t.total_limit === null ? null : Math.max(0, t.total_limit - t.issued),
    claimedByMe: t.claimed,
  }));
}

const EXPIRE_BATCH = 5000;

/**
 * The 'expire-coupons' job: available coupons whose template window has closed become expired,
 * in set-based batches (skip locked, so a checkout holding a coupon row is never waited for).
 */
export async function expireCoupons(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const done = (await one<{ n: number }>(
      db,
      sql`
      with expired as (
        update coupons set status = 'expired' where id in (
          select c.id from coupon_templates t join coupons c on c.template_id = t.id and c.status = 'available'
          where t.valid_to <= now() limit ${EXPIRE_BATCH} for update of c skip locked)
        and status = 'available'
        returning 1)
      select count(*)::int as n from expired`,
    ))!;
    total += done.n;
    if (done.n < EXPIRE_BATCH) return total;
  }
}

/**
 * After a refund: when every line of a paid order has been refunded (after-sales or shortage),
 * its coupon becomes available again, but only while the template is still valid. Cancelled
 * orders get theirs back through cancelOrders. Conditional, so calling it twice changes nothing.
 */
export async function returnCouponIfValid(db: Db, orderId: string): Promise<boolean> {
  const back = await one(
    db,
    sql`
    update coupons c set status = 'available', order_id = null, used_at = null
    from orders o, coupon_templates t
    where o.id = ${orderId} and c.id = o.coupon_id and c.order_id = o.id and c.status = 'used'
      and t.id = c.template_id and t.valid_to > now()
      and o.status in ('paid', 'closed', 'ready', 'completed')
      and not exists (select 1 from order_lines l where l.order_id = o.id and l.status not in ('refunded', 'short'))
      -- a pickup day's coupon: only once every order of the day is refunded or cancelled
      and not exists (select 1 from orders g join order_lines l on l.order_id = g.id where g.payment_group_id = o.payment_group_id
        and g.status <> 'cancelled' and l.status not in ('refunded', 'short'))
    returning 1 as ok`,
  );
  return !!back;
}

/** Pause or resume a coupon template: a paused template cannot be claimed or granted; coupons already held stay usable. */
export async function setCouponTemplateStatus(db: Db, templateId: string, status: PromotionStatus) {
  const t = await one<{ id: string; status: PromotionStatus }>(
    db,
    sql`
    update coupon_templates set status = ${status} where id = ${templateId} returning id, status`,
  );
  if (!t) throw notFound('Coupon template');
  return t;
}

/** Pause or resume a full-reduction promotion: a paused one no longer applies to new orders. */
export async function setFullReductionStatus(db: Db, promotionId: string, status: PromotionStatus) {
  const p = await one<{ id: string; status: PromotionStatus }>(
    db,
    sql`
    update full_reduction_promotions set status = ${status} where id = ${promotionId} returning id, status`,
  );
  if (!p) throw notFound('Full-reduction promotion');
  return p;
}
