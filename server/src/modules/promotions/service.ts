import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { couponUnavailable, notFound, validation } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import type { CouponRule, FullReductionRule } from '../pricing/rules.js';

export interface Tier { thresholdFen: number; discountFen: number }

export async function createFullReduction(
  db: Db, input: { name: string; startsAt: string; endsAt: string; tiers: Tier[]; categories?: string[] },
) {
  if (new Date(input.endsAt) <= new Date(input.startsAt)) throw validation('endsAt must be after startsAt', { field: 'endsAt' });
  for (const t of input.tiers) {
    if (t.discountFen >= t.thresholdFen) throw validation('Each tier must take off less than its threshold', { tier: t });
  }
  const tiers = [...input.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
  if (input.categories?.length) {
    const known = await rows<{ code: string }>(db, sql`select code from categories where code in (${sql.join(input.categories.map((c) => sql`${c}`), sql`, `)})`);
    if (known.length !== new Set(input.categories).size) throw validation('Unknown category code', { field: 'categories' });
  }
  return (await one<{ id: string }>(db, sql`
    insert into full_reduction_promotions (name, starts_at, ends_at, tiers, categories)
    values (${input.name}, ${input.startsAt}, ${input.endsAt}, ${JSON.stringify(tiers)}::jsonb,
      ${input.categories?.length ? sql`${sql.raw(`'{${input.categories.join(',')}}'`)}::text[]` : null})
    returning id`))!;
}

/** Full-reduction promotions running at this moment, as a JSON array of pricing rules (a subquery, to save a round trip). */
export const activeFullReductionsJson = sql`
  select coalesce(json_agg(json_build_object('id', id, 'tiers', tiers, 'categories', categories) order by created_at), '[]'::json)
  from full_reduction_promotions where status = 'active' and starts_at <= now() and ends_at > now()`;

export async function activeFullReductions(db: Db): Promise<FullReductionRule[]> {
  return (await one<{ rules: FullReductionRule[] }>(db, sql`select (${activeFullReductionsJson}) as rules`))!.rules;
}

export interface CouponTemplateInput {
  name: string; kind: 'amount' | 'percent'; thresholdFen: number; discountFen?: number; percentOffBps?: number;
  maxDiscountFen?: number; validFrom: string; validTo: string; perCustomerLimit: number; totalLimit?: number;
  stackableWithFullReduction: boolean;
}

export async function createCouponTemplate(db: Db, t: CouponTemplateInput) {
  if (new Date(t.validTo) <= new Date(t.validFrom)) throw validation('validTo must be after validFrom', { field: 'validTo' });
  if (t.kind === 'amount' && !t.discountFen) throw validation('An amount coupon needs discountFen', { field: 'discountFen' });
  if (t.kind === 'percent' && !t.percentOffBps) throw validation('A percent coupon needs percentOffBps', { field: 'percentOffBps' });
  return (await one<{ id: string }>(db, sql`
    insert into coupon_templates (name, kind, threshold_fen, discount_fen, percent_off_bps, max_discount_fen, valid_from, valid_to,
      per_customer_limit, total_limit, stackable_with_full_reduction)
    values (${t.name}, ${t.kind}, ${t.thresholdFen}, ${t.discountFen ?? null}, ${t.percentOffBps ?? null}, ${t.maxDiscountFen ?? null},
      ${t.validFrom}, ${t.validTo}, ${t.perCustomerLimit}, ${t.totalLimit ?? null}, ${t.stackableWithFullReduction})
    returning id`))!;
}

/**
 * Gives one coupon of a template to each listed user still under the per-customer limit.
 * The limit holds under simultaneous grants and claims: the holding row is bumped conditionally.
 */
export async function grantCoupons(db: Db, templateId: string, userIds: string[]): Promise<{ granted: number }> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const template = await one<{ per_customer_limit: number }>(tx, sql`
      select per_customer_limit from coupon_templates where id = ${templateId}`);
    if (!template) throw notFound('Coupon template');
    const unique = [...new Set(userIds)];
    const granted = await rows<{ id: string }>(tx, sql`
      with eligible as (
        insert into coupon_holdings (template_id, user_id, received)
        select ${templateId}, u.id, 1 from users u where u.id in (${sql.join(unique.map((u) => sql`${u}`), sql`, `)})
        on conflict (template_id, user_id) do update set received = coupon_holdings.received + 1
          where coupon_holdings.received < ${template.per_customer_limit}
        returning user_id)
      insert into coupons (template_id, user_id) select ${templateId}, user_id from eligible returning id`);
    if (granted.length) {
      const ok = await one(tx, sql`update coupon_templates set issued = issued + ${granted.length}
        where id = ${templateId} and (total_limit is null or issued + ${granted.length} <= total_limit) returning 1 as ok`);
      if (!ok) throw couponUnavailable('Granting these would pass the template\'s total limit');
    }
    return { granted: granted.length };
  });
}

export interface CouponView {
  id: string; templateId: string; name: string; kind: string; status: 'available' | 'used' | 'expired'; thresholdFen: number;
  discountFen: number | null; percentOffBps: number | null; maxDiscountFen: number | null; validFrom: string; validTo: string;
  stackableWithFullReduction: boolean; orderId: string | null;
}

export async function myCoupons(db: Db, userId: string): Promise<CouponView[]> {
  const found = await rows<any>(db, sql`
    select c.id, c.template_id, t.name, t.kind, c.order_id,
      case when c.status = 'available' and t.valid_to <= now() then 'expired' else c.status end as status,
      t.threshold_fen, t.discount_fen, t.percent_off_bps, t.max_discount_fen, t.valid_from, t.valid_to, t.stackable_with_full_reduction
    from coupons c join coupon_templates t on t.id = c.template_id
    where c.user_id = ${userId} order by c.created_at desc limit 200`);
  return found.map((c) => ({
    id: c.id, templateId: c.template_id, name: c.name, kind: c.kind, status: c.status, thresholdFen: c.threshold_fen,
    discountFen: c.discount_fen, percentOffBps: c.percent_off_bps, maxDiscountFen: c.max_discount_fen,
    validFrom: iso(c.valid_from)!, validTo: iso(c.valid_to)!, stackableWithFullReduction: c.stackable_with_full_reduction, orderId: c.order_id,
  }));
}

/** A coupon the user may apply right now, as a pricing rule; COUPON_UNAVAILABLE otherwise. */
export async function usableCoupon(db: Db, userId: string, couponId: string): Promise<CouponRule> {
  const c = await one<any>(db, sql`
    select c.id, t.kind, t.threshold_fen, t.discount_fen, t.percent_off_bps, t.max_discount_fen, t.stackable_with_full_reduction
    from coupons c join coupon_templates t on t.id = c.template_id
    where c.id = ${couponId} and c.user_id = ${userId} and c.status = 'available'
      and t.valid_from <= now() and t.valid_to > now()`);
  if (!c) throw couponUnavailable();
  return c.kind === 'amount'
    ? { id: c.id, kind: 'amount', thresholdFen: c.threshold_fen, discountFen: c.discount_fen, stackableWithFullReduction: c.stackable_with_full_reduction }
    : { id: c.id, kind: 'percent', thresholdFen: c.threshold_fen, percentOffBps: c.percent_off_bps, maxDiscountFen: c.max_discount_fen,
        stackableWithFullReduction: c.stackable_with_full_reduction };
}

/** Marks a coupon used by an order; false when it was already used (e.g. by a simultaneous order). */
export async function spendCoupon(db: Db, userId: string, couponId: string, orderId: string): Promise<boolean> {
  return !!(await one(db, sql`update coupons set status = 'used', order_id = ${orderId}, used_at = now()
    where id = ${couponId} and user_id = ${userId} and status = 'available' returning 1 as ok`));
}
