import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { exec, one, pgArray } from '../../src/db/client.js';
import { addDays, businessDate, localTime } from '../../src/lib/time.js';
import { DEFAULT_REGION_ID } from '../../src/modules/network/service.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';

/**
 * The demand forecast in the console: with three weeks of history of one product, the campaign
 * editor shows its suggested quota for tomorrow's deal (the API's figure, checked against a plain
 * recomputation in test/forecast.test.ts), the per-point forecast on a click, and a product without
 * history as such; the purchase orders screen shows the day's expected against actual.
 */
describe('demand forecast (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const TZ = 'Asia/Shanghai';
  const TODAY = businessDate(new Date(), TZ);
  const title = '明日预测团';
  let tomorrowCutoff: string;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world, server } = bw;
    const db = server.ctx.db;
    // 21 closed days of the first product at the first two points: 4 and 2 units a day, 6 and 3 at weekends
    const orders = { id: [] as string[], campaign: [] as string[], point: [] as string[], at: [] as string[] };
    const lines = { order: [] as string[], item: [] as string[], qty: [] as number[] };
    for (let t = 21; t >= 1; t--) {
      const day = addDays(TODAY, -t);
      const c = await one<{ id: string }>(
        db,
        sql`insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status)
          values (${DEFAULT_REGION_ID}, ${`团 ${day}`}, ${localTime(day, '07:00', TZ).toISOString()}::timestamptz,
            ${localTime(day, '23:00', TZ).toISOString()}::timestamptz, ${addDays(day, 1)}::date, 'cut_off') returning id`,
      );
      const weekend = [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
      const units = weekend ? [6, 3] : [4, 2];
      const item = await one<{ id: string }>(
        db,
        sql`insert into campaign_items (campaign_id, product_id, price_fen, sold)
          values (${c!.id}, ${world.products[0].id}, 990, ${units[0] + units[1]}) returning id`,
      );
      for (const k of [0, 1]) {
        const id = randomUUID();
        orders.id.push(id);
        orders.campaign.push(c!.id);
        orders.point.push(world.pickupPointIds[k]);
        orders.at.push(localTime(day, '12:00', TZ).toISOString());
        lines.order.push(id);
        lines.item.push(item!.id);
        lines.qty.push(units[k]);
      }
    }
    await exec(
      db,
      sql`insert into orders (id, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at)
        select x.id, ${bw.customer.userId}, ${DEFAULT_REGION_ID}, x.campaign, x.point, 'completed', 990, 990, x.at, x.at, x.at
        from unnest(${pgArray(orders.id)}::uuid[], ${pgArray(orders.campaign)}::uuid[], ${pgArray(orders.point)}::uuid[],
          ${pgArray(orders.at)}::timestamptz[]) as x(id, campaign, point, at)`,
    );
    await exec(
      db,
      sql`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen)
        select x.o, x.i, ${world.products[0].id}::uuid, x.q, 990, 990, 990 * x.q
        from unnest(${pgArray(lines.order)}::uuid[], ${pgArray(lines.item)}::uuid[], ${pgArray(lines.qty)}::int[]) as x(o, i, q)`,
    );
    const tomorrow = addDays(TODAY, 1);
    tomorrowCutoff = localTime(tomorrow, '22:00', TZ).toISOString();
    const created = await world.admin.post('/admin/campaigns', {
      title,
      startsAt: localTime(tomorrow, '07:00', TZ).toISOString(),
      cutoffAt: tomorrowCutoff,
      pickupDate: addDays(tomorrow, 1),
      items: [
        { productId: world.products[0].id, priceFen: 990 },
        { productId: world.products[2].id, priceFen: 1990 },
      ],
    });
    expect(created.status).toBe(201);
    page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
  });
  afterAll(async () => {
    await bw?.close();
  });

  it("shows a deal's suggested quota in the campaign editor, and its points on demand", async () => {
    const { world } = bw;
    const api = await world.admin.get(
      `/admin/forecast/demand?regionId=${DEFAULT_REGION_ID}&cutoffAt=${encodeURIComponent(tomorrowCutoff)}&productId=${world.products[0].id}&points=true`,
    );
    expect(api.status).toBe(200);
    const expected = api.body.products[0];
    expect(expected.basis).toBe('history');
    expect(expected.suggestedQuota).toBeGreaterThan(0);

    await page.goto(`${bw.baseUrl}/admin/setup/campaigns`);
    await page.getByTestId(`campaign-open-${title}`).click();
    const quota = page.locator(`[data-testid="suggested-quota"][data-product="${world.products[0].id}"]`);
    await quota.filter({ hasText: String(expected.suggestedQuota) }).waitFor();
    // the product with no history says so
    await page
      .getByRole('row', { name: new RegExp(world.products[2].name) })
      .getByText('无历史')
      .waitFor();
    await bw.shot(page, 'admin-campaign-forecast');

    await quota.click();
    const points = page.getByTestId('forecast-points');
    await points.getByRole('row', { name: /幸福里1号自提点/ }).waitFor();
    const first = expected.points.find((p: any) => p.pickupPointId === world.pickupPointIds[0]);
    expect(await points.getByRole('row', { name: /幸福里1号自提点/ }).innerText()).toContain(first.units.toFixed(1));
    await bw.shot(page, 'admin-campaign-forecast-points');
  });

  it('shows the day’s expected against actual beside the purchase orders', async () => {
    await page.goto(`${bw.baseUrl}/admin/purchase-orders`);
    const card = page.getByTestId('forecast-accuracy');
    await card.getByText('需求预测与实际').waitFor();
    await card.getByTestId('forecast-accuracy-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(bw.problems).toEqual([]);
  });
});
