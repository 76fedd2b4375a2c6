import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { invalidState, notFound } from '../../lib/errors.js';
import { businessDate, DEFAULT_TIME_ZONE, iso } from '../../lib/time.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { readSettings } from '../settings/service.js';
import { addMonths, rankMonth, scoreMonth, type Ranked, type ScorecardCounts, type ScorecardFigures } from './rules.js';
import { SCORECARD_STANDARD, SCORECARD_THRESHOLDS, SCORECARD_WEIGHTS } from './settings.js';

/**
 * Monthly supplier scorecards (decision 044), computed from Linli's own records: purchase orders
 * and their receiving (fill, rejection, on time), after-sales claims on what they supplied, and
 * write-offs from their lots in the stock ledger. A month belongs to the purchase orders whose
 * campaign is picked up in it; write-offs to the month they were posted in (warehouse's region).
 * Past months are closed by a job into supplier_scorecards; the current month is computed live.
 * Suppliers are shared across regions: "this month" is Asia/Shanghai's, like their other screens.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (m: string) => MONTH.test(m);
export const currentMonth = (now: Date) => businessDate(now, DEFAULT_TIME_ZONE).slice(0, 7);

interface CountRow {
  supplier_id: string;
  month: string;
  ordered: number;
  accepted: number;
  rejected: number;
  due: number;
  on_time: number;
  sold: number;
  received_fen: number;
  claim_units: number;
  claims: Record<string, number> | null;
  loss_units: number;
  loss_fen: number;
}

/**
 * The raw counts per supplier and month for months [from, to], set-based in one statement. Purchase
 * orders count once due: received, or past their due time at `now` (an order never delivered is
 * 0 % filled and late).
 */
export async function scorecardCounts(
  db: Db,
  range: { from: string; to: string; now: Date; supplierId?: string },
): Promise<ScorecardCounts[]> {
  const first = `${range.from}-01`;
  const after = `${addMonths(range.to, 1)}-01`;
  const supplier = range.supplierId ? sql`and po.supplier_id = ${range.supplierId}::uuid` : sql``;
  // A report over a month, run rarely: planned with its values (sessions default to generic plans,
  // decision 019, which here chose a nested loop over every order line of the month)
  const found = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return rows<CountRow>(
      tx,
      sql`
    with po as materialized (
      select po.id, po.campaign_id, po.supplier_id, to_char(c.pickup_date, 'YYYY-MM') as month,
        po.received_at, po.expected_at, po.status
      from campaigns c join purchase_orders po on po.campaign_id = c.id
      where c.pickup_date >= ${first}::date and c.pickup_date < ${after}::date ${supplier}
        and (po.status = 'received' or po.expected_at <= ${range.now.toISOString()}::timestamptz)
    ),
    lines as (
      select po.supplier_id, po.month, sum(pol.quantity)::bigint as ordered,
        sum(coalesce(pol.accepted_quantity, 0))::bigint as accepted, sum(coalesce(pol.rejected_quantity, 0))::bigint as rejected,
        sum(pol.demand_quantity)::bigint as sold,
        sum(coalesce(pol.accepted_quantity, 0)::bigint * coalesce(pol.unit_cost_fen, p.cost_fen))::bigint as received_fen
      from po join purchase_order_lines pol on pol.purchase_order_id = po.id join products p on p.id = pol.product_id
      group by 1, 2
    ),
    deliveries as (
      select supplier_id, month, count(*)::int as due,
        -- an order without a due time (raised before due times existed) is not held late
        count(*) filter (where po.status = 'received' and (po.expected_at is null or po.received_at <= po.expected_at))::int as on_time
      from po group by 1, 2
    ),
    claim_units as (
      select po.supplier_id, po.month, r.reason, sum(rl.quantity)::bigint as units
      from refunds r join refund_lines rl on rl.refund_id = r.id
        -- one index lookup per claimed line (limit 1 keeps the planner from merging over every order line)
        cross join lateral (
          select ci.product_id, ci.campaign_id from order_lines ol join campaign_items ci on ci.id = ol.campaign_item_id
          where ol.id = rl.order_line_id limit 1
        ) ol
        join po on po.campaign_id = ol.campaign_id
        join purchase_order_lines pol on pol.purchase_order_id = po.id and pol.product_id = ol.product_id
      where r.kind = 'aftersales' and r.status <> 'rejected'
        and r.created_at >= ${first}::timestamptz - interval '1 day'
      group by 1, 2, 3
    ),
    claims as (
      select supplier_id, month, sum(units)::bigint as units, jsonb_object_agg(reason, units) as by_reason
      from claim_units group by 1, 2
    ),
    loss as (
      select po.supplier_id, to_char(m.created_at at time zone rg.time_zone, 'YYYY-MM') as month,
        sum(-sml.quantity)::bigint as units,
        sum(-sml.quantity::bigint * coalesce(pol.unit_cost_fen, p.cost_fen))::bigint as fen
      from stock_movements m
        join stock_movement_lots sml on sml.movement_id = m.id
        join lots l on l.id = sml.lot_id
        join purchase_orders po on po.id = l.purchase_order_id
        join purchase_order_lines pol on pol.purchase_order_id = po.id and pol.product_id = l.product_id
        join products p on p.id = l.product_id
        join warehouses w on w.id = m.warehouse_id join regions rg on rg.id = w.region_id
      where m.kind = 'written_off' and sml.quantity < 0
        and m.created_at >= ${first}::timestamptz - interval '1 day' and m.created_at < ${after}::timestamptz + interval '1 day'
        ${supplier}
      group by 1, 2
    )
    select coalesce(li.supplier_id, lo.supplier_id) as supplier_id, coalesce(li.month, lo.month) as month,
      coalesce(li.ordered, 0)::int as ordered, coalesce(li.accepted, 0)::int as accepted, coalesce(li.rejected, 0)::int as rejected,
      coalesce(od.due, 0)::int as due, coalesce(od.on_time, 0)::int as on_time, coalesce(li.sold, 0)::int as sold,
      coalesce(li.received_fen, 0)::int as received_fen, coalesce(cl.units, 0)::int as claim_units, cl.by_reason as claims,
      coalesce(lo.units, 0)::int as loss_units, coalesce(lo.fen, 0)::int as loss_fen
    from lines li
      full join loss lo on lo.supplier_id = li.supplier_id and lo.month = li.month
      left join deliveries od on od.supplier_id = li.supplier_id and od.month = li.month
      left join claims cl on cl.supplier_id = li.supplier_id and cl.month = li.month
    where coalesce(li.month, lo.month) >= ${range.from} and coalesce(li.month, lo.month) <= ${range.to}`,
    );
  });
  return found.map((r) => ({
    supplierId: r.supplier_id,
    month: r.month,
    orderedUnits: r.ordered,
    acceptedUnits: r.accepted,
    rejectedUnits: r.rejected,
    dueOrders: r.due,
    onTimeOrders: r.on_time,
    unitsSold: r.sold,
    claimUnits: r.claim_units,
    claimsByReason: r.claims ?? {},
    lossUnits: r.loss_units,
    lossFen: r.loss_fen,
    receivedFen: r.received_fen,
  }));
}

export interface ScorecardView extends ScorecardCounts, Omit<ScorecardFigures, 'score'>, Ranked {
  supplierName: string;
  supplierStatus: string;
  /** closed: stored by the month's closing; live: computed now from the records */
  source: 'closed' | 'live';
}

const settingsOf = (db: Db) => readSettings(db, [SCORECARD_THRESHOLDS, SCORECARD_WEIGHTS, SCORECARD_STANDARD] as const);

/** Scores and ranks one month's counts (suppliers with no purchase order due that month are not ranked). */
async function rankCounts(db: Db, counts: ScorecardCounts[]) {
  const [t, w, s] = await settingsOf(db);
  const scored = counts.filter((c) => c.dueOrders > 0).map((c) => ({ ...c, figures: scoreMonth(c, t, w) }));
  return rankMonth(scored, s);
}

interface StoredRow {
  supplier_id: string;
  month: string;
  ordered_units: number;
  accepted_units: number;
  rejected_units: number;
  due_orders: number;
  on_time_orders: number;
  units_sold: number;
  claim_units: number;
  claims_by_reason: Record<string, number>;
  loss_units: number;
  loss_fen: number;
  received_fen: number;
  score: number;
  rank: number;
  ranked_of: number;
  below_standard: boolean;
  rectify_by: unknown;
}

const storedCounts = (r: StoredRow): ScorecardCounts => ({
  supplierId: r.supplier_id,
  month: r.month,
  orderedUnits: r.ordered_units,
  acceptedUnits: r.accepted_units,
  rejectedUnits: r.rejected_units,
  dueOrders: r.due_orders,
  onTimeOrders: r.on_time_orders,
  unitsSold: r.units_sold,
  claimUnits: r.claim_units,
  claimsByReason: r.claims_by_reason,
  lossUnits: r.loss_units,
  lossFen: r.loss_fen,
  receivedFen: r.received_fen,
});

async function supplierNames(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; status: string }>();
  const found = await rows<{ id: string; name: string; status: string }>(
    db,
    sql`select id, name, status from suppliers where id in (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(found.map((r) => [r.id, { name: r.name, status: r.status }]));
}

/** Stored months (closed) as views: figures recomputed from the stored counts, score and rank as stored. */
async function storedViews(db: Db, where: ReturnType<typeof sql>): Promise<ScorecardView[]> {
  const found = await rows<StoredRow>(
    db,
    sql`select supplier_id, month, ordered_units, accepted_units, rejected_units, due_orders, on_time_orders, units_sold,
      claim_units, claims_by_reason, loss_units, loss_fen, received_fen, score, rank, ranked_of, below_standard,
      rectify_by::text as rectify_by
    from supplier_scorecards where ${where} order by month, rank`,
  );
  const [t, w] = await settingsOf(db);
  const names = await supplierNames(db, [...new Set(found.map((r) => r.supplier_id))]);
  return found.map((r) => {
    const counts = storedCounts(r);
    const { score: _score, ...figures } = scoreMonth(counts, t, w);
    return {
      ...counts,
      ...figures,
      supplierName: names.get(r.supplier_id)?.name ?? '',
      supplierStatus: names.get(r.supplier_id)?.status ?? '',
      score: Number(r.score),
      rank: r.rank,
      rankedOf: r.ranked_of,
      belowStandard: r.below_standard,
      rectifyBy: (r.rectify_by as string | null) ?? null,
      source: 'closed' as const,
    };
  });
}

async function liveViews(db: Db, month: string, now: Date, supplierId?: string): Promise<ScorecardView[]> {
  // the rank is among all suppliers, so the month is computed for all of them even for one supplier
  const ranked = await rankCounts(db, await scorecardCounts(db, { from: month, to: month, now }));
  const picked = supplierId ? ranked.filter((r) => r.supplierId === supplierId) : ranked;
  const names = await supplierNames(
    db,
    picked.map((r) => r.supplierId),
  );
  return picked.map(({ figures, ...r }) => {
    const { score: _score, ...rest } = figures;
    return {
      ...r,
      ...rest,
      supplierName: names.get(r.supplierId)?.name ?? '',
      supplierStatus: names.get(r.supplierId)?.status ?? '',
      source: 'live' as const,
    };
  });
}

async function isClosed(db: Db, month: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 as ok from supplier_scorecards where month = ${month} limit 1`));
}

/** The ranking of a month: stored when the month is closed, else live. */
export async function monthRanking(db: Db, month: string, now = new Date()) {
  const closed = await isClosed(db, month);
  const items = closed ? await storedViews(db, sql`month = ${month}`) : await liveViews(db, month, now);
  const [, , standard] = await settingsOf(db);
  return { month, closed, passScore: standard.passScore, items };
}

/** A supplier's last `months` months (the current one live), oldest first. */
export async function supplierTrend(db: Db, supplierId: string, months: number, now = new Date()) {
  const exists = await one<{ name: string }>(db, sql`select name from suppliers where id = ${supplierId}`);
  if (!exists) throw notFound('Supplier');
  const to = currentMonth(now);
  const from = addMonths(to, -(months - 1));
  const stored = await storedViews(db, sql`supplier_id = ${supplierId}::uuid and month >= ${from} and month <= ${to}`);
  const closedMonths = new Set(
    (
      await rows<{ month: string }>(
        db,
        sql`select distinct month from supplier_scorecards where month >= ${from} and month <= ${to}`,
      )
    ).map((r) => r.month),
  );
  const items: ScorecardView[] = [...stored];
  // open months in the window (normally only the current one): live
  for (let m = from; m <= to; m = addMonths(m, 1)) {
    if (!closedMonths.has(m)) items.push(...(await liveViews(db, m, now, supplierId)));
  }
  items.sort((a, b) => (a.month < b.month ? -1 : 1));
  const [, , standard] = await settingsOf(db);
  return { supplierId, from, to, passScore: standard.passScore, months: monthList(from, to), items };
}

function monthList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * Closes a month: its scorecards are computed once and stored (one row per supplier and month,
 * `on conflict do nothing`, so a repeated or concurrent run stores nothing twice), then each
 * supplier below standard for the configured number of closed months in a row gets one
 * suspension proposal in the alert inbox. Nothing is suspended here: the operator confirms.
 */
export async function closeScorecardMonth(
  db: Db,
  month: string,
  now = new Date(),
): Promise<{ stored: number; proposals: number }> {
  if (!isMonth(month)) throw invalidState('Not a month (YYYY-MM)', { month });
  if (month >= currentMonth(now)) throw invalidState('Only a past month can be closed', { month });
  const ranked = await rankCounts(db, await scorecardCounts(db, { from: month, to: month, now }));
  let stored = 0;
  if (ranked.length) {
    const json = JSON.stringify(
      ranked.map((r) => ({
        supplier_id: r.supplierId,
        ordered_units: r.orderedUnits,
        accepted_units: r.acceptedUnits,
        rejected_units: r.rejectedUnits,
        due_orders: r.dueOrders,
        on_time_orders: r.onTimeOrders,
        units_sold: r.unitsSold,
        claim_units: r.claimUnits,
        claims_by_reason: r.claimsByReason,
        loss_units: r.lossUnits,
        loss_fen: r.lossFen,
        received_fen: r.receivedFen,
        score: r.score,
        rank: r.rank,
        ranked_of: r.rankedOf,
        below_standard: r.belowStandard,
        rectify_by: r.rectifyBy,
      })),
    );
    const done = await one<{ n: number }>(
      db,
      sql`
      with ins as (
        insert into supplier_scorecards (supplier_id, month, ordered_units, accepted_units, rejected_units, due_orders,
          on_time_orders, units_sold, claim_units, claims_by_reason, loss_units, loss_fen, received_fen, score, rank,
          ranked_of, below_standard, rectify_by)
        select x.supplier_id, ${month}, x.ordered_units, x.accepted_units, x.rejected_units, x.due_orders, x.on_time_orders,
          x.units_sold, x.claim_units, x.claims_by_reason, x.loss_units, x.loss_fen, x.received_fen, x.score, x.rank,
          x.ranked_of, x.below_standard, x.rectify_by
        from jsonb_to_recordset(${json}::jsonb) as x(supplier_id uuid, ordered_units int, accepted_units int,
          rejected_units int, due_orders int, on_time_orders int, units_sold int, claim_units int, claims_by_reason jsonb,
          loss_units int, loss_fen int, received_fen int, score float8, rank int, ranked_of int, below_standard boolean,
          rectify_by date)
        -- a month is closed once: a second run (or a second server) finds it stored
        where not exists (select 1 from supplier_scorecards s where s.month = ${month})
        on conflict (supplier_id, month) do nothing
        returning 1
      ) select count(*)::int as n from ins`,
    );
    stored = done?.n ?? 0;
  }
  const proposals = await proposeSuspensions(db, month);
  return { stored, proposals };
}

/**
 * One alert per active supplier below standard in `month` and the closed months before it, as many
 * in a row as the setting asks (business key per supplier and month: raised once).
 */
export async function proposeSuspensions(db: Db, month: string): Promise<number> {
  const [, , s] = await settingsOf(db);
  const n = s.consecutiveMonthsToPropose;
  const first = addMonths(month, -(n - 1));
  return raiseAlertsFrom(
    db,
    sql`
    select 'supplier_suspension_proposed'::text as kind,
      'supplier-suspension:' || sc.supplier_id::text || ':' || ${month}::text as business_key,
      null::uuid as region_id, 'critical'::text as severity, 'supplier'::text as subject_type, sc.supplier_id as subject_id,
      jsonb_build_object('supplierId', sc.supplier_id, 'supplierName', su.name, 'month', ${month}::text,
        'months', jsonb_agg(sc.month order by sc.month), 'scores', jsonb_agg(sc.score order by sc.month),
        'rectifyBy', max(sc.rectify_by)::text) as details
    from supplier_scorecards sc join suppliers su on su.id = sc.supplier_id
    where sc.month >= ${first} and sc.month <= ${month} and sc.below_standard and su.status = 'active'
    group by sc.supplier_id, su.name
    having count(*) = ${n}::int and bool_or(sc.month = ${month})`,
  );
}

/** The closing job: every past month with purchase orders that is not closed yet (oldest first, at most 12 back). */
export async function closeDueScorecardMonths(db: Db, now = new Date()): Promise<string[]> {
  const current = currentMonth(now);
  const from = addMonths(current, -12);
  const open = await rows<{ month: string }>(
    db,
    sql`
    select distinct to_char(c.pickup_date, 'YYYY-MM') as month
    from campaigns c
    where c.pickup_date >= ${`${from}-01`}::date and c.pickup_date < ${`${current}-01`}::date
      and exists (select 1 from purchase_orders po where po.campaign_id = c.id)
      and not exists (select 1 from supplier_scorecards s where s.month = to_char(c.pickup_date, 'YYYY-MM'))
    order by 1`,
  );
  for (const m of open) await closeScorecardMonth(db, m.month, now);
  return open.map((m) => m.month);
}

/**
 * The operator's one-click answer to a suspension proposal: the supplier is suspended (only if it
 * is still active) and the alert acknowledged, in one transaction. Suspending stops its purchase
 * orders and campaign use (decision 038).
 */
export async function confirmSuspension(db: Db, alertId: string, userId: string) {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const alert = await one<{ subject_id: string; acknowledged_at: unknown }>(
      tx,
      sql`select subject_id, acknowledged_at from operator_alerts
      where id = ${alertId} and kind = 'supplier_suspension_proposed' for update`,
    );
    if (!alert) throw notFound('Suspension proposal');
    const suspended = await one<{ id: string }>(
      tx,
      sql`update suppliers set status = 'suspended' where id = ${alert.subject_id} and status = 'active' returning id`,
    );
    await exec(
      tx,
      sql`update operator_alerts set acknowledged_at = coalesce(acknowledged_at, now()),
        acknowledged_by = coalesce(acknowledged_by, ${userId}::uuid) where id = ${alertId}`,
    );
    const st = await one<{ status: string }>(tx, sql`select status from suppliers where id = ${alert.subject_id}`);
    return {
      supplierId: alert.subject_id,
      status: st?.status ?? 'suspended',
      suspendedNow: !!suspended,
      acknowledgedAt: iso(alert.acknowledged_at) ?? new Date().toISOString(),
    };
  });
}
