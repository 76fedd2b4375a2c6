import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { sql } from 'drizzle-orm';
import { exec } from '../../src/db/client.js';
import { loadConfig } from '../../src/lib/config.js';
import { startWechatStandin, type WechatStandin } from '../../src/standin/wechat/server.js';

/**
 * WeChat sign-in in the H5 shop through the stand-in: 微信登录 on the sign-in screen, WeChat's
 * consent page (允许), back to the shop's callback, the bind-phone step with the SMS code, signed
 * in; then the linked WeChat under 账号安全, unlinking it, and setting the account's first password.
 */
const OA = 'wx00112233445566aa';
const SECRET = 'browser-oa-secret-0123456789abcdef';

describe('WeChat sign-in in the shop (browser)', () => {
  let bw: BrowserWorld;
  let standin: WechatStandin;
  let dir: string;

  beforeAll(async () => {
    standin = await startWechatStandin({ signInApps: [{ appId: OA, secret: SECRET }] });
    dir = await mkdtemp(join(tmpdir(), 'linli-wechat-browser-'));
    await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
    const { wechat } = loadConfig({
      LINLI_WECHAT_APPID: OA,
      LINLI_WECHAT_SECRET_FILE: join(dir, 'secret'),
      LINLI_WECHAT_OPEN_URL: standin.url,
      LINLI_WECHAT_API_URL: standin.url,
    });
    bw = await startBrowserWorld({ wechat });
    // the world was registered without SMS codes; binding needs them, shown on screen as on a demo server
    bw.server.ctx.config.smsVerify = true;
    bw.server.ctx.config.demo = true;
    await fetch(`${standin.url}/standin/sns/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'browser-person', nickname: '小林' }),
    });
  }, 120_000);

  afterAll(async () => {
    await bw?.close();
    await standin?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('first time: WeChat consent, bind the phone by SMS code, signed in; then unlink under 账号安全', async () => {
    const page = await bw.phonePage();
    // this browser is 小林 at WeChat
    await page.goto(`${standin.url}/standin/sns/as?key=browser-person`);

    await page.goto(`${bw.baseUrl}/shop/login`);
    await page.getByTestId('wechat-login').click();
    // WeChat's consent page
    await page.waitForURL((u) => u.href.startsWith(`${standin.url}/connect/oauth2/authorize`));
    await expect.poll(() => page.getByTestId('standin-user').innerText()).toBe('小林');
    await bw.shot(page, 'wechat-consent');
    await page.getByTestId('wechat-allow').click();

    // back in the shop: the bind-phone step
    await page.waitForURL(/\/shop\/wechat\/callback\?code=/);
    await expect.poll(() => page.getByTestId('wechat-hello').innerText()).toContain('小林');
    const phone = '13712340001';
    await page.getByTestId('bind-phone').locator('input').fill(phone);
    await page.getByTestId('sms-send').click();
    const shown = await page.getByTestId('demo-code').innerText();
    const code = /(\d{6})/.exec(shown)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('sms-code').locator('input').fill(code);
    await bw.shot(page, 'wechat-bind');
    await page.getByTestId('bind-submit').click();

    // signed in: a new customer chooses her pickup point first
    await page.waitForURL(/\/shop\/pickup-point/);
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.shop.session') ?? 'null'));
    expect(session.user).toMatchObject({ phone, name: '小林' });

    // 账号安全 shows the linked WeChat (openid masked) and unlinks it
    await page.goto(`${bw.baseUrl}/shop/me/security`);
    const linked = page.getByTestId('wechat-linked-officialAccount');
    await expect.poll(() => linked.innerText()).toContain('小林');
    expect(await linked.innerText()).toMatch(/\*{4}/);
    await bw.shot(page, 'wechat-linked');
    await page.getByTestId('wechat-unlink').click();
    await page.locator('.adm-dialog-footer button').last().click();
    await expect.poll(() => page.getByTestId('wechat-linked').innerText()).toContain('未绑定微信');

    // the account WeChat made has no password: 账号安全 sets a first one with a code sent to its phone
    await page.getByTestId('password-none').waitFor();
    expect(await page.getByTestId('password-old').count()).toBe(0);
    await exec(bw.server.ctx.db, sql`delete from auth_throttle where key like 'sms:%'`); // the minute between two codes
    await page.getByTestId('sms-send').click();
    const setCode = /(\d{6})/.exec(await page.getByTestId('demo-code').innerText())?.[1] as string;
    await page.getByTestId('sms-code').locator('input').fill(setCode);
    await page.getByTestId('password-new').locator('input').fill('xiaolin-pass-1');
    await bw.shot(page, 'wechat-set-password');
    await page.getByTestId('password-submit').click();
    // from then on the usual form, asking for the current password; and the phone signs in with it
    await page.getByTestId('password-old').waitFor();
    const login = await fetch(`${bw.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, password: 'xiaolin-pass-1' }),
    });
    expect(login.status).toBe(200);

    // WeChat sign-in again: straight back to the bind step (phone sign-in is unchanged)
    await page.evaluate(() => localStorage.removeItem('linli.shop.session'));
    await page.goto(`${bw.baseUrl}/shop/login`);
    await page.getByTestId('wechat-login').click();
    await page.getByTestId('wechat-allow').click();
    await page.getByTestId('bind-phone').waitFor();
    expect(bw.problems).toEqual([]);
  });

  it('refusing at WeChat comes back to the shop without signing in', async () => {
    const page = await bw.phonePage();
    await page.goto(`${standin.url}/standin/sns/as?key=browser-person`);
    await page.goto(`${bw.baseUrl}/shop/login`);
    await page.getByTestId('wechat-login').click();
    await page.getByTestId('wechat-deny').click();
    await page.waitForURL(/\/shop\/wechat\/callback\?state=/);
    await expect.poll(() => page.getByTestId('wechat-problem').innerText()).toContain('取消');
    expect(bw.problems).toEqual([]);
  });
});
