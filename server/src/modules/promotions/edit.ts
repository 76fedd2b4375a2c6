/**
 * Editing promotions after creation, each in one conditional UPDATE (no read-modify-write):
 * the checks that depend on the stored row (the merged time window, the coupons already issued)
 * are part of the WHERE clause, and only when nothing matched is the row read to say why.
 * Orders already placed keep the discounts they got; an edit applies to later quotes and orders.
 */
import { sql, type SQL } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { conflict, notFound, validation } from '../../lib/errors.js';
import type { Tier } from './service.js';

export interface FullReductionPatch {
  name?: string;
  startsAt?: string;
  endsAt?: string;
  tiers?: Tier[];
  /** null or empty: the whole order */
  categories?: string[] | null;
}

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

export async function updateFullReduction(db: Db, id: string, patch: FullReductionPatch) {
  const sets: SQL[] = [];
  if (patch.name !== undefined) sets.push(sql`name = ${patch.name}`);
  if (patch.startsAt !== undefined) sets.push(sql`starts_at = ${patch.startsAt}`);
  if (patch.endsAt !== undefined) sets.push(sql`ends_at = ${patch.endsAt}`);
  if (patch.tiers !== undefined) {
    for (const t of patch.tiers) {
      if (t.discountFen >= t.thresholdFen)
        throw validation('Each tier must take off less than its threshold', { tier: t });
    }
    const tiers = [...patch.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
    sets.push(sql`tiers = ${JSON.stringify(tiers)}::jsonb`);
  }
  if (patch.categories !== undefined) {
    const codes = [...new Set(patch.categories ?? [])];
    if (codes.length) {
      const known = await rows<{ code: string }>(
        db,
        sql`select code from categories where code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})`,
      );
      if (known.length !== codes.length) throw validation('Unknown category code', { field: 'categories' });
    }
    sets.push(codes.length ? sql`categories = ${textArray(codes)}` : sql`categories = null`);
  }
  const starts = patch.startsAt !== undefined ? sql`${patch.startsAt}::timestamptz` : sql`starts_at`;
  const ends = patch.endsAt !== undefined ? sql`${patch.endsAt}::timestamptz` : sql`ends_at`;
  const row = await one<{ id: string }>(
    db,
    sql`
    update full_reduction_promotions set ${sql.join(sets, sql`, `)} where id = ${id} and ${ends} > ${starts} returning id`,
  );
  if (row) return row;
  if (!(await one(db, sql`select 1 as ok from full_reduction_promotions where id = ${id}`)))
    throw notFound('Full-reduction promotion');
  throw validation('endsAt must be after startsAt', { field: 'endsAt' });
}

export interface CouponTemplatePatch {
  name?: string;
  validFrom?: string;
  validTo?: string;
  perCustomerLimit?: number;
  totalLimit?: number | null;
  stackableWithFullReduction?: boolean;
  claimable?: boolean;
}

/**
 * The discount terms (kind, threshold, amount, percent, cap) never change: issued coupons carry
 * them. validFrom moves only while nothing is issued; validTo may always move later, and earlier
 * only while nothing is issued (customers keep the validity they were given). totalLimit cannot go
 * below the coupons already issued, and a member coupon (granted to everyone eligible) keeps none.
 */
export async function updateCouponTemplate(db: Db, id: string, patch: CouponTemplatePatch) {
  const sets: SQL[] = [];
  const conds: SQL[] = [];
  if (patch.name !== undefined) sets.push(sql`name = ${patch.name}`);
  if (patch.perCustomerLimit !== undefined) sets.push(sql`per_customer_limit = ${patch.perCustomerLimit}`);
  if (patch.stackableWithFullReduction !== undefined)
    sets.push(sql`stackable_with_full_reduction = ${patch.stackableWithFullReduction}`);
  if (patch.claimable !== undefined) sets.push(sql`claimable = ${patch.claimable}`);
  if (patch.validFrom !== undefined) {
    sets.push(sql`valid_from = ${patch.validFrom}`);
    conds.push(sql`(issued = 0 or valid_from = ${patch.validFrom}::timestamptz)`);
  }
  if (patch.validTo !== undefined) {
    sets.push(sql`valid_to = ${patch.validTo}`);
    conds.push(sql`(issued = 0 or ${patch.validTo}::timestamptz >= valid_to)`);
  }
  if (patch.totalLimit !== undefined) {
    sets.push(sql`total_limit = ${patch.totalLimit}`);
    if (patch.totalLimit !== null) {
      conds.push(
        sql`issued <= ${patch.totalLimit}`,
        sql`not exists (select 1 from member_coupon_templates m where m.template_id = coupon_templates.id)`,
      );
    }
  }
  const from = patch.validFrom !== undefined ? sql`${patch.validFrom}::timestamptz` : sql`valid_from`;
  const to = patch.validTo !== undefined ? sql`${patch.validTo}::timestamptz` : sql`valid_to`;
  const window = sql`${to} > ${from}`;
  const row = await one<{ id: string }>(
    db,
    sql`
    update coupon_templates set ${sql.join(sets, sql`, `)}
    where id = ${id} and ${window} ${conds.length ? sql`and ${sql.join(conds, sql` and `)}` : sql``} returning id`,
  );
  if (row) return row;
  // nothing changed: say why
  const t = await one<{ ok_window: boolean; ok_rest: boolean; issued: number; member: boolean }>(
    db,
    sql`
    select ${window} as ok_window, ${conds.length ? sql.join(conds, sql` and `) : sql`true`} as ok_rest, issued,
      exists (select 1 from member_coupon_templates m where m.template_id = coupon_templates.id) as member
    from coupon_templates where id = ${id}`,
  );
  if (!t) throw notFound('Coupon template');
  if (!t.ok_window) throw validation('validTo must be after validFrom', { field: 'validTo' });
  if (t.member && patch.totalLimit != null)
    throw conflict('A member coupon template must not have a total limit', { field: 'totalLimit' });
  if (patch.totalLimit != null && t.issued > patch.totalLimit)
    throw conflict('More coupons were already issued than this total limit', { issued: t.issued, field: 'totalLimit' });
  throw conflict('Coupons were already issued: the validity can only be extended', {
    issued: t.issued,
    field: 'validTo',
  });
}
