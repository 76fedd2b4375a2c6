import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { cutOffAndDeliver, newCampaign } from './leader-flow.js';
import type { Api } from './client.js';
import { exec, one, rows, type Db } from '../src/db/client.js';
import { jobHandlers } from '../src/jobs/index.js';
import { loadConfig } from '../src/lib/config.js';
import { applyPaymentNotification, startPayment } from '../src/modules/payments/service.js';
import { outNo } from '../src/modules/payments/wechatpay/crypto.js';
import { submitWechatRefund } from '../src/modules/payments/wechatpay/refunds.js';
import { wechatPayClient } from '../src/modules/payments/wechatpay/provider.js';
import { generateMerchant, linliEnv, type StandinMerchant } from '../src/standin/wechat/keys.js';
import { sendNotification } from '../src/standin/wechat/merchant.js';
import {
  notifyRefund,
  refundBehaviour,
  refundCalls,
  refundNotificationsSent,
  refundResource,
  settleRefund,
} from '../src/standin/wechat/refunds.js';
import { startWechatStandin, type WechatStandin } from '../src/standin/wechat/server.js';
import { wechatTime } from '../src/standin/wechat/state.js';

/**
 * Refunds of WeChat payments go back through WeChat Pay (decision 063): Linli on a real port, the
 * WeChat stand-in beside it calling back, both with a freshly generated merchant. The payment
 * WeChat Pay took is a fixture: the transaction put into the stand-in's state and the same payment
 * applied to Linli as its notification would; everything after it runs through Linli's flows.
 */

let server: TestServer;
let world: World;
let standin: WechatStandin;
let merchant: StandinMerchant;
let dir: string;
let linliUrl: string;
let db: Db;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linli-wxrefund-'));
  merchant = generateMerchant(dir);
  standin = await startWechatStandin({ merchant });
  const port = await freePort();
  linliUrl = `http://127.0.0.1:${port}/api/v1`;
  // only WeChat Pay's part of the configuration: sign-in (the mini-program's secret) is not used here
  const env = linliEnv(merchant, standin.url, linliUrl);
  server = await startTestServer({ wechatPay: loadConfig(env).wechatPay });
  await server.app.listen({ port, host: '127.0.0.1' });
  db = server.ctx.db;
  world = await createWorld(server);
});
afterAll(async () => {
  await server?.close();
  await standin?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  refundBehaviour(standin.state, { outcome: 'SUCCESS', delayMs: 50, notification: 'once', refuse: undefined });
});

const jobs = () => jobHandlers(server.ctx.config);
/** Delivers every due outbox message, as the pump would. */
const pump = () => jobs()['deliver-outbox'](db, {});

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface ProviderRefund {
  id: string;
  payment_id: string;
  status: string;
  amount_fen: number;
  provider_refund_id: string | null;
  failure: string | null;
  completed_at: unknown;
}

const providerRefundsOf = (orderId: string) =>
  rows<ProviderRefund>(
    db,
    sql`select id, payment_id, status, amount_fen, provider_refund_id, failure, completed_at
    from provider_refunds where order_id = ${orderId} order by created_at, id`,
  );

const refundOf = async (orderId: string) => {
  const [r] = await providerRefundsOf(orderId);
  return r;
};

const settled = (orderId: string, status = 'succeeded') =>
  until(`the refund of ${orderId} to be ${status}`, async () => {
    const r = await refundOf(orderId);
    return r?.status === status ? r : undefined;
  });

const standinRefundsOf = (paymentId: string) =>
  [...standin.state.refunds.values()].filter((r) => r.outTradeNo === outNo(paymentId));

/** A paid WeChat payment: WeChat Pay's transaction (the fixture) and Linli's payment applied from it. */
async function payWithWechat(userId: string, orderId: string) {
  const { paymentId, amountFen } = await startPayment(db, userId, orderId, 'wechatpay');
  const transactionId = `42000${Date.now()}${randomInt(100000, 999999)}`;
  standin.state.transactions.set(outNo(paymentId), {
    appid: merchant.appId,
    mchid: merchant.mchid,
    outTradeNo: outNo(paymentId),
    description: '邻里团购',
    notifyUrl: `${linliUrl}/payments/wechatpay/notify`,
    amountTotal: amountFen,
    tradeType: 'JSAPI',
    payerOpenid: `oUpF8uMuAJO_M2pxb1Q9zNjWeS6o${randomInt(1000, 9999)}`,
    prepayId: `wx${Date.now()}`,
    tradeState: 'SUCCESS',
    transactionId,
    successTime: wechatTime(new Date()),
    createdAt: new Date(),
  });
  await applyPaymentNotification(db, {
    provider: 'wechatpay',
    paymentId,
    orderId,
    amountFen,
    providerTxnId: transactionId,
  });
  return { paymentId, amountFen, transactionId };
}

async function order(customer: Api, items: { campaignItemId: string; quantity: number }[], point = 0) {
  const res = await customer.post('/orders', { pickupPointId: world.pickupPointIds[point], items });
  expect(res.status).toBe(201);
  return res.body as { id: string; totalFen: number };
}

/** A customer's order of `quantity` units of the world's campaign's item `item`, paid with WeChat Pay. */
async function paidOrder(item = 3, quantity = 1, campaignItemId = world.campaign.items[item].id) {
  const c = await newCustomer(server, world.pickupPointIds[0]);
  const o = await order(c.api, [{ campaignItemId, quantity }]);
  const pay = await payWithWechat(c.userId, o.id);
  return { ...c, order: o, ...pay };
}

describe('refunds of WeChat payments go through WeChat Pay', () => {
  it('a paid order cancelled before cutoff: the whole payment, PROCESSING, then REFUND.SUCCESS applied', async () => {
    const p = await paidOrder(3, 2);
    expect((await p.api.post(`/orders/${p.order.id}/cancel`)).body.status).toBe('cancelled');
    const [queued] = await providerRefundsOf(p.order.id);
    expect(queued).toMatchObject({ status: 'pending', amount_fen: p.amountFen });

    refundBehaviour(standin.state, { delayMs: 400 });
    await pump();
    const processing = await refundOf(p.order.id);
    const [atWechat] = standinRefundsOf(p.paymentId);
    expect(processing).toMatchObject({ status: 'processing', provider_refund_id: atWechat.refundId });
    expect(atWechat).toMatchObject({
      outRefundNo: outNo(queued.id),
      transactionId: p.transactionId,
      refund: p.amountFen,
      total: p.amountFen,
      reason: '订单已取消，原路退款',
      notifyUrl: `${linliUrl}/payments/wechatpay/refund-notify`,
    });
    expect(standin.state.transactions.get(outNo(p.paymentId))?.tradeState).toBe('REFUND');
    // the customer's order reads 退款中 meanwhile: the refund is approved, its money processing
    expect((await p.api.get(`/orders/${p.order.id}/refunds`)).body).toEqual([
      expect.objectContaining({ kind: 'cancel', status: 'refunded', amountFen: p.amountFen, payout: 'processing' }),
    ]);

    const done = await settled(p.order.id);
    expect(done.completed_at).toBeTruthy();
    expect((await p.api.get(`/orders/${p.order.id}/refunds`)).body[0].payout).toBe('succeeded');
    const sent = await until('the notification answered', async () => {
      const s = refundNotificationsSent(standin.state).filter((n) => n.outRefundNo === outNo(queued.id));
      return s.length ? s : undefined;
    });
    expect(sent).toEqual([expect.objectContaining({ status: 204, eventType: 'REFUND.SUCCESS' })]);
  });

  it('a shortage at receiving refunds the short units through WeChat Pay', async () => {
    const campaign = await newCampaign(world);
    const p = await paidOrder(1, 3, campaign.items.greens);
    expect((await world.admin.post(`/admin/campaigns/${campaign.id}/cutoff`)).status).toBe(200);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.id}`)).body;
    for (const po of pos) {
      const res = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
        lines: po.lines.map((l: any) => ({
          productId: l.productId,
          acceptedQuantity: l.quantity - 1,
          rejectedQuantity: 1,
        })),
      });
      expect(res.status).toBe(200);
    }
    await pump();
    const done = await settled(p.order.id);
    expect(done.amount_fen).toBe(290);
    expect(standinRefundsOf(p.paymentId)).toEqual([
      expect.objectContaining({ refund: 290, total: 3 * 290, status: 'SUCCESS', reason: '商品缺货，原路退款' }),
    ]);
  });

  it('a unit missing at the pickup point, then an after-sales claim: two refunds of one payment through WeChat Pay', async () => {
    const campaign = await newCampaign(world);
    const p = await paidOrder(0, 2, campaign.items.apple);
    await cutOffAndDeliver(world, campaign.id);
    const point = world.pickupPointIds[0];
    const [list] = (await world.admin.get(`/admin/sorting-lists?campaignId=${campaign.id}&pickupPointId=${point}`))
      .body;
    const apple = list.lines.find((l: any) => l.quantity === 2);
    const arrival = await world.leaders[0].api.post('/leader/arrivals', {
      campaignId: campaign.id,
      lines: [{ productId: apple.productId, receivedQuantity: 1, missingQuantity: 1 }],
    });
    expect(arrival.body.refunds).toEqual({ count: 1, amountFen: 990 });
    await pump();
    const [loss] = await until('the arrival loss refunded', async () => {
      const r = await providerRefundsOf(p.order.id);
      return r[0]?.status === 'succeeded' ? r : undefined;
    });
    expect(loss.amount_fen).toBe(990);

    const order = (await p.api.get(`/orders/${p.order.id}`)).body;
    const verified = await world.leaders[0].api.post('/leader/pickups/verify', { code: order.pickupCode });
    expect(verified.status).toBe(200);
    const claim = await p.api.post(`/orders/${p.order.id}/refunds`, {
      lines: [{ lineId: order.lines[0].id, quantity: 1 }],
      reason: 'quality',
      note: '有坏果',
    });
    expect(claim.status).toBe(201);
    expect((await world.admin.post(`/admin/refunds/${claim.body.id}/approve`)).status).toBe(200);
    await pump();
    const both = await until('the after-sales refund too', async () => {
      const r = await providerRefundsOf(p.order.id);
      return r.length === 2 && r.every((x) => x.status === 'succeeded') ? r : undefined;
    });
    expect(both.map((r) => r.amount_fen)).toEqual([990, 990]);
    // at WeChat Pay: two refunds of the one transaction, in the order Linli made them, each under its own id and reason
    expect(standinRefundsOf(p.paymentId)).toEqual([
      expect.objectContaining({
        outRefundNo: outNo(both[0].id),
        refund: 990,
        total: p.amountFen,
        reason: '商品到货损耗，原路退款',
        status: 'SUCCESS',
      }),
      expect.objectContaining({
        outRefundNo: outNo(both[1].id),
        refund: 990,
        total: p.amountFen,
        reason: '售后退款',
        status: 'SUCCESS',
      }),
    ]);
    expect((await p.api.get(`/orders/${p.order.id}`)).body.refundedFen).toBe(1980);
  });

  it('a payment arriving for an order cancelled meanwhile is refunded on arrival through WeChat Pay', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const o = await order(c.api, [{ campaignItemId: world.campaign.items[3].id, quantity: 1 }]);
    const { paymentId } = await startPayment(db, c.userId, o.id, 'wechatpay');
    expect((await c.api.post(`/orders/${o.id}/cancel`)).body.status).toBe('cancelled');
    // WeChat Pay took the money anyway (the customer paid in the cashier as the order expired)
    const transactionId = `42000${Date.now()}${randomInt(100000, 999999)}`;
    standin.state.transactions.set(outNo(paymentId), {
      appid: merchant.appId,
      mchid: merchant.mchid,
      outTradeNo: outNo(paymentId),
      description: '邻里团购',
      notifyUrl: `${linliUrl}/payments/wechatpay/notify`,
      amountTotal: o.totalFen,
      tradeType: 'JSAPI',
      prepayId: `wx${Date.now()}`,
      tradeState: 'SUCCESS',
      transactionId,
      successTime: wechatTime(new Date()),
      createdAt: new Date(),
    });
    await applyPaymentNotification(db, {
      provider: 'wechatpay',
      paymentId,
      orderId: o.id,
      amountFen: o.totalFen,
      providerTxnId: transactionId,
    });
    const payment = await one<{ status: string }>(db, sql`select status from payments where id = ${paymentId}`);
    expect(payment?.status).toBe('refunded_on_arrival');
    await pump();
    await settled(o.id);
    expect(standinRefundsOf(paymentId)).toEqual([
      expect.objectContaining({ refund: o.totalFen, total: o.totalFen, reason: '订单已取消，支付原路退回' }),
    ]);
  });

  it('the group-tier difference at cutoff goes back through WeChat Pay', async () => {
    const now = Date.now();
    const created = await world.admin.post('/admin/campaigns', {
      title: '拼团',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: [{ productId: world.products[3].id, priceFen: 3000, groupTiers: [{ minBuyers: 2, priceFen: 2700 }] }],
    });
    expect(created.status).toBe(201);
    const item = created.body.items[0].id as string;
    // both buy at 30.00; the second payment makes two buyers, so the tier's 27.00 is everyone's at cutoff
    const buyers = [await paidOrder(3, 1, item), await paidOrder(3, 1, item)];
    expect(buyers.map((b) => b.amountFen)).toEqual([3000, 3000]);
    expect((await world.admin.post(`/admin/campaigns/${created.body.id}/cutoff`)).status).toBe(200);
    await pump();
    for (const b of buyers) {
      const done = await settled(b.order.id);
      expect(done.amount_fen).toBe(300);
      expect(standinRefundsOf(b.paymentId)).toEqual([
        expect.objectContaining({ refund: 300, total: 3000, reason: '拼团成团价差额退款' }),
      ]);
    }
  });
});

describe('WeChat Pay never refunds twice', () => {
  it('a crash between the call and the write: the retry names the same out_refund_no, one refund at WeChat', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    const queued = await refundOf(p.order.id);
    refundBehaviour(standin.state, { outcome: 'PROCESSING' });
    const callsBefore = refundCalls(standin.state);
    // the call reaches WeChat Pay, then the transaction is lost before it commits
    await db
      .transaction(async (tx) => {
        await submitWechatRefund(tx as unknown as Db, server.ctx.config.wechatPay!, queued.id);
        throw new Error('crash');
      })
      .catch(() => {});
    expect((await refundOf(p.order.id)).status).toBe('pending');
    await pump();
    expect(refundCalls(standin.state) - callsBefore).toBe(2);
    const atWechat = standinRefundsOf(p.paymentId);
    expect(atWechat).toHaveLength(1);
    expect(await refundOf(p.order.id)).toMatchObject({
      status: 'processing',
      provider_refund_id: atWechat[0].refundId,
    });
    // and the same call once more (a second server, a replayed message) changes nothing
    await submitWechatRefund(db, server.ctx.config.wechatPay!, queued.id);
    expect(standinRefundsOf(p.paymentId)).toHaveLength(1);
  });

  it('a transient error (500 SYSTEM_ERROR) is retried by the outbox with the same refund', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { refuse: { status: 500, code: 'SYSTEM_ERROR', message: '系统超时' } });
    await pump();
    expect((await refundOf(p.order.id)).status).toBe('pending');
    const message = await one<{ status: string; attempts: number }>(
      db,
      sql`select status, attempts from outbox where topic = 'payment.refund' and payload->>'providerRefundId' = ${(await refundOf(p.order.id)).id}`,
    );
    expect(message).toMatchObject({ status: 'pending', attempts: 1 });
    refundBehaviour(standin.state, { refuse: undefined });
    await exec(
      db,
      sql`update outbox set next_attempt_at = now() where topic = 'payment.refund' and status = 'pending'`,
    );
    await pump();
    await settled(p.order.id);
    expect(standinRefundsOf(p.paymentId)).toHaveLength(1);
  });

  it('the stand-in refuses more than the transaction can still refund and a total that is not the payment', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    await pump();
    await settled(p.order.id);
    const client = wechatPayClient(server.ctx.config.wechatPay!);
    const ask = (outRefundNo: string, refund: number, total: number) =>
      client
        .request('POST', '/v3/refund/domestic/refunds', {
          out_trade_no: outNo(p.paymentId),
          out_refund_no: outRefundNo,
          amount: { refund, total, currency: 'CNY' },
        })
        .then(
          () => 'ok',
          (e) => `${e.status} ${e.code}`,
        );
    expect(await ask('extra-1', 1, p.amountFen)).toBe('400 INVALID_REQUEST');
    expect(await ask('extra-2', 1, p.amountFen + 1)).toBe('400 INVALID_REQUEST');
    expect(await ask('bad no!', 1, p.amountFen)).toBe('400 PARAM_ERROR');
    expect(standinRefundsOf(p.paymentId)).toHaveLength(1);
  });
});

describe('refund notifications', () => {
  it('duplicates, one after the other and at once, apply once', async () => {
    for (const notification of ['twice', 'simultaneous'] as const) {
      const p = await paidOrder();
      await p.api.post(`/orders/${p.order.id}/cancel`);
      refundBehaviour(standin.state, { notification });
      await pump();
      const id = outNo((await refundOf(p.order.id)).id);
      const sent = await until('two notifications', async () => {
        const s = refundNotificationsSent(standin.state).filter((n) => n.outRefundNo === id);
        return s.length === 2 ? s : undefined;
      });
      expect(sent.map((s) => s.status)).toEqual([204, 204]);
      expect(await refundOf(p.order.id)).toMatchObject({ status: 'succeeded' });
    }
  });

  it('a notification contradicting a refund already ended changes nothing (applied once, by state)', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    await pump();
    const done = await settled(p.order.id);
    const [atWechat] = standinRefundsOf(p.paymentId);
    atWechat.status = 'CLOSED';
    const sent = await notifyRefund(merchant, standin.state, atWechat);
    expect(sent?.status).toBe(204);
    expect(await refundOf(p.order.id)).toEqual(done);
    const alerts = await rows(db, sql`select 1 from operator_alerts where subject_id = ${p.order.id}`);
    expect(alerts).toHaveLength(0);
  });

  it('a bad signature changes nothing; the query job settles the refund instead', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { notification: 'bad_signature' });
    await pump();
    const id = outNo((await refundOf(p.order.id)).id);
    const [sent] = await until('the forged notification', async () => {
      const s = refundNotificationsSent(standin.state).filter((n) => n.outRefundNo === id);
      return s.length ? s : undefined;
    });
    expect(sent.status).toBe(401);
    expect(JSON.parse(sent.body)).toMatchObject({ code: 'FAIL' });
    expect(await refundOf(p.order.id)).toMatchObject({ status: 'processing', completed_at: null });
    await jobs()['wechatpay-refund-query'](db, {}); // processing for less than 5 minutes: not asked yet
    expect((await refundOf(p.order.id)).status).toBe('processing');
    await exec(
      db,
      sql`update provider_refunds set submitted_at = now() - interval '6 minutes' where id = ${(await refundOf(p.order.id)).id}`,
    );
    await jobs()['wechatpay-refund-query'](db, {});
    expect((await refundOf(p.order.id)).status).toBe('succeeded');
  });

  it('a signed notification about amounts that are not the refund is refused, nothing changes', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { outcome: 'PROCESSING' });
    await pump();
    const before = await refundOf(p.order.id);
    const [atWechat] = standinRefundsOf(p.paymentId);
    settleRefund(standin.state, atWechat.outRefundNo, 'SUCCESS');
    const url = `${linliUrl}/payments/wechatpay/refund-notify`;
    const send = (resource: unknown) =>
      sendNotification(merchant, url, {
        eventType: 'REFUND.SUCCESS',
        summary: '退款成功',
        originalType: 'refund',
        resource,
      });
    const good = refundResource(merchant, atWechat);
    const more = await send({ ...good, amount: { ...good.amount, refund: good.amount.refund + 1 } });
    expect(more.status).toBe(400);
    const otherMerchant = await send({ ...good, mchid: '1900000001' });
    expect(otherMerchant.status).toBe(400);
    const unknown = await send({ ...good, out_refund_no: outNo(crypto.randomUUID()) });
    expect(unknown.status).toBe(404);
    expect(await refundOf(p.order.id)).toEqual(before);
    expect((await send(good)).status).toBe(204);
    expect((await refundOf(p.order.id)).status).toBe('succeeded');
  });

  it('an unsigned or malformed call to the endpoint is refused', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/payments/wechatpay/refund-notify',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'x', event_type: 'REFUND.SUCCESS', resource: {} }),
    });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'FAIL' });
  });
});

describe('refunds that do not end well', () => {
  it('a stuck refund (no notification) is settled by the query job from WeChat Pay’s answer', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { outcome: 'PROCESSING' });
    await pump();
    const r = await refundOf(p.order.id);
    expect(r.status).toBe('processing');
    await exec(db, sql`update provider_refunds set submitted_at = now() - interval '10 minutes' where id = ${r.id}`);
    await jobs()['wechatpay-refund-query'](db, {});
    expect((await refundOf(p.order.id)).status).toBe('processing'); // WeChat Pay says PROCESSING still
    settleRefund(standin.state, outNo(r.id), 'SUCCESS'); // it ends, and the notification is lost
    await jobs()['wechatpay-refund-query'](db, {});
    expect(await refundOf(p.order.id)).toMatchObject({ status: 'succeeded', provider_refund_id: r.provider_refund_id });
  });

  it('a refund WeChat Pay never received fails with an alert once the outbox has given up', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { refuse: { status: 500, code: 'SYSTEM_ERROR', message: '系统超时' } });
    await pump();
    const r = await refundOf(p.order.id);
    expect(r.status).toBe('pending');
    await jobs()['wechatpay-refund-query'](db, {}); // pending for minutes: the outbox is still trying
    expect((await refundOf(p.order.id)).status).toBe('pending');
    // its 12 attempts spent, two hours on
    await exec(db, sql`update outbox set status = 'failed' where payload->>'providerRefundId' = ${r.id}`);
    await exec(db, sql`update provider_refunds set created_at = now() - interval '3 hours' where id = ${r.id}`);
    await jobs()['wechatpay-refund-query'](db, {});
    expect(await refundOf(p.order.id)).toMatchObject({ status: 'failed', failure: 'NOT_SENT' });
    const alert = await one<{ kind: string }>(
      db,
      sql`select kind from operator_alerts where business_key = ${`wechatpay-refund-failed:${r.id}`}`,
    );
    expect(alert?.kind).toBe('wechatpay_refund_failed');
    expect(standinRefundsOf(p.paymentId)).toHaveLength(0);
  });

  it('a refund whose answer was lost and whose outbox gave up is found at WeChat Pay and settled', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    const r = await refundOf(p.order.id);
    refundBehaviour(standin.state, { notification: 'none', delayMs: 0 });
    await db
      .transaction(async (tx) => {
        await submitWechatRefund(tx as unknown as Db, server.ctx.config.wechatPay!, r.id);
        throw new Error('crash');
      })
      .catch(() => {});
    await exec(db, sql`update outbox set status = 'failed' where payload->>'providerRefundId' = ${r.id}`);
    await exec(db, sql`update provider_refunds set created_at = now() - interval '3 hours' where id = ${r.id}`);
    await until('WeChat Pay to end the refund', async () => standinRefundsOf(p.paymentId)[0]?.status === 'SUCCESS');
    await jobs()['wechatpay-refund-query'](db, {});
    expect(await refundOf(p.order.id)).toMatchObject({
      status: 'succeeded',
      provider_refund_id: standinRefundsOf(p.paymentId)[0].refundId,
    });
  });

  it('REFUND.ABNORMAL fails the refund and raises one alert in the inbox, even when repeated', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { outcome: 'ABNORMAL', notification: 'twice' });
    await pump();
    const failed = await settled(p.order.id, 'failed');
    expect(failed.failure).toBe('ABNORMAL');
    await until('both notifications', async () => {
      const s = refundNotificationsSent(standin.state).filter((n) => n.outRefundNo === outNo(failed.id));
      return s.length === 2 && s.every((n) => n.status === 204);
    });
    const inbox = (await world.admin.get('/admin/alerts')).body;
    const mine = inbox.items.filter((a: any) => a.subjectId === p.order.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'wechatpay_refund_failed',
        severity: 'critical',
        details: expect.objectContaining({ code: 'ABNORMAL', amountFen: p.amountFen }),
      }),
    ]);
    // five more at once: each answered 204, still one alert and one message to the operators
    const [atWechat] = standinRefundsOf(p.paymentId);
    const again = await Promise.all(Array.from({ length: 5 }, () => notifyRefund(merchant, standin.state, atWechat)));
    expect(again.map((n) => n?.status)).toEqual([204, 204, 204, 204, 204]);
    const told = await rows(
      db,
      sql`select 1 from outbox where topic = 'notify.operator' and payload->>'subjectId' = ${p.order.id}`,
    );
    expect(told).toHaveLength(1);
    // ABNORMAL is not final at WeChat Pay: the money routed by the merchant later still completes it
    atWechat.status = 'SUCCESS';
    atWechat.successTime = wechatTime(new Date());
    expect((await notifyRefund(merchant, standin.state, atWechat))?.status).toBe(204);
    expect(await refundOf(p.order.id)).toMatchObject({ status: 'succeeded', failure: null });
  });

  it('a refusal a retry cannot fix (403 NOT_ENOUGH) fails the refund with an alert; the message is not retried', async () => {
    const p = await paidOrder();
    await p.api.post(`/orders/${p.order.id}/cancel`);
    refundBehaviour(standin.state, { refuse: { status: 403, code: 'NOT_ENOUGH', message: '余额不足' } });
    await pump();
    const r = await refundOf(p.order.id);
    expect(r).toMatchObject({ status: 'failed', failure: 'NOT_ENOUGH' });
    const message = await one<{ status: string }>(
      db,
      sql`select status from outbox where topic = 'payment.refund' and payload->>'providerRefundId' = ${r.id}`,
    );
    expect(message?.status).toBe('delivered');
    const alert = await one<{ kind: string }>(
      db,
      sql`select kind from operator_alerts where business_key = ${`wechatpay-refund-failed:${r.id}`}`,
    );
    expect(alert?.kind).toBe('wechatpay_refund_failed');
    expect(standinRefundsOf(p.paymentId)).toHaveLength(0);
  });

  it('simpay refunds still complete at once', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const o = await order(c.api, [{ campaignItemId: world.campaign.items[3].id, quantity: 1 }]);
    const { paymentId } = await startPayment(db, c.userId, o.id, 'simpay');
    await applyPaymentNotification(db, {
      provider: 'simpay',
      paymentId,
      orderId: o.id,
      amountFen: o.totalFen,
      providerTxnId: `txn-${paymentId}`,
    });
    await c.api.post(`/orders/${o.id}/cancel`);
    const calls = refundCalls(standin.state);
    await pump();
    expect((await refundOf(o.id)).status).toBe('succeeded');
    expect(refundCalls(standin.state)).toBe(calls);
  });
});
