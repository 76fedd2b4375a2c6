import { z } from 'zod';
import type { App, AppContext } from '../../app.js';
import { bps, created, errors, fen, id, idParams, isoDateTime } from '../../lib/schemas.js';
import { createCouponTemplate, createFullReduction, grantCoupons, myCoupons } from './service.js';

const coupon = z.object({
  id: z.string(), templateId: z.string(), name: z.string(), kind: z.string(), status: z.enum(['available', 'used', 'expired']),
  thresholdFen: z.number(), discountFen: z.number().nullable(), percentOffBps: z.number().nullable(), maxDiscountFen: z.number().nullable(),
  validFrom: z.string(), validTo: z.string(), stackableWithFullReduction: z.boolean(), orderId: z.string().nullable(),
});

export function promotionRoutes(app: App, ctx: AppContext) {
  const tags = ['promotions'];

  app.post('/admin/promotions/full-reduction', {
    schema: {
      tags,
      body: z.object({
        name: z.string().trim().min(1).max(100), startsAt: isoDateTime, endsAt: isoDateTime,
        tiers: z.array(z.object({ thresholdFen: fen.min(1), discountFen: fen.min(1) })).min(1).max(10),
        categories: z.array(z.string().max(40)).max(50).optional(),
      }),
      response: { 201: created, ...errors },
    },
  }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createFullReduction(ctx.db, req.body));
  });

  app.post('/admin/coupon-templates', {
    schema: {
      tags,
      body: z.object({
        name: z.string().trim().min(1).max(100), kind: z.enum(['amount', 'percent']), thresholdFen: fen,
        discountFen: fen.min(1).optional(), percentOffBps: bps.min(1).optional(), maxDiscountFen: fen.min(1).optional(),
        validFrom: isoDateTime, validTo: isoDateTime, perCustomerLimit: z.number().int().min(1).max(1000),
        totalLimit: z.number().int().min(1).optional(), stackableWithFullReduction: z.boolean(),
      }),
      response: { 201: created, ...errors },
    },
  }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createCouponTemplate(ctx.db, req.body));
  });

  app.post('/admin/coupon-templates/:id/grant', {
    schema: { tags, params: idParams, body: z.object({ userIds: z.array(id).min(1).max(10_000) }), response: { 200: z.object({ granted: z.number() }), ...errors } },
  }, async (req) => {
    await ctx.auth.require(req, 'admin');
    return grantCoupons(ctx.db, req.params.id, req.body.userIds);
  });

  app.get('/me/coupons', { schema: { tags, response: { 200: z.array(coupon), ...errors } } }, async (req) => {
    const user = await ctx.auth.require(req);
    return myCoupons(ctx.db, user.id);
  });
}
