import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';

/**
 * POST /checkout/coupons: the cart priced with each of the customer's coupons by the order's own
 * rules, the best one named, the others with how much is missing — what the shop pre-selects and
 * greys, so that no customer can pick a coupon the order would refuse.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function grant(userId: string, body: Record<string, unknown>) {
  const tpl = await world.admin.post('/admin/coupon-templates', {
    kind: 'amount',
    validFrom: hoursFromNow(-1),
    validTo: hoursFromNow(24),
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
    ...body,
  });
  expect(tpl.status).toBe(201);
  const res = await world.admin.post(`/admin/coupon-templates/${tpl.body.id}/grant`, { userIds: [userId] });
  expect(res.body).toEqual({ granted: 1 });
}

const itemOf = (name: string) => {
  const product = world.products.find((p) => p.name === name)!;
  return world.campaign.items.find((i) => i.productId === product.id)!.id;
};

describe('coupon choices', () => {
  it('prices the cart with each coupon exactly as the quote and the order do, and names the cheapest', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    // ¥29.90 + ¥13.90 = ¥43.80
    const items = [
      { campaignItemId: itemOf('土鸡蛋 30枚'), quantity: 1 },
      { campaignItemId: itemOf('鲜牛奶 950ml'), quantity: 1 },
    ];
    const body = { pickupPointId: world.pickupPointIds[0], items };

    // no coupon yet: nothing to choose
    const none = await c.api.post('/checkout/coupons', body);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ withoutCouponFen: 4380, bestCouponId: null, choices: [] });

    await grant(c.userId, { name: '满30减5', thresholdFen: 3000, discountFen: 500 });
    await grant(c.userId, { name: '满100减20', thresholdFen: 10_000, discountFen: 2000, validTo: hoursFromNow(2) });
    await grant(c.userId, { name: '满40减10', thresholdFen: 4000, discountFen: 1000 });
    await grant(c.userId, {
      name: '9折',
      kind: 'percent',
      thresholdFen: 0,
      percentOffBps: 1000,
      maxDiscountFen: 300,
    });
    const coupons = (await c.api.get('/me/coupons')).body as { id: string; name: string }[];
    const idOf = (name: string) => coupons.find((x) => x.name === name)!.id;

    const res = await c.api.post('/checkout/coupons', body);
    expect(res.status).toBe(200);
    expect(res.body.withoutCouponFen).toBe(4380);
    expect(res.body.bestCouponId).toBe(idOf('满40减10'));
    // the soonest to expire is listed first
    expect(res.body.choices[0]).toEqual({ couponId: idOf('满100减20'), applicable: false, missingFen: 10_000 - 4380 });
    const byId = new Map(res.body.choices.map((x: { couponId: string }) => [x.couponId, x]));
    expect(byId.get(idOf('满30减5'))).toEqual({
      couponId: idOf('满30减5'),
      applicable: true,
      couponFen: 500,
      fullReductionFen: 0,
      totalFen: 3880,
    });
    expect(byId.get(idOf('9折'))).toMatchObject({ applicable: true, couponFen: 300, totalFen: 4080 });

    // each answer is what the quote says for that coupon: a total, or the refusal
    for (const choice of res.body.choices) {
      const quote = await c.api.post('/checkout/quote', { ...body, couponId: choice.couponId });
      if (choice.applicable) {
        expect(quote.status).toBe(200);
        expect(quote.body.totalFen).toBe(choice.totalFen);
        expect(quote.body.couponFen).toBe(choice.couponFen);
      } else {
        expect(quote.status).toBe(409);
        expect(quote.body.error.code).toBe('COUPON_UNAVAILABLE');
      }
    }

    // adding exactly the missing amount makes the greyed coupon usable (¥13.90 × 5 more milk: ¥113.30)
    const more = {
      ...body,
      items: [items[0], { ...items[1], quantity: 6 }],
    };
    const after = await c.api.post('/checkout/coupons', more);
    expect(after.body.withoutCouponFen).toBe(2990 + 6 * 1390);
    expect(after.body.choices.find((x: { couponId: string }) => x.couponId === idOf('满100减20'))).toMatchObject({
      applicable: true,
      totalFen: 2990 + 6 * 1390 - 2000,
    });
    expect(after.body.bestCouponId).toBe(idOf('满100减20'));

    // the order placed with the named coupon costs what was shown
    const order = await c.api.post('/orders', { ...body, couponId: res.body.bestCouponId });
    expect(order.status).toBe(201);
    expect(order.body.totalFen).toBe(3380);
    // a used coupon is no longer offered
    const later = await c.api.post('/checkout/coupons', body);
    expect(later.body.choices.map((x: { couponId: string }) => x.couponId)).not.toContain(idOf('满40减10'));
    expect(later.body.bestCouponId).toBe(idOf('满30减5'));
  });

  it('never picks a non-stackable coupon worth less than the full-reduction it switches off', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const fr = await world.admin.post('/admin/promotions/full-reduction', {
      name: '满80减15',
      startsAt: hoursFromNow(-1),
      endsAt: hoursFromNow(24),
      tiers: [{ thresholdFen: 8000, discountFen: 1500 }],
    });
    expect(fr.status).toBe(201);
    await grant(c.userId, {
      name: '不与满减同享 减10',
      thresholdFen: 0,
      discountFen: 1000,
      stackableWithFullReduction: false,
    });
    const body = {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: itemOf('土鸡蛋 30枚'), quantity: 3 }],
    };
    const res = await c.api.post('/checkout/coupons', body);
    // ¥89.70 − ¥15 without a coupon; with it ¥89.70 − ¥10
    expect(res.body).toMatchObject({ withoutCouponFen: 7470, bestCouponId: null });
    expect(res.body.choices[0]).toMatchObject({ applicable: true, fullReductionFen: 0, totalFen: 7970 });
  });

  it('refuses what an order would refuse, and asks for a signed-in customer', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const unknown = await c.api.post('/checkout/coupons', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const anon = await world.anon.post('/checkout/coupons', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: itemOf('土鸡蛋 30枚'), quantity: 1 }],
    });
    expect(anon.status).toBe(401);
  });
});
