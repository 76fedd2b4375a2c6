/**
 * PostgreSQL backend CPU per checkout step: the pricing read, placing an order (read + order
 * statement), starting its payment and applying the provider's notification, each run 1,500 times
 * in a row on ONE connection, its backend's CPU read from /proc/<pid>/stat (so the figure is the
 * database's own work, whatever else the machine does). Uses the database `npm run bench:checkout`
 * leaves behind (its customers, deals and pickup points), so run that first:
 *
 *   npm run bench:checkout -- --db postgres --seconds 5 && (cd server && npx tsx ../bench/checkout-db-cpu.ts)
 *
 * PROBE_QS is appended to the connection URL, e.g. '?options=-c%20plan_cache_mode%3Dauto' to
 * compare with PostgreSQL's default plan caching (decision 010).
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../server/src/db/client.js';
import { loadConfig } from '../server/src/lib/config.js';
import { placeOrder, prepare } from '../server/src/flows/checkout.js';
import { applyPaymentNotification, startPayment } from '../server/src/modules/payments/service.js';

const url = 'postgres://postgres@127.0.0.1:5432/linli_bench_checkout' + (process.env.PROBE_QS ?? '');
const database = await openDatabase({ url, poolSize: 1 });
const db = database.db;
const cfg = loadConfig({});
const c = new pg.Client({ connectionString: url });
await c.connect();
const users = (await c.query(`select id from users where phone like '137%' order by phone limit 200`)).rows.map(
  (r) => r.id,
);
const items = (
  await c.query(
    `select ci.id from campaign_items ci join campaigns c on c.id = ci.campaign_id where c.status = 'open' order by ci.id`,
  )
).rows.map((r) => r.id);
const point = (await c.query(`select id from pickup_points limit 1`)).rows[0].id;
const pool = (db as any).$client as pg.Pool;
const pid = (await pool.query('select pg_backend_pid() as p')).rows[0].p;
const cpu = () => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const N = 1500;
for (let round = 0; round < 2; round++) {
  const out: Record<string, number> = {};
  const a0 = cpu();
  for (let i = 0; i < N; i++) {
    const lines = 1 + (i % 3);
    await prepare(db, users[i % users.length], {
      pickupPointId: point,
      items: Array.from({ length: lines }, (_, k) => ({
        campaignItemId: items[(i * 7 + k * 11 + round) % items.length],
        quantity: 1,
      })),
    });
  }
  out.prepareUs = ((cpu() - a0) * 1000) / N;
  let a = cpu();
  const orders = [];
  for (let i = 0; i < N; i++) {
    const lines = 1 + (i % 3);
    orders.push({
      user: users[i % users.length],
      o: await placeOrder(
        db,
        users[i % users.length],
        {
          pickupPointId: point,
          items: Array.from({ length: lines }, (_, k) => ({
            campaignItemId: items[(i * 7 + k * 11 + round) % items.length],
            quantity: 1,
          })),
        },
        cfg,
      ),
    });
  }
  let b = cpu();
  out.orderUs = ((b - a) * 1000) / N;
  const pays = [];
  for (const { user, o } of orders) pays.push(await startPayment(db, user, o.id, 'simpay'));
  a = cpu();
  out.payUs = ((a - b) * 1000) / N;
  for (let i = 0; i < N; i++)
    await applyPaymentNotification(db, {
      provider: 'simpay',
      paymentId: pays[i].paymentId,
      orderId: orders[i].o.id,
      amountFen: pays[i].amountFen,
      providerTxnId: randomUUID(),
    });
  b = cpu();
  out.notifyUs = ((b - a) * 1000) / N;
  for (let i = 0; i < N; i++) await pool.query('select 1');
  a = cpu();
  out.select1Us = ((a - b) * 1000) / N;
  console.log(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)]))));
}
await c.end();
await database.close();
