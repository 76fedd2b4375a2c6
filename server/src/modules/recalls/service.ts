import { sql, type SQL } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { maskPhone } from '../../lib/phone.js';
import { inScope, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { dateOnly, iso } from '../../lib/time.js';
import type { RecallScope } from './schema.js';

/**
 * Recalls (召回, decision 043): what a recall covers is a set of lots (one lot; a product's lots
 * received on some business days; a supplier's lots), and through them every order line that got
 * units of them — `order_lines.lot_id` for units received on a purchase order, `order_line_lots` for
 * units served from free stock at cutoff. A draft shows that set live; confirmation freezes it.
 */

export const RECALL_DEADLINE_HOURS = 48;

export interface RecallDef {
  regionId: string;
  scope: RecallScope;
  lotId?: string | null;
  productId?: string | null;
  supplierId?: string | null;
  fromDate?: string | null;
  toDate?: string | null;
}

export interface RecallInput extends Omit<RecallDef, 'regionId'> {
  regionId?: string;
  reason: string;
  refund?: boolean;
}

/** Checks what the scope needs and finds the region (a lot's is its warehouse's). 4xx when wrong, before any write. */
export async function resolveDef(db: Db, input: RecallInput, scope: RegionScope): Promise<RecallDef> {
  const need = { lot: 'lotId', product: 'productId', supplier: 'supplierId' } as const;
  const field = need[input.scope];
  if (!input[field]) throw validation(`A recall from a ${input.scope} needs ${field}`, { field });
  if (input.fromDate && input.toDate && input.fromDate > input.toDate)
    throw validation('fromDate is after toDate', { field: 'fromDate' });
  const def: RecallDef = {
    regionId: '',
    scope: input.scope,
    lotId: input.scope === 'lot' ? input.lotId : null,
    productId: input.scope === 'product' ? input.productId : null,
    supplierId: input.scope === 'supplier' ? input.supplierId : null,
    fromDate: input.scope === 'lot' ? null : (input.fromDate ?? null),
    toDate: input.scope === 'lot' ? null : (input.toDate ?? null),
  };
  if (input.scope === 'lot') {
    const lot = await one<{ region_id: string }>(
      db,
      sql`select w.region_id from lots l join warehouses w on w.id = l.warehouse_id where l.id = ${input.lotId}`,
    );
    if (!lot) throw notFound('Lot');
    requireInScope(scope, lot.region_id, 'Lot');
    def.regionId = lot.region_id;
  } else {
    const regionId = input.regionId ?? (scope?.length === 1 ? scope[0] : undefined);
    if (!regionId) throw validation('Name the region of the recall', { field: 'regionId' });
    requireInScope(scope, regionId, 'Region');
    const region = await one(db, sql`select 1 as ok from regions where id = ${regionId}`);
    if (!region) throw notFound('Region');
    const what =
      input.scope === 'product'
        ? await one(db, sql`select 1 as ok from products where id = ${input.productId}`)
        : await one(db, sql`select 1 as ok from suppliers where id = ${input.supplierId}`);
    if (!what) throw notFound(input.scope === 'product' ? 'Product' : 'Supplier');
    def.regionId = regionId;
  }
  return def;
}

/**
 * The recall's lots: (id, warehouse_id, product_id, remaining) of the region's warehouses. A
 * supplier's lots are those of its purchase orders, and lots without one (stock put in by hand) of
 * its products. Dates are receipt business days in the region's time zone.
 */
export function lotsSql(d: RecallDef): SQL {
  const which =
    d.scope === 'lot'
      ? sql`l.id = ${d.lotId}::uuid`
      : d.scope === 'product'
        ? sql`l.product_id = ${d.productId}::uuid`
        : sql`coalesce(po.supplier_id, p.supplier_id) = ${d.supplierId}::uuid`;
  return sql`
    select l.id, l.warehouse_id, l.product_id, l.purchase_order_id, l.remaining
    from lots l join warehouses w on w.id = l.warehouse_id join regions rg on rg.id = w.region_id
      join products p on p.id = l.product_id left join purchase_orders po on po.id = l.purchase_order_id
    where w.region_id = ${d.regionId}::uuid and ${which}
      and (${d.fromDate ?? null}::date is null or (l.received_at at time zone rg.time_zone)::date >= ${d.fromDate ?? null}::date)
      and (${d.toDate ?? null}::date is null or (l.received_at at time zone rg.time_zone)::date <= ${d.toDate ?? null}::date)`;
}

/**
 * The affected lines of a set of lots `rl` (a WITH name): (order_line_id, order_id, user_id,
 * pickup_point_id, product_id, units). A line's units from a lot it was received from are its units
 * less those it got from stock lots; lines of cancelled or unpaid orders were never served.
 * Lines received on a purchase order are found through the lot's campaign (no index on
 * `order_lines.lot_id`, which would stop receiving's updates being HOT).
 */
export const affectedSql = (rl: SQL) => sql`
  src as (
    select oll.order_line_id as line_id, oll.quantity as units
    from order_line_lots oll where oll.lot_id in (select id from ${rl})
    union all
    select l.id, greatest(l.quantity - coalesce((select sum(x.quantity) from order_line_lots x where x.order_line_id = l.id), 0), 0)
    from ${rl} r join purchase_orders po on po.id = r.purchase_order_id
      join orders o on o.campaign_id = po.campaign_id join order_lines l on l.order_id = o.id and l.lot_id = r.id
  ),
  affected as (
    select l.id as order_line_id, l.order_id, o.user_id, o.pickup_point_id, l.product_id, least(s.units, l.quantity)::int as units
    from (select line_id, sum(units)::int as units from src group by line_id) s
      join order_lines l on l.id = s.line_id join orders o on o.id = l.order_id
    where s.units > 0 and o.status in ('paid', 'closed', 'ready', 'completed')
  )`;

export interface RecallProgress {
  lines: number;
  customers: number;
  units: number;
  pickupPoints: number;
  customersNotified: number;
  leaders: number;
  leadersNotified: number;
  refundedLines: number;
  refundedCustomers: number;
  refundedFen: number;
  unitsRecovered: number;
  unitsBlocked: number;
  dealsClosed: number;
}

export interface RecallView {
  id: string;
  regionId: string;
  scope: RecallScope;
  lotId: string | null;
  productId: string | null;
  supplierId: string | null;
  /** what the recall is of, in words: the product(s) and supplier */
  subject: string;
  fromDate: string | null;
  toDate: string | null;
  reason: string;
  refund: boolean;
  status: 'draft' | 'active' | 'closed';
  createdAt: string;
  confirmedAt: string | null;
  deadlineAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  lots: { lotId: string; warehouseName: string; productName: string; expiresOn: string | null; remaining: number }[];
  progress: RecallProgress;
}

interface RecallRow {
  id: string;
  region_id: string;
  scope: RecallScope;
  lot_id: string | null;
  product_id: string | null;
  supplier_id: string | null;
  from_date: unknown;
  to_date: unknown;
  reason: string;
  refund: boolean;
  status: 'draft' | 'active' | 'closed';
  created_at: unknown;
  confirmed_at: unknown;
  deadline_at: unknown;
  closed_at: unknown;
  overdue: boolean;
}

const defOf = (r: RecallRow): RecallDef => ({
  regionId: r.region_id,
  scope: r.scope,
  lotId: r.lot_id,
  productId: r.product_id,
  supplierId: r.supplier_id,
  fromDate: dateOnly(r.from_date),
  toDate: dateOnly(r.to_date),
});

/** A draft: what confirming it now would cover (live). A confirmed recall: what it froze, and how far it got. */
async function progressOf(db: Db, r: RecallRow): Promise<RecallProgress> {
  if (r.status === 'draft') {
    const p = await one<RecallProgress>(
      db,
      sql`
      with rl as (${lotsSql(defOf(r))}), ${affectedSql(sql`rl`)}
      select count(*)::int as lines, count(distinct user_id)::int as customers, coalesce(sum(units), 0)::int as units,
        count(distinct pickup_point_id)::int as "pickupPoints", 0 as "customersNotified",
        (select count(distinct ld.user_id) from leaders ld where ld.status = 'active'
          and ld.pickup_point_id in (select pickup_point_id from affected))::int as leaders,
        0 as "leadersNotified", 0 as "refundedLines", 0 as "refundedCustomers", 0 as "refundedFen", 0 as "unitsRecovered",
        (select coalesce(sum(remaining), 0) from rl)::int as "unitsBlocked", 0 as "dealsClosed"
      from affected`,
    );
    return p!;
  }
  const p = await one<RecallProgress>(
    db,
    sql`
    select
      (select count(*) from recall_lines where recall_id = ${r.id})::int as lines,
      (select count(distinct user_id) from recall_lines where recall_id = ${r.id})::int as customers,
      (select coalesce(sum(units), 0) from recall_lines where recall_id = ${r.id})::int as units,
      (select count(distinct pickup_point_id) from recall_lines where recall_id = ${r.id})::int as "pickupPoints",
      (select count(*) from recall_notices n join outbox o on o.id = n.outbox_id
        where n.recall_id = ${r.id} and n.role = 'customer' and o.status = 'delivered')::int as "customersNotified",
      (select count(*) from recall_notices where recall_id = ${r.id} and role = 'leader')::int as leaders,
      (select count(*) from recall_notices n join outbox o on o.id = n.outbox_id
        where n.recall_id = ${r.id} and n.role = 'leader' and o.status = 'delivered')::int as "leadersNotified",
      (select count(*) from recall_lines where recall_id = ${r.id} and refund_id is not null)::int as "refundedLines",
      (select count(distinct user_id) from recall_lines where recall_id = ${r.id} and refund_id is not null)::int as "refundedCustomers",
      (select coalesce(sum(refunded_fen), 0) from recall_lines where recall_id = ${r.id})::int as "refundedFen",
      (select coalesce(sum(units), 0) from recall_returns where recall_id = ${r.id})::int as "unitsRecovered",
      (select coalesce(sum(blocked_units), 0) from recall_lots where recall_id = ${r.id})::int as "unitsBlocked",
      (select count(*) from recall_deals where recall_id = ${r.id})::int as "dealsClosed"`,
  );
  return p!;
}

const recallColumns = sql`r.id, r.region_id, r.scope, r.lot_id, r.product_id, r.supplier_id, r.from_date, r.to_date, r.reason,
  r.refund, r.status, r.created_at, r.confirmed_at, r.deadline_at, r.closed_at,
  (r.status = 'active' and r.deadline_at < now()) as overdue`;

/**
 * What a recall is of, in words: the product and the lot's expiry, the product, or the supplier.
 * Its columns are SQL (a recall row's, or a draft's values), so one list reads it in its statement.
 */
const subjectSql = (c: { scope: SQL; lotId: SQL; productId: SQL; supplierId: SQL }) => sql`coalesce(case ${c.scope}
    when 'lot' then (select p.name || ' · ' || coalesce(l.expires_on::text, '—') from lots l join products p on p.id = l.product_id where l.id = ${c.lotId})
    when 'product' then (select name from products where id = ${c.productId})
    else (select name from suppliers where id = ${c.supplierId}) end, '')`;

async function subjectOf(db: Db, r: RecallRow): Promise<string> {
  const s = await one<{ subject: string }>(
    db,
    sql`select ${subjectSql({
      scope: sql`${r.scope}::text`,
      lotId: sql`${r.lot_id}::uuid`,
      productId: sql`${r.product_id}::uuid`,
      supplierId: sql`${r.supplier_id}::uuid`,
    })} as subject`,
  );
  return s?.subject ?? '';
}

async function view(db: Db, r: RecallRow): Promise<RecallView> {
  const lots = await rows<RecallView['lots'][number]>(
    db,
    r.status === 'draft'
      ? sql`with rl as (${lotsSql(defOf(r))})
        select rl.id as "lotId", w.name as "warehouseName", p.name as "productName", l.expires_on::text as "expiresOn", rl.remaining
        from rl join lots l on l.id = rl.id join warehouses w on w.id = rl.warehouse_id join products p on p.id = rl.product_id
        order by p.name, l.expires_on, rl.id`
      : sql`select rl.lot_id as "lotId", w.name as "warehouseName", p.name as "productName", l.expires_on::text as "expiresOn",
          l.remaining from recall_lots rl join lots l on l.id = rl.lot_id join warehouses w on w.id = rl.warehouse_id
          join products p on p.id = rl.product_id where rl.recall_id = ${r.id} order by p.name, l.expires_on, rl.lot_id`,
  );
  return {
    id: r.id,
    regionId: r.region_id,
    scope: r.scope,
    lotId: r.lot_id,
    productId: r.product_id,
    supplierId: r.supplier_id,
    subject: await subjectOf(db, r),
    fromDate: dateOnly(r.from_date),
    toDate: dateOnly(r.to_date),
    reason: r.reason,
    refund: r.refund,
    status: r.status,
    createdAt: iso(r.created_at)!,
    confirmedAt: iso(r.confirmed_at),
    deadlineAt: iso(r.deadline_at),
    closedAt: iso(r.closed_at),
    overdue: r.overdue,
    lots,
    progress: await progressOf(db, r),
  };
}

/** The recall row; another region's (or none) is 404. */
export async function recallRow(db: Db, id: string, scope: RegionScope): Promise<RecallRow> {
  const r = await one<RecallRow>(
    db,
    sql`select ${recallColumns} from recalls r where r.id = ${id} and ${inScope(scope, sql`r.region_id`)}`,
  );
  if (!r) throw notFound('Recall');
  return r;
}

export async function getRecall(db: Db, id: string, scope: RegionScope): Promise<RecallView> {
  return view(db, await recallRow(db, id, scope));
}

export async function listRecalls(db: Db, scope: RegionScope, limit = 100): Promise<RecallView[]> {
  const found = await rows<RecallRow>(
    db,
    sql`select ${recallColumns} from recalls r where ${inScope(scope, sql`r.region_id`)}
      order by r.created_at desc, r.id desc limit ${limit}`,
  );
  const out: RecallView[] = [];
  for (const r of found) out.push(await view(db, r));
  return out;
}

/** A recall under way as the leader of one of its pickup points sees it: the figures at that point. */
export interface LeaderRecall {
  id: string;
  subject: string;
  reason: string;
  deadlineAt: string | null;
  /** the point's region's time zone, to show the deadline on the point's clock */
  timeZone: string;
  /** the recalled products bought at the point, by name */
  products: string[];
  customers: number;
  units: number;
  unitsRecovered: number;
}

/**
 * The active recalls with lines at a pickup point, soonest deadline first, in one statement
 * (a leader's home asks for it on every visit).
 */
export async function leaderRecalls(db: Db, pickupPointId: string): Promise<LeaderRecall[]> {
  const found = await rows<Omit<LeaderRecall, 'deadlineAt'> & { deadlineAt: unknown }>(
    db,
    sql`
    with mine as (
      select r.id, count(distinct rl.user_id)::int as customers, sum(rl.units)::int as units,
        jsonb_agg(distinct p.name order by p.name) as products
      from recalls r join recall_lines rl on rl.recall_id = r.id and rl.pickup_point_id = ${pickupPointId}
        join products p on p.id = rl.product_id
      where r.status = 'active' group by r.id
    ), back as (
      select x.recall_id, sum(x.units)::int as units from recall_returns x
      where x.pickup_point_id = ${pickupPointId} and x.recall_id in (select id from mine) group by x.recall_id
    )
    select r.id, ${subjectSql({ scope: sql`r.scope`, lotId: sql`r.lot_id`, productId: sql`r.product_id`, supplierId: sql`r.supplier_id` })} as subject,
      r.reason, r.deadline_at as "deadlineAt",
      (select rg.time_zone from pickup_points pp join regions rg on rg.id = pp.region_id where pp.id = ${pickupPointId}) as "timeZone",
      m.products, m.customers, m.units, coalesce(b.units, 0)::int as "unitsRecovered"
    from mine m join recalls r on r.id = m.id left join back b on b.recall_id = m.id
    order by r.deadline_at, r.id`,
  );
  return found.map((f) => ({ ...f, deadlineAt: iso(f.deadlineAt) }));
}

/** A recall's units at a pickup point and the units brought back there so far. */
export async function returnsAt(
  db: Db,
  recallId: string,
  pickupPointId: string,
): Promise<{ units: number; unitsRecovered: number }> {
  const r = await one<{ units: number; unitsRecovered: number }>(
    db,
    sql`
    select (select coalesce(sum(units), 0) from recall_lines where recall_id = ${recallId} and pickup_point_id = ${pickupPointId})::int as units,
      (select coalesce(sum(units), 0) from recall_returns where recall_id = ${recallId} and pickup_point_id = ${pickupPointId})::int as "unitsRecovered"`,
  );
  return r!;
}

export async function createRecall(
  db: Db,
  input: RecallInput,
  scope: RegionScope,
  actorId: string,
): Promise<RecallView> {
  const d = await resolveDef(db, input, scope);
  const r = await one<RecallRow>(
    db,
    sql`
    insert into recalls as r (region_id, scope, lot_id, product_id, supplier_id, from_date, to_date, reason, refund, created_by)
    values (${d.regionId}, ${d.scope}, ${d.lotId ?? null}, ${d.productId ?? null}, ${d.supplierId ?? null},
      ${d.fromDate ?? null}, ${d.toDate ?? null}, ${input.reason}, ${input.refund ?? false}, ${actorId})
    returning ${recallColumns}`,
  );
  return view(db, r!);
}

/** What a recall would cover, written nowhere: the lots, the figures and the affected lines. */
export async function previewRecall(
  db: Db,
  input: RecallInput,
  scope: RegionScope,
  opts: { fullPhones: boolean },
): Promise<{ regionId: string; lots: RecallView['lots']; progress: RecallProgress; lines: AffectedLine[] }> {
  const d = await resolveDef(db, input, scope);
  const row: RecallRow = {
    id: '00000000-0000-0000-0000-000000000000',
    region_id: d.regionId,
    scope: d.scope,
    lot_id: d.lotId ?? null,
    product_id: d.productId ?? null,
    supplier_id: d.supplierId ?? null,
    from_date: d.fromDate ?? null,
    to_date: d.toDate ?? null,
    reason: input.reason,
    refund: input.refund ?? false,
    status: 'draft',
    created_at: new Date(),
    confirmed_at: null,
    deadline_at: null,
    closed_at: null,
    overdue: false,
  };
  const v = await view(db, row);
  return { regionId: d.regionId, lots: v.lots, progress: v.progress, lines: await affectedLines(db, row, opts) };
}

export interface AffectedLine {
  orderLineId: string;
  orderId: string;
  customerName: string;
  phone: string;
  pickupPointId: string;
  pickupPointName: string;
  leaderName: string | null;
  productName: string;
  units: number;
  quantity: number;
  refundedFen: number;
  refunded: boolean;
  notified: boolean;
}

/**
 * The affected lines, by pickup point and customer. Phone numbers are masked (138****1234) except
 * for an operator of every region with the admin role, who is the one allowed to call customers.
 */
export async function affectedLines(
  db: Db,
  r: RecallRow,
  opts: { fullPhones: boolean; limit?: number },
): Promise<AffectedLine[]> {
  const source =
    r.status === 'draft'
      ? sql`with rl as (${lotsSql(defOf(r))}), ${affectedSql(sql`rl`)}
        select order_line_id, order_id, user_id, pickup_point_id, product_id, units, 0 as refunded_fen, false as refunded,
          false as notified from affected`
      : sql`select rl.order_line_id, rl.order_id, rl.user_id, rl.pickup_point_id, rl.product_id, rl.units, rl.refunded_fen,
          rl.refund_id is not null as refunded,
          exists (select 1 from recall_notices n join outbox o on o.id = n.outbox_id
            where n.recall_id = rl.recall_id and n.user_id = rl.user_id and n.role = 'customer' and o.status = 'delivered') as notified
        from recall_lines rl where rl.recall_id = ${r.id}`;
  const found = await rows<AffectedLine & { phone: string }>(
    db,
    sql`
    with a as (${source})
    select a.order_line_id as "orderLineId", a.order_id as "orderId", u.name as "customerName", u.phone,
      a.pickup_point_id as "pickupPointId", pp.name as "pickupPointName",
      (select lu.name from leaders ld join users lu on lu.id = ld.user_id
        where ld.pickup_point_id = a.pickup_point_id and ld.status = 'active' limit 1) as "leaderName",
      p.name as "productName", a.units, l.quantity, a.refunded_fen as "refundedFen", a.refunded, a.notified
    from a join users u on u.id = a.user_id join pickup_points pp on pp.id = a.pickup_point_id
      join products p on p.id = a.product_id join order_lines l on l.id = a.order_line_id
    order by pp.name, pp.id, u.name, a.user_id, a.order_line_id
    limit ${opts.limit ?? 50_000}`,
  );
  return found.map((l) => ({ ...l, phone: opts.fullPhones ? l.phone : maskPhone(l.phone) }));
}

export function assertStatus(r: RecallRow, ...allowed: RecallRow['status'][]) {
  if (!allowed.includes(r.status)) throw invalidState(`The recall is ${r.status}`, { status: r.status });
}
export type { RecallRow };
