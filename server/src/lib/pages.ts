import { sql, type SQL } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { validation } from './errors.js';

/**
 * Keyset (cursor) pages for every list the API answers (decision 020).
 *
 * A list is ordered by a key that is unique per row — e.g. (created_at, id) — newest first. A
 * page is the rows after the last key of the previous page, so a page costs the same however deep
 * the client has scrolled, and rows inserted meanwhile never shift or repeat what follows. The
 * cursor is opaque to clients: base64url JSON of the list's name and the last row's key (times
 * with their microseconds, so rows created in the same millisecond are neither skipped nor
 * repeated).
 *
 * The next page's cursor is answered in the `X-Next-Cursor` header (absent on the last page);
 * answers that are objects also carry it as `nextCursor`.
 */

/** Rows per page when the request does not say. */
export const PAGE_DEFAULT = 50;
/** The most rows one page may ask for; more is refused (400), not quietly cut. */
export const PAGE_MAX = 200;
/** The response header carrying the next page's cursor. */
export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

const CURSOR_MAX_CHARS = 300;

/** The query parameters of every paged list (merge into the route's own querystring). */
export const pageQuery = z.object({
  cursor: z
    .string()
    .max(CURSOR_MAX_CHARS)
    .optional()
    .describe(`The previous page's ${NEXT_CURSOR_HEADER} header; absent for the first page`),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_MAX)
    .optional()
    .describe(`Rows per page, ${PAGE_DEFAULT} unless given, at most ${PAGE_MAX}`),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** What each part of a key is: a timestamptz, a uuid, or a (big)integer. */
type PartKind = 'time' | 'uuid' | 'int';
type PartValue = string | number;

export interface Keyset {
  /** names the list, so a cursor of another list is refused rather than misread */
  readonly name: string;
  readonly parts: readonly { column: SQL; kind: PartKind }[];
}

/** A list's sort key, most significant part first; the parts together must be unique per row. */
export function keyset(name: string, ...parts: [SQL, PartKind][]): Keyset {
  return { name, parts: parts.map(([column, kind]) => ({ column, kind })) };
}

export interface PageRequest {
  readonly limit: number;
  readonly after: readonly PartValue[] | null;
}

const TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const validPart = (kind: PartKind, v: unknown): boolean => {
  if (kind === 'int') return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (typeof v !== 'string') return false;
  if (kind === 'uuid') return UUID.test(v);
  const m = TIME.exec(v);
  if (!m || Number(m[1]) < 1900) return false;
  // a calendar time that exists (no 13th month, no 30 February): it survives the round trip
  const ms = `${v.slice(0, 23)}Z`;
  const parsed = new Date(ms);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === ms;
};

const badCursor = () => validation('The cursor is not valid: start again without one', { field: 'cursor' });

/** Reads the page a request asks for; a cursor that is not one of this list's is a 400. */
export function pageRequest(ks: Keyset, query: PageQuery, defaultLimit = PAGE_DEFAULT): PageRequest {
  const limit = query.limit ?? defaultLimit;
  if (query.cursor === undefined) return { limit, after: null };
  const text = query.cursor;
  if (!BASE64URL.test(text) || text.length > CURSOR_MAX_CHARS) throw badCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { l, k } = (decoded ?? {}) as { l?: unknown; k?: unknown };
  if (l !== ks.name || !Array.isArray(k) || k.length !== ks.parts.length) throw badCursor();
  if (!ks.parts.every((p, i) => validPart(p.kind, k[i]))) throw badCursor();
  return { limit, after: k as PartValue[] };
}

const CAST = { time: sql`timestamptz`, uuid: sql`uuid`, int: sql`bigint` } as const;
const keyAlias = (i: number) => sql.raw(`"page_k${i}"`);

/**
 * The SQL pieces of a page: the key's columns to select (`select ..., ${p.select}`), the condition
 * that starts after the cursor (`where ... and ${p.after}`), the order and the limit (one row more
 * than the page, to know whether another page follows). The limit is written into the statement:
 * a parameter would leave a generic plan guessing how many rows are wanted.
 */
export function pageSql(ks: Keyset, req: PageRequest) {
  const select = sql.join(
    ks.parts.map((p, i) =>
      p.kind === 'time'
        ? sql`to_char(${p.column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${keyAlias(i)}`
        : sql`${p.column} as ${keyAlias(i)}`,
    ),
    sql`, `,
  );
  const columns = sql.join(
    ks.parts.map((p) => p.column),
    sql`, `,
  );
  const values = req.after
    ? sql.join(
        ks.parts.map((p, i) => sql`${req.after![i]}::${CAST[p.kind]}`),
        sql`, `,
      )
    : null;
  return {
    select,
    after: values ? (ks.parts.length === 1 ? sql`${columns} < ${values}` : sql`(${columns}) < (${values})`) : sql`true`,
    orderBy: sql.join(
      ks.parts.map((p) => sql`${p.column} desc`),
      sql`, `,
    ),
    limit: sql.raw(String(req.limit + 1)),
  };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const encodeCursor = (ks: Keyset, key: readonly PartValue[]): string =>
  Buffer.from(JSON.stringify({ l: ks.name, k: key }), 'utf8').toString('base64url');

/** The page's rows (fetched with `pageSql`) and the cursor of the next page, if there is one. */
export function pageOf<T extends object>(ks: Keyset, req: PageRequest, found: T[]): Page<T> {
  if (found.length <= req.limit) return { items: found, nextCursor: null };
  const items = found.slice(0, req.limit);
  const last = items[items.length - 1] as Record<string, unknown>;
  const key = ks.parts.map((p, i) => {
    const v = last[`page_k${i}`];
    return p.kind === 'int' ? Number(v) : String(v);
  });
  return { items, nextCursor: encodeCursor(ks, key) };
}

/** Sets the next page's header (when there is a next page) and answers the page's items. */
export function sendPage<T>(reply: FastifyReply, page: Page<T>): T[] {
  if (page.nextCursor) reply.header(NEXT_CURSOR_HEADER, page.nextCursor);
  return page.items;
}

/** For answers that are objects: the header as for arrays, and the same cursor as a field. */
export function withNextCursor<T extends object>(reply: FastifyReply, body: T, nextCursor: string | null) {
  if (nextCursor) reply.header(NEXT_CURSOR_HEADER, nextCursor);
  return { ...body, nextCursor };
}

type OpenApiOperation = {
  parameters?: { in?: string; name?: string }[];
  responses?: Record<string, { headers?: Record<string, unknown> }>;
};

/**
 * Documents the `X-Next-Cursor` header on the success answer of every paged operation (those
 * taking a `cursor` query parameter), so the generated client types know it.
 */
export function documentNextCursor<T extends { paths?: Record<string, Record<string, unknown>> }>(doc: T): T {
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops) as OpenApiOperation[]) {
      const paged = op?.parameters?.some((p) => p.in === 'query' && p.name === 'cursor');
      const ok = op?.responses?.['200'];
      if (!paged || !ok) continue;
      ok.headers = {
        ...ok.headers,
        [NEXT_CURSOR_HEADER]: {
          description: 'The cursor of the next page (pass it as `cursor`); absent on the last page',
          schema: { type: 'string' },
        },
      };
    }
  }
  return doc;
}
