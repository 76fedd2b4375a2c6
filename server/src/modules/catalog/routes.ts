import { z } from 'zod';
import type { App, AppContext } from '../../app.js';
import { created, errors, fen, id } from '../../lib/schemas.js';
import { createCategory, createProduct, createSupplier, listCategories, listProducts, listSuppliers } from './service.js';

const name = z.string().trim().min(1).max(100);
const product = z.object({
  name, category: z.string().min(1).max(40), supplierId: id, unit: z.string().trim().min(1).max(20),
  listPriceFen: fen, costFen: fen, temperatureZone: z.enum(['ambient', 'chilled', 'frozen']),
  shelfLifeDays: z.number().int().min(1).max(3650).optional(), packSize: z.number().int().min(1).max(10_000).optional(),
});

export function catalogRoutes(app: App, ctx: AppContext) {
  const tags = ['catalog'];

  app.post('/admin/suppliers', { schema: { tags, body: z.object({ name }), response: { 201: created, ...errors } } }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createSupplier(ctx.db, req.body));
  });

  app.get('/admin/suppliers', {
    schema: { tags, response: { 200: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })), ...errors } },
  }, async (req) => {
    await ctx.auth.require(req, 'admin');
    return listSuppliers(ctx.db);
  });

  app.post('/admin/products', { schema: { tags, body: product, response: { 201: created, ...errors } } }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createProduct(ctx.db, req.body));
  });

  app.get('/admin/products', {
    schema: {
      tags,
      response: {
        200: z.array(product.omit({ shelfLifeDays: true, packSize: true }).extend({
          id: z.string(), temperatureZone: z.string(), shelfLifeDays: z.number().nullable(), packSize: z.number(),
        })),
        ...errors,
      },
    },
  }, async (req) => {
    await ctx.auth.require(req, 'admin');
    return listProducts(ctx.db);
  });

  app.post('/admin/categories', {
    schema: {
      tags,
      body: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), nameZh: name, nameEn: name }),
      response: { 201: z.object({ code: z.string() }), ...errors },
    },
  }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createCategory(ctx.db, req.body));
  });

  app.get('/categories', {
    schema: { tags, security: [], response: { 200: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })) } },
  }, async () => listCategories(ctx.db));
}
