/**
 * The estimated cost of every statement of one paid checkout, as PostgreSQL plans it for the
 * application (generic plan), to compare with `jit_above_cost` (decision 019). Runs one order →
 * payment → notification in-process against a database the checkout benchmark left behind
 * (its customers and open campaign), e.g. after `npm run bench:checkout -- --history year`:
 *
 *   cd server && npx tsx ../bench/checkout-plans.ts postgres://postgres@127.0.0.1:5432/linli_bench_checkout
 */
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../server/src/db/client.js';
import { loadConfig } from '../server/src/lib/config.js';
import { createContext } from '../server/src/context.js';
import { buildApp } from '../server/src/app.js';
import { configurePasswordHashing } from '../server/src/lib/password.js';

const url = process.argv[2];
const SECRET = 'bench-simpay-secret';
const config = { ...loadConfig({ DATABASE_URL: url, LINLI_SIMPAY_SECRET: SECRET }), jobs: false, demo: false };
configurePasswordHashing(config.scryptLogN);
const database = await openDatabase({ url, poolSize: 2 });
const app = await buildApp(createContext(database, config));
await app.ready();
const c = new pg.Client({ connectionString: url });
await c.connect();
const items = (
  await c.query(
    `select ci.id from campaign_items ci join campaigns c on c.id = ci.campaign_id where c.status = 'open' order by c.created_at desc, ci.position limit 3`,
  )
).rows.map((r) => r.id);
const point = (await c.query(`select id from pickup_points limit 1`)).rows[0].id;
const inject = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await app.inject({
    method: method as 'POST',
    url: path,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.statusCode, body: res.json() };
};
const token = (await inject('POST', '/api/v1/auth/login', { phone: '13700000001', password: 'bench-pass-1' })).body
  .token;
const seen = new Map<string, unknown[]>();
const orig = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
  const q = args[0];
  if (q && typeof q === 'object' && typeof q.text === 'string' && !seen.has(q.text)) seen.set(q.text, q.values ?? []);
  return (orig as any).apply(this, args);
} as any;
const auth = { authorization: `Bearer ${token}` };
const order = await inject(
  'POST',
  '/api/v1/orders',
  { pickupPointId: point, items: items.map((id) => ({ campaignItemId: id, quantity: 1 })) },
  auth,
);
const pay = await inject('POST', `/api/v1/orders/${order.body.id}/pay`, { method: 'simpay' }, auth);
const raw = JSON.stringify({
  paymentId: pay.body.paymentId,
  orderId: order.body.id,
  amountFen: pay.body.amountFen,
  providerTxnId: `x-${Date.now()}`,
});
const sig = createHmac('sha256', SECRET).update(raw).digest('hex');
const notified = await inject('POST', '/api/v1/payments/simpay/notify', raw, { 'x-simpay-signature': sig });
pg.Client.prototype.query = orig;
console.log(`order ${order.status}, pay ${pay.status}, notify ${notified.status}; ${seen.size} statements`);
const lit = (v: unknown) => (v === null || v === undefined ? 'null' : `'${String(v).replace(/'/g, "''")}'`);
await c.query('set plan_cache_mode = force_generic_plan');
await c.query(`set jit = off`);
let i = 0;
for (const [text, values] of seen) {
  if (/^(begin|commit|rollback|savepoint|release)/i.test(text.trim())) continue;
  try {
    await c.query('deallocate all');
    await c.query(`prepare s${i} as ${text}`);
    const plan = (await c.query(`explain execute s${i}(${values.map(lit).join(', ')})`)).rows.map(
      (r) => r['QUERY PLAN'],
    );
    const cost = Number(/cost=[\d.]+\.\.([\d.]+)/.exec(plan[0])?.[1]);
    console.log(`${cost.toFixed(0).padStart(9)}  ${text.replace(/\s+/g, ' ').slice(0, 110)}`);
  } catch (err) {
    console.log(`   (n/a)  ${(err as Error).message.slice(0, 60)} :: ${text.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  i++;
}
await c.end();
await app.close();
await database.close();
