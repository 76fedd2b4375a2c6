import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { rows } from '../src/db/client.js';

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
