import { sql, type SQL } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { DEFAULT_TIME_ZONE, businessDate, dateOnly, iso, localTime } from '../../lib/time.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { readSettings } from '../settings/service.js';
import { lossRateBps } from './rules.js';
import { LOSS_LIMIT, ONLINE_LOSS_LIMIT } from './service.js';

/**
 * 损耗率 (decision 041), per warehouse, product and week (Monday, the warehouse region's time):
 *
 *   lost     = written off (every reason, expired included) + damaged on arrival + rejected at receiving
 *   received = units delivered at receiving (accepted + rejected) + units put into stock by hand
 *   loss rate = lost / received;  limit: freshness.lossRateLimitBps (5 %)
 *
 *   online stock loss rate = written off / units that entered free stock (`received` movements);
 *   limit: freshness.onlineLossRateLimitBps (3 %): the stock that 尾货秒杀 clears online.
 *
 * Damage on arrival is counted at the region's central warehouse (where the goods were received).
 * Closed weeks are summed once into loss_weeks (every source is stamped with now(), so a closed week
 * never changes); the open weeks are read live.
 */

const END_OF_TIME = new Date(Date.UTC(9999, 0, 1));
const FACT_COLUMNS = ['received', 'stock_received', 'written_off', 'expired', 'rejected', 'damaged'] as const;

/** The loss facts of the sources stamped in [from, to), per warehouse, product and week. */
function factsSql(from: Date, to: Date): SQL {
  // literals, not parameters: sessions plan generically (decision 011), and a generic plan of
  // `created_at >= $1` cannot tell this week from the whole year (ISO strings of Dates, safe to inline)
  const f = sql.raw(`'${from.toISOString()}'`);
  const t = sql.raw(`'${to.toISOString()}'`);
  return sql`
    with wh as (
      select w.id, w.region_id, coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}) as tz from warehouses w left join regions r on r.id = w.region_id
    ), central as (
      select distinct on (region_id) id, region_id from warehouses where kind = 'central' order by region_id, created_at, id
    ), parts as (
      select m.warehouse_id, m.product_id, date_trunc('week', m.created_at at time zone wh.tz)::date as week,
        coalesce(sum(m.quantity) filter (where m.kind = 'received' and m.ref_id is null), 0) as received,
        coalesce(sum(m.quantity) filter (where m.kind = 'received'), 0) as stock_received,
        coalesce(-sum(m.quantity) filter (where m.kind = 'written_off'), 0) as written_off,
        coalesce(-sum(m.quantity) filter (where m.kind = 'written_off' and m.reason_code = 'expired'), 0) as expired,
        0 as rejected, 0 as damaged
      from stock_movements m join wh on wh.id = m.warehouse_id
      where m.kind in ('received', 'written_off') and m.created_at >= ${f}::timestamptz and m.created_at < ${t}::timestamptz
      group by 1, 2, 3
      union all
      select po.warehouse_id, pol.product_id, date_trunc('week', po.received_at at time zone wh.tz)::date,
        sum(coalesce(pol.accepted_quantity, 0) + coalesce(pol.rejected_quantity, 0)), 0, 0, 0, sum(coalesce(pol.rejected_quantity, 0)), 0
      from purchase_orders po join purchase_order_lines pol on pol.purchase_order_id = po.id join wh on wh.id = po.warehouse_id
      where po.status = 'received' and po.received_at >= ${f}::timestamptz and po.received_at < ${t}::timestamptz
      group by 1, 2, 3
      union all
      select ce.id, sll.product_id, date_trunc('week', sl.arrived_at at time zone wh.tz)::date, 0, 0, 0, 0, 0, sum(sll.damaged_quantity)
      from sorting_lists sl join sorting_list_lines sll on sll.sorting_list_id = sl.id
        join campaigns c on c.id = sl.campaign_id join central ce on ce.region_id = c.region_id join wh on wh.id = ce.id
      where sl.arrived_at >= ${f}::timestamptz and sl.arrived_at < ${t}::timestamptz and sll.damaged_quantity > 0
      group by 1, 2, 3
    )
    select p.warehouse_id, wh.region_id, p.product_id, p.week,
      ${sql.raw(FACT_COLUMNS.map((c) => `sum(p.${c})::int as ${c}`).join(', '))}
    from parts p join wh on wh.id = p.warehouse_id
    group by p.warehouse_id, wh.region_id, p.product_id, p.week`;
}

/** The Monday of the week of a business day. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Sums each region's weeks that ended since the last run into loss_weeks. The state row is held
 * FOR UPDATE, so two servers running it at once sum each week once.
 */
export async function rollUpLossWeeks(db: Db, now = new Date()): Promise<number> {
  const regions = await rows<{ id: string; tz: string }>(db, sql`select id, time_zone as tz from regions order by id`);
  let weeks = 0;
  for (const r of regions) {
    const until = weekStart(businessDate(now, r.tz));
    weeks += await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      await exec(
        tx,
        sql`insert into loss_rollup_state (region_id, rolled_until) values (${r.id}, '1970-01-05') on conflict do nothing`,
      );
      const state = (await one<{ rolled_until: unknown }>(
        tx,
        sql`select rolled_until from loss_rollup_state where region_id = ${r.id} for update`,
      ))!;
      const from = dateOnly(state.rolled_until)!;
      if (from >= until) return 0;
      const done = await one<{ n: number }>(
        tx,
        sql`
        with f as (${factsSql(localTime(from, '00:00', r.tz), localTime(until, '00:00', r.tz))}),
        ins as (
          insert into loss_weeks (warehouse_id, product_id, week_start, ${sql.raw(FACT_COLUMNS.join(', '))})
          select warehouse_id, product_id, week, ${sql.raw(FACT_COLUMNS.join(', '))} from f
          where region_id = ${r.id} and week >= ${from}::date and week < ${until}::date
          on conflict do nothing returning *
        ), by_category as (
          insert into loss_category_weeks (warehouse_id, category, week_start, ${sql.raw(FACT_COLUMNS.join(', '))})
          select ins.warehouse_id, p.category, ins.week_start, ${sql.raw(FACT_COLUMNS.map((c) => `sum(ins.${c})`).join(', '))}
          from ins join products p on p.id = ins.product_id
          group by ins.warehouse_id, p.category, ins.week_start
          on conflict do nothing
        ) select count(distinct week_start)::int as n from ins`,
      );
      await exec(tx, sql`update loss_rollup_state set rolled_until = ${until} where region_id = ${r.id}`);
      return done?.n ?? 0;
    });
  }
  return weeks;
}

export type LossGroup = 'warehouse' | 'category' | 'product';

export interface LossFilter {
  /** weeks starting on or after (a business day; its week counts) */
  from?: string;
  to?: string;
  warehouseId?: string;
  productId?: string;
  category?: string;
  by?: LossGroup;
  scope?: RegionScope;
}

export interface LossRow {
  week: string;
  warehouseId: string | null;
  warehouseName: string | null;
  category: string | null;
  productId: string | null;
  productName: string | null;
  received: number;
  rejected: number;
  damaged: number;
  writtenOff: number;
  expired: number;
  lost: number;
  lossRateBps: number | null;
  stockReceived: number;
  stockLossRateBps: number | null;
  overLimit: boolean;
  overOnlineLimit: boolean;
}

/** The loss report: one row per week and warehouse (or category, or product), newest week first, and the totals. */
export async function lossReport(db: Db, filter: LossFilter) {
  const [limit, onlineLimit] = await readSettings(db, [LOSS_LIMIT, ONLINE_LOSS_LIMIT] as const);
  const by = filter.by ?? 'warehouse';
  const from = filter.from ? weekStart(filter.from) : '1970-01-05';
  const to = filter.to ?? '9999-12-31';
  // the open weeks: from the earliest boundary any region has not rolled up yet
  const live = await one<{ since: unknown }>(
    db,
    sql`
    select min(coalesce(s.rolled_until, '1970-01-05'::date)::timestamp at time zone r.time_zone) as since
    from regions r left join loss_rollup_state s on s.region_id = r.id`,
  );
  const since = live?.since ? new Date(iso(live.since)!) : new Date(0);
  // nothing stamped before the first week asked for, in the earliest time zone there is, can count
  const liveFrom = new Date(Math.max(since.getTime(), localTime(from, '00:00', 'Pacific/Kiritimati').getTime()));
  const dims = {
    warehouse: {
      select: sql`x.warehouse_id::text as "warehouseId", w.name as "warehouseName", null as category, null as "productId", null as "productName"`,
      groupBy: sql`x.week, x.warehouse_id, w.name`,
    },
    category: {
      select: sql`null as "warehouseId", null as "warehouseName", x.category, null as "productId", null as "productName"`,
      groupBy: sql`x.week, x.category`,
    },
    product: {
      select: sql`null as "warehouseId", null as "warehouseName", x.category, x.product_id::text as "productId", p.name as "productName"`,
      groupBy: sql`x.week, x.product_id, x.category, p.name`,
    },
  }[by];
  // Closed weeks come from the rollup per category when no product is asked for (the year views),
  // else from the one per product.
  const perProduct = by === 'product' || !!filter.productId;
  const facts = sql.raw(FACT_COLUMNS.map((c) => `lw.${c}`).join(', '));
  const closed = perProduct
    ? sql`select lw.warehouse_id, lw.product_id, pc.category, lw.week_start as week, ${facts}
      from loss_weeks lw join products pc on pc.id = lw.product_id`
    : sql`select lw.warehouse_id, null::uuid as product_id, lw.category, lw.week_start as week, ${facts}
      from loss_category_weeks lw`;
  // The statement's estimates are poor under the sessions' generic plans (rows=11 for 420,000 rolled-up
  // rows, measured): a nested loop over the products rescanned them 2,000 times (122 s on a year).
  // Hash joins and room to sort in memory, for this statement only (set local, in its transaction).
  const found = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await exec(tx, sql`set local enable_nestloop = off`);
    await exec(tx, sql`set local work_mem = '64MB'`);
    return reportRows(tx);
  });
  async function reportRows(tx: Db) {
    return rows<{
      week: unknown;
      warehouseId: string | null;
      warehouseName: string | null;
      category: string | null;
      productId: string | null;
      productName: string | null;
      received: number;
      stock_received: number;
      written_off: number;
      expired: number;
      rejected: number;
      damaged: number;
    }>(
      tx,
      sql`
    with state as (
      select r.id as region_id, coalesce(s.rolled_until, '1970-01-05'::date) as until
      from regions r left join loss_rollup_state s on s.region_id = r.id
    ), x as (
      select c.* from (${closed}) c join warehouses w2 on w2.id = c.warehouse_id join state st on st.region_id = w2.region_id
      where c.week >= ${from}::date and c.week <= ${to}::date and c.week < st.until
      union all
      select f.warehouse_id, f.product_id, pc.category, f.week, ${sql.raw(FACT_COLUMNS.map((c) => `f.${c}`).join(', '))}
      from (${factsSql(liveFrom, END_OF_TIME)}) f join state st on st.region_id = f.region_id join products pc on pc.id = f.product_id
      where f.week >= st.until and f.week >= ${from}::date and f.week <= ${to}::date
    )
    select x.week, ${dims.select},
      ${sql.raw(FACT_COLUMNS.map((c) => `sum(x.${c})::int as ${c}`).join(', '))}
    from x join warehouses w on w.id = x.warehouse_id ${by === 'product' ? sql`join products p on p.id = x.product_id` : sql``}
    where ${inScope(filter.scope ?? null, sql`w.region_id`)}
      and ${filter.warehouseId ? sql`x.warehouse_id = ${filter.warehouseId}` : sql`true`}
      and ${filter.productId ? sql`x.product_id = ${filter.productId}` : sql`true`}
      and ${filter.category ? sql`x.category = ${filter.category}` : sql`true`}
    group by ${dims.groupBy}
    order by x.week desc, 2, 4, 6
    limit 20000`,
    );
  }
  const view = (r: (typeof found)[number]): LossRow => {
    const lost = r.written_off + r.damaged + r.rejected;
    const rate = lossRateBps(lost, r.received);
    const online = lossRateBps(r.written_off, r.stock_received);
    return {
      week: dateOnly(r.week)!,
      warehouseId: r.warehouseId,
      warehouseName: r.warehouseName,
      category: r.category,
      productId: r.productId,
      productName: r.productName,
      received: r.received,
      rejected: r.rejected,
      damaged: r.damaged,
      writtenOff: r.written_off,
      expired: r.expired,
      lost,
      lossRateBps: rate,
      stockReceived: r.stock_received,
      stockLossRateBps: online,
      overLimit: rate !== null && rate > limit,
      overOnlineLimit: online !== null && online > onlineLimit,
    };
  };
  const items = found.map(view);
  const sum = (k: 'received' | 'rejected' | 'damaged' | 'written_off' | 'expired' | 'stock_received') =>
    found.reduce((s, r) => s + r[k], 0);
  const totals = view({
    week: from,
    warehouseId: null,
    warehouseName: null,
    category: null,
    productId: null,
    productName: null,
    received: sum('received'),
    stock_received: sum('stock_received'),
    written_off: sum('written_off'),
    expired: sum('expired'),
    rejected: sum('rejected'),
    damaged: sum('damaged'),
  });
  return { limits: { lossRateLimitBps: limit, onlineLossRateLimitBps: onlineLimit }, items, totals };
}

/**
 * One alert per warehouse, week and limit when a week's loss rate is over it (this week and the
 * last, so a week that ends over its limit is caught on the next run too).
 */
export async function raiseLossAlerts(db: Db, now = new Date()): Promise<number> {
  const report = await lossReport(db, {
    by: 'warehouse',
    from: businessDate(new Date(now.getTime() - 8 * 86_400_000)),
  });
  const over = report.items.flatMap((r) => [
    ...(r.overLimit ? [{ limit: 'overall', rate: r.lossRateBps, limitBps: report.limits.lossRateLimitBps, r }] : []),
    ...(r.overOnlineLimit
      ? [{ limit: 'online', rate: r.stockLossRateBps, limitBps: report.limits.onlineLossRateLimitBps, r }]
      : []),
  ]);
  if (!over.length) return 0;
  const json = JSON.stringify(
    over.map((o) => ({
      warehouse_id: o.r.warehouseId,
      business_key: `loss-rate:${o.r.warehouseId}:${o.r.week}:${o.limit}`,
      details: {
        warehouseId: o.r.warehouseId,
        warehouseName: o.r.warehouseName,
        week: o.r.week,
        limit: o.limit,
        rateBps: o.rate,
        limitBps: o.limitBps,
        received: o.r.received,
        lost: o.r.lost,
        writtenOff: o.r.writtenOff,
        stockReceived: o.r.stockReceived,
      },
    })),
  );
  return raiseAlertsFrom(
    db,
    sql`
    select 'loss_rate_over_limit'::text as kind, x.business_key, w.region_id, 'warning'::text as severity,
      'warehouse'::text as subject_type, w.id as subject_id, x.details
    from jsonb_to_recordset(${json}::jsonb) as x(warehouse_id uuid, business_key text, details jsonb)
      join warehouses w on w.id = x.warehouse_id`,
  );
}
