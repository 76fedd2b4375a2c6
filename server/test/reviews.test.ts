import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, one } from '../src/db/client.js';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api } from './client.js';

/**
 * Reviews people can read (decision 058): a line at a time with photos, points once per order,
 * the deal page's list and average, moderation with a reason, and the report per product and
 * supplier, each figure against a plain recomputation from the rows.
 */

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterAll(async () => {
  await server?.close();
});

/** a customer's paid order of the first two deals, then completed (picked up) */
async function completedOrder(name: string) {
  const c = await newCustomer(server, world.pickupPointIds[0], name);
  const order = await buyAndPay(server, c.api, {
    pickupPointId: world.pickupPointIds[0],
    items: world.campaign.items.slice(0, 2).map((i) => ({ campaignItemId: i.id, quantity: 1 })),
  });
  return { ...c, order };
}
const complete = (orderId: string) =>
  exec(server.ctx.db, sql`update orders set status = 'completed' where id = ${orderId}`);

async function photo(api: Api, color: string) {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: color } })
    .png()
    .toBuffer();
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/me/review-photos',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'image/png' },
    payload: bytes,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; url: string; thumbUrl: string };
}

const countOf = async (table: string) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;

describe('reviews', () => {
  it('reviews a completed order line by line with photos; the first review earns the points, once', async () => {
    const c = await completedOrder('王小丫');
    const [line1, line2] = c.order.lines as { id: string; productId: string }[];
    const notYet = await c.api.post(`/orders/${c.order.id}/review`, { rating: 5 });
    expect([notYet.status, notYet.body.error.code]).toEqual([409, 'INVALID_STATE']);
    await complete(c.order.id);
    const before = (await c.api.get('/me')).body.pointsBalance;

    const pic = await photo(c.api, '#2a9d8f');
    expect(pic.url).toMatch(/^\/media\/reviews\/.+\.webp$/);
    const first = await c.api.post(`/orders/${c.order.id}/review`, {
      rating: 4,
      text: '很新鲜',
      orderLineId: line1.id,
      photoIds: [pic.id],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ pointsAwarded: 20, growthAwarded: expect.any(Number) });
    expect((await c.api.get('/me')).body.pointsBalance).toBe(before + 20);
    const again = await c.api.post(`/orders/${c.order.id}/review`, { rating: 1, orderLineId: line1.id });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);

    // the rest of the order at once: no more points
    const rest = await c.api.post(`/orders/${c.order.id}/review`, { rating: 5 });
    expect(rest.status).toBe(201);
    expect(rest.body.reviewIds).toHaveLength(1);
    expect(rest.body.pointsAwarded).toBe(0);
    expect((await c.api.get('/me')).body.pointsBalance).toBe(before + 20);
    expect((await c.api.post(`/orders/${c.order.id}/review`, { rating: 5 })).status).toBe(409);
    const byLine = (await c.api.get(`/orders/${c.order.id}/reviews`)).body;
    expect(byLine.map((r: any) => [r.orderLineId, r.rating, r.photos.length]).sort()).toEqual(
      [
        [line1.id, 4, 1],
        [line2.id, 5, 0],
      ].sort(),
    );
    expect((await (await newCustomer(server)).api.get(`/orders/${c.order.id}/reviews`)).status).toBe(404);

    const shown = (await new Api(server.app).get(`/products/${line1.productId}/reviews`)).body;
    const mine = shown.find((r: any) => r.id === first.body.reviewIds[0]);
    expect(mine).toMatchObject({ rating: 4, text: '很新鲜', name: '王*' });
    expect(mine.photos.map((p: any) => p.id)).toEqual([pic.id]);
    expect(JSON.stringify(shown)).not.toContain(c.phone);
    expect(line2.productId).not.toBe(line1.productId);
  });

  it('refuses bad photos and bad input with nothing written', async () => {
    const c = await completedOrder('李四');
    await complete(c.order.id);
    const other = await newCustomer(server, undefined, '别人');
    const theirs = await photo(other.api, '#e76f51');
    const line = c.order.lines[0].id as string;
    const reviews = await countOf('product_reviews');
    const points = (await c.api.get('/me')).body.pointsBalance;
    for (const [body, code] of [
      [{ rating: 5, orderLineId: line, photoIds: [theirs.id] }, 'VALIDATION_FAILED'],
      [{ rating: 5, photoIds: [(await photo(c.api, '#264653')).id] }, 'VALIDATION_FAILED'],
      [{ rating: 6, orderLineId: line }, 'VALIDATION_FAILED'],
      [{ rating: 3, orderLineId: world.campaign.items[0].id }, 'NOT_FOUND'],
      [
        {
          rating: 5,
          orderLineId: line,
          photoIds: Array.from({ length: 7 }, () => '00000000-0000-4000-8000-000000000001'),
        },
        'VALIDATION_FAILED',
      ],
    ] as const) {
      const res = await c.api.post(`/orders/${c.order.id}/review`, body);
      expect([res.body.error?.code]).toEqual([code]);
    }
    expect(await countOf('product_reviews')).toBe(reviews);
    expect((await c.api.get('/me')).body.pointsBalance).toBe(points);
    const notImage = await server.app.inject({
      method: 'POST',
      url: '/api/v1/me/review-photos',
      headers: { authorization: `Bearer ${c.api.token}`, 'content-type': 'image/png' },
      payload: Buffer.from('not a picture'),
    });
    expect([notImage.statusCode, notImage.json().error.code]).toEqual([400, 'UNSUPPORTED_IMAGE']);
    // someone else's order is not found
    expect((await other.api.post(`/orders/${c.order.id}/review`, { rating: 5 })).status).toBe(404);
  });

  it('keeps one review of a line when the same review arrives five times at once', async () => {
    const c = await completedOrder('赵六');
    await complete(c.order.id);
    const line = c.order.lines[0].id as string;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => c.api.post(`/orders/${c.order.id}/review`, { rating: 5, orderLineId: line })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 201)[0].body.pointsAwarded).toBe(20);
    const n = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from product_reviews where order_line_id = ${line}`,
    );
    expect(n!.n).toBe(1);
  });

  it("shows the deal's average and stars as the rows say, hides a review with a reason and shows it again", async () => {
    const productId = world.campaign.items[0].productId;
    for (const [name, rating] of [
      ['周一', 1],
      ['吴二', 3],
      ['郑三', 5],
    ] as const) {
      const c = await completedOrder(name);
      await complete(c.order.id);
      const line = c.order.lines.find((l: { productId: string }) => l.productId === productId);
      expect((await c.api.post(`/orders/${c.order.id}/review`, { rating, orderLineId: line.id })).status).toBe(201);
    }
    const plain = async () => {
      const all = await server.ctx.db.execute(
        sql`select rating from product_reviews where product_id = ${productId} and hidden_at is null`,
      );
      const ratings = (all as unknown as { rows: { rating: number }[] }).rows.map((r) => r.rating);
      return {
        count: ratings.length,
        average: Math.round((ratings.reduce((t, r) => t + r, 0) / ratings.length) * 10) / 10,
        stars: [1, 2, 3, 4, 5].map((s) => ratings.filter((r) => r === s).length),
      };
    };
    const anon = new Api(server.app);
    expect(await anon.get(`/products/${productId}/review-summary`).then((r) => r.body)).toMatchObject(await plain());

    const list = (await world.admin.get(`/admin/reviews?productId=${productId}&maxRating=1`)).body;
    expect(list.length).toBeGreaterThanOrEqual(1);
    const low = list[0];
    expect(low.rating).toBe(1);
    expect(low.customerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const hidden = await world.admin.post(`/admin/reviews/${low.id}/hide`, { reason: '含广告' });
    expect(hidden.body).toMatchObject({ hidden: true, hiddenReason: '含广告' });
    expect((await world.admin.post(`/admin/reviews/${low.id}/hide`, { reason: '再藏' })).status).toBe(409);
    expect((await world.admin.post(`/admin/reviews/${low.id}/hide`, { reason: '' })).status).toBe(400);
    const summary = (await anon.get(`/products/${productId}/review-summary`)).body;
    expect(summary).toMatchObject(await plain());
    expect((await anon.get(`/products/${productId}/reviews`)).body.map((r: any) => r.id)).not.toContain(low.id);
    expect((await world.admin.get('/admin/reviews?hidden=true')).body.map((r: any) => r.id)).toEqual([low.id]);

    const shownAgain = await world.admin.post(`/admin/reviews/${low.id}/show`);
    expect(shownAgain.body).toMatchObject({ hidden: false, hiddenReason: null });
    expect((await world.admin.post(`/admin/reviews/${low.id}/show`)).status).toBe(409);
    expect((await anon.get(`/products/${productId}/reviews`)).body.map((r: any) => r.id)).toContain(low.id);
  });

  it('reports reviews per product and per supplier as a plain recomputation does, and as .xlsx', async () => {
    const hiddenOne = (await world.admin.get('/admin/reviews')).body[0];
    await world.admin.post(`/admin/reviews/${hiddenOne.id}/hide`, { reason: '辱骂' });
    const all = (await server.ctx.db.execute(
      sql`select r.product_id, p.name, r.supplier_id, s.name as supplier, r.rating, r.hidden_at is not null as hidden,
          exists (select 1 from review_photos ph where ph.review_id = r.id) as photos
        from product_reviews r join products p on p.id = r.product_id left join suppliers s on s.id = r.supplier_id`,
    )) as unknown as {
      rows: {
        product_id: string;
        name: string;
        supplier_id: string;
        supplier: string;
        rating: number;
        hidden: boolean;
        photos: boolean;
      }[];
    };
    for (const by of ['product', 'supplier'] as const) {
      const keyOf = (r: (typeof all.rows)[number]) => (by === 'product' ? r.product_id : r.supplier_id);
      const expected = [...new Set(all.rows.map(keyOf))].map((key) => {
        const mine = all.rows.filter((r) => keyOf(r) === key);
        return {
          key,
          name: by === 'product' ? mine[0].name : mine[0].supplier,
          reviews: mine.length,
          average: Math.round((mine.reduce((t, r) => t + r.rating, 0) / mine.length) * 100) / 100,
          low: mine.filter((r) => r.rating <= 2).length,
          withPhotos: mine.filter((r) => r.photos).length,
          hidden: mine.filter((r) => r.hidden).length,
        };
      });
      const report = (await world.admin.get(`/admin/reviews/report?by=${by}&days=7`)).body;
      const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
      expect([...report].sort(byKey)).toEqual(expected.sort(byKey));
      const file = await server.app.inject({
        method: 'GET',
        url: `/api/v1/admin/reviews/report.xlsx?by=${by}`,
        headers: { authorization: `Bearer ${world.admin.token}` },
      });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });
});
