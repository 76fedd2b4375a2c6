import { ExposureLog, RunningExperiments } from './modules/experiments/service.js';
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database, Db } from './db/client.js';
import type { Config } from './lib/config.js';
import { Authenticator } from './lib/auth.js';
import { Throttle } from './lib/throttle.js';
import { createSmsProvider, type SmsProvider } from './lib/sms.js';
import { SoldOutCache } from './lib/sold-out.js';
import { FlashLane } from './flows/flash-lane.js';
import { DealList } from './modules/campaigns/deal-list.js';
import { createStorage, type FileStorage } from './lib/storage.js';

// The app's type and its context live apart from app.ts, which registers the module routes that
// need them: importing them from app.ts would make every module import the file that imports it.

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** the JSON body's exact text (app.ts keeps it): payment notifications are signed over it */
    rawBody?: string;
  }
}

export interface AppContext {
  database: Database;
  db: Db;
  config: Config;
  auth: Authenticator;
  soldOut: SoldOutCache;
  /** the shop's deal list kept in memory, shared by every shopper (decision 021) */
  dealList: DealList;
  /** the running A/B experiments as the shop shows them, and their first exposures (decision 048) */
  runningExperiments: RunningExperiments;
  exposures: ExposureLog;
  /** sells this process's flash-deal orders in batches (decision 009) */
  flashLane: FlashLane;
  /** attempt limits counted in the database, shared by every process */
  throttle: Throttle;
  /** where SMS verification codes go (LINLI_SMS_PROVIDER) */
  sms: SmsProvider;
  /** every uploaded file (product pictures): a local folder or S3-compatible object storage */
  storage: FileStorage;
}

export function createContext(
  database: Database,
  config: Config,
  opts: { sms?: SmsProvider; storage?: FileStorage } = {},
): AppContext {
  const soldOut = new SoldOutCache();
  return {
    database,
    db: database.db,
    config,
    auth: new Authenticator(database.db, { listen: database.listen }),
    soldOut,
    dealList: new DealList(database.db, soldOut, { listen: database.listen, countersMs: config.dealListRefreshMs }),
    runningExperiments: new RunningExperiments(database.db),
    exposures: new ExposureLog(database.db),
    flashLane: new FlashLane(config.flashUnpaidExpiryMinutes, soldOut),
    throttle: new Throttle(database.db),
    sms: opts.sms ?? createSmsProvider(config),
    storage: opts.storage ?? createStorage(config.media),
  };
}
