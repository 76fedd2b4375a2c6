import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, one } from '../src/db/client.js';
import { jobHandlers } from '../src/jobs/index.js';
import { loadConfig } from '../src/lib/config.js';
import { outboxHandlers } from '../src/modules/outbox/senders.js';
import { deliverOutbox } from '../src/modules/outbox/service.js';
import { outNo, rsaVerify, signedLines } from '../src/modules/payments/wechatpay/crypto.js';
import { generateMerchant, linliEnv, rotatePlatformKey, type StandinMerchant } from '../src/standin/wechat/keys.js';
import { sendNotification } from '../src/standin/wechat/merchant.js';
import type { NotifyBehaviour } from '../src/standin/wechat/pay.js';
import { startWechatStandin, type WechatStandin } from '../src/standin/wechat/server.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * WeChat Pay end to end: Linli listening on a local port with the environment linliEnv prints, the
 * stand-in of WeChat Pay on another, the customer paying through Linli's API and WeChat Pay's
 * notifications arriving over HTTP as they would from WeChat.
 */
describe('WeChat Pay through the stand-in', () => {
  let server: TestServer;
  let world: World;
  let standin: WechatStandin;
  let merchant: StandinMerchant;
  let linliUrl: string;
  const dirs: string[] = [];

  const useMerchant = async (mode: 'public_key' | 'certificate') => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-wechatpay-'));
    dirs.push(dir);
    merchant = generateMerchant(dir, mode);
    standin = await startWechatStandin({ merchant });
    standin.pay!.retryScale = 0.00002;
    // Linli's API as WeChat Pay reaches it (the refunds' notify address is under it too)
    const env = linliEnv(merchant, standin.url, `${linliUrl}/api/v1`);
    server.ctx.config.wechatPay = loadConfig(env).wechatPay;
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    linliUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await standin?.close();
    await server.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const db = () => server.ctx.db;
  const count = async (query: ReturnType<typeof sql>) => (await one<{ n: number }>(db(), query))!.n;
  const eventsOf = (paymentId: string) =>
    count(sql`select count(*)::int as n from payment_events where payment_id = ${paymentId}`);
  const paymentOf = async (paymentId: string) =>
    (await one<{ status: string; provider_txn_id: string | null; channel: string; closed_at: string | null }>(
      db(),
      sql`select status, provider_txn_id, channel, closed_at from payments where id = ${paymentId}`,
    ))!;
  const deliverAll = async () => {
    while ((await deliverOutbox(db(), outboxHandlers(server.ctx.config))) > 0);
  };

  async function placed() {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const order = await c.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    return { c, order: order.body as { id: string; totalFen: number; number: string } };
  }

  /** A customer linked to WeChat (the 公众号), as WeChat sign-in leaves them. */
  async function linked(c: { userId: string }) {
    const openid = `o-test-${c.userId.slice(0, 8)}`;
    await exec(
      db(),
      sql`insert into wechat_identities (user_id, app_id, openid) values (${c.userId}, ${merchant.appId}, ${openid})`,
    );
    return openid;
  }

  async function paidInWechat(behaviour: NotifyBehaviour) {
    const { c, order } = await placed();
    await linked(c);
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    expect(pay.status).toBe(200);
    standin.pay!.behaviours.set(outNo(pay.body.paymentId), behaviour);
    await standin.pay!.pay(outNo(pay.body.paymentId));
    return { c, order, paymentId: pay.body.paymentId as string };
  }

  const deliveriesOf = (paymentId: string) =>
    standin.pay!.deliveries.filter((d) => d.outTradeNo === outNo(paymentId)).map((d) => d.status);

  it('is off until configured: the apps are told, and paying with it is refused', async () => {
    const { c, order } = await placed();
    expect((await c.api.get('/auth/options')).body.wechatPay).toBe(false);
    const refused = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'h5' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PAYMENT_UNAVAILABLE');
    const probe = await fetch(`${linliUrl}/api/v1/payments/wechatpay/notify`, { method: 'POST', body: '{}' });
    expect(probe.status).toBe(404);
    await useMerchant('public_key');
    expect((await c.api.get('/auth/options')).body.wechatPay).toBe(true);
  });

  it('JSAPI: needs the WeChat identity, hands the page parameters signed with the merchant key, paid once notified', async () => {
    const { c, order } = await placed();
    const none = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('WECHAT_IDENTITY_REQUIRED');
    const openid = await linked(c);
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    expect(pay.status).toBe(200);
    expect(pay.body.amountFen).toBe(order.totalFen);
    const p = pay.body.wechatPay;
    expect(p).toMatchObject({ appId: merchant.appId, signType: 'RSA' });
    expect(p.package).toMatch(/^prepay_id=wx/);
    expect(
      rsaVerify(signedLines(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, merchant.merchantPublicKey),
    ).toBe(true);
    const txn = standin.state.transactions.get(outNo(pay.body.paymentId))!;
    expect(txn).toMatchObject({
      amountTotal: order.totalFen,
      payerOpenid: openid,
      tradeType: 'JSAPI',
      description: `邻里优选-订单 ${order.number}`,
    });
    expect(txn.notifyUrl).toBe(`${linliUrl}/api/v1/payments/wechatpay/notify`);
    // a second tap resumes the same payment: WeChat Pay answers the same prepay
    const again = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    expect(again.body.paymentId).toBe(pay.body.paymentId);
    expect(again.body.wechatPay.package).toBe(p.package);

    standin.pay!.behaviours.set(outNo(pay.body.paymentId), 'once');
    await standin.pay!.pay(outNo(pay.body.paymentId));
    expect(deliveriesOf(pay.body.paymentId)).toEqual([204]);
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('paid');
    expect(await paymentOf(pay.body.paymentId)).toMatchObject({
      status: 'succeeded',
      provider_txn_id: txn.transactionId,
      channel: 'jsapi',
    });
    expect(await eventsOf(pay.body.paymentId)).toBe(1);
    // the stand-in's query agrees
    expect(standin.state.transactions.get(outNo(pay.body.paymentId))!.tradeState).toBe('SUCCESS');
  });

  it("the mini-program pays under its own app id with the customer's openid of that app", async () => {
    const { c, order } = await placed();
    await linked(c);
    // linked to the 公众号 only: the mini-program has no openid for them
    const none = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'miniprogram' });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({
      code: 'WECHAT_IDENTITY_REQUIRED',
      details: { appId: merchant.miniProgramAppId },
    });
    await exec(
      db(),
      sql`insert into wechat_identities (user_id, app_id, openid) values (${c.userId}, ${merchant.miniProgramAppId}, ${'o-mp-1'})`,
    );
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'miniprogram' });
    expect(pay.status).toBe(200);
    expect(pay.body.wechatPay.appId).toBe(merchant.miniProgramAppId);
    expect(standin.state.transactions.get(outNo(pay.body.paymentId))).toMatchObject({
      appid: merchant.miniProgramAppId,
      payerOpenid: 'o-mp-1',
    });
    standin.pay!.behaviours.set(outNo(pay.body.paymentId), 'once');
    await standin.pay!.pay(outNo(pay.body.paymentId));
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('paid');
  });

  it("H5: WeChat Pay's page with the way back to the shop's order page; confirming there pays the order", async () => {
    const { c, order } = await placed();
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'h5' });
    expect(pay.status).toBe(200);
    const url = new URL(pay.body.cashierUrl);
    expect(url.origin).toBe(standin.url);
    expect(url.searchParams.get('redirect_url')).toBe(`${linliUrl}/shop/orders/${order.id}`);
    expect(pay.body.wechatPay).toBeUndefined();
    const page = await (await fetch(pay.body.cashierUrl)).text();
    expect(page).toContain('确认支付');
    expect(page).toContain(`¥${(order.totalFen / 100).toFixed(2)}`);
    expect(page).toContain(order.number);
    const confirmed = await fetch(`${standin.url}/cgi-bin/mmpayweb-bin/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        prepay_id: url.searchParams.get('prepay_id')!,
        redirect_url: url.searchParams.get('redirect_url')!,
      }).toString(),
      redirect: 'manual',
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get('location')).toBe(`${linliUrl}/shop/orders/${order.id}`);
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('paid');
    // a way back to another site is refused
    const { c: c2, order: o2 } = await placed();
    const away = await c2.api.post(`/orders/${o2.id}/pay`, {
      method: 'wechatpay',
      channel: 'h5',
      returnPath: '//evil.example.com/x',
    });
    expect(away.status).toBe(400);
  });

  it('duplicated notifications arriving at the same moment are applied once', async () => {
    const { c, order, paymentId } = await paidInWechat('duplicated');
    expect(deliveriesOf(paymentId)).toEqual([204, 204]);
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('paid');
    expect(await eventsOf(paymentId)).toBe(1);
    expect(
      await count(
        sql`select count(*)::int as n from outbox where topic = 'notify.customer' and payload->>'orderId' = ${order.id} and payload->>'kind' = 'paid'`,
      ),
    ).toBe(1);
  });

  it('a late notification pays the order when it comes; an older one after a newer changes nothing', async () => {
    const late = await paidInWechat('late');
    expect((await late.c.api.get(`/orders/${late.order.id}`)).body.status).toBe('pending_payment');
    await standin.pay!.settled();
    expect((await late.c.api.get(`/orders/${late.order.id}`)).body.status).toBe('paid');

    const ooo = await paidInWechat('out_of_order');
    expect(deliveriesOf(ooo.paymentId)).toEqual([204, 204]);
    expect(await eventsOf(ooo.paymentId)).toBe(1);
    expect((await ooo.c.api.get(`/orders/${ooo.order.id}`)).body.status).toBe('paid');
  });

  it('a probe with a bad signature is refused and changes nothing', async () => {
    const { c, order, paymentId } = await paidInWechat('bad_signature');
    expect(deliveriesOf(paymentId)).toEqual([401]);
    expect(JSON.parse(standin.pay!.deliveries.at(-1)!.body)).toMatchObject({ code: 'FAIL' });
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
    expect(await eventsOf(paymentId)).toBe(0);
    expect((await paymentOf(paymentId)).status).toBe('pending');
  });

  it('a notification of another state is acknowledged and changes nothing; one of an unknown payment is refused', async () => {
    const { c, order } = await placed();
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'h5' });
    const t = standin.state.transactions.get(outNo(pay.body.paymentId))!;
    const resource = {
      appid: t.appid,
      mchid: t.mchid,
      out_trade_no: t.outTradeNo,
      transaction_id: '4200000000000000000000000001',
      trade_type: 'MWEB',
      trade_state: 'PAYERROR',
      amount: { total: t.amountTotal, payer_total: t.amountTotal, currency: 'CNY', payer_currency: 'CNY' },
    };
    const notify = (r: Record<string, unknown>) =>
      sendNotification(merchant, t.notifyUrl, {
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        originalType: 'transaction',
        resource: r,
      });
    expect((await notify(resource)).status).toBe(204);
    expect((await paymentOf(pay.body.paymentId)).status).toBe('pending');
    expect(await eventsOf(pay.body.paymentId)).toBe(0);
    const unknown = await notify({ ...resource, trade_state: 'SUCCESS', out_trade_no: outNo(crypto.randomUUID()) });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'FAIL' });
    const otherApp = await notify({ ...resource, trade_state: 'SUCCESS', appid: 'wx0000000000000000' });
    expect(otherApp.status).toBe(400);
    expect(await eventsOf(pay.body.paymentId)).toBe(0);
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
  });

  it('a notification of another amount is refused (retried by WeChat Pay) and nothing is written', async () => {
    const { c, order, paymentId } = await paidInWechat('wrong_amount');
    await standin.pay!.settled();
    const statuses = deliveriesOf(paymentId);
    expect(statuses.length).toBeGreaterThan(1);
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
    expect(await eventsOf(paymentId)).toBe(0);
    expect((await paymentOf(paymentId)).status).toBe('pending');
  });

  it('a notification that never comes: the query job asks WeChat Pay and settles the payment once', async () => {
    const { c, order, paymentId } = await paidInWechat('never');
    const query = jobHandlers(server.ctx.config)['wechatpay-query'];
    await query(db(), {});
    // too young to ask about
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
    await exec(db(), sql`update payments set created_at = now() - interval '10 minutes' where id = ${paymentId}`);
    await Promise.all([query(db(), {}), query(db(), {})]);
    expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('paid');
    expect(await eventsOf(paymentId)).toBe(1);
    expect(deliveriesOf(paymentId)).toEqual([]);
  });

  it('an answer with a bad signature is treated as forged: the customer is sent to no cashier', async () => {
    const { c, order } = await placed();
    standin.pay!.forgeResponses = true;
    try {
      const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'h5' });
      expect(pay.status).toBe(502);
      expect(pay.body.error).toMatchObject({
        code: 'PAYMENT_PROVIDER_FAILED',
        details: { providerCode: 'SIGN_ERROR' },
      });
      expect(pay.body.cashierUrl).toBeUndefined();
      expect((await c.api.get(`/orders/${order.id}`)).body.status).toBe('pending_payment');
    } finally {
      standin.pay!.forgeResponses = false;
    }
  });

  it("a cancelled order's payment is closed at WeChat Pay; one paid before the close arrives is refunded", async () => {
    const { c, order } = await placed();
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'h5' });
    expect((await c.api.post(`/orders/${order.id}/cancel`)).status).toBe(200);
    await deliverAll();
    expect(standin.state.transactions.get(outNo(pay.body.paymentId))!.tradeState).toBe('CLOSED');
    expect((await paymentOf(pay.body.paymentId)).closed_at).not.toBeNull();

    // paid in WeChat between the cancel and the close
    const late = await placed();
    await linked(late.c);
    const p2 = await late.c.api.post(`/orders/${late.order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    expect((await late.c.api.post(`/orders/${late.order.id}/cancel`)).status).toBe(200);
    standin.pay!.behaviours.set(outNo(p2.body.paymentId), 'once');
    await standin.pay!.pay(outNo(p2.body.paymentId));
    expect(deliveriesOf(p2.body.paymentId)).toEqual([204]);
    expect((await late.c.api.get(`/orders/${late.order.id}`)).body.status).toBe('cancelled');
    expect((await paymentOf(p2.body.paymentId)).status).toBe('refunded_on_arrival');
    const refund = await one<{ amount_fen: number }>(
      db(),
      sql`select amount_fen from provider_refunds where payment_id = ${p2.body.paymentId}`,
    );
    expect(refund?.amount_fen).toBe(late.order.totalFen);
    // the close then finds it paid: nothing more happens
    await deliverAll();
    expect(
      await count(sql`select count(*)::int as n from provider_refunds where payment_id = ${p2.body.paymentId}`),
    ).toBe(1);
    expect(
      await count(sql`select count(*)::int as n from outbox where topic = 'payment.close' and status <> 'delivered'`),
    ).toBe(0);
  });

  it("an unpaid order that expires has its payment closed at WeChat Pay, and a paid one's close finds it paid and refunds once", async () => {
    const { c, order } = await placed();
    await linked(c);
    const pay = await c.api.post(`/orders/${order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    const other = await placed();
    await linked(other.c);
    const paid = await other.c.api.post(`/orders/${other.order.id}/pay`, { method: 'wechatpay', channel: 'jsapi' });
    await exec(
      db(),
      sql`update orders set expires_at = now() - interval '1 second' where id in (${order.id}, ${other.order.id})`,
    );
    await jobHandlers(server.ctx.config)['expire-unpaid'](db(), {});
    // the second is paid in WeChat but its notification is lost; the close finds it paid
    standin.pay!.behaviours.set(outNo(paid.body.paymentId), 'never');
    await standin.pay!.pay(outNo(paid.body.paymentId));
    await deliverAll();
    expect(standin.state.transactions.get(outNo(pay.body.paymentId))!.tradeState).toBe('CLOSED');
    expect((await paymentOf(pay.body.paymentId)).closed_at).not.toBeNull();
    expect((await paymentOf(paid.body.paymentId)).status).toBe('refunded_on_arrival');
    expect(
      await count(sql`select count(*)::int as n from provider_refunds where payment_id = ${paid.body.paymentId}`),
    ).toBe(1);
  });

  it('payment groups pay through WeChat Pay too', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const day = await c.api.post('/checkout/day', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(day.status).toBe(201);
    const pay = await c.api.post(`/payment-groups/${day.body.id}/pay`, { method: 'wechatpay', channel: 'h5' });
    expect(pay.status).toBe(200);
    expect(new URL(pay.body.cashierUrl).searchParams.get('redirect_url')).toBe(`${linliUrl}/shop/orders`);
    const first = (await c.api.get(`/orders/${day.body.orders[0].id}`)).body;
    expect(standin.state.transactions.get(outNo(pay.body.paymentId))).toMatchObject({
      amountTotal: day.body.totalFen,
      description: `邻里优选-提货日订单 ${first.number} 等`,
    });
    standin.pay!.behaviours.set(outNo(pay.body.paymentId), 'once');
    await standin.pay!.pay(outNo(pay.body.paymentId));
    expect((await c.api.get(`/orders/${day.body.orders[0].id}`)).body.status).toBe('paid');
  });

  it('certificate mode: a platform certificate rotated mid-way is downloaded without restarting Linli', async () => {
    await standin.close();
    await useMerchant('certificate');
    const first = await paidInWechat('once');
    expect(deliveriesOf(first.paymentId)).toEqual([204]);
    const before = merchant.platform[0].serial;
    const rotated = rotatePlatformKey(merchant);
    expect(rotated.serial).not.toBe(before);
    // at most one download a second
    await new Promise((r) => setTimeout(r, 1100));
    const second = await paidInWechat('once');
    expect(deliveriesOf(second.paymentId)).toEqual([204]);
    expect((await second.c.api.get(`/orders/${second.order.id}`)).body.status).toBe('paid');
  });
});
