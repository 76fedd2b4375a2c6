/**
 * Demand forecast accuracy: WAPE (Σ|actual − forecast| / Σ actual) of the next-day forecast per
 * product × pickup point (decision 049) against the naive "same weekday last week", over the
 * demo's history, each day forecast from the days before it only (a rolling origin).
 *
 * First on generated history whose shape is known (no database), then: seeds the demo (both cities) into a PostgreSQL database of its own (dropped at the end), rolls
 * the demand up, and evaluates every day from the third week on; also the read time of one
 * region's forecast as the campaign editor asks for it.
 *
 *   npm run bench:forecast [-- --days 30 --orders-per-day 32] [--keep linli_forecast_dev]
 *
 * `--keep <name>` seeds into (or reuses) that database and leaves it, to look into or run again.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrate, openDatabase, rows } from '../server/src/db/client.js';
import { loadConfig } from '../server/src/lib/config.js';
import { addDays, businessDate } from '../server/src/lib/time.js';
import { seedDemoIfEmpty } from '../server/src/demo/seed.js';
import { readDemand } from '../server/src/modules/forecast/rollup.js';
import { demandForecast } from '../server/src/modules/forecast/service.js';
import {
  type Accuracy,
  type CellMethod,
  DEFAULT_PARAMS,
  type DemandHistory,
  evaluateForecasts,
  type ForecastParams,
} from '../server/src/modules/forecast/rules.js';
import { freshPostgres } from './lib.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const DAYS = arg('days', 30);
const ORDERS = arg('orders-per-day', 32);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const keepAt = argv.indexOf('--keep');
const KEEP = keepAt >= 0 ? argv[keepAt + 1] : undefined;
const NAME = KEEP ?? `linli_forecast_bench_${process.pid}`;

async function reuse(name: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  const { rows: found } = await c.query('select 1 from pg_database where datname = $1', [name]);
  await c.end();
  if (!found.length) return null;
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
/**
 * First, without a database: generated history with a known weekly shape (weekends 1.4, weekdays
 * 0.84) and +1 % a day, two products at three points (the integration test's), with ±20 % and
 * ±50 % noise, 8 weeks, the last two evaluated.
 */
function generated(noise: number): DemandHistory {
  const shape = [1.4, 0.84, 0.84, 0.84, 0.84, 0.84, 1.4];
  const base = [
    [6, 3, 9],
    [2, 4, 1],
  ];
  let seed = 49;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const h: DemandHistory = { offered: [], units: [] };
  for (let t = 0; t < 56; t++) {
    const day = addDays(GENERATED_FROM, t);
    const w = new Date(`${day}T12:00:00Z`).getUTCDay();
    for (let p = 0; p < 2; p++) {
      h.offered.push({ day, productId: `p${p}`, kind: 'normal' });
      for (let k = 0; k < 3; k++) {
        const n = Math.round(base[p][k] * (1 + 0.01 * t) * shape[w] * (1 - noise + 2 * noise * rand()));
        if (n > 0) h.units.push({ day, productId: `p${p}`, pickupPointId: `k${k}`, units: n });
      }
    }
  }
  return h;
}
const GENERATED_FROM = '2026-01-05';
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const line = (a: Accuracy) =>
  `WAPE ${pct(a.wape)} vs naive ${pct(a.naiveWape)}, bias ${a.bias?.toFixed(2)} (${a.cells} × ${(a.actual / a.cells).toFixed(2)} units)`;
const variants: [string, ForecastParams, CellMethod][] = [
  ['chosen: split, α 0.1 β 0.05 φ 0.98', DEFAULT_PARAMS, 'split'],
  ['split, no trend (β 0)', { ...DEFAULT_PARAMS, beta: 0 }, 'split'],
  ['split, faster level (α 0.2)', { ...DEFAULT_PARAMS, alpha: 0.2 }, 'split'],
  ['split, faster still (α 0.4)', { ...DEFAULT_PARAMS, alpha: 0.4 }, 'split'],
  ['split, more damping (φ 0.9)', { ...DEFAULT_PARAMS, phi: 0.9 }, 'split'],
  ['split, flat weekday profile', { ...DEFAULT_PARAMS, flatProfile: true }, 'split'],
  ['cell: each point on its own', DEFAULT_PARAMS, 'cell'],
];
for (const noise of [0.2, 0.5]) {
  const h = generated(noise);
  const targets = Array.from({ length: 14 }, (_, i) => addDays(GENERATED_FROM, 42 + i));
  console.log(`generated history, ±${noise * 100} % noise: ${targets.length} days evaluated`);
  for (const [label, params, method] of variants) {
    const e = evaluateForecasts(h, targets, params, method);
    console.log(`  ${label.padEnd(36)} product: ${line(e.products)} | point: ${line(e.points)}`);
  }
}

const url = (KEEP && (await reuse(KEEP))) || (await freshPostgres(ADMIN_URL, NAME));
const database = await openDatabase({ url, poolSize: 4 });
try {
  await migrate(database);
  const db = database.db;
  const t0 = Date.now();
  await seedDemoIfEmpty(db, loadConfig({ ...process.env, LINLI_DEMO: '1' }), {
    days: DAYS,
    ordersPerDay: ORDERS,
    log: () => {},
  });
  console.log(`demo of ${DAYS} days seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const regions = await rows<{ id: string; name: string; timeZone: string }>(
    db,
    sql`select id, name, time_zone as "timeZone" from regions order by created_at`,
  );
  for (const region of regions) {
    const today = businessDate(new Date(), region.timeZone);
    const first = addDays(today, -DAYS);
    const history = await readDemand(db, region, first, addDays(today, -1));
    const targets: string[] = [];
    for (let d = addDays(first, 14); d < today; d = addDays(d, 1)) targets.push(d);
    console.log(`\n${region.name}: ${targets.length} days evaluated (${targets[0]} .. ${targets.at(-1)})`);
    for (const [label, params, method] of variants) {
      const e = evaluateForecasts(history, targets, params, method);
      console.log(`  ${label.padEnd(36)} product: ${line(e.products)} | point: ${line(e.points)}`);
    }
    const t1 = process.hrtime.bigint();
    const runs = 5;
    for (let i = 0; i < runs; i++) await demandForecast(db, null, { regionId: region.id });
    console.log(
      `  forecast of the next day (every product): ${(Number(process.hrtime.bigint() - t1) / 1e6 / runs).toFixed(0)} ms`,
    );
  }
} finally {
  await database.close();
  if (KEEP) process.exit(0);
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${NAME} with (force)`);
  await c.end();
}
