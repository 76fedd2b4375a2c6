import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { backfillNameKeys } from '../src/modules/search/service.js';
import { COUNTED_SEARCHES } from '../src/modules/search/routes.js';

/**
 * Product search in the shop (decision 025): Chinese substrings and near misses, pinyin and its
 * initials, relevance then sales, deals only where the pickup point can buy them, and the popular
 * searches counted without anything about who searched.
 */
let server: TestServer;
let world: World;
let otherPointId: string;
const ids: Record<string, string> = {};
/** the deal of each product on sale at the world's pickup points */
const deals: Record<string, string> = {};

/** Known data, written out by hand (not computed by the code under test): name → pinyin, initials. */
const PINYIN: Record<string, [string, string]> = {
  红富士苹果: ['hongfushipingguo', 'hfspg'],
  本地小青菜: ['bendixiaoqingcai', 'bdxqc'],
  '鲜牛奶 950ml': ['xianniunai950ml', 'xnn950ml'],
  '土鸡蛋 30枚': ['tujidan30mei', 'tjd30m'],
  '有机西红柿 500g': ['youjixihongshi500g', 'yjxhs500g'],
  西红柿: ['xihongshi', 'xhs'],
  '精品西红柿 1kg': ['jingpinxihongshi1kg', 'jpxhs1kg'],
  精品黄瓜1kg: ['jingpinhuanggua1kg', 'jphg1kg'],
  红心火龙果: ['hongxinhuolongguo', 'hxhlg'],
};
const CATEGORY = {
  fresh: ['果蔬', 'fruit & vegetables'],
  dairy: ['乳品烘焙', 'dairy & bakery'],
  meat_eggs: ['肉禽蛋', 'meat, poultry & eggs'],
} as Record<string, string[]>;

const search = async (query: string, extra = '') => {
  const res = await world.anon.get(`/search?q=${encodeURIComponent(query)}${extra}`);
  expect(res.status).toBe(200);
  return res.body as any[];
};
const names = (hits: any[]) => hits.map((h) => h.name);

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  for (const p of world.products) ids[p.name] = p.id;
  for (const item of world.campaign.items) deals[world.products.find((p) => p.id === item.productId)!.name] = item.id;
  for (const name of ['有机西红柿 500g', '西红柿', '精品西红柿 1kg', '精品黄瓜1kg', '红心火龙果']) {
    const res = await world.admin.post('/admin/products', {
      name,
      category: 'fresh',
      supplierId: world.supplierIds[0],
      unit: '份',
      listPriceFen: 1000,
      costFen: 500,
      temperatureZone: 'ambient',
    });
    expect(res.status).toBe(201);
    ids[name] = res.body.id;
  }
  const now = Date.now();
  const campaign = (items: string[], startsInMs: number) =>
    world.admin.post('/admin/campaigns', {
      title: '搜索测试团',
      startsAt: new Date(now + startsInMs).toISOString(),
      cutoffAt: new Date(now + startsInMs + 36_000_000).toISOString(),
      pickupDate: new Date(now + startsInMs + 86_400_000).toISOString().slice(0, 10),
      items: items.map((name) => ({ productId: ids[name], priceFen: 800 })),
    });
  // on sale now in the world's region
  const today = await campaign(['有机西红柿 500g'], -3_600_000);
  expect(today.status).toBe(201);
  deals['有机西红柿 500g'] = today.body.items[0].id;
  // on sale only from tomorrow: not buyable today
  expect((await campaign(['精品黄瓜1kg'], 86_400_000)).status).toBe(201);
  // on sale now, but in another region with a pickup point of its own
  const elsewhere = await campaign(['红心火龙果'], -3_600_000);
  expect(elsewhere.status).toBe(201);
  deals['红心火龙果'] = elsewhere.body.items[0].id;
  const region = (await one<{ id: string }>(
    server.ctx.db,
    sql`insert into regions (name) values ('西区') returning id`,
  ))!;
  await exec(server.ctx.db, sql`update campaigns set region_id = ${region.id} where id = ${elsewhere.body.id}`);
  const point = await world.admin.post('/admin/pickup-points', {
    name: '西区自提点',
    address: '西区路1号',
    routeId: world.routeIds[0],
  });
  otherPointId = point.body.id;
  await exec(server.ctx.db, sql`update pickup_points set region_id = ${region.id} where id = ${otherPointId}`);
  // sales: deals by their sold count, catalogue products by the last 30 closed days
  const buyer = await newCustomer(server, world.pickupPointIds[0]);
  for (const [name, quantity] of [
    ['有机西红柿 500g', 3],
    ['红富士苹果', 1],
  ] as const)
    await buyAndPay(server, buyer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: deals[name], quantity }],
    });
  const day = (back: number) => sql`(now() at time zone 'Asia/Shanghai')::date - ${back}::int`;
  const firstRegion = sql`(select id from regions order by created_at, id limit 1)`;
  await exec(
    server.ctx.db,
    sql`insert into analytics_day_products (region_id, day, product_id, gmv_fen, quantity, orders) values
      (${firstRegion}, ${day(1)}, ${ids.西红柿}, 0, 40, 1), (${firstRegion}, ${day(2)}, ${ids['精品西红柿 1kg']}, 0, 5, 1),
      (${firstRegion}, ${day(40)}, ${ids['精品西红柿 1kg']}, 0, 1000, 1)`,
  );
});
afterAll(async () => {
  await server?.close();
});

/** Relevance recomputed plainly from the known data (decision 025's tiers). */
function expectedRelevance(name: string, category: string, q: string): number {
  const lower = q.toLowerCase();
  const fields = [name.toLowerCase(), ...CATEGORY[category]];
  if (fields.some((f) => f === lower)) return 6;
  if (fields.some((f) => f.startsWith(lower))) return 5;
  if (fields.some((f) => f.includes(lower))) return 4;
  const chars = [...lower];
  const pairs = [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
  if (/\p{Script=Han}/u.test(q) && pairs.length >= 2) {
    if (pairs.filter((p) => name.includes(p)).length >= Math.ceil(pairs.length / 2)) return 3;
  }
  const [py, initials] = PINYIN[name];
  if (/^[a-z]+$/.test(lower) && (py.includes(lower) || initials.includes(lower))) return 2;
  return 0;
}

const expectedSales: Record<string, number> = { '有机西红柿 500g': 3, 红富士苹果: 1, 西红柿: 40, '精品西红柿 1kg': 5 };
const onSaleAtHome = new Set(['红富士苹果', '本地小青菜', '鲜牛奶 950ml', '土鸡蛋 30枚', '有机西红柿 500g']);
const categoryOf = (name: string) =>
  name.startsWith('鲜牛奶') ? 'dairy' : name.startsWith('土鸡蛋') ? 'meat_eggs' : 'fresh';

/** Every result of a query, walking its pages `limit` at a time. */
async function allPages(q: string, limit: number) {
  const hits: any[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const res = await world.anon.get(
      `/search?q=${encodeURIComponent(q)}&pickupPointId=${world.pickupPointIds[0]}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThanOrEqual(limit);
    hits.push(...res.body);
    cursor = res.nextCursor;
    if (!cursor) return hits;
  }
  throw new Error('too many pages');
}

describe('search', () => {
  it('finds Chinese anywhere in a name, where trigrams alone would not', async () => {
    expect(names(await search('红柿'))).toEqual(
      expect.arrayContaining(['有机西红柿 500g', '西红柿', '精品西红柿 1kg']),
    );
    expect(names(await search('黄瓜'))).toEqual(['精品黄瓜1kg']);
    expect(names(await search('火龙'))).toEqual(['红心火龙果']);
    // by category: 果蔬 is every fresh product's
    expect(names(await search('果蔬'))).toHaveLength(7);
  });

  it('finds a near miss of a Chinese name and ranks it below the real thing', async () => {
    const hits = await search('西红市');
    expect(names(hits).sort()).toEqual(['有机西红柿 500g', '精品西红柿 1kg', '西红柿'].sort());
    expect(hits.every((h) => h.relevance === 3)).toBe(true);
    const exact = await search('西红柿');
    expect(exact[0]).toMatchObject({ name: '西红柿', relevance: 6 });
  });

  it('finds names by full pinyin, a part of it, and initials', async () => {
    const tomatoes = ['有机西红柿 500g', '西红柿', '精品西红柿 1kg'].sort();
    expect(names(await search('xihongshi')).sort()).toEqual(tomatoes);
    expect(names(await search('xihong')).sort()).toEqual(tomatoes);
    expect(names(await search('xhs')).sort()).toEqual(tomatoes);
    expect(names(await search("Xi'Hong Shi")).sort()).toEqual(tomatoes);
    expect(names(await search('hlg'))).toEqual(['红心火龙果']);
    expect(await search('zzzzzz')).toEqual([]);
    // Latin text in a name is found in any case
    expect(names(await search('ML'))).toEqual(['鲜牛奶 950ml']);
    expect(names(await search('牛奶 950ML'))).toEqual(['鲜牛奶 950ml']);
  });

  it('finds a product by its origin (产地), and says where it comes from', async () => {
    expect(await search('寿光')).toEqual([]);
    const res = await world.admin.request('PATCH', `/admin/products/${ids['精品黄瓜1kg']}`, { origin: '山东寿光' });
    expect(res.status).toBe(200);
    const hits = await search('寿光');
    expect(hits.map((h) => [h.name, h.origin, h.relevance])).toEqual([['精品黄瓜1kg', '山东寿光', 4]]);
    expect((await search('山东寿光'))[0]).toMatchObject({ name: '精品黄瓜1kg', relevance: 6 });
    // a product without an origin says nothing about it
    expect((await search('西红柿'))[0]).not.toHaveProperty('origin');
  });

  it('ranks by relevance, then deals on sale, then sales — as recomputed from the known data, page by page', async () => {
    for (const q of ['红', '西红柿', 'xhs', '果', 'hong']) {
      const expected = Object.keys(PINYIN)
        .map((name) => {
          const onSale = onSaleAtHome.has(name);
          return {
            name,
            relevance: expectedRelevance(name, categoryOf(name), q),
            onSale,
            sales: expectedSales[name] ?? 0,
            id: onSale ? deals[name] : ids[name],
          };
        })
        .filter((e) => e.relevance > 0)
        .sort(
          (a, b) =>
            b.relevance - a.relevance ||
            Number(b.onSale) - Number(a.onSale) ||
            b.sales - a.sales ||
            (a.id < b.id ? 1 : -1),
        );
      expect(expected.length).toBeGreaterThan(1);
      const hits = await allPages(q, 2);
      expect(hits.map((h) => [h.name, h.relevance, h.onSale, h.sales])).toEqual(
        expected.map((e) => [e.name, e.relevance, e.onSale, e.sales]),
      );
      expect(hits.map((h) => h.id)).toEqual(expected.map((e) => e.id));
    }
  });

  it("shows as on sale only what the customer's pickup point can buy today", async () => {
    const home = `&pickupPointId=${world.pickupPointIds[0]}`;
    const [tomato] = await search('有机西红柿', home);
    expect(tomato).toMatchObject({ id: deals['有机西红柿 500g'], onSale: true, priceFen: 800, sales: 3 });
    expect(tomato.cutoffAt).toBeTruthy();
    // starts tomorrow: a catalogue product today
    const [cucumber] = await search('黄瓜', home);
    expect(cucumber).toMatchObject({ id: ids.精品黄瓜1kg, onSale: false, listPriceFen: 1000 });
    expect(cucumber.priceFen).toBeUndefined();
    // on sale in another region only
    expect((await search('火龙果', home))[0]).toMatchObject({ id: ids.红心火龙果, onSale: false });
    expect((await search('火龙果', `&pickupPointId=${otherPointId}`))[0]).toMatchObject({
      id: deals.红心火龙果,
      onSale: true,
    });
    expect((await search('苹果', `&pickupPointId=${otherPointId}`))[0]).toMatchObject({
      id: ids.红富士苹果,
      onSale: false,
    });
    // a cut-off campaign's deals are no longer on sale anywhere
    await exec(
      server.ctx.db,
      sql`update campaigns set cutoff_at = now() - interval '1 minute' where id = ${world.campaign.id}`,
    );
    try {
      expect((await search('苹果', home))[0]).toMatchObject({ id: ids.红富士苹果, onSale: false });
    } finally {
      await exec(
        server.ctx.db,
        sql`update campaigns set cutoff_at = now() + interval '10 hours' where id = ${world.campaign.id}`,
      );
    }
  });

  it('finds a renamed product by its new pinyin, and products written without keys after the backfill', async () => {
    const renamed = await world.admin.request('PATCH', `/admin/products/${ids.精品黄瓜1kg}`, { name: '精品青瓜1kg' });
    expect(renamed.status).toBe(200);
    expect(names(await search('qinggua'))).toEqual(['精品青瓜1kg']);
    expect(await search('huanggua')).toEqual([]);
    await world.admin.request('PATCH', `/admin/products/${ids.精品黄瓜1kg}`, { name: '精品黄瓜1kg' });
    await exec(
      server.ctx.db,
      sql`update products set name_pinyin = null, name_initials = null where id = ${ids.西红柿}`,
    );
    expect(names(await search('xhs'))).not.toContain('西红柿');
    expect(await backfillNameKeys(server.ctx.db)).toBe(1);
    expect(names(await search('xhs'))).toContain('西红柿');
    expect(await backfillNameKeys(server.ctx.db)).toBe(0);
  });

  it('refuses bad input with 400 (or 404 for an unknown point)', async () => {
    for (const q of ['', '%20%20', 'x'.repeat(51)]) {
      const res = await world.anon.get(`/search?q=${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await world.anon.get('/search')).status).toBe(400);
    expect((await world.anon.get('/search?q=a&pickupPointId=nope')).status).toBe(400);
    expect((await world.anon.get('/search?q=a&cursor=bm9wZQ')).status).toBe(400);
    expect((await world.anon.get('/search?q=a&limit=201')).status).toBe(400);
    const unknown = await world.anon.get('/search?q=a&pickupPointId=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    // like's own wildcards match only themselves
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect(await search('x'.repeat(50))).toEqual([]);
  });
});

describe('popular searches', () => {
  const searchFrom = (address: string, q: string, count = true) =>
    server.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}${count ? '&count=1' : ''}`,
      remoteAddress: address,
    });

  it('counts submitted searches with results per day, the last 7 days, limited per client', async () => {
    await exec(server.ctx.db, sql`delete from search_counts`);
    for (let i = 0; i < 3; i++) expect((await searchFrom('10.0.0.1', '西红柿')).statusCode).toBe(200);
    await searchFrom('10.0.0.1', ' XHS ');
    await searchFrom('10.0.0.3', 'xhs');
    await searchFrom('10.0.0.1', '黄瓜');
    // not counted: typed but not submitted, nothing found, a later page
    await searchFrom('10.0.0.1', '苹果', false);
    await searchFrom('10.0.0.1', '不存在的东西');
    const first = await world.anon.get('/search?q=果&limit=1');
    await server.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('果')}&limit=1&count=1&cursor=${first.nextCursor}`,
      remoteAddress: '10.0.0.1',
    });
    // one client cannot push a query up: only its first COUNTED_SEARCHES an hour count
    for (let i = 0; i < COUNTED_SEARCHES.limit + 5; i++)
      expect((await searchFrom('10.0.0.2', '鸡蛋')).statusCode).toBe(200);
    const day = (back: number) => sql`(now() at time zone 'Asia/Shanghai')::date - ${back}::int`;
    await exec(
      server.ctx.db,
      sql`insert into search_counts (day, query, count) values (${day(6)}, '牛奶', 2), (${day(7)}, '旧的', 100)`,
    );
    const popular = await world.anon.get('/search/popular');
    expect(popular.status).toBe(200);
    expect(popular.body).toEqual([
      { query: '鸡蛋', count: COUNTED_SEARCHES.limit },
      { query: '西红柿', count: 3 },
      { query: 'xhs', count: 2 },
      { query: '牛奶', count: 2 },
      { query: '黄瓜', count: 1 },
    ]);
    // only the text, the day and a count are kept
    const columns = await server.ctx.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'search_counts' order by column_name`,
    );
    expect((columns as unknown as { rows: { column_name: string }[] }).rows.map((r) => r.column_name)).toEqual([
      'count',
      'day',
      'query',
    ]);
  });

  it('answers at most 10', async () => {
    await exec(
      server.ctx.db,
      sql`insert into search_counts (day, query, count)
        select (now() at time zone 'Asia/Shanghai')::date, 'q' || n, n from generate_series(1, 15) n`,
    );
    const popular = await world.anon.get('/search/popular');
    expect(popular.body).toHaveLength(10);
    expect(popular.body[0]).toEqual({ query: 'q15', count: 15 });
  });
});
