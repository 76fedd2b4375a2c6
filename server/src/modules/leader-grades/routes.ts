import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { STAFF } from '../../lib/access.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { regionScope } from '../../lib/region-scope.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { putSetting } from '../settings/service.js';
import { leaderOf } from '../leaders/service.js';
import { LEADER_GRADES } from './schema.js';
import {
  COUPON_ALLOWANCE,
  GRADE_BONUS_BPS,
  GRADE_THRESHOLDS,
  LEADER_DORMANT_DAYS,
  MESSAGE_MAX_CHARS,
} from './rules.js';
import { gradeSettings, leaderboard, leaderGrade, leaderMonthsOf, leaderReport } from './service.js';
import { leaderCustomers, sendAllowanceCoupon, sendLeaderMessage } from './customers.js';
import { leaderReportWorkbook } from './workbook.js';

const grade = z.enum(LEADER_GRADES);
const month = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const reportRow = z.object({
  month: z.string(),
  leaderId: z.string(),
  userId: z.string(),
  name: z.string(),
  pickupPointId: z.string(),
  pickupPointName: z.string(),
  regionId: z.string(),
  gmvFen: z.number(),
  orders: z.number(),
  customers: z.number(),
  newCustomers: z.number(),
  dormantCustomers: z.number(),
  claims: z.number(),
  complaintRate: z.number().nullable().describe('after-sales claims over orders; null without orders'),
  readyOrders: z.number(),
  timelyOrders: z.number().describe('of readyOrders, collected within 48 hours of arriving'),
  commissionFen: z.number(),
  contacted: z.number().describe('dormant customers sent a coupon or message in the month'),
  recalled: z.number().describe('of them, those who paid an order within 14 days after'),
  recallRate: z.number().nullable(),
  grade: grade.nullable().describe('the grade earned for the month; null while the month runs'),
  bonusFen: z.number().nullable(),
});
const reportQuery = z.object({ month, regionId: id.optional() });
const check = z.object({
  key: z.enum(['gmvFen', 'activeCustomers', 'complaintBps', 'timelyBps']),
  have: z.number(),
  need: z.number(),
  bound: z.enum(['min', 'max']),
  met: z.boolean(),
});
const settingsView = z.object({
  thresholds: GRADE_THRESHOLDS.schema,
  bonusBps: GRADE_BONUS_BPS.schema,
  dormantDays: z.number(),
  allowance: z.object({ templateId: z.string().nullable(), perMonth: z.number(), templateName: z.string().nullable() }),
});

export function leaderGradeRoutes(app: App, ctx: AppContext) {
  const tags = ['leaders'];
  const me = async (req: Parameters<typeof ctx.auth.require>[0]) =>
    leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);

  app.get(
    '/admin/leader-report',
    {
      config: { roles: STAFF.leadersRead, regions: 'scoped' },
      schema: {
        tags,
        summary: 'Per-leader report of a month',
        description:
          'Per active leader of the caller’s regions and the month (business days of the region): GMV, orders, customers, new and dormant customers, complaint rate, pickup timeliness, commission, recall of dormant customers and the grade earned (closed months).',
        querystring: reportQuery,
        response: { 200: z.object({ month: z.string(), items: z.array(reportRow) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const items = await leaderReport(ctx.db, { scope: regionScope(user), ...req.query });
      return { month: req.query.month, items };
    },
  );

  app.get(
    '/admin/leader-report/export.xlsx',
    {
      config: { roles: STAFF.leadersRead, regions: 'scoped' },
      schema: {
        tags,
        summary: 'Per-leader report as .xlsx',
        description: 'The per-leader report of a month as an .xlsx workbook. Column headers in `lang`.',
        querystring: reportQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { lang, ...q } = req.query;
      const items = await leaderReport(ctx.db, { scope: regionScope(user), ...q });
      const body = await leaderReportWorkbook(items, q.month, lang);
      return sendXlsx(
        reply,
        body,
        lang === 'en' ? `leaders-${q.month}.xlsx` : `团长月报-${q.month}.xlsx`,
        `leaders-${q.month}.xlsx`,
      );
    },
  );

  app.get(
    '/admin/leaders/:id/months',
    {
      config: { roles: STAFF.leadersRead, regions: 'scoped' },
      schema: {
        tags,
        summary: 'A leader’s months and grade history',
        description:
          'The leader’s closed months (newest 12) with the grade and bonus of each, then the current month so far.',
        params: idParams,
        response: { 200: z.object({ items: z.array(reportRow) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return { items: await leaderMonthsOf(ctx.db, regionScope(user), req.params.id) };
    },
  );

  app.get(
    '/admin/leader-grades/settings',
    {
      config: { roles: STAFF.network, regions: 'shared' },
      schema: {
        tags,
        summary: 'Grade thresholds, bonus and coupon allowance',
        response: { 200: settingsView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return gradeSettings(ctx.db);
    },
  );

  app.put(
    '/admin/leader-grades/settings',
    {
      // the same for every region: an operator limited to some regions may not change them
      config: { roles: STAFF.network, regions: 'all' },
      schema: {
        tags,
        summary: 'Change grade thresholds, bonus, coupon allowance or dormant days',
        description: 'Each part given replaces its setting; the next monthly grading uses them.',
        body: z
          .object({
            thresholds: GRADE_THRESHOLDS.schema.optional(),
            bonusBps: GRADE_BONUS_BPS.schema.optional(),
            allowance: COUPON_ALLOWANCE.schema.optional(),
            dormantDays: LEADER_DORMANT_DAYS.schema.optional(),
          })
          .refine((b) => b.thresholds || b.bonusBps || b.allowance || b.dormantDays, 'nothing to change'),
        response: { 200: settingsView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const b = req.body;
      if (b.thresholds) await putSetting(ctx.db, GRADE_THRESHOLDS.key, b.thresholds, user.id);
      if (b.bonusBps) await putSetting(ctx.db, GRADE_BONUS_BPS.key, b.bonusBps, user.id);
      if (b.allowance) await putSetting(ctx.db, COUPON_ALLOWANCE.key, b.allowance, user.id);
      if (b.dormantDays) await putSetting(ctx.db, LEADER_DORMANT_DAYS.key, b.dormantDays, user.id);
      return gradeSettings(ctx.db);
    },
  );

  app.get(
    '/leader/grade',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: 'My grade and what the next one needs',
        response: {
          200: z.object({
            month: z.string(),
            grade,
            gradedMonth: z.string().nullable(),
            bonusBps: GRADE_BONUS_BPS.schema,
            thresholds: GRADE_THRESHOLDS.schema,
            next: z.object({ grade, checks: z.array(check) }).nullable(),
            keep: z.array(check).nullable(),
            history: z.array(z.object({ month: z.string(), grade, bonusFen: z.number() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => leaderGrade(ctx.db, await me(req)),
  );

  app.get(
    '/leader/leaderboard',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: 'This month’s ranking in my region',
        description: 'Active leaders of my region by GMV this month so far; other leaders’ names partly masked.',
        response: {
          200: z.object({
            month: z.string(),
            leaders: z.number(),
            myRank: z.number().nullable(),
            items: z.array(
              z.object({
                rank: z.number(),
                name: z.string(),
                pickupPointName: z.string(),
                gmvFen: z.number(),
                me: z.boolean(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => leaderboard(ctx.db, await me(req)),
  );

  app.get(
    '/leader/customers',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: 'My customers',
        description:
          'Customers who chose my point: last order, orders in the last 90 days, dormant (no paid order for the set days, 30 by default), phones masked; my coupon allowance and recall rate.',
        querystring: z.object({ dormant: z.enum(['true', 'false']).optional() }),
        response: {
          200: z.object({
            dormantDays: z.number(),
            items: z.array(
              z.object({
                userId: z.string(),
                name: z.string(),
                phone: z.string().describe('masked, 138****1234'),
                lastOrderAt: z.string().nullable(),
                ordersLast90Days: z.number(),
                dormant: z.boolean(),
                lastContactAt: z.string().nullable(),
              }),
            ),
            allowance: z.object({
              month: z.string(),
              perMonth: z.number(),
              used: z.number(),
              templateId: z.string().nullable(),
              templateName: z.string().nullable(),
            }),
            recall: z.object({
              windowDays: z.number(),
              periodDays: z.number(),
              contacted: z.number(),
              recalled: z.number(),
              rate: z.number().nullable(),
            }),
          }),
          ...errors,
        },
      },
    },
    async (req) => leaderCustomers(ctx.db, await me(req), { dormantOnly: req.query.dormant === 'true' }),
  );

  app.post(
    '/leader/customers/:id/coupon',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: 'Send a customer an allowance coupon',
        description:
          'One coupon of the allowance template to a customer of my point; 409 LIMIT_EXCEEDED when the month’s allowance is used, also for simultaneous sends.',
        params: idParams,
        response: {
          201: z.object({ couponId: z.string(), used: z.number(), perMonth: z.number() }),
          ...errors,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await sendAllowanceCoupon(ctx.db, await me(req), req.params.id)),
  );

  app.post(
    '/leader/customers/:id/message',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: 'Send a customer an in-app message',
        description: 'At most one a customer and day and 30 a day in all (429 beyond).',
        params: idParams,
        body: z.object({ text: z.string().trim().min(1).max(MESSAGE_MAX_CHARS) }),
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sendLeaderMessage(ctx.db, await me(req), req.params.id, req.body.text)),
  );
}
