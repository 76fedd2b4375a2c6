import { sql, type SQL } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../../db/client.js';
import { ROLLUP_GRACE_MINUTES } from './rollups.js';
import { addDays, businessDate, DEFAULT_TIME_ZONE, localTime } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { notFound } from '../../lib/errors.js';

/**
 * The operator dashboard's figures, in one set-based statement: closed days from the daily
 * rollups (rollups.ts), today and any day not rolled up from the raw rows.
 *
 * Definitions (so the numbers can be checked against orders; decision 030):
 * - A sale is a goods order, counted on the business day of its payment (`paid_at`) in the time
 *   zone of the order's own region, whatever happened to it later; GMV is the sum of what those
 *   orders charged (`total_fen`). Unpaid and never-paid orders do not count; membership fees are not GMV.
 * - Refunds are money actually returned on goods orders (refund rows with status `refunded`,
 *   every kind: cancellation, shortage, arrival loss, after-sales, price adjustment), counted on
 *   the day they were decided in the time zone of the refunded order's region. `netFen` = GMV −
 *   refunds of the same period.
 * - Buyers are distinct customers with a paid order; the average order value is GMV ÷ paid
 *   orders, rounded to the fen.
 * - Category, product and leader figures split the period's GMV by what each order line paid
 *   (the lines' `paid_fen` sum to the order's total), so they add up to the period's GMV.
 * - The regions shown are the caller's (`regionScope`), narrowed to `regionIds` when given.
 *   Each region's "today" is its own business day now; the hourly curve is by the local hour of
 *   the payment in its region. With several regions of different zones shown together, a date D
 *   of the period stands for each region's own business day D (an order on its own region's day):
 *   `today` is the latest of the regions' todays, `from` is `days − 1` days before it, and a region
 *   whose today is still the day before simply has nothing on `today` yet. "Today" figures add each
 *   region's own today. `timeZone` is the zone of the (first) region whose today that is.
 * - `regions` compares the shown regions side by side over the period by these same definitions
 *   (buyers are distinct within each region, so they may add up to more than the period's buyers).
 * - `routes` lists the routes of the shown regions with delivery cost entered for a day of the
 *   period (route_costs, each day a business day of the route's region). `costFen` is the sum of
 *   those entries; `gmvFen` is the GMV (as above) of the period's orders to be collected at a pickup
 *   point that is on the route now; `costShareBps` = costFen ÷ gmvFen in basis points (1/10,000),
 *   rounded, or null when that GMV is 0.
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
  regions: RegionFigures[];
  routes: RouteCost[];
}
export interface RegionFigures extends Kpis {
  regionId: string;
  name: string;
  timeZone: string;
  today: string;
}
export interface RouteCost {
  routeId: string;
  name: string;
  regionId: string;
  costFen: number;
  costDays: number;
  gmvFen: number;
  costShareBps: number | null;
}

const TOP = 10;

type Counts = Omit<Kpis, 'avgOrderFen' | 'netFen'>;
interface Raw {
  kpis: { today: Counts; period: Counts };
  daily: Dashboard['daily'] | null;
  hourly: Dashboard['hourly'] | null;
  categories: Dashboard['categories'] | null;
  products: Dashboard['topProducts'] | null;
  leaders: Dashboard['leaders'] | null;
  regions: (Counts & { regionId: string })[] | null;
  routes:
    | { routeId: string; name: string; regionId: string; costFen: number; costDays: number; gmvFen: number }[]
    | null;
}

interface ShownRegion {
  id: string;
  name: string;
  tz: string;
  /** the days of the period rolled up (closed, past the grace, not dirty, in the region's current zone) */
  rolled: string | null;
  today: string;
}

/**
 * The dashboard of the last `days` business days for the regions in `scope` (null: every region),
 * narrowed to `regionIds` when given; a region outside the scope or unknown is a 404.
 */
export async function dashboard(
  db: Db,
  opts: { days: number; now?: Date; scope?: RegionScope; regionIds?: readonly string[] },
): Promise<Dashboard> {
  const now = opts.now ?? new Date();
  const scope = opts.scope ?? null;
  const wanted = opts.regionIds?.length ? [...new Set(opts.regionIds)] : null;
  const nowAt = now.toISOString();
  // The shown regions and, per region, which of its days that may be in the period are rolled up.
  const found = await rows<Omit<ShownRegion, 'today'>>(
    db,
    sql`
    select r.id, r.name, r.time_zone as tz,
      (select string_agg(to_char(a.day, 'YYYY-MM-DD'), ',') from analytics_days a
       where a.region_id = r.id and a.day >= (${nowAt}::timestamptz at time zone r.time_zone)::date - ${opts.days}::int
         and a.day < (${nowAt}::timestamptz at time zone r.time_zone)::date and not a.dirty and a.time_zone = r.time_zone
         and a.rolled_at >= ((a.day + 1)::timestamp at time zone r.time_zone) + make_interval(mins => ${ROLLUP_GRACE_MINUTES})) as rolled
    from regions r
    where ${inScope(scope, sql`r.id`)} ${wanted ? sql`and r.id = any(${pgArray(wanted)}::uuid[])` : sql``}
    order by r.created_at, r.id`,
  );
  if (wanted && found.length < wanted.length) throw notFound('Region');
  const shown: ShownRegion[] = found.map((r) => ({ ...r, today: businessDate(now, r.tz) }));

  const lead = shown.reduce<ShownRegion | null>((best, r) => (!best || r.today > best.today ? r : best), null);
  const tz = lead?.tz ?? DEFAULT_TIME_ZONE;
  const today = lead?.today ?? businessDate(now, tz);
  const from = addDays(today, -(opts.days - 1));

  // Closed days come from the daily rollups when rolled up (after the grace past their midnight)
  // and not dirty; every other (region, day) of the period — each region's today always — from the
  // raw rows (decision 021).
  const rawByRegion: { id: string; tz: string; days: string[] }[] = [];
  const cleanPairs: [string, string][] = [];
  let rawFrom = Number.POSITIVE_INFINITY;
  let end = localTime(addDays(today, 1), '00:00', tz).getTime();
  for (const r of shown) {
    const rolled = new Set(r.rolled ? r.rolled.split(',') : []);
    const raw = { id: r.id, tz: r.tz, days: [] as string[] };
    for (let d = from; d <= r.today; d = addDays(d, 1)) {
      if (rolled.has(d)) cleanPairs.push([r.id, d]);
      else {
        raw.days.push(d);
        rawFrom = Math.min(rawFrom, localTime(d, '00:00', r.tz).getTime());
      }
    }
    if (raw.days.length) rawByRegion.push(raw);
    end = Math.max(end, localTime(addDays(r.today, 1), '00:00', r.tz).getTime());
  }
  const rawFromAt = new Date(Number.isFinite(rawFrom) ? rawFrom : end).toISOString();
  const endAt = new Date(end).toISOString();
  const ids = pgArray(shown.map((r) => r.id));
  // An instant `at` of an order of `o` falls on one of its region's raw days: one condition per
  // region (a handful), so the orders are read in one pass and filtered, as before regions.
  const onRawDay = (at: SQL) =>
    rawByRegion.length
      ? sql.join(
          rawByRegion.map(
            (r) =>
              sql`(o.region_id = ${r.id} and (${at} at time zone ${r.tz})::date = any(${pgArray(r.days)}::date[]))`,
          ),
          sql` or `,
        )
      : sql`false`;
  const pairs = (list: [string, string][]) =>
    sql`select * from unnest(${pgArray(list.map((p) => p[0]))}::uuid[], ${pgArray(list.map((p) => p[1]))}::date[]) as x(region_id, day)`;

  // Each CTE is read once per figure; `paid` and `lines` (raw days only) are materialized a single time.
  const result = await one<{ result: Raw | string }>(
    db,
    sql`
    with sel as (
      select s.region_id, s.tz, s.today from unnest(${ids}::uuid[], ${pgArray(shown.map((r) => r.tz))}::text[],
        ${pgArray(shown.map((r) => r.today))}::date[]) as s(region_id, tz, today)),
    clean_days as materialized (${pairs(cleanPairs)}),
    paid as materialized (
      select o.id, o.user_id, o.total_fen, o.pickup_point_id, o.region_id, x.local_at, x.local_at::date = s.today as is_today
      from orders o join sel s on s.region_id = o.region_id
        cross join lateral (select o.paid_at at time zone s.tz as local_at) x
      where o.kind = 'goods' and o.paid_at >= ${rawFromAt}::timestamptz and o.paid_at < ${endAt}::timestamptz
        and (${onRawDay(sql`o.paid_at`)})),
    refunded as materialized (
      select r.amount_fen, o.region_id, x.day, x.day = s.today as is_today
      from refunds r join orders o on o.id = r.order_id and o.kind = 'goods' join sel s on s.region_id = o.region_id
        cross join lateral (select (coalesce(r.decided_at, r.created_at) at time zone s.tz)::date as day) x
      where r.status = 'refunded'
        and coalesce(r.decided_at, r.created_at) >= ${rawFromAt}::timestamptz and coalesce(r.decided_at, r.created_at) < ${endAt}::timestamptz
        and (${onRawDay(sql`coalesce(r.decided_at, r.created_at)`)})),
    lines as materialized (
      select l.product_id, l.quantity, l.paid_fen, l.order_id from order_lines l join paid p on p.id = l.order_id),
    rolled as materialized (
      select a.region_id, a.day, a.gmv_fen, a.paid_orders, a.refund_fen, a.refunds
      from analytics_days a join clean_days c on c.region_id = a.region_id and c.day = a.day),
    days as (
      select d::date as day from generate_series(${from}::date, ${today}::date, interval '1 day') d),
    daily_sales as (
      select region_id, local_at::date as day, sum(total_fen)::bigint as gmv, count(*)::int as orders from paid group by 1, 2
      union all select region_id, day, gmv_fen, paid_orders from rolled),
    daily_refunds as (
      select region_id, day, sum(amount_fen)::bigint as refund, count(*)::int as n from refunded group by 1, 2
      union all select region_id, day, refund_fen, refunds from rolled),
    sales_by_day as (select day, sum(gmv)::bigint as gmv, sum(orders)::int as orders from daily_sales group by 1),
    refunds_by_day as (select day, sum(refund)::bigint as refund from daily_refunds group by 1),
    hours as (select generate_series(0, 23) as hour),
    hourly as (
      select hour, sum(period)::bigint as period, sum(today)::bigint as today from (
        select extract(hour from local_at)::int as hour, sum(total_fen) as period,
          coalesce(sum(total_fen) filter (where is_today), 0) as today
        from paid group by 1
        union all select h.hour, h.gmv_fen, 0 from analytics_day_hours h
          join clean_days c on c.region_id = h.region_id and c.day = h.day) h
      group by 1),
    by_product as (
      select product_id, sum(gmv)::bigint as gmv, sum(quantity)::bigint as quantity, sum(orders)::int as orders from (
        select product_id, sum(paid_fen) as gmv, sum(quantity) as quantity, count(distinct order_id) as orders
        from lines group by 1
        union all select a.product_id, a.gmv_fen, a.quantity, a.orders from analytics_day_products a
          join clean_days c on c.region_id = a.region_id and c.day = a.day) p
      group by 1),
    by_point as (
      select pickup_point_id, sum(gmv)::bigint as gmv, sum(orders)::int as orders from (
        select pickup_point_id, sum(total_fen) as gmv, count(*) as orders from paid where pickup_point_id is not null group by 1
        union all select a.pickup_point_id, a.gmv_fen, a.paid_orders from analytics_day_points a
          join clean_days c on c.region_id = a.region_id and c.day = a.day) p
      group by 1),
    buyers as (
      select user_id, pickup_point_id, region_id from paid
      union all select b.user_id, b.pickup_point_id, b.region_id from analytics_day_buyers b
        join clean_days c on c.region_id = b.region_id and c.day = b.day),
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
      where pickup_point_id in (select pickup_point_id from top_leaders) group by 1),
    -- delivery cost per route over each region's days of the period, against the GMV of its points
    route_cost as (
      select rc.route_id, sum(rc.cost_fen)::bigint as cost, count(*)::int as n
      from route_costs rc join routes rt on rt.id = rc.route_id join sel s on s.region_id = rt.region_id
      where rc.day >= ${from}::date and rc.day <= s.today group by 1),
    route_gmv as (
      select pp.route_id, sum(b.gmv)::bigint as gmv from by_point b join pickup_points pp on pp.id = b.pickup_point_id
      where pp.route_id in (select route_id from route_cost) group by 1)
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
        from days d left join sales_by_day s on s.day = d.day left join refunds_by_day r on r.day = d.day),
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
        from top_leaders t left join top_buyers tb on tb.pickup_point_id = t.pickup_point_id),
      'regions', (select json_agg(json_build_object('regionId', s.region_id, 'gmvFen', coalesce(ds.gmv, 0),
          'paidOrders', coalesce(ds.orders, 0), 'buyers', coalesce(rb.buyers, 0), 'refundFen', coalesce(dr.refund, 0),
          'refunds', coalesce(dr.n, 0)))
        from sel s
        left join (select region_id, sum(gmv)::bigint as gmv, sum(orders)::int as orders from daily_sales group by 1) ds
          on ds.region_id = s.region_id
        left join (select region_id, sum(refund)::bigint as refund, sum(n)::int as n from daily_refunds group by 1) dr
          on dr.region_id = s.region_id
        -- one region: its buyers are the period's (read below), not counted in a second pass
        left join ${
          shown.length > 1
            ? sql`(select region_id, count(distinct user_id)::int as buyers from buyers group by 1)`
            : sql`(select null::uuid as region_id, 0 as buyers)`
        } rb on rb.region_id = s.region_id),
      'routes', (select json_agg(json_build_object('routeId', rt.id, 'name', rt.name, 'regionId', rt.region_id,
          'costFen', c.cost, 'costDays', c.n, 'gmvFen', coalesce(g.gmv, 0)) order by rt.region_id, rt.name, rt.id)
        from route_cost c join routes rt on rt.id = c.route_id left join route_gmv g on g.route_id = c.route_id)
    ) as result`,
  );

  const r: Raw = typeof result!.result === 'string' ? JSON.parse(result!.result) : result!.result;
  const kpis = (k: Counts): Kpis => {
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
  const period = kpis(r.kpis.period);
  return {
    timeZone: tz,
    today,
    from,
    days: opts.days,
    generatedAt: now.toISOString(),
    todayKpis: kpis(r.kpis.today),
    periodKpis: period,
    daily: num(r.daily, ['gmvFen', 'paidOrders', 'refundFen']),
    hourly: num(r.hourly, ['hour', 'todayFen', 'periodFen']),
    categories: num(r.categories, ['gmvFen', 'quantity']),
    topProducts: num(r.products, ['gmvFen', 'quantity', 'orders']),
    leaders: num(r.leaders, ['gmvFen', 'paidOrders', 'buyers']),
    regions: shown.map((s) => {
      const k = (r.regions ?? []).find((x) => x.regionId === s.id);
      const zero = { gmvFen: 0, paidOrders: 0, buyers: 0, refundFen: 0, refunds: 0 };
      const figures = kpis(k ?? zero);
      if (shown.length === 1) figures.buyers = period.buyers;
      return { regionId: s.id, name: s.name, timeZone: s.tz, today: s.today, ...figures };
    }),
    routes: num(r.routes, ['costFen', 'costDays', 'gmvFen']).map((x) => ({
      ...x,
      costShareBps: x.gmvFen ? Math.round((x.costFen * 10_000) / x.gmvFen) : null,
    })),
  };
}
