import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec } from '../src/db/client.js';

/**
 * The console's order search by customer finds the customers first, then their orders: the same
 * orders whether a search names a few customers or more than a hundred (then read from the newest
 * orders), newest first.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

describe('console order search', () => {
  it('finds the orders of customers by phone prefix or part of the name, few or many', async () => {
    const point = world.pickupPointIds[0];
    const a = await newCustomer(server, point, '欧阳明');
    const b = await newCustomer(server, point, '司马光');
    const buy = (c: typeof a) =>
      buyAndPay(server, c.api, {
        pickupPointId: point,
        items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
      });
    const aOrders = [await buy(a), await buy(a)];
    const bOrder = await buy(b);
    const search = async (q: string) => {
      const res = await world.admin.get(`/admin/orders?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res.body.map((o: any) => o.id);
    };
    expect(await search(a.phone)).toEqual([aOrders[1].id, aOrders[0].id]);
    expect(await search('欧阳')).toEqual([aOrders[1].id, aOrders[0].id]);
    expect(await search('马')).toEqual([bOrder.id]);
    expect(await search(bOrder.number)).toEqual([bOrder.id]);
    expect(await search('无此人')).toEqual([]);
    // more than a hundred customers named 测试…: the search reads the newest orders instead
    await exec(
      server.ctx.db,
      sql`insert into users (phone, name, password_hash, invite_code)
        select '170' || lpad(g::text, 8, '0'), '测试' || g, 'none', 'S' || g from generate_series(1, 150) g`,
    );
    await exec(server.ctx.db, sql`update users set name = '测试' || name where id = ${b.userId}`);
    expect(await search('测试')).toEqual([bOrder.id]);
    expect(await search('1')).toEqual([bOrder.id, aOrders[1].id, aOrders[0].id]);
  });
});
