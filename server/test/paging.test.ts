import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { one, rows } from '../src/db/client.js';
import { encodeCursor, keyset, PAGE_MAX } from '../src/lib/pages.js';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import type { Api } from './client.js';

/**
 * Every list pages by a keyset: the test seeds more rows than a page holds, many of them created
 * at the very same instant (and some a microsecond apart, inside one millisecond), follows the
 * X-Next-Cursor header to the end with a small page size, and checks that every row came once, in
 * the order recomputed here from the seeded keys. Rows are seeded with plain SQL: cheap and exact.
 */

let server: TestServer;
let world: World;
let customer: Awaited<ReturnType<typeof newCustomer>>;
let other: Awaited<ReturnType<typeof newCustomer>>;

/** Instants with ties: 4 rows at T1, 1 at T2, 3 at T3 and 2 one microsecond apart (same millisecond). */
const STAMPS = [
  '2026-03-01T08:00:00.000000Z',
  '2026-03-01T08:00:00.000000Z',
  '2026-03-01T08:00:00.000000Z',
  '2026-03-01T08:00:00.000000Z',
  '2026-03-02T09:30:00.000000Z',
  '2026-03-03T10:00:00.500000Z',
  '2026-03-03T10:00:00.500000Z',
  '2026-03-03T10:00:00.500000Z',
  '2026-03-04T11:00:00.123001Z',
  '2026-03-04T11:00:00.123002Z',
];
const T = (i: number) => STAMPS[i];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  customer = await newCustomer(server, world.pickupPointIds[0], '翻页顾客');
  other = await newCustomer(server, world.pickupPointIds[1], '别处顾客');
});
afterAll(() => server.close());

interface Seen {
  ids: string[];
  pages: number;
}

/** Follows the next-page header from the first page to the last; every page holds at most `limit`. */
async function pageThrough(api: Api, path: string, limit: number, idOf: (row: any) => string, items = (b: any) => b) {
  const seen: Seen = { ids: [], pages: 0 };
  let cursor: string | undefined;
  const sep = path.includes('?') ? '&' : '?';
  for (;;) {
    const res = await api.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = items(res.body) as any[];
    expect(page.length).toBeLessThanOrEqual(limit);
    seen.ids.push(...page.map(idOf));
    seen.pages++;
    const next = res.nextCursor;
    if (!res.body || !Array.isArray(res.body)) expect(res.body.nextCursor ?? undefined).toBe(next);
    if (!next) break;
    // a full page precedes every cursor
    expect(page.length).toBe(limit);
    cursor = next;
    expect(seen.pages).toBeLessThan(100);
  }
  return seen;
}

/** Newest first; ties broken by the second key, also descending. */
const newestFirst = <K extends string | number>(a: { at: string; tie: K }, b: { at: string; tie: K }) =>
  a.at < b.at ? 1 : a.at > b.at ? -1 : a.tie < b.tie ? 1 : a.tie > b.tie ? -1 : 0;

describe('orders page by (created_at, seq)', () => {
  let mine: { id: string; at: string; tie: number; point: string }[] = [];
  let others: { id: string; at: string; tie: number; point: string }[] = [];

  beforeAll(async () => {
    const region = await one<{ region_id: string }>(
      server.ctx.db,
      sql`select region_id from campaigns where id = ${world.campaign.id}`,
    );
    const insert = async (userId: string, point: string, at: string) => {
      const r = await one<{ id: string; seq: number }>(
        server.ctx.db,
        sql`insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
          values (${userId}, ${region!.region_id}, ${world.campaign.id}, ${point}, 'paid', 1000, 1000, ${at}::timestamptz,
            ${at}::timestamptz, ${at}::timestamptz)
          returning id, seq`,
      );
      return { id: r!.id, at, tie: r!.seq, point };
    };
    // interleaved, so seq order and time order differ
    for (const i of [3, 0, 9, 5, 1, 8, 6, 2, 4, 7, 0, 5])
      mine.push(await insert(customer.userId, world.pickupPointIds[0], T(i)));
    for (const i of [0, 5, 9]) others.push(await insert(other.userId, world.pickupPointIds[1], T(i)));
    mine = mine.sort(newestFirst);
    others = others.sort(newestFirst);
  });

  it("the shop's /me/orders: 12 orders in pages of 5, each once, newest first", async () => {
    const seen = await pageThrough(customer.api, '/me/orders', 5, (o) => o.id);
    expect(seen.pages).toBe(3);
    expect(seen.ids).toEqual(mine.map((o) => o.id));
  });

  it("the console's /admin/orders: all orders, and with each filter, page after page", async () => {
    const all = [...mine, ...others].sort(newestFirst);
    expect((await pageThrough(world.admin, '/admin/orders', 4, (o) => o.id)).ids).toEqual(all.map((o) => o.id));
    // pickup point
    const atPoint = await pageThrough(
      world.admin,
      `/admin/orders?pickupPointId=${world.pickupPointIds[1]}`,
      2,
      (o) => o.id,
    );
    expect(atPoint).toEqual({ ids: others.map((o) => o.id), pages: 2 });
    // status and campaign
    const paid = await pageThrough(
      world.admin,
      `/admin/orders?status=paid&campaignId=${world.campaign.id}`,
      3,
      (o) => o.id,
    );
    expect(paid.ids).toEqual(all.map((o) => o.id));
    // phone prefix
    const byPhone = await pageThrough(world.admin, `/admin/orders?q=${customer.phone}`, 5, (o) => o.id);
    expect(byPhone.ids).toEqual(mine.map((o) => o.id));
    // date range: from (inclusive) T2 to (exclusive) T8
    const from = T(4);
    const to = T(8);
    const inRange = all.filter((o) => o.at >= from && o.at < to);
    expect(inRange.length).toBeGreaterThan(3);
    const ranged = await pageThrough(
      world.admin,
      `/admin/orders?createdFrom=${encodeURIComponent(from)}&createdTo=${encodeURIComponent(to)}`,
      2,
      (o) => o.id,
    );
    expect(ranged.ids).toEqual(inRange.map((o) => o.id));
  });

  it('an order placed while the console pages does not shift or repeat the following pages', async () => {
    const first = await world.admin.get('/admin/orders?limit=5');
    const cursor = first.nextCursor!;
    const region = await one<{ region_id: string }>(
      server.ctx.db,
      sql`select region_id from campaigns where id = ${world.campaign.id}`,
    );
    // newer than everything, and one tying the last row shown on the first page
    const lastShown = [...mine, ...others].sort(newestFirst)[4];
    const added: string[] = [];
    for (const at of ['2026-03-05T00:00:00.000000Z', lastShown.at]) {
      const r = await one<{ id: string }>(
        server.ctx.db,
        sql`insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, created_at)
          values (${other.userId}, ${region!.region_id}, ${world.campaign.id}, ${world.pickupPointIds[2]}, 'cancelled', 0, 0, now(), ${at}::timestamptz)
          returning id`,
      );
      added.push(r!.id);
    }
    const rest = await pageThrough(world.admin, `/admin/orders?cursor=${cursor}`, 200, (o) => o.id);
    const before = [...mine, ...others].sort(newestFirst).slice(5);
    // the tying order has a higher seq, so it sorts before the cursor's row: never on a later page
    expect(rest.ids).toEqual(before.map((o) => o.id));
    expect(first.body.map((o: any) => o.id)).not.toContain(added[0]);
    await server.ctx.db.execute(sql`delete from orders where id in (${added[0]}, ${added[1]})`);
  });

  it("the leader's orders, of the campaign and of every day, phones masked", async () => {
    const leader = world.leaders[0].api;
    const ofCampaign = await pageThrough(leader, `/leader/orders?campaignId=${world.campaign.id}`, 5, (o) => o.id);
    expect(ofCampaign).toEqual({ ids: mine.map((o) => o.id), pages: 3 });
    const everyDay = await pageThrough(leader, '/leader/orders', 4, (o) => o.id);
    expect(everyDay.ids).toEqual(mine.map((o) => o.id));
    // phones stay masked on every page
    const last = await leader.get(
      `/leader/orders?limit=2&cursor=${encodeCursor(keyset('orders'), [mine[9].at, mine[9].tie])}`,
    );
    expect(last.status).toBe(200);
    expect(last.body.map((o: any) => o.id)).toEqual(mine.slice(10).map((o) => o.id));
    expect(last.body[0].customer.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(last.nextCursor).toBeUndefined();
  });
});

describe('other lists page by (created_at, id)', () => {
  /** Inserts one row per stamp (ids random) and answers the expected order: newest first, id descending on ties. */
  async function seed(insert: (at: string) => Promise<string>, stamps = STAMPS) {
    const made: { id: string; at: string; tie: string }[] = [];
    for (const at of [...stamps, stamps[0], stamps[5]]) made.push({ id: await insert(at), at, tie: '' });
    for (const m of made) m.tie = m.id;
    return made.sort(newestFirst).map((m) => m.id);
  }
  const id = async (q: ReturnType<typeof sql>) => (await one<{ id: string }>(server.ctx.db, q))!.id;

  it("refunds: the console queue and the customer's own", async () => {
    const order = await id(sql`select id from orders where user_id = ${customer.userId} limit 1`);
    const expected = await seed((at) =>
      id(sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen, created_at)
        values (${order}, ${customer.userId}, 'aftersales', 'quality', 'requested', 100, ${at}::timestamptz) returning id`),
    );
    expect(expected.length).toBe(12);
    const queue = await pageThrough(world.admin, '/admin/refunds?status=requested', 5, (r) => r.id);
    expect(queue).toEqual({ ids: expected, pages: 3 });
    expect((await pageThrough(world.admin, '/admin/refunds', 4, (r) => r.id)).ids).toEqual(expected);
    expect((await pageThrough(customer.api, '/me/refunds', 3, (r) => r.id)).ids).toEqual(expected);
  });

  it("withdrawals: the leader's and the console's", async () => {
    const leaderId = world.leaders[0].leaderId;
    const expected = await seed((at) =>
      id(
        sql`insert into withdrawals (leader_id, amount_fen, status, created_at) values (${leaderId}, 100, 'paid', ${at}::timestamptz) returning id`,
      ),
    );
    // another leader's withdrawal is in the console's list only
    const elsewhere = await id(
      sql`insert into withdrawals (leader_id, amount_fen, status, created_at) values (${world.leaders[1].leaderId}, 100, 'paid', ${T(5)}::timestamptz) returning id`,
    );
    expect((await pageThrough(world.leaders[0].api, '/leader/withdrawals', 5, (w) => w.id)).ids).toEqual(expected);
    const all = await pageThrough(world.admin, '/admin/withdrawals?status=paid', 5, (w) => w.id);
    expect(all.ids.length).toBe(13);
    expect(all.ids.filter((w) => w !== elsewhere)).toEqual(expected);
    expect(new Set(all.ids).size).toBe(13);
  });

  it('users in the console (searched by name)', async () => {
    let n = 0;
    const expected = await seed((at) => {
      n++;
      return id(sql`insert into users (phone, name, password_hash, invite_code, created_at)
        values (${`1770000${String(n).padStart(4, '0')}`}, ${`翻页用户${n}`}, 'x', ${`PG${n}`}, ${at}::timestamptz) returning id`);
    });
    const seen = await pageThrough(world.admin, `/admin/users?q=${encodeURIComponent('翻页用户')}`, 5, (u) => u.id);
    expect(seen).toEqual({ ids: expected, pages: 3 });
  });

  it('purchase orders', async () => {
    const supplier = world.supplierIds[0];
    const expected = await seed((at) =>
      id(sql`insert into purchase_orders (campaign_id, supplier_id, warehouse_id, created_at)
        values (gen_random_uuid(), ${supplier}, ${world.centralWarehouseId}, ${at}::timestamptz) returning id`),
    );
    expect((await pageThrough(world.admin, '/admin/purchase-orders', 5, (p) => p.id)).ids).toEqual(expected);
  });

  it("sorting lists: a campaign's, in the warehouse's order (route, then pickup point by name)", async () => {
    // 12 lists on the two routes, points named so that names tie and sort apart from their ids
    const campaignId = await id(sql`select gen_random_uuid() as id`);
    const made: { id: string; route: string; point: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const routeId = world.routeIds[i % 2];
      const point = `分拣点${String.fromCharCode(65 + (i % 5))}`; // A–E: several points share a name
      const pointId = await id(sql`insert into pickup_points (region_id, name, address, route_id)
        select region_id, ${point}, '路1号', ${routeId} from pickup_points where id = ${world.pickupPointIds[0]} returning id`);
      const listId = await id(sql`insert into sorting_lists (campaign_id, warehouse_id, route_id, pickup_point_id)
        values (${campaignId}, ${world.gridWarehouseId}, ${routeId}, ${pointId}) returning id`);
      const route = (await one<{ name: string }>(server.ctx.db, sql`select name from routes where id = ${routeId}`))!
        .name;
      made.push({ id: listId, route, point });
    }
    const by = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = made
      .sort((a, b) => by(a.route, b.route) || by(a.point, b.point) || by(a.id, b.id))
      .map((m) => m.id);
    const seen = await pageThrough(world.admin, `/admin/sorting-lists?campaignId=${campaignId}`, 5, (l) => l.id);
    expect(seen).toEqual({ ids: expected, pages: 3 });
  });

  it('points history: {balance, entries} with nextCursor as well as the header', async () => {
    let n = 0;
    const expected = await seed((at) => {
      n++;
      return id(sql`insert into points_entries (user_id, delta_points, reason, business_key, created_at)
        values (${customer.userId}, ${n}, 'review', ${`paging:${n}`}, ${at}::timestamptz) returning id`);
    });
    const byId = new Map(
      (
        await rows<{ id: string; delta_points: number }>(
          server.ctx.db,
          sql`select id, delta_points from points_entries where user_id = ${customer.userId}`,
        )
      ).map((r) => [r.id, r.delta_points]),
    );
    const seen = await pageThrough(
      customer.api,
      '/me/points',
      5,
      (e) => String(e.deltaPoints),
      (b) => b.entries,
    );
    expect(seen).toEqual({ ids: expected.map((e) => String(byId.get(e))), pages: 3 });
    const first = await customer.api.get('/me/points?limit=5');
    expect(first.body.balance).toBe(0);
    expect(typeof first.body.nextCursor).toBe('string');
  });

  it('notifications', async () => {
    const expected = await seed((at) =>
      id(sql`insert into notifications (user_id, kind, payload, created_at)
        values (${customer.userId}, 'paging', '{}'::jsonb, ${at}::timestamptz) returning id`),
    );
    expect((await pageThrough(customer.api, '/me/notifications', 5, (n) => n.id)).ids).toEqual(expected);
  });

  it('campaigns, by cutoff', async () => {
    const region = (await one<{ region_id: string }>(
      server.ctx.db,
      sql`select region_id from campaigns where id = ${world.campaign.id}`,
    ))!.region_id;
    const expected = await seed((at) =>
      id(sql`insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status)
        values (${region}, '翻页团期', ${at}::timestamptz - interval '1 day', ${at}::timestamptz, '2026-03-05', 'cut_off') returning id`),
    );
    const seen = await pageThrough(world.admin, '/admin/campaigns', 5, (c) => c.id);
    expect(seen.ids.length).toBe(expected.length + 1);
    expect(new Set(seen.ids).size).toBe(seen.ids.length);
    // the test world's own campaign closes later than all of them: it comes first
    expect(seen.ids[0]).toBe(world.campaign.id);
    expect(seen.ids.slice(1)).toEqual(expected);
  });

  it('members, by the end of their membership', async () => {
    let n = 0;
    const expected = await seed(
      (at) => {
        n++;
        return id(sql`insert into users (phone, name, password_hash, invite_code, membership_until)
          values (${`1771000${String(n).padStart(4, '0')}`}, ${`会员${n}`}, 'x', ${`PM${n}`}, ${at}::timestamptz) returning id`);
      },
      STAMPS.map((s) => s.replace('2026', '2036')),
    );
    // and one whose membership has ended: not listed
    await id(sql`insert into users (phone, name, password_hash, invite_code, membership_until)
      values ('17710009999', '过期会员', 'x', 'PMX', now() - interval '1 day') returning id`);
    const seen = await pageThrough(world.admin, '/admin/members', 5, (m) => m.userId);
    expect(seen).toEqual({ ids: expected, pages: 3 });
  });

  it("the leader's commission entries page by their id", async () => {
    const leaderId = world.leaders[2].leaderId;
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await one<{ id: number }>(
        server.ctx.db,
        sql`insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key)
          values (${leaderId}, 'available', 1, 'settlement', ${`paging:${i}`}) returning id`,
      );
      ids.push(r!.id);
    }
    const seen = await pageThrough(
      world.leaders[2].api,
      '/leader/commissions',
      3,
      (e) => e.id,
      (b) => b.entries,
    );
    expect(seen).toEqual({ ids: ids.reverse().map(String), pages: 3 });
  });
});

describe('bad page requests are refused, nothing else happens', () => {
  const refused = async (path: string) => {
    const res = await world.admin.get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    return res;
  };

  it('a cursor that is not one', async () => {
    await refused('/admin/orders?cursor=not-a-cursor');
    await refused('/admin/orders?cursor=%2B%2F%3D%3D'); // "+/==": not base64url
    await refused(`/admin/orders?cursor=${Buffer.from('{"l":"orders"').toString('base64url')}`);
    await refused(`/admin/orders?cursor=${Buffer.from('null').toString('base64url')}`);
    await refused(`/admin/orders?cursor=${'A'.repeat(400)}`);
  });

  it("another list's cursor, a wrong key and a date that does not exist", async () => {
    const orders = keyset('orders');
    const refunds = keyset('refunds');
    await refused(
      `/admin/orders?cursor=${encodeCursor(refunds, ['2026-03-01T08:00:00.000000Z', crypto.randomUUID()])}`,
    );
    await refused(`/admin/orders?cursor=${encodeCursor(orders, ['2026-03-01T08:00:00.000000Z'])}`);
    await refused(`/admin/orders?cursor=${encodeCursor(orders, ['2026-13-01T08:00:00.000000Z', 1])}`);
    await refused(`/admin/orders?cursor=${encodeCursor(orders, ['2026-02-30T08:00:00.000000Z', 1])}`);
    await refused(`/admin/orders?cursor=${encodeCursor(orders, ['2026-03-01T08:00:00Z', 1])}`);
    await refused(`/admin/orders?cursor=${encodeCursor(orders, ['2026-03-01T08:00:00.000000Z', -1])}`);
    await refused(`/admin/orders?cursor=${encodeCursor(orders, ['2026-03-01T08:00:00.000000Z', 2 ** 60])}`);
    await refused(`/admin/refunds?cursor=${encodeCursor(refunds, ['2026-03-01T08:00:00.000000Z', 'not-a-uuid'])}`);
    const res = await refused(`/admin/users?cursor=${encodeCursor(orders, ['2026-03-01T08:00:00.000000Z', 1])}`);
    expect(res.body.error.details).toEqual({ field: 'cursor' });
  });

  it(`a page size above ${PAGE_MAX} or below 1 is refused, ${PAGE_MAX} is served`, async () => {
    await refused(`/admin/orders?limit=${PAGE_MAX + 1}`);
    await refused('/admin/orders?limit=0');
    await refused('/admin/orders?limit=2.5');
    const max = await world.admin.get(`/admin/orders?limit=${PAGE_MAX}`);
    expect(max.status).toBe(200);
    const none = await customer.api.get(`/me/points?limit=${PAGE_MAX + 1}`);
    expect(none.status).toBe(400);
  });

  it('without a limit a page holds the default, 50', async () => {
    const res = await world.admin.get('/admin/orders');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThanOrEqual(50);
  });
});
