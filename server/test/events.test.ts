import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api } from './client.js';
import { exec, one, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { funnel, rollUpFunnelDays } from '../src/modules/events/funnel.js';
import {
  dropExpiredPartitions,
  ensurePartition,
  EVENT_RETENTION_DAYS,
  partitionDays,
} from '../src/modules/events/partitions.js';
import { partitionName } from '../src/modules/events/rules.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';

/**
 * Behaviour events (decision 045): a batch is stored once, whole or not at all, with the user from
 * the session only; the server writes paid, refunded and picked-up where they happen; day
 * partitions are made on demand and dropped past retention; and the purchase funnel — read raw
 * and from its rollup — equals a plain recomputation over generated events.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const anon = () => new Api(server.app);
const event = (type: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type,
  at: new Date().toISOString(),
  ...extra,
});
const count = async (where = sql`true`) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from behaviour_events where ${where}`))!.n;

describe('ingestion', () => {
  it('stores a batch once, resolves the region from the point and the user from the session only', async () => {
    const customer = await newCustomer(server, world.pickupPointIds[0]);
    const deviceId = randomUUID();
    const events = [
      event('deal_viewed', { dealId: world.campaign.items[0].id, pickupPointId: world.pickupPointIds[0] }),
      event('cart_added', { dealId: world.campaign.items[0].id, pickupPointId: world.pickupPointIds[0] }),
      event('searched', { query: '  西红柿 138 0013 8000 call  ', pickupPointId: world.pickupPointIds[0] }),
    ];
    const body = { source: 'shop', deviceId, session: customer.api.token, events };
    const first = await anon().post('/events', body);
    expect(first.status).toBe(200);
    expect(first.body.stored).toBe(3);
    // sent again (a beacon retried): nothing more
    expect((await anon().post('/events', body)).body.stored).toBe(0);
    const stored = await rows<{ user_id: string; region_id: string; device_id: string; query: string | null }>(
      server.ctx.db,
      sql`select user_id, region_id, device_id, query from behaviour_events where device_id = ${deviceId} order by type`,
    );
    expect(stored).toHaveLength(3);
    for (const r of stored) {
      expect(r.user_id).toBe(customer.userId);
      expect(r.region_id).toBe(DEFAULT_REGION_ID);
    }
    // the digits that could be a phone number are gone
    expect(stored.find((r) => r.query)?.query).toBe('西红柿 call');
  });

  it('refuses a whole batch with any bad event, a user id in the body, or a server event type', async () => {
    const deviceId = randomUUID();
    const before = await count();
    const good = event('deal_viewed', { pickupPointId: world.pickupPointIds[0] });
    for (const events of [
      [good, { ...event('deal_viewed'), dealId: 'not-a-uuid' }],
      [good, { ...event('deal_viewed'), userId: randomUUID() }],
      [good, event('paid')],
      [],
    ]) {
      const r = await anon().post('/events', { source: 'shop', deviceId, events });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await count()).toBe(before);
  });

  it('reads a beacon (text/plain), without a session as anonymous', async () => {
    const deviceId = randomUUID();
    const raw = JSON.stringify({ source: 'shop', deviceId, events: [event('deal_viewed')] });
    const r = await anon().request('POST', '/events', raw, { 'content-type': 'text/plain;charset=UTF-8' });
    expect(r.status).toBe(200);
    const row = await one<{ user_id: string | null }>(
      server.ctx.db,
      sql`select user_id from behaviour_events where device_id = ${deviceId}`,
    );
    expect(row).toEqual({ user_id: null });
  });

  it('limits the batches of one device', async () => {
    const deviceId = randomUUID();
    const send = () =>
      anon().post('/events', { source: 'console', deviceId, events: [event('page_viewed', { page: 'funnel' })] });
    for (let i = 0; i < 60; i++) expect((await send()).status).toBe(200);
    const over = await send();
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(await count(sql`device_id = ${deviceId}`)).toBe(60);
  });
});

describe('business events from the server', () => {
  it('writes paid, picked up and refunded with the order’s region and point', async () => {
    const customer = await newCustomer(server, world.pickupPointIds[1]);
    const order = await buyAndPay(server, customer.api, {
      pickupPointId: world.pickupPointIds[1],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    const paid = await rows<{ type: string; user_id: string; region_id: string; pickup_point_id: string }>(
      server.ctx.db,
      sql`select type, user_id, region_id, pickup_point_id from behaviour_events where order_id = ${order.id}`,
    );
    expect(paid).toEqual([
      {
        type: 'paid',
        user_id: customer.userId,
        region_id: DEFAULT_REGION_ID,
        pickup_point_id: world.pickupPointIds[1],
      },
    ]);
    // a cancellation of the paid order refunds it: one refunded event
    const cancel = await customer.api.post(`/orders/${order.id}/cancel`, {});
    if (cancel.status === 200)
      expect(await count(sql`order_id = ${order.id} and type = 'refunded' and source = 'server'`)).toBe(1);
  });
});

describe('partitions', () => {
  it('moves rows the default partition caught into the day’s new partition, and drops days past retention', async () => {
    const db = server.ctx.db;
    const today = new Date().toISOString().slice(0, 10);
    const old = addDays(today, -401);
    const kept = addDays(today, -399);
    // written while their days have no partition: the default partition holds them
    for (const day of [old, kept])
      await exec(
        db,
        sql`insert into behaviour_events (id, at, type, source, device_id) values (${randomUUID()}, ${`${day}T06:00:00Z`}, 'deal_viewed', 'shop', ${randomUUID()})`,
      );
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from behaviour_events_default`))!.n).toBe(2);
    await ensurePartition(db, old);
    await ensurePartition(db, kept);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from behaviour_events_default`))!.n).toBe(0);
    expect((await one<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${partitionName(kept)}`)))!.n).toBe(1);
    expect(EVENT_RETENTION_DAYS.default).toBe(400);
    const dropped = await dropExpiredPartitions(db);
    expect(dropped).toEqual([old]);
    const days = await partitionDays(db);
    expect(days).toContain(kept);
    expect(days).not.toContain(old);
    expect(await count(sql`at < ${`${kept}T00:00:00Z`}::timestamptz`)).toBe(0);
  });

  it('reads one day of many through its partitions only', async () => {
    if (server.ctx.database.kind !== 'postgres') return;
    const plan = await rows<{ 'QUERY PLAN': string }>(
      server.ctx.db,
      sql`explain select count(*) from behaviour_events where at >= now() - interval '1 day' and at < now()`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).not.toContain(partitionName(addDays(new Date().toISOString().slice(0, 10), -399)));
  });
});

/** a small deterministic random source */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('the funnel', () => {
  it('equals a plain recomputation over generated events, raw and from the rollup', async () => {
    const db = server.ctx.db;
    const tz = 'Asia/Shanghai';
    const region = await one<{ tz: string }>(
      db,
      sql`select time_zone as tz from regions where id = ${DEFAULT_REGION_ID}`,
    );
    expect(region?.tz).toBe(tz);
    await exec(db, sql`delete from behaviour_events where region_id = ${DEFAULT_REGION_ID}`);
    const today = businessDate(new Date(), tz);
    const rnd = random(45);
    const people = Array.from({ length: 40 }, () => ({
      user: rnd() < 0.6 ? randomUUID() : null,
      device: randomUUID(),
    }));
    const points = world.pickupPointIds;
    const generated: { type: string; at: Date; who: string; userId: string | null; deviceId: string; point: string }[] =
      [];
    // 20 closed days and today; each event at a local time of its day (today: in the past hour or so)
    for (let back = 20; back >= 0; back--) {
      const day = addDays(today, -back);
      for (const p of people) {
        if (rnd() < 0.3) continue;
        const point = points[Math.floor(rnd() * points.length)];
        const at =
          back === 0
            ? new Date(Math.max(localTime(day, '00:00', tz).getTime(), Date.now() - 3_600_000 * rnd()))
            : new Date(localTime(day, '00:00', tz).getTime() + Math.floor(rnd() * 86_399_000));
        const steps = ['deal_viewed', 'cart_added', 'order_placed', 'paid'];
        const reach = 1 + Math.floor(rnd() * 4);
        for (let i = 0; i < reach; i++) {
          // the paid event is the server's: user only, no device
          const server = steps[i] === 'paid';
          if (server && !p.user) break;
          generated.push({
            type: steps[i],
            at,
            who: p.user ?? p.device,
            userId: p.user,
            deviceId: server ? '' : p.device,
            point,
          });
        }
        if (rnd() < 0.2)
          generated.push({ type: 'shared', at, who: p.user ?? p.device, userId: p.user, deviceId: p.device, point });
      }
    }
    for (const day of new Set(generated.map((g) => g.at.toISOString().slice(0, 10)))) await ensurePartition(db, day);
    for (const g of generated)
      await exec(
        db,
        sql`insert into behaviour_events (id, at, type, source, device_id, user_id, region_id, pickup_point_id)
          values (${randomUUID()}, ${g.at.toISOString()}, ${g.type}, ${g.type === 'paid' ? 'server' : 'shop'},
            ${g.deviceId || null}, ${g.userId}, ${DEFAULT_REGION_ID}, ${g.point})`,
      );

    // the plain recomputation: distinct people per local day (and point) and step
    const expected = (days: number) => {
      const from = addDays(today, -(days - 1));
      const byDay = new Map<string, Map<string, Set<string>>>();
      const byPoint = new Map<string, Map<string, Set<string>>>();
      const add = (m: Map<string, Map<string, Set<string>>>, key: string, type: string, who: string) => {
        if (!m.has(key)) m.set(key, new Map());
        const t = m.get(key)!;
        if (!t.has(type)) t.set(type, new Set());
        t.get(type)!.add(who);
      };
      for (const g of generated) {
        const day = businessDate(g.at, tz);
        if (day < from || day > today || g.type === 'shared') continue;
        add(byDay, day, g.type, g.who);
        add(byPoint, `${day}|${g.point}`, g.type, g.who);
      }
      const figs = (t: Map<string, Set<string>>) => ({
        viewers: t.get('deal_viewed')?.size ?? 0,
        carters: t.get('cart_added')?.size ?? 0,
        orderers: t.get('order_placed')?.size ?? 0,
        payers: t.get('paid')?.size ?? 0,
      });
      return {
        days: [...byDay].map(([date, t]) => ({ date, ...figs(t) })).sort((a, b) => a.date.localeCompare(b.date)),
        points: [...byPoint]
          .map(([key, t]) => ({ date: key.split('|')[0], pickupPointId: key.split('|')[1], ...figs(t) }))
          .sort((a, b) => a.date.localeCompare(b.date) || a.pickupPointId.localeCompare(b.pickupPointId)),
      };
    };
    const shown = async (days: number) => {
      const f = await funnel(db, { days, regionIds: [DEFAULT_REGION_ID] });
      return {
        // a rolled day with nobody is a row of zeros; the recomputation has no such day
        days: f.days.filter((d) => d.viewers + d.carters + d.orderers + d.payers > 0).map(({ regionId, ...d }) => d),
        points: f.points
          .map(({ regionId, name, ...p }) => p)
          .sort((a, b) => a.date.localeCompare(b.date) || a.pickupPointId.localeCompare(b.pickupPointId)),
      };
    };
    for (const days of [1, 7, 21]) expect(await shown(days)).toEqual(expected(days));
    // the steps narrow on every day, as generated
    for (const d of expected(21).days)
      expect(d.viewers >= d.carters && d.carters >= d.orderers && d.orderers >= d.payers).toBe(true);

    const rolled = await rollUpFunnelDays(db);
    expect(rolled.find((r) => r.regionId === DEFAULT_REGION_ID)?.days).toBeGreaterThanOrEqual(19);
    const final = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from funnel_days where region_id = ${DEFAULT_REGION_ID}`,
    );
    expect(final!.n).toBeGreaterThanOrEqual(19);
    for (const days of [1, 7, 21]) expect(await shown(days)).toEqual(expected(days));
    // the closed days are read from the rollup, not the events: a change of a final rolled day shows
    const day = addDays(today, -10);
    await exec(
      db,
      sql`update funnel_days set viewers = viewers + 1000 where region_id = ${DEFAULT_REGION_ID} and day = ${day}::date`,
    );
    const f = await funnel(db, { days: 21, regionIds: [DEFAULT_REGION_ID] });
    expect(f.days.find((d) => d.date === day)!.viewers).toBe(
      expected(21).days.find((d) => d.date === day)!.viewers + 1000,
    );
    await exec(
      db,
      sql`update funnel_days set viewers = viewers - 1000 where region_id = ${DEFAULT_REGION_ID} and day = ${day}::date`,
    );

    // through the API, and as a workbook
    const api = await world.admin.get(`/admin/analytics/funnel?days=7&regionId=${DEFAULT_REGION_ID}`);
    expect(api.status).toBe(200);
    expect(api.body.days.filter((d: any) => d.viewers + d.carters + d.orderers + d.payers > 0).length).toBe(
      expected(7).days.length,
    );
    const xlsx = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/analytics/funnel/export.xlsx?days=7',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
