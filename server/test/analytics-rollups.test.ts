import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec, rows } from '../src/db/client.js';
import { dashboard } from '../src/modules/analytics/service.js';
import { rebuildDailyRollups, rollUpDueDays } from '../src/modules/analytics/rollups.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';

/**
 * The dashboard read from daily rollups gives exactly what a plain recomputation from the raw
 * orders, lines and refunds gives (written here independently, in JavaScript), for 1, 7, 30 and
 * 90 days: after a rebuild, after a late cancellation of an order paid on a rolled-up day, and
 * after a back-dated refund that makes a rolled-up day dirty, before and after the job rolls it again.
 *
 * The history lies 2 to 40 days back, always closed days past the rollup's grace, whatever the
 * hour the test runs; today's orders are paid now.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const TODAY = businessDate(new Date());
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const shanghaiHour = (at: Date) => (at.getUTCHours() + 8) % 24; // Asia/Shanghai keeps no daylight saving

/** The dashboard recomputed from raw rows, by the definitions in modules/analytics/service.ts. */
async function recompute(days: number, now: Date) {
  const db = server.ctx.db;
  const today = businessDate(now);
  const from = addDays(today, -(days - 1));
  const inPeriod = (d: string) => d >= from && d <= today;
  const orders = (
    await rows<{ id: string; user_id: string; total_fen: number; pickup_point_id: string | null; paid_at: string }>(
      db,
      sql`select id, user_id, total_fen, pickup_point_id, paid_at::text from orders where kind = 'goods' and paid_at is not null`,
    )
  )
    .map((o) => ({ ...o, at: new Date(o.paid_at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')) }))
    .map((o) => ({ ...o, day: businessDate(o.at) }))
    .filter((o) => inPeriod(o.day));
  const refunds = (
    await rows<{ amount_fen: number; at: string }>(
      db,
      sql`select r.amount_fen, coalesce(r.decided_at, r.created_at)::text as at from refunds r
        join orders o on o.id = r.order_id where o.kind = 'goods' and r.status = 'refunded'`,
    )
  )
    .map((r) => ({ ...r, day: businessDate(new Date(r.at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))) }))
    .filter((r) => inPeriod(r.day));
  const lines = await rows<{ order_id: string; product_id: string; quantity: number; paid_fen: number }>(
    db,
    sql`select order_id, product_id, quantity, paid_fen from order_lines`,
  );
  const products = await rows<{ id: string; name: string; unit: string; category: string }>(
    db,
    sql`select id, name, unit, category from products`,
  );
  const categories = await rows<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select code, name_zh, name_en from categories`,
  );
  const leaders = await rows<{ id: string; name: string; pickup_point_id: string; point_name: string }>(
    db,
    sql`select l.id, u.name, l.pickup_point_id, p.name as point_name from leaders l join users u on u.id = l.user_id
      join pickup_points p on p.id = l.pickup_point_id where l.status = 'active'`,
  );

  const kpis = (os: typeof orders, rs: typeof refunds) => {
    const gmvFen = sum(os.map((o) => o.total_fen));
    const refundFen = sum(rs.map((r) => r.amount_fen));
    return {
      gmvFen,
      paidOrders: os.length,
      buyers: new Set(os.map((o) => o.user_id)).size,
      avgOrderFen: os.length ? Math.round(gmvFen / os.length) : 0,
      refundFen,
      refunds: rs.length,
      netFen: gmvFen - refundFen,
    };
  };
  const paidIds = new Map(orders.map((o) => [o.id, o]));
  const paidLines = lines.filter((l) => paidIds.has(l.order_id));
  const byProduct = new Map<string, { gmvFen: number; quantity: number; orders: Set<string> }>();
  for (const l of paidLines) {
    const p = byProduct.get(l.product_id) ?? { gmvFen: 0, quantity: 0, orders: new Set() };
    p.gmvFen += l.paid_fen;
    p.quantity += l.quantity;
    p.orders.add(l.order_id);
    byProduct.set(l.product_id, p);
  }
  const product = (id: string) => products.find((p) => p.id === id)!;
  const byCategory = new Map<string, { gmvFen: number; quantity: number }>();
  for (const [id, p] of byProduct) {
    const c = byCategory.get(product(id).category) ?? { gmvFen: 0, quantity: 0 };
    c.gmvFen += p.gmvFen;
    c.quantity += p.quantity;
    byCategory.set(product(id).category, c);
  }
  const desc =
    <T>(key: (x: T) => number, tie: (x: T) => string) =>
    (a: T, b: T) =>
      key(b) - key(a) || (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0);
  const todays = orders.filter((o) => o.day === today);
  const [region] = await rows<{ id: string; name: string }>(db, sql`select id, name from regions`);
  return {
    timeZone: 'Asia/Shanghai',
    today,
    from,
    days,
    generatedAt: now.toISOString(),
    todayKpis: kpis(
      todays,
      refunds.filter((r) => r.day === today),
    ),
    periodKpis: kpis(orders, refunds),
    daily: Array.from({ length: days }, (_, i) => addDays(from, i)).map((date) => ({
      date,
      gmvFen: sum(orders.filter((o) => o.day === date).map((o) => o.total_fen)),
      paidOrders: orders.filter((o) => o.day === date).length,
      refundFen: sum(refunds.filter((r) => r.day === date).map((r) => r.amount_fen)),
    })),
    hourly: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      todayFen: sum(todays.filter((o) => shanghaiHour(o.at) === hour).map((o) => o.total_fen)),
      periodFen: sum(orders.filter((o) => shanghaiHour(o.at) === hour).map((o) => o.total_fen)),
    })),
    categories: [...byCategory]
      .map(([code, c]) => {
        const cat = categories.find((x) => x.code === code)!;
        return { code, nameZh: cat.name_zh, nameEn: cat.name_en, ...c };
      })
      .sort(
        desc(
          (c) => c.gmvFen,
          (c) => c.code,
        ),
      ),
    topProducts: [...byProduct]
      .map(([id, p]) => ({
        productId: id,
        name: product(id).name,
        unit: product(id).unit,
        category: product(id).category,
        gmvFen: p.gmvFen,
        quantity: p.quantity,
        orders: p.orders.size,
      }))
      .sort(
        desc(
          (p) => p.gmvFen,
          (p) => p.productId,
        ),
      )
      .slice(0, 10),
    leaders: leaders
      .map((l) => {
        const at = orders.filter((o) => o.pickup_point_id === l.pickup_point_id);
        return {
          leaderId: l.id,
          name: l.name,
          pickupPointId: l.pickup_point_id,
          pickupPointName: l.point_name,
          gmvFen: sum(at.map((o) => o.total_fen)),
          paidOrders: at.length,
          buyers: new Set(at.map((o) => o.user_id)).size,
        };
      })
      .filter((l) => l.paidOrders > 0)
      .sort(
        desc(
          (l) => l.gmvFen,
          (l) => l.leaderId,
        ),
      )
      .slice(0, 10),
    // one region: its column is the whole period's
    regions: [{ regionId: region.id, name: region.name, timeZone: 'Asia/Shanghai', today, ...kpis(orders, refunds) }],
    routes: [],
  };
}

async function expectDashboardsExact() {
  const now = new Date();
  for (const days of [1, 7, 30, 90]) {
    expect(await dashboard(server.ctx.db, { days, now })).toEqual(await recompute(days, now));
  }
}

const dayRow = async (day: string) =>
  (
    await rows<{ dirty: boolean; gmv_fen: number; refund_fen: number; rolled: boolean }>(
      server.ctx.db,
      sql`select dirty, gmv_fen, refund_fen, rolled_at is not null as rolled from analytics_days where day = ${day}::date`,
    )
  )[0];

describe('daily rollups', () => {
  const paidOn = new Map<string, any>(); // order by the day it was paid
  const setPaidAt = (orderId: string, at: Date) =>
    exec(server.ctx.db, sql`update orders set paid_at = ${at.toISOString()}::timestamptz where id = ${orderId}`);

  beforeAll(async () => {
    const buyers = [
      await newCustomer(server, world.pickupPointIds[0], '甲'),
      await newCustomer(server, world.pickupPointIds[1], '乙'),
      await newCustomer(server, world.pickupPointIds[2], '丙'),
    ];
    const items = world.campaign.items;
    // history: payments 2, 3, 5, 8 and 40 days back at various hours (one buyer on two days), and
    // today's payments as they happen
    const plan: [number, string, number, number[]][] = [
      [2, '09:15', 0, [0, 1]],
      [2, '23:59', 1, [2]],
      [3, '00:00', 2, [3, 0]],
      [3, '18:40', 0, [1]],
      [5, '12:00', 1, [0, 2, 3]],
      [8, '07:30', 2, [2]],
      [40, '20:05', 0, [3]],
      [0, '', 1, [0, 3]],
      [0, '', 2, [1]],
    ];
    for (const [back, hhmm, who, picks] of plan) {
      const order = await buyAndPay(server, buyers[who].api, {
        pickupPointId: world.pickupPointIds[who],
        items: picks.map((p, k) => ({ campaignItemId: items[p].id, quantity: 1 + k })),
      });
      if (back) {
        const day = addDays(TODAY, -back);
        await setPaidAt(order.id, localTime(day, hhmm));
        paidOn.set(`${day} ${hhmm}`, order);
      }
    }
  });

  it('rolls up closed days and gives the raw figures for 1, 7, 30 and 90 days', async () => {
    const result = await rebuildDailyRollups(server.ctx.db);
    expect(result.from).toBe(addDays(TODAY, -40));
    expect(result.days).toBeGreaterThanOrEqual(39);
    const d2 = await dayRow(addDays(TODAY, -2));
    expect(d2).toMatchObject({ dirty: false, rolled: true });
    expect(d2.gmv_fen).toBe(
      paidOn.get(`${addDays(TODAY, -2)} 09:15`).totalFen + paidOn.get(`${addDays(TODAY, -2)} 23:59`).totalFen,
    );
    expect(await dayRow(TODAY)).toBeUndefined(); // today is never rolled up
    await expectDashboardsExact();
    // the closed days are read from the rollups: a change there shows (and is undone)
    await exec(
      server.ctx.db,
      sql`update analytics_days set gmv_fen = gmv_fen + 1 where day = ${addDays(TODAY, -5)}::date`,
    );
    const tampered = await dashboard(server.ctx.db, { days: 7 });
    expect(tampered.daily.find((d) => d.date === addDays(TODAY, -5))!.gmvFen).toBe(
      paidOn.get(`${addDays(TODAY, -5)} 12:00`).totalFen + 1,
    );
    await rebuildDailyRollups(server.ctx.db, { from: addDays(TODAY, -5), to: addDays(TODAY, -5) });
    await expectDashboardsExact();
  });

  it('counts a late cancellation of an order paid on a rolled-up day on the day of its refund', async () => {
    const day = addDays(TODAY, -3);
    const order = paidOn.get(`${day} 18:40`);
    const res = await world.admin.post(`/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    // the sale stays on its day, which stays rolled up; the refund is today's
    expect(await dayRow(day)).toMatchObject({ dirty: false, refund_fen: 0 });
    const d = await dashboard(server.ctx.db, { days: 7 });
    expect(d.todayKpis.refundFen).toBe(order.totalFen);
    await expectDashboardsExact();
  });

  it('reads a day dirtied by a back-dated refund raw until the job rolls it again', async () => {
    const day = addDays(TODAY, -2);
    const order = paidOn.get(`${day} 09:15`);
    expect((await world.admin.post(`/orders/${order.id}/cancel`)).status).toBe(200);
    await exec(
      server.ctx.db,
      sql`update refunds set decided_at = ${localTime(day, '21:00').toISOString()}::timestamptz where order_id = ${order.id}`,
    );
    expect(await dayRow(day)).toMatchObject({ dirty: true, refund_fen: 0 });
    await expectDashboardsExact();
    const rolled = await rollUpDueDays(server.ctx.db);
    expect(rolled.map((r) => [r.from, r.to])).toContainEqual([day, day]);
    expect(await dayRow(day)).toMatchObject({ dirty: false, refund_fen: order.totalFen });
    await expectDashboardsExact();
    // a payment moved onto a rolled-up day dirties it too
    const moved = paidOn.get(`${addDays(TODAY, -8)} 07:30`);
    await setPaidAt(moved.id, localTime(addDays(TODAY, -7), '10:00'));
    expect((await dayRow(addDays(TODAY, -8))).dirty).toBe(true);
    expect((await dayRow(addDays(TODAY, -7))).dirty).toBe(true);
    await expectDashboardsExact();
    await rollUpDueDays(server.ctx.db);
    expect((await dayRow(addDays(TODAY, -7))).gmv_fen).toBe(moved.totalFen);
    await expectDashboardsExact();
  });
});
