import type { KpiReport, Values } from './service.js';
import { KPIS, type KpiUnit } from './registry.js';
import type { Cohort, LeaderMonths } from './cohorts.js';

/** exceljs weighs ~19 MB once loaded: load it when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

export type SheetLang = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    kpis: '指标',
    daily: '每日',
    breakdown: '下钻',
    title: (r: KpiReport) => `经营指标 ${r.from} 至 ${r.to}（上期 ${r.previousFrom} 至 ${r.previousTo}）`,
    head: ['指标', '数值', '上期', '环比(%)', '目标', '状态', '单位', '定义'],
    date: '日期',
    group: '分组',
    status: { ok: '达标', off: '未达标', none: '—' },
    units: { fen: '元', percent: '%', count: '人', days: '天', hours: '小时', orders: '单/人·月' },
    cohorts: '周留存',
    cohortHead: ['首单周', '人数', '二次购买中位天数'],
    week: (k: number) => `第${k}周(%)`,
    leaders: '团长人效(按月)',
    leaderHead: ['团长', '自提点'],
  },
  en: {
    kpis: 'KPIs',
    daily: 'Daily',
    breakdown: 'Drill-down',
    title: (r: KpiReport) => `KPIs ${r.from} to ${r.to} (previous ${r.previousFrom} to ${r.previousTo})`,
    head: ['KPI', 'Value', 'Previous', 'Change (%)', 'Target', 'Status', 'Unit', 'Definition'],
    date: 'Date',
    group: 'Group',
    status: { ok: 'on target', off: 'off target', none: '—' },
    units: {
      fen: 'yuan',
      percent: '%',
      count: 'customers',
      days: 'days',
      hours: 'hours',
      orders: 'orders/buyer/month',
    },
    cohorts: 'Weekly cohorts',
    cohortHead: ['First-order week', 'Customers', 'Median days to 2nd'],
    week: (k: number) => `Week ${k} (%)`,
    leaders: 'Leaders by month',
    leaderHead: ['Leader', 'Pickup point'],
  },
} as const;

/** A value as shown: yuan for fen, percent points for fractions. */
export function cell(unit: KpiUnit, v: number | null | undefined): number | string {
  if (v === null || v === undefined) return '';
  if (unit === 'fen') return Math.round(v) / 100;
  if (unit === 'percent') return Math.round(v * 1_000_000) / 10_000;
  return Math.round(v * 100) / 100;
}

/** The KPI page's tables as an .xlsx workbook: the KPIs, the daily series and the drill-down when asked. */
export async function kpiWorkbook(
  r: KpiReport,
  lang: SheetLang,
  extra?: { cohorts: { cohorts: Cohort[] }; leaders: { months: string[]; leaders: LeaderMonths[] } },
): Promise<Buffer> {
  const w = WORDS[lang];
  const zh = lang === 'zh-CN';
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const sheet = book.addWorksheet(w.kpis, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([w.title(r)]).font = { bold: true, size: 13 };
  sheet.addRow([...w.head]).font = { bold: true };
  for (const k of r.kpis)
    sheet.addRow([
      zh ? k.nameZh : k.nameEn,
      cell(k.unit, k.value),
      cell(k.unit, k.previous),
      k.change === null ? '' : Math.round(k.change * 10_000) / 100,
      cell(k.unit, k.target),
      w.status[k.status],
      w.units[k.unit],
      zh ? k.defZh : k.defEn,
    ]);
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 26 : i === 7 ? 80 : 14;
  });
  const dailyKpis = KPIS.filter((k) => k.daily);
  const daily = book.addWorksheet(w.daily, { views: [{ state: 'frozen', ySplit: 1 }] });
  daily.addRow([w.date, ...dailyKpis.map((k) => `${zh ? k.nameZh : k.nameEn} (${w.units[k.unit]})`)]).font = {
    bold: true,
  };
  for (const d of r.daily) daily.addRow([d.date, ...dailyKpis.map((k) => cell(k.unit, d.values[k.key]))]);
  daily.columns.forEach((c) => {
    c.width = 16;
  });
  if (r.breakdown) {
    const b = book.addWorksheet(w.breakdown, { views: [{ state: 'frozen', ySplit: 1 }] });
    const shown = KPIS.filter((k) => k.dims.includes(r.breakdown!.dim));
    b.addRow([w.group, ...shown.map((k) => `${zh ? k.nameZh : k.nameEn} (${w.units[k.unit]})`)]).font = { bold: true };
    for (const row of r.breakdown.rows)
      b.addRow([zh ? row.labelZh : row.labelEn, ...shown.map((k) => cell(k.unit, (row.values as Values)[k.key]))]);
    b.columns.forEach((c, i) => {
      c.width = i === 0 ? 28 : 16;
    });
  }
  if (extra) {
    const c = book.addWorksheet(w.cohorts, { views: [{ state: 'frozen', ySplit: 1 }] });
    const most = Math.max(0, ...extra.cohorts.cohorts.map((x) => x.shares.length));
    c.addRow([...w.cohortHead, ...Array.from({ length: most }, (_, k) => w.week(k))]).font = { bold: true };
    for (const x of extra.cohorts.cohorts)
      c.addRow([
        x.week,
        x.customers,
        x.medianSecondDays ?? '',
        ...x.shares.map((v) => Math.round(v * 1_000_000) / 10_000),
      ]);
    const l = book.addWorksheet(w.leaders, { views: [{ state: 'frozen', ySplit: 1 }] });
    l.addRow([...w.leaderHead, ...extra.leaders.months.map((m) => `${m} (${w.units.fen})`)]).font = { bold: true };
    for (const x of extra.leaders.leaders) l.addRow([x.name, x.pickupPointName, ...x.netFen.map((v) => v / 100)]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
