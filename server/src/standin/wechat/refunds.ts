import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StandinMerchant } from './keys.js';
import {
  errorReply,
  merchantSignatureProblem,
  sendNotification,
  signedReply,
  type DeliveredNotification,
  type RawRequest,
} from './merchant.js';
import type { StandinContext } from './server.js';
import { wechatTime, type RefundStatus, type StandinRefund, type StandinState } from './state.js';

/**
 * The stand-in's refunds, as the WeChat Pay API v3 specification describes them (直连商户 申请退款 /
 * 查询单笔退款 / 退款结果通知): POST /v3/refund/domestic/refunds accepts a refund of a paid
 * transaction once per out_refund_no and answers PROCESSING; a moment later the refund ends
 * (SUCCESS by default) and a REFUND.* notification, its resource encrypted with the APIv3 key, goes
 * to the refund's notify_url. GET /v3/refund/domestic/refunds/{out_refund_no} answers the refund as
 * it is now. Tests choose how the next refunds behave (refundBehaviour) and read what was sent.
 */

export interface RefundBehaviour {
  /** how a refund ends; PROCESSING: it never ends by itself (settleRefund ends it) */
  outcome: RefundStatus;
  /** milliseconds between accepting and ending */
  delayMs: number;
  /**
   * what is delivered when it ends: one notification; none (only a query finds the end); the same
   * notification twice in a row, or twice at once; or one whose signature does not match its body
   */
  notification: 'once' | 'none' | 'twice' | 'simultaneous' | 'bad_signature';
  /** refuse every new refund with this error instead (e.g. 403 NOT_ENOUGH: the merchant's balance) */
  refuse?: { status: number; code: string; message: string };
}

export interface SentRefundNotification extends DeliveredNotification {
  outRefundNo: string;
  eventType: string;
  badSignature: boolean;
}

interface RefundDesk {
  behaviour: RefundBehaviour;
  /** every refund notification delivered, in order */
  sent: SentRefundNotification[];
  /** POST /v3/refund/domestic/refunds calls received, accepted or not */
  calls: number;
}

const DEFAULT_BEHAVIOUR: RefundBehaviour = { outcome: 'SUCCESS', delayMs: 50, notification: 'once' };
const desks = new WeakMap<StandinState, RefundDesk>();

function desk(state: StandinState): RefundDesk {
  let d = desks.get(state);
  if (!d) {
    d = { behaviour: { ...DEFAULT_BEHAVIOUR }, sent: [], calls: 0 };
    desks.set(state, d);
  }
  return d;
}

/** Sets how the next refunds behave (the rest of the behaviour stays as it was). */
export function refundBehaviour(state: StandinState, change: Partial<RefundBehaviour> = {}): RefundBehaviour {
  const d = desk(state);
  d.behaviour = { ...d.behaviour, ...change };
  if ('refuse' in change && !change.refuse) delete d.behaviour.refuse;
  return d.behaviour;
}

export const refundNotificationsSent = (state: StandinState) => desk(state).sent;
export const refundCalls = (state: StandinState) => desk(state).calls;

/** out_refund_no: digits, letters and _-|*@, 1 to 64 (the specification's rule). */
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** A WeChat refund id: 50 followed by digits, 29 in all, like 50000000382019052709732678859. */
const newRefundId = () => `50${Date.now()}${String(randomInt(0, 1e9)).padStart(9, '0')}${randomInt(10, 100)}`;

/** What the query and the create answer carry (直连 申请退款 应答参数). */
export function refundView(r: StandinRefund) {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.successTime ? { success_time: r.successTime } : {}),
    create_time: wechatTime(r.createdAt),
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      from: [],
      payer_total: r.total,
      payer_refund: r.refund,
      settlement_refund: r.refund,
      settlement_total: r.total,
      discount_refund: 0,
      currency: 'CNY',
    },
    promotion_detail: [],
  };
}

/** The decrypted resource of a REFUND.* notification (直连 退款结果通知). */
export function refundResource(m: StandinMerchant, r: StandinRefund) {
  return {
    mchid: m.mchid,
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: r.status,
    ...(r.successTime ? { success_time: r.successTime } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
  };
}

const SUMMARIES: Record<string, string> = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' };

/** Sends the refund's REFUND.<status> notification to its notify_url and records the delivery. */
export async function notifyRefund(
  m: StandinMerchant,
  state: StandinState,
  r: StandinRefund,
  opts: { badSignature?: boolean } = {},
): Promise<SentRefundNotification | undefined> {
  if (!r.notifyUrl || r.status === 'PROCESSING') return undefined;
  const eventType = `REFUND.${r.status}`;
  const delivered = await sendNotification(m, r.notifyUrl, {
    eventType,
    summary: SUMMARIES[r.status],
    originalType: 'refund',
    resource: refundResource(m, r),
    badSignature: opts.badSignature,
  });
  const sent = { ...delivered, outRefundNo: r.outRefundNo, eventType, badSignature: Boolean(opts.badSignature) };
  desk(state).sent.push(sent);
  return sent;
}

/**
 * Ends a refund still processing (SUCCESS, ABNORMAL or CLOSED); a CLOSED refund gives its amount
 * back to what the transaction can still refund. Answers false when it had already ended.
 */
export function settleRefund(state: StandinState, outRefundNo: string, status: Exclude<RefundStatus, 'PROCESSING'>) {
  const r = state.refunds.get(outRefundNo);
  if (r?.status !== 'PROCESSING') return false;
  r.status = status;
  if (status === 'SUCCESS') r.successTime = wechatTime(new Date());
  return true;
}

async function finish(m: StandinMerchant, state: StandinState, r: StandinRefund, b: RefundBehaviour) {
  if (b.outcome === 'PROCESSING' || !settleRefund(state, r.outRefundNo, b.outcome)) return;
  if (b.notification === 'none') return;
  if (b.notification === 'bad_signature') {
    await notifyRefund(m, state, r, { badSignature: true });
  } else if (b.notification === 'simultaneous') {
    await Promise.all([notifyRefund(m, state, r), notifyRefund(m, state, r)]);
  } else {
    await notifyRefund(m, state, r);
    if (b.notification === 'twice') await notifyRefund(m, state, r);
  }
}

/** What a transaction can still refund: its total less every refund not closed. */
function refundable(state: StandinState, outTradeNo: string, total: number): number {
  let taken = 0;
  for (const r of state.refunds.values()) if (r.outTradeNo === outTradeNo && r.status !== 'CLOSED') taken += r.refund;
  return total - taken;
}

export function registerRefunds(app: FastifyInstance, ctx: StandinContext, m: StandinMerchant) {
  const state = ctx.state;
  const pending = new Set<ReturnType<typeof setTimeout>>();
  app.addHook('onClose', async () => {
    for (const t of pending) clearTimeout(t);
  });

  const refuseUnsigned = (req: RawRequest, reply: FastifyReply) => {
    const problem = merchantSignatureProblem(m, req);
    if (problem) {
      errorReply(m, reply, 401, 'SIGN_ERROR', `签名错误: ${problem}`);
      return true;
    }
    return false;
  };

  app.post('/v3/refund/domestic/refunds', async (req: RawRequest, reply) => {
    const d = desk(state);
    d.calls++;
    if (refuseUnsigned(req, reply)) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const amount = (body.amount ?? {}) as Record<string, unknown>;
    const param = (message: string) => errorReply(m, reply, 400, 'PARAM_ERROR', message);
    if (typeof body.out_refund_no !== 'string' || !OUT_REFUND_NO.test(body.out_refund_no))
      return param('out_refund_no 格式错误');
    const byTxn = typeof body.transaction_id === 'string' && body.transaction_id !== '';
    const byTrade = typeof body.out_trade_no === 'string' && OUT_TRADE_NO.test(body.out_trade_no);
    if (!byTxn && !byTrade) return param('transaction_id 和 out_trade_no 必须二选一');
    if (!isFen(amount.refund) || !isFen(amount.total)) return param('amount.refund 和 amount.total 须为正整数(分)');
    if (amount.currency !== 'CNY') return param('amount.currency 只支持 CNY');
    if (body.reason !== undefined && (typeof body.reason !== 'string' || Buffer.byteLength(body.reason) > 80))
      return param('reason 不可超过80个字节');
    if (
      body.notify_url !== undefined &&
      (typeof body.notify_url !== 'string' || !/^https?:\/\/[^?#]{1,250}$/.test(body.notify_url))
    )
      return param('notify_url 须为不带参数的 http(s) 地址');

    const txn = byTxn
      ? [...state.transactions.values()].find((t) => t.transactionId === body.transaction_id)
      : state.transactions.get(body.out_trade_no as string);
    if (!txn?.transactionId || (txn.tradeState !== 'SUCCESS' && txn.tradeState !== 'REFUND'))
      return errorReply(m, reply, 404, 'RESOURCE_NOT_EXISTS', '订单号不存在或未支付');
    if (txn.mchid !== m.mchid) return errorReply(m, reply, 404, 'RESOURCE_NOT_EXISTS', '订单号不存在');

    // the same out_refund_no again is the same refund: never a second one
    const before = state.refunds.get(body.out_refund_no);
    if (before) {
      if (before.outTradeNo !== txn.outTradeNo || before.refund !== amount.refund || before.total !== amount.total)
        return errorReply(m, reply, 400, 'INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试');
      return signedReply(m, reply, 200, refundView(before));
    }
    const b = d.behaviour;
    if (b.refuse) return errorReply(m, reply, b.refuse.status, b.refuse.code, b.refuse.message);
    if (amount.total !== txn.amountTotal) return errorReply(m, reply, 400, 'INVALID_REQUEST', '订单金额与原订单不一致');
    if (amount.refund > refundable(state, txn.outTradeNo, txn.amountTotal))
      return errorReply(m, reply, 400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');

    const refund: StandinRefund = {
      outRefundNo: body.out_refund_no,
      refundId: newRefundId(),
      outTradeNo: txn.outTradeNo,
      transactionId: txn.transactionId,
      refund: amount.refund,
      total: amount.total,
      reason: body.reason as string | undefined,
      notifyUrl: (body.notify_url as string | undefined) ?? txn.notifyUrl,
      status: 'PROCESSING',
      createdAt: new Date(),
    };
    state.refunds.set(refund.outRefundNo, refund);
    txn.tradeState = 'REFUND';
    const behaviour = { ...b };
    const timer = setTimeout(() => {
      pending.delete(timer);
      void finish(m, state, refund, behaviour);
    }, behaviour.delayMs);
    pending.add(timer);
    return signedReply(m, reply, 200, refundView(refund));
  });

  app.get('/v3/refund/domestic/refunds/:outRefundNo', async (req: RawRequest, reply) => {
    if (refuseUnsigned(req, reply)) return reply;
    const { outRefundNo } = req.params as { outRefundNo: string };
    const r = state.refunds.get(outRefundNo);
    if (!r) return errorReply(m, reply, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return signedReply(m, reply, 200, refundView(r));
  });
}
