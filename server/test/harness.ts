import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, createContext, type App, type AppContext } from '../src/app.js';
import { migrate, openDatabase } from '../src/db/client.js';
import { loadConfig, type Config } from '../src/lib/config.js';
import { ensureAdmin } from '../src/modules/accounts/service.js';
import { configurePasswordHashing } from '../src/lib/password.js';
import type { SmsProvider } from '../src/lib/sms.js';

/**
 * Each test file gets its own empty, migrated database: an in-memory PGlite, or — when
 * TEST_DATABASE_URL is set (the "postgres" test project) — a fresh database on that server.
 */
export const ADMIN = { phone: '13800000000', password: 'admin-pass-123' };
export const SIMPAY_SECRET = 'test-simpay-secret';

export interface TestServer {
  app: App;
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Password hashes in tests use scrypt N=2^12 (LINLI_SCRYPT_LOG_N, refused in production): the
 * suite registers hundreds of users, and 0.3 s each at the production cost would dominate it.
 * test/production.test.ts proves the production cost.
 */
export const TEST_SCRYPT_LOG_N = 12;

export async function startTestServer(overrides: Partial<Config> = {}, opts: { sms?: SmsProvider } = {}): Promise<TestServer> {
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
    ...loadConfig({}), simpaySecret: SIMPAY_SECRET, jobs: false, demo: false, scryptLogN: TEST_SCRYPT_LOG_N, ...overrides,
  };
  configurePasswordHashing(config.scryptLogN);
  await ensureAdmin(database.db, ADMIN.phone, ADMIN.password);
  const ctx = createContext(database, config, opts);
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
