import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { covers, regionForbidden, regionScope, requireCampaignInScope } from '../../lib/region-scope.js';
import { DEFAULT_REGION_ID } from '../network/service.js';
import type { App, AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import { errors, fen, id, idParams, isoDate, isoDateTime } from '../../lib/schemas.js';
import { CAMPAIGN_KEYSET, createCampaign, dealPage, getCampaign, listCampaigns } from './service.js';
import { imageView, productPageView } from '../catalog/routes.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import type { PointPlace } from './deal-list.js';
import { copyToTomorrow } from './copy.js';
import { unsuppliedDeals } from './supply.js';
import { addCampaignItem, removeCampaignItem, updateCampaign, updateCampaignItem } from './edit.js';
import { STAFF } from '../../lib/access.js';

const tier = z.object({ minBuyers: z.number().int().min(2).max(1_000_000), priceFen: fen });
const itemInput = z.object({
  productId: id,
  priceFen: fen,
  memberPriceFen: fen.optional(),
  quota: z.number().int().min(0).max(10_000_000).optional(),
  perCustomerLimit: z.number().int().min(1).max(10_000).optional(),
  saleStartsAt: isoDateTime.optional(),
  groupTiers: z.array(tier).min(1).max(20).optional(),
});
const deal = z.object({
  id: z.string(),
  productId: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string(),
  priceFen: z.number(),
  memberPriceFen: z.number().optional(),
  listPriceFen: z.number(),
  quota: z.number().optional(),
  remaining: z.number().optional(),
  sold: z.number(),
  perCustomerLimit: z.number().optional(),
  saleStartsAt: z.string().optional(),
  groupTiers: z.array(tier).optional(),
  currentTier: tier.nullable().optional(),
  buyers: z.number().optional(),
  nextTier: tier.extend({ buyersNeeded: z.number() }).nullable().optional(),
  /** the product's cover picture (its first) */
  image: imageView.optional(),
});
const campaign = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  cutoffAt: z.string(),
  pickupDate: z.string(),
  status: z.string(),
  /** the region it sells in */
  regionId: z.string().optional(),
  /** the local hours (HH:MM, the region's clock) when customers collect on the pickup date */
  pickupFrom: z.string().optional(),
  pickupUntil: z.string().optional(),
  /** the routes and points it is offered at (both empty: its whole region) */
  routeIds: z.array(z.string()).optional(),
  pickupPointIds: z.array(z.string()).optional(),
  items: z.array(deal),
});
const unsuppliedDeal = z.object({
  itemId: z.string(),
  productId: z.string(),
  name: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  reason: z.enum(['supplier_suspended', 'supplier_unqualified']),
  missingDocuments: z.array(z.string()),
});
/** the console's campaign: with the deals that have no usable supplier today (the cutoff would raise no purchase order) */
const consoleCampaign = campaign.extend({
  unsuppliedDeals: z
    .array(unsuppliedDeal)
    .describe('deals whose supplier is suspended or unqualified and that have no usable backup supplier'),
});
const targetIds = z.array(id).max(500);

/** A patch must change something: an empty body is a client mistake (400), not a silent no-op. */
const nonEmpty = (o: object) => Object.values(o).some((v) => v !== undefined);
const campaignPatch = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    startsAt: isoDateTime.optional(),
    cutoffAt: isoDateTime.nullable().optional(),
    pickupDate: isoDate.optional(),
    routeIds: targetIds.optional(),
    pickupPointIds: targetIds.optional(),
  })
  .refine(nonEmpty, 'nothing to change');
const itemPatch = z
  .object({
    priceFen: fen.optional(),
    memberPriceFen: fen.nullable().optional(),
    quota: z.number().int().min(0).max(10_000_000).nullable().optional(),
    perCustomerLimit: z.number().int().min(1).max(10_000).nullable().optional(),
    saleStartsAt: isoDateTime.nullable().optional(),
    groupTiers: z.array(tier).max(20).nullable().optional(),
  })
  .refine(nonEmpty, 'nothing to change');
const itemParams = z.object({ id: id, itemId: id });
const editRules =
  'Until the cutoff (then 409 INVALID_STATE). A deal not yet on sale and unsold: any field; on sale: only quota (not below sold).';

export function campaignRoutes(app: App, ctx: AppContext) {
  const tags = ['campaigns'];
  // a campaign stays in its region: its edits check the region first (404 for another region's)
  const campaignInScope = async (req: FastifyRequest, campaignId: string) => {
    const user = await ctx.auth.require(req);
    await requireCampaignInScope(ctx.db, regionScope(user), campaignId);
  };

  app.post(
    '/admin/campaigns',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Without cutoffAt the campaign closes at its region's cutoff time on the day before pickupDate, on the region's clock. " +
          'routeIds / pickupPointIds: offered only on those routes and at those points of its region (400 VALIDATION_FAILED naming the field for one elsewhere); neither: the whole region.',
        body: z.object({
          title: z.string().trim().min(1).max(100),
          startsAt: isoDateTime,
          cutoffAt: isoDateTime.optional(),
          pickupDate: isoDate,
          regionId: id.optional(),
          routeIds: targetIds.optional(),
          pickupPointIds: targetIds.optional(),
          items: z.array(itemInput).min(1).max(500),
        }),
        response: {
          201: z.object({
            id: z.string(),
            cutoffAt: z.string().optional(),
            items: z.array(itemInput.extend({ id: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      if (!covers(regionScope(user), req.body.regionId ?? DEFAULT_REGION_ID)) throw regionForbidden('regionId');
      return reply.status(201).send(await createCampaign(ctx.db, req.body));
    },
  );

  app.get(
    '/admin/campaigns',
    {
      config: { roles: STAFF.campaignsRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Campaigns, latest cutoff first, a page at a time (20 unless `limit` says, each with all its deals; the next page: the ' +
          'X-Next-Cursor header).',
        querystring: pageQuery,
        response: { 200: z.array(consoleCampaign), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(CAMPAIGN_KEYSET, req.query, 20);
      const found = await listCampaigns(ctx.db, page, regionScope(user));
      const open = found.items.filter((c) => c.status === 'open').map((c) => c.id);
      const unsupplied = await unsuppliedDeals(ctx.db, open);
      return sendPage(reply, {
        ...found,
        items: found.items.map((c) => ({ ...c, unsuppliedDeals: unsupplied.get(c.id) ?? [] })),
      });
    },
  );

  app.get(
    '/admin/campaigns/:id',
    {
      config: { roles: STAFF.campaignsRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          'A campaign with its deals, and (while open) unsuppliedDeals: the deals no usable supplier can be given a purchase order for today.',
        params: idParams,
        response: { 200: consoleCampaign, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const found = await getCampaign(ctx.db, req.params.id, regionScope(user));
      const unsupplied = found.status === 'open' ? await unsuppliedDeals(ctx.db, [found.id]) : new Map();
      return { ...found, unsuppliedDeals: unsupplied.get(found.id) ?? [] };
    },
  );

  app.patch(
    '/admin/campaigns/:id',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Edit title, times, pickup date and targets until the cutoff; startsAt only before selling starts. 409 INVALID_STATE after the cutoff. ' +
          "cutoffAt null: the region's cutoff time on the day before the (new) pickup date. routeIds / pickupPointIds replace that kind of target (both empty: the whole region).",
        params: idParams,
        body: campaignPatch,
        response: { 200: campaign, ...errors },
      },
    },
    async (req) => {
      await campaignInScope(req, req.params.id);
      return updateCampaign(ctx.db, req.params.id, req.body);
    },
  );

  app.post(
    '/admin/campaigns/:id/copy-to-tomorrow',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Copy the campaign to the region's tomorrow in one action: same title, deals (prices, member prices, quotas, limits, " +
          "group tiers) and targets; selling from 00:00 tomorrow, cut off at the region's cutoff time tomorrow, picked up the " +
          "day after, on the region's clock. A flash deal opens the same number of days later (dropped when outside the new " +
          'selling window). 409 CONFLICT (details.campaignId: the existing copy) when it already has a copy for that day.',
        params: idParams,
        response: { 201: campaign, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const scope = regionScope(user);
      await requireCampaignInScope(ctx.db, scope, req.params.id);
      const made = await copyToTomorrow(ctx.db, req.params.id);
      return reply.status(201).send(await getCampaign(ctx.db, made.id, scope));
    },
  );

  app.post(
    '/admin/campaigns/:id/items',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Add a deal until the cutoff; 409 CONFLICT when the product is already in the campaign. Answers the campaign.',
        params: idParams,
        body: itemInput,
        response: { 201: campaign, ...errors },
      },
    },
    async (req, reply) => {
      await campaignInScope(req, req.params.id);
      return reply.status(201).send(await addCampaignItem(ctx.db, req.params.id, req.body));
    },
  );

  app.patch(
    '/admin/campaigns/:id/items/:itemId',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        description: `Edit a deal. ${editRules} null clears an optional field. Answers the campaign.`,
        params: itemParams,
        body: itemPatch,
        response: { 200: campaign, ...errors },
      },
    },
    async (req) => {
      await campaignInScope(req, req.params.id);
      return updateCampaignItem(ctx.db, req.params.id, req.params.itemId, req.body);
    },
  );

  app.delete(
    '/admin/campaigns/:id/items/:itemId',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Remove a deal that is not on sale and sold nothing; a campaign keeps at least one. Answers the campaign.',
        params: itemParams,
        response: { 200: campaign, ...errors },
      },
    },
    async (req) => {
      await campaignInScope(req, req.params.id);
      return removeCampaignItem(ctx.db, req.params.id, req.params.itemId);
    },
  );

  app.get(
    '/deals/:id',
    {
      schema: {
        tags,
        security: [],
        description: "One deal with its campaign and its product's details and pictures (the shop's deal page)",
        params: idParams,
        response: {
          200: deal.extend({ campaign: campaign.omit({ items: true }), product: productPageView }),
          ...errors,
        },
      },
    },
    async (req) => dealPage(ctx.db, req.params.id),
  );

  // Public: anyone may browse today's deals. The same answer for every shopper, kept in memory and
  // sent as prepared JSON text (decision 021): sold and remaining at most a second old, sold out at once.
  app.get(
    '/campaigns/active',
    {
      schema: {
        tags,
        security: [],
        description:
          "Campaigns on sale now with their deals, offered at the pickup point named by `pickupPointId` (the shop passes the customer's chosen point): of its region, for the whole region or targeting that point or its route; without one, the default region's campaigns for the whole region (404 NOT_FOUND for an unknown point). pickupFrom–pickupUntil: the local hours of collection on pickupDate. The same for every caller of a region; `sold`, `remaining` and group-tier buyers are at most about a second old, and a deal is shown sold out as soon as any server process knows it is.",
        querystring: z.object({ pickupPointId: id.optional() }),
        response: { 200: z.array(campaign), ...errors },
      },
    },
    // the text is JSON already: with a JSON content type Fastify sends a string as it is
    async (req, reply) => {
      let point: PointPlace | undefined;
      if (req.query.pickupPointId) {
        point = await ctx.dealList.placeOfPoint(req.query.pickupPointId);
        if (!point) throw notFound('Pickup point');
      }
      return reply
        .type('application/json; charset=utf-8')
        .send((await ctx.dealList.json(Date.now(), point)) as unknown as z.infer<typeof campaign>[]);
    },
  );
}
