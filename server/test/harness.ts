import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, createContext, type App, type AppContext } from '../src/app.js';
import { migrate, openDatabase } from '../src/db/client.js';
import { loadConfig, type Config } from '../src/lib/config.js';
import { ensureAdmin } from '../src/modules/accounts/service.js';

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
  close(): Promise<void>;
}

/** The PostgreSQL server to create test databases on, or undefined for PGlite. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.LINLI_TEST_DATABASE === 'postgres' && !url) {
    throw new Error('The postgres test project needs TEST_DATABASE_URL (it is set but empty); unset it to use postgres://postgres@127.0.0.1:5432/test');
  }
  return url || undefined;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const adminUrl = testDatabaseUrl();
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `linli_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
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
  const database = await openDatabase({ url, poolSize: 10 });
  await migrate(database);
  const config: Config = {
    ...loadConfig({}), simpaySecret: SIMPAY_SECRET, jobs: false, demo: false, ...overrides,
  };
  await ensureAdmin(database.db, ADMIN.phone, ADMIN.password);
  const ctx = createContext(database, config);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
    },
  };
}
