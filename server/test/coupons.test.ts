import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { arriveInFull, cutOffAndDeliver, newCampaign } from './leader-flow.js';
import { one, rows } from '../src/db/client.js';
import { jobHandlers } from '../src/jobs/index.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function template(body: Record<string, unknown> = {}) {
  const res = await world.admin.post('/admin/coupon-templates', {
    name: '领券 满0减1',
    kind: 'amount',
    thresholdFen: 0,
    discountFen: 100,
    validFrom: hoursFromNow(-1),
    validTo: hoursFromNow(24),
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
    claimable: true,
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const issuedOf = async (id: string) =>
  (await one<{ issued: number; n: number }>(
    server.ctx.db,
    sql`
    select issued, (select count(*)::int from coupons where template_id = ${id}) as n from coupon_templates where id = ${id}`,
  ))!;

const report = async (id: string) =>
  (await world.admin.get('/admin/coupon-templates')).body.find((t: any) => t.id === id);

describe('claim centre', () => {
  it('issues exactly totalLimit coupons when 20 customers claim at once', async () => {
    const id = await template({ totalLimit: 5 });
    const customers = await Promise.all(Array.from({ length: 20 }, () => newCustomer(server)));
    const results = await Promise.all(customers.map((c) => c.api.post('/coupons/claim', { templateId: id })));
    const won = results.filter((r) => r.status === 201);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(5).fill(201), ...Array(15).fill(409)]);
    for (const r of results) if (r.status === 409) expect(r.body.error.code).toBe('COUPON_UNAVAILABLE');
    expect(won[0].body).toMatchObject({
      templateId: id,
      status: 'available',
      kind: 'amount',
      discountFen: 100,
      orderId: null,
    });
    expect(await issuedOf(id)).toEqual({ issued: 5, n: 5 });
    const listed = (await customers[0].api.get('/coupons/claimable')).body.find((t: any) => t.templateId === id);
    expect(listed).toMatchObject({ remaining: 0, totalLimit: 5, perCustomerLimit: 1 });
    // a grant would pass the total too: refused, nothing written
    const loser = customers[results.findIndex((r) => r.status === 409)];
    const grant = await world.admin.post(`/admin/coupon-templates/${id}/grant`, { userIds: [loser.userId] });
    expect(grant.body.error.code).toBe('COUPON_UNAVAILABLE');
    expect(await issuedOf(id)).toEqual({ issued: 5, n: 5 });
  });

  it('gives one customer at most perCustomerLimit coupons under 10 simultaneous claims', async () => {
    const id = await template({ perCustomerLimit: 2 });
    const c = await newCustomer(server);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => c.api.post('/coupons/claim', { templateId: id })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, ...Array(8).fill(409)]);
    for (const r of results) if (r.status === 409) expect(r.body.error.code).toBe('COUPON_UNAVAILABLE');
    expect((await c.api.get('/me/coupons')).body.filter((x: any) => x.templateId === id)).toHaveLength(2);
    expect(await issuedOf(id)).toEqual({ issued: 2, n: 2 });
    const listed = (await c.api.get('/coupons/claimable')).body.find((t: any) => t.templateId === id);
    expect(listed).toMatchObject({ claimedByMe: 2, remaining: null, totalLimit: null });
  });

  it('refuses paused, unclaimable, expired and not-yet-open templates, and lists only the claimable ones', async () => {
    const paused = await template();
    const unclaimable = await template({ claimable: false });
    const expired = await template({ validFrom: hoursFromNow(-48), validTo: hoursFromNow(-1) });
    const later = await template({ validFrom: hoursFromNow(2), validTo: hoursFromNow(48) });
    expect((await world.admin.post(`/admin/coupon-templates/${paused}/pause`)).body).toEqual({
      id: paused,
      status: 'paused',
    });
    const c = await newCustomer(server);
    for (const id of [paused, unclaimable, expired, later]) {
      const res = await c.api.post('/coupons/claim', { templateId: id });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('COUPON_UNAVAILABLE');
    }
    const listed = (await c.api.get('/coupons/claimable')).body.map((t: any) => t.templateId);
    for (const id of [paused, unclaimable, expired, later]) expect(listed).not.toContain(id);
    expect((await c.api.get('/me/coupons')).body).toEqual([]);
    expect((await issuedOf(paused)).issued).toBe(0);
    // a paused template cannot be granted either
    expect(
      (await world.admin.post(`/admin/coupon-templates/${paused}/grant`, { userIds: [c.userId] })).body.error.code,
    ).toBe('COUPON_UNAVAILABLE');

    expect((await world.admin.post(`/admin/coupon-templates/${paused}/resume`)).body).toEqual({
      id: paused,
      status: 'active',
    });
    expect((await c.api.get('/coupons/claimable')).body.map((t: any) => t.templateId)).toContain(paused);
    expect((await c.api.post('/coupons/claim', { templateId: paused })).status).toBe(201);
    expect((await c.api.post('/coupons/claim', { templateId: '00000000-0000-4000-8000-000000000001' })).status).toBe(
      404,
    );
    expect((await c.api.post(`/admin/coupon-templates/${paused}/pause`)).status).toBe(403);
    expect((await world.anon.post('/coupons/claim', { templateId: paused })).status).toBe(401);
  });
});

describe('coupons in checkout', () => {
  it('applies a percent coupon up to its cap', async () => {
    const id = await template({
      kind: 'percent',
      discountFen: undefined,
      percentOffBps: 1000,
      maxDiscountFen: 300,
      perCustomerLimit: 2,
    });
    const c = await newCustomer(server);
    const coupon = (await c.api.post('/coupons/claim', { templateId: id })).body;
    expect(coupon).toMatchObject({ kind: 'percent', percentOffBps: 1000, maxDiscountFen: 300, discountFen: null });
    const quote = async (quantity: number) =>
      (
        await c.api.post('/checkout/quote', {
          pickupPointId: world.pickupPointIds[0],
          couponId: coupon.id,
          items: [{ campaignItemId: world.campaign.items[1].id, quantity }],
        })
      ).body;
    // 2 × 2.90 = 5.80 → 10 % = 0.58; 20 × 2.90 = 58.00 → 10 % = 5.80, capped at 3.00
    expect(await quote(2)).toMatchObject({ subtotalFen: 580, couponFen: 58, totalFen: 522 });
    expect(await quote(20)).toMatchObject({ subtotalFen: 5800, couponFen: 300, totalFen: 5500 });
  });

  it('expires available coupons by the job once the template window has closed', async () => {
    const id = await template({ perCustomerLimit: 3 });
    const c = await newCustomer(server);
    const [a, b] = [
      (await c.api.post('/coupons/claim', { templateId: id })).body,
      (await c.api.post('/coupons/claim', { templateId: id })).body,
    ];
    const order = await buyAndPay(server, c.api, {
      pickupPointId: world.pickupPointIds[0],
      couponId: a.id,
      items: [{ campaignItemId: world.campaign.items[1].id, quantity: 1 }],
    });
    expect(order.couponFen).toBe(100);
    await server.ctx.db.execute(
      sql`update coupon_templates set valid_from = now() - interval '2 days', valid_to = now() - interval '1 second' where id = ${id}`,
    );
    await jobHandlers(server.ctx.config)['expire-coupons'](server.ctx.db, {});
    const stored = await rows<{ id: string; status: string }>(
      server.ctx.db,
      sql`select id, status from coupons where template_id = ${id} order by id`,
    );
    expect(Object.fromEntries(stored.map((s) => [s.id, s.status]))).toEqual({ [a.id]: 'used', [b.id]: 'expired' });
    expect(await report(id)).toMatchObject({ issued: 2, used: 1, expired: 1, available: 0, orders: 1 });
    const quote = await c.api.post('/checkout/quote', {
      pickupPointId: world.pickupPointIds[0],
      couponId: b.id,
      items: [{ campaignItemId: world.campaign.items[1].id, quantity: 1 }],
    });
    expect(quote.body.error.code).toBe('COUPON_UNAVAILABLE');
  });
});

describe('admin reports', () => {
  it('reports issued, used, discount given, orders and GMV influenced after real orders', async () => {
    const id = await template({
      name: '满20减3',
      thresholdFen: 2000,
      discountFen: 300,
      perCustomerLimit: 1,
      claimable: false,
    });
    const promo = (
      await world.admin.post('/admin/promotions/full-reduction', {
        name: '满150减20',
        startsAt: hoursFromNow(-1),
        endsAt: hoursFromNow(24),
        tiers: [{ thresholdFen: 15000, discountFen: 2000 }],
      })
    ).body.id;
    const [a, b, c] = await Promise.all([newCustomer(server), newCustomer(server), newCustomer(server)]);
    expect(
      (await world.admin.post(`/admin/coupon-templates/${id}/grant`, { userIds: [a.userId, b.userId, c.userId] })).body,
    ).toEqual({ granted: 3 });
    const couponOf = async (x: typeof a) =>
      (await x.api.get('/me/coupons')).body.find((k: any) => k.templateId === id).id;
    const eggs = world.campaign.items[3].id;
    // a: 6 eggs = 179.40 → 满150减20 → 159.40 → −3 = 156.40; b: 1 egg = 29.90 → −3 = 26.90; c: unpaid, not influenced
    const oa = await buyAndPay(server, a.api, {
      pickupPointId: world.pickupPointIds[0],
      couponId: await couponOf(a),
      items: [{ campaignItemId: eggs, quantity: 6 }],
    });
    const ob = await buyAndPay(server, b.api, {
      pickupPointId: world.pickupPointIds[0],
      couponId: await couponOf(b),
      items: [{ campaignItemId: eggs, quantity: 1 }],
    });
    expect(oa).toMatchObject({ fullReductionFen: 2000, couponFen: 300, totalFen: 15640 });
    expect(ob).toMatchObject({ fullReductionFen: 0, couponFen: 300, totalFen: 2690 });
    expect(
      (
        await c.api.post('/orders', {
          pickupPointId: world.pickupPointIds[0],
          couponId: await couponOf(c),
          items: [{ campaignItemId: eggs, quantity: 1 }],
        })
      ).status,
    ).toBe(201);

    expect(await report(id)).toMatchObject({
      status: 'active',
      claimable: false,
      issued: 3,
      used: 3,
      available: 0,
      expired: 0,
      orders: 2,
      discountGivenFen: 600,
      gmvFen: 15640 + 2690,
      refundedFen: 0,
    });
    const promotions = (await world.admin.get('/admin/promotions/full-reduction')).body;
    expect(promotions.find((p: any) => p.id === promo)).toMatchObject({
      status: 'active',
      running: true,
      orders: 1,
      discountGivenFen: 2000,
      gmvFen: 15640,
      tiers: [{ thresholdFen: 15000, discountFen: 2000 }],
    });

    // paused: new orders no longer get it; resumed: they do again
    expect((await world.admin.post(`/admin/promotions/full-reduction/${promo}/pause`)).body).toEqual({
      id: promo,
      status: 'paused',
    });
    const big = { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: eggs, quantity: 6 }] };
    expect((await a.api.post('/checkout/quote', big)).body.fullReductionFen).toBe(0);
    expect(
      (await world.admin.get('/admin/promotions/full-reduction?status=paused')).body.map((p: any) => p.id),
    ).toContain(promo);
    expect((await world.admin.post(`/admin/promotions/full-reduction/${promo}/resume`)).body.status).toBe('active');
    expect((await a.api.post('/checkout/quote', big)).body.fullReductionFen).toBe(2000);
    await world.admin.post(`/admin/promotions/full-reduction/${promo}/pause`);
    expect((await world.admin.get('/admin/coupon-templates?status=paused')).body.map((t: any) => t.id)).not.toContain(
      id,
    );
    expect(
      (await world.admin.post('/admin/promotions/full-reduction/00000000-0000-4000-8000-000000000001/pause')).status,
    ).toBe(404);
    expect((await a.api.get('/admin/coupon-templates')).status).toBe(403);
  });

  it('documents every promotions route in the OpenAPI', async () => {
    const doc = (await world.anon.get('/api/docs/json')).body;
    for (const path of [
      '/api/v1/coupons/claimable',
      '/api/v1/coupons/claim',
      '/api/v1/admin/coupon-templates',
      '/api/v1/admin/coupon-templates/{id}/pause',
      '/api/v1/admin/coupon-templates/{id}/resume',
      '/api/v1/admin/promotions/full-reduction',
      '/api/v1/admin/promotions/full-reduction/{id}/pause',
      '/api/v1/admin/promotions/full-reduction/{id}/resume',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

describe('refunds and coupons', () => {
  it('returns the coupon of a fully shortage-refunded order while it is valid, not of a partial or expired one', async () => {
    const campaign = await newCampaign(world);
    const valid = await template({ perCustomerLimit: 5 });
    const ending = await template({ perCustomerLimit: 5 });
    const point = world.pickupPointIds[0];
    const [full, partial, late] = await Promise.all([
      newCustomer(server, point),
      newCustomer(server, point),
      newCustomer(server, point),
    ]);
    const claim = async (x: typeof full, templateId: string) =>
      (await x.api.post('/coupons/claim', { templateId })).body.id as string;
    const fullCoupon = await claim(full, valid);
    const partialCoupon = await claim(partial, valid);
    const lateCoupon = await claim(late, ending);
    const milk = campaign.items.milk;
    const fullOrder = await buyAndPay(server, full.api, {
      pickupPointId: point,
      couponId: fullCoupon,
      items: [{ campaignItemId: milk, quantity: 2 }],
    });
    const partialOrder = await buyAndPay(server, partial.api, {
      pickupPointId: point,
      couponId: partialCoupon,
      items: [
        { campaignItemId: milk, quantity: 1 },
        { campaignItemId: campaign.items.eggs, quantity: 1 },
      ],
    });
    const lateOrder = await buyAndPay(server, late.api, {
      pickupPointId: point,
      couponId: lateCoupon,
      items: [{ campaignItemId: milk, quantity: 1 }],
    });
    // the second template's window closes after its order was placed
    await server.ctx.db.execute(
      sql`update coupon_templates set valid_to = now() - interval '1 second' where id = ${ending}`,
    );

    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);
    const milkId = world.products[2].id;
    for (const po of (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) =>
          l.productId === milkId
            ? { productId: l.productId, acceptedQuantity: 0, rejectedQuantity: l.quantity }
            : { productId: l.productId, acceptedQuantity: l.quantity, rejectedQuantity: 0 },
        ),
      });
      expect(res.status).toBe(200);
    }
    const refunded = (await full.api.get(`/orders/${fullOrder.id}`)).body;
    expect(refunded).toMatchObject({ status: 'completed', refundedFen: fullOrder.totalFen });
    const status = async (couponId: string) =>
      (await one<{ status: string; order_id: string | null }>(
        server.ctx.db,
        sql`
      select status, order_id from coupons where id = ${couponId}`,
      ))!;
    expect(await status(fullCoupon)).toEqual({ status: 'available', order_id: null });
    expect((await status(partialCoupon)).status).toBe('used');
    expect(await status(lateCoupon)).toEqual({ status: 'used', order_id: lateOrder.id });
    expect((await late.api.get(`/orders/${lateOrder.id}`)).body.refundedFen).toBe(lateOrder.totalFen);

    // the returned coupon buys again; the first order still counts in the report
    const again = await buyAndPay(server, full.api, {
      pickupPointId: point,
      couponId: fullCoupon,
      items: [{ campaignItemId: world.campaign.items[1].id, quantity: 1 }],
    });
    expect(again.couponFen).toBe(100);
    const partialRefunded = (await partial.api.get(`/orders/${partialOrder.id}`)).body.refundedFen;
    expect(partialRefunded).toBeGreaterThan(0);
    expect(await report(valid)).toMatchObject({
      issued: 2,
      used: 2,
      orders: 3,
      discountGivenFen: 300,
      refundedFen: fullOrder.totalFen + partialRefunded,
    });
  });

  it('returns the coupon once an after-sales refund covers every line of a picked-up order', async () => {
    const campaign = await newCampaign(world);
    const id = await template({ perCustomerLimit: 5 });
    const point = world.pickupPointIds[0];
    const c = await newCustomer(server, point);
    const couponId = (await c.api.post('/coupons/claim', { templateId: id })).body.id;
    const order = await buyAndPay(server, c.api, {
      pickupPointId: point,
      couponId,
      items: [
        { campaignItemId: campaign.items.apple, quantity: 2 },
        { campaignItemId: campaign.items.greens, quantity: 1 },
      ],
    });
    await cutOffAndDeliver(world, campaign.id);
    await arriveInFull(world, campaign.id, 0);
    expect((await world.leaders[0].api.post('/leader/pickups/verify', { code: order.pickupCode })).status).toBe(200);
    const [apple, greens] = order.lines;
    const refundOf = async (line: any) =>
      (
        await c.api.post(`/orders/${order.id}/refunds`, {
          lines: [{ lineId: line.id, quantity: line.quantity }],
          reason: 'quality',
        })
      ).body.id;
    // the first refund leaves a line picked up: the coupon stays spent
    expect((await world.admin.post(`/admin/refunds/${await refundOf(apple)}/approve`)).status).toBe(200);
    expect((await c.api.get('/me/coupons')).body.find((k: any) => k.id === couponId)).toMatchObject({
      status: 'used',
      orderId: order.id,
    });
    expect((await world.admin.post(`/admin/refunds/${await refundOf(greens)}/approve`)).status).toBe(200);
    expect((await c.api.get(`/orders/${order.id}`)).body.refundedFen).toBe(order.totalFen);
    expect((await c.api.get('/me/coupons')).body.find((k: any) => k.id === couponId)).toMatchObject({
      status: 'available',
      orderId: null,
    });
  });
});
