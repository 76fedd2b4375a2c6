import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { businessDate } from '../../lib/time.js';
import { readSetting, readSettings } from '../settings/service.js';
import type { Leader } from '../leaders/service.js';
import { leaderMonthFigures, type LeaderMonthRow } from './figures.js';
import {
  checkCriteria,
  COUPON_ALLOWANCE,
  GRADE_BONUS_BPS,
  GRADE_THRESHOLDS,
  gradeBonusFen,
  LEADER_DORMANT_DAYS,
  gradeFor,
  maskName,
  nextGrade,
  previousMonth,
  type CriterionCheck,
  type Grade,
} from './rules.js';

/**
 * Leader grades and the per-leader report (decision 062). A closed month is stored once per leader
 * (`leader_months`) by `closeDueLeaderMonths`, with its grade and grade bonus; the report reads
 * closed months from there and the current month live.
 */

interface RegionClock {
  id: string;
  tz: string;
  /** YYYY-MM of today in the region's zone */
  month: string;
}

async function regionClocks(
  db: Db,
  scope: RegionScope,
  regionId: string | undefined,
  now: Date,
): Promise<RegionClock[]> {
  const found = await rows<{ id: string; tz: string }>(
    db,
    sql`select id, time_zone as tz from regions r where ${inScope(scope, sql`r.id`)}
      ${regionId ? sql`and r.id = ${regionId}` : sql``} order by r.created_at, r.id`,
  );
  if (regionId && !found.length) throw notFound('Region');
  return found.map((r) => ({ ...r, month: businessDate(now, r.tz).slice(0, 7) }));
}

/** The month's [from, to) instants in the region's zone. */
async function monthBounds(db: Db, tz: string, month: string) {
  return (await one<{ from_at: string; to_at: string }>(
    db,
    sql`select to_char((${`${month}-01`}::date::timestamp at time zone ${tz}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as from_at,
      to_char((((${`${month}-01`}::date + interval '1 month')::timestamp) at time zone ${tz}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as to_at`,
  ))!;
}

async function liveFigures(db: Db, region: RegionClock, month: string, now: Date, leaderId?: string) {
  const b = await monthBounds(db, region.tz, month);
  const asOf = new Date(Math.min(now.getTime(), Date.parse(b.to_at))).toISOString();
  const dormantDays = await readSetting(db, LEADER_DORMANT_DAYS);
  return leaderMonthFigures(db, { regionId: region.id, fromAt: b.from_at, toAt: b.to_at, asOf, dormantDays }, leaderId);
}

/** Every region's month before the current one, live: what the job would store now. */
export async function previousMonthFigures(db: Db, now = new Date()): Promise<LeaderMonthRow[]> {
  const out: LeaderMonthRow[] = [];
  for (const region of await regionClocks(db, null, undefined, now))
    out.push(...(await liveFigures(db, region, previousMonth(region.month), now)));
  return out;
}

/**
 * Closes the month before the current one in each region where it has ended: every active leader of
 * the region gets the month's figures, grade and grade bonus stored once (the primary key), and the
 * bonus is paid as its own ledger entry `grade-bonus:<leaderId>:<month>` into the available bucket,
 * with the leader told through the outbox. A rerun (or a second process) finds the rows and pays
 * nothing twice. Returns the leader-months closed now.
 */
export async function closeDueLeaderMonths(db: Db, now = new Date()): Promise<number> {
  const [thresholds, bonusBps] = await readSettings(db, [GRADE_THRESHOLDS, GRADE_BONUS_BPS] as const);
  let closed = 0;
  for (const region of await regionClocks(db, null, undefined, now)) {
    const month = previousMonth(region.month);
    const open = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from leaders l join pickup_points p on p.id = l.pickup_point_id
      where p.region_id = ${region.id} and l.status = 'active' and l.created_at < ${now.toISOString()}::timestamptz
        and not exists (select 1 from leader_months m where m.leader_id = l.id and m.month = ${month})`,
    );
    if (!open?.n) continue;
    closed += await closeLeaderMonth(db, region, month, now, thresholds, bonusBps);
  }
  return closed;
}

async function closeLeaderMonth(
  db: Db,
  region: RegionClock,
  month: string,
  now: Date,
  thresholds: (typeof GRADE_THRESHOLDS)['default'],
  bonusBps: (typeof GRADE_BONUS_BPS)['default'],
): Promise<number> {
  const figures = await liveFigures(db, region, month, now);
  if (!figures.length) return 0;
  const graded = figures.map((f) => {
    const grade = gradeFor(f, thresholds);
    const bps = bonusBps[grade];
    return { ...f, grade, bps, bonus: gradeBonusFen(f.commissionFen, bps) };
  });
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const inserted = await rows<{ leader_id: string; user_id: string; grade: Grade; bonus_fen: number }>(
      tx,
      sql`
      insert into leader_months (leader_id, month, region_id, pickup_point_id, gmv_fen, orders, customers, new_customers,
        dormant_customers, claims, ready_orders, timely_orders, commission_fen, contacted, recalled, grade, bonus_bps, bonus_fen)
      select * from jsonb_to_recordset(${JSON.stringify(
        graded.map((g) => ({
          leader_id: g.leaderId,
          month,
          region_id: g.regionId,
          pickup_point_id: g.pickupPointId,
          gmv_fen: g.gmvFen,
          orders: g.orders,
          customers: g.customers,
          new_customers: g.newCustomers,
          dormant_customers: g.dormantCustomers,
          claims: g.claims,
          ready_orders: g.readyOrders,
          timely_orders: g.timelyOrders,
          commission_fen: g.commissionFen,
          contacted: g.contacted,
          recalled: g.recalled,
          grade: g.grade,
          bonus_bps: g.bps,
          bonus_fen: g.bonus,
        })),
      )}::jsonb) as t(leader_id uuid, month text, region_id uuid, pickup_point_id uuid, gmv_fen bigint, orders int,
        customers int, new_customers int, dormant_customers int, claims int, ready_orders int, timely_orders int,
        commission_fen bigint, contacted int, recalled int, grade text, bonus_bps int, bonus_fen int)
      on conflict (leader_id, month) do nothing
      returning leader_id, (select user_id from leaders where id = leader_id) as user_id, grade, bonus_fen`,
    );
    for (const r of inserted) {
      if (r.bonus_fen > 0) {
        const paid = await one<{ amount_fen: number }>(
          tx,
          sql`insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key)
          values (${r.leader_id}, 'available', ${r.bonus_fen}, 'grade_bonus', ${`grade-bonus:${r.leader_id}:${month}`})
          on conflict (business_key) do nothing returning amount_fen`,
        );
        if (paid)
          await exec(
            tx,
            sql`insert into leader_accounts (leader_id, available_fen) values (${r.leader_id}, ${paid.amount_fen})
            on conflict (leader_id) do update set available_fen = leader_accounts.available_fen + excluded.available_fen`,
          );
      }
      await exec(
        tx,
        sql`insert into outbox (topic, payload) values ('notify.customer', ${JSON.stringify({
          userId: r.user_id,
          kind: 'leader_grade',
          month,
          grade: r.grade,
          bonusFen: r.bonus_fen,
        })}::jsonb)`,
      );
    }
    return inserted.length;
  });
}

export interface ReportRow extends LeaderMonthRow {
  month: string;
  /** the grade earned for the month once it is closed; null while it runs */
  grade: Grade | null;
  bonusFen: number | null;
  complaintRate: number | null;
  recallRate: number | null;
}

interface StoredMonth {
  leader_id: string;
  user_id: string;
  name: string;
  point_name: string;
  month: string;
  region_id: string;
  pickup_point_id: string;
  gmv_fen: number;
  orders: number;
  customers: number;
  new_customers: number;
  dormant_customers: number;
  claims: number;
  ready_orders: number;
  timely_orders: number;
  commission_fen: number;
  contacted: number;
  recalled: number;
  grade: Grade;
  bonus_fen: number;
}

const storedSelect = sql`
  select m.leader_id, l.user_id, u.name, p.name as point_name, m.month, m.region_id, m.pickup_point_id, m.gmv_fen, m.orders,
    m.customers, m.new_customers, m.dormant_customers, m.claims, m.ready_orders, m.timely_orders, m.commission_fen,
    m.contacted, m.recalled, m.grade, m.bonus_fen
  from leader_months m join leaders l on l.id = m.leader_id join users u on u.id = l.user_id
    join pickup_points p on p.id = m.pickup_point_id`;

const rates = (r: Pick<LeaderMonthRow, 'claims' | 'orders' | 'contacted' | 'recalled'>) => ({
  complaintRate: r.orders > 0 ? r.claims / r.orders : null,
  recallRate: r.contacted > 0 ? r.recalled / r.contacted : null,
});

function fromStored(m: StoredMonth): ReportRow {
  const row: LeaderMonthRow = {
    leaderId: m.leader_id,
    userId: m.user_id,
    name: m.name,
    pickupPointId: m.pickup_point_id,
    pickupPointName: m.point_name,
    regionId: m.region_id,
    gmvFen: Number(m.gmv_fen),
    orders: m.orders,
    customers: m.customers,
    newCustomers: m.new_customers,
    dormantCustomers: m.dormant_customers,
    claims: m.claims,
    readyOrders: m.ready_orders,
    timelyOrders: m.timely_orders,
    commissionFen: Number(m.commission_fen),
    contacted: m.contacted,
    recalled: m.recalled,
  };
  return { ...row, month: m.month, grade: m.grade, bonusFen: m.bonus_fen, ...rates(row) };
}
const fromLive = (month: string, r: LeaderMonthRow): ReportRow => ({
  ...r,
  month,
  grade: null,
  bonusFen: null,
  ...rates(r),
});

/**
 * The per-leader report of a month over the caller's regions: a closed month from its stored rows
 * (leaders without one, e.g. appointed later or before the job ran, live), the current month live.
 */
export async function leaderReport(
  db: Db,
  opts: { scope: RegionScope; month: string; regionId?: string; now?: Date },
): Promise<ReportRow[]> {
  const now = opts.now ?? new Date();
  const out: ReportRow[] = [];
  for (const region of await regionClocks(db, opts.scope, opts.regionId, now)) {
    if (opts.month > region.month) continue;
    const stored =
      opts.month < region.month
        ? await rows<StoredMonth>(
            db,
            sql`${storedSelect} where m.region_id = ${region.id} and m.month = ${opts.month} and l.status = 'active'`,
          )
        : [];
    const have = new Set(stored.map((s) => s.leader_id));
    out.push(...stored.map(fromStored));
    const missing = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from leaders l join pickup_points p on p.id = l.pickup_point_id
      where p.region_id = ${region.id} and l.status = 'active' and not (l.id = any(${pgArray([...have])}::uuid[]))`,
    );
    if (missing?.n)
      out.push(
        ...(await liveFigures(db, region, opts.month, now))
          .filter((r) => !have.has(r.leaderId))
          .map((r) => fromLive(opts.month, r)),
      );
  }
  return out.sort((a, b) => b.gmvFen - a.gmvFen || a.leaderId.localeCompare(b.leaderId));
}

/** A leader's months: the stored ones (newest `months`), then the current month live. 404 outside the scope. */
export async function leaderMonthsOf(db: Db, scope: RegionScope, leaderId: string, months = 12, now = new Date()) {
  const leader = await one<{ region_id: string }>(
    db,
    sql`select p.region_id from leaders l join pickup_points p on p.id = l.pickup_point_id
    where l.id = ${leaderId} and ${inScope(scope, sql`p.region_id`)}`,
  );
  if (!leader) throw notFound('Leader');
  const [region] = await regionClocks(db, null, leader.region_id, now);
  const stored = await rows<StoredMonth>(
    db,
    sql`${storedSelect} where m.leader_id = ${leaderId} and m.month < ${region.month} order by m.month desc limit ${months}`,
  );
  const live = await liveFigures(db, region, region.month, now, leaderId);
  return [...stored.reverse().map(fromStored), ...live.map((r) => fromLive(region.month, r))];
}

export interface GradeView {
  month: string;
  grade: Grade;
  /** the closed month the grade is for (null: never graded, 见习) */
  gradedMonth: string | null;
  bonusBps: Record<Grade, number>;
  thresholds: (typeof GRADE_THRESHOLDS)['default'];
  /** this month so far against the next grade's criteria (none at gold) */
  next: { grade: Grade; checks: CriterionCheck[] } | null;
  /** this month so far against the grade held (to keep it) */
  keep: CriterionCheck[] | null;
  history: { month: string; grade: Grade; bonusFen: number }[];
}

/** The leader app's grade page: what I have, what the rules are and what the next grade needs. */
export async function leaderGrade(db: Db, leader: Leader, now = new Date()): Promise<GradeView> {
  const [thresholds, bonusBps] = await readSettings(db, [GRADE_THRESHOLDS, GRADE_BONUS_BPS] as const);
  const regionId = (await one<{ region_id: string }>(
    db,
    sql`select region_id from pickup_points where id = ${leader.pickupPointId}`,
  ))!.region_id;
  const [region] = await regionClocks(db, null, regionId, now);
  const history = await rows<{ month: string; grade: Grade; bonus_fen: number }>(
    db,
    sql`select month, grade, bonus_fen from leader_months where leader_id = ${leader.id} order by month desc limit 12`,
  );
  const [live] = await liveFigures(db, region, region.month, now, leader.id);
  const grade = history[0]?.grade ?? 'trainee';
  const up = nextGrade(grade);
  return {
    month: region.month,
    grade,
    gradedMonth: history[0]?.month ?? null,
    bonusBps,
    thresholds,
    next: up && live ? { grade: up, checks: checkCriteria(live, thresholds[up]) } : null,
    keep: grade !== 'trainee' && live ? checkCriteria(live, thresholds[grade]) : null,
    history: history.map((h) => ({ month: h.month, grade: h.grade, bonusFen: h.bonus_fen })),
  };
}

/**
 * This month's ranking of the region's active leaders by GMV so far (paid goods orders at their
 * point), names partly masked; my own row is marked and always included.
 */
export async function leaderboard(db: Db, leader: Leader, now = new Date()) {
  const regionId = (await one<{ region_id: string }>(
    db,
    sql`select region_id from pickup_points where id = ${leader.pickupPointId}`,
  ))!.region_id;
  const [region] = await regionClocks(db, null, regionId, now);
  const b = await monthBounds(db, region.tz, region.month);
  const ranked = await rows<{ leader_id: string; name: string; point: string; gmv: number; rank: number }>(
    db,
    sql`
    with pts as (select l.id as leader_id, u.name, p.id as point, p.name as point_name
      from leaders l join users u on u.id = l.user_id join pickup_points p on p.id = l.pickup_point_id
      where p.region_id = ${regionId} and l.status = 'active'),
    sales as (select o.pickup_point_id as point, sum(o.total_fen)::bigint as gmv from orders o
      where o.kind = 'goods' and o.paid_at >= ${b.from_at}::timestamptz and o.paid_at < ${b.to_at}::timestamptz
        and o.region_id = ${regionId} group by 1)
    select pts.leader_id, pts.name, pts.point_name as point, coalesce(s.gmv, 0) as gmv,
      (rank() over (order by coalesce(s.gmv, 0) desc))::int as rank
    from pts left join sales s on s.point = pts.point order by rank, pts.leader_id`,
  );
  const view = (r: (typeof ranked)[number]) => ({
    rank: r.rank,
    name: r.leader_id === leader.id ? r.name : maskName(r.name),
    pickupPointName: r.leader_id === leader.id ? r.point : maskName(r.point),
    gmvFen: Number(r.gmv),
    me: r.leader_id === leader.id,
  });
  const top = ranked.slice(0, 20).map(view);
  const mine = ranked.find((r) => r.leader_id === leader.id);
  if (mine && !top.some((t) => t.me)) top.push(view(mine));
  return { month: region.month, leaders: ranked.length, myRank: mine?.rank ?? null, items: top };
}

/** The thresholds, bonus rates and coupon allowance as the console edits them. */
export async function gradeSettings(db: Db) {
  const [thresholds, bonusBps, allowance, dormantDays] = await readSettings(db, [
    GRADE_THRESHOLDS,
    GRADE_BONUS_BPS,
    COUPON_ALLOWANCE,
    LEADER_DORMANT_DAYS,
  ] as const);
  const template = allowance.templateId
    ? await one<{ name: string }>(db, sql`select name from coupon_templates where id = ${allowance.templateId}`)
    : null;
  return { thresholds, bonusBps, dormantDays, allowance: { ...allowance, templateName: template?.name ?? null } };
}
