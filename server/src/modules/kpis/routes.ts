import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors, id, INT4_MAX, isoDate } from '../../lib/schemas.js';
import { regionScope } from '../../lib/region-scope.js';
import { DIMENSIONS } from './registry.js';
import { kpiReport } from './service.js';
import { kpiWorkbook } from './workbook.js';
import { leaderMonths, weeklyCohorts } from './cohorts.js';
import { createRule, deleteRule, listRules } from './alerts.js';
import { KPIS } from './registry.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

/** `regionId` once or repeated: always a list. */
const regionIds = z
  .union([id, z.array(id).max(100)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

const query = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** without `from`: the last `days` business days to `to` */
  days: z.coerce.number().int().min(1).max(366).optional(),
  dim: z.enum(DIMENSIONS as [string, ...string[]]).optional(),
  regionId: regionIds,
});

const values = z.record(z.string(), z.number().nullable());
const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
  days: z.number(),
  today: z.string(),
  generatedAt: z.string(),
  kpis: z.array(
    z.object({
      key: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      defZh: z.string(),
      defEn: z.string(),
      unit: z.enum(['fen', 'percent', 'count', 'days', 'hours', 'orders']),
      direction: z.enum(['higher', 'lower']),
      target: z.number().nullable(),
      seed: z.string(),
      dims: z.array(z.enum(DIMENSIONS as [string, ...string[]])),
      daily: z.boolean(),
      value: z.number().nullable(),
      previous: z.number().nullable(),
      change: z.number().nullable(),
      status: z.enum(['ok', 'off', 'none']),
    }),
  ),
  daily: z.array(z.object({ date: z.string(), values })),
  breakdown: z
    .object({
      dim: z.enum(DIMENSIONS as [string, ...string[]]),
      rows: z.array(z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), values })),
    })
    .nullable(),
  unavailable: z.array(z.object({ nameZh: z.string(), nameEn: z.string(), whyZh: z.string(), whyEn: z.string() })),
});

const DESCRIPTION =
  'Every KPI of the registry (definitions in zh and en, the seeds’ figures as targets, on/off target) over the ' +
  'business days `from`..`to` (default: the `days` (30) days to today; at most 366), against the previous period of the ' +
  'same length; a daily series; with `dim`, a drill-down by region, pickup point, leader, category or ' +
  'member/non-member. Only the caller’s regions, narrowed to `regionId`; a region outside them is a 404. ' +
  'Definitions: decision 046.';

export function kpiRoutes(app: App, ctx: AppContext) {
  app.get(
    '/admin/kpis',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description: DESCRIPTION,
        querystring: query,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      return kpiReport(ctx.db, {
        scope: regionScope(user),
        regionIds: q.regionId,
        from: q.from,
        to: q.to,
        days: q.days,
        dim: q.dim as never,
      });
    },
  );

  app.get(
    '/admin/kpis/export.xlsx',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description: 'The KPI page’s tables (KPIs, daily series, the drill-down when `dim` is given) as .xlsx.',
        querystring: query.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      const r = await kpiReport(ctx.db, {
        scope: regionScope(user),
        regionIds: q.regionId,
        from: q.from,
        to: q.to,
        days: q.days,
        dim: q.dim as never,
      });
      const name = `${q.lang === 'en' ? 'kpis' : '经营指标'}-${r.from}-${r.to}.xlsx`;
      return sendXlsx(
        reply,
        await kpiWorkbook(r, q.lang, {
          cohorts: await weeklyCohorts(ctx.db, { scope: regionScope(user), regionIds: q.regionId }),
          leaders: await leaderMonths(ctx.db, { scope: regionScope(user), regionIds: q.regionId }),
        }),
        name,
      );
    },
  );

  app.get(
    '/admin/kpis/cohorts',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description:
          'Weekly cohorts of the last `weeks` weeks (Monday to Sunday): customers by the week of their first paid ' +
          'order, the share who paid 2+ orders in that week (week 0) and an order in each later week, and the median ' +
          'days to their second purchase. Only the caller’s regions, narrowed to `regionId`. Decision 046.',
        querystring: z.object({ weeks: z.coerce.number().int().min(1).max(26).default(12), regionId: regionIds }),
        response: {
          200: z.object({
            from: z.string(),
            today: z.string(),
            cohorts: z.array(
              z.object({
                week: z.string(),
                customers: z.number(),
                medianSecondDays: z.number().nullable(),
                shares: z.array(z.number()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return weeklyCohorts(ctx.db, { scope: regionScope(user), regionIds: req.query.regionId, weeks: req.query.weeks });
    },
  );

  app.get(
    '/admin/kpis/leader-months',
    {
      config: { roles: STAFF.numbers, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description:
          'Leader productivity by month: each active leader’s pickup point net GMV (GMV − refunds) in each of the last ' +
          '`months` calendar months (the current one so far). Only the caller’s regions, narrowed to `regionId`.',
        querystring: z.object({ months: z.coerce.number().int().min(1).max(24).default(6), regionId: regionIds }),
        response: {
          200: z.object({
            months: z.array(z.string()),
            leaders: z.array(
              z.object({
                leaderId: z.string(),
                name: z.string(),
                pickupPointName: z.string(),
                netFen: z.array(z.number()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return leaderMonths(ctx.db, {
        scope: regionScope(user),
        regionIds: req.query.regionId,
        months: req.query.months,
      });
    },
  );

  const ruleView = z.object({
    id: z.string(),
    kpiKey: z.string(),
    regionId: z.string().nullable(),
    kind: z.enum(['below', 'above', 'drop']),
    threshold: z.number().nullable(),
    dropPercent: z.number().nullable(),
    crossed: z.boolean(),
    crossings: z.number(),
    lastValue: z.number().nullable(),
    lastDay: z.string().nullable(),
    createdAt: z.string(),
  });
  app.get(
    '/admin/kpi-alert-rules',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description:
          'The KPI alert rules of the caller’s regions and of every region, with the state the job last found.',
        response: { 200: z.array(ruleView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listRules(ctx.db, regionScope(user));
    },
  );
  app.post(
    '/admin/kpi-alert-rules',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description:
          'A KPI alert rule: the KPI of the last closed business day below or above `threshold` (in the KPI’s unit: ' +
          'a fraction for a percentage, fen for money), or dropped by `dropPercent` % against the average of the same ' +
          'weekday of the 4 weeks before. A crossing raises one alert in the inbox (and the webhook), none while it ' +
          'stays crossed. Of one region (`regionId`), or of every region (operators of every region only: 403).',
        body: z.object({
          kpiKey: z.enum(KPIS.map((k) => k.key) as [string, ...string[]]),
          regionId: id.nullable().optional(),
          kind: z.enum(['below', 'above', 'drop']),
          threshold: z.number().min(-INT4_MAX).max(INT4_MAX).nullable().optional(),
          dropPercent: z.number().gt(0).max(100).nullable().optional(),
        }),
        response: { 201: ruleView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.code(201).send(await createRule(ctx.db, regionScope(user), req.body, user.id));
    },
  );
  app.delete(
    '/admin/kpi-alert-rules/:id',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags: ['kpis'],
        description: 'Removes a KPI alert rule (its raised alerts stay in the inbox). Another region’s rule is a 404.',
        params: z.object({ id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      await deleteRule(ctx.db, regionScope(user), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
