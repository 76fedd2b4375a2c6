import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, validateProduction } from './lib/config.js';
import { configurePasswordHashing, standInHash } from './lib/password.js';
import { openConfiguredDatabase, startServer } from './server.js';

// Production refuses to start rather than run open: one line per reason, each naming its variable.
const problems = validateProduction(process.env);
if (problems.length) {
  for (const problem of problems) console.error(`Refusing to start in production: ${problem}`);
  process.exit(1);
}
// A setting that cannot be read refuses the start the same way: one line naming the variable.
const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    console.error(`Refusing to start: ${(err as Error).message}`);
    process.exit(1);
  }
})();
// Several workers share the port when asked (PostgreSQL only: PGlite lives inside one process).
// They share nothing but the database, which is what makes this safe.
const workers = config.databaseUrl ? config.workers : 1;

if (workers > 1 && cluster.isPrimary) {
  const database = await openConfiguredDatabase(config);
  const demo = config.demo ? await (await import('./demo/seed.js')).seedDemoIfEmpty(database.db, config) : null;
  await database.close();
  await webBuilt();
  for (let i = 0; i < workers; i++) cluster.fork();
  let ready = 0;
  cluster.on('message', (_worker, message: { url?: string }) => {
    if (message.url && ++ready === workers) announce(message.url, demo);
  });
  cluster.on('exit', (worker, code) => {
    if (code !== 0) console.error(`worker ${worker.process.pid} exited with ${code}`);
  });
} else {
  // The demo code loads only when it is wanted (and only once, in the primary, with workers).
  const seeding = config.demo && cluster.isPrimary ? await import('./demo/seed.js') : null;
  // scrypt runs on libuv's thread pool: the hashes the start needs are made while the database opens
  configurePasswordHashing(config.scryptLogN);
  void standInHash();
  void seeding?.demoPasswordHash();
  const database = await openConfiguredDatabase(config);
  const demo = seeding ? await seeding.seedDemoIfEmpty(database.db, config) : null;
  if (cluster.isPrimary) await webBuilt();
  const server = await startServer(database, config, { logger: process.env.LINLI_LOG === '1' });
  if (cluster.isPrimary) announce(server.url, demo);
  else process.send?.({ url: server.url });

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      await server.stop();
      await database.close();
      process.exit(0);
    });
  }
}

/**
 * `npm start` builds the web apps while the server starts (scripts/start.mjs) and names the file
 * the finished build leaves: the port opens only once it is there, so no page is asked for early.
 */
async function webBuilt() {
  const stamp = process.env.LINLI_WAIT_FOR_WEB;
  if (!stamp || existsSync(stamp)) return;
  const since = Date.now();
  while (!existsSync(stamp)) await sleep(100);
  console.log(`waited ${((Date.now() - since) / 1000).toFixed(1)} s for the web build`);
}

function announce(
  url: string,
  demo: { logins: { role: string; phone: string; password: string; note: string }[] } | null,
) {
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite at ${config.dataDir}`;
  console.log(`\nLinli 邻里 is running on ${where}${workers > 1 ? ` with ${workers} workers` : ''}
  Shop 商城     ${url}/shop/        (phone-sized window)
  Leader 团长端 ${url}/leader/
  Console 后台  ${url}/admin/
  API          ${url}/api/v1
  API docs     ${url}/api/docs
  Health       ${url}/api/health`);
  if (demo) {
    console.log(
      config.production
        ? '\nDemo data is loaded (LINLI_DEMO=1), but in production its published passwords never sign in.'
        : '\nDemo logins (phone / password):',
    );
    if (!config.production)
      for (const login of demo.logins)
        console.log(`  ${login.role.padEnd(10)} ${login.phone} / ${login.password}   ${login.note}`);
  }
  if (config.adminPhone) console.log(`\nAdmin from LINLI_ADMIN_PHONE: ${config.adminPhone}`);
  if (config.simpay) {
    const line = '!'.repeat(78);
    console.log(
      `\n${line}\n  PAYMENTS ARE SIMULATED 支付为模拟: the SimPay cashier marks orders paid and no real money\n  moves.${config.production ? ' This is a production server (LINLI_SIMPAY=1).' : ' Off in production unless LINLI_SIMPAY=1.'}\n${line}`,
    );
  }
  console.log(
    `\n${config.production ? 'Production mode' : 'Development mode'}; SMS verification ${config.smsVerify ? `on (provider ${config.sms.provider})` : 'off'}.`,
  );
}
