import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { regionScope, requireOwnedInScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { created, errors, id, idParams, isoDate } from '../../lib/schemas.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { MOVEMENT_KEYSET, adjustStock, listMovements, listStock, transferStock } from './service.js';
import { COUNT_KEYSET, enterCounts, getCount, listCounts, openCount, postCount } from './counts.js';
import { MOVEMENT_KINDS, WRITE_OFF_REASONS } from './schema.js';
import { inventoryTurnover, MAX_TURNOVER_MONTHS, turnoverWorkbook } from './turnover.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const turnoverQuery = z.object({
  months: z.coerce.number().int().min(1).max(MAX_TURNOVER_MONTHS).default(6),
  warehouseId: id.optional(),
});
const turnoverRow = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  month: z.string().describe('YYYY-MM, in the warehouse region’s time zone'),
  days: z.number().int().describe('days of the month counted (to today for the current month)'),
  costOutFen: z.number().int().describe('units out of free stock for customers, net of returns, at product cost'),
  averageStockFen: z.number().int().describe('mean of the stock value at each day’s end'),
  turnover: z.number().nullable(),
  daysOfStock: z.number().nullable(),
  change: z.number().nullable().describe('turnover against the month before, as a fraction'),
});

const stock = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  nextExpiry: z.string().nullable(),
});

const movementView = z.object({
  id: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  quantity: z.number().int(),
  writeOffReason: z.enum(WRITE_OFF_REASONS).nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  refId: z.string().nullable(),
  lots: z.array(z.object({ lotId: z.string(), quantity: z.number().int(), expiresOn: z.string().nullable() })),
  at: z.string(),
});

const countView = z.object({
  id: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  status: z.enum(['open', 'posted']),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  postedAt: z.string().nullable(),
  postedBy: z.string().nullable(),
  lines: z.number().int(),
  countedLines: z.number().int(),
  unitsIn: z.number().int(),
  unitsOut: z.number().int(),
});

const countSheet = countView.extend({
  lineItems: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      unit: z.string(),
      category: z.string(),
      expectedQuantity: z.number().int(),
      countedQuantity: z.number().int().nullable(),
      currentQuantity: z.number().int(),
    }),
  ),
});

/** A warehouse never changes region: another region's answers 404 before anything is written. */
function requireWarehouseInScope(ctx: AppContext, user: Parameters<typeof regionScope>[0], warehouseId: string) {
  return requireOwnedInScope(
    ctx.db,
    regionScope(user),
    sql`select region_id from warehouses where id = ${warehouseId}`,
    'Warehouse',
  );
}

export function inventoryRoutes(app: App, ctx: AppContext) {
  const tags = ['inventory'];

  app.get(
    '/admin/inventory/turnover',
    {
      config: { roles: STAFF.turnoverRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          '库存周转率 per warehouse and month, newest first: cost of goods out / average stock value at product cost.',
        querystring: turnoverQuery,
        response: { 200: z.array(turnoverRow), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return inventoryTurnover(ctx.db, { ...req.query, scope: regionScope(user) });
    },
  );

  app.get(
    '/admin/inventory/turnover/export.xlsx',
    {
      config: { roles: STAFF.turnoverRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'The inventory turnover table as an .xlsx workbook. Column headers in `lang`.',
        querystring: turnoverQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { lang, ...filter } = req.query;
      const body = await turnoverWorkbook(
        await inventoryTurnover(ctx.db, { ...filter, scope: regionScope(user) }),
        lang,
      );
      const name = lang === 'en' ? 'inventory-turnover.xlsx' : '库存周转.xlsx';
      return sendXlsx(reply, body, name, 'inventory-turnover.xlsx');
    },
  );

  app.get(
    '/admin/inventory',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: 'Free stock per warehouse and product.',
        querystring: z.object({ warehouseId: id.optional(), productId: id.optional() }),
        response: { 200: z.array(stock), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listStock(ctx.db, { ...req.query, scope: regionScope(user) });
    },
  );

  app.post(
    '/admin/inventory/adjust',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Puts goods into stock (a `received` movement and a new lot) or takes them out (a `written_off` movement with its ' +
          'reason, out of the lots first-expiry-first); stock never goes below zero (409). Every change is a ledger movement.',
        body: z.object({
          warehouseId: id,
          productId: id,
          quantityDelta: z.number().int().min(-1_000_000).max(1_000_000),
          reason: z.string().trim().min(1).max(200),
          expiresOn: isoDate.optional(),
          writeOffReason: z
            .enum(WRITE_OFF_REASONS)
            .optional()
            .describe('a decrease (write-off): expired, damaged, quality, lost or other (the default)'),
          note: z.string().trim().max(500).optional(),
          businessKey: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .optional()
            .describe('the same key twice posts once: the second answer repeats the first'),
        }),
        response: {
          200: z.object({
            warehouseId: z.string(),
            productId: z.string(),
            quantity: z.number().int(),
            quantityDelta: z.number().int(),
            reason: z.string(),
            lotId: z.string().nullable(),
            at: z.string(),
            movementId: z.string(),
            kind: z.enum(MOVEMENT_KINDS),
            writeOffReason: z.enum(WRITE_OFF_REASONS).nullable(),
            note: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await requireWarehouseInScope(ctx, user, req.body.warehouseId);
      return adjustStock(ctx.db, req.body, user.id);
    },
  );

  app.post(
    '/admin/inventory/transfer',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Moves units between two warehouses (transfer_out / transfer_in movements); the lots keep their expiry dates. ' +
          '409 when the source has fewer units.',
        body: z.object({
          fromWarehouseId: id,
          toWarehouseId: id,
          productId: id,
          quantity: z.number().int().min(1).max(1_000_000),
          note: z.string().trim().max(500).optional(),
          businessKey: z.string().trim().min(1).max(100).optional(),
        }),
        response: {
          200: z.object({ transferId: z.string(), fromQuantity: z.number().int(), toQuantity: z.number().int() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      for (const w of [req.body.fromWarehouseId, req.body.toWarehouseId]) await requireWarehouseInScope(ctx, user, w);
      return transferStock(ctx.db, req.body, user.id);
    },
  );

  app.get(
    '/admin/inventory/movements',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          'The stock ledger, newest first, a page at a time (the next page: the X-Next-Cursor header). from/to are ' +
          "business days of the warehouse's region.",
        querystring: pageQuery.extend({
          warehouseId: id.optional(),
          productId: id.optional(),
          kind: z.enum(MOVEMENT_KINDS).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: z.array(movementView), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(MOVEMENT_KEYSET, req.query);
      return sendPage(reply, await listMovements(ctx.db, { ...req.query, scope: regionScope(user) }, page));
    },
  );

  const countInScope = (user: Parameters<typeof regionScope>[0], countId: string) =>
    requireOwnedInScope(
      ctx.db,
      regionScope(user),
      sql`select w.region_id from stock_counts c join warehouses w on w.id = c.warehouse_id where c.id = ${countId}`,
      'Stock count',
    );

  app.get(
    '/admin/stock-counts',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: 'Stock counts (盘点), newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: pageQuery.extend({ warehouseId: id.optional(), status: z.enum(['open', 'posted']).optional() }),
        response: { 200: z.array(countView), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(COUNT_KEYSET, req.query);
      return sendPage(reply, await listCounts(ctx.db, { ...req.query, scope: regionScope(user) }, page));
    },
  );

  app.post(
    '/admin/stock-counts',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Opens a count of a warehouse: the sheet lists every product it keeps with today's free stock as expected. " +
          'One open count per warehouse (409 CONFLICT with its countId).',
        body: z.object({ warehouseId: id }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      await requireWarehouseInScope(ctx, user, req.body.warehouseId);
      return reply.status(201).send(await openCount(ctx.db, req.body.warehouseId, user.id));
    },
  );

  app.get(
    '/admin/stock-counts/:id',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: 'A count sheet: expected (at opening), counted and current units per product.',
        params: idParams,
        response: { 200: countSheet, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await countInScope(user, req.params.id);
      return getCount(ctx.db, req.params.id);
    },
  );

  app.put(
    '/admin/stock-counts/:id/lines',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: 'Enters counted units per product (null clears one); 409 INVALID_STATE once posted.',
        params: idParams,
        body: z.object({
          lines: z
            .array(z.object({ productId: id, countedQuantity: z.number().int().min(0).max(1_000_000).nullable() }))
            .min(1)
            .max(1000),
        }),
        response: { 200: countSheet, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await countInScope(user, req.params.id);
      await enterCounts(ctx.db, req.params.id, req.body.lines);
      return getCount(ctx.db, req.params.id);
    },
  );

  app.post(
    '/admin/stock-counts/:id/post',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Posts a count: each counted product's stock becomes the counted figure through a `counted` movement of the " +
          'difference. Once: a second post (or a concurrent one) is 409 INVALID_STATE.',
        params: idParams,
        response: {
          200: z.object({ id: z.string(), status: z.literal('posted'), movements: z.number().int() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await countInScope(user, req.params.id);
      return postCount(ctx.db, req.params.id, user.id);
    },
  );
}
