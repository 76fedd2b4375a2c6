/**
 * Web budgets, measured in Debian's headless Chromium on loopback against a server holding the
 * demo (30 days of history):
 *   - shop first load on a phone: JavaScript bytes over the wire (gzipped) and the time from
 *     navigation to interactive (today's deals rendered and the add button enabled);
 *   - console dashboard: time from navigation until its charts have drawn the demo's 30 days.
 * It also saves demo-shop.png and demo-dashboard.png (the demo as a newcomer sees it): into docs/screenshots with
 * LINLI_UPDATE_SCREENSHOTS=1, else into server/test/browser/.screenshots.
 * Each page is loaded cold (new browser context: empty cache) several times; medians printed.
 *
 *   npm run bench:web [-- --db pglite|postgres --runs 5 --history empty|month|year]
 *
 * --history month|year (with --db postgres): on a copy of a history database (bench/history.ts) instead of the demo,
 * signed in as its admin and customer 0; no pictures are saved.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { HISTORY_CREDENTIALS, historyArg, historyDatabase } from './history.js';
import { SERVER_DIR, startServer } from './lib.js';

const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const DB = (args.db ?? 'pglite') as 'pglite' | 'postgres';
const RUNS = Number(args.runs ?? 5);
const HISTORY = historyArg();
const DEMO = {
  customer: { phone: '13910000001', password: 'linli-demo' },
  admin: { phone: '13800000000', password: 'linli-admin' },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function login(baseUrl: string, who: { phone: string; password: string }) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return JSON.stringify(await res.json());
}

/** Loads `path` in a fresh context with the app's session, returns JS bytes and ms until every `ready` selector shows. */
async function coldLoad(
  browser: Browser,
  baseUrl: string,
  app: string,
  session: string,
  path: string,
  ready: string[],
  phone: boolean,
  screenshot?: string,
) {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    `linli.${app}.session`,
    session,
  ] as const);
  const page = await context.newPage();
  let jsBytes = 0;
  page.on('requestfinished', async (request) => {
    if (request.resourceType() !== 'script') return;
    const sizes = await request.sizes().catch(() => null);
    if (sizes) jsBytes += sizes.responseBodySize; // bytes on the wire: gzipped when the server gzips
  });
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'commit' });
  for (const selector of ready) await page.waitForSelector(selector, { timeout: 30_000 });
  // the frame after: what was rendered has been painted; performance.now() counts from navigation start
  const ms = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
  await page.waitForLoadState('networkidle');
  // the documented pictures change only on purpose; otherwise they go to a git-ignored folder
  const shots =
    process.env.LINLI_UPDATE_SCREENSHOTS === '1'
      ? resolve(SERVER_DIR, '../docs/screenshots')
      : resolve(SERVER_DIR, 'test/browser/.screenshots');
  if (screenshot) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: resolve(shots, screenshot) });
  }
  await context.close();
  return { jsKb: jsBytes / 1024, ms };
}

async function main() {
  console.log('building the web apps…');
  execSync('npm run build -w web', { cwd: resolve(SERVER_DIR, '..'), stdio: 'ignore' });
  let dataDir: string | undefined;
  // with history, the history's own people sign in (the demo seeds only an empty database)
  const env: Record<string, string> =
    HISTORY === 'empty'
      ? { LINLI_DEMO: '1' }
      : {
          LINLI_ADMIN_PHONE: HISTORY_CREDENTIALS.admin.phone,
          LINLI_ADMIN_PASSWORD: HISTORY_CREDENTIALS.admin.password,
        };
  const people =
    HISTORY === 'empty'
      ? DEMO
      : {
          customer: { phone: HISTORY_CREDENTIALS.customerPhone(0), password: HISTORY_CREDENTIALS.password },
          admin: HISTORY_CREDENTIALS.admin,
        };
  if (DB === 'postgres') env.DATABASE_URL = await historyDatabase(HISTORY, 'linli_bench_web');
  else if (HISTORY !== 'empty') throw new Error('--history month|year needs --db postgres');
  else env.LINLI_DATA_DIR = dataDir = mkdtempSync(join(tmpdir(), 'linli-bench-web-'));
  console.log(
    HISTORY === 'empty'
      ? `starting the server with the demo on ${DB} (seeding takes a minute)…`
      : `starting the server on the ${HISTORY} of history…`,
  );
  const server = await startServer(env, 3900, 1, [], 300_000);
  const browser = await chromium.launch({
    executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  try {
    const customer = await login(server.url, people.customer);
    const admin = await login(server.url, people.admin);
    // one warm-up of each, so the server's first-request work (reading the build) is not counted;
    // it also pictures the demo for the README
    const demo = HISTORY === 'empty';
    await coldLoad(
      browser,
      server.url,
      'shop',
      customer,
      '/shop/',
      SHOP_READY,
      true,
      demo ? 'demo-shop.png' : undefined,
    );
    await coldLoad(
      browser,
      server.url,
      'admin',
      admin,
      '/admin/',
      DASHBOARD_READY,
      false,
      demo ? 'demo-dashboard.png' : undefined,
    );
    const shop = [];
    const dashboard = [];
    for (let i = 0; i < RUNS; i++) {
      shop.push(await coldLoad(browser, server.url, 'shop', customer, '/shop/', SHOP_READY, true));
      dashboard.push(await coldLoad(browser, server.url, 'admin', admin, '/admin/', DASHBOARD_READY, false));
    }
    console.log(
      JSON.stringify({
        db: DB,
        runs: RUNS,
        shopFirstLoadJsKbGzip: Math.round(median(shop.map((r) => r.jsKb)) * 10) / 10,
        shopInteractiveMs: Math.round(median(shop.map((r) => r.ms))),
        dashboardJsKbGzip: Math.round(median(dashboard.map((r) => r.jsKb)) * 10) / 10,
        dashboardRenderedMs: Math.round(median(dashboard.map((r) => r.ms))),
      }),
    );
  } finally {
    await browser.close();
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Today's deals are on screen and can be added to the cart. */
const SHOP_READY = ['[data-testid="deal-card"] [data-testid="add-to-cart"]:not([disabled])'];
/** The dashboard's figures and all four charts are on screen (ECharts draws each without animation). */
const DASHBOARD_READY = ['hourly', 'daily', 'categories', 'products'].map(
  (c) => `[data-testid="dashboard"] [data-testid="chart-${c}"] canvas`,
);

await main();
