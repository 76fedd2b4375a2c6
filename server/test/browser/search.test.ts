import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * Search in the shop on a phone: from the deals page, Chinese and pinyin initials, today's deal put
 * in the cart from the results and a catalogue product shown as not on sale today, the recent and
 * popular searches, the empty state's suggestions, and the English switch.
 */
describe('shop search (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const names = () =>
    page.$$eval('[data-testid="search-hit"]', (cards) => cards.map((c) => (c as HTMLElement).dataset.name));
  const searchFor = async (q: string) => {
    const input = page.getByTestId('search-input').locator('input');
    await input.fill(q);
    await input.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === q);
    // the answer to this search, not the previous search's results still on the screen
    await page.locator(`[data-q="${q}"]`).waitFor();
  };

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { admin, supplierIds } = bw.world;
    const ids: string[] = [];
    for (const name of ['有机西红柿 500g', '西红柿']) {
      const product = await admin.post('/admin/products', {
        name,
        category: 'fresh',
        supplierId: supplierIds[0],
        unit: '份',
        listPriceFen: 990,
        costFen: 400,
        temperatureZone: 'ambient',
      });
      expect(product.status).toBe(201);
      ids.push(product.body.id);
    }
    const now = Date.now();
    const campaign = await admin.post('/admin/campaigns', {
      title: '番茄专场',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 8 * 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: ids[0], priceFen: 690 }],
    });
    expect(campaign.status).toBe(201);
    page = await bw.phonePage();
    await bw.signIn(page, 'shop', bw.customer);
  });

  afterAll(async () => {
    await bw?.close();
  });

  it('opens from the deals page with suggestions before anything is typed', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    await page.getByTestId('search-entry').click();
    await page.waitForURL(/\/shop\/search$/);
    // nothing searched yet: no recent or popular searches, but the categories
    await page.locator('[data-testid="category-searches"]', { hasText: '果蔬' }).waitFor();
    expect(await page.getByTestId('recent-searches').count()).toBe(0);
    expect(await page.getByTestId('popular-searches').count()).toBe(0);
    await bw.shot(page, 'shop-search-empty');
  });

  it('finds Chinese inside names, puts a deal in the cart, and shows what is not on sale today', async () => {
    await searchFor('红柿');
    await page.getByTestId('search-results').waitFor();
    // the deal first (on sale at the customer's point), then the catalogue product
    expect(await names()).toEqual(['有机西红柿 500g', '西红柿']);
    const deal = page.locator('[data-testid="search-hit"][data-on-sale="true"]');
    // a compact round "+", not a wide rectangle
    const add = await deal.getByTestId('add-to-cart').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { w: r.width, h: r.height, radius: Number.parseFloat(getComputedStyle(el).borderTopLeftRadius) };
    });
    expect(add.w).toBeLessThanOrEqual(40);
    expect(Math.abs(add.w - add.h)).toBeLessThan(1);
    expect(add.radius).toBeGreaterThanOrEqual(add.w / 2 - 1);
    await deal.getByTestId('add-to-cart').click();
    await expect(deal.getByTestId('in-cart').innerText()).resolves.toBe('×1');
    const cart = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.shop.cart') ?? '{}'));
    expect(Object.values(cart)).toEqual([1]);
    const other = page.locator('[data-testid="search-hit"][data-on-sale="false"]');
    await other.getByTestId('not-today').waitFor();
    expect(await other.getByTestId('add-to-cart').count()).toBe(0);
    await bw.shot(page, 'shop-search-results');
  });

  it('finds names by pinyin initials', async () => {
    await searchFor('xhs');
    await page.locator('[data-testid="search-results"][data-q="xhs"]').waitFor();
    expect((await names()).sort()).toEqual(['有机西红柿 500g', '西红柿'].sort());
  });

  it('suggests popular searches and categories when nothing is found, and remembers recent ones', async () => {
    await searchFor('不存在的商品');
    await page.getByTestId('search-none').waitFor();
    // the two searches that found something are now popular
    await page.locator('[data-testid="popular-searches"]', { hasText: '红柿' }).waitFor();
    expect(await page.getByTestId('popular-searches').textContent()).toContain('xhs');
    await page.locator('[data-testid="category-searches"]', { hasText: '果蔬' }).waitFor();
    await bw.shot(page, 'shop-search-none');
    // a popular search is one tap away
    await page.locator('[data-testid="popular-searches"] >> text=红柿').click();
    await page.waitForURL((url) => url.searchParams.get('q') === '红柿');
    await page.getByTestId('search-results').waitFor();
    // recent searches, newest first, on this device only
    await page.goto(`${bw.baseUrl}/shop/search`);
    const recent = await page.getByTestId('recent-searches').textContent();
    expect(recent).toMatch(/红柿.*不存在的商品.*xhs/);
    await page.getByTestId('clear-recent').click();
    expect(await page.getByTestId('recent-searches').count()).toBe(0);
  });

  it('speaks English after the switch', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="search-entry"]', { hasText: 'Search' }).waitFor();
    await page.getByTestId('search-entry').click();
    await page.locator('[data-testid="category-searches"]', { hasText: 'Fruit & vegetables' }).waitFor();
    await searchFor('xihong');
    await page.locator('[data-testid="search-hit"][data-on-sale="false"]', { hasText: 'Not on sale today' }).waitFor();
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);
    // each search that found something counted once, however often its results were shown again
    expect((await bw.world.anon.get('/search/popular')).body).toEqual([
      { query: 'xhs', count: 1 },
      { query: 'xihong', count: 1 },
      { query: '红柿', count: 1 },
    ]);
  });
});
