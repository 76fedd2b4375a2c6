import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';
import { newCustomer } from '../fixtures.js';
import { rows } from '../../src/db/client.js';
import { computeRfm } from '../../src/modules/segments/service.js';

/**
 * A targeted coupon from the console (decision 051): from a saved segment the operator opens the
 * targeted campaign form, sends a coupon with half held out, and the result page shows both groups
 * as the frozen audience has them.
 */
describe('targeted campaigns (browser)', () => {
  let bw: BrowserWorld;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world, server } = bw;
    for (let i = 0; i < 16; i++) await newCustomer(server, world.pickupPointIds[i % world.pickupPointIds.length]);
    await computeRfm(server.ctx.db);
    const seg = await world.admin.post('/admin/customer-segments', {
      name: '全部顾客',
      definition: { conditions: [] },
    });
    expect(seg.status).toBe(201);
    const tpl = await world.admin.post('/admin/coupon-templates', {
      name: '回归礼 满20减5',
      kind: 'amount',
      thresholdFen: 2000,
      discountFen: 500,
      validFrom: new Date(Date.now() - 3_600_000).toISOString(),
      validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    expect(tpl.status).toBe(201);
  }, 60_000);
  afterAll(() => bw.close());

  it('sends a targeted coupon to a segment and shows treated and control on the result page', async () => {
    const page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
    await page.goto(`${bw.baseUrl}/admin/customer-segments`);
    await page.getByTestId('saved-segments').getByTestId('segment-send-coupon').click();
    await page.getByTestId('targeted-form').waitFor();
    await page.getByTestId('targeted-name').fill('老客回归');
    await page.getByTestId('targeted-template').click();
    await page.locator('.ant-select-item-option[title="回归礼 满20减5"]').click();
    await page.getByTestId('targeted-message').fill('好久不见，送您满20减5');
    await page.locator('#control').fill('50');
    await page.getByTestId('targeted-create').click();
    await page.getByTestId('targeted-list').locator('tr', { hasText: '老客回归' }).waitFor();
    await page.getByTestId('targeted-launch').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.getByTestId('targeted-result-link').click();
    await page.getByTestId('targeted-chart').waitFor();
    const groups = page.getByTestId('targeted-groups');
    await groups.locator('tr', { hasText: '发券组' }).waitFor();
    await groups.locator('tr', { hasText: '对照组' }).waitFor();

    const frozen = await rows<{ control: boolean; n: number }>(
      bw.server.ctx.db,
      sql`select control, count(*)::int as n from targeted_campaign_members group by control`,
    );
    const n = (control: boolean) => frozen.find((f) => f.control === control)?.n ?? 0;
    expect(n(false) + n(true)).toBeGreaterThan(10);
    const cell = async (label: string) =>
      (await groups.locator('tr', { hasText: label }).locator('td').nth(1).textContent())?.trim();
    expect(await cell('发券组')).toBe(String(n(false)));
    expect(await cell('对照组')).toBe(String(n(true)));
    expect(await page.getByTestId('targeted-coupons').textContent()).toContain(`发放 ${n(false)} 张`);
    await bw.shot(page, 'admin-targeted-result');
  });
});
