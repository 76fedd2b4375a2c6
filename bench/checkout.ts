/**
 * Checkout benchmark: customers create and pay orders over HTTP at 32 concurrent connections
 * (create order → start payment → signed provider notification), on PGlite and on PostgreSQL.
 * Prints paid orders per second, p50/p99 latency of a whole paid order, and server RSS.
 *
 *   npm run bench:checkout [-- --seconds 20 --db postgres|pglite|both --processes 1 --keys --history empty|month|year
 *                              --provider simpay|wechatpay --standin process|inline]
 *
 * --provider wechatpay: paid through WeChat Pay's local stand-in (server/src/standin/wechat), as an H5
 * customer pays: the pay call asks the stand-in for a prepay (a signed request, a verified answer),
 * the customer confirms at the stand-in's cashier, and the stand-in sends Linli its signed, encrypted
 * notification, which Linli verifies, decrypts and applies before the cashier answers. The stand-in
 * runs in its own process (`npm run linli -- wechat-standin`), as WeChat's servers are not Linli's;
 * on this machine its work still shares the two cores. --standin inline runs it inside the
 * benchmark's process instead.
 * --keys: every order carries an Idempotency-Key, as the shop's checkout sends one.
 * --history month|year: PostgreSQL only, on a copy of a history database (bench/history.ts).
 *
 * On PostgreSQL it also reports the notification outbox's lag: delivered_at − created_at of the
 * messages created during the measured window (p50/p99/max, waiting up to 10 s after the window for
 * the last ones), and the backlog — messages due but not delivered — when the window ends.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { historyArg, historyDatabase } from './history.js';
import { generateMerchant, linliEnv } from '../server/src/standin/wechat/keys.js';
import { startWechatStandin } from '../server/src/standin/wechat/server.js';
import { SERVER_DIR, cpuMs, jsonClient, percentile, rssMb, setUpShop, startServer } from './lib.js';

/** CPU milliseconds this process (the customers, and an inline stand-in) has used */
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

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
const WARMUP_SECONDS = 5;
const CUSTOMERS = 256;
const SECRET = 'bench-simpay-secret';
const ADMIN = { phone: '13900000000', password: 'bench-admin-pass' };
const HISTORY = historyArg();
const PROVIDER = args.provider ?? 'simpay';
if (PROVIDER !== 'simpay' && PROVIDER !== 'wechatpay') throw new Error('--provider simpay|wechatpay');
const STANDIN = args.standin ?? 'process';
if (STANDIN !== 'process' && STANDIN !== 'inline') throw new Error('--standin process|inline');

async function run(db: 'pglite' | 'postgres') {
  const env: Record<string, string> = {
    LINLI_SIMPAY_SECRET: SECRET,
    LINLI_ADMIN_PHONE: ADMIN.phone,
    LINLI_ADMIN_PASSWORD: ADMIN.password,
  };
  let dataDir: string | undefined;
  if (db === 'postgres')
    env.DATABASE_URL = (await historyDatabase(HISTORY, 'linli_bench_checkout')) + (process.env.BENCH_PG_QUERY ?? '');
  else env.LINLI_DATA_DIR = dataDir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
  const processes = db === 'pglite' ? 1 : PROCESSES; // PGlite is in-process: one server only
  const wechat = PROVIDER === 'wechatpay' ? await startWechat(3900) : undefined;
  if (wechat) Object.assign(env, wechat.env);
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
    const { points, items, customers } = await setUpShop(request, ADMIN, CUSTOMERS);

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
    const cpuBefore = {
      server: cpuMs(server.pids()),
      postgres: db === 'postgres' ? cpuMs('postgres') : 0,
      standin: wechat?.pid ? cpuMs([wechat.pid]) : 0,
      bench: ownCpuMs(),
    };
    started = Date.now();
    const windowStart = new Date(started).toISOString();
    await drive(SECONDS);
    const elapsed = (Date.now() - started) / 1000;
    const windowEnd = new Date().toISOString();
    clearInterval(sampler);
    // the CPU a paid order costs Linli and its database, WeChat's stand-in and the customers' side (this process)
    const perOrder = (ms: number) => Math.round((ms / Math.max(1, paid)) * 100) / 100;
    const cpuPerOrderMs = {
      server: perOrder(cpuMs(server.pids()) - cpuBefore.server),
      postgres: db === 'postgres' ? perOrder(cpuMs('postgres') - cpuBefore.postgres) : undefined,
      standin: wechat?.pid ? perOrder(cpuMs([wechat.pid]) - cpuBefore.standin) : undefined,
      customers: perOrder(ownCpuMs() - cpuBefore.bench),
    };
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
            const pay = await as(
              'POST',
              `/orders/${order.body.id}/pay`,
              wechat ? { method: 'wechatpay', channel: 'h5' } : { method: 'simpay' },
            );
            const t2 = performance.now();
            if (pay.status !== 200) {
              failed++;
              continue;
            }
            let notified: { status: number };
            if (wechat) {
              // the customer confirms at WeChat's cashier; the notification reaches Linli before it answers
              notified = await wechat.confirm(pay.body.cashierUrl);
            } else {
              const raw = JSON.stringify({
                paymentId: pay.body.paymentId,
                orderId: order.body.id,
                amountFen: pay.body.amountFen,
                providerTxnId: `b-${round}-${worker}-${n}`,
              });
              const sig = createHmac('sha256', SECRET).update(raw).digest('hex');
              notified = await client('POST', '/api/v1/payments/simpay/notify', raw, { 'x-simpay-signature': sig });
            }
            if (notified.status !== (wechat ? 302 : 200)) {
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
      provider: PROVIDER,
      ...(wechat ? { standin: STANDIN } : {}),
      history: db === 'postgres' ? HISTORY : 'empty',
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
      cpuPerOrderMs,
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
    await wechat?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** WeChat Pay's stand-in with a fresh merchant, the environment pointing Linli at it, and its cashier's confirm. */
async function startWechat(linliPort: number) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-wechat-'));
  const linliUrl = `http://127.0.0.1:${linliPort}`;
  let standin: { url: string; env: Record<string, string>; pid?: number; close(): Promise<void> };
  if (STANDIN === 'inline') {
    const merchant = generateMerchant(dir);
    const inline = await startWechatStandin({ merchant });
    standin = { url: inline.url, env: linliEnv(merchant, inline.url, `${linliUrl}/api/v1`), close: inline.close };
  } else {
    standin = await spawnStandin(dir, linliUrl);
  }
  const cashier = jsonClient(standin.url, CONNECTIONS + 8);
  return {
    env: standin.env,
    pid: standin.pid,
    confirm: (cashierUrl: string) =>
      cashier('POST', '/cgi-bin/mmpayweb-bin/confirm', {
        prepay_id: new URL(cashierUrl).searchParams.get('prepay_id'),
        redirect_url: 'http://127.0.0.1/shop/orders',
      }),
    async close() {
      await standin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `npm run linli -- wechat-standin` in a child process; Linli's environment read from what it prints. */
async function spawnStandin(dir: string, linliUrl: string) {
  const port = 3990;
  const child = spawn(
    process.execPath,
    [
      // BENCH_STANDIN_NODE_ARGS: V8 flags for the stand-in, as BENCH_NODE_ARGS for the server (e.g. --cpu-prof)
      ...(process.env.BENCH_STANDIN_NODE_ARGS?.split(' ') ?? []),
      '--import',
      'tsx',
      'src/cli.ts',
      'wechat-standin',
      '--port',
      String(port),
      '--dir',
      dir,
      '--linli-url',
      linliUrl,
    ],
    { cwd: SERVER_DIR, env: { ...process.env, LINLI_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const env: Record<string, string> = {};
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the WeChat stand-in exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      for (const m of printed.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2];
      // the public key's id is the last line the stand-in prints (public-key mode, its default)
      if ('LINLI_WECHATPAY_PUBLIC_KEY_ID' in env && printed.endsWith('\n')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    env,
    pid: child.pid,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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

const which = args.db ?? (HISTORY === 'empty' ? 'both' : 'postgres');
if (HISTORY !== 'empty' && which !== 'postgres') throw new Error('--history month|year needs --db postgres');
for (const db of ['postgres', 'pglite'] as const) {
  if (which === 'both' || which === db) await run(db);
}
