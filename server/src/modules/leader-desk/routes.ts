import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors, id } from '../../lib/schemas.js';
import { readingView } from '../coldchain/views.js';
import { leaderOf } from '../leaders/service.js';
import { leaderCampaigns, leaderProfile, leaderSortingList } from './service.js';

/**
 * The leader app's own read views (团长端): profile and point, the campaigns that concern the
 * point, and the point's sorting list for the arrival screen. Only the caller's own point.
 */
const profile = z.object({
  leaderId: z.string(),
  commissionBps: z.number(),
  name: z.string(),
  phone: z.string(),
  pickupPoint: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  linkedCustomers: z.number().int().describe('customers my links brought (registered or first bound from them)'),
});
const campaign = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  startsAt: z.string(),
  cutoffAt: z.string(),
  pickupDate: z.string(),
  /** the local hours (HH:MM) of collection on the pickup date, the region's */
  pickupFrom: z.string().optional(),
  pickupUntil: z.string().optional(),
  orders: z.number(),
  sortingListStatus: z.enum(['pending', 'dispatched', 'arrived']).nullable(),
});
const sortingList = z.object({
  campaignId: z.string(),
  status: z.enum(['pending', 'dispatched', 'arrived']),
  dispatchedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  readings: z.array(readingView).describe("my route's dispatch readings and my point's arrival readings"),
  breachedZones: z.array(z.enum(['chilled', 'frozen'])).describe('zones read out of range: their goods may be refused'),
  lines: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      unit: z.string(),
      temperatureZone: z.string(),
      orderedQuantity: z.number(),
      expectedQuantity: z.number(),
      receivedQuantity: z.number().nullable(),
      missingQuantity: z.number().nullable(),
      damagedQuantity: z.number().nullable(),
    }),
  ),
});

export function leaderDeskRoutes(app: App, ctx: AppContext) {
  const tags = ['leaders'];
  const me = async (req: Parameters<typeof ctx.auth.require>[0]) =>
    leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);

  app.get(
    '/leader/me',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'The signed-in leader and the pickup point they run.',
        response: { 200: profile, ...errors },
      },
    },
    async (req) => leaderProfile(ctx.db, await me(req)),
  );

  app.get(
    '/leader/campaigns',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Campaigns open now or with orders at my point, newest cutoff first, with my order count and sorting-list status.',
        response: { 200: z.array(campaign), ...errors },
      },
    },
    async (req) => leaderCampaigns(ctx.db, await me(req)) as Promise<z.infer<typeof campaign>[]>,
  );

  app.get(
    '/leader/sorting-list',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          "My point's sorting list of a campaign: expected units per product and what arrival confirmed (404 before cutoff).",
        querystring: z.object({ campaignId: id }),
        response: { 200: sortingList, ...errors },
      },
    },
    async (req) =>
      leaderSortingList(ctx.db, await me(req), req.query.campaignId) as Promise<z.infer<typeof sortingList>>,
  );
}
