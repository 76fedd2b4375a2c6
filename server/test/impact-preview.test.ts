import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { one, rows } from '../src/db/client.js';

/**
 * Impact previews of the early cutoff, a receipt and a refund approval: each figure equals a
 * plain recomputation from the orders placed here, the previews write nothing, and the real
 * action then does what its preview said.
 */
let server: TestServer;
let world: World;
const paid: { userId: string; order: any }[] = [];
let unpaidOrderId: string;

/** Every table's rows, hashed (sessions left out: a request renews its own). */
async function fingerprint() {
  const tables = await rows<{ name: string }>(
    server.ctx.db,
    sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'sessions' order by 1`,
  );
  const parts = tables.map(
    (t) =>
      sql`select ${t.name} as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from ${sql.identifier(t.name)} x`,
  );
  // (a union of many tables may come back in any order: parallel plans)
  const found = await rows<{ name: string; hash: string }>(server.ctx.db, sql.join(parts, sql` union all `));
  return found.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const [apple, greens, milk] = world.campaign.items;
  const p = world.pickupPointIds;
  // three paying customers, one buying twice; apples 3 + 4 + 2 + 1 = 10 units
  const buys: [number, { campaignItemId: string; quantity: number }[]][] = [
    [
      0,
      [
        { campaignItemId: apple.id, quantity: 3 },
        { campaignItemId: greens.id, quantity: 2 },
      ],
    ],
    [1, [{ campaignItemId: apple.id, quantity: 4 }]],
    [
      2,
      [
        { campaignItemId: apple.id, quantity: 2 },
        { campaignItemId: milk.id, quantity: 1 },
      ],
    ],
    [0, [{ campaignItemId: apple.id, quantity: 1 }]],
  ];
  const customers = [
    await newCustomer(server, p[0], '甲'),
    await newCustomer(server, p[1], '乙'),
    await newCustomer(server, p[2], '丙'),
  ];
  for (const [who, items] of buys) {
    const c = customers[who];
    paid.push({
      userId: c.userId,
      order: await buyAndPay(server, c.api, {
        pickupPointId: c === customers[2] ? p[2] : c === customers[1] ? p[1] : p[0],
        items,
      }),
    });
  }
  // an order never paid: the cutoff cancels it
  const late = await newCustomer(server, p[0], '丁');
  const placed = await late.api.post('/orders', {
    pickupPointId: p[0],
    items: [{ campaignItemId: greens.id, quantity: 1 }],
  });
  expect(placed.status).toBe(201);
  unpaidOrderId = placed.body.id;
}, 180_000);
afterAll(() => server?.close());

describe('impact previews', () => {
  let preview: any;

  it('previews the early cutoff: the paid orders, their units and value, nothing written', async () => {
    const before = await fingerprint();
    const res = await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff/preview`);
    expect(res.status).toBe(200);
    preview = res.body;
    expect(await fingerprint()).toEqual(before);
    const units = paid.flatMap((x) => x.order.lines).reduce((a: number, l: any) => a + l.quantity, 0);
    const value = paid.reduce((a, x) => a + x.order.totalFen, 0);
    expect(preview).toEqual({
      orders: paid.length,
      units,
      amountFen: value,
      refundFen: 0, // no group-tier deal here
      customersNotified: 0,
      cancelledUnpaid: 1,
      purchaseOrders: 2, // one per supplier of the products bought
      sortingLists: 3, // one per pickup point with orders
      unsuppliedProducts: [], // every product's supplier is usable
    });
  });

  it('then cuts off as previewed', async () => {
    const done = await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      purchaseOrders: preview.purchaseOrders,
      sortingLists: preview.sortingLists,
      cancelledUnpaid: preview.cancelledUnpaid,
    });
    const closed = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from orders where campaign_id = ${world.campaign.id} and status = 'closed'`,
    );
    expect(closed!.n).toBe(preview.orders);
    expect(
      (await one<{ status: string }>(server.ctx.db, sql`select status from orders where id = ${unpaidOrderId}`))!
        .status,
    ).toBe('cancelled');
    // once cut off, a preview says the cutoff would do nothing
    const again = await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff/preview`);
    expect(again.body).toMatchObject({ orders: 0, units: 0, amountFen: 0, cancelledUnpaid: 0 });
  });

  it('previews a receipt with a shortage: first paid served first, the rest refunded and told', async () => {
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${world.campaign.id}`)).body;
    const apple = world.products[0];
    const po = pos.find((x: any) => x.lines.some((l: any) => l.productId === apple.id));
    const accepted = 5; // of 10 apples bought, in payment order 3, 4, 2, 1
    const lines = po.lines.map((l: any) => ({
      productId: l.productId,
      acceptedQuantity: l.productId === apple.id ? accepted : l.quantity,
      rejectedQuantity: l.productId === apple.id ? l.quantity - accepted : 0,
    }));
    // plain recomputation: walk the apple lines in payment order, serving what is left
    let left = accepted;
    const short: { userId: string; orderId: string; units: number; fen: number }[] = [];
    for (const x of paid) {
      const line = x.order.lines.find((l: any) => l.productId === apple.id);
      if (!line) continue;
      const served = Math.min(left, line.quantity);
      left -= served;
      const missing = line.quantity - served;
      if (missing > 0)
        short.push({
          userId: x.userId,
          orderId: x.order.id,
          units: missing,
          fen: (line.paidFen / line.quantity) * missing,
        });
    }
    const before = await fingerprint();
    const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive/preview`, { lines });
    expect(res.status).toBe(200);
    expect(await fingerprint()).toEqual(before);
    const refundFen = short.reduce((a, s) => a + s.fen, 0);
    expect(res.body).toMatchObject({
      orders: new Set(short.map((s) => s.orderId)).size,
      units: short.reduce((a, s) => a + s.units, 0),
      amountFen: refundFen,
      refundFen,
      customersNotified: new Set(short.map((s) => s.userId)).size,
      allocatedUnits:
        accepted +
        po.lines.filter((l: any) => l.productId !== apple.id).reduce((a: number, l: any) => a + l.demandQuantity, 0),
      refunds: short.length,
    });
    // the receipt itself then refunds exactly that
    const done = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, { lines });
    expect(done.status).toBe(200);
    expect(done.body.refunds).toEqual({ count: res.body.refunds, amountFen: res.body.amountFen });
    // and a second preview is refused like a second receipt
    expect((await world.admin.post(`/admin/purchase-orders/${po.id}/receive/preview`, { lines })).status).toBe(409);
  });

  it('previews a refund approval: one order, its units, the money back, one customer told', async () => {
    const x = paid[2]; // 丙: apples 2 and milk 1
    const milkLine = x.order.lines.find((l: any) => l.productId === world.products[2].id);
    const refund = (await one<{ id: string }>(
      server.ctx.db,
      sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen)
        values (${x.order.id}, ${x.userId}, 'aftersales', 'quality', 'requested', ${milkLine.paidFen}) returning id`,
    ))!.id;
    await server.ctx.db.execute(
      sql`insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) values (${refund}, ${milkLine.id}, 1, ${milkLine.paidFen})`,
    );
    const before = await fingerprint();
    const res = await world.admin.post(`/admin/refunds/${refund}/approve/preview`);
    expect(res.status).toBe(200);
    expect(await fingerprint()).toEqual(before);
    expect(res.body).toEqual({
      orders: 1,
      units: 1,
      amountFen: milkLine.paidFen,
      refundFen: milkLine.paidFen,
      customersNotified: 1,
    });
    const approved = await world.admin.post(`/admin/refunds/${refund}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.amountFen).toBe(res.body.amountFen);
    expect((await world.admin.post(`/admin/refunds/${refund}/approve/preview`)).status).toBe(409);
  });
});
