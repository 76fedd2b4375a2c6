import { z } from 'zod';
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
      config: { roles: ['admin', 'warehouse'] },
      schema: {
        tags,
        description: 'Free stock per warehouse and product.',
        querystring: z.object({ warehouseId: id.optional(), productId: id.optional() }),
        response: { 200: z.array(stock), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin', 'warehouse');
      return listStock(ctx.db, req.query);
    },
  );

  app.post(
    '/admin/inventory/adjust',
    {
      config: { roles: ['admin', 'warehouse'] },
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
      await ctx.auth.require(req, 'admin', 'warehouse');
      return adjustStock(ctx.db, req.body);
    },
  );
}
