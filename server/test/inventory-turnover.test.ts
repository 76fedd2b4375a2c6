import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { exec, rows } from '../src/db/client.js';
import { addDays, localTime } from '../src/lib/time.js';
import { inventoryTurnover } from '../src/modules/inventory/turnover.js';

/**
 * 库存周转率 per warehouse and month against a plain recomputation: movements posted at known
 * instants (the ledger as the flows write it: received, allocated at cutoff, moved to a markdown
 * deal, returned unsold, written off), each day's closing stock valued at cost.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-03-10T04:00:00Z'); // 12:00 in Shanghai

describe('inventory turnover', () => {
  it('is the cost of goods out over the average closing stock value, per warehouse and month', async () => {
    const db = server.ctx.db;
    await exec(db, sql`update warehouses set created_at = '2025-06-01T00:00:00Z'`);
    const warehouses = await rows<{ id: string }>(db, sql`select id from warehouses order by created_at, id`);
    const [a, b] = warehouses.map((w) => w.id);
    const [p1, p2] = world.products.map((p) => p.id);
    // instants as Shanghai wall clock
    const at = (day: string, time: string) => localTime(day, time, TZ).toISOString();
    const moves: [string, string, string, number, string][] = [
      [a, p1, 'received', 100, at('2025-12-20', '09:00')], // before the months read: the opening stock
      [a, p2, 'received', 40, at('2026-01-15', '10:00')],
      [a, p1, 'allocated', -30, at('2026-01-31', '23:30')],
      [a, p1, 'received', 60, at('2026-02-01', '00:30')], // just after midnight: February's
      [a, p1, 'allocated', -45, at('2026-02-10', '23:00')],
      [a, p2, 'marked_down', -10, at('2026-02-20', '08:00')],
      [a, p2, 'returned', 4, at('2026-02-21', '23:10')],
      [a, p1, 'written_off', -3, at('2026-03-02', '15:00')],
      [a, p1, 'allocated', -20, at('2026-03-05', '23:00')],
      [a, p2, 'transfer_out', -6, at('2026-03-06', '11:00')],
      [b, p2, 'transfer_in', 6, at('2026-03-06', '11:00')],
      [b, p2, 'allocated', -6, at('2026-03-09', '23:00')],
      [a, p1, 'received', 999, at('2026-03-11', '09:00')], // after now: no day read holds it
    ];
    await exec(db, sql`delete from stock_movements`);
    for (const [warehouse, product, kind, quantity, when] of moves)
      await exec(
        db,
        sql`insert into stock_movements (warehouse_id, product_id, kind, quantity, created_at)
          values (${warehouse}, ${product}, ${kind}, ${quantity}, ${when})`,
      );
    const cost = new Map(
      (await rows<{ id: string; cost_fen: number }>(db, sql`select id, cost_fen from products`)).map((p) => [
        p.id,
        p.cost_fen,
      ]),
    );

    const got = await inventoryTurnover(db, { months: 2, now: NOW });

    // the plain recomputation: every day from January 1 to today, its closing value and its goods out
    const expected: Record<string, unknown>[] = [];
    for (const warehouse of warehouses.map((w) => w.id)) {
      const byMonth = new Map<string, { days: number; value: number; out: number }>();
      for (let day = '2026-01-01'; day <= '2026-03-10'; day = addDays(day, 1)) {
        const end = localTime(addDays(day, 1), '00:00', TZ).getTime();
        const start = localTime(day, '00:00', TZ).getTime();
        let value = 0;
        let out = 0;
        for (const [w, product, kind, quantity, when] of moves) {
          if (w !== warehouse) continue;
          const t = Date.parse(when);
          if (t < end) value += quantity * cost.get(product)!;
          if (t >= start && t < end && ['allocated', 'marked_down', 'returned'].includes(kind))
            out -= quantity * cost.get(product)!;
        }
        const m = byMonth.get(day.slice(0, 7)) ?? { days: 0, value: 0, out: 0 };
        byMonth.set(day.slice(0, 7), { days: m.days + 1, value: m.value + value, out: m.out + out });
      }
      for (const month of ['2026-02', '2026-03']) {
        const m = byMonth.get(month)!;
        const before = byMonth.get(month === '2026-02' ? '2026-01' : '2026-02')!;
        const turnover = m.value ? m.out / (m.value / m.days) : null;
        const prior = before.value ? before.out / (before.value / before.days) : null;
        expected.push({
          warehouseId: warehouse,
          month,
          days: m.days,
          costOutFen: m.out,
          averageStockFen: Math.round(m.value / m.days),
          turnover: turnover === null ? null : expect.closeTo(turnover, 9),
          daysOfStock: turnover ? expect.closeTo(m.days / turnover, 9) : null,
          change: turnover !== null && prior ? expect.closeTo(turnover / prior - 1, 9) : null,
        });
      }
    }
    expect(got.map(({ warehouseName: _, ...r }) => r)).toEqual(
      expected.sort(
        (x, y) =>
          String(y.month).localeCompare(String(x.month)) ||
          warehouses.findIndex((w) => w.id === x.warehouseId) - warehouses.findIndex((w) => w.id === y.warehouseId),
      ),
    );
    // the known answers: March of the first warehouse moved 20 units of p1 out, the second 6 of p2
    expect(got.find((r) => r.warehouseId === a && r.month === '2026-03')!.costOutFen).toBe(20 * cost.get(p1)!);
    expect(got.find((r) => r.warehouseId === b && r.month === '2026-02')!.turnover).toBeNull();
    expect(got.find((r) => r.warehouseId === b && r.month === '2026-03')!.costOutFen).toBe(6 * cost.get(p2)!);
  });

  it('answers the console and its workbook; bad input is a 400', async () => {
    const res = await world.admin.get('/admin/inventory/turnover?months=3');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect((await world.admin.get('/admin/inventory/turnover?months=0')).status).toBe(400);
    expect((await world.admin.get('/admin/inventory/turnover?months=99')).status).toBe(400);
    const x = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/inventory/turnover/export.xlsx?months=3&lang=en',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(res.body.length + 2);
  });
});
