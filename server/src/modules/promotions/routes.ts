import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { bps, created, errors, fen, id, idParams, isoDateTime } from '../../lib/schemas.js';
import {
  claimableCoupons,
  claimCoupon,
  createCouponTemplate,
  createFullReduction,
  grantCoupons,
  myCoupons,
  setCouponTemplateStatus,
  setFullReductionStatus,
} from './service.js';
import { couponTemplateReports, fullReductionReports } from './reports.js';
import { updateCouponTemplate, updateFullReduction } from './edit.js';
import { STAFF } from '../../lib/access.js';

const coupon = z.object({
  id: z.string(),
  templateId: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(['available', 'used', 'expired']),
  thresholdFen: z.number(),
  discountFen: z.number().nullable(),
  percentOffBps: z.number().nullable(),
  maxDiscountFen: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  stackableWithFullReduction: z.boolean(),
  orderId: z.string().nullable(),
});

const claimable = z.object({
  templateId: z.string(),
  name: z.string(),
  kind: z.string(),
  thresholdFen: z.number(),
  discountFen: z.number().nullable(),
  percentOffBps: z.number().nullable(),
  maxDiscountFen: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  stackableWithFullReduction: z.boolean(),
  perCustomerLimit: z.number(),
  totalLimit: z.number().nullable(),
  remaining: z.number().nullable().describe('coupons left to claim; null without a totalLimit'),
  claimedByMe: z.number().describe('coupons of this template the caller has received (claims and grants)'),
});
const usage = {
  orders: z.number().describe('paid orders (any status after payment) that applied it'),
  discountGivenFen: z.number(),
  gmvFen: z.number().describe('total paid by those orders'),
  refundedFen: z.number(),
};
const templateReport = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(['active', 'paused']),
  claimable: z.boolean(),
  thresholdFen: z.number(),
  discountFen: z.number().nullable(),
  percentOffBps: z.number().nullable(),
  maxDiscountFen: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  perCustomerLimit: z.number(),
  totalLimit: z.number().nullable(),
  stackableWithFullReduction: z.boolean(),
  createdAt: z.string(),
  issued: z.number(),
  available: z.number(),
  used: z.number(),
  expired: z.number(),
  ...usage,
});
const fullReductionReport = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'paused']),
  startsAt: z.string(),
  endsAt: z.string(),
  tiers: z.array(z.object({ thresholdFen: z.number(), discountFen: z.number() })),
  categories: z.array(z.string()).nullable(),
  running: z.boolean().describe('active and inside its window right now'),
  createdAt: z.string(),
  ...usage,
  aov: z
    .object({
      windowOrders: z.number(),
      windowAovFen: z.number().nullable(),
      baselineOrders: z.number(),
      baselineAovFen: z.number().nullable(),
      uplift: z.number().nullable(),
    })
    .nullable()
    .describe(
      'goods value per paid order in the window so far against the same hours of the 4 weeks before; null for a window not begun or longer than 7 days',
    ),
});
const statusQuery = z.object({ status: z.enum(['active', 'paused']).optional() });
const statusAnswer = z.object({ id: z.string(), status: z.enum(['active', 'paused']) });

/** A patch must change something: an empty body is a client mistake (400), not a silent no-op. */
const nonEmpty = (o: object) => Object.values(o).some((v) => v !== undefined);
const fullReductionPatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    startsAt: isoDateTime.optional(),
    endsAt: isoDateTime.optional(),
    tiers: z
      .array(z.object({ thresholdFen: fen.min(1), discountFen: fen.min(1) }))
      .min(1)
      .max(10)
      .optional(),
    categories: z.array(z.string().max(40)).max(50).nullable().optional().describe('null or empty: the whole order'),
  })
  .refine(nonEmpty, 'nothing to change');
const couponTemplatePatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    validFrom: isoDateTime.optional(),
    validTo: isoDateTime.optional(),
    perCustomerLimit: z.number().int().min(1).max(1000).optional(),
    totalLimit: z.number().int().min(1).max(100_000_000).nullable().optional(),
    stackableWithFullReduction: z.boolean().optional(),
    claimable: z.boolean().optional(),
  })
  .refine(nonEmpty, 'nothing to change');

export function promotionRoutes(app: App, ctx: AppContext) {
  const tags = ['promotions'];

  app.post(
    '/admin/promotions/full-reduction',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          startsAt: isoDateTime,
          endsAt: isoDateTime,
          tiers: z
            .array(z.object({ thresholdFen: fen.min(1), discountFen: fen.min(1) }))
            .min(1)
            .max(10),
          categories: z.array(z.string().max(40)).max(50).optional(),
        }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      return reply.status(201).send(await createFullReduction(ctx.db, req.body));
    },
  );

  app.post(
    '/admin/coupon-templates',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          kind: z.enum(['amount', 'percent']),
          thresholdFen: fen,
          discountFen: fen.min(1).optional(),
          percentOffBps: bps.min(1).optional(),
          maxDiscountFen: fen.min(1).optional(),
          validFrom: isoDateTime,
          validTo: isoDateTime,
          perCustomerLimit: z.number().int().min(1).max(1000),
          totalLimit: z.number().int().min(1).max(100_000_000).optional(),
          stackableWithFullReduction: z.boolean(),
          claimable: z
            .boolean()
            .optional()
            .describe('customers may claim it in the claim centre (default false: grants only)'),
        }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      return reply.status(201).send(await createCouponTemplate(ctx.db, req.body));
    },
  );

  app.post(
    '/admin/coupon-templates/:id/grant',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        params: idParams,
        body: z.object({ userIds: z.array(id).min(1).max(10_000) }),
        response: { 200: z.object({ granted: z.number() }), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      const { granted } = await grantCoupons(ctx.db, req.params.id, req.body.userIds);
      return { granted };
    },
  );

  app.get('/me/coupons', { schema: { tags, response: { 200: z.array(coupon), ...errors } } }, async (req) => {
    const user = await ctx.auth.require(req);
    return myCoupons(ctx.db, user.id);
  });

  app.get(
    '/coupons/claimable',
    {
      schema: {
        tags,
        description: 'The claim centre: coupons the caller may claim now, with how many they already hold',
        response: { 200: z.array(claimable), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return claimableCoupons(ctx.db, user.id);
    },
  );

  app.post(
    '/coupons/claim',
    {
      schema: {
        tags,
        description:
          '409 COUPON_UNAVAILABLE past totalLimit or perCustomerLimit, or for a paused, unclaimable or expired template',
        body: z.object({ templateId: id }),
        response: { 201: coupon, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await claimCoupon(ctx.db, user.id, req.body.templateId));
    },
  );

  app.get(
    '/admin/coupon-templates',
    {
      config: { roles: STAFF.marketing, regions: 'shared' },
      schema: {
        tags,
        description: 'Coupon templates with their usage',
        querystring: statusQuery,
        response: { 200: z.array(templateReport), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return couponTemplateReports(ctx.db, req.query);
    },
  );

  app.get(
    '/admin/promotions/full-reduction',
    {
      config: { roles: STAFF.marketing, regions: 'shared' },
      schema: {
        tags,
        description: 'Full-reduction promotions with their usage',
        querystring: statusQuery,
        response: { 200: z.array(fullReductionReport), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return fullReductionReports(ctx.db, req.query);
    },
  );

  app.patch(
    '/admin/promotions/full-reduction/:id',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        description:
          'Edit name, window, tiers or category scope; applies to later orders (placed orders keep their discount)',
        params: idParams,
        body: fullReductionPatch,
        response: { 200: created, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return updateFullReduction(ctx.db, req.params.id, req.body);
    },
  );

  app.patch(
    '/admin/coupon-templates/:id',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        description:
          'Edit name, limits, stacking, claimability and validity. Discount terms are fixed. Once coupons are issued, validFrom is fixed and validTo may only move later (409); totalLimit never below issued (409).',
        params: idParams,
        body: couponTemplatePatch,
        response: { 200: created, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return updateCouponTemplate(ctx.db, req.params.id, req.body);
    },
  );

  for (const [action, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const) {
    app.post(
      `/admin/coupon-templates/:id/${action}`,
      {
        config: { roles: STAFF.marketing, regions: 'all' },
        schema: { tags, params: idParams, response: { 200: statusAnswer, ...errors } },
      },
      async (req) => {
        await ctx.auth.require(req);
        return setCouponTemplateStatus(ctx.db, req.params.id, status);
      },
    );
    app.post(
      `/admin/promotions/full-reduction/:id/${action}`,
      {
        config: { roles: STAFF.marketing, regions: 'all' },
        schema: { tags, params: idParams, response: { 200: statusAnswer, ...errors } },
      },
      async (req) => {
        await ctx.auth.require(req);
        return setFullReductionStatus(ctx.db, req.params.id, status);
      },
    );
  }
}
