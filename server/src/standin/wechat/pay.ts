import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { encryptResource, rsaVerify, signedLines } from '../../modules/payments/wechatpay/crypto.js';
import type { StandinMerchant } from './keys.js';
import { errorReply, merchantSignatureProblem, sendNotification, signedReply, type RawRequest } from './merchant.js';
import type { StandinContext } from './server.js';
import { wechatTime, type StandinTransaction } from './state.js';

/**
 * The stand-in's WeChat Pay transactions (API v3, from the published specification): JSAPI and H5
 * prepay, the H5 cashier page, query and close by out_trade_no, and the TRANSACTION.SUCCESS
 * notifications, whose delivery a test chooses (once, duplicated, late, out of order, a probe with
 * a bad signature, a wrong amount, never) and which are retried on WeChat Pay's schedule (scaled
 * down) until the merchant answers 200 or 204. A test may also make the answers badly signed.
 */

/** How the payment notification of a transaction is delivered. */
export type NotifyBehaviour =
  | 'once'
  | 'duplicated'
  | 'late'
  | 'out_of_order'
  | 'bad_signature'
  | 'wrong_amount'
  | 'never';

/** WeChat Pay's retries after a failed delivery: 15 s, 15 s, 30 s, 3 m, 10 m, 20 m, 30 m ×3, 60 m, 3 h ×3, 6 h ×2. */
export const RETRY_SCHEDULE_SECONDS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

export interface Delivery {
  outTradeNo: string;
  /** the merchant's HTTP status (0: unreachable) */
  status: number;
  body: string;
  kind: 'notification' | 'probe' | 'retry';
  at: Date;
}

export interface PayControls {
  /** the behaviour of transactions without their own */
  behaviour: NotifyBehaviour;
  /** per out_trade_no */
  behaviours: Map<string, NotifyBehaviour>;
  /** 'late': how long after the payment the notification goes out */
  lateMs: number;
  /** scales RETRY_SCHEDULE_SECONDS (1 = WeChat Pay's own pace; tests use e.g. 0.001) */
  retryScale: number;
  /** answers signed over other bytes: a forgery Linli must refuse */
  forgeResponses: boolean;
  /** every delivery attempt, in order */
  deliveries: Delivery[];
  /** the payer pays (WeChat's client, outside any page): SUCCESS and the notification per behaviour */
  pay(outTradeNo: string, openid?: string): Promise<StandinTransaction>;
  /** resolves once every notification sent or scheduled so far has been delivered or given up */
  settled(): Promise<void>;
}

const OUT_TRADE_NO = /^[A-Za-z0-9_|*-]{6,32}$/;

interface PrepayBody {
  appid?: unknown;
  mchid?: unknown;
  description?: unknown;
  out_trade_no?: unknown;
  time_expire?: unknown;
  attach?: unknown;
  notify_url?: unknown;
  amount?: { total?: unknown; currency?: unknown };
  payer?: { openid?: unknown };
  scene_info?: { payer_client_ip?: unknown; h5_info?: { type?: unknown } };
}

/** Why a prepay body is refused (PARAM_ERROR), or undefined. */
function prepayProblem(m: StandinMerchant, b: PrepayBody | undefined, type: 'JSAPI' | 'MWEB'): string | undefined {
  if (!b || typeof b !== 'object') return '请求体为空或不是 JSON';
  if (typeof b.description !== 'string' || b.description === '' || b.description.length > 127)
    return 'description 必填，1–127 个字符';
  if (typeof b.out_trade_no !== 'string' || !OUT_TRADE_NO.test(b.out_trade_no))
    return 'out_trade_no 须为 6–32 个字母、数字或 _-|*';
  if (typeof b.notify_url !== 'string' || !/^https?:\/\/[^\s]+$/.test(b.notify_url))
    return 'notify_url 须为 http(s) 地址';
  const total = b.amount?.total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0) return 'amount.total 须为正整数（分）';
  if (b.amount?.currency !== undefined && b.amount.currency !== 'CNY') return 'amount.currency 只支持 CNY';
  if (b.time_expire !== undefined && (typeof b.time_expire !== 'string' || Number.isNaN(Date.parse(b.time_expire))))
    return 'time_expire 须为 RFC 3339 时间';
  if (type === 'JSAPI' && (typeof b.payer?.openid !== 'string' || b.payer.openid === '')) return 'payer.openid 必填';
  if (type === 'MWEB') {
    if (typeof b.scene_info?.payer_client_ip !== 'string' || b.scene_info.payer_client_ip === '')
      return 'scene_info.payer_client_ip 必填';
    if (typeof b.scene_info.h5_info?.type !== 'string') return 'scene_info.h5_info.type 必填';
  }
  if (b.mchid !== m.mchid || (b.appid !== m.appId && b.appid !== m.miniProgramAppId)) return 'APPID_MCHID_NOT_MATCH';
  return undefined;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export function registerPay(app: FastifyInstance, ctx: StandinContext, m: StandinMerchant): PayControls {
  const { state } = ctx;
  /** what a prepay carried, to tell a repeated prepay from a different one; and its time_expire */
  const contents = new Map<string, { content: string; expiresAt?: number }>();
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  /** A signed answer, or, when the test asks, one whose signature covers other bytes (a forgery). */
  const answer = (reply: FastifyReply, status: number, body?: unknown) =>
    signedReply(m, reply, status, body, { forged: controls.forgeResponses });

  /** The merchant's call checked: signature (401 SIGN_ERROR); undefined when it may go on. */
  const refused = (req: RawRequest, reply: FastifyReply) => {
    const problem = merchantSignatureProblem(m, req);
    if (problem) return errorReply(m, reply, 401, 'SIGN_ERROR', `签名错误：${problem}`);
    return undefined;
  };

  const transactionView = (t: StandinTransaction) => ({
    appid: t.appid,
    mchid: t.mchid,
    out_trade_no: t.outTradeNo,
    ...(t.transactionId ? { transaction_id: t.transactionId } : {}),
    trade_type: t.tradeType,
    trade_state: t.tradeState,
    trade_state_desc:
      { SUCCESS: '支付成功', NOTPAY: '未支付', CLOSED: '已关闭' }[t.tradeState as string] ?? t.tradeState,
    ...(t.tradeState === 'SUCCESS'
      ? { bank_type: 'OTHERS', success_time: t.successTime, payer: { openid: t.payerOpenid } }
      : {}),
    attach: t.attach ?? '',
    amount:
      t.tradeState === 'SUCCESS'
        ? { total: t.amountTotal, payer_total: t.amountTotal, currency: 'CNY', payer_currency: 'CNY' }
        : { total: t.amountTotal, currency: 'CNY', payer_currency: 'CNY' },
  });

  const prepay = (type: 'JSAPI' | 'MWEB') => async (req: RawRequest, reply: FastifyReply) => {
    if (refused(req, reply)) return reply;
    const b = req.body as PrepayBody | undefined;
    const problem = prepayProblem(m, b, type);
    if (problem === 'APPID_MCHID_NOT_MATCH') return errorReply(m, reply, 400, problem, 'appid 和 mchid 不匹配');
    if (problem || !b) return errorReply(m, reply, 400, 'PARAM_ERROR', problem ?? '参数错误');
    const outTradeNo = b.out_trade_no as string;
    const content = JSON.stringify([
      type,
      b.appid,
      b.description,
      b.amount?.total,
      b.notify_url,
      b.payer?.openid ?? null,
      b.time_expire ?? null,
    ]);
    const existing = state.transactions.get(outTradeNo);
    if (existing) {
      if (existing.tradeState === 'SUCCESS') return errorReply(m, reply, 400, 'ORDERPAID', '该订单已支付');
      if (existing.tradeState === 'CLOSED') return errorReply(m, reply, 400, 'ORDER_CLOSED', '该订单已关闭');
      if (contents.get(outTradeNo)?.content !== content)
        return errorReply(m, reply, 400, 'INVALID_REQUEST', '201 商户订单号重复');
    } else {
      const prepayId = `wx${wechatTime(new Date()).replace(/\D/g, '').slice(0, 14)}${randomBytes(9).toString('hex')}`;
      state.prepays.set(prepayId, outTradeNo);
      state.transactions.set(outTradeNo, {
        appid: b.appid as string,
        mchid: m.mchid,
        outTradeNo,
        description: b.description as string,
        notifyUrl: b.notify_url as string,
        amountTotal: b.amount?.total as number,
        tradeType: type,
        payerOpenid: type === 'JSAPI' ? (b.payer?.openid as string) : undefined,
        attach: typeof b.attach === 'string' ? b.attach : undefined,
        prepayId,
        tradeState: 'NOTPAY',
        createdAt: new Date(),
      });
      contents.set(outTradeNo, {
        content,
        expiresAt: typeof b.time_expire === 'string' ? Date.parse(b.time_expire) : undefined,
      });
    }
    const t = state.transactions.get(outTradeNo)!;
    if (type === 'JSAPI') return answer(reply, 200, { prepay_id: t.prepayId });
    return answer(reply, 200, {
      h5_url: `${ctx.url()}/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${t.prepayId}&package=${randomBytes(5).readUInt32BE()}`,
    });
  };

  /** The platform certificates (certificate mode), each encrypted with the APIv3 key; the newest signs. */
  app.get('/v3/certificates', async (req: RawRequest, reply) => {
    if (refused(req, reply)) return reply;
    const day = 86_400_000;
    return answer(reply, 200, {
      data: m.platform
        .filter((k) => k.certificate)
        .map((k) => ({
          serial_no: k.serial,
          effective_time: wechatTime(new Date(Date.now() - day)),
          expire_time: wechatTime(new Date(Date.now() + 30 * day)),
          encrypt_certificate: encryptResource(k.certificate!, m.apiV3Key, 'certificate', 'certificate'),
        })),
    });
  });

  app.post('/v3/pay/transactions/jsapi', prepay('JSAPI'));
  app.post('/v3/pay/transactions/h5', prepay('MWEB'));

  app.get('/v3/pay/transactions/out-trade-no/:no', async (req: RawRequest, reply) => {
    if (refused(req, reply)) return reply;
    const { no } = req.params as { no: string };
    const { mchid } = req.query as { mchid?: string };
    if (!mchid) return errorReply(m, reply, 400, 'PARAM_ERROR', 'mchid 必填');
    const t = state.transactions.get(no);
    if (!t || mchid !== m.mchid) return errorReply(m, reply, 404, 'ORDER_NOT_EXIST', '订单不存在');
    return answer(reply, 200, transactionView(t));
  });

  app.post('/v3/pay/transactions/out-trade-no/:no/close', async (req: RawRequest, reply) => {
    if (refused(req, reply)) return reply;
    const { no } = req.params as { no: string };
    const body = req.body as { mchid?: unknown } | undefined;
    if (body?.mchid !== m.mchid) return errorReply(m, reply, 400, 'PARAM_ERROR', 'mchid 不正确');
    const t = state.transactions.get(no);
    if (!t) return errorReply(m, reply, 404, 'ORDER_NOT_EXIST', '订单不存在');
    if (t.tradeState === 'SUCCESS') return errorReply(m, reply, 400, 'ORDERPAID', '订单已支付');
    t.tradeState = 'CLOSED';
    return answer(reply, 204);
  });

  const byPrepay = (prepayId: string | undefined) => {
    const t = prepayId ? state.transactions.get(state.prepays.get(prepayId) ?? '') : undefined;
    return t?.tradeType === 'MWEB' ? t : undefined;
  };

  /** WeChat Pay's H5 cashier: the amount, what is bought, and 确认支付. */
  app.get('/cgi-bin/mmpayweb-bin/checkmweb', async (req, reply) => {
    const q = req.query as { prepay_id?: string; redirect_url?: string };
    const t = byPrepay(q.prepay_id);
    const page = (body: string) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>微信支付</title><link rel="icon" href="data:,"></head><body style="font-family:sans-serif;text-align:center;padding:24px">${body}</body></html>`,
        );
    if (!t) return page('<p data-testid="wechat-cashier-missing">订单不存在或已过期</p>');
    const state = { SUCCESS: '该订单已支付', CLOSED: '该订单已关闭' }[t.tradeState as string];
    return page(`<h1>微信支付</h1>
<p data-testid="wechat-cashier-description">${escapeHtml(t.description)}</p>
<p data-testid="wechat-cashier-amount" style="font-size:32px">${yuan(t.amountTotal)}</p>
${
  state
    ? `<p data-testid="wechat-cashier-state">${state}</p>`
    : `<form method="post" action="/cgi-bin/mmpayweb-bin/confirm">
<input type="hidden" name="prepay_id" value="${escapeHtml(t.prepayId)}">
<input type="hidden" name="redirect_url" value="${escapeHtml(q.redirect_url ?? '')}">
<button type="submit" data-testid="wechat-cashier-pay" style="font-size:18px;padding:12px 48px;background:#07c160;color:#fff;border:0;border-radius:6px">确认支付</button>
</form>`
}`);
  });

  app.post('/cgi-bin/mmpayweb-bin/confirm', async (req, reply) => {
    const f = (req.body ?? {}) as { prepay_id?: string; redirect_url?: string };
    const t = byPrepay(f.prepay_id);
    if (!t) return reply.status(404).type('text/plain; charset=utf-8').send('订单不存在');
    if (t.tradeState === 'NOTPAY') await controls.pay(t.outTradeNo);
    const back = f.redirect_url && /^https?:\/\//.test(f.redirect_url) ? f.redirect_url : undefined;
    if (back) return reply.redirect(back, 302);
    return reply.type('text/html; charset=utf-8').send('<p data-testid="wechat-cashier-paid">支付成功</p>');
  });

  /**
   * WeChat's in-app payment sheet (WeixinJSBridge getBrandWCPayRequest, wx.requestPayment): the
   * page hands over the parameters Linli signed; WeChat checks paySign with the merchant's public
   * key over appId, timeStamp, nonceStr and package and that the prepay is this app's JSAPI one,
   * then the payer pays (or cancels). Answers the err_msg the page's callback receives. A test
   * drives it through a stand-in bridge in the browser (Chromium is not WeChat).
   */
  app.post('/standin/pay/jsapi-sheet', async (req, reply) => {
    const p = (req.body ?? {}) as Record<string, unknown> & { decision?: 'pay' | 'cancel' };
    const fail = (why: string) => reply.send({ err_msg: 'get_brand_wcpay_request:fail', why });
    const fields = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'] as const;
    if (!fields.every((f) => typeof p[f] === 'string')) return fail('参数不全');
    const {
      appId,
      timeStamp,
      nonceStr,
      package: pkg,
      signType,
      paySign,
    } = p as Record<(typeof fields)[number], string>;
    if (signType !== 'RSA') return fail('signType 须为 RSA');
    const no = state.prepays.get(pkg.replace(/^prepay_id=/, ''));
    const t = no ? state.transactions.get(no) : undefined;
    if (!pkg.startsWith('prepay_id=') || t?.tradeType !== 'JSAPI') return fail('prepay_id 无效');
    if (t.appid !== appId) return fail('appId 与下单时不一致');
    if (!rsaVerify(signedLines(appId, timeStamp, nonceStr, pkg), paySign, m.merchantPublicKey))
      return fail('支付验证签名失败');
    if (p.decision === 'cancel') return reply.send({ err_msg: 'get_brand_wcpay_request:cancel' });
    if (t.tradeState === 'NOTPAY') await controls.pay(t.outTradeNo);
    return reply.send({ err_msg: 'get_brand_wcpay_request:ok' });
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  let closing = false;
  app.addHook('onClose', async () => {
    closing = true;
  });

  /**
   * One delivery; when the merchant does not answer 200 or 204, retried in the background on
   * WeChat Pay's schedule (resolves after the first attempt).
   */
  const deliver = async (
    t: StandinTransaction,
    resource: Record<string, unknown>,
    opts: { badSignature?: boolean; createTime?: Date; retry: boolean },
  ) => {
    const attempt = async (n: number): Promise<boolean> => {
      const res = await sendNotification(m, t.notifyUrl, {
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        originalType: 'transaction',
        resource,
        badSignature: opts.badSignature,
        createTime: opts.createTime,
      });
      controls.deliveries.push({
        outTradeNo: t.outTradeNo,
        status: res.status,
        body: res.body,
        kind: opts.badSignature ? 'probe' : n === 0 ? 'notification' : 'retry',
        at: new Date(),
      });
      return res.status === 200 || res.status === 204;
    };
    if ((await attempt(0)) || !opts.retry) return;
    void track(
      (async () => {
        for (let n = 1; n <= RETRY_SCHEDULE_SECONDS.length && !closing; n++) {
          await sleep(RETRY_SCHEDULE_SECONDS[n - 1] * 1000 * controls.retryScale);
          if (closing || (await attempt(n))) return;
        }
      })(),
    );
  };

  const controls: PayControls = {
    behaviour: 'once',
    behaviours: new Map(),
    lateMs: 200,
    retryScale: 1,
    forgeResponses: false,
    deliveries: [],
    async pay(outTradeNo, openid) {
      const t = state.transactions.get(outTradeNo);
      if (!t) throw new Error(`no transaction ${outTradeNo}`);
      if (t.tradeState !== 'NOTPAY') throw new Error(`transaction ${outTradeNo} is ${t.tradeState}`);
      const expiresAt = contents.get(outTradeNo)?.expiresAt;
      if (expiresAt !== undefined && Date.now() > expiresAt) throw new Error(`transaction ${outTradeNo} expired`);
      const now = new Date();
      t.tradeState = 'SUCCESS';
      t.transactionId = `4200${wechatTime(now).replace(/\D/g, '').slice(0, 8)}${randomBytes(7).toString('hex').slice(0, 14)}`;
      t.successTime = wechatTime(now);
      t.payerOpenid = t.payerOpenid ?? openid ?? `o${randomBytes(14).toString('base64url')}`;
      const resource = transactionView(t);
      const behaviour = controls.behaviours.get(outTradeNo) ?? controls.behaviour;
      switch (behaviour) {
        case 'never':
          break;
        case 'once':
          await deliver(t, resource, { retry: true });
          break;
        case 'duplicated':
          // two deliveries of the same notification at the same moment
          await Promise.all([deliver(t, resource, { retry: true }), deliver(t, resource, { retry: true })]);
          break;
        case 'late':
          void track(sleep(controls.lateMs).then(() => deliver(t, resource, { retry: true })));
          break;
        case 'out_of_order':
          // a newer delivery first, then an older one of the same event arriving after it
          await deliver(t, resource, { retry: true });
          await deliver(t, resource, { retry: true, createTime: new Date(now.getTime() - 60_000) });
          break;
        case 'bad_signature':
          // WeChat Pay's probe: signed over other bytes, never retried
          await deliver(t, resource, { badSignature: true, retry: false });
          break;
        case 'wrong_amount':
          await deliver(
            t,
            { ...resource, amount: { ...(resource.amount as object), total: t.amountTotal + 1 } },
            { retry: true },
          );
          break;
      }
      return t;
    },
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
  return controls;
}
