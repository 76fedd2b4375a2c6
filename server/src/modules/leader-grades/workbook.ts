import type { ReportRow } from './service.js';
import { GRADE_NAMES } from './rules.js';

const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    sheet: '团长月报',
    title: (m: string) => `团长月报 ${m}`,
    cols: [
      '团长',
      '自提点',
      '成交额(元)',
      '订单数',
      '下单顾客',
      '新顾客',
      '沉睡顾客',
      '售后申请',
      '投诉率(%)',
      '准时取货率(%)',
      '佣金(元)',
      '召回联系',
      '召回成功',
      '召回率(%)',
      '等级',
      '等级奖励(元)',
    ],
    running: '本月进行中',
  },
  en: {
    sheet: 'Leaders by month',
    title: (m: string) => `Leaders’ month ${m}`,
    cols: [
      'Leader',
      'Pickup point',
      'GMV (yuan)',
      'Orders',
      'Customers',
      'New customers',
      'Dormant customers',
      'After-sales claims',
      'Complaint rate (%)',
      'Pickup timeliness (%)',
      'Commission (yuan)',
      'Dormant contacted',
      'Recalled',
      'Recall rate (%)',
      'Grade',
      'Grade bonus (yuan)',
    ],
    running: 'month running',
  },
} as const;

const pct = (v: number | null) => (v === null ? '' : Math.round(v * 10000) / 100);

export async function leaderReportWorkbook(items: ReportRow[], month: string, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([w.title(month)]).font = { bold: true, size: 13 };
  ws.addRow([...w.cols]).font = { bold: true };
  for (const r of items)
    ws.addRow([
      r.name,
      r.pickupPointName,
      r.gmvFen / 100,
      r.orders,
      r.customers,
      r.newCustomers,
      r.dormantCustomers,
      r.claims,
      pct(r.complaintRate),
      pct(r.readyOrders ? r.timelyOrders / r.readyOrders : null),
      r.commissionFen / 100,
      r.contacted,
      r.recalled,
      pct(r.recallRate),
      r.grade ? GRADE_NAMES[r.grade][lang === 'en' ? 'en' : 'zh'] : w.running,
      r.bonusFen === null ? '' : r.bonusFen / 100,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i < 2 ? 16 : 12;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
