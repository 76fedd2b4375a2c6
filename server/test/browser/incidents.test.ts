import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/modules/outbox/service.js';
import { outboxHandlers } from '../../src/modules/outbox/senders.js';
import { buyAndPay } from '../fixtures.js';
import { ADMIN } from '../harness.js';
import { confirmPopup } from './admin-steps.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * Incidents in the console (decision 060): the operator declares a B-grade cold-chain delay,
 * selects its orders by route with a preview, compensates every affected customer with a message
 * and a coupon after a confirmation, and files the post-mortem; the customer sees the apology in
 * their messages and the coupon in their coupons.
 */
describe('incidents (browser)', () => {
  let env: BrowserWorld;

  beforeAll(async () => {
    env = await startBrowserWorld();
    await buyAndPay(env.server, env.customer.api, {
      pickupPointId: env.world.pickupPointIds[0],
      items: [{ campaignItemId: env.world.campaign.items[0].id, quantity: 1 }],
    });
  });
  afterAll(() => env?.close());

  it('declares, selects by route, compensates and files the post-mortem; the customer sees the apology', async () => {
    const admin = await env.desktopPage();
    admin.setDefaultTimeout(30_000);
    await env.signIn(admin, 'admin', ADMIN);
    await admin.goto(`${env.baseUrl}/admin/incidents`);
    await admin.getByTestId('incident-declare').click();
    await admin.getByTestId('incident-title').fill('东一线冷链车故障，晚到 3 小时');
    await admin.getByTestId('incident-description').fill('冷藏车压缩机故障，东一线各自提点晚到约 3 小时');
    await confirmPopup(admin, 'incident-declare-ok');
    const detail = admin.getByTestId('incident-detail');
    await detail.waitFor();

    await detail.getByTestId('incident-routes').click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option[title="东一线"]').click();
    await admin.keyboard.press('Escape');
    await detail.getByTestId('incident-preview').click();
    await detail.getByTestId('incident-preview-counts').filter({ hasText: '1 个订单' }).waitFor();
    await detail.getByTestId('incident-select').click();
    await detail.getByTestId('incident-orders').filter({ hasText: '1' }).waitFor();

    await detail.getByTestId('incident-compensate').click();
    await confirmPopup(admin, 'incident-compensate-ok');
    await detail.getByTestId('incident-coupons').filter({ hasText: '1' }).waitFor();
    await detail.getByTestId('timeline-compensated').waitFor();

    await detail.getByTestId('pm-cause').fill('冷藏车压缩机老化故障');
    await detail.getByTestId('pm-impact').fill('东一线 1 单晚到 3 小时');
    await detail.getByTestId('pm-actions').fill('备用冷藏车接驳，向受影响顾客致歉并发放补偿券');
    await detail.getByTestId('pm-prevention').fill('出车前检查压缩机，冷藏车季度保养');
    await detail.getByTestId('pm-submit').click();
    await detail.getByTestId('incident-postmortem').waitFor();
    await detail.getByTestId('timeline-postmortem_filed').waitFor();
    // the picture without the confirmations' toasts over it
    await admin.waitForFunction(() => !document.querySelector('.ant-message-notice'));
    await env.shot(admin, 'admin-incidents');

    const list = (await env.customer.api.get('/me/coupons')).body;
    expect(list.filter((c: any) => c.name === '事故补偿券')).toHaveLength(1);
    while ((await deliverOutbox(env.server.ctx.db, outboxHandlers(env.server.ctx.config))) > 0);
    const page = await env.phonePage();
    page.setDefaultTimeout(30_000);
    await env.signIn(page, 'shop', env.customer);
    await page.goto(`${env.baseUrl}/shop/me/messages`);
    const message = page.locator('[data-testid="message"][data-kind="incident"]');
    await message.filter({ hasText: '东一线冷链车故障' }).waitFor();
    expect(await message.innerText()).toContain('事故补偿券');
  });
});
