import type { SheetLang } from '../analytics/workbook.js';
import type { ExperimentReport } from './report.js';

/** exceljs weighs ~19 MB once loaded: load it when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    sheet: '实验报告',
    arm: '分组',
    price: '展示价(元)',
    title: '展示标题',
    exposed: '曝光单位',
    converted: '转化单位',
    rate: '转化率(%)',
    orders: '订单数',
    gmv: '成交额(元)',
    refunds: '退款(元)',
    perUnit: '人均成交额(元)',
    diff: '转化率差(百分点)',
    ci: '95%置信区间(百分点)',
    p: 'p值',
    gmvDiff: '人均成交额差(元)',
    gmvCi: '95%置信区间(元)',
    gmvP: 'p值(Welch t)',
    verdict: {
      insufficient_sample: '样本不足：有分组未达最小样本量，暂不判定胜出',
      winner: '胜出：',
      control_better: '对照组更好',
      no_difference: '无显著差异 (p ≥ 0.05)',
    },
  },
  en: {
    sheet: 'Experiment report',
    arm: 'Arm',
    price: 'Price shown (yuan)',
    title: 'Title shown',
    exposed: 'Exposed units',
    converted: 'Converted units',
    rate: 'Conversion (%)',
    orders: 'Orders',
    gmv: 'GMV (yuan)',
    refunds: 'Refunds (yuan)',
    perUnit: 'GMV per exposed unit (yuan)',
    diff: 'Conversion difference (points)',
    ci: '95% CI (points)',
    p: 'p-value',
    gmvDiff: 'GMV per unit difference (yuan)',
    gmvCi: '95% CI (yuan)',
    gmvP: "p-value (Welch's t)",
    verdict: {
      insufficient_sample: 'Not enough units: an arm is under the minimum sample, no winner is called',
      winner: 'Winner: ',
      control_better: 'The control is better',
      no_difference: 'No significant difference (p ≥ 0.05)',
    },
  },
} as const;

const round = (x: number | null, digits: number) => (x === null ? '' : Number(x.toFixed(digits)));
const range = (lo: number | null, hi: number | null, scale: number, digits: number) =>
  lo === null || hi === null ? '' : `${(lo * scale).toFixed(digits)} ~ ${(hi * scale).toFixed(digits)}`;

/** An experiment's report as an .xlsx workbook: one row per arm, the verdict above. */
export async function experimentWorkbook(r: ExperimentReport, lang: SheetLang): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([`${r.experiment.name} · ${r.experiment.deal.productName}`]).font = { bold: true, size: 13 };
  const v = r.verdict;
  const winnerName = r.arms.find((a) => a.key === v.winner)?.name ?? '';
  ws.addRow([v.status === 'winner' ? `${w.verdict.winner}${winnerName}` : w.verdict[v.status]]);
  ws.addRow([
    w.arm,
    w.price,
    w.title,
    w.exposed,
    w.converted,
    w.rate,
    w.orders,
    w.gmv,
    w.refunds,
    w.perUnit,
    w.diff,
    w.ci,
    w.p,
    w.gmvDiff,
    w.gmvCi,
    w.gmvP,
  ]).font = { bold: true };
  for (const a of r.arms) {
    const c = a.vsControl?.conversion;
    const g = a.vsControl?.gmvPerExposed;
    ws.addRow([
      a.name,
      a.priceFen / 100,
      a.title ?? '',
      a.exposed,
      a.converted,
      round(a.conversionRate === null ? null : a.conversionRate * 100, 2),
      a.orders,
      a.gmvFen / 100,
      a.refundFen / 100,
      round(a.gmvPerExposedFen === null ? null : a.gmvPerExposedFen / 100, 2),
      c ? round(c.difference * 100, 2) : '',
      c ? range(c.ciLow, c.ciHigh, 100, 2) : '',
      c ? round(c.pValue, 4) : '',
      g ? round(g.difference / 100, 2) : '',
      g ? range(g.ciLow, g.ciHigh, 0.01, 2) : '',
      g ? round(g.pValue, 4) : '',
    ]);
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 0 || i === 2 ? 18 : 14;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
