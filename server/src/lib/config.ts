import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Settings from the environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** NODE_ENV=production or LINLI_ENV=production: no convenient defaults (see validateProduction) */
  production: boolean;
  demo: boolean;
  adminPhone?: string;
  adminPassword?: string;
  /** the simulated payment provider and its cashier: on outside production, opt-in (LINLI_SIMPAY=1) in it */
  simpay: boolean;
  simpaySecret: string;
  /** registration and sign-in by code need an SMS code: on in production, off otherwise (LINLI_SMS_VERIFY) */
  smsVerify: boolean;
  sms: SmsConfig;
  /** scrypt cost as log2(N); 17 unless lowered for tests and development (production refuses less) */
  scryptLogN: number;
  settlementDelayDays: number;
  /** how long a leader may undo a pickup at the desk, in minutes (LINLI_PICKUP_UNDO_MINUTES, 0–60; decision 034) */
  pickupUndoMinutes: number;
  unpaidExpiryMinutes: number;
  /** unpaid flash-sale orders give their units back sooner */
  flashUnpaidExpiryMinutes: number;
  /** how old the deal list's sold and remaining may be when served, in ms (LINLI_DEAL_LIST_REFRESH_MS, 0–1000; decision 021) */
  dealListRefreshMs: number;
  /** run the job runner in this process */
  jobs: boolean;
  /** HTTP worker processes sharing the port (PostgreSQL only; the embedded PGlite lives in one process) */
  workers: number;
  /** PostgreSQL connections per process */
  dbPoolSize: number;
  notifyWebhookUrl?: string;
  /**
   * Which peers are reverse proxies whose X-Forwarded-For names the client (LINLI_TRUST_PROXY):
   * their addresses or CIDR ranges, or a hop count; false = the connection's own address is the client.
   */
  trustProxy: TrustProxy;
  /** served to browsers over HTTPS (directly or behind a proxy): HSTS and upgrade-insecure-requests are sent */
  https: boolean;
  /** price of the annual paid membership */
  membershipPriceFen: number;
  /** points each side of a referral gets when the invitee's first order is completed */
  referralPoints: number;
  /** rewarded referrals per inviter and calendar month */
  referralMonthlyCap: number;
  /** where uploaded files (product pictures) are kept: a local folder, or S3-compatible object storage when configured */
  media: MediaConfig;
  /** WeChat Pay API v3 (LINLI_WECHATPAY=1 and LINLI_WECHATPAY_*; decision 063): off unless configured */
  wechatPay?: WechatPayConfig;
  /** WeChat sign-in: the 公众号's OAuth2 and/or the mini-program's code2session (LINLI_WECHAT_*) */
  wechat?: WechatLoginConfig;
}

export interface WechatPayConfig {
  baseUrl: string;
  mchid: string;
  /** the 公众号 / H5 app id payments are made under */
  appId: string;
  /** the mini-program's app id, when it pays too */
  miniProgramAppId?: string;
  serialNo: string;
  privateKeyFile: string;
  apiV3KeyFile: string;
  /** the newer mode: one WeChat Pay public key and its id (PUB_KEY_ID_…); else platform certificates are downloaded */
  publicKeyFile?: string;
  publicKeyId?: string;
  /** Linli's public address WeChat Pay sends notifications to, e.g. https://shop.example.com/api */
  notifyBaseUrl: string;
  /** a payment without a notification this long is asked about (LINLI_WECHATPAY_QUERY_AFTER_MINUTES) */
  queryAfterMinutes: number;
}

export interface WechatLoginConfig {
  /** https://open.weixin.qq.com: where the customer's browser is sent to authorize */
  openBaseUrl: string;
  /** https://api.weixin.qq.com: where codes are exchanged */
  apiBaseUrl: string;
  /** the 公众号 (H5 in WeChat) */
  officialAccount?: { appId: string; secretFile: string };
  miniProgram?: { appId: string; secretFile: string };
  /**
   * the shop's public address WeChat sends the browser back to, e.g. https://shop.example.com/shop
   * (LINLI_WECHAT_SHOP_URL; its host is the 公众号's 网页授权域名); unset: the request's own address
   */
  shopUrl?: string;
}

export interface MediaConfig {
  /** LINLI_MEDIA_DIR, default <data dir>/media; used when no S3 endpoint is configured */
  dir: string;
  s3?: S3Config;
}

/** S3-compatible object storage (AWS S3, Aliyun OSS, Tencent COS, MinIO): LINLI_S3_* */
export interface S3Config {
  /** e.g. https://oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path (MinIO) instead of the host name (OSS, COS, AWS): LINLI_S3_PATH_STYLE=1 */
  pathStyle: boolean;
}

/** Fastify's `trustProxy`, in the two shapes Linli accepts: named proxies (addresses, CIDR ranges) or a hop count. */
export type TrustProxy = false | string[] | number;

export interface SmsConfig {
  /** log (the code goes to the server log, outside production only), webhook or aliyun */
  provider: 'log' | 'webhook' | 'aliyun';
  webhookUrl?: string;
  webhookSecret?: string;
  aliyunAccessKeyId?: string;
  aliyunAccessKeySecret?: string;
  aliyunSignName?: string;
  aliyunTemplateCode?: string;
  /** the SendSms endpoint; only tests point it elsewhere */
  aliyunEndpoint: string;
}

/** Passwords published with the demo (demo/data.ts): never accepted in production. */
export const DEMO_PASSWORDS: readonly string[] = ['linli-demo', 'linli-admin'];
/** Secrets the code ships with: using one in production would be a secret everyone knows. */
export const BUILT_IN_SECRETS: readonly string[] = ['linli-dev-simpay-secret'];
export const PRODUCTION_SCRYPT_LOG_N = 17;
const MIN_SECRET_LENGTH = 32;
const MIN_ADMIN_PASSWORD_LENGTH = 12;

/** Why an admin password is unfit for production ("is …"), or undefined when it is fit. */
export function adminPasswordProblem(password: string): string | undefined {
  if (DEMO_PASSWORDS.includes(password)) return 'is a demo password; choose your own';
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH) return `is shorter than ${MIN_ADMIN_PASSWORD_LENGTH} characters`;
  return undefined;
}

export const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production' || env.LINLI_ENV === 'production';

/**
 * The reasons a production start must be refused, each one line naming its variable; empty when
 * the environment is fit for production or is not production at all. Pure, so it is tested on
 * its own and main.ts only prints and exits.
 */
export function validateProduction(env: NodeJS.ProcessEnv): string[] {
  if (!isProduction(env)) return [];
  const problems: string[] = [];
  const secret = (name: string) => {
    const value = env[name];
    if (!value)
      problems.push(`${name} is not set; production needs a secret of at least ${MIN_SECRET_LENGTH} characters`);
    else if (BUILT_IN_SECRETS.includes(value)) problems.push(`${name} is a built-in default; set a secret of your own`);
    else if (value.length < MIN_SECRET_LENGTH) problems.push(`${name} is shorter than ${MIN_SECRET_LENGTH} characters`);
  };
  if (env.LINLI_SIMPAY === '1') secret('LINLI_SIMPAY_SECRET');
  const password = env.LINLI_ADMIN_PASSWORD;
  const weak = password ? adminPasswordProblem(password) : undefined;
  if (weak) problems.push(`LINLI_ADMIN_PASSWORD ${weak}`);
  if (env.LINLI_SCRYPT_LOG_N && Number(env.LINLI_SCRYPT_LOG_N) !== PRODUCTION_SCRYPT_LOG_N) {
    problems.push(`LINLI_SCRYPT_LOG_N lowers password hashing below its production strength; unset it`);
  }
  if (env.LINLI_S3_ENDPOINT && !env.LINLI_S3_SECRET_ACCESS_KEY)
    problems.push('LINLI_S3_SECRET_ACCESS_KEY is not set; object storage (LINLI_S3_ENDPOINT) needs it');
  const provider = env.LINLI_SMS_PROVIDER || 'log';
  const smsVerify = env.LINLI_SMS_VERIFY !== '0';
  if (provider === 'webhook') {
    if (!env.LINLI_SMS_WEBHOOK_URL)
      problems.push('LINLI_SMS_WEBHOOK_URL is not set; the webhook SMS provider needs it');
    secret('LINLI_SMS_WEBHOOK_SECRET');
  } else if (provider === 'aliyun') {
    for (const name of ['LINLI_ALIYUN_ACCESS_KEY_ID', 'LINLI_ALIYUN_SMS_SIGN_NAME', 'LINLI_ALIYUN_SMS_TEMPLATE_CODE']) {
      if (!env[name]) problems.push(`${name} is not set; the aliyun SMS provider needs it`);
    }
    if (!env.LINLI_ALIYUN_ACCESS_KEY_SECRET)
      problems.push('LINLI_ALIYUN_ACCESS_KEY_SECRET is not set; the aliyun SMS provider needs it');
  } else if (smsVerify) {
    // the log provider keeps codes out of the log in production, so nobody could ever receive one
    problems.push(
      'LINLI_SMS_PROVIDER must be webhook or aliyun while SMS verification is on (LINLI_SMS_VERIFY=0 turns it off)',
    );
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return n;
  };
  const production = isProduction(env);
  const dataDir = resolve(env.INIT_CWD ?? process.cwd(), env.LINLI_DATA_DIR ?? './data');
  return {
    port: int('PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    // npm runs scripts inside the workspace folder; a relative path means relative to where `npm start` was typed
    dataDir,
    production,
    demo: production ? env.LINLI_DEMO === '1' : env.LINLI_DEMO !== '0',
    adminPhone: env.LINLI_ADMIN_PHONE || undefined,
    adminPassword: env.LINLI_ADMIN_PASSWORD || undefined,
    simpay: production ? env.LINLI_SIMPAY === '1' : env.LINLI_SIMPAY !== '0',
    simpaySecret: env.LINLI_SIMPAY_SECRET || BUILT_IN_SECRETS[0],
    smsVerify: env.LINLI_SMS_VERIFY === '1' || (env.LINLI_SMS_VERIFY !== '0' && production),
    sms: {
      provider: smsProvider(env.LINLI_SMS_PROVIDER),
      webhookUrl: env.LINLI_SMS_WEBHOOK_URL || undefined,
      webhookSecret: env.LINLI_SMS_WEBHOOK_SECRET || undefined,
      aliyunAccessKeyId: env.LINLI_ALIYUN_ACCESS_KEY_ID || undefined,
      aliyunAccessKeySecret: env.LINLI_ALIYUN_ACCESS_KEY_SECRET || undefined,
      aliyunSignName: env.LINLI_ALIYUN_SMS_SIGN_NAME || undefined,
      aliyunTemplateCode: env.LINLI_ALIYUN_SMS_TEMPLATE_CODE || undefined,
      aliyunEndpoint: 'https://dysmsapi.aliyuncs.com/',
    },
    scryptLogN: scryptLogN(env.LINLI_SCRYPT_LOG_N),
    settlementDelayDays: int('LINLI_SETTLEMENT_DELAY_DAYS', 7),
    pickupUndoMinutes: Math.min(60, Math.max(0, int('LINLI_PICKUP_UNDO_MINUTES', 5))),
    unpaidExpiryMinutes: int('LINLI_UNPAID_EXPIRY_MINUTES', 15),
    flashUnpaidExpiryMinutes: int('LINLI_FLASH_UNPAID_EXPIRY_MINUTES', 5),
    dealListRefreshMs: Math.min(1000, Math.max(0, int('LINLI_DEAL_LIST_REFRESH_MS', 1000))),
    jobs: env.LINLI_JOBS !== '0',
    workers: Math.max(1, int('LINLI_WORKERS', 1)),
    dbPoolSize: Math.max(1, int('LINLI_DB_POOL', 20)),
    notifyWebhookUrl: env.LINLI_NOTIFY_WEBHOOK_URL || undefined,
    trustProxy: trustProxy(env.LINLI_TRUST_PROXY),
    https: env.LINLI_HTTPS === '1',
    membershipPriceFen: int('LINLI_MEMBERSHIP_PRICE_FEN', 9900),
    referralPoints: int('LINLI_REFERRAL_POINTS', 200),
    referralMonthlyCap: int('LINLI_REFERRAL_MONTHLY_CAP', 20),
    media: {
      dir: env.LINLI_MEDIA_DIR
        ? resolve(env.INIT_CWD ?? process.cwd(), env.LINLI_MEDIA_DIR)
        : resolve(dataDir, 'media'),
      s3: s3Config(env),
    },
    wechatPay: wechatPayConfig(env),
    wechat: wechatLoginConfig(env),
  };
}

const need = (env: NodeJS.ProcessEnv, name: string, why: string) => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set; ${why} needs it`);
  return value;
};

/** WeChat's hosts unless pointed elsewhere (the local stand-in); production accepts https only. */
function wechatUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const url = (env[name] || fallback).replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+(\/.*)?$/.test(url)) throw new Error(`${name} must be an http(s) URL, got "${url}"`);
  if (isProduction(env) && !url.startsWith('https://')) throw new Error(`${name} must be https in production`);
  return url;
}

function wechatPayConfig(env: NodeJS.ProcessEnv): WechatPayConfig | undefined {
  if (env.LINLI_WECHATPAY !== '1') return undefined;
  const why = 'WeChat Pay (LINLI_WECHATPAY=1)';
  const publicKeyFile = env.LINLI_WECHATPAY_PUBLIC_KEY_FILE || undefined;
  const publicKeyId = env.LINLI_WECHATPAY_PUBLIC_KEY_ID || undefined;
  if (Boolean(publicKeyFile) !== Boolean(publicKeyId))
    throw new Error('LINLI_WECHATPAY_PUBLIC_KEY_FILE and LINLI_WECHATPAY_PUBLIC_KEY_ID go together');
  const queryAfter = Number(env.LINLI_WECHATPAY_QUERY_AFTER_MINUTES || 5);
  if (!Number.isInteger(queryAfter) || queryAfter < 1 || queryAfter > 60)
    throw new Error('LINLI_WECHATPAY_QUERY_AFTER_MINUTES must be an integer from 1 to 60');
  const notifyBaseUrl = wechatUrl(
    env,
    'LINLI_WECHATPAY_NOTIFY_BASE_URL',
    need(env, 'LINLI_WECHATPAY_NOTIFY_BASE_URL', why),
  );
  return {
    baseUrl: wechatUrl(env, 'LINLI_WECHATPAY_BASE_URL', 'https://api.mch.weixin.qq.com'),
    mchid: need(env, 'LINLI_WECHATPAY_MCHID', why),
    appId: env.LINLI_WECHATPAY_APPID || need(env, 'LINLI_WECHAT_APPID', why),
    miniProgramAppId: env.LINLI_WECHAT_MP_APPID || undefined,
    serialNo: need(env, 'LINLI_WECHATPAY_SERIAL_NO', why),
    privateKeyFile: need(env, 'LINLI_WECHATPAY_PRIVATE_KEY_FILE', why),
    apiV3KeyFile: need(env, 'LINLI_WECHATPAY_APIV3_KEY_FILE', why),
    publicKeyFile,
    publicKeyId,
    notifyBaseUrl,
    queryAfterMinutes: queryAfter,
  };
}

function wechatLoginConfig(env: NodeJS.ProcessEnv): WechatLoginConfig | undefined {
  const app = (idName: string, secretName: string) =>
    env[idName] ? { appId: env[idName] as string, secretFile: need(env, secretName, `${idName}`) } : undefined;
  const officialAccount = app('LINLI_WECHAT_APPID', 'LINLI_WECHAT_SECRET_FILE');
  const miniProgram = app('LINLI_WECHAT_MP_APPID', 'LINLI_WECHAT_MP_SECRET_FILE');
  if (!officialAccount && !miniProgram) return undefined;
  const config: WechatLoginConfig = {
    openBaseUrl: wechatUrl(env, 'LINLI_WECHAT_OPEN_URL', 'https://open.weixin.qq.com'),
    apiBaseUrl: wechatUrl(env, 'LINLI_WECHAT_API_URL', 'https://api.weixin.qq.com'),
    officialAccount,
    miniProgram,
    shopUrl: env.LINLI_WECHAT_SHOP_URL ? wechatUrl(env, 'LINLI_WECHAT_SHOP_URL', '') : undefined,
  };
  // WeChat sends the browser back only to the 公众号's registered domain: production names it
  // rather than trusting the address a request came in by
  if (officialAccount && isProduction(env) && !config.shopUrl)
    throw new Error('LINLI_WECHAT_SHOP_URL is required in production with the 公众号 (LINLI_WECHAT_APPID)');
  return config;
}

/** Object storage when LINLI_S3_ENDPOINT is set; every other part it needs must be set too. */
function s3Config(env: NodeJS.ProcessEnv): S3Config | undefined {
  const endpoint = env.LINLI_S3_ENDPOINT;
  if (!endpoint) return undefined;
  if (!/^https?:\/\/[^/]+\/?$/.test(endpoint))
    throw new Error(`LINLI_S3_ENDPOINT must be http(s)://host[:port], got "${endpoint}"`);
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set; object storage (LINLI_S3_ENDPOINT) needs it`);
    return value;
  };
  return {
    endpoint: endpoint.replace(/\/$/, ''),
    bucket: need('LINLI_S3_BUCKET'),
    region: env.LINLI_S3_REGION || 'us-east-1',
    accessKeyId: need('LINLI_S3_ACCESS_KEY_ID'),
    secretAccessKey: need('LINLI_S3_SECRET_ACCESS_KEY'),
    pathStyle: env.LINLI_S3_PATH_STYLE === '1',
  };
}

function smsProvider(raw: string | undefined): SmsConfig['provider'] {
  if (raw === undefined || raw === '' || raw === 'log') return 'log';
  if (raw === 'webhook' || raw === 'aliyun') return raw;
  throw new Error(`LINLI_SMS_PROVIDER must be log, webhook or aliyun, got "${raw}"`);
}

/** proxy-addr's names for the private ranges: 127.0.0.1/8 and ::1; 169.254.0.0/16 and fe80::/10; 10/8, 172.16/12, 192.168/16, fc00::/7 */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_PROXY_HOPS = 10;

/**
 * LINLI_TRUST_PROXY, strictly: a comma-separated list of the proxies' addresses, CIDR ranges or
 * range names (loopback, linklocal, uniquelocal), or a hop count (the number of proxies in front,
 * for a server only they can reach). Anything else is refused: a typo here would either trust
 * every client's X-Forwarded-For (anyone picks the address their sign-in attempts count against)
 * or trust nobody (every customer behind the proxy shares one address).
 */
export function trustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.trim() === '') return false;
  const value = raw.trim();
  const refuse = (why: string): never => {
    throw new Error(
      `LINLI_TRUST_PROXY ${why}; give the proxies' addresses or CIDR ranges (comma-separated; loopback, linklocal and uniquelocal name the private ranges) or a hop count from 1 to ${MAX_PROXY_HOPS}, got "${raw}"`,
    );
  };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > MAX_PROXY_HOPS) refuse(`allows 1 to ${MAX_PROXY_HOPS} hops`);
    return hops;
  }
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (entry === '') refuse('has an empty entry');
    if (PROXY_RANGE_NAMES.includes(entry)) continue;
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) refuse(`has "${entry}", which is not an address or CIDR range`);
    if (prefix !== undefined) {
      const bits = family === 4 ? 32 : 128;
      if (!/^\d+$/.test(prefix) || Number(prefix) > bits) refuse(`has "${entry}", whose prefix is not 0 to ${bits}`);
      // /0 would make every client a proxy, so anyone could choose the address their attempts count against
      if (Number(prefix) === 0) refuse(`has "${entry}", which would trust every address`);
    }
  }
  return entries;
}

function scryptLogN(raw: string | undefined): number {
  if (raw === undefined || raw === '') return PRODUCTION_SCRYPT_LOG_N;
  const n = Number(raw);
  // below 2^10 scrypt stops being a password hash at all; above 2^20 one sign-in takes seconds
  if (!Number.isInteger(n) || n < 10 || n > 20)
    throw new Error(`LINLI_SCRYPT_LOG_N must be an integer from 10 to 20, got "${raw}"`);
  return n;
}
