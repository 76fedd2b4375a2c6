import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, notifyPaid, type World } from './fixtures.js';
import { one, rows } from '../src/db/client.js';
import { runDueJobs, scheduleJob } from '../src/jobs/runner.js';
import { jobHandlers } from '../src/jobs/index.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

async function newCampaign() {
  const now = Date.now();
  const res = await world.admin.post('/admin/campaigns', {
    title: '团期',
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: world.products.map((p) => ({ productId: p.id, priceFen: p.priceFen })),
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, items: (res.body.items as { id: string }[]).map((i) => i.id) };
}

type Campaign = Awaited<ReturnType<typeof newCampaign>>;

/** Paid orders at every point over every product, and one unpaid order. */
async function fill(campaign: Campaign) {
  for (let i = 0; i < 3; i++) {
    const c = await newCustomer(server, world.pickupPointIds[i]);
    await buyAndPay(server, c.api, {
      pickupPointId: world.pickupPointIds[i],
      items: campaign.items.map((id, k) => ({ campaignItemId: id, quantity: k + 1 })),
    });
  }
  const late = await newCustomer(server, world.pickupPointIds[0]);
  expect(
    (
      await late.api.post('/orders', {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: campaign.items[0], quantity: 1 }],
      })
    ).status,
  ).toBe(201);
}

async function documents(campaignId: string) {
  return (await one<{ pos: number; po_lines: number; lists: number; list_lines: number; manifests: number }>(
    server.ctx.db,
    sql`
    select (select count(*) from purchase_orders where campaign_id = ${campaignId})::int as pos,
      (select count(*) from purchase_order_lines l join purchase_orders p on p.id = l.purchase_order_id where p.campaign_id = ${campaignId})::int as po_lines,
      (select count(*) from sorting_lists where campaign_id = ${campaignId})::int as lists,
      (select count(*) from sorting_list_lines l join sorting_lists s on s.id = l.sorting_list_id where s.campaign_id = ${campaignId})::int as list_lines,
      (select count(*) from delivery_manifests where campaign_id = ${campaignId})::int as manifests`,
  ))!;
}

describe('simultaneous cutoffs', () => {
  it('builds one set of documents when the endpoint is called several times at once', async () => {
    const campaign = await newCampaign();
    await fill(campaign);
    await world.admin.post('/admin/inventory/adjust', {
      warehouseId: world.centralWarehouseId,
      productId: world.products[2].id,
      quantityDelta: 4,
      reason: '入库',
    });
    const results = await Promise.all([1, 2, 3].map(() => world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.ranNow)).toHaveLength(1);
    for (const r of results) expect(r.body).toMatchObject({ purchaseOrders: 2, sortingLists: 3 });
    expect(results.map((r) => r.body.cancelledUnpaid).sort()).toEqual([0, 0, 1]);
    expect(await documents(campaign.id)).toEqual({ pos: 2, po_lines: 4, lists: 3, list_lines: 12, manifests: 2 });
    // the free stock was taken once: milk demand 3 × 3 = 9, 4 from stock, 5 → one pack of 12
    const milk = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body
      .flatMap((p: any) => p.lines)
      .find((l: any) => l.productId === world.products[2].id);
    expect(milk).toMatchObject({ demandQuantity: 9, fromStockQuantity: 4, quantity: 12 });
    const stock = (await world.admin.get(`/admin/inventory?productId=${world.products[2].id}`)).body;
    expect(stock[0].quantity).toBe(0);
  });

  it('runs the job once when two runners and the endpoint race for it', async () => {
    const campaign = await newCampaign();
    await fill(campaign);
    await scheduleJob(server.ctx.db, {
      name: 'cutoff',
      key: `cutoff:${campaign.id}`,
      runAt: new Date(Date.now() - 1000),
      payload: { campaignId: campaign.id },
    });
    const handlers = jobHandlers(server.ctx.config);
    const [a, b, manual] = await Promise.all([
      runDueJobs(server.ctx.db, handlers),
      runDueJobs(server.ctx.db, handlers),
      world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`),
    ]);
    expect(a + b).toBe(1);
    expect(manual.status).toBe(200);
    const job = await one<{ status: string; attempts: number }>(
      server.ctx.db,
      sql`
      select status, attempts from jobs where key = ${`cutoff:${campaign.id}`}`,
    );
    expect(job).toEqual({ status: 'done', attempts: 1 });
    expect(await documents(campaign.id)).toEqual({ pos: 2, po_lines: 4, lists: 3, list_lines: 12, manifests: 2 });
    const cancelled = await rows(
      server.ctx.db,
      sql`select 1 from orders where campaign_id = ${campaign.id} and status = 'cancelled'`,
    );
    expect(cancelled).toHaveLength(1);
  });

  it('counts every order paid before the cutoff and none after it', async () => {
    const campaign = await newCampaign();
    const customers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => newCustomer(server, world.pickupPointIds[i % 3])),
    );
    const body = (i: number) => ({
      pickupPointId: world.pickupPointIds[i % 3],
      items: [{ campaignItemId: campaign.items[1], quantity: 1 }],
    });
    // orders and payments keep arriving while the cutoff runs
    const [, cut] = await Promise.all([
      Promise.all(
        customers.map(async (c, i) => {
          const order = await c.api.post('/orders', body(i));
          if (order.status !== 201) return;
          const pay = await c.api.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
          if (pay.status === 200)
            await notifyPaid(server, {
              paymentId: pay.body.paymentId,
              orderId: order.body.id,
              amountFen: pay.body.amountFen,
            });
        }),
      ),
      (async () => {
        await new Promise((r) => setTimeout(r, 15));
        return world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`);
      })(),
    ]);
    expect(cut.status).toBe(200);
    const statuses = await rows<{ status: string; n: number }>(
      server.ctx.db,
      sql`
      select status, count(*)::int as n from orders where campaign_id = ${campaign.id} group by status order by status`,
    );
    expect(statuses.filter((s) => !['closed', 'cancelled'].includes(s.status))).toEqual([]);
    const closedUnits = statuses.find((s) => s.status === 'closed')?.n ?? 0;
    const sorted = await one<{ units: number }>(
      server.ctx.db,
      sql`
      select coalesce(sum(l.ordered_quantity), 0)::int as units from sorting_list_lines l join sorting_lists s on s.id = l.sorting_list_id
      where s.campaign_id = ${campaign.id}`,
    );
    expect(sorted!.units).toBe(closedUnits);
  });
});

describe('simultaneous receiving', () => {
  it('receives a purchase order once and refunds each shortage once', async () => {
    const campaign = await newCampaign();
    await fill(campaign);
    await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`);
    const po = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body.find(
      (p: any) => p.supplierId === world.supplierIds[0],
    );
    // apple: 3 buyers × 1 unit ordered as one pack of 10; only 1 accepted → the two later payers are refunded
    const body = {
      lines: po.lines.map((l: any) => ({
        productId: l.productId,
        acceptedQuantity: l.productId === world.products[0].id ? 1 : l.quantity,
        rejectedQuantity: 0,
      })),
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => world.admin.post(`/admin/purchase-orders/${po.id}/receive`, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const refunds = await rows<{ n: number; fen: number }>(
      server.ctx.db,
      sql`
      select count(*)::int as n, sum(r.amount_fen)::int as fen from refunds r join orders o on o.id = r.order_id
      where o.campaign_id = ${campaign.id} and r.kind = 'shortage'`,
    );
    expect(refunds).toEqual([{ n: 2, fen: 2 * world.products[0].priceFen }]);
  });
});
