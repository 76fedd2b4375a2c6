import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { inScope, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { shareBps } from './rules.js';
import type { LifecycleProgram } from './schema.js';
import { customerRegion } from './service.js';

export interface LifecycleReportRow {
  month: string;
  program: LifecycleProgram;
  granted: number;
  redeemed: number;
  orders: number;
  gmvFen: number;
  discountFen: number;
  redemptionRateBps: number | null;
  sent: number;
  remindedCustomers: number;
  convertedCustomers: number;
  conversionBps: number | null;
}

/** Days after a reminder within which a purchase of its product counts as following it. */
export const REMINDER_WINDOW_DAYS = 7;

/**
 * Each program's month (the region's calendar month of the grant or the reminder, decision 050):
 * - coupon programs: `granted` coupons; `redeemed` those spent on at least one paid order; `orders`,
 *   `gmvFen` (their `total_fen`, as the dashboard's GMV) and `discountFen` (their `coupon_fen`, what
 *   the coupons cost) of the paid goods orders that carry them, whenever paid — a month's grants are
 *   followed as a cohort; `redemptionRateBps` = redeemed ÷ granted.
 * - repurchase: reminders `sent`, distinct `remindedCustomers`, and `convertedCustomers`: those
 *   who paid an order with a reminded product within 7 days after that reminder; `conversionBps`
 *   = converted ÷ reminded customers.
 * The birthday coupon's grants are the members' yearly grant rows (period `YYYY`), its region the
 * customer's.
 */
export async function lifecycleReport(
  db: Db,
  opts: { from: string; to: string; regionId?: string; scope: RegionScope },
): Promise<LifecycleReportRow[]> {
  if (opts.regionId) requireInScope(opts.scope, opts.regionId, 'Region');
  const inRegions = (column: SQL) =>
    opts.regionId ? sql`${column} = ${opts.regionId}::uuid` : inScope(opts.scope, column);
  const months = sql`between ${opts.from} and ${opts.to}`;
  const coupons = await rows<{
    month: string;
    program: LifecycleProgram;
    granted: number;
    redeemed: number;
    orders: number;
    gmv_fen: number;
    discount_fen: number;
  }>(
    db,
    sql`
    with g as (
      select lg.program, lg.coupon_id, to_char(lg.granted_at at time zone r.time_zone, 'YYYY-MM') as month
      from lifecycle_grants lg join regions r on r.id = lg.region_id
      where ${inRegions(sql`lg.region_id`)}
      union all
      select 'birthday', b.coupon_id, to_char(b.created_at at time zone r.time_zone, 'YYYY-MM')
      from (select mg.coupon_id, mg.created_at, ${customerRegion(sql`u`)} as region_id
            from member_coupon_grants mg join users u on u.id = mg.user_id where mg.period ~ '^[0-9]{4}$') b
      join regions r on r.id = b.region_id
      where ${inRegions(sql`b.region_id`)}),
    used as (
      select g.month, g.program, g.coupon_id, count(o.id)::int as orders,
        coalesce(sum(o.total_fen), 0)::bigint as gmv_fen, coalesce(sum(o.coupon_fen), 0)::bigint as discount_fen
      from g left join orders o on o.coupon_id = g.coupon_id and o.kind = 'goods' and o.paid_at is not null
      where g.month ${months}
      group by g.month, g.program, g.coupon_id)
    select month, program, count(*)::int as granted, (count(*) filter (where orders > 0))::int as redeemed,
      sum(orders)::int as orders, sum(gmv_fen)::bigint as gmv_fen, sum(discount_fen)::bigint as discount_fen
    from used group by month, program`,
  );
  const reminders = await rows<{ month: string; sent: number; reminded: number; converted: number }>(
    db,
    sql`
    select to_char(rr.sent_on, 'YYYY-MM') as month, count(*)::int as sent, count(distinct rr.user_id)::int as reminded,
      (count(distinct rr.user_id) filter (where exists (
        select 1 from orders o join order_lines l on l.order_id = o.id
        where o.user_id = rr.user_id and o.kind = 'goods' and l.product_id = rr.product_id
          and o.paid_at >= rr.sent_at and o.paid_at < rr.sent_at + ${`${REMINDER_WINDOW_DAYS} days`}::interval)))::int as converted
    from repurchase_reminders rr
    where ${inRegions(sql`rr.region_id`)} and to_char(rr.sent_on, 'YYYY-MM') ${months}
    group by 1`,
  );
  const out: LifecycleReportRow[] = [];
  for (const c of coupons) {
    out.push({
      month: c.month,
      program: c.program,
      granted: c.granted,
      redeemed: c.redeemed,
      orders: c.orders,
      gmvFen: Number(c.gmv_fen),
      discountFen: Number(c.discount_fen),
      redemptionRateBps: shareBps(c.redeemed, c.granted),
      sent: 0,
      remindedCustomers: 0,
      convertedCustomers: 0,
      conversionBps: null,
    });
  }
  for (const r of reminders) {
    out.push({
      month: r.month,
      program: 'repurchase',
      granted: 0,
      redeemed: 0,
      orders: 0,
      gmvFen: 0,
      discountFen: 0,
      redemptionRateBps: null,
      sent: r.sent,
      remindedCustomers: r.reminded,
      convertedCustomers: r.converted,
      conversionBps: shareBps(r.converted, r.reminded),
    });
  }
  const order = ['welcome', 'first_order', 'repurchase', 'birthday'];
  return out.sort((a, b) =>
    a.month !== b.month ? (a.month < b.month ? 1 : -1) : order.indexOf(a.program) - order.indexOf(b.program),
  );
}
