import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import { sniffImage } from '../../lib/images.js';
import { PRIVATE_PREFIX, type FileStorage } from '../../lib/storage.js';
import { businessDate, dateOnly, iso, DEFAULT_TIME_ZONE } from '../../lib/time.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { missingDocumentsSql, supplierUsableSql } from './qualification.js';
import type { SupplierDocumentKind } from './schema.js';

/**
 * Suppliers' qualification documents (decision 038). Files are PDF, JPEG or PNG told from their
 * bytes (the name and Content-Type are never trusted: a PNG called x.pdf is stored as the PNG it
 * is), at most 10 MB, kept in the one file storage under `private/…` keys, which the public
 * /media/ route refuses: they are read only through the console route that checks the caller.
 */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** a document expiring within this many days raises an alert (and shows as expiring) */
export const EXPIRY_NOTICE_DAYS = 30;

const FORMATS = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;

export function sniffDocument(bytes: Buffer): keyof typeof FORMATS | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const image = sniffImage(bytes);
  return image === 'png' ? 'png' : image === 'jpeg' ? 'jpg' : null;
}

/** Suppliers are shared by every region: their documents' days are counted on the default calendar. */
export const supplierToday = (now = new Date()) => businessDate(now, DEFAULT_TIME_ZONE);

export interface DocumentInput {
  kind: SupplierDocumentKind;
  number: string;
  expiresOn?: string | null;
  fileName?: string;
}

interface DocumentRow {
  id: string;
  supplier_id: string;
  kind: string;
  number: string;
  expires_on: unknown;
  content_type: string;
  size_bytes: number;
  file_name: string | null;
  review_status: string;
  review_reason: string | null;
  reviewed_at: unknown;
  created_at: unknown;
  days_left: number | null;
}

const DOCUMENT_COLUMNS = sql`d.id, d.supplier_id, d.kind, d.number, d.expires_on, d.content_type, d.size_bytes, d.file_name,
  d.review_status, d.review_reason, d.reviewed_at, d.created_at`;

function documentView(r: DocumentRow) {
  const expiry =
    r.days_left === null
      ? 'no_expiry'
      : r.days_left < 0
        ? 'expired'
        : r.days_left <= EXPIRY_NOTICE_DAYS
          ? 'expiring'
          : 'valid';
  return {
    id: r.id,
    supplierId: r.supplier_id,
    kind: r.kind,
    number: r.number,
    expiresOn: dateOnly(r.expires_on),
    /** days until expiry on today's business day (negative: expired), null without expiry */
    daysLeft: r.days_left,
    expiry,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    fileName: r.file_name,
    reviewStatus: r.review_status,
    reviewReason: r.review_reason,
    reviewedAt: iso(r.reviewed_at),
    createdAt: iso(r.created_at)!,
    /** the console route that serves the file to operators (never /media/) */
    fileUrl: `/api/v1/admin/suppliers/${r.supplier_id}/documents/${r.id}/file`,
  };
}
export type DocumentView = ReturnType<typeof documentView>;

/** Stores an uploaded document file and records it, pending review. 404 unknown supplier; 400 not PDF/JPEG/PNG. */
export async function addSupplierDocument(
  db: Db,
  storage: FileStorage,
  supplierId: string,
  input: DocumentInput,
  bytes: Buffer,
  userId: string,
  now = new Date(),
) {
  if (!(await one(db, sql`select 1 as ok from suppliers where id = ${supplierId}`))) throw notFound('Supplier');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new AppError('FILE_TOO_LARGE', 413, 'A document file may be at most 10 MB', {
      maxBytes: MAX_DOCUMENT_BYTES,
    });
  const format = sniffDocument(bytes);
  if (!format)
    throw new AppError('UNSUPPORTED_FILE', 400, 'Only PDF, JPEG and PNG files can be uploaded', {
      accepted: ['application/pdf', 'image/jpeg', 'image/png'],
    });
  const key = `${PRIVATE_PREFIX}supplier-documents/${createHash('sha256').update(bytes).digest('hex')}.${format}`;
  // stored before recorded: a row never names missing bytes
  await storage.put(key, bytes, FORMATS[format]);
  const row = (await one<{ id: string }>(
    db,
    sql`
    insert into supplier_documents (supplier_id, kind, number, expires_on, file_key, content_type, size_bytes, file_name, uploaded_by)
    values (${supplierId}, ${input.kind}, ${input.number}, ${input.expiresOn ?? null}, ${key}, ${FORMATS[format]},
            ${bytes.length}, ${input.fileName ?? null}, ${userId})
    returning id`,
  ))!;
  return (await listSupplierDocuments(db, supplierId, now)).find((d) => d.id === row.id)!;
}

/** A supplier's documents, newest first, with their expiry on today's business day. */
export async function listSupplierDocuments(db: Db, supplierId: string, now = new Date()) {
  const today = supplierToday(now);
  const found = await rows<DocumentRow>(
    db,
    sql`
    select ${DOCUMENT_COLUMNS}, (d.expires_on - ${today}::date)::int as days_left
    from supplier_documents d where d.supplier_id = ${supplierId}
    order by d.created_at desc, d.id`,
  );
  return found.map(documentView);
}

/** Approves or rejects (with a reason) a document; a later review replaces an earlier one. */
export async function reviewSupplierDocument(
  db: Db,
  supplierId: string,
  documentId: string,
  review: { decision: 'approved' | 'rejected'; reason?: string },
  userId: string,
  now = new Date(),
) {
  if (review.decision === 'rejected' && !review.reason?.trim())
    throw validation('A rejection needs a reason', { field: 'reason' });
  const row = await one<{ id: string }>(
    db,
    sql`
    update supplier_documents set review_status = ${review.decision},
      review_reason = ${review.decision === 'rejected' ? review.reason!.trim() : null},
      reviewed_at = now(), reviewed_by = ${userId}
    where id = ${documentId} and supplier_id = ${supplierId} returning id`,
  );
  if (!row) throw notFound('Document');
  return (await listSupplierDocuments(db, supplierId, now)).find((d) => d.id === documentId)!;
}

/** The stored file of a document, for the console route; 404 when unknown. */
export async function supplierDocumentFile(db: Db, storage: FileStorage, supplierId: string, documentId: string) {
  const row = await one<{ file_key: string; content_type: string; file_name: string | null; kind: string }>(
    db,
    sql`select file_key, content_type, file_name, kind from supplier_documents where id = ${documentId} and supplier_id = ${supplierId}`,
  );
  if (!row) throw notFound('Document');
  const file = await storage.get(row.file_key);
  if (!file) throw notFound('Document file');
  const ext = row.file_key.split('.').pop();
  return { body: file.body, contentType: row.content_type, downloadName: `${row.kind}-${documentId}.${ext}` };
}

/** A supplier with its standing (usable, qualified, what it lacks) and its documents. */
export async function supplierDetail(db: Db, supplierId: string, now = new Date()) {
  const today = sql`${supplierToday(now)}::date`;
  const s = await one<{
    id: string;
    name: string;
    status: string;
    required_documents: string[];
    missing: string[];
    usable: boolean;
  }>(
    db,
    sql`
    select s.id, s.name, s.status, s.required_documents, ${missingDocumentsSql(sql`s`, today)} as missing,
      ${supplierUsableSql(sql`s.id`, today)} as usable
    from suppliers s where s.id = ${supplierId}`,
  );
  if (!s) throw notFound('Supplier');
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    requiredDocuments: s.required_documents,
    qualified: s.missing.length === 0,
    missingDocuments: s.missing,
    usable: s.usable,
    documents: await listSupplierDocuments(db, supplierId, now),
  };
}

/**
 * Raises an alert for each document that expires within 30 days of today (or has expired) and is
 * not replaced by a later one of its kind: once per document and expiry date (the business key),
 * so the daily job, run again or on two servers, raises nothing twice. One statement.
 */
export async function raiseDocumentExpiryAlerts(db: Db, now = new Date()): Promise<number> {
  const today = sql`${supplierToday(now)}::date`;
  return raiseAlertsFrom(
    db,
    sql`
    select 'supplier_document_expiring'::text as kind,
      'document-expiry:' || d.id::text || ':' || d.expires_on::text as business_key,
      null::uuid as region_id,
      (case when d.expires_on < ${today} then 'critical' else 'warning' end)::text as severity,
      'supplier'::text as subject_type, d.supplier_id as subject_id,
      jsonb_build_object('supplierId', s.id, 'supplierName', s.name, 'documentId', d.id, 'kind', d.kind,
        'number', d.number, 'expiresOn', d.expires_on::text, 'daysLeft', d.expires_on - ${today}) as details
    from supplier_documents d join suppliers s on s.id = d.supplier_id
    where d.review_status <> 'rejected' and d.expires_on is not null
      and d.expires_on <= ${today} + ${EXPIRY_NOTICE_DAYS}::int
      and not exists (
        select 1 from supplier_documents n
        where n.supplier_id = d.supplier_id and n.kind = d.kind and n.review_status <> 'rejected' and n.id <> d.id
          and (n.expires_on is null or n.expires_on > d.expires_on))`,
  );
}
