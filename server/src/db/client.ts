import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database handle or an open transaction: services take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
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
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20 });
    // An idle pooled connection can die (server restart, admin termination); the pool replaces it.
    // Without a listener that error would crash the process.
    pool.on('error', (err) => console.error('database connection lost:', err.message));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const client = new PGlite(opts.dataDir, {
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Applies pending migrations; on PostgreSQL under an advisory lock, so processes starting together take turns. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const holder = await pool.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(database.db as never, { migrationsFolder: MIGRATIONS });
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      holder.release();
    }
  } else {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS });
  }
}

/** Run raw SQL and return its rows (both drivers expose `.rows`). */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function one<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}
