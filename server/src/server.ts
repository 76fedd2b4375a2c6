import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp } from './app.js';
import { createContext, type App, type AppContext } from './context.js';
import { migrate, openDatabase, type Database } from './db/client.js';
import type { Config } from './lib/config.js';
import type { LogOptions } from './lib/log.js';
import { configurePasswordHashing, standInHash } from './lib/password.js';
import { ensureAdmin } from './modules/accounts/service.js';
import { backfillNameKeys } from './modules/search/service.js';
import { ensureRecurring, JobRunner } from './jobs/runner.js';
import { jobHandlers, RECURRING } from './jobs/index.js';
import { createPartitionsAhead } from './modules/events/partitions.js';
import { OutboxPump } from './modules/outbox/pump.js';
import { outboxHandlers } from './modules/outbox/senders.js';

/** Opens (and migrates) the database the configuration points at: PostgreSQL or the embedded PGlite. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  configurePasswordHashing(config.scryptLogN);
  let dataDir: string | undefined;
  if (!config.databaseUrl) {
    dataDir = resolve(config.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir, poolSize: config.dbPoolSize });
  await migrate(database);
  // products written before search existed get their pinyin keys (a no-op once they have them)
  await backfillNameKeys(database.db);
  if (config.adminPhone && config.adminPassword)
    await ensureAdmin(database.db, config.adminPhone, config.adminPassword);
  return database;
}

export interface RunningServer {
  app: App;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/** Starts the HTTP server and (unless disabled) the job runner on an opened database. */
export async function startServer(
  database: Database,
  config: Config,
  opts: { logger?: boolean | LogOptions } = {},
): Promise<RunningServer> {
  const ctx = createContext(database, config);
  const app = await buildApp(ctx, { logger: opts.logger });
  let runner: JobRunner | undefined;
  let pump: OutboxPump | undefined;
  if (config.jobs) {
    for (const [name, schedule] of Object.entries(RECURRING)) await ensureRecurring(database.db, name, schedule);
    runner = new JobRunner(database.db, jobHandlers(config));
    runner.start();
    pump = new OutboxPump(database.db, outboxHandlers(config));
    pump.start();
  }
  // today's and the next days' event partitions before the first request (the job keeps them ahead)
  await createPartitionsAhead(database.db);
  await database.warm();
  await standInHash();
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  return {
    app,
    ctx,
    url,
    async stop() {
      await Promise.all([runner?.stop(), pump?.stop()]);
      await app.close();
    },
  };
}
