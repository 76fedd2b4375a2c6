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

/** A WeChat user as the stand-in knows them: one person, with an openid per app derived from `key`. */
export interface StandinWechatUser {
  key: string;
  nickname: string;
  avatarUrl: string;
  /** set when the apps belong to one open-platform account and the person has a unionid there */
  unionid?: string;
}

export type SnsScope = 'snsapi_base' | 'snsapi_userinfo';

/** A code handed out by the 公众号's authorize page or by the mini-program's wx.login: used once, 5 minutes. */
export interface StandinSnsCode {
  appid: string;
  userKey: string;
  /** the 公众号's scope; undefined for a mini-program's js_code */
  scope?: SnsScope;
  expiresAt: number;
  used: boolean;
}

export interface StandinSnsToken {
  appid: string;
  userKey: string;
  openid: string;
  scope: SnsScope;
  expiresAt: number;
}

export class StandinState {
  /** by out_trade_no */
  readonly transactions = new Map<string, StandinTransaction>();
  /** out_trade_no by prepay_id: the cashier is opened by prepay */
  readonly prepays = new Map<string, string>();
  /** by out_refund_no */
  readonly refunds = new Map<string, StandinRefund>();
  /** sign-in: the WeChat users a test or demo made, by key */
  readonly wechatUsers = new Map<string, StandinWechatUser>();
  /** sign-in: who is "in the browser" when no cookie names someone */
  currentWechatUser?: string;
  /** sign-in: the codes handed out, by code */
  readonly snsCodes = new Map<string, StandinSnsCode>();
  /** sign-in: the web access tokens handed out, by token */
  readonly snsTokens = new Map<string, StandinSnsToken>();
}

/** WeChat Pay's time format: RFC 3339 in China Standard Time, e.g. 2018-06-08T10:34:56+08:00. */
export function wechatTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
