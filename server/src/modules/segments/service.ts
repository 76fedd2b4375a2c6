import { sql, type SQL } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { inScope, regionForbidden, type RegionScope } from '../../lib/region-scope.js';
import { keyset, pageOf, pageSql, type PageQuery, pageRequest } from '../../lib/pages.js';
import { dateOnly, iso } from '../../lib/time.js';
import {
  DORMANT_DAYS,
  HIGH_FROM,
  RFM_SEGMENTS,
  SEGMENTS,
  type PriceBand,
  type Segment,
  type SegmentDefinition,
  definitionSql,
  namedRegions,
  segmentDefinition,
} from './rules.js';

/** Weekly snapshots kept: a quarter of movement. */
const WEEKS_KEPT = 13;

/** The segment of scores in SQL, the same table as `segmentOf` (rules.ts). */
const segmentCase = (r: SQL, f: SQL, m: SQL) => {
  const h = (s: SQL) => sql`(${s} >= ${sql.raw(String(HIGH_FROM))})`;
  return sql`case
    when ${h(r)} and ${h(f)} and ${h(m)} then 'important_value'
    when not ${h(r)} and ${h(f)} and ${h(m)} then 'important_winback'
    when ${h(r)} and not ${h(f)} and ${h(m)} then 'important_develop'
    when not ${h(r)} and not ${h(f)} and ${h(m)} then 'important_retain'
    when ${h(r)} and ${h(f)} then 'potential'
    when ${h(r)} then 'new'
    when ${h(f)} then 'general_maintain'
    else 'lost' end`;
};

/** Quintile score within the region's scored customers: 1 + ⌊5 × (customers strictly worse) / n⌋. */
const quintile = (orderBy: SQL) =>
  sql`least(5, 1 + (5 * (rank() over (partition by region_id, scored order by ${orderBy}) - 1)) / count(*) over (partition by region_id, scored))::int`;

/**
 * The nightly run (decision 047): every customer's RFM and tags as of `at`, rebuilt whole in one
 * transaction, and the week's snapshot written over. Orders paid after `at` and customers
 * registered after it are left out, so a run for a past instant gives that day's figures
 * (the demo writes last week's snapshot that way). Refunds count as they stand now.
 *
 * - customers: users with the customer role, not disabled; their region is their pickup point's,
 *   else the region of their last order; a customer in no region is not segmented.
 * - paid order: a goods order with a payment, not cancelled; recency in business days of the
 *   region's time zone; frequency and monetary (total − refunded, fen) over the 365 days before `at`.
 */
export async function computeRfm(db: Db, at: Date = new Date()): Promise<{ customers: number }> {
  const atText = at.toISOString();
  // The instant is written into the statement, not bound: the planner then knows how many orders
  // fall before it and in the year, where a generic plan would guess a third. Safe: it is
  // Date.toISOString()'s fixed format, checked again here.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(atText)) throw new Error('bad instant');
  const atSql = sql.raw(`'${atText}'::timestamptz`);
  const since = sql.raw(`('${atText}'::timestamptz - interval '365 days')`);
  const paidOrder = sql`o.kind = 'goods' and o.paid_at is not null and o.paid_at <= ${atSql} and o.status <> 'cancelled'`;
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // a batch over every customer's orders: its hash tables and the three ranking sorts in memory
    await exec(tx, sql`set local work_mem = '256MB'`);
    // computed into a temporary table first: PostgreSQL plans an INSERT … SELECT without parallel
    // workers, a CREATE TABLE … AS with them (the scans, joins and aggregates over every order)
    await exec(tx, sql`set local max_parallel_workers_per_gather = 4`);
    await exec(
      tx,
      sql`
      create temporary table rfm_run on commit drop as
      with users_in as not materialized (
        select u.id, u.pickup_point_id, u.membership_until from users u
        where 'customer' = any(u.roles) and u.disabled_at is null and u.created_at <= ${atSql}
      ),
      -- a customer with no pickup point belongs to the region of their last order (a few customers:
      -- read through users, so the planner sees how few and probes their orders)
      last_region as (
        select distinct on (o.user_id) o.user_id, o.region_id
        from users u join orders o on o.user_id = u.id
        where u.pickup_point_id is null
        order by o.user_id, o.created_at desc
      ),
      cust as (
        select u.id as user_id, coalesce(p.region_id, lo.region_id) as region_id, u.pickup_point_id,
          (u.membership_until is not null and u.membership_until > ${atSql}) as member
        from users_in u
        left join pickup_points p on p.id = u.pickup_point_id
        left join last_region lo on lo.user_id = u.id
      ),
      agg as (
        select o.user_id, max(o.paid_at) as last_paid,
          count(*) filter (where o.paid_at > ${since})::int as frequency,
          coalesce(sum(o.total_fen - o.refunded_fen) filter (where o.paid_at > ${since}), 0)::bigint as monetary,
          count(*) filter (where o.paid_at > ${since} and o.coupon_id is not null)::int as coupon_orders
        from orders o where ${paidOrder} group by o.user_id
      ),
      spend as (
        select o.user_id, pr.category, sum(l.paid_fen - l.refunded_fen) as fen
        from orders o join order_lines l on l.order_id = o.id join products pr on pr.id = l.product_id
        where ${paidOrder} and o.paid_at > ${since} group by o.user_id, pr.category
      ),
      top as (
        select distinct on (user_id) user_id, category from spend where fen > 0
        order by user_id, fen desc, category
      ),
      base as (
        select c.user_id, c.region_id, c.pickup_point_id, c.member, (a.user_id is not null) as scored,
          (${atSql} at time zone r.time_zone)::date as as_of,
          (a.last_paid at time zone r.time_zone)::date as last_paid_on,
          coalesce(a.frequency, 0) as frequency, coalesce(a.monetary, 0) as monetary,
          coalesce(a.coupon_orders, 0) as coupon_orders, t.category as top_category
        from cust c
        join regions r on r.id = c.region_id
        left join agg a on a.user_id = c.user_id
        left join top t on t.user_id = c.user_id
      ),
      scored as (
        select b.*, b.as_of - b.last_paid_on as recency_days,
          ${quintile(sql`b.as_of - b.last_paid_on desc`)} as r_score,
          ${quintile(sql`b.frequency`)} as f_score,
          ${quintile(sql`b.monetary`)} as m_score
        from base b
      )
      select user_id, region_id, pickup_point_id, as_of, as_of - (extract(isodow from as_of)::int - 1) as week_start,
        last_paid_on, case when scored then recency_days end as recency_days, frequency, monetary as monetary_fen,
        case when scored then r_score end as r_score, case when scored then f_score end as f_score,
        case when scored then m_score end as m_score,
        case when not scored then 'registered_no_order' else ${segmentCase(sql`r_score`, sql`f_score`, sql`m_score`)} end as segment,
        top_category, coupon_orders,
        case when frequency = 0 then null when coupon_orders = 0 then 'none' when coupon_orders * 5 < frequency then 'low'
          when coupon_orders * 2 < frequency then 'medium' else 'high' end as price_sensitivity,
        member, coalesce(recency_days >= ${DORMANT_DAYS}, false) as dormant, ${atSql} as computed_at
      from scored`,
    );
    await exec(tx, sql`delete from customer_rfm`);
    await exec(
      tx,
      sql`insert into customer_rfm (user_id, region_id, pickup_point_id, as_of, week_start, last_paid_on, recency_days,
        frequency, monetary_fen, r_score, f_score, m_score, segment, top_category, coupon_orders, price_sensitivity,
        member, dormant, computed_at)
      select user_id, region_id, pickup_point_id, as_of, week_start, last_paid_on, recency_days, frequency,
        monetary_fen, r_score, f_score, m_score, segment, top_category, coupon_orders, price_sensitivity, member,
        dormant, computed_at from rfm_run
      -- in key order: the primary key's pages fill one after another instead of at random
      order by user_id`,
    );
    // the week's snapshot: this run's segments replace the earlier runs of the same week
    // (per region: regions on different clocks can be in different weeks at the same instant)
    await exec(
      tx,
      sql`delete from customer_rfm_weekly w using (select distinct region_id, week_start from customer_rfm) c
      where w.region_id = c.region_id and w.week_start = c.week_start`,
    );
    await exec(
      tx,
      sql`insert into customer_rfm_weekly (week_start, user_id, region_id, segment)
      select week_start, user_id, region_id, segment from customer_rfm order by week_start, user_id
      on conflict (week_start, user_id) do update set region_id = excluded.region_id, segment = excluded.segment`,
    );
    await exec(tx, sql`delete from customer_rfm_weekly where week_start < ${atSql}::date - ${WEEKS_KEPT * 7 + 7}::int`);
    const n = await one<{ n: number }>(tx, sql`select count(*)::int as n from customer_rfm`);
    return { customers: n?.n ?? 0 };
  });
}

/** The caller's regions, narrowed to one region when asked (another region than theirs: 403). */
export function regionFilter(scope: RegionScope, regionId: string | undefined, column: SQL): SQL {
  if (regionId !== undefined) {
    if (scope !== null && !scope.includes(regionId)) throw regionForbidden('regionId');
    return sql`${column} = ${regionId}`;
  }
  return inScope(scope, column);
}

export interface SegmentCount {
  segment: Segment;
  customers: number;
  monetaryFen: number;
}

/** Counts per segment, the movement since last week's snapshot and the tags' spread, for the console. */
export async function rfmOverview(db: Db, scope: RegionScope, regionId?: string) {
  const where = regionFilter(scope, regionId, sql`c.region_id`);
  const counts = await rows<{ segment: Segment; customers: number; monetary_fen: string | number; dormant: number }>(
    db,
    sql`select c.segment, count(*)::int as customers, coalesce(sum(c.monetary_fen), 0)::bigint as monetary_fen,
      count(*) filter (where c.dormant)::int as dormant
    from customer_rfm c where ${where} group by c.segment`,
  );
  const bySegment = new Map(counts.map((c) => [c.segment, c]));
  const moves = await rows<{ from_segment: Segment | null; to_segment: Segment; customers: number }>(
    db,
    sql`select w.segment as from_segment, c.segment as to_segment, count(*)::int as customers
    from customer_rfm c
    left join customer_rfm_weekly w on w.user_id = c.user_id and w.week_start = c.week_start - 7
    where ${where} group by 1, 2`,
  );
  // Regions on different clocks can be in different weeks at one instant (Monday 00:30 in Shanghai is
  // still Sunday in Urumqi), so each region's previous week is counted against its own current week.
  const meta = await one<{ as_of: unknown; computed_at: unknown; week_start: unknown; previous: number }>(
    db,
    sql`with current_weeks as (
      select c.region_id, max(c.week_start) as week_start, max(c.as_of) as as_of, max(c.computed_at) as computed_at
      from customer_rfm c where ${where} group by c.region_id)
    select max(r.as_of) as as_of, max(r.computed_at) as computed_at, max(r.week_start) as week_start,
      (select count(*)::int from customer_rfm_weekly w join current_weeks k
        on k.region_id = w.region_id and w.week_start = k.week_start - 7) as previous
    from current_weeks r`,
  );
  const tags = await rows<{ kind: string; value: string | null; customers: number }>(
    db,
    sql`select 'priceSensitivity' as kind, c.price_sensitivity as value, count(*)::int as customers from customer_rfm c where ${where} group by 2
    union all select 'topCategory', c.top_category, count(*)::int from customer_rfm c where ${where} group by 2
    union all select 'member', c.member::text, count(*)::int from customer_rfm c where ${where} group by 2
    union all select 'dormant', c.dormant::text, count(*)::int from customer_rfm c where ${where} group by 2`,
  );
  return {
    asOf: dateOnly(meta?.as_of),
    computedAt: iso(meta?.computed_at),
    weekStart: dateOnly(meta?.week_start),
    previousWeekCustomers: meta?.previous ?? 0,
    segments: SEGMENTS.map((s) => ({
      segment: s,
      customers: bySegment.get(s)?.customers ?? 0,
      monetaryFen: Number(bySegment.get(s)?.monetary_fen ?? 0),
      dormant: bySegment.get(s)?.dormant ?? 0,
    })),
    movement: moves
      .map((m) => ({ from: m.from_segment, to: m.to_segment, customers: m.customers }))
      .sort((a, b) => SEGMENTS.indexOf(a.to) - SEGMENTS.indexOf(b.to) || String(a.from).localeCompare(String(b.from))),
    tags: tags.map((t) => ({ kind: t.kind, value: t.value, customers: t.customers })),
  };
}

/** What a definition may be evaluated on for this caller: their regions, narrowed by the segment's region. */
function audienceWhere(def: SegmentDefinition, scope: RegionScope, regionId: string | null | undefined): SQL {
  if (scope !== null) {
    for (const r of namedRegions(def)) if (!scope.includes(r)) throw regionForbidden('definition');
  }
  return sql`${regionFilter(scope, regionId ?? undefined, sql`c.region_id`)} and ${definitionSql(def)}`;
}

/** The live count of a definition (as the operator edits it), and the customers it was taken from. */
export async function countDefinition(db: Db, scope: RegionScope, def: SegmentDefinition, regionId?: string) {
  const where = audienceWhere(def, scope, regionId);
  const row = await one<{ n: number; total: number }>(
    db,
    sql`select count(*) filter (where ${where})::int as n,
      count(*)::int as total from customer_rfm c where ${regionFilter(scope, regionId, sql`c.region_id`)}`,
  );
  return { customers: row?.n ?? 0, outOf: row?.total ?? 0 };
}

interface SegmentRow {
  id: string;
  name: string;
  region_id: string | null;
  definition: unknown;
  created_at: unknown;
}

/** A saved segment the caller may see (one of their regions, or every region for an operator of every region), or 404. */
async function savedSegment(db: Db, scope: RegionScope, id: string) {
  const row = await one<SegmentRow>(
    db,
    sql`select id, name, region_id, definition, created_at from customer_segments where id = ${id}`,
  );
  if (!row) throw notFound('Segment');
  if (scope !== null && (row.region_id === null || !scope.includes(row.region_id))) throw notFound('Segment');
  return { ...row, def: segmentDefinition.parse(row.definition) };
}

export async function saveSegment(
  db: Db,
  scope: RegionScope,
  input: { name: string; regionId: string | null; definition: SegmentDefinition },
  userId: string,
) {
  if (scope !== null && (input.regionId === null || !scope.includes(input.regionId))) throw regionForbidden('regionId');
  audienceWhere(input.definition, scope, input.regionId);
  const row = await one<{ id: string }>(
    db,
    sql`insert into customer_segments (name, region_id, definition, created_by)
    values (${input.name}, ${input.regionId}, ${JSON.stringify(input.definition)}::jsonb, ${userId}) returning id`,
  );
  return segmentView(db, scope, row!.id);
}

export async function deleteSegment(db: Db, scope: RegionScope, id: string) {
  await savedSegment(db, scope, id);
  await exec(db, sql`delete from customer_segments where id = ${id}`);
}

async function segmentView(db: Db, scope: RegionScope, id: string) {
  const s = await savedSegment(db, scope, id);
  const { customers } = await countDefinition(db, scope, s.def, s.region_id ?? undefined);
  return {
    id: s.id,
    name: s.name,
    regionId: s.region_id,
    definition: s.def,
    customers,
    createdAt: iso(s.created_at)!,
  };
}

/** Saved segments of the caller's regions, newest first, each with its current size. */
export async function listSegments(db: Db, scope: RegionScope) {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from customer_segments
    where ${scope === null ? sql`true` : sql`region_id is not null and ${inScope(scope, sql`region_id`)}`}
    order by created_at desc, id desc limit 200`,
  );
  const out = [];
  for (const r of found) out.push(await segmentView(db, scope, r.id));
  return out;
}

const memberKeys = keyset('segment-members', [sql`c.user_id`, 'uuid']);

const MEMBER_COLUMNS = sql`c.user_id, c.region_id, r.name as region_name, c.pickup_point_id, p.name as point_name, c.segment,
  c.r_score, c.f_score, c.m_score, c.recency_days, c.last_paid_on, c.frequency, c.monetary_fen, c.top_category,
  c.price_sensitivity, c.member, c.dormant`;

interface MemberRow {
  user_id: string;
  region_id: string;
  region_name: string;
  pickup_point_id: string | null;
  point_name: string | null;
  segment: Segment;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  recency_days: number | null;
  last_paid_on: unknown;
  frequency: number;
  monetary_fen: string | number;
  top_category: string | null;
  price_sensitivity: PriceBand | null;
  member: boolean;
  dormant: boolean;
}

const memberView = (m: MemberRow) => ({
  userId: m.user_id,
  regionId: m.region_id,
  regionName: m.region_name,
  pickupPointId: m.pickup_point_id,
  pickupPointName: m.point_name,
  segment: m.segment,
  rScore: m.r_score,
  fScore: m.f_score,
  mScore: m.m_score,
  daysSinceLastOrder: m.recency_days,
  lastPaidOn: dateOnly(m.last_paid_on),
  frequency: m.frequency,
  monetaryFen: Number(m.monetary_fen),
  topCategory: m.top_category,
  priceSensitivity: m.price_sensitivity,
  member: m.member,
  dormant: m.dormant,
});
export type MemberView = ReturnType<typeof memberView>;

/** A page of a saved segment's customers (no name, phone or address: the ids and the figures). */
export async function segmentMembers(db: Db, scope: RegionScope, id: string, query: PageQuery) {
  const s = await savedSegment(db, scope, id);
  const req = pageRequest(memberKeys, query);
  const p = pageSql(memberKeys, req);
  const found = await rows<MemberRow & Record<string, unknown>>(
    db,
    sql`select ${MEMBER_COLUMNS}, ${p.select}
    from customer_rfm c join regions r on r.id = c.region_id left join pickup_points p on p.id = c.pickup_point_id
    where ${audienceWhere(s.def, scope, s.region_id)} and ${p.after}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  const page = pageOf(memberKeys, req, found);
  return { name: s.name, items: page.items.map(memberView), nextCursor: page.nextCursor };
}

/** Every member of a saved segment (for the .xlsx export), at most `limit`. */
export async function allSegmentMembers(db: Db, scope: RegionScope, id: string, limit = 100_000) {
  const s = await savedSegment(db, scope, id);
  const found = await rows<MemberRow>(
    db,
    sql`select ${MEMBER_COLUMNS}
    from customer_rfm c join regions r on r.id = c.region_id left join pickup_points p on p.id = c.pickup_point_id
    where ${audienceWhere(s.def, scope, s.region_id)} order by c.region_id, c.segment, c.user_id limit ${limit}`,
  );
  return { name: s.name, items: found.map(memberView) };
}

/**
 * A targeted campaign's audience (decision 047): the segment's customers as a statement yielding
 * `user_id` and `control` (held out at random, `controlBps` of 10,000, by md5(salt || user id)),
 * to be used as a subquery, e.g. `insert into coupons … select … from (${audience}) a where not a.control`.
 * The same salt always splits the same customers the same way.
 */
export async function segmentAudienceSql(
  db: Db,
  scope: RegionScope,
  segmentId: string,
  opts: { salt: string; controlBps: number },
): Promise<SQL> {
  const s = await savedSegment(db, scope, segmentId);
  return sql`select c.user_id,
    (('x' || substr(md5(${opts.salt} || c.user_id::text), 1, 8))::bit(32)::bigint % 10000) < ${opts.controlBps} as control
    from customer_rfm c where ${audienceWhere(s.def, scope, s.region_id)}`;
}

/** Sizes of a campaign's audience: targeted and held out. */
export async function audienceSizes(
  db: Db,
  scope: RegionScope,
  segmentId: string,
  opts: { salt: string; controlBps: number },
) {
  const audience = await segmentAudienceSql(db, scope, segmentId, opts);
  const row = await one<{ targeted: number; control: number }>(
    db,
    sql`select count(*) filter (where not a.control)::int as targeted, count(*) filter (where a.control)::int as control
    from (${audience}) a`,
  );
  return { targeted: row?.targeted ?? 0, control: row?.control ?? 0 };
}

export { RFM_SEGMENTS };
