import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startTestServer, testDatabaseUrl, type TestServer } from '../harness.js';
import { createWorld, newCustomer, type World } from '../fixtures.js';
import { Api } from '../client.js';
import { WEB_DIST } from '../../src/web.js';
import type { Config } from '../../src/lib/config.js';
import { describeOnFailure } from './on-failure.js';

/**
 * A real browser against a real server: a fresh database with the small test world, the HTTP
 * server listening on a random loopback port and serving the built web apps, and Debian's
 * Chromium driven by playwright-core.
 */
export const CHROMIUM = process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Screenshots go to a git-ignored folder; the documented ones in docs/screenshots are replaced
 * only on purpose, with LINLI_UPDATE_SCREENSHOTS=1.
 */
export const SCREENSHOTS =
  process.env.LINLI_UPDATE_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../../docs/screenshots')
    : resolve(import.meta.dirname, '.screenshots');
export const PASSWORD = 'customer-123';

export type AppName = 'shop' | 'leader' | 'admin';

export interface BrowserWorld {
  server: TestServer;
  world: World;
  baseUrl: string;
  browser: Browser;
  /** a customer whose pickup point is world.pickupPointIds[0] */
  customer: { phone: string; password: string; userId: string; api: Api };
  /** a phone's page; `userAgent` to be another browser (WeChat's: MicroMessenger) */
  phonePage(opts?: { userAgent?: string }): Promise<Page>;
  desktopPage(): Promise<Page>;
  /** Puts a signed-in session into the app's localStorage (no UI), as a returning user has it. */
  signIn(page: Page, app: AppName, who: { phone: string; password: string }): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
  /**
   * What went wrong in any page so far: security-policy violations, uncaught errors, console
   * errors and failed loads (refusals of the API itself are part of the flows under test).
   * close() fails the test file when this is not empty.
   */
  problems: string[];
  close(): Promise<void>;
}

export async function startBrowserWorld(overrides: Partial<Config> = {}): Promise<BrowserWorld> {
  if (!existsSync(resolve(WEB_DIST, 'shop/index.html'))) {
    throw new Error(`The web apps are not built in ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  const server = await startTestServer(overrides);
  const world = await createWorld(server);
  const c = await newCustomer(server, world.pickupPointIds[0], '王阿姨');
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const pages: { page: Page; answers: string[] }[] = [];
  const page = async (viewport: { width: number; height: number }, mobile: boolean, userAgent?: string) => {
    const context = await browser.newContext({
      viewport,
      ...(userAgent ? { userAgent } : {}),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: mobile,
      hasTouch: mobile,
      deviceScaleFactor: mobile ? 2 : 1,
    });
    contexts.push(context);
    // Chromium reports a blocked script, style or image in the console too, but the event names the directive.
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`,
        ),
      ),
    );
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    const answers: string[] = [];
    pages.push({ page: p, answers });
    const started = new WeakMap<object, number>();
    const answered = async (req: Request, failed?: string) => {
      const path = new URL(req.url()).pathname;
      if (!path.startsWith('/api/')) return;
      const status = failed ?? (await req.response().catch(() => null))?.status() ?? '-';
      answers.push(`${req.method()} ${path} ${status} ${Date.now() - (started.get(req) ?? Date.now())} ms`);
      if (answers.length > 15) answers.shift();
    };
    p.on('request', (req) => started.set(req, Date.now()));
    p.on('requestfinished', (req) => void answered(req));
    p.on('requestfailed', (req) => void answered(req, req.failure()?.errorText ?? 'failed'));
    p.on('pageerror', (err) => problems.push(`${p.url()}: uncaught ${err.message}`));
    p.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const from = msg.location().url ?? '';
      // an answer of the API like 409 sold out or 401 wrong password is what a flow expects
      if (/status of 4\d\d/.test(msg.text()) && new URL(from, baseUrl).pathname.startsWith('/api/v1/')) return;
      problems.push(`${p.url()}: ${msg.text()}${from ? ` (${from})` : ''}`);
    });
    return p;
  };
  const forget = describeOnFailure(async () => {
    const described = await Promise.all(
      pages
        .filter(({ page }) => !page.isClosed())
        .map(async ({ page, answers }) => {
          // what a person would see on top: open dialogs and the latest messages
          const onTop = await page
            .locator('.ant-modal-wrap:visible .ant-modal, .adm-popup:visible, .ant-message, .adm-toast-main')
            .allInnerTexts();
          return [
            `${page.url()}`,
            ...onTop.map((t) => `  on top: ${t.replace(/\s+/g, ' ').slice(0, 300)}`),
            ...answers.map((a) => `  ${a}`),
          ].join('\n');
        }),
    );
    return described.join('\n');
  });
  return {
    server,
    world,
    baseUrl,
    browser,
    problems,
    customer: { phone: c.phone, password: PASSWORD, userId: c.userId, api: c.api },
    phonePage: (opts) => page({ width: 390, height: 844 }, true, opts?.userAgent),
    desktopPage: () => page({ width: 1440, height: 900 }, false),
    async signIn(p, app, who) {
      const login = await new Api(server.app).post('/auth/login', who);
      if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
      await p
        .context()
        .addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
          `linli.${app}.session`,
          JSON.stringify({ token: login.body.token, user: login.body.user }),
        ] as const);
    },
    async shot(p, name) {
      // The same screens render on both databases; keep one set of pictures.
      if (testDatabaseUrl()) return;
      mkdirSync(SCREENSHOTS, { recursive: true });
      await p.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      forget();
      for (const ctx of contexts) await ctx.close().catch(() => {});
      await browser.close();
      await server.close();
      if (problems.length) throw new Error(`The pages reported problems:\n${problems.join('\n')}`);
    },
  };
}
