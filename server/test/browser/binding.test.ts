import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';
import { one } from '../../src/db/client.js';
import { buy, newCampaign, P } from '../leader-flow.js';

/**
 * Customers stay with the leader who brought them (社区团购's heart): a guest opening a leader's
 * poster link sees that leader from the first screen, registering binds the point at once, the
 * chooser lists the linked point first, and the leader app and the console count the customers
 * the links brought. Also the shop's first screen before its script arrives, category names
 * (never codes), and the leader app's arrival screen before cutoff asking for nothing.
 */
let bw: BrowserWorld;
beforeAll(async () => {
  bw = await startBrowserWorld();
}, 120_000);
afterAll(() => bw?.close());

describe('binding to the leader of the link (browser)', () => {
  it('shows a guest the leader of the link, registers and binds the point at once', async () => {
    const { world } = bw;
    const leader = world.leaders[1]; // 团长2 at 幸福里2号自提点
    const item = world.campaign.items[3];
    const page = await bw.phonePage();
    await page.goto(`${bw.baseUrl}/shop/?point=${leader.pickupPointId}&item=${item.id}`);
    await page.locator('[data-testid="pickup-bar"]', { hasText: '团长 团长2 · 幸福里2号自提点' }).waitFor();
    await page.locator(`[data-testid="deal-card"][data-item="${item.id}"]`).waitFor();
    expect(await page.getByText('登录后选择自提点').count()).toBe(0);
    await bw.shot(page, 'bind-1-guest-by-link');

    await page.getByTestId('pickup-bar').click();
    await page.waitForURL(/\/shop\/register/);
    await page.getByTestId('register-name').locator('input').fill('链接来的顾客');
    await page.getByTestId('register-phone').locator('input').fill('13755550001');
    await page.getByTestId('register-password').locator('input').fill('linked-pass-1');
    await page.getByTestId('register-submit').click();
    // straight home, no chooser: the point is bound
    await page.waitForURL(/\/shop\/?$/);
    await page.locator('[data-testid="pickup-bar"]', { hasText: '团长 团长2 · 幸福里2号自提点' }).waitFor();
    const row = await one<{ pickup_point_id: string; bound_via: string; bound_leader_id: string }>(
      bw.server.ctx.db,
      sql`select pickup_point_id, bound_via, bound_leader_id from users where phone = '13755550001'`,
    );
    expect(row).toEqual({ pickup_point_id: leader.pickupPointId, bound_via: 'link', bound_leader_id: leader.userId });
    // the link has done its work: nothing left to offer, nothing remembered for later
    expect(await page.evaluate(() => sessionStorage.getItem('linli.shop.sharedPoint'))).toBeNull();
  });

  it("keeps a customer's own point on another leader's link, lists the linked point first in the chooser, and remembers the choice", async () => {
    const { world } = bw;
    const page = await bw.phonePage();
    await bw.signIn(page, 'shop', { phone: bw.customer.phone, password: PASSWORD }); // at 幸福里1号
    const other = world.leaders[2]; // 团长3 at 幸福里3号自提点
    await page.goto(`${bw.baseUrl}/shop/?point=${other.pickupPointId}`);
    await page.locator('[data-testid="pickup-bar"]', { hasText: '团长 团长1 · 幸福里1号自提点' }).waitFor();
    await page.getByTestId('deal-card').first().waitFor();
    expect(await page.getByText('改到这里自提').count()).toBe(0);
    expect((await bw.customer.api.get('/me')).body.pickupPointId).toBe(world.pickupPointIds[0]);

    await page.getByTestId('pickup-bar').click();
    await page.waitForURL(/\/shop\/pickup-point/);
    await page.getByTestId('pickup-option').nth(2).waitFor();
    const names = await page
      .getByTestId('pickup-option')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name));
    // the linked point, the current one, then the rest nearest to the linked point
    expect(names).toEqual(['幸福里3号自提点', '幸福里1号自提点', '幸福里2号自提点']);
    await page.locator('[data-testid="pickup-option"][data-linked]').getByTestId('pickup-linked').waitFor();
    await bw.shot(page, 'bind-2-chooser');
    await page.locator('[data-testid="pickup-option"][data-name="幸福里3号自提点"]').click();
    await page.waitForURL(/\/shop\/?$/);
    await page.locator('[data-testid="pickup-bar"]', { hasText: '团长 团长3 · 幸福里3号自提点' }).waitFor();
    expect((await bw.customer.api.get('/me')).body.pickupPointId).toBe(other.pickupPointId);

    // remembered on the next visit; the first binding (by the chooser) stays what it was
    await page.reload();
    await page.locator('[data-testid="pickup-bar"]', { hasText: '幸福里3号自提点' }).waitFor();
    const row = await one<{ bound_via: string; bound_point_id: string }>(
      bw.server.ctx.db,
      sql`select bound_via, bound_point_id from users where id = ${bw.customer.userId}`,
    );
    expect(row).toEqual({ bound_via: 'chooser', bound_point_id: world.pickupPointIds[0] });
    await bw.customer.api.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[0] });
  });

  it("binds a customer's invitation to the inviter's point", async () => {
    const code = (await bw.customer.api.get('/me')).body.inviteCode;
    const page = await bw.phonePage();
    await page.goto(`${bw.baseUrl}/shop/register?invite=${code}`);
    await page.getByTestId('register-name').locator('input').fill('邻居小李');
    await page.getByTestId('register-phone').locator('input').fill('13755550002');
    await page.getByTestId('register-password').locator('input').fill('invited-pass-1');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/shop\/?$/);
    await page.locator('[data-testid="pickup-bar"]', { hasText: '团长 团长1 · 幸福里1号自提点' }).waitFor();
  });

  it('shows the leader and the console how many customers their links brought', async () => {
    const leader = bw.world.leaders[1];
    const n = (await one<{ n: number }>(
      bw.server.ctx.db,
      sql`select count(*)::int as n from users where bound_leader_id = ${leader.userId} and bound_via = 'link'`,
    ))!.n;
    expect(n).toBe(1);
    const app = await bw.phonePage();
    await bw.signIn(app, 'leader', { phone: leader.phone, password: PASSWORD });
    await app.goto(`${bw.baseUrl}/leader/me`);
    await expect(app.getByTestId('linked-customers').innerText()).resolves.toBe(`${n} 人`);

    const console_ = await bw.desktopPage();
    await bw.signIn(console_, 'admin', ADMIN);
    await console_.goto(`${bw.baseUrl}/admin/setup/leaders`);
    await expect(console_.getByTestId(`linked-customers-${leader.leaderId}`).innerText()).resolves.toBe(String(n));
    await expect(console_.getByTestId(`linked-customers-${bw.world.leaders[0].leaderId}`).innerText()).resolves.toBe(
      '0',
    );
  });
});

describe('the first screens', () => {
  it("shows the shop's first screen before its script arrives, then category names, never codes", async () => {
    const page = await bw.phonePage();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(/\/assets\/.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${bw.baseUrl}/shop/`, { waitUntil: 'commit' });
    await page.getByTestId('splash').waitFor();
    await expect(page.getByTestId('splash').innerText()).resolves.toContain('邻里优选');
    await bw.shot(page, 'bind-3-splash');
    // every text the page shows from now on, while it loads
    await page.evaluate(() => {
      (window as unknown as { seen: string[] }).seen = [];
      new MutationObserver(() => (window as unknown as { seen: string[] }).seen.push(document.body.innerText)).observe(
        document.body,
        { subtree: true, childList: true, characterData: true },
      );
    });
    release();
    await page.getByTestId('categories').waitFor();
    await expect(page.getByTestId('categories').innerText()).resolves.toMatch(/果蔬|水果|乳品|蛋/);
    const seen: string[] = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    for (const text of seen) expect(text).not.toMatch(/\b(fresh|dairy|meat_eggs)\b/);
    expect(await page.getByTestId('splash').count()).toBe(0);
  });

  it("asks for no sorting list before cutoff on the leader's arrival screen, and logs nothing", async () => {
    const page = await bw.phonePage();
    const errors: string[] = [];
    const asked: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => r.url().includes('/leader/sorting-list') && asked.push(r.url()));
    await bw.signIn(page, 'leader', { phone: bw.world.leaders[0].phone, password: PASSWORD });
    await page.goto(`${bw.baseUrl}/leader/arrival`);
    await page.getByText('这个团期还没有截单，暂无分拣单').waitFor();
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('an order that answers when, where and what is happening', () => {
  it('shows the stage in the same words as the leader app, the leader to call, the code in groups, the shortage, and orders again', async () => {
    const { server, world } = bw;
    const campaign = await newCampaign(world);
    const buyer = await buy(server, world, campaign, 0, { apple: 1, greens: 2 });
    const page = await bw.phonePage();
    await bw.signIn(page, 'shop', { phone: buyer.phone, password: PASSWORD });
    await page.goto(`${bw.baseUrl}/shop/orders/${buyer.order.id}`);
    await page.locator('[data-testid="order-status"][data-stage="paid"]').waitFor();
    await page.locator('[data-testid="order-timeline"] [aria-current="step"][data-step="paid"]').waitFor();
    // before the cutoff a line waits for it
    expect(await page.getByTestId('line-stage').allInnerTexts()).toEqual(['待截单', '待截单']);
    // the leader of the point, to call
    await expect(page.getByTestId('order-leader').innerText()).resolves.toContain('团长 团长1');
    expect(await page.getByTestId('call-leader').getAttribute('href')).toBe(`tel:${world.leaders[0].phone}`);
    // the pickup code in groups of three or four digits, the same code
    const code = (await buyer.api.get(`/orders/${buyer.order.id}`)).body.pickupCode as string;
    const shown = (await page.getByTestId('pickup-code').innerText()).trim();
    expect(shown).toMatch(/^\d{3,4}( \d{3,4})+$/);
    expect(shown.replace(/ /g, '')).toBe(code);
    // pickup day and hours
    await expect(page.getByTestId('order-pickup-window').innerText()).resolves.toMatch(/08:00–21:00 到店自提$/);

    // cut off: being prepared, in the shop and in the leader app alike (never 待截单)
    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);
    await page.reload();
    await page.locator('[data-testid="order-status"][data-stage="preparing"]').waitFor();
    await expect(page.getByTestId('order-status').innerText()).resolves.toBe('备货中');
    expect(await page.getByTestId('line-stage').allInnerTexts()).toEqual(['备货中', '备货中']);
    const app = await bw.phonePage();
    await bw.signIn(app, 'leader', { phone: world.leaders[0].phone, password: PASSWORD });
    await app.goto(`${bw.baseUrl}/leader/orders`);
    await app.getByTestId('customer-groups').waitFor();
    await app.getByTestId('leader-order-stage').first().waitFor();
    expect(await app.getByTestId('leader-order-stage').allInnerTexts()).toContain('备货中');
    const lineWords = await app.getByTestId('line-stage').allInnerTexts();
    expect(lineWords.length).toBeGreaterThan(0);
    expect(lineWords).not.toContain('待截单');
    expect(new Set(lineWords)).toEqual(new Set(['备货中']));

    // received one bunch of greens short: refunded at once, stated as such
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    const greens = world.products[P.greens].id;
    for (const po of pos) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: { productId: string; quantity: number }) => ({
          productId: l.productId,
          acceptedQuantity: l.productId === greens ? l.quantity - 1 : l.quantity,
          rejectedQuantity: 0,
        })),
      });
      expect(res.status).toBe(200);
    }
    const after = (await buyer.api.get(`/orders/${buyer.order.id}`)).body;
    const shortLine = after.lines.find((l: { productId: string }) => l.productId === greens);
    expect(shortLine.refundQuantity).toBe(1);
    await page.reload();
    const refundText = `缺 1 件，已退 ¥${(shortLine.refundedFen / 100).toFixed(2)}`;
    await page.getByTestId('line-refund').filter({ hasText: refundText }).waitFor();
    await bw.shot(page, 'bind-4-order');

    // 再来一单: today's open deals of the same products go back in the cart
    await page.getByTestId('order-again').click();
    await page.waitForURL(/\/shop\/cart$/);
    const cart = JSON.parse((await page.evaluate(() => localStorage.getItem('linli.shop.cart'))) ?? '{}');
    const apple = world.campaign.items.find((i) => i.productId === world.products[P.apple].id)!;
    const greensDeal = world.campaign.items.find((i) => i.productId === greens)!;
    expect(cart).toEqual({ [apple.id]: 1, [greensDeal.id]: 2 });
  });
});
