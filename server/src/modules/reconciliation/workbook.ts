import type { DifferenceView } from './service.js';

const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    sheet: '对账差异',
    title: (from: string, to: string) => `微信支付对账差异 ${from} 至 ${to}`,
    cols: [
      '账单日期',
      '差异类型',
      '对象',
      '商户订单号',
      '商户退款单号',
      '微信订单号',
      '邻里金额(元)',
      '微信金额(元)',
      '邻里状态',
      '微信状态',
      '处理时间',
      '处理说明',
    ],
    kind: {
      missing_in_linli: '微信有、邻里无',
      missing_at_wechat: '邻里有、微信无',
      amount_differs: '金额不一致',
      status_differs: '状态不一致',
    },
    subject: { payment: '支付', refund: '退款' },
  },
  en: {
    sheet: 'Differences',
    title: (from: string, to: string) => `WeChat Pay reconciliation differences ${from} to ${to}`,
    cols: [
      'Bill date',
      'Kind',
      'Subject',
      'out_trade_no',
      'out_refund_no',
      'transaction_id',
      'Linli (yuan)',
      'WeChat Pay (yuan)',
      'Linli status',
      'WeChat Pay status',
      'Resolved at',
      'Note',
    ],
    kind: {
      missing_in_linli: 'At WeChat Pay, not in Linli',
      missing_at_wechat: 'In Linli, not at WeChat Pay',
      amount_differs: 'Amounts differ',
      status_differs: 'States differ',
    },
    subject: { payment: 'Payment', refund: 'Refund' },
  },
} as const;

const yuan = (fen: number | null) => (fen === null ? '' : fen / 100);

export async function differencesWorkbook(
  items: DifferenceView[],
  from: string,
  to: string,
  lang: 'zh-CN' | 'en',
): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([w.title(from, to)]).font = { bold: true, size: 13 };
  ws.addRow([...w.cols]).font = { bold: true };
  for (const d of items)
    ws.addRow([
      d.date,
      w.kind[d.kind],
      w.subject[d.subject],
      d.outTradeNo,
      d.outRefundNo ?? '',
      d.transactionId ?? '',
      yuan(d.linliFen),
      yuan(d.wechatFen),
      d.linliStatus ?? '',
      d.wechatStatus ?? '',
      d.resolvedAt ?? '',
      d.note ?? '',
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i >= 3 && i <= 5 ? 34 : 14;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
