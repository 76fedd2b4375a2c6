import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { one } from '../../src/db/client.js';
import { deliverOutbox } from '../../src/modules/outbox/service.js';
import { outboxHandlers } from '../../src/modules/outbox/senders.js';
import { ADMIN } from '../harness.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { confirmPopup } from './admin-steps.js';

/**
 * 召回 from a lot to notified customers: milk from one lot is served from stock at cutoff to three
 * customers; the operator starts a recall from that lot, sees the affected customers before
 * confirming, confirms, and after the notices went out sees every customer notified.
 */
describe('console: a recall from a lot', () => {
  let env: BrowserWorld;
  const buyers: string[] = [];

  beforeAll(async () => {
    env = await startBrowserWorld();
    const { world } = env;
    const milk = world.products[2];
    const res = await world.admin.post('/admin/inventory/adjust', {
      warehouseId: world.centralWarehouseId,
      productId: milk.id,
      quantityDelta: 20,
      reason: '入库',
      expiresOn: '2031-06-01',
    });
    expect(res.status).toBe(200);
    const item = world.campaign.items.find((i) => i.productId === milk.id)!;
    for (const name of ['王阿姨', '李先生', '赵女士']) {
      const c = await newCustomer(env.server, world.pickupPointIds[0], name);
      buyers.push(name);
      await buyAndPay(env.server, c.api, {
        pickupPointId: world.pickupPointIds[0],
        items: [{ campaignItemId: item.id, quantity: 1 }],
      });
    }
    expect((await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`)).status).toBe(200);
  });
  afterAll(() => env?.close());

  it('starts from the lot, shows the affected customers, confirms and shows them notified', async () => {
    const page = await env.desktopPage();
    page.setDefaultTimeout(30_000);
    const { world } = env;
    await env.signIn(page, 'admin', ADMIN);
    await page.goto(`${env.baseUrl}/admin/recalls`);
    await page.getByTestId('recall-product').click();
    await page.locator('.ant-select-item-option').filter({ hasText: world.products[2].name }).first().click();
    await page.getByTestId('recall-lot').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2031-06-01' }).first().click();
    await page.getByTestId('recall-reason').fill('抽检不合格，请停止食用');
    await page.getByTestId('recall-preview').click();
    const preview = page.getByTestId('recall-preview-result');
    for (const name of buyers) await preview.getByText(name).waitFor();
    await env.shot(page, 'admin-recall-preview');
    await page.getByTestId('recall-create').click();
    await page.waitForURL(/\/admin\/recalls\/[0-9a-f-]{36}/);
    for (const name of buyers) await page.getByTestId('recall-lines').getByText(name).waitFor();
    await page.getByTestId('recall-confirm').click();
    await confirmPopup(page, 'recall-confirm-ok');
    await page.getByTestId('recall-countdown').waitFor();
    // the notices go out through the outbox (the pump in a running server)
    while ((await deliverOutbox(env.server.ctx.db, outboxHandlers(env.server.ctx.config))) > 0);
    await page.reload();
    await page.getByTestId('recall-notified').getByText('3/3').waitFor();
    await env.shot(page, 'admin-recall-notified');
    const sent = await one<{ n: number }>(
      env.server.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'notify.customer' and payload->>'kind' = 'recall' and status = 'delivered'`,
    );
    expect(sent?.n).toBe(4); // three customers and their leader
  });
});
