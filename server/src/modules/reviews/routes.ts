import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { STAFF } from '../../lib/access.js';
import { MAX_IMAGE_BYTES } from '../../lib/images.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { reviewsWorkbook } from '../exports/workbooks.js';
import {
  adminReviews,
  MAX_REVIEW_PHOTOS,
  moderateReview,
  orderReviews,
  productReviews,
  REVIEW_KEYSET,
  reviewOrder,
  reviewReport,
  reviewSummary,
  uploadReviewPhoto,
} from './service.js';
import { fileBody, fileBodyRoutes } from '../../lib/file-body.js';

const tags = ['reviews'];
const photo = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
const adminReview = z.object({
  id: z.string(),
  orderId: z.string(),
  orderLineId: z.string(),
  productId: z.string(),
  productName: z.string(),
  supplierName: z.string().nullable(),
  regionId: z.string(),
  rating: z.number().int(),
  text: z.string().nullable(),
  customerName: z.string(),
  customerPhone: z.string().describe('masked: 138****5678'),
  photos: z.array(photo),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  createdAt: z.string(),
});
const reportQuery = z.object({
  by: z.enum(['product', 'supplier']).default('product'),
  days: z.coerce.number().int().min(1).max(366).default(30),
});
const reportRow = z.object({
  key: z.string(),
  name: z.string(),
  reviews: z.number().int(),
  average: z.number().nullable(),
  low: z.number().int().describe('reviews of 1 or 2 stars'),
  withPhotos: z.number().int(),
  hidden: z.number().int(),
});
const since = (days: number) => ({
  fromAt: new Date(Date.now() - days * 86_400_000).toISOString(),
  toAt: new Date(Date.now() + 1000).toISOString(),
});

export function reviewRoutes(app: App, ctx: AppContext) {
  app.post(
    '/orders/:id/review',
    {
      schema: {
        tags,
        description:
          "Review a completed order's line (`orderLineId`, with up to 6 photos uploaded to /me/review-photos), or " +
          'without `orderLineId` every line not reviewed yet. One review per line: 409 CONFLICT when it has one. The ' +
          "order's first review earns the review points and growth; `pointsAwarded` is 0 after that.",
        params: idParams,
        body: z.object({
          rating: z.number().int().min(1).max(5),
          text: z.string().trim().max(1000).optional(),
          orderLineId: id.optional(),
          photoIds: z.array(id).max(MAX_REVIEW_PHOTOS).optional(),
        }),
        response: {
          201: z.object({
            reviewIds: z.array(z.string()),
            pointsAwarded: z.number().int(),
            growthAwarded: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await reviewOrder(ctx.db, user.id, req.params.id, req.body));
    },
  );

  app.get(
    '/orders/:id/reviews',
    {
      schema: {
        tags,
        description: "The customer's reviews of their order, a row per reviewed line (hidden ones too).",
        params: idParams,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              orderLineId: z.string(),
              rating: z.number().int(),
              text: z.string().nullable(),
              hidden: z.boolean(),
              photos: z.array(photo),
              createdAt: z.string(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return orderReviews(ctx.db, user.id, req.params.id);
    },
  );

  // A photo arrives as the request body's raw bytes, told from the bytes (as a product's picture).
  fileBodyRoutes(app, MAX_IMAGE_BYTES, (scope) => {
    scope.post(
      '/me/review-photos',
      {
        bodyLimit: MAX_IMAGE_BYTES,
        schema: {
          tags,
          description:
            'Upload a photo for a review: the body is the file itself, JPEG, PNG or WebP told from its bytes, at most ' +
            '5 MB (413 beyond, 400 UNSUPPORTED_IMAGE otherwise); stored as an 800 px picture and a 240 px thumbnail ' +
            'without metadata. Name its id in the review; at most 24 photos wait for a review at a time (409).',
          response: { 201: photo, ...errors },
        },
      },
      async (req, reply) => {
        const user = await ctx.auth.require(req);
        return reply
          .status(201)
          .send(await uploadReviewPhoto(ctx.db, ctx.storage, user.id, fileBody(req.body, 'photo')));
      },
    );
  });

  app.get(
    '/products/:id/reviews',
    {
      schema: {
        tags,
        security: [],
        description:
          "A product's reviews shown in the shop, newest first, a page at a time (the next page: X-Next-Cursor); " +
          'names masked (王*), hidden reviews left out.',
        params: idParams,
        querystring: pageQuery,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              rating: z.number().int(),
              text: z.string().nullable(),
              name: z.string(),
              photos: z.array(photo),
              createdAt: z.string(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req, reply) =>
      sendPage(reply, await productReviews(ctx.db, req.params.id, pageRequest(REVIEW_KEYSET, req.query, 20))),
  );

  app.get(
    '/products/:id/review-summary',
    {
      schema: {
        tags,
        security: [],
        description:
          "A product's shown reviews: how many, their average (one decimal; null without reviews), how many of each " +
          'star (1 to 5) and how many have photos.',
        params: idParams,
        response: {
          200: z.object({
            count: z.number().int(),
            average: z.number().nullable(),
            stars: z.array(z.number().int()).length(5),
            withPhotos: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req) => reviewSummary(ctx.db, req.params.id),
  );

  app.get(
    '/admin/reviews',
    {
      config: { roles: STAFF.reviews, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Reviews of the operator's regions, newest first, a page at a time (X-Next-Cursor): `hidden` true or false " +
          'to see only those, `maxRating` for the low ones, `productId` for one product.',
        querystring: pageQuery.extend({
          hidden: z.enum(['true', 'false']).optional(),
          maxRating: z.coerce.number().int().min(1).max(5).optional(),
          productId: id.optional(),
        }),
        response: { 200: z.array(adminReview), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      return sendPage(
        reply,
        await adminReviews(
          ctx.db,
          regionScope(user),
          {
            hidden: q.hidden === undefined ? undefined : q.hidden === 'true',
            maxRating: q.maxRating,
            productId: q.productId,
          },
          pageRequest(REVIEW_KEYSET, q),
        ),
      );
    },
  );

  app.post(
    '/admin/reviews/:id/hide',
    {
      config: { roles: STAFF.moderation, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Hide a review from the shop, with the reason the customer service or operator gives (409 when it is hidden ' +
          "already). The customer's points stay.",
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(200) }),
        response: { 200: adminReview, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return moderateReview(ctx.db, regionScope(user), req.params.id, user.id, req.body.reason);
    },
  );

  app.post(
    '/admin/reviews/:id/show',
    {
      config: { roles: STAFF.moderation, regions: 'scoped' },
      schema: {
        tags,
        description: 'Show a hidden review in the shop again (409 when it is not hidden).',
        params: idParams,
        response: { 200: adminReview, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return moderateReview(ctx.db, regionScope(user), req.params.id, user.id, null);
    },
  );

  app.get(
    '/admin/reviews/report',
    {
      config: { roles: STAFF.reviews, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Reviews written in the last `days` days per product or per supplier (`by`): how many (hidden ones ' +
          'included), their average, the low ones (1–2 stars), those with photos and those hidden; most reviewed first.',
        querystring: reportQuery,
        response: { 200: z.array(reportRow), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return reviewReport(ctx.db, regionScope(user), req.query.by, since(req.query.days));
    },
  );

  app.get(
    '/admin/reviews/report.xlsx',
    {
      config: { roles: STAFF.reviews, regions: 'scoped' },
      schema: {
        tags,
        description: 'The review report as .xlsx.',
        querystring: reportQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      const found = await reviewReport(ctx.db, regionScope(user), q.by, since(q.days));
      const name = `${q.lang === 'en' ? 'reviews' : '评价报表'}-${q.by}-${q.days}d.xlsx`;
      return sendXlsx(reply, await reviewsWorkbook(found, q.by, q.lang), name);
    },
  );
}
