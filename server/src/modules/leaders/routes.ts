import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { inScope, regionScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { loadOrderPage, ORDER_KEYSET } from '../orders/service.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { orderLineSchema, orderSchema } from '../orders/views.js';
import { bps, created, errors, id, idParams } from '../../lib/schemas.js';
import { confirmArrival } from '../../flows/arrival.js';
import { lookUpPickup, pickUpOrder, undoPickup, verifyPickup } from '../../flows/pickup.js';
import {
  appointLeader,
  leaderOf,
  listLeaders,
  ordersByProduct,
  pickupSearchWhere,
  pointOrdersWhere,
  uncollectedWhere,
  updateLeader,
} from './service.js';
import { commissionBreakdown, leaderHome, remindPickup } from './home.js';
import { STAFF } from '../../lib/access.js';

/** What a leader may see of an order: no pickup code (that is the customer's proof), masked phone. */
const leaderOrder = orderSchema.omit({ pickupCode: true });
const count = z.number().int().min(0).max(100_000);

const arrivalBody = z.object({
  campaignId: id,
  lines: z
    .array(
      z.object({
        productId: id,
        receivedQuantity: count,
        missingQuantity: count.optional(),
        damagedQuantity: count.optional(),
      }),
    )
    .min(1)
    .max(500),
});
/** An arrival confirmation's answer: also the answer of a cold-chain refusal, which confirms a zone as damaged. */
export const arrivalResult = z.object({
  campaignId: z.string(),
  pickupPointId: z.string(),
  lines: z.array(
    z.object({
      productId: z.string(),
      expectedQuantity: z.number(),
      receivedQuantity: z.number(),
      missingQuantity: z.number(),
      damagedQuantity: z.number(),
      arrivedLines: z.number(),
      refundedUnits: z.number(),
    }),
  ),
  readyOrders: z.number(),
  refunds: z.object({ count: z.number(), amountFen: z.number() }),
});
const pickList = z.array(
  z.object({
    productId: z.string(),
    productName: z.string(),
    unit: z.string(),
    quantity: z.number(),
    orders: z.array(
      z.object({
        orderId: z.string(),
        number: z.string(),
        orderStatus: orderSchema.shape.status,
        lineId: z.string(),
        lineStatus: orderLineSchema.shape.status,
        quantity: z.number(),
        customer: z.object({ name: z.string(), phone: z.string() }),
      }),
    ),
  }),
);
const homeView = z.object({
  date: z.string().describe("Today in the point's region (YYYY-MM-DD)"),
  salesFen: z.number().describe('Paid today at my point, less refunds'),
  orderCount: z.number(),
  estimatedCommissionFen: z.number().describe("What today's orders earn when collected, at my current rate"),
  commissionBps: z.number(),
  awaitingPickup: z.object({
    orders: z.number(),
    customers: z.number(),
    units: z.number(),
    remindedToday: z.number(),
  }),
});
const breakdownView = z.object({
  days: z.array(z.object({ date: z.string(), commissionFen: z.number(), orders: z.number() })),
  orders: z.array(z.object({ orderId: z.string(), number: z.string(), date: z.string(), commissionFen: z.number() })),
});
const campaignQuery = z.object({ campaignId: id.optional() });
const leaderView = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  pickupPointId: z.string(),
  pickupPointName: z.string(),
  commissionBps: z.number(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  linkedCustomers: z.number().int().describe("customers whose first pickup point came from this leader's link"),
});

export function leaderRoutes(app: App, ctx: AppContext) {
  const tags = ['leaders'];
  /** Every leader route acts only on the caller's own active pickup point. */
  const me = async (req: Parameters<typeof ctx.auth.require>[0]) =>
    leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);

  app.post(
    '/admin/leaders',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description: "Without commissionBps the leader earns the default rate of the pickup point's region.",
        body: z.object({ userId: id, pickupPointId: id, commissionBps: bps.optional() }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const leader = await appointLeader(ctx.db, req.body, regionScope(user));
      ctx.auth.forgetUser(req.body.userId);
      return reply.status(201).send(leader);
    },
  );

  app.get(
    '/admin/leaders',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description: 'Every leader with their user and pickup point',
        response: { 200: z.array(leaderView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listLeaders(ctx.db, regionScope(user));
    },
  );

  app.patch(
    '/admin/leaders/:id',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Change the commission rate (applies to pickups from now on: commission is computed at pickup) or (de)activate; 409 when reactivating at a point with another active leader',
        params: idParams,
        body: z
          .object({ commissionBps: bps.optional(), active: z.boolean().optional() })
          .refine((b) => b.commissionBps !== undefined || b.active !== undefined, 'nothing to change'),
        response: { 200: leaderView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const leader = await updateLeader(ctx.db, req.params.id, req.body, regionScope(user));
      ctx.auth.forgetUser(leader.userId);
      return leader;
    },
  );

  app.post(
    '/leader/arrivals',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Confirm what arrived of a dispatched sorting list; uncovered units are refunded at once. A product is confirmed once (again: 409).',
        body: arrivalBody,
        response: { 200: arrivalResult, ...errors },
      },
    },
    async (req) => confirmArrival(ctx.db, await me(req), req.body),
  );

  const pickupCode = z.object({ code: z.string().trim().min(1).max(32) });
  /** a partial pickup names the lines handed over now; without it every arrived line goes */
  const lineIds = z.array(id).min(1).max(100).optional();
  const guards = (req: { ip: string }) => ({ throttle: ctx.throttle, ip: req.ip });
  const pickupOpts = (chosen?: string[]) => ({
    settlementDelayDays: ctx.config.settlementDelayDays,
    lineIds: chosen,
    undoMinutes: ctx.config.pickupUndoMinutes,
  });
  /** the order after a pickup at the desk, with the pickup to undo until `undoUntil` */
  const pickedUp = leaderOrder.extend({
    pickup: z.object({ id: z.string(), undoUntil: z.string() }).optional(),
  });

  app.post(
    '/leader/pickups/verify',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Verify a pickup code at your own point (核销); with lineIds only those lines are handed over (the rest later). 404 for unknown codes (details.reason "other_point" when the code is another point\'s), 409 INVALID_STATE with details.reason (picked_up with pickedUpAt, not_arrived, cancelled, line_not_waiting), 429 after repeated wrong codes.',
        body: pickupCode.extend({ lineIds }),
        response: { 200: pickedUp, ...errors },
      },
    },
    async (req) => verifyPickup(ctx.db, await me(req), req.body.code, guards(req), pickupOpts(req.body.lineIds)),
  );

  app.post(
    '/leader/pickups/lookup',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'The order of a pickup code at your own point, to check its lines before handing over; refusals and throttling as for verify, nothing changes.',
        body: pickupCode,
        response: { 200: leaderOrder, ...errors },
      },
    },
    async (req) => lookUpPickup(ctx.db, await me(req), req.body.code, guards(req)),
  );

  app.get(
    '/leader/pickups/search',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          "Orders at your point by the customer's phone's last four digits or part of their name, newest first (at most 20); phones masked.",
        querystring: z.object({
          q: z
            .string()
            .trim()
            .min(1)
            .max(20)
            .refine((q) => !/^\d+$/.test(q) || q.length === 4, 'digits: the last four of the phone'),
        }),
        response: { 200: z.array(leaderOrder), ...errors },
      },
    },
    async (req) => {
      const leader = await me(req);
      const found = await loadOrderPage(
        ctx.db,
        pickupSearchWhere(leader.pickupPointId, req.query.q),
        { limit: 20, after: null },
        { maskPhones: true },
      );
      return found.items;
    },
  );

  app.post(
    '/leader/orders/:id/pickup',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Hand over an order of your own point found by the customer (no code); lineIds as for verify. 404 for an order of another point.',
        params: idParams,
        body: z.object({ lineIds }),
        response: { 200: pickedUp, ...errors },
      },
    },
    async (req) => pickUpOrder(ctx.db, await me(req), req.params.id, pickupOpts(req.body.lineIds)),
  );

  app.post(
    '/leader/pickups/:id/undo',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          "Undo your point's latest pickup of an order within the configured minutes (default 5): its lines back to arrived, their commission reversed, the order back from completed with its rewards taken back, a referral reward included (points of both sides, the inviter's month count, the unused referral coupons). 409 INVALID_STATE with details.reason undo_expired, undone, undo_changed (the order changed since) or undo_coupon_used (a referral coupon it gave was already used on an order).",
        params: idParams,
        response: { 200: leaderOrder, ...errors },
      },
    },
    async (req) => undoPickup(ctx.db, await me(req), req.params.id, { undoMinutes: ctx.config.pickupUndoMinutes }),
  );

  app.get(
    '/leader/orders',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: "My point's orders (of a campaign), newest first, a page at a time (next page: X-Next-Cursor).",
        querystring: campaignQuery.extend(pageQuery.shape),
        response: { 200: z.array(leaderOrder), ...errors },
      },
    },
    async (req, reply) => {
      const leader = await me(req);
      const page = pageRequest(ORDER_KEYSET, req.query);
      const found = await loadOrderPage(ctx.db, pointOrdersWhere(leader.pickupPointId, req.query.campaignId), page, {
        maskPhones: true,
      });
      return sendPage(reply, found);
    },
  );

  app.get(
    '/leader/orders/by-product',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'The pick list: units per product and who gets them.',
        querystring: campaignQuery,
        response: { 200: pickList, ...errors },
      },
    },
    async (req) => {
      const leader = await me(req);
      return ordersByProduct(ctx.db, leader.pickupPointId, req.query.campaignId);
    },
  );

  app.get(
    '/leader/orders/uncollected',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'Ready orders at my point whose pickup date has passed, newest first, a page at a time.',
        querystring: pageQuery,
        response: { 200: z.array(leaderOrder), ...errors },
      },
    },
    async (req, reply) => {
      const leader = await me(req);
      const page = pageRequest(ORDER_KEYSET, req.query);
      return sendPage(
        reply,
        await loadOrderPage(ctx.db, uncollectedWhere(leader.pickupPointId), page, { maskPhones: true }),
      );
    },
  );

  app.get(
    '/leader/home',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: "Today's sales and estimated commission at my point, and the orders waiting to be collected.",
        response: { 200: homeView, ...errors },
      },
    },
    async (req) => leaderHome(ctx.db, await me(req)),
  );

  app.post(
    '/leader/pickup-reminders',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Remind the customers of orders waiting at my point (all, or the given ones) to collect them; ' +
          'each order at most once a day, also for simultaneous requests.',
        body: z.object({ orderIds: z.array(id).min(1).max(500).optional() }),
        response: { 200: z.object({ reminded: z.number(), alreadyReminded: z.number() }), ...errors },
      },
    },
    async (req) => remindPickup(ctx.db, await me(req), req.body.orderIds),
  );

  app.get(
    '/leader/commissions/breakdown',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'Commission earned (net of refunds) per day and per order over the last `days` days (default 30).',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(30) }),
        response: { 200: breakdownView, ...errors },
      },
    },
    async (req) => commissionBreakdown(ctx.db, await me(req), req.query.days),
  );

  app.get(
    '/admin/orders/uncollected',
    {
      config: { roles: STAFF.ordersRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'Ready orders whose pickup date has passed, across points, newest first, a page at a time.',
        querystring: pageQuery.extend({ pickupPointId: id.optional() }),
        response: { 200: z.array(orderSchema), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(ORDER_KEYSET, req.query);
      const where = sql`${uncollectedWhere(req.query.pickupPointId)} and ${inScope(regionScope(user), sql`o.region_id`)}`;
      return sendPage(reply, await loadOrderPage(ctx.db, where, page));
    },
  );
}
