import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import type { Api } from './client.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { newCampaign, P, type Campaign } from './leader-flow.js';
import { one, rows } from '../src/db/client.js';
import { grantRole } from '../src/modules/accounts/service.js';
import { adjustStock, listStock, transferStock } from '../src/modules/inventory/service.js';
import { enterCounts, openCount, postCount } from '../src/modules/inventory/counts.js';
import { AppError } from '../src/lib/errors.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';
import { ledgerBreaks as checkLedger, stockOf as stockFigure } from './stock-checks.js';

/**
 * The stock ledger (decision 037): every change of free stock is a movement, the stock figure is
 * always the sum of its movements and of its lots' remaining units, units leave first-expiry-first,
 * receiving refuses stale lots unless overridden, and a count posts once.
 */

let server: TestServer;
let world: World;
let clerk: Api;
let clerkId: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const c = await newCustomer(server, undefined, '仓管员');
  await grantRole(server.ctx.db, c.userId, 'warehouse');
  clerk = c.api;
  clerkId = c.userId;
});
afterAll(() => server.close());

const pid = (name: keyof typeof P) => world.products[P[name]].id;

const ledgerBreaks = () => checkLedger(server.ctx.db);
const stockOf = (warehouseId: string, productId: string) => stockFigure(server.ctx.db, warehouseId, productId);

/** Counts the products of a warehouse to zero (whatever earlier tests left there). */
async function countToZero(warehouseId: string, productIds: string[]) {
  const { id } = await openCount(server.ctx.db, warehouseId, clerkId);
  await enterCounts(
    server.ctx.db,
    id,
    productIds.map((productId) => ({ productId, countedQuantity: 0 })),
  );
  await postCount(server.ctx.db, id, clerkId);
}

async function buy(campaign: Campaign, lines: Partial<Record<keyof typeof P, number>>) {
  const customer = await newCustomer(server, world.pickupPointIds[0]);
  return buyAndPay(server, customer.api, {
    pickupPointId: world.pickupPointIds[0],
    items: Object.entries(lines).map(([name, quantity]) => ({
      campaignItemId: campaign.items[name as keyof typeof P],
      quantity,
    })),
  });
}

describe('the ledger invariant', () => {
  it('keeps stock = the sum of its movements = the sum of its lots under any sequence of operations', async () => {
    const db = server.ctx.db;
    const warehouses = () => [world.centralWarehouseId, world.gridWarehouseId];
    const products = () => [pid('eggs'), pid('greens')];
    const op = fc.oneof(
      fc.record({
        t: fc.constant('in' as const),
        w: fc.nat(1),
        p: fc.nat(1),
        n: fc.integer({ min: 1, max: 20 }),
        days: fc.integer({ min: -3, max: 30 }),
      }),
      fc.record({ t: fc.constant('out' as const), w: fc.nat(1), p: fc.nat(1), n: fc.integer({ min: 1, max: 25 }) }),
      fc.record({
        t: fc.constant('transfer' as const),
        w: fc.nat(1),
        p: fc.nat(1),
        n: fc.integer({ min: 1, max: 15 }),
      }),
      fc.record({
        t: fc.constant('count' as const),
        w: fc.nat(1),
        counts: fc.array(fc.option(fc.integer({ min: 0, max: 30 })), { minLength: 2, maxLength: 2 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          try {
            if (o.t === 'in') {
              await adjustStock(
                db,
                {
                  warehouseId: warehouses()[o.w],
                  productId: products()[o.p],
                  quantityDelta: o.n,
                  reason: '入库',
                  expiresOn: addDays('2030-01-01', o.days),
                },
                clerkId,
              );
            } else if (o.t === 'out') {
              await adjustStock(
                db,
                {
                  warehouseId: warehouses()[o.w],
                  productId: products()[o.p],
                  quantityDelta: -o.n,
                  reason: '报损',
                  writeOffReason: 'damaged',
                },
                clerkId,
              );
            } else if (o.t === 'transfer') {
              await transferStock(
                db,
                {
                  fromWarehouseId: warehouses()[o.w],
                  toWarehouseId: warehouses()[1 - o.w],
                  productId: products()[o.p],
                  quantity: o.n,
                },
                clerkId,
              );
            } else {
              const { id } = await openCount(db, warehouses()[o.w], clerkId);
              await enterCounts(
                db,
                id,
                products().map((productId, i) => ({ productId, countedQuantity: o.counts[i] })),
              );
              await postCount(db, id, clerkId);
            }
          } catch (err) {
            // taking more than there is: refused with nothing written
            if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
          }
          expect(await ledgerBreaks()).toEqual([]);
        }
      }),
      { numRuns: 12 },
    );
    // the sequences really moved stock through every kind
    const kinds = await rows<{ kind: string }>(db, sql`select distinct kind from stock_movements order by kind`);
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['counted', 'received', 'transfer_in', 'transfer_out', 'written_off']),
    );
  });

  it('allocates stock at cutoff first-expiry-first and records it in the ledger', async () => {
    const w = world.centralWarehouseId;
    const milk = pid('milk');
    // none left, then two lots, the later-expiring first
    await countToZero(w, [milk]);
    await adjustStock(server.ctx.db, {
      warehouseId: w,
      productId: milk,
      quantityDelta: 5,
      reason: '入库',
      expiresOn: '2031-05-20',
    });
    await adjustStock(server.ctx.db, {
      warehouseId: w,
      productId: milk,
      quantityDelta: 4,
      reason: '入库',
      expiresOn: '2031-05-10',
    });
    const campaign = await newCampaign(world);
    await buy(campaign, { milk: 6 });
    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);
    expect(await stockOf(w, milk)).toBe(3);
    const moved = await rows<{ quantity: number; expires_on: string }>(
      server.ctx.db,
      sql`
      select ml.quantity, l.expires_on::text from stock_movements m join stock_movement_lots ml on ml.movement_id = m.id
        join lots l on l.id = ml.lot_id
      where m.ref_id = ${campaign.id} and m.kind = 'allocated' order by l.expires_on`,
    );
    // the earlier lot (4) in full, then 2 of the later one
    expect(moved).toEqual([
      { quantity: -4, expires_on: '2031-05-10' },
      { quantity: -2, expires_on: '2031-05-20' },
    ]);
    expect(await ledgerBreaks()).toEqual([]);
  });
});

describe('adjustments', () => {
  it('stores the reason of an adjustment, a write-off reason from the list and its note, once per business key', async () => {
    const body = {
      warehouseId: world.gridWarehouseId,
      productId: pid('apple'),
      reason: '到货入库',
      quantityDelta: 6,
      expiresOn: '2031-01-01',
    };
    const up = await clerk.post('/admin/inventory/adjust', body);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ quantity: 6, reason: '到货入库', kind: 'received', writeOffReason: null });
    const off = {
      ...body,
      quantityDelta: -2,
      reason: '搬运摔坏',
      writeOffReason: 'damaged',
      note: '两箱外包装破损',
      businessKey: 'writeoff-apple-1',
    };
    const down = await clerk.post('/admin/inventory/adjust', off);
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ quantity: 4, quantityDelta: -2, writeOffReason: 'damaged', kind: 'written_off' });
    // a retry posts nothing and answers the same movement
    const again = await clerk.post('/admin/inventory/adjust', off);
    expect(again.status).toBe(200);
    expect(again.body.movementId).toBe(down.body.movementId);
    expect(await stockOf(world.gridWarehouseId, pid('apple'))).toBe(4);
    const stored = await one(
      server.ctx.db,
      sql`select kind, quantity, reason_code, reason, note, actor_id from stock_movements where business_key = 'writeoff-apple-1'`,
    );
    expect(stored).toEqual({
      kind: 'written_off',
      quantity: -2,
      reason_code: 'damaged',
      reason: '搬运摔坏',
      note: '两箱外包装破损',
      actor_id: clerkId,
    });
    // the list of reasons is fixed
    expect(
      (await clerk.post('/admin/inventory/adjust', { ...off, businessKey: 'x', writeOffReason: 'stolen' })).status,
    ).toBe(400);
    // the movements list shows it, filtered by kind and product
    const list = await clerk.get(
      `/admin/inventory/movements?kind=written_off&productId=${pid('apple')}&warehouseId=${world.gridWarehouseId}`,
    );
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ reason: '搬运摔坏', writeOffReason: 'damaged', quantity: -2 });
    expect(list.body.every((m: any) => m.kind === 'written_off')).toBe(true);
    expect(await ledgerBreaks()).toEqual([]);
  });

  it('pages the movements by keyset', async () => {
    const first = await clerk.get('/admin/inventory/movements?limit=2');
    expect(first.body).toHaveLength(2);
    const next = (first as any).nextCursor as string;
    expect(next).toBeTruthy();
    const second = await clerk.get(`/admin/inventory/movements?limit=2&cursor=${next}`);
    expect(second.body[0].id).not.toBe(first.body[1].id);
    expect(second.body[0].at <= first.body[1].at).toBe(true);
  });
});

describe('receiving freshness', () => {
  it('refuses an expired lot or one short of the minimum shelf life, and accepts either with a reason', async () => {
    // nothing in stock: both are bought from the supplier
    await countToZero(world.centralWarehouseId, [pid('greens'), pid('eggs')]);
    const campaign = await newCampaign(world);
    await buy(campaign, { greens: 3, eggs: 2 });
    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    const po = pos.find((p: any) => p.lines.some((l: any) => l.productId === pid('greens')));
    const today = businessDate(new Date(), 'Asia/Shanghai');
    const lines = po.lines.map((l: any) => ({
      productId: l.productId,
      acceptedQuantity: l.quantity,
      rejectedQuantity: 0,
    }));
    const greensLine = (extra: object) =>
      lines.map((l: any) => (l.productId === pid('greens') ? { ...l, ...extra } : l));

    const expired = await clerk.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: greensLine({ expiresOn: addDays(today, -1) }),
    });
    expect(expired.status).toBe(409);
    expect(expired.body.error.code).toBe('LOT_EXPIRED');
    expect(
      (await one<{ status: string }>(server.ctx.db, sql`select status from purchase_orders where id = ${po.id}`))!
        .status,
    ).toBe('open');

    // the product wants 3 days left; 2 is too few
    expect(
      (await world.admin.request('PATCH', `/admin/products/${pid('greens')}`, { minRemainingShelfDays: 3 })).status,
    ).toBe(200);
    const short = await clerk.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: greensLine({ expiresOn: addDays(today, 2) }),
    });
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: 'SHELF_LIFE_TOO_SHORT', details: { minRemainingShelfDays: 3 } });
    // its default expiry (today + 3 days of shelf life) is enough
    expect(
      (await clerk.post(`/admin/purchase-orders/${po.id}/receive/preview`, { lines: greensLine({}) })).status,
    ).toBe(200);

    const overridden = await clerk.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: greensLine({ expiresOn: addDays(today, -1), overrideReason: '供应商承诺当日售完，主管同意' }),
    });
    expect(overridden.status).toBe(200);
    const lot = await one<{ override_reason: string; expires_on: string }>(
      server.ctx.db,
      sql`select override_reason, expires_on::text from lots where purchase_order_id = ${po.id} and product_id = ${pid('greens')}`,
    );
    expect(lot).toEqual({ override_reason: '供应商承诺当日售完，主管同意', expires_on: addDays(today, -1) });
    expect(await ledgerBreaks()).toEqual([]);
    await world.admin.request('PATCH', `/admin/products/${pid('greens')}`, { minRemainingShelfDays: null });
  });
});

describe('nextExpiry', () => {
  it("reports the next lot with units left, by the business day of the warehouse's region", async () => {
    const db = server.ctx.db;
    const w = world.gridWarehouseId;
    const day = '2030-03-10';
    // 02:00 in Shanghai on 10 March is 18:00 UTC on 9 March
    const at = localTime(day, '02:00', 'Asia/Shanghai');
    expect(at.toISOString()).toBe('2030-03-09T18:00:00.000Z');
    const put = (productId: string, n: number, expiresOn: string) =>
      adjustStock(db, { warehouseId: w, productId, quantityDelta: n, reason: '入库', expiresOn });
    // eggs: a lot that expired yesterday in Shanghai (today in UTC) still has units, the next expires on the 12th
    await countToZero(w, [pid('eggs'), pid('milk')]);
    await put(pid('eggs'), 2, '2030-03-09');
    await put(pid('eggs'), 4, '2030-03-12');
    // milk: the lot expiring today is used up, the next expires on the 15th
    await put(pid('milk'), 3, '2030-03-10');
    await put(pid('milk'), 4, '2030-03-15');
    await adjustStock(db, { warehouseId: w, productId: pid('milk'), quantityDelta: -3, reason: '报损' });

    const next = async (productId: string) => (await listStock(db, { warehouseId: w, productId }, at))[0].nextExpiry;
    expect(await next(pid('eggs'))).toBe('2030-03-12');
    expect(await next(pid('milk'))).toBe('2030-03-15');
    expect(await ledgerBreaks()).toEqual([]);
  });
});

describe('stock counts', () => {
  it('snapshots, posts the differences as counted movements, and is read-only once posted', async () => {
    const w = world.centralWarehouseId;
    const opened = await clerk.post('/admin/stock-counts', { warehouseId: w });
    expect(opened.status).toBe(201);
    expect((await clerk.post('/admin/stock-counts', { warehouseId: w })).status).toBe(409);
    const sheet = (await clerk.get(`/admin/stock-counts/${opened.body.id}`)).body;
    expect(sheet.status).toBe('open');
    const eggs = sheet.lineItems.find((l: any) => l.productId === pid('eggs'));
    const before = await stockOf(w, pid('eggs'));
    expect(eggs?.expectedQuantity ?? 0).toBe(before);
    const entered = await clerk.put(`/admin/stock-counts/${opened.body.id}/lines`, {
      lines: [{ productId: pid('eggs'), countedQuantity: before + 3 }],
    });
    expect(entered.status).toBe(200);
    expect(entered.body.countedLines).toBe(1);

    // two operators post at once: one wins, the other is told it is posted
    const [a, b] = await Promise.all([
      clerk.post(`/admin/stock-counts/${opened.body.id}/post`),
      world.admin.post(`/admin/stock-counts/${opened.body.id}/post`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('INVALID_STATE');
    const moved = await rows<{ quantity: number }>(
      server.ctx.db,
      sql`select quantity from stock_movements where ref_id = ${opened.body.id} and kind = 'counted'`,
    );
    expect(moved).toEqual([{ quantity: 3 }]);
    expect(await stockOf(w, pid('eggs'))).toBe(before + 3);

    const posted = (await clerk.get(`/admin/stock-counts/${opened.body.id}`)).body;
    expect(posted).toMatchObject({ status: 'posted', unitsIn: 3, unitsOut: 0 });
    expect(
      (
        await clerk.put(`/admin/stock-counts/${opened.body.id}/lines`, {
          lines: [{ productId: pid('eggs'), countedQuantity: 0 }],
        })
      ).status,
    ).toBe(409);
    expect((await clerk.post(`/admin/stock-counts/${opened.body.id}/post`)).status).toBe(409);
    // the list pages it
    const list = await clerk.get(`/admin/stock-counts?warehouseId=${w}&status=posted`);
    expect(list.body.map((c: any) => c.id)).toContain(opened.body.id);
    expect(await ledgerBreaks()).toEqual([]);
    // a leader may not count
    expect((await world.leaders[0].api.get('/admin/stock-counts')).status).toBe(403);
  });
});
