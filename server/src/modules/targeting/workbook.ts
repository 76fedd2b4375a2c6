import type { TargetedResult } from './service.js';

const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    sheet: '定向发券效果',
    title: (name: string, from: string, to: string) => `定向发券「${name}」效果 ${from} 至 ${to}`,
    figure: '指标',
    treated: '发券组',
    control: '对照组',
    diff: '差值(发券−对照)',
    ci: '95%置信区间',
    p: 'p值',
    rows: ['顾客数', '召回顾客', '召回率(%)', '订单数', 'GMV(元)', '人均GMV(元)'],
    coupons: ['发放张数', '使用张数', '优惠成本(元)'],
  },
  en: {
    sheet: 'Targeted campaign',
    title: (name: string, from: string, to: string) => `Targeted campaign "${name}" ${from} to ${to}`,
    figure: 'Figure',
    treated: 'Treated',
    control: 'Control',
    diff: 'Difference (treated − control)',
    ci: '95% CI',
    p: 'p-value',
    rows: ['Customers', 'Recalled', 'Recall rate (%)', 'Orders', 'GMV (yuan)', 'GMV per customer (yuan)'],
    coupons: ['Coupons granted', 'Coupons used', 'Coupon cost (yuan)'],
  },
} as const;

const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);
const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);
const range = (ci: [number, number] | null, f: (x: number) => number | null) =>
  ci ? `${f(ci[0])} … ${f(ci[1])}` : null;

/** The result page as one sheet: the two groups side by side, the differences with their tests, the coupons. */
export async function targetedWorkbook(r: TargetedResult, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([w.title(r.campaign.name, r.campaign.launchedAt ?? '', r.campaign.windowEndsAt ?? '')]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([w.figure, w.treated, w.control, w.diff, w.ci, w.p]).font = { bold: true };
  const t = r.treated;
  const c = r.control;
  ws.addRow([w.rows[0], t.customers, c.customers]);
  ws.addRow([w.rows[1], t.recalled, c.recalled]);
  ws.addRow([
    w.rows[2],
    pct(t.recallRate),
    pct(c.recallRate),
    pct(r.recallLift.difference),
    range(r.recallLift.ci, pct),
    r.recallLift.pValue,
  ]);
  ws.addRow([w.rows[3], t.orders, c.orders]);
  ws.addRow([w.rows[4], yuan(t.gmvFen), yuan(c.gmvFen)]);
  ws.addRow([
    w.rows[5],
    yuan(t.gmvPerCustomerFen),
    yuan(c.gmvPerCustomerFen),
    yuan(r.gmvPerCustomerDiff.difference),
    range(r.gmvPerCustomerDiff.ci, yuan),
    r.gmvPerCustomerDiff.pValue,
  ]);
  ws.addRow([]);
  ws.addRow([w.coupons[0], r.coupons.granted]);
  ws.addRow([w.coupons[1], r.coupons.used]);
  ws.addRow([w.coupons[2], yuan(r.coupons.discountFen)]);
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 24 : 18;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
