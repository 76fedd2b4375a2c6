import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one, pgArray, rows } from '../src/db/client.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { readDemand, rollUpDemand } from '../src/modules/forecast/rollup.js';
import { recordForecasts, recordPastForecasts } from '../src/modules/forecast/service.js';

/**
 * The demand forecast (decision 049) over a generated history whose answer is known: 8 weeks of
 * two products at three pickup points, each cell's units a base rate × a slow growth (+1 % a day)
 * × a weekly shape (weekends 1.4, weekdays 0.84) × ±50 % noise from a fixed stream. Every figure
 * is compared with a plain recomputation here in JavaScript from the generated units or from the
 * raw rows, not with the production queries. The history's 56 days end on the last Saturday before
 * today: closed days whatever the hour the test runs (its rollup reads the days up to the last
 * closed one, and the test rolls up at a fixed instant of today's noon).
 */
let server: TestServer;
let world: World;
const TZ = 'Asia/Shanghai';
const TODAY = businessDate(new Date(), TZ);
const NOON = localTime(TODAY, '12:00', TZ);
const DAYS = 56;
/**
 * The history ends on the last Saturday before today and starts on a Sunday, so the series and
 * the days evaluated are the same whatever the day the test runs (the noise stream meets the
 * same weekdays).
 */
const LAST = addDays(TODAY, -((new Date(`${TODAY}T12:00:00Z`).getUTCDay() + 1) % 7 || 7));
const FIRST = addDays(LAST, -(DAYS - 1));
const SHAPE = [1.4, 0.84, 0.84, 0.84, 0.84, 0.84, 1.4];
const BASE = [
  [6, 3, 9],
  [2, 4, 1],
];
const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
/** generated units by day, product index and point index */
const units = new Map<string, number>();
const cell = (day: string, p: number, k: number) => `${day}|${p}|${k}`;
const campaignOf = new Map<string, string>();
/** the day whose first product sold out at its quota (a censored day) */
const SOLD_OUT_DAY = addDays(FIRST, 40);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const db = server.ctx.db;
  const buyer = await newCustomer(server, world.pickupPointIds[0]);
  let seed = 49;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const products = [world.products[0].id, world.products[1].id];
  const o = { id: [] as string[], campaign: [] as string[], point: [] as string[], at: [] as string[] };
  const l = { order: [] as string[], item: [] as string[], product: [] as string[], qty: [] as number[] };
  for (let t = 0; t < DAYS; t++) {
    const day = addDays(FIRST, t);
    const cutoff = localTime(day, '23:00', TZ);
    const c = await one<{ id: string }>(
      db,
      sql`insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status)
        values (${DEFAULT_REGION_ID}, ${`团 ${day}`}, ${localTime(day, '07:00', TZ).toISOString()}::timestamptz,
          ${cutoff.toISOString()}::timestamptz, ${addDays(day, 1)}::date, 'cut_off') returning id`,
    );
    campaignOf.set(day, c!.id);
    for (const [p, productId] of products.entries()) {
      let sold = 0;
      const dayUnits: number[] = [];
      for (let k = 0; k < 3; k++) {
        const mean = BASE[p][k] * (1 + 0.01 * t) * SHAPE[weekday(day)];
        const n = Math.max(0, Math.round(mean * (0.5 + rand())));
        units.set(cell(day, p, k), n);
        dayUnits.push(n);
        sold += n;
      }
      const item = await one<{ id: string }>(
        db,
        sql`insert into campaign_items (campaign_id, product_id, price_fen, quota, sold)
          values (${c!.id}, ${productId}, 990, ${day === SOLD_OUT_DAY && p === 0 ? sold : null}, ${sold}) returning id`,
      );
      for (let k = 0; k < 3; k++) {
        if (!dayUnits[k]) continue;
        const id = randomUUID();
        o.id.push(id);
        o.campaign.push(c!.id);
        o.point.push(world.pickupPointIds[k]);
        o.at.push(localTime(day, `${String(8 + ((t + k) % 14)).padStart(2, '0')}:30`, TZ).toISOString());
        l.order.push(id);
        l.item.push(item!.id);
        l.product.push(productId);
        l.qty.push(dayUnits[k]);
      }
    }
  }
  await exec(
    db,
    sql`insert into orders (id, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
      select x.id, ${buyer.userId}, ${DEFAULT_REGION_ID}, x.campaign, x.point, 'completed', 990, 990, x.at, x.at, x.at
      from unnest(${pgArray(o.id)}::uuid[], ${pgArray(o.campaign)}::uuid[], ${pgArray(o.point)}::uuid[],
        ${pgArray(o.at)}::timestamptz[]) as x(id, campaign, point, at)`,
  );
  await exec(
    db,
    sql`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen)
      select x.o, x.i, x.p, x.q, 990, 990, 990 * x.q
      from unnest(${pgArray(l.order)}::uuid[], ${pgArray(l.item)}::uuid[], ${pgArray(l.product)}::uuid[],
        ${pgArray(l.qty)}::int[]) as x(o, i, p, q)`,
  );
});
afterAll(() => server.close());

const productIndex = (id: string) => world.products.findIndex((p) => p.id === id);
const pointIndex = (id: string) => world.pickupPointIds.indexOf(id);
const region = { id: DEFAULT_REGION_ID, timeZone: TZ };
const sortDemand = (h: Awaited<ReturnType<typeof readDemand>>) => ({
  offered: [...h.offered].sort((a, b) => `${a.day}${a.productId}`.localeCompare(`${b.day}${b.productId}`)),
  units: [...h.units].sort((a, b) =>
    `${a.day}${a.productId}${a.pickupPointId}`.localeCompare(`${b.day}${b.productId}${b.pickupPointId}`),
  ),
});

describe('the demand rollup', () => {
  it('reads what was generated, rolled up or raw, and reads a dirty day raw until rolled again', async () => {
    const db = server.ctx.db;
    const raw = sortDemand(await readDemand(db, region, FIRST, addDays(TODAY, -1)));
    // plain: the generated cells with units
    const plain = [...units].filter(([, n]) => n > 0);
    expect(raw.units.length).toBe(plain.length);
    for (const u of raw.units)
      expect(u.units).toBe(units.get(cell(u.day, productIndex(u.productId), pointIndex(u.pickupPointId))));
    expect(raw.offered.find((o) => o.day === SOLD_OUT_DAY && o.productId === world.products[0].id)?.kind).toBe(
      'sold_out',
    );
    expect(raw.offered.filter((o) => o.kind !== 'normal').length).toBe(1);

    expect(await rollUpDemand(db, NOON)).toBeGreaterThanOrEqual(DAYS);
    const rolled = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from demand_days where region_id = ${DEFAULT_REGION_ID} and rolled_at is not null and not dirty`,
    );
    expect(rolled!.n).toBeGreaterThanOrEqual(DAYS - 1);
    expect(sortDemand(await readDemand(db, region, FIRST, addDays(TODAY, -1)))).toEqual(raw);

    // an order of a rolled day moves to another point: the day is dirty and read raw
    const day = addDays(LAST, -9);
    const moved = await one<{ id: string; pickup_point_id: string }>(
      db,
      sql`select o.id, o.pickup_point_id from orders o where o.campaign_id = ${campaignOf.get(day)!}
        and o.pickup_point_id = ${world.pickupPointIds[0]} limit 1`,
    );
    await exec(db, sql`update orders set pickup_point_id = ${world.pickupPointIds[1]} where id = ${moved!.id}`);
    const dirty = await one<{ dirty: boolean }>(
      db,
      sql`select dirty from demand_days where region_id = ${DEFAULT_REGION_ID} and day = ${day}::date`,
    );
    expect(dirty!.dirty).toBe(true);
    const after = sortDemand(await readDemand(db, region, day, day));
    const plainAfter = await rows<{ product_id: string; pickup_point_id: string; n: number }>(
      db,
      sql`select l.product_id, o.pickup_point_id, l.quantity as n from orders o join order_lines l on l.order_id = o.id
        where o.campaign_id = ${campaignOf.get(day)!}`,
    );
    const byCell = new Map<string, number>();
    for (const r of plainAfter)
      byCell.set(
        `${r.product_id}|${r.pickup_point_id}`,
        (byCell.get(`${r.product_id}|${r.pickup_point_id}`) ?? 0) + r.n,
      );
    expect(after.units.map((u) => [`${u.productId}|${u.pickupPointId}`, u.units]).sort()).toEqual([...byCell].sort());
    await rollUpDemand(db, NOON);
    expect(sortDemand(await readDemand(db, region, day, day))).toEqual(after);
    // and back, so the rest of the file reads the generated history
    await exec(db, sql`update orders set pickup_point_id = ${moved!.pickup_point_id} where id = ${moved!.id}`);
    await rollUpDemand(db, NOON);
  });
});

describe('the forecast', () => {
  it('beats the naive same-weekday-last-week forecast on the generated history, per point and per product', async () => {
    const admin = world.admin;
    const ours: { actual: number; forecast: number }[] = [];
    const naive: { actual: number; forecast: number }[] = [];
    const oursP: { actual: number; forecast: number }[] = [];
    const naiveP: { actual: number; forecast: number }[] = [];
    for (let t = DAYS - 14; t < DAYS; t++) {
      const day = addDays(FIRST, t);
      const q = world.products
        .slice(0, 2)
        .map((p) => `&productId=${p.id}`)
        .join('');
      const res = await admin.get(`/admin/forecast/demand?regionId=${DEFAULT_REGION_ID}&day=${day}${q}&points=true`);
      expect(res.status).toBe(200);
      expect(res.body.day).toBe(day);
      for (const p of res.body.products) {
        const pi = productIndex(p.productId);
        const mine = p.points.filter((x: any) => pointIndex(x.pickupPointId) >= 0);
        expect(mine).toHaveLength(3);
        // the region's figure is the sum of the points', and the quota that sum rounded up
        expect(Math.abs(p.units - sum(p.points.map((x: any) => x.units)))).toBeLessThan(0.05);
        expect(p.suggestedQuota).toBe(Math.ceil(p.units - 1e-9));
        let a = 0;
        let n = 0;
        for (const x of mine) {
          const k = pointIndex(x.pickupPointId);
          const actual = units.get(cell(day, pi, k))!;
          const last = units.get(cell(addDays(day, -7), pi, k))!;
          ours.push({ actual, forecast: x.units });
          naive.push({ actual, forecast: last });
          a += actual;
          n += last;
        }
        oursP.push({ actual: a, forecast: p.units });
        naiveP.push({ actual: a, forecast: n });
      }
    }
    const wape = (xs: { actual: number; forecast: number }[]) =>
      sum(xs.map((x) => Math.abs(x.actual - x.forecast))) / sum(xs.map((x) => x.actual));
    expect(ours).toHaveLength(14 * 2 * 3);
    expect(wape(ours)).toBeLessThan(wape(naive));
    expect(wape(oursP)).toBeLessThan(wape(naiveP));
    expect(wape(ours)).toBeLessThan(0.25);
  });

  it("is near tomorrow's known mean, and knows nothing of a new product", async () => {
    const tomorrow = addDays(TODAY, 1);
    const res = await world.admin.get(
      `/admin/forecast/demand?regionId=${DEFAULT_REGION_ID}&productId=${world.products[0].id}&productId=${world.products[2].id}&points=true`,
    );
    expect(res.status).toBe(200);
    expect(res.body.day).toBe(tomorrow);
    const first = res.body.products.find((p: any) => p.productId === world.products[0].id);
    const ahead = Math.round((Date.parse(tomorrow) - Date.parse(FIRST)) / 86_400_000);
    const truth = sum(BASE[0]) * (1 + 0.01 * ahead) * SHAPE[weekday(tomorrow)];
    // within 25 %: the weekday profile is read from eight weeks of ±50 % noise (the misses measured for each weekday: 1–19 %)
    expect(Math.abs(first.units - truth) / truth).toBeLessThan(0.25);
    expect(first.basis).toBe('history');
    const fresh = res.body.products.find((p: any) => p.productId === world.products[2].id);
    expect(fresh).toMatchObject({ units: 0, suggestedQuota: 0, basis: 'none', daysUsed: 0 });
    expect(fresh.points.every((x: any) => x.basis === 'none' && x.units === 0)).toBe(true);
    // by the campaign's cutoff instead of a day: the business day of the cutoff in the region
    const byCutoff = await world.admin.get(
      `/admin/forecast/demand?regionId=${DEFAULT_REGION_ID}&cutoffAt=${encodeURIComponent(localTime(tomorrow, '23:00', TZ).toISOString())}&productId=${world.products[0].id}`,
    );
    expect(byCutoff.body.day).toBe(tomorrow);
    expect(byCutoff.body.products[0].units).toBe(first.units);
  });

  it('refuses bad input with a code', async () => {
    const admin = world.admin;
    expect((await admin.get('/admin/forecast/demand?regionId=nope')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.get(`/admin/forecast/demand?regionId=${DEFAULT_REGION_ID}&day=2026-13-01`)).status).toBe(400);
    expect((await admin.get(`/admin/forecast/demand?regionId=${randomUUID()}`)).status).toBe(404);
    expect((await admin.get(`/admin/forecast/accuracy?campaignId=${randomUUID()}`)).status).toBe(404);
    expect((await admin.get('/admin/forecast/accuracy')).status).toBe(400);
    expect((await world.leaders[0].api.get(`/admin/forecast/demand?regionId=${DEFAULT_REGION_ID}`)).status).toBe(403);
  });
});

describe('expected against actual', () => {
  it('shows the forecast recorded before the day against the units paid, WAPE as recomputed plainly', async () => {
    const db = server.ctx.db;
    const day = addDays(LAST, -1);
    expect(await recordPastForecasts(db, DEFAULT_REGION_ID, addDays(LAST, -6), LAST)).toBeGreaterThan(0);
    const res = await world.admin.get(`/admin/forecast/accuracy?campaignId=${campaignOf.get(day)}`);
    expect(res.status).toBe(200);
    expect(res.body.day).toBe(day);
    const recorded = await rows<{ product_id: string; pickup_point_id: string; units: number }>(
      db,
      sql`select product_id, pickup_point_id, units from demand_forecasts where region_id = ${DEFAULT_REGION_ID} and day = ${day}::date`,
    );
    // plain: cells of the recorded forecast and of the generated units of the day
    const keys = new Set<string>();
    const f = new Map<string, number>();
    const a = new Map<string, number>();
    const n = new Map<string, number>();
    for (const r of recorded) {
      const key = `${productIndex(r.product_id)}|${pointIndex(r.pickup_point_id)}`;
      f.set(key, Number(r.units));
      keys.add(key);
    }
    for (let p = 0; p < 2; p++)
      for (let k = 0; k < 3; k++) {
        const key = `${p}|${k}`;
        if (units.get(cell(day, p, k))) {
          a.set(key, units.get(cell(day, p, k))!);
          keys.add(key);
        }
        if (units.get(cell(addDays(day, -7), p, k))) {
          n.set(key, units.get(cell(addDays(day, -7), p, k))!);
          keys.add(key);
        }
      }
    const wapeOf = (m: Map<string, number>, ks: Iterable<string>) => {
      const list = [...ks];
      return sum(list.map((k) => Math.abs((a.get(k) ?? 0) - (m.get(k) ?? 0)))) / sum(list.map((k) => a.get(k) ?? 0));
    };
    const cellsFA = new Set([...f.keys(), ...a.keys()]);
    const cellsNA = new Set([...n.keys(), ...a.keys()]);
    expect(res.body.wapeBps).toBe(Math.round(wapeOf(f, cellsFA) * 10_000));
    expect(res.body.naiveWapeBps).toBe(Math.round(wapeOf(n, cellsNA) * 10_000));
    for (const line of res.body.lines) {
      const p = productIndex(line.productId);
      expect(line.actual).toBe(sum([0, 1, 2].map((k) => units.get(cell(day, p, k))!)));
      const exp = sum([0, 1, 2].map((k) => f.get(`${p}|${k}`) ?? 0));
      expect(line.expected).toBeCloseTo(exp, 1);
      expect(line.diff).toBeCloseTo(line.actual - exp, 1);
    }
    expect(res.body.closed).toBe(true);
    expect(res.body.recordedAt < localTime(day, '00:00', TZ).toISOString()).toBe(true);
    const xlsx = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/forecast/accuracy/export.xlsx?campaignId=${campaignOf.get(day)}&lang=en`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('records tomorrow once: a later recording keeps the first forecast, and a day begun is never recorded', async () => {
    const db = server.ctx.db;
    const tomorrow = addDays(TODAY, 1);
    const read = (day: string) =>
      rows<{ k: string; units: number; at: string }>(
        db,
        sql`select product_id || '|' || pickup_point_id as k, units, recorded_at::text as at from demand_forecasts
          where region_id = ${DEFAULT_REGION_ID} and day = ${day}::date order by 1`,
      );
    const todayBefore = await read(TODAY);
    expect(await recordForecasts(db)).toBeGreaterThan(0);
    const first = await read(tomorrow);
    expect(first.length).toBeGreaterThan(0);
    // yesterday doubles: a new recording would differ, but the recorded one stands
    await exec(
      db,
      sql`update order_lines set quantity = quantity * 2, paid_fen = paid_fen * 2 where order_id in (
        select id from orders where campaign_id = ${campaignOf.get(LAST)!})`,
    );
    await exec(db, sql`update demand_days set dirty = true where region_id = ${DEFAULT_REGION_ID}`);
    expect(await recordForecasts(db)).toBe(0);
    expect(await read(tomorrow)).toEqual(first);
    expect(await read(TODAY)).toEqual(todayBefore);
    await exec(
      db,
      sql`update order_lines set quantity = quantity / 2, paid_fen = paid_fen / 2 where order_id in (
        select id from orders where campaign_id = ${campaignOf.get(LAST)!})`,
    );
  });
});
