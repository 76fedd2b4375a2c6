import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../../src/db/client.js';
import { loadConfig } from '../../src/lib/config.js';
import { addDays, businessDate, localTime } from '../../src/lib/time.js';
import { outNo } from '../../src/modules/payments/wechatpay/crypto.js';
import { generateMerchant, linliEnv } from '../../src/standin/wechat/keys.js';
import { startWechatStandin, type WechatStandin } from '../../src/standin/wechat/server.js';
import { wechatTime } from '../../src/standin/wechat/state.js';
import { ADMIN } from '../harness.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * 对账 in the console (decision 064): a day whose WeChat Pay bill lacks a payment Linli recorded
 * shows one difference; finance reconciles the day again and marks the difference resolved.
 */
describe('WeChat Pay reconciliation (browser)', () => {
  let dir: string;
  let standin: WechatStandin;
  let bw: BrowserWorld;
  const day = addDays(businessDate(new Date(), 'Asia/Shanghai'), -2);
  const matched = randomUUID();
  const onlyLinli = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linli-wechat-'));
    const merchant = generateMerchant(dir);
    standin = await startWechatStandin({ merchant });
    const env = linliEnv(merchant, standin.url, 'http://127.0.0.1:9');
    bw = await startBrowserWorld({ wechatPay: loadConfig(env).wechatPay });
    const noon = localTime(day, '12:00', 'Asia/Shanghai');
    for (const [id, fen] of [
      [matched, 1880],
      [onlyLinli, 2650],
    ] as const)
      await exec(
        bw.server.ctx.db,
        sql`insert into payments (id, order_id, user_id, provider, amount_fen, status, succeeded_at)
          values (${id}::uuid, ${randomUUID()}::uuid, ${randomUUID()}::uuid, 'wechatpay', ${fen}, 'succeeded', ${noon.toISOString()})`,
      );
    standin.state.transactions.set(outNo(matched), {
      appid: merchant.appId,
      mchid: merchant.mchid,
      outTradeNo: outNo(matched),
      description: '邻里团购 订单',
      notifyUrl: 'http://127.0.0.1:9/notify',
      amountTotal: 1880,
      tradeType: 'JSAPI',
      prepayId: `wx${randomBytes(8).toString('hex')}`,
      tradeState: 'SUCCESS',
      transactionId: `42${randomBytes(13).toString('hex')}`,
      successTime: wechatTime(noon),
      createdAt: noon,
    });
    // the night's job already reconciled the day
    const ran = await bw.world.admin.post(`/admin/reconciliation/days/${day}/run`);
    expect(ran.status).toBe(200);
  });
  afterAll(async () => {
    await bw?.close();
    await standin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the day with its difference, reconciles it again and resolves the difference', async () => {
    const page = await bw.desktopPage();
    page.setDefaultTimeout(30_000);
    await bw.signIn(page, 'admin', ADMIN);
    await page.goto(`${bw.baseUrl}/admin/reconciliation`);
    const days = page.getByTestId('reconciliation-days');
    await days.getByText(day).waitFor();
    await days.getByTestId('day-differences').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('reconciliation-chart').waitFor();
    await days.getByTestId('day-run').first().click();
    const differences = page.getByTestId('differences');
    await differences.getByText('邻里有、微信无').waitFor();
    expect(await differences.innerText()).toContain(outNo(onlyLinli));
    expect(await differences.innerText()).toContain('¥26.50');
    await bw.shot(page, 'admin-reconciliation');
    await differences.getByTestId('difference-resolve').click();
    await page.getByTestId('difference-note').fill('该笔为线下补录，已与微信支付商户平台核实');
    await page.getByTestId('difference-resolve-confirm').click();
    await differences.getByTestId('difference-resolved').filter({ hasText: '已与微信支付商户平台核实' }).waitFor();
    await days.getByTestId('day-differences').filter({ hasText: '1' }).waitFor();
    expect(await days.getByTestId('day-differences').innerText()).not.toContain('待处理');
  });

  it('says plainly when WeChat Pay is not configured', async () => {
    const plain = await startBrowserWorld();
    try {
      const page = await plain.desktopPage();
      await plain.signIn(page, 'admin', ADMIN);
      await page.goto(`${plain.baseUrl}/admin/reconciliation`);
      await page.getByTestId('reconciliation-off').filter({ hasText: '未配置微信支付' }).waitFor();
      expect(await page.getByTestId('reconciliation-days').count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
