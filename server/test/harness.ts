import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { createContext, type App, type AppContext } from '../src/context.js';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate, openDatabase, type Database, type Db } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import { loadConfig, type Config } from '../src/lib/config.js';
import type { LogOptions } from '../src/lib/log.js';
import { ensureAdmin } from '../src/modules/accounts/service.js';
import { configurePasswordHashing } from '../src/lib/password.js';
import type { SmsProvider } from '../src/lib/sms.js';

/**
 * Each test file gets its own empty, migrated database: an in-memory PGlite, or — when
 * TEST_DATABASE_URL is set (the "postgres" test project) — a fresh database on that server.
 * LINLI_TEST_DATABASE names the project, so a postgres run whose URL came out empty fails
 * instead of quietly testing PGlite a second time.
 */
export const ADMIN = { phone: '13800000000', password: 'admin-pass-123' };
export const SIMPAY_SECRET = 'test-simpay-secret';

export interface TestServer {
  app: App;
  ctx: AppContext;
  /** the test database's address on PostgreSQL (for other processes to share it); undefined on PGlite */
  databaseUrl?: string;
  close(): Promise<void>;
}

/**
 * Password hashes in tests use scrypt N=2^12 (LINLI_SCRYPT_LOG_N, refused in production): the
 * suite registers hundreds of users, and 0.3 s each at the production cost would dominate it.
 * test/production.test.ts proves the production cost.
 */
export const TEST_SCRYPT_LOG_N = 12;

/**
 * Another app on the same database with its own handle (on PostgreSQL its own connection pool),
 * as a second server process would be: nothing held in one app's memory — per-customer queues,
 * batches, sold-out marks — orders the other's requests, so only the database decides between them.
 * On PGlite, which has one connection, the handle wraps the same instance.
 */
export async function startSecondInstance(first: TestServer): Promise<TestServer> {
  const database: Database = first.databaseUrl
    ? await openDatabase({ url: first.databaseUrl, poolSize: 10 })
    : {
        db: drizzlePglite((first.ctx.db as unknown as { $client: PGlite }).$client, { schema }) as unknown as Db,
        kind: 'pglite',
        warm: async () => {},
        close: async () => {},
        listen: first.ctx.database.listen,
      };
  const ctx = createContext(database, first.ctx.config);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    databaseUrl: first.databaseUrl,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The PostgreSQL server to create test databases on, or undefined for PGlite. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.LINLI_TEST_DATABASE === 'postgres' && !url) {
    throw new Error(
      'The postgres test project needs TEST_DATABASE_URL (it is set but empty); unset it to use postgres://postgres@127.0.0.1:5432/test',
    );
  }
  return url || undefined;
}

/**
 * PGTZ, as libpq reads it, sets the test database's session time zone: the suite can run as
 * against a server in a zone with daylight saving (e.g. PGTZ=America/New_York).
 */
function databaseTimeZone(): string | undefined {
  const zone = process.env.PGTZ;
  if (!zone) return undefined;
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) throw new Error(`PGTZ is not a time zone name: ${zone}`);
  return zone;
}

export async function startTestServer(
  overrides: Partial<Config> = {},
  opts: { logger?: LogOptions; sms?: SmsProvider } = {},
): Promise<TestServer> {
  const adminUrl = testDatabaseUrl();
  const zone = databaseTimeZone();
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `linli_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // a copy of the migrated template made once per run (test/global-setup.ts)
    const template = inject('postgresTemplate');
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
    if (zone) await admin.query(`alter database ${name} set timezone to '${zone}'`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const template = url ? undefined : inject('pgliteTemplate');
  const database = await openDatabase({
    url,
    poolSize: 10,
    loadDataDir: template ? new Blob([await readFile(template)]) : undefined,
  });
  if (zone && !url) await database.db.execute(sql.raw(`set timezone to '${zone}'`));
  await migrate(database);
  const config: Config = {
    ...loadConfig({}),
    simpaySecret: SIMPAY_SECRET,
    jobs: false,
    demo: false,
    scryptLogN: TEST_SCRYPT_LOG_N,
    // tests read the deal list right after their own orders: counters read on every request
    // (test/deal-list.test.ts checks the one-second bound itself)
    dealListRefreshMs: 0,
    // each test server keeps its uploads in a folder of its own, removed when it closes
    media: { dir: join(tmpdir(), `linli-media-${randomBytes(6).toString('hex')}`) },
    ...overrides,
  };
  configurePasswordHashing(config.scryptLogN);
  await ensureAdmin(database.db, ADMIN.phone, ADMIN.password);
  const ctx = createContext(database, config, { sms: opts.sms });
  const app = await buildApp(ctx, { logger: opts.logger });
  await app.ready();
  return {
    app,
    ctx,
    databaseUrl: url,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
      if (!overrides.media) await rm(config.media.dir, { recursive: true, force: true });
    },
  };
}
