import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import type { Api } from './client.js';
import { one, rows } from '../src/db/client.js';
import { defineSetting, readSetting, readSettings } from '../src/modules/settings/service.js';
import { raiseAlert } from '../src/modules/alerts/service.js';
import { grantRole } from '../src/modules/accounts/service.js';

/** Operating thresholds in one home, and alerts that reach the operators' gateway once. */

const limit = defineSetting({
  key: 'test.limitBps',
  schema: z.number().int().min(0).max(10_000),
  default: 500,
  description: 'a limit in basis points',
});
const range = defineSetting({
  key: 'test.range',
  schema: z.object({ min: z.number(), max: z.number() }).refine((r) => r.min <= r.max),
  default: { min: 0, max: 8 },
  description: 'a range',
});

let server: TestServer;
let world: World;
let clerk: Api;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const c = await newCustomer(server, undefined, '仓管员');
  await grantRole(server.ctx.db, c.userId, 'warehouse');
  clerk = c.api;
});
afterAll(() => server.close());

const stored = async () =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from operating_settings`))!.n;

describe('operating settings', () => {
  it('reads the default until an operator changes it, and goes back to it on null', async () => {
    expect(await readSettings(server.ctx.db, [limit, range] as const)).toEqual([500, { min: 0, max: 8 }]);
    const listed = await world.admin.get('/admin/settings');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((s: any) => s.key === 'test.limitBps')).toMatchObject({
      value: 500,
      default: 500,
      changed: false,
    });

    const put = await world.admin.put('/admin/settings/test.limitBps', { value: 300 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ key: 'test.limitBps', value: 300, default: 500, changed: true });
    expect(await readSetting(server.ctx.db, limit)).toBe(300);

    const back = await world.admin.put('/admin/settings/test.limitBps', { value: null });
    expect(back.body).toMatchObject({ value: 500, changed: false });
    expect(await readSetting(server.ctx.db, limit)).toBe(500);
  });

  it('refuses a value of the wrong shape or an unknown key, and writes nothing', async () => {
    const before = await stored();
    const wrong = await world.admin.put('/admin/settings/test.range', { value: { min: 9, max: 2 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'value' } });
    expect((await world.admin.put('/admin/settings/test.limitBps', { value: 'lots' })).status).toBe(400);
    expect((await world.admin.put('/admin/settings/no.such', { value: 1 })).status).toBe(404);
    expect(await stored()).toBe(before);
  });

  it('is changed by operators only: warehouse staff read it and may not change it', async () => {
    expect((await clerk.get('/admin/settings')).status).toBe(200);
    expect((await clerk.put('/admin/settings/test.limitBps', { value: 100 })).status).toBe(403);
    expect(await readSetting(server.ctx.db, limit)).toBe(500);
  });
});

describe('operator alerts on the outbox', () => {
  it('queues one message per new alert, none for an alert raised again', async () => {
    const key = `settings-test:${Date.now()}`;
    const a = { kind: 'test_alert', businessKey: key, severity: 'critical' as const, details: { n: 1 } };
    expect(await raiseAlert(server.ctx.db, a)).toBe(true);
    expect(await raiseAlert(server.ctx.db, a)).toBe(false);
    const queued = await rows<{ payload: any }>(
      server.ctx.db,
      sql`select payload from outbox where topic = 'notify.operator' and payload->>'alertKind' = 'test_alert'`,
    );
    expect(queued).toHaveLength(1);
    expect(queued[0].payload).toMatchObject({ kind: 'operator_alert', severity: 'critical', details: { n: 1 } });
  });
});
