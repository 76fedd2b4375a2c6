import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client.js';
import type { Page } from 'playwright-core';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { buy, cutOffAndDeliver, newCampaign, P, type Campaign } from '../leader-flow.js';
import { availableCommission, confirmArrival, expectCommission, verifyPickup } from './leader-steps.js';

/**
 * The leader app (团长端) in a real browser: sign-in, the point's orders by customer and by
 * product, arrival with a damaged unit, pickup verification (wrong code, then right), the
 * uncollected list, commission and a withdrawal (settlement delay 0), and the share poster.
 */
let bw: BrowserWorld;
let page: Page;
let campaign: Campaign;
let a: Awaited<ReturnType<typeof buy>>;
let b: Awaited<ReturnType<typeof buy>>;
let c: Awaited<ReturnType<typeof buy>>;
let d: Awaited<ReturnType<typeof buy>>;

beforeAll(async () => {
  bw = await startBrowserWorld({ settlementDelayDays: 0 });
  const { server, world } = bw;
  campaign = await newCampaign(world); // titled 团期, pickup tomorrow
  a = await buy(server, world, campaign, 0, { apple: 2, greens: 1 });
  b = await buy(server, world, campaign, 0, { milk: 1 });
  c = await buy(server, world, campaign, 0, { eggs: 1 });
  await buy(server, world, campaign, 2, { apple: 5 }); // another point: never shown here
  await cutOffAndDeliver(world, campaign.id);
  page = await bw.phonePage();
}, 120_000);
afterAll(() => bw?.close());

const yuanText = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('leader app', () => {
  it('refuses a customer account with a clear message', async () => {
    await page.goto(`${bw.baseUrl}/leader/`);
    await page.getByTestId('login-phone').locator('input').fill(bw.customer.phone);
    await page.getByTestId('login-password').locator('input').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toBe('手机号或密码错误');
    await page.getByTestId('login-phone').locator('input').fill(bw.customer.phone);
    await page.getByTestId('login-password').locator('input').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('not-leader').innerText()).resolves.toContain('不是团长账号');
    await page.getByTestId('switch-account').click();
    await page.getByTestId('login-phone').waitFor();
  });

  it('signs a leader in and shows the orders at the point by customer, phones masked', async () => {
    await page.getByTestId('login-phone').locator('input').fill(bw.world.leaders[0].phone);
    await page.getByTestId('login-password').locator('input').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    // The home page first: today's figures, recomputed here plainly from the orders as paid.
    await page.getByTestId('home-sales').waitFor();
    const paid = [a, b, c].map((x) => x.order);
    const sales = paid.reduce((n, o) => n + o.totalFen, 0);
    const commission = paid
      .flatMap((o) => o.lines)
      .reduce((n: number, l: any) => n + Math.floor((l.paidFen * 1000) / 10000), 0);
    await expect(page.getByTestId('home-sales').innerText()).resolves.toBe(yuanText(sales));
    await expect(page.getByTestId('home-commission').innerText()).resolves.toBe(yuanText(commission));
    await expect(page.getByTestId('home-waiting-orders').innerText()).resolves.toBe('0 单');
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-home');
    await page.getByTestId('tab-orders').click();
    await page.getByTestId('customer-groups').waitFor();
    // The default campaign is the cut-off one awaiting arrival.
    await expect(page.getByTestId('campaign-bar').innerText()).resolves.toContain('团期');
    await expect(page.getByTestId('customer-group').count()).resolves.toBe(3);
    await expect(page.getByTestId('orders-summary').innerText()).resolves.toContain('3 位顾客 · 3 单');
    const phones = await page.getByTestId('customer-phone').allInnerTexts();
    expect(phones).toContain(a.phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2'));
    for (const p of phones) expect(p).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-orders');
  });

  it('groups the same orders by product', async () => {
    await page.getByTestId('orders-by-product').click();
    await page.getByTestId('product-groups').waitFor();
    const groups = await page.getByTestId('product-group').allInnerTexts();
    expect(groups).toHaveLength(4);
    // Only this point's apples (2), not the other point's 5.
    expect(groups.find((g) => g.includes(bw.world.products[P.apple].name))).toContain('2');
  });

  it('confirms arrival with a damaged unit; the damaged unit is refunded', async () => {
    await page.getByTestId('tab-arrival').click();
    const milk = page.locator(`[data-testid="arrival-line"][data-product="${bw.world.products[P.milk].name}"]`);
    await milk.waitFor();
    await expect(page.getByTestId('arrival-line').count()).resolves.toBe(4);
    await milk.getByTestId('arrival-received').locator('.adm-stepper-minus').click();
    await milk.getByTestId('arrival-damaged').locator('.adm-stepper-plus').click();
    await expect(milk.getByTestId('arrival-missing').innerText()).resolves.toContain('0');
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-arrival');
    // The milk crate is confirmed on its own first, then everything else at once.
    await milk.getByTestId('arrival-confirm-line').click();
    await page.locator('.adm-dialog .adm-dialog-button-bold').click();
    await expect(page.getByTestId('arrival-result').innerText()).resolves.toMatch(/已为 1 条商品退款 ¥13\.90/);
    await page.getByTestId('arrival-done').first().waitFor();
    await page.locator('.adm-dialog').waitFor({ state: 'detached' });
    await expect(page.getByTestId('arrival-line').count()).resolves.toBe(3);
    await page.getByTestId('arrival-confirm').click();
    await page.locator('.adm-dialog .adm-dialog-button-bold').click();
    // The confirmed lines appear once the sorting list has been read again.
    await page.getByTestId('arrival-done').nth(3).waitFor();
    await expect(page.getByTestId('arrival-done').count()).resolves.toBe(4);

    const list = (await bw.world.leaders[0].api.get(`/leader/sorting-list?campaignId=${campaign.id}`)).body;
    expect(list.lines.find((l: any) => l.productId === bw.world.products[P.milk].id)).toMatchObject({
      receivedQuantity: 0,
      damagedQuantity: 1,
      missingQuantity: 0,
    });
    expect((await b.api.get(`/orders/${b.order.id}`)).body.lines[0].status).toBe('refunded');
  });

  it('says plainly when a pickup code is not at this point, then verifies the right one', async () => {
    await page.getByTestId('tab-verify').click();
    await page.getByTestId('verify-code').locator('input').fill('000000');
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-error').innerText()).resolves.toBe('本自提点没有这个取货码，请核对后重试');

    const code = (await a.api.get(`/orders/${a.order.id}`)).body.pickupCode;
    await verifyPickup(page, bw.baseUrl, code);
    const result = await page.getByTestId('verify-result').innerText();
    expect(result).toContain(bw.world.products[P.apple].name);
    expect(result).toContain('已取货');
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-verify');
    expect((await a.api.get(`/orders/${a.order.id}`)).body.status).toBe('completed');
  });

  it('lists ready orders whose pickup day has passed', async () => {
    await bw.server.ctx.db.execute(sql`update campaigns set pickup_date = current_date - 2 where id = ${campaign.id}`);
    await page.goto(`${bw.baseUrl}/leader/orders`);
    await page.getByTestId('orders-uncollected').click();
    await page.getByTestId('uncollected-list').waitFor();
    const orders = await page.getByTestId('uncollected-order').allInnerTexts();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toContain(bw.world.products[P.eggs].name);
    expect(orders[0]).toMatch(/应于 \d+月\d+日 自提/);
  });

  it('reminds the customers who have not collected, once a day', async () => {
    await page.goto(`${bw.baseUrl}/leader/home`);
    // a collected; b's only line was refunded (damaged); c waits
    await expect(page.getByTestId('home-waiting-orders').innerText()).resolves.toBe('1 单');
    await page.getByTestId('remind-pickup').click();
    await expect(page.getByTestId('home-reminded').innerText()).resolves.toContain('今日已提醒 1 单');
    await expect(page.getByTestId('remind-pickup').isDisabled()).resolves.toBe(true);
    const sent = await rows<{ order_id: string }>(
      bw.server.ctx.db,
      sql`select payload->>'orderId' as order_id from outbox where payload->>'kind' = 'pickup_reminder'`,
    );
    expect(sent.map((r) => r.order_id)).toEqual([c.order.id]);
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('shows available commission at once (settlement delay 0) and requests a withdrawal', async () => {
    const available = await availableCommission(page, bw.baseUrl);
    // 10% of apples 2 × ¥9.90 and greens ¥2.90.
    expect(available).toBe(Math.round((2 * 990 + 290) / 10));
    // the day's and the order's commission, from the ledger
    await expect(page.getByTestId('commission-day').first().innerText()).resolves.toContain(yuanText(available));
    await expect(page.getByTestId('commission-order').first().innerText()).resolves.toContain(yuanText(available));
    await page.getByTestId('withdraw-open').click();
    // the sheet fits a 390 px screen: nothing of it past the right edge
    await page.getByTestId('withdraw-submit').waitFor();
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('.adm-popup-body *')].some((el) => el.getBoundingClientRect().right > 390.5),
    );
    expect(overflow).toBe(false);
    await page.getByTestId('withdraw-amount').locator('input').fill('1.50');
    await page.getByTestId('withdraw-submit').click();
    await page.getByTestId('withdrawal').first().waitFor();
    await expect(page.getByTestId('withdrawal').first().innerText()).resolves.toContain('¥1.50');
    // under review until an operator pays it out: never "paid" before then
    await expect(page.getByTestId('withdrawal').first().innerText()).resolves.toContain('审核中');
    await expect.poll(() => page.getByTestId('commission-in-review').innerText()).toBe('¥1.50');
    await expect(page.getByTestId('commission-paid-out').innerText()).resolves.toBe('¥0.00');
    // Balances and ledger are read again after the request; wait for that rather than race it.
    await expect
      .poll(() => page.getByTestId('commission-available').innerText())
      .toBe(`¥${((available - 150) / 100).toFixed(2)}`);
    // One line per event: the settlement shows once, not as its two bucket rows.
    await expect.poll(() => page.locator('[data-testid="ledger-entry"][data-kind="withdrawal"]').count()).toBe(1);
    expect(await noHorizontalScroll()).toBe(true);
    await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
    await page.locator('.adm-popup-body').waitFor({ state: 'hidden' });
    await bw.shot(page, 'leader-commission');

    const [w] = (await bw.world.leaders[0].api.get('/leader/withdrawals')).body;
    expect((await bw.world.admin.post(`/admin/withdrawals/${w.id}/pay`)).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('withdrawal').first().innerText()).toContain('已打款');
    await expect(page.getByTestId('commission-paid-out').innerText()).resolves.toBe('¥1.50');
    await expect(page.getByTestId('commission-in-review').innerText()).resolves.toBe('¥0.00');
  });

  it('shows a pending commission when settlement is delayed', async () => {
    bw.server.ctx.config.settlementDelayDays = 7;
    const code = (await c.api.get(`/orders/${c.order.id}`)).body.pickupCode;
    await verifyPickup(page, bw.baseUrl, code);
    await expectCommission(page, bw.baseUrl);
  });

  it('makes a daily poster image of several deals and the 接龙 text to copy', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bw.baseUrl });
    await page.goto(`${bw.baseUrl}/leader/home`);
    await page.getByTestId('home-poster').click();
    await page.getByTestId('poster-deal').nth(1).waitFor();
    const names = [bw.world.products[P.apple].name, bw.world.products[P.eggs].name];
    for (const name of names) await page.getByTestId('poster-deal').filter({ hasText: name }).first().click();
    await page.getByTestId('poster-make').click();
    // an image element (long-pressable), not only a canvas
    const img = page.getByTestId('poster-image');
    await img.waitFor();
    const size = await img.evaluate(async (el) => {
      const image = el as HTMLImageElement;
      await image.decode();
      return { w: image.naturalWidth, h: image.naturalHeight, src: image.src.slice(0, 22), len: image.src.length };
    });
    expect(size).toMatchObject({ w: 750, src: 'data:image/png;base64,' });
    expect(size.h).toBeGreaterThan(900);
    expect(size.len).toBeGreaterThan(20_000);
    const text = await page.getByTestId('jielong-text').locator('textarea:not([aria-hidden])').inputValue();
    expect(text).toMatch(/^#接龙/);
    expect(text).toContain('幸福里1号自提点');
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain(`/shop/?point=${bw.world.pickupPointIds[0]}`);
    await page.getByTestId('jielong-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-poster');
  });

  it('grows tab labels and tags with large text', async () => {
    const sizes = () =>
      page.evaluate(() => {
        const px = (el: Element | null) => (el ? Number.parseFloat(getComputedStyle(el).fontSize) : 0);
        return {
          tab: px(document.querySelector('.adm-tab-bar-item-title')),
          tag: px(document.querySelector('[data-testid="withdrawal"] .adm-tag')),
        };
      });
    await page.goto(`${bw.baseUrl}/leader/commission`);
    await page.locator('[data-testid="withdrawal"] .adm-tag').first().waitFor();
    const before = await sizes();
    expect(before.tab).toBeGreaterThan(0);
    expect(before.tag).toBeGreaterThan(0);
    await page.goto(`${bw.baseUrl}/leader/me`);
    await page.getByTestId('large-text').click();
    await page.getByTestId('tab-commission').click();
    await page.locator('[data-testid="withdrawal"] .adm-tag').first().waitFor();
    const after = await sizes();
    expect(after.tab).toBeGreaterThan(before.tab);
    expect(after.tag).toBeGreaterThan(before.tag);
    expect(after.tab).toBeGreaterThanOrEqual(13);
    expect(after.tag).toBeGreaterThanOrEqual(13);
    expect(await noHorizontalScroll()).toBe(true);
    await page.goto(`${bw.baseUrl}/leader/me`);
    await page.getByTestId('large-text').click();
  });

  it('switches to English and back, and offers large text and high contrast', async () => {
    await page.goto(`${bw.baseUrl}/leader/me`);
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('tab-orders').innerText()).resolves.toBe('Orders');
    await page.getByTestId('large-text').click();
    await page.getByTestId('high-contrast').click();
    const classes = await page.evaluate(() => document.documentElement.className);
    expect(classes).toContain('linli-large-text');
    expect(classes).toContain('linli-high-contrast');
    expect(await noHorizontalScroll()).toBe(true);
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('tab-orders').innerText()).resolves.toBe('订单');
  });
});

// The cross-app flow uses confirmArrival with a campaign title; keep that path exercised too.
describe('leader steps', () => {
  it('confirms a whole arrival through the campaign picker', async () => {
    const { server, world } = bw;
    const second = await newCampaign(world);
    await server.ctx.db.execute(sql`update campaigns set title = '第二期' where id = ${second.id}`);
    d = await buy(server, world, second, 0, { greens: 2 });
    await cutOffAndDeliver(world, second.id);
    await confirmArrival(page, bw.baseUrl, '第二期');
    const list = (await world.leaders[0].api.get(`/leader/sorting-list?campaignId=${second.id}`)).body;
    expect(list.lines).toEqual([
      expect.objectContaining({ expectedQuantity: 2, receivedQuantity: 2, missingQuantity: 0, damagedQuantity: 0 }),
    ]);
  });
});

describe('scanning a pickup QR code', () => {
  it('verifies the scanned code where the browser has BarcodeDetector and a camera', async () => {
    const code = (await d.api.get(`/orders/${d.order.id}`)).body.pickupCode;
    const scanPage = await bw.phonePage();
    await bw.signIn(scanPage, 'leader', { phone: bw.world.leaders[0].phone, password: PASSWORD });
    // A stand-in camera (a canvas stream) and detector: headless Chromium on Linux has neither.
    await scanPage.addInitScript((scanned) => {
      const w = window as unknown as Record<string, unknown>;
      w.BarcodeDetector = class {
        async detect() {
          return [{ rawValue: scanned }];
        }
      };
      Object.defineProperty(navigator, 'mediaDevices', {
        value: {
          getUserMedia: async () => {
            const c = document.createElement('canvas');
            c.width = 64;
            c.height = 64;
            c.getContext('2d')!.fillRect(0, 0, 64, 64);
            return c.captureStream(5);
          },
        },
      });
    }, code);
    await scanPage.goto(`${bw.baseUrl}/leader/verify`);
    await scanPage.getByTestId('verify-scan').click();
    await scanPage.getByTestId('pickup-order').waitFor();
    await scanPage.getByTestId('pickup-confirm').click();
    await scanPage.getByTestId('verify-result').waitFor();
    expect((await d.api.get(`/orders/${d.order.id}`)).body.status).toBe('completed');
  });

  it('offers scanning exactly where the camera can be opened', async () => {
    await page.goto(`${bw.baseUrl}/leader/verify`);
    await page.getByTestId('verify-code').waitFor();
    const canScan = await page.evaluate(() => !!navigator.mediaDevices?.getUserMedia);
    await expect(page.getByTestId('verify-scan').count()).resolves.toBe(canScan ? 1 : 0);
  });
});
