import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const patch = (path: string, body: unknown, api = world.admin) => api.request('PATCH', path, body);
const del = (path: string) => world.admin.request('DELETE', path);
const missing = '00000000-0000-4000-8000-00000000dead';
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('set-up edits', () => {
  it('edits suppliers: 200, 404, 400 and admin only', async () => {
    const res = await patch(`/admin/suppliers/${world.supplierIds[0]}`, { name: '绿源合作社', status: 'suspended' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: world.supplierIds[0], name: '绿源合作社', status: 'suspended' });
    expect(
      (await world.admin.get('/admin/suppliers')).body.find((s: any) => s.id === world.supplierIds[0]).status,
    ).toBe('suspended');
    expect((await patch(`/admin/suppliers/${missing}`, { name: 'x' })).status).toBe(404);
    expect((await patch(`/admin/suppliers/${world.supplierIds[0]}`, {})).body.error.code).toBe('VALIDATION_FAILED');
    expect((await patch(`/admin/suppliers/${world.supplierIds[0]}`, { status: 'gone' })).status).toBe(400);
    expect((await patch(`/admin/suppliers/${world.supplierIds[0]}`, { name: 'x' }, world.leaders[0].api)).status).toBe(
      403,
    );
    expect((await patch(`/admin/suppliers/${world.supplierIds[0]}`, { status: 'active' })).status).toBe(200);
  });

  it('edits products; bad category 400, unknown supplier 404, nothing written on failure', async () => {
    const p = world.products[0];
    const res = await patch(`/admin/products/${p.id}`, {
      listPriceFen: 1390,
      name: '红富士苹果 5斤',
      shelfLifeDays: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: p.id,
      listPriceFen: 1390,
      name: '红富士苹果 5斤',
      shelfLifeDays: null,
      costFen: 600,
    });
    expect((await patch(`/admin/products/${p.id}`, { category: 'nope', listPriceFen: 1 })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await patch(`/admin/products/${p.id}`, { supplierId: missing, listPriceFen: 1 })).status).toBe(404);
    expect((await patch(`/admin/products/${p.id}`, { listPriceFen: -1 })).status).toBe(400);
    expect((await patch(`/admin/products/${missing}`, { listPriceFen: 1 })).status).toBe(404);
    const after = (await world.admin.get('/admin/products')).body.find((x: any) => x.id === p.id);
    expect(after.listPriceFen).toBe(1390);
    expect(
      (await patch(`/admin/products/${p.id}`, { category: 'dairy', supplierId: world.supplierIds[1] })).body,
    ).toMatchObject({ category: 'dairy', supplierId: world.supplierIds[1] });
  });

  it('edits warehouses, routes and pickup points', async () => {
    expect((await patch(`/admin/warehouses/${world.gridWarehouseId}`, { name: '东区网格仓(新)' })).body).toMatchObject({
      id: world.gridWarehouseId,
      name: '东区网格仓(新)',
      kind: 'grid',
      parentId: world.centralWarehouseId,
    });
    expect((await patch(`/admin/warehouses/${missing}`, { name: 'x' })).status).toBe(404);
    expect((await patch(`/admin/warehouses/${world.gridWarehouseId}`, { name: '' })).status).toBe(400);

    expect(
      (await patch(`/admin/routes/${world.routeIds[1]}`, { name: '东二线B', warehouseId: world.centralWarehouseId }))
        .body,
    ).toEqual({ id: world.routeIds[1], name: '东二线B', warehouseId: world.centralWarehouseId });
    expect((await patch(`/admin/routes/${world.routeIds[1]}`, { warehouseId: missing })).status).toBe(404);
    expect((await patch(`/admin/routes/${missing}`, { name: 'x' })).status).toBe(404);

    const point = world.pickupPointIds[2];
    const res = await patch(`/admin/pickup-points/${point}`, {
      name: '幸福里3号(新)',
      routeId: world.routeIds[0],
      lat: null,
      lng: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: point,
      name: '幸福里3号(新)',
      routeId: world.routeIds[0],
      lat: null,
      lng: null,
      leaderName: '团长3',
    });
    expect((await patch(`/admin/pickup-points/${point}`, { routeId: missing })).status).toBe(404);
    expect((await patch(`/admin/pickup-points/${point}`, { lat: 100 })).status).toBe(400);
    expect((await patch(`/admin/pickup-points/${missing}`, { name: 'x' })).status).toBe(404);
  });

  it('lists leaders, changes commission, deactivates and refuses a second active leader', async () => {
    const list = (await world.admin.get('/admin/leaders')).body;
    expect(list).toHaveLength(3);
    const l0 = world.leaders[0];
    expect(list.find((l: any) => l.id === l0.leaderId)).toMatchObject({
      userId: l0.userId,
      phone: l0.phone,
      commissionBps: 1000,
      status: 'active',
    });
    expect((await patch(`/admin/leaders/${l0.leaderId}`, { commissionBps: 1200 })).body).toMatchObject({
      commissionBps: 1200,
      status: 'active',
    });
    expect((await patch(`/admin/leaders/${l0.leaderId}`, { commissionBps: 10_001 })).status).toBe(400);
    expect((await patch(`/admin/leaders/${missing}`, { active: false })).status).toBe(404);

    expect((await patch(`/admin/leaders/${l0.leaderId}`, { active: false })).body.status).toBe('inactive');
    expect((await l0.api.get('/leader/orders')).status).toBe(403);
    // another user takes the point; the old leader cannot be reactivated there
    const other = await newCustomer(server, l0.pickupPointId, '新团长');
    expect(
      (
        await world.admin.post('/admin/leaders', {
          userId: other.userId,
          pickupPointId: l0.pickupPointId,
          commissionBps: 800,
        })
      ).status,
    ).toBe(201);
    const again = await patch(`/admin/leaders/${l0.leaderId}`, { active: true, commissionBps: 1500 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await world.admin.get('/admin/leaders')).body.find((l: any) => l.id === l0.leaderId)).toMatchObject({
      status: 'inactive',
      commissionBps: 1200,
    });
  });
});

describe('campaign edits', () => {
  async function futureCampaign() {
    const res = await world.admin.post('/admin/campaigns', {
      title: '明日团购',
      startsAt: inHours(2),
      cutoffAt: inHours(10),
      pickupDate: inHours(30).slice(0, 10),
      items: [
        { productId: world.products[1].id, priceFen: 290 },
        { productId: world.products[2].id, priceFen: 1390 },
      ],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; items: { id: string; productId: string }[] };
  }

  it('edits a campaign before it starts: times, items added, edited and removed', async () => {
    const c = await futureCampaign();
    const moved = await patch(`/admin/campaigns/${c.id}`, {
      title: '周末团购',
      startsAt: inHours(3),
      cutoffAt: inHours(12),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.title).toBe('周末团购');
    expect((await patch(`/admin/campaigns/${c.id}`, { cutoffAt: inHours(1) })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await patch(`/admin/campaigns/${c.id}`, { title: '' })).status).toBe(400);
    expect((await patch(`/admin/campaigns/${missing}`, { title: 'x' })).status).toBe(404);

    const added = await world.admin.post(`/admin/campaigns/${c.id}/items`, {
      productId: world.products[3].id,
      priceFen: 2990,
      memberPriceFen: 2790,
      quota: 50,
      perCustomerLimit: 2,
      saleStartsAt: inHours(5),
      groupTiers: [{ minBuyers: 3, priceFen: 2590 }],
    });
    expect(added.status).toBe(201);
    const deal = added.body.items.find((i: any) => i.productId === world.products[3].id);
    expect(deal).toMatchObject({
      priceFen: 2990,
      memberPriceFen: 2790,
      quota: 50,
      perCustomerLimit: 2,
      groupTiers: [{ minBuyers: 3, priceFen: 2590 }],
    });
    expect(
      (await world.admin.post(`/admin/campaigns/${c.id}/items`, { productId: world.products[3].id, priceFen: 1 })).body
        .error.code,
    ).toBe('CONFLICT');
    expect((await world.admin.post(`/admin/campaigns/${c.id}/items`, { productId: missing, priceFen: 1 })).status).toBe(
      400,
    );

    const edited = await patch(`/admin/campaigns/${c.id}/items/${deal.id}`, {
      priceFen: 2890,
      memberPriceFen: null,
      groupTiers: null,
      quota: null,
    });
    expect(edited.status).toBe(200);
    const after = edited.body.items.find((i: any) => i.id === deal.id);
    expect(after).toMatchObject({ priceFen: 2890, perCustomerLimit: 2 });
    expect(after.memberPriceFen).toBeUndefined();
    expect(after.groupTiers).toBeUndefined();
    expect(after.quota).toBeUndefined();
    // a member price above the deal price and tiers above it are refused, nothing changes
    expect((await patch(`/admin/campaigns/${c.id}/items/${deal.id}`, { memberPriceFen: 3000 })).status).toBe(400);
    expect(
      (
        await patch(`/admin/campaigns/${c.id}/items/${deal.id}`, {
          priceFen: 100,
          groupTiers: [{ minBuyers: 2, priceFen: 200 }],
        })
      ).status,
    ).toBe(400);
    expect(
      (await world.admin.get(`/admin/campaigns/${c.id}`)).body.items.find((i: any) => i.id === deal.id).priceFen,
    ).toBe(2890);
    expect((await patch(`/admin/campaigns/${c.id}/items/${missing}`, { priceFen: 1 })).status).toBe(404);
    expect((await patch(`/admin/campaigns/${world.campaign.id}/items/${deal.id}`, { priceFen: 1 })).status).toBe(404);

    const removed = await del(`/admin/campaigns/${c.id}/items/${deal.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.items).toHaveLength(2);
  });

  it('while selling: only quota (not below sold) and no start time; after the cutoff nothing', async () => {
    const c = world.campaign;
    const item = c.items[0];
    const buyer = await newCustomer(server, world.pickupPointIds[1]);
    await buyAndPay(server, buyer.api, {
      pickupPointId: world.pickupPointIds[1],
      items: [{ campaignItemId: item.id, quantity: 3 }],
    });

    const price = await patch(`/admin/campaigns/${c.id}/items/${item.id}`, { priceFen: 1 });
    expect(price.status).toBe(409);
    expect(price.body.error.code).toBe('INVALID_STATE');
    expect((await patch(`/admin/campaigns/${c.id}/items/${item.id}`, { quota: 2 })).body.error.code).toBe(
      'INVALID_STATE',
    );
    expect((await patch(`/admin/campaigns/${c.id}/items/${item.id}`, { quota: 100 })).body.items[0]).toMatchObject({
      quota: 100,
      sold: 3,
      remaining: 97,
    });
    expect((await del(`/admin/campaigns/${c.id}/items/${item.id}`)).status).toBe(409);
    expect((await patch(`/admin/campaigns/${c.id}`, { startsAt: inHours(1) })).body.error.code).toBe('INVALID_STATE');
    expect((await patch(`/admin/campaigns/${c.id}`, { title: '今日团购(加推)', cutoffAt: inHours(11) })).status).toBe(
      200,
    );
    expect(
      (await world.admin.post(`/admin/campaigns/${c.id}/items`, { productId: world.products[0].id, priceFen: 100 }))
        .body.error.code,
    ).toBe('CONFLICT');

    expect((await world.admin.post(`/admin/campaigns/${c.id}/cutoff`)).status).toBe(200);
    const late = await patch(`/admin/campaigns/${c.id}`, { title: '太迟了' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    expect((await patch(`/admin/campaigns/${c.id}/items/${item.id}`, { quota: 200 })).status).toBe(409);
    expect((await world.admin.get(`/admin/campaigns/${c.id}`)).body).toMatchObject({
      title: '今日团购(加推)',
      status: 'cut_off',
    });
  });
});

describe('member coupon templates', () => {
  it('marks and unmarks a template for the monthly pack', async () => {
    const tpl = await world.admin.post('/admin/coupon-templates', {
      name: '会员月券',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 300,
      validFrom: inHours(-1),
      validTo: inHours(24 * 30),
      perCustomerLimit: 5,
      stackableWithFullReduction: true,
    });
    expect(tpl.status).toBe(201);
    expect(
      (await world.admin.post('/admin/members/coupon-templates', { templateId: tpl.body.id, purpose: 'monthly_pack' }))
        .status,
    ).toBe(201);
    expect((await world.admin.get('/admin/members/coupon-templates')).body).toEqual([
      { templateId: tpl.body.id, purpose: 'monthly_pack', name: '会员月券' },
    ]);
    expect(
      (await world.leaders[0].api.request('DELETE', `/admin/members/coupon-templates/monthly_pack/${tpl.body.id}`))
        .status,
    ).toBe(403);
    expect((await del(`/admin/members/coupon-templates/birthday/${tpl.body.id}`)).status).toBe(404);
    expect((await del(`/admin/members/coupon-templates/nope/${tpl.body.id}`)).status).toBe(400);
    expect((await del(`/admin/members/coupon-templates/monthly_pack/${tpl.body.id}`)).status).toBe(200);
    expect((await world.admin.get('/admin/members/coupon-templates')).body).toEqual([]);
  });
});

describe('campaign edits under concurrency', () => {
  it('a quota cut racing buyers never leaves sold above the quota', async () => {
    const w = await createWorld(server);
    const item = w.campaign.items[1];
    const buyers = await Promise.all(Array.from({ length: 6 }, () => newCustomer(server, w.pickupPointIds[0])));
    const results = await Promise.all([
      ...buyers.map((b) =>
        b.api.post(
          '/orders',
          { pickupPointId: w.pickupPointIds[0], items: [{ campaignItemId: item.id, quantity: 2 }] },
          { 'Idempotency-Key': `q-${b.userId}` },
        ),
      ),
      patch(`/admin/campaigns/${w.campaign.id}/items/${item.id}`, { quota: 5 }, w.admin),
    ]);
    const cut = results[results.length - 1];
    expect([200, 409]).toContain(cut.status);
    const deal = (await w.admin.get(`/admin/campaigns/${w.campaign.id}`)).body.items.find((i: any) => i.id === item.id);
    if (cut.status === 200) {
      expect(deal.quota).toBe(5);
      expect(deal.sold).toBeLessThanOrEqual(5);
    } else {
      expect(cut.body.error.code).toBe('INVALID_STATE');
      expect(deal.quota).toBeUndefined();
    }
    const placed = results.slice(0, -1).filter((r) => r.status === 201).length;
    expect(deal.sold).toBe(placed * 2);
  });

  it('an edit racing the cutoff either lands before it or is refused', async () => {
    const w = await createWorld(server);
    const [cutoff, edit] = await Promise.all([
      w.admin.post(`/admin/campaigns/${w.campaign.id}/cutoff`),
      patch(`/admin/campaigns/${w.campaign.id}`, { title: '改名' }, w.admin),
    ]);
    expect(cutoff.status).toBe(200);
    const after = (await w.admin.get(`/admin/campaigns/${w.campaign.id}`)).body;
    expect(after.status).toBe('cut_off');
    if (edit.status === 200) expect(after.title).toBe('改名');
    else {
      expect(edit.body.error.code).toBe('INVALID_STATE');
      expect(after.title).toBe('今日团购');
    }
  });
});

describe('promotion edits', () => {
  it('edits a full-reduction promotion: tiers, window, category scope', async () => {
    const promo = await world.admin.post('/admin/promotions/full-reduction', {
      name: '满99减15',
      startsAt: inHours(-1),
      endsAt: inHours(24),
      tiers: [{ thresholdFen: 9900, discountFen: 1500 }],
    });
    const id = promo.body.id;
    const res = await patch(`/admin/promotions/full-reduction/${id}`, {
      name: '满199减40',
      tiers: [
        { thresholdFen: 19900, discountFen: 4000 },
        { thresholdFen: 9900, discountFen: 1500 },
      ],
      categories: ['fresh', 'dairy'],
    });
    expect(res.status).toBe(200);
    const listed = () =>
      world.admin.get('/admin/promotions/full-reduction').then((r) => r.body.find((p: any) => p.id === id));
    expect(await listed()).toMatchObject({
      name: '满199减40',
      tiers: [
        { thresholdFen: 9900, discountFen: 1500 },
        { thresholdFen: 19900, discountFen: 4000 },
      ],
      categories: ['fresh', 'dairy'],
    });
    expect((await patch(`/admin/promotions/full-reduction/${id}`, { categories: null })).status).toBe(200);
    expect((await listed()).categories).toBeNull();
    expect((await patch(`/admin/promotions/full-reduction/${id}`, { categories: ['nope'] })).status).toBe(400);
    expect((await patch(`/admin/promotions/full-reduction/${id}`, { endsAt: inHours(-2) })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await patch(`/admin/promotions/full-reduction/${id}`, { tiers: [{ thresholdFen: 1000, discountFen: 1000 }] }))
        .status,
    ).toBe(400);
    expect((await patch(`/admin/promotions/full-reduction/${missing}`, { name: 'x' })).status).toBe(404);
    expect(await listed()).toMatchObject({ name: '满199减40', categories: null });
  });

  it('edits a coupon template; issued coupons keep their validity and the total limit stays above issued', async () => {
    const tpl = await world.admin.post('/admin/coupon-templates', {
      name: '满30减5',
      kind: 'amount',
      thresholdFen: 3000,
      discountFen: 500,
      validFrom: inHours(-1),
      validTo: inHours(48),
      perCustomerLimit: 1,
      totalLimit: 10,
      stackableWithFullReduction: true,
    });
    const id = tpl.body.id;
    const c = await newCustomer(server);
    const d = await newCustomer(server);
    expect(
      (await world.admin.post(`/admin/coupon-templates/${id}/grant`, { userIds: [c.userId, d.userId] })).body,
    ).toEqual({ granted: 2 });
    const listed = () => world.admin.get('/admin/coupon-templates').then((r) => r.body.find((t: any) => t.id === id));

    expect(
      (
        await patch(`/admin/coupon-templates/${id}`, {
          name: '满30减5(新)',
          claimable: true,
          perCustomerLimit: 2,
          validTo: inHours(96),
        })
      ).status,
    ).toBe(200);
    expect(await listed()).toMatchObject({ name: '满30减5(新)', claimable: true, perCustomerLimit: 2 });
    const shorter = await patch(`/admin/coupon-templates/${id}`, { validTo: inHours(24), name: '不会改' });
    expect(shorter.status).toBe(409);
    expect((await patch(`/admin/coupon-templates/${id}`, { validFrom: inHours(-5) })).status).toBe(409);
    const below = await patch(`/admin/coupon-templates/${id}`, { totalLimit: 1 });
    expect(below.status).toBe(409);
    expect(below.body.error.code).toBe('CONFLICT');
    expect((await patch(`/admin/coupon-templates/${id}`, { totalLimit: 2 })).status).toBe(200);
    expect((await patch(`/admin/coupon-templates/${id}`, { validTo: inHours(-3) })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await patch(`/admin/coupon-templates/${id}`, { discountFen: 100 })).status).toBe(400);
    expect((await patch(`/admin/coupon-templates/${missing}`, { name: 'x' })).status).toBe(404);
    expect(await listed()).toMatchObject({ name: '满30减5(新)', totalLimit: 2, issued: 2 });

    // a member coupon keeps no total limit
    expect((await patch(`/admin/coupon-templates/${id}`, { totalLimit: null })).status).toBe(200);
    expect(
      (await world.admin.post('/admin/members/coupon-templates', { templateId: id, purpose: 'birthday' })).status,
    ).toBe(201);
    expect((await patch(`/admin/coupon-templates/${id}`, { totalLimit: 100 })).status).toBe(409);
  });
});
