import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startSecondInstance, startTestServer, type TestServer } from './harness.js';
import { Api } from './client.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { rows } from '../src/db/client.js';
import { addPoints } from '../src/modules/accounts/points.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

async function couponTemplate(body: Record<string, unknown> = {}) {
  const res = await world.admin.post('/admin/coupon-templates', {
    name: '满50减5',
    kind: 'amount',
    thresholdFen: 5000,
    discountFen: 500,
    validFrom: hourAgo(),
    validTo: inADay(),
    perCustomerLimit: 2,
    stackableWithFullReduction: true,
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('promotions in checkout', () => {
  it('applies full-reduction, a coupon and points, allocated to the lines to the fen', async () => {
    const promo = await world.admin.post('/admin/promotions/full-reduction', {
      name: '满99减15',
      startsAt: hourAgo(),
      endsAt: inADay(),
      tiers: [
        { thresholdFen: 9900, discountFen: 1500 },
        { thresholdFen: 19900, discountFen: 4000 },
      ],
    });
    expect(promo.status).toBe(201);
    const templateId = await couponTemplate();
    const c = await newCustomer(server);
    expect(
      (await world.admin.post(`/admin/coupon-templates/${templateId}/grant`, { userIds: [c.userId] })).body,
    ).toEqual({ granted: 1 });
    await server.ctx.db.transaction((tx) => addPoints(tx as any, c.userId, 1000, `test:${c.userId}`, 'test'));
    const [coupon] = (await c.api.get('/me/coupons')).body;
    expect(coupon).toMatchObject({ status: 'available', name: '满50减5' });

    const body = {
      pickupPointId: world.pickupPointIds[0],
      couponId: coupon.id,
      pointsToUse: 600,
      items: [
        { campaignItemId: world.campaign.items[0].id, quantity: 7 },
        { campaignItemId: world.campaign.items[3].id, quantity: 1 },
      ],
    };
    const quote = (await c.api.post('/checkout/quote', body)).body;
    // 7 × 9.90 + 29.90 = 99.20 → 满99减15 → 84.20 → coupon −5 → 79.20 → 600 points (−6.00) → 73.20
    expect(quote).toMatchObject({
      subtotalFen: 9920,
      fullReductionFen: 1500,
      couponFen: 500,
      pointsUsed: 600,
      pointsFen: 600,
      totalFen: 7320,
    });
    expect(quote.nextFullReduction).toMatchObject({ thresholdFen: 19900, missingFen: 19900 - 9920 });
    const order = await buyAndPay(server, c.api, body);
    expect(order.totalFen).toBe(7320);
    expect(order.lines.reduce((s: number, l: any) => s + l.paidFen, 0)).toBe(7320);
    expect(order.lines.reduce((s: number, l: any) => s + l.discountFen, 0)).toBe(2600);
    expect((await c.api.get('/me')).body.pointsBalance).toBe(400);
    expect((await c.api.get('/me/coupons')).body[0].status).toBe('used');

    // cancelling before cutoff refunds the money and returns the coupon and the points
    const cancelled = await c.api.post(`/orders/${order.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedFen: 7320 });
    expect((await c.api.get('/me')).body.pointsBalance).toBe(1000);
    expect((await c.api.get('/me/coupons')).body[0].status).toBe('available');
    await server.ctx.db.execute(sql`update full_reduction_promotions set status = 'paused'`);
  });

  it('spends a coupon once even when two orders use it at the same instant', async () => {
    // Two apps on the same database with their own handles (two pools on PostgreSQL), as two
    // processes: each reads the coupon as available before either writes, so only the
    // statement's own guard on the coupon row can refuse the second order.
    const second = await startSecondInstance(server);
    try {
      const templateId = await couponTemplate({ thresholdFen: 0, discountFen: 100 });
      const customers = await Promise.all(Array.from({ length: 4 }, () => newCustomer(server)));
      expect(
        (
          await world.admin.post(`/admin/coupon-templates/${templateId}/grant`, {
            userIds: customers.map((c) => c.userId),
          })
        ).body,
      ).toEqual({ granted: 4 });
      const coupons = await Promise.all(
        customers.map(async (c) => (await c.api.get('/me/coupons')).body[0].id as string),
      );
      const body = (k: number) => ({
        pickupPointId: world.pickupPointIds[0],
        couponId: coupons[k],
        items: [{ campaignItemId: world.campaign.items[1].id, quantity: 1 }],
      });
      const apps = [server.app, second.app];
      const results = await Promise.all(
        customers.flatMap((c, k) => [0, 1, 0, 1].map((a) => new Api(apps[a], c.api.token).post('/orders', body(k)))),
      );
      for (const [k, c] of customers.entries()) {
        const mine = results.slice(4 * k, 4 * k + 4);
        expect(mine.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
        for (const r of mine) if (r.status === 409) expect(r.body.error.code).toBe('COUPON_UNAVAILABLE');
        const placed = mine.find((r) => r.status === 201)!.body;
        expect(placed.couponFen).toBe(100);
        expect((await c.api.get('/me/orders')).body.map((o: any) => o.id)).toEqual([placed.id]);
        expect((await c.api.get('/me/coupons')).body).toEqual([
          expect.objectContaining({ id: coupons[k], status: 'used', orderId: placed.id }),
        ]);
      }
    } finally {
      await second.close();
    }
  });

  it("refuses a coupon below its threshold, someone else's coupon, and grants over the limit", async () => {
    const templateId = await couponTemplate({ perCustomerLimit: 1 });
    const a = await newCustomer(server);
    const b = await newCustomer(server);
    const granted = await world.admin.post(`/admin/coupon-templates/${templateId}/grant`, {
      userIds: [a.userId, a.userId, b.userId],
    });
    expect(granted.body).toEqual({ granted: 2 });
    expect(
      (await world.admin.post(`/admin/coupon-templates/${templateId}/grant`, { userIds: [a.userId] })).body,
    ).toEqual({ granted: 0 });
    const [coupon] = (await a.api.get('/me/coupons')).body;
    const small = {
      pickupPointId: world.pickupPointIds[0],
      couponId: coupon.id,
      items: [{ campaignItemId: world.campaign.items[1].id, quantity: 1 }],
    };
    expect((await a.api.post('/orders', small)).body.error.code).toBe('COUPON_UNAVAILABLE');
    expect(
      (await b.api.post('/orders', { ...small, items: [{ campaignItemId: world.campaign.items[3].id, quantity: 2 }] }))
        .body.error.code,
    ).toBe('COUPON_UNAVAILABLE');
  });

  it('applies member prices only for active paid members', async () => {
    const now = Date.now();
    const campaign = await world.admin.post('/admin/campaigns', {
      title: '会员日',
      startsAt: new Date(now - 60_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: world.products[2].id, priceFen: 1390, memberPriceFen: 1190 }],
    });
    const itemId = campaign.body.items[0].id;
    const c = await newCustomer(server);
    const body = { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: itemId, quantity: 2 }] };
    expect((await c.api.post('/checkout/quote', body)).body.totalFen).toBe(2780);
    await server.ctx.db.execute(
      sql`update users set membership_until = now() + interval '1 year' where id = ${c.userId}`,
    );
    const quote = (await c.api.post('/checkout/quote', body)).body;
    expect(quote).toMatchObject({ totalFen: 2380, memberDiscountFen: 400 });
  });
});

describe('jobs', () => {
  it('expires unpaid orders after their time and gives the quota back', async () => {
    const c = await newCustomer(server);
    const order = (
      await c.api.post('/orders', {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: world.campaign.items[1].id, quantity: 2 }],
      })
    ).body;
    const soldBefore = (
      await rows<{ sold: number }>(
        server.ctx.db,
        sql`select sold from campaign_items where id = ${world.campaign.items[1].id}`,
      )
    )[0].sold;
    await server.ctx.db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${order.id}`);
    const { jobHandlers } = await import('../src/jobs/index.js');
    await jobHandlers(server.ctx.config)['expire-unpaid'](server.ctx.db, {});
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('cancelled');
    const soldAfter = (
      await rows<{ sold: number }>(
        server.ctx.db,
        sql`select sold from campaign_items where id = ${world.campaign.items[1].id}`,
      )
    )[0].sold;
    expect(soldAfter).toBe(soldBefore - 2);
    expect((await c.api.post(`/orders/${order.id}/pay`, { method: 'simpay' })).body.error.code).toBe('INVALID_STATE');
  });

  it('delivers notifications and provider refunds from the outbox exactly once', async () => {
    const c = await newCustomer(server);
    const order = await buyAndPay(server, c.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    await c.api.post(`/orders/${order.id}/cancel`);
    const { jobHandlers } = await import('../src/jobs/index.js');
    const handlers = jobHandlers({ ...server.ctx.config });
    process.env.LINLI_QUIET = '1';
    await Promise.all([handlers['deliver-outbox'](server.ctx.db, {}), handlers['deliver-outbox'](server.ctx.db, {})]);
    const kinds = await rows<{ kind: string }>(
      server.ctx.db,
      sql`select kind from notifications where user_id = ${c.userId} order by created_at`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['paid', 'refund']);
    const refunds = await rows<{ status: string; amount_fen: number }>(
      server.ctx.db,
      sql`select status, amount_fen from provider_refunds where order_id = ${order.id}`,
    );
    expect(refunds).toEqual([{ status: 'succeeded', amount_fen: order.totalFen }]);
  });
});
