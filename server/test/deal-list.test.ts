import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSecondInstance, startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api } from './client.js';
import { activeCampaigns } from '../src/modules/campaigns/service.js';

/**
 * The shop's deal list kept in memory (decision 021), at the product's setting: sold and
 * remaining at most a second old (times given to the list, no waiting), the same text for every
 * caller, sold out shown at once in the process that learned it and, through the deals channel,
 * in another process on the same database, and an operator's change heard by both.
 */
let server: TestServer;
let second: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer({ dealListRefreshMs: 1000 });
  world = await createWorld(server, { quotas: [undefined, 50] });
  second = await startSecondInstance(server);
});
afterAll(async () => {
  await second?.close();
  await server?.close();
});

const deal = (json: string, itemId: string) =>
  (JSON.parse(json) as any[]).flatMap((c) => c.items).find((i: any) => i.id === itemId);

describe('the deal list', () => {
  it('answers every caller the same text, which is what the database holds', async () => {
    const member = await newCustomer(server, world.pickupPointIds[0]);
    const token = member.api.token!;
    const url = '/api/v1/campaigns/active';
    const anon = await server.app.inject({ method: 'GET', url });
    const signedIn = await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(anon.statusCode).toBe(200);
    expect(anon.headers['content-type']).toMatch(/^application\/json/);
    expect(signedIn.body).toBe(anon.body);
    expect(JSON.parse(anon.body)).toEqual(JSON.parse(JSON.stringify(await activeCampaigns(server.ctx.db))));
  });

  it('serves sold and remaining at most a second old', async () => {
    const list = server.ctx.dealList;
    const itemId = world.campaign.items[1].id;
    const t0 = Date.now();
    list.invalidate();
    const before = deal(await list.json(t0), itemId);
    expect(before).toMatchObject({ quota: 50, remaining: 50 - before.sold });
    const buyer = await newCustomer(server, world.pickupPointIds[0]);
    await buyAndPay(server, buyer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: itemId, quantity: 3 }],
    });
    // within the second: the same answer, from memory
    expect(deal(await list.json(t0 + 999), itemId)).toEqual(before);
    // a second on: read again
    expect(deal(await list.json(t0 + 1000), itemId)).toMatchObject({
      sold: before.sold + 3,
      remaining: before.remaining - 3,
    });
  });

  it('shows a flash deal sold out at once, here and in another process', async () => {
    const now = Date.now();
    const created = await world.admin.post('/admin/campaigns', {
      title: '秒杀',
      startsAt: new Date(now - 60_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        { productId: world.products[2].id, priceFen: 100, quota: 2, saleStartsAt: new Date(now - 1000).toISOString() },
      ],
    });
    expect(created.status).toBe(201);
    const flash = created.body.items[0].id as string;
    // the other process heard of the new campaign
    await vi.waitFor(async () => expect(deal(await second.ctx.dealList.json(now), flash)).toBeDefined());
    expect(deal(await server.ctx.dealList.json(now), flash)).toMatchObject({ remaining: 2 });

    const buyers = await Promise.all([1, 2, 3].map(() => newCustomer(server, world.pickupPointIds[1])));
    const answers = await Promise.all(
      buyers.map((b) =>
        b.api.post('/orders', {
          pickupPointId: world.pickupPointIds[1],
          items: [{ campaignItemId: flash, quantity: 1 }],
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    // the same instant, no read of the counters: this process shows none left at once
    expect(deal(await server.ctx.dealList.json(now), flash)).toMatchObject({ sold: 2, remaining: 0 });
    expect((await new Api(server.app).get('/campaigns/active')).body.flatMap((c: any) => c.items)).toContainEqual(
      expect.objectContaining({ id: flash, remaining: 0 }),
    );
    // and the other process as soon as it hears it
    await vi.waitFor(async () =>
      expect(deal(await second.ctx.dealList.json(now), flash)).toMatchObject({ sold: 2, remaining: 0 }),
    );
  });

  it("shows an operator's change in every process", async () => {
    const itemId = world.campaign.items[0].id;
    const now = Date.now();
    await second.ctx.dealList.json(now);
    const res = await world.admin.request('PATCH', `/admin/products/${world.products[0].id}`, {
      name: '烟台红富士苹果',
    });
    expect(res.status).toBe(200);
    expect(deal(await server.ctx.dealList.json(now), itemId).name).toBe('烟台红富士苹果');
    await vi.waitFor(async () => expect(deal(await second.ctx.dealList.json(now), itemId).name).toBe('烟台红富士苹果'));
  });
});
