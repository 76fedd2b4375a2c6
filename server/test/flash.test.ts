import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { onPostgres, startServerProcess, type ServerProcess } from './workers.js';

/** An order as GET /orders/{id} answers it, less the leader to call that the order page shows. */
const withoutLeader = ({ leader: _leader, ...order }: Record<string, unknown>) => order;
let server: TestServer;
let world: World;
let flashItemId: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const now = Date.now();
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
        saleStartsAt: new Date(now + 60_000).toISOString(),
      },
    ],
  });
  flashItemId = campaign.body.items[0].id;
});
afterAll(() => server.close());

describe('flash deals (秒杀)', () => {
  const order = (api: any) =>
    api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: flashItemId, quantity: 1 }],
    });

  it('refuses orders before the deal opens', async () => {
    const { api } = await newCustomer(server);
    const res = await order(api);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });

  it('sells exactly the quota to simultaneous buyers, one each, and expires unpaid ones sooner', async () => {
    await exec(
      server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${flashItemId}`,
    );
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
      title: '秒杀 ' + quota,
      startsAt: new Date(now - 60_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        {
          productId: world.products[3].id,
          priceFen: 990,
          quota,
          perCustomerLimit,
          saleStartsAt: new Date(now + 60_000).toISOString(),
        },
      ],
    });
    const id: string = campaign.body.items[0].id;
    await exec(
      server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${id}`,
    );
    return id;
  }
  const state = async (id: string) =>
    (await one<{ sold: number; lines: number; holdings: number }>(
      server.ctx.db,
      sql`
    select (select sold from campaign_items where id = ${id}) as sold,
      (select coalesce(sum(l.quantity), 0)::int from order_lines l join orders o on o.id = l.order_id
        where l.campaign_item_id = ${id} and o.status <> 'cancelled') as lines,
      (select coalesce(sum(quantity), 0)::int from customer_item_holdings where campaign_item_id = ${id}) as holdings`,
    ))!;
  const buy = (
    api: any,
    id: string,
    quantity = 1,
    extra: Record<string, unknown> = {},
    headers?: Record<string, string>,
  ) =>
    api.post(
      '/orders',
      { pickupPointId: world.pickupPointIds[0], items: [{ campaignItemId: id, quantity }], ...extra },
      headers,
    );

  it('the batched lane sells exactly the quota to 60 simultaneous buyers', async () => {
    const id = await openFlashDeal(20);
    const buyers = await Promise.all(Array.from({ length: 60 }, () => newCustomer(server)));
    const results = await Promise.all(buyers.map((b) => buy(b.api, id)));
    const sold = results.filter((r) => r.status === 201);
    expect(sold).toHaveLength(20);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await state(id)).toEqual({ sold: 20, lines: 20, holdings: 20 });
    // the batch that took the last unit told the sold-out memory, and the refusals say none are left
    expect(server.ctx.soldOut.find([id])).toBe(id);
    expect(refused.every((r) => r.body.error.details.remaining === 0)).toBe(true);
    // what the lane answered is what was stored (the order page adds the leader to call)
    const stored = await buyers[results.indexOf(sold[0])].api.get(`/orders/${sold[0].body.id}`);
    expect(withoutLeader(stored.body)).toEqual(sold[0].body);
  });

  it('buyers deciding in one batch are each priced and named as themselves (members, quantities)', async () => {
    const now = Date.now();
    const campaign = await world.admin.post('/admin/campaigns', {
      title: '会员秒杀',
      startsAt: new Date(now - 60_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        {
          productId: world.products[3].id,
          priceFen: 990,
          memberPriceFen: 890,
          quota: 100,
          perCustomerLimit: 2,
          saleStartsAt: new Date(now + 60_000).toISOString(),
        },
      ],
    });
    const id: string = campaign.body.items[0].id;
    await exec(
      server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${id}`,
    );
    const buyers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => newCustomer(server, undefined, `秒杀顾客${i}`)),
    );
    const member = (i: number) => i % 3 === 0;
    for (const [i, b] of buyers.entries()) {
      if (member(i))
        await exec(
          server.ctx.db,
          sql`update users set membership_until = now() + interval '1 year' where id = ${b.userId}`,
        );
    }
    const results = await Promise.all(buyers.map((b, i) => buy(b.api, id, 1 + (i % 2))));
    for (const [i, r] of results.entries()) {
      expect(r.status).toBe(201);
      const quantity = 1 + (i % 2);
      expect(r.body.customer).toEqual({ name: `秒杀顾客${i}`, phone: buyers[i].phone });
      expect(r.body.lines[0].quantity).toBe(quantity);
      expect(r.body.totalFen).toBe((member(i) ? 890 : 990) * quantity);
      expect(withoutLeader((await buyers[i].api.get(`/orders/${r.body.id}`)).body)).toEqual(r.body);
    }
  });

  it('a sold-out deal is told to any signed-in buyer at once; without a session the answer is sign in', async () => {
    const id = await openFlashDeal(1);
    const { api } = await newCustomer(server);
    expect((await buy(api, id)).status).toBe(201);
    expect((await buy((await newCustomer(server)).api, id)).body.error.code).toBe('OUT_OF_STOCK');
    // every route decides who may call it before it reads the request (decision 014)
    const stranger = await buy(api.as('not-a-session'), id);
    expect([stranger.status, stranger.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const anonymous = await buy(api.as(undefined), id);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    // a deal with units left still wants a real sign-in
    const open = await openFlashDeal(3);
    expect((await buy(api.as('not-a-session'), open)).status).toBe(401);
    expect(await state(open)).toEqual({ sold: 0, lines: 0, holdings: 0 });
  });

  /**
   * A second server process on the same PostgreSQL database, with its own lane and caches (PGlite
   * lives inside one process, so these tests run on PostgreSQL only).
   */
  let secondProcess: ServerProcess | undefined;
  afterAll(() => secondProcess?.stop());
  async function withSecondProcess(
    run: (
      viaSecond: (token: string, id: string, quantity: number) => Promise<{ status: number; body: any }>,
    ) => Promise<void>,
  ) {
    secondProcess ??= await startServerProcess(server.databaseUrl!);
    const second = secondProcess;
    await run((token, id, quantity) =>
      second.request('POST', '/orders', token, {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: id, quantity }],
      }),
    );
  }

  it.skipIf(!onPostgres)(
    'two processes, each with its own lane, and ordinary orders together never oversell (PostgreSQL: two server processes)',
    async () => {
      const id = await openFlashDeal(15, 2);
      await withSecondProcess(async (viaSecond) => {
        const buyers = await Promise.all(Array.from({ length: 30 }, () => newCustomer(server)));
        // points make an order ineligible for the lane: it takes its unit in the ordinary statement
        const withPoints = buyers.slice(20).map(async (b) => {
          await exec(server.ctx.db, sql`update users set points_balance = 500 where id = ${b.userId}`);
          return buy(b.api, id, 1, { pointsToUse: 100 });
        });
        const results = await Promise.all([
          ...buyers.slice(0, 10).map((b) => buy(b.api, id, 2)),
          ...buyers.slice(10, 20).map((b) => viaSecond(b.api.token!, id, 2)),
          ...withPoints,
        ]);
        const units = results.filter((r) => r.status === 201).reduce((n, r) => n + r.body.lines[0].quantity, 0);
        expect(units).toBeGreaterThanOrEqual(14); // every unit but one can go; a request for 2 may not fit the last one
        expect(units).toBeLessThanOrEqual(15);
        const refused = new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code));
        expect([...refused]).toEqual(['OUT_OF_STOCK']);
        expect(await state(id)).toEqual({ sold: units, lines: units, holdings: units });
      });
    },
  );

  it.skipIf(!onPostgres)(
    'one buyer in both processes at once still gets no more than the limit (PostgreSQL: two server processes)',
    async () => {
      // each process's batch may read the buyer's holding before the other's write: the write
      // itself must refuse to grow a holding past the limit
      const id = await openFlashDeal(100, 2);
      await withSecondProcess(async (viaSecond) => {
        const buyers = await Promise.all(Array.from({ length: 8 }, () => newCustomer(server)));
        const results = await Promise.all(
          buyers.flatMap((b) => [buy(b.api, id, 2), viaSecond(b.api.token!, id, 2), buy(b.api, id, 1)]),
        );
        for (const [i, b] of buyers.entries()) {
          const own = results.slice(3 * i, 3 * i + 3);
          const units = own.filter((r) => r.status === 201).reduce((n, r) => n + r.body.lines[0].quantity, 0);
          expect(units, `buyer ${b.phone}`).toBeGreaterThanOrEqual(1);
          expect(units, `buyer ${b.phone}`).toBeLessThanOrEqual(2);
          expect(own.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'LIMIT_EXCEEDED')).toBe(true);
        }
        const sold = results.filter((r) => r.status === 201).reduce((n, r) => n + r.body.lines[0].quantity, 0);
        expect(await state(id)).toEqual({ sold, lines: sold, holdings: sold });
      });
    },
  );

  it('holds the per-customer limit across simultaneous requests of one buyer', async () => {
    const id = await openFlashDeal(10, 2);
    const { api } = await newCustomer(server);
    const results = await Promise.all([buy(api, id), buy(api, id), buy(api, id), buy(api, id, 2)]);
    const units = results.filter((r) => r.status === 201).reduce((n, r) => n + r.body.lines[0].quantity, 0);
    expect(units).toBe(2);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'LIMIT_EXCEEDED')).toBe(true);
    expect(await state(id)).toEqual({ sold: 2, lines: 2, holdings: 2 });
    // an unknown pickup point is refused before anything is taken
    const other = await newCustomer(server);
    const bad = await other.api.post('/orders', {
      pickupPointId: world.products[0].id,
      items: [{ campaignItemId: id, quantity: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(await state(id)).toEqual({ sold: 2, lines: 2, holdings: 2 });
  });

  it('a double tap with one Idempotency-Key makes one order; a later retry replays it, even once sold out', async () => {
    const id = await openFlashDeal(1);
    const { api } = await newCustomer(server);
    const headers = { 'idempotency-key': 'flash-1' };
    const [first, second] = await Promise.all([buy(api, id, 1, {}, headers), buy(api, id, 1, {}, headers)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(await state(id)).toEqual({ sold: 1, lines: 1, holdings: 1 });
    // the deal is sold out now; someone else is told so, the retry still gets its order
    const late = await newCustomer(server);
    expect((await buy(late.api, id)).body.error.code).toBe('OUT_OF_STOCK');
    const retry = await buy(api, id, 1, {}, headers);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    // the same key for another request is a conflict
    expect((await buy(api, id, 2, {}, headers)).body.error.code).toBe('CONFLICT');
  });

  it('cancelling a flash order returns its unit', async () => {
    const id = await openFlashDeal(1);
    const { api } = await newCustomer(server);
    const placed = await buy(api, id);
    expect(placed.status).toBe(201);
    expect((await api.post(`/orders/${placed.body.id}/cancel`)).status).toBe(200);
    expect(await state(id)).toEqual({ sold: 0, lines: 0, holdings: 0 });
  });
});
