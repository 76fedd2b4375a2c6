import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../../db/client.js';
import { coalesced } from '../../../lib/coalesce.js';
import type { Config, WechatPayConfig } from '../../../lib/config.js';
import { AppError, invalidState } from '../../../lib/errors.js';
import { orderNumber } from '../../../lib/ids.js';
import { safeError } from '../../../lib/log.js';
import { applyPaymentNotification, type StartedPayment } from '../service.js';
import { WechatPayClient, WechatPayError } from './client.js';
import { jsapiPayParams, outNo, uuidFromOutNo, wechatpayHeaders, type EncryptedResource } from './crypto.js';
import {
  appIdFor,
  clientSettings,
  describe,
  h5CashierUrl,
  isShopPath,
  prepayBody,
  shopUrl,
  transactionProblem,
  type WechatPayChannel,
  type WechatTransaction,
} from './rules.js';

/**
 * Linli's WeChat Pay API v3 adapter (decision 063): starts payments (JSAPI / mini-program / H5),
 * applies WeChat Pay's notifications once through the same applyPaymentNotification every provider
 * uses, asks WeChat Pay about payments whose notification is late, and closes the unpaid payments
 * of orders Linli cancelled. The provider's name on payments is 'wechatpay'.
 */
export const PROVIDER = 'wechatpay';

/** Logs without secrets or personal data: codes, statuses and Linli's own ids only. */
export interface PayLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}
const consoleLog: PayLog = {
  warn: (obj, msg) => {
    if (process.env.LINLI_QUIET !== '1') console.warn(`wechatpay: ${msg} ${JSON.stringify(obj)}`);
  },
};

export class WechatPay {
  readonly client: WechatPayClient;

  constructor(readonly config: WechatPayConfig) {
    this.client = new WechatPayClient(clientSettings(config));
  }

  get appIds(): string[] {
    return [this.config.appId, ...(this.config.miniProgramAppId ? [this.config.miniProgramAppId] : [])];
  }

  /**
   * Asks WeChat Pay for the prepay of a payment Linli has started (startPayment /
   * startGroupPayment): for JSAPI and the mini-program the page's parameters, signed with the
   * merchant key; for H5 WeChat Pay's own page, which sends the payer back to `returnPath`.
   * Asking again for the same payment is safe: WeChat Pay answers the same out_trade_no with the
   * same content again. The payment's facts come from the statement that started it, so an H5
   * prepay reads nothing more; JSAPI reads the payer's openid.
   */
  async prepay(
    db: Db,
    input: {
      userId: string;
      payment: StartedPayment;
      channel: WechatPayChannel;
      returnPath: string;
      payerIp: string;
    },
  ): Promise<{ wechatPay?: ReturnType<typeof jsapiPayParams>; cashierUrl?: string }> {
    const appId = appIdFor(this.config, input.channel);
    if (!appId)
      throw new AppError('WECHATPAY_CHANNEL_OFF', 409, `WeChat Pay through the ${input.channel} is not configured`);
    if (!isShopPath(input.returnPath)) throw new AppError('VALIDATION_FAILED', 400, 'returnPath must be a shop path');
    const { paymentId, amountFen, subject } = input.payment;
    const openid = input.channel === 'h5' ? undefined : await openidOf(db, { userId: input.userId, appId });
    if (input.channel !== 'h5' && !openid) {
      throw new AppError(
        'WECHAT_IDENTITY_REQUIRED',
        409,
        'Paying inside WeChat needs this account linked to WeChat (sign in with WeChat first)',
        { appId },
      );
    }
    const number = orderNumber(subject.seq);
    const description = describe(
      subject.kind === 'membership' ? '会员年卡' : subject.grouped ? `提货日订单 ${number} 等` : `订单 ${number}`,
    );
    const path = `/v3/pay/transactions/${input.channel === 'h5' ? 'h5' : 'jsapi'}`;
    const body = prepayBody({
      channel: input.channel,
      appId,
      mchid: this.config.mchid,
      outTradeNo: outNo(paymentId),
      description,
      notifyUrl: this.client.settings.notifyUrl,
      amountFen,
      expiresAt: new Date(subject.expiresAt),
      openid,
      payerIp: input.payerIp,
    });
    let answer: { prepay_id?: string; h5_url?: string };
    try {
      answer = (await this.client.request<{ prepay_id?: string; h5_url?: string }>('POST', path, body)).data;
    } catch (err) {
      throw providerFailure(err, 'start the payment');
    }
    if (input.channel === 'h5') {
      if (!answer?.h5_url) throw providerFailure(new Error('no h5_url'), 'start the payment');
      return { cashierUrl: h5CashierUrl(answer.h5_url, shopUrl(this.config, input.returnPath)) };
    }
    if (!answer?.prepay_id) throw providerFailure(new Error('no prepay_id'), 'start the payment');
    return { wechatPay: jsapiPayParams(appId, answer.prepay_id, this.client.merchant.privateKey) };
  }

  /**
   * A notification as it came: its signature checked over the raw body (serial → key, ±5 min),
   * its resource decrypted, the transaction checked against the payment and applied once. Answers
   * what WeChat Pay is to be told: 204 when it was applied or already was (or needs nothing), else
   * the status and message that make WeChat Pay retry or give up. `req.body` is the raw body as
   * the app's JSON parser already read it (not parsed a second time), trusted only once the
   * signature over the raw text holds.
   */
  async notification(
    db: Db,
    req: { rawBody: string; body: unknown; headers: Record<string, string | string[] | undefined> },
    log: PayLog = consoleLog,
  ): Promise<{ status: 204 } | { status: 400 | 401 | 500; message: string }> {
    const { rawBody } = req;
    const headers = wechatpayHeaders(req.headers);
    if (!headers) return { status: 401, message: 'missing Wechatpay-* signature headers' };
    const check = await this.client.checkSigned(rawBody, headers).catch(() => 'unknown_serial' as const);
    if (check !== 'ok') {
      log.warn({ check }, 'notification refused: signature');
      return { status: 401, message: `signature check failed: ${check}` };
    }
    let transaction: WechatTransaction;
    let eventType: string;
    try {
      const body = req.body as { event_type?: string; resource?: EncryptedResource } | undefined;
      eventType = String(body?.event_type ?? '');
      if (!body?.resource) throw new Error('no resource');
      transaction = this.client.decrypt<WechatTransaction>(body.resource);
    } catch {
      log.warn({}, 'notification refused: undecryptable');
      return { status: 400, message: 'the resource cannot be decrypted' };
    }
    // refunds have their own notify address; anything but a successful payment changes nothing here
    if (eventType !== 'TRANSACTION.SUCCESS' || transaction.trade_state !== 'SUCCESS') return { status: 204 };
    try {
      const outcome = await this.settle(db, transaction);
      if (outcome !== 'applied' && outcome !== 'already') {
        log.warn({ outTradeNo: transaction.out_trade_no, problem: outcome }, 'notification refused');
        return { status: 400, message: outcome };
      }
      return { status: 204 };
    } catch (err) {
      log.warn({ err: safeError(err).message }, 'notification not applied');
      return { status: 500, message: 'not applied, retry later' };
    }
  }

  /**
   * A transaction WeChat Pay reports SUCCESS, applied to its payment once (payment_events is
   * unique per provider transaction): from a notification, the query job or a refused close.
   */
  async settle(db: Db, t: WechatTransaction): Promise<'applied' | 'already' | string> {
    const paymentId = uuidFromOutNo(t.out_trade_no ?? '');
    if (!paymentId) return 'unknown out_trade_no';
    const problem = transactionProblem(t, { appIds: this.appIds, mchid: this.config.mchid });
    if (problem) return problem;
    // the payment's order and amount are read and checked by the statement that applies it: one
    // statement per notification, as for simpay (an unknown payment: 404, another amount: 400)
    let applied: boolean;
    try {
      ({ applied } = await applyPaymentNotification(db, {
        provider: PROVIDER,
        paymentId,
        amountFen: t.amount!.total!,
        providerTxnId: t.transaction_id!,
      }));
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return 'unknown out_trade_no';
      if (err instanceof AppError && err.status === 400) return 'amount differs';
      throw err;
    }
    return applied ? 'applied' : 'already';
  }

  /** GET /v3/pay/transactions/out-trade-no/{no}: what WeChat Pay knows of a payment; undefined when it knows none. */
  async query(paymentId: string): Promise<WechatTransaction | undefined> {
    try {
      const res = await this.client.request<WechatTransaction>(
        'GET',
        `/v3/pay/transactions/out-trade-no/${outNo(paymentId)}?mchid=${encodeURIComponent(this.config.mchid)}`,
      );
      return res.data;
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return undefined;
      throw err;
    }
  }

  /**
   * The query job: pending payments older than queryAfterMinutes (their notification is late or
   * lost), each asked about at most once a minute for two days; a SUCCESS is applied through the
   * same once-only path as a notification, a CLOSED (or unknown) one is marked closed.
   */
  async queryPending(db: Db, log: PayLog = consoleLog): Promise<{ asked: number; settled: number }> {
    const due = await rows<{ id: string }>(
      db,
      sql`
      update payments set queried_at = now() where id in (
        select id from payments
        where provider = ${PROVIDER} and status = 'pending' and closed_at is null
          and created_at <= now() - make_interval(mins => ${this.config.queryAfterMinutes})
          and created_at > now() - interval '2 days'
          and (queried_at is null or queried_at <= now() - interval '1 minute')
        order by created_at limit 100 for update skip locked)
      returning id`,
    );
    let settled = 0;
    for (const { id } of due) {
      try {
        const t = await this.query(id);
        if (!t || t.trade_state === 'CLOSED') {
          await exec(db, sql`update payments set closed_at = now() where id = ${id} and closed_at is null`);
        } else if (t.trade_state === 'SUCCESS') {
          const outcome = await this.settle(db, t);
          if (outcome === 'applied') settled++;
          else if (outcome !== 'already') log.warn({ paymentId: id, problem: outcome }, 'queried payment refused');
        }
      } catch (err) {
        log.warn({ paymentId: id, err: safeError(err).message }, 'query failed');
      }
    }
    return { asked: due.length, settled };
  }

  /**
   * The outbox's payment.close: an unpaid payment of an order Linli cancelled or let expire is
   * closed at WeChat Pay, so nobody can pay it any more. If WeChat Pay answers that it was paid
   * meanwhile, that payment is applied now (the order being cancelled, it is refunded on arrival).
   */
  async close(db: Db, paymentId: string): Promise<void> {
    const payment = await one<{ status: string; closed_at: string | null }>(
      db,
      sql`select status, closed_at from payments where id = ${paymentId} and provider = ${PROVIDER}`,
    );
    if (payment?.status !== 'pending' || payment.closed_at) return;
    try {
      await this.client.request('POST', `/v3/pay/transactions/out-trade-no/${outNo(paymentId)}/close`, {
        mchid: this.config.mchid,
      });
    } catch (err) {
      if (!(err instanceof WechatPayError)) throw err;
      if (err.code === 'ORDERPAID') {
        const t = await this.query(paymentId);
        if (t?.trade_state === 'SUCCESS') await this.settle(db, t);
        return;
      }
      if (err.code !== 'ORDER_CLOSED' && err.code !== 'ORDER_NOT_EXIST') throw err;
    }
    await exec(db, sql`update payments set closed_at = now() where id = ${paymentId} and closed_at is null`);
  }
}

/** The payer's openid in the paying app (JSAPI, mini-program); lookups arriving together share one statement. */
const openidOf = coalesced<{ userId: string; appId: string }, string | undefined>(async (db, inputs) => {
  const found = await rows<{ n: number; openid: string }>(
    db,
    sql`
    select r.n, w.openid
    from unnest(${pgArray(inputs.map((i) => i.userId))}::uuid[], ${pgArray(inputs.map((i) => i.appId))}::text[])
        with ordinality as r (user_id, app_id, n)
      join wechat_identities w on w.user_id = r.user_id and w.app_id = r.app_id`,
  );
  const byN = new Map(found.map((f) => [Number(f.n), f.openid]));
  return inputs.map((_, i) => byN.get(i + 1));
});

/** A failure of WeChat Pay while starting a payment, as the app sees it (never the provider's raw text). */
function providerFailure(err: unknown, what: string): AppError {
  if (err instanceof WechatPayError && err.code === 'ORDERPAID')
    return invalidState('This payment has already been made in WeChat Pay');
  return new AppError('PAYMENT_PROVIDER_FAILED', 502, `WeChat Pay could not ${what}; try again`, {
    providerCode: err instanceof WechatPayError ? err.code : 'UNREACHABLE',
  });
}

const instances = new WeakMap<WechatPayConfig, WechatPay>();

/** One adapter per configuration: its keys are read from files once and its platform keys cached. */
function adapterOf(c: WechatPayConfig): WechatPay {
  let found = instances.get(c);
  if (!found) {
    found = new WechatPay(c);
    instances.set(c, found);
  }
  return found;
}

/** The adapter of this configuration, or undefined when WeChat Pay is off. */
export const wechatPayOf = (config: Pick<Config, 'wechatPay'>): WechatPay | undefined =>
  config.wechatPay ? adapterOf(config.wechatPay) : undefined;

/** The signed client of this configuration, shared by payments, refunds and reconciliation. */
export const wechatPayClient = (config: WechatPayConfig): WechatPayClient => adapterOf(config).client;
