import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors, id, isoDate, isoDateTime } from '../../lib/schemas.js';
import { regionScope } from '../../lib/region-scope.js';
import { demandForecast, forecastAccuracy } from './service.js';
import { accuracyWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const productIds = z
  .union([id, z.array(id).max(500)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

const basis = z.enum(['history', 'none']);
const forecastSchema = z.object({
  regionId: z.string(),
  timeZone: z.string(),
  day: z.string(),
  products: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      unit: z.string(),
      units: z.number(),
      suggestedQuota: z.number(),
      basis,
      daysUsed: z.number(),
      points: z.array(z.object({ pickupPointId: z.string(), name: z.string(), units: z.number(), basis })).optional(),
    }),
  ),
});

const accuracySchema = z.object({
  campaignId: z.string(),
  title: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  day: z.string(),
  closed: z.boolean(),
  recordedAt: z.string().nullable(),
  wapeBps: z.number().nullable(),
  naiveWapeBps: z.number().nullable(),
  expectedTotal: z.number(),
  actualTotal: z.number(),
  lines: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      unit: z.string(),
      expected: z.number().nullable(),
      actual: z.number(),
      diff: z.number().nullable(),
    }),
  ),
});

export function forecastRoutes(app: App, ctx: AppContext) {
  app.get(
    '/admin/forecast/demand',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags: ['forecast'],
        description:
          "Demand forecast of a region's day (`day`, or the business day of `cutoffAt` in the region, default its " +
          'next business day), per product: expected units summed over its pickup points and the suggested quota ' +
          '(rounded up); per point with `points=true`. A weekday profile times a damped level/trend over the last 8 ' +
          'weeks of closed days (decision 049). `productId` (once or repeated) narrows it; a product without history ' +
          'comes back with basis `none`. A region outside the caller’s is a 404.',
        querystring: z.object({
          regionId: id,
          day: isoDate.optional(),
          cutoffAt: isoDateTime.optional(),
          productId: productIds,
          points: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
        response: { 200: forecastSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return demandForecast(ctx.db, regionScope(user), {
        regionId: req.query.regionId,
        day: req.query.day,
        cutoffAt: req.query.cutoffAt,
        productIds: req.query.productId,
        points: req.query.points,
      });
    },
  );

  app.get(
    '/admin/forecast/accuracy',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags: ['forecast'],
        description:
          "Expected against actual units per product of a campaign's day (the business day of its cutoff in its " +
          'region): expected is the forecast recorded before the day began (never rewritten), actual the units paid ' +
          'that day (so far, while the day lasts). WAPE over product × point cells in basis points, also for the ' +
          'naive same-weekday-last-week forecast. A campaign of another region is a 404.',
        querystring: z.object({ campaignId: id }),
        response: { 200: accuracySchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return forecastAccuracy(ctx.db, regionScope(user), req.query.campaignId);
    },
  );

  app.get(
    '/admin/forecast/accuracy/export.xlsx',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags: ['forecast'],
        description: 'The expected-against-actual table of a campaign’s day as an .xlsx workbook, headers in `lang`.',
        querystring: z.object({ campaignId: id, lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const a = await forecastAccuracy(ctx.db, regionScope(user), req.query.campaignId);
      const name = `${req.query.lang === 'en' ? 'forecast' : '预测与实际'}-${a.day}.xlsx`;
      return sendXlsx(reply, await accuracyWorkbook(a, req.query.lang), name);
    },
  );
}
