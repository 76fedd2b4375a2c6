import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { arriveInFull, cutOffAndDeliver } from './leader-flow.js';
import { rows } from '../src/db/client.js';
import { priceAdjustmentFen } from '../src/modules/campaigns/rules.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const TIERS = [
  { minBuyers: 2, priceFen: 900 },
  { minBuyers: 4, priceFen: 800 },
];

/** A campaign: apples at 10.00 with group tiers, greens at the plain price. */
async function tieredCampaign(tiers = TIERS) {
  const now = Date.now();
  const res = await world.admin.post('/admin/campaigns', {
    title: '拼团',
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: [
      { productId: world.products[0].id, priceFen: 1000, groupTiers: tiers },
      { productId: world.products[1].id, priceFen: 290 },
    ],
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, apple: res.body.items[0].id as string, greens: res.body.items[1].id as string };
}

async function deal(campaignId: string, itemId: string) {
  const active = (await world.anon.get('/campaigns/active')).body;
  return active.find((c: any) => c.id === campaignId).items.find((i: any) => i.id === itemId);
}

const point = () => world.pickupPointIds[0];

async function applePrice(api: any, apple: string) {
  const quote = await api.post('/checkout/quote', {
    pickupPointId: point(),
    items: [{ campaignItemId: apple, quantity: 1 }],
  });
  expect(quote.status).toBe(200);
  return quote.body.lines[0].unitPriceFen as number;
}

describe('group-tier prices', () => {
  it('validates tiers', async () => {
    const now = Date.now();
    const base = {
      title: 'x',
      startsAt: new Date(now).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    };
    for (const groupTiers of [
      [{ minBuyers: 1, priceFen: 900 }],
      [
        { minBuyers: 3, priceFen: 900 },
        { minBuyers: 2, priceFen: 800 },
      ],
      [{ minBuyers: 2, priceFen: 1000 }],
      [
        { minBuyers: 2, priceFen: 800 },
        { minBuyers: 3, priceFen: 850 },
      ],
    ]) {
      const res = await world.admin.post('/admin/campaigns', {
        ...base,
        items: [{ productId: world.products[0].id, priceFen: 1000, groupTiers }],
      });
      expect(res.status).toBe(400);
    }
  });

  it('shows the tier, prices checkout at it, and refunds every earlier buyer the difference at cutoff', async () => {
    // ≥ 25 yuan −3: some orders get a full-reduction, so the adjustment is prorated over it.
    const promo = await world.admin.post('/admin/promotions/full-reduction', {
      name: '满25减3',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      tiers: [{ thresholdFen: 2500, discountFen: 300 }],
    });
    expect(promo.status).toBe(201);
    const c = await tieredCampaign();
    expect(await deal(c.id, c.apple)).toMatchObject({
      priceFen: 1000,
      groupTiers: TIERS,
      buyers: 0,
      currentTier: null,
      nextTier: { minBuyers: 2, priceFen: 900, buyersNeeded: 2 },
    });
    expect((await deal(c.id, c.greens)).groupTiers).toBeUndefined();

    const a = await newCustomer(server, point());
    const b = await newCustomer(server, point());
    const cc = await newCustomer(server, point());
    const d = await newCustomer(server, point());
    const buy = (who: { api: any }, items: { campaignItemId: string; quantity: number }[]) =>
      buyAndPay(server, who.api, { pickupPointId: point(), items });

    const a1 = await buy(a, [{ campaignItemId: c.apple, quantity: 2 }]); // 20.00, no full-reduction
    expect(a1.lines[0].unitPriceFen).toBe(1000);
    expect(await deal(c.id, c.apple)).toMatchObject({
      buyers: 1,
      currentTier: null,
      nextTier: { buyersNeeded: 1, priceFen: 900 },
    });

    // an unpaid order does not count
    expect(
      (await b.api.post('/orders', { pickupPointId: point(), items: [{ campaignItemId: c.apple, quantity: 1 }] }))
        .status,
    ).toBe(201);
    expect((await deal(c.id, c.apple)).buyers).toBe(1);
    expect(await applePrice(b.api, c.apple)).toBe(1000);

    const b1 = await buy(b, [{ campaignItemId: c.apple, quantity: 3 }]); // 30.00 − 3.00
    expect(b1.fullReductionFen).toBe(300);
    expect(await deal(c.id, c.apple)).toMatchObject({
      buyers: 2,
      currentTier: { minBuyers: 2, priceFen: 900 },
      nextTier: { minBuyers: 4, priceFen: 800, buyersNeeded: 2 },
    });
    expect(await applePrice(cc.api, c.apple)).toBe(900);

    const a2 = await buy(a, [{ campaignItemId: c.apple, quantity: 1 }]); // the same buyer again: still 2 buyers
    expect(a2.lines[0].unitPriceFen).toBe(900);
    expect((await deal(c.id, c.apple)).buyers).toBe(2);

    const c1 = await buy(cc, [
      { campaignItemId: c.apple, quantity: 3 },
      { campaignItemId: c.greens, quantity: 1 },
    ]); // 27.00 + 2.90 − 3.00
    expect(c1.fullReductionFen).toBe(300);
    expect((await deal(c.id, c.apple)).nextTier).toMatchObject({ buyersNeeded: 1 });
    const d1 = await buy(d, [{ campaignItemId: c.apple, quantity: 1 }]);
    expect(d1.lines[0].unitPriceFen).toBe(900);
    expect(await deal(c.id, c.apple)).toMatchObject({
      buyers: 4,
      currentTier: { minBuyers: 4, priceFen: 800 },
      nextTier: null,
    });
    expect(await applePrice(d.api, c.apple)).toBe(800);

    expect((await world.admin.post(`/admin/campaigns/${c.id}/cutoff`)).status).toBe(200);
    // the expected refund of every apple line: the difference to 8.00, prorated over its discounts
    const expected = new Map<string, number>();
    for (const order of [a1, b1, a2, c1, d1]) {
      const line = order.lines.find((l: any) => l.campaignItemId === c.apple);
      expected.set(order.id, priceAdjustmentFen(line.paidFen, line.unitPriceFen, 800));
    }
    expect(expected.get(a1.id)).toBe(400); // no discounts: exactly 2 × 2.00
    expect(expected.get(a2.id)).toBe(100);
    expect(expected.get(b1.id)).toBe(Math.floor((2700 * 200) / 1000)); // 540 of the 600 difference: the rest was the full-reduction's
    expect(expected.get(d1.id)).toBe(100);

    const refunds = await rows<{ order_id: string; amount_fen: number; status: string; lines: number; units: number }>(
      server.ctx.db,
      sql`
      select r.order_id, r.amount_fen, r.status, count(rl.*)::int as lines, sum(rl.quantity)::int as units
      from refunds r join refund_lines rl on rl.refund_id = r.id
      where r.kind = 'price_adjustment' group by r.id`,
    );
    expect(refunds).toHaveLength(5);
    for (const r of refunds) {
      expect(r).toMatchObject({ amount_fen: expected.get(r.order_id), status: 'refunded', lines: 1, units: 0 });
    }
    const total = [...expected.values()].reduce((s, v) => s + v, 0);
    expect(refunds.reduce((s, r) => s + r.amount_fen, 0)).toBe(total);
    const provider = await rows<{ amount: number }>(
      server.ctx.db,
      sql`
      select coalesce(sum(pr.amount_fen), 0)::int as amount from provider_refunds pr join refunds r on r.id = pr.refund_id where r.kind = 'price_adjustment'`,
    );
    expect(provider[0].amount).toBe(total);
    const notes = await rows<{ n: number }>(
      server.ctx.db,
      sql`
      select count(*)::int as n from outbox where topic = 'notify.customer' and payload->>'refundKind' = 'price_adjustment'`,
    );
    expect(notes[0].n).toBe(5);

    // the lines keep their units; the order shows the refund
    const after = (await cc.api.get(`/orders/${c1.id}`)).body;
    const appleLine = after.lines.find((l: any) => l.campaignItemId === c.apple);
    expect(appleLine).toMatchObject({
      quantity: 3,
      refundQuantity: 0,
      refundedFen: expected.get(c1.id),
      status: 'pending',
    });
    expect(after.refundedFen).toBe(expected.get(c1.id));

    // running the cutoff again refunds nothing more
    await world.admin.post(`/admin/campaigns/${c.id}/cutoff`);
    expect((await rows(server.ctx.db, sql`select 1 from refunds where kind = 'price_adjustment'`)).length).toBe(5);

    // nothing arrives: the shortage refunds return exactly what each apple line still holds
    const [po] = (await world.admin.get(`/admin/purchase-orders?campaignId=${c.id}`)).body.filter((p: any) =>
      p.lines.some((l: any) => l.productId === world.products[0].id),
    );
    const received = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: po.lines.map((l: any) => ({
        productId: l.productId,
        acceptedQuantity: l.productId === world.products[0].id ? 0 : l.quantity,
        rejectedQuantity: l.productId === world.products[0].id ? l.quantity : 0,
      })),
    });
    expect(received.status).toBe(200);
    for (const [order, who] of [
      [a1, a],
      [b1, b],
      [a2, a],
      [c1, cc],
      [d1, d],
    ] as const) {
      const now = (await who.api.get(`/orders/${order.id}`)).body;
      const line = now.lines.find((l: any) => l.campaignItemId === c.apple);
      expect(line.status).toBe('short');
      expect(line.refundedFen).toBe(line.paidFen);
      expect(now.refundedFen).toBeLessThanOrEqual(now.totalFen);
    }
    const shortage = await rows<{ amount: number; paid: number; adjusted: number }>(
      server.ctx.db,
      sql`
      select sum(rl.amount_fen)::int as amount, l.paid_fen as paid, l.price_adjusted_fen as adjusted
      from refund_lines rl join refunds r on r.id = rl.refund_id join order_lines l on l.id = rl.order_line_id
      where r.kind = 'shortage' group by l.id`,
    );
    expect(shortage.length).toBe(5);
    for (const s of shortage) expect(s.amount).toBe(s.paid - s.adjusted);
  });

  it('refunds nothing when no tier is reached', async () => {
    const c = await tieredCampaign();
    const a = await newCustomer(server, point());
    await buyAndPay(server, a.api, { pickupPointId: point(), items: [{ campaignItemId: c.apple, quantity: 2 }] });
    await buyAndPay(server, a.api, { pickupPointId: point(), items: [{ campaignItemId: c.apple, quantity: 1 }] });
    expect(await deal(c.id, c.apple)).toMatchObject({ buyers: 1, currentTier: null });
    expect((await world.admin.post(`/admin/campaigns/${c.id}/cutoff`)).status).toBe(200);
    const found = await rows(
      server.ctx.db,
      sql`
      select 1 from refunds r join orders o on o.id = r.order_id where o.campaign_id = ${c.id}`,
    );
    expect(found).toHaveLength(0);
  });

  it('ends every buyer at the final price when many pay at once', async () => {
    const c = await tieredCampaign([
      { minBuyers: 3, priceFen: 900 },
      { minBuyers: 6, priceFen: 750 },
    ]);
    const customers = await Promise.all(Array.from({ length: 8 }, () => newCustomer(server, point())));
    const orders = await Promise.all(
      customers.map((who, n) =>
        buyAndPay(server, who.api, {
          pickupPointId: point(),
          items: [{ campaignItemId: c.apple, quantity: 1 + (n % 3) }],
        }),
      ),
    );
    expect((await deal(c.id, c.apple)).buyers).toBe(8);
    expect((await world.admin.post(`/admin/campaigns/${c.id}/cutoff`)).status).toBe(200);
    for (const [n, order] of orders.entries()) {
      const now = (await customers[n].api.get(`/orders/${order.id}`)).body;
      const line = now.lines[0];
      // each line keeps its paid amount scaled to the final price; without discounts exactly 7.50 a unit
      expect(line.refundedFen).toBe(priceAdjustmentFen(line.paidFen, line.unitPriceFen, 750));
      if (line.discountFen === 0) expect(line.paidFen - line.refundedFen).toBe(750 * line.quantity);
    }
  });

  it('prices later after-sales refunds over what the line still holds', async () => {
    const c = await tieredCampaign();
    const buyers = await Promise.all(Array.from({ length: 2 }, () => newCustomer(server, point())));
    const first = await buyAndPay(server, buyers[0].api, {
      pickupPointId: point(),
      items: [{ campaignItemId: c.apple, quantity: 2 }],
    });
    await buyAndPay(server, buyers[1].api, {
      pickupPointId: point(),
      items: [{ campaignItemId: c.apple, quantity: 1 }],
    });
    await cutOffAndDeliver(world, c.id);
    await arriveInFull(world, c.id, 0);
    expect((await world.leaders[0].api.post('/leader/pickups/verify', { code: first.pickupCode })).status).toBe(200);
    const lineId = first.lines[0].id;
    // paid 20.00 (below the full-reduction), 2.00 returned at cutoff (final 9.00): 18.00 remain for the two units
    const claim = async (quantity: number) => {
      const res = await buyers[0].api.post(`/orders/${first.id}/refunds`, {
        lines: [{ lineId, quantity }],
        reason: 'quality',
      });
      expect(res.status).toBe(201);
      expect((await world.admin.post(`/admin/refunds/${res.body.id}/approve`)).status).toBe(200);
      return res.body.amountFen as number;
    };
    expect(await claim(1)).toBe(900);
    expect(await claim(1)).toBe(900);
    const line = (await buyers[0].api.get(`/orders/${first.id}`)).body.lines[0];
    expect(line).toMatchObject({ paidFen: 2000, refundedFen: 2000, refundQuantity: 2 });
    expect(
      (await buyers[0].api.post(`/orders/${first.id}/refunds`, { lines: [{ lineId, quantity: 1 }], reason: 'quality' }))
        .status,
    ).toBe(409);
  });
});
