import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCustomer } from '../fixtures.js';
import { ADMIN } from '../harness.js';
import { DEFAULT_REGION_ID } from '../../src/modules/network/service.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * 用户生命周期 in the console (decision 050): the operator chooses the welcome coupon's template and
 * switches the program on; a customer who registers then holds the coupon, and the report shows
 * the month's grant with its chart.
 */
describe('lifecycle programs (browser)', () => {
  let env: BrowserWorld;

  beforeAll(async () => {
    env = await startBrowserWorld();
    const res = await env.world.admin.post('/admin/coupon-templates', {
      name: '新人专享 立减5元',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 500,
      validFrom: new Date(Date.now() - 3_600_000).toISOString(),
      validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => env?.close());

  it('switches the welcome coupon on and reports its grant', async () => {
    const page = await env.desktopPage();
    page.setDefaultTimeout(30_000);
    await env.signIn(page, 'admin', ADMIN);
    await page.goto(`${env.baseUrl}/admin/lifecycle`);
    await page.getByTestId('lifecycle-programs').getByText('新人券').waitFor();
    await page.getByTestId('lifecycle-template-welcome').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '新人专享 立减5元' }).click();
    await page.getByText('已保存').first().waitFor();
    await page.getByTestId('lifecycle-switch-welcome').click();
    await page.locator('[data-testid="lifecycle-switch-welcome"][aria-checked="true"]').waitFor();
    const programs = await env.world.admin.get(`/admin/lifecycle/programs?regionId=${DEFAULT_REGION_ID}`);
    expect(programs.body.programs.find((p: any) => p.program === 'welcome')).toMatchObject({ enabled: true });

    const customer = await newCustomer(env.server);
    const coupons = (await customer.api.get('/me/coupons')).body as any[];
    expect(coupons.map((c) => c.name)).toEqual(['新人专享 立减5元']);

    await page.reload();
    const row = page.locator('[data-testid="lifecycle-report"] tbody tr').filter({ hasText: '新人券' });
    await row.waitFor();
    expect(await row.locator('td').nth(2).innerText()).toBe('1');
    await page.getByTestId('lifecycle-chart').waitFor();
    await env.shot(page, 'admin-lifecycle');
    // the English switch
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('[data-testid="lifecycle-report"] tbody tr').filter({ hasText: 'Welcome coupon' }).waitFor();
  });
});
