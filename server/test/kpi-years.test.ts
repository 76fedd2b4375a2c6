import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { kpiReport } from '../src/modules/kpis/service.js';
import { rollUpKpiDays } from '../src/modules/kpis/rollups.js';
import { localTime } from '../src/lib/time.js';

/**
 * Distinct buyers and repurchasers across a new year (decision 052): the rolled-up days are read
 * from one row a customer and calendar year, so a period over December 31 reads two years' rows.
 * Known answers on a small history, the same figures with every day read raw, and a day rolled
 * again after its orders changed (its bits cleared before they are set).
 */
let server: TestServer;
let world: World;
let regionId: string;
const Y = new Date().getUTCFullYear() - 1; // last year's turn: every day closed, whenever this runs
const NOW = localTime(`${Y + 1}-01-10`, '12:00');
const users: Record<string, string> = {};

async function order(user: string, day: string, hhmm: string) {
  const item = world.campaign.items[0];
  const at = localTime(day, hhmm).toISOString();
  const o = await one<{ id: string }>(
    server.ctx.db,
    sql`insert into orders (kind, user_id, region_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
      values ('goods', ${users[user]}, ${regionId}, ${world.pickupPointIds[0]}, 'completed', ${item.priceFen}, ${item.priceFen},
        ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz) returning id`,
  );
  await exec(
    server.ctx.db,
    sql`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status)
      values (${o!.id}, ${item.id}, ${item.productId}, 1, ${item.priceFen}, ${item.priceFen}, ${item.priceFen}, 'paid')`,
  );
  return o!.id;
}

let movedOrder = '';
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  regionId = (await one<{ region_id: string }>(
    server.ctx.db,
    sql`select region_id from pickup_points where id = ${world.pickupPointIds[0]}`,
  ))!.region_id;
  // a–d registered on December 1 in the morning, e–h on December 2 at 20:00 (their 7 days end on December 9 at 20:00)
  for (const [i, name] of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].entries()) {
    const at =
      i < 4
        ? localTime(`${Y}-12-01`, '08:00')
        : i < 8
          ? localTime(`${Y}-12-02`, '20:00')
          : localTime(`${Y}-09-01`, '08:00');
    const u = await one<{ id: string }>(
      server.ctx.db,
      sql`insert into users (phone, name, password_hash, invite_code, pickup_point_id, created_at)
        values (${`1780000000${i}`}, ${name}, 'x', ${`KY${i}`}, ${world.pickupPointIds[0]}, ${at.toISOString()}::timestamptz)
        returning id`,
    );
    users[name] = u!.id;
  }
  // e and f first buy on the day their 7 days end, before and after the hour; g the day before, h the day after
  await order('e', `${Y}-12-09`, '19:00');
  await order('f', `${Y}-12-09`, '21:00');
  await order('g', `${Y}-12-08`, '10:00');
  await order('h', `${Y}-12-10`, '10:00');
  // a: twice on December 31; b: December 30 and January 2; c: January 1 once; d: December 20 only
  await order('a', `${Y}-12-31`, '09:00');
  movedOrder = await order('a', `${Y}-12-31`, '18:00');
  await order('b', `${Y}-12-30`, '10:00');
  await order('b', `${Y + 1}-01-02`, '10:00');
  await order('c', `${Y + 1}-01-01`, '11:00');
  await order('d', `${Y}-12-20`, '12:00');
  // i and j, members through January, buy once: i on the first of the 90 days to January 5, j the day before
  await order('i', `${Y}-10-08`, '23:30');
  await order('j', `${Y}-10-07`, '23:30');
  for (const name of ['i', 'j'])
    await exec(
      server.ctx.db,
      sql`insert into membership_periods (order_id, user_id, plan, starts_at, ends_at)
        values (gen_random_uuid(), ${users[name]}, 'month', ${localTime(`${Y}-10-01`, '00:00').toISOString()}::timestamptz,
          ${localTime(`${Y + 1}-02-01`, '00:00').toISOString()}::timestamptz)`,
    );
}, 120_000);
afterAll(() => server?.close());

const kpi = async (key: string, from: string, to: string) => {
  const r = await kpiReport(server.ctx.db, { from, to, regionIds: [regionId], now: NOW });
  return r.kpis.find((k) => k.key === key)!.value;
};
const repurchase = (from: string, to: string) => kpi('repurchaseRate', from, to);

describe('customers across a new year', () => {
  it('converts a new customer whose first order is paid within 7 days to the minute, rolled as raw', async () => {
    // e and g converted; f paid an hour late on the last day, h a day late (the period reaches
    // past their first orders, so these are read from the per-customer rows, not asked of the orders)
    expect(await kpi('newCustomerConversion', `${Y}-12-02`, `${Y}-12-12`)).toBe(0.5);
    expect(await kpi('newCustomerConversion', `${Y}-12-01`, `${Y}-12-01`)).toBe(0);
    await rollUpKpiDays(server.ctx.db, NOW);
    expect(await kpi('newCustomerConversion', `${Y}-12-02`, `${Y}-12-12`)).toBe(0.5);
    await exec(server.ctx.db, sql`delete from kpi_days`);
  });

  it('counts buyers and repurchasers of a period over December 31, rolled as raw', async () => {
    const raw = await repurchase(`${Y}-12-28`, `${Y + 1}-01-04`);
    expect(await rollUpKpiDays(server.ctx.db, NOW)).toBeGreaterThan(15);
    const years = await rows<{ year: number; n: number }>(
      server.ctx.db,
      sql`select year, count(*)::int as n from kpi_customer_years group by year order by year`,
    );
    expect(years).toEqual([
      { year: Y, n: 9 },
      { year: Y + 1, n: 2 },
    ]);
    // a, b and c bought; a twice on one day, b once in each year
    expect(await repurchase(`${Y}-12-28`, `${Y + 1}-01-04`)).toBeCloseTo(2 / 3, 12);
    expect(raw).toBeCloseTo(2 / 3, 12);
    expect(await repurchase(`${Y}-12-31`, `${Y}-12-31`)).toBe(1);
    expect(await repurchase(`${Y + 1}-01-01`, `${Y + 1}-01-04`)).toBe(0);
    expect(await repurchase(`${Y}-12-15`, `${Y}-12-30`)).toBe(0);
  });

  it('counts the 90 days to the period’s last closed day for membership penetration, rolled as raw', async () => {
    // to January 5: a, b, c, d, e, f, g, h and i (from October 8) bought, of whom i is a member
    expect(await kpi('memberPenetration', `${Y + 1}-01-01`, `${Y + 1}-01-05`)).toBeCloseTo(1 / 9, 12);
    await exec(server.ctx.db, sql`delete from kpi_days`);
    expect(await kpi('memberPenetration', `${Y + 1}-01-01`, `${Y + 1}-01-05`)).toBeCloseTo(1 / 9, 12);
    // a period reaching today ends with yesterday, January 9: i's order is then more than 90 days old
    await rollUpKpiDays(server.ctx.db, NOW);
    expect(await kpi('memberPenetration', `${Y + 1}-01-05`, `${Y + 1}-01-10`)).toBe(0);
  });

  it('forgets a day’s bits when the day is rolled again', async () => {
    // a's second order paid on January 1 instead: December 31 is no longer a repurchase
    await exec(
      server.ctx.db,
      sql`update orders set paid_at = ${localTime(`${Y + 1}-01-01`, '08:00').toISOString()}::timestamptz where id = ${movedOrder}`,
    );
    await exec(server.ctx.db, sql`delete from kpi_days where region_id = ${regionId} and day >= ${`${Y}-12-31`}::date`);
    await rollUpKpiDays(server.ctx.db, NOW);
    expect(await repurchase(`${Y}-12-31`, `${Y}-12-31`)).toBe(0);
    expect(await repurchase(`${Y}-12-31`, `${Y + 1}-01-01`)).toBeCloseTo(1 / 2, 12);
    expect(await repurchase(`${Y}-12-28`, `${Y + 1}-01-04`)).toBeCloseTo(2 / 3, 12);
  });
});
