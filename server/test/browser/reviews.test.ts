import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../../src/db/client.js';
import { buyAndPay } from '../fixtures.js';
import { ADMIN } from '../harness.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * Reviews in the apps (decision 058): a customer reviews a picked-up order's product with stars,
 * words and a photo in the shop; the deal page shows it with the average; the operator hides it
 * with a reason in the console and the shop no longer shows it.
 */
describe('reviews (browser)', () => {
  let env: BrowserWorld;
  let orderId: string;
  let lineId: string;
  let dealId: string;

  beforeAll(async () => {
    env = await startBrowserWorld();
    const item = env.world.campaign.items[0];
    dealId = item.id;
    const order = await buyAndPay(env.server, env.customer.api, {
      pickupPointId: env.world.pickupPointIds[0],
      items: [{ campaignItemId: item.id, quantity: 1 }],
    });
    orderId = order.id;
    lineId = order.lines[0].id;
    // picked up (the pickup itself is the leader app's test)
    await exec(
      env.server.ctx.db,
      sql`update orders set status = 'completed', completed_at = now() where id = ${orderId}`,
    );
  });
  afterAll(() => env?.close());

  it('reviews a product with a photo in the shop, shows it on the deal, and the console hides it', async () => {
    const page = await env.phonePage();
    page.setDefaultTimeout(30_000);
    await env.signIn(page, 'shop', env.customer);
    await page.goto(`${env.baseUrl}/shop/orders/${orderId}`);
    await page.getByTestId('line-review').click();
    await page.getByTestId('review-form').waitFor();
    await page.getByTestId('review-rating').getByRole('button', { name: '4星' }).click();
    await page.getByTestId('review-rating').locator('[aria-pressed="true"]').filter({ hasText: '★' }).waitFor();
    await page.getByTestId('review-text').locator('textarea').fill('草莓很甜，个头大');
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#e63946' } })
      .png()
      .toBuffer();
    await page.locator('input[type="file"]').setInputFiles({ name: 'berry.png', mimeType: 'image/png', buffer: photo });
    await page.locator('.adm-image-uploader-cell img').waitFor();
    await page.getByTestId('review-submit').click();
    await page.getByTestId('line-reviewed').filter({ hasText: '4' }).waitFor();
    const mine = (await env.customer.api.get(`/orders/${orderId}/reviews`)).body;
    expect(mine.map((r: any) => [r.orderLineId, r.rating, r.text, r.photos.length])).toEqual([
      [lineId, 4, '草莓很甜，个头大', 1],
    ]);

    await page.goto(`${env.baseUrl}/shop/deals/${dealId}`);
    const reviews = page.getByTestId('deal-reviews');
    await reviews.getByTestId('review').filter({ hasText: '草莓很甜' }).waitFor();
    expect(await reviews.getByTestId('review-summary').innerText()).toContain('4.0');
    expect(await reviews.locator('.shop-review-photos img').count()).toBe(1);
    await env.shot(page, 'shop-deal-reviews');

    const admin = await env.desktopPage();
    admin.setDefaultTimeout(30_000);
    await env.signIn(admin, 'admin', ADMIN);
    await admin.goto(`${env.baseUrl}/admin/reviews`);
    const row = admin.getByTestId(`review-row-${mine[0].id}`);
    await row.waitFor();
    await row.getByTestId('review-hide').click();
    await admin.getByTestId('review-hide-reason').fill('图片与商品无关');
    await admin.getByTestId('review-hide-confirm').click();
    await row.getByTestId('review-status').filter({ hasText: '图片与商品无关' }).waitFor();
    await admin.getByRole('tab', { name: '报表' }).click();
    await admin.getByTestId('reviews-report').locator('tbody tr').first().waitFor();
    await env.shot(admin, 'admin-reviews');

    await page.reload();
    await page.getByTestId('deal-reviews').getByText('还没有评价').waitFor();
  });
});
