import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ADMIN } from '../harness.js';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { grantRole } from '../../src/modules/accounts/service.js';
import { sql } from 'drizzle-orm';
import { exec } from '../../src/db/client.js';
import { Api } from '../client.js';
import { startBrowserWorld, PASSWORD, type BrowserWorld } from './harness.js';
import { chooseCampaign, confirmPopup, dispatchAll, receiveWithShortage, runCutoff } from './admin-steps.js';

/**
 * The operations console by clicking, in Chinese: sign-in through the form, the dashboard's
 * figures and charts, order search, cutoff, receiving with a shortage, print sheet and .xlsx
 * download, dispatch, the refund approval queue and the warehouse role's narrower menu.
 */
describe('operations console in a real browser', () => {
  let env: BrowserWorld;
  let page: Page;
  const orders: any[] = [];
  const TITLE = '今日团购';

  beforeAll(async () => {
    // commission available at pickup, so a leader can ask for a withdrawal within the test
    env = await startBrowserWorld({ settlementDelayDays: 0 });
    const { world, server } = env;
    const [apple, greens, milk] = world.campaign.items.map((i) => i.id);
    const p0 = world.pickupPointIds[0];
    orders.push(
      await buyAndPay(server, env.customer.api, {
        pickupPointId: p0,
        items: [
          { campaignItemId: apple, quantity: 2 },
          { campaignItemId: greens, quantity: 3 },
        ],
      }),
    );
    const other = await newCustomer(server, world.pickupPointIds[2], '李大爷');
    orders.push(
      await buyAndPay(server, other.api, {
        pickupPointId: world.pickupPointIds[2],
        items: [
          { campaignItemId: milk, quantity: 1 },
          { campaignItemId: greens, quantity: 1 },
        ],
      }),
    );
    page = await env.desktopPage();
  });
  afterAll(() => env?.close());

  it("signs in through the form and shows the dashboard with the day's figures and charts", async () => {
    await page.goto(`${env.baseUrl}/admin/`);
    await page.getByTestId('signin-phone').fill(ADMIN.phone);
    await page.getByTestId('signin-password').fill(ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL(/\/admin\/dashboard/);
    const gmv = orders.reduce((a, o) => a + o.totalFen, 0);
    const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    await page
      .getByTestId('kpi-today-gmv')
      .filter({ hasText: yuan(gmv) })
      .waitFor();
    expect(await page.getByTestId('kpi-today-paidOrders').innerText()).toContain('2');
    expect(await page.getByTestId('kpi-today-buyers').innerText()).toContain('2');
    for (const chart of ['chart-hourly', 'chart-daily', 'chart-categories', 'chart-products']) {
      await page.getByTestId(chart).locator('canvas').waitFor();
    }
    expect(await page.getByTestId('leader-ranking').locator('tbody tr').count()).toBe(2);
    await page.waitForTimeout(400); // the charts' short entry animation
    await env.shot(page, 'admin-dashboard');
  });

  it('finds orders by phone and by order number', async () => {
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('order-table').waitFor();
    await page.getByTestId('order-q').fill(env.customer.phone);
    await page.getByTestId('order-submit').click();
    await page
      .locator('[data-testid="order-table"] tbody tr.ant-table-row')
      .filter({ hasText: orders[0].number })
      .waitFor();
    expect(await page.locator('[data-testid="order-table"] tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('order-q').fill(orders[1].number);
    await page.getByTestId('order-submit').click();
    await page.locator('[data-testid="order-table"] tbody tr.ant-table-row').filter({ hasText: '李大爷' }).waitFor();
    expect(await page.locator('[data-testid="order-table"] tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('order-q').fill('13000000000');
    await page.getByTestId('order-submit').click();
    await page.getByTestId('empty').waitFor();
  });

  it('cuts the campaign off and shows the documents it made', async () => {
    await runCutoff(page, env.baseUrl, TITLE);
    const counts = await page.getByTestId('cutoff-counts').innerText();
    expect(counts).toMatch(/采购单 2 张/);
    expect(counts).toMatch(/分拣单 2 张/);
    await env.shot(page, 'admin-cutoff');
  });

  it('lists purchase orders with names, prints them and downloads them as .xlsx', async () => {
    const { world } = env;
    await page.getByTestId('nav-purchase-orders').click();
    await chooseCampaign(page, TITLE);
    await page.getByTestId('po-card').first().waitFor();
    expect(await page.getByTestId('po-card').count()).toBe(2);
    await page.getByTestId('po-card').filter({ hasText: '绿源果蔬合作社' }).filter({ hasText: '本地小青菜' }).waitFor();
    await env.shot(page, 'admin-purchase-orders');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('po-export').click()]);
    expect(download.suggestedFilename()).toBe(`采购单-${TITLE}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const products: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) products.push(String(row.getCell(2).value));
    });
    expect(products.sort()).toEqual(['本地小青菜', '红富士苹果', '鲜牛奶 950ml'].sort());

    // the print sheet calls window.print once its data is on the page
    const campaignId = world.campaign.id;
    const sheetPage = await page.context().newPage();
    await sheetPage.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await sheetPage.goto(`${env.baseUrl}/admin/print/purchase-orders?campaignId=${campaignId}&print=1`);
    await sheetPage.getByTestId('print-po').first().waitFor();
    expect(await sheetPage.getByTestId('print-po').count()).toBe(2);
    await sheetPage.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await sheetPage.emulateMedia({ media: 'print' });
    expect(await sheetPage.getByTestId('print-now').isVisible()).toBe(false);
    await sheetPage.close();
  });

  it('receives with one product short and shows the shortage refunds', async () => {
    await receiveWithShortage(page, env.baseUrl, TITLE, '本地小青菜', 2);
    // greens: 4 ordered (3 + 1), 2 delivered: the earlier payer gets 2 of 3, the later payer none → 2 refunds
    const shortage = (await env.world.admin.get('/admin/refunds?kind=shortage')).body;
    expect(shortage).toHaveLength(2);
    const fen = shortage.reduce((a: number, r: any) => a + r.amountFen, 0);
    const yuan = `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    expect(await page.getByTestId('receive-refunds').innerText()).toContain(`2 笔，共 ${yuan}`);
    await env.shot(page, 'admin-receiving');
    // the result links to the refunds it made
    await page.getByRole('link', { name: '查看缺货退款明细' }).click();
    await page.locator('[data-testid="refund-table"] tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid="refund-table"] tbody tr.ant-table-row').count()).toBe(2);
  });

  it('dispatches every route and shows the sorting lists', async () => {
    await dispatchAll(page, env.baseUrl, TITLE);
    expect(await page.getByTestId('route-dispatched').count()).toBe(2);
    expect(await page.getByTestId('dispatch-button').count()).toBe(0);
    await env.shot(page, 'admin-sorting');
    // the .xlsx of the sorting lists downloads too
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sorting-export').click()]);
    expect(download.suggestedFilename()).toBe(`分拣单-${TITLE}.xlsx`);
  });

  it('approves an after-sales refund from the queue', async () => {
    const { world } = env;
    // the first customer picks up and asks for the apples back (quality)
    const leader = world.leaders[0];
    const lists = (
      await world.admin.get(
        `/admin/sorting-lists?campaignId=${world.campaign.id}&pickupPointId=${leader.pickupPointId}`,
      )
    ).body;
    const arrival = await leader.api.post('/leader/arrivals', {
      campaignId: world.campaign.id,
      lines: lists[0].lines.map((l: any) => ({ productId: l.productId, receivedQuantity: l.quantity })),
    });
    expect(arrival.status).toBe(200);
    const order = (await env.customer.api.get(`/orders/${orders[0].id}`)).body;
    expect((await leader.api.post('/leader/pickups/verify', { code: order.pickupCode })).status).toBe(200);
    const apple = order.lines.find((l: any) => l.productName === '红富士苹果');
    const claim = await env.customer.api.post(`/orders/${order.id}/refunds`, {
      lines: [{ lineId: apple.id, quantity: 1 }],
      reason: 'quality',
    });
    expect(claim.status).toBe(201);

    await page.getByTestId('nav-refunds').click();
    const row = page.locator('[data-testid="refund-table"] tbody tr.ant-table-row').filter({ hasText: order.number });
    await row.waitFor();
    await row.getByTestId('refund-approve').click();
    await confirmPopup(page, 'refund-approve-confirm');
    await page.getByTestId('empty').waitFor();
    const after = (await world.admin.get(`/admin/refunds?orderId=${order.id}&kind=aftersales`)).body;
    expect(after[0].status).toBe('refunded');

    // a second claim is turned down with a note the customer will read
    const greens = order.lines.find((l: any) => l.productName === '本地小青菜');
    const second = await env.customer.api.post(`/orders/${order.id}/refunds`, {
      lines: [{ lineId: greens.id, quantity: 1 }],
      reason: 'other',
    });
    expect(second.status).toBe(201);
    await page.reload();
    const row2 = page.locator('[data-testid="refund-table"] tbody tr.ant-table-row').filter({ hasText: order.number });
    await row2.getByTestId('refund-reject').click();
    await page
      .locator(
        'textarea[data-testid="refund-reject-note"]:visible, [data-testid="refund-reject-note"]:visible textarea',
      )
      .first()
      .fill('已超过售后期限');
    await confirmPopup(page, 'refund-reject-confirm');
    await page.getByTestId('empty').waitFor();
    const rejected = (await world.admin.get(`/admin/refunds?orderId=${order.id}&status=rejected`)).body;
    expect(rejected).toHaveLength(1);
    expect(rejected[0].note).toBe('已超过售后期限');
  });

  it("marks a leader's withdrawal as paid", async () => {
    const leader = env.world.leaders[0];
    const { availableFen } = (await leader.api.get('/leader/commissions')).body;
    expect(availableFen).toBeGreaterThan(0);
    const asked = await leader.api.post(
      '/leader/withdrawals',
      { amountFen: availableFen },
      { 'idempotency-key': `w-${Date.now()}` },
    );
    expect(asked.status).toBe(201);

    await page.getByTestId('nav-withdrawals').click();
    const row = page.locator('[data-testid="withdrawal-table"] tbody tr.ant-table-row').filter({ hasText: '团长1' });
    await row.waitFor();
    const yuan = `¥${Math.floor(availableFen / 100)}.${String(availableFen % 100).padStart(2, '0')}`;
    expect(await row.innerText()).toContain(yuan);
    await row.getByTestId('withdrawal-pay').click();
    await confirmPopup(page, 'withdrawal-pay-confirm');
    await page.getByTestId('empty').waitFor();
    const paid = (await env.world.admin.get('/admin/withdrawals?status=paid')).body;
    expect(paid.map((w: any) => w.id)).toContain(asked.body.id);
  });

  it('switches to English and keeps warehouse staff to the warehouse screens', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-dashboard').filter({ hasText: 'Dashboard' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-submit').waitFor();

    const clerk = await newCustomer(env.server, undefined, '仓管小张');
    await grantRole(env.server.ctx.db, clerk.userId, 'warehouse');
    await page.getByTestId('signin-phone').fill(clerk.phone);
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL(/\/admin\/purchase-orders/);
    await page.getByTestId('nav-purchase-orders').waitFor(); // the menu renders after the route changes
    // the warehouse's work: purchase orders and receiving, sorting, stock counts and movements, recalls, turnover,
    // the arrivals' quality at the points
    const menu = await page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
    expect(menu.sort()).toEqual([
      'nav-arrival-quality',
      'nav-inventory-turnover',
      'nav-purchase-orders',
      'nav-recalls',
      'nav-sorting',
      'nav-stock-counts',
      'nav-stock-lots',
      'nav-stock-movements',
    ]);
    // the turnover of the warehouses, month by month, with its chart
    await page.getByTestId('nav-inventory-turnover').click();
    await page.getByTestId('turnover-list').waitFor();
    await page.getByTestId('turnover-chart').waitFor();
    await page.goto(`${env.baseUrl}/admin/dashboard`);
    await page.locator('.ant-result-403').waitFor();

    // a customer is turned away at the door
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-phone').fill(env.customer.phone);
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor();
  });

  it('disables a dismissed worker from the users screen (every sign-in ends), enables them again and moves them to another role', async () => {
    const clerk = await newCustomer(env.server, undefined, '仓管小李');
    await grantRole(env.server.ctx.db, clerk.userId, 'warehouse');
    const clerkToken = (await new Api(env.server.app).post('/auth/login', { phone: clerk.phone, password: PASSWORD }))
      .body.token;
    const asClerk = new Api(env.server.app, clerkToken);
    expect((await asClerk.get('/admin/campaigns')).status).toBe(200);

    await page.goto(`${env.baseUrl}/admin/`);
    await page.getByTestId('signin-phone').fill(ADMIN.phone);
    await page.getByTestId('signin-password').fill(ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL(/\/admin\/dashboard/);
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('users-search').locator('input').fill(clerk.phone);
    await page.getByTestId('users-search').locator('input').press('Enter');
    const row = page.getByTestId(`user-row-${clerk.phone}`);
    await row.filter({ hasText: '仓管小李' }).waitFor();
    expect(await page.locator('[data-testid="users-table"] tbody tr.ant-table-row').count()).toBe(1);
    expect(await row.innerText()).toContain('仓库');
    expect(await row.getByTestId('user-status').innerText()).toBe('正常');

    await row.getByTestId('user-disable').click();
    await confirmPopup(page, 'user-action-confirm');
    await row.getByTestId('user-status').filter({ hasText: '已停用' }).waitFor();
    expect((await asClerk.get('/admin/campaigns')).status).toBe(401);
    const refused = await new Api(env.server.app).post('/auth/login', { phone: clerk.phone, password: PASSWORD });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ACCOUNT_DISABLED']);

    await row.getByTestId('user-enable').click();
    await confirmPopup(page, 'user-action-confirm');
    await row.getByTestId('user-status').filter({ hasText: '正常' }).waitFor();
    expect((await new Api(env.server.app).post('/auth/login', { phone: clerk.phone, password: PASSWORD })).status).toBe(
      200,
    );

    // moved from the warehouse to finance: the next request obeys the new role
    const again = new Api(
      env.server.app,
      (await new Api(env.server.app).post('/auth/login', { phone: clerk.phone, password: PASSWORD })).body.token,
    );
    expect((await again.get('/admin/withdrawals')).status).toBe(403);
    await row.getByTestId('user-set-roles').click();
    await page.getByTestId('user-role-warehouse').click();
    await page.getByTestId('user-role-finance').click();
    await page.getByTestId('user-roles-save').click();
    await row.filter({ hasText: '财务' }).waitFor();
    expect(await row.innerText()).not.toContain('仓库');
    expect((await again.get('/admin/withdrawals')).status).toBe(200);
    expect((await again.get('/admin/purchase-orders')).status).toBe(403);
  });

  it('an expired session returns to sign-in, says why, and comes back to the same page', async () => {
    await page.goto(`${env.baseUrl}/admin/orders`);
    await page.getByTestId('order-table').waitFor();
    const adminId = (await env.world.admin.get('/me')).body.id;
    // twelve idle hours later (a console session's idle limit)
    await exec(
      env.server.ctx.db,
      sql`update sessions set last_used_at = now() - interval '12 hours 1 minute' where user_id = ${adminId} and revoked_at is null`,
    );
    env.server.ctx.auth.forgetUser(adminId);
    await page.getByTestId('order-q').fill(env.customer.phone);
    await page.getByTestId('order-submit').click();
    await page.getByTestId('signin-expired').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/orders');
    expect(await page.getByTestId('signin-expired').innerText()).toContain('登录已过期');
    await page.getByTestId('signin-phone').fill(ADMIN.phone);
    await page.getByTestId('signin-password').fill(ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL(/\/admin\/orders$/);
    await page.getByTestId('order-table').waitFor();
  });
});
