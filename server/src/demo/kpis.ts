import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../db/client.js';
import { buyMembership } from '../modules/members/service.js';
import { pay } from './shoppers.js';
import { createRule, evaluateKpiAlerts, type RuleInput } from '../modules/kpis/alerts.js';

/** The seeds' figures as alert rules: repurchase under 35 %, stock-outs over 5 %, GMV down 30 % on the weekday. */
const SEED_RULES: RuleInput[] = [
  { kpiKey: 'repurchaseRate', kind: 'below', threshold: 0.35 },
  { kpiKey: 'stockOutRate', kind: 'above', threshold: 0.05 },
  { kpiKey: 'gmv', kind: 'drop', dropPercent: 30 },
];
import { rollUpKpiDays } from '../modules/kpis/rollups.js';

/**
 * What the KPI page needs beyond the played history: paid annual memberships for about one buyer
 * in seven (bought through the membership and payment flows, then dated the day before their
 * first order, so their orders count as members'), and the first deal of each past campaign
 * made a flash deal (opening two hours after the campaign), so member orders, penetration and the
 * flash-sale peak have figures; then the KPI rollups of the closed days.
 */
export async function demoKpis(db: Db): Promise<{ members: number; flashDeals: number; days: number; alerts: number }> {
  // Who joins, and when: the day before the first paid order of about one buyer in seven.
  const chosen = await rows<{ userId: string; at: string }>(
    db,
    sql`
    select o.user_id as "userId", (min(o.paid_at) - interval '1 day')::text as at
    from orders o join users u on u.id = o.user_id
    where o.kind = 'goods' and o.paid_at is not null and u.membership_until is null
      and mod(abs(hashtext(o.user_id::text)), 7) = 0
    group by o.user_id order by o.user_id`,
  );
  // Bought and paid through the real flows (the order, its payment, the period and the joining
  // pack), then moved to the day they were bought, as the played history's own rows were.
  const orderIds: string[] = [];
  for (const c of chosen) {
    const { orderId } = await buyMembership(db, c.userId);
    await pay(db, c.userId, orderId);
    orderIds.push(orderId);
  }
  const at = sql`(select c.at::timestamptz from unnest(${pgArray(chosen.map((c) => c.userId))}::uuid[], ${pgArray(
    chosen.map((c) => c.at),
  )}::text[]) as c(user_id, at) where c.user_id = o.user_id)`;
  const members = await one<{ n: number }>(
    db,
    sql`
    with moved as (
      update orders o set created_at = ${at}, paid_at = ${at}, expires_at = ${at} + (o.expires_at - o.created_at),
        completed_at = case when o.completed_at is null then null else ${at} end
      where o.id = any(${pgArray(orderIds)}::uuid[])
      returning o.id, o.user_id, o.created_at as at),
    paid as (
      update payments p set created_at = m.at, succeeded_at = m.at from moved m where p.order_id = m.id returning 1),
    periods as (
      update membership_periods mp set starts_at = m.at, ends_at = m.at + interval '1 year', created_at = m.at
      from moved m where mp.order_id = m.id returning mp.user_id, mp.ends_at),
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
  // The seeds' thresholds as every city's alert rules, set by the first admin and evaluated once,
  // so the inbox shows what yesterday crossed.
  const admin = await one<{ id: string }>(
    db,
    sql`select id from users where 'admin' = any(roles) order by created_at, id limit 1`,
  );
  for (const region of await rows<{ id: string }>(db, sql`select id from regions order by created_at, id`))
    for (const rule of SEED_RULES) await createRule(db, null, { ...rule, regionId: region.id }, admin!.id);
  const alerts = await evaluateKpiAlerts(db);
  return { members: members?.n ?? 0, flashDeals: flash?.n ?? 0, days, alerts };
}
