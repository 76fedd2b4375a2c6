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
    await page.goto(`${bw.baseUrl}/admin/dashboard`);
    await page.getByTestId('nav-kpis').click();
    await page
      .getByTestId('kpi-value-gmv')
      .filter({ hasText: yuan(paid.totalFen) })
      .waitFor();
    const api = (await bw.world.admin.get('/admin/kpis?days=30')).body;
    expect(await page.getByTestId('kpi-table').locator('tbody tr.ant-table-row').count()).toBe(api.kpis.length);
    const repurchase = page.getByTestId('kpi-row-repurchaseRate');
    expect(await repurchase.innerText()).toContain('≥ 35.00%');
    expect(await page.getByTestId('kpi-row-gmvChange').innerText()).toContain('GMV 环比');
    await page.getByTestId('chart-kpi-daily').locator('canvas').waitFor();
    expect(await page.getByTestId('kpi-unavailable').innerText()).toContain('工单');
    // this week's cohort: the customer's first order, one customer
    const cohorts = (await bw.world.admin.get('/admin/kpis/cohorts')).body.cohorts;
    const row = page.getByTestId('kpi-cohort-table').locator('tbody tr.ant-table-row').last();
    await row.filter({ hasText: cohorts[cohorts.length - 1].week }).waitFor();
    await page.getByTestId('kpi-leader-months-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('chart-leader-months').locator('canvas').waitFor();
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
    expect(book.worksheets.map((w) => w.name)).toEqual(['指标', '每日', '下钻', '周留存', '团长人效(按月)']);
    expect(book.worksheets[0].getRow(3).getCell(2).value).toBe(paid.totalFen / 100);
    expect(book.worksheets[2].rowCount).toBe(api.breakdown.rows.length + 1);
  });

  it('adds a KPI alert rule and lists it', async () => {
    await page.getByTestId('rule-value').fill('25');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/admin/kpi-alert-rules') && r.request().method() === 'POST',
    );
    await page.getByTestId('rule-add').click();
    expect((await saved).status()).toBe(201);
    const stored = (await bw.world.admin.get('/admin/kpi-alert-rules')).body;
    expect(stored.map((r: any) => [r.kpiKey, r.kind, r.dropPercent])).toEqual([['gmv', 'drop', 25]]);
    await page.getByTestId('kpi-rules-table').locator('tbody tr.ant-table-row').filter({ hasText: '25%' }).waitFor();
  });

  it('speaks English after the switch', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('kpi-row-repurchaseRate').filter({ hasText: 'Repurchase rate' }).waitFor();
    await page.getByTestId('lang-switch').click();
  });
});
