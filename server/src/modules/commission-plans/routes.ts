import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { STAFF } from '../../lib/access.js';
import { regionScope } from '../../lib/region-scope.js';
import { bps, errors, id, idParams } from '../../lib/schemas.js';
import { leaderOf } from '../leaders/service.js';
import { assignPlan, createPlan, leaderPlan, listPlans, setDealRate, updatePlan } from './service.js';

const tags = ['commission-plans'];
const categoryCode = z.string().trim().min(1).max(40);
const planBody = z.object({
  name: z.string().trim().min(1).max(40),
  defaultBps: bps,
  categoryBps: z
    .record(categoryCode, bps)
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 categories')
    .default({}),
});
const planView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().describe('the rates in force for orders placed from validFrom on'),
  defaultBps: z.number().int(),
  categoryBps: z.record(z.string(), z.number().int()),
  validFrom: z.string(),
  leaders: z.number().int().describe('active leaders on this plan now'),
});

export function commissionPlanRoutes(app: App, ctx: AppContext) {
  app.get(
    '/admin/commission-plans',
    {
      config: { roles: STAFF.plansRead, regions: 'shared' },
      schema: {
        tags,
        description:
          'Commission plans with their current rates (default and per product category) and leaders on them.',
        response: { 200: z.array(planView), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return listPlans(ctx.db);
    },
  );

  app.post(
    '/admin/commission-plans',
    {
      config: { roles: STAFF.network, regions: 'all' },
      schema: {
        tags,
        description:
          'A new plan: a default rate and rates per product category (basis points); 409 when the name is taken.',
        body: planBody,
        response: { 201: planView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await createPlan(ctx.db, user.id, req.body));
    },
  );

  app.put(
    '/admin/commission-plans/:id',
    {
      config: { roles: STAFF.network, regions: 'all' },
      schema: {
        tags,
        description:
          'New rates for orders placed from now on (a new version); commission on orders placed before keeps the rates they were placed under.',
        params: idParams,
        body: planBody,
        response: { 200: planView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return updatePlan(ctx.db, user.id, req.params.id, req.body);
    },
  );

  app.put(
    '/admin/leaders/:id/commission-plan',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description: 'Put a leader on a plan (planId null: back to their flat rate) for orders placed from now on.',
        params: idParams,
        body: z.object({ planId: id.nullable() }),
        response: { 200: z.object({ leaderId: z.string(), planId: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return assignPlan(ctx.db, req.params.id, req.body.planId, regionScope(user));
    },
  );

  app.put(
    '/admin/campaign-items/:id/commission',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description:
          "A deal's own commission rate for leaders on a plan (null: the plan's category rate again), for orders placed from now on.",
        params: idParams,
        body: z.object({ commissionBps: bps.nullable() }),
        response: {
          200: z.object({ campaignItemId: z.string(), commissionBps: z.number().int().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return setDealRate(ctx.db, req.params.id, req.body.commissionBps, regionScope(user));
    },
  );

  app.get(
    '/leader/commission-plan',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'My commission rate per product category for orders placed now (my flat rate everywhere without a plan).',
        response: {
          200: z.object({
            planId: z.string().nullable(),
            planName: z.string().nullable(),
            flatBps: z.number().int(),
            defaultBps: z.number().int(),
            categories: z.array(
              z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), bps: z.number().int() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => leaderPlan(ctx.db, await leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id)),
  );
}
