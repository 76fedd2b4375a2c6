import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newCustomer } from '../fixtures.js';
import { one } from '../../src/db/client.js';
import { grantRole } from '../../src/modules/accounts/service.js';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { confirmPopup } from './admin-steps.js';

/**
 * A warehouse clerk counts stock (盘点) on a phone (390 px): opens a count of the central
 * warehouse, types the counted units, sees the difference, posts it, and finds the count in the
 * stock movements.
 */
describe('console: stock count at phone width', () => {
  let env: BrowserWorld;

  beforeAll(async () => {
    env = await startBrowserWorld();
    const res = await env.world.admin.post('/admin/inventory/adjust', {
      warehouseId: env.world.centralWarehouseId,
      productId: env.world.products[3].id,
      quantityDelta: 5,
      reason: '入库',
      expiresOn: '2031-06-01',
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => env?.close());

  it('counts, shows the difference, posts it and lists the movement', async () => {
    const phone = await env.phonePage();
    phone.setDefaultTimeout(30_000);
    const clerk = await newCustomer(env.server, undefined, '仓管小李');
    await grantRole(env.server.ctx.db, clerk.userId, 'warehouse');
    await env.signIn(phone, 'admin', { phone: clerk.phone, password: PASSWORD });
    const fits = async () => {
      const m = await phone.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      expect(m.width).toBe(390);
      expect(m.scroll).toBeLessThanOrEqual(m.width);
    };
    const eggs = env.world.products[3].name;

    await phone.goto(`${env.baseUrl}/admin/stock-counts`);
    await phone.getByTestId('count-warehouse').click();
    await phone.locator('.ant-select-item-option').first().click();
    await phone.getByTestId('count-open').click();
    await phone.getByTestId('count-sheet').waitFor();
    await fits();
    const row = phone.locator('[data-testid="count-sheet"] tbody tr').filter({ hasText: eggs });
    await row.getByText('账面 5').waitFor();
    const input = row.locator('input').first();
    await input.fill('3');
    await row.getByTestId('count-diff').filter({ hasText: '-2' }).waitFor();
    await fits();
    await env.shot(phone, 'admin-stock-count-phone');
    await phone.getByTestId('count-post').click();
    await confirmPopup(phone, 'count-post-confirm');
    await phone.getByTestId('count-status').filter({ hasText: '已过账' }).waitFor();
    await fits();

    const stock = await one<{ quantity: number }>(
      env.server.ctx.db,
      sql`select quantity from warehouse_stock where warehouse_id = ${env.world.centralWarehouseId} and product_id = ${env.world.products[3].id}`,
    );
    expect(stock?.quantity).toBe(3);

    await phone.goto(`${env.baseUrl}/admin/stock-movements?kind=counted`);
    const moved = phone.locator('[data-testid="movement-list"] tbody tr').filter({ hasText: eggs });
    await moved.filter({ hasText: '-2' }).first().waitFor();
    await fits();
  });
});
