import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { one } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { errors, id } from '../../lib/schemas.js';
import { inScope, regionScope, type RegionScope } from '../../lib/region-scope.js';
import { listPurchaseOrders, allSortingLists } from '../fulfillment/service.js';
import { purchaseOrdersWorkbook, sortingListsWorkbook } from './workbooks.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

// Binary: Fastify sends a Buffer as it is, the schema only documents it.
const workbook = z.any().describe(`an .xlsx file (${XLSX})`);
const query = z.object({ campaignId: id, lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

/** The purchase orders and sorting lists of a campaign as spreadsheets (warehouse and operators). */
export function exportRoutes(app: App, ctx: AppContext) {
  const tags = ['fulfilment'];

  // another region's campaign is 404, and the workbook holds the documents of the caller's regions only
  const campaignTitle = async (campaignId: string, scope: RegionScope) => {
    const c = await one<{ title: string }>(
      ctx.db,
      sql`select title from campaigns where id = ${campaignId} and ${inScope(scope, sql`region_id`)}`,
    );
    if (!c) throw notFound('Campaign');
    return c.title;
  };
  app.get(
    '/admin/purchase-orders/export.xlsx',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          "The campaign's purchase orders as an .xlsx workbook (one row per line). Column headers in `lang`.",
        querystring: query,
        response: { 200: workbook, ...errors },
      },
    },
    async (req, reply) => {
      const scope = regionScope(await ctx.auth.require(req));
      const title = await campaignTitle(req.query.campaignId, scope);
      const body = await purchaseOrdersWorkbook(
        title,
        await listPurchaseOrders(ctx.db, { campaignId: req.query.campaignId, scope }),
        req.query.lang,
      );
      const name = req.query.lang === 'en' ? `purchase-orders-${title}.xlsx` : `采购单-${title}.xlsx`;
      return sendXlsx(reply, body, name);
    },
  );

  app.get(
    '/admin/sorting-lists/export.xlsx',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        description: "The campaign's sorting lists as an .xlsx workbook (one row per pickup point and product).",
        querystring: query,
        response: { 200: workbook, ...errors },
      },
    },
    async (req, reply) => {
      const scope = regionScope(await ctx.auth.require(req));
      const title = await campaignTitle(req.query.campaignId, scope);
      const body = await sortingListsWorkbook(
        title,
        await allSortingLists(ctx.db, { campaignId: req.query.campaignId, scope }),
        req.query.lang,
      );
      const name = req.query.lang === 'en' ? `sorting-lists-${title}.xlsx` : `分拣单-${title}.xlsx`;
      return sendXlsx(reply, body, name);
    },
  );
}
