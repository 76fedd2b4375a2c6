/**
 * Checkout benchmark: customers create and pay orders over HTTP at 32 concurrent connections
 * (create order → start payment → signed provider notification), on PGlite and on PostgreSQL.
 * Prints paid orders per second, p50/p99 latency of a whole paid order, and server RSS.
 *
 *   npm run bench:checkout [-- --seconds 20 --db postgres|pglite|both --processes 1 --keys --history-orders 0 --database-url URL]
 *
 * --keys: every order carries an Idempotency-Key, as the shop's checkout sends one.
 * --database-url URL (PostgreSQL): run on that database as it is (e.g. a copy of a year of history)
 *   instead of a fresh one; the run adds its own deals, customers and orders to it.
 * --history-orders N (PostgreSQL): before the load, N completed orders of 2 lines each are written
 *   with SQL over 365 past campaigns of the same 60 products and 20,000 customers — a shop with
 *   history, where statement costs estimated from table sizes grow.
 *
 * On PostgreSQL it also reports the notification outbox's lag: delivered_at − created_at of the
 * messages created during the measured window (p50/p99/max, waiting up to 10 s after the window for
 * the last ones), and the backlog — messages due but not delivered — when the window ends.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshPostgres, jsonClient, percentile, rssMb, startServer } from './lib.js';

const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const SECONDS = Number(args.seconds ?? 20);
const CONNECTIONS = Number(args.connections ?? 32);
const PROCESSES = Number(args.processes ?? 1);
const KEYS = process.argv.includes('--keys');
const HISTORY_ORDERS = Number(args['history-orders'] ?? 0);
const WARMUP_SECONDS = 5;
const CUSTOMERS = 256;
const SECRET = 'bench-simpay-secret';
const ADMIN = { phone: '13900000000', password: 'bench-admin-pass' };
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function run(db: 'pglite' | 'postgres') {
  const env: Record<string, string> = {
    LINLI_SIMPAY_SECRET: SECRET,
    LINLI_ADMIN_PHONE: ADMIN.phone,
    LINLI_ADMIN_PASSWORD: ADMIN.password,
  };
  let dataDir: string | undefined;
  if (db === 'postgres')
    env.DATABASE_URL =
      (args['database-url'] ?? (await freshPostgres(PG_ADMIN_URL, 'linli_bench_checkout'))) +
      (process.env.BENCH_PG_QUERY ?? '');
  else env.LINLI_DATA_DIR = dataDir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
  const processes = db === 'pglite' ? 1 : PROCESSES; // PGlite is in-process: one server only
  const server = await startServer(
    env,
    3900,
    processes,
    process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [],
  );
  try {
    // Each server process has its own port here; spread the connections across them like a load balancer.
    const clients = server.urls.map((u) => jsonClient(u, CONNECTIONS + 8));
    const request = clients[0];
    const api = (token?: string) => (method: string, path: string, body?: unknown) =>
      request(method, `/api/v1${path}`, body, token ? { authorization: `Bearer ${token}` } : {});
    const admin = api((await api()('POST', '/auth/login', ADMIN)).body.token);
    const expect201 = async (p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body;
    };
    const supplier = await expect201(admin('POST', '/admin/suppliers', { name: '压测供应商' }));
    const central = await expect201(admin('POST', '/admin/warehouses', { name: '中心仓', kind: 'central' }));
    const grid = await expect201(
      admin('POST', '/admin/warehouses', { name: '网格仓', kind: 'grid', parentId: central.id }),
    );
    const route = await expect201(admin('POST', '/admin/routes', { name: '线路', warehouseId: grid.id }));
    const points: string[] = [];
    for (let i = 0; i < 20; i++)
      points.push(
        (
          await expect201(
            admin('POST', '/admin/pickup-points', { name: `自提点${i}`, address: `路${i}号`, routeId: route.id }),
          )
        ).id,
      );
    const products: string[] = [];
    for (let i = 0; i < 60; i++) {
      products.push(
        (
          await expect201(
            admin('POST', '/admin/products', {
              name: `商品${i}`,
              category: i % 3 ? 'fresh' : 'daily',
              supplierId: supplier.id,
              unit: '份',
              listPriceFen: 1500 + i * 10,
              costFen: 800,
              temperatureZone: 'ambient',
            }),
          )
        ).id,
      );
    }
    const now = Date.now();
    const campaign = await expect201(
      admin('POST', '/admin/campaigns', {
        title: '压测团期',
        startsAt: new Date(now - 3_600_000).toISOString(),
        cutoffAt: new Date(now + 3_600_000).toISOString(),
        pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
        items: products.map((productId, i) => ({ productId, priceFen: 990 + i * 10 })),
      }),
    );
    const items: string[] = campaign.items.map((i: { id: string }) => i.id);
    const customers: string[] = [];
    for (let batch = 0; batch < CUSTOMERS; batch += 32) {
      const regs = await Promise.all(
        Array.from({ length: 32 }, (_, k) =>
          expect201(
            api()('POST', '/auth/register', {
              phone: `137${String(batch + k).padStart(8, '0')}`,
              password: 'bench-pass-1',
              name: `顾客${batch + k}`,
            }),
          ),
        ),
      );
      customers.push(...regs.map((r) => r.token));
    }

    if (HISTORY_ORDERS > 0 && db === 'postgres') await writeHistory(env.DATABASE_URL, HISTORY_ORDERS);

    let paid = 0;
    let failed = 0;
    let latencies: number[] = [];
    let steps = { order: [] as number[], pay: [] as number[], notify: [] as number[] };
    let perSecond: number[] = [];
    let started = Date.now();
    let round = 0;
    // A running shop's tables have statistics: a first round of the same load fills them, and
    // ANALYZE does what autovacuum would (prepared statements planned on empty tables would scan
    // whole tables as they grow, which a database a minute old does not do). BENCH_NO_WARMUP=1 skips it.
    if (process.env.BENCH_NO_WARMUP !== '1') {
      await drive(WARMUP_SECONDS);
      if (db === 'postgres') {
        const c = new pg.Client({ connectionString: env.DATABASE_URL });
        await c.connect();
        await c.query('analyze');
        await c.end();
      }
      paid = failed = 0;
      latencies = [];
      steps = { order: [], pay: [], notify: [] };
      perSecond = [];
    }
    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, ...server.pids().map(rssMb));
    }, 250);
    started = Date.now();
    const windowStart = new Date(started).toISOString();
    await drive(SECONDS);
    const elapsed = (Date.now() - started) / 1000;
    const windowEnd = new Date().toISOString();
    clearInterval(sampler);
    const outbox = db === 'postgres' ? await outboxLag(env.DATABASE_URL, windowStart, windowEnd) : undefined;

    async function drive(seconds: number) {
      const deadline = Date.now() + seconds * 1000;
      round++;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, worker) => {
          let n = 0;
          while (Date.now() < deadline) {
            const token = customers[(worker + n * CONNECTIONS) % customers.length];
            const client = clients[worker % clients.length];
            const as = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
              client(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}`, ...headers });
            const t0 = performance.now();
            const lines = 1 + (n % 3);
            const order = await as(
              'POST',
              '/orders',
              {
                pickupPointId: points[(worker + n) % points.length],
                items: Array.from({ length: lines }, (_, k) => ({
                  campaignItemId: items[(worker * 7 + n * 3 + k * 11) % items.length],
                  quantity: 1 + (k % 2),
                })),
              },
              KEYS ? { 'idempotency-key': `order-${round}-${worker}-${n}` } : {},
            );
            n++;
            const t1 = performance.now();
            if (order.status !== 201) {
              failed++;
              continue;
            }
            const pay = await as('POST', `/orders/${order.body.id}/pay`, { method: 'simpay' });
            const t2 = performance.now();
            const raw = JSON.stringify({
              paymentId: pay.body.paymentId,
              orderId: order.body.id,
              amountFen: pay.body.amountFen,
              providerTxnId: `b-${round}-${worker}-${n}`,
            });
            const sig = createHmac('sha256', SECRET).update(raw).digest('hex');
            const notified = await client('POST', '/api/v1/payments/simpay/notify', raw, { 'x-simpay-signature': sig });
            if (notified.status !== 200) {
              failed++;
              continue;
            }
            const t3 = performance.now();
            steps.order.push(t1 - t0);
            steps.pay.push(t2 - t1);
            steps.notify.push(t3 - t2);
            latencies.push(t3 - t0);
            paid++;
            perSecond[Math.floor((Date.now() - started) / 1000)] =
              (perSecond[Math.floor((Date.now() - started) / 1000)] ?? 0) + 1;
          }
        }),
      );
    }
    latencies.sort((a, b) => a - b);
    const result = {
      db,
      processes,
      keys: KEYS,
      warmedUp: process.env.BENCH_NO_WARMUP !== '1',
      connections: CONNECTIONS,
      seconds: Math.round(elapsed * 10) / 10,
      paidOrders: paid,
      failed,
      paidOrdersPerSecond: Math.round(paid / elapsed),
      p50ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99ms: Math.round(percentile(latencies, 99) * 10) / 10,
      peakServerRssMb: peakRss,
      ...(HISTORY_ORDERS > 0 && db === 'postgres' ? { historyOrders: HISTORY_ORDERS } : {}),
      ...(outbox ? { outbox } : {}),
      paidEachSecond: Array.from(perSecond, (n) => n ?? 0),
      stepP50ms: Object.fromEntries(
        Object.entries(steps).map(([k, v]) => [
          k,
          Math.round(
            percentile(
              v.sort((a, b) => a - b),
              50,
            ) * 10,
          ) / 10,
        ]),
      ),
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Outbox lag of the messages created in [from, to): the backlog (due, undelivered) right at `to`,
 * then — once they are all delivered, or after 10 s — percentiles of delivered_at − created_at,
 * an undelivered one counting as still waiting.
 */
async function outboxLag(url: string, from: string, to: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const backlog = Number(
      (
        await c.query(
          `select count(*) as n from outbox where status = 'pending' and created_at < $1 and next_attempt_at <= $1`,
          [to],
        )
      ).rows[0].n,
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const left = await c.query(
        `select count(*) as n from outbox where status = 'pending' and created_at >= $1 and created_at < $2`,
        [from, to],
      );
      if (Number(left.rows[0].n) === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const lags = (
      await c.query<{ ms: number }>(
        `select extract(epoch from coalesce(delivered_at, now()) - created_at)::float8 * 1000 as ms
         from outbox where created_at >= $1 and created_at < $2`,
        [from, to],
      )
    ).rows
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    const ms = (p: number) => Math.round(percentile(lags, p));
    return { messages: lags.length, lagP50ms: ms(50), lagP99ms: ms(99), lagMaxms: ms(100), backlogAtEnd: backlog };
  } finally {
    await c.end();
  }
}

/** History for --history-orders: 365 past (cut off) campaigns of the bench's products, completed orders of 2 lines. */
async function writeHistory(url: string, orders: number) {
  const t0 = Date.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = (text: string) => c.query(text);
    await q(`insert into users (phone, name, password_hash, invite_code)
      select '16' || lpad(g::text, 9, '0'), '老顾客' || g, 'none', 'H' || g from generate_series(1, 20000) g`);
    await q(`create unlogged table hist_campaigns as
      select g as day, gen_random_uuid() as id, (select region_id from campaigns limit 1) as region_id
      from generate_series(1, 365) g`);
    await q(`insert into campaigns (id, region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at, created_at)
      select id, region_id, '历史团期' || day, now() - make_interval(days => day, hours => 12), now() - make_interval(days => day),
        (now() - make_interval(days => day - 1))::date, 'cut_off', now() - make_interval(days => day), now() - make_interval(days => day + 1)
      from hist_campaigns`);
    await q(`create unlogged table hist_items as
      select row_number() over (order by h.day, p.n) - 1 as n, gen_random_uuid() as id, h.id as campaign_id, p.id as product_id
      from hist_campaigns h cross join (select row_number() over (order by id) as n, id from products) p`);
    await q(`insert into campaign_items (id, campaign_id, product_id, price_fen, position)
      select id, campaign_id, product_id, 990, n % 60 from hist_items`);
    await q(
      `create unlogged table hist_users as select row_number() over () - 1 as n, id from users where phone like '16%'`,
    );
    await q(`create unlogged table hist_points as select row_number() over () - 1 as n, id from pickup_points`);
    const items = Number((await q('select count(*) as n from hist_items')).rows[0].n);
    const perCampaign = items / 365;
    await q(`insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen,
        expires_at, paid_at, completed_at, pickup_code, created_at)
      select u.id, h.region_id, h.id, p.id, 'completed', 2970, 2970, now(), now() - make_interval(days => h.day, hours => 6),
        now() - make_interval(days => h.day - 1), (100000000 + g)::text, now() - make_interval(days => h.day, hours => 6)
      from generate_series(0, ${orders - 1}) g
      join hist_campaigns h on h.day = 1 + g % 365
      join hist_users u on u.n = (g::bigint * 7919) % 20000
      join hist_points p on p.n = g % 20`);
    await q(`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status)
      select o.id, i.id, i.product_id, k + 1, 1500, 990, 990 * (k + 1), 'picked_up'
      from (select o.id, o.campaign_id, row_number() over () as r from orders o where o.status = 'completed') o
      cross join generate_series(0, 1) k
      join hist_campaigns h on h.id = o.campaign_id
      join hist_items i on i.n = (h.day - 1) * ${perCampaign} + (o.r * 7 + k * 13) % ${perCampaign}`);
    await q('drop table hist_campaigns, hist_items, hist_users, hist_points');
    await q('vacuum analyze');
    const n = (await q('select (select count(*) from orders) as o, (select count(*) from order_lines) as l')).rows[0];
    console.error(`history: ${n.o} orders, ${n.l} lines written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}

const which = args.db ?? 'both';
for (const db of ['postgres', 'pglite'] as const) {
  if (which === 'both' || which === db) await run(db);
}
