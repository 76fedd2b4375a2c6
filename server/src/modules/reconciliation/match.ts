import { isRefundLine, type BillLine } from './bill.js';

/**
 * The match of one day's trade bill against Linli's records (decision 064), pure.
 *
 * Every line of WeChat Pay's bill is looked up by its out number in all of Linli's records,
 * whatever day Linli recorded it (a payment WeChat took at 23:59:59 may be recorded by Linli after
 * midnight; a refund is billed on the day it was requested, Linli completes it when WeChat says
 * so). Every Linli record of the day must be listed by this bill or by a bill already fetched of
 * another day.
 */

export const DIFFERENCE_KINDS = ['missing_in_linli', 'missing_at_wechat', 'amount_differs', 'status_differs'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface LinliPayment {
  id: string;
  outTradeNo: string;
  amountFen: number;
  /** pending, succeeded, refunded_on_arrival */
  status: string;
  transactionId: string | null;
}

export interface LinliRefund {
  id: string;
  outRefundNo: string;
  outTradeNo: string;
  amountFen: number;
  /** pending, processing, succeeded, failed */
  status: string;
  refundId: string | null;
}

export interface LinliSide {
  /** Linli's WeChat Pay payments that succeeded this Beijing day (or were refunded on arrival) */
  dayPayments: LinliPayment[];
  /** Linli's WeChat Pay refunds completed this Beijing day */
  dayRefunds: LinliRefund[];
  /** the Linli payments the bill's out_trade_no name, whatever their day */
  paymentsByOutNo: Map<string, LinliPayment>;
  /** the Linli refunds the bill's out_refund_no name, whatever their day */
  refundsByOutNo: Map<string, LinliRefund>;
  /** out numbers listed by a bill of another day already fetched */
  listedOnOtherDays: Set<string>;
}

export interface Difference {
  kind: DifferenceKind;
  subject: 'payment' | 'refund';
  outTradeNo: string;
  outRefundNo: string | null;
  paymentId: string | null;
  refundId: string | null;
  linliFen: number | null;
  wechatFen: number | null;
  linliStatus: string | null;
  wechatStatus: string | null;
  transactionId: string | null;
}

/** A difference's identity within its day: a rerun that finds it again keeps its resolution. */
export const differenceKey = (d: Pick<Difference, 'kind' | 'subject' | 'outTradeNo' | 'outRefundNo'>) =>
  `${d.kind}:${d.subject}:${d.subject === 'refund' ? d.outRefundNo : d.outTradeNo}`;

const LINLI_PAID = new Set(['succeeded', 'refunded_on_arrival']);
/** refund states WeChat Pay ends in without the money going back */
const WECHAT_REFUND_FAILED = new Set(['ABNORMAL', 'CLOSED', 'REFUNDCLOSE', 'FAIL']);

export function matchDay(lines: BillLine[], linli: LinliSide): Difference[] {
  const out: Difference[] = [];
  const paymentLines = new Set<string>();
  const refundLines = new Set<string>();
  for (const l of lines) {
    if (isRefundLine(l)) {
      refundLines.add(l.outRefundNo);
      const r = linli.refundsByOutNo.get(l.outRefundNo);
      const base = {
        subject: 'refund' as const,
        outTradeNo: l.outTradeNo,
        outRefundNo: l.outRefundNo,
        paymentId: linli.paymentsByOutNo.get(l.outTradeNo)?.id ?? null,
        refundId: r?.id ?? null,
        linliFen: r?.amountFen ?? null,
        wechatFen: l.requestedRefundFen,
        linliStatus: r?.status ?? null,
        wechatStatus: l.refundStatus,
        transactionId: l.transactionId,
      };
      if (!r) {
        out.push({ kind: 'missing_in_linli', ...base });
        continue;
      }
      if (r.amountFen !== l.requestedRefundFen) out.push({ kind: 'amount_differs', ...base });
      const wechatDone = l.refundStatus === 'SUCCESS';
      if (
        (wechatDone && r.status !== 'succeeded') ||
        (WECHAT_REFUND_FAILED.has(l.refundStatus) && r.status === 'succeeded')
      )
        out.push({ kind: 'status_differs', ...base });
    } else {
      paymentLines.add(l.outTradeNo);
      const p = linli.paymentsByOutNo.get(l.outTradeNo);
      const base = {
        subject: 'payment' as const,
        outTradeNo: l.outTradeNo,
        outRefundNo: null,
        paymentId: p?.id ?? null,
        refundId: null,
        linliFen: p?.amountFen ?? null,
        wechatFen: l.totalFen,
        linliStatus: p?.status ?? null,
        wechatStatus: l.tradeState,
        transactionId: l.transactionId,
      };
      if (!p) {
        out.push({ kind: 'missing_in_linli', ...base });
        continue;
      }
      if (p.amountFen !== l.totalFen) out.push({ kind: 'amount_differs', ...base });
      // WeChat took the money (or revoked it) and Linli does not say so
      if ((l.tradeState === 'SUCCESS') !== LINLI_PAID.has(p.status)) out.push({ kind: 'status_differs', ...base });
    }
  }
  for (const p of linli.dayPayments) {
    if (paymentLines.has(p.outTradeNo) || linli.listedOnOtherDays.has(p.outTradeNo)) continue;
    out.push({
      kind: 'missing_at_wechat',
      subject: 'payment',
      outTradeNo: p.outTradeNo,
      outRefundNo: null,
      paymentId: p.id,
      refundId: null,
      linliFen: p.amountFen,
      wechatFen: null,
      linliStatus: p.status,
      wechatStatus: null,
      transactionId: p.transactionId,
    });
  }
  for (const r of linli.dayRefunds) {
    if (refundLines.has(r.outRefundNo) || linli.listedOnOtherDays.has(r.outRefundNo)) continue;
    out.push({
      kind: 'missing_at_wechat',
      subject: 'refund',
      outTradeNo: r.outTradeNo,
      outRefundNo: r.outRefundNo,
      paymentId: null,
      refundId: r.id,
      linliFen: r.amountFen,
      wechatFen: null,
      linliStatus: r.status,
      wechatStatus: null,
      transactionId: null,
    });
  }
  return out;
}
