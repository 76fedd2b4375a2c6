import { sql } from 'drizzle-orm';
import { one, type Database } from './db/client.js';
import { adminPasswordProblem, loadConfig, type Config } from './lib/config.js';
import { AppError } from './lib/errors.js';
import { isUuid } from './lib/ids.js';
import { addDays, businessDate, localTime } from './lib/time.js';
import { openConfiguredDatabase } from './server.js';

/**
 * The `linli` command: `npm run linli -- <command>` from the repository root. It works on the
 * database the environment selects (DATABASE_URL, else the embedded PGlite in LINLI_DATA_DIR).
 * The embedded database belongs to one process at a time: stop the server before using it.
 */

const HELP = `Usage: npm run linli -- <command> [options]

Commands:
  migrate                               apply the database migrations
  create-admin --phone P --password X   create an admin (or reset its password and grant the role);
                                        LINLI_ADMIN_PHONE / LINLI_ADMIN_PASSWORD work too
  cutoff <campaignId>                   cut a campaign off now and print the result
  simulate --days N --customers N       play N past order days through the services (orders, payments,
           [--orders-per-day N]         cutoff, receiving, pickups, refunds, commissions); creates the demo
           [--seed N]                   network and customers if missing; extends history before the
                                        earliest existing campaign, and rolls the played days up
  rollup [--from YYYY-MM-DD]            rebuild the dashboard's daily rollups from the orders and refunds, per
         [--to YYYY-MM-DD]              region and in its calendar (default: every day with data up to the
                                        region's last closed day), e.g.
                                        after loading history in bulk
  wechat-standin [--port N] [--dir D]   start a local stand-in of WeChat Pay (not in production): writes a
                [--linli-url U]         merchant's keys to D and prints the environment that points Linli at
                [--mode public_key|certificate]  it (notifications go to U, default http://127.0.0.1:3000)
  help                                  this text

Environment: DATABASE_URL (PostgreSQL), LINLI_DATA_DIR (embedded PGlite, default ./data).`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { command: string; positional: string[]; flags: Map<string, string> } {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) flags.set(arg.slice(2), rest[++i]);
    else throw new UsageError(`${arg} needs a value`);
  }
  return { command, positional, flags };
}

function positiveInt(flags: Map<string, string>, name: string, fallback?: number): number {
  const raw = flags.get(name);
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const where = (config: Config) => (config.databaseUrl ? 'PostgreSQL' : `the embedded PGlite at ${config.dataDir}`);

async function createAdmin(config: Config, flags: Map<string, string>) {
  const phone = flags.get('phone') ?? process.env.LINLI_ADMIN_PHONE;
  const password = flags.get('password') ?? process.env.LINLI_ADMIN_PASSWORD;
  if (!phone || !password)
    throw new UsageError('create-admin needs --phone and --password (or LINLI_ADMIN_PHONE / LINLI_ADMIN_PASSWORD)');
  if (!/^1\d{10}$/.test(phone)) throw new UsageError('The phone must be 11 digits starting with 1');
  if (password.length < 8) throw new UsageError('The password must have at least 8 characters');
  const weak = config.production ? adminPasswordProblem(password) : undefined;
  if (weak) throw new UsageError(`In production the admin password ${weak}`);
  const { ensureAdmin } = await import('./modules/accounts/service.js');
  await withDatabase(config, (database) => ensureAdmin(database.db, phone, password));
  console.log(`Admin ${phone} is ready on ${where(config)}.`);
}

async function cutoff(config: Config, campaignId: string | undefined) {
  if (!campaignId || !isUuid(campaignId)) throw new UsageError('cutoff needs a campaign id (a UUID)');
  const { runCutoff } = await import('./flows/cutoff.js');
  const result = await withDatabase(config, (database) => runCutoff(database.db, campaignId));
  console.log(JSON.stringify(result, null, 2));
}

async function simulate(config: Config, flags: Map<string, string>) {
  const days = positiveInt(flags, 'days');
  const customers = positiveInt(flags, 'customers', 500);
  const ordersPerDay = positiveInt(flags, 'orders-per-day', 60);
  const seed = positiveInt(flags, 'seed', 20_241_111);
  const { backdateSetUp, ensureDemoBase } = await import('./demo/seed.js');
  const { openDay, simulateHistory } = await import('./demo/simulate.js');
  await withDatabase(config, async ({ db }) => {
    const started = Date.now();
    const since = new Date(started - 1000);
    const base = await ensureDemoBase(db, { customers });
    // New days go before the earliest campaign, so simulated days never overlap existing ones.
    const earliest = await one<{ at: unknown }>(db, sql`select min(cutoff_at) as at from campaigns`);
    const lastDate = earliest?.at ? addDays(businessDate(new Date(String(earliest.at))), -1) : addDays(openDay(), -1);
    console.error(
      `Simulating ${days} order days (${addDays(lastDate, 1 - days)} … ${lastDate}) with ${base.customers} customers on ${where(config)}`,
    );
    const bar = progressBar();
    const result = await simulateHistory(db, config, {
      days,
      ordersPerDay,
      seed,
      lastDate,
      onProgress: (p) =>
        bar(
          p.day / p.days,
          `${p.day}/${p.days} days  ${p.date}  ${p.orders} orders  ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ),
    });
    bar.done();
    // customers (and a network) created just now stand for people who signed up before their first order
    await backdateSetUp(db, since, localTime(addDays(lastDate, 1 - days), '00:00'));
    // the played days are closed days: the dashboard reads them from its rollups
    const { rebuildDailyRollups } = await import('./modules/analytics/rollups.js');
    await rebuildDailyRollups(db, { from: addDays(lastDate, 1 - days), to: lastDate });
    console.log(JSON.stringify({ ...result, seconds: Math.round((Date.now() - started) / 100) / 10 }, null, 2));
  });
}

/** A one-line progress bar on stderr (a line per 10 % when stderr is not a terminal). */
function progressBar() {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  const render = Object.assign(
    (fraction: number, text: string) => {
      const width = 30;
      const filled = Math.round(fraction * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else if (Math.floor(fraction * 10) > lastTenth) {
        lastTenth = Math.floor(fraction * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    { done: () => tty && process.stderr.write('\n') },
  );
  return render;
}

function dateFlag(flags: Map<string, string>, name: string): string | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw)))
    throw new UsageError(`--${name} must be a date (YYYY-MM-DD), got "${raw}"`);
  return raw;
}

async function rollup(config: Config, flags: Map<string, string>) {
  const from = dateFlag(flags, 'from');
  const to = dateFlag(flags, 'to');
  if (from && to && from > to) throw new UsageError('--from must not be after --to');
  const { rebuildDailyRollups } = await import('./modules/analytics/rollups.js');
  await withDatabase(config, async ({ db }) => {
    const started = Date.now();
    const result = await rebuildDailyRollups(db, { from, to });
    console.log(JSON.stringify({ ...result, seconds: Math.round((Date.now() - started) / 100) / 10 }));
  });
}

/** A local WeChat Pay for demos and manual tests, with its merchant's keys; never in production. */
async function wechatStandin(config: Config, flags: Map<string, string>) {
  if (config.production) throw new UsageError('the WeChat stand-in is for development and tests, never in production');
  const port = Number(flags.get('port') ?? 3999);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const mode = flags.get('mode') ?? 'public_key';
  if (mode !== 'public_key' && mode !== 'certificate') throw new UsageError('--mode must be public_key or certificate');
  const linliUrl = flags.get('linli-url') ?? 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^\s]+$/.test(linliUrl)) throw new UsageError('--linli-url must be an http(s) URL');
  const { resolve } = await import('node:path');
  const dir = resolve(flags.get('dir') ?? resolve(config.dataDir, 'wechat-standin'));
  const { generateMerchant, linliEnv } = await import('./standin/wechat/keys.js');
  const { startWechatStandin } = await import('./standin/wechat/server.js');
  const merchant = generateMerchant(dir, mode);
  const standin = await startWechatStandin({ merchant, port });
  console.log(`WeChat stand-in listening on ${standin.url}; the merchant's keys are in ${dir}.`);
  console.log('Start Linli with:');
  const { publicBase } = await import('./modules/payments/wechatpay/rules.js');
  const env = linliEnv(merchant, standin.url, `${publicBase(linliUrl)}/api/v1`);
  for (const [name, value] of Object.entries(env)) console.log(`export ${name}=${value}`);
  await new Promise<void>((done) => {
    const stop = () => void standin.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function main(argv: string[]): Promise<void> {
  const { command, positional, flags } = parseArgs(argv);
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      await withDatabase(config, async () => {});
      console.log(`Migrations applied on ${where(config)}.`);
      return;
    case 'create-admin':
      return createAdmin(config, flags);
    case 'cutoff':
      return cutoff(config, positional[0]);
    case 'simulate':
      return simulate(config, flags);
    case 'rollup':
      return rollup(config, flags);
    case 'wechat-standin':
      return wechatStandin(config, flags);
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`linli: ${err.message}\n\n${HELP}`);
    process.exit(2);
  }
  if (err instanceof AppError)
    console.error(`linli: ${err.code}: ${err.message}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
  else console.error(`linli: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
}
