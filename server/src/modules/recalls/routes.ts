import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import type { AuthUser } from '../../lib/auth.js';
import { errors, id, idParams, isoDate } from '../../lib/schemas.js';
import { regionScope } from '../../lib/region-scope.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import { inScope } from '../../lib/region-scope.js';
import { leaderOf } from '../leaders/service.js';
import { recallWorkbook } from '../exports/workbooks.js';
import { addReturn, closeRecall, confirmRecall, recordReturn, refundRecall } from '../../flows/recall.js';
import {
  affectedLines,
  createRecall,
  getRecall,
  leaderRecalls,
  listRecalls,
  previewRecall,
  recallRow,
  returnsAt,
} from './service.js';
import { RECALL_SCOPES, RECALL_STATUSES } from './schema.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const progress = z.object({
  lines: z.number().int(),
  customers: z.number().int(),
  units: z.number().int(),
  pickupPoints: z.number().int(),
  customersNotified: z.number().int(),
  leaders: z.number().int(),
  leadersNotified: z.number().int(),
  refundedLines: z.number().int(),
  refundedCustomers: z.number().int(),
  refundedFen: z.number().int(),
  unitsRecovered: z.number().int(),
  unitsBlocked: z.number().int(),
  dealsClosed: z.number().int(),
});
const lotView = z.object({
  lotId: z.string(),
  warehouseName: z.string(),
  productName: z.string(),
  expiresOn: z.string().nullable(),
  remaining: z.number().int(),
});
const recallView = z.object({
  id: z.string(),
  regionId: z.string(),
  scope: z.enum(RECALL_SCOPES),
  lotId: z.string().nullable(),
  productId: z.string().nullable(),
  supplierId: z.string().nullable(),
  subject: z.string(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  reason: z.string(),
  refund: z.boolean(),
  status: z.enum(RECALL_STATUSES),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  lots: z.array(lotView),
  progress,
});
const lineView = z.object({
  orderLineId: z.string(),
  orderId: z.string(),
  customerName: z.string(),
  phone: z.string().describe('masked (138****1234) unless the caller is an admin of every region'),
  pickupPointId: z.string(),
  pickupPointName: z.string(),
  leaderName: z.string().nullable(),
  productName: z.string(),
  units: z.number().int(),
  quantity: z.number().int(),
  refundedFen: z.number().int(),
  refunded: z.boolean(),
  notified: z.boolean(),
});
const recallBody = z.object({
  scope: z.enum(RECALL_SCOPES),
  regionId: id.optional().describe('product and supplier recalls: the region (default: the caller’s only region)'),
  lotId: id.optional(),
  productId: id.optional(),
  supplierId: id.optional(),
  fromDate: isoDate.optional().describe('first receipt business day of the lots (product and supplier recalls)'),
  toDate: isoDate.optional(),
  reason: z.string().trim().min(1).max(500),
  refund: z.boolean().optional().describe('refund the recalled units of every affected order on confirmation'),
});

/** The operator allowed to call customers: an admin of every region. Everyone else sees 138****1234. */
const fullPhones = (user: AuthUser) => user.roles.includes('admin') && user.regionIds === null;

/** 召回: recalls from a lot, a product and receipt dates, or a supplier (decision 043). */
export function recallRoutes(app: App, ctx: AppContext) {
  const tags = ['recalls'];

  app.get(
    '/admin/recalls',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'The newest 100 recalls with their deadline and progress.',
        response: { 200: z.array(recallView), ...errors },
      },
    },
    async (req) => listRecalls(ctx.db, regionScope(await ctx.auth.require(req))),
  );

  app.get(
    '/admin/recalls/lots',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'Lots of a product (newest first) to recall from, with their supplier and free units.',
        querystring: z.object({ productId: id }),
        response: {
          200: z.array(
            lotView.extend({
              warehouseId: z.string(),
              regionId: z.string(),
              supplierName: z.string().nullable(),
              quantity: z.number().int(),
              receivedAt: z.string(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const scope = regionScope(await ctx.auth.require(req));
      const found = await rows<any>(
        ctx.db,
        sql`
        select l.id as "lotId", w.name as "warehouseName", p.name as "productName", l.expires_on::text as "expiresOn", l.remaining,
          l.warehouse_id as "warehouseId", w.region_id as "regionId", s.name as "supplierName", l.quantity, l.received_at as "receivedAt"
        from lots l join warehouses w on w.id = l.warehouse_id join products p on p.id = l.product_id
          left join purchase_orders po on po.id = l.purchase_order_id left join suppliers s on s.id = coalesce(po.supplier_id, p.supplier_id)
        where l.product_id = ${req.query.productId} and ${inScope(scope, sql`w.region_id`)}
        order by l.received_at desc, l.id limit 200`,
      );
      return found.map((l) => ({ ...l, receivedAt: new Date(l.receivedAt).toISOString() }));
    },
  );

  app.post(
    '/admin/recalls/preview',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description: 'What a recall would cover — lots, figures, affected lines — without writing anything.',
        body: recallBody,
        response: {
          200: z.object({ regionId: z.string(), lots: z.array(lotView), progress, lines: z.array(lineView) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return previewRecall(ctx.db, req.body, regionScope(user), { fullPhones: fullPhones(user) });
    },
  );

  app.post(
    '/admin/recalls',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description: 'Drafts a recall; nothing is stopped or told until it is confirmed.',
        body: recallBody,
        response: { 201: recallView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await createRecall(ctx.db, req.body, regionScope(user), user.id));
    },
  );

  app.get(
    '/admin/recalls/:id',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: { tags, params: idParams, response: { 200: recallView, ...errors } },
    },
    async (req) => getRecall(ctx.db, req.params.id, regionScope(await ctx.auth.require(req))),
  );

  app.get(
    '/admin/recalls/:id/lines',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Every affected order line with its customer and pickup point (a draft: what confirming would cover).',
        params: idParams,
        response: { 200: z.array(lineView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const r = await recallRow(ctx.db, req.params.id, regionScope(user));
      return affectedLines(ctx.db, r, { fullPhones: fullPhones(user) });
    },
  );

  app.get(
    '/admin/recalls/:id/lines.xlsx',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'The affected lines as an .xlsx workbook; column headers in `lang`.',
        params: idParams,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const scope = regionScope(user);
      const r = await recallRow(ctx.db, req.params.id, scope);
      const v = await getRecall(ctx.db, r.id, scope);
      const lines = await affectedLines(ctx.db, r, { fullPhones: fullPhones(user) });
      const body = await recallWorkbook(v.subject, lines, req.query.lang);
      const name = req.query.lang === 'en' ? `recall-${r.id.slice(0, 8)}.xlsx` : `召回-${r.id.slice(0, 8)}.xlsx`;
      return sendXlsx(reply, body, name, 'recall.xlsx');
    },
  );

  app.post(
    '/admin/recalls/:id/confirm',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Confirms a draft once: stops the sale, blocks the lots’ free units, notifies customers and leaders, refunds when ' +
          'the recall refunds. A second confirmation answers the recall (ranNow false) and does nothing again.',
        params: idParams,
        response: { 200: recallView.extend({ ranNow: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return confirmRecall(ctx.db, req.params.id, regionScope(user), user.id);
    },
  );

  app.post(
    '/admin/recalls/:id/refund',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description: 'Refunds the recalled units of every affected order not refunded yet (each order once).',
        params: idParams,
        response: { 200: z.object({ refunds: z.number().int(), amountFen: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return refundRecall(ctx.db, req.params.id, regionScope(user));
    },
  );

  app.post(
    '/admin/recalls/:id/returns',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: 'Records units brought back at a pickup point (never more than the recall has there).',
        params: idParams,
        body: z.object({
          pickupPointId: id,
          units: z.number().int().min(1).max(1_000_000),
          businessKey: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 200: recallView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return recordReturn(ctx.db, req.params.id, regionScope(user), req.body, user.id);
    },
  );

  app.post(
    '/admin/recalls/:id/close',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description: 'Closes a finished recall (every customer notified and, if it refunds, refunded); else 409.',
        params: idParams,
        response: { 200: recallView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return closeRecall(ctx.db, req.params.id, regionScope(user), user.id);
    },
  );

  app.get(
    '/leader/recalls',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Recalls under way at the leader’s pickup point, soonest deadline first: units there and units brought back. ' +
          'timeZone is the point’s region’s, to show the deadline on its clock; products the recalled ones bought there.',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              subject: z.string(),
              reason: z.string(),
              deadlineAt: z.string().nullable(),
              timeZone: z.string(),
              products: z.array(z.string()),
              customers: z.number().int(),
              units: z.number().int(),
              unitsRecovered: z.number().int(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const leader = await leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);
      return leaderRecalls(ctx.db, leader.pickupPointId);
    },
  );

  app.post(
    '/leader/recalls/:id/returns',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'The leader records units customers brought back to the pickup point; answers the point’s units and units ' +
          'brought back so far. A businessKey records once (a retry or a double tap answers the same total); more than ' +
          'the recall has at the point is 409 LIMIT_EXCEEDED (details soldUnits, recoveredUnits), a recall without ' +
          'lines at the point 404.',
        params: idParams,
        body: z.object({
          units: z.number().int().min(1).max(100_000),
          businessKey: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 200: z.object({ unitsRecovered: z.number().int(), units: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req, 'leader');
      const leader = await leaderOf(ctx.db, user.id);
      await addReturn(ctx.db, req.params.id, null, { pickupPointId: leader.pickupPointId, ...req.body }, user.id);
      return returnsAt(ctx.db, req.params.id, leader.pickupPointId);
    },
  );
}
