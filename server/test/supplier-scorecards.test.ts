import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api, nextPhone } from './client.js';
import { exec, one, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { closeDueScorecardMonths, closeScorecardMonth } from '../src/modules/suppliers/scorecard.js';
import { businessDate, localTime } from '../src/lib/time.js';

/**
 * Supplier scorecards and payables (decision 044). Every figure of the scorecard is checked against
 * a plain recomputation here from the known data the test writes (purchase orders, receipts,
 * claims, write-offs over three months); payables are checked against the stock ledger and the
 * order lines the receipt served; a statement is paid once under simultaneous requests.
 */

let server: TestServer;
let world: World;
let depot: Api; // warehouse staff
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const phone = nextPhone();
  const res = await world.admin.post('/admin/users', {
    phone,
    password: 'depot-pass-123',
    name: '仓管',
    roles: ['warehouse'],
  });
  expect(res.status).toBe(201);
  depot = new Api(
    server.app,
    (await new Api(server.app).post('/auth/login', { phone, password: 'depot-pass-123' })).body.token,
  );
}, 60_000);
afterAll(() => server.close());

const db = () => server.ctx.db;

function monthsBack(n: number): string {
  const cur = businessDate(new Date()).slice(0, 7);
  const [y, m] = cur.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}

// a small deterministic generator, so the known data is the same on every run
let seed = 44;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

interface Line {
  supplier: number;
  month: string;
  productId: string;
  ordered: number;
  accepted: number | null;
  rejected: number | null;
  demand: number;
  cost: number;
}
interface Po {
  supplier: number;
  month: string;
  due: boolean;
  received: boolean;
  onTime: boolean;
}
interface Claim {
  supplier: number;
  month: string;
  units: number;
  reason: string;
  counts: boolean;
}
interface Loss {
  supplier: number;
  month: string;
  units: number;
  cost: number;
  counts: boolean;
}

describe('monthly supplier scorecards', () => {
  const S = 5;
  const supplierIds: string[] = [];
  const productIds: string[][] = [];
  const costs: number[][] = [];
  const lines: Line[] = [];
  const pos: Po[] = [];
  const claims: Claim[] = [];
  const losses: Loss[] = [];
  const M2 = monthsBack(2);
  const M1 = monthsBack(1);
  const M0 = monthsBack(0);
  let customerId: string;

  /** how well each supplier does each month: [fill shortfall %, rejected %, late share, claims ‰, loss %] */
  const profile = (s: number, month: string) => {
    if (s === 2) return { short: 10, rej: 6, late: 0.5, claims: 60, loss: 6 }; // bad both months
    if (s === 3 && month === M1) return { short: 8, rej: 5, late: 0.5, claims: 50, loss: 5 }; // bad once
    if (s === 0) return { short: 0, rej: 0, late: 0, claims: 0, loss: 0 };
    return { short: 1, rej: 1, late: 0, claims: 10, loss: 1 };
  };

  async function insertPo(s: number, month: string, day: string, state: 'received' | 'overdue' | 'not_due') {
    const pickup = `${month}-${day}`;
    const campaign = (await one<{ id: string }>(
      db(),
      sql`insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at)
      values (${DEFAULT_REGION_ID}, ${`考核团期 ${pickup}`}, ${localTime(pickup, '00:00').toISOString()}::timestamptz - interval '2 days',
        ${localTime(pickup, '00:00').toISOString()}::timestamptz - interval '1 day', ${pickup}, 'cut_off',
        ${localTime(pickup, '00:00').toISOString()}::timestamptz - interval '1 day') returning id`,
    ))!.id;
    const now = Date.now();
    let expected = localTime(pickup, '06:00');
    if (state === 'not_due') expected = new Date(now + 3_600_000);
    if (month === M0 && state !== 'not_due') expected = new Date(Math.min(expected.getTime(), now - 3_600_000));
    const p = profile(s, month);
    const late = state === 'received' && rnd() < p.late;
    const receivedAt = new Date(expected.getTime() + (late ? 3_600_000 : -3_600_000));
    const po = (await one<{ id: string }>(
      db(),
      sql`insert into purchase_orders (campaign_id, supplier_id, warehouse_id, status, received_at, expected_at)
      values (${campaign}, ${supplierIds[s]}, ${world.centralWarehouseId}, ${state === 'received' ? 'received' : 'open'},
        ${state === 'received' ? receivedAt.toISOString() : null}::timestamptz, ${expected.toISOString()}::timestamptz) returning id`,
    ))!.id;
    pos.push({
      supplier: s,
      month,
      due: state !== 'not_due',
      received: state === 'received',
      onTime: state === 'received' && !late,
    });
    for (let k = 0; k < productIds[s].length; k++) {
      const productId = productIds[s][k];
      const demand = between(80, 200);
      const ordered = demand;
      const accepted = state === 'received' ? Math.round((ordered * (100 - p.short - between(0, 1))) / 100) : null;
      const rejected = state === 'received' ? Math.round(((accepted ?? 0) * p.rej) / 100) + between(0, 1) : null;
      await exec(
        db(),
        sql`insert into purchase_order_lines (purchase_order_id, product_id, demand_quantity, from_stock_quantity, quantity,
          accepted_quantity, rejected_quantity, unit_cost_fen)
        values (${po}, ${productId}, ${demand}, 0, ${ordered}, ${accepted}, ${rejected}, ${costs[s][k]})`,
      );
      if (state !== 'not_due')
        lines.push({ supplier: s, month, productId, ordered, accepted, rejected, demand, cost: costs[s][k] });
      // the customers' purchase (one order holding the units sold) and claims on it
      const item = (await one<{ id: string }>(
        db(),
        sql`insert into campaign_items (campaign_id, product_id, price_fen) values (${campaign}, ${productId}, 100) returning id`,
      ))!.id;
      const order = (await one<{ id: string }>(
        db(),
        sql`insert into orders (user_id, region_id, campaign_id, status, subtotal_fen, total_fen, expires_at, paid_at)
        values (${customerId}, ${DEFAULT_REGION_ID}, ${campaign}, 'completed', ${demand * 100}, ${demand * 100}, now(), now()) returning id`,
      ))!.id;
      const line = (await one<{ id: string }>(
        db(),
        sql`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status)
        values (${order}, ${item}, ${productId}, ${demand}, 100, 100, ${demand * 100}, 'picked_up') returning id`,
      ))!.id;
      const claimUnits = Math.round((demand * p.claims) / 1000);
      const reasons = ['quality', 'missing', 'wrong_item', 'other'];
      const make = async (units: number, kind: string, reason: string, status: string, counts: boolean) => {
        if (units <= 0) return;
        const r = (await one<{ id: string }>(
          db(),
          sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen)
          values (${order}, ${customerId}, ${kind}, ${reason}, ${status}, ${units * 100}) returning id`,
        ))!.id;
        await exec(
          db(),
          sql`insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) values (${r}, ${line}, ${units}, ${units * 100})`,
        );
        claims.push({ supplier: s, month, units, reason, counts: counts && state !== 'not_due' });
      };
      await make(claimUnits, 'aftersales', reasons[between(0, 3)], rnd() < 0.5 ? 'refunded' : 'requested', true);
      // neither a rejected claim nor a shortage refund is a complaint against the supplier
      await make(between(1, 3), 'aftersales', 'quality', 'rejected', false);
      await make(between(1, 3), 'shortage', 'shortage', 'refunded', false);
      // write-offs from its lot in the month (and an allocation, which is no loss)
      if (state === 'received' && accepted) {
        const lot = (await one<{ id: string }>(
          db(),
          sql`insert into lots (warehouse_id, product_id, purchase_order_id, quantity, remaining)
          values (${world.centralWarehouseId}, ${productId}, ${po}, ${accepted}, 0) returning id`,
        ))!.id;
        const lossUnits = Math.round((accepted * p.loss) / 100);
        const at = month === M0 ? new Date(Date.now() - 60_000) : localTime(`${month}-${day}`, '12:00');
        for (const [kind, units, counts] of [
          ['written_off', lossUnits, true],
          ['allocated', 5, false],
        ] as const) {
          if (units <= 0) continue;
          const m = (await one<{ id: string }>(
            db(),
            sql`insert into stock_movements (warehouse_id, product_id, kind, quantity, reason_code, created_at)
            values (${world.centralWarehouseId}, ${productId}, ${kind}, ${-units}, ${kind === 'written_off' ? 'damaged' : null},
              ${at.toISOString()}::timestamptz) returning id`,
          ))!.id;
          await exec(
            db(),
            sql`insert into stock_movement_lots (movement_id, lot_id, quantity) values (${m}, ${lot}, ${-units})`,
          );
          losses.push({ supplier: s, month, units, cost: costs[s][k], counts });
        }
      }
    }
  }

  beforeAll(async () => {
    customerId = (await newCustomer(server, world.pickupPointIds[0])).userId;
    for (let s = 0; s < S; s++) {
      const sup = await world.admin.post('/admin/suppliers', { name: `考核供应商${s}` });
      supplierIds.push(sup.body.id);
      productIds.push([]);
      costs.push([]);
      for (let k = 0; k < 2; k++) {
        const cost = 300 + s * 50 + k * 7;
        const p = await world.admin.post('/admin/products', {
          name: `考核商品${s}-${k}`,
          category: 'fresh',
          supplierId: sup.body.id,
          unit: '份',
          listPriceFen: 1000,
          costFen: cost,
          temperatureZone: 'ambient',
        });
        productIds[s].push(p.body.id);
        costs[s].push(cost);
      }
    }
    for (let s = 0; s < S; s++) {
      for (const month of [M2, M1]) {
        await insertPo(s, month, '10', 'received');
        await insertPo(s, month, '20', 'received');
      }
      await insertPo(s, M0, '01', 'received');
    }
    // this month: an order never delivered (due: 0 % filled, late) and one not due yet (not counted)
    await insertPo(2, M0, '01', 'overdue');
    await insertPo(1, M0, '01', 'not_due');
  }, 120_000);

  /** The plain recomputation: sums over the known data, the documented formulas, the ranking. */
  function expected(month: string, passScore = 60) {
    const cards = supplierIds.map((supplierId, s) => {
      const ls = lines.filter((l) => l.supplier === s && l.month === month);
      const ps = pos.filter((p) => p.supplier === s && p.month === month && p.due);
      const ordered = ls.reduce((a, l) => a + l.ordered, 0);
      const accepted = ls.reduce((a, l) => a + (l.accepted ?? 0), 0);
      const rejected = ls.reduce((a, l) => a + (l.rejected ?? 0), 0);
      const sold = ls.reduce((a, l) => a + l.demand, 0);
      const cs = claims.filter((c) => c.supplier === s && c.month === month && c.counts);
      const claimUnits = cs.reduce((a, c) => a + c.units, 0);
      const byReason: Record<string, number> = {};
      for (const c of cs) byReason[c.reason] = (byReason[c.reason] ?? 0) + c.units;
      const ws = losses.filter((l) => l.supplier === s && l.month === month && l.counts);
      const lossUnits = ws.reduce((a, l) => a + l.units, 0);
      const lossFen = ws.reduce((a, l) => a + l.units * l.cost, 0);
      const receivedFen = ls.reduce((a, l) => a + (l.accepted ?? 0) * l.cost, 0);
      const fillRate = accepted / ordered;
      const rejectionRate = rejected / (accepted + rejected);
      const onTimeRate = ps.filter((p) => p.onTime).length / ps.length;
      const perThousand = (claimUnits * 1000) / sold;
      const lossRate = lossUnits / accepted;
      const cap = (x: number) => Math.min(100, Math.max(0, x));
      const sc = {
        fillRate: cap(100 - (40 * (1 - fillRate)) / 0.02),
        rejectionRate: cap(100 - (40 * rejectionRate) / 0.02),
        onTimeRate: cap(100 - (40 * (1 - onTimeRate)) / 0.05),
        complaints: cap(100 - (40 * perThousand) / 30),
        loss: cap(100 - (40 * lossRate) / 0.03),
      };
      const score =
        Math.round(
          ((sc.fillRate * 30 + sc.rejectionRate * 20 + sc.onTimeRate * 20 + sc.complaints * 20 + sc.loss * 10) / 100) *
            10,
        ) / 10;
      return {
        supplierId,
        orderedUnits: ordered,
        acceptedUnits: accepted,
        rejectedUnits: rejected,
        dueOrders: ps.length,
        onTimeOrders: ps.filter((p) => p.onTime).length,
        unitsSold: sold,
        claimUnits,
        claimsByReason: byReason,
        lossUnits,
        lossFen,
        receivedFen,
        fillRate,
        rejectionRate,
        onTimeRate,
        complaintsPerThousand: perThousand,
        lossRate,
        score,
        belowStandard: score < passScore,
      };
    });
    const ranked = [...cards].sort(
      (a, b) =>
        b.score - a.score ||
        b.fillRate - a.fillRate ||
        b.onTimeRate - a.onTimeRate ||
        (a.supplierId < b.supplierId ? -1 : 1),
    );
    return ranked.map((c, i) => ({ ...c, rank: i + 1 }));
  }

  function compare(got: any[], want: ReturnType<typeof expected>) {
    // only these suppliers have purchase orders in the months checked: the ranking is theirs alone
    expect(got.map((g) => g.supplierId)).toEqual(want.map((w) => w.supplierId));
    for (const w of want) {
      const g = got.find((x) => x.supplierId === w.supplierId);
      for (const key of [
        'orderedUnits',
        'acceptedUnits',
        'rejectedUnits',
        'dueOrders',
        'onTimeOrders',
        'unitsSold',
        'claimUnits',
        'lossUnits',
        'lossFen',
        'receivedFen',
        'rank',
        'belowStandard',
      ] as const)
        expect(g[key], `${key} of supplier ${w.supplierId}`).toEqual(w[key]);
      expect(g.claimsByReason).toEqual(w.claimsByReason);
      for (const key of [
        'fillRate',
        'rejectionRate',
        'onTimeRate',
        'complaintsPerThousand',
        'lossRate',
        'score',
      ] as const)
        expect(g[key], `${key} of supplier ${w.supplierId}`).toBeCloseTo(w[key], 9);
    }
  }

  it('computes every figure of the current month live, equal to a plain recomputation', async () => {
    const res = await world.admin.get(`/admin/supplier-scorecards?month=${M0}`);
    expect(res.status).toBe(200);
    expect(res.body.closed).toBe(false);
    expect(res.body.items.every((i: any) => i.source === 'live')).toBe(true);
    const want = expected(M0);
    compare(res.body.items, want);
    // the overdue, never-delivered order counts (due, late, nothing accepted); the one not due yet does not
    const s2 = res.body.items.find((i: any) => i.supplierId === supplierIds[2]);
    expect(s2.dueOrders).toBe(2);
    expect(s2.onTimeOrders).toBeLessThanOrEqual(1);
  });

  it('ranks past months live before they close, and stores them once when the job closes them', async () => {
    for (const month of [M2, M1])
      compare((await world.admin.get(`/admin/supplier-scorecards?month=${month}`)).body.items, expected(month));
    // nobody is suspended or proposed for before closing
    expect(
      (await one<{ n: number }>(
        db(),
        sql`select count(*)::int as n from operator_alerts where kind = 'supplier_suspension_proposed'`,
      ))!.n,
    ).toBe(0);

    const closed = await closeDueScorecardMonths(db());
    expect(closed).toEqual(expect.arrayContaining([M2, M1]));
    const again = await closeDueScorecardMonths(db());
    expect(again).toEqual([]);
    expect(await closeScorecardMonth(db(), M1)).toEqual({ stored: 0, proposals: 0 });
    const stored = await rows<{ month: string; n: number }>(
      db(),
      sql`select month, count(*)::int as n from supplier_scorecards group by month order by month`,
    );
    expect(stored).toEqual([
      { month: M2, n: S },
      { month: M1, n: S },
    ]);
    for (const month of [M2, M1]) {
      const res = await world.admin.get(`/admin/supplier-scorecards?month=${month}`);
      expect(res.body.closed).toBe(true);
      expect(res.body.items.every((i: any) => i.source === 'closed')).toBe(true);
      compare(res.body.items, expected(month));
    }
    // a closed month reads its stored figures: records changed later do not move its ranking
    await exec(
      db(),
      sql`update purchase_order_lines pol set accepted_quantity = 0 from purchase_orders po join campaigns c on c.id = po.campaign_id
        where po.id = pol.purchase_order_id and pol.product_id = ${productIds[0][0]} and to_char(c.pickup_date, 'YYYY-MM') = ${M1}`,
    );
    compare((await world.admin.get(`/admin/supplier-scorecards?month=${M1}`)).body.items, expected(M1));
  });

  it('flags the suppliers below standard with a deadline, and proposes suspension after two months in a row, suspending nothing itself', async () => {
    const m1 = (await world.admin.get(`/admin/supplier-scorecards?month=${M1}`)).body;
    const below = m1.items.filter((i: any) => i.belowStandard).map((i: any) => i.supplierId);
    expect(below.sort()).toEqual([supplierIds[2], supplierIds[3]].sort());
    const [y, m] = M1.split('-').map(Number);
    const deadline = new Date(Date.UTC(y, m, 15)).toISOString().slice(0, 10);
    expect(m1.items.find((i: any) => i.supplierId === supplierIds[2]).rectifyBy).toBe(deadline);
    expect(m1.items.find((i: any) => i.supplierId === supplierIds[0]).rectifyBy).toBeNull();

    const alerts = await rows<{ id: string; subject_id: string; details: any }>(
      db(),
      sql`select id, subject_id, details from operator_alerts where kind = 'supplier_suspension_proposed'`,
    );
    // supplier 2 was below standard in both months, supplier 3 only in the last: one proposal
    expect(alerts.map((a) => a.subject_id)).toEqual([supplierIds[2]]);
    expect(alerts[0]!.details.months).toEqual([M2, M1]);
    const status = await one<{ status: string }>(db(), sql`select status from suppliers where id = ${supplierIds[2]}`);
    expect(status!.status).toBe('active');

    // warehouse staff cannot confirm; the operator's one click suspends, once
    const path = `/admin/supplier-scorecards/proposals/${alerts[0]!.id}/confirm`;
    expect((await depot.post(path)).status).toBe(403);
    const confirmed = await world.admin.post(path);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ supplierId: supplierIds[2], status: 'suspended', suspendedNow: true });
    expect((await world.admin.post(path)).body).toMatchObject({ status: 'suspended', suspendedNow: false });
    const ack = await one<{ a: unknown }>(
      db(),
      sql`select acknowledged_at as a from operator_alerts where id = ${alerts[0]!.id}`,
    );
    expect(ack!.a).not.toBeNull();
    expect(
      (await world.admin.post(`/admin/supplier-scorecards/proposals/${world.supplierIds[0]}/confirm`)).status,
    ).toBe(404);
  });

  it('reads its thresholds and weights from the settings', async () => {
    const put = await world.admin.put('/admin/settings/suppliers.scorecardStandard', {
      value: { passScore: 99.9, rectificationDays: 10, consecutiveMonthsToPropose: 2 },
    });
    expect(put.status).toBe(200);
    const live = (await world.admin.get(`/admin/supplier-scorecards?month=${M0}`)).body;
    compare(live.items, expected(M0, 99.9));
    expect(live.passScore).toBe(99.9);
    expect(
      (await world.admin.put('/admin/settings/suppliers.scorecardWeights', { value: { fillRate: -1 } })).status,
    ).toBe(400);
    await world.admin.put('/admin/settings/suppliers.scorecardStandard', { value: null });
  });

  it("shows a supplier's last six months, the closed ones stored and this one live", async () => {
    const res = await world.admin.get(`/admin/suppliers/${supplierIds[3]}/scorecard`);
    expect(res.status).toBe(200);
    expect(res.body.months).toHaveLength(6);
    expect(res.body.months.at(-1)).toBe(M0);
    expect(res.body.items.map((i: any) => [i.month, i.source])).toEqual([
      [M2, 'closed'],
      [M1, 'closed'],
      [M0, 'live'],
    ]);
    const m1 = expected(M1).find((c) => c.supplierId === supplierIds[3])!;
    expect(res.body.items[1].score).toBeCloseTo(m1.score, 9);
    expect(res.body.items[1].belowStandard).toBe(true);
  });

  it('is for operators only: warehouse staff get 403, bad input 400', async () => {
    expect((await depot.get(`/admin/supplier-scorecards`)).status).toBe(403);
    expect((await depot.get(`/admin/suppliers/${supplierIds[0]}/scorecard`)).status).toBe(403);
    expect((await world.admin.get(`/admin/supplier-scorecards?month=2026-13`)).status).toBe(400);
    expect((await world.admin.get(`/admin/suppliers/${supplierIds[0]}/scorecard?months=0`)).status).toBe(400);
  });
});

describe('payables and settlement statements', () => {
  let poId: string;
  let productId: string;
  let statementId: string;

  beforeAll(async () => {
    // a campaign of the world's products, bought and cut off: purchase orders with due times and unit costs
    const c1 = await newCustomer(server, world.pickupPointIds[0]);
    const c2 = await newCustomer(server, world.pickupPointIds[1]);
    const items = world.campaign.items;
    await buyAndPay(server, c1.api, {
      pickupPointId: world.pickupPointIds[0],
      items: items.slice(0, 3).map((it, i) => ({ campaignItemId: it.id, quantity: i + 2 })),
    });
    await buyAndPay(server, c2.api, {
      pickupPointId: world.pickupPointIds[1],
      items: items.slice(0, 3).map((it) => ({ campaignItemId: it.id, quantity: 3 })),
    });
    const cut = await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`);
    expect(cut.status).toBe(200);
  }, 60_000);

  it('gives each purchase order the due time from the pickup day and the setting, and the unit cost at cutoff', async () => {
    const found = await rows<{ expected: string; pickup: string; tz: string; cost_ok: boolean }>(
      db(),
      sql`select po.expected_at::text as expected, c.pickup_date::text as pickup, rg.time_zone as tz,
        bool_and(pol.unit_cost_fen = p.cost_fen) as cost_ok
      from purchase_orders po join campaigns c on c.id = po.campaign_id join regions rg on rg.id = c.region_id
        join purchase_order_lines pol on pol.purchase_order_id = po.id join products p on p.id = pol.product_id
      where po.campaign_id = ${world.campaign.id} group by po.id, c.pickup_date, rg.time_zone`,
    );
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(new Date(f.expected).toISOString()).toBe(localTime(f.pickup, '06:00', f.tz).toISOString());
      expect(f.cost_ok).toBe(true);
    }
  });

  it('turns a receipt into payables at accepted units × unit cost, and a return to the supplier into a credit', async () => {
    const list = (await world.admin.get(`/admin/purchase-orders?campaignId=${world.campaign.id}`)).body;
    const po = list.find((p: any) => p.lines.some((l: any) => l.quantity > l.demandQuantity)) ?? list[0];
    poId = po.id;
    const lines = po.lines.map((l: any, i: number) => ({
      productId: l.productId,
      acceptedQuantity: l.quantity - (i === 0 ? 1 : 0),
      rejectedQuantity: i === 0 ? 1 : 0,
    }));
    const received = await world.admin.post(`/admin/purchase-orders/${poId}/receive`, { lines });
    expect(received.status).toBe(200);
    const costs = await rows<{ product_id: string; cost: number }>(
      db(),
      sql`select product_id, unit_cost_fen as cost from purchase_order_lines where purchase_order_id = ${poId}`,
    );
    const costOf = new Map(costs.map((c) => [c.product_id, c.cost]));
    const payables = (await world.admin.get(`/admin/supplier-payables?supplierId=${po.supplierId}`)).body;
    const mine = payables.items.filter((p: any) => p.purchaseOrderId === poId);
    const want = lines.filter((l: any) => l.acceptedQuantity > 0);
    expect(mine).toHaveLength(want.length);
    for (const l of want) {
      const p = mine.find((x: any) => x.productId === l.productId);
      expect(p).toMatchObject({
        kind: 'receipt',
        units: l.acceptedQuantity,
        amountFen: l.acceptedQuantity * costOf.get(l.productId)!,
      });
    }
    // a return needs units of the order's own lot still in stock (surplus from pack rounding)
    const surplus = received.body.lines.find((l: any) => l.surplusQuantity > 0);
    const target = surplus ?? received.body.lines[0];
    productId = target.productId;
    // pack rounding (10 and 12 a pack) leaves units of the delivery in free stock
    expect(surplus).toBeDefined();
    const before = await one<{ n: number }>(db(), sql`select count(*)::int as n from supplier_payables`);
    const tooMany = await world.admin.post(`/admin/purchase-orders/${poId}/supplier-returns`, {
      productId,
      quantity: surplus!.surplusQuantity + 1,
      reason: '质量问题',
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('NOT_ENOUGH_IN_LOT');
    expect((await one<{ n: number }>(db(), sql`select count(*)::int as n from supplier_payables`))!.n).toBe(before!.n);
    const body = { productId, quantity: 1, reason: '质量问题', businessKey: `ret-${poId}` };
    const [r1, r2] = await Promise.all([
      world.admin.post(`/admin/purchase-orders/${poId}/supplier-returns`, body),
      world.admin.post(`/admin/purchase-orders/${poId}/supplier-returns`, body),
    ]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r1.body.id).toBe(r2.body.id);
    expect(r1.body).toMatchObject({ kind: 'return', units: -1, amountFen: -costOf.get(productId)! });
    expect((await depot.post(`/admin/purchase-orders/${poId}/supplier-returns`, body)).status).toBe(403);
  });

  it("reconciles with the stock ledger: receipts = units into stock from the order's lots + units served from them, returns = returned_to_supplier movements", async () => {
    // payables, per purchase order line, against the ledger and the order lines the receipt served
    const check = await rows<{
      po: string;
      product: string;
      receipt_units: number;
      return_units: number;
      amount: number;
      cost: number;
      lot_units: number;
      into_stock: number;
      served: number;
      sent_back: number;
    }>(
      db(),
      sql`
      select pol.purchase_order_id as po, pol.product_id as product,
        coalesce((select sum(units) from supplier_payables sp where sp.purchase_order_id = pol.purchase_order_id and sp.product_id = pol.product_id and kind = 'receipt'), 0)::int as receipt_units,
        coalesce((select sum(units) from supplier_payables sp where sp.purchase_order_id = pol.purchase_order_id and sp.product_id = pol.product_id and kind = 'return'), 0)::int as return_units,
        coalesce((select sum(amount_fen) from supplier_payables sp where sp.purchase_order_id = pol.purchase_order_id and sp.product_id = pol.product_id), 0)::int as amount,
        pol.unit_cost_fen as cost,
        coalesce((select sum(l.quantity) from lots l where l.purchase_order_id = pol.purchase_order_id and l.product_id = pol.product_id), 0)::int as lot_units,
        coalesce((select sum(sml.quantity) from stock_movements m join stock_movement_lots sml on sml.movement_id = m.id
          join lots l on l.id = sml.lot_id
          where m.kind = 'received' and l.purchase_order_id = pol.purchase_order_id and l.product_id = pol.product_id), 0)::int as into_stock,
        coalesce((select sum(ol.quantity - ol.refund_quantity) from order_lines ol join orders o on o.id = ol.order_id
          join lots l on l.id = ol.lot_id
          where l.purchase_order_id = pol.purchase_order_id and l.product_id = pol.product_id and ol.status = 'allocated'), 0)::int as served,
        coalesce((select -sum(m.quantity) from stock_movements m
          where m.kind = 'returned_to_supplier' and m.ref_id = pol.purchase_order_id and m.product_id = pol.product_id), 0)::int as sent_back
      from purchase_order_lines pol join purchase_orders po on po.id = pol.purchase_order_id
      where po.status = 'received' and po.campaign_id = ${world.campaign.id}`,
    );
    expect(check.length).toBeGreaterThan(0);
    for (const c of check) {
      // from_stock is 0 here (no stock before): every served unit came from the delivery
      expect(c.receipt_units).toBe(c.lot_units);
      expect(c.receipt_units).toBe(c.into_stock + c.served);
      expect(c.sent_back + c.return_units).toBe(0);
      expect(c.amount).toBe((c.receipt_units + c.return_units) * c.cost);
    }
    // and the ledger's stock still equals its movements after the return
    const drift = await one<{ n: number }>(
      db(),
      sql`select count(*)::int as n from warehouse_stock s where s.quantity <> coalesce((select sum(quantity) from stock_movements m
        where m.warehouse_id = s.warehouse_id and m.product_id = s.product_id), 0)`,
    );
    expect(drift!.n).toBe(0);
  });

  it('draws up a statement per supplier and month, exports it, and pays it once under simultaneous requests', async () => {
    const period = businessDate(new Date()).slice(0, 7);
    const drawn = await world.admin.post('/admin/supplier-statements', { period });
    expect(drawn.status).toBe(200);
    const po = await one<{ supplier_id: string }>(
      db(),
      sql`select supplier_id from purchase_orders where id = ${poId}`,
    );
    const st = drawn.body.find((s: any) => s.supplierId === po!.supplier_id);
    statementId = st.id;
    const sum = await one<{ amount: number; n: number }>(
      db(),
      sql`select sum(amount_fen)::int as amount, count(*)::int as n from supplier_payables where supplier_id = ${po!.supplier_id}`,
    );
    expect(st).toMatchObject({ status: 'open', amountFen: sum!.amount, lineCount: sum!.n, period });
    // drawn up again: the same statement, nothing twice
    const again = await world.admin.post('/admin/supplier-statements', { period });
    expect(again.body.find((s: any) => s.id === statementId).amountFen).toBe(sum!.amount);
    expect((await world.admin.post('/admin/supplier-statements', { period: '2026-1' })).status).toBe(400);
    expect((await world.admin.post('/admin/supplier-statements', { period: '2999-01' })).status).toBe(400);

    const xlsx = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/supplier-statements/${statementId}/export.xlsx?lang=en`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const ws = book.worksheets[0]!;
    const amounts: number[] = [];
    ws.eachRow((row, n) => {
      if (n > 7 && typeof row.getCell(7).value === 'number')
        amounts.push(Math.round((row.getCell(9).value as number) * 100));
    });
    expect(amounts).toHaveLength(sum!.n);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(sum!.amount);

    expect((await depot.post(`/admin/supplier-statements/${statementId}/pay`, { reference: 'X' })).status).toBe(403);
    expect((await world.admin.post(`/admin/supplier-statements/${statementId}/pay`, { reference: '' })).status).toBe(
      400,
    );
    const pays = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        world.admin.post(`/admin/supplier-statements/${statementId}/pay`, { reference: `BANK-${i}` }),
      ),
    );
    const okOnes = pays.filter((p) => p.status === 200);
    expect(okOnes).toHaveLength(1);
    expect(pays.filter((p) => p.status === 409).every((p) => p.body.error.code === 'ALREADY_PAID')).toBe(true);
    const paid = (await world.admin.get(`/admin/supplier-statements/${statementId}`)).body;
    expect(paid).toMatchObject({ status: 'paid', paidReference: okOnes[0]!.body.paidReference });
    expect(paid.lines).toHaveLength(sum!.n);

    // a payable after payment never joins the paid statement
    await exec(
      db(),
      sql`insert into supplier_payables (supplier_id, region_id, warehouse_id, purchase_order_id, product_id, kind, units, unit_cost_fen, amount_fen, business_key, occurred_at)
      select supplier_id, ${DEFAULT_REGION_ID}, warehouse_id, id, ${productId}, 'return', -1, 10, -10, 'late-return', now() - interval '1 minute'
      from purchase_orders where id = ${poId}`,
    );
    await world.admin.post('/admin/supplier-statements', { period });
    const after = (await world.admin.get(`/admin/supplier-statements/${statementId}`)).body;
    expect(after.amountFen).toBe(sum!.amount);
    const late = await one<{ statement_id: string | null }>(
      db(),
      sql`select statement_id from supplier_payables where business_key = 'late-return'`,
    );
    expect(late!.statement_id).toBeNull();
    const totals = (await world.admin.get(`/admin/supplier-payables?supplierId=${po!.supplier_id}`)).body;
    expect(totals).toMatchObject({ paidFen: sum!.amount, unpaidFen: -10, notOnStatementFen: -10 });
  });

  it('is for operators only', async () => {
    expect((await depot.get('/admin/supplier-statements')).status).toBe(403);
    expect((await depot.get(`/admin/supplier-statements/${statementId}`)).status).toBe(403);
    expect((await depot.get(`/admin/supplier-statements/${statementId}/export.xlsx`)).status).toBe(403);
    expect((await depot.post('/admin/supplier-statements', { period: '2026-01' })).status).toBe(403);
    expect((await depot.get(`/admin/supplier-payables?supplierId=${world.supplierIds[0]}`)).status).toBe(403);
    expect((await world.admin.get(`/admin/supplier-statements/${world.supplierIds[0]}`)).status).toBe(404);
  });
});
