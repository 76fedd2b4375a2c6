import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { experimentReport } from './report.js';
import { EXPERIMENT_KINDS, EXPERIMENT_STATUSES, EXPERIMENT_UNITS } from './schema.js';
import {
  createExperiment,
  dealVariants,
  getExperiment,
  listExperiments,
  startExperiment,
  stopExperiment,
  updateExperiment,
} from './service.js';
import { experimentWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const arm = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9_]{1,20}$/)
    .describe('stable key: `control` for the first arm, then e.g. `a`, `b`'),
  name: z.string().trim().min(1).max(40),
  weight: z.number().int().min(1).max(1000),
  priceFen: z.number().int().min(1).max(100_000_000).nullable().optional(),
  couponFen: z.number().int().min(1).max(100_000_000).nullable().optional(),
  title: z.string().trim().min(1).max(60).nullable().optional(),
});
const input = z.object({
  name: z.string().trim().min(1).max(60),
  campaignItemId: id,
  unit: z.enum(EXPERIMENT_UNITS),
  kind: z.enum(EXPERIMENT_KINDS),
  arms: z.array(arm).min(2).max(5),
  minPerArm: z.number().int().min(2).max(1_000_000).optional(),
});
const view = input.extend({
  id: z.string(),
  regionId: z.string(),
  minPerArm: z.number().int(),
  status: z.enum(EXPERIMENT_STATUSES),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  createdAt: z.string(),
  deal: z.object({
    productName: z.string(),
    priceFen: z.number().int(),
    campaignId: z.string(),
    campaignTitle: z.string(),
    pickupDate: z.string(),
  }),
});
const comparison = z.object({
  difference: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  pValue: z.number().nullable(),
  significant: z.boolean(),
});
const report = z.object({
  experiment: view,
  alpha: z.number(),
  verdict: z.object({
    status: z.enum(['insufficient_sample', 'winner', 'control_better', 'no_difference']),
    winner: z.string().nullable(),
  }),
  underMinimum: z.array(z.string()),
  arms: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      priceFen: z.number().int(),
      title: z.string().nullable(),
      exposed: z.number().int(),
      converted: z.number().int(),
      conversionRate: z.number().nullable(),
      orders: z.number().int(),
      gmvFen: z.number().int(),
      refundFen: z.number().int(),
      gmvPerExposedFen: z.number().nullable(),
      vsControl: z
        .object({ conversion: comparison, gmvPerExposed: comparison.extend({ df: z.number().nullable() }) })
        .nullable(),
    }),
  ),
});
const variant = z.object({
  campaignItemId: z.string(),
  experimentId: z.string(),
  arm: z.string(),
  priceFen: z.number().int(),
  couponFen: z.number().int().nullable(),
  title: z.string().nullable(),
});

export function experimentRoutes(app: App, ctx: AppContext) {
  const tags = ['experiments'];

  app.get(
    '/admin/experiments',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'A/B experiments on deals, newest first.',
        response: { 200: z.array(view), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listExperiments(ctx.db, regionScope(user));
    },
  );

  app.post(
    '/admin/experiments',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Defines a draft experiment on a deal (not a flash or group-tier deal): its unit (customer or pickup point), ' +
          'its kind (price, coupon: an instant coupon off each unit, or title) and 2–5 weighted arms, the first the ' +
          'control (the deal as it is). `minPerArm` (default 500): no winner is called below it.',
        body: input,
        response: { 201: view, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const created = await createExperiment(ctx.db, req.body, regionScope(user));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/admin/experiments/:id',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: { tags, params: idParams, response: { 200: view, ...errors } },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return getExperiment(ctx.db, req.params.id, regionScope(user));
    },
  );

  app.put(
    '/admin/experiments/:id',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'Changes a draft (409 INVALID_STATE once started).',
        params: idParams,
        body: input,
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return updateExperiment(ctx.db, req.params.id, req.body, regionScope(user));
    },
  );

  app.post(
    '/admin/experiments/:id/start',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'draft → running: checkout charges each unit its arm. 409 CONFLICT if another runs on the deal.',
        params: idParams,
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const r = await startExperiment(ctx.db, req.params.id, regionScope(user));
      ctx.runningExperiments.drop();
      return r;
    },
  );

  app.post(
    '/admin/experiments/:id/stop',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'running → stopped: the deal sells as it is again; placed orders keep their price.',
        params: idParams,
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const r = await stopExperiment(ctx.db, req.params.id, regionScope(user));
      ctx.runningExperiments.drop();
      return r;
    },
  );

  app.get(
    '/admin/experiments/:id/report',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Per arm: exposed units, converted units (a paid order of the deal while it ran), orders, GMV, refunds; each ' +
          "variant against the control: conversion difference (two-proportion z-test) and GMV per exposed unit (Welch's " +
          't-test), each with its 95 % interval and p-value. No winner while an arm is under the minimum sample.',
        params: idParams,
        response: { 200: report, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return experimentReport(ctx.db, req.params.id, regionScope(user));
    },
  );

  app.get(
    '/admin/experiments/:id/report.xlsx',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'The report as an .xlsx workbook; headers in `lang`.',
        params: idParams,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const r = await experimentReport(ctx.db, req.params.id, regionScope(user));
      const body = await experimentWorkbook(r, req.query.lang);
      const name = req.query.lang === 'en' ? 'experiment.xlsx' : '实验报告.xlsx';
      return sendXlsx(reply, body, name, 'experiment.xlsx');
    },
  );

  app.get(
    '/me/deal-variants',
    {
      schema: {
        tags,
        description:
          "The caller's arms of the experiments running on deals of the pickup point's region: the price, instant coupon " +
          'or title the shop shows instead of the deal list’s (the list itself is the same for everyone). Checkout charges ' +
          'the same arm, computed on the server; showing one records the unit’s first exposure.',
        querystring: z.object({ pickupPointId: id }),
        response: { 200: z.array(variant), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const place = await ctx.dealList.placeOfPoint(req.query.pickupPointId);
      if (!place) throw notFound('Pickup point');
      return dealVariants(ctx.runningExperiments, ctx.exposures, {
        userId: user.id,
        pickupPointId: place.id,
        regionId: place.regionId,
      });
    },
  );
}
