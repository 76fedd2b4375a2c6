import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDatabaseUrl, type TestServer } from './harness.js';
import { openDatabase, rows } from '../src/db/client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the application's PostgreSQL connections", () => {
  it('never JIT-compile and keep generic plans, on every pooled connection (decision 019)', async ({ skip }) => {
    if (server.ctx.database.kind !== 'postgres') skip('PGlite has no JIT and plans in its one process');
    // as many at once as the pool holds, so every connection answers
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        rows<{ jit: string; plans: string }>(
          server.ctx.db,
          sql`select current_setting('jit') as jit, current_setting('plan_cache_mode') as plans, pg_sleep(0.01) is null as waited`,
        ),
      ),
    );
    expect(new Set(answers.map(([a]) => `${a.jit} ${a.plans}`))).toEqual(new Set(['off force_generic_plan']));
  });
});

describe('a DATABASE_URL with options of its own', () => {
  it('keeps them and still turns JIT off', async ({ skip }) => {
    const url = testDatabaseUrl();
    if (server.ctx.database.kind !== 'postgres' || !url) skip('needs PostgreSQL');
    const u = new URL(url as string);
    u.searchParams.set('options', '-c statement_timeout=4321');
    const database = await openDatabase({ url: u.toString(), poolSize: 1 });
    try {
      const [row] = await rows<{ jit: string; timeout: string }>(
        database.db,
        sql`select current_setting('jit') as jit, current_setting('statement_timeout') as timeout`,
      );
      expect(row).toEqual({ jit: 'off', timeout: '4321ms' });
    } finally {
      await database.close();
    }
  });
});

describe('the orders table', () => {
  it('keeps the close of an order off every index, with room on its page (HOT updates, decision 023)', async () => {
    // The cutoff closes a whole day of orders at once (paid → closed): when no index names the
    // columns it writes, PostgreSQL rewrites each order on its own page instead of adding an entry
    // to every index of a table that holds a year of orders.
    const written = ['status', 'closed_at'];
    const indexes = await rows<{ name: string; def: string }>(
      server.ctx.db,
      sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'orders'`,
    );
    expect(indexes.length).toBeGreaterThan(5);
    const naming = indexes.filter((i) => written.some((c) => new RegExp(`\\b${c}\\b`).test(i.def)));
    expect(naming.map((i) => i.name)).toEqual([]);
    const [table] = await rows<{ options: string[] | null }>(
      server.ctx.db,
      sql`select reloptions as options from pg_class where relname = 'orders' and relkind = 'r'`,
    );
    expect(table.options).toContain('fillfactor=50');
  });
});
