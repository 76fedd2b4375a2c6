import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors, id, idParams, isoDate } from '../../lib/schemas.js';
import {
  addSupplierDocument,
  MAX_DOCUMENT_BYTES,
  reviewSupplierDocument,
  supplierDetail,
  supplierDocumentFile,
} from './documents.js';
import { SUPPLIER_DOCUMENT_KINDS } from './schema.js';
import { STAFF } from '../../lib/access.js';
import { fileBody, fileBodyRoutes } from '../../lib/file-body.js';

const documentView = z.object({
  id: z.string(),
  supplierId: z.string(),
  kind: z.string().describe('business_licence (营业执照), food_licence (食品经营许可证), other'),
  number: z.string(),
  expiresOn: z.string().nullable().describe('the last valid day; null: no expiry'),
  daysLeft: z.number().nullable(),
  expiry: z.string().describe('valid, expiring (within 30 days), expired, no_expiry'),
  contentType: z.string(),
  sizeBytes: z.number(),
  fileName: z.string().nullable(),
  reviewStatus: z.string().describe('pending, approved, rejected'),
  reviewReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  fileUrl: z.string().describe('the console route serving the file (operators only)'),
});
const supplierDetailView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  requiredDocuments: z.array(z.string()),
  missingDocuments: z.array(z.string()),
  qualified: z.boolean(),
  usable: z.boolean(),
  documents: z.array(documentView),
});
const documentParams = z.object({ id, documentId: id });
const uploadQuery = z.object({
  kind: z.enum(SUPPLIER_DOCUMENT_KINDS),
  number: z.string().trim().min(1).max(60),
  expiresOn: isoDate.optional(),
  fileName: z.string().trim().max(200).optional(),
});

/** A supplier's qualification: its detail, documents (upload, review) and their files, for operators only. */
export function supplierRoutes(app: App, ctx: AppContext) {
  const tags = ['catalog'];

  app.get(
    '/admin/suppliers/:id',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: {
        tags,
        description: 'A supplier with its standing today (qualified, usable) and its documents, newest first',
        params: idParams,
        response: { 200: supplierDetailView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return supplierDetail(ctx.db, req.params.id);
    },
  );

  // The file arrives as the raw body (any Content-Type): its type is told from its bytes.
  fileBodyRoutes(app, MAX_DOCUMENT_BYTES, (scope) => {
    scope.post(
      '/admin/suppliers/:id/documents',
      {
        config: { roles: STAFF.supply, regions: 'all' },
        bodyLimit: MAX_DOCUMENT_BYTES,
        schema: {
          tags,
          description:
            'Upload a qualification document, pending review. The body is the file itself: PDF, JPEG or PNG told from its bytes (the name is never trusted), at most 10 MB (413 beyond; 400 UNSUPPORTED_FILE otherwise). Kept private: served only by the console file route.',
          params: idParams,
          querystring: uploadQuery,
          response: { 201: documentView, ...errors },
        },
      },
      async (req, reply) => {
        const user = await ctx.auth.require(req);
        const body = fileBody(req.body, 'document');
        return reply
          .status(201)
          .send(await addSupplierDocument(ctx.db, ctx.storage, req.params.id, req.query, body, user.id));
      },
    );
  });

  app.post(
    '/admin/suppliers/:id/documents/:documentId/review',
    {
      config: { roles: STAFF.supply, regions: 'all' },
      schema: {
        tags,
        description: 'Approve a document, or reject it with a reason',
        params: documentParams,
        body: z.object({
          decision: z.enum(['approved', 'rejected']),
          reason: z.string().trim().max(500).optional(),
        }),
        response: { 200: documentView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return reviewSupplierDocument(ctx.db, req.params.id, req.params.documentId, req.body, user.id);
    },
  );

  app.get(
    '/admin/suppliers/:id/documents/:documentId/file',
    {
      config: { roles: STAFF.supply, regions: 'shared' },
      schema: {
        tags,
        description: "A document's file, for operators only (never cached by shared caches)",
        params: documentParams,
        // binary: Fastify sends the Buffer as it is, the schema only documents it
        response: { 200: z.any().describe('the file: application/pdf, image/jpeg or image/png'), ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      const file = await supplierDocumentFile(ctx.db, ctx.storage, req.params.id, req.params.documentId);
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="${file.downloadName}"`)
        .type(file.contentType)
        .send(file.body);
    },
  );
}
