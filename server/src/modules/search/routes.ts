import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { one } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { errors } from '../../lib/schemas.js';
import { countSearch, popularSearches, searchProducts, SEARCH_KEYSET } from './service.js';

/**
 * Searches each client address may add to the popular searches an hour: past it the search still
 * answers, it is just not counted, so one client cannot push a query up the list.
 */
export const COUNTED_SEARCHES = { limit: 10, windowMs: 3_600_000 } as const;

const hit = z.object({
  id: z.string().describe("The deal's id when on sale (what goes into the cart), else the product's"),
  productId: z.string(),
  name: z.string(),
  unit: z.string(),
  origin: z.string().optional().describe('产地, when the product names one; matched by the search too'),
  category: z.string(),
  categoryNameZh: z.string(),
  categoryNameEn: z.string(),
  listPriceFen: z.number(),
  onSale: z.boolean().describe('On sale today at the pickup point; false: a catalogue product not on sale today'),
  priceFen: z.number().optional(),
  remaining: z.number().optional(),
  cutoffAt: z.string().optional(),
  sales: z.number().describe("The deal's units sold when on sale, else units sold over the last 30 closed days"),
  relevance: z
    .number()
    .describe('6 whole text, 5 start, 4 anywhere (name, origin or category), 3 near miss, 2 pinyin or initials'),
});

export function searchRoutes(app: App, ctx: AppContext) {
  const tags = ['search'];

  app.get(
    '/search',
    {
      schema: {
        tags,
        security: [],
        description:
          "Today's deals at the pickup point (every region's without one) and catalogue products not on sale there " +
          "whose name, category or the name's pinyin or initials match `q` (西红柿, 红柿, xihongshi, xhs), most relevant first, " +
          'then deals before products not on sale, then most sold; 20 a page unless `limit` says (X-Next-Cursor). ' +
          'With `count=1` (a search the customer submitted) a first page with results counts towards the popular searches.',
        querystring: pageQuery.extend({
          q: z.string().trim().min(1).max(50),
          pickupPointId: z.uuid().optional(),
          count: z.enum(['0', '1']).optional(),
        }),
        response: { 200: z.array(hit), ...errors },
      },
    },
    async (req, reply) => {
      const { q, pickupPointId, count } = req.query;
      const page = pageRequest(SEARCH_KEYSET, req.query, 20);
      if (pickupPointId && !(await one(ctx.db, sql`select 1 as ok from pickup_points where id = ${pickupPointId}`)))
        throw notFound('Pickup point');
      const found = await searchProducts(ctx.db, q, pickupPointId, page);
      if (count === '1' && page.after === null && found.items.length > 0) {
        const quota = await ctx.throttle.take(`search:${req.ip}`, COUNTED_SEARCHES);
        if (quota.ok) await countSearch(ctx.db, q);
      }
      return sendPage(reply, found);
    },
  );

  app.get(
    '/search/popular',
    {
      schema: {
        tags,
        security: [],
        description: 'The 10 searches made most over the last 7 days (only the query texts and their counts).',
        response: { 200: z.array(z.object({ query: z.string(), count: z.number() })) },
      },
    },
    async () => popularSearches(ctx.db),
  );
}
