import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { validation } from '../../lib/errors.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { statementWorkbook } from '../exports/workbooks.js';
import {
  drawUpStatements,
  listStatements,
  payStatement,
  returnToSupplier,
  statementDetail,
  supplierPayables,
} from './payables.js';
import { confirmSuspension, currentMonth, monthRanking, supplierTrend } from './scorecard.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

const scorecardView = z.object({
  supplierId: z.string(),
  supplierName: z.string(),
  supplierStatus: z.string(),
  month: z.string(),
  source: z.enum(['closed', 'live']).describe('closed: stored when the month was closed; live: computed now'),
  orderedUnits: z.number(),
  acceptedUnits: z.number(),
  rejectedUnits: z.number(),
  dueOrders: z.number(),
  onTimeOrders: z.number(),
  unitsSold: z.number(),
  claimUnits: z.number(),
  claimsByReason: z.record(z.string(), z.number()),
  lossUnits: z.number(),
  lossFen: z.number(),
  receivedFen: z.number(),
  fillRate: z.number().describe('accepted / ordered units'),
  rejectionRate: z.number().describe('rejected / (accepted + rejected) units at receiving'),
  onTimeRate: z.number().describe('orders received by their due time / orders due'),
  complaintsPerThousand: z.number().describe('claimed units per 1,000 units sold'),
  lossRate: z.number().describe('units written off from its lots / units accepted'),
  scores: z.object({
    fillRate: z.number(),
    rejectionRate: z.number(),
    onTimeRate: z.number(),
    complaints: z.number(),
    loss: z.number(),
  }),
  breaches: z.array(z.string()),
  score: z.number().describe('weighted score 0–100'),
  rank: z.number(),
  rankedOf: z.number(),
  belowStandard: z.boolean().describe('不达标: score under the pass mark'),
  rectifyBy: z.string().nullable().describe('整改期限 of a supplier below standard'),
});

const payableView = z.object({
  id: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  regionId: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  purchaseOrderId: z.string(),
  campaignTitle: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  kind: z.enum(['receipt', 'return']),
  units: z.number().describe('signed: accepted units, or units returned (negative)'),
  unitCostFen: z.number(),
  amountFen: z.number().describe('signed integer fen'),
  reason: z.string().nullable(),
  occurredAt: z.string(),
  statementId: z.string().nullable(),
});

const statementView = z.object({
  id: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  period: z.string(),
  status: z.enum(['open', 'paid']),
  amountFen: z.number(),
  lineCount: z.number(),
  paidReference: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Supplier scorecards, payables and settlement statements (decision 044): operators (admin) only. */
export function supplierPerformanceRoutes(app: App, ctx: AppContext) {
  const tags = ['suppliers'];

  app.get(
    '/admin/supplier-scorecards',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: {
        tags,
        description:
          "The suppliers' ranking (排名) of a month by weighted score, with the below-standard flags (default: this month, computed live; a closed month reads its stored figures)",
        querystring: z.object({ month: month.optional() }),
        response: {
          200: z.object({
            month: z.string(),
            closed: z.boolean(),
            passScore: z.number(),
            items: z.array(scorecardView),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return monthRanking(ctx.db, req.query.month ?? currentMonth(new Date()));
    },
  );

  app.get(
    '/admin/suppliers/:id/scorecard',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: {
        tags,
        description: "A supplier's scorecard over the last months (default 6, the current one live), oldest first",
        params: idParams,
        querystring: z.object({ months: z.coerce.number().int().min(1).max(24).default(6) }),
        response: {
          200: z.object({
            supplierId: z.string(),
            from: z.string(),
            to: z.string(),
            passScore: z.number(),
            months: z.array(z.string()),
            items: z.array(scorecardView),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return supplierTrend(ctx.db, req.params.id, req.query.months);
    },
  );

  app.post(
    '/admin/supplier-scorecards/proposals/:id/confirm',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: {
        tags,
        description:
          'Confirms a suspension proposal (an alert raised after consecutive months below standard): the supplier is suspended and the alert acknowledged. Nothing is suspended without this.',
        params: idParams,
        response: {
          200: z.object({
            supplierId: z.string(),
            status: z.string(),
            suspendedNow: z.boolean().describe('false when the supplier was already suspended'),
            acknowledgedAt: z.string(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return confirmSuspension(ctx.db, req.params.id, user.id);
    },
  );

  app.get(
    '/admin/supplier-payables',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description:
          "A supplier's payables (newest first, at most 200) in the caller's regions, with what is unpaid, paid and not yet on a statement",
        querystring: z.object({ supplierId: id }),
        response: {
          200: z.object({
            supplierId: z.string(),
            unpaidFen: z.number(),
            paidFen: z.number(),
            notOnStatementFen: z.number(),
            items: z.array(payableView),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return supplierPayables(ctx.db, regionScope(user), req.query.supplierId);
    },
  );

  app.post(
    '/admin/purchase-orders/:id/supplier-returns',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Sends units of a received purchase order back to its supplier: out of that order's lot and free stock (a returned_to_supplier movement) and credited on its payables. 409 NOT_ENOUGH_IN_LOT when the lot has fewer units left; a retry with the same businessKey answers the first return.",
        params: idParams,
        body: z.object({
          productId: id,
          quantity: z.number().int().min(1).max(1_000_000),
          reason: z.string().trim().min(1).max(200),
          businessKey: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 201: payableView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply
        .status(201)
        .send(await returnToSupplier(ctx.db, regionScope(user), req.params.id, req.body, user.id));
    },
  );

  app.get(
    '/admin/supplier-statements',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description: "Settlement statements (结算单) in the caller's regions, newest period first",
        querystring: z.object({
          period: month.optional(),
          supplierId: id.optional(),
          status: z.enum(['open', 'paid']).optional(),
        }),
        response: { 200: z.array(statementView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listStatements(ctx.db, regionScope(user), req.query);
    },
  );

  app.post(
    '/admin/supplier-statements',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Draws up a month's statements: the payables not on a statement that occurred before the month's end go on the supplier's statement of that month and region (made if missing; a paid one takes no more). Only the caller's regions. Answers the month's statements.",
        body: z.object({ period: month, supplierId: id.optional() }),
        response: { 200: z.array(statementView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return drawUpStatements(ctx.db, regionScope(user), req.body);
    },
  );

  app.get(
    '/admin/supplier-statements/:id',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description: 'A statement with its payables',
        params: idParams,
        response: { 200: statementView.extend({ lines: z.array(payableView) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return statementDetail(ctx.db, regionScope(user), req.params.id);
    },
  );

  app.get(
    '/admin/supplier-statements/:id/export.xlsx',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description:
          'A statement as an .xlsx workbook (one row per payable, the total as a formula). Headers in `lang`.',
        params: idParams,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const st = await statementDetail(ctx.db, regionScope(user), req.params.id);
      const body = await statementWorkbook(st, req.query.lang);
      const name =
        req.query.lang === 'en'
          ? `statement-${st.supplierName}-${st.period}.xlsx`
          : `结算单-${st.supplierName}-${st.period}.xlsx`;
      return sendXlsx(reply, body, name);
    },
  );

  app.post(
    '/admin/supplier-statements/:id/pay',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Marks a statement paid with the payment reference. Paid once: a second or simultaneous request gets 409 ALREADY_PAID.',
        params: idParams,
        body: z.object({ reference: z.string().trim().min(1).max(100) }),
        response: { 200: statementView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      if (!req.body.reference) throw validation('A payment reference is required', { field: 'reference' });
      return payStatement(ctx.db, regionScope(user), req.params.id, req.body.reference, user.id);
    },
  );
}
