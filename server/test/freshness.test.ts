import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './harness.js';
import type { Api } from './client.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { buy, dispatchAll, newCampaign } from './leader-flow.js';
import { one, rows } from '../src/db/client.js';
import { grantRole } from '../src/modules/accounts/service.js';
import { adjustStock } from '../src/modules/inventory/service.js';
import { createMarkdownDeals, raiseNearExpiryAlerts, writeOffExpiredLots } from '../src/modules/freshness/jobs.js';
import { lossReport, raiseLossAlerts, rollUpLossWeeks, weekStart } from '../src/modules/freshness/loss.js';
import { addDays, businessDate, iso, localTime } from '../src/lib/time.js';
import { ledgerBreaks as checkLedger, stockOf as stockFigure } from './stock-checks.js';

/**
 * Freshness (decision 041): near-expiry alerts by rule, the automatic write-off of expired lots,
 * markdown deals (尾货秒杀) made from lots at a markdown step, and the weekly loss rate.
 */

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

const TZ = 'Asia/Shanghai';
const P = { apple: 0, greens: 1, milk: 2, eggs: 3 } as const;
const pid = (name: keyof typeof P) => world.products[P[name]].id;

const ledgerBreaks = () => checkLedger(server.ctx.db);
const stockOf = (warehouseId: string, productId: string) => stockFigure(server.ctx.db, warehouseId, productId);

/** Puts units into a warehouse as a lot expiring on a day; answers the lot. */
async function lot(warehouseId: string, productId: string, units: number, expiresOn: string) {
  const r = await adjustStock(server.ctx.db, {
    warehouseId,
    productId,
    quantityDelta: units,
    reason: '入库',
    expiresOn,
  });
  return r.lotId!;
}

const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('near-expiry alerts', () => {
  it("raises one alert per lot within its rule's days, on the region's business day", async () => {
    const db = server.ctx.db;
    // 07:30 today in Shanghai is 23:30 UTC the day before: the business day is Shanghai's (the same
    // day the lots screen below reads by the real clock)
    const today = businessDate(new Date(), TZ);
    const now = localTime(today, '07:30', TZ);
    await ok(world.admin.put('/admin/freshness/alert-rules', { category: 'fresh', daysBeforeExpiry: 1 }));
    await ok(world.admin.put('/admin/freshness/alert-rules', { productId: pid('milk'), daysBeforeExpiry: 2 }));
    // a second put of the same subject replaces its days
    const apple = await ok(
      world.admin.put('/admin/freshness/alert-rules', { productId: pid('apple'), daysBeforeExpiry: 9 }),
    );
    await ok(world.admin.put('/admin/freshness/alert-rules', { productId: pid('apple'), daysBeforeExpiry: 3 }));
    const rules = await ok(world.admin.get('/admin/freshness/alert-rules'));
    expect(rules.find((r: any) => r.id === apple.id).daysBeforeExpiry).toBe(3);

    const w = world.gridWarehouseId;
    const greensSoon = await lot(w, pid('greens'), 4, addDays(today, 1)); // fresh: 1 day → alert
    const greensLater = await lot(w, pid('greens'), 4, addDays(today, 2)); // 2 days > 1
    const milkSoon = await lot(w, pid('milk'), 3, addDays(today, 2)); // its own rule: 2 days → alert
    const appleSoon = await lot(w, pid('apple'), 3, addDays(today, 3)); // its own rule (3) over fresh's (1)
    const eggs = await lot(w, pid('eggs'), 2, addDays(today, 0)); // no rule for meat_eggs

    expect(await raiseNearExpiryAlerts(db, now)).toBe(3);
    const raised = await rows<{ subject_id: string; details: any; severity: string }>(
      db,
      sql`select subject_id, details, severity from operator_alerts where kind = 'stock_near_expiry'`,
    );
    expect(raised.map((a) => a.subject_id).sort()).toEqual([greensSoon, milkSoon, appleSoon].sort());
    expect(raised.find((a) => a.subject_id === milkSoon)!.details).toMatchObject({
      daysLeft: 2,
      ruleDays: 2,
      remaining: 3,
    });
    for (const quiet of [greensLater, eggs]) expect(raised.some((a) => a.subject_id === quiet)).toBe(false);
    // each queued once on the outbox; a second run (or a second server) raises nothing
    const queued = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox where topic = 'notify.operator' and payload->>'alertKind' = 'stock_near_expiry'`,
    );
    expect(queued!.n).toBe(3);
    expect(await Promise.all([raiseNearExpiryAlerts(db, now), raiseNearExpiryAlerts(db, now)])).toEqual([0, 0]);

    // the lots screen colours them: near within the rule's days, on the same business day
    const lots = await ok(clerk.get(`/admin/inventory/lots?warehouseId=${w}`));
    const byLot = new Map(lots.map((l: any) => [l.lotId, l]));
    expect(byLot.get(greensSoon)).toMatchObject({ remaining: 4, alertDays: 1 });
    expect(
      ((await ok(clerk.get(`/admin/inventory/lots?warehouseId=${w}&status=near`))) as any[]).length,
    ).toBeGreaterThan(0);

    // clean up for the tests below: these lots are counted out
    for (const p of ['greens', 'milk', 'apple', 'eggs'] as const)
      await adjustStock(db, {
        warehouseId: w,
        productId: pid(p),
        quantityDelta: -(await stockOf(w, pid(p))),
        reason: '清点',
        writeOffReason: 'other',
      });
  });

  it('refuses a rule naming both or neither a product and a category, or an unknown one, writing nothing', async () => {
    const before = (await ok(world.admin.get('/admin/freshness/alert-rules'))).length;
    for (const body of [
      { daysBeforeExpiry: 1 },
      { productId: pid('milk'), category: 'fresh', daysBeforeExpiry: 1 },
      { category: '没有这个品类', daysBeforeExpiry: 1 },
      { productId: '00000000-0000-4000-8000-000000000000', daysBeforeExpiry: 1 },
      { category: 'fresh', daysBeforeExpiry: -1 },
    ]) {
      const r = await world.admin.put('/admin/freshness/alert-rules', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await ok(world.admin.get('/admin/freshness/alert-rules'))).length).toBe(before);
    for (const body of [
      { category: 'fresh', basis: 'days_left', days: 1, discountBps: 0 },
      { category: 'fresh', basis: 'days_left', days: 1, discountBps: 9901 },
      { category: 'fresh', basis: 'weekday', days: 1, discountBps: 100 },
    ]) {
      expect((await world.admin.post('/admin/freshness/markdown-rules', body)).status).toBe(400);
    }
    expect(await ok(world.admin.get('/admin/freshness/markdown-rules'))).toEqual([]);
  });
});

describe('expiry write-off', () => {
  it('writes off the units left in a lot past its expiry with reason expired, once per lot', async () => {
    const db = server.ctx.db;
    const now = new Date();
    const today = businessDate(now, TZ);
    const w = world.gridWarehouseId;
    const stale = await lot(w, pid('eggs'), 6, addDays(today, -1));
    const good = await lot(w, pid('eggs'), 4, today); // good through today
    const before = await stockOf(w, pid('eggs'));
    const runs = await Promise.all([writeOffExpiredLots(db, now), writeOffExpiredLots(db, now)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await writeOffExpiredLots(db, now)).toBe(0);
    expect(await stockOf(w, pid('eggs'))).toBe(before - 6);
    const moved = await rows<{ quantity: number; reason_code: string; lot_id: string; business_key: string }>(
      db,
      sql`
      select m.quantity, m.reason_code, ml.lot_id, m.business_key from stock_movements m
      join stock_movement_lots ml on ml.movement_id = m.id where m.business_key like 'expiry:%'`,
    );
    expect(moved).toEqual([
      { quantity: -6, reason_code: 'expired', lot_id: stale, business_key: `expiry:${stale}:${today}` },
    ]);
    const lots = await rows<{ id: string; remaining: number }>(
      db,
      sql`select id, remaining from lots where id in (${stale}, ${good})`,
    );
    expect(Object.fromEntries(lots.map((l) => [l.id, l.remaining]))).toEqual({ [stale]: 0, [good]: 4 });
    // the next business day the other lot has expired too
    expect(await writeOffExpiredLots(db, localTime(addDays(today, 1), '09:00', TZ))).toBe(1);
    expect(await ledgerBreaks()).toEqual([]);
  });
});

describe('markdown deals (尾货秒杀)', () => {
  it('turns a lot at a markdown step into one flash deal at the discounted price, even when two servers run at once', async () => {
    const db = server.ctx.db;
    const now = new Date();
    const today = businessDate(now, TZ);
    const w = world.centralWarehouseId;
    const greens = pid('greens'); // list price 450 fen, category fresh
    // 2 days left: 20 % off; 1 day left: 40 % off (the deepest reached applies)
    await ok(
      world.admin.post('/admin/freshness/markdown-rules', {
        category: 'fresh',
        basis: 'days_left',
        days: 3,
        discountBps: 2000,
      }),
      201,
    );
    await ok(
      world.admin.post('/admin/freshness/markdown-rules', {
        category: 'fresh',
        basis: 'days_left',
        days: 1,
        discountBps: 4000,
      }),
      201,
    );
    expect(
      (
        await world.admin.post('/admin/freshness/markdown-rules', {
          category: 'fresh',
          basis: 'days_left',
          days: 1,
          discountBps: 100,
        })
      ).status,
    ).toBe(409);
    const stockBefore = await stockOf(w, greens);
    const nearLot = await lot(w, greens, 12, addDays(today, 3));
    const laterLot = await lot(w, greens, 5, addDays(today, 9)); // not at a step
    const made = await Promise.all([
      createMarkdownDeals(db, now),
      createMarkdownDeals(db, now),
      createMarkdownDeals(db, now),
    ]);
    expect(made.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await createMarkdownDeals(db, now)).toBe(0);

    const deals = await ok(world.admin.get('/admin/freshness/markdown-deals'));
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({
      lotId: nearLot,
      units: 12,
      listPriceFen: 450,
      priceFen: 360,
      discountBps: 2000,
      sold: 0,
      released: false,
    });
    const item = await one<{
      price_fen: number;
      quota: number;
      sale_starts_at: unknown;
      region_id: string;
      pickup_date: string;
    }>(
      db,
      sql`select ci.price_fen, ci.quota, ci.sale_starts_at, c.region_id, c.pickup_date::text from campaign_items ci join campaigns c on c.id = ci.campaign_id where ci.id = ${deals[0].campaignItemId}`,
    );
    expect(item).toMatchObject({ price_fen: 360, quota: 12 });
    expect(item!.sale_starts_at).not.toBeNull();
    expect(item!.pickup_date <= addDays(today, 3)).toBe(true);
    // one marked_down movement of this lot; the units left free stock, the later lot did not move
    const marked = await rows<{ quantity: number; lot_id: string }>(
      db,
      sql`select m.quantity, ml.lot_id from stock_movements m join stock_movement_lots ml on ml.movement_id = m.id where m.kind = 'marked_down'`,
    );
    expect(marked).toEqual([{ quantity: -12, lot_id: nearLot }]);
    expect(await stockOf(w, greens)).toBe(stockBefore + 5);
    expect(await ledgerBreaks()).toEqual([]);
    const onLots = await ok(world.admin.get(`/admin/inventory/lots?warehouseId=${w}&productId=${greens}`));
    expect(onLots.find((l: any) => l.lotId === nearLot)).toMatchObject({ remaining: 0, onMarkdown: 12 });
    expect(onLots.find((l: any) => l.lotId === laterLot)).toMatchObject({ remaining: 5, onMarkdown: 0 });

    // the shop offers it as a flash deal at the discounted price
    const shop = await ok(world.anon.get(`/campaigns/active?pickupPointId=${world.pickupPointIds[0]}`));
    const offered = shop
      .flatMap((c: any) => c.deals ?? c.items ?? [])
      .find((d: any) => d.id === deals[0].campaignItemId);
    expect(offered).toMatchObject({ priceFen: 360, quota: 12 });

    // 5 sold; at the cutoff the 12 come back into their lot and the 5 are served from stock, first-expiry-first
    const customer = await newCustomer(server, world.pickupPointIds[0]);
    const { buyAndPay } = await import('./fixtures.js');
    await buyAndPay(server, customer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: deals[0].campaignItemId, quantity: 5 }],
    });
    await ok(world.admin.post(`/admin/campaigns/${deals[0].campaignId}/cutoff`));
    expect(await ok(world.admin.get(`/admin/purchase-orders?campaignId=${deals[0].campaignId}`))).toEqual([]);
    expect(await stockOf(w, greens)).toBe(stockBefore + 5 + 12 - 5);
    const lotsAfter = await rows<{ id: string; remaining: number }>(
      db,
      sql`select id, remaining from lots where id in (${nearLot}, ${laterLot})`,
    );
    expect(Object.fromEntries(lotsAfter.map((l) => [l.id, l.remaining]))).toEqual({ [nearLot]: 7, [laterLot]: 5 });
    expect((await ok(world.admin.get('/admin/freshness/markdown-deals')))[0]).toMatchObject({
      sold: 5,
      released: true,
    });
    expect(await ledgerBreaks()).toEqual([]);
    // the same lot and day makes no second deal, even with units back in it
    expect(await createMarkdownDeals(db, now)).toBe(0);
  });
});

describe('loss rate', () => {
  it('matches a plain recomputation from the ledger, the receipts and the arrivals, before and after the rollup', async () => {
    const db = server.ctx.db;
    // a campaign: 7 apples sold (pack 10: 10 bought), 9 accepted and 1 rejected; 1 damaged on arrival
    const campaign = await newCampaign(world);
    await buy(server, world, campaign, 0, { apple: 4 });
    await buy(server, world, campaign, 2, { apple: 3 });
    await ok(world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`));
    const pos = await ok(world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`));
    for (const po of pos)
      await ok(
        world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
          lines: po.lines.map((l: any) => ({
            productId: l.productId,
            acceptedQuantity: l.quantity - 1,
            rejectedQuantity: 1,
          })),
        }),
      );
    await dispatchAll(world, campaign.id);
    const lists = await ok(
      world.admin.get(`/admin/sorting-lists?campaignId=${campaign.id}&pickupPointId=${world.pickupPointIds[0]}`),
    );
    await ok(
      world.leaders[0].api.post('/leader/arrivals', {
        campaignId: campaign.id,
        lines: lists[0].lines.map((l: any) => ({
          productId: l.productId,
          receivedQuantity: l.quantity - 1,
          damagedQuantity: 1,
        })),
      }),
    );
    // by hand: 40 milk in, 3 damaged and 1 lost written off at the grid warehouse
    await adjustStock(db, {
      warehouseId: world.gridWarehouseId,
      productId: pid('milk'),
      quantityDelta: 40,
      reason: '入库',
      expiresOn: '2031-01-01',
    });
    await adjustStock(db, {
      warehouseId: world.gridWarehouseId,
      productId: pid('milk'),
      quantityDelta: -3,
      reason: '破损',
      writeOffReason: 'damaged',
    });
    await adjustStock(db, {
      warehouseId: world.gridWarehouseId,
      productId: pid('milk'),
      quantityDelta: -1,
      reason: '丢失',
      writeOffReason: 'lost',
    });

    const expected = await recompute();
    const check = async () => {
      for (const by of ['warehouse', 'category', 'product'] as const) {
        const report = await lossReport(db, { by });
        const got = report.items.map((r) => ({
          week: r.week,
          key: (by === 'warehouse' ? r.warehouseId : by === 'category' ? r.category : r.productId)!,
          received: r.received,
          lost: r.lost,
          writtenOff: r.writtenOff,
          expired: r.expired,
          rejected: r.rejected,
          damaged: r.damaged,
          stockReceived: r.stockReceived,
          lossRateBps: r.lossRateBps,
        }));
        const want = expected(by);
        expect(sortRows(got)).toEqual(sortRows(want));
        expect(report.totals.lost).toBe(want.reduce((s, r) => s + r.lost, 0));
      }
    };
    await check();
    // the figures include the rejected apple, the damaged one and the write-offs
    const byWh = await lossReport(db, { by: 'warehouse' });
    expect(byWh.totals.rejected).toBeGreaterThanOrEqual(pos.length);
    expect(byWh.totals.damaged).toBeGreaterThanOrEqual(1);

    // two weeks on, these weeks are closed and summed into the rollup: the same figures
    const later = new Date(Date.now() + 15 * 86_400_000);
    const rolled = await Promise.all([rollUpLossWeeks(db, later), rollUpLossWeeks(db, later)]);
    expect(rolled[0] + rolled[1]).toBeGreaterThan(0);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from loss_weeks`))!.n).toBeGreaterThan(0);
    await check();
    expect(await rollUpLossWeeks(db, later)).toBe(0);
  });

  it('flags and alerts a week over its limit once, and follows the limit setting', async () => {
    const db = server.ctx.db;
    const report = await ok(world.admin.get('/admin/loss-rate?by=warehouse'));
    expect(report.limits).toEqual({ lossRateLimitBps: 500, onlineLossRateLimitBps: 300 });
    const grid = report.items.find((r: any) => r.warehouseId === world.gridWarehouseId);
    expect(grid.lossRateBps).toBeGreaterThan(500);
    expect(grid.overLimit).toBe(true);
    const first = await raiseLossAlerts(db);
    expect(first).toBeGreaterThan(0);
    expect(await raiseLossAlerts(db)).toBe(0);
    const alert = await one<{ details: any }>(
      db,
      sql`select details from operator_alerts where kind = 'loss_rate_over_limit' and subject_id = ${world.gridWarehouseId} and details->>'limit' = 'overall'`,
    );
    expect(alert!.details).toMatchObject({ rateBps: grid.lossRateBps, limitBps: 500 });

    // an operator raises the limit above the week's rate: no longer over
    await ok(world.admin.put('/admin/settings/freshness.lossRateLimitBps', { value: 10_000 }));
    const relaxed = await ok(world.admin.get('/admin/loss-rate?by=warehouse'));
    expect(relaxed.items.find((r: any) => r.warehouseId === world.gridWarehouseId).overLimit).toBe(false);
    await ok(world.admin.put('/admin/settings/freshness.lossRateLimitBps', { value: null }));
  });

  it('exports the report as .xlsx with the same figures', async () => {
    const report = await ok(world.admin.get('/admin/loss-rate?by=warehouse'));
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/loss-rate/export.xlsx?by=warehouse&lang=en',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Loss rate')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Week (Monday)', 'Warehouse', 'Units received']);
    const body = [];
    for (let i = 3; i <= ws.rowCount; i++) body.push((ws.getRow(i).values as unknown[]).slice(1));
    expect(body.map((r) => [r[0], r[1], r[2], r[7]])).toEqual(
      report.items.map((r: any) => [r.week, r.warehouseName, r.received, r.lost]),
    );
  });

  it('is for admins: warehouse staff see lots and write off, but not the rules or the report', async () => {
    expect((await clerk.get('/admin/inventory/lots')).status).toBe(200);
    for (const path of [
      '/admin/loss-rate',
      '/admin/freshness/markdown-rules',
      '/admin/freshness/alert-rules',
      '/admin/freshness/markdown-deals',
    ])
      expect((await clerk.get(path)).status).toBe(403);
    expect((await clerk.put('/admin/freshness/alert-rules', { category: 'fresh', daysBeforeExpiry: 5 })).status).toBe(
      403,
    );
    expect(
      (
        await clerk.post('/admin/freshness/markdown-rules', {
          category: 'fresh',
          basis: 'age',
          days: 2,
          discountBps: 100,
        })
      ).status,
    ).toBe(403);
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/loss-rate/export.xlsx',
      headers: { authorization: `Bearer ${clerk.token}` },
    });
    expect(res.statusCode).toBe(403);
  });
});

interface Fact {
  week: string;
  key: string;
  received: number;
  lost: number;
  writtenOff: number;
  expired: number;
  rejected: number;
  damaged: number;
  stockReceived: number;
  lossRateBps: number | null;
}

const sortRows = (r: Fact[]) => [...r].sort((a, b) => `${a.week}${a.key}`.localeCompare(`${b.week}${b.key}`));

/**
 * The loss figures recomputed plainly in TypeScript from the raw rows (movements, purchase order
 * lines, sorting list lines), independent of the report's SQL.
 */
async function recompute() {
  const db = server.ctx.db;
  const products = new Map(
    (await rows<{ id: string; category: string }>(db, sql`select id, category from products`)).map((p) => [
      p.id,
      p.category,
    ]),
  );
  const central = world.centralWarehouseId;
  const week = (at: unknown) => weekStart(businessDate(new Date(iso(at)!), TZ));
  type Raw = { warehouse: string; product: string; week: string } & Omit<Fact, 'week' | 'key' | 'lossRateBps' | 'lost'>;
  const facts: Raw[] = [];
  const zero = { received: 0, writtenOff: 0, expired: 0, rejected: 0, damaged: 0, stockReceived: 0 };
  for (const m of await rows<{
    warehouse_id: string;
    product_id: string;
    kind: string;
    quantity: number;
    reason_code: string | null;
    ref_id: string | null;
    created_at: unknown;
  }>(db, sql`select warehouse_id, product_id, kind, quantity, reason_code, ref_id, created_at from stock_movements`)) {
    const f = { ...zero, warehouse: m.warehouse_id, product: m.product_id, week: week(m.created_at) };
    if (m.kind === 'received') {
      f.stockReceived = m.quantity;
      if (m.ref_id === null) f.received = m.quantity;
    } else if (m.kind === 'written_off') {
      f.writtenOff = -m.quantity;
      if (m.reason_code === 'expired') f.expired = -m.quantity;
    } else continue;
    facts.push(f);
  }
  for (const l of await rows<{
    warehouse_id: string;
    product_id: string;
    accepted: number;
    rejected: number;
    received_at: unknown;
  }>(
    db,
    sql`select po.warehouse_id, pol.product_id, pol.accepted_quantity as accepted, pol.rejected_quantity as rejected, po.received_at
        from purchase_orders po join purchase_order_lines pol on pol.purchase_order_id = po.id where po.status = 'received'`,
  ))
    facts.push({
      ...zero,
      warehouse: l.warehouse_id,
      product: l.product_id,
      week: week(l.received_at),
      received: l.accepted + l.rejected,
      rejected: l.rejected,
    });
  for (const l of await rows<{ product_id: string; damaged: number | null; arrived_at: unknown }>(
    db,
    sql`select sll.product_id, sll.damaged_quantity as damaged, sl.arrived_at from sorting_lists sl join sorting_list_lines sll on sll.sorting_list_id = sl.id where sl.arrived_at is not null`,
  ))
    if (l.damaged)
      facts.push({ ...zero, warehouse: central, product: l.product_id, week: week(l.arrived_at), damaged: l.damaged });

  return (by: 'warehouse' | 'category' | 'product'): Fact[] => {
    const groups = new Map<string, Fact>();
    for (const f of facts) {
      const key = by === 'warehouse' ? f.warehouse : by === 'category' ? products.get(f.product)! : f.product;
      const g =
        groups.get(`${f.week}|${key}`) ??
        ({
          week: f.week,
          key,
          received: 0,
          lost: 0,
          writtenOff: 0,
          expired: 0,
          rejected: 0,
          damaged: 0,
          stockReceived: 0,
          lossRateBps: null,
        } as Fact);
      g.received += f.received;
      g.writtenOff += f.writtenOff;
      g.expired += f.expired;
      g.rejected += f.rejected;
      g.damaged += f.damaged;
      g.stockReceived += f.stockReceived;
      g.lost = g.writtenOff + g.rejected + g.damaged;
      g.lossRateBps = g.received > 0 ? Math.round((g.lost * 10_000) / g.received) : null;
      groups.set(`${f.week}|${key}`, g);
    }
    return [...groups.values()];
  };
}

describe('the ledger under the freshness jobs', () => {
  it('keeps stock = movements = lots through any mix of receipts, write-offs, markdowns, expiries and cutoffs', async () => {
    const db = server.ctx.db;
    const { runCutoff } = await import('../src/flows/cutoff.js');
    const fc = (await import('fast-check')).default;
    const w = world.centralWarehouseId;
    const greens = pid('greens');
    const day0 = businessDate(new Date(), TZ);
    const at = (k: number) => localTime(addDays(day0, k), '08:20', TZ);
    const op = fc.oneof(
      fc.record({
        t: fc.constant('in' as const),
        n: fc.integer({ min: 1, max: 9 }),
        days: fc.integer({ min: -2, max: 6 }),
      }),
      fc.record({ t: fc.constant('out' as const), n: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ t: fc.constant('mark' as const), k: fc.nat(3) }),
      fc.record({ t: fc.constant('expire' as const), k: fc.nat(4) }),
      fc.record({ t: fc.constant('cutoff' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          if (o.t === 'in') await lot(w, greens, o.n, addDays(day0, o.days));
          else if (o.t === 'out') {
            const have = await stockOf(w, greens);
            if (have > 0)
              await adjustStock(db, {
                warehouseId: w,
                productId: greens,
                quantityDelta: -Math.min(have, o.n),
                reason: '报损',
                writeOffReason: 'quality',
              });
          } else if (o.t === 'mark') await createMarkdownDeals(db, at(o.k));
          else if (o.t === 'expire') await writeOffExpiredLots(db, at(o.k));
          else {
            const open = await rows<{ id: string }>(
              db,
              sql`select c.id from markdown_campaigns m join campaigns c on c.id = m.campaign_id where c.status = 'open'`,
            );
            for (const c of open) await runCutoff(db, c.id);
          }
          expect(await ledgerBreaks()).toEqual([]);
        }
      }),
      { numRuns: 10 },
    );
    const kinds = await rows<{ kind: string }>(db, sql`select distinct kind from stock_movements order by kind`);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['marked_down', 'returned', 'written_off']));
  });
});
