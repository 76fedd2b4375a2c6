import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { newCustomer } from '../fixtures.js';

/**
 * A checkout that never dead-ends, in a phone browser: the best coupon pre-selected and the
 * unusable ones greyed with what they miss (no refused request on the way), the cart's select,
 * delete, line subtotals and sticky total, the 凑单 page, and deals that run out in the cart or
 * while checking out, greyed with 移除.
 */
describe('checkout (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const now = Date.now();
  const hoursFromNow = (h: number) => new Date(now + h * 3_600_000).toISOString();
  // every API answer of 400 or more the shop's pages received
  const refused: string[] = [];
  let weekend: { id: string; items: { id: string; productId: string }[] };
  let weekendProducts: Record<string, string>;

  const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
  const line = (name: string) => page.locator(`[data-testid="cart-line"][data-name="${name}"]`);
  const addFromDeals = async (name: string) =>
    page.locator(`[data-testid="deal-card"][data-name="${name}"]`).getByTestId('add-to-cart').click();
  const waitText = async (testId: string, expected: string) => {
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === want,
      [testId, expected] as const,
    );
  };

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { admin } = bw.world;
    const fr = await admin.post('/admin/promotions/full-reduction', {
      name: '满50减8',
      startsAt: hoursFromNow(-1),
      endsAt: hoursFromNow(24),
      tiers: [
        { thresholdFen: 5000, discountFen: 800 },
        { thresholdFen: 10_000, discountFen: 2000 },
      ],
    });
    expect(fr.status).toBe(201);
    for (const coupon of [
      { name: '满30减5', thresholdFen: 3000, discountFen: 500, stackableWithFullReduction: true },
      { name: '满40减10', thresholdFen: 4000, discountFen: 1000, stackableWithFullReduction: false },
      { name: '满73.90减15', thresholdFen: 7390, discountFen: 1500, stackableWithFullReduction: true },
    ]) {
      const tpl = await admin.post('/admin/coupon-templates', {
        ...coupon,
        kind: 'amount',
        validFrom: hoursFromNow(-1),
        validTo: hoursFromNow(48),
        perCustomerLimit: 1,
      });
      expect(tpl.status).toBe(201);
      const granted = await admin.post(`/admin/coupon-templates/${tpl.body.id}/grant`, {
        userIds: [bw.customer.userId],
      });
      expect(granted.body).toEqual({ granted: 1 });
    }
    // a second campaign with scarce deals
    weekendProducts = {};
    for (const [name, unit] of [
      ['阳光玫瑰葡萄', '串'],
      ['山东大樱桃', '盒'],
      ['砂糖橘 5斤', '箱'],
    ]) {
      const product = await admin.post('/admin/products', {
        name,
        category: 'fresh',
        supplierId: bw.world.supplierIds[0],
        unit,
        listPriceFen: 6000,
        costFen: 2000,
        temperatureZone: 'chilled',
      });
      expect(product.status).toBe(201);
      weekendProducts[name] = product.body.id;
    }
    const campaign = await admin.post('/admin/campaigns', {
      title: '周末鲜果团',
      startsAt: hoursFromNow(-1),
      cutoffAt: hoursFromNow(8),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [
        { productId: weekendProducts['阳光玫瑰葡萄'], priceFen: 3990, quota: 2 },
        { productId: weekendProducts['山东大樱桃'], priceFen: 4590 },
        { productId: weekendProducts['砂糖橘 5斤'], priceFen: 2590, quota: 1 },
      ],
    });
    expect(campaign.status).toBe(201);
    weekend = campaign.body;
    page = await bw.phonePage();
    page.on('response', (res) => {
      if (res.status() >= 400 && new URL(res.url()).pathname.startsWith('/api/v1/'))
        refused.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
    });
    await bw.signIn(page, 'shop', bw.customer);
  });

  afterAll(async () => {
    await bw?.close();
  });

  it('pre-selects the best coupon, greys the ones that do not apply with what they miss, and never sends one the order would refuse', async () => {
    await page.goto(`${bw.baseUrl}/shop/`);
    await addFromDeals('土鸡蛋 30枚');
    await addFromDeals('鲜牛奶 950ml');
    await page.getByTestId('tab-cart').click();
    // ¥29.90 + ¥13.90: line subtotals and the sticky total are the server's
    await waitText('cart-total', '¥43.80');
    expect(await line('土鸡蛋 30枚').getByTestId('line-subtotal').textContent()).toBe('小计 ¥29.90');
    await page.getByTestId('go-checkout').click();

    // ¥43.80: 满40减10 (not with 满减) beats 满30减5; 满73.90减15 misses ¥30.10
    await page.getByTestId('best-coupon').waitFor();
    expect(await text('best-coupon')).toBe('已为你选择最优优惠');
    await waitText('line-total', '¥33.80');
    expect(await text('line-coupon')).toBe('−¥10.00');
    const checked = page.locator('.adm-radio-checked[data-testid="coupon-option"]');
    expect(await checked.textContent()).toContain('满40减10');
    const greyed = page.getByTestId('coupon-unavailable');
    expect(await greyed.count()).toBe(1);
    expect(await greyed.textContent()).toContain('满73.90减15');
    expect(await greyed.getByTestId('coupon-missing').textContent()).toBe('还差 ¥30.10 可用');
    // greyed coupons are not choices at all
    expect(await greyed.locator('input').count()).toBe(0);
    await bw.shot(page, 'shop-checkout-coupons');

    // the customer may still choose another usable coupon, or none
    await page.locator('[data-testid="coupon-option"]', { hasText: '满30减5' }).click();
    await waitText('line-total', '¥38.80');
    expect(await page.getByTestId('best-coupon').count()).toBe(0);
    await page.getByTestId('coupon-none').click();
    await waitText('line-total', '¥43.80');
    expect(await page.getByTestId('line-coupon').count()).toBe(0);
    expect(refused).toEqual([]);
  });

  it('fills the cart to the next full-reduction tier on the 凑单 page, and selects, deselects and deletes lines', async () => {
    await page.goto(`${bw.baseUrl}/shop/cart`);
    await page.getByTestId('fill-hint').waitFor();
    expect(await text('fill-hint')).toContain('¥6.20');
    await page.getByTestId('fill-go').click();
    await page.waitForURL(/\/shop\/fill\?campaign=/);
    await page.getByTestId('fill-missing').waitFor();
    expect(await text('fill-missing')).toContain('还差 ¥6.20');
    // nearest first: the cheapest deal that reaches the tier with one unit
    const first = page.getByTestId('fill-deal').first();
    expect(await first.getAttribute('data-name')).toBe('红富士苹果');
    expect(await first.textContent()).toContain('买 1 件即可凑够');
    await bw.shot(page, 'shop-fill');
    await first.getByTestId('fill-add').click();
    // ¥53.70 − ¥8, and the page moves on to the next tier (满100减20)
    await waitText('fill-total', '¥45.70');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="fill-missing"]')?.textContent?.includes('还差 ¥46.30'),
    );
    await page.getByTestId('fill-back').click();

    await page.waitForURL(/\/shop\/cart$/);
    await waitText('cart-total', '¥45.70');
    expect(await text('line-full-reduction')).toBe('−¥8.00');
    // deselecting a line keeps it in the cart but out of the total
    await line('红富士苹果').getByTestId('line-select').click();
    await waitText('cart-total', '¥43.80');
    await page.getByTestId('fill-hint').waitFor();
    expect(await line('红富士苹果').count()).toBe(1);
    await line('红富士苹果').getByTestId('line-select').click();
    await waitText('cart-total', '¥45.70');
    // select all off and on
    await page.getByTestId('select-all').click();
    await waitText('cart-total', '¥0.00');
    expect(await page.getByTestId('go-checkout').isDisabled()).toBe(true);
    await page.getByTestId('select-all').click();
    await waitText('cart-total', '¥45.70');
    // delete
    await line('鲜牛奶 950ml').getByTestId('line-delete').click();
    await line('鲜牛奶 950ml').waitFor({ state: 'detached' });
    await waitText('cart-total', '¥39.80');
    await bw.shot(page, 'shop-cart-bar');

    // ¥39.80 now: 满40减10 misses ¥0.20 and is greyed; 满30减5 is the best
    await page.getByTestId('go-checkout').click();
    await page.getByTestId('best-coupon').waitFor();
    await waitText('line-total', '¥34.80');
    const missing = await page.getByTestId('coupon-missing').allTextContents();
    expect(missing.sort()).toEqual(['还差 ¥0.20 可用', '还差 ¥34.10 可用']);
    expect(refused).toEqual([]);
  });

  it('greys a sold-out line in the cart and at checkout with 移除, and one that runs out at submit too, then pays for the rest', async () => {
    const other = await newCustomer(bw.server, bw.world.pickupPointIds[0], '张先生');
    const itemOf = (name: string) => weekend.items.find((i) => i.productId === weekendProducts[name])!.id;
    await page.goto(`${bw.baseUrl}/shop/`);
    for (const name of ['阳光玫瑰葡萄', '山东大樱桃', '砂糖橘 5斤']) await addFromDeals(name);
    // someone else takes the last 砂糖橘
    const taken = await other.api.post('/orders', {
      pickupPointId: bw.world.pickupPointIds[0],
      items: [{ campaignItemId: itemOf('砂糖橘 5斤'), quantity: 1 }],
    });
    expect(taken.status).toBe(201);

    await page.getByTestId('tab-cart').click();
    const oranges = line('砂糖橘 5斤');
    // the deal list's counters may be a second old: look again after a reload, once the line is drawn
    // from the fresh list (the cart shows its lines only once the deals are loaded)
    for (let tries = 0; ; tries++) {
      await oranges.waitFor();
      if (await oranges.getByTestId('line-sold-out').count()) break;
      if (tries > 20) throw new Error('the sold-out line was not flagged');
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await oranges.getByTestId('line-sold-out').textContent()).toBe('已售罄');
    expect(await oranges.getByTestId('line-remove').textContent()).toBe('移除');
    // two campaigns collected the same day are priced together; this time only the weekend's is bought
    await page.getByTestId('cart-day').waitFor();
    await page.locator('[data-testid="cart-group"]', { hasText: '今日团购' }).getByTestId('group-select').click();
    await page.getByTestId('cart-day').waitFor({ state: 'detached' });
    const group = page.locator('[data-testid="cart-group"]', { hasText: '周末鲜果团' });
    await group.getByTestId('line-total').waitFor();
    // ¥39.90 + ¥45.90 − ¥8 (满50减8), the sold-out line left out
    expect(await group.getByTestId('line-total').textContent()).toBe('¥77.80');
    await waitText('cart-total', '¥77.80');
    await page.getByTestId('go-checkout').click();

    // at checkout the sold-out line is greyed, out of the order, and can be dropped there
    const off = page.locator('[data-testid="checkout-line-off"][data-name="砂糖橘 5斤"]');
    await off.waitFor();
    // ¥85.80 − ¥8 − ¥15 (满73.90减15, the best coupon now)
    await waitText('line-total', '¥62.80');
    // meanwhile the grapes run out too: the customer learns at submit, and can drop the line there
    const grapes = await other.api.post('/orders', {
      pickupPointId: bw.world.pickupPointIds[0],
      items: [{ campaignItemId: itemOf('阳光玫瑰葡萄'), quantity: 2 }],
    });
    expect(grapes.status).toBe(201);
    await page.getByTestId('place-order').click();
    const grapesOff = page.locator('[data-testid="checkout-line-off"][data-name="阳光玫瑰葡萄"]');
    await grapesOff.waitFor();
    await bw.shot(page, 'shop-checkout-sold-out');
    await grapesOff.getByTestId('checkout-line-remove').click();
    await off.getByTestId('checkout-line-remove').click();
    await off.waitFor({ state: 'detached' });
    // ¥45.90 − ¥10 (满40减10)
    await waitText('line-total', '¥35.90');
    expect(await page.getByTestId('checkout-line').count()).toBe(1);
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(/\/shop\/orders\/[^/]+$/);
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 15_000 });
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    const order = (await bw.customer.api.get(`/orders/${orderId}`)).body;
    expect(order.lines.map((l: { productName: string }) => l.productName)).toEqual(['山东大樱桃']);
    // the only refusal on the way was the order that came too late for the grapes
    expect(refused).toEqual(['409 POST /api/v1/orders']);
  });

  it('checks out the deals of two campaigns collected the same day at once: one threshold, one total, one payment', async () => {
    const pickupPointId = bw.world.pickupPointIds[0];
    await page.goto(`${bw.baseUrl}/shop/`);
    await addFromDeals('山东大樱桃');
    await page.getByTestId('tab-cart').click();
    // the first campaign's eggs and apples (¥39.80) were left deselected: select them again
    await page.locator('[data-testid="cart-group"]', { hasText: '今日团购' }).getByTestId('group-select').click();
    // ¥39.80 and ¥45.90: neither reaches 满50减8 alone, together they do
    const day = page.getByTestId('cart-day');
    await day.waitFor();
    await waitText('cart-total', '¥77.70');
    expect(await day.getByTestId('line-full-reduction').textContent()).toBe('−¥8.00');
    expect(await page.getByTestId('go-checkout').isDisabled()).toBe(false);
    await bw.shot(page, 'shop-cart-day');
    // the 凑单 hint counts the day as one cart: ¥85.70 misses ¥14.30 for 满100减20
    expect(await day.getByTestId('fill-hint').textContent()).toContain('¥14.30');
    await day.getByTestId('fill-go').click();
    await page.waitForURL(/\/shop\/fill\?day=/);
    await page.getByTestId('fill-missing').waitFor();
    expect(await text('fill-missing')).toContain('还差 ¥14.30');
    await waitText('fill-total', '¥77.70');
    // the nearest deals come from every campaign collected that day
    const near = await page.getByTestId('fill-deal').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(near).toEqual(expect.arrayContaining(['山东大樱桃', '鲜牛奶 950ml']));
    await page.getByTestId('fill-back').click();
    await page.waitForURL(/\/shop\/cart$/);
    await waitText('cart-total', '¥77.70');

    // the checkout prices the day as the server does, with the best coupon over the whole day
    const items = [
      ...bw.world.campaign.items
        .filter((i) =>
          ['土鸡蛋 30枚', '红富士苹果'].includes(bw.world.products.find((p) => p.id === i.productId)!.name),
        )
        .map((i) => ({ campaignItemId: i.id, quantity: 1 })),
      { campaignItemId: weekend.items.find((i) => i.productId === weekendProducts['山东大樱桃'])!.id, quantity: 1 },
    ];
    const choices = await bw.customer.api.post('/checkout/day/coupons', { pickupPointId, items });
    expect(choices.status).toBe(200);
    const expected = await bw.customer.api.post('/checkout/day/quote', {
      pickupPointId,
      items,
      ...(choices.body.bestCouponId ? { couponId: choices.body.bestCouponId } : {}),
    });
    expect(expected.body.fullReductionFen).toBe(800);
    await page.getByTestId('go-checkout').click();
    await page.waitForURL(/\/shop\/checkout\?day=/);
    await page.getByTestId('checkout-together').waitFor();
    await waitText('line-total', `¥${(expected.body.totalFen / 100).toFixed(2)}`);
    expect(await page.getByTestId('checkout-line').count()).toBe(3);
    await bw.shot(page, 'shop-checkout-day');

    // one payment at the cashier, for both orders
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(/\/shop\/orders$/);
    const orders = (await bw.customer.api.get('/me/orders')).body.slice(0, 2);
    expect(orders.map((o: { status: string }) => o.status)).toEqual(['paid', 'paid']);
    expect(new Set(orders.map((o: { campaignId: string }) => o.campaignId))).toEqual(
      new Set([bw.world.campaign.id, weekend.id]),
    );
    expect(orders.reduce((s: number, o: { totalFen: number }) => s + o.totalFen, 0)).toBe(expected.body.totalFen);
    // the order list shows both orders paid
    for (const o of orders)
      await page
        .locator(`[data-testid="order-card"][data-order-id="${o.id}"] [data-testid="order-status"][data-status="paid"]`)
        .waitFor();
    await bw.shot(page, 'shop-orders-day-paid');
    expect(refused).toEqual(['409 POST /api/v1/orders']);
  });

  it('keeps deals collected on different days apart, each day checked out on its own; an unpaid day is paid from any of its orders', async () => {
    const { admin } = bw.world;
    const product = await admin.post('/admin/products', {
      name: '海南香蕉',
      category: 'fresh',
      supplierId: bw.world.supplierIds[0],
      unit: '把',
      listPriceFen: 1500,
      costFen: 500,
      temperatureZone: 'ambient',
    });
    expect(product.status).toBe(201);
    const later = await admin.post('/admin/campaigns', {
      title: '后天水果团',
      startsAt: hoursFromNow(-1),
      cutoffAt: hoursFromNow(8),
      pickupDate: new Date(now + 2 * 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: product.body.id, priceFen: 1290 }],
    });
    expect(later.status).toBe(201);
    await page.goto(`${bw.baseUrl}/shop/`);
    await addFromDeals('海南香蕉');
    await addFromDeals('鲜牛奶 950ml');
    await page.getByTestId('tab-cart').click();
    await page.getByTestId('cart-line').first().waitFor();
    expect(await page.getByTestId('go-checkout').isDisabled()).toBe(true);
    await page.getByTestId('cart-bar').getByText('不同提货日的商品需分开结算').waitFor();
    const buttons = await page.getByTestId('go-checkout-group').allTextContents();
    expect(buttons).toHaveLength(2);
    expect(buttons.every((b) => /^结算 .+ 提货的商品$/.test(b))).toBe(true);
    await bw.shot(page, 'shop-cart-two-days');
    // a day left unpaid at the cashier is paid later from any of its orders, for the whole day
    const pickupPointId = bw.world.pickupPointIds[0];
    const unpaid = await bw.customer.api.post('/checkout/day', {
      pickupPointId,
      items: [
        { campaignItemId: bw.world.campaign.items[1].id, quantity: 1 },
        { campaignItemId: weekend.items.find((i) => i.productId === weekendProducts['山东大樱桃'])!.id, quantity: 1 },
      ],
    });
    expect(unpaid.status).toBe(201);
    const second = unpaid.body.orders[1];
    await page.goto(`${bw.baseUrl}/shop/orders/${second.id}`);
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/simpay\/cashier\//);
    await waitText('simpay-amount', `¥${(unpaid.body.totalFen / 100).toFixed(2)}`);
    await page.getByTestId('simpay-confirm').click();
    await page.waitForURL(new RegExp(`/shop/orders/${second.id}$`));
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 15_000 });
    for (const o of unpaid.body.orders) expect((await bw.customer.api.get(`/orders/${o.id}`)).body.status).toBe('paid');
    // the order page asked for the order's own payment first, and was told to pay the day
    expect(refused.pop()).toBe('409 POST /api/v1/orders/' + second.id + '/pay');
    await page.goto(`${bw.baseUrl}/shop/cart`);
    await page.getByTestId('go-checkout-group').first().waitFor();
    await page
      .locator('[data-testid="cart-group"]', { hasText: '后天水果团' })
      .getByTestId('go-checkout-group')
      .click();
    await page.waitForURL(/\/shop\/checkout\?campaign=/);
    await waitText('line-total', '¥12.90');
    expect(await page.getByTestId('checkout-line').allTextContents()).toEqual([expect.stringContaining('海南香蕉')]);
    expect(refused).toEqual(['409 POST /api/v1/orders']);
  });
});
