import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { addDays, businessDate, localTime } from '../../lib/time.js';
import { pointTargetedSql } from '../campaigns/targets.js';
import { REPURCHASE_DEFAULTS, repurchaseReminder, weekStart, type RepurchaseParams } from './rules.js';

/** Purchases older than this do not shape the usual interval (a habit of last year is not today's). */
export const REPURCHASE_LOOKBACK_DAYS = 365;

interface Candidate {
  user_id: string;
  product_id: string;
  due_on: string;
}

/**
 * The daily repurchase reminders (复购提醒), per region where the program is on: for each customer
 * and product bought on at least `minPurchases` business days, the usual interval (rules.ts); when
 * the next purchase is due within `leadDays` and the product is on sale today where she collects
 * (a campaign of her region, aimed at her route or point if it is aimed at all), a
 * reminder through the outbox. One per customer and week, one per customer, product and due day:
 * the unique indexes decide, so a repeated or concurrent run sends nothing twice, and a message is
 * written only for a reminder row this run inserted. A customer with several products due gets the
 * one due first. Returns the reminders sent.
 */
export async function sendRepurchaseReminders(db: Db, now = new Date()): Promise<number> {
  const regions = await rows<{ id: string; time_zone: string; params: Partial<RepurchaseParams> }>(
    db,
    sql`
    select r.id, r.time_zone, p.params from lifecycle_programs p join regions r on r.id = p.region_id
    where p.program = 'repurchase' and p.enabled order by r.id`,
  );
  const at = now.toISOString();
  let sent = 0;
  for (const region of regions) {
    const params = { ...REPURCHASE_DEFAULTS, ...region.params };
    const today = businessDate(now, region.time_zone);
    const tomorrow = localTime(addDays(today, 1), '00:00', region.time_zone);
    // purchase days per customer and product, only for products on sale today in the region
    const bought = await rows<{ user_id: string; product_id: string; days: string[] }>(
      db,
      sql`
      with on_sale as (
        select distinct ci.campaign_id, ci.product_id from campaign_items ci join campaigns c on c.id = ci.campaign_id
        where c.region_id = ${region.id} and c.starts_at < ${tomorrow.toISOString()}::timestamptz
          -- still selling at \`now\` (by its times, not its status, so a past day can be replayed)
          and c.cutoff_at > ${at}::timestamptz and (c.cut_off_at is null or c.cut_off_at > ${at}::timestamptz))
      -- one row per customer, product and purchase day first: one sort, not a distinct per aggregate
      , bought as (
        select distinct o.user_id, l.product_id, (o.paid_at at time zone ${region.time_zone})::date as day
        from orders o join order_lines l on l.order_id = o.id
        where o.region_id = ${region.id} and o.kind = 'goods' and o.paid_at is not null
          and o.paid_at <= ${at}::timestamptz
          and o.paid_at > ${at}::timestamptz - ${`${REPURCHASE_LOOKBACK_DAYS} days`}::interval
          and l.status not in ('refunded', 'short') and l.product_id in (select product_id from on_sale))
      select g.* from (
        select user_id, product_id, array_agg(to_char(day, 'YYYY-MM-DD')) as days
        from bought group by user_id, product_id having count(*) >= ${params.minPurchases}) g
      join users u on u.id = g.user_id
      -- on sale where she collects: a campaign aimed at some routes or points counts only there
      where exists (select 1 from on_sale s where s.product_id = g.product_id
        and ${pointTargetedSql(sql`s.campaign_id`, sql`u.pickup_point_id`)})`,
    );
    const candidates: Candidate[] = [];
    for (const b of bought) {
      const due = repurchaseReminder(parseDays(b.days), today, params);
      if (due) candidates.push({ user_id: b.user_id, product_id: b.product_id, due_on: due.dueOn });
    }
    if (!candidates.length) continue;
    // inserted in this order, the first row of a customer that fits takes her week (ON CONFLICT DO NOTHING)
    candidates.sort((a, b) =>
      a.user_id !== b.user_id
        ? a.user_id < b.user_id
          ? -1
          : 1
        : a.due_on !== b.due_on
          ? a.due_on < b.due_on
            ? -1
            : 1
          : a.product_id < b.product_id
            ? -1
            : 1,
    );
    const [r] = await rows<{ n: number }>(
      db,
      sql`
      with c as (
        select * from json_to_recordset(${JSON.stringify(candidates.map((c, n) => ({ ...c, n })))}::json) as c (user_id uuid, product_id uuid, due_on date, n int)),
      ins as (
        insert into repurchase_reminders (user_id, product_id, region_id, due_on, sent_on, week_start, sent_at)
        select c.user_id, c.product_id, ${region.id}, c.due_on, ${today}::date, ${weekStart(today)}::date, ${at}::timestamptz
        from c order by c.n
        on conflict do nothing returning user_id, product_id, due_on),
      msg as (
        insert into outbox (topic, payload)
        select 'notify.customer', jsonb_build_object('userId', ins.user_id, 'kind', 'repurchase_reminder',
          'productId', ins.product_id, 'name', p.name, 'dueOn', ins.due_on)
        from ins join products p on p.id = ins.product_id
        returning 1)
      select count(*)::int as n from msg`,
    );
    sent += r?.n ?? 0;
  }
  return sent;
}

/** PGlite answers a text[] as an array, PostgreSQL's driver may too; a literal `{…}` is parsed. */
function parseDays(days: string[] | string): string[] {
  return Array.isArray(days) ? days : days.replace(/[{}]/g, '').split(',').filter(Boolean);
}
