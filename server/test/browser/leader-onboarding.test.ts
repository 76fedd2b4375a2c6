import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyAndPay, newCustomer } from '../fixtures.js';
import { ADMIN } from '../harness.js';
import { cutOffAndDeliver, newCampaign } from '../leader-flow.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { confirmArrival, verifyPickup } from './leader-steps.js';

/**
 * A leader from application to first pickup (decision 061): a customer applies in the shop with a
 * photo, an operator approves in the console at a new pickup point on a plan, the new leader signs
 * in to the leader app, sees the getting-started list, passes the course's quiz, confirms the first
 * delivery and hands over the first order; the list is then complete.
 */
describe('leader onboarding (browser)', () => {
  let env: BrowserWorld;

  beforeAll(async () => {
    env = await startBrowserWorld();
    const admin = env.world.admin;
    await admin.post('/admin/commission-plans', {
      name: '标准',
      defaultBps: 600,
      categoryBps: { fresh: 500, daily: 800 },
    });
    const course = await admin.post('/admin/training/courses', {
      title: '自提点服务规范',
      body: '核销前核对提货码。',
      questions: [
        { text: '交货前做什么？', options: ['直接给货', '核对提货码'], answer: 1 },
        { text: '冷冻品多久内入柜？', options: ['30 分钟内', '晚上'], answer: 0 },
      ],
      passPercent: 100,
    });
    expect(course.status).toBe(201);
  });
  afterAll(() => env?.close());

  it('applies in the shop, is approved in the console, and gets started in the leader app', async () => {
    const shop = await env.phonePage();
    shop.setDefaultTimeout(30_000);
    await env.signIn(shop, 'shop', env.customer);
    await shop.goto(`${env.baseUrl}/shop/me`);
    await shop.getByTestId('me-apply-leader').click();
    await shop.getByTestId('apply-form').waitFor();
    await shop.getByTestId('apply-name').locator('input').fill('王阿姨');
    await shop.getByTestId('apply-address').locator('input').fill('幸福路 66 号 2 幢 1 楼');
    await shop.getByTestId('apply-place').getByText('门店').click();
    await shop.getByTestId('apply-experience').locator('textarea').fill('开了五年小卖部，邻居都熟');
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#f4a261' } })
      .png()
      .toBuffer();
    await shop.locator('input[type="file"]').setInputFiles({ name: 'shop.png', mimeType: 'image/png', buffer: photo });
    await shop.locator('.adm-image-uploader-cell img').waitFor();
    await shop.getByTestId('apply-submit').click();
    await shop.locator('[data-testid="apply-status"][data-status="pending"]').waitFor();
    await env.shot(shop, 'shop-leader-application');
    const [application] = (await env.customer.api.get('/me/leader-applications')).body;

    const console = await env.desktopPage();
    console.setDefaultTimeout(30_000);
    await env.signIn(console, 'admin', ADMIN);
    await console.goto(`${env.baseUrl}/admin/recruiting`);
    const row = console.getByTestId(`application-row-${application.id}`);
    await row.waitFor();
    await env.shot(console, 'admin-recruiting');
    await row.getByTestId('application-approve').click();
    await console.getByTestId('approve-route').click();
    await console.locator('.ant-select-item-option').filter({ hasText: '东一线' }).click();
    await console.getByTestId('approve-plan').click();
    await console.locator('.ant-select-item-option').filter({ hasText: '标准' }).click();
    await console.locator('#approve-confirm').click();
    await row.waitFor({ state: 'detached' });
    const approved = (await env.customer.api.get('/me/leader-applications')).body[0];
    expect(approved).toMatchObject({ status: 'approved', pickupPointName: '王阿姨自提点', planName: '标准' });
    await shop.reload();
    await shop.locator('[data-testid="apply-status"][data-status="approved"]').waitFor();

    // a neighbour orders at the new point; the goods go out on its route
    const campaign = await newCampaign(env.world);
    const neighbour = await newCustomer(env.server, approved.pickupPointId, '邻居');
    const order = await buyAndPay(env.server, neighbour.api, {
      pickupPointId: approved.pickupPointId,
      items: [{ campaignItemId: campaign.items.apple, quantity: 2 }],
    });
    await cutOffAndDeliver(env.world, campaign.id);

    const leader = await env.phonePage();
    leader.setDefaultTimeout(30_000);
    await env.signIn(leader, 'leader', env.customer);
    await leader.goto(`${env.baseUrl}/leader/home`);
    await leader.getByTestId('onboarding').waitFor();
    for (const [key, done] of [
      ['point', 'true'],
      ['plan', 'true'],
      ['training', 'false'],
      ['first_arrival', 'false'],
      ['first_pickup', 'false'],
    ])
      expect(await leader.getByTestId(`onboarding-${key}`).getAttribute('data-done')).toBe(done);
    await env.shot(leader, 'leader-onboarding');
    await leader.getByTestId('onboarding-training').click();
    await leader.getByText('自提点服务规范').click();
    await leader.getByTestId('course-view').waitFor();
    await leader.getByTestId('question-0-option-1').click();
    await leader.getByTestId('question-1-option-0').click();
    await leader.getByTestId('quiz-submit').click();
    await leader.locator('[data-testid="quiz-result"][data-passed="true"]').waitFor();

    await confirmArrival(leader, env.baseUrl, '团期');
    await verifyPickup(leader, env.baseUrl, order.pickupCode);
    await leader.goto(`${env.baseUrl}/leader/commission`);
    await leader.getByTestId('rate-fresh').filter({ hasText: '5%' }).waitFor();
    await leader.goto(`${env.baseUrl}/leader/home`);
    await leader.getByTestId('home-sales').waitFor();
    const checklist = (await env.customer.api.get('/leader/onboarding')).body;
    expect(checklist).toMatchObject({ done: 5, total: 5 });
    await leader.getByTestId('onboarding').waitFor({ state: 'detached' });
  });
});
