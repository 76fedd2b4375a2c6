import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { regionScope } from '../../lib/region-scope.js';
import { bps, errors, id, idParams, isoDate } from '../../lib/schemas.js';
import { lossWorkbook } from '../exports/workbooks.js';
import { listLots, listMarkdownDeals } from './lots.js';
import { lossReport } from './loss.js';
import { MARKDOWN_BASES } from './schema.js';
import {
  createMarkdownRule,
  deleteAlertRule,
  deleteMarkdownRule,
  listAlertRules,
  listMarkdownRules,
  putAlertRule,
} from './service.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const STATUSES = ['expired', 'near', 'ok', 'none'] as const;

const lotView = z.object({
  lotId: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  remaining: z.number().int(),
  onMarkdown: z.number().int().describe('units set aside for an open markdown deal (尾货秒杀)'),
  expiresOn: z.string().nullable(),
  daysLeft: z.number().int().nullable().describe("days before expiry on the warehouse region's business day"),
  alertDays: z.number().int().nullable().describe("the near-expiry rule's days (the product's, else its category's)"),
  status: z.enum(STATUSES),
  receivedAt: z.string(),
});

const subject = {
  productId: id.nullable().optional(),
  category: z.string().trim().min(1).max(50).nullable().optional(),
};
const alertRule = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  category: z.string().nullable(),
  daysBeforeExpiry: z.number().int(),
  updatedAt: z.string(),
});
const markdownRule = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  category: z.string().nullable(),
  basis: z.enum(MARKDOWN_BASES),
  days: z.number().int(),
  discountBps: z.number().int(),
  updatedAt: z.string(),
});
const markdownDeal = z.object({
  id: z.string(),
  businessDay: z.string(),
  warehouseName: z.string(),
  productId: z.string(),
  productName: z.string(),
  lotId: z.string(),
  expiresOn: z.string().nullable(),
  campaignId: z.string(),
  campaignItemId: z.string(),
  units: z.number().int(),
  sold: z.number().int(),
  listPriceFen: z.number().int(),
  priceFen: z.number().int(),
  discountBps: z.number().int(),
  released: z.boolean(),
});
const lossRow = z.object({
  week: z.string(),
  warehouseId: z.string().nullable(),
  warehouseName: z.string().nullable(),
  category: z.string().nullable(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  received: z.number().int(),
  rejected: z.number().int(),
  damaged: z.number().int(),
  writtenOff: z.number().int(),
  expired: z.number().int(),
  lost: z.number().int(),
  lossRateBps: z.number().int().nullable(),
  stockReceived: z.number().int(),
  stockLossRateBps: z.number().int().nullable(),
  overLimit: z.boolean(),
  overOnlineLimit: z.boolean(),
});
const lossQuery = z.object({
  from: isoDate.optional().describe("a business day: the report starts with its week (Monday, the region's time)"),
  to: isoDate.optional(),
  warehouseId: id.optional(),
  productId: id.optional(),
  category: z.string().max(50).optional(),
  by: z.enum(['warehouse', 'category', 'product']).default('warehouse'),
});

export function freshnessRoutes(app: App, ctx: AppContext) {
  const tags = ['inventory'];

  app.get(
    '/admin/inventory/lots',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Stock by warehouse and lot, earliest expiry first, with its expiry status: expired, near (within the ' +
          "near-expiry rule's days), ok, or none (no expiry date).",
        querystring: z.object({
          warehouseId: id.optional(),
          productId: id.optional(),
          status: z.enum(STATUSES).optional(),
        }),
        response: { 200: z.array(lotView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listLots(ctx.db, { ...req.query, scope: regionScope(user) });
    },
  );

  app.get(
    '/admin/freshness/alert-rules',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: {
        tags,
        description:
          '临期提醒 rules: alert a lot this many days (or fewer) before its expiry, per product or category.',
        response: { 200: z.array(alertRule), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return listAlertRules(ctx.db);
    },
  );

  app.put(
    '/admin/freshness/alert-rules',
    {
      // products and categories are shared by every region: changed by operators of every region
      config: { roles: STAFF.supply, regions: 'all' },
      schema: {
        tags,
        description: "Sets a product's or a category's near-expiry rule (a second put replaces its days).",
        body: z.object({ ...subject, daysBeforeExpiry: z.number().int().min(0).max(365) }),
        response: { 200: alertRule, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return putAlertRule(ctx.db, req.body);
    },
  );

  app.delete(
    '/admin/freshness/alert-rules/:id',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: { tags, params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      await deleteAlertRule(ctx.db, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/freshness/markdown-rules',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: {
        tags,
        description:
          '临期打折 steps: a discount (basis points of the list price) once a lot has `days` or fewer left (days_left) ' +
          'or is `days` or more old (age); a product’s own steps win over its category’s, the deepest step reached applies.',
        response: { 200: z.array(markdownRule), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return listMarkdownRules(ctx.db);
    },
  );

  app.post(
    '/admin/freshness/markdown-rules',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: {
        tags,
        description: 'Adds a markdown step (409 CONFLICT when the product or category has one on that day and basis).',
        body: z.object({
          ...subject,
          basis: z.enum(MARKDOWN_BASES),
          days: z.number().int().min(0).max(365),
          discountBps: bps.min(1).max(9900),
        }),
        response: { 201: markdownRule, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      return reply.status(201).send(await createMarkdownRule(ctx.db, req.body));
    },
  );

  app.delete(
    '/admin/freshness/markdown-rules/:id',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: { tags, params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      await deleteMarkdownRule(ctx.db, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/freshness/markdown-deals',
    {
      config: { roles: STAFF.supply, regions: 'scoped' },
      schema: {
        tags,
        description: 'The 尾货秒杀 deals the daily job made from lots at a markdown step, newest first.',
        response: { 200: z.array(markdownDeal), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listMarkdownDeals(ctx.db, regionScope(user));
    },
  );

  app.get(
    '/admin/loss-rate',
    {
      config: { roles: STAFF.lossRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          '损耗率 per week and warehouse, category or product: (written off + damaged on arrival + rejected at receiving) / ' +
          'units received, and the online stock loss rate (written off / units put into stock), against their limits.',
        querystring: lossQuery,
        response: {
          200: z.object({
            limits: z.object({ lossRateLimitBps: z.number().int(), onlineLossRateLimitBps: z.number().int() }),
            items: z.array(lossRow),
            totals: lossRow,
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return lossReport(ctx.db, { ...req.query, scope: regionScope(user) });
    },
  );

  app.get(
    '/admin/loss-rate/export.xlsx',
    {
      config: { roles: STAFF.lossRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'The loss-rate report as an .xlsx workbook. Column headers in `lang`.',
        querystring: lossQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { lang, ...filter } = req.query;
      const report = await lossReport(ctx.db, { ...filter, scope: regionScope(user) });
      const body = await lossWorkbook(report.items, filter.by, lang);
      const name = lang === 'en' ? 'loss-rate.xlsx' : '损耗率.xlsx';
      return sendXlsx(reply, body, name, 'loss-rate.xlsx');
    },
  );
}
