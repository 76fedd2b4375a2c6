import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { buyAndPay } from '../fixtures.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';

/**
 * The KPI page by clicking: the table shows the KPIs as the API gives them with targets and
 * status, the daily chart draws, a drill-down by pickup point shows each point's row, the .xlsx
 * download holds the KPI sheet, and the English switch names the KPIs in English.
 */
describe('KPI page (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  let paid: any;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world } = bw;
    paid = await buyAndPay(bw.server, bw.customer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [
        { campaignItemId: world.campaign.items[0].id, quantity: 2 },
        { campaignItemId: world.campaign.items[1].id, quantity: 1 },
      ],
    });
    page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
  });
  afterAll(async () => {
    await bw?.close();
  });

  it('shows every KPI with its target and status, and the daily chart', async () => {
    await page.getByTestId('nav-kpis').click();
    await page.getByTestId('kpi-value-gmv').filter({ hasText: yuan(paid.totalFen) }).waitFor();
    const api = (await bw.world.admin.get('/admin/kpis?days=30')).body;
    expect(await page.getByTestId('kpi-table').locator('tbody tr.ant-table-row').count()).toBe(api.kpis.length);
    const repurchase = page.getByTestId('kpi-row-repurchaseRate');
    expect(await repurchase.innerText()).toContain('≥ 35.00%');
    expect(await page.getByTestId('kpi-row-gmvChange').innerText()).toContain('GMV 环比');
    await page.getByTestId('chart-kpi-daily').locator('canvas').waitFor();
    expect(await page.getByTestId('kpi-unavailable').innerText()).toContain('工单');
    await bw.shot(page, 'admin-kpis');
  });

  it('drills down by pickup point and downloads the tables', async () => {
    await page.getByTestId('kpi-dim').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="按自提点"]').click();
    const table = page.getByTestId('kpi-breakdown-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const api = (await bw.world.admin.get('/admin/kpis?days=30&dim=point')).body;
    const first = api.breakdown.rows[0];
    const row = table.locator('tbody tr.ant-table-row').first();
    expect(await row.innerText()).toContain(first.labelZh);
    expect(await row.innerText()).toContain(yuan(first.values.gmv));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kpi-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^经营指标-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['指标', '每日', '下钻']);
    expect(book.worksheets[0].getRow(3).getCell(2).value).toBe(paid.totalFen / 100);
    expect(book.worksheets[2].rowCount).toBe(api.breakdown.rows.length + 1);
  });

  it('speaks English after the switch', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('kpi-row-repurchaseRate').filter({ hasText: 'Repurchase rate' }).waitFor();
    await page.getByTestId('lang-switch').click();
  });
});
