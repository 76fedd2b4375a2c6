import type { Accuracy } from './service.js';

/** exceljs is loaded when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    sheet: '预测与实际',
    title: (a: Accuracy) => `${a.regionName} ${a.day} ${a.title}：预测（提前记录）与实际`,
    product: '商品',
    unit: '规格',
    expected: '预测件数',
    actual: '实际件数',
    diff: '差额',
    wape: '预测误差 WAPE(%)',
    naive: '上周同日误差 WAPE(%)',
  },
  en: {
    sheet: 'Expected vs actual',
    title: (a: Accuracy) => `${a.regionName} ${a.day} ${a.title}: forecast (recorded before the day) vs actual`,
    product: 'Product',
    unit: 'Unit',
    expected: 'Expected units',
    actual: 'Actual units',
    diff: 'Difference',
    wape: 'Forecast WAPE (%)',
    naive: 'Same weekday last week WAPE (%)',
  },
} as const;

/** A campaign day's expected against actual units per product as an .xlsx workbook. */
export async function accuracyWorkbook(a: Accuracy, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const sheet = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([w.title(a)]).font = { bold: true, size: 13 };
  sheet.addRow([
    w.wape,
    a.wapeBps === null ? '' : a.wapeBps / 100,
    w.naive,
    a.naiveWapeBps === null ? '' : a.naiveWapeBps / 100,
  ]);
  sheet.addRow([w.product, w.unit, w.expected, w.actual, w.diff]).font = { bold: true };
  for (const l of a.lines) sheet.addRow([l.name, l.unit, l.expected ?? '', l.actual, l.diff ?? '']);
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 24 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
