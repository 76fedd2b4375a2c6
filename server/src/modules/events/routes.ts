import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id } from '../../lib/schemas.js';
import { funnel } from './funnel.js';
import { ingestBatch } from './ingest.js';
import { eventBatch } from './rules.js';
import { funnelWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const regionIds = z
  .union([id, z.array(id).max(100)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));
const funnelQuery = z.object({ days: z.coerce.number().int().min(1).max(92).default(14), regionId: regionIds });
const figures = { viewers: z.number(), carters: z.number(), orderers: z.number(), payers: z.number() };
const funnelSchema = z.object({
  from: z.string(),
  to: z.string(),
  regions: z.array(z.object({ regionId: z.string(), name: z.string(), timeZone: z.string(), today: z.string() })),
  days: z.array(z.object({ regionId: z.string(), date: z.string(), ...figures })),
  points: z.array(
    z.object({ regionId: z.string(), date: z.string(), pickupPointId: z.string(), name: z.string(), ...figures }),
  ),
});

export function eventRoutes(app: App, ctx: AppContext) {
  // A beacon's body is text/plain (navigator.sendBeacon with a string): read as JSON here only.
  app.register(async (raw) => {
    const scope = raw as unknown as App;
    scope.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError('VALIDATION_FAILED', 400, 'Request body is not valid JSON'), undefined);
      }
    });
    scope.post(
      '/events',
      {
        bodyLimit: 64 * 1024,
        schema: {
          tags: ['events'],
          security: [],
          description:
            'A batch of behaviour events from the shop, leader app or console (at most 100), sent as JSON or as the ' +
            'text/plain body of a beacon. The user is the signed-in session’s (`session`: a beacon cannot send the ' +
            'Authorization header), never a field of the event; each event is kept once by its `id`. A batch with any ' +
            'invalid event is refused whole (400 VALIDATION_FAILED) and nothing is stored; past 60 batches a minute ' +
            'from a device (or 6000 from one address) 429 RATE_LIMITED. Definitions: decision 045.',
          body: eventBatch,
          response: {
            200: z.object({ stored: z.number().describe('events newly stored (repeats are skipped)') }),
            ...errors,
          },
        },
      },
      async (req) => {
        const batch = req.body;
        if (batch.session && !req.headers.authorization) req.headers.authorization = `Bearer ${batch.session}`;
        const user = await ctx.auth.optional(req);
        return { stored: await ingestBatch(ctx.db, batch, user?.id ?? null, { clientAddress: req.ip }) };
      },
    );
  });

  app.get(
    '/admin/analytics/funnel',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          'The purchase funnel of the last `days` business days (today included) of each of the caller’s regions ' +
          '(narrowed to `regionId`, once or repeated; another region is a 404): distinct people (the user when ' +
          'signed in, else the device) who viewed a deal, added to cart, placed an order and paid, per region and ' +
          'day and per pickup point and day, each day in its region’s time zone. Definitions: decision 045.',
        querystring: funnelQuery,
        response: { 200: funnelSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return funnel(ctx.db, { days: req.query.days, scope: regionScope(user), regionIds: req.query.regionId });
    },
  );

  app.get(
    '/admin/analytics/funnel/export.xlsx',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          'The funnel (same period and regions) as an .xlsx workbook: by region and day, by pickup point and day.',
        querystring: funnelQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const f = await funnel(ctx.db, { days: req.query.days, scope: regionScope(user), regionIds: req.query.regionId });
      const name = `${req.query.lang === 'en' ? 'funnel' : '转化漏斗'}-${f.from}-${f.to}.xlsx`;
      return sendXlsx(reply, await funnelWorkbook(f, req.query.lang), name);
    },
  );
}
