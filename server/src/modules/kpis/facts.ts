import { sql, type SQL } from 'drizzle-orm';
import { pgArray } from '../../db/client.js';

/**
 * The daily facts of one region over [fromAt, toAt), from the raw rows: one statement used both by
 * the rollup job (to write `kpi_day_facts` / `kpi_day_customers`) and by the KPI page for the days
 * not rolled up (today always), so a rolled day and its raw computation cannot disagree.
 * `days`, when given, keeps only those business days of the region (the page's raw days).
 */
export interface RegionRange {
  regionId: string;
  tz: string;
  fromAt: string;
  toAt: string;
  days?: readonly string[];
}

const dayOf = (at: SQL, tz: string) => sql`((${at}) at time zone ${tz})::date`;
const keep = (r: RegionRange, at: SQL) =>
  r.days ? sql`and ${dayOf(at, r.tz)} = any(${pgArray(r.days)}::date[])` : sql``;
/** whether the order's customer had a paid membership active when the order was paid */
const memberAt = sql`exists (select 1 from membership_periods mp
  where mp.user_id = o.user_id and mp.starts_at <= o.paid_at and mp.ends_at > o.paid_at)`;

/** Columns: region_id, day, pickup_point_id, category, member, gmv_fen, units, lines, flash_gmv_fen, refund_fen, short_units, error_lines, picked_up_lines, orders. */
export function factsSelect(r: RegionRange): SQL {
  const { regionId, tz, fromAt, toAt } = r;
  const refundAt = sql`coalesce(f.decided_at, f.created_at)`;
  return sql`
  select ${regionId}::uuid as region_id, day, pickup_point_id, category, member,
    sum(gmv_fen)::bigint as gmv_fen, sum(units)::bigint as units, sum(lines)::bigint as lines,
    sum(flash_gmv_fen)::bigint as flash_gmv_fen, sum(refund_fen)::bigint as refund_fen,
    sum(short_units)::bigint as short_units, sum(error_lines)::bigint as error_lines,
    sum(picked_up_lines)::bigint as picked_up_lines, sum(orders)::bigint as orders
  from (
    -- sales, on the day of payment
    select ${dayOf(sql`o.paid_at`, tz)} as day, o.pickup_point_id, p.category, ${memberAt} as member,
      l.paid_fen as gmv_fen, l.quantity as units, 1 as lines,
      case when ci.sale_starts_at is not null then l.paid_fen else 0 end as flash_gmv_fen,
      0 as refund_fen, 0 as short_units, 0 as error_lines, 0 as picked_up_lines,
      case when row_number() over (partition by l.order_id order by l.id) = 1 then 1 else 0 end as orders
    from orders o join order_lines l on l.order_id = o.id join products p on p.id = l.product_id
      left join campaign_items ci on ci.id = l.campaign_item_id
    where o.kind = 'goods' and o.region_id = ${regionId} and o.paid_at >= ${fromAt}::timestamptz
      and o.paid_at < ${toAt}::timestamptz ${keep(r, sql`o.paid_at`)}
    union all
    -- refunds, on the day decided: split by their lines, what no line carries under category ''
    select ${dayOf(refundAt, tz)}, o.pickup_point_id, coalesce(p.category, ''), ${memberAt},
      0, 0, 0, 0, x.amount_fen,
      case when f.kind = 'shortage' then x.quantity else 0 end,
      case when f.kind = 'aftersales' and f.reason in ('missing', 'wrong_item') and x.line_id is not null then 1 else 0 end,
      0, 0
    from refunds f join orders o on o.id = f.order_id and o.kind = 'goods' and o.region_id = ${regionId}
      cross join lateral (
        select rl.order_line_id as line_id, rl.amount_fen, rl.quantity from refund_lines rl where rl.refund_id = f.id
        union all
        select null, f.amount_fen - coalesce((select sum(amount_fen) from refund_lines where refund_id = f.id), 0), 0
      ) x
      left join order_lines l on l.id = x.line_id left join products p on p.id = l.product_id
    where f.status = 'refunded' and ${refundAt} >= ${fromAt}::timestamptz and ${refundAt} < ${toAt}::timestamptz
      and (x.line_id is not null or x.amount_fen <> 0) ${keep(r, refundAt)}
    union all
    -- pickups, on the day scanned (order_lines_picked_up_idx)
    select ${dayOf(sql`l.picked_up_at`, tz)}, o.pickup_point_id, p.category, ${memberAt},
      0, 0, 0, 0, 0, 0, 0, 1, 0
    from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id
    where o.kind = 'goods' and o.region_id = ${regionId}
      and l.picked_up_at >= ${fromAt}::timestamptz and l.picked_up_at < ${toAt}::timestamptz ${keep(r, sql`l.picked_up_at`)}
  ) f
  group by day, pickup_point_id, category, member`;
}

/**
 * Columns: region_id, day, tenths, orders. Goods orders made ready on the day (their goods arrived
 * at the pickup point), by the tenths of an hour from payment to ready, rounded down
 * (orders_ready_idx).
 */
export function readySelect(r: RegionRange): SQL {
  const { regionId, tz, fromAt, toAt } = r;
  return sql`
  select ${regionId}::uuid as region_id, ${dayOf(sql`o.ready_at`, tz)} as day,
    floor(extract(epoch from o.ready_at - o.paid_at) / 360)::int as tenths, count(*)::bigint as orders
  from orders o
  where o.ready_at >= ${fromAt}::timestamptz and o.ready_at < ${toAt}::timestamptz and o.kind = 'goods'
    and o.region_id = ${regionId} and o.paid_at is not null ${keep(r, sql`o.ready_at`)}
  group by 2, 3`;
}

/**
 * Columns: region_id, day, user_id, pickup_point_id, member, orders, gmv_fen, first_purchase, days_to_second.
 * A paid goods order's rank among its customer's paid goods orders (by payment, then id) is read
 * from the two before it at most (orders_user_paid_idx).
 */
export function customersSelect(r: RegionRange): SQL {
  const { regionId, tz, fromAt, toAt } = r;
  return sql`
  select ${regionId}::uuid as region_id, s.day, s.user_id, s.pickup_point_id, s.member, count(*)::int as orders,
    sum(s.total_fen)::bigint as gmv_fen, bool_or(s.rank = 0) as first_purchase,
    max(case when s.rank = 1 then s.day - s.first_day end)::int as days_to_second
  from (
    select ${dayOf(sql`o.paid_at`, tz)} as day, o.user_id, o.pickup_point_id, ${memberAt} as member, o.total_fen,
      k.rank, ${dayOf(sql`k.first_at`, tz)} as first_day
    from orders o cross join lateral (
      select count(*)::int as rank, min(e.paid_at) as first_at from (
        select e.paid_at from orders e
        where e.user_id = o.user_id and e.kind = 'goods' and e.paid_at is not null
          and (e.paid_at < o.paid_at or (e.paid_at = o.paid_at and e.id < o.id))
        order by e.paid_at limit 2) e) k
    where o.kind = 'goods' and o.region_id = ${regionId} and o.paid_at >= ${fromAt}::timestamptz
      and o.paid_at < ${toAt}::timestamptz ${keep(r, sql`o.paid_at`)}
  ) s
  group by s.day, s.user_id, s.pickup_point_id, s.member`;
}

/**
 * A `kpi_customer_years` mask: 366 bits, bit i set when January 1 of `year` + i days is among
 * `days` (YYYY-MM-DD; days of other years are ignored). Passed as text and cast to `varbit`.
 */
export function yearMask(year: number, days: Iterable<string>): string {
  const bits = new Array<string>(366).fill('0');
  const jan1 = Date.UTC(year, 0, 1);
  for (const d of days) if (Number(d.slice(0, 4)) === year) bits[Math.round((Date.parse(d) - jan1) / 86_400_000)] = '1';
  return bits.join('');
}
