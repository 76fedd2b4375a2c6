import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { rows } from '../../db/client.js';
import { businessDate } from '../../lib/time.js';
import { covers, regionForbidden, regionScope, requireInScope } from '../../lib/region-scope.js';
import { errors, id } from '../../lib/schemas.js';
import { lifecycleReport } from './report.js';
import { LIFECYCLE_PROGRAMS } from './schema.js';
import { configureProgram, regionPrograms } from './service.js';
import { lifecycleWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const month = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

const programView = z.object({
  program: z.enum(LIFECYCLE_PROGRAMS),
  enabled: z.boolean(),
  templateId: z.string().nullable(),
  templateName: z.string().nullable(),
  params: z.record(z.string(), z.number()),
  enabledSince: z.string().nullable(),
  birthdayTemplates: z.array(z.object({ id: z.string(), name: z.string() })),
});
const reportRow = z.object({
  month: z.string(),
  program: z.enum(LIFECYCLE_PROGRAMS),
  granted: z.number().int(),
  redeemed: z.number().int(),
  orders: z.number().int(),
  gmvFen: z.number().int(),
  discountFen: z.number().int(),
  redemptionRateBps: z.number().int().nullable(),
  sent: z.number().int(),
  remindedCustomers: z.number().int(),
  convertedCustomers: z.number().int(),
  conversionBps: z.number().int().nullable(),
});
const reportQuery = z.object({
  regionId: id.optional().describe('one region (else every region of the caller)'),
  from: month.optional().describe('first month (default: five months before this one)'),
  to: month.optional().describe('last month (default: this month)'),
});

/** The month range asked for, by default the last six months on Shanghai's calendar. */
function monthRange(q: { from?: string; to?: string }) {
  const to = q.to ?? businessDate(new Date()).slice(0, 7);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const back = new Date(Date.UTC(y, m - 1 - 5, 1)).toISOString().slice(0, 7);
  return { from: q.from ?? back, to };
}

export function lifecycleRoutes(app: App, ctx: AppContext) {
  const tags = ['lifecycle'];

  app.get(
    '/admin/lifecycle/programs',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          "A region's customer-lifecycle programs (新人券, 邀请首单券, 复购提醒, 生日券): switch, coupon template, " +
          'parameters; and the coupon templates a program may grant (active, no total limit).',
        querystring: z.object({ regionId: id }),
        response: {
          200: z.object({
            regionId: z.string(),
            programs: z.array(programView),
            templates: z.array(
              z.object({ id: z.string(), name: z.string(), discountFen: z.number().int().nullable() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      requireInScope(regionScope(user), req.query.regionId, 'Region');
      const [programs, templates] = await Promise.all([
        regionPrograms(ctx.db, req.query.regionId),
        rows<{ id: string; name: string; discountFen: number | null }>(
          ctx.db,
          sql`select id, name, discount_fen as "discountFen" from coupon_templates
          where status = 'active' and valid_to > now() and total_limit is null order by created_at desc, id limit 200`,
        ),
      ]);
      return { regionId: req.query.regionId, programs, templates };
    },
  );

  app.put(
    '/admin/lifecycle/programs/:program',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Switches and configures one program in one region. A coupon program needs a template (active, no total ' +
          'limit) to be switched on; repurchase takes {leadDays, minPurchases}; birthday grants the members’ birthday templates.',
        params: z.object({ program: z.enum(LIFECYCLE_PROGRAMS) }),
        body: z.object({
          regionId: id,
          enabled: z.boolean(),
          templateId: id.nullable().optional(),
          params: z
            .object({ leadDays: z.number().int().min(1).max(14), minPurchases: z.number().int().min(3).max(20) })
            .partial()
            .strict()
            .optional(),
        }),
        response: { 200: z.array(programView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      if (!covers(regionScope(user), req.body.regionId)) throw regionForbidden('regionId');
      const { regionId, ...change } = req.body;
      await configureProgram(ctx.db, regionId, req.params.program, change);
      return regionPrograms(ctx.db, regionId);
    },
  );

  app.get(
    '/admin/lifecycle/report',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Per program and month (the grant’s or reminder’s month in its region): coupons granted, redeemed, the paid ' +
          'orders carrying them with their GMV and coupon cost, redemption rate; reminders sent and the share of ' +
          'reminded customers who bought the product within 7 days.',
        querystring: reportQuery,
        response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(reportRow) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const range = monthRange(req.query);
      const items = await lifecycleReport(ctx.db, { ...range, regionId: req.query.regionId, scope: regionScope(user) });
      return { ...range, items };
    },
  );

  app.get(
    '/admin/lifecycle/report/export.xlsx',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'The lifecycle report as an .xlsx workbook. Column headers in `lang`.',
        querystring: reportQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { lang, ...q } = req.query;
      const range = monthRange(q);
      const items = await lifecycleReport(ctx.db, { ...range, regionId: q.regionId, scope: regionScope(user) });
      const body = await lifecycleWorkbook(items, range, lang);
      const name = lang === 'en' ? 'lifecycle-programs.xlsx' : '用户生命周期.xlsx';
      return sendXlsx(reply, body, name, 'lifecycle-programs.xlsx');
    },
  );
}
