/**
 * Payment notifications applied per second, each with its provider's checks, on PostgreSQL:
 * simpay's HMAC-SHA256, and WeChat Pay's RSA signature verified with the platform key named by
 * Wechatpay-Serial, the timestamp window, the resource decrypted with AES-256-GCM and the
 * transaction checked against the payment. Both apply through the same once-only statement.
 *
 *   npm run bench:notifications [-- --payments 8000 --rounds 4 --connections 32]
 *
 * The payments are started first (orders placed, /pay called; WeChat Pay's prepays answered by its
 * local stand-in), and every notification is built and signed before the clock starts, so the
 * measured window holds only Linli receiving, checking and applying them, as WeChat Pay's servers
 * would send them. It reports the CPU each notification costs the server and the database.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateMerchant, linliEnv } from '../server/src/standin/wechat/keys.js';
import { signedNotification } from '../server/src/standin/wechat/merchant.js';
import { startWechatStandin } from '../server/src/standin/wechat/server.js';
import { historyDatabase } from './history.js';
import { cpuMs, jsonClient, percentile, setUpShop, startServer } from './lib.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAYMENTS = arg('payments', 8000);
const ROUNDS = arg('rounds', 4);
const CONNECTIONS = arg('connections', 32);
const SECRET = 'bench-simpay-secret';
const ADMIN = { phone: '13900000000', password: 'bench-admin-pass' };
const PORT = 3900;

const dir = mkdtempSync(join(tmpdir(), 'linli-bench-notify-'));
const merchant = generateMerchant(dir);
const standin = await startWechatStandin({ merchant });
const url = await historyDatabase('empty', 'linli_bench_notifications');
const server = await startServer(
  {
    DATABASE_URL: url,
    LINLI_SIMPAY_SECRET: SECRET,
    LINLI_ADMIN_PHONE: ADMIN.phone,
    LINLI_ADMIN_PASSWORD: ADMIN.password,
    // the payments started here must stay unpaid-but-open until their notification arrives
    LINLI_UNPAID_EXPIRY_MINUTES: '60',
    ...linliEnv(merchant, standin.url, `http://127.0.0.1:${PORT}/api/v1`),
  },
  PORT,
  1,
  process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [],
);

type Notification = { path: string; body: string; headers: Record<string, string> };

try {
  const request = jsonClient(server.url, CONNECTIONS + 8);
  const { points, items, customers } = await setUpShop(request, ADMIN, 256);

  /** PAYMENTS orders, each with its payment started through `provider`, 32 at a time. */
  async function startPayments(provider: 'simpay' | 'wechatpay') {
    const started: { orderId: string; paymentId: string; amountFen: number }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < PAYMENTS) {
          const n = next++;
          const auth = { authorization: `Bearer ${customers[n % customers.length]}` };
          const order = await request(
            'POST',
            '/api/v1/orders',
            {
              pickupPointId: points[n % points.length],
              items: [{ campaignItemId: items[(n * 7) % items.length], quantity: 1 }],
            },
            auth,
          );
          if (order.status !== 201) throw new Error(JSON.stringify(order.body));
          const pay = await request(
            'POST',
            `/api/v1/orders/${order.body.id}/pay`,
            provider === 'simpay' ? { method: 'simpay' } : { method: 'wechatpay', channel: 'h5' },
            auth,
          );
          if (pay.status !== 200) throw new Error(JSON.stringify(pay.body));
          started.push({ orderId: order.body.id, paymentId: pay.body.paymentId, amountFen: pay.body.amountFen });
        }
      }),
    );
    return started;
  }

  const simpay: Notification[] = (await startPayments('simpay')).map((p, i) => {
    const body = JSON.stringify({ ...p, providerTxnId: `bench-${i}` });
    return {
      path: '/api/v1/payments/simpay/notify',
      body,
      headers: { 'x-simpay-signature': createHmac('sha256', SECRET).update(body).digest('hex') },
    };
  });
  const successTime = `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  const wechat: Notification[] = (await startPayments('wechatpay')).map((p, i) => {
    const { body, headers } = signedNotification(merchant, {
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      resource: {
        appid: merchant.appId,
        mchid: merchant.mchid,
        out_trade_no: p.paymentId.replace(/-/g, ''),
        transaction_id: `42000019${String(i).padStart(20, '0')}`,
        trade_type: 'MWEB',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        bank_type: 'OTHERS',
        attach: '',
        success_time: successTime,
        payer: { openid: `oBench${i}` },
        amount: { total: p.amountFen, payer_total: p.amountFen, currency: 'CNY', payer_currency: 'CNY' },
      },
    });
    const { 'content-type': _, ...rest } = headers;
    return { path: '/api/v1/payments/wechatpay/notify', body, headers: rest };
  });

  /** Sends every notification, CONNECTIONS at a time; the applied ones per second and their latency. */
  async function apply(provider: string, list: Notification[], ok: number) {
    const latencies: number[] = [];
    let failed = 0;
    let next = 0;
    const cpu0 = { server: cpuMs(server.pids()), postgres: cpuMs('postgres') };
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < list.length) {
          const n = list[next++];
          const t = performance.now();
          const res = await request('POST', n.path, n.body, n.headers);
          if (res.status === ok) latencies.push(performance.now() - t);
          else failed++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const per = (ms: number) => Math.round((ms / list.length) * 100) / 100;
    latencies.sort((a, b) => a - b);
    return {
      provider,
      notifications: list.length,
      seconds,
      failed,
      appliedPerSecond: Math.round(latencies.length / seconds),
      p50ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99ms: Math.round(percentile(latencies, 99) * 10) / 10,
      cpuPerNotificationMs: {
        server: per(cpuMs(server.pids()) - cpu0.server),
        postgres: per(cpuMs('postgres') - cpu0.postgres),
      },
    };
  }

  // a first few of each warm the server up (statistics, JIT); the rest are measured
  const warm = Math.min(500, Math.floor(PAYMENTS / 5));
  await apply('simpay', simpay.splice(0, warm), 200);
  await apply('wechatpay', wechat.splice(0, warm), 204);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('analyze');
  // measured in alternating rounds (simpay first, then WeChat Pay first), so neither provider meets
  // a bigger table or a busier moment of the machine alone
  const rounds = (list: Notification[]) =>
    Array.from({ length: ROUNDS }, (_, i) =>
      list.slice(Math.floor((i * list.length) / ROUNDS), Math.floor(((i + 1) * list.length) / ROUNDS)),
    );
  const [s, w] = [rounds(simpay), rounds(wechat)];
  const runs: Awaited<ReturnType<typeof apply>>[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const pair = [() => apply('simpay', s[i], 200), () => apply('wechatpay', w[i], 204)];
    for (const run of i % 2 ? pair.reverse() : pair) runs.push(await run());
  }
  const results = ['simpay', 'wechatpay'].map((provider) => {
    const mine = runs.filter((r) => r.provider === provider);
    const n = mine.reduce((t, r) => t + r.notifications, 0);
    const seconds = mine.reduce((t, r) => t + r.seconds, 0);
    const avg = (f: (r: (typeof runs)[number]) => number) =>
      Math.round((mine.reduce((t, r) => t + f(r) * r.notifications, 0) / n) * 100) / 100;
    return {
      provider,
      notifications: n,
      failed: mine.reduce((t, r) => t + r.failed, 0),
      appliedPerSecond: Math.round(n / seconds),
      rounds: mine.map((r) => r.appliedPerSecond),
      p50ms: avg((r) => r.p50ms),
      p99ms: avg((r) => r.p99ms),
      cpuPerNotificationMs: {
        server: avg((r) => r.cpuPerNotificationMs.server),
        postgres: avg((r) => r.cpuPerNotificationMs.postgres),
      },
    };
  });
  const paid = await c.query(
    `select provider, count(*)::int as n from payments where status = 'succeeded' group by 1 order by 1`,
  );
  await c.end();
  for (const r of results) console.log(JSON.stringify(r));
  const [sp, wp] = results.map((r) => r.appliedPerSecond);
  console.log(JSON.stringify({ wechatpayOfSimpay: Math.round((wp / sp) * 100) / 100 }));
  console.log(JSON.stringify({ succeededPayments: Object.fromEntries(paid.rows.map((r) => [r.provider, r.n])) }));
} finally {
  await server.stop();
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
}
