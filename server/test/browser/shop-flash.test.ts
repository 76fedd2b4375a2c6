import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { exec } from '../../src/db/client.js';
import { sendDueReminders } from '../../src/modules/campaigns/reminders.js';
import { deliverOutbox } from '../../src/modules/outbox/service.js';
import { outboxHandlers } from '../../src/modules/outbox/senders.js';

/**
 * 秒杀, membership and check-in in the shop: the flash strip on the home page with its countdown and
 * 已抢 %, 提醒我 delivered as a message when the sale opens, 立即抢 straight to the cashier with the
 * unit held; the membership's price and expected savings before paying and the welcome page with
 * this month's coupons after; check-in turning into 已签到 with the streak and the month's calendar.
 */
describe('shop: flash sale, membership, check-in (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  let customer: Awaited<ReturnType<typeof newCustomer>>;
  let soonId: string;
  let onSaleId: string;
  const now = Date.now();

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { admin, products, pickupPointIds } = bw.world;
    const campaign = await admin.post('/admin/campaigns', {
      title: '整点秒杀',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 8 * 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        {
          productId: products[0].id,
          priceFen: 990,
          quota: 10,
          perCustomerLimit: 1,
          saleStartsAt: new Date(now - 60_000).toISOString(),
        },
        {
          productId: products[1].id,
          priceFen: 1990,
          quota: 20,
          perCustomerLimit: 1,
          saleStartsAt: new Date(now + 2 * 3_600_000).toISOString(),
        },
        { productId: products[2].id, priceFen: products[2].priceFen, memberPriceFen: products[2].priceFen - 300 },
      ],
    });
    expect(campaign.status).toBe(201);
    const itemOf = (i: number) => campaign.body.items.find((x: any) => x.productId === products[i].id).id as string;
    onSaleId = itemOf(0);
    soonId = itemOf(1);
    // three neighbours grabbed one each: 30 % gone, 3 sold
    for (let i = 0; i < 3; i++) {
      const c = await newCustomer(bw.server, pickupPointIds[0]);
      await buyAndPay(bw.server, c.api, {
        pickupPointId: pickupPointIds[0],
        items: [{ campaignItemId: onSaleId, quantity: 1 }],
      });
    }
    customer = await newCustomer(bw.server, pickupPointIds[0], '赵阿姨');
    // she bought the member-priced deal without membership: 2 × ¥3 she would have saved
    await buyAndPay(bw.server, customer.api, {
      pickupPointId: pickupPointIds[0],
      items: [{ campaignItemId: itemOf(2), quantity: 2 }],
    });
    // the members' monthly pack, marked as the demo marks it
    const tpl = await admin.post('/admin/coupon-templates', {
      name: '会员月券 满39减6',
      kind: 'amount',
      thresholdFen: 3900,
      discountFen: 600,
      validFrom: new Date(now - 60_000).toISOString(),
      validTo: new Date(now + 30 * 86_400_000).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    expect(tpl.status).toBe(201);
    expect(
      (await admin.post('/admin/members/coupon-templates', { templateId: tpl.body.id, purpose: 'monthly_pack' }))
        .status,
    ).toBe(201);
    page = await bw.phonePage();
    await bw.signIn(page, 'shop', { phone: customer.phone, password: PASSWORD });
  });

  afterAll(async () => {
    await bw?.close();
  });

  it('shows the 秒杀 strip first on the home page with a countdown, 已抢 % and 已售', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    const strip = page.getByTestId('flash-section');
    await strip.waitFor();
    // the strip comes before the campaigns' deal lists
    const [stripTop, firstDealTop] = await page.evaluate(() => [
      document.querySelector('[data-testid="flash-section"]')!.getBoundingClientRect().top,
      document.querySelector('[data-testid="deal-card"]')!.getBoundingClientRect().top,
    ]);
    expect(stripTop).toBeLessThan(firstDealTop);
    // the next opening is in two hours
    expect(await strip.getByTestId('flash-section-countdown').textContent()).toMatch(/距开抢 (01:5\d|02:00):\d\d/);
    const onSale = strip.locator(`[data-testid="flash-tile"][data-name="${bw.world.products[0].name}"]`);
    await onSale.getByTestId('flash-proof').getByText('已抢 30%').waitFor();
    await onSale.getByTestId('flash-proof').getByText('已售 3 件').waitFor();
    await onSale.getByTestId('flash-grab').waitFor();
    const soon = strip.locator(`[data-testid="flash-tile"][data-name="${bw.world.products[1].name}"]`);
    await soon.getByTestId('flash-proof').getByText('已抢 0%').waitFor();
    // the deal card below shows the same
    const card = page.locator(`[data-testid="deal-card"][data-name="${bw.world.products[0].name}"]`);
    await card.getByTestId('flash-proof').getByText('已抢 30%').waitFor();
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);
    await bw.shot(page, 'shop-flash-strip');
  });

  it('takes a 提醒我 subscription and delivers it as a message once the sale opens', async () => {
    const soon = page
      .getByTestId('flash-section')
      .locator(`[data-testid="flash-tile"][data-name="${bw.world.products[1].name}"]`);
    await soon.getByTestId('flash-remind').click();
    await soon.locator('[data-testid="flash-remind"][data-on="true"]').getByText('已设提醒').waitFor();
    expect((await customer.api.get('/me/flash-reminders')).body.map((r: any) => r.campaignItemId)).toEqual([soonId]);
    // the sale opens; the job sends the reminder through the outbox
    await exec(
      bw.server.ctx.db,
      sql`update campaign_items set sale_starts_at = now() - interval '1 second' where id = ${soonId}`,
    );
    expect(await sendDueReminders(bw.server.ctx.db)).toBe(1);
    expect(await sendDueReminders(bw.server.ctx.db)).toBe(0);
    while ((await deliverOutbox(bw.server.ctx.db, outboxHandlers(bw.server.ctx.config))) > 0);
    await page.goto(`${bw.baseUrl}/shop/me/messages`);
    const message = page.locator('[data-testid="message"][data-kind="flash_open"]');
    await message.getByText(`您订阅的秒杀「${bw.world.products[1].name}」已开抢，¥19.90 限量抢购`).waitFor();
    expect(await message.count()).toBe(1);
    await message.click();
    await page.waitForURL(new RegExp(`/shop/deals/${soonId}$`));
    // on sale now: the deal page offers 立即抢 with its social proof
    await page.getByTestId('flash-grab').getByText('立即抢').waitFor();
    await page.getByTestId('flash-proof').getByText('已抢 0%').waitFor();
  });

  it('立即抢 places the order at once, holding the unit, and goes straight to the cashier', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    const tile = page
      .getByTestId('flash-section')
      .locator(`[data-testid="flash-tile"][data-name="${bw.world.products[0].name}"]`);
    await tile.getByTestId('flash-grab').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    // the unit is held for her unpaid order before she pays
    const orders = (await customer.api.get('/me/orders')).body as any[];
    const held = orders.find((o) => o.status === 'pending_payment');
    expect(held.lines.map((l: any) => [l.campaignItemId, l.quantity])).toEqual([[onSaleId, 1]]);
    const deal = (await customer.api.get(`/deals/${onSaleId}`)).body;
    expect(deal.remaining).toBe(6);
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(/\/shop\/orders\/[^/?]+$/, { timeout: 15_000 });
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe(`/shop/orders/${held.id}`);
  });

  it('shows the price and the expected savings before paying, and a welcome page with the coupons after', async () => {
    await page.goto(`${bw.baseUrl}/shop/me/membership`);
    await page.getByTestId('membership-price').getByText('年卡 ¥99.00 / 年').waitFor();
    const savings = page.getByTestId('membership-savings');
    await savings.waitFor();
    // independently: 2 units × (price − member price ¥3) in the last 30 days, over a year
    const saved = 2 * 300;
    expect(await savings.getAttribute('data-saved')).toBe(String(saved));
    const year = (Math.round((saved * 365) / 30) / 100).toFixed(2);
    expect(await savings.getByTestId('savings-year').textContent()).toBe(`约 ¥${year} / 年`);
    expect(await savings.getByTestId('savings-explain').textContent()).toContain('其中 1 件商品有会员价，可省 ¥6.00');
    expect(await savings.getByTestId('savings-explain').textContent()).toContain('面值共 ¥6.00');
    await page.getByTestId('buy-membership').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(/\/shop\/me\/membership\/welcome\?order=/, { timeout: 15_000 });
    await page.getByTestId('membership-welcome').getByText('开通成功').waitFor({ timeout: 15_000 });
    await page.getByTestId('welcome-coupon').getByText('会员月券 满39减6').waitFor();
    await bw.shot(page, 'shop-membership-welcome');
    const coupons = (await customer.api.get('/me/coupons')).body as any[];
    expect(coupons.filter((c) => c.name === '会员月券 满39减6')).toHaveLength(1);
  });

  it('turns 签到 into 已签到 with the streak and marks today on the month calendar', async () => {
    await page.goto(`${bw.baseUrl}/shop/me`);
    const calendar = page.getByTestId('checkin-calendar');
    await calendar.waitFor();
    expect(await page.getByTestId('checkin-day').count()).toBe(0);
    await page.getByTestId('check-in').click();
    await page.getByTestId('checked-in').getByText('已签到').waitFor();
    await page.getByTestId('checkin-streak').getByText('已连续签到 1 天').waitFor();
    const month = (await customer.api.get('/me/check-ins')).body;
    expect(month.days).toEqual([month.today]);
    await page.locator(`[data-testid="checkin-day"][data-date="${month.today}"]`).waitFor();
    expect(await page.getByTestId('check-in').count()).toBe(0);
    // the state comes from the server: still 已签到 after a reload
    await page.reload();
    await page.getByTestId('checked-in').waitFor();
    await bw.shot(page, 'shop-check-in');
  });
});
