import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/config.js';
import { generateMerchant, linliEnv } from '../../src/standin/wechat/keys.js';
import { startWechatStandin, type WechatStandin } from '../../src/standin/wechat/server.js';
import { PASSWORD, startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * A customer pays in a phone's ordinary browser with WeChat Pay switched on: the shop's pay button
 * opens WeChat Pay's H5 page (the local stand-in), 确认支付 there brings them back to the order
 * page, which shows the order paid once WeChat Pay's notification has reached Linli.
 */
describe('WeChat Pay in the shop (browser)', () => {
  let bw: BrowserWorld;
  let standin: WechatStandin;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    dir = mkdtempSync(join(tmpdir(), 'linli-wechatpay-browser-'));
    const merchant = generateMerchant(dir, 'public_key');
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
});
