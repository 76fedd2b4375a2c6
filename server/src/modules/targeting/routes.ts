import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import {
  createTargetedCampaign,
  launchTargetedCampaign,
  listTargetedCampaigns,
  targetedCampaign,
  targetedResult,
} from './service.js';
import { targetedWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  segmentId: z.string(),
  segmentName: z.string(),
  regionId: z.string().nullable(),
  templateId: z.string(),
  templateName: z.string(),
  message: z.string(),
  controlBps: z.number().int(),
  windowDays: z.number().int(),
  status: z.enum(['draft', 'launched']),
  launchedAt: z.string().nullable(),
  windowEndsAt: z.string().nullable(),
  windowOver: z.boolean(),
  treated: z.number().int(),
  control: z.number().int(),
  createdAt: z.string(),
});
const group = z.object({
  customers: z.number().int(),
  recalled: z.number().int(),
  recallRate: z.number().nullable(),
  orders: z.number().int(),
  gmvFen: z.number().int(),
  gmvPerCustomerFen: z.number().nullable(),
});
const ci = z.tuple([z.number(), z.number()]).nullable();
const result = z.object({
  campaign: campaignView,
  treated: group,
  control: group,
  recallLift: z.object({ difference: z.number().nullable(), ci, pValue: z.number().nullable() }),
  gmvPerCustomerDiff: z.object({
    difference: z.number().nullable(),
    ci,
    pValue: z.number().nullable(),
    df: z.number().nullable(),
  }),
  coupons: z.object({ granted: z.number().int(), used: z.number().int(), discountFen: z.number().int() }),
});

/** Targeted campaigns (定向发券, decision 051): a coupon and a message to a saved segment, measured against a held-out control. */
export function targetingRoutes(app: App, ctx: AppContext) {
  const tags = ['targeting'];

  app.get(
    '/admin/targeted-campaigns',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: "The targeted campaigns of the caller's regions, newest first (200 at most).",
        response: { 200: z.object({ items: z.array(campaignView) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return { items: await listTargetedCampaigns(ctx.db, regionScope(user)) };
    },
  );

  app.post(
    '/admin/targeted-campaigns',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'A draft targeted campaign on a saved segment: the coupon template to grant, the message, the held-out share ' +
          '(controlBps, default 1000 = 10 %) and the observation window (days, default 14). Nothing is granted until launch.',
        body: z.object({
          name: z.string().trim().min(1).max(60),
          segmentId: id,
          templateId: id,
          message: z.string().trim().min(1).max(200),
          controlBps: z.number().int().min(100).max(5000).default(1000),
          windowDays: z.number().int().min(1).max(90).default(14),
        }),
        response: { 201: campaignView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const view = await createTargetedCampaign(ctx.db, regionScope(user), req.body, user.id);
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/admin/targeted-campaigns/:id',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'One targeted campaign.',
        params: idParams,
        response: { 200: campaignView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return targetedCampaign(ctx.db, regionScope(user), req.params.id);
    },
  );

  app.post(
    '/admin/targeted-campaigns/:id/launch',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Launches a draft once: freezes the segment’s customers with their control flag, grants the coupon and queues ' +
          'the message to the treated only, in one transaction. A repeated or concurrent launch answers the campaign as launched.',
        params: idParams,
        response: { 200: campaignView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return launchTargetedCampaign(ctx.db, regionScope(user), req.params.id);
    },
  );

  app.get(
    '/admin/targeted-campaigns/:id/result',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Treated and control over the window after launch: customers, recalled (paid an order), recall rate, orders, GMV ' +
          '(paid, net of refunds) and per customer; the recall lift with its 95 % CI and p-value (two-proportion z-test), ' +
          'the GMV per customer difference (Welch), the coupons used and their discount.',
        params: idParams,
        response: { 200: result, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return targetedResult(ctx.db, regionScope(user), req.params.id);
    },
  );

  app.get(
    '/admin/targeted-campaigns/:id/result/export.xlsx',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'The result page as an .xlsx workbook. Headers in `lang`.',
        params: idParams,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const r = await targetedResult(ctx.db, regionScope(user), req.params.id);
      const body = await targetedWorkbook(r, req.query.lang);
      const name = req.query.lang === 'en' ? 'targeted-campaign.xlsx' : '定向发券效果.xlsx';
      return sendXlsx(reply, body, name, 'targeted-campaign.xlsx');
    },
  );
}
