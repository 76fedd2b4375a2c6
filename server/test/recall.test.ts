import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './harness.js';
import { Api } from './client.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { newCampaign, P, type Campaign } from './leader-flow.js';
import { one, rows } from '../src/db/client.js';
import { grantRole } from '../src/modules/accounts/service.js';
import { adjustStock } from '../src/modules/inventory/service.js';
import { deliverOutbox } from '../src/modules/outbox/service.js';
import { outboxHandlers } from '../src/modules/outbox/senders.js';
import { maskPhone } from '../src/lib/phone.js';
import { raiseOverdueRecallAlerts } from '../src/flows/recall.js';

/**
 * Lots per order line and recalls (decision 043): the cutoff records which lots each line served
 * from stock got; a recall from a lot finds every line, stops the sale, blocks the lot through the
 * stock ledger, notifies customers and leaders once, and refunds each order once.
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

const pid = (name: keyof typeof P) => world.products[P[name]].id;

const customers: { userId: string; phone: string; point: number }[] = [];
async function buy(campaign: Campaign, point: number, lines: Partial<Record<keyof typeof P, number>>) {
  const customer = await newCustomer(server, world.pickupPointIds[point]);
  customers.push({ userId: customer.userId, phone: customer.phone, point });
  return buyAndPay(server, customer.api, {
    pickupPointId: world.pickupPointIds[point],
    items: Object.entries(lines).map(([name, quantity]) => ({
      campaignItemId: campaign.items[name as keyof typeof P],
      quantity,
    })),
  });
}

const lotIds: Record<string, string> = {};
let campaign: Campaign;
/** TS recomputation of the lots each line got: line id → lot id → units */
const expected = new Map<string, Map<string, number>>();

describe('lots per order line at cutoff', () => {
  it('splits the units a cutoff serves from stock over the lines in serving order, lot by lot first-expiry-first', async () => {
    const w = world.centralWarehouseId;
    // three lots of milk (12 units), received in an order that is not their expiry order; two of eggs
    for (const [units, expiresOn] of [
      [4, '2031-03-01'],
      [3, '2031-01-01'],
      [5, '2031-02-01'],
    ] as const) {
      const r = await adjustStock(server.ctx.db, {
        warehouseId: w,
        productId: pid('milk'),
        quantityDelta: units,
        reason: '入库',
        expiresOn,
      });
      lotIds[`milk:${expiresOn}`] = r.lotId!;
    }
    const eggLot = await adjustStock(server.ctx.db, {
      warehouseId: w,
      productId: pid('eggs'),
      quantityDelta: 2,
      reason: '入库',
      expiresOn: '2031-01-15',
    });
    lotIds['eggs:stock'] = eggLot.lotId!;
    campaign = await newCampaign(world);
    // milk: 10 of the 12 units (all from stock); eggs: 4 units, 2 from stock, the rest bought
    await buy(campaign, 0, { milk: 2, eggs: 1 });
    await buy(campaign, 1, { milk: 3 });
    await buy(campaign, 0, { milk: 1, eggs: 2 });
    await buy(campaign, 2, { milk: 4, eggs: 1 });
    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);

    const lines = await rows<{ id: string; order_id: string; paid_at: string; product_id: string; needed: number }>(
      server.ctx.db,
      sql`select l.id, l.order_id, o.paid_at::text as paid_at, l.product_id, l.quantity - l.refund_quantity as needed
      from order_lines l join orders o on o.id = l.order_id where o.campaign_id = ${campaign.id}`,
    );
    const took = await rows<{
      product_id: string;
      lot_id: string;
      units: number;
      expires_on: string | null;
      received_at: string;
    }>(
      server.ctx.db,
      sql`select m.product_id, ml.lot_id, -ml.quantity as units, l.expires_on::text as expires_on, l.received_at::text as received_at
      from stock_movements m join stock_movement_lots ml on ml.movement_id = m.id join lots l on l.id = ml.lot_id
      where m.ref_id = ${campaign.id} and m.kind = 'allocated'`,
    );
    // plain recomputation: lines by payment time, lots by expiry, units handed out one by one
    for (const product of [pid('milk'), pid('eggs')]) {
      const queue = lines
        .filter((l) => l.product_id === product)
        .sort((a, b) =>
          a.paid_at < b.paid_at
            ? -1
            : a.paid_at > b.paid_at
              ? 1
              : a.order_id < b.order_id
                ? -1
                : a.order_id > b.order_id
                  ? 1
                  : a.id < b.id
                    ? -1
                    : 1,
        );
      const lots = took
        .filter((t) => t.product_id === product)
        .sort((a, b) =>
          (a.expires_on ?? '9999') < (b.expires_on ?? '9999')
            ? -1
            : (a.expires_on ?? '9999') > (b.expires_on ?? '9999')
              ? 1
              : a.received_at < b.received_at
                ? -1
                : 1,
        );
      let li = 0;
      let left = queue[0]?.needed ?? 0;
      for (const lot of lots) {
        for (let u = 0; u < lot.units; u++) {
          while (left === 0) left = queue[++li].needed;
          const m = expected.get(queue[li].id) ?? new Map<string, number>();
          m.set(lot.lot_id, (m.get(lot.lot_id) ?? 0) + 1);
          expected.set(queue[li].id, m);
          left--;
        }
      }
    }
    const got = await rows<{ order_line_id: string; lot_id: string; quantity: number }>(
      server.ctx.db,
      sql`select order_line_id, lot_id, quantity from order_line_lots
      where order_line_id in (select l.id from order_lines l join orders o on o.id = l.order_id where o.campaign_id = ${campaign.id})`,
    );
    const flat = (m: Map<string, Map<string, number>>) =>
      [...m].flatMap(([line, lots]) => [...lots].map(([lot, q]) => `${line}:${lot}:${q}`)).sort();
    const gotMap = new Map<string, Map<string, number>>();
    for (const g of got)
      gotMap.set(g.order_line_id, (gotMap.get(g.order_line_id) ?? new Map()).set(g.lot_id, g.quantity));
    expect(flat(gotMap)).toEqual(flat(expected));
    // the sum per lot is the movement's lot quantity
    for (const t of took) {
      expect(got.filter((g) => g.lot_id === t.lot_id).reduce((s, g) => s + g.quantity, 0)).toBe(t.units);
    }
    // each milk line's units are its whole allocation; the eggs lines got the 2 stock units, first paid first
    for (const l of lines.filter((x) => x.product_id === pid('milk'))) {
      expect(got.filter((g) => g.order_line_id === l.id).reduce((s, g) => s + g.quantity, 0)).toBe(l.needed);
    }
    expect(got.filter((g) => g.lot_id === lotIds['eggs:stock']).reduce((s, g) => s + g.quantity, 0)).toBe(2);
    // the first-expiring milk lot (3 units) went to the first payer's 2 and 1 of the second's
    expect(
      got
        .filter((g) => g.lot_id === lotIds['milk:2031-01-01'])
        .map((g) => g.quantity)
        .sort(),
    ).toEqual([1, 2]);
  });
});

async function linesOfLot(lotId: string) {
  return [...expected].filter(([, m]) => m.has(lotId)).map(([line, m]) => ({ line, units: m.get(lotId)! }));
}

describe('recalls', () => {
  let recallId: string;

  it('previews a recall from a lot: every affected line, its customer and pickup point; phones in full only for an admin of every region', async () => {
    const lot = lotIds['milk:2031-03-01'];
    const want = await linesOfLot(lot);
    expect(want.length).toBeGreaterThan(0);
    const preview = await world.admin.post('/admin/recalls/preview', {
      scope: 'lot',
      lotId: lot,
      reason: '抽检不合格',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.lines.map((l: any) => `${l.orderLineId}:${l.units}`).sort()).toEqual(
      want.map((w) => `${w.line}:${w.units}`).sort(),
    );
    expect(preview.body.progress.units).toBe(want.reduce((s, w) => s + w.units, 0));
    expect(preview.body.progress.unitsBlocked).toBe(2); // 4 received, 2 taken at cutoff
    const phones = new Set(customers.map((c) => c.phone));
    for (const l of preview.body.lines) expect(phones.has(l.phone)).toBe(true);
    // nothing written by a preview
    expect((await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from recalls`))!.n).toBe(0);

    const draft = await world.admin.post('/admin/recalls', { scope: 'lot', lotId: lot, reason: '抽检不合格' });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    recallId = draft.body.id;
    const seen = await clerk.get(`/admin/recalls/${recallId}/lines`);
    expect(seen.status).toBe(200);
    const masked = new Set(customers.map((c) => maskPhone(c.phone)));
    for (const l of seen.body) {
      expect(l.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect(masked.has(l.phone)).toBe(true);
    }
    // an admin limited to a region (even all of them, by name) does not call customers: masked too
    const regional = await newCustomer(server, undefined, '城市运营');
    await grantRole(server.ctx.db, regional.userId, 'admin');
    const region = await one<{ region_id: string }>(
      server.ctx.db,
      sql`select region_id from warehouses where id = ${world.centralWarehouseId}`,
    );
    expect(
      (await world.admin.put(`/admin/users/${regional.userId}/regions`, { regionIds: [region!.region_id] })).status,
    ).toBe(200);
    const signedIn = await new Api(server.app).post('/auth/login', { phone: regional.phone, password: 'customer-123' });
    const cityAdmin = new Api(server.app, signedIn.body.token);
    const theirs = await cityAdmin.get(`/admin/recalls/${recallId}/lines`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.map((l: any) => l.phone).sort()).toEqual(seen.body.map((l: any) => l.phone).sort());
    const full = await world.admin.get(`/admin/recalls/${recallId}/lines`);
    expect(full.body.every((l: any) => phones.has(l.phone))).toBe(true);
    // warehouse staff see recalls but neither start nor confirm them
    expect((await clerk.get('/admin/recalls')).body.map((r: any) => r.id)).toContain(recallId);
    expect((await clerk.post('/admin/recalls', { scope: 'lot', lotId: lot, reason: 'x' })).status).toBe(403);
    expect((await clerk.post(`/admin/recalls/${recallId}/confirm`)).status).toBe(403);
    expect((await clerk.post(`/admin/recalls/${recallId}/refund`)).status).toBe(403);
    // the affected list as a workbook: a row per line, phones as the caller sees them
    const xlsx = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/recalls/${recallId}/lines.xlsx`,
      headers: { authorization: `Bearer ${clerk.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheetRows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    expect(sheetRows.length - 2).toBe(seen.body.length);
    expect(sheetRows[1]).toContain('手机号');
    expect(
      sheetRows
        .slice(2)
        .map((r) => r[3])
        .sort(),
    ).toEqual(seen.body.map((l: any) => l.phone).sort());
  });

  it('confirms once under two simultaneous confirmations: sale stopped, the lot blocked through the ledger, one notice per customer and leader', async () => {
    const lot = lotIds['milk:2031-03-01'];
    const sold = await one<{ sold: number; quota: number | null }>(
      server.ctx.db,
      sql`select sold, quota from campaign_items where id = ${world.campaign.items[P.milk].id}`,
    );
    expect(sold!.quota === null || sold!.quota > sold!.sold).toBe(true);
    const [a, b] = await Promise.all([
      world.admin.post(`/admin/recalls/${recallId}/confirm`),
      world.admin.post(`/admin/recalls/${recallId}/confirm`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.ranNow, b.body.ranNow].sort()).toEqual([false, true]);
    expect(a.body.status).toBe('active');
    expect(new Date(a.body.deadlineAt).getTime() - new Date(a.body.confirmedAt).getTime()).toBe(48 * 3_600_000);

    // open deals of milk sell nothing more
    const after = await one<{ sold: number; quota: number }>(
      server.ctx.db,
      sql`select sold, quota from campaign_items where id = ${world.campaign.items[P.milk].id}`,
    );
    expect(after!.quota).toBe(after!.sold);
    const late = await newCustomer(server, world.pickupPointIds[0]);
    const refused = await late.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[P.milk].id, quantity: 1 }],
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);

    // the lot's 2 free units left free stock as a written_off movement of exactly that lot
    const moved = await rows<{
      kind: string;
      quantity: number;
      lot_id: string;
      lot_quantity: number;
      reason_code: string;
    }>(
      server.ctx.db,
      sql`select m.kind, m.quantity, ml.lot_id, ml.quantity as lot_quantity, m.reason_code from stock_movements m
      join stock_movement_lots ml on ml.movement_id = m.id where m.ref_id = ${recallId}`,
    );
    expect(moved).toEqual([
      { kind: 'written_off', quantity: -2, lot_id: lot, lot_quantity: -2, reason_code: 'quality' },
    ]);
    const stock = await one<{ stock: number; moved: number; in_lots: number }>(
      server.ctx.db,
      sql`select (select quantity from warehouse_stock where warehouse_id = ${world.centralWarehouseId} and product_id = ${pid('milk')}) as stock,
        (select sum(quantity)::int from stock_movements where warehouse_id = ${world.centralWarehouseId} and product_id = ${pid('milk')}) as moved,
        (select sum(remaining)::int from lots where warehouse_id = ${world.centralWarehouseId} and product_id = ${pid('milk')}) as in_lots`,
    );
    expect(stock!.stock).toBe(stock!.moved);
    expect(stock!.stock).toBe(stock!.in_lots);

    // one message per affected customer and per leader of an affected point
    const want = await linesOfLot(lot);
    const owners = await rows<{ user_id: string; pickup_point_id: string }>(
      server.ctx.db,
      sql`select o.user_id, o.pickup_point_id from order_lines l join orders o on o.id = l.order_id
      where l.id = any(${`{${want.map((w) => w.line).join(',')}}`}::uuid[])`,
    );
    const leaderUsers = new Set(
      world.leaders.filter((l) => owners.some((o) => o.pickup_point_id === l.pickupPointId)).map((l) => l.userId),
    );
    const sent = await rows<{ user_id: string; role: string }>(
      server.ctx.db,
      sql`select payload->>'userId' as user_id, payload->>'role' as role from outbox
      where topic = 'notify.customer' and payload->>'recallId' = ${recallId}::text`,
    );
    expect(
      sent
        .filter((s) => s.role === 'customer')
        .map((s) => s.user_id)
        .sort(),
    ).toEqual([...new Set(owners.map((o) => o.user_id))].sort());
    expect(
      sent
        .filter((s) => s.role === 'leader')
        .map((s) => s.user_id)
        .sort(),
    ).toEqual([...leaderUsers].sort());

    // progress: customers notified once the outbox delivered
    while ((await deliverOutbox(server.ctx.db, outboxHandlers(server.ctx.config))) > 0);
    const v = (await clerk.get(`/admin/recalls/${recallId}`)).body;
    expect(v.progress.customers).toBe(new Set(owners.map((o) => o.user_id)).size);
    expect(v.progress.customersNotified).toBe(v.progress.customers);
    expect(v.progress.leadersNotified).toBe(leaderUsers.size);
    expect(v.progress.unitsBlocked).toBe(2);
    expect(v.progress.dealsClosed).toBeGreaterThanOrEqual(1);
  });

  it('records units brought back: warehouse staff and the point’s leader, never more than the recall has at the point', async () => {
    const lines = (await world.admin.get(`/admin/recalls/${recallId}/lines`)).body as any[];
    const point = lines[0].pickupPointId;
    const atPoint = lines.filter((l) => l.pickupPointId === point).reduce((s, l) => s + l.units, 0);
    const r1 = await clerk.post(`/admin/recalls/${recallId}/returns`, {
      pickupPointId: point,
      units: 1,
      businessKey: 'back-1',
    });
    expect(r1.status).toBe(200);
    expect(r1.body.progress.unitsRecovered).toBe(1);
    // the same key records once
    expect(
      (
        await clerk.post(`/admin/recalls/${recallId}/returns`, {
          pickupPointId: point,
          units: 1,
          businessKey: 'back-1',
        })
      ).body.progress.unitsRecovered,
    ).toBe(1);
    const over = await clerk.post(`/admin/recalls/${recallId}/returns`, { pickupPointId: point, units: atPoint });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('LIMIT_EXCEEDED');
    const leader = world.leaders.find((l) => l.pickupPointId === point)!;
    const mine = await leader.api.get('/leader/recalls');
    expect(mine.status).toBe(200);
    expect(mine.body.find((r: any) => r.id === recallId)?.units).toBe(atPoint);
    if (atPoint > 1) {
      const byLeader = await leader.api.post(`/leader/recalls/${recallId}/returns`, { units: 1 });
      expect(byLeader.status).toBe(200);
      expect(byLeader.body.unitsRecovered).toBe(2);
    }
  });

  it('shows each leader the active recalls at their point as the console counts them, and nothing elsewhere', async () => {
    const v = (await world.admin.get(`/admin/recalls/${recallId}`)).body;
    const lines = (await world.admin.get(`/admin/recalls/${recallId}/lines`)).body as any[];
    for (const leader of world.leaders) {
      const here = lines.filter((l) => l.pickupPointId === leader.pickupPointId);
      const buyers = here.length
        ? await rows<{ user_id: string }>(
            server.ctx.db,
            sql`select distinct user_id from orders where id = any(${`{${here.map((l) => l.orderId).join(',')}}`}::uuid[])`,
          )
        : [];
      const back = await one<{ units: number }>(
        server.ctx.db,
        sql`select coalesce(sum(units), 0)::int as units from recall_returns
        where recall_id = ${recallId} and pickup_point_id = ${leader.pickupPointId}`,
      );
      const mine = await leader.api.get('/leader/recalls');
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual(
        here.length
          ? [
              expect.objectContaining({
                id: recallId,
                subject: v.subject,
                reason: v.reason,
                deadlineAt: v.deadlineAt,
                customers: buyers.length,
                units: here.reduce((s, l) => s + l.units, 0),
                unitsRecovered: back!.units,
              }),
            ]
          : [],
      );
    }
  });

  it('refunds each affected order once and to the fen, when confirmed twice at once and refunded again', async () => {
    const lot = lotIds['milk:2031-01-01'];
    const draft = await world.admin.post('/admin/recalls', {
      scope: 'lot',
      lotId: lot,
      reason: '供应商通报',
      refund: true,
    });
    expect(draft.status).toBe(201);
    const id = draft.body.id;
    const [a, b] = await Promise.all([
      world.admin.post(`/admin/recalls/${id}/confirm`),
      world.admin.post(`/admin/recalls/${id}/confirm`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const again = await Promise.all([
      world.admin.post(`/admin/recalls/${id}/refund`),
      world.admin.post(`/admin/recalls/${id}/refund`),
    ]);
    expect(again.map((r) => r.body.refunds)).toEqual([0, 0]);
    // independent recomputation: each line's recalled units priced floor(paid × units / quantity) (nothing refunded before)
    const want = await linesOfLot(lot);
    const paid = await rows<{
      id: string;
      order_id: string;
      paid_fen: number;
      quantity: number;
      refund_quantity: number;
    }>(
      server.ctx.db,
      sql`select id, order_id, paid_fen, quantity, refund_quantity from order_lines where id = any(${`{${want.map((w) => w.line).join(',')}}`}::uuid[])`,
    );
    const expectedFen = want.reduce((s, w) => {
      const l = paid.find((p) => p.id === w.line)!;
      return s + Math.floor((l.paid_fen * w.units) / l.quantity);
    }, 0);
    const refunds = await rows<{ order_id: string; amount_fen: number; status: string }>(
      server.ctx.db,
      sql`select order_id, amount_fen, status from refunds where business_key like ${`recall:${id}:%`}`,
    );
    expect(refunds.length).toBe(new Set(paid.map((p) => p.order_id)).size);
    expect(refunds.every((r) => r.status === 'refunded')).toBe(true);
    expect(refunds.reduce((s, r) => s + r.amount_fen, 0)).toBe(expectedFen);
    for (const w of want) expect(paid.find((p) => p.id === w.line)!.refund_quantity).toBe(w.units);
    const v = (await world.admin.get(`/admin/recalls/${id}`)).body;
    expect(v.progress.refundedFen).toBe(expectedFen);
    expect(v.progress.refundedLines).toBe(want.length);
    // a leader's double tap: the same key twice at once, for every unit at the point, records them once
    // (the second is not refused as one unit too many)
    const here = ((await world.admin.get(`/admin/recalls/${id}/lines`)).body as any[]).filter(
      (l, _, all) => l.pickupPointId === all[0].pickupPointId,
    );
    const atPoint = here.reduce((s, l) => s + l.units, 0);
    const leader = world.leaders.find((l) => l.pickupPointId === here[0].pickupPointId)!;
    const taps = await Promise.all(
      [1, 2].map(() => leader.api.post(`/leader/recalls/${id}/returns`, { units: atPoint, businessKey: 'tap-1' })),
    );
    expect(taps.map((t) => [t.status, t.body.unitsRecovered, t.body.units])).toEqual([
      [200, atPoint, atPoint],
      [200, atPoint, atPoint],
    ]);
    expect(
      (await one<{ n: number }>(
        server.ctx.db,
        sql`select count(*)::int as n from recall_returns where recall_id = ${id}`,
      ))!.n,
    ).toBe(1);
    const more = await leader.api.post(`/leader/recalls/${id}/returns`, { units: 1 });
    expect([more.status, more.body.error?.code, more.body.error?.details]).toEqual([
      409,
      'LIMIT_EXCEEDED',
      { soldUnits: atPoint, recoveredUnits: atPoint },
    ]);
    // finished once notified: it closes, and a closed recall raises no deadline alert
    while ((await deliverOutbox(server.ctx.db, outboxHandlers(server.ctx.config))) > 0);
    const closed = await world.admin.post(`/admin/recalls/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('raises one operator alert for a recall past its 48 hours unfinished, none for a closed one', async () => {
    expect(await raiseOverdueRecallAlerts(server.ctx.db, new Date(Date.now() + 47 * 3_600_000))).toBe(0);
    const later = new Date(Date.now() + 49 * 3_600_000);
    expect(await raiseOverdueRecallAlerts(server.ctx.db, later)).toBe(1);
    expect(await raiseOverdueRecallAlerts(server.ctx.db, later)).toBe(0);
    const alert = await one<{ subject_id: string; severity: string }>(
      server.ctx.db,
      sql`select subject_id, severity from operator_alerts where kind = 'recall_overdue'`,
    );
    expect(alert).toEqual({ subject_id: recallId, severity: 'critical' });
  });

  it('a recall from a supplier covers lines received on its purchase orders and lines served from its stock', async () => {
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    for (const po of pos) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) => ({
          productId: l.productId,
          acceptedQuantity: l.quantity,
          rejectedQuantity: 0,
        })),
      });
      expect(res.status).toBe(200);
    }
    const eggs = await rows<{ id: string; quantity: number }>(
      server.ctx.db,
      sql`select l.id, l.quantity from order_lines l join orders o on o.id = l.order_id
      where o.campaign_id = ${campaign.id} and l.product_id = ${pid('eggs')}`,
    );
    const preview = await world.admin.post('/admin/recalls/preview', {
      scope: 'supplier',
      supplierId: world.products[P.eggs].supplierId,
      regionId: (await one<{ region_id: string }>(
        server.ctx.db,
        sql`select region_id from warehouses where id = ${world.centralWarehouseId}`,
      ))!.region_id,
      reason: '资质问题',
    });
    expect(preview.status).toBe(200);
    for (const e of eggs) {
      expect(preview.body.lines.find((l: any) => l.orderLineId === e.id)?.units).toBe(e.quantity);
    }
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const before = await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from recalls`);
    const noLot = await world.admin.post('/admin/recalls', { scope: 'lot', reason: 'x' });
    expect(noLot.status).toBe(400);
    expect(noLot.body.error.code).toBe('VALIDATION_FAILED');
    const noRegion = await world.admin.post('/admin/recalls', {
      scope: 'product',
      productId: pid('milk'),
      reason: 'x',
    });
    expect(noRegion.status).toBe(400);
    const unknownLot = await world.admin.post('/admin/recalls', {
      scope: 'lot',
      lotId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
    });
    expect(unknownLot.status).toBe(404);
    const confirmClosed = await world.admin.post(`/admin/recalls/${recallId}/close`);
    expect(confirmClosed.status).toBe(200); // notified: it may close
    expect((await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from recalls`))!.n).toBe(before!.n);
  });
});
