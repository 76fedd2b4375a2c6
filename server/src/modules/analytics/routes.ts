import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors } from '../../lib/schemas.js';
import { dashboard } from './service.js';

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
});

export function analyticsRoutes(app: App, ctx: AppContext) {
  app.get(
    '/admin/analytics/dashboard',
    {
      config: { roles: ['admin'], regions: 'scoped' },
      schema: {
        tags: ['analytics'],
        description:
          'Today and the last `days` business days (Asia/Shanghai, today included): GMV of goods orders by the day they ' +
          'were paid, paid orders, buyers, average order value, refunds by the day they were made; GMV by day, by hour ' +
          "(today and the whole period), by category; the top 10 products and leaders (by their pickup point's GMV).",
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(30) }),
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return dashboard(ctx.db, { days: req.query.days });
    },
  );
}
