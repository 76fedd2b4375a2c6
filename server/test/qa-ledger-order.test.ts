import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { one } from '../src/db/client.js';

/**
 * GET /leader/commissions lists the ledger newest first. The id is returned as text, and a bare
 * `order by id` in PostgreSQL sorts by that text output column ("85" after "812"), so with 10+
 * entries the list — and which 100 entries the limit keeps — came out in the wrong order.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

describe('leader commission ledger order', () => {
  it('lists entries by id numerically, newest first, past 9 → 10 → 100', async () => {
    const leaderId = world.leaders[0].leaderId;
    // 120 entries: ids cross 1, 2 and 3 digits, and the 100-entry limit has to keep the newest
    for (let i = 0; i < 120; i++) {
      await server.ctx.db.execute(sql`
        insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key)
        values (${leaderId}, 'available', 1, 'settlement', ${'qa-order:' + i})`);
    }
    const res = await world.leaders[0].api.get('/leader/commissions');
    expect(res.status).toBe(200);
    const ids = (res.body.entries as { id: string }[]).map((e) => Number(e.id));
    expect(ids).toHaveLength(100);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const newest = await one<{ max: number }>(server.ctx.db, sql`select max(id)::int as max from ledger_entries where leader_id = ${leaderId}`);
    expect(ids[0]).toBe(newest?.max);
  });
});
