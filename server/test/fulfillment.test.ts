import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import type { Api } from './client.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { rows } from '../src/db/client.js';
import { grantRole } from '../src/modules/accounts/service.js';
import { runDueJobs, scheduleJob } from '../src/jobs/runner.js';
import { jobHandlers } from '../src/jobs/index.js';

let server: TestServer;
let world: World;
let warehouse: Api;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  // a warehouse clerk: may receive, list and dispatch, but not cut off
  const clerk = await newCustomer(server, undefined, '仓管');
  await grantRole(server.ctx.db, clerk.userId, 'warehouse');
  warehouse = clerk.api;
});
afterAll(() => server.close());

const P = { apple: 0, greens: 1, milk: 2, eggs: 3 } as const;

/** Another campaign over the world's four products (apple pack 10, greens 1, milk pack 12, eggs 1). */
async function newCampaign(opts: { quota?: number } = {}) {
  const now = Date.now();
  const res = await world.admin.post('/admin/campaigns', {
    title: '团期',
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: world.products.map((p, i) => ({
      productId: p.id,
      priceFen: p.priceFen,
      ...(i === 0 && opts.quota ? { quota: opts.quota } : {}),
    })),
  });
  expect(res.status).toBe(201);
  const items: Record<keyof typeof P, string> = {} as never;
  for (const [name, i] of Object.entries(P))
    items[name as keyof typeof P] = res.body.items.find((it: any) => it.productId === world.products[i].id).id;
  return { id: res.body.id as string, items };
}

type Campaign = Awaited<ReturnType<typeof newCampaign>>;

async function buy(campaign: Campaign, point: number, lines: Partial<Record<keyof typeof P, number>>) {
  const customer = await newCustomer(server, world.pickupPointIds[point]);
  const order = await buyAndPay(server, customer.api, {
    pickupPointId: world.pickupPointIds[point],
    items: Object.entries(lines).map(([name, quantity]) => ({
      campaignItemId: campaign.items[name as keyof typeof P],
      quantity,
    })),
  });
  return { ...customer, order };
}

const pid = (name: keyof typeof P) => world.products[P[name]].id;
const stockOf = async (name: keyof typeof P) =>
  (await world.admin.get(`/admin/inventory?warehouseId=${world.centralWarehouseId}&productId=${pid(name)}`)).body[0]
    ?.quantity ?? 0;
const poLines = (pos: any[]) => Object.fromEntries(pos.flatMap((po) => po.lines.map((l: any) => [l.productId, l])));

describe('cutoff', () => {
  let campaign: Campaign;
  let unpaid: { api: Api; orderId: string; couponId: string };

  beforeAll(async () => {
    campaign = await newCampaign({ quota: 100 });
    expect(
      (
        await world.admin.post('/admin/inventory/adjust', {
          warehouseId: world.centralWarehouseId,
          productId: pid('milk'),
          quantityDelta: 5,
          reason: '盘点入库',
        })
      ).status,
    ).toBe(200);
    await buy(campaign, 0, { apple: 3, milk: 2 });
    await buy(campaign, 1, { apple: 4, greens: 2 });
    await buy(campaign, 2, { milk: 7, eggs: 1 });
    // an unpaid order holding quota and a coupon
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const template = await world.admin.post('/admin/coupon-templates', {
      name: '满20减5',
      kind: 'amount',
      thresholdFen: 2000,
      discountFen: 500,
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validTo: new Date(Date.now() + 86_400_000).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    await world.admin.post(`/admin/coupon-templates/${template.body.id}/grant`, { userIds: [c.userId] });
    const couponId = (await c.api.get('/me/coupons')).body[0].id;
    const order = await c.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: campaign.items.apple, quantity: 5 }],
      couponId,
    });
    expect(order.status).toBe(201);
    unpaid = { api: c.api, orderId: order.body.id, couponId };
  });

  it('is for admins only', async () => {
    expect((await warehouse.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(403);
    expect((await world.admin.post(`/admin/campaigns/00000000-0000-4000-8000-0000000000ff/cutoff`)).status).toBe(404);
  });

  it('refuses to dispatch before the cutoff', async () => {
    const res = await warehouse.post('/admin/sorting-lists/dispatch', {
      campaignId: campaign.id,
      routeId: world.routeIds[0],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });

  it('cancels unpaid orders, buys per supplier in whole packs net of free stock, and sorts per point', async () => {
    const res = await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ purchaseOrders: 2, sortingLists: 3, cancelledUnpaid: 1 });

    // the unpaid order is gone and gave back its quota and its coupon
    expect((await unpaid.api.get(`/orders/${unpaid.orderId}`)).body.status).toBe('cancelled');
    expect((await unpaid.api.get('/me/coupons')).body.find((c: any) => c.id === unpaid.couponId).status).toBe(
      'available',
    );
    const deal = (await world.admin.get(`/admin/campaigns/${campaign.id}`)).body.items.find(
      (i: any) => i.productId === pid('apple'),
    );
    expect(deal.sold).toBe(7);

    const pos = (await warehouse.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    expect(pos).toHaveLength(2);
    expect(pos.map((p: any) => p.supplierId).sort()).toEqual([...world.supplierIds].sort());
    const lines = poLines(pos);
    expect(lines[pid('apple')]).toMatchObject({ demandQuantity: 7, fromStockQuantity: 0, quantity: 10 });
    expect(lines[pid('greens')]).toMatchObject({ demandQuantity: 2, fromStockQuantity: 0, quantity: 2 });
    expect(lines[pid('milk')]).toMatchObject({ demandQuantity: 9, fromStockQuantity: 5, quantity: 12 });
    expect(lines[pid('eggs')]).toMatchObject({ demandQuantity: 1, quantity: 1 });
    expect(
      pos.find((p: any) => p.supplierId === world.supplierIds[1]).lines.every((l: any) => l.productId !== pid('apple')),
    ).toBe(true);
    expect(await stockOf('milk')).toBe(0);

    const lists = (await warehouse.get(`/admin/sorting-lists?campaignId=${campaign.id}`)).body;
    const byPoint = (i: number) =>
      Object.fromEntries(
        lists
          .find((l: any) => l.pickupPointId === world.pickupPointIds[i])
          .lines.map((l: any) => [l.productId, l.quantity]),
      );
    expect(byPoint(0)).toEqual({ [pid('apple')]: 3, [pid('milk')]: 2 });
    expect(byPoint(1)).toEqual({ [pid('apple')]: 4, [pid('greens')]: 2 });
    expect(byPoint(2)).toEqual({ [pid('milk')]: 7, [pid('eggs')]: 1 });
    expect(lists.find((l: any) => l.pickupPointId === world.pickupPointIds[2])).toMatchObject({
      routeId: world.routeIds[1],
      warehouseId: world.gridWarehouseId,
      status: 'pending',
    });
    const manifests = (await warehouse.get(`/admin/delivery-manifests?campaignId=${campaign.id}`)).body;
    expect(manifests.find((m: any) => m.routeId === world.routeIds[0])).toMatchObject({
      stops: 2,
      units: 11,
      status: 'pending',
    });
    expect(manifests.find((m: any) => m.routeId === world.routeIds[1])).toMatchObject({ stops: 1, units: 8 });

    const orders = (await world.admin.get(`/admin/orders?campaignId=${campaign.id}`)).body;
    expect(orders.map((o: any) => o.status).sort()).toEqual(['cancelled', 'closed', 'closed', 'closed']);
  });

  it('changes nothing when run again, and closes the campaign to new orders', async () => {
    const again = await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ purchaseOrders: 2, sortingLists: 3, cancelledUnpaid: 0, ranNow: false });
    expect((await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body).toHaveLength(2);
    expect(await stockOf('milk')).toBe(0);
    const late = await newCustomer(server, world.pickupPointIds[0]);
    const order = await late.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: campaign.items.apple, quantity: 1 }],
    });
    expect(order.status).toBe(409);
    expect(order.body.error.code).toBe('INVALID_STATE');
  });

  it('dispatches a route once the campaign is cut off, idempotently', async () => {
    const body = { campaignId: campaign.id, routeId: world.routeIds[0] };
    const early = await warehouse.post('/admin/sorting-lists/dispatch', body);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');
    for (const po of (await warehouse.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body) {
      const received = await warehouse.post(`/admin/purchase-orders/${po.id}/receive`, {
        // exactly the demand, so no pack-rounding surplus reaches the free stock later tests count on
        lines: po.lines.map((l: any) => ({
          productId: l.productId,
          acceptedQuantity: l.demandQuantity - l.fromStockQuantity,
          rejectedQuantity: 0,
        })),
      });
      expect(received.status).toBe(200);
    }
    const first = await warehouse.post('/admin/sorting-lists/dispatch', body);
    expect(first.status).toBe(200);
    expect(first.body.dispatchedSortingLists).toBe(2);
    const second = await warehouse.post('/admin/sorting-lists/dispatch', body);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ dispatchedSortingLists: 0, dispatchedAt: first.body.dispatchedAt });
    const lists = (await warehouse.get(`/admin/sorting-lists?campaignId=${campaign.id}`)).body;
    expect(lists.filter((l: any) => l.status === 'dispatched').map((l: any) => l.routeId)).toEqual([
      world.routeIds[0],
      world.routeIds[0],
    ]);
    expect(lists.find((l: any) => l.routeId === world.routeIds[1]).status).toBe('pending');
    const manifests = (await warehouse.get(`/admin/delivery-manifests?campaignId=${campaign.id}`)).body;
    expect(manifests.find((m: any) => m.routeId === world.routeIds[0]).status).toBe('dispatched');
    expect(
      (await warehouse.post('/admin/sorting-lists/dispatch', { ...body, routeId: world.campaign.id })).status,
    ).toBe(404);
  });
});

describe('receiving', () => {
  let campaign: Campaign;
  let buyers: Awaited<ReturnType<typeof buy>>[];
  let pos: any[];
  const poOf = (supplier: number) => pos.find((p) => p.supplierId === world.supplierIds[supplier]);

  beforeAll(async () => {
    campaign = await newCampaign();
    // paid in this order: the earliest payers are served first
    buyers = [
      await buy(campaign, 0, { apple: 2, greens: 1 }),
      await buy(campaign, 0, { apple: 3, greens: 2 }),
      await buy(campaign, 1, { apple: 4, eggs: 1 }),
      await buy(campaign, 2, { milk: 1 }),
    ];
    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).body).toMatchObject({
      purchaseOrders: 2,
      sortingLists: 3,
    });
    pos = (await warehouse.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    expect(poLines(pos)[pid('apple')].quantity).toBe(10);
  });

  it('refuses products not on the order and more accepted than ordered, writing nothing', async () => {
    const po = poOf(0);
    const foreign = await warehouse.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: [{ productId: pid('milk'), acceptedQuantity: 1, rejectedQuantity: 0 }],
    });
    expect(foreign.status).toBe(400);
    const tooMany = await warehouse.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: [{ productId: pid('apple'), acceptedQuantity: 11, rejectedQuantity: 0 }],
    });
    expect(tooMany.status).toBe(400);
    expect((await warehouse.get(`/admin/purchase-orders?campaignId=${campaign.id}&status=open`)).body).toHaveLength(2);
    expect((await world.leaders[0].api.post(`/admin/purchase-orders/${po.id}/receive`, { lines: [] })).status).toBe(
      403,
    );
  });

  it('serves the earliest-paid lines and refunds the rest at once', async () => {
    const po = poOf(0);
    const res = await warehouse.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: [
        { productId: pid('apple'), acceptedQuantity: 5, rejectedQuantity: 5 },
        { productId: pid('greens'), acceptedQuantity: 2, rejectedQuantity: 0, expiresOn: '2030-01-02' },
      ],
    });
    expect(res.status).toBe(200);
    const apple = res.body.lines.find((l: any) => l.productId === pid('apple'));
    expect(apple).toMatchObject({
      acceptedQuantity: 5,
      rejectedQuantity: 5,
      allocatedQuantity: 5,
      shortQuantity: 4,
      surplusQuantity: 0,
    });
    expect(apple.expiresOn).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(res.body.lines.find((l: any) => l.productId === pid('greens'))).toMatchObject({
      allocatedQuantity: 2,
      shortQuantity: 1,
      expiresOn: '2030-01-02',
    });
    // apple: 2 + 3 served, the latest payer's 4 refunded in full; greens: 1 served, then 1 of 2
    expect(res.body.refunds).toEqual({ count: 2, amountFen: 4 * 990 + 290 });

    const [first, second, third] = await Promise.all(
      buyers.slice(0, 3).map(async (b) => (await b.api.get(`/orders/${b.order.id}`)).body),
    );
    const line = (o: any, name: keyof typeof P) => o.lines.find((l: any) => l.productId === pid(name));
    expect(line(first, 'apple')).toMatchObject({ status: 'allocated', refundedFen: 0 });
    expect(line(first, 'greens')).toMatchObject({ status: 'allocated', refundedFen: 0 });
    expect(line(second, 'apple')).toMatchObject({ status: 'allocated', refundedFen: 0 });
    expect(line(second, 'greens')).toMatchObject({ status: 'allocated', refundQuantity: 1, refundedFen: 290 });
    const shortApple = line(third, 'apple');
    expect(shortApple).toMatchObject({ status: 'short', refundQuantity: 4 });
    expect(shortApple.refundedFen).toBe(shortApple.paidFen);
    expect(third.refundedFen).toBe(shortApple.paidFen);
    expect(third.status).toBe('closed'); // the eggs are still coming
    expect(second.refundedFen).toBe(290);

    // the customer is told, and the money goes back through the provider
    const told = await rows<{ user_id: string; amount: number }>(
      server.ctx.db,
      sql`
      select payload->>'userId' as user_id, (payload->>'amountFen')::int as amount from outbox
      where topic = 'notify.customer' and payload->>'refundKind' = 'shortage' order by id`,
    );
    const byUser = (a: { user_id: string }, b: { user_id: string }) => a.user_id.localeCompare(b.user_id);
    expect(told.sort(byUser)).toEqual(
      [
        { user_id: buyers[1].userId, amount: 290 },
        { user_id: buyers[2].userId, amount: shortApple.paidFen },
      ].sort(byUser),
    );
    const paidBack = await rows<{ n: number }>(
      server.ctx.db,
      sql`
      select count(*)::int as n from provider_refunds where order_id in (${buyers[1].order.id}, ${buyers[2].order.id})`,
    );
    expect(paidBack[0].n).toBe(2);

    // crates shrink to what will be packed
    const lists = (await warehouse.get(`/admin/sorting-lists?campaignId=${campaign.id}`)).body;
    const at = (i: number, name: keyof typeof P) =>
      lists
        .find((l: any) => l.pickupPointId === world.pickupPointIds[i])
        .lines.find((l: any) => l.productId === pid(name));
    expect(at(0, 'apple')).toMatchObject({ orderedQuantity: 5, quantity: 5 });
    expect(at(0, 'greens')).toMatchObject({ orderedQuantity: 3, quantity: 2 });
    expect(at(1, 'apple')).toMatchObject({ orderedQuantity: 4, quantity: 0 });
    expect(at(1, 'eggs')).toMatchObject({ orderedQuantity: 1, quantity: 1 });
    const manifests = (await warehouse.get(`/admin/delivery-manifests?campaignId=${campaign.id}`)).body;
    expect(manifests.find((m: any) => m.routeId === world.routeIds[0]).units).toBe(5 + 2 + 0 + 1);

    // a lot traces the goods back to the purchase order
    const lots = await rows<{ quantity: number; purchase_order_id: string }>(
      server.ctx.db,
      sql`
      select l.quantity, l.purchase_order_id from lots l where l.product_id = ${pid('apple')} and l.purchase_order_id = ${po.id}`,
    );
    expect(lots).toEqual([{ quantity: 5, purchase_order_id: po.id }]);
  });

  it('receives a purchase order only once', async () => {
    const again = await warehouse.post(`/admin/purchase-orders/${poOf(0).id}/receive`, {
      lines: [{ productId: pid('apple'), acceptedQuantity: 10, rejectedQuantity: 0 }],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const listed = (await warehouse.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body.find(
      (p: any) => p.id === poOf(0).id,
    );
    expect(listed.status).toBe('received');
    expect(listed.lines.find((l: any) => l.productId === pid('apple'))).toMatchObject({
      acceptedQuantity: 5,
      rejectedQuantity: 5,
    });
  });

  it('puts pack-rounding surplus into free stock', async () => {
    const before = await stockOf('milk');
    const res = await warehouse.post(`/admin/purchase-orders/${poOf(1).id}/receive`, {
      lines: [
        { productId: pid('milk'), acceptedQuantity: 12, rejectedQuantity: 0 },
        { productId: pid('eggs'), acceptedQuantity: 1, rejectedQuantity: 0 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.refunds).toEqual({ count: 0, amountFen: 0 });
    expect(res.body.lines.find((l: any) => l.productId === pid('milk'))).toMatchObject({
      allocatedQuantity: 1,
      surplusQuantity: 11,
    });
    expect(await stockOf('milk')).toBe(before + 11);
    const milkBuyer = (await buyers[3].api.get(`/orders/${buyers[3].order.id}`)).body;
    expect(milkBuyer.lines[0].status).toBe('allocated');
  });
});

describe('inventory', () => {
  it('adjusts stock but never below zero', async () => {
    const body = { warehouseId: world.centralWarehouseId, productId: pid('eggs'), reason: '入库' };
    const up = await warehouse.post('/admin/inventory/adjust', { ...body, quantityDelta: 4 });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ quantity: 4 });
    expect(up.body.lotId).toBeTruthy();
    const tooMuch = await warehouse.post('/admin/inventory/adjust', { ...body, quantityDelta: -5 });
    expect(tooMuch.status).toBe(409);
    const down = await warehouse.post('/admin/inventory/adjust', { ...body, quantityDelta: -4 });
    expect(down.body.quantity).toBe(0);
    expect(
      (await warehouse.post('/admin/inventory/adjust', { ...body, productId: world.campaign.id, quantityDelta: 1 }))
        .status,
    ).toBe(404);
    expect((await world.leaders[0].api.get('/admin/inventory')).status).toBe(403);
  });

  it('serves a product entirely from stock without a purchase order', async () => {
    const campaign = await newCampaign();
    await world.admin.post('/admin/inventory/adjust', {
      warehouseId: world.centralWarehouseId,
      productId: pid('eggs'),
      quantityDelta: 3,
      reason: '入库',
    });
    const b = await buy(campaign, 0, { eggs: 2 });
    const res = await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`);
    expect(res.body).toMatchObject({ purchaseOrders: 0, sortingLists: 1, cancelledUnpaid: 0 });
    expect(await stockOf('eggs')).toBe(1);
    expect((await b.api.get(`/orders/${b.order.id}`)).body.lines[0].status).toBe('allocated');
  });
});

describe('the cutoff job', () => {
  it('runs by itself once cutoffAt has passed', async () => {
    const campaign = await newCampaign();
    await buy(campaign, 2, { greens: 1 });
    await scheduleJob(server.ctx.db, {
      name: 'cutoff',
      key: `cutoff:${campaign.id}`,
      runAt: new Date(Date.now() - 1000),
      payload: { campaignId: campaign.id },
    });
    expect(await runDueJobs(server.ctx.db, jobHandlers(server.ctx.config))).toBe(1);
    const job = await rows<{ status: string; last_error: string | null }>(
      server.ctx.db,
      sql`
      select status, last_error from jobs where key = ${`cutoff:${campaign.id}`}`,
    );
    expect(job).toEqual([{ status: 'done', last_error: null }]);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    expect(pos).toHaveLength(1);
    expect(pos[0].lines).toEqual([expect.objectContaining({ productId: pid('greens'), quantity: 1 })]);
    expect((await world.admin.get(`/admin/campaigns/${campaign.id}`)).body.status).toBe('cut_off');
  });
});
