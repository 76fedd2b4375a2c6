/**
 * What the WeChat stand-in remembers: the merchant's transactions and refunds as WeChat Pay keeps
 * them, and the sign-in codes it has handed out. Kept in memory: a stand-in lives as long as a test
 * or a demo.
 */

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';

export interface StandinTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  notifyUrl: string;
  /** fen */
  amountTotal: number;
  /** jsapi (公众号 and mini-program) or h5 */
  tradeType: 'JSAPI' | 'MWEB';
  payerOpenid?: string;
  attach?: string;
  prepayId: string;
  tradeState: TradeState;
  transactionId?: string;
  /** RFC 3339 with +08:00, as WeChat Pay writes times */
  successTime?: string;
  createdAt: Date;
}

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface StandinRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  /** fen */
  refund: number;
  total: number;
  reason?: string;
  notifyUrl?: string;
  status: RefundStatus;
  createdAt: Date;
  successTime?: string;
}

export class StandinState {
  /** by out_trade_no */
  readonly transactions = new Map<string, StandinTransaction>();
  /** by out_refund_no */
  readonly refunds = new Map<string, StandinRefund>();
}

/** WeChat Pay's time format: RFC 3339 in China Standard Time, e.g. 2018-06-08T10:34:56+08:00. */
export function wechatTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
