import { resolve } from 'node:path';

/** Settings from the environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  adminPhone?: string;
  adminPassword?: string;
  simpaySecret: string;
  settlementDelayDays: number;
  unpaidExpiryMinutes: number;
  /** unpaid flash-sale orders give their units back sooner */
  flashUnpaidExpiryMinutes: number;
  /** run the job runner in this process */
  jobs: boolean;
  /** HTTP worker processes sharing the port (PostgreSQL only; the embedded PGlite lives in one process) */
  workers: number;
  /** PostgreSQL connections per process */
  dbPoolSize: number;
  notifyWebhookUrl?: string;
  /** served to browsers over HTTPS (directly or behind a proxy): HSTS and upgrade-insecure-requests are sent */
  https: boolean;
  /** price of the annual paid membership */
  membershipPriceFen: number;
  /** points each side of a referral gets when the invitee's first order is completed */
  referralPoints: number;
  /** rewarded referrals per inviter and calendar month */
  referralMonthlyCap: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return n;
  };
  return {
    port: int('PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    // npm runs scripts inside the workspace folder; a relative path means relative to where `npm start` was typed
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.LINLI_DATA_DIR ?? './data'),
    demo: env.LINLI_DEMO !== '0',
    adminPhone: env.LINLI_ADMIN_PHONE || undefined,
    adminPassword: env.LINLI_ADMIN_PASSWORD || undefined,
    simpaySecret: env.LINLI_SIMPAY_SECRET || 'linli-dev-simpay-secret',
    settlementDelayDays: int('LINLI_SETTLEMENT_DELAY_DAYS', 7),
    unpaidExpiryMinutes: int('LINLI_UNPAID_EXPIRY_MINUTES', 15),
    flashUnpaidExpiryMinutes: int('LINLI_FLASH_UNPAID_EXPIRY_MINUTES', 5),
    jobs: env.LINLI_JOBS !== '0',
    workers: Math.max(1, int('LINLI_WORKERS', 1)),
    dbPoolSize: Math.max(1, int('LINLI_DB_POOL', 20)),
    notifyWebhookUrl: env.LINLI_NOTIFY_WEBHOOK_URL || undefined,
    https: env.LINLI_HTTPS === '1',
    membershipPriceFen: int('LINLI_MEMBERSHIP_PRICE_FEN', 9900),
    referralPoints: int('LINLI_REFERRAL_POINTS', 200),
    referralMonthlyCap: int('LINLI_REFERRAL_MONTHLY_CAP', 20),
  };
}
