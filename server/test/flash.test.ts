import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec } from '../src/db/client.js';

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
});
