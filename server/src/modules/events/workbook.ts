import type { Funnel } from './funnel.js';

/** exceljs is loaded when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    regions: '城市',
    points: '自提点',
    title: (from: string, to: string) => `转化漏斗 ${from} 至 ${to}（各城市按本地营业日，人数去重）`,
    date: '日期',
    region: '城市',
    point: '自提点',
    viewers: '浏览人数',
    carters: '加购人数',
    orderers: '下单人数',
    payers: '支付人数',
    rate: '浏览→支付(%)',
  },
  en: {
    regions: 'Regions',
    points: 'Pickup points',
    title: (from: string, to: string) =>
      `Purchase funnel ${from} to ${to} (distinct people, each region's business days)`,
    date: 'Date',
    region: 'Region',
    point: 'Pickup point',
    viewers: 'Viewed',
    carters: 'Added to cart',
    orderers: 'Ordered',
    payers: 'Paid',
    rate: 'View → pay (%)',
  },
} as const;

const rate = (payers: number, viewers: number) => (viewers ? Math.round((payers / viewers) * 1000) / 10 : null);

/** The funnel by region and day, and by pickup point and day (two sheets). */
export async function funnelWorkbook(f: Funnel, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const names = new Map(f.regions.map((r) => [r.regionId, r.name]));
  const regions = book.addWorksheet(w.regions, { views: [{ state: 'frozen', ySplit: 2 }] });
  regions.addRow([w.title(f.from, f.to)]).font = { bold: true, size: 13 };
  regions.addRow([w.date, w.region, w.viewers, w.carters, w.orderers, w.payers, w.rate]).font = { bold: true };
  for (const d of f.days)
    regions.addRow([
      d.date,
      names.get(d.regionId) ?? '',
      d.viewers,
      d.carters,
      d.orderers,
      d.payers,
      rate(d.payers, d.viewers),
    ]);
  const points = book.addWorksheet(w.points, { views: [{ state: 'frozen', ySplit: 2 }] });
  points.addRow([w.title(f.from, f.to)]).font = { bold: true, size: 13 };
  points.addRow([w.date, w.region, w.point, w.viewers, w.carters, w.orderers, w.payers, w.rate]).font = { bold: true };
  for (const p of f.points)
    points.addRow([
      p.date,
      names.get(p.regionId) ?? '',
      p.name,
      p.viewers,
      p.carters,
      p.orderers,
      p.payers,
      rate(p.payers, p.viewers),
    ]);
  for (const sheet of [regions, points]) for (const col of sheet.columns) col.width = 14;
  return Buffer.from(await book.xlsx.writeBuffer());
}
