import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { sql } from 'drizzle-orm';
import { regionScope, requireOwnedInScope } from '../../lib/region-scope.js';
import { errors, id, isoDate, isoDateTime } from '../../lib/schemas.js';
import { refuseZone } from '../../flows/cold-refusal.js';
import { arrivalQualityWorkbook } from '../exports/workbooks.js';
import { leaderOf } from '../leaders/service.js';
import { arrivalResult } from '../leaders/routes.js';
import { verifyLoggerDelivery } from './rules.js';
import { readingView, tenths, zone } from './views.js';
import {
  arrivalQuality,
  ingestLoggerDelivery,
  listLoggers,
  loggerForDelivery,
  readingsOf,
  recordArrivalReading,
  recordDispatchReading,
  registerLogger,
} from './service.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const loggerView = z.object({
  id: z.string(),
  name: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  signed: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  lastReadingAt: z.string().nullable(),
});

const qualityRow = z.object({
  routeId: z.string(),
  routeName: z.string(),
  regionId: z.string(),
  week: z.string().describe('the Monday of the week of pickup dates'),
  dispatchedLines: z.number().int(),
  goodLines: z.number().int(),
  damagedLines: z.number().int(),
  missingLines: z.number().int(),
  breachedLines: z.number().int(),
  rateBps: z.number().int().nullable(),
});
const qualityTotal = z.object({
  dispatchedLines: z.number().int(),
  goodLines: z.number().int(),
  rateBps: z.number().int().nullable(),
});
const qualityQuery = z
  .object({ from: isoDate, to: isoDate, lang: z.enum(['zh-CN', 'en']).default('zh-CN') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'at most 400 days at a time',
    path: ['to'],
  });

const loggerDelivery = z.object({
  readings: z
    .array(
      z.object({
        routeId: id,
        day: isoDate.optional().describe("the delivery day; default: the measuring time's date in the route's region"),
        stage: z.enum(['dispatch', 'arrival']),
        zone,
        pickupPointId: id.optional().describe('arrival readings: the point'),
        tenths,
        measuredAt: isoDateTime,
      }),
    )
    .min(1)
    .max(200),
});

const signatureFailed = (message: string) => new AppError('BAD_SIGNATURE', 401, message);

/** The cold chain (decision 042): readings at dispatch and arrival, loggers, the arrival-quality report. */
export function coldChainRoutes(app: App, ctx: AppContext) {
  const tags = ['cold chain'];

  app.get(
    '/admin/temperature-readings',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: "A route's temperature readings of a delivery day, dispatch and arrival, oldest first",
        querystring: z.object({ routeId: id, day: isoDate }),
        response: { 200: z.object({ items: z.array(readingView) }), ...errors },
      },
    },
    async (req) => {
      const scope = regionScope(await ctx.auth.require(req));
      await requireOwnedInScope(
        ctx.db,
        scope,
        sql`select region_id from routes where id = ${req.query.routeId}`,
        'Route',
      );
      return { items: await readingsOf(ctx.db, { routeIds: [req.query.routeId], day: req.query.day }) };
    },
  );

  app.post(
    '/admin/temperature-readings',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description:
          "A dispatch reading of a route's truck (the warehouse, at loading). Out of the zone's range: an operator alert, and the points' leaders may refuse that zone's goods.",
        body: z.object({ routeId: id, day: isoDate, zone, tenths }),
        response: { 201: readingView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await recordDispatchReading(ctx.db, regionScope(user), req.body, user.id));
    },
  );

  app.get(
    '/admin/temperature-loggers',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: {
        tags,
        description: 'The temperature loggers of the warehouses of my regions (never their secrets)',
        response: { 200: z.object({ items: z.array(loggerView) }), ...errors },
      },
    },
    async (req) => ({ items: await listLoggers(ctx.db, regionScope(await ctx.auth.require(req))) }),
  );

  app.post(
    '/admin/temperature-loggers',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Registers a temperature logger of a warehouse. The answer holds its signing secret, this once: it signs each delivery to POST /coldchain/logger-readings. ' +
          '`unsigned`: a logger without a secret, refused in production (409 SECRET_REQUIRED).',
        body: z.object({ name: z.string().trim().min(1).max(100), warehouseId: id, unsigned: z.boolean().optional() }),
        response: { 201: z.object({ logger: loggerView, secret: z.string().nullable() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const out = await registerLogger(ctx.db, regionScope(user), req.body, {
        production: ctx.config.production,
        actorId: user.id,
      });
      return reply.status(201).send(out);
    },
  );

  app.post(
    '/coldchain/logger-readings',
    {
      schema: {
        tags,
        security: [],
        description:
          'A temperature logger posts readings. Headers: x-linli-logger (its id), x-linli-timestamp (Unix seconds), x-linli-signature ' +
          '(hex HMAC-SHA256 with its secret over `<timestamp>.<raw body>`). 401 BAD_SIGNATURE for an unknown logger, a wrong ' +
          'signature or a timestamp more than 5 minutes off; 409 REPLAYED for a delivery received before. Nothing is written then.',
        headers: z.object({
          'x-linli-logger': z.string().max(64).optional(),
          'x-linli-timestamp': z.string().max(20).optional(),
          'x-linli-signature': z.string().max(200).optional(),
        }),
        body: loggerDelivery,
        response: { 200: z.object({ recorded: z.number().int(), breaches: z.number().int() }), ...errors },
      },
      // The signature is checked before the body is looked at: an unsigned sender learns nothing of the shape.
      preValidation: async (req) => {
        const h = req.headers as Record<string, string | undefined>;
        const logger = await loggerForDelivery(ctx.db, h['x-linli-logger'] ?? '');
        if (!logger) throw signatureFailed('Unknown temperature logger');
        if (logger.secret === null) {
          if (ctx.config.production) throw signatureFailed('This logger has no secret: refused in production');
          req.coldLogger = { logger: { id: logger.id, warehouse_id: logger.warehouse_id }, signature: null };
          return;
        }
        const verdict = verifyLoggerDelivery({
          secret: logger.secret,
          timestamp: h['x-linli-timestamp'],
          signature: h['x-linli-signature'],
          rawBody: req.rawBody ?? '',
          nowMs: Date.now(),
        });
        if (verdict === 'stale') throw signatureFailed('The timestamp is missing or more than 5 minutes off');
        if (verdict !== 'ok') throw signatureFailed('Bad signature');
        const sig = (h['x-linli-signature'] ?? '').replace(/^sha256=/, '').toLowerCase();
        req.coldLogger = { logger: { id: logger.id, warehouse_id: logger.warehouse_id }, signature: sig };
      },
    },
    async (req) => {
      const found = req.coldLogger;
      if (!found) throw unauthenticated();
      return ingestLoggerDelivery(ctx.db, found.logger, found.signature, req.body.readings);
    },
  );

  app.get(
    '/admin/arrival-quality',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Arrival quality (到货品质达标率) per route and week of pickup dates in [from, to]: order lines arrived without damage or ' +
          'temperature breach over lines dispatched (arrival confirmed), with the target (a setting, 98 % by default).',
        querystring: qualityQuery,
        response: {
          200: z.object({
            targetBps: z.number().int(),
            items: z.array(qualityRow),
            weeks: z
              .array(qualityTotal.extend({ week: z.string() }))
              .describe('every route of my regions summed per week'),
            total: qualityTotal.describe('the whole period'),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const scope = regionScope(await ctx.auth.require(req));
      const { targetBps, rows, weeks, total } = await arrivalQuality(ctx.db, {
        from: req.query.from,
        to: req.query.to,
        scope,
      });
      return { targetBps, items: rows, weeks, total };
    },
  );

  app.get(
    '/admin/arrival-quality/export.xlsx',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'The arrival-quality report as an .xlsx workbook (one row per route and week). Headers in `lang`.',
        querystring: qualityQuery,
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const scope = regionScope(await ctx.auth.require(req));
      const { from, to, lang } = req.query;
      const report = await arrivalQuality(ctx.db, { from, to, scope });
      const body = await arrivalQualityWorkbook(`${from} – ${to}`, report.targetBps, report.rows, lang);
      const name = lang === 'en' ? `arrival-quality-${from}-${to}.xlsx` : `到货质量-${from}-${to}.xlsx`;
      return sendXlsx(reply, body, name, 'arrival-quality.xlsx');
    },
  );

  const me = async (req: Parameters<typeof ctx.auth.require>[0]) =>
    leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);

  app.post(
    '/leader/temperature-readings',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          "An arrival reading at my point for a campaign's delivery (after dispatch). Out of range: an operator alert, and the zone's goods may be refused.",
        body: z.object({ campaignId: id, zone, tenths }),
        response: { 201: readingView, ...errors },
      },
    },
    async (req, reply) => {
      const leader = await me(req);
      return reply.status(201).send(await recordArrivalReading(ctx.db, leader, req.body));
    },
  );

  app.post(
    '/leader/arrivals/refuse',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          "Refuse a zone's goods after a reading out of range (at the route's dispatch or my arrival): its products not yet confirmed are " +
          'confirmed as damaged and their customers refunded at once as arrival losses. 409 NO_TEMPERATURE_BREACH without such a ' +
          'reading; 409 INVALID_STATE when nothing of the zone is left to confirm.',
        body: z.object({ campaignId: id, zone }),
        response: {
          200: arrivalResult,
          ...errors,
        },
      },
    },
    async (req) => refuseZone(ctx.db, await me(req), req.body),
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the logger a webhook delivery was verified for (its secret is not kept here) */
    coldLogger?: { logger: { id: string; warehouse_id: string }; signature: string | null };
  }
}
