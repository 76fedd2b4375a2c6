import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { rows } from '../../src/db/client.js';
import { computeRfm } from '../../src/modules/segments/service.js';

/**
 * The segment builder in the console (decision 047): the live count follows each edit of the
 * conditions and agrees with a plain filter over the segmentation rows; a saved segment lists its size.
 */
describe('customer segments (browser)', () => {
  let bw: BrowserWorld;
  let segmentRows: { segment: string; dormant: boolean; member: boolean }[];

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world, server } = bw;
    await buyAndPay(server, bw.customer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0]!.id, quantity: 1 }],
    });
    for (let i = 0; i < 3; i++) await newCustomer(server, world.pickupPointIds[i % world.pickupPointIds.length]);
    await computeRfm(server.ctx.db);
    segmentRows = await rows(server.ctx.db, sql`select segment, dormant, member from customer_rfm`);
  }, 60_000);
  afterAll(() => bw.close());

  const countIs = (bwPage: Page, n: number) =>
    bwPage.locator(`[data-testid="builder-count"][data-count="${n}"]`).waitFor();

  it('counts live as the operator edits the conditions, and saves the segment with its size', async () => {
    const page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
    await page.goto(`${bw.baseUrl}/admin/customer-segments`);
    await page.getByTestId('chart-segments').waitFor();
    await page.getByTestId('movement-table').waitFor();

    // the first condition: dormant = yes
    await countIs(page, segmentRows.filter((r) => r.dormant).length);
    // dormant = no
    await page.getByTestId('condition-0-is').click();
    await page.locator('.ant-select-item-option[title="否"]').click();
    await countIs(page, segmentRows.filter((r) => !r.dormant).length);
    // and a second condition, on the segment: registered without an order
    await page.getByTestId('condition-add').click();
    await page.getByTestId('condition-1-in').click();
    await page.locator('.ant-select-item-option[title="注册未下单"]').click();
    await page.keyboard.press('Escape');
    const both = segmentRows.filter(
      (r) => !r.dormant && (r.segment === 'important_winback' || r.segment === 'registered_no_order'),
    ).length;
    expect(both).toBeGreaterThan(0);
    await countIs(page, both);
    await bw.shot(page, 'admin-segment-builder');

    await page.getByTestId('segment-name').fill('未下单新客');
    await page.getByTestId('segment-save').click();
    await page.getByTestId('saved-segments').locator('tr', { hasText: '未下单新客' }).waitFor();
    const saved = (await bw.world.admin.get('/admin/customer-segments')).body;
    expect(saved.map((s: any) => [s.name, s.customers])).toEqual([['未下单新客', both]]);
    await page.getByTestId('saved-segments').getByTestId('segment-members').click();
    await page
      .getByTestId('segment-members-table')
      .locator('tbody tr')
      .nth(both - 1)
      .waitFor();
  });
});
