import type { TestServer } from './harness.js';
import type { Api } from './client.js';
import { buyAndPay, newCustomer, type World } from './fixtures.js';

/**
 * Helpers for the leader-side tests (leader, ledger, after-sales): a fresh campaign over the
 * world's products, buying at a point, and the warehouse steps up to dispatch.
 */
export const P = { apple: 0, greens: 1, milk: 2, eggs: 3 } as const;
export type ProductName = keyof typeof P;

export interface Campaign {
  id: string;
  items: Record<ProductName, string>;
}

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function newCampaign(world: World): Promise<Campaign> {
  const now = Date.now();
  const body = await ok(
    world.admin.post('/admin/campaigns', {
      title: '团期',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: world.products.map((p) => ({ productId: p.id, priceFen: p.priceFen })),
    }),
    201,
  );
  const items = {} as Record<ProductName, string>;
  for (const [name, i] of Object.entries(P))
    items[name as ProductName] = body.items.find((it: any) => it.productId === world.products[i].id).id;
  return { id: body.id, items };
}

export async function buy(
  server: TestServer,
  world: World,
  campaign: Campaign,
  point: number,
  lines: Partial<Record<ProductName, number>>,
) {
  const customer = await newCustomer(server, world.pickupPointIds[point]);
  const order = await buyAndPay(server, customer.api, {
    pickupPointId: world.pickupPointIds[point],
    items: Object.entries(lines).map(([name, quantity]) => ({
      campaignItemId: campaign.items[name as ProductName],
      quantity,
    })),
  });
  return { ...customer, order } as { api: Api; userId: string; phone: string; order: any };
}

/** Cut off, receive every purchase order in full and (unless told otherwise) dispatch every route. */
export async function cutOffAndDeliver(world: World, campaignId: string, opts: { dispatch?: boolean } = {}) {
  await ok(world.admin.post(`/admin/campaigns/${campaignId}/cutoff`));
  const pos = await ok(world.admin.get(`/admin/purchase-orders?campaignId=${campaignId}`));
  for (const po of pos) {
    await ok(
      world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) => ({
          productId: l.productId,
          acceptedQuantity: l.quantity,
          rejectedQuantity: 0,
        })),
      }),
    );
  }
  if (opts.dispatch !== false) await dispatchAll(world, campaignId);
}

export async function dispatchAll(world: World, campaignId: string) {
  for (const routeId of world.routeIds)
    await ok(world.admin.post('/admin/sorting-lists/dispatch', { campaignId, routeId }));
}

/** The leader of `point` confirms that everything on the sorting list arrived. */
export async function arriveInFull(world: World, campaignId: string, point: number) {
  const lists = await ok(
    world.admin.get(`/admin/sorting-lists?campaignId=${campaignId}&pickupPointId=${world.pickupPointIds[point]}`),
  );
  const lines = lists[0].lines.map((l: any) => ({ productId: l.productId, receivedQuantity: l.quantity }));
  return ok(world.leaders[point].api.post('/leader/arrivals', { campaignId, lines }));
}
