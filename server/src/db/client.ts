import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { MIGRATIONS_DIR } from '../paths.js';
import * as schema from './schema.js';
import { pgliteOf, preparedQuery, prepareStatementsOn } from './pglite-prepared.js';

export type Schema = typeof schema;
/** A database handle or an open transaction: services take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Opens every pooled connection now, so the first burst of requests does not wait for them. */
  warm(): Promise<void>;
  close(): Promise<void>;
  /**
   * Hears NOTIFYs on a channel over a connection of its own, reconnecting when it drops; `onState`
   * says when hearing starts and stops (what was sent in between is lost). On the embedded PGlite
   * (one process) it hears what that process's own statements send.
   */
  listen(channel: string, onMessage: (payload: string) => void, onState: (up: boolean) => void): Listener;
}

export interface Listener {
  close(): Promise<void>;
}

/** any fixed number: the advisory lock key that serializes migrations across processes */
const MIGRATION_LOCK = 7_345_001;
const INT8 = 20;
const NUMERIC = 1700;

// int8 (counts, sums, bigserial) and numeric as JS numbers: every value we store is far below 2^53.
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

export interface OpenOptions {
  /** postgres://… selects a PostgreSQL server; otherwise the embedded PGlite */
  url?: string;
  /** PGlite data directory; undefined = in memory */
  dataDir?: string;
  /** PGlite: start from this dump of a data directory (dumpDataDir) instead of an empty cluster */
  loadDataDir?: Blob;
  poolSize?: number;
}

/**
 * LINLI_RECORD_STATEMENTS=<file>: every distinct statement text sent to PostgreSQL is appended to the file
 * once, as a JSON line with the parameters of its first execution (for bench/plans.ts). Off unless set:
 * nothing is wrapped then.
 */
function recordStatements(file: string) {
  const seen = new Set<string>();
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : first?.text;
    if (typeof text === 'string' && !seen.has(text) && seen.size < 20_000) {
      seen.add(text);
      const values = typeof first === 'string' ? (Array.isArray(args[1]) ? args[1] : []) : (first.values ?? []);
      appendFileSync(file, `${JSON.stringify({ text, values })}\n`);
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}
let recording = false;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    if (process.env.LINLI_RECORD_STATEMENTS && !recording) {
      recording = true;
      recordStatements(process.env.LINLI_RECORD_STATEMENTS);
    }
    // Generic plans for our prepared statements (and no JIT, below): PostgreSQL otherwise re-plans the checkout's
    // statements on every execution (their generic cost estimate looks worse), which was most of
    // their CPU — see decision 010.
    // Connections are kept, not closed when idle: each new one costs the database a backend process
    // (a fork and its start-up, milliseconds of CPU on the same cores), and the moment a pool
    // grows is a burst — a flash deal opening — when that time is dearest.
    const max = opts.poolSize ?? 20;
    const { url, options } = withSessionOptions(opts.url);
    const pool = new pg.Pool({
      connectionString: url,
      max,
      idleTimeoutMillis: 0,
      // No JIT compilation: every statement of the application is short, and a JIT-compiled one
      // spends tens to hundreds of milliseconds compiling to save microseconds (decision 019).
      options,
    });
    // An idle pooled connection can die (server restart, admin termination); the pool replaces it.
    // Without a listener that error would crash the process.
    pool.on('error', (err) => console.error('database connection lost:', err.message));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const warm = async () => {
      const clients = await Promise.all(Array.from({ length: max }, () => pool.connect()));
      for (const c of clients) c.release();
    };
    const listen = (
      channel: string,
      onMessage: (payload: string) => void,
      onState: (up: boolean) => void,
    ): Listener => {
      let client: pg.Client | undefined;
      let closed = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async () => {
        if (closed) return;
        const c = new pg.Client({ connectionString: opts.url });
        client = c;
        let up = false;
        const lost = () => {
          if (client !== c) return;
          client = undefined;
          if (up) onState(false);
          c.end().catch(() => {});
          if (!closed) retry = setTimeout(() => void connect(), 500);
        };
        c.on('error', lost);
        c.on('end', lost);
        c.on('notification', (n) => {
          if (n.channel === channel) onMessage(n.payload ?? '');
        });
        try {
          await c.connect();
          await c.query(`listen ${channel}`);
          if (client !== c) return;
          up = true;
          onState(true);
        } catch {
          lost();
        }
      };
      void connect();
      return {
        async close() {
          closed = true;
          clearTimeout(retry);
          const c = client;
          client = undefined;
          await c?.end().catch(() => {});
        },
      };
    };
    return { db, kind: 'postgres', warm, close: () => pool.end(), listen };
  }
  // One options object: PGlite ignores a second argument when the first (the directory) is undefined,
  // so an in-memory database would lose the extension and the parsers.
  const client = new PGlite({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    // trigram similarity for product search (migration 0021 creates the extension)
    extensions: { pg_trgm },
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
  });
  await client.waitReady;
  // Prepared statements planned once, as on the PostgreSQL pool (decision 010): with PGlite's default
  // every execution was parsed and planned again, more than half of its time (decision 026).
  prepareStatementsOn(client);
  await client.exec('set plan_cache_mode = force_generic_plan');
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const listen = (channel: string, onMessage: (payload: string) => void, onState: (up: boolean) => void): Listener => {
    // a closed database cannot be heard: the authenticator stays deaf (short cache) instead of crashing
    const unlisten = client.listen(channel, onMessage).then(
      (stop) => {
        onState(true);
        return stop;
      },
      () => async () => {},
    );
    return { close: async () => (await unlisten)().catch(() => {}) };
  };
  return { db, kind: 'pglite', warm: async () => {}, close: () => client.close(), listen };
}

/**
 * The session settings of the application's PostgreSQL connections (also used by the plan checker,
 * bench/plans.ts, to explain statements as the application runs them).
 */
export const SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan -c jit=off';

/**
 * The pool's session settings after any `options` the URL carries: node-postgres lets a URL's
 * `options` replace the pool's, which would silently drop generic plans and jit=off.
 */
export function withSessionOptions(url: string): { url: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, options: SESSION_OPTIONS };
  }
  const own = parsed.searchParams.get('options');
  if (own === null) return { url, options: SESSION_OPTIONS };
  parsed.searchParams.delete('options');
  return { url: parsed.toString(), options: `${own} ${SESSION_OPTIONS}` };
}

/** Applies pending migrations; on PostgreSQL under an advisory lock, so processes starting together take turns. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const holder = await pool.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      holder.release();
    }
  } else {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}

// Timestamps, dates and intervals stay text, exactly as drizzle's own driver setting returns them.
const RAW_TEXT_TYPES = new Set([1184, 1114, 1082, 1186]);
const TYPES = {
  getTypeParser: (oid: number, format?: string) =>
    RAW_TEXT_TYPES.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'),
};
const statementNames = new Map<string, string>();

const toQuery = (db: Db, query: SQL) =>
  (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);

/** The driver's client behind a handle or transaction. */
function sessionClient(db: Db): unknown {
  const handle = db as unknown as { $client?: unknown; session?: { client?: unknown } };
  return handle.session?.client ?? handle.$client;
}

/** The node-postgres connection behind a handle or transaction; undefined for PGlite. */
function postgresClient(db: Db): pg.Pool | pg.PoolClient | undefined {
  const client = sessionClient(db);
  return client instanceof pg.Pool || client instanceof pg.Client ? (client as pg.Pool | pg.PoolClient) : undefined;
}

/**
 * On PostgreSQL every statement runs as a named prepared statement (named by a hash of its text),
 * and with generic plans forced for the pool (openDatabase) each connection plans it once:
 * planning was most of the database's CPU on the checkout path
 * (pgbench: 9.4k vs 41k executions/s for the order query, simple vs prepared). Statements with
 * very many parameters (long id lists) are not kept.
 */
async function run<T>(db: Db, query: SQL): Promise<T[]> {
  const client = postgresClient(db);
  // the embedded database prepares its statements too (db/pglite-prepared.ts)
  const embedded = client ? undefined : pgliteOf(sessionClient(db));
  if (!client) {
    if (!embedded) return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
    const { sql: text, params } = toQuery(db, query);
    return preparedQuery<T>(embedded.pglite, embedded.inTransaction, text, params);
  }
  const { sql: text, params } = toQuery(db, query);
  let name: string | undefined;
  if (params.length <= 64) {
    name = statementNames.get(text);
    if (!name) {
      name = `l_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      if (statementNames.size < 5000) statementNames.set(text, name);
    }
  }
  const result = await client.query<T & pg.QueryResultRow>({
    name,
    text,
    values: params as unknown[],
    types: TYPES,
  } as pg.QueryConfig);
  return result.rows as T[];
}

/**
 * One array parameter (a PostgreSQL array literal) of texts, uuids, numbers or nulls. Drizzle would expand a JS
 * array into one parameter per element; with `= any(...)` or `unnest(...)` over this, a statement's
 * text stays the same whatever the list length, so it stays one prepared statement.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? v : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/** Run raw SQL and return its rows. */
export function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return run<T>(db, query);
}

export async function one<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T | undefined> {
  return (await run<T>(db, query))[0];
}

/** Run a statement for its effect. */
export async function exec(db: Db, query: SQL): Promise<void> {
  await run(db, query);
}

/** A unique constraint refused the write (PostgreSQL error 23505), however the driver wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

// Connection failures (refused, reset, timed out) and the server's own "shutting down / starting
// up / too many connections" answers: the database is away, not the request at fault.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed/i;

/** The database cannot be reached right now (down, restarting, or the connection died), however the driver wrapped it. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift() as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | null;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    // only a driver's own error: a wrapper's message quotes the failed query's parameters
    if (e.cause === undefined && typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return false;
}
