/**
 * Read-path benchmark: the real server process on PostgreSQL, measured per read with requests/s
 * and p50/p95/p99, against the targets (decision 021):
 *   GET /campaigns/active ≥ 2,000 requests/s with p95 ≤ 20 ms (64 shoppers);
 *   /me/orders, GET /orders/{id}, the leader's orders of the day: p95 ≤ 20 ms;
 *   console order search and lists: p95 ≤ 100 ms; the dashboard for 1, 7, 30, 90 days: p95 ≤ 1 s.
 * Prints one JSON summary and exits non-zero when a target is missed.
 *
 *   npm run bench:reads [-- --history empty|month|year] [--seconds 5]
 *   npm run bench:reads -- --database-url postgres://…   an existing history database (e.g. a copy made
 *                                                         by hand and migrated by this branch's server)
 *
 * `month` and `year` run on a copy of the history database (bench/history.ts) and sign in with its known
 * credentials: customer 0, the leader of pickup point 0, the admin. `empty` is a new database with the
 * little the reads need, made through the API: one pickup point and its leader, 10 products, today's open
 * campaign and a customer with a few paid orders.
 */
import { createHmac } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { HISTORY_CREDENTIALS, historyArg, historyDatabase } from './history.js';
import { jsonClient, type JsonResponse, machineMs, percentile, startServer } from './lib.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const HISTORY = historyArg(argv);
const SECONDS = Number(flag('seconds') ?? 5);
const DATABASE_URL = flag('database-url');
const ADMIN = HISTORY_CREDENTIALS.admin;
const SECRET = 'bench-reads-simpay-secret';
const EMPTY_CUSTOMER = { phone: '13799990000', password: 'bench-pass-1' };
const EMPTY_LEADER = { phone: '13799990001', password: 'bench-pass-1' };

const log = (line: string) => console.error(line);
type Api = (method: string, path: string, body?: unknown) => Promise<JsonResponse>;

/** The empty database's few rows, made as an operator and a customer would: through the API. */
async function seedEmpty(request: ReturnType<typeof jsonClient>, admin: Api, anon: Api) {
  const ok = async (p: Promise<JsonResponse>, what: string) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const supplier = await ok(admin('POST', '/admin/suppliers', { name: '供应商' }), 'supplier');
  const central = await ok(admin('POST', '/admin/warehouses', { name: '中心仓', kind: 'central' }), 'warehouse');
  const grid = await ok(
    admin('POST', '/admin/warehouses', { name: '网格仓', kind: 'grid', parentId: central.id }),
    'warehouse',
  );
  const route = await ok(admin('POST', '/admin/routes', { name: '线路', warehouseId: grid.id }), 'route');
  const point = await ok(
    admin('POST', '/admin/pickup-points', { name: '自提点', address: '幸福路1号', routeId: route.id }),
    'pickup point',
  );
  const products: string[] = [];
  for (let i = 0; i < 10; i++)
    products.push(
      (
        await ok(
          admin('POST', '/admin/products', {
            name: `商品${i}`,
            category: i % 2 ? 'fresh' : 'daily',
            supplierId: supplier.id,
            unit: '份',
            listPriceFen: 1500 + i * 10,
            costFen: 800,
            temperatureZone: 'ambient',
          }),
          'product',
        )
      ).id,
    );
  const now = Date.now();
  const campaign = await ok(
    admin('POST', '/admin/campaigns', {
      title: '今日团期',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 6 * 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: products.map((productId, i) => ({ productId, priceFen: 990 + i * 10 })),
    }),
    'campaign',
  );
  const items: string[] = campaign.items.map((i: { id: string }) => i.id);
  // a campaign offered at the shop's point only (another point on another route does not see it):
  // the list at that point is then one of several prepared texts of the region (decision 028)
  const route2 = await ok(admin('POST', '/admin/routes', { name: '线路二', warehouseId: grid.id }), 'route');
  await ok(
    admin('POST', '/admin/pickup-points', { name: '自提点二', address: '幸福路2号', routeId: route2.id }),
    'pickup point',
  );
  await ok(
    admin('POST', '/admin/campaigns', {
      title: '小区专供',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 6 * 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      pickupPointIds: [point.id],
      items: products.slice(0, 3).map((productId, i) => ({ productId, priceFen: 890 + i * 10 })),
    }),
    'targeted campaign',
  );
  const as =
    (token: string): Api =>
    (method, path, body) =>
      request(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}` });
  for (const who of [EMPTY_CUSTOMER, EMPTY_LEADER])
    await ok(anon('POST', '/auth/register', { ...who, name: who === EMPTY_LEADER ? '团长' : '顾客' }), 'register');
  const leaderUser = await ok(
    as((await ok(anon('POST', '/auth/login', EMPTY_LEADER), 'sign-in')).token)('GET', '/me'),
    'profile',
  );
  await ok(
    admin('POST', '/admin/leaders', { userId: leaderUser.id, pickupPointId: point.id, commissionBps: 1000 }),
    'leader',
  );
  const customer = as((await ok(anon('POST', '/auth/login', EMPTY_CUSTOMER), 'sign-in')).token);
  await ok(customer('PUT', '/me/pickup-point', { pickupPointId: point.id }), 'pickup point');
  for (let n = 0; n < 5; n++) {
    const order = await ok(
      customer('POST', '/orders', {
        pickupPointId: point.id,
        items: [0, 1, 2].map((k) => ({ campaignItemId: items[(n * 3 + k) % items.length], quantity: 1 + (k % 2) })),
      }),
      'order',
    );
    const pay = await ok(customer('POST', `/orders/${order.id}/pay`, { method: 'simpay' }), 'pay');
    const raw = JSON.stringify({
      paymentId: pay.paymentId,
      orderId: order.id,
      amountFen: pay.amountFen,
      providerTxnId: `reads-${n}`,
    });
    const sig = createHmac('sha256', SECRET).update(raw).digest('hex');
    await ok(
      request('POST', '/api/v1/payments/simpay/notify', raw, { 'x-simpay-signature': sig }),
      'payment notification',
    );
  }
}

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** `connections` callers in a loop for `secs` seconds (after a short warm-up); latencies in ms. */
async function measure(
  request: () => Promise<{ status: number }>,
  connections: number,
  secs: number,
  warmupSecs = 1,
): Promise<Figures> {
  const run = async (s: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const until = Date.now() + s * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const t = performance.now();
          const res = await request();
          latencies.push(performance.now() - t);
          if (res.status !== 200) errors++;
        }
      }),
    );
    return { latencies, errors };
  };
  if (warmupSecs) await run(warmupSecs);
  const started = performance.now();
  const { latencies, errors } = await run(secs);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / elapsed),
    p50: r(percentile(latencies, 50)),
    p95: r(percentile(latencies, 95)),
    p99: r(percentile(latencies, 99)),
    errors,
  };
}

async function main() {
  const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  const url = DATABASE_URL ?? (await historyDatabase(HISTORY, 'linli_bench_reads'));
  const server = await startServer(
    {
      DATABASE_URL: url,
      LINLI_ADMIN_PHONE: ADMIN.phone,
      LINLI_ADMIN_PASSWORD: ADMIN.password,
      LINLI_SIMPAY_SECRET: SECRET,
    },
    3950,
  );
  const results: Record<string, Figures & { target: string; met: boolean }> = {};
  const load = { before: machineMs() };
  const counts: { orders?: number; orderLines?: number } = {};
  try {
    const client = jsonClient(server.url, 80);
    const call =
      (token?: string): Api =>
      (method, path, body) =>
        client(method, `/api/v1${path}`, body, token ? { authorization: `Bearer ${token}` } : {});
    const login = async (phone: string, password: string) => {
      const res = await client('POST', '/api/v1/auth/login', { phone, password });
      if (res.status !== 200) throw new Error(`sign-in ${phone}: ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    };
    const anonApi = call();
    const adminApi = call(await login(ADMIN.phone, ADMIN.password));
    const empty = HISTORY === 'empty' && !DATABASE_URL;
    if (empty) {
      const t0 = Date.now();
      await seedEmpty(client, adminApi, anonApi);
      log(`empty database seeded through the API (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    // statistics: a history copy carries its template's; the new rows of an empty database get theirs now
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      if (empty) await db.query('analyze');
      const c = await db.query<{ orders: string; lines: string }>(
        `select reltuples::bigint as orders, (select reltuples::bigint from pg_class where relname = 'order_lines') as lines
         from pg_class where relname = 'orders'`,
      );
      counts.orders = Math.max(0, Number(c.rows[0]?.orders ?? 0));
      counts.orderLines = Math.max(0, Number(c.rows[0]?.lines ?? 0));
    } finally {
      await db.end();
    }
    const customerLogin = empty
      ? EMPTY_CUSTOMER
      : { phone: HISTORY_CREDENTIALS.customerPhone(0), password: HISTORY_CREDENTIALS.password };
    const leaderLogin = empty
      ? EMPTY_LEADER
      : { phone: HISTORY_CREDENTIALS.leaderPhone(0), password: HISTORY_CREDENTIALS.password };
    const get = (api: Api) => (path: string) => api('GET', path);
    const admin = get(adminApi);
    const anon = get(anonApi);
    const customer = get(call(await login(customerLogin.phone, customerLogin.password)));
    const leader = get(call(await login(leaderLogin.phone, leaderLogin.password)));
    const check = async (g: (p: string) => Promise<JsonResponse>, path: string) => {
      const res = await g(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const active = await check(anon, '/campaigns/active');
    const campaigns = await check(admin, '/admin/campaigns');
    const todays = active[0]?.id as string | undefined;
    const yesterdays = campaigns.find((c: { status: string }) => c.status === 'cut_off')?.id as string | undefined;
    const aPoint = (await check(admin, '/admin/network')).pickupPoints?.[0]?.id as string | undefined;

    const run = async (
      name: string,
      g: (p: string) => Promise<{ status: number }>,
      path: string,
      target: { p95: number; rps?: number },
      connections: number,
    ) => {
      const f = await measure(() => g(path), connections, SECONDS);
      const met = f.errors === 0 && f.p95 <= target.p95 && (target.rps === undefined || f.rps >= target.rps);
      results[name] = {
        ...f,
        target: `${target.rps ? `≥ ${target.rps} requests/s, ` : ''}p95 ≤ ${target.p95} ms`,
        met,
      };
      log(`${met ? 'ok  ' : 'MISS'} ${name}: ${f.rps} requests/s, p50 ${f.p50} p95 ${f.p95} p99 ${f.p99} ms`);
    };

    await run('GET /campaigns/active', anon, '/campaigns/active', { p95: 20, rps: 2000 }, 64);
    // the shop names its customer's pickup point: the list of that point's region (decision 027)
    const shopPoint = (await check(anon, '/pickup-points'))[0]?.id as string | undefined;
    if (shopPoint)
      await run(
        'GET /campaigns/active?pickupPointId',
        anon,
        `/campaigns/active?pickupPointId=${shopPoint}`,
        { p95: 20, rps: 2000 },
        64,
      );
    const mine = await check(customer, '/me/orders');
    await run('GET /me/orders', customer, '/me/orders', { p95: 20 }, 4);
    if (mine[0]) await run('GET /orders/{id}', customer, `/orders/${mine[0].id}`, { p95: 20 }, 4);
    for (const [which, day] of [
      ['today', todays],
      ['yesterday', yesterdays],
    ] as const)
      if (day)
        await run(
          `GET /leader/orders?campaignId= (the leader's day: ${which})`,
          leader,
          `/leader/orders?campaignId=${day}`,
          { p95: 20 },
          4,
        );
    const someOrder = (await check(admin, '/admin/orders?limit=1'))[0];
    const consoleReads: [string, string][] = [
      ['orders, newest', '/admin/orders'],
      ['orders by status', '/admin/orders?status=completed'],
      ['orders by campaign', `/admin/orders?campaignId=${yesterdays ?? todays}`],
      ['orders by pickup point', `/admin/orders?pickupPointId=${someOrder?.pickupPointId ?? aPoint}`],
      ['orders by number', `/admin/orders?q=${someOrder?.number ?? 'LL1'}`],
      [
        'orders by phone prefix',
        `/admin/orders?q=${encodeURIComponent(someOrder?.customer.phone.slice(0, 9) ?? '150')}`,
      ],
      ['orders by name', `/admin/orders?q=${encodeURIComponent(someOrder?.customer.name ?? '顾客1')}`],
      ['uncollected orders', '/admin/orders/uncollected'],
      ['campaigns', '/admin/campaigns'],
      ['refunds', '/admin/refunds'],
      ['users', '/admin/users'],
      ['leaders', '/admin/leaders'],
      ['products', '/admin/products'],
      ['purchase orders of a campaign', `/admin/purchase-orders?campaignId=${yesterdays ?? todays}`],
      ['sorting lists of a campaign', `/admin/sorting-lists?campaignId=${yesterdays ?? todays}`],
      ['withdrawals', '/admin/withdrawals'],
      ['members', '/admin/members'],
    ];
    for (const [name, path] of consoleReads) await run(`console: ${name}`, admin, path, { p95: 100 }, 2);
    for (const days of [1, 7, 30, 90])
      await run(`dashboard ?days=${days}`, admin, `/admin/analytics/dashboard?days=${days}`, { p95: 1000 }, 1);
  } finally {
    await server.stop();
  }
  const after = machineMs();
  const busy = after.busy - load.before.busy;
  const summary = {
    loadAverageBefore: loadBefore,
    history: DATABASE_URL ? `given: ${new URL(DATABASE_URL).pathname.slice(1)}` : HISTORY,
    ...counts,
    machineBusyShare: Math.round((busy / (busy + after.idle - load.before.idle)) * 100) / 100,
    results,
    missed: Object.entries(results)
      .filter(([, r]) => !r.met)
      .map(([name]) => name),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (summary.missed.length) process.exitCode = 1;
}

await main();
