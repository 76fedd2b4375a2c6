import { sql } from 'drizzle-orm';
import { one, type Db } from '../db/client.js';
import { rollUpKpiDays } from '../modules/kpis/rollups.js';

/**
 * What the KPI page needs beyond the played history, set-based: paid annual memberships for about
 * one buyer in seven (bought the day before their first order, as a membership order of the
 * region's price, so their orders count as members'), and the first deal of each past campaign
 * made a flash deal (opening two hours after the campaign), so member orders, penetration and the
 * flash-sale peak have figures; then the KPI rollups of the closed days.
 */
export async function demoKpis(db: Db): Promise<{ members: number; flashDeals: number; days: number }> {
  const members = await one<{ n: number }>(
    db,
    sql`
    with chosen as (
      select o.user_id, min(o.paid_at) - interval '1 day' as at, (array_agg(o.region_id order by o.paid_at))[1] as region_id
      from orders o join users u on u.id = o.user_id
      where o.kind = 'goods' and o.paid_at is not null and u.membership_until is null
        and mod(abs(hashtext(o.user_id::text)), 7) = 0
      group by o.user_id),
    bought as (
      insert into orders (kind, user_id, region_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at, completed_at)
      select 'membership', c.user_id, c.region_id, 'completed', r.membership_price_fen, r.membership_price_fen, c.at, c.at, c.at, c.at
      from chosen c join regions r on r.id = c.region_id
      returning id, user_id, paid_at),
    periods as (
      insert into membership_periods (order_id, user_id, plan, starts_at, ends_at, created_at)
      select id, user_id, 'annual', paid_at, paid_at + interval '1 year', paid_at from bought
      returning user_id, ends_at),
    marked as (
      update users u set membership_until = p.ends_at from periods p where u.id = p.user_id returning 1)
    select count(*)::int as n from marked`,
  );
  const flash = await one<{ n: number }>(
    db,
    sql`
    with flashed as (
      update campaign_items ci set sale_starts_at = c.starts_at + interval '2 hours'
      from campaigns c join regions r on r.id = c.region_id
      where ci.campaign_id = c.id and ci.sale_starts_at is null and ci.position = 0
        and c.pickup_date < (now() at time zone r.time_zone)::date
      returning 1)
    select count(*)::int as n from flashed`,
  );
  const days = await rollUpKpiDays(db);
  return { members: members?.n ?? 0, flashDeals: flash?.n ?? 0, days };
}
