import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { rows } from '../../src/db/client.js';
import { ADMIN } from '../harness.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * Behaviour events from a real browser (decision 045): a customer opens a deal and adds it to the
 * cart; when the page is left, the shop's beacon carries both to the server, stored with her user
 * id (from her session) and her pickup point. The console's funnel screen then shows them.
 */
describe('behaviour events (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    page = await bw.phonePage();
    await bw.signIn(page, 'shop', bw.customer);
  });

  afterAll(async () => {
    await bw?.close();
  });

  const stored = () =>
    rows<{ type: string; user_id: string | null; pickup_point_id: string | null; deal_id: string | null }>(
      bw.server.ctx.db,
      sql`select type, user_id, pickup_point_id, deal_id from behaviour_events where source = 'shop' order by at`,
    );

  it('sends the deal view and the add to cart with a beacon when the page is left', async () => {
    const deal = bw.world.campaign.items[0];
    // the deals page first: the shop learns the customer's pickup point there
    await page.goto(`${bw.baseUrl}/shop/`);
    await page.locator(`a[href$="/deals/${deal.id}"]`).first().waitFor();
    await page.goto(`${bw.baseUrl}/shop/deals/${deal.id}`);
    await page.getByTestId('add-to-cart').click();
    // nothing is sent while the page stays (the timer's first round has not come yet)
    expect((await stored()).filter((e) => e.deal_id === deal.id)).toEqual([]);
    // leaving the page (a full load of another one) fires pagehide: the beacon goes then
    await page.goto(`${bw.baseUrl}/shop/orders`);
    let events: Awaited<ReturnType<typeof stored>> = [];
    for (let i = 0; i < 50 && events.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      events = (await stored()).filter((e) => e.deal_id === deal.id);
    }
    expect(events.map((e) => e.type)).toEqual(['deal_viewed', 'cart_added']);
    for (const e of events) {
      expect(e.user_id).toBe(bw.customer.userId);
      expect(e.pickup_point_id).toBe(bw.world.pickupPointIds[0]);
    }
  });

  it('shows them on the console’s funnel screen', async () => {
    const admin = await bw.desktopPage();
    await bw.signIn(admin, 'admin', ADMIN);
    await admin.goto(`${bw.baseUrl}/admin/funnel`);
    await admin.getByTestId('chart-funnel').waitFor();
    const table = admin.getByTestId('funnel-table');
    await table.waitFor();
    // today's row: one person viewed, one added to cart
    const first = table.locator('tbody tr').first();
    const cells = await first.locator('td').allInnerTexts();
    expect(cells.slice(2, 6)).toEqual(['1', '1', '0', '0']);
    await bw.shot(admin, 'admin-funnel');
  });
});
