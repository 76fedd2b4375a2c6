import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../../src/db/client.js';
import { deliverOutbox } from '../../src/modules/outbox/service.js';
import { outboxHandlers } from '../../src/modules/outbox/senders.js';
import { escalateBreaches } from '../../src/modules/tickets/service.js';
import { adminApi, buyAndPay } from '../fixtures.js';
import { nextPhone } from '../client.js';
import { startBrowserWorld, type BrowserWorld } from './harness.js';

/**
 * The service desk in the apps (decision 059): a customer opens a ticket about an order in the
 * shop with a photo; an agent answers it in the console from the 话术库 within its first-response
 * time and resolves it; the customer reads the answer and rates it. And a ticket nobody answered
 * breaks its clock: it turns red in the queue, in the supervisors' escalation filter and inbox.
 */
describe('service desk (browser)', () => {
  let env: BrowserWorld;
  let orderId: string;
  const agent = { phone: nextPhone(), password: 'agent-pass-123' };
  const supervisor = { phone: nextPhone(), password: 'supervisor-pass-123' };

  beforeAll(async () => {
    env = await startBrowserWorld();
    const admin = await adminApi(env.server);
    expect((await admin.post('/admin/users', { ...agent, name: '客服小美', roles: ['service_agent'] })).status).toBe(
      201,
    );
    expect(
      (await admin.post('/admin/users', { ...supervisor, name: '客服主管', roles: ['service_supervisor'] })).status,
    ).toBe(201);
    expect(
      (
        await admin.post('/admin/canned-replies', {
          team: 'aftersales',
          title: '致歉',
          body: '非常抱歉，我们马上为您处理。',
        })
      ).status,
    ).toBe(201);
    const order = await buyAndPay(env.server, env.customer.api, {
      pickupPointId: env.world.pickupPointIds[0],
      items: [{ campaignItemId: env.world.campaign.items[0].id, quantity: 1 }],
    });
    orderId = order.id;
  });
  afterAll(() => env?.close());

  it('answers a ticket from the shop in the console within its SLA, and the customer rates it', async () => {
    const shop = await env.phonePage();
    shop.setDefaultTimeout(30_000);
    await env.signIn(shop, 'shop', env.customer);
    await shop.goto(`${env.baseUrl}/shop/orders/${orderId}`);
    await shop.getByTestId('order-ticket').click();
    await shop.getByTestId('ticket-form').waitFor();
    await shop.getByTestId('ticket-category').getByText('质量问题').click();
    await shop.getByTestId('ticket-text').locator('textarea').fill('收到的草莓有几个压坏了');
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c1121f' } })
      .png()
      .toBuffer();
    await shop.locator('input[type="file"]').setInputFiles({ name: 'berry.png', mimeType: 'image/png', buffer: photo });
    await shop.locator('.adm-image-uploader-cell img').waitFor();
    await shop.getByTestId('ticket-submit').click();
    await shop.getByTestId('ticket-view').waitFor();
    await shop.getByTestId('ticket-status').filter({ hasText: '待客服响应' }).waitFor();
    expect(await shop.getByTestId('ticket-promise').count()).toBe(3);
    await shop.getByTestId('ticket-event').locator('img').waitFor();
    await env.shot(shop, 'shop-ticket');
    const [ticket] = (await env.customer.api.get('/me/tickets')).body;
    expect(ticket).toMatchObject({ category: 'quality', team: 'aftersales', orderId });

    // the agent opens the queue, takes the ticket and answers it from the 话术库
    const desk = await env.desktopPage();
    desk.setDefaultTimeout(30_000);
    await env.signIn(desk, 'admin', agent);
    await desk.goto(`${env.baseUrl}/admin/tickets`);
    await desk.getByTestId(`ticket-row-${ticket.number}`).click();
    const drawer = desk.getByTestId('ticket-drawer');
    await drawer.getByTestId('ticket-event').first().waitFor();
    await drawer.getByTestId('ticket-canned').click();
    await desk.locator('.ant-select-item-option').filter({ hasText: '致歉' }).click();
    await drawer.getByTestId('ticket-send').click();
    await drawer.getByTestId('ticket-event').filter({ hasText: '非常抱歉' }).waitFor();
    await drawer.getByTestId('drawer-status').filter({ hasText: '处理中' }).waitFor();
    await drawer.getByTestId('ticket-kind').getByText('解决').click();
    await drawer.getByTestId('ticket-text').fill('已为您补发一盒草莓，明天随单送到自提点。');
    await drawer.getByTestId('ticket-send').click();
    await drawer.getByTestId('drawer-status').filter({ hasText: '已解决' }).waitFor();
    await env.shot(desk, 'admin-ticket');
    const answered = (await env.customer.api.get(`/tickets/${ticket.id}`)).body;
    // answered within its first-response and close clocks
    expect(answered.clocks.firstResponse.breached).toBe(false);
    expect(new Date(answered.clocks.firstResponse.metAt).getTime()).toBeLessThanOrEqual(
      new Date(answered.clocks.firstResponse.dueAt).getTime(),
    );
    expect(answered.clocks.close.breached).toBe(false);

    // the customer reads the answer (told in the messages once the outbox delivers), then rates it
    while ((await deliverOutbox(env.server.ctx.db, outboxHandlers(env.server.ctx.config))) > 0);
    await shop.goto(`${env.baseUrl}/shop/me/messages`);
    await shop.getByTestId('message').filter({ hasText: ticket.number }).first().click();
    await shop.getByTestId('ticket-event').filter({ hasText: '补发一盒草莓' }).waitFor();
    await shop.getByTestId('ticket-rating').getByRole('button', { name: '5星' }).click();
    await shop.getByTestId('ticket-rate-submit').click();
    await shop.getByTestId('ticket-status').filter({ hasText: '已关闭' }).waitFor();
    const closed = (await env.customer.api.get(`/tickets/${ticket.id}`)).body;
    expect(closed).toMatchObject({ status: 'closed', rating: 5 });
  });

  it('escalates a ticket nobody answered in time: red in the queue, in the escalation filter and the inbox', async () => {
    const opened = await env.customer.api.post('/tickets', {
      category: 'complaint',
      text: '团长不在自提点，等了半小时',
    });
    expect(opened.status).toBe(201);
    // opened an hour ago, so its first response and plan are due already
    await exec(
      env.server.ctx.db,
      sql`update tickets set created_at = now() - interval '1 hour', first_response_due_at = now() - interval '55 minutes',
        plan_due_at = now() - interval '1 minute' where id = ${opened.body.id}`,
    );
    // the escalation job's run
    expect(await escalateBreaches(env.server.ctx.db)).toBe(2);

    const desk = await env.desktopPage();
    desk.setDefaultTimeout(30_000);
    await env.signIn(desk, 'admin', supervisor);
    await desk.goto(`${env.baseUrl}/admin/tickets`);
    await desk.getByTestId('tickets-filter').getByText('已升级').click();
    const row = desk.getByTestId(`ticket-row-${opened.body.number}`);
    await row.waitFor();
    await row.locator('[data-breached="true"]').first().waitFor();
    expect(await row.innerText()).toContain('已升级');
    await desk.getByTestId('alert-open').click();
    await desk.getByTestId('alert-item').filter({ hasText: opened.body.number }).first().waitFor();
    await env.shot(desk, 'admin-ticket-escalated');

    // the customer sees the promise was missed and escalated
    const shop = await env.phonePage();
    shop.setDefaultTimeout(30_000);
    await env.signIn(shop, 'shop', env.customer);
    await shop.goto(`${env.baseUrl}/shop/me/tickets/${opened.body.id}`);
    await shop.locator('.ll-late').first().waitFor();
    await shop.getByTestId('ticket-event').filter({ hasText: '已升级' }).first().waitFor();
  });
});
