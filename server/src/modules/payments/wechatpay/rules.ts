import type { WechatPayConfig } from '../../../lib/config.js';
import type { WechatPaySettings } from './client.js';

/**
 * The pure rules of Linli's WeChat Pay adapter (decision 063): where WeChat Pay calls Linli back,
 * which app a channel pays under, what a prepay carries, and whether a transaction WeChat Pay
 * reports is the payment Linli started.
 */

export type WechatPayChannel = 'jsapi' | 'miniprogram' | 'h5';

/**
 * Linli's public site address from LINLI_WECHATPAY_NOTIFY_BASE_URL, Linli's API as WeChat Pay
 * reaches it (https://shop.example.com/api/v1; the site itself or …/api are read the same way).
 */
export const publicBase = (notifyBaseUrl: string) => notifyBaseUrl.replace(/\/+$/, '').replace(/\/api(\/v1)?$/, '');

/** Where WeChat Pay sends the payment notifications. */
export const paymentNotifyUrl = (c: Pick<WechatPayConfig, 'notifyBaseUrl'>) =>
  `${publicBase(c.notifyBaseUrl)}/api/v1/payments/wechatpay/notify`;

/** A path of the shop on Linli's public address (the H5 cashier's way back). */
export const shopUrl = (c: Pick<WechatPayConfig, 'notifyBaseUrl'>, path: string) =>
  `${publicBase(c.notifyBaseUrl)}${path}`;

/** Only a path of the shop itself may be a way back: never another site (an open redirect). */
export const isShopPath = (path: string) => /^\/shop(\/[^\s\\]*)?$/.test(path) && !path.includes('//');

export function clientSettings(c: WechatPayConfig): WechatPaySettings {
  const { notifyBaseUrl: _, queryAfterMinutes: __, ...settings } = c;
  return { ...settings, notifyUrl: paymentNotifyUrl(c) };
}

/** The app a channel pays under: the mini-program's for the mini-program, else the 公众号's. */
export function appIdFor(c: Pick<WechatPayConfig, 'appId' | 'miniProgramAppId'>, channel: WechatPayChannel) {
  return channel === 'miniprogram' ? c.miniProgramAppId : c.appId;
}

/** WeChat Pay's time format: RFC 3339 in China Standard Time, whole seconds (time_expire). */
export function wechatTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** 商品描述: at most 127 characters, shown to the payer in WeChat. */
export const describe = (what: string) => `邻里优选-${what}`.slice(0, 127);

export interface PrepayInput {
  channel: WechatPayChannel;
  appId: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  notifyUrl: string;
  amountFen: number;
  /** the order's own expiry: WeChat Pay refuses to take the money after it */
  expiresAt: Date;
  openid?: string;
  payerIp?: string;
}

/** The body of POST /v3/pay/transactions/{jsapi|h5}. */
export function prepayBody(p: PrepayInput): Record<string, unknown> {
  const common = {
    appid: p.appId,
    mchid: p.mchid,
    description: p.description,
    out_trade_no: p.outTradeNo,
    time_expire: wechatTime(p.expiresAt),
    notify_url: p.notifyUrl,
    amount: { total: p.amountFen, currency: 'CNY' },
  };
  if (p.channel === 'h5') {
    return { ...common, scene_info: { payer_client_ip: p.payerIp ?? '127.0.0.1', h5_info: { type: 'Wap' } } };
  }
  return { ...common, payer: { openid: p.openid } };
}

/** Appends the way back to WeChat Pay's h5_url, as WeChat Pay documents (redirect_url, URL-encoded). */
export const h5CashierUrl = (h5Url: string, back: string) =>
  `${h5Url}${h5Url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(back)}`;

/** A transaction as WeChat Pay reports it (a notification's decrypted resource, or a query's answer). */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: string;
  trade_state_desc?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string; payer_currency?: string };
}

export interface KnownPayment {
  /** the payment's amount when it is known here; a notification's is checked by the statement applying it */
  amountFen?: number;
  /** the app ids Linli pays under */
  appIds: string[];
  mchid: string;
}

/**
 * Why a transaction WeChat Pay reports SUCCESS cannot be Linli's payment (undefined when it can):
 * another merchant or app, no transaction id, or another amount. Nothing is applied then.
 */
export function transactionProblem(t: WechatTransaction, p: KnownPayment): string | undefined {
  if (t.mchid !== p.mchid) return 'mchid differs';
  if (!p.appIds.includes(t.appid)) return 'appid differs';
  if (!t.transaction_id || !/^[A-Za-z0-9_-]{1,64}$/.test(t.transaction_id)) return 'transaction_id missing';
  if (!Number.isInteger(t.amount?.total)) return 'amount missing';
  if (p.amountFen !== undefined && t.amount?.total !== p.amountFen) return 'amount differs';
  return undefined;
}
