import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors, fen, id, isoDate } from '../../lib/schemas.js';
import { regionScope } from '../../lib/region-scope.js';
import { dashboard } from './service.js';
import { listRouteCosts, putRouteCost } from './route-costs.js';
import { regionsWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

/** `regionId` once or repeated (`?regionId=a&regionId=b`): always a list. */
const regionIds = z
  .union([id, z.array(id).max(100)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

const kpis = z.object({
  gmvFen: z.number(),
  paidOrders: z.number(),
  buyers: z.number(),
  avgOrderFen: z.number(),
  refundFen: z.number(),
  refunds: z.number(),
  netFen: z.number(),
});
const dashboardSchema = z.object({
  timeZone: z.string(),
  today: z.string(),
  from: z.string(),
  days: z.number(),
  generatedAt: z.string(),
  todayKpis: kpis,
  periodKpis: kpis,
  daily: z.array(z.object({ date: z.string(), gmvFen: z.number(), paidOrders: z.number(), refundFen: z.number() })),
  hourly: z.array(z.object({ hour: z.number(), todayFen: z.number(), periodFen: z.number() })),
  categories: z.array(
    z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), gmvFen: z.number(), quantity: z.number() }),
  ),
  topProducts: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      unit: z.string(),
      category: z.string(),
      gmvFen: z.number(),
      quantity: z.number(),
      orders: z.number(),
    }),
  ),
  leaders: z.array(
    z.object({
      leaderId: z.string(),
      name: z.string(),
      pickupPointId: z.string(),
      pickupPointName: z.string(),
      gmvFen: z.number(),
      paidOrders: z.number(),
      buyers: z.number(),
    }),
  ),
  regions: z.array(kpis.extend({ regionId: z.string(), name: z.string(), timeZone: z.string(), today: z.string() })),
  routes: z.array(
    z.object({
      routeId: z.string(),
      name: z.string(),
      regionId: z.string(),
      costFen: z.number(),
      costDays: z.number(),
      gmvFen: z.number(),
      costShareBps: z.number().nullable(),
    }),
  ),
});
const routeCostView = z.object({
  routeId: z.string(),
  routeName: z.string(),
  regionId: z.string(),
  date: z.string(),
  costFen: z.number(),
  note: z.string(),
  updatedAt: z.string(),
});

export function analyticsRoutes(app: App, ctx: AppContext) {
  app.get(
    '/admin/analytics/dashboard',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          'Today and the last `days` business days (today included), each sale on the business day of its payment in ' +
          "its own region's time zone and each refund on the day it was made in its order's region's zone: GMV of " +
          'goods orders, paid orders, buyers, average order value, refunds; GMV by day, by local hour (today and the ' +
          "whole period), by category; the top 10 products and leaders (by their pickup point's GMV); the regions side " +
          'by side; the delivery cost share of the routes with cost entered. Only the caller’s regions, narrowed to ' +
          '`regionId` (once or repeated) when given; a region outside them is a 404. Definitions: decision 030.',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(30), regionId: regionIds }),
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return dashboard(ctx.db, { days: req.query.days, scope: regionScope(user), regionIds: req.query.regionId });
    },
  );

  app.get(
    '/admin/analytics/regions/export.xlsx',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          "The dashboard's region comparison and route delivery cost shares (the `regions` and `routes` sections, " +
          'same period and regions) as an .xlsx workbook, amounts in yuan. Column headers in `lang`.',
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(90).default(30),
          regionId: regionIds,
          lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
        }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const d = await dashboard(ctx.db, {
        days: req.query.days,
        scope: regionScope(user),
        regionIds: req.query.regionId,
      });
      const name = `${req.query.lang === 'en' ? 'regions' : '城市对比'}-${d.from}-${d.today}.xlsx`;
      return sendXlsx(reply, await regionsWorkbook(d, req.query.lang), name);
    },
  );

  app.put(
    '/admin/routes/:id/costs/:date',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          "Enter a route's delivery cost of one business day of its region (fen), replacing an earlier entry of the " +
          'day: repeating the request changes nothing more. A day not yet begun in the region is a 400; a route of ' +
          'another region than the caller’s a 404.',
        params: z.object({ id, date: isoDate }),
        body: z.object({ costFen: fen, note: z.string().trim().max(200).default('') }),
        response: { 200: routeCostView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return putRouteCost(ctx.db, regionScope(user), {
        routeId: req.params.id,
        date: req.params.date,
        costFen: req.body.costFen,
        note: req.body.note,
        userId: user.id,
      });
    },
  );

  app.get(
    '/admin/route-costs',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          "Delivery cost entered for the caller's routes on the days `from`..`to` (at most 366 days), newest first; " +
          'optionally of one route or of some regions (`regionId` once or repeated).',
        querystring: z.object({ from: isoDate, to: isoDate, routeId: id.optional(), regionId: regionIds }),
        response: { 200: z.array(routeCostView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listRouteCosts(ctx.db, regionScope(user), {
        from: req.query.from,
        to: req.query.to,
        routeId: req.query.routeId,
        regionIds: req.query.regionId,
      });
    },
  );
}
