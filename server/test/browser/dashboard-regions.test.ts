import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client.js';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';

/**
 * The dashboard with two cities, by clicking: the comparison table shows both cities' figures as
 * the API gives them, the city picker narrows the day's figures to one city, and a route's
 * delivery cost entered through the form is stored and shows as that route's cost share.
 */
describe('dashboard per city (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const city = '乌鲁木齐';
  const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  let regionB: string;
  let routeB: string;
  let orderA: any;
  let orderB: any;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world, server } = bw;
    const admin = world.admin;
    regionB = (await admin.post('/admin/regions', { name: city, timeZone: 'Asia/Urumqi' })).body.id;
    const central = (
      await admin.post('/admin/warehouses', { name: '乌鲁木齐中心仓', kind: 'central', regionId: regionB })
    ).body.id;
    const grid = (await admin.post('/admin/warehouses', { name: '天山网格仓', kind: 'grid', parentId: central })).body
      .id;
    routeB = (await admin.post('/admin/routes', { name: '天山一线', warehouseId: grid })).body.id;
    const pointB = (
      await admin.post('/admin/pickup-points', { name: '天山路自提点', address: '天山路1号', routeId: routeB })
    ).body.id;
    const campaign = (
      await admin.post('/admin/campaigns', {
        title: '乌鲁木齐今日团',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        cutoffAt: new Date(Date.now() + 3_600_000).toISOString(),
        pickupDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
        items: [{ productId: world.products[0].id, priceFen: 1250 }],
        regionId: regionB,
      })
    ).body;
    const buyerB = await newCustomer(server, pointB, '乙');
    orderB = await buyAndPay(server, buyerB.api, {
      pickupPointId: pointB,
      items: [{ campaignItemId: campaign.items[0].id, quantity: 2 }],
    });
    orderA = await buyAndPay(server, bw.customer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
  });
  afterAll(async () => {
    await bw?.close();
  });

  it('compares the cities and narrows the figures to one', async () => {
    await page.goto(`${bw.baseUrl}/admin/dashboard`);
    const table = page.getByTestId('region-table');
    await table.getByRole('cell', { name: city }).waitFor();
    await page.getByTestId('chart-regions').locator('canvas').waitFor();
    const cityRow = table.getByRole('row', { name: new RegExp(city) });
    expect(await cityRow.innerText()).toContain('Asia/Urumqi');
    expect(await cityRow.innerText()).toContain(yuan(orderB.totalFen));
    await page
      .getByTestId('kpi-today-gmv')
      .filter({ hasText: yuan(orderA.totalFen + orderB.totalFen) })
      .waitFor();

    await page.getByTestId('dash-region').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${city}"]`).click();
    await page
      .getByTestId('kpi-today-gmv')
      .filter({ hasText: yuan(orderB.totalFen) })
      .waitFor();
    expect(await page.getByTestId('region-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('region-comparison').scrollIntoViewIfNeeded();
    await bw.shot(page, 'admin-dashboard-city');
  });

  it('enters a route delivery cost and shows its share', async () => {
    await page.getByTestId('route-cost-route').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="天山一线"]').click();
    await page.getByTestId('route-cost-amount').fill('5');
    await page.getByTestId('route-cost-note').fill('一趟');
    const saved = page.waitForResponse((r) => r.url().includes(`/admin/routes/${routeB}/costs/`), { timeout: 30_000 });
    await page.getByTestId('route-cost-save').click();
    expect((await saved).status()).toBe(200);
    const stored = await rows<{ cost_fen: number; note: string }>(
      bw.server.ctx.db,
      sql`select cost_fen, note from route_costs where route_id = ${routeB}`,
    );
    expect(stored.map((r) => [Number(r.cost_fen), r.note])).toEqual([[500, '一趟']]);
    const share = `${(Math.round((500 * 10_000) / orderB.totalFen) / 100).toFixed(2)}%`;
    const row = page.getByTestId('route-cost-table').getByRole('row', { name: /天山一线/ });
    await row.filter({ hasText: share }).waitFor();
    expect(await row.innerText()).toContain(yuan(500));
    await page.getByTestId('route-costs').scrollIntoViewIfNeeded();
    await bw.shot(page, 'admin-dashboard-route-costs');
  });
});
