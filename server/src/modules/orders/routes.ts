import { z } from 'zod';
import { pointLeader } from '../leaders/service.js';
import { inScope, regionScope } from '../../lib/region-scope.js';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { one, type Db } from '../../db/client.js';
import { AppError, notFound, sendError, unauthenticated } from '../../lib/errors.js';
import { errors, fen, id, idempotencyHeader, idParams, isoDateTime } from '../../lib/schemas.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { couponChoices, quote } from '../../flows/checkout.js';
import { placeCustomerOrder } from '../../flows/place-order.js';
import { cancelOrder } from '../../flows/cancel.js';
import { unitsGivenBack } from '../../lib/sold-out.js';
import { applyPaymentNotification, startGroupPayment, startPayment, type StartedPayment } from '../payments/service.js';
import { dayCouponChoices, placeDay, quoteDay } from '../../flows/day-checkout.js';
import { paymentsOff, verifySimpay } from '../payments/simpay.js';
import { wechatPayOf } from '../payments/wechatpay/provider.js';
import { customersMatching, loadOrder, loadOrderPage, operatesOrder, ORDER_KEYSET } from './service.js';
import { orderSchema } from './views.js';
import { STAFF } from '../../lib/access.js';

const checkoutBody = z.object({
  pickupPointId: id,
  items: z
    .array(z.object({ campaignItemId: id, quantity: z.number().int().min(1).max(999) }))
    .min(1)
    .max(100),
  couponId: id.optional(),
  pointsToUse: z.number().int().min(0).max(10_000_000).optional(),
});

const pricedLine = z.object({
  campaignItemId: z.string(),
  quantity: z.number(),
  listPriceFen: z.number(),
  unitPriceFen: z.number(),
  memberDiscountFen: z.number(),
  subtotalFen: z.number(),
  fullReductionFen: z.number(),
  couponFen: z.number(),
  pointsFen: z.number(),
  discountFen: z.number(),
  paidFen: z.number(),
});
const quoteSchema = z.object({
  lines: z.array(pricedLine),
  subtotalFen: z.number(),
  memberDiscountFen: z.number(),
  fullReductionFen: z.number(),
  fullReductionId: z.string().nullable(),
  couponFen: z.number(),
  couponId: z.string().nullable(),
  pointsUsed: z.number(),
  pointsFen: z.number(),
  totalFen: z.number(),
  nextFullReduction: z
    .object({
      thresholdFen: z.number(),
      discountFen: z.number(),
      missingFen: z.number(),
      categories: z.array(z.string()).optional(),
    })
    .nullable(),
  fullReductionSkippedForCoupon: z.boolean(),
});

const couponChoicesBody = checkoutBody.pick({ pickupPointId: true, items: true });
const couponChoicesSchema = z.object({
  withoutCouponFen: z.number(),
  bestCouponId: z.string().nullable(),
  choices: z.array(
    z.discriminatedUnion('applicable', [
      z.object({
        couponId: z.string(),
        applicable: z.literal(true),
        couponFen: z.number(),
        fullReductionFen: z.number(),
        totalFen: z.number(),
      }),
      z.object({ couponId: z.string(), applicable: z.literal(false), missingFen: z.number() }),
    ]),
  ),
});

const dayQuoteSchema = quoteSchema.extend({
  lines: z.array(pricedLine.extend({ campaignId: z.string() })),
  orders: z.array(
    z.object({
      campaignId: z.string(),
      subtotalFen: z.number(),
      memberDiscountFen: z.number(),
      fullReductionFen: z.number(),
      couponFen: z.number(),
      pointsUsed: z.number(),
      pointsFen: z.number(),
      totalFen: z.number(),
    }),
  ),
});
const daySchema = z.object({
  id: z.string(),
  status: z.enum(['pending_payment', 'paid']),
  pickupPointId: z.string(),
  pickupDate: z.string(),
  subtotalFen: z.number(),
  memberDiscountFen: z.number(),
  fullReductionFen: z.number(),
  couponFen: z.number(),
  couponId: z.string().nullable(),
  pointsUsed: z.number(),
  pointsFen: z.number(),
  totalFen: z.number(),
  createdAt: z.string(),
  expiresAt: z.string(),
  orders: z.array(orderSchema),
});
/**
 * How the customer pays: the simulated provider, or WeChat Pay (decision 063) inside WeChat
 * (jsapi: the 公众号's pages; miniprogram) or in another mobile browser (h5: WeChat Pay's page,
 * which brings the customer back to returnPath, a path of the shop).
 */
const payBody = z.discriminatedUnion('method', [
  z.object({ method: z.literal('simpay') }),
  z.object({
    method: z.literal('wechatpay'),
    channel: z.enum(['jsapi', 'miniprogram', 'h5']),
    returnPath: z.string().max(300).optional().describe('h5: the shop page WeChat Pay sends the customer back to'),
  }),
]);
const payAnswer = {
  paymentId: z.string(),
  amountFen: z.number(),
  cashierUrl: z
    .string()
    .optional()
    .describe(
      "the provider's page that takes the payment: simpay, or WeChat Pay's H5 page (absent for jsapi/miniprogram)",
    ),
  wechatPay: z
    .object({
      appId: z.string(),
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.literal('RSA'),
      paySign: z.string(),
    })
    .optional()
    .describe('jsapi/miniprogram: the parameters of WeixinJSBridge getBrandWCPayRequest / wx.requestPayment'),
};

const notification = z.object({
  paymentId: id,
  orderId: id,
  amountFen: fen,
  providerTxnId: z.string().min(1).max(100),
});

export function orderRoutes(app: App, ctx: AppContext) {
  const tags = ['orders'];

  app.post(
    '/checkout/quote',
    { schema: { tags, body: checkoutBody, response: { 200: quoteSchema, ...errors } } },
    async (req) => {
      const user = await ctx.auth.require(req);
      return quote(ctx.db, user.id, req.body);
    },
  );

  app.post(
    '/checkout/coupons',
    {
      schema: {
        tags,
        description:
          'The order priced with each coupon the customer may use now (nothing written, points left out): for each, the total before points, or how much more the order must come to (missingFen). bestCouponId is the one leaving the least to pay, null when no coupon beats none; ties go to the coupon expiring first.',
        body: couponChoicesBody,
        response: { 200: couponChoicesSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return couponChoices(ctx.db, user.id, req.body);
    },
  );

  app.post(
    '/orders',
    {
      schema: { tags, headers: idempotencyHeader, body: checkoutBody, response: { 201: orderSchema, ...errors } },
    },
    async (req, reply) => {
      // Signed in or not is known without a database read; who signed in is looked up by the flow
      // only when the answer depends on it (a sold-out flash deal's does not).
      if (!ctx.auth.presented(req)) throw unauthenticated();
      const placed = await placeCustomerOrder(
        ctx,
        () => ctx.auth.require(req),
        req.body,
        req.headers['idempotency-key'],
      );
      return placed instanceof AppError ? sendError(reply, placed) : reply.status(201).send(placed);
    },
  );

  app.post(
    '/checkout/day/quote',
    {
      schema: {
        tags,
        description:
          "A pickup day priced as one cart (decision 032): the lines may come from several campaigns collected on the same date at the same point; one full-reduction threshold, one coupon and one points cap over all of them, and what each campaign's order would come to. Nothing written.",
        body: checkoutBody,
        response: { 200: dayQuoteSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return quoteDay(ctx.db, user.id, req.body);
    },
  );

  app.post(
    '/checkout/day/coupons',
    {
      schema: {
        tags,
        description: 'As /checkout/coupons, for a pickup day of several campaigns priced as one cart.',
        body: couponChoicesBody,
        response: { 200: couponChoicesSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return dayCouponChoices(ctx.db, user.id, req.body);
    },
  );

  app.post(
    '/checkout/day',
    {
      schema: {
        tags,
        description:
          'Places a pickup day: one order per campaign, priced together as /checkout/day/quote, and their payment group, paid once with POST /payment-groups/{id}/pay. Lines of different pickup dates: 400 PICKUP_DATES_DIFFER, nothing written.',
        headers: idempotencyHeader,
        body: checkoutBody,
        response: { 201: daySchema, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const day = await placeDay(ctx.db, user.id, req.body, ctx.config, req.headers['idempotency-key']);
      return reply.status(201).send(day);
    },
  );

  // the subject names a payment to a provider's prepay; the app is answered without it
  const answerOf = <P extends StartedPayment>({ subject: _, ...payment }: P) => payment;
  /**
   * Starts (or resumes) a payment through the provider asked for: WeChat Pay answers the page's
   * parameters or its H5 page from its prepay, simpay its cashier; a provider that is off: 409.
   */
  const pay = async <P extends StartedPayment>(
    userId: string,
    body: z.infer<typeof payBody>,
    payerIp: string,
    returnPath: string,
    start: (method: 'simpay' | 'wechatpay', channel?: 'jsapi' | 'miniprogram' | 'h5') => Promise<P>,
  ) => {
    if (body.method === 'wechatpay') {
      const wechat = wechatPayOf(ctx.config);
      if (!wechat) throw paymentsOff();
      const started = await start(body.method, body.channel);
      const page = await wechat.prepay(ctx.db, {
        userId,
        payment: started,
        channel: body.channel,
        returnPath: body.returnPath ?? returnPath,
        payerIp,
      });
      return { ...answerOf(started), ...page };
    }
    if (!ctx.config.simpay) throw paymentsOff();
    const payment = answerOf(await start(body.method));
    return { ...payment, cashierUrl: `/simpay/cashier/${payment.paymentId}` };
  };

  app.post(
    '/payment-groups/:id/pay',
    {
      schema: {
        tags,
        description:
          "Starts (or resumes) the one payment of a pickup day's orders, for their total. The provider's notification names the group's first order (orderId) and marks every order of the group paid.",
        params: idParams,
        body: payBody,
        response: { 200: z.object({ ...payAnswer, orderId: z.string() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return pay(user.id, req.body, req.ip, '/shop/orders', (method, channel) =>
        startGroupPayment(ctx.db, user.id, req.params.id, method, channel),
      );
    },
  );

  app.get(
    '/orders/:id',
    { schema: { tags, params: idParams, response: { 200: orderSchema, ...errors } } },
    async (req) => {
      const user = await ctx.auth.require(req);
      // Owner, staff who read orders (of the order's region), or the leader of the order's pickup point (who sees a masked phone).
      const access = (await operatesOrder(ctx.db, user, req.params.id, STAFF.ordersRead))
        ? 'full'
        : await accessTo(ctx.db, user.id, req.params.id);
      const order = access ? await loadOrder(ctx.db, req.params.id, { maskPhones: access === 'masked' }) : undefined;
      if (!order) throw notFound('Order');
      // A leader must never learn the pickup code: it would let them verify a pickup without the customer.
      if (access === 'masked') return { ...order, pickupCode: null };
      // the customer (or an operator) sees whom to call about the pickup
      return { ...order, leader: order.pickupPointId ? await pointLeader(ctx.db, order.pickupPointId) : null };
    },
  );

  app.get(
    '/me/orders',
    {
      schema: {
        tags,
        description: 'My orders, newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: pageQuery,
        response: { 200: z.array(orderSchema), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(ORDER_KEYSET, req.query);
      return sendPage(reply, await loadOrderPage(ctx.db, sql`o.user_id = ${user.id}`, page));
    },
  );

  app.post(
    '/orders/:id/pay',
    {
      schema: {
        tags,
        params: idParams,
        body: payBody,
        response: { 200: z.object(payAnswer), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return pay(user.id, req.body, req.ip, `/shop/orders/${req.params.id}`, (method, channel) =>
        startPayment(ctx.db, user.id, req.params.id, method, channel),
      );
    },
  );

  app.post(
    '/orders/:id/cancel',
    { schema: { tags, params: idParams, response: { 200: orderSchema, ...errors } } },
    async (req) => {
      const user = await ctx.auth.require(req);
      const asAdmin = await operatesOrder(ctx.db, user, req.params.id);
      unitsGivenBack(
        await ctx.db.transaction((tx) => cancelOrder(tx as unknown as Db, req.params.id, asAdmin ? null : user.id)),
      );
      return (await loadOrder(ctx.db, req.params.id))!;
    },
  );

  app.post(
    '/payments/simpay/notify',
    {
      schema: {
        tags: ['payments'],
        security: [],
        headers: z.object({ 'x-simpay-signature': z.string().optional() }),
        body: notification,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      if (!ctx.config.simpay) throw notFound('Payment provider simpay');
      if (!verifySimpay(req.rawBody ?? '', req.headers['x-simpay-signature'], ctx.config.simpaySecret)) {
        throw unauthenticated('Bad payment notification signature');
      }
      await applyPaymentNotification(ctx.db, { provider: 'simpay', ...req.body });
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/orders',
    {
      config: { roles: STAFF.ordersRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Order search, newest first, a page at a time (the next page: the X-Next-Cursor header). ' +
          '`q` is an order number (LL…), a phone prefix or part of a name; `createdFrom` (inclusive) and ' +
          '`createdTo` (exclusive) bound when the order was placed.',
        querystring: pageQuery.extend({
          q: z.string().max(50).optional(),
          status: z.string().max(30).optional(),
          campaignId: id.optional(),
          pickupPointId: id.optional(),
          createdFrom: isoDateTime.optional(),
          createdTo: isoDateTime.optional(),
        }),
        response: { 200: z.array(orderSchema), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { q, status, campaignId, pickupPointId, createdFrom, createdTo } = req.query;
      const page = pageRequest(ORDER_KEYSET, req.query);
      // an order number has at most 15 digits (a bigint, exact in a JS number); longer is a text search
      const seq = q && /^LL\d{1,15}$/i.test(q) ? Number(q.slice(2)) : null;
      const where = sql`${inScope(regionScope(user), sql`o.region_id`)}
      ${status ? sql`and o.status = ${status}` : sql``}
      ${campaignId ? sql`and o.campaign_id = ${campaignId}` : sql``}
      ${pickupPointId ? sql`and o.pickup_point_id = ${pickupPointId}` : sql``}
      ${createdFrom ? sql`and o.created_at >= ${createdFrom}::timestamptz` : sql``}
      ${createdTo ? sql`and o.created_at < ${createdTo}::timestamptz` : sql``}
      ${q ? (seq !== null ? sql`and o.seq = ${seq}` : await customersMatching(ctx.db, q)) : sql``}`;
      return sendPage(reply, await loadOrderPage(ctx.db, where, page));
    },
  );
}

async function accessTo(db: Db, userId: string, orderId: string): Promise<'full' | 'masked' | null> {
  const row = await one<{ owner: boolean }>(
    db,
    sql`
    select o.user_id = ${userId} as owner from orders o where o.id = ${orderId} and (o.user_id = ${userId}
      or exists (select 1 from leaders l where l.user_id = ${userId} and l.status = 'active' and l.pickup_point_id = o.pickup_point_id))`,
  );
  return row ? (row.owner ? 'full' : 'masked') : null;
}
