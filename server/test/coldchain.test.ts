import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import type { Api } from './client.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { buy, cutOffAndDeliver, newCampaign, P, type Campaign, type ProductName } from './leader-flow.js';
import { exec, one, rows } from '../src/db/client.js';
import { grantRole } from '../src/modules/accounts/service.js';
import { signLoggerDelivery, verifyLoggerDelivery, inRange, zoneRanges } from '../src/modules/coldchain/rules.js';
import { registerLogger } from '../src/modules/coldchain/service.js';

/**
 * The cold chain (decision 042): readings at dispatch and arrival, their ranges (settings), the
 * alert and the leader's refusal of a breached zone through the arrival flow, the loggers' signed
 * webhook, and the arrival-quality rate against a plain recomputation.
 */

let server: TestServer;
let world: World;
let warehouse: Api;
/** everything logged at the most verbose level: a logger's secret must never appear in it */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});
beforeAll(async () => {
  server = await startTestServer({}, { logger: { level: 'trace', stream: logStream } });
  world = await createWorld(server);
  const clerk = await newCustomer(server, undefined, '仓管');
  await grantRole(server.ctx.db, clerk.userId, 'warehouse');
  warehouse = clerk.api;
});
afterAll(() => server.close());

const pid = (name: ProductName) => world.products[P[name]].id;
const leader = (i: number) => world.leaders[i].api;
const count = async (table: string) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;
const pickupDate = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('rules', () => {
  it('keeps chilled goods within 0–8 °C and frozen ones at −18 °C or below, bounds included', () => {
    const r = zoneRanges({ min: 0, max: 80 }, -180);
    expect([-1, 0, 80, 81].map((t) => inRange(r.chilled, t))).toEqual([false, true, true, false]);
    expect([-500, -180, -179].map((t) => inRange(r.frozen, t))).toEqual([true, true, false]);
  });

  it('verifies a signature over the timestamp and the raw body, within 5 minutes', () => {
    const now = 1_800_000_000_000;
    const ts = String(now / 1000);
    const body = '{"readings":[]}';
    const signature = signLoggerDelivery('k', ts, body);
    expect(verifyLoggerDelivery({ secret: 'k', timestamp: ts, signature, rawBody: body, nowMs: now })).toBe('ok');
    expect(
      verifyLoggerDelivery({ secret: 'k', timestamp: ts, signature: `sha256=${signature}`, rawBody: body, nowMs: now }),
    ).toBe('ok');
    expect(verifyLoggerDelivery({ secret: 'x', timestamp: ts, signature, rawBody: body, nowMs: now })).toBe(
      'bad_signature',
    );
    expect(verifyLoggerDelivery({ secret: 'k', timestamp: ts, signature, rawBody: `${body} `, nowMs: now })).toBe(
      'bad_signature',
    );
    // the timestamp is signed: a fresh time on a captured body does not verify
    expect(
      verifyLoggerDelivery({ secret: 'k', timestamp: String(now / 1000 + 1), signature, rawBody: body, nowMs: now }),
    ).toBe('bad_signature');
    expect(verifyLoggerDelivery({ secret: 'k', timestamp: ts, signature, rawBody: body, nowMs: now + 301_000 })).toBe(
      'stale',
    );
    expect(verifyLoggerDelivery({ secret: 'k', timestamp: ts, signature, rawBody: body, nowMs: now + 299_000 })).toBe(
      'ok',
    );
  });
});

describe('readings and ranges', () => {
  let campaign: Campaign;
  beforeAll(async () => {
    campaign = await newCampaign(world);
    await buy(server, world, campaign, 0, { greens: 2, apple: 1 });
    await cutOffAndDeliver(world, campaign.id, { dispatch: false });
  });

  it('declares the ranges and the target as settings with the seeds’ defaults', async () => {
    const res = await world.admin.get('/admin/settings');
    const byKey = Object.fromEntries(res.body.items.map((s: any) => [s.key, s.value]));
    expect(byKey['coldchain.chilledRangeTenths']).toEqual({ min: 0, max: 80 });
    expect(byKey['coldchain.frozenMaxTenths']).toBe(-180);
    expect(byKey['coldchain.arrivalQualityTargetBps']).toBe(9800);
  });

  it('refuses values out of −50…+60 °C, fractions of a tenth and ambient goods with 400, writing nothing', async () => {
    const before = await count('temperature_readings');
    for (const body of [
      { routeId: world.routeIds[0], day: pickupDate(), zone: 'chilled', tenths: 601 },
      { routeId: world.routeIds[0], day: pickupDate(), zone: 'chilled', tenths: -501 },
      { routeId: world.routeIds[0], day: pickupDate(), zone: 'chilled', tenths: 4.5 },
      { routeId: world.routeIds[0], day: pickupDate(), zone: 'ambient', tenths: 40 },
      { routeId: world.routeIds[0], day: '2026-13-01', zone: 'chilled', tenths: 40 },
    ]) {
      const res = await warehouse.post('/admin/temperature-readings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const leaderBad = await leader(0).post('/leader/temperature-readings', {
      campaignId: campaign.id,
      zone: 'frozen',
      tenths: 700,
    });
    expect(leaderBad.status).toBe(400);
    expect(await count('temperature_readings')).toBe(before);
  });

  it('lets warehouse staff record dispatch readings, not customers or leaders', async () => {
    const body = { routeId: world.routeIds[1], day: pickupDate(), zone: 'frozen', tenths: -200 };
    expect((await leader(0).post('/admin/temperature-readings', body)).status).toBe(403);
    const res = await warehouse.post('/admin/temperature-readings', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: 'dispatch', zone: 'frozen', tenths: -200, inRange: true, maxTenths: -180 });
    expect(res.body.minTenths).toBeNull();
  });

  it('takes arrival readings only after dispatch, and only for the leader’s own point', async () => {
    const early = await leader(0).post('/leader/temperature-readings', {
      campaignId: campaign.id,
      zone: 'chilled',
      tenths: 40,
    });
    expect(early.status).toBe(409);
    // point 2's leader has no sorting list in this campaign (nobody bought there)
    const other = await leader(2).post('/leader/temperature-readings', {
      campaignId: campaign.id,
      zone: 'chilled',
      tenths: 40,
    });
    expect(other.status).toBe(404);
    expect(
      (await one<{ n: number }>(
        server.ctx.db,
        sql`select count(*)::int as n from temperature_readings where stage = 'arrival'`,
      ))!.n,
    ).toBe(0);
  });

  it('keeps readings append-only', async () => {
    await expect(exec(server.ctx.db, sql`update temperature_readings set tenths = 0`)).rejects.toThrow();
    await expect(exec(server.ctx.db, sql`delete from temperature_readings`)).rejects.toThrow();
  });

  it('judges by the range in force: a changed setting applies to later readings only', async () => {
    const put = await world.admin.put('/admin/settings/coldchain.frozenMaxTenths', { value: -220 });
    expect(put.status).toBe(200);
    const res = await warehouse.post('/admin/temperature-readings', {
      routeId: world.routeIds[1],
      day: pickupDate(),
      zone: 'frozen',
      tenths: -200,
    });
    expect(res.body).toMatchObject({ inRange: false, maxTenths: -220 });
    await world.admin.put('/admin/settings/coldchain.frozenMaxTenths', { value: null });
    const list = await world.admin.get(`/admin/temperature-readings?routeId=${world.routeIds[1]}&day=${pickupDate()}`);
    expect(list.body.items.map((r: any) => r.inRange)).toEqual([true, false]);
  });
});

describe('a breach at arrival, and the refusal of the chilled goods', () => {
  let campaign: Campaign;
  let a: Awaited<ReturnType<typeof buy>>;
  let b: Awaited<ReturnType<typeof buy>>;
  let c: Awaited<ReturnType<typeof buy>>;
  beforeAll(async () => {
    campaign = await newCampaign(world);
    a = await buy(server, world, campaign, 0, { greens: 2, apple: 1 });
    b = await buy(server, world, campaign, 0, { milk: 1, greens: 1 });
    c = await buy(server, world, campaign, 1, { milk: 2 }); // point 1: same route, no breach of its own
    await cutOffAndDeliver(world, campaign.id);
  });

  it('refuses a refusal without a reading out of range (409 NO_TEMPERATURE_BREACH)', async () => {
    const res = await leader(0).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'chilled' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NO_TEMPERATURE_BREACH');
  });

  it('records an out-of-range arrival reading, raises one alert and shows the breach to the leader and on the manifest', async () => {
    const res = await leader(0).post('/leader/temperature-readings', {
      campaignId: campaign.id,
      zone: 'chilled',
      tenths: 95,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: 'arrival', inRange: false, pickupPointId: world.pickupPointIds[0] });
    const alert = await one<{ kind: string; region_id: string; details: any }>(
      server.ctx.db,
      sql`select kind, region_id, details from operator_alerts where business_key = ${`temperature:${res.body.id}`}`,
    );
    expect(alert).toMatchObject({ kind: 'temperature_breach' });
    expect(alert!.details).toMatchObject({ tenths: 95, zone: 'chilled', maxTenths: 80 });
    const queued = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'notify.operator' and payload->'details'->>'readingId' = ${res.body.id}`,
    );
    expect(queued!.n).toBe(1);

    const list = await leader(0).get(`/leader/sorting-list?campaignId=${campaign.id}`);
    expect(list.body.breachedZones).toEqual(['chilled']);
    expect(list.body.readings.map((r: any) => r.tenths)).toEqual([95]);
    // point 1 is on the same route: the arrival breach is point 0's, not its
    const other = await leader(1).get(`/leader/sorting-list?campaignId=${campaign.id}`);
    expect(other.body.breachedZones).toEqual([]);
    const manifests = await world.admin.get(`/admin/delivery-manifests?campaignId=${campaign.id}`);
    const m = manifests.body.find((x: any) => x.routeId === world.routeIds[0]);
    expect(m.breachedZones).toEqual(['chilled']);
    expect(m.readings[0]).toMatchObject({ tenths: 95, pickupPointName: '幸福里1号自提点' });
    // the frozen zone read nothing out of range
    const frozen = await leader(0).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'frozen' });
    expect(frozen.body.error.code).toBe('NO_TEMPERATURE_BREACH');
  });

  it('refunds the chilled lines once when two refusals race, and leaves the ambient ones to the count', async () => {
    const paid = await rows<{ id: string; paid_fen: number }>(
      server.ctx.db,
      sql`select l.id, l.paid_fen from order_lines l join products p on p.id = l.product_id
      where l.order_id in (${a.order.id}, ${b.order.id}) and p.temperature_zone = 'chilled' order by l.id`,
    );
    expect(paid.length).toBe(3);
    const [one1, two] = await Promise.all([
      leader(0).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'chilled' }),
      leader(0).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'chilled' }),
    ]);
    expect([one1.status, two.status].sort()).toEqual([200, 409]);
    const won = one1.status === 200 ? one1.body : two.body;
    expect(won.refunds.count).toBe(3);
    expect(won.refunds.amountFen).toBe(paid.reduce((s, l) => s + l.paid_fen, 0));
    const refunds = await rows<{ business_key: string; reason: string; amount_fen: number; note: string }>(
      server.ctx.db,
      sql`select r.business_key, r.reason, r.amount_fen, r.note from refunds r
      where r.order_id in (${a.order.id}, ${b.order.id}) and r.kind = 'arrival_loss' order by r.business_key`,
    );
    expect(refunds.map((r) => r.business_key)).toEqual(paid.map((l) => `arrival:${l.id}`).sort());
    expect(refunds.every((r) => r.reason === 'damaged' && r.note.includes('temperature'))).toBe(true);
    const lines = await rows<{ status: string; zone: string }>(
      server.ctx.db,
      sql`select l.status, p.temperature_zone as zone from order_lines l join products p on p.id = l.product_id
      where l.order_id in (${a.order.id}, ${b.order.id})`,
    );
    expect(lines.filter((l) => l.zone === 'chilled').every((l) => l.status === 'refunded')).toBe(true);
    expect(lines.filter((l) => l.zone === 'ambient').every((l) => l.status === 'allocated')).toBe(true);
    // the apple is still counted as usual; refusing again finds nothing of the zone
    const again = await leader(0).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'chilled' });
    expect(again.status).toBe(409);
    const apple = await leader(0).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [{ productId: pid('apple'), receivedQuantity: 1 }],
    });
    expect(apple.status).toBe(200);
    // point 1's leader has no breach: no refusal
    const c1 = await leader(1).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'chilled' });
    expect(c1.body.error.code).toBe('NO_TEMPERATURE_BREACH');
    expect(c.order.id).toBeTruthy();
  });

  it('lets every point of a route refuse after a breach at its dispatch', async () => {
    const res = await warehouse.post('/admin/temperature-readings', {
      routeId: world.routeIds[0],
      day: pickupDate(),
      zone: 'chilled',
      tenths: 120,
    });
    expect(res.body.inRange).toBe(false);
    const refused = await leader(1).post('/leader/arrivals/refuse', { campaignId: campaign.id, zone: 'chilled' });
    expect(refused.status).toBe(200);
    expect(refused.body.refunds.count).toBe(1);
  });
});

describe('the loggers’ webhook', () => {
  let secret: string;
  let loggerId: string;
  const deliver = (body: string, headers: Record<string, string>) =>
    world.anon.request('POST', '/coldchain/logger-readings', body, headers);
  const signed = (id: string, key: string, body: string, at = Math.floor(Date.now() / 1000)) => ({
    'x-linli-logger': id,
    'x-linli-timestamp': String(at),
    'x-linli-signature': `sha256=${signLoggerDelivery(key, String(at), body)}`,
  });
  const reading = (tenths: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      readings: [
        {
          routeId: world.routeIds[1],
          day: pickupDate(),
          stage: 'dispatch',
          zone: 'frozen',
          tenths,
          measuredAt: new Date().toISOString(),
          ...extra,
        },
      ],
    });
  const loggerReadings = async () =>
    (await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from temperature_readings where logger_id = ${loggerId}`,
    ))!.n;

  beforeAll(async () => {
    const res = await world.admin.post('/admin/temperature-loggers', {
      name: '冷冻车1号',
      warehouseId: world.gridWarehouseId,
    });
    expect(res.status).toBe(201);
    secret = res.body.secret;
    loggerId = res.body.logger.id;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists loggers without their secrets', async () => {
    const res = await world.admin.get('/admin/temperature-loggers');
    expect(res.body.items[0]).toMatchObject({ id: loggerId, signed: true });
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it('records a signed delivery and raises an alert for its breach', async () => {
    const body = reading(-150);
    const res = await deliver(body, signed(loggerId, secret, body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recorded: 1, breaches: 1 });
    expect(await loggerReadings()).toBe(1);
  });

  it('refuses a wrong signature, a stale timestamp and an unknown logger with 401, and a replay with 409, writing nothing', async () => {
    const before = await loggerReadings();
    const alerts = await count('operator_alerts');
    const body = reading(-300);
    const wrong = await deliver(body, signed(loggerId, 'not-the-secret', body));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('BAD_SIGNATURE');
    const tampered = await deliver(reading(-301), signed(loggerId, secret, body));
    expect(tampered.status).toBe(401);
    const stale = await deliver(body, signed(loggerId, secret, body, Math.floor(Date.now() / 1000) - 301));
    expect(stale.status).toBe(401);
    const unsigned = await deliver(body, { 'x-linli-logger': loggerId });
    expect(unsigned.status).toBe(401);
    const unknown = await deliver(body, signed('00000000-0000-4000-8000-000000000000', secret, body));
    expect(unknown.status).toBe(401);
    expect(await loggerReadings()).toBe(before);

    const headers = signed(loggerId, secret, body);
    expect((await deliver(body, headers)).status).toBe(200);
    const replay = await deliver(body, headers);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('REPLAYED');
    expect(await loggerReadings()).toBe(before + 1);
    expect(await count('operator_alerts')).toBe(alerts);
  });

  it('refuses a route of another warehouse and a bad value with 400 after the signature, writing nothing', async () => {
    const before = await loggerReadings();
    const otherWh = (
      await world.admin.post('/admin/warehouses', {
        name: '西区网格仓',
        kind: 'grid',
        parentId: world.centralWarehouseId,
      })
    ).body.id;
    const otherRoute = (await world.admin.post('/admin/routes', { name: '西一线', warehouseId: otherWh })).body.id;
    for (const body of [reading(-200, { routeId: otherRoute }), reading(-200.5), reading(-200, { stage: 'arrival' })]) {
      const res = await deliver(body, signed(loggerId, secret, body));
      expect(res.status, body).toBe(400);
    }
    expect(await loggerReadings()).toBe(before);
  });

  it('accepts an unsigned logger outside production only', async () => {
    const res = await world.admin.post('/admin/temperature-loggers', {
      name: '测试记录仪',
      warehouseId: world.gridWarehouseId,
      unsigned: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toBeNull();
    const body = reading(-250);
    expect((await deliver(body, { 'x-linli-logger': res.body.logger.id })).status).toBe(200);
    await expect(
      registerLogger(
        server.ctx.db,
        null,
        { name: 'x', warehouseId: world.gridWarehouseId, unsigned: true },
        { production: true, actorId: world.leaders[0].userId },
      ),
    ).rejects.toMatchObject({ code: 'SECRET_REQUIRED', status: 409 });
    const config = server.ctx.config as { production: boolean };
    config.production = true;
    try {
      expect((await deliver(body, { 'x-linli-logger': res.body.logger.id })).status).toBe(401);
    } finally {
      config.production = false;
    }
  });

  it('never writes a logger secret to the log', async () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(secret);
  });
});

/** Monday of a date's week (YYYY-MM-DD), computed by hand. */
function monday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

describe('arrival quality', () => {
  let campaign: Campaign;
  beforeAll(async () => {
    // route 1 (point 2): a whole line, a damaged one and a missing one; frozen breaches on this
    // route concern no product here (the world sells nothing frozen)
    campaign = await newCampaign(world);
    await buy(server, world, campaign, 2, { eggs: 2 });
    await buy(server, world, campaign, 2, { eggs: 1 });
    await buy(server, world, campaign, 2, { milk: 1 });
    await buy(server, world, campaign, 0, { apple: 1 });
    await buy(server, world, campaign, 1, { greens: 1, eggs: 1 });
    await cutOffAndDeliver(world, campaign.id);
    const res = await leader(2).post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [
        { productId: pid('eggs'), receivedQuantity: 2, damagedQuantity: 1 },
        { productId: pid('milk'), receivedQuantity: 0, missingQuantity: 1 },
      ],
    });
    expect(res.status).toBe(200);
    // two points of route 0 confirm at the same moment: the route's day counts both; point 1's
    // eggs are left unconfirmed (not counted yet)
    const both = await Promise.all([
      leader(0).post('/leader/arrivals', {
        campaignId: campaign.id,
        lines: [{ productId: pid('apple'), receivedQuantity: 1 }],
      }),
      leader(1).post('/leader/arrivals', {
        campaignId: campaign.id,
        lines: [{ productId: pid('greens'), receivedQuantity: 1 }],
      }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
  });

  /** The rate recomputed from the raw rows, in plain TypeScript, without the report's SQL. */
  async function recompute() {
    const db = server.ctx.db;
    const lists = await rows<{
      id: string;
      campaign_id: string;
      route_id: string;
      point: string;
      status: string;
      day: string;
    }>(
      db,
      sql`select sl.id, sl.campaign_id, sl.route_id, sl.pickup_point_id as point, sl.status, c.pickup_date::text as day
      from sorting_lists sl join campaigns c on c.id = sl.campaign_id`,
    );
    const listLines = await rows<{ list: string; product: string; confirmed: boolean }>(
      db,
      sql`select sorting_list_id as list, product_id as product, received_quantity is not null as confirmed from sorting_list_lines`,
    );
    const orders = await rows<{ id: string; campaign_id: string; point: string; status: string }>(
      db,
      sql`select id, campaign_id, pickup_point_id as point, status from orders`,
    );
    const lines = await rows<{ id: string; order_id: string; product: string; status: string }>(
      db,
      sql`select id, order_id, product_id as product, status from order_lines`,
    );
    const zones = new Map(
      (await rows<{ id: string; zone: string }>(db, sql`select id, temperature_zone as zone from products`)).map(
        (p) => [p.id, p.zone],
      ),
    );
    const refunds = await rows<{ key: string; reason: string; status: string }>(
      db,
      sql`select business_key as key, reason, status from refunds where business_key is not null`,
    );
    const readings = await rows<{ route: string; day: string; zone: string; point: string | null; ok: boolean }>(
      db,
      sql`select route_id as route, day::text as day, zone, pickup_point_id as point, in_range as ok from temperature_readings`,
    );
    const out = new Map<
      string,
      { dispatched: number; good: number; damaged: number; missing: number; breached: number }
    >();
    for (const list of lists) {
      if (list.status === 'pending') continue;
      for (const ll of listLines) {
        if (ll.list !== list.id || !ll.confirmed) continue;
        for (const o of orders) {
          if (o.campaign_id !== list.campaign_id || o.point !== list.point) continue;
          if (!['closed', 'ready', 'completed'].includes(o.status)) continue;
          for (const l of lines) {
            if (l.order_id !== o.id || l.product !== ll.product) continue;
            if (!['arrived', 'picked_up', 'refunded'].includes(l.status)) continue;
            const loss = refunds.find((r) => r.key === `arrival:${l.id}` && r.status === 'refunded');
            const breached = readings.some(
              (r) =>
                !r.ok &&
                r.route === list.route_id &&
                r.day === list.day &&
                r.zone === zones.get(l.product) &&
                (r.point === null || r.point === list.point),
            );
            const key = `${list.route_id}|${monday(list.day)}`;
            const row = out.get(key) ?? { dispatched: 0, good: 0, damaged: 0, missing: 0, breached: 0 };
            row.dispatched++;
            if (!loss && !breached) row.good++;
            if (loss?.reason === 'damaged') row.damaged++;
            if (loss?.reason === 'missing') row.missing++;
            if (breached) row.breached++;
            out.set(key, row);
          }
        }
      }
    }
    return out;
  }

  it('matches a plain recomputation from the raw rows, and the figures known by hand', async () => {
    const day = pickupDate();
    const res = await world.admin.get(`/admin/arrival-quality?from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    expect(res.body.targetBps).toBe(9800);
    const plain = await recompute();
    expect(res.body.items.length).toBe(plain.size);
    for (const item of res.body.items) {
      const p = plain.get(`${item.routeId}|${item.week}`);
      expect(p, item.routeName).toBeDefined();
      expect(item).toMatchObject({
        dispatchedLines: p!.dispatched,
        goodLines: p!.good,
        damagedLines: p!.damaged,
        missingLines: p!.missing,
        breachedLines: p!.breached,
        rateBps: Math.round((p!.good * 10_000) / p!.dispatched),
      });
    }
    // the week's and the period's totals: sums of lines over every route, then the rate
    const sumD = [...plain.values()].reduce((n, p) => n + p.dispatched, 0);
    const sumG = [...plain.values()].reduce((n, p) => n + p.good, 0);
    expect(res.body.total).toEqual({
      dispatchedLines: sumD,
      goodLines: sumG,
      rateBps: Math.round((sumG * 10_000) / sumD),
    });
    expect(res.body.weeks).toEqual([{ week: monday(day), ...res.body.total }]);
    expect(res.body.total).toEqual({ dispatchedLines: 10, goodLines: 3, rateBps: 3000 });
    // by hand: route 0 — the second describe's five lines, of which only the apple arrived whole
    // outside the chilled breach, and this one's apple (whole) and greens (chilled: breached at the
    // route's dispatch); route 1 — eggs whole, eggs damaged, milk missing
    const r0 = res.body.items.find((i: any) => i.routeId === world.routeIds[0]);
    expect(r0).toMatchObject({
      week: monday(day),
      dispatchedLines: 7,
      goodLines: 2,
      breachedLines: 5,
      damagedLines: 4,
    });
    expect(r0.rateBps).toBe(2857);
    const r1 = res.body.items.find((i: any) => i.routeId === world.routeIds[1]);
    expect(r1).toMatchObject({ dispatchedLines: 3, goodLines: 1, damagedLines: 1, missingLines: 1, breachedLines: 0 });
    expect(r1.rateBps).toBe(3333);
  });

  it('follows the target setting, and leaves out days outside the period', async () => {
    await world.admin.put('/admin/settings/coldchain.arrivalQualityTargetBps', { value: 9500 });
    const day = pickupDate();
    const before = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    const res = await world.admin.get(`/admin/arrival-quality?from=${before}&to=${before}`);
    expect(res.body).toEqual({
      targetBps: 9500,
      items: [],
      weeks: [],
      total: { dispatchedLines: 0, goodLines: 0, rateBps: null },
    });
    await world.admin.put('/admin/settings/coldchain.arrivalQualityTargetBps', { value: null });
    const bad = await world.admin.get(`/admin/arrival-quality?from=${day}&to=${before}`);
    expect(bad.status).toBe(400);
  });

  it('exports the report as an .xlsx workbook', async () => {
    const day = pickupDate();
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/arrival-quality/export.xlsx?from=${day}&to=${day}`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const ws = book.worksheets[0];
    expect(ws.name).toBe('到货质量');
    const values = ws.getRow(3).values as unknown[];
    expect(values).toContain(7);
  });
});
