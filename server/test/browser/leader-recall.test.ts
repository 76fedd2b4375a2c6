import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { exec, one } from '../../src/db/client.js';
import { deliverOutbox } from '../../src/modules/outbox/service.js';
import { outboxHandlers } from '../../src/modules/outbox/senders.js';
import { PASSWORD, startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * 召回 in the leader app: milk from one lot is served from stock at cutoff to three customers of
 * the leader's point (4 units) and one of another point; the operator confirms a recall of the lot.
 * The leader sees no banner before, a red one on 首页 after, opens the recall screen, records units
 * brought back (a double tap counting once, a number the warehouse made too many refused in words),
 * and sees the figures the server keeps; past the deadline the screen says it is overdue.
 */
describe('leader app: a recall at my point', () => {
  let bw: BrowserWorld;
  let page: Page;
  let leader: BrowserWorld['world']['leaders'][number];
  let recallId: string;
  let lotId: string;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const { world } = bw;
    const milk = world.products[2];
    const adjust = await world.admin.post('/admin/inventory/adjust', {
      warehouseId: world.centralWarehouseId,
      productId: milk.id,
      quantityDelta: 20,
      reason: '入库',
      expiresOn: '2031-06-01',
    });
    expect(adjust.status).toBe(200);
    const item = world.campaign.items.find((i) => i.productId === milk.id)!;
    for (const [point, name, quantity] of [
      [0, '王阿姨', 2],
      [0, '李先生', 1],
      [0, '赵女士', 1],
      [2, '孙大爷', 1],
    ] as const) {
      const c = await newCustomer(bw.server, world.pickupPointIds[point], name);
      await buyAndPay(bw.server, c.api, {
        pickupPointId: world.pickupPointIds[point],
        items: [{ campaignItemId: item.id, quantity }],
      });
    }
    expect((await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`)).status).toBe(200);
    const lots = await world.admin.get(`/admin/recalls/lots?productId=${milk.id}`);
    lotId = lots.body.find((l: any) => l.expiresOn === '2031-06-01').lotId;
    leader = world.leaders.find((l) => l.pickupPointId === world.pickupPointIds[0])!;
    page = await bw.phonePage();
    await bw.signIn(page, 'leader', { phone: leader.phone, password: PASSWORD });
  }, 120_000);
  afterAll(() => bw?.close());

  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const card = () => page.getByTestId('recall-card');
  const figure = (testId: string) => card().getByTestId(testId).innerText();
  /** the point's units brought back, as the database has them */
  const backInDb = async () =>
    (await one<{ units: number; n: number }>(
      bw.server.ctx.db,
      sql`select coalesce(sum(units), 0)::int as units, count(*)::int as n from recall_returns
      where recall_id = ${recallId} and pickup_point_id = ${leader.pickupPointId}`,
    ))!;

  it('shows no banner without a recall under way, then a red one once a recall of my customers’ milk is confirmed', async () => {
    const { world } = bw;
    const draft = await world.admin.post('/admin/recalls', {
      scope: 'lot',
      lotId,
      reason: '抽检不合格，请停止食用',
    });
    expect(draft.status).toBe(201);
    recallId = draft.body.id;
    await page.goto(`${bw.baseUrl}/leader/home`);
    await page.getByTestId('home-sales').waitFor();
    // a draft is not under way: nothing to do for the leader yet
    await expect(page.getByTestId('home-recall').count()).resolves.toBe(0);

    const confirmed = await world.admin.post(`/admin/recalls/${recallId}/confirm`);
    expect(confirmed.status).toBe(200);
    // the leader was told through the outbox too
    const told = await one<{ n: number }>(
      bw.server.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'notify.customer' and payload->>'recallId' = ${recallId}::text
        and payload->>'role' = 'leader' and payload->>'userId' = ${leader.userId}::text`,
    );
    expect(told?.n).toBe(1);
    await page.reload();
    const banner = page.getByTestId('home-recall');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain(`商品召回：${world.products[2].name}`);
    expect(text).toContain('本点 3 位顾客买了召回商品，还有 4 件待回收');
    expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(198, 40, 40)');
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-recall-banner');
  });

  it('opens the recall screen: subject, reason, deadline on the point’s clock with the time left, customers and units', async () => {
    // the point's city keeps Ürümqi time: the deadline is shown on its clock, not the phone's (Shanghai)
    await exec(
      bw.server.ctx.db,
      sql`update regions set time_zone = 'Asia/Urumqi' where id = (select region_id from pickup_points where id = ${leader.pickupPointId})`,
    );
    await page.getByTestId('home-recall').click();
    await page.waitForURL(/\/leader\/recalls$/);
    const api = (await leader.api.get('/leader/recalls')).body;
    expect(api).toHaveLength(1);
    const [r] = api;
    expect(r).toMatchObject({ id: recallId, timeZone: 'Asia/Urumqi', customers: 3, units: 4, unitsRecovered: 0 });
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'Asia/Urumqi',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(r.deadlineAt))
        .map((x) => [x.type, x.value]),
    );
    const deadline = `${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute} 前`;
    // the screen asks again on opening (the banner's answer had the old time zone)
    await card().getByTestId('recall-deadline').filter({ hasText: deadline }).waitFor();
    await expect(figure('recall-subject')).resolves.toBe(r.subject);
    expect(r.subject).toContain('2031-06-01');
    await expect(figure('recall-reason')).resolves.toBe('抽检不合格，请停止食用');
    await expect(figure('recall-deadline')).resolves.toBe(deadline);
    // confirmed moments ago: 47 h and some minutes left (48 h 0 min if the page was quicker than a minute)
    await expect(figure('recall-countdown')).resolves.toMatch(/^剩 (47 小时 \d+|48 小时 0) 分$/);
    await expect(figure('recall-customers')).resolves.toBe('3 位');
    await expect(figure('recall-units')).resolves.toBe('4 件');
    await expect(figure('recall-recovered')).resolves.toBe('0 件');
    await expect(figure('recall-out')).resolves.toBe('4 件');
    expect(await noHorizontalScroll()).toBe(true);
    await bw.shot(page, 'leader-recall');
  });

  it('records units brought back: a double tap counts once, too many is refused in words, the total follows the server', async () => {
    const units = card().getByTestId('recall-return-units').locator('input');
    const submit = card().getByTestId('recall-return-submit');
    await units.fill('5');
    await expect(card().getByTestId('recall-return-invalid').innerText()).resolves.toBe('请输入 1 到 4 之间的整数件数');
    await expect(submit.isDisabled()).resolves.toBe(true);

    await units.fill('2');
    await submit.dblclick();
    await card().getByTestId('recall-recorded').getByText('已登记，本点已回收 2/4 件').waitFor();
    await card().getByTestId('recall-recovered').getByText('2 件').waitFor();
    await expect(figure('recall-out')).resolves.toBe('2 件');
    expect(await backInDb()).toEqual({ units: 2, n: 1 });
    expect((await leader.api.get('/leader/recalls')).body[0].unitsRecovered).toBe(2);

    // meanwhile the warehouse records one unit of this point: 2 more is one too many
    const clerk = await bw.world.admin.post(`/admin/recalls/${recallId}/returns`, {
      pickupPointId: leader.pickupPointId,
      units: 1,
    });
    expect(clerk.status).toBe(200);
    await units.fill('2');
    await submit.click();
    await expect(card().getByTestId('recall-return-error').innerText()).resolves.toBe(
      '超过了本点的召回件数：本点共 4 件，已回收 3 件，最多还能登记 1 件',
    );
    // the screen reloads the figures after a refusal
    await card().getByTestId('recall-recovered').getByText('3 件').waitFor();
    expect(await backInDb()).toEqual({ units: 3, n: 2 });

    await units.fill('1');
    await submit.click();
    await card().getByTestId('recall-all-back').waitFor();
    await expect(figure('recall-recovered')).resolves.toBe('4 件');
    await expect(figure('recall-out')).resolves.toBe('0 件');
    expect(await backInDb()).toEqual({ units: 4, n: 3 });
    const [r] = (await leader.api.get('/leader/recalls')).body;
    expect([r.units, r.unitsRecovered]).toEqual([4, 4]);
    // the console counts the same (this point's 4 of the recall's 5 units)
    const v = (await bw.world.admin.get(`/admin/recalls/${recallId}`)).body;
    expect([v.progress.units, v.progress.unitsRecovered]).toEqual([5, 4]);
  });

  it('says a recall past its deadline is overdue, on the screen and on 首页', async () => {
    await exec(
      bw.server.ctx.db,
      sql`update recalls set deadline_at = now() - interval '3 hours 10 minutes' where id = ${recallId}`,
    );
    await page.reload();
    const countdown = card().getByTestId('recall-countdown');
    await countdown.waitFor();
    await expect(countdown.getAttribute('data-overdue')).resolves.toBe('true');
    await expect(countdown.innerText()).resolves.toMatch(/^已超时 3 小时 1\d 分$/);
    // the bottom bar's 首页 takes the leader home too (no tab is lit on this screen)
    await page.locator('.ll-tabbar .adm-tab-bar-item').first().click();
    await page.waitForURL(/\/leader\/home$/);
    await page.getByTestId('home-recall-overdue').waitFor();
    // finished by the operator once every customer was told: the banner goes
    while ((await deliverOutbox(bw.server.ctx.db, outboxHandlers(bw.server.ctx.config))) > 0);
    expect((await bw.world.admin.post(`/admin/recalls/${recallId}/close`)).status).toBe(200);
    await page.reload();
    await page.getByTestId('home-sales').waitFor();
    await expect(page.getByTestId('home-recall').count()).resolves.toBe(0);
  });
});
