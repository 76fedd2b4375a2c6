import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { one } from '../../src/db/client.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';
import { nextPhone } from '../client.js';

/**
 * Opening a second city in the console: the operator creates a region on the 城市 screen (a bad
 * time zone is refused with the form kept open), then creates a campaign choosing that city; both
 * are checked against the API and the database.
 */
describe('console regions (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const city = '乌鲁木齐';
  const campaignTitle = '乌鲁木齐周末团';

  beforeAll(async () => {
    bw = await startBrowserWorld();
    page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
  });
  afterAll(async () => {
    await bw?.close();
  });

  it('creates a city, refusing an unknown time zone first', async () => {
    await page.goto(`${bw.baseUrl}/admin/setup/regions`);
    await page.getByTestId('region-new').click();
    await page.getByTestId('region-name').fill(city);
    await page.getByTestId('region-time-zone').fill('Asia/Nowhere');
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/admin/regions') && r.request().method() === 'POST',
      { timeout: 30_000 },
    );
    await page.getByTestId('region-form-save').click();
    expect((await refused).status()).toBe(400);
    // said on the field, the form kept open with the operator's input
    await page.getByText('不是有效的时区名，例如 Asia/Shanghai').waitFor();
    expect(await page.getByTestId('region-name').inputValue()).toBe(city);
    await page.getByTestId('region-time-zone').fill('Asia/Urumqi');
    // the city's own settings: an earlier cutoff and a cheaper membership
    await page.getByTestId('region-cutoff-time').fill('21:30');
    await page.getByTestId('region-membership-price').fill('59.00');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/admin/regions') && r.request().method() === 'POST',
      { timeout: 30_000 },
    );
    await page.getByTestId('region-form-save').click();
    expect((await saved).status()).toBe(201);
    await page.getByTestId('region-form').waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: city }).waitFor();
    await page.getByRole('cell', { name: 'Asia/Urumqi' }).waitFor();
    const regions = (await bw.world.admin.get('/admin/regions')).body as { name: string; timeZone: string }[];
    expect(regions.filter((r) => r.name === city)).toEqual([
      expect.objectContaining({
        timeZone: 'Asia/Urumqi',
        cutoffTime: '21:30',
        pickupFrom: '08:00',
        pickupUntil: '21:00',
        membershipPriceFen: 5900,
      }),
    ]);
    await page.getByRole('cell', { name: '¥59.00' }).waitFor();
    await bw.shot(page, 'admin-regions');
  });

  it('creates a campaign in that city, offered at one of its points only', async () => {
    const product = bw.world.products[0];
    const admin = bw.world.admin;
    const regionId = ((await admin.get('/admin/regions')).body as { id: string; name: string }[]).find(
      (r) => r.name === city,
    )!.id;
    const central = (await admin.post('/admin/warehouses', { name: '乌市中心仓', kind: 'central', regionId })).body.id;
    const grid = (await admin.post('/admin/warehouses', { name: '乌市网格仓', kind: 'grid', parentId: central })).body
      .id;
    const route = (await admin.post('/admin/routes', { name: '天山线', warehouseId: grid })).body.id;
    const pointName = '天山路自提点';
    const point = (await admin.post('/admin/pickup-points', { name: pointName, address: '天山路1号', routeId: route }))
      .body.id;
    await page.goto(`${bw.baseUrl}/admin/setup/campaigns`);
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-title').fill(campaignTitle);
    await page.getByTestId('campaign-region').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${city}"]`).click();
    // the targets offered are that city's
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await page.getByTestId('campaign-target-points').locator('input').fill(pointName);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${pointName}"]`).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('campaign-target-points').getByText(pointName).waitFor();
    await page.getByTestId('deal-add').click();
    await page.getByTestId('deal-product').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${product.name}"]`).click();
    await page.getByTestId('deal-price').fill('9.90');
    await page.getByTestId('deal-form-save').click();
    await page.getByRole('cell', { name: product.name }).waitFor();
    await page.getByTestId('campaign-save').click();
    await page.getByText(`编辑团期：${campaignTitle}`).waitFor();

    const region = ((await bw.world.admin.get('/admin/regions')).body as { id: string; name: string }[]).find(
      (r) => r.name === city,
    )!;
    const row = await one<{ region_id: string }>(
      bw.server.ctx.db,
      sql`select region_id from campaigns where title = ${campaignTitle}`,
    );
    expect(row?.region_id).toBe(region.id);
    const targets = await one<{ points: string[] }>(
      bw.server.ctx.db,
      sql`select array_agg(t.pickup_point_id::text) as points from campaign_targets t join campaigns c on c.id = t.campaign_id
        where c.title = ${campaignTitle}`,
    );
    expect(targets?.points).toEqual([point]);
    await page.goto(`${bw.baseUrl}/admin/setup/regions`);
    const cityRow = page.getByRole('row', { name: new RegExp(city) });
    await cityRow.waitFor();
    // name, time zone, warehouses 0, pickup points 0, open campaigns 1
    await expect(cityRow.getByRole('cell').nth(4).textContent()).resolves.toBe('1');
  });

  it('limits an operator to that city on the users screen; their console then shows only it', async () => {
    const phone = nextPhone();
    const password = 'city-admin-123';
    const made = await bw.world.admin.post('/admin/users', { phone, password, name: '乌鲁木齐运营', roles: ['admin'] });
    expect(made.status).toBe(201);
    await page.goto(`${bw.baseUrl}/admin/users`);
    await page.getByTestId('users-search').locator('input').fill(phone);
    await page.getByTestId('users-search').locator('input').press('Enter');
    const row = page.getByTestId(`user-row-${phone}`);
    await row.filter({ hasText: '乌鲁木齐运营' }).waitFor();
    expect(await row.getByTestId('user-regions').innerText()).toBe('全部区域');
    await row.getByTestId('user-set-regions').click();
    await page.getByTestId('user-regions-every').click(); // no longer every region
    await page.getByTestId('user-regions-select').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${city}"]`).click();
    await page.locator('.ant-modal-title').click(); // closes the dropdown over the buttons
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    const saved = page.waitForResponse((r) => r.url().endsWith('/regions') && r.request().method() === 'PUT', {
      timeout: 30_000,
    });
    await page.getByTestId('user-regions-save').click();
    expect((await saved).status()).toBe(200);
    await row.getByTestId('user-regions').filter({ hasText: city }).waitFor();
    const region = ((await bw.world.admin.get('/admin/regions')).body as { id: string; name: string }[]).find(
      (r) => r.name === city,
    )!;
    const stored = await one<{ region_ids: string[] }>(
      bw.server.ctx.db,
      sql`select region_ids from users where id = ${made.body.id}`,
    );
    expect(stored?.region_ids).toEqual([region.id]);
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await bw.shot(page, 'admin-user-regions');

    // the limited operator's Regions screen lists their city alone
    const other = await bw.desktopPage();
    await bw.signIn(other, 'admin', { phone, password });
    await other.goto(`${bw.baseUrl}/admin/setup/regions`);
    await other.getByRole('row', { name: new RegExp(city) }).waitFor();
    expect(await other.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    expect(await other.getByTestId('region-new').count()).toBe(0);
    // the users screen is for operators of every region: not in a limited operator's menu
    await other.getByTestId('nav-orders').waitFor();
    expect(await other.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-users').count()).toBe(1);
  });
});
