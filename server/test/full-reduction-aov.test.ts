import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec, rows } from '../src/db/client.js';

/**
 * 满减客单价提升: the full-reduction report's AOV of the window against the same hours of the 4
 * weeks before, checked against a plain recomputation over orders moved to known instants.
 */
let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

describe('full-reduction AOV uplift', () => {
  it('compares the window with the same hours of the 4 weeks before', async () => {
    const now = Date.now();
    const create = async (name: string, startsAt: number, endsAt: number) =>
      (
        await world.admin.post('/admin/promotions/full-reduction', {
          name,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
          tiers: [{ thresholdFen: 5000, discountFen: 500 }],
        })
      ).body.id as string;
    // a running window from 3 hours ago, one of 10 days, one not begun
    const running = await create('满50减5 今晚', now - 3 * HOUR, now + 21 * HOUR);
    const long = await create('满50减5 十天', now - 5 * 24 * HOUR, now + 5 * 24 * HOUR);
    const later = await create('满50减5 下周', now + WEEK, now + WEEK + 4 * HOUR);

    // orders of 1 to 6 eggs, moved to instants in, at the edges of, and outside the shifted windows
    const customer = await newCustomer(server);
    const eggs = world.campaign.items[3].id;
    const at = [
      now - 2 * HOUR, // in the window
      now - 3 * HOUR, // its first instant
      now - 3 * HOUR - WEEK, // a week before: the shift's first instant
      now - 2.5 * HOUR - 2 * WEEK,
      now - 1 * HOUR - 4 * WEEK,
      now - 4 * HOUR - WEEK, // before the shifted window
      now - 2 * HOUR - 5 * WEEK, // five weeks back: not compared
      now - 3 * HOUR - 0.001 * HOUR - 3 * WEEK, // a moment before the third week's shift
    ];
    for (const [i, paidAt] of at.entries()) {
      const order = await buyAndPay(server, customer.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: eggs, quantity: 1 + (i % 6) }],
      });
      await exec(
        server.ctx.db,
        sql`update orders set paid_at = ${new Date(paidAt).toISOString()} where id = ${order.id}`,
      );
    }

    const report = (await world.admin.get('/admin/promotions/full-reduction')).body as any[];
    const byId = (id: string) => report.find((p) => p.id === id);
    expect(byId(long).aov).toBeNull();
    expect(byId(later).aov).toBeNull();

    // the plain recomputation: every paid goods order of the database, by instant
    const orders = await rows<{ paid_at: string; subtotal_fen: number; status: string }>(
      server.ctx.db,
      sql`select paid_at, subtotal_fen, status from orders where kind = 'goods' and paid_at is not null`,
    );
    const asked = Date.parse(byId(running).startsAt);
    const end = Date.now(); // the report's "now" is between `now` and this instant; no order is paid in between
    const inShift = (o: (typeof orders)[number], w: number) => {
      const t = Date.parse(o.paid_at);
      return t >= asked - w * WEEK && t < end - w * WEEK;
    };
    const counted = orders.filter((o) => ['paid', 'closed', 'ready', 'completed'].includes(o.status));
    const inside = counted.filter((o) => inShift(o, 0));
    const before = counted.filter((o) => [1, 2, 3, 4].some((w) => inShift(o, w)));
    const avg = (list: typeof orders) => list.reduce((t, o) => t + o.subtotal_fen, 0) / list.length;
    expect(inside.length).toBe(2);
    expect(before.length).toBe(3);
    expect(byId(running).aov).toEqual({
      windowOrders: 2,
      windowAovFen: Math.round(avg(inside)),
      baselineOrders: 3,
      baselineAovFen: Math.round(avg(before)),
      uplift: expect.closeTo(avg(inside) / avg(before) - 1, 12),
    });
    // the known answer: (1 + 2) eggs over 2 orders against (3 + 4 + 5) over 3
    expect(byId(running).aov.uplift).toBeCloseTo(1.5 / 4 - 1, 12);
  });
});
