import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign, P, type Campaign } from '../leader-flow.js';
import { buyAndPay, newCustomer } from '../fixtures.js';

/**
 * The pickup desk (核销) on any phone: QR codes decoded in JavaScript where the browser has no
 * BarcodeDetector (iPhone, WeChat), the hint matching what the device can do, the order's lines
 * before handing over with a partial pickup, finding an order by the customer, and refusals
 * that say why.
 */
let bw: BrowserWorld;
let a: Awaited<ReturnType<typeof buy>>;
let b: Awaited<ReturnType<typeof buy>>;
let other: Awaited<ReturnType<typeof buy>>;
let early: Awaited<ReturnType<typeof buy>>;
let f: Awaited<ReturnType<typeof buy>>;
// invited: her first order's referral coupon is spent before the leader tries to undo its pickup
let invited: Awaited<ReturnType<typeof buy>>;
let later: Campaign;

const codeOf = async (o: typeof a) => (await o.api.get(`/orders/${o.order.id}`)).body.pickupCode as string;
const orderOf = async (o: typeof a) => (await o.api.get(`/orders/${o.order.id}`)).body;

beforeAll(async () => {
  bw = await startBrowserWorld();
  const { server, world } = bw;
  const campaign = await newCampaign(world);
  a = await buy(server, world, campaign, 0, { apple: 2, greens: 1 });
  b = await buy(server, world, campaign, 0, { milk: 1, eggs: 1 });
  other = await buy(server, world, campaign, 2, { apple: 1 });
  f = await buy(server, world, campaign, 0, { eggs: 1, milk: 1 });
  invited = await buy(server, world, campaign, 0, { apple: 1 });
  const inviter = await newCustomer(server, world.pickupPointIds[0]);
  await server.ctx.db.execute(sql`update users set invited_by = ${inviter.userId} where id = ${invited.userId}`);
  const now = Date.now();
  const template = await world.admin.post('/admin/coupon-templates', {
    name: '邀请有礼',
    kind: 'amount',
    thresholdFen: 0,
    discountFen: 100,
    validFrom: new Date(now - 60_000).toISOString(),
    validTo: new Date(now + 30 * 86_400_000).toISOString(),
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
  });
  await world.admin.post('/admin/members/coupon-templates', { templateId: template.body.id, purpose: 'referral' });
  await server.ctx.db.execute(sql`update users set name = '李秀兰' where id = ${b.userId}`);
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  later = await newCampaign(world);
  early = await buy(server, world, later, 0, { eggs: 1 });
}, 120_000);
afterAll(() => bw?.close());

/** A leader's page whose camera (a canvas stream) films `qrPng`, on a browser without BarcodeDetector. */
async function cameraPage(qrPng: string | null): Promise<Page> {
  const p = await bw.phonePage();
  await bw.signIn(p, 'leader', { phone: bw.world.leaders[0].phone, password: PASSWORD });
  await p.addInitScript((png) => {
    Object.defineProperty(window, 'BarcodeDetector', { value: undefined, configurable: true });
    Object.defineProperty(navigator, 'mediaDevices', {
      value: png
        ? {
            getUserMedia: async () => {
              const c = document.createElement('canvas');
              c.width = 640;
              c.height = 480;
              const g = c.getContext('2d')!;
              const img = new Image();
              img.src = png;
              await img.decode();
              // captureStream sends a frame when the canvas changes: keep drawing.
              const draw = () => {
                g.fillStyle = '#8a8a8a';
                g.fillRect(0, 0, 640, 480);
                g.drawImage(img, 200, 120, 240, 240);
              };
              draw();
              setInterval(draw, 100);
              return c.captureStream(10);
            },
          }
        : undefined,
    });
  }, qrPng);
  return p;
}

describe('pickup desk', () => {
  it('scans a QR code in JavaScript where the browser has no BarcodeDetector, loading the decoder only then', async () => {
    const code = await codeOf(a);
    // The customer's QR code carries the code in a link, as the shop draws it.
    const png = await QRCode.toDataURL(`${bw.baseUrl}/shop/pickup?code=${code}`, { margin: 4, width: 240 });
    const p = await cameraPage(png);
    const scripts: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await p.goto(`${bw.baseUrl}/leader/verify`);
    await expect(p.getByTestId('verify-hint').innerText()).resolves.toBe('输入顾客出示的取货码，或扫描取货码二维码');
    expect(scripts.some((u) => /jsQR/i.test(u))).toBe(false);
    await p.getByTestId('verify-scan').click();
    await p.getByTestId('pickup-order').waitFor();
    expect(scripts.some((u) => /jsQR/i.test(u))).toBe(true);
    await expect(p.getByTestId('verify-code').locator('input').inputValue()).resolves.toBe(code);

    // The lines first: hand over the apples now, the greens later.
    const greens = p.locator(`[data-testid="pickup-line"][data-product="${bw.world.products[P.greens].name}"]`);
    await greens.locator('.adm-checkbox').click();
    await expect(p.getByTestId('pickup-confirm').innerText()).resolves.toBe('确认交付 1 件商品');
    await p.getByTestId('pickup-confirm').click();
    await p.getByTestId('verify-result').waitFor();
    await expect(p.getByTestId('verify-left').innerText()).resolves.toContain('还有 1 件商品待取');
    await bw.shot(p, 'leader-pickup-partial');
    const order = await orderOf(a);
    expect(order.status).toBe('ready');
    const statusOf = (i: number) => order.lines.find((l: any) => l.productId === bw.world.products[i].id).status;
    expect([statusOf(P.apple), statusOf(P.greens)]).toEqual(['picked_up', 'arrived']);

    // The rest on the next visit: only the greens are offered.
    await p.getByTestId('verify-code').locator('input').fill(code);
    await p.getByTestId('verify-submit').click();
    await p.getByTestId('pickup-order').waitFor();
    await expect(p.locator('[data-testid="pickup-line"] .adm-checkbox').count()).resolves.toBe(1);
    await p.getByTestId('pickup-confirm').click();
    await p.getByTestId('verify-result').waitFor();
    expect((await orderOf(a)).status).toBe('completed');
    await p.close();
  });

  it('does not promise scanning where the camera cannot be opened', async () => {
    const p = await cameraPage(null);
    await p.goto(`${bw.baseUrl}/leader/verify`);
    await expect(p.getByTestId('verify-hint').innerText()).resolves.toBe(
      '输入顾客出示的取货码（此浏览器无法打开摄像头扫码）',
    );
    await expect(p.getByTestId('verify-scan').count()).resolves.toBe(0);
    await p.close();
  });

  it('says when an order was already picked up, has not arrived, or belongs to another point', async () => {
    const p = await cameraPage(null);
    await p.goto(`${bw.baseUrl}/leader/verify`);
    const refusal = async (code: string) => {
      await p.getByTestId('verify-code').locator('input').fill(code);
      // the answer to this code, not the previous code's refusal still on screen
      await Promise.all([
        p.waitForResponse((r) => r.url().endsWith('/leader/pickups/lookup')),
        p.getByTestId('verify-submit').click(),
      ]);
      await p.getByTestId('verify-error').waitFor();
      const text = await p.getByTestId('verify-error').innerText();
      await p.getByTestId('verify-code').locator('input').fill('');
      return text;
    };
    await expect(refusal(await codeOf(a))).resolves.toMatch(
      // A pickup made before midnight of the point's day shows its date too.
      /^该订单已于 (\d+月\d+日 )?\d\d:\d\d 取货$/,
    );
    await expect(refusal(await codeOf(early))).resolves.toBe('该订单的商品还没到货，确认到货后才能取货');
    const elsewhere = await refusal(await codeOf(other));
    expect(elsewhere).toBe('这是其他自提点的取货码，请让顾客到下单时选择的自提点取货');
    await expect(p.getByTestId('pickup-order').count()).resolves.toBe(0);
    await expect(refusal('12345678')).resolves.toBe('本自提点没有这个取货码，请核对后重试');
    await p.close();
  });

  it("finds an order by the phone's last four digits or the name and hands it over", async () => {
    const p = await cameraPage(null);
    await p.goto(`${bw.baseUrl}/leader/verify`);
    await p.getByTestId('pickup-search').locator('input').fill(b.phone.slice(-4));
    await p.getByTestId('pickup-search-submit').click();
    await p.getByTestId('pickup-search-result').first().waitFor();
    const rows = await p.getByTestId('pickup-search-result').allInnerTexts();
    for (const r of rows) expect(r).toMatch(new RegExp(`1\\d\\d\\*{4}${b.phone.slice(-4)}`));
    expect(rows.join()).not.toContain(b.phone);

    await p.getByTestId('pickup-search').locator('input').fill('秀兰');
    await p.getByTestId('pickup-search-submit').click();
    await expect.poll(() => p.getByTestId('pickup-search-result').allInnerTexts()).toHaveLength(1);
    await expect(p.getByTestId('pickup-search-result').innerText()).resolves.toContain('李秀兰');
    await bw.shot(p, 'leader-pickup-search');
    await p.getByTestId('pickup-search-result').click();
    await p.getByTestId('pickup-order').waitFor();
    await expect(p.getByTestId('pickup-confirm').innerText()).resolves.toBe('确认交付 2 件商品');
    await p.getByTestId('pickup-confirm').click();
    await p.getByTestId('verify-result').waitFor();
    expect((await orderOf(b)).status).toBe('completed');

    // A whole phone number is not a search.
    await p.getByTestId('pickup-search').locator('input').fill(b.phone);
    await p.getByTestId('pickup-search-submit').click();
    await expect(p.getByTestId('pickup-search-error').innerText()).resolves.toBe('请输入手机尾号 4 位或顾客姓名');
    await p.close();
  });

  it('undoes a pickup made by mistake: the goods wait again and the commission is taken back', async () => {
    const commissions = async () => (await bw.world.leaders[0].api.get('/leader/commissions')).body;
    const before = await commissions();
    const p = await cameraPage(null);
    await p.goto(`${bw.baseUrl}/leader/verify`);
    await p
      .getByTestId('verify-code')
      .locator('input')
      .fill(await codeOf(f));
    await p.getByTestId('verify-submit').click();
    await p.getByTestId('pickup-confirm').click();
    await p.getByTestId('verify-result').waitFor();
    expect((await orderOf(f)).status).toBe('completed');
    expect((await commissions()).pendingFen).toBeGreaterThan(before.pendingFen);
    // the time alone, or with its date when the window ends after midnight
    await expect(p.getByTestId('verify-undo').innerText()).resolves.toMatch(
      /^核销有误？(\d{1,2}月\d{1,2}日 )?\d\d:\d\d 前可撤销$/,
    );
    await p.getByTestId('verify-undo').click();
    await p.getByTestId('verify-undone').waitFor();
    await expect(p.getByTestId('verify-result').count()).resolves.toBe(0);
    const order = await orderOf(f);
    expect(order.status).toBe('ready');
    expect(order.lines.map((l: any) => l.status)).toEqual(['arrived', 'arrived']);
    const after = await commissions();
    expect([after.pendingFen, after.availableFen]).toEqual([before.pendingFen, before.availableFen]);
    await bw.shot(p, 'leader-pickup-undone');
    await p.close();
  });

  it('says why a pickup cannot be undone once the referral coupon it earned was spent', async () => {
    const p = await cameraPage(null);
    await p.goto(`${bw.baseUrl}/leader/verify`);
    await p
      .getByTestId('verify-code')
      .locator('input')
      .fill(await codeOf(invited));
    await p.getByTestId('verify-submit').click();
    await p.getByTestId('pickup-confirm').click();
    await p.getByTestId('verify-result').waitFor();
    expect((await orderOf(invited)).status).toBe('completed');
    // The invitee spends the referral coupon that order earned her before the leader notices.
    const [coupon] = (await invited.api.get('/me/coupons')).body;
    await buyAndPay(bw.server, invited.api, {
      pickupPointId: bw.world.pickupPointIds[0],
      items: [{ campaignItemId: later.items.milk, quantity: 1 }],
      couponId: coupon.id,
    });
    await p.getByTestId('verify-undo').click();
    await expect(p.getByTestId('verify-error').innerText()).resolves.toBe(
      '这笔订单完成时发放的邀请奖励券已被用于下单，奖励无法收回，因此不能撤销这次核销',
    );
    await expect(p.getByTestId('verify-undone').count()).resolves.toBe(0);
    expect((await orderOf(invited)).status).toBe('completed');
    await bw.shot(p, 'leader-pickup-undo-coupon-used');
    await p.close();
  });
});
