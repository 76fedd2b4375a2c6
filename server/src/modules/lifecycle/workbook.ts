import type { LifecycleReportRow } from './report.js';

/** exceljs weighs ~19 MB once loaded: load it when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    sheet: '生命周期计划',
    title: (from: string, to: string) => `用户生命周期计划 ${from} 至 ${to}（按发放/提醒所在月）`,
    month: '月份',
    program: '计划',
    granted: '发放张数',
    redeemed: '核销张数',
    orders: '用券订单',
    gmv: '用券订单成交额(元)',
    cost: '优惠券成本(元)',
    rate: '核销率(%)',
    sent: '提醒条数',
    reminded: '被提醒顾客',
    converted: '7日内购买顾客',
    conversion: '7日购买率(%)',
    programs: { welcome: '新人券', first_order: '邀请首单券', repurchase: '复购提醒', birthday: '生日券' },
  },
  en: {
    sheet: 'Lifecycle programs',
    title: (from: string, to: string) => `Customer lifecycle programs ${from} to ${to} (by month of grant or reminder)`,
    month: 'Month',
    program: 'Program',
    granted: 'Granted',
    redeemed: 'Redeemed',
    orders: 'Orders using them',
    gmv: 'GMV of those orders (yuan)',
    cost: 'Coupon cost (yuan)',
    rate: 'Redemption rate (%)',
    sent: 'Reminders sent',
    reminded: 'Customers reminded',
    converted: 'Bought within 7 days',
    conversion: 'Bought within 7 days (%)',
    programs: {
      welcome: 'Welcome coupon',
      first_order: 'Invitee first order',
      repurchase: 'Repurchase reminder',
      birthday: 'Birthday coupon',
    },
  },
} as const;

/** The report's rows, one per program and month, money in yuan and rates in percent. */
export async function lifecycleWorkbook(
  items: LifecycleReportRow[],
  range: { from: string; to: string },
  lang: 'zh-CN' | 'en',
): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([w.title(range.from, range.to)]).font = { bold: true, size: 13 };
  const columns = [
    [w.month, 'month', 10],
    [w.program, 'program', 16],
    [w.granted, 'granted', 10],
    [w.redeemed, 'redeemed', 10],
    [w.orders, 'orders', 10],
    [w.gmv, 'gmv', 16],
    [w.cost, 'cost', 14],
    [w.rate, 'rate', 12],
    [w.sent, 'sent', 10],
    [w.reminded, 'reminded', 12],
    [w.converted, 'converted', 14],
    [w.conversion, 'conversion', 14],
  ] as const;
  ws.addRow(columns.map((c) => c[0])).font = { bold: true };
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c[2];
    ws.getColumn(i + 1).key = c[1];
  });
  const pct = (bps: number | null) => (bps === null ? '' : bps / 100);
  for (const r of items) {
    const reminder = r.program === 'repurchase';
    ws.addRow({
      month: r.month,
      program: w.programs[r.program],
      granted: reminder ? '' : r.granted,
      redeemed: reminder ? '' : r.redeemed,
      orders: reminder ? '' : r.orders,
      gmv: reminder ? '' : r.gmvFen / 100,
      cost: reminder ? '' : r.discountFen / 100,
      rate: pct(r.redemptionRateBps),
      sent: reminder ? r.sent : '',
      reminded: reminder ? r.remindedCustomers : '',
      converted: reminder ? r.convertedCustomers : '',
      conversion: pct(r.conversionBps),
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
