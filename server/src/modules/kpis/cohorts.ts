import { sql, type SQL } from 'drizzle-orm';
import { pgArray, rows, type Db } from '../../db/client.js';
import { addDays, businessDate, DEFAULT_TIME_ZONE, localTime } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { notFound } from '../../lib/errors.js';
import { ROLLUP_GRACE_MINUTES } from '../analytics/rollups.js';
import { customersSelect, factsSelect, type RegionRange } from './facts.js';

/**
 * Weekly cohorts and leader productivity by month (decision 046), from the same daily facts as
 * the KPI page: closed days from the rollups, today from its rows so far and the events since
 * raw, the others raw by the same statement.
 *
 * - A customer's cohort is the week (Monday to Sunday, business days of the order's region) of
 *   her first paid order ever. Week 0's share is of the cohort who paid at least 2 orders in that
 *   week; week k's (k ≥ 1) of those who paid an order in the k-th week after it. The median days
 *   to the second purchase is over the cohort's customers who made one (so far).
 * - A leader's month is the net GMV (GMV − refunds, by the facts' days) of the pickup point she
 *   leads now, over the calendar month of business days (the current one so far).
 */
interface Plan {
  ids: string;
  clean: SQL;
  raw: RegionRange[];
}

async function planDays(
  db: Db,
  opts: { scope: RegionScope; regionIds?: readonly string[]; from: (today: string) => string; now: Date },
): Promise<Plan & { today: string }> {
  const wanted = opts.regionIds?.length ? [...new Set(opts.regionIds)] : null;
  const nowAt = opts.now.toISOString();
  const found = await rows<{ id: string; tz: string; rolled: string | null; through: string | null }>(
    db,
    sql`select r.id, r.time_zone as tz,
      (select string_agg(to_char(a.day, 'YYYY-MM-DD'), ',') from kpi_days a
       where a.region_id = r.id and a.time_zone = r.time_zone and a.day < (${nowAt}::timestamptz at time zone r.time_zone)::date
         and a.rolled_at >= ((a.day + 1)::timestamp at time zone r.time_zone) + make_interval(mins => ${ROLLUP_GRACE_MINUTES})) as rolled,
      (select max(a.rolled_through) from kpi_days a
       where a.region_id = r.id and a.time_zone = r.time_zone and a.day = (${nowAt}::timestamptz at time zone r.time_zone)::date
         and a.rolled_through <= ${nowAt}::timestamptz) as through
    from regions r
    where ${inScope(opts.scope, sql`r.id`)} ${wanted ? sql`and r.id = any(${pgArray(wanted)}::uuid[])` : sql``}
    order by r.created_at, r.id`,
  );
  if (wanted && found.length < wanted.length) throw notFound('Region');
  const todays = found.map((r) => businessDate(opts.now, r.tz));
  const today = [...todays, businessDate(opts.now, found[0]?.tz ?? DEFAULT_TIME_ZONE)].sort().at(-1)!;
  const from = opts.from(today);
  const pairs: [string, string][] = [];
  const raw: RegionRange[] = [];
  found.forEach((r, i) => {
    const rolled = new Set(r.rolled ? r.rolled.split(',') : []);
    const days: string[] = [];
    for (let d = from; d <= todays[i]; d = addDays(d, 1)) {
      if (rolled.has(d)) pairs.push([r.id, d]);
      else if (d === todays[i] && r.through) {
        // today so far from its rows (decision 055), the events since raw
        pairs.push([r.id, d]);
        raw.push({
          regionId: r.id,
          tz: r.tz,
          fromAt: new Date(r.through).toISOString(),
          toAt: localTime(addDays(d, 1), '00:00', r.tz).toISOString(),
          days: [d],
        });
      } else days.push(d);
    }
    if (days.length)
      raw.push({
        regionId: r.id,
        tz: r.tz,
        fromAt: localTime(days[0], '00:00', r.tz).toISOString(),
        toAt: localTime(addDays(days[days.length - 1], 1), '00:00', r.tz).toISOString(),
        days,
      });
  });
  return {
    today,
    ids: pgArray(found.map((r) => r.id)),
    clean: sql`select * from unnest(${pgArray(pairs.map((p) => p[0]))}::uuid[], ${pgArray(pairs.map((p) => p[1]))}::date[]) as x(region_id, day)`,
    raw,
  };
}

const unionRaw = (list: RegionRange[], select: (r: RegionRange) => SQL) =>
  list.length ? sql.join([sql``, ...list.map((r) => sql`union all (${select(r)})`)], sql` `) : sql``;

/** Monday of the week of a YYYY-MM-DD date */
export function weekOf(day: string): string {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(day, -dow);
}

export interface Cohort {
  week: string;
  customers: number;
  medianSecondDays: number | null;
  /** share of the cohort active in week k (index k), up to the current week */
  shares: number[];
}

export async function weeklyCohorts(
  db: Db,
  opts: { scope?: RegionScope; regionIds?: readonly string[]; weeks?: number; now?: Date },
): Promise<{ from: string; today: string; cohorts: Cohort[] }> {
  const now = opts.now ?? new Date();
  const weeks = opts.weeks ?? 12;
  const plan = await planDays(db, {
    scope: opts.scope ?? null,
    regionIds: opts.regionIds,
    from: (today) => addDays(weekOf(today), -7 * (weeks - 1)),
    now,
  });
  const from = addDays(weekOf(plan.today), -7 * (weeks - 1));
  const found = await rows<{ week: string; k: number; customers: number; active: number; median: number | null }>(
    db,
    sql`
    with clean as (${plan.clean}),
    custs as materialized (
      select c.day, c.user_id, c.orders, c.first_purchase, c.days_to_second
      from kpi_day_customers c join clean x on x.region_id = c.region_id and x.day = c.day
      ${unionRaw(plan.raw, (r) => sql`select day, user_id, orders, first_purchase, days_to_second from (${customersSelect(r)}) raw`)}),
    cohort as (
      select user_id, date_trunc('week', min(day))::date as week from custs where first_purchase group by user_id),
    sizes as (
      select co.week, count(*)::int as customers,
        percentile_cont(0.5) within group (order by s.days) as median
      from cohort co left join (select user_id, max(days_to_second) as days from custs group by user_id) s on s.user_id = co.user_id
      group by co.week),
    active as (
      select co.week, (date_trunc('week', c.day)::date - co.week) / 7 as k, c.user_id, sum(c.orders) as orders
      from custs c join cohort co on co.user_id = c.user_id
      group by 1, 2, 3)
    select to_char(s.week, 'YYYY-MM-DD') as week, a.k, s.customers, s.median,
      count(a.user_id) filter (where a.k > 0 or a.orders >= 2)::int as active
    from sizes s left join active a on a.week = s.week
    group by s.week, a.k, s.customers, s.median order by s.week, a.k`,
  );
  const byWeek = new Map<string, Cohort>();
  for (const r of found) {
    const c = byWeek.get(r.week) ?? {
      week: r.week,
      customers: Number(r.customers),
      medianSecondDays: r.median === null ? null : Number(r.median),
      shares: Array.from(
        { length: Math.round((Date.parse(weekOf(plan.today)) - Date.parse(r.week)) / (7 * 86_400_000)) + 1 },
        () => 0,
      ),
    };
    if (r.k !== null && Number(r.k) < c.shares.length) c.shares[Number(r.k)] = Number(r.active) / c.customers;
    byWeek.set(r.week, c);
  }
  return { from, today: plan.today, cohorts: [...byWeek.values()] };
}

export interface LeaderMonths {
  leaderId: string;
  name: string;
  pickupPointName: string;
  /** net GMV (fen) per month of `months`, oldest first */
  netFen: number[];
}

/** YYYY-MM of the month `back` months before the one of `day` */
const monthBefore = (day: string, back: number) => {
  const [y, m] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 - back, 1));
  return t.toISOString().slice(0, 7);
};

export async function leaderMonths(
  db: Db,
  opts: { scope?: RegionScope; regionIds?: readonly string[]; months?: number; now?: Date },
): Promise<{ months: string[]; leaders: LeaderMonths[] }> {
  const now = opts.now ?? new Date();
  const count = opts.months ?? 6;
  const plan = await planDays(db, {
    scope: opts.scope ?? null,
    regionIds: opts.regionIds,
    from: (today) => `${monthBefore(today, count - 1)}-01`,
    now,
  });
  const months = Array.from({ length: count }, (_, i) => monthBefore(plan.today, count - 1 - i));
  const found = await rows<{ leader_id: string; name: string; point: string; month: string; net: number }>(
    db,
    sql`
    with clean as (${plan.clean}),
    facts as (
      select f.day, f.pickup_point_id, f.gmv_fen, f.refund_fen
      from kpi_day_point_facts f join clean x on x.region_id = f.region_id and x.day = f.day
      ${unionRaw(plan.raw, (r) => sql`select day, pickup_point_id, gmv_fen, refund_fen from (${factsSelect(r)}) raw`)}),
    by_month as (
      select pickup_point_id, to_char(day, 'YYYY-MM') as month, sum(gmv_fen - refund_fen)::bigint as net
      from facts group by 1, 2)
    select l.id as leader_id, u.name, p.name as point, b.month, coalesce(b.net, 0) as net
    from leaders l join users u on u.id = l.user_id join pickup_points p on p.id = l.pickup_point_id
      left join by_month b on b.pickup_point_id = p.id
    where l.status = 'active' and p.region_id = any(${plan.ids}::uuid[])`,
  );
  const byLeader = new Map<string, LeaderMonths>();
  for (const r of found) {
    const l = byLeader.get(r.leader_id) ?? {
      leaderId: r.leader_id,
      name: r.name,
      pickupPointName: r.point,
      netFen: months.map(() => 0),
    };
    const i = r.month ? months.indexOf(r.month) : -1;
    if (i >= 0) l.netFen[i] = Number(r.net);
    byLeader.set(r.leader_id, l);
  }
  return {
    months,
    leaders: [...byLeader.values()].sort(
      (a, b) => b.netFen[count - 1] - a.netFen[count - 1] || a.leaderId.localeCompare(b.leaderId),
    ),
  };
}
