import { ApiError, createApi } from '../shared/api';
import type { Answer, RequestBody } from '../shared/api-shapes';

/** The shop's own session (a leader may shop with the same phone, kept apart from the leader app). */
export const api = createApi('shop');

// The server's answers, named for the shop (generated from the OpenAPI document: shared/api-shapes.ts).
export type Campaign = Answer<'/campaigns/active'>[number];
export type Deal = Campaign['items'][number];
export type Tier = NonNullable<Deal['groupTiers']>[number];

export type Category = Answer<'/categories'>[number];

export type DealDetails = Answer<'/deals/{id}'>;

export type Me = Answer<'/me'>;

export type PickupPoint = Answer<'/pickup-points'>[number];

export type CheckoutBody = RequestBody<'/orders'>;

export type Quote = Answer<'/checkout/quote', 'post'>;
export type CouponChoices = Answer<'/checkout/coupons', 'post'>;
export type QuoteLine = Quote['lines'][number];

export type Order = Answer<'/orders/{id}'>;
export type OrderLine = Order['lines'][number];
export type OrderStatus = Order['status'];
export type LineStatus = OrderLine['status'];

export type Coupon = Answer<'/me/coupons'>[number];

export type ClaimableCoupon = Answer<'/coupons/claimable'>[number];

export type Refund = Answer<'/orders/{id}/refunds'>[number];
export type OrderReview = Answer<'/orders/{id}/reviews'>[number];

export type PointsHistory = Answer<'/me/points'>;

export type PayStart = Answer<'/orders/{id}/pay', 'post'>;
type PayBody = RequestBody<'/orders/{id}/pay', 'post'>;
type WechatPayParams = NonNullable<PayStart['wechatPay']>;

/** Which providers the server has on (GET /auth/options), asked once per page load. */
let providers: Promise<{ wechatPay: boolean }> | undefined;
const payProviders = () => {
  providers ??= api.get<{ wechatPay: boolean }>('/auth/options').catch((err) => {
    providers = undefined;
    throw err;
  });
  return providers;
};

/** WeChat's own browser: the payment opens in WeChat (JSAPI); elsewhere WeChat Pay's H5 page. */
export const inWechat = () => /MicroMessenger/i.test(navigator.userAgent);

/** How this browser pays: WeChat Pay when the server has it on (decision 063), else the simulated provider. */
async function payBody(returnPath: string): Promise<PayBody> {
  if (!(await payProviders()).wechatPay) return { method: 'simpay' };
  return { method: 'wechatpay', channel: inWechat() ? 'jsapi' : 'h5', returnPath };
}

interface WeixinJSBridge {
  invoke(name: 'getBrandWCPayRequest', params: WechatPayParams, done: (res: { err_msg: string }) => void): void;
}

/** Opens WeChat's payment sheet with the server's signed parameters; resolves once the payer is done with it. */
async function payInWechat(params: WechatPayParams): Promise<void> {
  const w = window as unknown as { WeixinJSBridge?: WeixinJSBridge };
  if (!w.WeixinJSBridge)
    await new Promise<void>((ready) => document.addEventListener('WeixinJSBridgeReady', () => ready(), { once: true }));
  const res = await new Promise<{ err_msg: string }>((done) =>
    w.WeixinJSBridge!.invoke('getBrandWCPayRequest', params, done),
  );
  // ok: the order page shows it paid once WeChat Pay's notification arrives; cancel: it still offers to pay
  if (res.err_msg !== 'get_brand_wcpay_request:ok' && res.err_msg !== 'get_brand_wcpay_request:cancel')
    throw new Error(res.err_msg);
}

/** Where the browser goes after starting a payment: the provider's cashier, or (paid in WeChat) back to the shop. */
async function next(pay: PayStart, returnPath: string): Promise<string> {
  if (pay.wechatPay) {
    await payInWechat(pay.wechatPay);
    return returnPath;
  }
  if (!pay.cashierUrl) throw new Error('no cashier');
  // WeChat Pay's H5 page carries its own way back; the simulated cashier is told where to return
  return /^https?:/.test(pay.cashierUrl)
    ? pay.cashierUrl
    : `${pay.cashierUrl}?return=${encodeURIComponent(returnPath)}`;
}

/** Starts a payment and returns the provider's cashier page, which brings the customer back to `returnPath`. */
export async function startPayment(orderId: string, returnPath: string): Promise<string> {
  let pay: PayStart;
  try {
    pay = await api.post<PayStart>(`/orders/${orderId}/pay`, await payBody(returnPath));
  } catch (err) {
    // an order of a pickup day is paid with the others of its day: the day's one payment
    const groupId =
      err instanceof ApiError ? (err.details as { paymentGroupId?: string } | undefined)?.paymentGroupId : undefined;
    if (!groupId) throw err;
    return startDayPayment(groupId, returnPath);
  }
  return next(pay, returnPath);
}

/** The orders of a pickup day placed together, paid with one payment (decision 032). */
export type Day = Answer<'/checkout/day', 'post'>;

/** Starts the one payment of a pickup day's orders and returns the provider's cashier page. */
export async function startDayPayment(groupId: string, returnPath: string): Promise<string> {
  const pay = await api.post<PayStart>(`/payment-groups/${groupId}/pay`, await payBody(returnPath));
  return next(pay, returnPath);
}

/** Sends the browser to the payment provider's cashier for the order. */
export async function payThroughCashier(orderId: string, returnPath: string) {
  window.location.assign(await startPayment(orderId, returnPath));
}
