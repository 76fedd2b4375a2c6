import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { formatBill, summarize, type BillLine } from '../../modules/reconciliation/bill.js';
import { addDays, businessDate } from '../../lib/time.js';
import type { StandinMerchant } from './keys.js';
import { errorReply, merchantSignatureProblem, signedReply } from './merchant.js';
import type { StandinContext } from './server.js';
import type { StandinState } from './state.js';

/**
 * The stand-in's trade bills (交易账单): `GET /v3/bill/tradebill` answers a download address and
 * the file's SHA1, the address serves the file (not signed, as WeChat Pay serves it). A bill of day
 * D lists the payments that succeeded on D (Beijing time) as SUCCESS lines and the refunds
 * requested on D as REFUND lines with the refund's status at the time of the download; it exists
 * from 10:00 on D+1 Beijing time, for three months.
 */

/**
 * What a test plants in the stand-in's bills (a line WeChat Pay has and Linli does not, an amount
 * changed), and what it can see of them: the bill dates asked for, in order.
 */
export interface BillPlants {
  /** extra detail lines by bill date */
  lines: { billDate: string; line: BillLine }[];
  /** an out_trade_no's (or out_refund_no's) amount as the bill shows it, in fen */
  amounts: Map<string, number>;
  requested: string[];
  /** the file as served, changed after its SHA1 was answered (a download altered in transit) */
  tamper?: (file: string) => string;
}

const plants = new WeakMap<StandinState, BillPlants>();

export function billPlants(state: StandinState): BillPlants {
  let p = plants.get(state);
  if (!p) {
    p = { lines: [], amounts: new Map(), requested: [] };
    plants.set(state, p);
  }
  return p;
}

const BEIJING = 'Asia/Shanghai';
/** yyyy-MM-dd HH:mm:ss from WeChat Pay's RFC 3339 time in +08:00 */
const billTime = (rfc3339: string) => rfc3339.slice(0, 19).replace('T', ' ');
const beijingTime = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** 0.6% of an amount, in 1/100000 yuan (the bill's fee has five decimals): fen × 6. */
const feeUnits = (fen: number) => fen * 6;
const feeText = (units: number) => {
  const abs = Math.abs(units);
  return `${units < 0 ? '-' : ''}${Math.floor(abs / 100_000)}.${String(abs % 100_000).padStart(5, '0')}`;
};

export function billLines(m: StandinMerchant, state: StandinState, billDate: string): BillLine[] {
  const p = billPlants(state);
  const lines: BillLine[] = [];
  const blank = {
    mchid: m.mchid,
    subMchid: '0',
    deviceInfo: '',
    bankType: 'OTHERS',
    currency: 'CNY',
    couponFen: 0,
    rechargeRefundFen: 0,
    rate: '0.60%',
    rateNote: '',
  };
  for (const t of state.transactions.values()) {
    if (!t.successTime || !t.transactionId || t.successTime.slice(0, 10) !== billDate) continue;
    if (t.tradeState !== 'SUCCESS' && t.tradeState !== 'REFUND') continue;
    const fen = p.amounts.get(t.outTradeNo) ?? t.amountTotal;
    lines.push({
      ...blank,
      tradeTime: billTime(t.successTime),
      appId: t.appid,
      transactionId: t.transactionId,
      outTradeNo: t.outTradeNo,
      openid: t.payerOpenid ?? '',
      tradeType: t.tradeType,
      tradeState: 'SUCCESS',
      settlementFen: fen,
      refundId: '',
      outRefundNo: '',
      refundFen: 0,
      refundType: '',
      refundStatus: '',
      body: t.description,
      attach: t.attach ?? '',
      fee: feeText(feeUnits(fen)),
      totalFen: fen,
      requestedRefundFen: 0,
    });
  }
  for (const r of state.refunds.values()) {
    if (businessDate(r.createdAt, BEIJING) !== billDate) continue;
    const t = state.transactions.get(r.outTradeNo);
    const fen = p.amounts.get(r.outRefundNo) ?? r.refund;
    lines.push({
      ...blank,
      tradeTime: beijingTime(r.createdAt),
      appId: t?.appid ?? m.appId,
      transactionId: r.transactionId,
      outTradeNo: r.outTradeNo,
      openid: t?.payerOpenid ?? '',
      tradeType: t?.tradeType ?? 'JSAPI',
      tradeState: 'REFUND',
      settlementFen: 0,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      refundFen: fen,
      refundType: 'ORIGINAL',
      refundStatus: r.status,
      body: t?.description ?? '',
      attach: t?.attach ?? '',
      fee: feeText(-feeUnits(fen)),
      totalFen: 0,
      requestedRefundFen: fen,
    });
  }
  for (const planted of p.lines) if (planted.billDate === billDate) lines.push(planted.line);
  return lines.sort((a, b) => a.tradeTime.localeCompare(b.tradeTime));
}

const FILE_TTL_MS = 5 * 60_000;

export function billRoutes(app: FastifyInstance, ctx: StandinContext, m: StandinMerchant) {
  const files = new Map<string, { text: string; expires: number }>();

  app.get('/v3/bill/tradebill', async (req, reply) => {
    const problem = merchantSignatureProblem(m, req);
    if (problem) return errorReply(m, reply, 401, 'SIGN_ERROR', problem);
    const q = req.query as Record<string, string | undefined>;
    const billDate = q.bill_date ?? '';
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(billDate) && addDays(billDate, 0) === billDate;
    if (!valid) return errorReply(m, reply, 400, 'PARAM_ERROR', 'bill_date 格式应为 yyyy-MM-dd');
    if ((q.bill_type ?? 'ALL') !== 'ALL')
      return errorReply(m, reply, 400, 'PARAM_ERROR', 'the stand-in serves bill_type=ALL only');
    if (q.tar_type !== undefined) return errorReply(m, reply, 400, 'PARAM_ERROR', 'the stand-in serves no GZIP');
    const today = businessDate(new Date(), BEIJING);
    if (billDate < addDays(today, -92)) return errorReply(m, reply, 400, 'PARAM_ERROR', '仅支持三个月内的账单下载申请');
    // a day's bill is made from 10:00 Beijing time the next day
    const readyAt = Date.parse(`${addDays(billDate, 1)}T10:00:00+08:00`);
    if (Date.now() < readyAt) return errorReply(m, reply, 400, 'STATEMENT_CREATING', '账单生成中');
    billPlants(ctx.state).requested.push(billDate);
    const lines = billLines(m, ctx.state, billDate);
    if (lines.length === 0) return errorReply(m, reply, 400, 'NO_STATEMENT_EXIST', '请求的账单文件不存在');
    const fee = lines.reduce((s, l) => s + Math.round(Number(l.fee) * 100_000), 0);
    const text = formatBill(lines, summarize(lines, feeText(fee)));
    const token = randomBytes(24).toString('base64url');
    files.set(token, { text, expires: Date.now() + FILE_TTL_MS });
    return signedReply(m, reply, 200, {
      hash_type: 'SHA1',
      hash_value: createHash('sha1').update(text, 'utf8').digest('hex'),
      download_url: `${ctx.url()}/v3/billdownload/file?token=${token}`,
    });
  });

  app.get('/v3/billdownload/file', async (req, reply) => {
    const problem = merchantSignatureProblem(m, req);
    if (problem) return errorReply(m, reply, 401, 'SIGN_ERROR', problem);
    const token = (req.query as Record<string, string | undefined>).token ?? '';
    const file = files.get(token);
    if (!file || file.expires < Date.now()) return errorReply(m, reply, 400, 'PARAM_ERROR', '下载地址已失效');
    // the file itself carries no Wechatpay-Signature: the merchant checks its SHA1
    const tamper = billPlants(ctx.state).tamper;
    const served = tamper ? tamper(file.text) : file.text;
    return reply.status(200).header('content-type', 'text/plain; charset=utf-8').send(Buffer.from(served, 'utf8'));
  });
}
