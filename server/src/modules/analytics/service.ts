import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../../db/client.js';
import { ROLLUP_GRACE_MINUTES } from './rollups.js';
import { addDays, businessDate, DEFAULT_TIME_ZONE, localTime } from '../../lib/time.js';

/**
 * The operator dashboard's figures, in one set-based statement: closed days from the daily
 * rollups (rollups.ts), today and any day not rolled up from the raw rows.
 *
 * Definitions (so the numbers can be checked against orders):
 * - A sale is a goods order, counted on the business day (Asia/Shanghai) of its payment
 *   (`paid_at`), whatever happened to it later; GMV is the sum of what those orders charged
 *   (`total_fen`). Unpaid and never-paid orders do not count; membership fees are not GMV.
 * - Refunds are money actually returned on goods orders (refund rows with status `refunded`,
 *   every kind: cancellation, shortage, arrival loss, after-sales, price adjustment), counted on
 *   the day they were decided. `netFen` = GMV − refunds of the same period.
 * - Buyers are distinct customers with a paid order; the average order value is GMV ÷ paid
 *   orders, rounded to the fen.
 * - Category, product and leader figures split the period's GMV by what each order line paid
 *   (the lines' `paid_fen` sum to the order's total), so they add up to the period's GMV.
 */
export interface Kpis {
  gmvFen: number;
  paidOrders: number;
  buyers: number;
  avgOrderFen: number;
  refundFen: number;
  refunds: number;
  netFen: number;
}
export interface Dashboard {
  timeZone: string;
  today: string;
  from: string;
  days: number;
  generatedAt: string;
  todayKpis: Kpis;
  periodKpis: Kpis;
  daily: { date: string; gmvFen: number; paidOrders: number; refundFen: number }[];
  hourly: { hour: number; todayFen: number; periodFen: number }[];
  categories: { code: string; nameZh: string; nameEn: string; gmvFen: number; quantity: number }[];
  topProducts: {
    productId: string;
    name: string;
    unit: string;
    category: string;
    gmvFen: number;
    quantity: number;
    orders: number;
  }[];
  leaders: {
    leaderId: string;
    name: string;
    pickupPointId: string;
    pickupPointName: string;
    gmvFen: number;
    paidOrders: number;
    buyers: number;
  }[];
}

const TOP = 10;

interface Raw {
  kpis: { today: Omit<Kpis, 'avgOrderFen' | 'netFen'>; period: Omit<Kpis, 'avgOrderFen' | 'netFen'> };
  daily: Dashboard['daily'] | null;
  hourly: Dashboard['hourly'] | null;
  categories: Dashboard['categories'] | null;
  products: Dashboard['topProducts'] | null;
  leaders: Dashboard['leaders'] | null;
}

export async function dashboard(db: Db, opts: { days: number; now?: Date }): Promise<Dashboard> {
  const tz = DEFAULT_TIME_ZONE;
  const now = opts.now ?? new Date();
  const today = businessDate(now, tz);
  const from = addDays(today, -(opts.days - 1));
  const todayAt = localTime(today, '00:00', tz).toISOString();
  const endAt = localTime(addDays(today, 1), '00:00', tz).toISOString();

  // Closed days come from the daily rollups when rolled up (after the grace past their midnight)
  // and not dirty; every other day of the period — today always — from the raw rows (decision 021).
  const rolled = new Set(
    (
      await rows<{ day: string }>(
        db,
        sql`
        select to_char(day, 'YYYY-MM-DD') as day from analytics_days
        where day >= ${from}::date and day < ${today}::date and not dirty
          and rolled_at >= ((day + 1)::timestamp at time zone ${tz}) + make_interval(mins => ${ROLLUP_GRACE_MINUTES})`,
      )
    ).map((r) => r.day),
  );
  const period = Array.from({ length: opts.days }, (_, i) => addDays(from, i));
  const rawDays = period.filter((d) => !rolled.has(d));
  const rawFromAt = localTime(rawDays[0], '00:00', tz).toISOString();
  const raw = pgArray(rawDays);
  const clean = pgArray([...rolled]);

  // Each CTE is read once per figure; `paid` and `lines` (raw days only) are materialized a single time.
  const result = await one<{ result: Raw | string }>(
    db,
    sql`
    with paid as materialized (
      select o.id, o.user_id, o.total_fen, o.pickup_point_id, o.paid_at >= ${todayAt}::timestamptz as is_today,
        (o.paid_at at time zone ${tz}) as local_at
      from orders o
      where o.kind = 'goods' and o.paid_at >= ${rawFromAt}::timestamptz and o.paid_at < ${endAt}::timestamptz
        and (o.paid_at at time zone ${tz})::date = any(${raw}::date[])),
    refunded as materialized (
      select r.amount_fen, coalesce(r.decided_at, r.created_at) >= ${todayAt}::timestamptz as is_today,
        (coalesce(r.decided_at, r.created_at) at time zone ${tz})::date as day
      from refunds r join orders o on o.id = r.order_id and o.kind = 'goods'
      where r.status = 'refunded'
        and coalesce(r.decided_at, r.created_at) >= ${rawFromAt}::timestamptz and coalesce(r.decided_at, r.created_at) < ${endAt}::timestamptz
        and (coalesce(r.decided_at, r.created_at) at time zone ${tz})::date = any(${raw}::date[])),
    lines as materialized (
      select l.product_id, l.quantity, l.paid_fen, l.order_id from order_lines l join paid p on p.id = l.order_id),
    rolled as materialized (
      select day, gmv_fen, paid_orders, refund_fen, refunds from analytics_days where day = any(${clean}::date[])),
    days as (
      select d::date as day from generate_series(${from}::date, ${today}::date, interval '1 day') d),
    daily_sales as (
      select local_at::date as day, sum(total_fen)::bigint as gmv, count(*)::int as orders from paid group by 1
      union all select day, gmv_fen, paid_orders from rolled),
    daily_refunds as (
      select day, sum(amount_fen)::bigint as refund, count(*)::int as n from refunded group by 1
      union all select day, refund_fen, refunds from rolled),
    hours as (select generate_series(0, 23) as hour),
    hourly as (
      select hour, sum(period)::bigint as period, sum(today)::bigint as today from (
        select extract(hour from local_at)::int as hour, sum(total_fen) as period,
          coalesce(sum(total_fen) filter (where is_today), 0) as today
        from paid group by 1
        union all select hour, gmv_fen, 0 from analytics_day_hours where day = any(${clean}::date[])) h
      group by 1),
    by_product as (
      select product_id, sum(gmv)::bigint as gmv, sum(quantity)::bigint as quantity, sum(orders)::int as orders from (
        select product_id, sum(paid_fen) as gmv, sum(quantity) as quantity, count(distinct order_id) as orders
        from lines group by 1
        union all select product_id, gmv_fen, quantity, orders from analytics_day_products where day = any(${clean}::date[])) p
      group by 1),
    by_point as (
      select pickup_point_id, sum(gmv)::bigint as gmv, sum(orders)::int as orders from (
        select pickup_point_id, sum(total_fen) as gmv, count(*) as orders from paid where pickup_point_id is not null group by 1
        union all select pickup_point_id, gmv_fen, paid_orders from analytics_day_points where day = any(${clean}::date[])) p
      group by 1),
    buyers as (
      select user_id, pickup_point_id from paid
      union all select user_id, pickup_point_id from analytics_day_buyers where day = any(${clean}::date[])),
    top_leaders as (
      select l.id as leader_id, u.name, pp.id as pickup_point_id, pp.name as point_name, b.gmv, b.orders
      from by_point b
      join leaders l on l.pickup_point_id = b.pickup_point_id and l.status = 'active'
      join users u on u.id = l.user_id
      join pickup_points pp on pp.id = b.pickup_point_id
      order by b.gmv desc, l.id limit ${TOP}),
    -- distinct buyers of the top points, in one pass over the buyers
    top_buyers as (
      select pickup_point_id, count(distinct user_id)::int as buyers from buyers
      where pickup_point_id in (select pickup_point_id from top_leaders) group by 1)
    select json_build_object(
      'kpis', json_build_object(
        'today', (select json_build_object(
          'gmvFen', coalesce(sum(total_fen), 0), 'paidOrders', count(*), 'buyers', count(distinct user_id),
          'refundFen', (select coalesce(sum(amount_fen), 0) from refunded where is_today),
          'refunds', (select count(*) from refunded where is_today))
          from paid where is_today),
        'period', json_build_object(
          'gmvFen', (select coalesce(sum(gmv), 0) from daily_sales), 'paidOrders', (select coalesce(sum(orders), 0) from daily_sales),
          'buyers', (select count(*) from (select distinct user_id from buyers) b),
          'refundFen', (select coalesce(sum(refund), 0) from daily_refunds), 'refunds', (select coalesce(sum(n), 0) from daily_refunds))),
      'daily', (select json_agg(json_build_object('date', to_char(d.day, 'YYYY-MM-DD'), 'gmvFen', coalesce(s.gmv, 0),
          'paidOrders', coalesce(s.orders, 0), 'refundFen', coalesce(r.refund, 0)) order by d.day)
        from days d left join daily_sales s on s.day = d.day left join daily_refunds r on r.day = d.day),
      'hourly', (select json_agg(json_build_object('hour', h.hour, 'todayFen', coalesce(x.today, 0), 'periodFen', coalesce(x.period, 0)) order by h.hour)
        from hours h left join hourly x on x.hour = h.hour),
      'categories', (select json_agg(json_build_object('code', c.code, 'nameZh', c.name_zh, 'nameEn', c.name_en,
          'gmvFen', t.gmv, 'quantity', t.quantity) order by t.gmv desc, c.code)
        from (select pr.category, sum(b.gmv) as gmv, sum(b.quantity) as quantity
              from by_product b join products pr on pr.id = b.product_id group by 1) t
        join categories c on c.code = t.category),
      'products', (select json_agg(json_build_object('productId', pr.id, 'name', pr.name, 'unit', pr.unit, 'category', pr.category,
          'gmvFen', b.gmv, 'quantity', b.quantity, 'orders', b.orders) order by b.gmv desc, pr.id)
        from (select * from by_product order by gmv desc, product_id limit ${TOP}) b join products pr on pr.id = b.product_id),
      'leaders', (select json_agg(json_build_object('leaderId', t.leader_id, 'name', t.name, 'pickupPointId', t.pickup_point_id,
          'pickupPointName', t.point_name, 'gmvFen', t.gmv, 'paidOrders', t.orders,
          'buyers', coalesce(tb.buyers, 0)) order by t.gmv desc, t.leader_id)
        from top_leaders t left join top_buyers tb on tb.pickup_point_id = t.pickup_point_id)
    ) as result`,
  );

  const r: Raw = typeof result!.result === 'string' ? JSON.parse(result!.result) : result!.result;
  const kpis = (k: Raw['kpis']['today']): Kpis => {
    const n = {
      gmvFen: Number(k.gmvFen),
      paidOrders: Number(k.paidOrders),
      buyers: Number(k.buyers),
      refundFen: Number(k.refundFen),
      refunds: Number(k.refunds),
    };
    return {
      ...n,
      avgOrderFen: n.paidOrders ? Math.round(n.gmvFen / n.paidOrders) : 0,
      netFen: n.gmvFen - n.refundFen,
    };
  };
  const num = <T extends Record<string, unknown>>(list: T[] | null, keys: (keyof T)[]) =>
    (list ?? []).map((x) => {
      const copy = { ...x };
      for (const k of keys) copy[k] = Number(x[k]) as T[keyof T];
      return copy;
    });
  return {
    timeZone: tz,
    today,
    from,
    days: opts.days,
    generatedAt: now.toISOString(),
    todayKpis: kpis(r.kpis.today),
    periodKpis: kpis(r.kpis.period),
    daily: num(r.daily, ['gmvFen', 'paidOrders', 'refundFen']),
    hourly: num(r.hourly, ['hour', 'todayFen', 'periodFen']),
    categories: num(r.categories, ['gmvFen', 'quantity']),
    topProducts: num(r.products, ['gmvFen', 'quantity', 'orders']),
    leaders: num(r.leaders, ['gmvFen', 'paidOrders', 'buyers']),
  };
}
