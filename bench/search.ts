/**
 * Shop search benchmark: 20,000 products with Chinese names (有机/精品/本地… + 西红柿/黄瓜/土豆… + 500g/1kg…),
 * 200 of them on sale today at the pickup point, and a mix of queries — Chinese substrings, near misses
 * (misspellings), full and partial pinyin, initials — each timed through the search service as the
 * route calls it (one statement), on PostgreSQL and on PGlite. Targets: p95 < 50 ms on PostgreSQL,
 * < 150 ms on PGlite.
 *
 *   npm run bench:search [-- --db postgres|pglite|both --products 20000 --rounds 20]
 */
import { sql } from 'drizzle-orm';
import { exec, migrate, one, openDatabase, type Database } from '../server/src/db/client.js';
import { createCampaign } from '../server/src/modules/campaigns/service.js';
import { createPickupPoint, createRoute, createWarehouse } from '../server/src/modules/network/service.js';
import { createSupplier } from '../server/src/modules/catalog/service.js';
import { nameKeys } from '../server/src/modules/search/keys.js';
import { searchProducts, searchSql } from '../server/src/modules/search/service.js';
import { freshPostgres, percentile } from './lib.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const PRODUCTS = Number(arg('products', '20000'));
const ROUNDS = Number(arg('rounds', '20'));
const DBS = arg('db', 'both') === 'both' ? ['postgres', 'pglite'] : [arg('db', 'both')];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'linli_bench_search';

const PREFIXES = ['有机', '精品', '本地', '新鲜', '农家', '特级', '散装', '进口', '生态', '当季', '', ''];
const PRODUCE = [
  ['西红柿', 'fresh'],
  ['黄瓜', 'fresh'],
  ['土豆', 'fresh'],
  ['胡萝卜', 'fresh'],
  ['大白菜', 'fresh'],
  ['小青菜', 'fresh'],
  ['菠菜', 'fresh'],
  ['西兰花', 'fresh'],
  ['茄子', 'fresh'],
  ['青椒', 'fresh'],
  ['洋葱', 'fresh'],
  ['红富士苹果', 'fresh'],
  ['香蕉', 'fresh'],
  ['砂糖橘', 'fresh'],
  ['火龙果', 'fresh'],
  ['猕猴桃', 'fresh'],
  ['葡萄', 'fresh'],
  ['西瓜', 'fresh'],
  ['土鸡蛋', 'meat_eggs'],
  ['五花肉', 'meat_eggs'],
  ['鸡胸肉', 'meat_eggs'],
  ['排骨', 'meat_eggs'],
  ['鲜牛奶', 'dairy'],
  ['酸奶', 'dairy'],
  ['全麦面包', 'dairy'],
  ['大米', 'grain_oil'],
  ['花生油', 'grain_oil'],
  ['生抽酱油', 'grain_oil'],
  ['挂面', 'grain_oil'],
  ['基围虾', 'seafood'],
  ['带鱼', 'seafood'],
  ['鲈鱼', 'seafood'],
  ['薯片', 'snacks'],
  ['坚果礼盒', 'snacks'],
  ['抽纸', 'daily'],
  ['洗衣液', 'daily'],
] as const;
/** Where produce comes from (产地): most products name one, as the catalogue's do. */
const ORIGINS = [
  '山东寿光',
  '海南三亚',
  '新疆吐鲁番',
  '云南昆明',
  '黑龙江五常',
  '内蒙古锡林郭勒',
  '广西百色',
  '浙江舟山',
  '',
];
const SIZES = ['500g', '1kg', '2.5kg', '5kg', '250g', '6个装', '1盒', '2斤', '10枚', '1箱'];

/** The query mix, by kind: what shoppers type. */
const QUERIES: Record<string, string[]> = {
  'Chinese substring': ['西红柿', '红柿', '黄瓜', '土豆', '苹果', '有机西兰花', '牛奶', '虾'],
  origin: ['寿光', '新疆', '舟山'],
  'near miss': ['西红市', '胡罗卜', '火龙国', '猕猴挑'],
  'full pinyin': ['xihongshi', 'huanggua', 'tudou', 'niunai'],
  'partial pinyin': ['xihong', 'huluo', 'mihou'],
  initials: ['xhs', 'hg', 'td', 'hlb', 'yjxhs'],
};

function productName(n: number): { name: string; category: string } {
  // a deterministic spread of every combination, with a serial so names stay distinct-looking
  const prefix = PREFIXES[n % PREFIXES.length];
  const [produce, category] = PRODUCE[Math.floor(n / PREFIXES.length) % PRODUCE.length];
  const size = SIZES[Math.floor(n / (PREFIXES.length * PRODUCE.length)) % SIZES.length];
  const batch = Math.floor(n / (PREFIXES.length * PRODUCE.length * SIZES.length));
  return { name: `${prefix}${produce} ${size}${batch ? ` ${batch + 1}号` : ''}`, category };
}

async function open(kind: string): Promise<Database> {
  if (kind === 'postgres') return openDatabase({ url: await freshPostgres(ADMIN_URL, DB_NAME), poolSize: 4 });
  return openDatabase({});
}

async function seed(database: Database) {
  const db = database.db;
  await migrate(database);
  const supplier = await createSupplier(db, { name: '绿源果蔬合作社' });
  const central = await createWarehouse(db, { name: '中心仓', kind: 'central' });
  const grid = await createWarehouse(db, { name: '网格仓', kind: 'grid', parentId: central.id });
  const route = await createRoute(db, { name: '一线', warehouseId: grid.id });
  const point = await createPickupPoint(db, { name: '幸福里自提点', address: '幸福路1号', routeId: route.id });
  const t0 = Date.now();
  for (let from = 0; from < PRODUCTS; from += 2000) {
    const batch = [];
    for (let n = from; n < Math.min(PRODUCTS, from + 2000); n++) {
      const { name, category } = productName(n);
      const keys = nameKeys(name);
      const origin = ORIGINS[n % ORIGINS.length] || null;
      batch.push({ name, category, origin, py: keys.namePinyin, ini: keys.nameInitials, price: 500 + (n % 50) * 100 });
    }
    await exec(
      db,
      sql`
      insert into products (name, category, origin, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, name_pinyin, name_initials)
      select b.name, b.category, b.origin, ${supplier.id}, '份', b.price, b.price / 2, 'ambient', b.py, b.ini
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as b(name text, category text, origin text, py text, ini text, price int)`,
    );
  }
  // 200 deals on sale today, some with sales; some products with 30 days of sales
  const deals = await one<{ ids: string[] }>(
    db,
    sql`select array_agg(id order by id) as ids from (select id from products order by id limit 200) p`,
  );
  const now = Date.now();
  await createCampaign(db, {
    title: '今日团购',
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 36_000_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: deals!.ids.map((productId, i) => ({ productId, priceFen: 300 + i })),
  });
  await exec(db, sql`update campaign_items set sold = (hashtext(id::text) & 255)`);
  await exec(
    db,
    sql`
    insert into analytics_day_products (region_id, day, product_id, gmv_fen, quantity, orders)
    select (select id from regions order by created_at, id limit 1), (now() at time zone 'Asia/Shanghai')::date - d, p.id, 0,
      (hashtext(p.id::text || d) & 31), 1
    from (select id from products order by id desc limit 2000) p, generate_series(1, 30) d`,
  );
  await exec(db, sql`analyze`);
  return { pointId: point.id, seedSeconds: (Date.now() - t0) / 1000 };
}

for (const kind of DBS) {
  const database = await open(kind);
  try {
    const { pointId, seedSeconds } = await seed(database);
    const page = { limit: 20, after: null };
    const explain = argv.indexOf('--explain');
    if (explain >= 0) {
      const plan = await database.db.execute(sql`explain (analyze) ${searchSql(argv[explain + 1], pointId, page)}`);
      for (const row of (plan as unknown as { rows: Record<string, string>[] }).rows)
        console.log(Object.values(row)[0]);
      continue;
    }
    // warm: plans, caches
    for (const qs of Object.values(QUERIES)) for (const q of qs) await searchProducts(database.db, q, pointId, page);
    const all: number[] = [];
    console.log(`\n${kind}: ${PRODUCTS} products (seeded in ${seedSeconds.toFixed(1)} s), ${ROUNDS} rounds`);
    console.log('kind                 queries  results(first q)  p50 ms   p95 ms   max ms');
    for (const [label, qs] of Object.entries(QUERIES)) {
      const times: number[] = [];
      let firstResults = 0;
      for (let r = 0; r < ROUNDS; r++)
        for (const q of qs) {
          const t = performance.now();
          const found = await searchProducts(database.db, q, pointId, page);
          times.push(performance.now() - t);
          if (r === 0 && q === qs[0]) firstResults = found.items.length;
        }
      times.sort((a, b) => a - b);
      all.push(...times);
      console.log(
        `${label.padEnd(20)} ${String(qs.length).padStart(7)}  ${String(firstResults).padStart(16)}  ${percentile(times, 50).toFixed(1).padStart(6)}  ${percentile(times, 95).toFixed(1).padStart(7)}  ${times[times.length - 1].toFixed(1).padStart(7)}`,
      );
    }
    all.sort((a, b) => a - b);
    const target = kind === 'postgres' ? 50 : 150;
    const p95 = percentile(all, 95);
    console.log(
      `${kind} overall: ${all.length} searches, p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < ${target} ms: ${p95 < target ? 'met' : 'NOT met'})`,
    );
  } finally {
    await database.close();
    if (kind === 'postgres' && !argv.includes('--keep')) {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${DB_NAME} with (force)`);
      await c.end();
    }
  }
}
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
