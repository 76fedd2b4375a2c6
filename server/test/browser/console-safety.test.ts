import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { ADMIN } from '../harness.js';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { one } from '../../src/db/client.js';
import { grantRole } from '../../src/modules/accounts/service.js';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { confirmPopup } from './admin-steps.js';

/**
 * Operators neither lose work nor act blind, in Chinese: the new-campaign panel keeps a draft and
 * warns before discarding it, its create button comes after the deals, the cutoff may be left to
 * the city's time, the date pickers speak Chinese, a campaign is copied to tomorrow in one click
 * (once), the early cutoff, a receipt and a refund approval show the server's figures before the
 * last click, and warehouse staff use receiving and sorting at phone width.
 */
describe('console: no lost work, no blind actions', () => {
  let env: BrowserWorld;
  let page: Page;
  const orders: any[] = [];
  const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

  beforeAll(async () => {
    env = await startBrowserWorld();
    const [apple, greens] = env.world.campaign.items;
    orders.push(
      await buyAndPay(env.server, env.customer.api, {
        pickupPointId: env.world.pickupPointIds[0],
        items: [
          { campaignItemId: apple.id, quantity: 3 },
          { campaignItemId: greens.id, quantity: 2 },
        ],
      }),
    );
    const other = await newCustomer(env.server, env.world.pickupPointIds[2], '李大爷');
    orders.push(
      await buyAndPay(env.server, other.api, {
        pickupPointId: env.world.pickupPointIds[2],
        items: [{ campaignItemId: apple.id, quantity: 2 }],
      }),
    );
    page = await env.desktopPage();
    page.setDefaultTimeout(30_000); // a busy machine: the set-up screens load their chunks on first use
    await env.signIn(page, 'admin', ADMIN);
  }, 180_000);
  afterAll(() => env?.close());

  const campaignTitle = async () =>
    (await env.world.admin.get(`/admin/campaigns/${env.world.campaign.id}`)).body.title as string;

  it('keeps the new campaign as a draft, warns before discarding it, and puts create after the deals', async () => {
    await page.goto(`${env.baseUrl}/admin/setup/campaigns`);
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-title').fill('周末草稿团');
    await page.getByTestId('deal-add').click();
    await page.getByTestId('deal-product').click();
    const product = env.world.products[1].name;
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${product}"]`).click();
    await page.getByTestId('deal-price').fill('2.50');
    await page.getByTestId('deal-form-save').click();
    const panel = page.getByTestId('campaign-panel');
    await panel.getByRole('cell', { name: product }).waitFor();
    // the primary action sits after the deal list
    const table = await panel.locator('.ant-table').boundingBox();
    const create = await page.getByTestId('campaign-save').boundingBox();
    expect(create!.y).toBeGreaterThan(table!.y + table!.height - 1);
    // the cutoff is optional, the city's time is the hint
    expect(await page.getByTestId('campaign-cutoff-hint').innerText()).toContain('23:00');

    // closing asks; keeping the draft closes, and reopening restores title and deal
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('campaign-leave').getByText('已添加 1 个商品').waitFor();
    await page.getByTestId('campaign-leave-keep').click();
    await panel.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-draft-restored').waitFor();
    expect(await page.getByTestId('campaign-title').inputValue()).toBe('周末草稿团');
    await panel.getByRole('cell', { name: product }).waitFor();

    // the date pickers speak Chinese
    await page.getByTestId('campaign-cutoff').click();
    const picker = page.locator('.ant-picker-dropdown:visible');
    await picker.waitFor();
    const head = await picker.locator('thead').innerText();
    expect(head).toContain('一');
    expect(head).not.toContain('Su');
    expect(await picker.locator('.ant-picker-header-view').first().innerText()).toMatch(/\d+年|月/);
    await page.keyboard.press('Escape');

    // created with no cutoff of its own: the city's 23:00 on the day before pickup
    await page.getByTestId('campaign-save').click();
    await page.getByText('编辑团期：周末草稿团').waitFor();
    const made = (await env.world.admin.get('/admin/campaigns?limit=100')).body.find(
      (c: any) => c.title === '周末草稿团',
    );
    const local = new Date(Date.parse(made.cutoffAt) + 8 * 3_600_000).toISOString();
    expect(local.slice(11, 16)).toBe('23:00');
    expect(local.slice(0, 10)).toBe(
      new Date(Date.parse(`${made.pickupDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
    );
    // created: the draft is gone
    await page.locator('.ant-drawer-close').click();
    await panel.waitFor({ state: 'hidden' });
    await page.getByTestId('campaign-new').click();
    expect(await page.getByTestId('campaign-title').inputValue()).toBe('');
    // a title typed and discarded is gone too
    await page.getByTestId('campaign-title').fill('不要了');
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('campaign-leave-discard').click();
    await panel.waitFor({ state: 'hidden' });
    await page.getByTestId('campaign-new').click();
    expect(await page.getByTestId('campaign-title').inputValue()).toBe('');
    await page.locator('.ant-drawer-close').click();
    await panel.waitFor({ state: 'hidden' });
  });

  it('copies a campaign to tomorrow in one action, once', async () => {
    const title = await campaignTitle();
    await page.getByTestId(`campaign-tomorrow-${title}`).click();
    await confirmPopup(page, 'campaign-tomorrow-confirm');
    await page.getByText(`已复制到明天：${title}`).waitFor();
    const copies = (await env.world.admin.get('/admin/campaigns?limit=100')).body.filter((c: any) => c.title === title);
    expect(copies).toHaveLength(2);
    await expect
      .poll(() => page.locator('[data-testid="campaign-tomorrow-confirm"]:visible').count(), { timeout: 10_000 })
      .toBe(0);
    // again, once the table has redrawn with the copy (both rows carry the title) and no copy
    // button is still loading (a loading button takes no press): refused with the reason in words
    const copyButtons = page.getByTestId(`campaign-tomorrow-${title}`);
    await expect.poll(() => copyButtons.count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-testid="setup-campaigns"] .ant-btn-loading').count()).toBe(0);
    await copyButtons.first().click();
    await page.locator('[data-testid="campaign-tomorrow-confirm"]:visible').click();
    await page.locator('.ant-message-error').waitFor();
    expect(
      (await env.world.admin.get('/admin/campaigns?limit=100')).body.filter((c: any) => c.title === title),
    ).toHaveLength(2);
  });

  it('shows the cutoff impact from the server before cutting off', async () => {
    const title = await campaignTitle();
    await page.goto(`${env.baseUrl}/admin/campaigns`);
    const rows = page
      .locator('[data-testid="campaign-table"] tbody tr')
      .filter({ has: page.getByRole('cell', { name: title, exact: true }) })
      .filter({ has: page.getByTestId('cutoff-button') });
    await rows.first().waitFor();
    // the original and tomorrow's copy share the title: the original is the one with orders
    await rows.first().getByTestId('cutoff-button').click();
    await page.getByTestId('impact-summary').waitFor();
    if ((await page.getByTestId('impact-orders').innerText()).startsWith('0')) {
      await page.locator('.ant-modal-footer:visible button').first().click();
      await page.getByTestId('impact-modal').waitFor({ state: 'hidden' });
      await rows.nth(1).getByTestId('cutoff-button').click();
      await page.getByTestId('impact-summary').waitFor();
    }
    const units = orders.flatMap((o) => o.lines).reduce((a: number, l: any) => a + l.quantity, 0);
    expect(await page.getByTestId('impact-orders').innerText()).toBe(`${orders.length} 笔`);
    expect(await page.getByTestId('impact-units').innerText()).toBe(`${units} 件`);
    expect(await page.getByTestId('impact-amount').innerText()).toBe(yuan(orders.reduce((a, o) => a + o.totalFen, 0)));
    expect(await page.getByTestId('impact-notified').innerText()).toBe('0 人');
    await env.shot(page, 'admin-cutoff-impact');
    await confirmPopup(page, 'cutoff-confirm');
    await page.getByTestId('cutoff-result').waitFor();
  });

  it('shows the receipt impact at phone width, for warehouse staff, without sideways scrolling', async () => {
    const phone = await env.phonePage();
    phone.setDefaultTimeout(30_000);
    const clerk = await newCustomer(env.server, undefined, '仓管小王');
    await grantRole(env.server.ctx.db, clerk.userId, 'warehouse');
    await env.signIn(phone, 'admin', { phone: clerk.phone, password: PASSWORD });
    const fits = async () => {
      const wide = await phone.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 390 && !e.closest('.ant-table-content, .ant-table-body'))
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      );
      expect(wide).toEqual([]);
      const m = await phone.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
        font: Number.parseFloat(getComputedStyle(document.querySelector('.ops-content td') ?? document.body).fontSize),
      }));
      expect(m.width).toBe(390); // the page is laid out at the phone's width, not 1280
      expect(m.scroll).toBeLessThanOrEqual(m.width);
      expect(m.font).toBeGreaterThanOrEqual(14);
    };
    await phone.goto(`${env.baseUrl}/admin/purchase-orders?campaignId=${env.world.campaign.id}`);
    await phone.getByTestId('po-card').first().waitFor();
    await fits();
    const apple = env.world.products[0].name;
    const card = phone.getByTestId('po-card').filter({ has: phone.getByRole('cell', { name: apple, exact: true }) });
    await card.getByTestId('po-receive').click();
    await phone.getByTestId('receive-table').waitFor();
    await fits();
    // 5 apples bought (3 paid first, then 2): 2 short leaves the later buyer short of 2
    const row = phone
      .locator('[data-testid="receive-table"] tbody tr')
      .filter({ has: phone.getByRole('cell', { name: apple, exact: true }) });
    const input = row.locator('input[data-testid="receive-accepted"], [data-testid="receive-accepted"] input').first();
    const ordered = Number(await input.inputValue());
    expect(ordered).toBeGreaterThanOrEqual(5);
    await input.fill('3');
    await input.blur();
    await phone.getByTestId('receive-submit').click();
    await phone.getByTestId('impact-summary').waitFor();
    const late = orders[1].lines.find((l: any) => l.quantity === 2);
    expect(await phone.getByTestId('impact-orders').innerText()).toBe('1 笔');
    expect(await phone.getByTestId('impact-units').innerText()).toBe('2 件');
    expect(await phone.getByTestId('impact-amount').innerText()).toBe(yuan(late.paidFen));
    expect(await phone.getByTestId('impact-notified').innerText()).toBe('1 人');
    await env.shot(phone, 'admin-receive-impact-phone');
    await confirmPopup(phone, 'receive-confirm');
    await phone.getByTestId('receive-result').waitFor();
    expect(await phone.getByTestId('receive-refunds').innerText()).toContain(yuan(late.paidFen));
    await fits();
    await phone.goto(`${env.baseUrl}/admin/sorting?campaignId=${env.world.campaign.id}`);
    await phone.getByTestId('route-card').first().waitFor();
    await fits();
  });

  it('shows the refund approval impact before approving', async () => {
    const order = orders[0];
    const line = order.lines.find((l: any) => l.quantity === 2);
    const refund = (await one<{ id: string }>(
      env.server.ctx.db,
      sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen)
        values (${order.id}, ${env.customer.userId}, 'aftersales', 'quality', 'requested', ${line.paidFen}) returning id`,
    ))!.id;
    await env.server.ctx.db.execute(
      sql`insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) values (${refund}, ${line.id}, 2, ${line.paidFen})`,
    );
    await page.goto(`${env.baseUrl}/admin/refunds`);
    await page.getByTestId('refund-approve').first().click();
    await page.getByTestId('impact-summary').waitFor();
    expect(await page.getByTestId('impact-orders').innerText()).toBe('1 笔');
    expect(await page.getByTestId('impact-units').innerText()).toBe('2 件');
    expect(await page.getByTestId('impact-amount').innerText()).toBe(yuan(line.paidFen));
    expect(await page.getByTestId('impact-notified').innerText()).toBe('1 人');
    await confirmPopup(page, 'refund-approve-confirm');
    await page.getByText('没有待审核的售后申请').waitFor();
    const status = await one<{ status: string }>(
      env.server.ctx.db,
      sql`select status from refunds where id = ${refund}`,
    );
    expect(status!.status).toBe('refunded');
  });
});
