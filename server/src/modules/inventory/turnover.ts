import { sql } from 'drizzle-orm';
import { pgArray, rows, type Db } from '../../db/client.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { businessDate, DEFAULT_TIME_ZONE, localTime } from '../../lib/time.js';

/**
 * 库存周转率 per warehouse and month (the warehouse region's business days):
 *
 *   cost of goods out = units taken out of free stock for customers (allocated at cutoff and moved
 *                       to 尾货秒杀 deals, less what came back unsold) × the product's cost
 *   average stock value = the mean, over the month's days up to today, of the stock at each day's
 *                         end × the product's cost
 *   turnover = cost of goods out / average stock value;  days of stock = days / turnover
 *
 * Products are valued at their current cost (`products.cost_fen`), the standard cost purchasing
 * works with. The stock at a day's end is the sum of every movement before its end (the ledger
 * is complete: `warehouse_stock` is its sum), so one pass over the movements by day gives every
 * month's days; a value per warehouse and day is summed over products before the running sum.
 */
export interface TurnoverRow {
  warehouseId: string;
  warehouseName: string;
  month: string;
  days: number;
  costOutFen: number;
  averageStockFen: number;
  /** null when the month held no stock */
  turnover: number | null;
  daysOfStock: number | null;
  /** turnover against the warehouse's month before (the seeds aim at +20 % to +30 %) */
  change: number | null;
}

/** Movements that serve customers: their negated sum is what left free stock for orders. */
const OUT_KINDS = sql.raw(`('allocated', 'marked_down', 'returned')`);
export const MAX_TURNOVER_MONTHS = 24;

export async function inventoryTurnover(
  db: Db,
  opts: { months?: number; warehouseId?: string; scope?: RegionScope; now?: Date } = {},
): Promise<TurnoverRow[]> {
  const now = opts.now ?? new Date();
  const months = Math.min(opts.months ?? 6, MAX_TURNOVER_MONTHS);
  // each warehouse's days: from the first of the month `months` ago (one more, for the change), or
  // the day it opened, to its today
  const warehouses = await rows<{ id: string; name: string; tz: string; opened: string }>(
    db,
    sql`select w.id, w.name, coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}) as tz,
        to_char(w.created_at at time zone coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}), 'YYYY-MM-DD') as opened
      from warehouses w left join regions r on r.id = w.region_id
      where ${inScope(opts.scope ?? null, sql`w.region_id`)} ${opts.warehouseId ? sql`and w.id = ${opts.warehouseId}` : sql``}
      order by w.created_at, w.id`,
  );
  if (!warehouses.length) return [];
  const spans = warehouses.map((w) => {
    const today = businessDate(now, w.tz);
    const first = [monthsBefore(today, months), w.opened].sort()[1];
    const extra = monthsBefore(today, months).slice(0, 7);
    return { ...w, first, today, extra, fromAt: localTime(first, '00:00', w.tz).toISOString() };
  });
  const found = await rows<{
    warehouse_id: string;
    month: string;
    days: number;
    cost_out: number;
    average: number;
  }>(
    db,
    sql`
    with w as (select * from unnest(${pgArray(spans.map((s) => s.id))}::uuid[], ${pgArray(spans.map((s) => s.tz))}::text[],
      ${pgArray(spans.map((s) => s.first))}::date[], ${pgArray(spans.map((s) => s.today))}::date[],
      ${pgArray(spans.map((s) => s.fromAt))}::timestamptz[])
      as w(id, tz, first_day, today, from_at)),
    -- the value of every movement before the first day, and per day after it (stock_movements_stock_idx)
    opening as (
      select m.warehouse_id, sum(m.quantity::bigint * p.cost_fen) as value
      from stock_movements m join w on w.id = m.warehouse_id join products p on p.id = m.product_id
      where m.created_at < w.from_at group by 1),
    moves as (
      select m.warehouse_id, (m.created_at at time zone w.tz)::date as day, sum(m.quantity::bigint * p.cost_fen) as value,
        coalesce(-sum(m.quantity::bigint * p.cost_fen) filter (where m.kind in ${OUT_KINDS}), 0) as cost_out
      from stock_movements m join w on w.id = m.warehouse_id join products p on p.id = m.product_id
      where m.created_at >= w.from_at group by 1, 2),
    grid as (
      select w.id as warehouse_id, d::date as day from w cross join generate_series(w.first_day, w.today, interval '1 day') d),
    closing as (
      select g.warehouse_id, g.day, coalesce(m.cost_out, 0) as cost_out,
        coalesce(o.value, 0) + sum(coalesce(m.value, 0)) over (partition by g.warehouse_id order by g.day) as value
      from grid g left join moves m on m.warehouse_id = g.warehouse_id and m.day = g.day
        left join opening o on o.warehouse_id = g.warehouse_id)
    select warehouse_id, to_char(day, 'YYYY-MM') as month, count(*)::int as days, sum(cost_out)::bigint as cost_out,
      avg(value)::float8 as average
    from closing group by 1, 2 order by 1, 2`,
  );
  const out: TurnoverRow[] = [];
  for (const w of spans) {
    const own = found.filter((r) => r.warehouse_id === w.id);
    let before: number | null = null;
    for (const r of own) {
      const average = Math.round(Number(r.average));
      const turnover = average > 0 ? Number(r.cost_out) / Number(r.average) : null;
      // the month before the first shown is read only for its change
      if (r.month !== w.extra)
        out.push({
          warehouseId: w.id,
          warehouseName: w.name,
          month: r.month,
          days: r.days,
          costOutFen: Number(r.cost_out),
          averageStockFen: average,
          turnover,
          daysOfStock: turnover ? r.days / turnover : null,
          change: turnover !== null && before ? turnover / before - 1 : null,
        });
      before = turnover;
    }
  }
  // newest month first, warehouses in the order they were set up (the list is stable: ties keep it)
  return out.sort((a, b) => b.month.localeCompare(a.month));
}

/** The first day of the month `n` months before the month of `day` (YYYY-MM-01). */
export function monthsBefore(day: string, n: number): string {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 - n, 1)).toISOString().slice(0, 10);
}

const WORDS = {
  'zh-CN': {
    sheet: '库存周转',
    title: '库存周转率 = 出库成本 / 月均库存金额（按仓库、按月）',
    head: ['月份', '仓库', '天数', '出库成本(元)', '月均库存金额(元)', '周转率(次)', '库存天数', '环比(%)'],
  },
  en: {
    sheet: 'Inventory turnover',
    title: 'Inventory turnover = cost of goods out / average stock value (per warehouse and month)',
    head: [
      'Month',
      'Warehouse',
      'Days',
      'Cost of goods out (yuan)',
      'Average stock (yuan)',
      'Turnover',
      'Days of stock',
      'Change (%)',
    ],
  },
} as const;

/** The turnover table as shown in the console, as an .xlsx workbook. */
export async function turnoverWorkbook(list: TurnoverRow[], lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await import('exceljs')).default.Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([w.title]).font = { bold: true, size: 13 };
  ws.addRow([...w.head]).font = { bold: true };
  [10, 18, 8, 16, 18, 12, 12, 10].forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  const round = (v: number | null, k = 100) => (v === null ? '' : Math.round(v * k) / k);
  for (const r of list)
    ws.addRow([
      r.month,
      r.warehouseName,
      r.days,
      r.costOutFen / 100,
      r.averageStockFen / 100,
      round(r.turnover),
      round(r.daysOfStock, 10),
      r.change === null ? '' : round(r.change * 100, 10),
    ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
