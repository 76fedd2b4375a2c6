/**
 * Flash-sale benchmark: 5,000 distinct customers hit one flash deal of 500 units at 256
 * concurrent connections, right as it opens. Reports units sold (must be exactly 500), the rate
 * of successful orders while units remained, decisions per second over the whole race and p99
 * latency — with one and with two server processes on PostgreSQL.
 *
 *   npm run bench:flash [-- --processes 1|2|both] [-- --keys]
 *
 * --keys: every order carries an Idempotency-Key, as the shop's checkout sends one.
 *
 * Customers and their sign-in tokens are bulk-created in SQL (5,000 scrypt hashes would take
 * minutes and measure nothing of the sale). The 256 keep-alive connections are open before the
 * sale opens, as the buyers' shops are; their sign-ins are not cached yet.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { cpuMs, freshPostgres, jsonClient, percentile, startServer } from './lib.js';

const argv = process.argv.slice(2);
const which = argv.includes('--processes') ? argv[argv.indexOf('--processes') + 1] : 'both';
const KEYS = argv.includes('--keys');
const CUSTOMERS = 5000;
const UNITS = 500;
const CONNECTIONS = 256;
const ADMIN = { phone: '13900000000', password: 'bench-admin-pass' };
const COLD_START = process.env.BENCH_COLD_START === '1';
const WARM_BUYERS = 1000;
const WARM_UNITS = 100;

async function run(processes: number) {
  const url = await freshPostgres(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 'linli_bench_flash');
  const server = await startServer({ DATABASE_URL: url, LINLI_ADMIN_PHONE: ADMIN.phone, LINLI_ADMIN_PASSWORD: ADMIN.password }, 3920, processes, process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []);
  try {
    const clients = server.urls.map((u) => jsonClient(u, CONNECTIONS));
    const call = clients[0];
    const token = (await call('POST', '/api/v1/auth/login', ADMIN)).body.token;
    const admin = (method: string, path: string, body?: unknown) => call(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}` });
    const supplier = (await admin('POST', '/admin/suppliers', { name: '秒杀供应商' })).body;
    const central = (await admin('POST', '/admin/warehouses', { name: '中心仓', kind: 'central' })).body;
    const grid = (await admin('POST', '/admin/warehouses', { name: '网格仓', kind: 'grid', parentId: central.id })).body;
    const route = (await admin('POST', '/admin/routes', { name: '线路', warehouseId: grid.id })).body;
    const point = (await admin('POST', '/admin/pickup-points', { name: '自提点', address: '路1号', routeId: route.id })).body;
    const product = (await admin('POST', '/admin/products', {
      name: '秒杀鸡蛋 30枚', category: 'meat_eggs', supplierId: supplier.id, unit: '盒', listPriceFen: 3990, costFen: 2000, temperatureZone: 'ambient',
    })).body;
    const warmProduct = (await admin('POST', '/admin/products', {
      name: '秒杀牛奶 12盒', category: 'dairy', supplierId: supplier.id, unit: '箱', listPriceFen: 5990, costFen: 3000, temperatureZone: 'ambient',
    })).body;
    const now = Date.now();
    const opensAt = new Date(now + 8_000);
    const campaign = (await admin('POST', '/admin/campaigns', {
      title: '整点秒杀', startsAt: new Date(now - 60_000).toISOString(), cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        { productId: product.id, priceFen: 990, quota: UNITS, perCustomerLimit: 1, saleStartsAt: opensAt.toISOString() },
        // the previous round (整点秒杀 runs every hour), which warms the server like a shop that has been running
        { productId: warmProduct.id, priceFen: 2990, quota: WARM_UNITS, perCustomerLimit: 1, saleStartsAt: new Date(now + 3_000).toISOString() },
      ],
    })).body;
    const [itemId, warmItemId] = campaign.items.map((i: { id: string }) => i.id);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const allTokens = Array.from({ length: CUSTOMERS + WARM_BUYERS }, () => randomBytes(24).toString('base64url'));
    const tokens = allTokens.slice(0, CUSTOMERS);
    await db.query(`insert into users (phone, name, password_hash, invite_code)
      select '16' || lpad(g::text, 9, '0'), '顾客' || g, 'none', 'F' || g from generate_series(1, ${CUSTOMERS + WARM_BUYERS}) g`);
    await db.query(`insert into sessions (token_hash, user_id)
      select t.h, u.id from unnest($1::text[]) with ordinality t(h, n) join (select id, row_number() over (order by phone) n from users where phone like '16%') u using (n)`,
      [allTokens.map((t) => createHash('sha256').update(t).digest('hex'))]);
    // a running shop's tables have statistics (autovacuum); these were just bulk-filled
    await db.query('analyze');

    // The buyers have the shop open before the sale: their keep-alive connections exist when it opens
    // (BENCH_COLD_CONNECTIONS=1 opens them at the opening second instead).
    if (process.env.BENCH_COLD_CONNECTIONS !== '1') {
      await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => clients[w % clients.length]('GET', '/api/health')));
    }
    if (!COLD_START) {
      // The previous round: other customers (their sign-ins stay cold for the race) buy its units and
      // are refused once they are gone, so the code of both answers has run before, as in a shop
      // that has been running; BENCH_COLD_START=1 races a process that has served no order yet.
      await new Promise((r) => setTimeout(r, Math.max(0, now + 3_050 - Date.now())));
      await Promise.all(allTokens.slice(CUSTOMERS).map((t, i) => clients[i % clients.length]('POST', '/api/v1/orders',
        { pickupPointId: point.id, items: [{ campaignItemId: warmItemId, quantity: 1 }] }, { authorization: `Bearer ${t}` })));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, opensAt.getTime() - Date.now() + 50)));
    const results: { status: number; ms: number; at: number }[] = [];
    let next = 0;
    const started = performance.now();
    const cpuBefore = { server: cpuMs(server.pids()), postgres: cpuMs('postgres') };
    await Promise.all(Array.from({ length: CONNECTIONS }, async (_, worker) => {
      const client = clients[worker % clients.length];
      for (let i = next++; i < CUSTOMERS; i = next++) {
        const t0 = performance.now();
        const res = await client('POST', '/api/v1/orders', { pickupPointId: point.id, items: [{ campaignItemId: itemId, quantity: 1 }] },
          { authorization: `Bearer ${tokens[i]}`, ...(KEYS ? { 'idempotency-key': `flash-${i}` } : {}) });
        results.push({ status: res.status, ms: performance.now() - t0, at: performance.now() });
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    // CPU per decision: steadier than the rates on a shared VM (10 ms resolution)
    const cpuUsPerDecision = {
      server: Math.round(((cpuMs(server.pids()) - cpuBefore.server) * 1000) / CUSTOMERS),
      postgres: Math.round(((cpuMs('postgres') - cpuBefore.postgres) * 1000) / CUSTOMERS),
    };
    const sold = results.filter((r) => r.status === 201);
    const lastSale = Math.max(...sold.map((r) => r.at));
    const dbSold = (await db.query('select sold from campaign_items where id = $1', [itemId])).rows[0].sold;
    const orders = (await db.query(`select count(*)::int as n from order_lines where campaign_item_id = $1`, [itemId])).rows[0].n;
    await db.end();
    const lat = results.map((r) => r.ms).sort((a, b) => a - b);
    const out = {
      processes, keys: KEYS, warmedByPreviousRound: !COLD_START, customers: CUSTOMERS, units: UNITS, connections: CONNECTIONS,
      unitsSold: sold.length, soldInDatabase: dbSold, orderLines: orders,
      other: Object.entries(results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {})),
      successfulOrdersPerSecondWhileUnitsRemained: Math.round(sold.length / ((lastSale - started) / 1000)),
      decisionsPerSecond: Math.round(results.length / seconds), raceSeconds: Math.round(seconds * 100) / 100,
      p50ms: Math.round(percentile(lat, 50)), p99ms: Math.round(percentile(lat, 99)), cpuUsPerDecision,
      // answers per 100 ms since the opening: [sold, refused]
      timeline: results.reduce<[number, number][]>((acc, r) => {
        const slot = Math.floor((r.at - started) / 100);
        while (acc.length <= slot) acc.push([0, 0]);
        acc[slot][r.status === 201 ? 0 : 1]++;
        return acc;
      }, []),
    };
    console.log(JSON.stringify(out));
  } finally {
    await server.stop();
  }
}

for (const n of which === 'both' ? [1, 2] : [Number(which)]) await run(n);
