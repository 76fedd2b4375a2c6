/**
 * WeChat Pay's trade bill (交易账单, bill_type=ALL) as a file: a header line, one detail line per
 * payment or refund of the day, a summary header and one summary line (decision 064). Every
 * detail and summary value is prefixed with a backtick (so a spreadsheet keeps long numbers as
 * text); amounts are yuan with two decimals. Pure: the stand-in writes bills with `formatBill`,
 * Linli reads them with `parseBill`.
 */

export const BILL_HEADER = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
] as const;

export const SUMMARY_HEADER = [
  '总交易单数',
  '应结订单总金额',
  '退款总金额',
  '充值券退款总金额',
  '手续费总金额',
  '订单总金额',
  '申请退款总金额',
] as const;

/** One detail line. Amounts in fen; the fee and rate stay as written (the fee has more decimals). */
export interface BillLine {
  /** yyyy-MM-dd HH:mm:ss, Beijing time: the payment's success, or the refund's request */
  tradeTime: string;
  appId: string;
  mchid: string;
  /** 0 for an ordinary merchant */
  subMchid: string;
  deviceInfo: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  /** SUCCESS (a payment), REFUND (a refund), REVOKED */
  tradeState: string;
  bankType: string;
  currency: string;
  settlementFen: number;
  couponFen: number;
  refundId: string;
  outRefundNo: string;
  refundFen: number;
  rechargeRefundFen: number;
  /** ORIGINAL or BALANCE; empty on a payment line */
  refundType: string;
  /** SUCCESS, PROCESSING, … as it was when the bill was made (a bill is never updated) */
  refundStatus: string;
  body: string;
  attach: string;
  fee: string;
  rate: string;
  totalFen: number;
  requestedRefundFen: number;
  rateNote: string;
}

export interface BillSummary {
  count: number;
  settlementFen: number;
  refundFen: number;
  rechargeRefundFen: number;
  fee: string;
  totalFen: number;
  requestedRefundFen: number;
}

export interface Bill {
  lines: BillLine[];
  summary: BillSummary;
}

export class BillFormatError extends Error {}

/** "12.30" → 1230, exactly (digits, never floating point); refuses anything but yuan with ≤ 2 decimals. */
export function yuanToFen(text: string): number {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new BillFormatError(`not an amount in yuan: ${JSON.stringify(text)}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' && fen !== 0 ? -fen : fen;
}

/** 1230 → "12.30". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const lineValues = (l: BillLine): string[] => [
  l.tradeTime,
  l.appId,
  l.mchid,
  l.subMchid,
  l.deviceInfo,
  l.transactionId,
  l.outTradeNo,
  l.openid,
  l.tradeType,
  l.tradeState,
  l.bankType,
  l.currency,
  fenToYuan(l.settlementFen),
  fenToYuan(l.couponFen),
  l.refundId,
  l.outRefundNo,
  fenToYuan(l.refundFen),
  fenToYuan(l.rechargeRefundFen),
  l.refundType,
  l.refundStatus,
  l.body,
  l.attach,
  l.fee,
  l.rate,
  fenToYuan(l.totalFen),
  fenToYuan(l.requestedRefundFen),
  l.rateNote,
];

/** The summary WeChat Pay writes under the lines: their count and sums. */
export function summarize(lines: BillLine[], fee = '0.00000'): BillSummary {
  const sum = (f: (l: BillLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    count: lines.length,
    settlementFen: sum((l) => l.settlementFen),
    refundFen: sum((l) => l.refundFen),
    rechargeRefundFen: sum((l) => l.rechargeRefundFen),
    fee,
    totalFen: sum((l) => l.totalFen),
    requestedRefundFen: sum((l) => l.requestedRefundFen),
  };
}

const ticked = (values: string[]) => values.map((v) => `\`${v}`).join(',');

export function formatBill(lines: BillLine[], summary = summarize(lines)): string {
  const out = [BILL_HEADER.join(',')];
  for (const l of lines) out.push(ticked(lineValues(l)));
  out.push(SUMMARY_HEADER.join(','));
  out.push(
    ticked([
      String(summary.count),
      fenToYuan(summary.settlementFen),
      fenToYuan(summary.refundFen),
      fenToYuan(summary.rechargeRefundFen),
      summary.fee,
      fenToYuan(summary.totalFen),
      fenToYuan(summary.requestedRefundFen),
    ]),
  );
  return `${out.join('\r\n')}\r\n`;
}

/**
 * A line's values. Every value starts with a backtick, so the line is split at ",`": a comma inside
 * a product name or the merchant's data (which WeChat Pay does not quote) stays in its value.
 */
function values(line: string, expected: number, what: string): string[] {
  if (!line.startsWith('`')) throw new BillFormatError(`${what}: a value without its backtick`);
  const parts = line.slice(1).split(',`');
  if (parts.length !== expected)
    throw new BillFormatError(`${what}: ${parts.length} values where ${expected} were expected`);
  return parts;
}

/**
 * Reads a trade bill; refuses a file whose headers are not the ALL bill's, whose lines do not have
 * their 27 values, or whose summary does not count and sum its lines (a truncated download).
 */
export function parseBill(text: string): Bill {
  const all = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (all.length && all[all.length - 1].trim() === '') all.pop();
  if (all[0] !== BILL_HEADER.join(',')) throw new BillFormatError('not a trade bill of type ALL: unexpected header');
  const summaryAt = all.indexOf(SUMMARY_HEADER.join(','));
  if (summaryAt < 0 || summaryAt !== all.length - 2) throw new BillFormatError('no summary at the end of the bill');
  const lines = all.slice(1, summaryAt).map((raw, i): BillLine => {
    const v = values(raw, BILL_HEADER.length, `line ${i + 2}`);
    return {
      tradeTime: v[0],
      appId: v[1],
      mchid: v[2],
      subMchid: v[3],
      deviceInfo: v[4],
      transactionId: v[5],
      outTradeNo: v[6],
      openid: v[7],
      tradeType: v[8],
      tradeState: v[9],
      bankType: v[10],
      currency: v[11],
      settlementFen: yuanToFen(v[12]),
      couponFen: yuanToFen(v[13]),
      refundId: v[14],
      outRefundNo: v[15],
      refundFen: yuanToFen(v[16]),
      rechargeRefundFen: yuanToFen(v[17]),
      refundType: v[18],
      refundStatus: v[19],
      body: v[20],
      attach: v[21],
      fee: v[22],
      rate: v[23],
      totalFen: yuanToFen(v[24]),
      requestedRefundFen: yuanToFen(v[25]),
      rateNote: v[26],
    };
  });
  const s = values(all[summaryAt + 1], SUMMARY_HEADER.length, 'summary');
  if (!/^\d+$/.test(s[0])) throw new BillFormatError('summary: the count is not a number');
  const summary: BillSummary = {
    count: Number(s[0]),
    settlementFen: yuanToFen(s[1]),
    refundFen: yuanToFen(s[2]),
    rechargeRefundFen: yuanToFen(s[3]),
    fee: s[4],
    totalFen: yuanToFen(s[5]),
    requestedRefundFen: yuanToFen(s[6]),
  };
  const expected = summarize(lines, summary.fee);
  for (const key of ['count', 'settlementFen', 'refundFen', 'totalFen', 'requestedRefundFen'] as const) {
    if (expected[key] !== summary[key])
      throw new BillFormatError(`summary ${key} is ${summary[key]} but the lines give ${expected[key]}`);
  }
  return { lines, summary };
}

/** A payment line (交易状态 other than REFUND) or a refund line. */
export const isRefundLine = (l: BillLine) => l.tradeState === 'REFUND';
