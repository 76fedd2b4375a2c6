import { sql, type SQL } from 'drizzle-orm';
import { one, rows, exec, pgArray, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { businessDate } from '../../lib/time.js';
import { birthdayProgramOn } from '../lifecycle/service.js';
import { customerClocks } from '../network/regions.js';

export type MemberCouponPurpose = 'monthly_pack' | 'birthday' | 'referral';

/**
 * Marks a coupon template as part of the members' monthly pack, as the birthday coupon, or as the
 * referral reward (given to both sides, besides the configured points).
 * Such templates must have no total limit: the jobs grant them to everyone eligible.
 */
export async function markMemberCouponTemplate(
  db: Db,
  templateId: string,
  purpose: MemberCouponPurpose,
): Promise<void> {
  const t = await one<{ total_limit: number | null }>(
    db,
    sql`select total_limit from coupon_templates where id = ${templateId}`,
  );
  if (!t) throw notFound('Coupon template');
  if (t.total_limit !== null)
    throw validation('A member coupon template must not have a total limit', { field: 'templateId' });
  await exec(
    db,
    sql`insert into member_coupon_templates (template_id, purpose) values (${templateId}, ${purpose}) on conflict do nothing`,
  );
}

export async function memberCouponTemplates(db: Db) {
  return rows<{ templateId: string; purpose: MemberCouponPurpose; name: string }>(
    db,
    sql`
    select m.template_id as "templateId", m.purpose, t.name from member_coupon_templates m
    join coupon_templates t on t.id = m.template_id order by m.purpose, t.name`,
  );
}

/**
 * Grants the marked templates, set-based and once per user, template and period: the monthly
 * pack to every active member once per calendar month, the birthday coupon once a year on the
 * customer's birthday (29 February birthdays on 28 February in other years). Returns coupons granted.
 */
export async function grantMemberCoupons(
  db: Db,
  purpose: 'monthly_pack' | 'birthday',
  now = new Date(),
): Promise<number> {
  // each region's customers by the date on their region's clock
  let granted = 0;
  for (const region of await customerClocks(db)) {
    // the birthday coupon is a lifecycle program: switched per region in the console (decision 050)
    if (purpose === 'birthday' && !(await birthdayProgramOn(db, region.regionId))) continue;
    const today = businessDate(now, region.timeZone);
    const [year, md] = [today.slice(0, 4), today.slice(5)];
    const leap = new Date(Date.UTC(Number(year), 1, 29)).getUTCMonth() === 1;
    const days = md === '02-28' && !leap ? ['02-28', '02-29'] : [md];
    const period = purpose === 'monthly_pack' ? today.slice(0, 7) : year;
    const who =
      purpose === 'monthly_pack'
        ? sql`u.membership_until > now()`
        : sql`u.id in (select user_id from member_profiles where to_char(birthday, 'MM-DD') in (${sql.join(
            days.map((d) => sql`${d}`),
            sql`, `,
          )}))`;
    granted += await grantMarked(db, purpose, sql`${who} and ${region.customersOf(sql`u`)}`, period);
  }
  return granted;
}

/**
 * This month's pack for one customer who just became a member, on her region's calendar month:
 * the same grant rows as the monthly job, so she never gets the month's pack twice.
 */
export async function grantJoiningPack(db: Db, userId: string, now = new Date()): Promise<number> {
  const region = await one<{ time_zone: string }>(
    db,
    sql`
    select r.time_zone from regions r
    where r.id = coalesce((select p.region_id from users u join pickup_points p on p.id = u.pickup_point_id where u.id = ${userId}),
                          (select id from regions order by created_at, id limit 1))`,
  );
  if (!region) return 0;
  const period = businessDate(now, region.time_zone).slice(0, 7);
  return grantMarked(db, 'monthly_pack', sql`u.id = ${userId} and u.membership_until > now()`, period);
}

/** The grant period of an invitee's referral coupons: both sides' grants carry it. */
export const referralPeriod = (inviteeId: string) => `referral:${inviteeId}`;

/** The referral reward coupons (templates marked 'referral') for both sides, once per invitee. */
export async function grantReferralCoupons(db: Db, inviterId: string, inviteeId: string): Promise<number> {
  return grantMarked(db, 'referral', sql`u.id in (${inviterId}, ${inviteeId})`, referralPeriod(inviteeId));
}

/**
 * Takes granted coupons back as if never granted (the reverse of grantMarked): the coupons, their
 * grant rows of the period (so the period may grant again) and the templates' issued counts.
 * Only for coupons the caller has locked and found unused.
 */
export async function removeCoupons(db: Db, period: string, couponIds: string[]): Promise<void> {
  await exec(
    db,
    sql`
    with grants as (
      delete from member_coupon_grants where period = ${period} and coupon_id = any(${pgArray(couponIds)}::uuid[])
      returning coupon_id),
    removed as (
      delete from coupons where id in (select coupon_id from grants) returning template_id)
    update coupon_templates t set issued = t.issued - n.n
    from (select template_id, count(*)::int as n from removed group by 1) n where t.id = n.template_id`,
  );
}

/** Set-based: one coupon of each marked template per selected user and period (the grant row is the business key). */
async function grantMarked(db: Db, purpose: MemberCouponPurpose, who: SQL, period: string): Promise<number> {
  const granted = await rows<{ n: number }>(
    db,
    sql`
    with targets as (
      select u.id as user_id, m.template_id from users u
      cross join member_coupon_templates m
      join coupon_templates t on t.id = m.template_id and t.status = 'active' and t.valid_to > now() and t.total_limit is null
      where m.purpose = ${purpose} and ${who}),
    grants as (
      insert into member_coupon_grants (user_id, template_id, period, coupon_id)
      select user_id, template_id, ${period}, gen_random_uuid() from targets
      on conflict do nothing returning user_id, template_id, coupon_id),
    issued as (
      insert into coupons (id, template_id, user_id) select coupon_id, template_id, user_id from grants returning template_id),
    counted as (
      update coupon_templates c set issued = c.issued + n.n
      from (select template_id, count(*)::int as n from issued group by 1) n where c.id = n.template_id returning n.n)
    select coalesce(sum(n), 0)::int as n from counted`,
  );
  return granted[0]?.n ?? 0;
}

/** Stops granting a template for a purpose (coupons already granted stay with their owners). 404 when it was not marked. */
export async function unmarkMemberCouponTemplate(
  db: Db,
  templateId: string,
  purpose: MemberCouponPurpose,
): Promise<void> {
  const gone = await one(
    db,
    sql`
    delete from member_coupon_templates where template_id = ${templateId} and purpose = ${purpose} returning template_id`,
  );
  if (!gone) throw notFound('Member coupon template');
}
