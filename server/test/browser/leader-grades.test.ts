import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../../src/db/client.js';
import { buyAndPay } from '../fixtures.js';
import { ADMIN } from '../harness.js';
import { PASSWORD, startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * The leader's customers (decision 062): the leader opens her customers, keeps the dormant ones,
 * sends one an allowance coupon; the customer sees it in the shop and orders with it; the leader
 * then sees the recall counted.
 */
describe('leader customers and recall (browser)', () => {
  let env: BrowserWorld;

  beforeAll(async () => {
    env = await startBrowserWorld();
    // the customer's only order was 40 days ago: dormant
    const old = await buyAndPay(env.server, env.customer.api, {
      pickupPointId: env.world.pickupPointIds[0],
      items: [{ campaignItemId: env.world.campaign.items[0].id, quantity: 1 }],
    });
    await exec(
      env.server.ctx.db,
      sql`update orders set paid_at = paid_at - interval '40 days', created_at = created_at - interval '40 days' where id = ${old.id}`,
    );
    const tpl = await env.world.admin.post('/admin/coupon-templates', {
      name: '团长关怀券',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 500,
      validFrom: new Date(Date.now() - 3_600_000).toISOString(),
      validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      perCustomerLimit: 3,
      stackableWithFullReduction: true,
    });
    expect(tpl.status).toBe(201);
    const set = await env.world.admin.put('/admin/leader-grades/settings', {
      allowance: { templateId: tpl.body.id, perMonth: 20 },
    });
    expect(set.status).toBe(200);
  });
  afterAll(() => env?.close());

  it('sends a dormant customer a coupon, who orders with it, and the leader sees the recall', async () => {
    const leader = await env.phonePage();
    leader.setDefaultTimeout(30_000);
    await env.signIn(leader, 'leader', { phone: env.world.leaders[0].phone, password: PASSWORD });
    await leader.goto(`${env.baseUrl}/leader/me`);
    await leader.getByTestId('open-customers').click();
    await leader.getByTestId('allowance').filter({ hasText: '0/20' }).waitFor();
    await leader.getByTestId('dormant-only').click();
    const card = leader.getByTestId(`customer-${env.customer.userId}`);
    await card.getByTestId('dormant-tag').waitFor();
    const masked = `${env.customer.phone.slice(0, 3)}****${env.customer.phone.slice(-4)}`;
    expect(await card.getByTestId('customer-phone').innerText()).toBe(masked);
    expect(await leader.locator('body').innerText()).not.toContain(env.customer.phone);
    await card.getByTestId('send-coupon').click();
    await leader.getByTestId('allowance').filter({ hasText: '1/20' }).waitFor();
    await env.shot(leader, 'leader-customers');

    const shop = await env.phonePage();
    shop.setDefaultTimeout(30_000);
    await env.signIn(shop, 'shop', env.customer);
    await shop.goto(`${env.baseUrl}/shop/me/coupons`);
    await shop.getByTestId('tab-my-coupons').click();
    await shop.locator('[data-testid="my-coupon"][data-name="团长关怀券"]').waitFor();
    await shop.goto(`${env.baseUrl}/shop/`);
    await shop.evaluate(() => localStorage.removeItem('linli.shop.cart'));
    await shop.reload();
    await shop.getByTestId('deal-card').first().getByTestId('add-to-cart').click();
    await shop.getByTestId('tab-cart').click();
    await shop.getByTestId('go-checkout').first().click();
    await shop.getByTestId('coupon-option').first().click();
    await shop.getByTestId('line-coupon').waitFor();
    await shop.getByTestId('place-order').click();
    await shop.waitForURL(/\/simpay\/cashier\//);
    await shop.getByTestId('simpay-confirm').click();
    await shop.waitForURL(/\/shop\/orders\/[^/?]+$/, { timeout: 15_000 });
    await shop.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 15_000 });
    const orderId = new URL(shop.url()).pathname.split('/').pop()!;
    const order = (await env.customer.api.get(`/orders/${orderId}`)).body;
    expect(order.couponFen).toBe(500);

    await leader.reload();
    await leader.getByTestId('recall-rate').filter({ hasText: '100%' }).waitFor();
    const recall = (await env.world.leaders[0].api.get('/leader/customers')).body.recall;
    expect(recall).toMatchObject({ contacted: 1, recalled: 1 });
    await env.shot(leader, 'leader-recall-counted');
  });

  it('shows the console the month per leader with the chosen leader’s chart and the grade settings', async () => {
    const page = await env.desktopPage();
    page.setDefaultTimeout(30_000);
    await env.signIn(page, 'admin', ADMIN);
    await page.goto(`${env.baseUrl}/admin/leader-report`);
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    await page.getByTestId('leader-report-month').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${month}"]`).click();
    await page.locator('[data-testid="leader-report"] tbody tr[data-row-key]').nth(2).waitFor();
    const first = page.locator('[data-testid="leader-report"] tbody tr[data-row-key]').first();
    expect(await first.innerText()).toContain('¥');
    await page.getByTestId('leader-chart').waitFor();
    await page.getByTestId('grade-settings').waitFor();
    await env.shot(page, 'admin-leader-report');
  });
});
