import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../../db/client.js';
import type { WechatPayConfig } from '../../../lib/config.js';
import { orderNumber } from '../../../lib/ids.js';
import { raiseAlert } from '../../alerts/service.js';
import { WechatPayError } from './client.js';
import { wechatPayClient } from './provider.js';
import { outNo, uuidFromOutNo } from './crypto.js';

/**
 * Refunds through WeChat Pay API v3 (decision 063). A provider refund of a WeChat payment is sent
 * as POST /v3/refund/domestic/refunds with out_refund_no = the provider refund's id (32 hex), so
 * any retry — the outbox's, or one after a crash between the call and the write — names the same
 * refund and WeChat Pay refunds once. WeChat Pay accepts (PROCESSING) and tells the end later: a
 * REFUND.* notification, or the query job asking after those processing too long. Every ending is
 * applied by one conditional update, so duplicates and races apply once.
 */

export const REFUND_NOTIFY_PATH = '/payments/wechatpay/refund-notify';

/** WeChat Pay's refund as its answers and notifications carry it (the fields Linli reads). */
export interface WechatRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id?: string;
  out_trade_no: string;
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  success_time?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
}

/** The decrypted resource of a REFUND.* notification: refund_status instead of status, and mchid. */
export interface RefundNotice extends Omit<WechatRefund, 'status'> {
  mchid: string;
  refund_status: WechatRefund['status'];
}

/**
 * What the customer reads in WeChat's refund message (at most 80 bytes; WeChat leaves it out for
 * partial refunds of 1 yuan or less).
 */
const REASONS: Record<string, string> = {
  cancel: '订单已取消，原路退款',
  shortage: '商品缺货，原路退款',
  arrival_loss: '商品到货损耗，原路退款',
  aftersales: '售后退款',
  price_adjustment: '拼团成团价差额退款',
  late_payment: '订单已取消，支付原路退回',
};

interface RefundRow {
  id: string;
  status: string;
  amount_fen: number;
  payment_id: string;
  order_id: string;
  total_fen: number;
  provider: string;
  kind: string | null;
  region_id: string | null;
  order_seq: number | string | null;
}

const loadRefund = (db: Db, providerRefundId: string) =>
  one<RefundRow>(
    db,
    sql`
    select pr.id, pr.status, pr.amount_fen, pr.payment_id, pr.order_id, p.amount_fen as total_fen, p.provider,
      coalesce(r.kind, 'late_payment') as kind, o.region_id, o.seq as order_seq
    from provider_refunds pr join payments p on p.id = pr.payment_id
      left join refunds r on r.id = pr.refund_id left join orders o on o.id = pr.order_id
    where pr.id = ${providerRefundId}`,
  );

/**
 * Errors a retry with the same request cannot fix (the specification's 4xx answers of 申请退款),
 * as opposed to 429 FREQUENCY_LIMITED, 5xx SYSTEM_ERROR, a forged answer or no answer, which the
 * outbox retries with the same out_refund_no.
 */
const FINAL_CODES = new Set([
  'PARAM_ERROR',
  'INVALID_REQUEST',
  'NOT_ENOUGH',
  'USER_ACCOUNT_ABNORMAL',
  'RESOURCE_NOT_EXISTS',
  'MCH_NOT_EXISTS',
  'NO_AUTH',
]);

export const isFinalRefusal = (err: unknown) =>
  err instanceof WechatPayError && err.status >= 400 && err.status < 500 && FINAL_CODES.has(err.code);

/**
 * The outbox's `payment.refund` for a WeChat payment: asks WeChat Pay to refund, then records
 * what it answered. A refund already past pending was sent before and is left alone.
 */
export async function submitWechatRefund(db: Db, config: WechatPayConfig, providerRefundId: string): Promise<void> {
  const row = await loadRefund(db, providerRefundId);
  if (row?.status !== 'pending') return;
  if (row.provider !== 'wechatpay') throw new Error(`provider refund ${providerRefundId} is not a WeChat payment's`);
  const body = {
    out_trade_no: outNo(row.payment_id),
    out_refund_no: outNo(row.id),
    reason: REASONS[row.kind ?? 'late_payment'] ?? REASONS.aftersales,
    notify_url: `${config.notifyBaseUrl}${REFUND_NOTIFY_PATH}`,
    amount: { refund: row.amount_fen, total: row.total_fen, currency: 'CNY' },
  };
  let answer: WechatRefund;
  try {
    answer = (await wechatPayClient(config).request<WechatRefund>('POST', '/v3/refund/domestic/refunds', body)).data;
  } catch (err) {
    if (!isFinalRefusal(err)) throw err; // the outbox tries again later, with the same out_refund_no
    const e = err as WechatPayError;
    await failRefund(db, row, e.code, e.message);
    return;
  }
  const problem = mismatch(row, answer);
  // an answer about another refund or other amounts is not this refund's: retried, never applied
  if (problem) throw new Error(`WeChat Pay answered a refund that does not match: ${problem}`);
  await applyRefundState(db, row, answer.status, answer.refund_id, answer.success_time);
}

/** Why an answer or a notification is not about this provider refund, or undefined when it is. */
function mismatch(row: RefundRow, r: Pick<WechatRefund, 'out_refund_no' | 'out_trade_no' | 'amount'>) {
  if (r.out_refund_no !== outNo(row.id)) return 'out_refund_no';
  if (r.out_trade_no !== outNo(row.payment_id)) return 'out_trade_no';
  if (r.amount?.refund !== row.amount_fen) return 'amount.refund';
  if (r.amount?.total !== row.total_fen) return 'amount.total';
  return undefined;
}

/**
 * Applies WeChat Pay's state of a refund, once: each change is conditional on the state it
 * leaves, so a duplicate notification, a notification racing the query job or the submit's own
 * answer changes nothing the second time. ABNORMAL is not final at WeChat Pay (the merchant may
 * still route the money elsewhere), so a later SUCCESS still completes a refund failed as ABNORMAL.
 * Answers whether this call changed it.
 */
async function applyRefundState(
  db: Db,
  row: RefundRow,
  status: WechatRefund['status'],
  refundId: string,
  successTime?: string,
): Promise<boolean> {
  if (status === 'PROCESSING') {
    const changed = await one(
      db,
      sql`update provider_refunds set status = 'processing', provider_refund_id = ${refundId}, submitted_at = now()
      where id = ${row.id} and status = 'pending' returning id`,
    );
    return Boolean(changed);
  }
  if (status === 'SUCCESS') {
    const at = successTime && !Number.isNaN(Date.parse(successTime)) ? new Date(successTime).toISOString() : null;
    const changed = await one(
      db,
      sql`update provider_refunds set status = 'succeeded', completed_at = coalesce(${at}::timestamptz, now()),
        provider_refund_id = ${refundId}, submitted_at = coalesce(submitted_at, now()), failure = null
      where id = ${row.id} and (status in ('pending', 'processing') or (status = 'failed' and failure = 'ABNORMAL'))
      returning id`,
    );
    return Boolean(changed);
  }
  return failRefund(db, row, status, status === 'ABNORMAL' ? '退款异常' : '退款关闭', refundId);
}

/** Marks the refund failed (once) and raises the alert an operator must act on. */
async function failRefund(db: Db, row: RefundRow, code: string, message: string, refundId?: string) {
  const changed = await one(
    db,
    sql`update provider_refunds set status = 'failed', failure = ${code}, completed_at = now(),
      provider_refund_id = coalesce(${refundId ?? null}, provider_refund_id)
    where id = ${row.id} and status in ('pending', 'processing') returning id`,
  );
  if (!changed) return false;
  await raiseAlert(db, {
    kind: 'wechatpay_refund_failed',
    businessKey: `wechatpay-refund-failed:${row.id}`,
    regionId: row.region_id,
    severity: 'critical',
    subjectType: 'order',
    subjectId: row.order_id,
    // facts only: no customer data, and WeChat's message is its own wording of the code
    details: {
      providerRefundId: row.id,
      orderNumber: row.order_seq === null ? null : orderNumber(Number(row.order_seq)),
      amountFen: row.amount_fen,
      code,
      message: message.slice(0, 200),
    },
  });
  return true;
}

export type NoticeOutcome = { ok: true; applied: boolean } | { ok: false; status: 400 | 404; message: string };

/**
 * Applies a verified, decrypted REFUND.* notification: it must be this merchant's, about one of
 * Linli's provider refunds of a WeChat payment, with that refund's amounts; then it is applied
 * once. Anything else changes nothing.
 */
export async function applyRefundNotice(db: Db, config: WechatPayConfig, n: RefundNotice): Promise<NoticeOutcome> {
  if (n.mchid !== config.mchid) return { ok: false, status: 400, message: 'mchid is not this merchant' };
  const id = typeof n.out_refund_no === 'string' ? uuidFromOutNo(n.out_refund_no) : undefined;
  const row = id ? await loadRefund(db, id) : undefined;
  if (row?.provider !== 'wechatpay') return { ok: false, status: 404, message: 'unknown out_refund_no' };
  const problem = mismatch(row, n);
  if (problem) return { ok: false, status: 400, message: `${problem} does not match the refund` };
  if (!['SUCCESS', 'ABNORMAL', 'CLOSED'].includes(n.refund_status))
    return { ok: false, status: 400, message: 'refund_status is not an ending' };
  if (typeof n.refund_id !== 'string' || !n.refund_id) return { ok: false, status: 400, message: 'refund_id missing' };
  return { ok: true, applied: await applyRefundState(db, row, n.refund_status, n.refund_id, n.success_time) };
}

/**
 * How long a WeChat refund may stay pending (not yet accepted by WeChat Pay) before the query job
 * looks at it: the outbox's 12 attempts with backoff are spent in about 68 minutes, so after two
 * hours its message has given up (or a crash lost WeChat's answer and nothing retries it).
 */
export const UNSENT_AFTER_MINUTES = 120;

/**
 * The query job: refunds processing for more than `afterMinutes`, and refunds still pending after
 * UNSENT_AFTER_MINUTES, are asked about by out_refund_no (oldest first, a batch at a time) and
 * settled from the answer, each in one transaction with its alert. A pending refund WeChat Pay
 * does not know was never sent: it fails with an alert (an operator refunds by hand; the outbox,
 * should it still try, leaves a refund that is no longer pending alone). One that cannot be asked
 * now is left for the next run.
 */
export async function queryStuckRefunds(
  db: Db,
  config: WechatPayConfig,
  opts: { afterMinutes?: number; limit?: number } = {},
): Promise<{ asked: number; changed: number }> {
  const limit = opts.limit ?? 100;
  const due = await rows<{ id: string }>(
    db,
    sql`
    select d.id from (
      (select pr.id, pr.submitted_at as since from provider_refunds pr
        where pr.status = 'processing'
          and pr.submitted_at <= now() - make_interval(mins => ${opts.afterMinutes ?? config.queryAfterMinutes})
        order by pr.submitted_at limit ${limit})
      union all
      (select pr.id, pr.created_at from provider_refunds pr
        where pr.status = 'pending' and pr.created_at <= now() - make_interval(mins => ${UNSENT_AFTER_MINUTES})
        order by pr.created_at limit ${limit})
    ) d join provider_refunds pr on pr.id = d.id join payments p on p.id = pr.payment_id
    where p.provider = 'wechatpay' order by d.since limit ${limit}`,
  );
  let settled = 0;
  for (const { id } of due) {
    let answer: WechatRefund | undefined;
    try {
      answer = (await wechatPayClient(config).request<WechatRefund>('GET', `/v3/refund/domestic/refunds/${outNo(id)}`))
        .data;
    } catch (err) {
      if (!(err instanceof WechatPayError && err.status === 404 && err.code === 'RESOURCE_NOT_EXISTS')) continue;
    }
    const row = await loadRefund(db, id);
    if (!row) continue;
    // the state and its alert together, or neither
    const changed = await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      if (!answer) {
        // unknown to WeChat Pay: never refunded; only a pending one can be so (a processing one was accepted)
        return row.status === 'pending' && failRefund(tx, row, 'NOT_SENT', '退款未能提交到微信支付');
      }
      if (mismatch(row, answer)) return false;
      return applyRefundState(tx, row, answer.status, answer.refund_id, answer.success_time);
    });
    if (changed) settled++;
  }
  return { asked: due.length, changed: settled };
}
