import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { newCustomer } from '../fixtures.js';
import { expectCompletedWithRefund, orderAndPay, readPickupCode } from './shop-steps.js';
import { arriveInFull, cutOffAndDeliver, newCampaign } from '../leader-flow.js';
import { buyAndPay } from '../fixtures.js';
import { deliverOutbox } from '../../src/modules/outbox/service.js';
import { outboxHandlers } from '../../src/modules/outbox/senders.js';
import { sql } from 'drizzle-orm';
import { exec } from '../../src/db/client.js';

/**
 * The customer shop in a phone browser: sign in through the form, choose a pickup point, claim a
 * coupon, check in, buy with every discount line shown and pay on the cashier page, cancel a paid
 * order, switch language and large text, and never scroll sideways at 375 px.
 */
describe('shop (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  let customer: { phone: string; userId: string; api: Awaited<ReturnType<typeof newCustomer>>['api'] };
  const password = 'customer-123';
  const now = Date.now();

  const noSideScroll = async () => {
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);
  };
  const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { admin } = bw.world;
    // a spend-and-save promotion and a claimable coupon, so checkout has every kind of line
    const fr = await admin.post('/admin/promotions/full-reduction', {
      name: '满50减8',
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      tiers: [
        { thresholdFen: 5000, discountFen: 800 },
        { thresholdFen: 10_000, discountFen: 2000 },
      ],
    });
    expect(fr.status).toBe(201);
    const tpl = await admin.post('/admin/coupon-templates', {
      name: '领券满30减5',
      kind: 'amount',
      thresholdFen: 3000,
      discountFen: 500,
      validFrom: new Date(now - 3_600_000).toISOString(),
      validTo: new Date(now + 7 * 86_400_000).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
      claimable: true,
    });
    expect(tpl.status).toBe(201);
    // a second campaign with a flash deal that opens later and a group-tier deal
    const extra = [];
    for (const name of ['智利车厘子 500g', '丹东草莓 1kg']) {
      const product = await admin.post('/admin/products', {
        name,
        category: 'fresh',
        supplierId: bw.world.supplierIds[0],
        unit: '盒',
        listPriceFen: 8990,
        costFen: 4000,
        temperatureZone: 'chilled',
      });
      expect(product.status).toBe(201);
      extra.push(product.body.id as string);
    }
    const special = await admin.post('/admin/campaigns', {
      title: '限时秒杀 · 拼团',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 8 * 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        {
          productId: extra[0],
          priceFen: 3990,
          quota: 30,
          perCustomerLimit: 1,
          saleStartsAt: new Date(now + 2 * 3_600_000).toISOString(),
        },
        {
          productId: extra[1],
          priceFen: 5990,
          groupTiers: [
            { minBuyers: 3, priceFen: 4990 },
            { minBuyers: 10, priceFen: 3990 },
          ],
        },
      ],
    });
    expect(special.status).toBe(201);
    // a new customer who has not chosen a pickup point yet
    customer = await newCustomer(bw.server, undefined, '李阿姨');
    page = await bw.phonePage();
  });

  afterAll(async () => {
    await bw?.close();
  });

  it('signs in through the form and chooses a pickup point by name', async () => {
    await page.goto(`${bw.baseUrl}/shop/me`);
    await page.waitForURL(/\/shop\/login/);
    await page.getByTestId('login-phone').locator('input').fill(customer.phone);
    await page.getByTestId('login-password').locator('input').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/shop\/me$/);
    await page.getByTestId('me-pickup').click();
    await page.getByTestId('pickup-search').locator('input').fill('2号');
    await page.locator('[data-testid="pickup-option"]', { hasText: '幸福里2号自提点' }).waitFor();
    // the search is debounced: wait for the filtered list
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pickup-option"]').length === 1);
    // with the browser's location the nearest point comes first, with its distance
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: 31.221, longitude: 121.4 });
    await page.getByTestId('pickup-search').locator('input').fill('');
    await page.getByTestId('pickup-locate').click();
    // 3号 is about 110 m away, 2号 1.2 km, 1号 2.3 km (the debounced search clears meanwhile)
    await page.waitForFunction(() => {
      const options = [...document.querySelectorAll<HTMLElement>('[data-testid="pickup-option"]')];
      return (
        options.length === 3 &&
        options[0].dataset.name === '幸福里3号自提点' &&
        /\d+ 米/.test(options[0].textContent ?? '') &&
        /公里/.test(options[2].textContent ?? '')
      );
    });
    await page.getByTestId('pickup-search').locator('input').fill('1号');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pickup-option"]').length === 1);
    await page.locator('[data-testid="pickup-option"][data-name="幸福里1号自提点"]').click();
    await page.waitForURL(/\/shop\/?$/);
    await page.locator('[data-testid="pickup-bar"]', { hasText: '幸福里1号自提点' }).waitFor();
    expect((await customer.api.get('/me')).body.pickupPointId).toBe(bw.world.pickupPointIds[0]);
    await page.getByTestId('cutoff-countdown').first().waitFor();
    // the pickup day with the city's pickup hours (the default city's: 08:00–21:00)
    expect(await page.getByTestId('pickup-window').first().textContent()).toMatch(/ 08:00–21:00 到店自提$/);
    expect(await page.getByTestId('deal-card').count()).toBe(bw.world.products.length + 2);
    await page
      .locator('[data-testid="deal-card"][data-name="智利车厘子 500g"]')
      .getByTestId('flash-countdown')
      .waitFor();
    await page
      .locator('[data-testid="deal-card"][data-name="丹东草莓 1kg"]')
      .getByTestId('tier')
      .getByText('再 3 人购买')
      .waitFor();
    await noSideScroll();
    await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
    await bw.shot(page, 'shop-deals');
  });

  it('claims a coupon in the claim centre and checks in', async () => {
    await page.goto(`${bw.baseUrl}/shop/me/coupons`);
    const card = page.locator('[data-testid="claimable-coupon"][data-name="领券满30减5"]');
    await card.getByTestId('claim-coupon').click();
    await card.getByText('已领取').waitFor();
    await page.getByTestId('tab-my-coupons').click();
    await page.locator('[data-testid="my-coupon"][data-name="领券满30减5"]').waitFor();

    await page.goto(`${bw.baseUrl}/shop/me`);
    const before = Number(await text('points-balance'));
    await page.getByTestId('check-in').click();
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="points-balance"]')?.textContent) > b,
      before,
    );
    const points = (await customer.api.get('/me/points')).body;
    expect(points.entries.some((e: { reason: string }) => e.reason === 'check_in')).toBe(true);
    expect(Number(await text('points-balance'))).toBe(points.balance);
  });

  it('shows the 凑单 hint in the cart and every discount line at checkout, then pays on the cashier page', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    for (const name of ['土鸡蛋 30枚', '鲜牛奶 950ml']) {
      await page.locator(`[data-testid="deal-card"][data-name="${name}"]`).getByTestId('add-to-cart').click();
    }
    await page.getByTestId('tab-cart').click();
    // ¥29.90 + ¥13.90 = ¥43.80: ¥6.20 short of 满50减8
    await page.getByTestId('fill-hint').waitFor();
    expect(await text('fill-hint')).toContain('¥6.20');
    await noSideScroll();
    await bw.shot(page, 'shop-cart');

    await page.getByTestId('tab-deals').click();
    await page.locator('[data-testid="deal-card"][data-name="红富士苹果"]').getByTestId('add-to-cart').click();
    await page.getByTestId('tab-cart').click();
    await page.getByTestId('line-full-reduction').waitFor();
    await page.getByTestId('go-checkout').click();
    await page.getByTestId('coupon-option').first().click();
    await page.getByTestId('line-coupon').waitFor();
    // the check-in points, too (the server caps what may be used)
    await page.getByTestId('use-points').click();
    await page.getByTestId('line-points').waitFor();

    // what the page shows is the server's own quote, line by line
    const items = bw.world.campaign.items.filter((i) =>
      [0, 2, 3].includes(bw.world.products.findIndex((p) => p.id === i.productId)),
    );
    const coupons = (await customer.api.get('/me/coupons')).body;
    const quote = (
      await customer.api.post('/checkout/quote', {
        pickupPointId: bw.world.pickupPointIds[0],
        items: items.map((i) => ({ campaignItemId: i.id, quantity: 1 })),
        couponId: coupons[0].id,
        pointsToUse: (await customer.api.get('/me')).body.pointsBalance,
      })
    ).body;
    expect(quote.pointsFen).toBeGreaterThan(0);
    expect(quote.fullReductionFen).toBe(800);
    expect(quote.couponFen).toBe(500);
    expect(await text('line-full-reduction')).toBe('−¥8.00');
    expect(await text('line-coupon')).toBe('−¥5.00');
    expect(await text('line-points')).toBe(`−¥${(quote.pointsFen / 100).toFixed(2)}`);
    expect(await text('line-total')).toBe(`¥${(quote.totalFen / 100).toFixed(2)}`);
    await noSideScroll();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await bw.shot(page, 'shop-checkout');

    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    // the cashier says first, in words nobody can miss, that the payment is simulated
    expect(await page.getByTestId('simpay-simulated').textContent()).toContain('模拟支付');
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(/\/shop\/orders\/[^/]+$/);
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 15_000 });
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    const order = (await customer.api.get(`/orders/${orderId}`)).body;
    expect(order.status).toBe('paid');
    expect(order.totalFen).toBe(quote.totalFen);
    expect((await text('pickup-code'))?.replace(/\s/g, '')).toBe(order.pickupCode);
    await page.getByTestId('qr').locator('svg').waitFor();
    await noSideScroll();
    await bw.shot(page, 'shop-order');
  });

  it('orders and pays with the shared step, reads the pickup code, and cancels the paid order before cutoff', async () => {
    const { orderId, number } = await orderAndPay(page, bw.baseUrl, [{ productName: '本地小青菜', quantity: 2 }]);
    const order = (await customer.api.get(`/orders/${orderId}`)).body;
    expect(order.number).toBe(number);
    expect(order.lines).toMatchObject([{ productName: '本地小青菜', quantity: 2 }]);
    expect(await readPickupCode(page, bw.baseUrl, orderId)).toBe(order.pickupCode);

    await page.getByTestId('cancel-order').click();
    await page.locator('.adm-dialog-footer button').last().click();
    await page.locator('[data-testid="order-status"][data-status="cancelled"]').waitFor();
    await page.getByTestId('refunded-amount').waitFor();
    expect((await customer.api.get(`/orders/${orderId}`)).body).toMatchObject({
      status: 'cancelled',
      refundedFen: order.totalFen,
    });
    // the order list filters by status
    await page.goto(`${bw.baseUrl}/shop/orders`);
    await page.getByTestId('orders-filter-cancelled').click();
    await page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`).waitFor();
    await page.getByTestId('orders-filter-toPickUp').click();
    await page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('order-card').count()).toBe(1);
    // the step insists on a completed order: a cancelled one is refused
    await expect(expectCompletedWithRefund(page, bw.baseUrl, orderId)).rejects.toThrow(/completed/);
  });

  it('comes back unpaid from the cashier, and pays later from the order page', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    await page.locator('[data-testid="deal-card"][data-name="红富士苹果"]').getByTestId('add-to-cart').click();
    await page.getByTestId('tab-cart').click();
    await page.getByTestId('go-checkout').click();
    await page.getByTestId('line-total').waitFor();
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await page.getByRole('button', { name: '返回商家' }).click();
    await page.waitForURL(/\/shop\/orders\/[^/]+$/);
    await page.locator('[data-testid="order-status"][data-status="pending_payment"]').waitFor();
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(/\/shop\/orders\/[^/]+$/);
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('pickup-code').waitFor();
  });

  it('switches to English and back, turns on large text, and fits 375 px on every tab', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${bw.baseUrl}/shop/me`);
    await page.getByTestId('me-lang').click();
    await page.getByTestId('tab-me').getByText('Me').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('me-lang').click();
    await page.getByTestId('tab-me').getByText('我的').waitFor();

    const tabLabel = () =>
      page.evaluate(() =>
        Number.parseFloat(getComputedStyle(document.querySelector('.adm-tab-bar-item-title')!).fontSize),
      );
    const before = await tabLabel();
    await page.getByTestId('large-text').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('linli-large-text'))).toBe(true);
    // tab labels scale with the root size too (rem), not only the body text
    expect(await tabLabel()).toBeGreaterThan(before);
    expect(await tabLabel()).toBeGreaterThanOrEqual(13);
    await noSideScroll();
    await bw.shot(page, 'shop-me');
    for (const path of [
      '/shop/',
      '/shop/cart',
      '/shop/orders',
      '/shop/me/coupons',
      '/shop/me/points',
      '/shop/me/invite',
      '/shop/me/membership',
    ]) {
      await page.goto(`${bw.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      await noSideScroll();
    }
    // the setting survives a reload and can be turned off again
    await page.goto(`${bw.baseUrl}/shop/me`);
    expect(await page.evaluate(() => document.documentElement.classList.contains('linli-large-text'))).toBe(true);
    await page.getByTestId('large-text').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('linli-large-text'))).toBe(false);
  });

  it('asks for after-sales on a picked-up order and shows the approved refund on a completed order', async () => {
    // an order that went the whole way: paid, cut off, delivered, picked up at the leader's point
    const campaign = await newCampaign(bw.world);
    const order = await buyAndPay(bw.server, customer.api, {
      pickupPointId: bw.world.pickupPointIds[0],
      items: [{ campaignItemId: campaign.items.milk, quantity: 2 }],
    });
    await cutOffAndDeliver(bw.world, campaign.id);
    await arriveInFull(bw.world, campaign.id, 0);
    expect((await bw.world.leaders[0].api.post('/leader/pickups/verify', { code: order.pickupCode })).status).toBe(200);

    await page.goto(`${bw.baseUrl}/shop/orders/${order.id}`);
    await page.locator('[data-testid="order-status"][data-status="completed"]').waitFor();
    await page.getByTestId('after-sales').click();
    await page.getByTestId('aftersales-line').first().locator('.adm-checkbox').click();
    await page.getByTestId('aftersales-reason').getByText('质量问题').click();
    await page.getByTestId('aftersales-submit').click();
    await page.waitForURL(new RegExp(`/shop/orders/${order.id}$`));
    await page.locator('[data-testid="refund-status"]', { hasText: '处理中' }).waitFor();
    const [refund] = (await bw.world.admin.get(`/admin/refunds?orderId=${order.id}&kind=aftersales`)).body;
    expect(refund).toMatchObject({ reason: 'quality', status: 'requested', lines: [{ quantity: 2 }] });

    expect((await bw.world.admin.post(`/admin/refunds/${refund.id}/approve`)).status).toBe(200);
    await expectCompletedWithRefund(page, bw.baseUrl, order.id);
    expect(await page.getByTestId('refunded-amount').textContent()).toBe(`¥${(refund.amountFen / 100).toFixed(2)}`);

    // the messages tell the story: paid, arrived, picked up, refunded (the test server runs no jobs: deliver them here)
    while ((await deliverOutbox(bw.server.ctx.db, outboxHandlers(bw.server.ctx.config))) > 0);
    await page.goto(`${bw.baseUrl}/shop/me/messages`);
    for (const kind of ['paid', 'arrived', 'picked_up', 'refund']) {
      await page.locator(`[data-testid="message"][data-kind="${kind}"]`).first().waitFor();
    }
    await page.locator('[data-testid="message"][data-kind="refund"]', { hasText: '质量问题' }).waitFor();
  });

  it('buys the annual membership through the cashier page', async () => {
    await page.goto(`${bw.baseUrl}/shop/me/membership`);
    // the price of her pickup point's city, as the order charges it
    await page.getByTestId('membership-price').getByText('年卡 ¥99.00 / 年').waitFor();
    await page.getByTestId('buy-membership').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await page.getByTestId('simpay-confirm').click();
    // back from the cashier: a welcome page, not the membership's order
    await page.waitForURL(/\/shop\/me\/membership\/welcome\?order=/);
    await page.getByTestId('membership-welcome').waitFor({ timeout: 15_000 });
    await page.goto(`${bw.baseUrl}/shop/me/membership`);
    await page.getByTestId('membership-active').waitFor();
    expect((await customer.api.get('/me')).body.membership).toMatchObject({ plan: 'annual' });
  });

  it('shares an invitation link that opens registration with the invite code filled in', async () => {
    await page.goto(`${bw.baseUrl}/shop/me/invite`);
    const code = ((await page.getByTestId('invite-code').textContent()) ?? '').trim();
    expect(code).toBe((await customer.api.get('/me')).body.inviteCode);
    const link = ((await page.getByTestId('invite-link').textContent()) ?? '').trim();
    expect(link).toBe(`${bw.baseUrl}/shop/register?invite=${code}`);
    await page.getByTestId('qr').locator('svg').waitFor();

    // a friend opens the link on their own phone
    const friend = await bw.phonePage();
    await friend.goto(link);
    expect(await friend.getByTestId('register-invite').locator('input').inputValue()).toBe(code);
    await friend.getByTestId('register-name').locator('input').fill('邻居小张');
    await friend.getByTestId('register-phone').locator('input').fill('13712345678');
    await friend.getByTestId('register-password').locator('input').fill('friend-pass-1');
    await friend.getByTestId('register-submit').click();
    // the invitation brought the friend to the inviter's pickup point (and leader) at once
    await friend.waitForURL(/\/shop\/?$/);
    await friend.locator('[data-testid="pickup-bar"]', { hasText: '幸福里1号自提点' }).waitFor();
  });
  it('registers with the SMS code a demo server shows on screen, and signs in by code', async () => {
    const config = bw.server.ctx.config;
    config.smsVerify = true;
    config.demo = true;
    try {
      const phone = '13712340001';
      const p = await bw.phonePage();
      await p.goto(`${bw.baseUrl}/shop/register`);
      await p.getByTestId('register-name').locator('input').fill('验证码用户');
      await p.getByTestId('register-phone').locator('input').fill(phone);
      await p.getByTestId('register-password').locator('input').fill('sms-user-pass');
      await p.getByTestId('sms-send').click();
      const shown = ((await p.getByTestId('demo-code').textContent()) ?? '').match(/\d{6}/)?.[0];
      expect(shown).toMatch(/^\d{6}$/);
      // the button counts the minute down before another code may be sent
      expect(await p.getByTestId('sms-send').isDisabled()).toBe(true);
      expect(await p.getByTestId('sms-send').textContent()).toMatch(/秒后重发/);
      await p.getByTestId('sms-code').locator('input').fill(shown!);
      await p.getByTestId('register-submit').click();
      await p.waitForURL(/\/shop\/pickup-point/);

      // later, on another phone, by code instead of the password
      await exec(
        bw.server.ctx.db,
        sql`update auth_throttle set window_start = window_start - interval '61 seconds' where key = ${`sms:minute:${phone}`}`,
      );
      const q = await bw.phonePage();
      await q.goto(`${bw.baseUrl}/shop/login`);
      await q.getByTestId('login-mode').click();
      await q.getByTestId('login-phone').locator('input').fill(phone);
      await q.getByTestId('sms-send').click();
      const code = ((await q.getByTestId('demo-code').textContent()) ?? '').match(/\d{6}/)?.[0];
      await q.getByTestId('sms-code').locator('input').fill(code!);
      await q.getByTestId('login-submit').click();
      await q.waitForURL((url) => !url.pathname.includes('/login'));
      expect(
        await q.evaluate(() =>
          Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes('13712340001')),
        ),
      ).toBe(true);
    } finally {
      config.smsVerify = false;
      config.demo = false;
    }
  });

  it('signs in to a page and comes back to it, changes the password (other devices signed out) and signs out everywhere', async () => {
    const buyer = await newCustomer(bw.server, undefined, '赵阿姨');
    const p = await bw.phonePage();
    await p.goto(`${bw.baseUrl}/shop/me/security`);
    await p.waitForURL(/\/shop\/login\?next=%2Fme%2Fsecurity/);
    await p.getByTestId('login-phone').locator('input').fill(buyer.phone);
    await p.getByTestId('login-password').locator('input').fill(password);
    await p.getByTestId('login-submit').click();
    await p.waitForURL(/\/shop\/me\/security$/);

    await p.getByTestId('password-old').locator('input').fill('not-my-password');
    await p.getByTestId('password-new').locator('input').fill('brand-new-456');
    await p.getByTestId('password-submit').click();
    await p.getByText('当前密码不正确').waitFor();
    expect((await buyer.api.get('/me')).status).toBe(200);

    await p.getByTestId('password-old').locator('input').fill(password);
    await p.getByTestId('password-new').locator('input').fill('brand-new-456');
    await p.getByTestId('password-submit').click();
    await p.getByText('密码已修改，其他设备上的登录已退出').waitFor();
    expect((await buyer.api.get('/me')).status).toBe(401); // the registration's session, another device
    const session = JSON.parse((await p.evaluate(() => localStorage.getItem('linli.shop.session')))!);
    expect((await buyer.api.as(session.token).get('/me')).status).toBe(200);

    await p.getByTestId('logout-all').click();
    await p.locator('.adm-dialog-button').filter({ hasText: '退出所有设备' }).click();
    await p.waitForURL(/\/shop\/?$/);
    expect(await p.evaluate(() => localStorage.getItem('linli.shop.session'))).toBeNull();
    expect((await buyer.api.as(session.token).get('/me')).status).toBe(401);
    const again = await buyer.api.as(undefined).post('/auth/login', { phone: buyer.phone, password: 'brand-new-456' });
    expect(again.status).toBe(200);
  });
});
