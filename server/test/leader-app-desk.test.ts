import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { buy, cutOffAndDeliver, newCampaign, P } from './leader-flow.js';

/** The leader app's read views: GET /leader/me, /leader/campaigns, /leader/sorting-list. */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

describe('leader desk views', () => {
  it('shows the leader their own point', async () => {
    const res = await world.leaders[1].api.get('/leader/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      leaderId: world.leaders[1].leaderId,
      commissionBps: 1000,
      name: '团长2',
      phone: world.leaders[1].phone,
      pickupPoint: { id: world.pickupPointIds[1], name: '幸福里2号自提点', address: '幸福路2号' },
    });
  });

  it('is for leaders only', async () => {
    const customer = await newCustomer(server, world.pickupPointIds[0]);
    for (const path of ['/leader/me', '/leader/campaigns', `/leader/sorting-list?campaignId=${world.campaign.id}`]) {
      expect((await customer.api.get(path)).status).toBe(403);
      expect((await world.anon.get(path)).status).toBe(401);
    }
  });

  it('lists open campaigns and past ones with orders at my point, with the sorting list for arrival', async () => {
    const past = await newCampaign(world);
    await buy(server, world, past, 0, { apple: 2, greens: 1 });
    await buy(server, world, past, 0, { apple: 1 });
    await buy(server, world, past, 2, { milk: 1 });
    // Before cutoff there is no sorting list yet.
    expect((await world.leaders[0].api.get(`/leader/sorting-list?campaignId=${past.id}`)).status).toBe(404);
    await cutOffAndDeliver(world, past.id);

    const mine = (await world.leaders[0].api.get('/leader/campaigns')).body;
    const pastRow = mine.find((c: any) => c.id === past.id);
    expect(pastRow).toMatchObject({ status: 'cut_off', orders: 2, sortingListStatus: 'dispatched' });
    expect(mine.find((c: any) => c.id === world.campaign.id)).toMatchObject({
      status: 'open',
      orders: 0,
      sortingListStatus: null,
    });

    // Point 1 had no orders in the past campaign: it sees only the open one.
    const other = (await world.leaders[1].api.get('/leader/campaigns')).body;
    expect(other.map((c: any) => c.id)).toEqual([world.campaign.id]);

    const list = (await world.leaders[0].api.get(`/leader/sorting-list?campaignId=${past.id}`)).body;
    expect(list.status).toBe('dispatched');
    const apple = list.lines.find((l: any) => l.productId === world.products[P.apple].id);
    expect(apple).toMatchObject({
      productName: '红富士苹果',
      unit: '斤',
      orderedQuantity: 3,
      expectedQuantity: 3,
      receivedQuantity: null,
    });

    const arrived = await world.leaders[0].api.post('/leader/arrivals', {
      campaignId: past.id,
      lines: [{ productId: apple.productId, receivedQuantity: 2, damagedQuantity: 1 }],
    });
    expect(arrived.status).toBe(200);
    const after = (await world.leaders[0].api.get(`/leader/sorting-list?campaignId=${past.id}`)).body;
    expect(after.lines.find((l: any) => l.productId === apple.productId)).toMatchObject({
      receivedQuantity: 2,
      damagedQuantity: 1,
      missingQuantity: 0,
    });
    // Another point's list is not mine.
    expect((await world.leaders[1].api.get(`/leader/sorting-list?campaignId=${past.id}`)).status).toBe(404);
  });
});
