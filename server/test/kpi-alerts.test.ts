import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { crosses, evaluateKpiAlerts } from '../src/modules/kpis/alerts.js';
import { lastClosedDay } from '../src/modules/analytics/rollups.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';

/**
 * KPI alert rules: a crossing opens one alert in the inbox (and queues its webhook message), none
 * while the KPI stays crossed, none on recovery, a new one when it crosses again; a drop against
 * the same weekday of the 4 weeks before. The values the alerts carry are checked against a plain
 * sum of the raw orders of the day.
 */
let server: TestServer;
let world: World;
const TZ = 'Asia/Shanghai';
const NOW = new Date();
const DAY = lastClosedDay(NOW, TZ);

/** one paid order of `fen` on a business day, at noon */
async function orderOn(day: string, fen: number) {
  const at = localTime(day, '12:00', TZ).toISOString();
  const item = world.campaign.items[0];
  const user = world.leaders[0].userId;
  const o = await one<{ id: string }>(
    server.ctx.db,
    sql`insert into orders (kind, user_id, region_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
      select 'goods', ${user}, region_id, id, 'completed', ${fen}, ${fen}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
      from pickup_points where id = ${world.pickupPointIds[0]} returning id`,
  );
  await exec(
    server.ctx.db,
    sql`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen)
      values (${o!.id}, ${item.id}, ${item.productId}, 1, ${fen}, ${fen}, ${fen})`,
  );
}

/** the GMV of a business day, summed from the raw orders */
async function gmvOn(day: string) {
  const found = await rows<{ total_fen: number; at: number }>(
    server.ctx.db,
    sql`select total_fen, (extract(epoch from paid_at) * 1000)::float8 as at from orders where kind = 'goods' and paid_at is not null`,
  );
  return found.filter((o) => businessDate(new Date(o.at), TZ) === day).reduce((a, o) => a + o.total_fen, 0);
}

const alerts = () =>
  rows<{ business_key: string; details: any }>(
    server.ctx.db,
    sql`select business_key, details from operator_alerts where kind = 'kpi_crossed' order by created_at, business_key`,
  );
const outbox = () =>
  rows<{ payload: any }>(
    server.ctx.db,
    sql`select payload from outbox where topic = 'notify.operator' and payload->>'alertKind' = 'kpi_crossed'`,
  );

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  await orderOn(DAY, 5_000);
  await orderOn(DAY, 2_500);
  for (const weeks of [1, 2, 3, 4]) await orderOn(addDays(DAY, -7 * weeks), 20_000 + weeks * 1_000);
  await orderOn(addDays(DAY, -3), 9_999); // another weekday: not in the baseline
});
afterAll(() => server.close());

describe('KPI alert rules', () => {
  it('crosses by direction and by a drop against a baseline', () => {
    const below = { kind: 'below' as const, threshold: 10, dropPercent: null };
    expect(crosses(below, 9, null)).toBe(true);
    expect(crosses(below, 10, null)).toBe(false);
    expect(crosses(below, null, null)).toBe(false);
    expect(crosses({ kind: 'above', threshold: 0.05, dropPercent: null }, 0.06, null)).toBe(true);
    const drop = { kind: 'drop' as const, threshold: null, dropPercent: 30 };
    expect(crosses(drop, 69, 100)).toBe(true);
    expect(crosses(drop, 70, 100)).toBe(false);
    expect(crosses(drop, 1, null)).toBe(false);
  });

  it('opens one alert per crossing, none while crossed, a new one after recovering', async () => {
    const gmv = await gmvOn(DAY);
    expect(gmv).toBe(7_500);
    const created = await world.admin.post('/admin/kpi-alert-rules', {
      kpiKey: 'gmv',
      kind: 'below',
      threshold: gmv + 1,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    expect(await evaluateKpiAlerts(server.ctx.db, NOW)).toBe(1);
    let found = await alerts();
    expect(found.map((a) => a.business_key)).toEqual([`kpi:${id}:1`]);
    expect(found[0].details).toMatchObject({ kpiKey: 'gmv', value: gmv, day: DAY, kind: 'below', threshold: gmv + 1 });
    expect((await outbox()).map((m) => m.payload.details.value)).toEqual([gmv]);

    // still crossed: nothing new
    expect(await evaluateKpiAlerts(server.ctx.db, NOW)).toBe(0);
    expect(await alerts()).toHaveLength(1);

    // recovered: no alert, the rule marked so
    await exec(server.ctx.db, sql`update kpi_alert_rules set threshold = ${gmv - 1} where id = ${id}`);
    expect(await evaluateKpiAlerts(server.ctx.db, NOW)).toBe(0);
    expect((await world.admin.get('/admin/kpi-alert-rules')).body[0]).toMatchObject({ crossed: false, lastValue: gmv });

    // crossing again: a second alert
    await exec(server.ctx.db, sql`update kpi_alert_rules set threshold = ${gmv + 1} where id = ${id}`);
    expect(await evaluateKpiAlerts(server.ctx.db, NOW)).toBe(1);
    found = await alerts();
    expect(found.map((a) => a.business_key)).toEqual([`kpi:${id}:1`, `kpi:${id}:2`]);
    expect(await outbox()).toHaveLength(2);
    expect((await world.admin.request('DELETE', `/admin/kpi-alert-rules/${id}`)).status).toBe(204);
  });

  it('raises a drop against the same weekday of the 4 weeks before', async () => {
    const before = await Promise.all([1, 2, 3, 4].map((w) => gmvOn(addDays(DAY, -7 * w))));
    const baseline = before.reduce((a, b) => a + b, 0) / 4;
    const value = await gmvOn(DAY);
    expect(value).toBeLessThan(baseline * 0.5);
    const rule = (await world.admin.post('/admin/kpi-alert-rules', { kpiKey: 'gmv', kind: 'drop', dropPercent: 50 }))
      .body;
    // a rule that the day does not cross: 80 % would need the day under a fifth of the baseline
    const mild = (await world.admin.post('/admin/kpi-alert-rules', { kpiKey: 'gmv', kind: 'drop', dropPercent: 80 }))
      .body;
    expect(await evaluateKpiAlerts(server.ctx.db, NOW)).toBe(value < baseline * 0.2 ? 2 : 1);
    const raised = (await alerts()).filter((a) => a.business_key.startsWith(`kpi:${rule.id}:`));
    expect(raised).toHaveLength(1);
    expect(raised[0].details.baseline).toBe(baseline);
    expect(raised[0].details.value).toBe(value);
    expect((await alerts()).some((a) => a.business_key.startsWith(`kpi:${mild.id}:`))).toBe(value < baseline * 0.2);
  });

  it('refuses a rule of an unknown KPI or without its threshold, writing nothing', async () => {
    const n = async () => (await rows(server.ctx.db, sql`select id from kpi_alert_rules`)).length;
    const before = await n();
    expect(
      (await world.admin.post('/admin/kpi-alert-rules', { kpiKey: 'nope', kind: 'below', threshold: 1 })).status,
    ).toBe(400);
    expect((await world.admin.post('/admin/kpi-alert-rules', { kpiKey: 'gmv', kind: 'below' })).status).toBe(400);
    expect((await world.admin.post('/admin/kpi-alert-rules', { kpiKey: 'gmv', kind: 'drop' })).status).toBe(400);
    expect(await n()).toBe(before);
  });
});
