import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { regionScope, requireCampaignInScope, requireOwnedInScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { errors, id, idParams, isoDate } from '../../lib/schemas.js';
import { runCutoff } from '../../flows/cutoff.js';
import { receivePurchaseOrder } from '../../flows/receiving.js';
import { previewCutoff, previewReceive } from '../../flows/preview.js';
import { inventoryRoutes } from '../inventory/routes.js';
import {
  dispatchRoute,
  listManifests,
  listSortingLists,
  PURCHASE_ORDER_KEYSET,
  purchaseOrderPage,
  SORTING_LIST_KEYSET,
} from './service.js';
import { readingView } from '../coldchain/views.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { STAFF } from '../../lib/access.js';

const qty = z.number().int().min(0).max(10_000_000);
const nullableQty = qty.nullable();
const time = z.string().nullable();

const purchaseOrder = z.object({
  id: z.string(),
  campaignId: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  warehouseId: z.string(),
  status: z.string(),
  createdAt: z.string(),
  receivedAt: time,
  lines: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      unit: z.string(),
      packSize: z.number().int(),
      quantity: qty,
      demandQuantity: qty,
      fromStockQuantity: qty,
      acceptedQuantity: nullableQty,
      rejectedQuantity: nullableQty,
    }),
  ),
});

const received = z.object({
  id: z.string(),
  status: z.literal('received'),
  lines: z.array(
    z.object({
      productId: z.string(),
      orderedQuantity: qty,
      acceptedQuantity: qty,
      rejectedQuantity: qty,
      fromStockQuantity: qty,
      allocatedQuantity: qty,
      shortQuantity: qty,
      surplusQuantity: qty,
      lotId: z.string().nullable(),
      expiresOn: z.string().nullable(),
    }),
  ),
  refunds: z.object({ count: z.number().int(), amountFen: z.number().int() }),
});

/** What an action would do, computed by the action itself and rolled back (decision 036). */
const unsuppliedProducts = z.array(
  z.object({ productId: z.string(), name: z.string(), supplierId: z.string(), units: z.number() }),
);
export const impact = z.object({
  orders: z.number().int(),
  units: z.number().int(),
  amountFen: z.number().int(),
  refundFen: z.number().int(),
  customersNotified: z.number().int(),
});
const impactNote =
  'Nothing is written: the action runs in a transaction that is rolled back, so each figure is exactly what it would do now. ';

const receiveBody = z.object({
  lines: z
    .array(
      z.object({
        productId: id,
        acceptedQuantity: qty,
        rejectedQuantity: qty,
        expiresOn: isoDate.optional(),
        overrideReason: z
          .string()
          .trim()
          .max(200)
          .optional()
          .describe(
            "accepts a lot that expired or keeps less than the product's minimum shelf life (else 409 LOT_EXPIRED / SHELF_LIFE_TOO_SHORT); kept on the lot",
          ),
      }),
    )
    .max(1000),
});

const sortingList = z.object({
  id: z.string(),
  campaignId: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  routeId: z.string(),
  routeName: z.string(),
  pickupPointId: z.string(),
  pickupPointName: z.string(),
  status: z.string(),
  dispatchedAt: time,
  arrivedAt: time,
  lines: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      unit: z.string(),
      temperatureZone: z.string(),
      orderedQuantity: qty,
      quantity: qty,
      receivedQuantity: nullableQty,
    }),
  ),
});

const manifest = z.object({
  id: z.string(),
  campaignId: z.string(),
  routeId: z.string(),
  routeName: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  stops: z.number().int(),
  units: z.number().int(),
  status: z.string(),
  dispatchedAt: time,
  points: z.array(
    z.object({ pickupPointId: z.string(), pickupPointName: z.string(), address: z.string(), units: z.number().int() }),
  ),
  readings: z.array(readingView).describe("the temperature readings of the route's delivery on the pickup date"),
  breachedZones: z.array(z.enum(['chilled', 'frozen'])).describe('zones read out of range, at dispatch or at a stop'),
});

export function fulfillmentRoutes(app: App, ctx: AppContext) {
  const tags = ['fulfilment'];

  app.post(
    '/admin/campaigns/:id/cutoff',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        params: idParams,
        description:
          'Cuts the campaign off now (it also runs by itself at cutoffAt). Running it again changes nothing and ' +
          'answers the counts of the documents that exist, with cancelledUnpaid 0.',
        response: {
          200: z.object({
            purchaseOrders: z.number().int(),
            sortingLists: z.number().int(),
            cancelledUnpaid: z.number().int(),
            ranNow: z.boolean(),
            unsuppliedProducts: unsuppliedProducts.describe(
              'products whose supplier is suspended or unqualified, with no usable backup: no purchase order was raised for these units',
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await requireCampaignInScope(ctx.db, regionScope(user), req.params.id);
      return runCutoff(ctx.db, req.params.id);
    },
  );

  app.post(
    '/admin/campaigns/:id/cutoff/preview',
    {
      config: { roles: STAFF.campaigns, regions: 'scoped' },
      schema: {
        tags,
        params: idParams,
        description:
          impactNote +
          'orders / units / amountFen: the paid orders it closes, their units and paid value; refundFen: group-tier ' +
          'differences returned; cancelledUnpaid, purchaseOrders, sortingLists as the cutoff answers. All 0 once cut off.',
        response: {
          200: impact.extend({
            cancelledUnpaid: z.number().int(),
            purchaseOrders: z.number().int(),
            sortingLists: z.number().int(),
            unsuppliedProducts: unsuppliedProducts.describe(
              'units the cutoff would raise no purchase order for (supplier suspended or unqualified, no usable backup)',
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await requireCampaignInScope(ctx.db, regionScope(user), req.params.id);
      return previewCutoff(ctx.db, req.params.id);
    },
  );

  app.get(
    '/admin/purchase-orders',
    {
      config: { roles: STAFF.supplyRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'Purchase orders, newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: pageQuery.extend({
          campaignId: id.optional(),
          status: z.enum(['open', 'received']).optional(),
        }),
        response: { 200: z.array(purchaseOrder), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { campaignId, status } = req.query;
      const page = pageRequest(PURCHASE_ORDER_KEYSET, req.query);
      return sendPage(reply, await purchaseOrderPage(ctx.db, { campaignId, status, scope: regionScope(user) }, page));
    },
  );

  app.post(
    '/admin/purchase-orders/:id/receive',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        params: idParams,
        description:
          'Receives a delivery once. Shortages are allocated to the earliest-paid lines and the rest refunded at once. ' +
          'A product left out was not delivered (0 accepted).',
        body: receiveBody,
        response: { 200: received, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      // a purchase order is its warehouse's, and a warehouse never changes region
      await requireOwnedInScope(
        ctx.db,
        regionScope(user),
        sql`select w.region_id from purchase_orders po join warehouses w on w.id = po.warehouse_id where po.id = ${req.params.id}`,
        'Purchase order',
      );
      return receivePurchaseOrder(ctx.db, req.params.id, req.body, { actorId: user.id });
    },
  );

  app.post(
    '/admin/purchase-orders/:id/receive/preview',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        params: idParams,
        description:
          impactNote +
          'For the counts given (as the receipt takes them): orders / units / amountFen are the orders left short, the ' +
          'units short and the money refunded for them; allocatedUnits served, surplusUnits to free stock. 409 once received.',
        body: receiveBody,
        response: {
          200: impact.extend({
            allocatedUnits: z.number().int(),
            surplusUnits: z.number().int(),
            refunds: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await requireOwnedInScope(
        ctx.db,
        regionScope(user),
        sql`select w.region_id from purchase_orders po join warehouses w on w.id = po.warehouse_id where po.id = ${req.params.id}`,
        'Purchase order',
      );
      return previewReceive(ctx.db, req.params.id, req.body);
    },
  );

  app.get(
    '/admin/sorting-lists',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        querystring: z
          .object({
            campaignId: id,
            routeId: id.optional(),
            warehouseId: id.optional(),
            pickupPointId: id.optional(),
          })
          .extend(pageQuery.shape),
        response: { 200: z.array(sortingList), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const { cursor, limit, ...filter } = req.query;
      const scope = regionScope(user);
      await requireCampaignInScope(ctx.db, scope, filter.campaignId);
      return sendPage(
        reply,
        await listSortingLists(ctx.db, { ...filter, scope }, pageRequest(SORTING_LIST_KEYSET, { cursor, limit })),
      );
    },
  );

  app.post(
    '/admin/sorting-lists/dispatch',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: {
        tags,
        body: z.object({ campaignId: id, routeId: id }),
        response: {
          200: z.object({
            ok: z.literal(true),
            campaignId: z.string(),
            routeId: z.string(),
            dispatchedSortingLists: z.number().int(),
            dispatchedAt: time,
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return dispatchRoute(ctx.db, req.body, regionScope(user));
    },
  );

  app.get(
    '/admin/delivery-manifests',
    {
      config: { roles: STAFF.warehouse, regions: 'scoped' },
      schema: { tags, querystring: z.object({ campaignId: id }), response: { 200: z.array(manifest), ...errors } },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const scope = regionScope(user);
      await requireCampaignInScope(ctx.db, scope, req.query.campaignId);
      return listManifests(ctx.db, { ...req.query, scope });
    },
  );

  // Stock belongs to the same warehouse desk; registered here so routes.ts needs one line.
  inventoryRoutes(app, ctx);
}
