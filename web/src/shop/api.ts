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

/** Starts a payment and returns the provider's cashier page, which brings the customer back to `returnPath`. */
export async function startPayment(orderId: string, returnPath: string): Promise<string> {
  let pay: PayStart;
  try {
    pay = await api.post<PayStart>(`/orders/${orderId}/pay`, { method: 'simpay' });
  } catch (err) {
    // an order of a pickup day is paid with the others of its day: the day's one payment
    const groupId =
      err instanceof ApiError ? (err.details as { paymentGroupId?: string } | undefined)?.paymentGroupId : undefined;
    if (!groupId) throw err;
    return startDayPayment(groupId, returnPath);
  }
  return `${pay.cashierUrl}?return=${encodeURIComponent(returnPath)}`;
}

/** The orders of a pickup day placed together, paid with one payment (decision 032). */
export type Day = Answer<'/checkout/day', 'post'>;

/** Starts the one payment of a pickup day's orders and returns the provider's cashier page. */
export async function startDayPayment(groupId: string, returnPath: string): Promise<string> {
  const pay = await api.post<PayStart>(`/payment-groups/${groupId}/pay`, { method: 'simpay' });
  return `${pay.cashierUrl}?return=${encodeURIComponent(returnPath)}`;
}

/** Sends the browser to the payment provider's cashier for the order. */
export async function payThroughCashier(orderId: string, returnPath: string) {
  window.location.assign(await startPayment(orderId, returnPath));
}
