import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';

/**
 * Product pictures in the shop: the deal card shows the cover thumbnail (lazy, with its size set
 * so nothing moves when it arrives), and the deal page swipes through the pictures and shows the
 * product's details, with add to cart.
 */
describe('product pictures and the deal page (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  let product: { id: string; name: string };
  let itemId: string;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    product = bw.world.products[0];
    itemId = bw.world.campaign.items.find((i) => i.productId === product.id)!.id;
    for (const background of [
      { r: 220, g: 40, b: 40 },
      { r: 40, g: 160, b: 60 },
    ]) {
      const body = await sharp({ create: { width: 1200, height: 1200, channels: 3, background } })
        .jpeg()
        .toBuffer();
      const res = await bw.server.app.inject({
        method: 'POST',
        url: `/api/v1/admin/products/${product.id}/images`,
        headers: { authorization: `Bearer ${bw.world.admin.token}`, 'content-type': 'image/jpeg' },
        payload: body,
      });
      expect(res.statusCode).toBe(201);
    }
    const details = await bw.world.admin.request('PATCH', `/admin/products/${product.id}`, {
      origin: '山东 烟台',
      specification: '约 2.5 kg',
      storage: '冷藏 0–4℃',
      shelfLifeDays: 20,
      description: '<p>脆甜<strong>多汁</strong></p><ul><li>当季采摘</li></ul><img src=x onerror=alert(1)>',
      nutrition: { energyKj: 227, proteinG: 0.2, fatG: 0.2, carbohydrateG: 13.5, sodiumMg: 1 },
    });
    expect(details.status).toBe(200);
    page = await bw.phonePage();
  });
  afterAll(() => bw.close());

  it('shows the cover thumbnail on the deal card, lazy and with its size set', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    const card = page.locator(`[data-testid="deal-card"][data-item="${itemId}"]`);
    const photo = card.getByTestId('deal-photo');
    await photo.scrollIntoViewIfNeeded();
    expect(await photo.getAttribute('loading')).toBe('lazy');
    expect(await photo.getAttribute('width')).toBe('240');
    expect(await photo.getAttribute('height')).toBe('240');
    expect(await photo.getAttribute('src')).toMatch(/^\/media\/products\/[0-9a-f]{32}-240\.webp$/);
    await page.waitForFunction((id) => {
      const img = document.querySelector<HTMLImageElement>(`[data-item="${id}"] [data-testid="deal-photo"]`);
      return !!img && img.complete && img.naturalWidth === 240;
    }, itemId);
    // a deal without pictures keeps the same box, empty
    const other = page.locator(`[data-testid="deal-card"][data-item="${bw.world.campaign.items[1].id}"]`);
    expect(await other.getByTestId('deal-photo').count()).toBe(0);
    expect(await other.getByTestId('deal-photo-link').count()).toBe(1);
    await bw.shot(page, 'shop-deal-photos');
  });

  it('opens the deal page: gallery swipes, details and nutrition show, add to cart works', async () => {
    await page.locator(`[data-item="${itemId}"] [data-testid="deal-photo-link"]`).click();
    await page.waitForURL(`**/shop/deals/${itemId}`);
    await page.getByTestId('deal-page').waitFor();
    const photos = page.getByTestId('gallery-photo');
    expect(await photos.count()).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="gallery-photo"]');
      return !!img && img.complete && img.naturalWidth === 800;
    });
    const active = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.adm-page-indicator-dot')].findIndex((d) =>
          d.classList.contains('adm-page-indicator-dot-active'),
        ),
      );
    expect(await active()).toBe(0);
    // swipe left across the gallery with a finger (touch events, as a phone sends them)
    const box = (await page.getByTestId('gallery').boundingBox())!;
    const y = box.y + box.height / 2;
    const touch = await page.context().newCDPSession(page);
    const at = (x: number) => [{ x: box.x + box.width * x, y }];
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.8) });
    for (let i = 1; i <= 10; i++)
      await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.8 - i * 0.06) });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await touch.detach();
    await expect.poll(active, { timeout: 5000 }).toBe(1);

    const facts = (await page.getByTestId('deal-facts').textContent()) ?? '';
    for (const part of ['山东 烟台', '约 2.5 kg', '冷藏 0–4℃', '20天']) expect(facts).toContain(part);
    const description = page.getByTestId('deal-description');
    expect(await description.locator('strong').textContent()).toBe('多汁');
    expect(await description.locator('li').textContent()).toBe('当季采摘');
    expect(await description.locator('img').count()).toBe(0);
    const nutrition = (await page.getByTestId('nutrition').textContent()) ?? '';
    expect(nutrition).toContain('227 kJ');
    expect(nutrition).toContain('13.5 g');
    await bw.shot(page, 'shop-deal-page');

    await page.getByTestId('add-to-cart').click();
    await page.getByTestId('deal-stepper').waitFor();
    const cart = await page.evaluate(() => JSON.stringify(localStorage));
    expect(cart).toContain(itemId);
    await page.getByTestId('go-cart').click();
    await page.waitForURL('**/shop/cart');
  });

  it('lets the operator add pictures, put them in order and fill in details in the console', async () => {
    const target = bw.world.products[2];
    const admin = await bw.desktopPage();
    await bw.signIn(admin, 'admin', ADMIN);
    await admin.goto(`${bw.baseUrl}/admin/setup/products`);
    await admin.getByTestId(`product-edit-${target.name}`).click();
    const pictures = admin.getByTestId('product-image');
    expect(await pictures.count()).toBe(0);
    const colours = ['#d32f2f', '#1976d2'];
    for (const [n, colour] of colours.entries()) {
      const buffer = await sharp({ create: { width: 600, height: 400, channels: 3, background: colour } })
        .png()
        .toBuffer();
      await admin
        .getByTestId('product-image-input')
        .setInputFiles({ name: `photo-${n}.png`, mimeType: 'image/png', buffer });
      await expect.poll(() => pictures.count()).toBe(n + 1);
    }
    const before = (await bw.world.admin.get(`/products/${target.id}`)).body.images.map((i: { id: string }) => i.id);
    // the second picture becomes the cover
    await pictures.nth(1).getByRole('button', { name: '‹' }).click();
    await expect
      .poll(async () =>
        (await bw.world.admin.get(`/products/${target.id}`)).body.images.map((i: { id: string }) => i.id),
      )
      .toEqual([before[1], before[0]]);
    await admin.getByTestId('product-origin').fill('内蒙古 呼伦贝尔');
    await admin.getByTestId('product-description').fill('<p>每天<strong>现挤</strong></p>');
    await bw.shot(admin, 'admin-product-pictures');
    await admin.getByTestId('product-form-save').click();
    await expect
      .poll(async () => (await bw.world.admin.get(`/products/${target.id}`)).body)
      .toMatchObject({ origin: '内蒙古 呼伦贝尔', description: '<p>每天<strong>现挤</strong></p>' });
  });

  it('shows a deal without pictures and an unknown deal plainly', async () => {
    await page.goto(`${bw.baseUrl}/shop/deals/${bw.world.campaign.items[1].id}`);
    await page.getByTestId('deal-page').waitFor();
    expect(await page.getByTestId('gallery-photo').count()).toBe(0);
    await page.goto(`${bw.baseUrl}/shop/deals/00000000-0000-4000-8000-00000000dead`);
    await page.getByText('这个团购不存在或已下架').waitFor();
  });
});
