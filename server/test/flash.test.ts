import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { jobHandlers } from '../src/jobs/index.js';

let server: TestServer;
let world: World;
let flashItemId: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const now = Date.now();
  const campaign = await world.admin.post('/admin/campaigns', {
    title: '整点秒杀', startsAt: new Date(now - 60_000).toISOString(), cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: [{ productId: world.products[3].id, priceFen: 990, quota: 5, perCustomerLimit: 1, saleStartsAt: new Date(now + 60_000).toISOString() }],
  });
  flashItemId = campaign.body.items[0].id;
});
afterAll(() => server.close());

describe('flash deals (秒杀)', () => {
  const order = (api: any) => api.post('/orders', { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: flashItemId, quantity: 1 }] });

  it('refuses orders before the deal opens', async () => {
    const { api } = await newCustomer(server);
    const res = await order(api);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });

  it('sells exactly the quota to simultaneous buyers, one each, and expires unpaid ones sooner', async () => {
    await exec(server.ctx.db, sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${flashItemId}`);
    const buyers = await Promise.all(Array.from({ length: 24 }, () => newCustomer(server)));
    const results = await Promise.all(buyers.flatMap((b) => [order(b.api), order(b.api)]));
    const sold = results.filter((r) => r.status === 201);
    expect(sold).toHaveLength(5);
    expect(new Set(sold.map((r) => r.body.customer.phone)).size).toBe(5);
    const refused = results.filter((r) => r.status === 409).map((r) => r.body.error.code);
    expect(refused.every((c) => c === 'OUT_OF_STOCK' || c === 'LIMIT_EXCEEDED')).toBe(true);
    for (const r of sold) {
      const minutes = (Date.parse(r.body.expiresAt) - Date.parse(r.body.createdAt)) / 60_000;
      expect(Math.round(minutes)).toBe(server.ctx.config.flashUnpaidExpiryMinutes);
    }
    // a sold-out deal answers at once
    const late = await newCustomer(server);
    expect((await order(late.api)).body.error.code).toBe('OUT_OF_STOCK');
  });

  /** a flash deal that is on sale now */
  async function openFlashDeal(quota: number, perCustomerLimit = 1) {
    const now = Date.now();
    const campaign = await world.admin.post('/admin/campaigns', {
      title: '秒杀 ' + quota, startsAt: new Date(now - 60_000).toISOString(), cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: world.products[3].id, priceFen: 990, quota, perCustomerLimit, saleStartsAt: new Date(now + 60_000).toISOString() }],
    });
    const id: string = campaign.body.items[0].id;
    await exec(server.ctx.db, sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${id}`);
    return id;
  }
  const state = async (id: string) => (await one<{ sold: number; reserved: number; lines: number }>(server.ctx.db, sql`
    select (select sold from campaign_items where id = ${id}) as sold,
      (select count(*)::int from reservations where campaign_item_id = ${id}) as reserved,
      (select coalesce(sum(l.quantity), 0)::int from order_lines l join orders o on o.id = l.order_id
        where l.campaign_item_id = ${id} and o.status <> 'cancelled') as lines`))!;
  const buy = (api: any, id: string, quantity = 1) =>
    api.post('/orders', { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: id, quantity }] });

  it('coalesced reservations sell exactly the quota to 60 simultaneous buyers', async () => {
    const id = await openFlashDeal(20);
    const buyers = await Promise.all(Array.from({ length: 60 }, () => newCustomer(server)));
    const results = await Promise.all(buyers.map((b) => buy(b.api, id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await state(id)).toEqual({ sold: 20, reserved: 0, lines: 20 });
  });

  it('grants a batch in request order, skipping requests that no longer fit', async () => {
    const id = await openFlashDeal(5, 10);
    const buyers = await Promise.all([1, 2, 3].map(() => newCustomer(server)));
    const grants = await Promise.all([4, 3, 1].map((q, i) => server.ctx.reservations.reserve(server.ctx.db, id, buyers[i].userId, q)));
    expect(grants.map((g) => g.kind)).toEqual(['reserved', 'refused', 'reserved']);
    expect(grants[1]).toEqual({ kind: 'refused', remaining: 0 });
    expect(await state(id)).toEqual({ sold: 5, reserved: 2, lines: 0 });
    // unconsumed reservations are crash leftovers once stale: the job gives their units back
    await exec(server.ctx.db, sql`update reservations set created_at = now() - interval '3 minutes' where campaign_item_id = ${id}`);
    await jobHandlers(server.ctx.config)['release-stale-reservations'](server.ctx.db, {});
    expect(await state(id)).toEqual({ sold: 0, reserved: 0, lines: 0 });
  });

  it('keeps fresh reservations from the stale job and refuses an order whose reservation was released', async () => {
    const id = await openFlashDeal(2);
    const { userId } = await newCustomer(server);
    const fresh = await server.ctx.reservations.reserve(server.ctx.db, id, userId, 1);
    expect(fresh.kind).toBe('reserved');
    await jobHandlers(server.ctx.config)['release-stale-reservations'](server.ctx.db, {});
    expect(await state(id)).toEqual({ sold: 1, reserved: 1, lines: 0 });
    await exec(server.ctx.db, sql`update reservations set created_at = now() - interval '3 minutes' where campaign_item_id = ${id}`);
    await jobHandlers(server.ctx.config)['release-stale-reservations'](server.ctx.db, {});
    expect(await state(id)).toEqual({ sold: 0, reserved: 0, lines: 0 });
  });

  it('gives the units back when the order transaction fails after reserving', async () => {
    const id = await openFlashDeal(3);
    const { api } = await newCustomer(server);
    expect((await buy(api, id)).status).toBe(201);
    // the per-customer limit is checked inside the order transaction, after the units were reserved
    const again = await Promise.all([buy(api, id), buy(api, id), buy(api, id, 2)]);
    expect(again.map((r) => r.body.error.code)).toEqual(['LIMIT_EXCEEDED', 'LIMIT_EXCEEDED', 'LIMIT_EXCEEDED']);
    expect(await state(id)).toEqual({ sold: 1, reserved: 0, lines: 1 });
    // an unknown pickup point fails inside the transaction too
    const other = await newCustomer(server);
    const bad = await other.api.post('/orders', { pickupPointId: world.products[0].id, items: [{ campaignItemId: id, quantity: 1 }] });
    expect(bad.status).toBe(400);
    expect(await state(id)).toEqual({ sold: 1, reserved: 0, lines: 1 });
    // the units returned are on sale again: two more buyers get the last two
    const late = await Promise.all([newCustomer(server), newCustomer(server), newCustomer(server)]);
    const results = await Promise.all(late.map((b) => buy(b.api, id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await state(id)).toEqual({ sold: 3, reserved: 0, lines: 3 });
  });

  it('a replayed order (same Idempotency-Key) keeps no second reservation', async () => {
    const id = await openFlashDeal(5);
    const { api } = await newCustomer(server);
    const body = { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: id, quantity: 1 }] };
    const first = await api.post('/orders', body, { 'idempotency-key': 'flash-1' });
    const second = await api.post('/orders', body, { 'idempotency-key': 'flash-1' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(await state(id)).toEqual({ sold: 1, reserved: 0, lines: 1 });
  });

  it('cancelling a flash order returns its unit', async () => {
    const id = await openFlashDeal(1);
    const { api } = await newCustomer(server);
    const placed = await buy(api, id);
    expect(placed.status).toBe(201);
    expect((await api.post(`/orders/${placed.body.id}/cancel`)).status).toBe(200);
    expect(await state(id)).toEqual({ sold: 0, reserved: 0, lines: 0 });
  });
});
