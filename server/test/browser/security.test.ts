import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { notifyPaid } from '../fixtures.js';

/**
 * Each app's first screen, the API documentation and the cashier under the security policy, with
 * the site icon; and a cancelled order whose late payment went back, as the customer sees it.
 * The harness fails the file on any policy violation, console error or failed load.
 */
describe('security policy and first loads (browser)', () => {
  let bw: BrowserWorld;
  beforeAll(async () => {
    bw = await startBrowserWorld();
  }, 120_000);
  afterAll(async () => {
    await bw?.close();
  });

  it('the three apps open under the policy, with their icon', async () => {
    for (const [app, phone] of [
      ['shop', true],
      ['leader', true],
      ['admin', false],
    ] as const) {
      const page = phone ? await bw.phonePage() : await bw.desktopPage();
      const res = await page.goto(`${bw.baseUrl}/${app}/`);
      expect(res?.status()).toBe(200);
      const csp = (await res!.allHeaders())['content-security-policy'];
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      await page.waitForLoadState('networkidle');
      // the app rendered (the root is filled), and the icon it links loads
      await page.waitForFunction(() => (document.getElementById('root')?.children.length ?? 0) > 0);
      const icon = await page.evaluate(async () => {
        const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href;
        const r = await fetch(href);
        return { href, status: r.status, type: r.headers.get('content-type') };
      });
      expect(icon).toEqual({ href: `${bw.baseUrl}/favicon.svg`, status: 200, type: 'image/svg+xml' });
    }
    expect(bw.problems).toEqual([]);
  });

  it('the signed-in console draws its charts under the policy', async () => {
    const page = await bw.desktopPage();
    await bw.signIn(page, 'admin', { phone: '13800000000', password: 'admin-pass-123' });
    await page.goto(`${bw.baseUrl}/admin/`);
    await page.locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(bw.problems).toEqual([]);
  });

  it('the API documentation works under the policy', async () => {
    const page = await bw.desktopPage();
    await page.goto(`${bw.baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    // Swagger UI draws a long list of operations as the reader scrolls (a virtualised list), so the
    // page holds the first screenful; the whole document is what it loaded.
    expect(await page.locator('.opblock').count()).toBeGreaterThan(8);
    const documented = await page.evaluate(async () => {
      const doc = await (await fetch('/api/docs/json')).json();
      return Object.values(doc.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    });
    expect(documented).toBeGreaterThan(100);
    await page.waitForLoadState('networkidle');
    expect(bw.problems).toEqual([]);
  });

  it('a payment that arrives after the cancel shows as returned on the order page', async () => {
    const { customer, world, server } = bw;
    const order = await customer.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 2 }],
    });
    expect(order.status).toBe(201);
    const pay = await customer.api.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
    expect(pay.status).toBe(200);

    // the cashier page itself, under the policy
    const page = await bw.phonePage();
    await bw.signIn(page, 'shop', customer);
    await page.goto(`${bw.baseUrl}/simpay/cashier/${pay.body.paymentId}`);
    await page.getByTestId('simpay-confirm').waitFor();

    expect((await customer.api.post(`/orders/${order.body.id}/cancel`)).status).toBe(200);
    const notice = { paymentId: pay.body.paymentId, orderId: order.body.id, amountFen: pay.body.amountFen };
    expect((await notifyPaid(server, notice)).status).toBe(200);
    await page.goto(`${bw.baseUrl}/shop/orders/${order.body.id}`);
    const returned = page.getByTestId('payment-returned');
    await returned.waitFor();
    const yuan = `¥${(pay.body.amountFen / 100).toFixed(2)}`;
    expect((await returned.textContent())?.trim()).toBe(`订单已取消，您支付的 ${yuan} 已原路退回`);
    expect((await page.getByTestId('refunded-amount').textContent())?.trim()).toBe(yuan);
    expect(bw.problems).toEqual([]);
  });
});
