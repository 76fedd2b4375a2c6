import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { assign } from '../../src/modules/experiments/rules.js';

/**
 * A/B experiments in the console (decision 048): a running price experiment whose customers were
 * shown their arm and ordered; the operator opens the list and the report — per arm exposure,
 * conversion, GMV, the chart, the comparison with the control, and the refusal to call a winner
 * under the minimum sample — in Chinese and in English, and stops it.
 */
describe('experiment report (browser)', () => {
  let bw: BrowserWorld;
  let experiment: any;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world, server } = bw;
    const item = world.campaign.items[1];
    const created = await world.admin.post('/admin/experiments', {
      name: '小青菜价格测试',
      campaignItemId: item.id,
      unit: 'customer',
      kind: 'price',
      minPerArm: 500,
      arms: [
        { key: 'control', name: '原价', weight: 1 },
        { key: 'a', name: '85折', weight: 1, priceFen: Math.floor((item.priceFen * 0.85) / 10) * 10 },
      ],
    });
    expect(created.status).toBe(201);
    experiment = (await world.admin.post(`/admin/experiments/${created.body.id}/start`)).body;
    const point = world.pickupPointIds[0];
    for (let i = 0; i < 8; i++) {
      const c = i === 0 ? bw.customer : await newCustomer(server, point);
      await c.api.get(`/me/deal-variants?pickupPointId=${point}`);
      if (i % 2 === 0)
        await buyAndPay(server, c.api, { pickupPointId: point, items: [{ campaignItemId: item.id, quantity: 1 }] });
    }
    await server.ctx.exposures.flush();
  }, 60_000);
  afterAll(() => bw.close());

  it("shows the customer their arm's price in the shop", async () => {
    const item = bw.world.campaign.items[1];
    const arm = assign(experiment, { userId: bw.customer.userId, pickupPointId: bw.world.pickupPointIds[0] });
    const price = arm.priceFen ?? item.priceFen;
    const page = await bw.phonePage();
    await bw.signIn(page, 'shop', bw.customer);
    await page.goto(`${bw.baseUrl}/shop/deals/${item.id}`);
    await page
      .getByText(`¥${(price / 100).toFixed(2)}`)
      .first()
      .waitFor();
    await page.close();
  });

  it('lists the experiment, opens its report with chart and comparison, and says the sample is too small', async () => {
    const page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
    await page.goto(`${bw.baseUrl}/admin/experiments`);
    const row = page.getByTestId('experiments-table').locator('tr', { hasText: '小青菜价格测试' });
    await row.getByText('进行中').waitFor();
    await row.getByTestId('experiment-report-link').click();
    await page.getByTestId('experiment-chart').locator('canvas').waitFor();
    const verdict = page.getByTestId('experiment-verdict');
    await verdict.getByText(/样本不足/).waitFor();
    const report = (await bw.world.admin.get(`/admin/experiments/${experiment.id}/report`)).body;
    const table = page.getByTestId('experiment-report-table');
    for (const arm of report.arms) {
      const line = table.locator('tr', { hasText: arm.name });
      await line
        .getByText(`¥${(arm.gmvFen / 100).toFixed(2)}`)
        .first()
        .waitFor();
      await expect(line.textContent()).resolves.toContain(String(arm.exposed));
      // the under-minimum arms are named with their exposure against the minimum
      await expect(verdict.textContent()).resolves.toContain(`${arm.name} ${arm.exposed}/500`);
    }
    await table.getByText(/p=/).first().waitFor();
    await bw.shot(page, 'admin-experiment-report');

    await page.getByTestId('lang-switch').click();
    await verdict.getByText(/Not enough units yet/).waitFor();
    await page.getByTestId('lang-switch').click();
    await verdict.getByText(/样本不足/).waitFor();

    await page.goto(`${bw.baseUrl}/admin/experiments`);
    await row.getByTestId('experiment-stop').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停止' }).click();
    await row.getByText('已停止').waitFor();
    expect((await bw.world.admin.get(`/admin/experiments/${experiment.id}`)).body.status).toBe('stopped');
  });
});
