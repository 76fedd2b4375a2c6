import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { inScope, regionScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { loadOrderPage, ORDER_KEYSET } from '../orders/service.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { orderLineSchema, orderSchema } from '../orders/views.js';
import { bps, created, errors, id, idParams } from '../../lib/schemas.js';
import { confirmArrival } from '../../flows/arrival.js';
import { verifyPickup } from '../../flows/pickup.js';
import {
  appointLeader,
  leaderOf,
  listLeaders,
  ordersByProduct,
  pointOrdersWhere,
  uncollectedWhere,
  updateLeader,
} from './service.js';

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
const arrivalResult = z.object({
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
      config: { roles: ['admin'], regions: 'scoped' },
      schema: {
        tags,
        description: "Without commissionBps the leader earns the default rate of the pickup point's region.",
        body: z.object({ userId: id, pickupPointId: id, commissionBps: bps.optional() }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req, 'admin');
      const leader = await appointLeader(ctx.db, req.body, regionScope(user));
      ctx.auth.forgetUser(req.body.userId);
      return reply.status(201).send(leader);
    },
  );

  app.get(
    '/admin/leaders',
    {
      config: { roles: ['admin'], regions: 'scoped' },
      schema: {
        tags,
        description: 'Every leader with their user and pickup point',
        response: { 200: z.array(leaderView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req, 'admin');
      return listLeaders(ctx.db, regionScope(user));
    },
  );

  app.patch(
    '/admin/leaders/:id',
    {
      config: { roles: ['admin'], regions: 'scoped' },
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
      const user = await ctx.auth.require(req, 'admin');
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

  app.post(
    '/leader/pickups/verify',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Verify a pickup code at your own point (核销); 404 for unknown codes, 429 after repeated wrong codes.',
        body: z.object({ code: z.string().trim().min(1).max(32) }),
        response: { 200: leaderOrder, ...errors },
      },
    },
    async (req) => {
      const leader = await me(req);
      return verifyPickup(
        ctx.db,
        leader,
        req.body.code,
        {
          throttle: ctx.throttle,
          ip: req.ip,
        },
        { settlementDelayDays: ctx.config.settlementDelayDays },
      );
    },
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
    '/admin/orders/uncollected',
    {
      config: { roles: ['admin'], regions: 'scoped' },
      schema: {
        tags,
        description: 'Ready orders whose pickup date has passed, across points, newest first, a page at a time.',
        querystring: pageQuery.extend({ pickupPointId: id.optional() }),
        response: { 200: z.array(orderSchema), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req, 'admin');
      const page = pageRequest(ORDER_KEYSET, req.query);
      const where = sql`${uncollectedWhere(req.query.pickupPointId)} and ${inScope(regionScope(user), sql`o.region_id`)}`;
      return sendPage(reply, await loadOrderPage(ctx.db, where, page));
    },
  );
}
