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
  productPage,
  updateProduct,
  updateSupplier,
} from './service.js';
import { MAX_IMAGE_BYTES } from '../../lib/images.js';
import { addProductImage, deleteProductImage, reorderProductImages } from './media.js';
import { SUPPLIER_DOCUMENT_KINDS } from './schema.js';
import { supplierRoutes } from './supplier-routes.js';
import { STAFF } from '../../lib/access.js';
import { fileBody, fileBodyRoutes } from '../../lib/file-body.js';

const name = z.string().trim().min(1).max(100);
const per100g = (max: number) => z.number().min(0).max(max);
/** per 100 g, as printed on a Chinese nutrition label (营养成分表) */
const nutritionFacts = z.object({
  energyKj: z.number().int().min(0).max(4000),
  proteinG: per100g(100),
  fatG: per100g(100),
  carbohydrateG: per100g(100),
  sodiumMg: z.number().int().min(0).max(100_000),
});
const product = z.object({
  name,
  category: z.string().min(1).max(40),
  supplierId: id,
  backupSupplierId: id
    .optional()
    .describe('takes the purchase orders while the supplier is suspended or unqualified; another supplier'),
  unit: z.string().trim().min(1).max(20),
  listPriceFen: fen,
  costFen: fen,
  temperatureZone: z.enum(['ambient', 'chilled', 'frozen']),
  shelfLifeDays: z.number().int().min(1).max(3650).optional(),
  minRemainingShelfDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .describe('the fewest days of shelf life a delivered lot must have left to be accepted'),
  packSize: z.number().int().min(1).max(10_000).optional(),
  description: z
    .string()
    .max(5000)
    .optional()
    .describe('rich text: p, br, strong, em, ul, ol, li; anything else is removed'),
  origin: z.string().trim().max(100).optional().describe('产地'),
  specification: z.string().trim().max(100).optional().describe('规格'),
  storage: z.string().trim().max(100).optional().describe('储存方式'),
  nutrition: nutritionFacts.optional(),
});

export const imageView = z.object({
  id: z.string(),
  url: z.string(),
  width: z.number(),
  height: z.number(),
  thumbUrl: z.string(),
  thumbWidth: z.number(),
  thumbHeight: z.number(),
});
const details = {
  description: z.string().nullable(),
  origin: z.string().nullable(),
  specification: z.string().nullable(),
  storage: z.string().nullable(),
  nutrition: nutritionFacts.nullable(),
  /** in order: the first is the cover */
  images: z.array(imageView),
};
const productView = product
  .omit({
    backupSupplierId: true,
    shelfLifeDays: true,
    minRemainingShelfDays: true,
    packSize: true,
    description: true,
    origin: true,
    specification: true,
    storage: true,
    nutrition: true,
  })
  .extend({
    id: z.string(),
    backupSupplierId: z.string().nullable(),
    temperatureZone: z.string(),
    shelfLifeDays: z.number().nullable(),
    minRemainingShelfDays: z.number().nullable(),
    packSize: z.number(),
    ...details,
  });
/** A product as shoppers see it: no cost, no supplier. */
export const productPageView = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  listPriceFen: z.number(),
  temperatureZone: z.string(),
  shelfLifeDays: z.number().nullable(),
  packSize: z.number(),
  ...details,
});
const imageList = z.object({ images: z.array(imageView) });
const imageParams = z.object({ id, imageId: id });
export const documentKind = z.enum(SUPPLIER_DOCUMENT_KINDS);
export const supplierView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  /** the document kinds it must hold approved and unexpired */
  requiredDocuments: z.array(z.string()),
  /** the required kinds it lacks today */
  missingDocuments: z.array(z.string()),
  qualified: z.boolean(),
  /** active and qualified: may be given purchase orders */
  usable: z.boolean(),
});
const requiredDocuments = z
  .array(documentKind)
  .max(10)
  .describe('document kinds that must be approved and unexpired for the supplier to be qualified');
/** A patch must change something: an empty body is a client mistake (400), not a silent no-op. */
const nonEmpty = (o: object) => Object.values(o).some((v) => v !== undefined);
const supplierPatch = z
  .object({
    name: name.optional(),
    status: z.enum(['active', 'suspended']).optional(),
    requiredDocuments: requiredDocuments.optional(),
  })
  .refine(nonEmpty, 'nothing to change');
const productPatch = product
  .partial()
  .extend({
    backupSupplierId: id.nullable().optional(),
    shelfLifeDays: product.shape.shelfLifeDays.unwrap().nullable().optional(),
    minRemainingShelfDays: product.shape.minRemainingShelfDays.unwrap().nullable().optional(),
    description: product.shape.description.unwrap().nullable().optional(),
    origin: product.shape.origin.unwrap().nullable().optional(),
    specification: product.shape.specification.unwrap().nullable().optional(),
    storage: product.shape.storage.unwrap().nullable().optional(),
    nutrition: nutritionFacts.nullable().optional(),
  })
  .refine(nonEmpty, 'nothing to change');

export function catalogRoutes(app: App, ctx: AppContext) {
  const tags = ['catalog'];
  supplierRoutes(app, ctx);

  app.post(
    '/admin/suppliers',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: {
        tags,
        body: z.object({ name, requiredDocuments: requiredDocuments.optional() }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      return reply.status(201).send(await createSupplier(ctx.db, req.body));
    },
  );

  app.patch(
    '/admin/suppliers/:id',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: {
        tags,
        description:
          'Rename a supplier, suspend / reactivate it, or set the documents it must hold. A suspended or unqualified supplier gets no purchase orders and its products cannot join campaigns (unless a usable backup supplier takes them).',
        params: idParams,
        body: supplierPatch,
        response: { 200: supplierView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return updateSupplier(ctx.db, req.params.id, req.body);
    },
  );

  app.get(
    '/admin/suppliers',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: { tags, response: { 200: z.array(supplierView), ...errors } },
    },
    async (req) => {
      await ctx.auth.require(req);
      return listSuppliers(ctx.db);
    },
  );

  app.post(
    '/admin/products',
    {
      config: { roles: STAFF.catalog, regions: 'all' },
      schema: { tags, body: product, response: { 201: created, ...errors } },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      return reply.status(201).send(await createProduct(ctx.db, req.body));
    },
  );

  app.get(
    '/admin/products',
    {
      config: { roles: STAFF.catalogRead, regions: 'shared' },
      schema: {
        tags,
        response: {
          200: z.array(productView),
          ...errors,
        },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return listProducts(ctx.db);
    },
  );

  app.patch(
    '/admin/products/:id',
    {
      config: { roles: STAFF.catalog, regions: 'all' },
      schema: {
        tags,
        description:
          'Edit a product; deals already in campaigns keep their deal prices. null clears shelfLifeDays, description, origin, specification, storage or nutrition.',
        params: idParams,
        body: productPatch,
        response: { 200: productView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return updateProduct(ctx.db, req.params.id, req.body);
    },
  );

  // Pictures arrive as the request body's raw bytes, told from the bytes themselves.
  fileBodyRoutes(app, MAX_IMAGE_BYTES, (scope) => {
    scope.post(
      '/admin/products/:id/images',
      {
        config: { roles: STAFF.catalog, regions: 'all' },
        bodyLimit: MAX_IMAGE_BYTES,
        schema: {
          tags,
          description:
            'Add a picture (last in order). The body is the file itself: JPEG, PNG or WebP, told from its bytes, at most 5 MB (413 PAYLOAD_TOO_LARGE beyond; 400 UNSUPPORTED_IMAGE for anything else). Metadata is removed; an 800 px wide picture and a 240 px thumbnail are stored as WebP.',
          params: idParams,
          response: { 201: imageList, ...errors },
        },
      },
      async (req, reply) => {
        await ctx.auth.require(req);
        const body = fileBody(req.body, 'picture');
        return reply.status(201).send({ images: await addProductImage(ctx.db, ctx.storage, req.params.id, body) });
      },
    );
  });

  app.put(
    '/admin/products/:id/images/order',
    {
      config: { roles: STAFF.catalog, regions: 'all' },
      schema: {
        tags,
        description: "Put a product's pictures in order: every picture id once, the first becomes the cover.",
        params: idParams,
        body: z.object({ imageIds: z.array(id).max(100) }),
        response: { 200: imageList, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return { images: await reorderProductImages(ctx.db, req.params.id, req.body.imageIds) };
    },
  );

  app.delete(
    '/admin/products/:id/images/:imageId',
    {
      config: { roles: STAFF.catalog, regions: 'all' },
      schema: { tags, description: 'Remove a picture', params: imageParams, response: { 200: imageList, ...errors } },
    },
    async (req) => {
      await ctx.auth.require(req);
      return { images: await deleteProductImage(ctx.db, ctx.storage, req.params.id, req.params.imageId) };
    },
  );

  app.get(
    '/products/:id',
    {
      schema: {
        tags,
        security: [],
        description: 'A product as shoppers see it: details and pictures (first = cover)',
        params: idParams,
        response: { 200: productPageView, ...errors },
      },
    },
    async (req) => productPage(ctx.db, req.params.id),
  );

  app.post(
    '/admin/categories',
    {
      config: { roles: STAFF.catalog, regions: 'all' },
      schema: {
        tags,
        body: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), nameZh: name, nameEn: name }),
        response: { 201: z.object({ code: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
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
