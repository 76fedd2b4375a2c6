import { loadConfig } from './lib/config.js';
import { openConfiguredDatabase, startServer } from './server.js';

const config = loadConfig();
const database = await openConfiguredDatabase(config);
// The demo code loads only when it is wanted.
const demo = config.demo ? await (await import('./demo/seed.js')).seedDemoIfEmpty(database.db, config) : null;
const server = await startServer(database, config, { logger: process.env.LINLI_LOG === '1' });

const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite at ${config.dataDir}`;
console.log(`\nLinli 邻里 is running on ${where}
  API          ${server.url}/api/v1
  API docs     ${server.url}/api/docs
  Health       ${server.url}/api/health`);
if (demo) {
  console.log('\nDemo logins (phone / password):');
  for (const login of demo.logins) console.log(`  ${login.role.padEnd(10)} ${login.phone} / ${login.password}   ${login.note}`);
}
if (config.adminPhone) console.log(`\nAdmin from LINLI_ADMIN_PHONE: ${config.adminPhone}`);

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
