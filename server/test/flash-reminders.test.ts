import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec, rows } from '../src/db/client.js';
import { sendDueReminders } from '../src/modules/campaigns/reminders.js';
import { deliverOutbox } from '../src/modules/outbox/service.js';
import { outboxHandlers } from '../src/modules/outbox/senders.js';

let server: TestServer;
let world: World;
let flashId: string;
let plainId: string;
const now = Date.now();

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const campaign = await world.admin.post('/admin/campaigns', {
    title: '整点秒杀',
    startsAt: new Date(now - 60_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: [
      {
        productId: world.products[3].id,
        priceFen: 990,
        quota: 5,
        perCustomerLimit: 1,
        saleStartsAt: new Date(now + 600_000).toISOString(),
      },
      { productId: world.products[2].id, priceFen: 1290 },
    ],
  });
  expect(campaign.status).toBe(201);
  flashId = campaign.body.items.find((i: any) => i.productId === world.products[3].id).id;
  plainId = campaign.body.items.find((i: any) => i.productId === world.products[2].id).id;
});
afterAll(() => server.close());

const flashMessages = (userId: string) =>
  rows<{ payload: any }>(
    server.ctx.db,
    sql`select payload from outbox where topic = 'notify.customer' and payload->>'kind' = 'flash_open'
    and payload->>'userId' = ${userId}`,
  );

describe('开抢提醒 (flash reminders)', () => {
  it('subscribes once however often the customer taps, and lists and cancels the reminder', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const taps = await Promise.all(
      Array.from({ length: 4 }, () => c.api.post('/me/flash-reminders', { campaignItemId: flashId })),
    );
    expect(taps.map((t) => t.status)).toEqual([201, 201, 201, 201]);
    const listed = (await c.api.get('/me/flash-reminders')).body;
    expect(listed).toEqual([{ campaignItemId: flashId, saleStartsAt: expect.any(String) }]);
    expect((await c.api.request('DELETE', `/me/flash-reminders/${flashId}`)).status).toBe(200);
    expect((await c.api.get('/me/flash-reminders')).body).toEqual([]);
    expect((await c.api.request('DELETE', `/me/flash-reminders/${flashId}`)).body.error.code).toBe('NOT_FOUND');
  });

  it('refuses deals that are no flash deal, unknown ones and bad input, writing nothing', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const plain = await c.api.post('/me/flash-reminders', { campaignItemId: plainId });
    expect(plain.status).toBe(409);
    expect(plain.body.error.code).toBe('INVALID_STATE');
    const unknown = await c.api.post('/me/flash-reminders', { campaignItemId: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
    expect((await c.api.post('/me/flash-reminders', { campaignItemId: 'x' })).status).toBe(400);
    expect((await c.api.get('/me/flash-reminders')).body).toEqual([]);
  });

  it('sends each reminder once when the sale opens, even with two runs at once, and not before', async () => {
    const customers = await Promise.all([0, 1, 2].map(() => newCustomer(server, world.pickupPointIds[0])));
    for (const c of customers)
      expect((await c.api.post('/me/flash-reminders', { campaignItemId: flashId })).status).toBe(201);
    // not open yet: nothing goes out
    await sendDueReminders(server.ctx.db);
    for (const c of customers) expect(await flashMessages(c.userId)).toHaveLength(0);
    // the sale opens
    await exec(
      server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${flashId}`,
    );
    const [a, b] = await Promise.all([sendDueReminders(server.ctx.db), sendDueReminders(server.ctx.db)]);
    expect(a + b).toBe(3);
    expect(await sendDueReminders(server.ctx.db)).toBe(0);
    for (const c of customers) {
      const messages = await flashMessages(c.userId);
      expect(messages).toHaveLength(1);
      expect(messages[0].payload).toMatchObject({
        campaignItemId: flashId,
        name: world.products[3].name,
        priceFen: 990,
      });
      // the reminder is no longer pending
      expect((await c.api.get('/me/flash-reminders')).body).toEqual([]);
    }
    // delivered to the customer's messages
    while ((await deliverOutbox(server.ctx.db, outboxHandlers(server.ctx.config))) > 0);
    const inbox = (await customers[0].api.get('/me/notifications')).body as any[];
    expect(inbox.filter((n) => n.kind === 'flash_open')).toHaveLength(1);
    // once on sale, there is nothing to be reminded of
    const late = await customers[0].api.post('/me/flash-reminders', { campaignItemId: flashId });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ reason: 'opened' });
  });
});
