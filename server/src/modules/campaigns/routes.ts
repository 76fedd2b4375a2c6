import { z } from 'zod';
import type { App, AppContext } from '../../app.js';
import { errors, fen, id, idParams, isoDate, isoDateTime } from '../../lib/schemas.js';
import { activeCampaigns, createCampaign, getCampaign, listCampaigns } from './service.js';

const tier = z.object({ minBuyers: z.number().int().min(2).max(1_000_000), priceFen: fen });
const itemInput = z.object({
  productId: id, priceFen: fen, memberPriceFen: fen.optional(),
  quota: z.number().int().min(0).max(10_000_000).optional(), perCustomerLimit: z.number().int().min(1).max(10_000).optional(),
  saleStartsAt: isoDateTime.optional(),
  groupTiers: z.array(tier).min(1).max(20).optional(),
});
const deal = z.object({
  id: z.string(), productId: z.string(), name: z.string(), unit: z.string(), category: z.string(), priceFen: z.number(),
  memberPriceFen: z.number().optional(), listPriceFen: z.number(), quota: z.number().optional(), remaining: z.number().optional(),
  sold: z.number(), perCustomerLimit: z.number().optional(), saleStartsAt: z.string().optional(),
  groupTiers: z.array(tier).optional(), currentTier: tier.nullable().optional(), buyers: z.number().optional(),
  nextTier: tier.extend({ buyersNeeded: z.number() }).nullable().optional(),
});
const campaign = z.object({
  id: z.string(), title: z.string(), startsAt: z.string(), cutoffAt: z.string(), pickupDate: z.string(), status: z.string(), items: z.array(deal),
});

export function campaignRoutes(app: App, ctx: AppContext) {
  const tags = ['campaigns'];

  app.post('/admin/campaigns', {
    schema: {
      tags,
      body: z.object({
        title: z.string().trim().min(1).max(100), startsAt: isoDateTime, cutoffAt: isoDateTime, pickupDate: isoDate,
        items: z.array(itemInput).min(1).max(500),
      }),
      response: { 201: z.object({ id: z.string(), items: z.array(itemInput.extend({ id: z.string() })) }), ...errors },
    },
  }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createCampaign(ctx.db, req.body));
  });

  app.get('/admin/campaigns', { schema: { tags, response: { 200: z.array(campaign), ...errors } } }, async (req) => {
    await ctx.auth.require(req, 'admin', 'warehouse');
    return listCampaigns(ctx.db);
  });

  app.get('/admin/campaigns/:id', { schema: { tags, params: idParams, response: { 200: campaign, ...errors } } }, async (req) => {
    await ctx.auth.require(req, 'admin', 'warehouse');
    return getCampaign(ctx.db, req.params.id);
  });

  // Public: anyone may browse today's deals.
  app.get('/campaigns/active', { schema: { tags, security: [], response: { 200: z.array(campaign) } } }, async () => activeCampaigns(ctx.db));
}
