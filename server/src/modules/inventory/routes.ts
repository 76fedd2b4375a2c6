import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { regionScope, requireOwnedInScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { errors, id, isoDate } from '../../lib/schemas.js';
import { adjustStock, listStock } from './service.js';

const stock = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  nextExpiry: z.string().nullable(),
});

export function inventoryRoutes(app: App, ctx: AppContext) {
  const tags = ['inventory'];

  app.get(
    '/admin/inventory',
    {
      config: { roles: ['admin', 'warehouse'], regions: 'scoped' },
      schema: {
        tags,
        description: 'Free stock per warehouse and product.',
        querystring: z.object({ warehouseId: id.optional(), productId: id.optional() }),
        response: { 200: z.array(stock), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req, 'admin', 'warehouse');
      return listStock(ctx.db, { ...req.query, scope: regionScope(user) });
    },
  );

  app.post(
    '/admin/inventory/adjust',
    {
      config: { roles: ['admin', 'warehouse'], regions: 'scoped' },
      schema: {
        tags,
        description: 'Puts goods into stock (a new lot) or takes them out; stock never goes below zero (409).',
        body: z.object({
          warehouseId: id,
          productId: id,
          quantityDelta: z.number().int().min(-1_000_000).max(1_000_000),
          reason: z.string().trim().min(1).max(200),
          expiresOn: isoDate.optional(),
        }),
        response: {
          200: z.object({
            warehouseId: z.string(),
            productId: z.string(),
            quantity: z.number().int(),
            quantityDelta: z.number().int(),
            reason: z.string(),
            lotId: z.string().nullable(),
            at: z.string(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req, 'admin', 'warehouse');
      // a warehouse never changes region: another region's is 404 before anything is written
      await requireOwnedInScope(
        ctx.db,
        regionScope(user),
        sql`select region_id from warehouses where id = ${req.body.warehouseId}`,
        'Warehouse',
      );
      return adjustStock(ctx.db, req.body);
    },
  );
}
