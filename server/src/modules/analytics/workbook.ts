import type { Dashboard } from './service.js';

/** exceljs weighs ~19 MB once loaded: load it when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

export type SheetLang = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    regions: '城市对比',
    routes: '线路配送成本',
    title: (from: string, to: string) => `城市对比 ${from} 至 ${to}（各城市按本地营业日）`,
    region: '城市',
    timeZone: '时区',
    gmv: '成交额(元)',
    paidOrders: '支付订单',
    avgOrder: '客单价(元)',
    refund: '退款金额(元)',
    refunds: '退款笔数',
    buyers: '下单人数',
    net: '净成交额(元)',
    route: '线路',
    cost: '配送成本(元)',
    costDays: '录入天数',
    routeGmv: '线路成交额(元)',
    share: '配送成本占比(%)',
  },
  en: {
    regions: 'Regions',
    routes: 'Route delivery cost',
    title: (from: string, to: string) => `Regions ${from} to ${to} (each on its own business days)`,
    region: 'Region',
    timeZone: 'Time zone',
    gmv: 'GMV (yuan)',
    paidOrders: 'Paid orders',
    avgOrder: 'Avg order (yuan)',
    refund: 'Refunds (yuan)',
    refunds: 'Refund count',
    buyers: 'Buyers',
    net: 'Net (yuan)',
    route: 'Route',
    cost: 'Delivery cost (yuan)',
    costDays: 'Days entered',
    routeGmv: 'Route GMV (yuan)',
    share: 'Cost share (%)',
  },
} as const;

const yuan = (fen: number) => fen / 100;

/** The dashboard's region comparison and route cost shares as an .xlsx workbook (two sheets). */
export async function regionsWorkbook(d: Dashboard, lang: SheetLang): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const regions = book.addWorksheet(w.regions, { views: [{ state: 'frozen', ySplit: 2 }] });
  regions.addRow([w.title(d.from, d.today)]).font = { bold: true, size: 13 };
  regions.addRow([w.region, w.timeZone, w.gmv, w.paidOrders, w.avgOrder, w.refund, w.refunds, w.buyers, w.net]).font = {
    bold: true,
  };
  for (const r of d.regions)
    regions.addRow([
      r.name,
      r.timeZone,
      yuan(r.gmvFen),
      r.paidOrders,
      yuan(r.avgOrderFen),
      yuan(r.refundFen),
      r.refunds,
      r.buyers,
      yuan(r.netFen),
    ]);
  regions.columns.forEach((c, i) => {
    c.width = i === 0 || i === 1 ? 16 : 14;
  });
  const routes = book.addWorksheet(w.routes, { views: [{ state: 'frozen', ySplit: 2 }] });
  routes.addRow([w.title(d.from, d.today)]).font = { bold: true, size: 13 };
  routes.addRow([w.region, w.route, w.cost, w.costDays, w.routeGmv, w.share]).font = { bold: true };
  const regionName = new Map(d.regions.map((r) => [r.regionId, r.name]));
  for (const r of d.routes)
    routes.addRow([
      regionName.get(r.regionId) ?? r.regionId,
      r.name,
      yuan(r.costFen),
      r.costDays,
      yuan(r.gmvFen),
      r.costShareBps === null ? '' : r.costShareBps / 100,
    ]);
  routes.columns.forEach((c) => {
    c.width = 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
