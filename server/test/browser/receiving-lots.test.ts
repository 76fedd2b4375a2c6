import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buyAndPay } from '../fixtures.js';
import { one, rows } from '../../src/db/client.js';
import { addDays } from '../../src/lib/time.js';
import { ADMIN } from '../harness.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { chooseCampaign, confirmPopup } from './admin-steps.js';

/**
 * Lots at the warehouse, as an operator meets them: the cutoff takes the shelf's eggs from the lot
 * that expires first (the stock movements screen shows which), and receiving refuses a lot whose
 * expiry date has passed, says why on the line, and takes the delivery once the date is right.
 */
describe('console: lots first-expiry-first, and an expired lot refused at receiving', () => {
  let env: BrowserWorld;
  const P = { greens: 1, eggs: 3 } as const;

  beforeAll(async () => {
    env = await startBrowserWorld();
    const { world } = env;
    // two lots of eggs on the shelf, the later-expiring one first
    for (const [quantityDelta, expiresOn] of [
      [2, '2031-06-01'],
      [2, '2031-03-01'],
    ] as const) {
      const res = await world.admin.post('/admin/inventory/adjust', {
        warehouseId: world.centralWarehouseId,
        productId: world.products[P.eggs].id,
        quantityDelta,
        reason: '入库',
        expiresOn,
      });
      expect(res.status).toBe(200);
    }
    const item = (i: number) => world.campaign.items.find((x) => x.productId === world.products[i].id)!.id;
    await buyAndPay(env.server, env.customer.api, {
      pickupPointId: world.pickupPointIds[0],
      items: [
        { campaignItemId: item(P.eggs), quantity: 3 },
        { campaignItemId: item(P.greens), quantity: 2 },
      ],
    });
    expect((await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`)).status).toBe(200);
  });
  afterAll(() => env?.close());

  it('shows the eggs taken from the lot expiring first', async () => {
    const page = await env.desktopPage();
    await env.signIn(page, 'admin', ADMIN);
    await page.goto(`${env.baseUrl}/admin/stock-movements?kind=allocated`);
    const row = page
      .locator('[data-testid="movement-list"] tbody tr')
      .filter({ hasText: env.world.products[P.eggs].name });
    await row.first().waitFor();
    // 3 units: both of the March lot, then one of the June lot
    expect(await row.first().innerText()).toContain('2031-03-01 ×2，2031-06-01 ×1');
    await page.close();
  });

  it('refuses an expired lot with its reason on the line, then receives it with a good date', async () => {
    const { world } = env;
    const page = await env.desktopPage();
    await env.signIn(page, 'admin', ADMIN);
    await page.goto(`${env.baseUrl}/admin/purchase-orders`);
    await chooseCampaign(page, '今日团购');
    const greens = world.products[P.greens].name;
    await page.locator('[data-testid="po-list"][aria-busy="false"]').waitFor();
    const card = page.getByTestId('po-card').filter({ has: page.getByRole('cell', { name: greens, exact: true }) });
    await card.first().getByTestId('po-receive').click();
    await page.getByTestId('receive-table').waitFor();
    const row = page
      .locator('[data-testid="receive-table"] tbody tr')
      .filter({ has: page.getByRole('cell', { name: greens, exact: true }) });
    const region = await one<{ today: string }>(
      env.server.ctx.db,
      sql`select (now() at time zone time_zone)::date::text as today from regions limit 1`,
    );
    const today = region!.today;

    await row.getByTestId('receive-expires').fill(addDays(today, -1));
    await page.getByTestId('receive-submit').click();
    await page.getByTestId('impact-error').filter({ hasText: '该批次已过期' }).waitFor();
    await page.keyboard.press('Escape');
    // the line says why and offers the override reason; nothing was received
    await row.getByTestId('receive-override').waitFor();
    await expect(row.innerText()).resolves.toContain('该批次已过期');
    const lots = async () =>
      rows<{ expires_on: string }>(
        env.server.ctx.db,
        sql`select expires_on::text from lots where product_id = ${world.products[P.greens].id}`,
      );
    expect(await lots()).toEqual([]);

    const good = addDays(today, 3);
    await row.getByTestId('receive-expires').fill(good);
    await page.getByTestId('receive-submit').click();
    await confirmPopup(page, 'receive-confirm');
    await page.getByTestId('receive-result').waitFor();
    expect(await lots()).toEqual([{ expires_on: good }]);
    // the customer's greens were served from that lot
    const served = await rows<{ expires_on: string }>(
      env.server.ctx.db,
      sql`select l2.expires_on::text from order_lines l join lots l2 on l2.id = l.lot_id
          where l.product_id = ${world.products[P.greens].id}`,
    );
    expect(served).toEqual([{ expires_on: good }]);
    await page.close();
  });
});
