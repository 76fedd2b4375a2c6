import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { created, errors, fen, id, idParams } from '../../lib/schemas.js';
import {
  createCategory,
  createProduct,
  createSupplier,
  listCategories,
  listProducts,
  listSuppliers,
  updateProduct,
  updateSupplier,
} from './service.js';

const name = z.string().trim().min(1).max(100);
const product = z.object({
  name,
  category: z.string().min(1).max(40),
  supplierId: id,
  unit: z.string().trim().min(1).max(20),
  listPriceFen: fen,
  costFen: fen,
  temperatureZone: z.enum(['ambient', 'chilled', 'frozen']),
  shelfLifeDays: z.number().int().min(1).max(3650).optional(),
  packSize: z.number().int().min(1).max(10_000).optional(),
});

const productView = product.omit({ shelfLifeDays: true, packSize: true }).extend({
  id: z.string(),
  temperatureZone: z.string(),
  shelfLifeDays: z.number().nullable(),
  packSize: z.number(),
});
const supplierView = z.object({ id: z.string(), name: z.string(), status: z.string() });
/** A patch must change something: an empty body is a client mistake (400), not a silent no-op. */
const nonEmpty = (o: object) => Object.values(o).some((v) => v !== undefined);
const supplierPatch = z
  .object({ name: name.optional(), status: z.enum(['active', 'suspended']).optional() })
  .refine(nonEmpty, 'nothing to change');
const productPatch = product
  .partial()
  .extend({ shelfLifeDays: product.shape.shelfLifeDays.unwrap().nullable().optional() })
  .refine(nonEmpty, 'nothing to change');

export function catalogRoutes(app: App, ctx: AppContext) {
  const tags = ['catalog'];

  app.post(
    '/admin/suppliers',
    { config: { roles: ['admin'] }, schema: { tags, body: z.object({ name }), response: { 201: created, ...errors } } },
    async (req, reply) => {
      await ctx.auth.require(req, 'admin');
      return reply.status(201).send(await createSupplier(ctx.db, req.body));
    },
  );

  app.patch(
    '/admin/suppliers/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        description: 'Rename a supplier or suspend / reactivate it',
        params: idParams,
        body: supplierPatch,
        response: { 200: supplierView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return updateSupplier(ctx.db, req.params.id, req.body);
    },
  );

  app.get(
    '/admin/suppliers',
    {
      config: { roles: ['admin'] },
      schema: { tags, response: { 200: z.array(supplierView), ...errors } },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return listSuppliers(ctx.db);
    },
  );

  app.post(
    '/admin/products',
    { config: { roles: ['admin'] }, schema: { tags, body: product, response: { 201: created, ...errors } } },
    async (req, reply) => {
      await ctx.auth.require(req, 'admin');
      return reply.status(201).send(await createProduct(ctx.db, req.body));
    },
  );

  app.get(
    '/admin/products',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        response: {
          200: z.array(productView),
          ...errors,
        },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return listProducts(ctx.db);
    },
  );

  app.patch(
    '/admin/products/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        description: 'Edit a product; deals already in campaigns keep their deal prices. shelfLifeDays null clears it.',
        params: idParams,
        body: productPatch,
        response: { 200: productView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return updateProduct(ctx.db, req.params.id, req.body);
    },
  );

  app.post(
    '/admin/categories',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        body: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), nameZh: name, nameEn: name }),
        response: { 201: z.object({ code: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req, 'admin');
      return reply.status(201).send(await createCategory(ctx.db, req.body));
    },
  );

  app.get(
    '/categories',
    {
      schema: {
        tags,
        security: [],
        response: { 200: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })) },
      },
    },
    async () => listCategories(ctx.db),
  );
}
