import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newCustomer } from '../fixtures.js';
import { ADMIN } from '../harness.js';
import { one } from '../../src/db/client.js';
import { grantRole } from '../../src/modules/accounts/service.js';
import { adjustStock } from '../../src/modules/inventory/service.js';
import { createMarkdownDeals } from '../../src/modules/freshness/jobs.js';
import { addDays, businessDate } from '../../src/lib/time.js';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';

/**
 * Freshness in the browser (decision 041): a warehouse clerk sees lots coloured by expiry and
 * writes off damaged units, which appear in the stock movements; the daily job's markdown deal
 * (尾货秒杀) appears in the shop's flash strip at its discounted price; the operator reads the
 * loss rate with its chart.
 */
describe('freshness: lots, write-off, clearance deal, loss rate (browser)', () => {
  let env: BrowserWorld;
  const today = businessDate(new Date(), 'Asia/Shanghai');

  beforeAll(async () => {
    env = await startBrowserWorld();
    const { world } = env;
    const db = env.server.ctx.db;
    // milk (dairy): one lot past its expiry, one near it; greens (fresh) near expiry at the central warehouse
    await adjustStock(db, {
      warehouseId: world.gridWarehouseId,
      productId: world.products[2].id,
      quantityDelta: 6,
      reason: '入库',
      expiresOn: addDays(today, -1),
    });
    await adjustStock(db, {
      warehouseId: world.gridWarehouseId,
      productId: world.products[2].id,
      quantityDelta: 8,
      reason: '入库',
      expiresOn: addDays(today, 1),
    });
    await adjustStock(db, {
      warehouseId: world.centralWarehouseId,
      productId: world.products[1].id,
      quantityDelta: 10,
      reason: '入库',
      expiresOn: addDays(today, 3),
    });
    expect(
      (await world.admin.put('/admin/freshness/alert-rules', { category: 'dairy', daysBeforeExpiry: 2 })).status,
    ).toBe(200);
    expect(
      (
        await world.admin.post('/admin/freshness/markdown-rules', {
          category: 'fresh',
          basis: 'days_left',
          days: 3,
          discountBps: 2000,
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => env?.close());

  it('shows lots coloured by expiry and posts a write-off that appears in the movements', async () => {
    const page = await env.desktopPage();
    page.setDefaultTimeout(30_000);
    const clerk = await newCustomer(env.server, undefined, '仓管小周');
    await grantRole(env.server.ctx.db, clerk.userId, 'warehouse');
    await env.signIn(page, 'admin', { phone: clerk.phone, password: PASSWORD });
    const milk = env.world.products[2].name;

    await page.goto(`${env.baseUrl}/admin/stock-lots`);
    const rows = page.locator('[data-testid="lot-list"] tbody tr').filter({ hasText: milk });
    await rows.locator('[data-status="expired"]').getByText('已过期 1 天').waitFor();
    await rows.locator('[data-status="near"]').getByText('剩 1 天').waitFor();
    expect(await page.locator('tr.lot-expired').count()).toBe(1);
    expect(await page.locator('tr.lot-near').count()).toBeGreaterThanOrEqual(1);
    await env.shot(page, 'admin-stock-lots');

    await page.getByTestId('wo-warehouse').click();
    await page.locator('.ant-select-item-option:visible').filter({ hasText: '东区网格仓' }).click();
    await page.getByTestId('wo-product').click();
    await page.locator('.ant-select-item-option:visible').filter({ hasText: milk }).click();
    await page.getByLabel('报损件数').fill('2');
    await page.getByTestId('wo-reason').getByText('破损').click();
    await page.getByLabel('备注').fill('叉车碰坏两盒');
    await page.getByTestId('wo-submit').click();
    await page.getByText('已报损，记入库存流水').waitFor();

    const posted = await one<{ quantity: number; reason_code: string; note: string }>(
      env.server.ctx.db,
      sql`select quantity, reason_code, note from stock_movements where kind = 'written_off' order by created_at desc limit 1`,
    );
    expect(posted).toEqual({ quantity: -2, reason_code: 'damaged', note: '叉车碰坏两盒' });

    await page.goto(`${env.baseUrl}/admin/stock-movements?kind=written_off`);
    const moved = page.locator('[data-testid="movement-list"] tbody tr').filter({ hasText: milk });
    await moved.filter({ hasText: '-2' }).filter({ hasText: '叉车碰坏两盒' }).filter({ hasText: '破损' }).waitFor();
  });

  it("puts the job's markdown deal in the shop's flash strip at its discounted price", async () => {
    expect(await createMarkdownDeals(env.server.ctx.db)).toBe(1);
    const page = await env.phonePage();
    page.setDefaultTimeout(30_000);
    await env.signIn(page, 'shop', { phone: env.customer.phone, password: PASSWORD });
    await page.goto(`${env.baseUrl}/shop/`);
    const greens = env.world.products[1].name;
    const tile = page.locator(`[data-testid="flash-section"] [data-testid="flash-tile"][data-name="${greens}"]`);
    // 本地小青菜 lists at ¥4.50: 20 % off is ¥3.60, the list price struck through
    await tile.getByTestId('deal-price').getByText('¥3.60').waitFor();
    await tile.locator('s').getByText('¥4.50').waitFor();
    await tile.getByTestId('flash-grab').waitFor();
    await env.shot(page, 'shop-clearance-deal');
  });

  it('shows the operator the loss rate with its chart', async () => {
    const page = await env.desktopPage();
    page.setDefaultTimeout(30_000);
    await env.signIn(page, 'admin', ADMIN);
    await page.goto(`${env.baseUrl}/admin/loss-rate`);
    await page.getByTestId('loss-chart').waitFor();
    const grid = page.locator('[data-testid="loss-list"] tbody tr').filter({ hasText: '东区网格仓' });
    // 14 milk received by hand, 2 written off: 14.29 %
    await grid.getByTestId('loss-rate-cell').getByText('14.29%').waitFor();
    await env.shot(page, 'admin-loss-rate');
  });
});
