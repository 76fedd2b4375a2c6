import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { exec, rows } from '../../src/db/client.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * A customer with more orders than one page holds scrolls "my orders" to the end: the next page
 * is fetched with the first page's cursor and appended, every order shown once, newest first.
 */
describe('paged lists (browser)', () => {
  let bw: BrowserWorld;
  const ORDERS = 30; // the shop asks for 20 a page

  beforeAll(async () => {
    bw = await startBrowserWorld();
    // placed a minute apart (three at the very same instant), all paid, in the test world's campaign
    await exec(
      bw.server.ctx.db,
      sql`insert into orders (user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
        select ${bw.customer.userId}, c.region_id, c.id, ${bw.world.pickupPointIds[0]}, 'paid', 1000 + g, 1000 + g, now(), now(),
          now() - least(g, 28) * interval '1 minute'
        from campaigns c, generate_series(1, ${ORDERS}) g where c.id = ${bw.world.campaign.id}`,
    );
  }, 120_000);
  afterAll(async () => {
    await bw?.close();
  });

  it('"my orders" loads the second page when scrolled to the end', async () => {
    const page = await bw.phonePage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/me/orders') asked.push(new URL(r.url()).search);
    });
    await bw.signIn(page, 'shop', bw.customer);
    await page.goto(`${bw.baseUrl}/shop/orders`);
    const cards = page.getByTestId('order-card');
    await expect.poll(() => cards.count()).toBe(20);
    expect(asked).toEqual(['?limit=20']);
    await bw.shot(page, 'paging-1-first-page');
    // scroll to the end: the sentinel comes into view and the next page is fetched
    await page.getByTestId('load-more').scrollIntoViewIfNeeded();
    await expect.poll(() => cards.count()).toBe(ORDERS);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatch(/^\?limit=20&cursor=[A-Za-z0-9_-]+$/);
    // the last page has no cursor: the end is shown, nothing more is asked
    await expect.poll(() => page.getByTestId('load-more').count()).toBe(0);
    const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));
    expect(new Set(ids).size).toBe(ORDERS);
    // newest first, the three placed at the same instant by their number: the totals tell them apart
    const shown = (await page.locator('[data-testid=order-card] .shop-order-foot b').allTextContents()).map((t) =>
      Number(t.replace(/\D/g, '')),
    );
    const expected = await rows<{ total_fen: number }>(
      bw.server.ctx.db,
      sql`select total_fen from orders where user_id = ${bw.customer.userId} order by created_at desc, seq desc`,
    );
    expect(shown).toEqual(expected.map((r) => r.total_fen));
    await bw.shot(page, 'paging-2-second-page');
    expect(asked).toHaveLength(2);
  });
});
