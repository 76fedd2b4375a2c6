import { sql, type SQL } from 'drizzle-orm';
import { exec, pgArray, rows, type Db } from '../../db/client.js';
import { addDays, businessDate, DEFAULT_TIME_ZONE, localTime } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { notFound, validation } from '../../lib/errors.js';
import { ROLLUP_GRACE_MINUTES } from '../analytics/rollups.js';
import { REGISTRATION_LAG_DAYS } from './rollups.js';
import { customersSelect, factsSelect, readySelect, type RegionRange, yearMask } from './facts.js';
import {
  change,
  type Dimension,
  KPIS,
  kpiStatus,
  type KpiDef,
  type KpiStatus,
  months,
  ratio,
  UNAVAILABLE,
} from './registry.js';

/**
 * The KPI page (decision 046): every KPI of the registry over a period `from`..`to` (business
 * days, each region's own), against the previous period of the same length, with a daily series
 * and, when asked, a drill-down by region, pickup point, leader, category or member/non-member.
 * Closed days come from the rollups (rollups.ts), every other day from the raw rows by the same
 * statement (facts.ts). Additive facts are summed in JavaScript by whatever the drill-down needs;
 * distinct customers, repurchasers and the median are counted in SQL over the per-customer rows.
 */

export type Values = Record<string, number | null>;
export interface KpiFigure extends Omit<KpiDef, 'dims'> {
  dims: Dimension[];
  value: number | null;
  previous: number | null;
  change: number | null;
  status: KpiStatus;
}
export interface KpiReport {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  days: number;
  today: string;
  generatedAt: string;
  kpis: KpiFigure[];
  daily: { date: string; values: Values }[];
  breakdown: { dim: Dimension; rows: { key: string; labelZh: string; labelEn: string; values: Values }[] } | null;
  unavailable: { nameZh: string; nameEn: string; whyZh: string; whyEn: string }[];
}

interface Shown {
  id: string;
  name: string;
  tz: string;
  /** the days rolled up (closed, rolled after their grace, in the region's zone) */
  rolled: string | null;
  /** today's rows hold its events before this instant (decision 055) */
  through: string | null;
  today: string;
}

/** Additive sums of facts; `Sums` of a key (a drill-down row or the whole) and period. */
interface Sums {
  gmv: number;
  units: number;
  flash: number;
  refund: number;
  short: number;
  errors: number;
  picked: number;
  /** net GMV of points with an active leader */
  ledNet: number;
  /** paid orders of members (a membership active at payment) and of the others */
  memberOrders: number;
  otherOrders: number;
}
const zeroSums = (): Sums => ({
  gmv: 0,
  units: 0,
  flash: 0,
  refund: 0,
  short: 0,
  errors: 0,
  picked: 0,
  ledNet: 0,
  memberOrders: 0,
  otherOrders: 0,
});

interface CustomerAgg {
  per: 'cur' | 'prev';
  key: string | null;
  buyers: number;
  repurchasers: number;
  member_buyers: number;
  other_buyers: number;
}
interface PenetrationAgg {
  per: 'cur' | 'prev';
  key: string | null;
  buyers: number;
  members: number;
}
interface RegistrationAgg {
  per: 'cur' | 'prev';
  day: string;
  key: string;
  registered: number;
  converted: number;
}

const MAX_DAYS = 366;

/**
 * One range per run of consecutive raw days (sorted): a run's instants bound the raw statement's
 * index scan, so the empty days before a region's first order cost nothing next to today's.
 */
function ranges(r: { id: string; tz: string }, list: readonly string[]): RegionRange[] {
  const runs: string[][] = [];
  for (const d of list) {
    const run = runs[runs.length - 1];
    if (run && addDays(run[run.length - 1], 1) === d) run.push(d);
    else runs.push([d]);
  }
  return runs.map((run) => ({
    regionId: r.id,
    tz: r.tz,
    fromAt: localTime(run[0], '00:00', r.tz).toISOString(),
    toAt: localTime(addDays(run[run.length - 1], 1), '00:00', r.tz).toISOString(),
    days: run,
  }));
}

export async function kpiReport(
  db: Db,
  opts: {
    scope?: RegionScope;
    regionIds?: readonly string[];
    from?: string;
    to?: string;
    /** without `from`: the last `days` days to `to` (default 30) */
    days?: number;
    dim?: Dimension;
    now?: Date;
  },
): Promise<KpiReport> {
  const now = opts.now ?? new Date();
  const scope = opts.scope ?? null;
  const wanted = opts.regionIds?.length ? [...new Set(opts.regionIds)] : null;
  const nowAt = now.toISOString();
  const found = await rows<Omit<Shown, 'today'>>(
    db,
    sql`select r.id, r.name, r.time_zone as tz, k.rolled, k.through
    from regions r cross join lateral (
      select string_agg(to_char(a.day, 'YYYY-MM-DD'), ',') filter (where a.state = 'rolled') as rolled,
        max(a.rolled_through) filter (where a.state = 'today') as through
      from (
        select a.day, a.rolled_through,
          case when a.time_zone <> r.time_zone then null
            when a.day < (${nowAt}::timestamptz at time zone r.time_zone)::date
              and a.rolled_at >= ((a.day + 1)::timestamp at time zone r.time_zone) + make_interval(mins => ${ROLLUP_GRACE_MINUTES}) then 'rolled'
            when a.day = (${nowAt}::timestamptz at time zone r.time_zone)::date and a.rolled_through <= ${nowAt}::timestamptz then 'today'
            end as state
        from kpi_days a
        where a.region_id = r.id
          ${opts.from ? sql`and a.day >= ${opts.from}::date - ${MAX_DAYS + 90}::int` : sql`and a.day >= (${nowAt}::timestamptz at time zone r.time_zone)::date - 460`}) a) k
    where ${inScope(scope, sql`r.id`)} ${wanted ? sql`and r.id = any(${pgArray(wanted)}::uuid[])` : sql``}
    order by r.created_at, r.id`,
  );
  if (wanted && found.length < wanted.length) throw notFound('Region');
  const shown: Shown[] = found.map((r) => ({ ...r, today: businessDate(now, r.tz) }));
  const today = shown.reduce((t, r) => [t, r.today].sort()[1], businessDate(now, shown[0]?.tz ?? DEFAULT_TIME_ZONE));
  const to = opts.to ?? today;
  const from = opts.from ?? addDays(to, -((opts.days ?? 30) - 1));
  if (from > to) throw validation('from is after to', { field: 'from' });
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (days > MAX_DAYS) throw validation(`A period is at most ${MAX_DAYS} days`, { field: 'from' });
  const previousTo = addDays(from, -1);
  const previousFrom = addDays(from, -days);
  // customers are read from 90 days before the previous period's end (penetration)
  const custFrom = [addDays(previousTo, -89), previousFrom].sort()[0];
  const dim = opts.dim ?? null;

  // per region: which days are rolled up; the others (up to its today) are read raw, today from
  // its rows so far and raw since they were rolled
  const unclean: [string, string][] = []; // the days read raw: any rows they have are left out
  const rawFacts: RegionRange[] = [];
  const rawCustomers: RegionRange[] = [];
  const rolledOf = new Map<string, Set<string>>();
  // the days whose customers are in `kpi_customer_years`: the rolled ones and today so far
  const foldedOf = new Map<string, Set<string>>();
  for (const r of shown) {
    const rolled = new Set(r.rolled ? r.rolled.split(',') : []);
    rolledOf.set(r.id, rolled);
    foldedOf.set(r.id, r.through ? new Set([...rolled, r.today]) : rolled);
    const rawDays: string[] = [];
    for (let d = custFrom; d <= to && d <= r.today; d = addDays(d, 1)) {
      if (rolled.has(d)) continue;
      if (d === r.today && r.through) {
        const since: RegionRange = {
          regionId: r.id,
          tz: r.tz,
          fromAt: new Date(r.through).toISOString(),
          toAt: localTime(addDays(d, 1), '00:00', r.tz).toISOString(),
          days: [d],
        };
        rawFacts.push(since);
        rawCustomers.push(since);
      } else rawDays.push(d);
    }
    for (const d of rawDays) unclean.push([r.id, d]);
    rawFacts.push(
      ...ranges(
        r,
        rawDays.filter((d) => d >= previousFrom),
      ),
    );
    rawCustomers.push(...ranges(r, rawDays));
  }
  const ids = pgArray(shown.map((r) => r.id));
  // The rolled rows (alias `f`) of the shown regions' days `since`..`to`: a range less the few days
  // read raw, not a join to the rolled days, whose estimate (a row or two) made the planner look up
  // every fact's point in a loop (1.6 s for the year against 0.8 s).
  // Without days read raw there is no anti-join at all.
  const rolledRows = (f: SQL, since: string) =>
    sql`${f}.region_id = any(${ids}::uuid[]) and ${f}.day between ${since}::date and ${to}::date ${
      unclean.length
        ? sql`and not exists (select 1 from unnest(${pgArray(unclean.map((p) => p[0]))}::uuid[], ${pgArray(unclean.map((p) => p[1]))}::date[])
        as u(region_id, day) where u.region_id = ${f}.region_id and u.day = ${f}.day)`
        : sql``
    }`;
  const unionRaw = (list: RegionRange[], select: (r: RegionRange) => SQL) =>
    list.length ? sql.join([sql``, ...list.map((r) => sql`union all (${select(r)})`)], sql` `) : sql``;

  // The facts of a long period and the distinct counts are big aggregates: more memory than the
  // default for these reads only (set local ends with the transaction), so they do not spill to
  // disk, and no JIT compilation, which the unnested days' misestimated costs trigger and which
  // costs more than it saves at these sizes (0.78 s against 0.87 s for 7 days at a year). The
  // page's statements are independent and run at once, each on its own connection; so no parallel
  // workers either, which only compete with the other statements for the same cores (the year by
  // point took 0.90 s without them against 1.05 s with them).
  // `hashed`: no sorts, for statements that count per customer then per key: the planner, which
  // cannot estimate how many customers there are, sorted a year's 231,000 customer-rows to count
  // them by 100 points (90 ms) where a hash takes 30.
  const wide = <T>(query: SQL, opts: { hashed?: boolean } = {}) =>
    db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      await exec(
        tx,
        sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
          set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true),
          set_config('enable_sort', ${opts.hashed ? 'off' : 'on'}, true)`,
      );
      return rows<T>(tx, query);
    });
  // The facts, summed in SQL into what the figures need (a year by point is 73,000 rows of a
  // point, day and membership; shipped and summed in JavaScript they cost more than the rest of
  // the page): per period and drill-down key, per day (the series and the whole's best flash
  // day), per route (delivery cost), and each key's best flash day. `led`: the point has an
  // active leader (leader productivity); `mem`: the orders were members'.
  const factKey =
    dim === 'region'
      ? sql`f.region_id::text`
      : dim === 'point'
        ? sql`coalesce(f.pickup_point_id::text, '')`
        : dim === 'leader'
          ? sql`coalesce(pts.leader_id::text, '')`
          : dim === 'category'
            ? sql`f.category`
            : dim === 'member'
              ? sql`case when f.member then 'member' else 'non-member' end`
              : sql`''`;
  const factSums = sql`sum(gmv_fen)::bigint as gmv, sum(units)::bigint as units, sum(flash_gmv_fen)::bigint as flash,
      sum(refund_fen)::bigint as refund, sum(short_units)::bigint as short, sum(error_lines)::bigint as errors,
      sum(picked_up_lines)::bigint as picked, sum(orders)::bigint as orders`;
  const factRowsQ = wide<
    {
      kind: 'key' | 'day' | 'route' | 'peak';
      per: 'cur' | 'prev';
      key: string | null;
      day: string | null;
      route: string | null;
      led: boolean;
      mem: boolean;
    } & Record<'gmv' | 'units' | 'flash' | 'refund' | 'short' | 'errors' | 'picked' | 'orders', number>
  >(
    sql`
    with facts as (
      select f.region_id, f.day, f.pickup_point_id, ${dim === 'category' ? sql`f.category` : sql`''`} as category, f.member,
        f.gmv_fen, f.units, f.flash_gmv_fen,
        f.refund_fen, f.short_units, f.error_lines, f.picked_up_lines, f.orders
      from ${dim === 'category' ? sql`kpi_day_facts` : sql`kpi_day_point_facts`} f
      where ${rolledRows(sql`f`, previousFrom)}
      ${unionRaw(
        rawFacts,
        (r) =>
          sql`select region_id, day, pickup_point_id, category, member, gmv_fen, units, flash_gmv_fen, refund_fen, short_units,
            error_lines, picked_up_lines, orders from (${factsSelect(r)}) raw`,
      )}),
    pts as (
      select p.id, p.route_id, l.id as leader_id
      from pickup_points p left join leaders l on l.pickup_point_id = p.id and l.status = 'active'
      where p.region_id = any(${ids}::uuid[])),
    keyed as materialized (
      select case when f.day >= ${from}::date then 'cur' else 'prev' end as per, f.day, ${factKey} as key,
        pts.route_id as route, pts.leader_id is not null as led, f.member as mem, f.gmv_fen, f.units, f.flash_gmv_fen,
        f.refund_fen, f.short_units, f.error_lines, f.picked_up_lines, f.orders
      from facts f left join pts on pts.id = f.pickup_point_id
      where f.day between ${previousFrom}::date and ${to}::date)
    select 'key' as kind, per, key, null as day, null::uuid as route, led, mem, ${factSums}
    from keyed group by per, key, led, mem
    union all
    select 'day', per, null, to_char(day, 'YYYY-MM-DD'), null, led, mem, ${factSums}
    from keyed group by per, day, led, mem
    union all
    select 'route', per, null, null, route, false, false, ${factSums}
    from keyed where route is not null group by per, route
    union all
    select 'peak', per, key, null, null, false, false, 0, 0, max(flash)::bigint, 0, 0, 0, 0, 0
    from (select per, key, day, sum(flash_gmv_fen) as flash from keyed group by per, key, day) k group by per, key`,
  );

  // the shown regions' points, their routes and active leaders; categories for labels
  const pointsQ = rows<{
    id: string;
    name: string;
    region_id: string;
    route_id: string;
    leader_id: string | null;
    leader_name: string | null;
  }>(
    db,
    sql`select p.id, p.name, p.region_id, p.route_id, l.id as leader_id, u.name as leader_name
      from pickup_points p left join leaders l on l.pickup_point_id = p.id and l.status = 'active'
      left join users u on u.id = l.user_id
      where p.region_id = any(${ids}::uuid[])`,
  );
  const categoriesQ = rows<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select code, name_zh, name_en from categories`,
  );

  // Distinct customers, by key and over all (grouping sets), in SQL: rolled days from one row a
  // customer and year (`kpi_customer_years`, masked to the window's rolled days), raw days from
  // the per-customer rows of the raw statement. `n` is a row's orders in the window, capped at 2:
  // a buyer has n > 0 summed over its rows, a repurchaser n >= 2.
  // the drill-down's key of a customer-row, grouped by its own type (hashing a uuid, not its text:
  // 10 % of counting the year's customers by point) and named by `keyName` once counted
  const custKey =
    dim === 'region'
      ? sql`c.region_id`
      : dim === 'point'
        ? sql`c.pickup_point_id`
        : dim === 'leader'
          ? sql`ld.id`
          : dim === 'member'
            ? sql`c.member`
            : sql`''`;
  const keyName = (key: SQL) =>
    dim === 'member' ? sql`case when ${key} then 'member' else 'non-member' end` : sql`coalesce(${key}::text, '')`;
  const keyJoin =
    dim === 'leader'
      ? sql`left join leaders ld on ld.pickup_point_id = c.pickup_point_id and ld.status = 'active'`
      : sql``;
  // The raw days' per-customer rows (today's, at least) are read once and handed as arrays to the
  // statements that count customers, instead of each of them reading the day's orders again.
  interface RawCustomer {
    region_id: string;
    day: string;
    user_id: string;
    pickup_point_id: string | null;
    member: boolean;
    orders: number;
    first_purchase: boolean;
    days_to_second: number | null;
  }
  let rawCust: RawCustomer[] = [];
  const rawCustRead = rawCustomers.length
    ? rows<RawCustomer>(
        db,
        sql`select region_id, to_char(day, 'YYYY-MM-DD') as day, user_id, pickup_point_id, member, orders, first_purchase,
          days_to_second from (${sql.join(
            rawCustomers.map((r) => sql`(${customersSelect(r)})`),
            sql` union all `,
          )}) c`,
      ).then((found) => {
        rawCust = found;
      })
    : Promise.resolve();
  /** the raw days' per-customer rows from `since`, or null when there are none */
  const rawCustomerRows = (since: string): SQL | null => {
    const list = rawCust.filter((c) => c.day >= since);
    const col = <K extends keyof RawCustomer>(k: K, type: string) =>
      sql`${pgArray(list.map((c) => (typeof c[k] === 'boolean' ? String(c[k]) : (c[k] as string | number | null))))}::${sql.raw(type)}[]`;
    return list.length
      ? sql`select * from unnest(${col('region_id', 'uuid')}, ${col('day', 'date')}, ${col('user_id', 'uuid')},
          ${col('pickup_point_id', 'uuid')}, ${col('member', 'boolean')}, ${col('orders', 'int')}, ${col('first_purchase', 'boolean')},
          ${col('days_to_second', 'int')}) as r(region_id, day, user_id, pickup_point_id, member, orders, first_purchase, days_to_second)`
      : null;
  };
  /** a window of a period, in the regions given (default: every shown region) */
  type Window = { from: string; to: string; regions?: string[] };
  /**
   * Each customer-row of the two windows' regions once, with its orders in the current window (`nc`)
   * and in the previous one (`np`), each capped at 2: one pass over the rows for both periods
   * (a row a customer and period grouped 204,000 rows for 30 days at a year, 0.46–0.55 s by point,
   * against 0.35–0.40 s).
   */
  const activity = (windows: { cur?: Window; prev?: Window }, withKey = true) => {
    const masks: { region: string; year: number; cur: string; prev: string }[] = [];
    const spans: { region: string; per: string; from: string; to: string }[] = [];
    for (const r of shown) {
      const byYear = new Map<number, { cur: string[]; prev: string[] }>();
      for (const per of ['cur', 'prev'] as const) {
        const w = windows[per];
        if (!w || (w.regions && !w.regions.includes(r.id))) continue;
        spans.push({ region: r.id, per, from: w.from, to: w.to });
        for (let d = w.from; d <= w.to; d = addDays(d, 1))
          if (foldedOf.get(r.id)?.has(d)) {
            const year = Number(d.slice(0, 4));
            const days = byYear.get(year) ?? { cur: [], prev: [] };
            days[per].push(d);
            byYear.set(year, days);
          }
      }
      for (const [year, days] of byYear)
        masks.push({ region: r.id, year, cur: yearMask(year, days.cur), prev: yearMask(year, days.prev) });
    }
    const since = spans.map((w) => w.from).sort()[0] ?? to;
    const raw = rawCustomerRows(since);
    return sql`
    with masks as (select *, cur | prev as both from unnest(${pgArray(masks.map((m) => m.region))}::uuid[], ${pgArray(masks.map((m) => m.year))}::int[],
      ${pgArray(masks.map((m) => m.cur))}::varbit[], ${pgArray(masks.map((m) => m.prev))}::varbit[]) as m(region_id, year, cur, prev)),
    wins as (select * from unnest(${pgArray(spans.map((w) => w.region))}::uuid[], ${pgArray(spans.map((w) => w.per))}::text[],
      ${pgArray(spans.map((w) => w.from))}::date[], ${pgArray(spans.map((w) => w.to))}::date[]) as w(region_id, per, from_day, to_day)),
    acts as (
      select a.region_id, a.user_id, a.pickup_point_id, a.member,
        bit_count(a.days & m.cur)::int + bit_count(a.multi & m.cur)::int as nc,
        bit_count(a.days & m.prev)::int + bit_count(a.multi & m.prev)::int as np
      from kpi_customer_years a join masks m on m.region_id = a.region_id and m.year = a.year
      where bit_count(a.days & m.both) > 0
      ${
        raw
          ? sql`union all
      select r.region_id, r.user_id, r.pickup_point_id, r.member,
        case when w.per = 'cur' then least(r.orders, 2) else 0 end, case when w.per = 'prev' then least(r.orders, 2) else 0 end
      from (${raw}) r join wins w on w.region_id = r.region_id and r.day between w.from_day and w.to_day`
          : sql``
      }),
    keyed as (select c.*, ${withKey ? custKey : sql`''`} as key from acts c ${withKey ? keyJoin : sql``})`;
  };
  // by the drill-down's key and over all in one pass, or only over all when there is no drill-down
  const perKeyAndAll = (q: SQL) =>
    dim ? sql`grouping sets ((${q}per, ${q}key, ${q}user_id), (${q}per, ${q}user_id))` : sql`${q}per, ${q}user_id`;
  const totalFlag = dim ? sql`grouping(key) = 1` : sql`true`;
  // Buyers by the drill-down's key and over all in one pass over the customer-rows (grouping sets,
  // hashed): for the year by point 0.31 s, against 0.26 + 0.34 s as two statements at once. The
  // category drill-down has no customer figures by key, and a single region's row is the whole:
  // both count over all only.
  const oneRegion = dim === 'region' && shown.length === 1;
  const byKey = dim !== null && dim !== 'category' && !oneRegion;
  const customerAggsQ = rawCustRead
    .then(() =>
      wide<
        { key: string | null } & Record<`${'buyers' | 'repurchasers' | 'members' | 'others'}_${'cur' | 'prev'}`, number>
      >(
        sql`${activity({ cur: { from, to }, prev: { from: previousFrom, to: previousTo } }, byKey)},
    per_user as (
      select ${byKey ? sql`grouping(key) = 1` : sql`true`} as total, ${byKey ? sql`key` : sql`null::text as key`}, user_id,
        sum(nc) as nc, sum(np) as np,
        bool_or(member and nc > 0) as member_cur, bool_or(not member and nc > 0) as other_cur,
        bool_or(member and np > 0) as member_prev, bool_or(not member and np > 0) as other_prev
      from keyed group by ${byKey ? sql`grouping sets ((key, user_id), (user_id))` : sql`user_id`})
    select case when total then null else ${keyName(sql`key`)} end as key,
      count(*) filter (where nc > 0)::int as buyers_cur, count(*) filter (where nc >= 2)::int as repurchasers_cur,
      count(*) filter (where member_cur)::int as members_cur, count(*) filter (where other_cur)::int as others_cur,
      count(*) filter (where np > 0)::int as buyers_prev, count(*) filter (where np >= 2)::int as repurchasers_prev,
      count(*) filter (where member_prev)::int as members_prev, count(*) filter (where other_prev)::int as others_prev
    from per_user group by total, key`,
        { hashed: true },
      ),
    )
    .then((found) =>
      found.flatMap((c) =>
        (['cur', 'prev'] as const)
          .filter((per) => c[`buyers_${per}`] > 0)
          .flatMap((per): CustomerAgg[] => {
            const agg = {
              per,
              key: c.key,
              buyers: c[`buyers_${per}`],
              repurchasers: c[`repurchasers_${per}`],
              member_buyers: c[`members_${per}`],
              other_buyers: c[`others_${per}`],
            };
            return oneRegion ? [agg, { ...agg, key: shown[0].id }] : [agg];
          }),
      ),
    );
  // The median days to a second purchase: the rows of the days second purchases were made on (one a
  // customer, ever), counted by days (a few hundred values), and the median read from the counts as
  // percentile_cont(0.5) would (the mean of the values at ranks ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉): sorting a
  // year's 111,000 rows by key took 117 ms, counting them 45.
  const perOf = sql`case when c.day between ${from}::date and ${to}::date then 'cur'
    when c.day between ${previousFrom}::date and ${previousTo}::date then 'prev' end`;
  const mediansQ = rawCustRead.then(() => {
    const secondsRaw = rawCustomerRows(previousFrom);
    return wide<{ per: 'cur' | 'prev'; key: string | null; median_second: number | null }>(
      sql`
    with seconds as (
      select c.region_id, c.day, c.pickup_point_id, c.member, c.days_to_second
      from kpi_day_customers c
      where c.days_to_second is not null and ${rolledRows(sql`c`, previousFrom)}
      ${secondsRaw ? sql`union all select region_id, day, pickup_point_id, member, days_to_second from (${secondsRaw}) r` : sql``}),
    keyed as (select ${perOf} as per, ${custKey} as key, c.days_to_second from seconds c ${keyJoin} where c.days_to_second is not null),
    hist as (
      select per, grouping(key) = 1 as total, key, days_to_second as d, count(*) as n
      from keyed where per is not null group by grouping sets ((per, key, days_to_second), (per, days_to_second))),
    cum as (
      select per, total, key, d, sum(n) over (partition by per, total, key order by d) as upto,
        sum(n) over (partition by per, total, key) as n
      from hist)
    select per, case when total then null else ${keyName(sql`key`)} end as key,
      (min(d) filter (where upto > floor((n - 1) / 2.0)) + min(d) filter (where upto > ceil((n - 1) / 2.0))) / 2.0 as median_second
    from cum group by per, total, key`,
    );
  });
  // Paid-membership penetration at each period's end, its last closed day (decision 053): the
  // buyers of the 90 days to it and the members among them at its end. A rolled day has its row
  // (`kpi_day_penetration`); a region whose end day is not rolled is counted from the customers.
  const placeDrill = dim === null || dim === 'region' || dim === 'point' || dim === 'leader';
  const penEnd = { cur: [to, addDays(today, -1)].sort()[0], prev: [previousTo, addDays(today, -1)].sort()[0] };
  const penRolled: { per: 'cur' | 'prev'; region: string; day: string }[] = [];
  const penRaw: { cur?: Window; prev?: Window } = {};
  for (const per of ['cur', 'prev'] as const) {
    const unrolled = shown.filter((r) => !rolledOf.get(r.id)?.has(penEnd[per])).map((r) => r.id);
    for (const r of shown) if (!unrolled.includes(r.id)) penRolled.push({ per, region: r.id, day: penEnd[per] });
    if (unrolled.length) penRaw[per] = { from: addDays(penEnd[per], -89), to: penEnd[per], regions: unrolled };
  }
  const penRowsQ = placeDrill
    ? rows<{
        per: 'cur' | 'prev';
        region_id: string;
        whole: boolean;
        point: string | null;
        buyers: number;
        members: number;
      }>(
        db,
        sql`select x.per, p.region_id, p.whole, p.pickup_point_id as point, p.buyers, p.members
        from unnest(${pgArray(penRolled.map((x) => x.per))}::text[], ${pgArray(penRolled.map((x) => x.region))}::uuid[],
          ${pgArray(penRolled.map((x) => x.day))}::date[]) as x(per, region_id, day)
        join kpi_day_penetration p on p.region_id = x.region_id and p.day = x.day
        ${dim === null || dim === 'region' ? sql`where p.whole` : sql``}`,
      )
    : Promise.resolve([]);
  const ends = shown.map((r) => ({
    id: r.id,
    cur: localTime(addDays(penEnd.cur, 1), '00:00', r.tz).toISOString(),
    prev: localTime(addDays(penEnd.prev, 1), '00:00', r.tz).toISOString(),
  }));
  const penRawQ =
    placeDrill && (penRaw.cur || penRaw.prev)
      ? rawCustRead.then(() =>
          wide<PenetrationAgg>(
            sql`${activity(penRaw)},
    ends as (select * from unnest(${ids}::uuid[], ${pgArray(ends.map((e) => e.cur))}::timestamptz[],
      ${pgArray(ends.map((e) => e.prev))}::timestamptz[]) as e(region_id, cur_at, prev_at)),
    -- each customer-row once for each window it bought in
    per_window as (
      select v.per, c.region_id, c.user_id, c.key from keyed c cross join lateral (values ('cur', c.nc), ('prev', c.np)) as v(per, n)
      where v.n > 0),
    -- members at each period's end, per region (its end is the region's own midnight): a hash join, not a lookup per row
    members as (
      select distinct 'cur' as per, e.region_id, mp.user_id from membership_periods mp join ends e
        on mp.starts_at <= e.cur_at and mp.ends_at > e.cur_at
      union all
      select distinct 'prev', e.region_id, mp.user_id from membership_periods mp join ends e
        on mp.starts_at <= e.prev_at and mp.ends_at > e.prev_at),
    per_user as (
      select k.per, ${dim ? sql`k.key` : sql`null::text as key`}, ${totalFlag} as total, k.user_id,
        bool_or(m.user_id is not null) as member
      from per_window k left join members m on m.per = k.per and m.region_id = k.region_id and m.user_id = k.user_id
      group by ${perKeyAndAll(sql.raw('k.'))})
    select per, case when total then null else ${keyName(sql`key`)} end as key, count(*)::int as buyers,
      count(*) filter (where member)::int as members
    from per_user group by per, total, key`,
          ),
        )
      : Promise.resolve([]);

  // Registrations (raw: a few per point and day), by the pickup point chosen, and conversion in 7
  // days. The business day of a customer's first paid order is in the per-customer rows (one a
  // customer, ever): before the day the 7 days end it converted, after it it did not; only on that
  // very day, or without such a row in the region read, the orders are asked.
  const regKey =
    dim === 'region'
      ? sql`p.region_id::text`
      : dim === 'point'
        ? sql`p.id::text`
        : dim === 'leader'
          ? sql`coalesce(l.id::text, '')`
          : sql`''`;
  const bounds = shown.map((r) => ({
    id: r.id,
    tz: r.tz,
    fromAt: localTime(previousFrom, '00:00', r.tz).toISOString(),
    curAt: localTime(from, '00:00', r.tz).toISOString(),
    toAt: localTime(addDays(to, 1), '00:00', r.tz).toISOString(),
  }));
  const boundsCte = sql`b as (select * from unnest(${ids}::uuid[], ${pgArray(bounds.map((x) => x.tz))}::text[],
      ${pgArray(bounds.map((x) => x.fromAt))}::timestamptz[], ${pgArray(bounds.map((x) => x.curAt))}::timestamptz[],
      ${pgArray(bounds.map((x) => x.toAt))}::timestamptz[]) as b(region_id, tz, from_at, cur_at, to_at))`;
  // A day's registrations whose conversions are decided (the day REGISTRATION_LAG_DAYS later is
  // rolled) are read from its rolled rows, the others from the users (decision 055).
  const regRolled: [string, string][] = [];
  const regRaw: RegionRange[] = [];
  for (const r of shown) {
    const rawDays: string[] = [];
    for (let d = previousFrom; d <= to && d <= r.today; d = addDays(d, 1))
      if (rolledOf.get(r.id)?.has(addDays(d, REGISTRATION_LAG_DAYS))) regRolled.push([r.id, d]);
      else rawDays.push(d);
    regRaw.push(...ranges(r, rawDays));
  }
  const registrationsQ = rawCustRead.then(() => {
    // first purchases can only follow registration: from the first day read raw
    const firstFrom = regRaw.map((x) => x.days![0]).sort()[0] ?? to;
    const firstsRaw = rawCustomerRows(firstFrom);
    return wide<RegistrationAgg>(
      sql`
    with runs as (select * from unnest(${pgArray(regRaw.map((x) => x.regionId))}::uuid[], ${pgArray(regRaw.map((x) => x.tz))}::text[],
      ${pgArray(regRaw.map((x) => x.fromAt))}::timestamptz[], ${pgArray(regRaw.map((x) => x.toAt))}::timestamptz[]) as b(region_id, tz, from_at, to_at)),
    registered as materialized (
      select (u.created_at at time zone b.tz)::date as day, ${regKey} as key, u.id, u.created_at, p.region_id,
        ((u.created_at + interval '7 days') at time zone b.tz)::date as day7
      from users u join pickup_points p on p.id = u.pickup_point_id join runs b on b.region_id = p.region_id
        left join leaders l on l.pickup_point_id = p.id and l.status = 'active'
      where 'customer' = any(u.roles) and u.created_at >= b.from_at and u.created_at < b.to_at),
    -- a first purchase follows its registration: none before the first registration read (the
    -- previous period of a shop's first year is read raw, and held the first purchases of its year)
    firsts as (
      select c.region_id, c.user_id, c.day from kpi_day_customers c where c.first_purchase and ${rolledRows(sql`c`, firstFrom)}
        and c.day >= (select min(day) from registered)
      ${firstsRaw ? sql`union all select region_id, user_id, day from (${firstsRaw}) r where first_purchase` : sql``}),
    raw as (
      select r.*, f.day as first_day from registered r left join firsts f on f.user_id = r.id and f.region_id = r.region_id),
    reg as (
      select day, key, count(*) as registered,
        count(*) filter (where case when first_day < day7 then true when first_day > day7 then false
          else exists (select 1 from orders o where o.user_id = raw.id and o.kind = 'goods' and o.paid_at is not null
            and o.paid_at < raw.created_at + interval '7 days') end) as converted
      from raw group by day, key
      union all
      select x.day, ${regKey}, x.registered, x.converted
      from kpi_day_registrations x
        join unnest(${pgArray(regRolled.map((x) => x[0]))}::uuid[], ${pgArray(regRolled.map((x) => x[1]))}::date[]) as d(region_id, day)
          on d.region_id = x.region_id and d.day = x.day
        join pickup_points p on p.id = x.pickup_point_id
        left join leaders l on l.pickup_point_id = p.id and l.status = 'active')
    select case when day >= ${from}::date then 'cur' else 'prev' end as per, to_char(day, 'YYYY-MM-DD') as day, key,
      sum(registered)::int as registered, sum(converted)::int as converted
    from reg group by day, key`,
    );
  });

  // Purchasing, raw (a few hundred deals and purchase orders a day): the deals of the campaigns
  // cut off in each period (their sales are final) with a quota, and those that sold under a fifth
  // of it; the purchase orders received in each period and their days from creation to receiving.
  const supplyQ = wide<{
    per: 'cur' | 'prev';
    region_id: string;
    deals: number;
    slow: number;
    pos: number;
    po_days: number;
  }>(
    sql`
    with ${boundsCte},
    deals as (
      select case when c.cutoff_at >= b.cur_at then 'cur' else 'prev' end as per, c.region_id,
        count(*)::int as deals, count(*) filter (where ci.sold * 5 < ci.quota)::int as slow
      from campaigns c join b on b.region_id = c.region_id join campaign_items ci on ci.campaign_id = c.id
      where c.cutoff_at >= b.from_at and c.cutoff_at < b.to_at and c.cutoff_at <= ${nowAt}::timestamptz and ci.quota > 0
      group by 1, 2),
    pos as (
      select case when po.received_at >= b.cur_at then 'cur' else 'prev' end as per, c.region_id, count(*)::int as pos,
        sum(extract(epoch from po.received_at - po.created_at) / 86400)::float8 as po_days
      from purchase_orders po join campaigns c on c.id = po.campaign_id join b on b.region_id = c.region_id
      where po.status = 'received' and po.received_at >= b.from_at and po.received_at < b.to_at
      group by 1, 2)
    select coalesce(d.per, p.per) as per, coalesce(d.region_id, p.region_id) as region_id, coalesce(d.deals, 0) as deals,
      coalesce(d.slow, 0) as slow, coalesce(p.pos, 0) as pos, coalesce(p.po_days, 0) as po_days
    from deals d full join pos p on p.per = d.per and p.region_id = d.region_id`,
  );

  // fulfilment time: the histograms of hours from payment to ready, by period and region
  const readyQ = wide<{ per: 'cur' | 'prev'; region_id: string; tenths: number; orders: number }>(
    sql`
    with h as (
      select f.region_id, f.day, f.tenths, f.orders from kpi_day_ready_hours f where ${rolledRows(sql`f`, previousFrom)}
      ${unionRaw(rawFacts, (r) => sql`select region_id, day, tenths, orders from (${readySelect(r)}) raw`)})
    select case when day >= ${from}::date then 'cur' else 'prev' end as per, region_id, tenths, sum(orders)::bigint as orders
    from h where day between ${previousFrom}::date and ${to}::date group by 1, 2, 3 order by 3`,
  );

  // delivery cost entered per route and day of the shown regions' routes
  const costsQ = rows<{ per: 'cur' | 'prev'; route_id: string; region_id: string; cost: number }>(
    db,
    sql`select case when rc.day >= ${from}::date then 'cur' else 'prev' end as per, rc.route_id, rt.region_id,
      sum(rc.cost_fen)::bigint as cost
    from route_costs rc join routes rt on rt.id = rc.route_id
    where rt.region_id = any(${ids}::uuid[]) and rc.day between ${previousFrom}::date and ${to}::date
    group by 1, 2, 3`,
  );

  const [
    factRows,
    points,
    categories,
    customerAggs,
    medians,
    penRows,
    penRawAggs,
    registrations,
    costs,
    ready,
    supply,
  ] = await Promise.all([
    factRowsQ,
    pointsQ,
    categoriesQ,
    customerAggsQ,
    mediansQ,
    penRowsQ,
    penRawQ,
    registrationsQ,
    costsQ,
    readyQ,
    supplyQ,
  ]);
  const pointById = new Map(points.map((p) => [p.id, p]));
  // the rolled regions' rows by the drill-down's key, added to the counted regions' (a customer of
  // two regions counts in each)
  const penetration = new Map<string, { buyers: number; members: number }>(); // `${per}|${key}`, key '*' for all
  const addPen = (per: string, key: string, buyers: number, members: number) => {
    const x = penetration.get(`${per}|${key}`) ?? { buyers: 0, members: 0 };
    penetration.set(`${per}|${key}`, { buyers: x.buyers + buyers, members: x.members + members });
  };
  for (const r of penRawAggs) addPen(r.per, r.key ?? '*', r.buyers, r.members);
  for (const r of penRows) {
    if (r.whole) addPen(r.per, '*', r.buyers, r.members);
    const key =
      dim === 'region'
        ? r.whole && r.region_id
        : dim === 'point'
          ? !r.whole && (r.point ?? '')
          : dim === 'leader'
            ? !r.whole && ((r.point && pointById.get(r.point)?.leader_id) || '')
            : false;
    if (key !== false) addPen(r.per, key, r.buyers, r.members);
  }

  // ---- figures, from the sums ----
  const sums = new Map<string, Sums>(); // `${per}|${key}` and `${per}|*` for the whole
  const daily = new Map<string, Sums>(); // day → sums (whole, current period)
  const dayFlash = new Map<string, number>(); // `${per}|${day}` → the whole's flash GMV
  const routeGmv = new Map<string, number>(); // `${per}|${route}`
  const peaks = new Map<string, number>(); // `${per}|${key}`: the best day's flash GMV
  const add = (map: Map<string, Sums>, k: string, f: (typeof factRows)[number]) => {
    const s = map.get(k) ?? zeroSums();
    s.gmv += Number(f.gmv);
    s.units += Number(f.units);
    s.flash += Number(f.flash);
    s.refund += Number(f.refund);
    s.short += Number(f.short);
    s.errors += Number(f.errors);
    s.picked += Number(f.picked);
    if (f.led) s.ledNet += Number(f.gmv) - Number(f.refund);
    if (f.mem) s.memberOrders += Number(f.orders);
    else s.otherOrders += Number(f.orders);
    map.set(k, s);
  };
  for (const f of factRows) {
    if (f.kind === 'key') {
      add(sums, `${f.per}|${f.key}`, f);
      add(sums, `${f.per}|*`, f);
    } else if (f.kind === 'day') {
      if (f.per === 'cur') add(daily, f.day!, f);
      const k = `${f.per}|${f.day}`;
      dayFlash.set(k, (dayFlash.get(k) ?? 0) + Number(f.flash));
    } else if (f.kind === 'route') routeGmv.set(`${f.per}|${f.route}`, Number(f.gmv));
    else peaks.set(`${f.per}|${f.key}`, Number(f.flash));
  }
  for (const [k, v] of dayFlash) {
    const whole = `${k.slice(0, k.indexOf('|'))}|*`;
    peaks.set(whole, Math.max(peaks.get(whole) ?? 0, v));
  }
  const peak = (per: string, key: string) => peaks.get(`${per}|${key}`) ?? 0;
  const leadersOf = (key: string) => {
    // active leaders counted for a drill-down row (or '*' for all shown)
    const led = points.filter((p) => p.leader_id);
    if (key === '*') return led.length;
    if (dim === 'region') return led.filter((p) => p.region_id === key).length;
    if (dim === 'point') return led.filter((p) => p.id === key).length;
    if (dim === 'leader') return led.filter((p) => p.leader_id === key).length;
    return 0;
  };
  // registrations summed once by period and key ('*': all), not per drill-down row
  const regTotals = new Map<string, { registered: number; converted: number }>();
  for (const r of registrations)
    for (const k of [`${r.per}|${r.key}`, `${r.per}|*`]) {
      const x = regTotals.get(k) ?? { registered: 0, converted: 0 };
      x.registered += Number(r.registered);
      x.converted += Number(r.converted);
      regTotals.set(k, x);
    }
  const regSums = (per: string, key: string) => regTotals.get(`${per}|${key}`) ?? { registered: 0, converted: 0 };
  const costOf = (per: string, key: string) => {
    let cost = 0;
    let gmv = 0;
    for (const c of costs)
      if (c.per === per && (key === '*' || c.region_id === key)) {
        cost += Number(c.cost);
        gmv += routeGmv.get(`${per}|${c.route_id}`) ?? 0;
      }
    return ratio(cost, gmv);
  };
  /** the fulfilment hours at percentile `p` (the first tenth of an hour the cumulated orders reach p of them) */
  const readyHours = (per: string, key: string, p: number) => {
    const hist = ready.filter((r) => r.per === per && (key === '*' || r.region_id === key));
    const n = hist.reduce((t, r) => t + Number(r.orders), 0);
    let seen = 0;
    for (const r of hist) {
      seen += Number(r.orders);
      if (seen >= p * n) return r.tenths / 10;
    }
    return null;
  };
  const supplyOf = (per: string, key: string) => {
    const s = { deals: 0, slow: 0, pos: 0, poDays: 0 };
    for (const x of supply)
      if (x.per === per && (key === '*' || x.region_id === key)) {
        s.deals += Number(x.deals);
        s.slow += Number(x.slow);
        s.pos += Number(x.pos);
        s.poDays += Number(x.po_days);
      }
    return s;
  };
  const custOf = (per: string, key: string) =>
    customerAggs.find((c) => c.per === per && (key === '*' ? c.key === null : c.key === key));
  // points without an active leader are one drill-down row, but their customers were counted per point
  const penOf = (per: string, key: string) =>
    dim === 'leader' && key === '' ? undefined : penetration.get(`${per}|${key}`);

  /** every KPI's value of one period and key ('*': the whole) */
  const valuesOf = (per: 'cur' | 'prev', key: string): Values => {
    const s = sums.get(`${per}|${key}`) ?? zeroSums();
    const c = custOf(per, key);
    const pen = penOf(per, key);
    const med = medians.find((x) => x.per === per && (key === '*' ? x.key === null : x.key === key));
    const reg = regSums(per, key);
    const m = months(days);
    const leaders = leadersOf(key);
    const regionDim = key === '*' || dim === 'region';
    const sup = supplyOf(per, key);
    const customerDim = dim !== 'category' || key === '*';
    const placeDim = dim === null || dim === 'region' || dim === 'point' || dim === 'leader' || key === '*';
    return {
      gmv: s.gmv,
      gmvChange: null, // set by the caller from both periods
      refundRate: ratio(s.refund, s.gmv),
      repurchaseRate: customerDim && c ? ratio(c.repurchasers, c.buyers) : null,
      memberOrders: customerDim && c ? ratio(s.memberOrders, c.member_buyers * m) : null,
      nonMemberOrders: customerDim && c ? ratio(s.otherOrders, c.other_buyers * m) : null,
      memberPenetration: placeDim && pen ? ratio(pen.members, pen.buyers) : null,
      secondPurchaseDays: customerDim && med?.median_second != null ? Number(med.median_second) : null,
      newCustomerConversion: placeDim ? ratio(reg.converted, reg.registered) : null,
      newRegistrations: placeDim ? reg.registered : null,
      flashPeakGmv: peak(per, key),
      leaderProductivity: placeDim && leaders ? s.ledNet / leaders / m : null,
      deliveryCostShare: key === '*' || dim === 'region' ? costOf(per, key) : null,
      stockOutRate: ratio(s.short, s.units),
      orderErrorRate: ratio(s.errors, s.picked),
      fulfilmentHours: regionDim ? readyHours(per, key, 0.5) : null,
      fulfilmentHoursP90: regionDim ? readyHours(per, key, 0.9) : null,
      slowMoverShare: regionDim ? ratio(sup.slow, sup.deals) : null,
      purchaseCycleDays: regionDim ? ratio(sup.poDays, sup.pos) : null,
    };
  };
  const withChange = (cur: Values, prev: Values): Values => ({
    ...cur,
    gmvChange: change(cur.gmv, prev.gmv),
  });
  const curAll = valuesOf('cur', '*');
  const prevAll = valuesOf('prev', '*');
  const current = withChange(curAll, prevAll);
  const previous: Values = { ...prevAll, gmvChange: null };

  const dayList = Array.from({ length: days }, (_, i) => addDays(from, i));
  const regByDay = new Map<string, { registered: number; converted: number }>();
  for (const r of registrations)
    if (r.per === 'cur') {
      const x = regByDay.get(r.day) ?? { registered: 0, converted: 0 };
      x.registered += Number(r.registered);
      x.converted += Number(r.converted);
      regByDay.set(r.day, x);
    }
  const series = dayList.map((date) => {
    const s = daily.get(date) ?? zeroSums();
    const reg = regByDay.get(date) ?? { registered: 0, converted: 0 };
    return {
      date,
      values: {
        gmv: s.gmv,
        refundRate: ratio(s.refund, s.gmv),
        newCustomerConversion: ratio(reg.converted, reg.registered),
        newRegistrations: reg.registered,
        flashPeakGmv: s.flash,
        stockOutRate: ratio(s.short, s.units),
        orderErrorRate: ratio(s.errors, s.picked),
      },
    };
  });

  let breakdown: KpiReport['breakdown'] = null;
  if (dim) {
    const keys = new Set<string>();
    for (const k of sums.keys()) if (k.startsWith('cur|') && k !== 'cur|*') keys.add(k.slice(4));
    for (const c of customerAggs) if (c.per === 'cur' && c.key !== null) keys.add(c.key);
    if (dim === 'region') for (const r of shown) keys.add(r.id);
    const label = (key: string): [string, string] => {
      if (dim === 'region') {
        const r = shown.find((x) => x.id === key);
        return [r?.name ?? key, r?.name ?? key];
      }
      if (dim === 'point') {
        const p = pointById.get(key);
        return p ? [p.name, p.name] : ['无自提点', 'no pickup point'];
      }
      if (dim === 'leader') {
        const p = points.find((x) => x.leader_id === key);
        return p
          ? [`${p.leader_name}（${p.name}）`, `${p.leader_name} (${p.name})`]
          : ['无在任团长', 'no active leader'];
      }
      if (dim === 'category') {
        const c = categories.find((x) => x.code === key);
        return c ? [c.name_zh, c.name_en] : ['整单（未分摊到商品）', 'whole order (not on lines)'];
      }
      return key === 'member' ? ['会员', 'members'] : ['非会员', 'non-members'];
    };
    breakdown = {
      dim,
      rows: [...keys]
        .map((key) => {
          const [labelZh, labelEn] = label(key);
          return { key, labelZh, labelEn, values: withChange(valuesOf('cur', key), valuesOf('prev', key)) };
        })
        .sort((a, b) => (b.values.gmv ?? 0) - (a.values.gmv ?? 0) || a.key.localeCompare(b.key)),
    };
  }

  return {
    from,
    to,
    previousFrom,
    previousTo,
    days,
    today,
    generatedAt: now.toISOString(),
    kpis: KPIS.map((def) => {
      const value = current[def.key] ?? null;
      const prev = previous[def.key] ?? null;
      return {
        ...def,
        dims: [...def.dims],
        value,
        previous: prev,
        change: def.key === 'gmvChange' ? null : change(value, prev),
        status: kpiStatus(def, value, def.target),
      };
    }),
    daily: series,
    breakdown,
    unavailable: UNAVAILABLE.map((u) => ({ ...u })),
  };
}
