import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { newCampaign } from './leader-flow.js';
import { addPoints } from '../src/modules/accounts/points.js';
import type { Db } from '../src/db/client.js';

/**
 * Points redeemed in checkout are a discount allocated to the lines like any other; when some
 * units are refunded the customer gets back, as points, the share of the redeemed points those
 * units carried — and a line refunded in several steps returns exactly what it redeemed.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

async function buyerWithPoints(points: number) {
  const c = await newCustomer(server, world.pickupPointIds[0]);
  await server.ctx.db.transaction((tx) => addPoints(tx as unknown as Db, c.userId, points, `test:${c.userId}`, 'test'));
  return c;
}

describe('redeemed points on refunds', () => {
  it('returns the redeemed points of short units with the shortage refund, to the point', async () => {
    const campaign = await newCampaign(world);
    const c = await buyerWithPoints(1000);
    const order = await buyAndPay(server, c.api, {
      pickupPointId: world.pickupPointIds[0],
      pointsToUse: 999,
      items: [
        { campaignItemId: campaign.items.apple, quantity: 7 },
        { campaignItemId: campaign.items.eggs, quantity: 1 },
      ],
    });
    expect(order.pointsUsed).toBe(999);
    const apple = order.lines.find((l: any) => l.campaignItemId === campaign.items.apple);
    expect((await c.api.get('/me')).body.pointsBalance).toBe(1);

    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    for (const po of pos) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) => ({
          productId: l.productId,
          // only 4 of the 7 apples arrive: 3 are short
          acceptedQuantity: l.productId === world.products[0].id ? 4 : l.quantity,
          rejectedQuantity: 0,
        })),
      });
      expect(res.status).toBe(200);
    }
    // the first units refunded from a line carry floor(share); later ones the rest (cumulative proration)
    const expected = Math.floor((apple.pointsFen * 3) / 7);
    expect(expected).toBeGreaterThan(0);
    const me = (await c.api.get('/me')).body;
    expect(me.pointsBalance).toBe(1 + expected);
    const history = (await c.api.get('/me/points')).body.entries;
    expect(history.filter((e: any) => e.reason === 'redeem_returned').map((e: any) => e.deltaPoints)).toEqual([
      expected,
    ]);
  });

  it('returns every redeemed point of a line refunded unit by unit after pickup, and no more', async () => {
    const campaign = await newCampaign(world);
    const c = await buyerWithPoints(500);
    const order = await buyAndPay(server, c.api, {
      pickupPointId: world.pickupPointIds[0],
      pointsToUse: 500,
      items: [
        { campaignItemId: campaign.items.milk, quantity: 3 },
        { campaignItemId: campaign.items.greens, quantity: 2 },
      ],
    });
    const milk = order.lines.find((l: any) => l.campaignItemId === campaign.items.milk);
    // after-sales: three separate requests for one unit each, approved one after another
    const { cutOffAndDeliver, arriveInFull } = await import('./leader-flow.js');
    await cutOffAndDeliver(world, campaign.id);
    await arriveInFull(world, campaign.id, 0);
    const code = (await c.api.get(`/orders/${order.id}`)).body.pickupCode;
    expect((await world.leaders[0].api.post('/leader/pickups/verify', { code })).status).toBe(200);
    const before = (await c.api.get('/me')).body.pointsBalance;
    for (let i = 0; i < 3; i++) {
      const refund = await c.api.post(`/orders/${order.id}/refunds`, {
        lines: [{ lineId: milk.id, quantity: 1 }],
        reason: 'quality',
      });
      expect(refund.status).toBe(201);
      expect((await world.admin.post(`/admin/refunds/${refund.body.id}/approve`)).status).toBe(200);
    }
    const after = (await c.api.get('/me')).body.pointsBalance;
    // what the milk line redeemed comes back exactly; earned points of the refunded value are clawed back separately
    const returned = (await c.api.get('/me/points')).body.entries
      .filter((e: any) => e.reason === 'redeem_returned')
      .reduce((s: number, e: any) => s + e.deltaPoints, 0);
    expect(returned).toBe(milk.pointsFen);
    expect(after - before).toBeLessThanOrEqual(milk.pointsFen);
  });
});

describe('fresh produce compensation', () => {
  it("adds 50 % of a fresh line's quality refund as points, nothing for other reasons or categories", async () => {
    const { cutOffAndDeliver, arriveInFull } = await import('./leader-flow.js');
    const campaign = await newCampaign(world);
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const order = await buyAndPay(server, c.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [
        { campaignItemId: campaign.items.apple, quantity: 3 },
        { campaignItemId: campaign.items.milk, quantity: 1 },
      ],
    });
    await cutOffAndDeliver(world, campaign.id);
    await arriveInFull(world, campaign.id, 0);
    expect((await world.leaders[0].api.post('/leader/pickups/verify', { code: order.pickupCode })).status).toBe(200);
    const line = (name: 'apple' | 'milk') => order.lines.find((l: any) => l.campaignItemId === campaign.items[name]);
    const approve = async (lineId: string, reason: string) => {
      const r = await c.api.post(`/orders/${order.id}/refunds`, { lines: [{ lineId, quantity: 1 }], reason });
      expect(r.status).toBe(201);
      expect((await world.admin.post(`/admin/refunds/${r.body.id}/approve`)).status).toBe(200);
      return r.body.amountFen as number;
    };
    const compensation = async () =>
      (await c.api.get('/me/points')).body.entries
        .filter((e: any) => e.reason === 'compensation')
        .map((e: any) => e.deltaPoints);

    const appleRefund = await approve(line('apple').id, 'quality');
    expect(await compensation()).toEqual([Math.floor(appleRefund / 2)]);
    await approve(line('apple').id, 'missing'); // not damage: money back only
    await approve(line('milk').id, 'quality'); // dairy, not fresh produce
    expect(await compensation()).toEqual([Math.floor(appleRefund / 2)]);
  });
});
