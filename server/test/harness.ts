import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, createContext, type App, type AppContext } from '../src/app.js';
import { migrate, openDatabase } from '../src/db/client.js';
import { loadConfig, type Config } from '../src/lib/config.js';
import { ensureAdmin } from '../src/modules/accounts/service.js';

/**
 * Each test file gets its own empty, migrated database: an in-memory PGlite, or — when
 * TEST_DATABASE_URL is set (the "postgres" test project) — a fresh database on that server.
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

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const adminUrl = process.env.TEST_DATABASE_URL;
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
    databaseUrl: url,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
    },
  };
}
