/**
 * A/B experiments benchmark (decision 048), on PostgreSQL with the demo (30 days of history and
 * the running price experiment in 杭州):
 *
 * 1. the shared deal list (`GET /campaigns/active?pickupPointId=`) while the experiment runs, then
 *    again once it is stopped — the list is the same text for everyone either way;
 * 2. `GET /me/deal-variants` for many distinct signed-in customers — each customer's arm, and its
 *    first exposure recorded — with the database's commits and the exposure rows it caused;
 * 3. the checkout read (`POST /checkout/quote`) of the experiment's deal against a deal without one.
 *
 *   npm run bench:experiments [-- --seconds 10 --connections 32 --customers 300]
 */
import pg from 'pg';
import { freshPostgres, jsonClient, percentile, startServer } from './lib.js';

const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = Number(args.connections ?? 32);
const CUSTOMERS = Number(args.customers ?? 300);
const ADMIN = { phone: '13900000000', password: 'bench-admin-pass' };
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `linli_bench_experiments_${process.pid}`;

type Call = () => Promise<{ status: number }>;

/** `CONNECTIONS` loops calling `next()` for `SECONDS`: requests per second and latency percentiles. */
async function load(label: string, next: (i: number) => Call) {
  const latencies: number[] = [];
  let failed = 0;
  const until = Date.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const call = next(n++);
        const t = performance.now();
        const r = await call();
        latencies.push(performance.now() - t);
        if (r.status >= 400) failed++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const out = {
    label,
    requests: latencies.length,
    perSecond: Math.round(latencies.length / SECONDS),
    p50: percentile(latencies, 50).toFixed(1),
    p95: percentile(latencies, 95).toFixed(1),
    p99: percentile(latencies, 99).toFixed(1),
    failed,
  };
  console.log(JSON.stringify(out));
  return out;
}

async function main() {
  const url = await freshPostgres(ADMIN_URL, NAME);
  const db = new pg.Client({ connectionString: url });
  const server = await startServer(
    {
      DATABASE_URL: url,
      LINLI_DEMO: '1',
      LINLI_ADMIN_PHONE: ADMIN.phone,
      LINLI_ADMIN_PASSWORD: ADMIN.password,
      LINLI_SIMPAY_SECRET: 'bench-simpay-secret-bench-simpay-secret',
      // many customers are registered for the exposures: password hashing at test strength
      LINLI_SCRYPT_LOG_N: '12',
    },
    3311,
    1,
    [],
    // the demo is seeded before the server answers: minutes on a loaded machine
    900_000,
  );
  try {
    await db.connect();
    const request = jsonClient(server.url, CONNECTIONS);
    const api = (token?: string) => (method: string, path: string, body?: unknown) =>
      request(method, `/api/v1${path}`, body, token ? { authorization: `Bearer ${token}` } : {});
    const admin = api((await api()('POST', '/auth/login', ADMIN)).body.token);
    const experiment = (await admin('GET', '/admin/experiments')).body.find((e: any) => e.status === 'running');
    if (!experiment) throw new Error('the demo has no running experiment');
    const point = (
      await db.query(`select pp.id from pickup_points pp where pp.region_id = $1 order by pp.name limit 1`, [
        experiment.regionId,
      ])
    ).rows[0].id as string;
    const other = (
      await db.query(
        `select ci.id from campaign_items ci where ci.campaign_id = $1 and ci.id <> $2 and ci.sale_starts_at is null
           and ci.group_tiers is null and ci.quota is null limit 1`,
        [experiment.deal.campaignId, experiment.campaignItemId],
      )
    ).rows[0].id as string;
    console.log(
      `experiment ${experiment.name} on ${experiment.deal.productName}; ${CUSTOMERS} customers registering …`,
    );
    const tokens: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const phone = `177${String(10_000_000 + i).padStart(8, '0')}`;
      const r = await api()('POST', '/auth/register', { phone, password: 'bench-customer-1', name: `顾客${i}` });
      await api(r.body.token)('PUT', '/me/pickup-point', { pickupPointId: point });
      tokens.push(r.body.token);
    }
    const anonymous = api();
    const list: Call = () => anonymous('GET', `/campaigns/active?pickupPointId=${point}`);
    const commits = async () =>
      Number(
        (await db.query('select xact_commit from pg_stat_database where datname = current_database()')).rows[0]
          .xact_commit,
      );
    const exposures = async () =>
      Number(
        (await db.query('select count(*) from experiment_exposures where experiment_id = $1', [experiment.id])).rows[0]
          .count,
      );

    await load('warm-up', () => list);
    const withExperiment = await load('deal list, experiment running', () => list);

    const [c0, e0] = [await commits(), await exposures()];
    const variants = await load(
      'deal variants, distinct customers',
      (i) => () => api(tokens[i % tokens.length])('GET', `/me/deal-variants?pickupPointId=${point}`),
    );
    await new Promise((r) => setTimeout(r, 1_500)); // the last batch of exposures
    const [c1, e1] = [await commits(), await exposures()];
    console.log(
      JSON.stringify({
        variantsRequests: variants.requests,
        exposureRowsWritten: e1 - e0,
        databaseCommits: c1 - c0,
        commitsPer1000Requests: Number((((c1 - c0) / variants.requests) * 1000).toFixed(2)),
      }),
    );

    const quote = (item: string) => (i: number) => () =>
      api(tokens[i % tokens.length])('POST', '/checkout/quote', {
        pickupPointId: point,
        items: [{ campaignItemId: item, quantity: 1 }],
      });
    // alternated, so the machine's other load falls on both alike
    for (let round = 1; round <= 2; round++) {
      await load(`checkout quote, deal with a running experiment (${round})`, quote(experiment.campaignItemId));
      await load(`checkout quote, deal without one (${round})`, quote(other));
    }

    // the deal list with the experiment stopped, then with a new one running, then stopped again
    const rounds: Record<string, number[]> = { running: [withExperiment.perSecond], stopped: [] };
    await admin('POST', `/admin/experiments/${experiment.id}/stop`);
    rounds.stopped.push((await load('deal list, experiment stopped', () => list)).perSecond);
    const again = (
      await admin('POST', '/admin/experiments', {
        name: 'bench',
        campaignItemId: experiment.campaignItemId,
        unit: 'customer',
        kind: 'price',
        arms: experiment.arms,
      })
    ).body;
    await admin('POST', `/admin/experiments/${again.id}/start`);
    rounds.running.push((await load('deal list, experiment running again', () => list)).perSecond);
    await admin('POST', `/admin/experiments/${again.id}/stop`);
    rounds.stopped.push((await load('deal list, stopped again', () => list)).perSecond);
    console.log(JSON.stringify({ dealListPerSecond: rounds }));
  } finally {
    await db.end().catch(() => {});
    await server.stop();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${NAME} with (force)`);
    await c.end();
  }
}

await main();
