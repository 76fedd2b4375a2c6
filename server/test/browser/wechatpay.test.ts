import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { exec } from '../../src/db/client.js';
import { loadConfig } from '../../src/lib/config.js';
import { generateMerchant, linliEnv } from '../../src/standin/wechat/keys.js';
import { startWechatStandin, type WechatStandin } from '../../src/standin/wechat/server.js';
import { PASSWORD, startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * A customer pays in a phone's ordinary browser with WeChat Pay switched on: the shop's pay button
 * opens WeChat Pay's H5 page (the local stand-in), 确认支付 there brings them back to the order
 * page, which shows the order paid once WeChat Pay's notification has reached Linli. Inside
 * WeChat (its user agent) the shop opens WeChat's payment sheet through WeixinJSBridge instead:
 * Chromium has no bridge, so the test gives the page one that hands the parameters to the
 * stand-in's sheet, which checks them as WeChat does before the payer pays or cancels.
 */
describe('WeChat Pay in the shop (browser)', () => {
  let bw: BrowserWorld;
  let standin: WechatStandin;
  let page: Page;
  let dir: string;
  let merchant: ReturnType<typeof generateMerchant>;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    dir = mkdtempSync(join(tmpdir(), 'linli-wechatpay-browser-'));
    merchant = generateMerchant(dir, 'public_key');
    standin = await startWechatStandin({ merchant });
    bw.server.ctx.config.wechatPay = loadConfig(linliEnv(merchant, standin.url, `${bw.baseUrl}/api/v1`)).wechatPay;
    page = await bw.phonePage();
    await bw.signIn(page, 'shop', { phone: bw.customer.phone, password: PASSWORD });
  });
  afterAll(async () => {
    await bw?.close();
    await standin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("pays an order on WeChat Pay's page and comes back to see it paid", async () => {
    const order = await bw.customer.api.post('/orders', {
      pickupPointId: bw.world.pickupPointIds[0],
      items: [{ campaignItemId: bw.world.campaign.items[0].id, quantity: 2 }],
    });
    expect(order.status).toBe(201);
    await page.goto(`${bw.baseUrl}/shop/orders/${order.body.id}`);
    await page.getByTestId('pay').click();
    await page.waitForURL((url) => url.href.startsWith(`${standin.url}/cgi-bin/mmpayweb-bin/checkmweb`));
    expect(await page.getByTestId('wechat-cashier-amount').textContent()).toBe(
      `¥${(order.body.totalFen / 100).toFixed(2)}`,
    );
    expect(await page.getByTestId('wechat-cashier-description').textContent()).toContain(order.body.number);
    await bw.shot(page, 'wechatpay-cashier');
    await page.getByTestId('wechat-cashier-pay').click();
    await page.waitForURL(`${bw.baseUrl}/shop/orders/${order.body.id}`);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="order-status"]')?.getAttribute('data-status') === 'paid',
    );
    await page.getByTestId('pickup-code').waitFor();
    await bw.shot(page, 'wechatpay-paid');
    const paid = await bw.customer.api.get(`/orders/${order.body.id}`);
    expect(paid.body.status).toBe('paid');
  });

  it('inside WeChat: the payment sheet opens from the page with the signed parameters; cancelled, then paid', async () => {
    const wechatPage = await bw.phonePage({
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/WIFI Language/zh_CN',
    });
    // WeChat's bridge, as its browser gives it to pages: the sheet is the stand-in's, the payer's choice the test's
    let decision: 'pay' | 'cancel' = 'cancel';
    const sheets: Record<string, string>[] = [];
    await wechatPage.exposeFunction('standinPaymentSheet', async (params: Record<string, string>) => {
      sheets.push(params);
      const res = await fetch(`${standin.url}/standin/pay/jsapi-sheet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...params, decision }),
      });
      return res.json();
    });
    await wechatPage.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.WeixinJSBridge = {
        invoke: (name: string, params: unknown, done: (res: unknown) => void) => {
          if (name !== 'getBrandWCPayRequest') return done({ err_msg: `${name}:fail` });
          (w.standinPaymentSheet as (p: unknown) => Promise<unknown>)(params).then(done);
        },
      };
    });
    await bw.signIn(wechatPage, 'shop', { phone: bw.customer.phone, password: PASSWORD });
    // paying inside WeChat needs the account's WeChat identity (signing in with WeChat links it)
    await exec(
      bw.server.ctx.db,
      sql`insert into wechat_identities (user_id, app_id, openid)
      values (${bw.customer.userId}, ${merchant.appId}, ${`o-browser-${bw.customer.userId.slice(0, 8)}`})`,
    );
    const order = await bw.customer.api.post('/orders', {
      pickupPointId: bw.world.pickupPointIds[0],
      items: [{ campaignItemId: bw.world.campaign.items[1].id, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    await wechatPage.goto(`${bw.baseUrl}/shop/orders/${order.body.id}`);

    // the payer closes the sheet: the order still waits to be paid, and offers it again
    await wechatPage.getByTestId('pay').click();
    await expect.poll(() => sheets.length).toBe(1);
    expect(sheets[0]).toMatchObject({ appId: merchant.appId, signType: 'RSA' });
    expect(sheets[0].package).toMatch(/^prepay_id=wx/);
    await wechatPage.getByTestId('pay').waitFor();
    expect((await bw.customer.api.get(`/orders/${order.body.id}`)).body.status).toBe('pending_payment');

    // then pays: the sheet checked paySign, WeChat Pay notified Linli, the page shows it paid
    decision = 'pay';
    await wechatPage.getByTestId('pay').click();
    await expect.poll(() => sheets.length).toBe(2);
    expect(sheets[1].package).toBe(sheets[0].package); // the same prepay, resumed
    await wechatPage.waitForFunction(
      () => document.querySelector('[data-testid="order-status"]')?.getAttribute('data-status') === 'paid',
    );
    await wechatPage.getByTestId('pickup-code').waitFor();
    await bw.shot(wechatPage, 'wechatpay-jsapi-paid');
    expect((await bw.customer.api.get(`/orders/${order.body.id}`)).body.status).toBe('paid');
  });
});
