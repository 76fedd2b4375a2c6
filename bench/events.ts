/**
 * Behaviour-event benchmark (decision 045), on PostgreSQL:
 *
 * 1. A shop with history: `--days` days (default 60) of `--per-day` events a day (default 50,000)
 *    written straight into their day partitions, one pickup point network.
 * 2. Ingestion through HTTP: autocannon sends batches of `--batch` events (default 50), each batch
 *    a new device (10,000 of them) behind a proxy naming many client addresses, to
 *    POST /api/v1/events for `--seconds` (default 15) on `--connections` (default 32) against
 *    `--processes` server processes (default 2). Target: ≥ 20,000 events/s stored.
 * 3. Partition pruning: the plan of one day's funnel over all those days touches only that day's
 *    partitions; the rollup of the history and the funnel of 1 and 30 days are timed.
 *
 *   npm run bench:events [-- --days 60 --per-day 50000 --seconds 15 --connections 32 --processes 2]
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { exec, migrate, one, openDatabase, rows } from '../server/src/db/client.js';
import { funnel, rollUpFunnelDays } from '../server/src/modules/events/funnel.js';
import { ensurePartition } from '../server/src/modules/events/partitions.js';
import { addDays, businessDate, localTime } from '../server/src/lib/time.js';
import { cpuMs, freshPostgres, jsonClient, machineMs, startServer } from './lib.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const DAYS = Number(arg('days', '60'));
const PER_DAY = Number(arg('per-day', '50000'));
const SECONDS = Number(arg('seconds', '15'));
const CONNECTIONS = Number(arg('connections', '32'));
const PROCESSES = Number(arg('processes', '2'));
const BATCH = Number(arg('batch', '50'));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `linli_bench_events_${process.pid}`;
const ADMIN = { phone: '13800000009', password: 'bench-admin-pass-123' };
const TZ = 'Asia/Shanghai';
const REGION = '00000000-0000-4000-8000-000000000001';

const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;

async function main() {
  const url = await freshPostgres(ADMIN_URL, DB_NAME);
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    await migrate(database);
    const db = database.db;
    const server = await startServer(
      {
        DATABASE_URL: url,
        LINLI_ADMIN_PHONE: ADMIN.phone,
        LINLI_ADMIN_PASSWORD: ADMIN.password,
        // a proxy in front names the clients: the per-address limit holds per shopper's address
        LINLI_TRUST_PROXY: '127.0.0.1',
      },
      3960,
      PROCESSES,
    );
    try {
      const request = jsonClient(server.url, 8);
      const login = await request('POST', '/api/v1/auth/login', ADMIN);
      const auth = { authorization: `Bearer ${login.body.token}` };
      const post = async (path: string, body: unknown) => {
        const r = await request('POST', `/api/v1${path}`, body, auth);
        if (r.status !== 201) throw new Error(`${path}: ${JSON.stringify(r.body)}`);
        return r.body;
      };
      const central = await post('/admin/warehouses', { name: '中心仓', kind: 'central' });
      const grid = await post('/admin/warehouses', { name: '网格仓', kind: 'grid', parentId: central.id });
      const route = await post('/admin/routes', { name: '一线', warehouseId: grid.id });
      const points: string[] = [];
      for (let i = 0; i < 20; i++)
        points.push(
          (await post('/admin/pickup-points', { name: `自提点${i + 1}`, address: `路${i + 1}号`, routeId: route.id }))
            .id,
        );

      // 1. the history, straight into its partitions
      const today = businessDate(new Date(), TZ);
      const utcToday = new Date().toISOString().slice(0, 10);
      let t = performance.now();
      for (let d = addDays(utcToday, -DAYS - 1); d <= addDays(utcToday, 7); d = addDays(d, 1))
        await ensurePartition(db, d);
      for (let back = DAYS; back >= 1; back--) {
        const day = addDays(today, -back);
        const start = localTime(day, '00:00', TZ).toISOString();
        await exec(
          db,
          sql`
          insert into behaviour_events (id, at, type, source, device_id, user_id, region_id, pickup_point_id, deal_id)
          select gen_random_uuid(), ${start}::timestamptz + make_interval(secs => (i * 86399.0 / ${PER_DAY})),
            (array['deal_viewed','deal_viewed','deal_viewed','deal_viewed','cart_added','cart_added','order_placed','paid','searched','shared'])[1 + i % 10],
            'shop', md5((i % 20000)::text || ${day})::uuid, null, ${REGION}::uuid,
            (${`{${points.join(',')}}`}::uuid[])[1 + (i / 7) % 20], md5((i % 300)::text)::uuid
          from generate_series(0, ${PER_DAY - 1}) i`,
        );
      }
      await exec(db, sql`analyze behaviour_events`);
      console.log(`history: ${DAYS} days × ${PER_DAY} events written in ${ms(t)}`);

      // 2. ingestion through HTTP
      const before = (await one<{ n: number }>(db, sql`select count(*)::int as n from behaviour_events`))!.n;
      let sent = 0;
      const body = () => {
        const now = new Date().toISOString();
        const events = Array.from({ length: BATCH }, (_, i) => ({
          id: randomUUID(),
          type: i % 5 === 0 ? 'cart_added' : 'deal_viewed',
          at: now,
          pickupPointId: points[i % points.length],
          dealId: points[(i * 7) % points.length],
        }));
        sent++;
        return JSON.stringify({ source: 'shop', deviceId: randomUUID(), events });
      };
      const cpu0 = {
        server: cpuMs(server.pids()),
        db: cpuMs('postgres'),
        bench: process.cpuUsage(),
        machine: machineMs(),
      };
      const result = await autocannon({
        url: server.urls.map((u) => `${u}/api/v1/events`),
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              body: body(),
              headers: {
                'content-type': 'text/plain;charset=UTF-8',
                'x-forwarded-for': `10.${sent % 200}.${(sent >> 8) % 250}.${sent % 250}`,
              },
            }),
          },
        ],
      });
      const benchCpu = process.cpuUsage(cpu0.bench);
      const used = {
        server: cpuMs(server.pids()) - cpu0.server,
        db: cpuMs('postgres') - cpu0.db,
        bench: (benchCpu.user + benchCpu.system) / 1000,
      };
      const machine = machineMs();
      const busyShare =
        (machine.busy - cpu0.machine.busy) / (machine.busy - cpu0.machine.busy + machine.idle - cpu0.machine.idle);
      const after = (await one<{ n: number }>(db, sql`select count(*)::int as n from behaviour_events`))!.n;
      const stored = after - before;
      const non2xx = result.non2xx;
      console.log(
        `ingestion: ${result.requests.total} batches of ${BATCH} in ${SECONDS} s, ${non2xx} not 2xx; ` +
          `${stored} events stored = ${Math.round(stored / SECONDS)} events/s ` +
          `(latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`,
      );
      // The machine may be shared: what this run itself used says what 2 idle cores would do.
      const ours = used.server + used.db + used.bench;
      console.log(
        `cpu: server ${(used.server / 1000).toFixed(1)} s, postgres (all of its processes) ${(used.db / 1000).toFixed(1)} s, ` +
          `load generator ${(used.bench / 1000).toFixed(1)} s; machine busy ${(busyShare * 100).toFixed(0)} %, ` +
          `this run's share ${((ours / (SECONDS * 2000)) * 100).toFixed(0)} % of 2 cores; ` +
          `${Math.round(stored / (used.server / 1000 + used.db / 1000))} events per CPU-second of server + database, ` +
          `${Math.round((stored / ours) * 2000)} events/s on 2 cores at this run's cost (load generator included)`,
      );

      // 3. pruning and reads
      const day = addDays(today, -Math.floor(DAYS / 2));
      const fromAt = localTime(day, '00:00', TZ).toISOString();
      const toAt = localTime(addDays(day, 1), '00:00', TZ).toISOString();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('set plan_cache_mode = force_generic_plan');
      await client.query({
        name: 'day_funnel',
        text: `select count(distinct coalesce(user_id, device_id)) filter (where type = 'deal_viewed') as viewers,
          count(distinct coalesce(user_id, device_id)) filter (where type = 'paid') as payers
          from behaviour_events where region_id = $1 and at >= $2::timestamptz and at < $3::timestamptz`,
        values: [REGION, fromAt, toAt],
      });
      const plan = await client.query({
        text: `explain (analyze, costs off) select count(distinct coalesce(user_id, device_id)) filter (where type = 'deal_viewed') as viewers
          from behaviour_events where region_id = $1 and at >= $2::timestamptz and at < $3::timestamptz`,
        values: [REGION, fromAt, toAt],
      });
      const planText = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      const scanned = new Set(planText.match(/behaviour_events_p\d{8}/g) ?? []);
      const partitions = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pg_inherits where inhparent = 'behaviour_events'::regclass`,
      );
      console.log(
        `pruning: one day's funnel over ${partitions[0].n} partitions scans ${scanned.size} (${[...scanned].join(', ')}); ` +
          `${(planText.match(/Execution Time: ([\d.]+ ms)/) ?? [])[1]}`,
      );
      await client.end();
      t = performance.now();
      const rolled = await rollUpFunnelDays(db);
      console.log(`rollup of the history: ${rolled.reduce((a, r) => a + r.days, 0)} region-days in ${ms(t)}`);
      for (const days of [1, 30, 60]) {
        for (let i = 0; i < 2; i++) await funnel(db, { days });
        t = performance.now();
        const f = await funnel(db, { days });
        console.log(`funnel of ${days} day(s): ${ms(t)} (${f.days.length} region-days, ${f.points.length} point-days)`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.end();
  }
}

await main();
