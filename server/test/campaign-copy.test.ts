import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { one, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';

/**
 * "Copy to tomorrow": one call makes tomorrow's campaign with the same deals, prices, quotas and
 * targets and the region's times; a second copy for the same day is refused, also when requests race.
 */
let server: TestServer;
let world: World;

/** Shanghai has no daylight saving: local = UTC + 8 h, counted by hand here. */
const SHANGHAI_MS = 8 * 3_600_000;
function expectedTimes(now: number, cutoff: string) {
  const localToday = new Date(now + SHANGHAI_MS).toISOString().slice(0, 10);
  const dayStartUtc = Date.parse(`${localToday}T00:00:00Z`) + 86_400_000 - SHANGHAI_MS;
  const [h, m] = cutoff.split(':').map(Number);
  return {
    startsAt: new Date(dayStartUtc).toISOString(),
    cutoffAt: new Date(dayStartUtc + (h * 60 + m) * 60_000).toISOString(),
    pickupDate: new Date(dayStartUtc + SHANGHAI_MS + 86_400_000).toISOString().slice(0, 10),
  };
}

async function countCampaigns() {
  return (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from campaigns`))!.n;
}

let source: any;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  // the city's cutoff is 20:30: tomorrow's copy closes then
  expect(
    (await world.admin.request('PATCH', `/admin/regions/${DEFAULT_REGION_ID}`, { cutoffTime: '20:30' })).status,
  ).toBe(200);
  const [p0, p1, p2] = world.products;
  const res = await world.admin.post('/admin/campaigns', {
    title: '晚市鲜菜团',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    cutoffAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    pickupDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    routeIds: [world.routeIds[0]],
    pickupPointIds: [world.pickupPointIds[2]],
    items: [
      { productId: p0.id, priceFen: 1290, memberPriceFen: 1190, quota: 40, perCustomerLimit: 3 },
      { productId: p1.id, priceFen: 990, groupTiers: [{ minBuyers: 3, priceFen: 890 }] },
      { productId: p2.id, priceFen: 500 },
    ],
  });
  expect(res.status).toBe(201);
  source = (await world.admin.get(`/admin/campaigns/${res.body.id}`)).body;
});
afterAll(() => server?.close());

describe('copy a campaign to tomorrow', () => {
  it("makes tomorrow's campaign with the same deals and targets and the region's times", async () => {
    const before = Date.now();
    const res = await world.admin.post(`/admin/campaigns/${source.id}/copy-to-tomorrow`, {});
    expect(res.status).toBe(201);
    const copy = res.body;
    expect(copy.id).not.toBe(source.id);
    const want = expectedTimes(before, '20:30');
    // the call may straddle midnight in Shanghai only in theory; the day is the one of the call
    expect({ startsAt: copy.startsAt, cutoffAt: copy.cutoffAt, pickupDate: copy.pickupDate }).toEqual(want);
    expect(copy.title).toBe(source.title);
    expect([...copy.routeIds].sort()).toEqual([...source.routeIds].sort());
    expect([...copy.pickupPointIds].sort()).toEqual([...source.pickupPointIds].sort());
    const deal = (d: any) => ({
      productId: d.productId,
      priceFen: d.priceFen,
      memberPriceFen: d.memberPriceFen,
      quota: d.quota,
      perCustomerLimit: d.perCustomerLimit,
      groupTiers: d.groupTiers,
      sold: d.sold,
    });
    expect(copy.items.map(deal)).toEqual(source.items.map((d: any) => ({ ...deal(d), sold: 0 })));
    // its cutoff is scheduled like any campaign's
    const job = await one<{ run_at: unknown }>(
      server.ctx.db,
      sql`select run_at from jobs where key = ${`cutoff:${copy.id}`}`,
    );
    expect(new Date(String(job!.run_at)).toISOString()).toBe(want.cutoffAt);
  });

  it('refuses a second copy for the same day with 409 and writes nothing', async () => {
    const n = await countCampaigns();
    const again = await world.admin.post(`/admin/campaigns/${source.id}/copy-to-tomorrow`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(again.body.error.details.campaignId).toBeTruthy();
    expect(await countCampaigns()).toBe(n);
    // nor through the copy: tomorrow already has this line's campaign
    const copy = await one<{ id: string }>(
      server.ctx.db,
      sql`select id from campaigns where copied_from = ${source.id}`,
    );
    const viaCopy = await world.admin.post(`/admin/campaigns/${copy!.id}/copy-to-tomorrow`, {});
    expect(viaCopy.status).toBe(409);
    expect(viaCopy.body.error.details.campaignId).toBe(copy!.id);
    expect(await countCampaigns()).toBe(n);
  });

  it('lets exactly one of simultaneous copies through', async () => {
    const other = await world.admin.post('/admin/campaigns', {
      title: '同时复制团',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      cutoffAt: new Date(Date.now() + 3_600_000).toISOString(),
      pickupDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: world.products[0].id, priceFen: 800 }],
    });
    expect(other.status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => world.admin.post(`/admin/campaigns/${other.body.id}/copy-to-tomorrow`, {})),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const copies = await rows<{ id: string }>(
      server.ctx.db,
      sql`select id from campaigns where copied_from = ${other.body.id}`,
    );
    expect(copies).toHaveLength(1);
    const items = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from campaign_items where campaign_id = ${copies[0].id}`,
    );
    expect(items!.n).toBe(1);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.details.campaignId).toBe(copies[0].id);
  });

  it('answers 404 for an unknown campaign and 401 without a session', async () => {
    const missing = await world.admin.post(
      '/admin/campaigns/00000000-0000-4000-8000-000000000000/copy-to-tomorrow',
      {},
    );
    expect(missing.status).toBe(404);
    const anon = await world.anon.post(`/admin/campaigns/${source.id}/copy-to-tomorrow`, {});
    expect(anon.status).toBe(401);
  });
});
