import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { rows } from '../../src/db/client.js';
import { ADMIN } from '../harness.js';
import { newCustomer } from '../fixtures.js';
import { grantRole } from '../../src/modules/accounts/service.js';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { buy, cutOffAndDeliver, newCampaign, P, type Campaign } from '../leader-flow.js';

/**
 * The cold chain in a real browser (decision 042): the leader reads the chilled goods at 9.5 °C on
 * arrival, sees the breach, refuses the chilled lines, and the customer's order shows them refunded
 * while the ambient apple still waits for the count.
 */
let bw: BrowserWorld;
let page: Page;
let campaign: Campaign;
let a: Awaited<ReturnType<typeof buy>>;

beforeAll(async () => {
  bw = await startBrowserWorld();
  const { server, world } = bw;
  campaign = await newCampaign(world);
  a = await buy(server, world, campaign, 0, { greens: 2, milk: 1, apple: 1 });
  await cutOffAndDeliver(world, campaign.id);
  page = await bw.phonePage();
}, 120_000);
afterAll(() => bw?.close());

const yuanText = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

describe('cold chain at the pickup point', () => {
  it('records an out-of-range arrival temperature, shows the breach and refuses the chilled goods', async () => {
    await bw.signIn(page, 'leader', { phone: bw.world.leaders[0].phone, password: PASSWORD });
    await page.goto(`${bw.baseUrl}/leader/arrival`);
    await page.getByTestId('cold-chain').waitFor();
    // a typo first: refused in the form, nothing sent
    await page.getByTestId('cold-temperature').locator('input').fill('9.55');
    await page.getByTestId('cold-record').click();
    await page.getByText('请输入 −50 到 60 之间的温度').waitFor();
    await page.getByTestId('cold-temperature').locator('input').fill('9.5');
    await page.getByTestId('cold-record').click();
    const reading = page.locator('[data-testid="cold-reading"][data-in-range="false"]');
    await reading.waitFor();
    await expect(reading.innerText()).resolves.toContain('9.5 °C');
    await expect(page.getByTestId('cold-breach').innerText()).resolves.toContain('冷藏商品温度超标');
    await bw.shot(page, 'leader-cold-breach');

    await page.getByTestId('cold-refuse-chilled').click();
    await page.locator('.adm-dialog .adm-dialog-button-bold').click();
    const chilled = a.order.lines.filter((l: any) =>
      [bw.world.products[P.greens].id, bw.world.products[P.milk].id].includes(l.productId),
    );
    const refundFen = chilled.reduce((n: number, l: any) => n + l.paidFen, 0);
    await expect(page.getByTestId('arrival-result').innerText()).resolves.toContain(yuanText(refundFen));
    // the apple is still to count; the chilled products are done
    // (the lists refresh after the answer: wait for them)
    await expect.poll(() => page.getByTestId('arrival-line').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('arrival-done').count(), { timeout: 10_000 }).toBe(2);
    await page.locator('[data-testid^="cold-refuse-"]').waitFor({ state: 'detached' });

    const lines = await rows<{ product_id: string; status: string; refunded_fen: number }>(
      bw.server.ctx.db,
      sql`select product_id, status, refunded_fen from order_lines where order_id = ${a.order.id}`,
    );
    for (const l of chilled)
      expect(lines.find((x) => x.product_id === l.productId)).toMatchObject({
        status: 'refunded',
        refunded_fen: l.paidFen,
      });
    expect(lines.find((x) => x.product_id === bw.world.products[P.apple].id)?.status).toBe('allocated');
  });

  it("shows the customer's chilled lines refunded in the shop", async () => {
    const shop = await bw.phonePage();
    await bw.signIn(shop, 'shop', { phone: a.phone, password: PASSWORD });
    await shop.goto(`${bw.baseUrl}/shop/orders/${a.order.id}`);
    await shop.getByTestId('order-line').first().waitFor();
    const texts = await shop.getByTestId('order-line').allInnerTexts();
    for (const l of a.order.lines) {
      const text = texts.find((t) => t.includes(l.productName));
      expect(text, l.productName).toBeDefined();
      if (l.productId === bw.world.products[P.apple].id) expect(text).not.toContain('已退');
      else expect(text).toContain(`已退 ${yuanText(l.paidFen)}`);
    }
    await bw.shot(shop, 'shop-cold-refund');
  });

  it("shows the breach in the operators' 到货质量 figures", async () => {
    const console_ = await bw.desktopPage();
    await bw.signIn(console_, 'admin', ADMIN);
    await console_.goto(`${bw.baseUrl}/admin/arrival-quality`);
    // the two chilled lines were dispatched and refused: 0 of 2 arrived intact, against 98 %
    await console_.getByTestId('quality-lines').filter({ hasText: '0 / 2' }).waitFor();
    await expect(console_.getByTestId('quality-rate').innerText()).resolves.toContain('0.00%');
    await console_.getByTestId('chart-quality').waitFor();
    await expect(console_.getByTestId('quality-table').innerText()).resolves.toContain('东一线');
    await bw.shot(console_, 'admin-arrival-quality');
  });

  it('lets warehouse staff record a dispatch temperature on the sorting screen, with the breach shown', async () => {
    const clerk = await newCustomer(bw.server, undefined, '仓管');
    await grantRole(bw.server.ctx.db, clerk.userId, 'warehouse');
    const depot = await bw.desktopPage();
    await bw.signIn(depot, 'admin', { phone: clerk.phone, password: PASSWORD });
    await depot.goto(`${bw.baseUrl}/admin/sorting?campaignId=${campaign.id}`);
    const card = depot.locator('[data-testid="route-card"][data-route="东一线"]');
    // the leader's arrival reading is already on the route's manifest
    await card.locator('[data-testid="cold-reading"]').filter({ hasText: '9.5 °C' }).waitFor();
    await card.getByTestId('cold-temperature').fill('-3');
    await card.getByTestId('cold-record').click();
    await card.locator('[data-testid="cold-reading"]').filter({ hasText: '−3.0 °C' }).waitFor();
    await expect(card.getByTestId('cold-breach').innerText()).resolves.toContain('冷藏');
    const stored = await rows<{ tenths: number; in_range: boolean; source: string }>(
      bw.server.ctx.db,
      sql`select tenths, in_range, source from temperature_readings where stage = 'dispatch'`,
    );
    expect(stored).toEqual([{ tenths: -30, in_range: false, source: 'warehouse' }]);
    await bw.shot(depot, 'admin-sorting-cold-chain');
  });
});
