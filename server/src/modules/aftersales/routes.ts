import { previewRefundApproval } from '../../flows/preview.js';
import { impact } from '../fulfillment/routes.js';
import { z } from 'zod';
import { inScope, regionScope } from '../../lib/region-scope.js';
import { operatesOrder } from '../orders/service.js';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { one } from '../../db/client.js';
import { idempotent } from '../../lib/idempotency.js';
import { notFound } from '../../lib/errors.js';
import { errors, id, idempotencyHeader, idParams } from '../../lib/schemas.js';
import {
  AFTERSALES_REASONS,
  PAYOUT_STATUSES,
  decideRefund,
  listRefunds,
  REFUND_KEYSET,
  requestAftersales,
} from './service.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { refunds } from './schema.js';
import { STAFF } from '../../lib/access.js';

const refundResult = z.object({
  id: z.string(),
  status: z.enum(['requested', 'refunded', 'rejected']),
  amountFen: z.number(),
});
const refundView = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  kind: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  status: z.enum(['requested', 'refunded', 'rejected']),
  amountFen: z.number(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  payout: z
    .enum(PAYOUT_STATUSES)
    .nullable()
    .describe(
      "the money's way back through the payment provider: pending (queued), processing (accepted by WeChat Pay, 退款中), succeeded, failed; null when nothing is sent",
    ),
  customer: z.object({ id: z.string(), name: z.string(), phone: z.string() }),
  lines: z.array(
    z.object({
      lineId: z.string(),
      productId: z.string(),
      productName: z.string(),
      quantity: z.number(),
      amountFen: z.number(),
    }),
  ),
});
/** The customer's own view: no need to echo their id and phone back. */
const myRefund = refundView.omit({ customer: true });
const requestBody = z.object({
  lines: z
    .array(z.object({ lineId: id, quantity: z.number().int().min(1).max(999) }))
    .min(1)
    .max(100),
  reason: z.enum(AFTERSALES_REASONS),
  note: z.string().trim().max(500).optional(),
});

export function aftersalesRoutes(app: App, ctx: AppContext) {
  const tags = ['after-sales'];

  app.post(
    '/orders/:id/refunds',
    {
      schema: {
        tags,
        description:
          'After-sales claim on picked-up lines within 48 h; the amount is computed by the server. Idempotency-Key supported.',
        params: idParams,
        headers: idempotencyHeader,
        body: requestBody,
        response: { 201: refundResult, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const result = await idempotent(
        ctx.db,
        {
          userId: user.id,
          scope: 'refund',
          key: req.headers['idempotency-key'],
          request: { orderId: req.params.id, ...req.body },
        },
        async (tx) => ({ status: 201, body: await requestAftersales(tx, user.id, req.params.id, req.body) }),
      );
      return reply.status(result.status as 201).send(result.body);
    },
  );

  app.get(
    '/orders/:id/refunds',
    {
      schema: { tags, params: idParams, response: { 200: z.array(myRefund), ...errors } },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const admin = await operatesOrder(ctx.db, user, req.params.id, STAFF.ordersRead);
      // one order's refunds are a few (at most one per line and cause): one page holds them
      const { items: found } = await listRefunds(
        ctx.db,
        sql`r.order_id = ${req.params.id} ${admin ? sql`` : sql`and o.user_id = ${user.id}`}`,
      );
      if (!found.length) {
        // An order of someone else and an order without refunds must look alike only to outsiders.
        const own = await one(
          ctx.db,
          sql`select 1 as ok from orders where id = ${req.params.id} ${admin ? sql`` : sql`and user_id = ${user.id}`}`,
        );
        if (!own) throw notFound('Order');
      }
      return found;
    },
  );

  app.get(
    '/me/refunds',
    {
      schema: {
        tags,
        description: 'My refunds, newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: pageQuery,
        response: { 200: z.array(myRefund), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(REFUND_KEYSET, req.query);
      return sendPage(reply, await listRefunds(ctx.db, sql`r.user_id = ${user.id}`, page));
    },
  );

  app.get(
    '/admin/refunds',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        description:
          'The approval queue (status=requested) and the refund history, newest first, a page at a time ' +
          '(the next page: the X-Next-Cursor header).',
        querystring: pageQuery.extend({
          status: z.enum(['requested', 'refunded', 'rejected']).optional(),
          // every kind a refund is stored with (the table's own list), group-tier price adjustments included
          kind: z.enum(refunds.kind.enumValues).optional(),
          orderId: id.optional(),
        }),
        response: { 200: z.array(refundView), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { status, kind, orderId } = req.query;
      const page = pageRequest(REFUND_KEYSET, req.query);
      const found = await listRefunds(
        ctx.db,
        sql`${inScope(regionScope(user), sql`o.region_id`)} ${status ? sql`and r.status = ${status}` : sql``}
      ${kind ? sql`and r.kind = ${kind}` : sql``} ${orderId ? sql`and r.order_id = ${orderId}` : sql``}`,
        page,
      );
      return sendPage(reply, found);
    },
  );

  app.post(
    '/admin/refunds/:id/approve',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        description: 'Money back, commission reversed.',
        params: idParams,
        response: { 200: refundResult, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return decideRefund(ctx.db, req.params.id, { approve: true, actorId: user.id }, regionScope(user));
    },
  );

  app.post(
    '/admin/refunds/:id/approve/preview',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        description:
          'What approving would do, without writing (the approval runs in a transaction that is rolled back): ' +
          'the order, the units returned, the money back and the customers told. 409 once decided.',
        params: idParams,
        response: { 200: impact, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return previewRefundApproval(ctx.db, req.params.id, regionScope(user));
    },
  );

  app.post(
    '/admin/refunds/:id/reject',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        params: idParams,
        body: z.object({ note: z.string().trim().max(500).optional() }).optional(),
        response: { 200: refundResult, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return decideRefund(
        ctx.db,
        req.params.id,
        { approve: false, note: req.body?.note, actorId: user.id },
        regionScope(user),
      );
    },
  );
}
