import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { WechatPayConfig } from '../../lib/config.js';
import { addDays, businessDate, iso } from '../../lib/time.js';
import { raiseAlert } from '../alerts/service.js';
import { type WechatPayClient, WechatPayError } from '../payments/wechatpay/client.js';
import { wechatPayClient } from '../payments/wechatpay/provider.js';
import { outNo, uuidFromOutNo } from '../payments/wechatpay/crypto.js';
import { BillFormatError, isRefundLine, parseBill, type BillLine } from './bill.js';
import {
  differenceKey,
  matchDay,
  type Difference,
  type DifferenceKind,
  type LinliPayment,
  type LinliRefund,
} from './match.js';
import { reconciliationDifferences, reconciliationLines, type RECONCILIATION_STATUSES } from './schema.js';

/**
 * The daily reconciliation of WeChat Pay (decision 064): a Beijing day's trade bill fetched,
 * checked against its SHA1, matched against Linli's payments and refunds, the differences stored
 * for the console and an alert raised when there are any.
 */

/** WeChat Pay bills in Beijing time, whatever the region of the order. */
export const BILL_TIME_ZONE = 'Asia/Shanghai';
/** Linli's provider name of WeChat Pay payments */
export const WECHATPAY = 'wechatpay';
/** A bill of day D is made from 10:00 on D+1 Beijing time. */
export const BILL_READY_HOUR = 10;
/** WeChat Pay keeps bills three months. */
export const BILL_KEPT_DAYS = 90;
/** A run that has not finished in this long is taken as crashed: another may claim the day. */
const STALE_RUN = '10 minutes';

const notConfigured = () =>
  new AppError('WECHATPAY_NOT_CONFIGURED', 409, 'WeChat Pay is not configured: there is nothing to reconcile');
const alreadyRunning = () => new AppError('RECONCILIATION_RUNNING', 409, 'This day is being reconciled right now');

/** When a day's bill exists, and whether it is still kept. */
export function billAvailability(billDate: string, now = new Date()): 'ready' | 'not_yet' | 'expired' {
  const readyAt = Date.parse(`${addDays(billDate, 1)}T${String(BILL_READY_HOUR).padStart(2, '0')}:00:00+08:00`);
  if (now.getTime() < readyAt) return 'not_yet';
  if (billDate < addDays(businessDate(now, BILL_TIME_ZONE), -BILL_KEPT_DAYS)) return 'expired';
  return 'ready';
}

export type Fetched = { lines: BillLine[]; hadStatement: boolean };

/**
 * The day's bill: GET /v3/bill/tradebill (signed, its answer verified), then the file from its
 * download_url, checked against hash_value (the file is not signed). A day without trades is
 * answered NO_STATEMENT_EXIST: no lines.
 */
export async function fetchBill(client: WechatPayClient, billDate: string): Promise<Fetched> {
  let answer: { hash_type: string; hash_value: string; download_url: string };
  try {
    answer = (await client.request<typeof answer>('GET', `/v3/bill/tradebill?bill_date=${billDate}&bill_type=ALL`))
      .data;
  } catch (err) {
    if (err instanceof WechatPayError && err.code === 'NO_STATEMENT_EXIST') return { lines: [], hadStatement: false };
    throw err;
  }
  if (answer?.hash_type !== 'SHA1' || typeof answer.hash_value !== 'string' || typeof answer.download_url !== 'string')
    throw new BillFormatError('the bill answer lacks hash_type SHA1, hash_value or download_url');
  const file = await client.download(answer.download_url);
  const digest = createHash('sha1').update(file).digest('hex');
  if (digest !== answer.hash_value.toLowerCase())
    throw new BillFormatError('the downloaded bill does not match its SHA1 (hash_value)');
  return { lines: parseBill(file.toString('utf8')).lines, hadStatement: true };
}

/** The Beijing day as an interval of instants. */
const dayBounds = (billDate: string) => ({
  from: sql`(${billDate}::date::timestamp at time zone ${BILL_TIME_ZONE})`,
  to: sql`((${billDate}::date + 1)::timestamp at time zone ${BILL_TIME_ZONE})`,
});

interface PaymentRow {
  id: string;
  amount_fen: number;
  status: string;
  provider_txn_id: string | null;
}
interface RefundRow {
  id: string;
  payment_id: string;
  amount_fen: number;
  status: string;
  provider_refund_id: string | null;
}

const toPayment = (r: PaymentRow): LinliPayment => ({
  id: r.id,
  outTradeNo: outNo(r.id),
  amountFen: Number(r.amount_fen),
  status: r.status,
  transactionId: r.provider_txn_id,
});
const toRefund = (r: RefundRow): LinliRefund => ({
  id: r.id,
  outRefundNo: outNo(r.id),
  outTradeNo: outNo(r.payment_id),
  amountFen: Number(r.amount_fen),
  status: r.status,
  refundId: r.provider_refund_id,
});

/** An out number back to its UUID; null for one Linli did not make (it matches no record). */
const uuidOf = (no: string) => uuidFromOutNo(no) ?? null;

/** Linli's side of a day, and its records the bill's lines name, whatever their day. */
async function linliSide(db: Db, billDate: string, lines: BillLine[]) {
  const { from, to } = dayBounds(billDate);
  const dayPayments = (
    await rows<PaymentRow>(
      db,
      sql`select id, amount_fen, status, provider_txn_id from payments
        where provider = ${WECHATPAY} and status in ('succeeded', 'refunded_on_arrival')
          and succeeded_at >= ${from} and succeeded_at < ${to}`,
    )
  ).map(toPayment);
  const dayRefunds = (
    await rows<RefundRow>(
      db,
      sql`select r.id, r.payment_id, r.amount_fen, r.status, r.provider_refund_id from provider_refunds r
        join payments p on p.id = r.payment_id and p.provider = ${WECHATPAY}
        where r.status = 'succeeded' and r.completed_at >= ${from} and r.completed_at < ${to}`,
    )
  ).map(toRefund);
  const tradeIds = [...new Set(lines.map((l) => uuidOf(l.outTradeNo)).filter((x): x is string => x !== null))];
  const refundIds = [
    ...new Set(
      lines
        .filter(isRefundLine)
        .map((l) => uuidOf(l.outRefundNo))
        .filter((x): x is string => x !== null),
    ),
  ];
  const paymentsByOutNo = new Map<string, LinliPayment>();
  if (tradeIds.length) {
    for (const r of await rows<PaymentRow>(
      db,
      sql`select id, amount_fen, status, provider_txn_id from payments
        where provider = ${WECHATPAY} and id = any(${pgArray(tradeIds)}::uuid[])`,
    ))
      paymentsByOutNo.set(outNo(r.id), toPayment(r));
  }
  const refundsByOutNo = new Map<string, LinliRefund>();
  if (refundIds.length) {
    for (const r of await rows<RefundRow>(
      db,
      sql`select r.id, r.payment_id, r.amount_fen, r.status, r.provider_refund_id from provider_refunds r
        join payments p on p.id = r.payment_id and p.provider = ${WECHATPAY}
        where r.id = any(${pgArray(refundIds)}::uuid[])`,
    ))
      refundsByOutNo.set(outNo(r.id), toRefund(r));
  }
  const listed = new Set(lines.map((l) => (isRefundLine(l) ? l.outRefundNo : l.outTradeNo)));
  const unlisted = [
    ...dayPayments.filter((p) => !listed.has(p.outTradeNo)).map((p) => p.outTradeNo),
    ...dayRefunds.filter((r) => !listed.has(r.outRefundNo)).map((r) => r.outRefundNo),
  ];
  const listedOnOtherDays = new Set<string>();
  if (unlisted.length) {
    for (const r of await rows<{ out_no: string }>(
      db,
      sql`select distinct out_no from reconciliation_lines
        where bill_date <> ${billDate}::date and out_no = any(${pgArray(unlisted)}::text[])`,
    ))
      listedOnOtherDays.add(r.out_no);
  }
  return { dayPayments, dayRefunds, paymentsByOutNo, refundsByOutNo, listedOnOtherDays };
}

export interface DayView {
  date: string;
  status: (typeof RECONCILIATION_STATUSES)[number];
  startedAt: string;
  fetchedAt: string | null;
  hadStatement: boolean;
  wechatPayments: number;
  wechatPaymentFen: number;
  wechatRefunds: number;
  wechatRefundFen: number;
  linliPayments: number;
  linliPaymentFen: number;
  linliRefunds: number;
  linliRefundFen: number;
  differences: number;
  unresolved: number;
  error: string | null;
}

const dayColumns = sql`d.bill_date::text as date, d.status, d.started_at, d.fetched_at, d.had_statement,
  d.wechat_payments, d.wechat_payment_fen, d.wechat_refunds, d.wechat_refund_fen, d.linli_payments,
  d.linli_payment_fen, d.linli_refunds, d.linli_refund_fen, d.differences, d.error,
  (select count(*)::int from reconciliation_differences x where x.bill_date = d.bill_date and x.resolved_at is null) as unresolved`;

function dayView(r: Record<string, unknown>): DayView {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    date: String(r.date),
    status: r.status as DayView['status'],
    startedAt: iso(r.started_at)!,
    fetchedAt: iso(r.fetched_at),
    hadStatement: Boolean(r.had_statement),
    wechatPayments: n('wechat_payments'),
    wechatPaymentFen: n('wechat_payment_fen'),
    wechatRefunds: n('wechat_refunds'),
    wechatRefundFen: n('wechat_refund_fen'),
    linliPayments: n('linli_payments'),
    linliPaymentFen: n('linli_payment_fen'),
    linliRefunds: n('linli_refunds'),
    linliRefundFen: n('linli_refund_fen'),
    differences: n('differences'),
    unresolved: n('unresolved'),
    error: (r.error as string | null) ?? null,
  };
}

export async function getDay(db: Db, billDate: string): Promise<DayView | undefined> {
  const r = await one(db, sql`select ${dayColumns} from reconciliation_days d where d.bill_date = ${billDate}::date`);
  return r ? dayView(r) : undefined;
}

export async function listDays(db: Db, from: string, to: string): Promise<DayView[]> {
  return (
    await rows(
      db,
      sql`select ${dayColumns} from reconciliation_days d
        where d.bill_date between ${from}::date and ${to}::date order by d.bill_date desc`,
    )
  ).map(dayView);
}

export type FetchDay = (billDate: string) => Promise<Fetched>;

/**
 * Reconciles one Beijing day; a rerun replaces the day's differences (one found again keeps its
 * resolution). The day is claimed first with a conditional write: a second run while one is under
 * way is refused (RECONCILIATION_RUNNING), so simultaneous runs give one result; a run finishes
 * only if the day is still its own.
 */
export async function reconcileDay(db: Db, fetch: FetchDay, billDate: string): Promise<DayView> {
  const runId = randomUUID();
  const claimed = await one<{ run_id: string }>(
    db,
    sql`insert into reconciliation_days (bill_date, status, run_id, started_at)
      values (${billDate}::date, 'running', ${runId}::uuid, now())
      on conflict (bill_date) do update set status = 'running', run_id = excluded.run_id, started_at = now(), error = null
      where reconciliation_days.status <> 'running' or reconciliation_days.started_at < now() - ${STALE_RUN}::interval
      returning run_id`,
  );
  if (!claimed) throw alreadyRunning();
  let fetched: Fetched;
  try {
    fetched = await fetch(billDate);
  } catch (err) {
    const notReady = err instanceof WechatPayError && err.code === 'STATEMENT_CREATING';
    const why =
      err instanceof WechatPayError
        ? `${err.status} ${err.code}`
        : err instanceof BillFormatError
          ? `BILL_FORMAT: ${err.message}`
          : 'FETCH_FAILED';
    await exec(
      db,
      sql`update reconciliation_days set status = ${notReady ? 'not_ready' : 'failed'}, error = ${why}
        where bill_date = ${billDate}::date and run_id = ${runId}::uuid`,
    );
    throw new AppError(
      notReady ? 'BILL_NOT_READY' : 'BILL_FETCH_FAILED',
      notReady ? 409 : 502,
      notReady ? 'WeChat Pay is still making this bill' : `The bill could not be fetched: ${why}`,
    );
  }
  const { lines, hadStatement } = fetched;
  const side = await linliSide(db, billDate, lines);
  const found = matchDay(lines, side);
  const paymentLines = lines.filter((l) => !isRefundLine(l));
  const refundLines = lines.filter(isRefundLine);
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

  const finished = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await exec(t, sql`delete from reconciliation_lines where bill_date = ${billDate}::date`);
    for (let i = 0; i < lines.length; i += 1000) {
      await t
        .insert(reconciliationLines)
        .values(
          lines.slice(i, i + 1000).map((l) => ({
            billDate,
            subject: isRefundLine(l) ? ('refund' as const) : ('payment' as const),
            outNo: isRefundLine(l) ? l.outRefundNo : l.outTradeNo,
            outTradeNo: l.outTradeNo,
            transactionId: l.transactionId,
            refundId: l.refundId || null,
            state: isRefundLine(l) ? l.refundStatus : l.tradeState,
            amountFen: isRefundLine(l) ? l.requestedRefundFen : l.totalFen,
            tradeTime: l.tradeTime,
          })),
        )
        .onConflictDoNothing();
    }
    // the resolutions of the differences found again (same kind, subject, number and amounts)
    const kept = new Map<
      string,
      { resolved_at: unknown; resolved_by: string | null; note: string | null; sig: string }
    >();
    for (const r of await rows<{
      key: string;
      resolved_at: unknown;
      resolved_by: string | null;
      note: string | null;
      linli_fen: number | null;
      wechat_fen: number | null;
    }>(
      t,
      sql`delete from reconciliation_differences where bill_date = ${billDate}::date
        returning key, resolved_at, resolved_by, note, linli_fen, wechat_fen`,
    )) {
      if (r.resolved_at) kept.set(r.key, { ...r, sig: `${r.linli_fen}/${r.wechat_fen}` });
    }
    const values = found.map((d: Difference) => {
      const key = differenceKey(d);
      const k = kept.get(key);
      const same = k && k.sig === `${d.linliFen}/${d.wechatFen}`;
      return {
        billDate,
        kind: d.kind,
        subject: d.subject,
        key,
        outTradeNo: d.outTradeNo,
        outRefundNo: d.outRefundNo,
        paymentId: d.paymentId,
        refundId: d.refundId,
        linliFen: d.linliFen,
        wechatFen: d.wechatFen,
        linliStatus: d.linliStatus,
        wechatStatus: d.wechatStatus,
        transactionId: d.transactionId,
        resolvedAt: same ? new Date(iso(k.resolved_at)!) : null,
        resolvedBy: same ? k.resolved_by : null,
        note: same ? k.note : null,
      };
    });
    for (let i = 0; i < values.length; i += 1000)
      await t
        .insert(reconciliationDifferences)
        .values(values.slice(i, i + 1000))
        .onConflictDoNothing();
    const done = await one<{ bill_date: string }>(
      t,
      sql`update reconciliation_days set status = 'done', fetched_at = now(), error = null,
        had_statement = ${hadStatement},
        wechat_payments = ${paymentLines.length}, wechat_payment_fen = ${sum(paymentLines, (l) => l.totalFen)},
        wechat_refunds = ${refundLines.length}, wechat_refund_fen = ${sum(refundLines, (l) => l.requestedRefundFen)},
        linli_payments = ${side.dayPayments.length}, linli_payment_fen = ${sum(side.dayPayments, (p) => p.amountFen)},
        linli_refunds = ${side.dayRefunds.length}, linli_refund_fen = ${sum(side.dayRefunds, (r) => r.amountFen)},
        differences = ${found.length}
      where bill_date = ${billDate}::date and run_id = ${runId}::uuid and status = 'running'
      returning bill_date`,
    );
    // another run took the day over (this one outlived its lease): its result stands, not ours
    if (!done) throw alreadyRunning();
    return done;
  });
  void finished;
  const view = (await getDay(db, billDate))!;
  if (view.unresolved > 0) {
    const counts: Record<string, number> = {};
    for (const d of found) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
    await raiseAlert(db, {
      kind: 'wechatpay_reconciliation',
      businessKey: `wechatpay-reconciliation:${billDate}`,
      severity: 'critical',
      details: { billDate, differences: found.length, unresolved: view.unresolved, ...counts },
    });
  }
  return view;
}

/** Reconciles a day with WeChat Pay as configured; refused when it is not, or the bill cannot exist. */
export async function reconcileConfiguredDay(
  db: Db,
  config: WechatPayConfig | undefined,
  billDate: string,
): Promise<DayView> {
  if (!config) throw notConfigured();
  const when = billAvailability(billDate);
  if (when === 'not_yet')
    throw new AppError('BILL_NOT_READY', 409, 'WeChat Pay makes a day’s bill from 10:00 Beijing time the next day');
  if (when === 'expired') throw new AppError('BILL_EXPIRED', 409, 'WeChat Pay keeps bills for three months');
  const client = wechatPayClient(config);
  return reconcileDay(db, (d) => fetchBill(client, d), billDate);
}

/**
 * The job: yesterday (Beijing), once its bill exists, when WeChat Pay is configured and the day has
 * not been reconciled yet (a failed or early run is tried again at the next hour).
 */
export async function reconcileYesterday(db: Db, config: WechatPayConfig | undefined, now = new Date()) {
  if (!config) return;
  const yesterday = addDays(businessDate(now, BILL_TIME_ZONE), -1);
  if (billAvailability(yesterday, now) !== 'ready') return;
  const day = await getDay(db, yesterday);
  // a run under way refuses this one by its claim (or lets it take over a crashed one)
  if (day?.status === 'done') return;
  try {
    await reconcileDay(db, (d) => fetchBill(wechatPayClient(config), d), yesterday);
  } catch (err) {
    // recorded on the day (status failed / not_ready); the next hour tries again
    if (!(err instanceof AppError)) throw err;
  }
}

export interface DifferenceView extends Difference {
  id: string;
  date: string;
  foundAt: string;
  resolvedAt: string | null;
  note: string | null;
}

/** The differences of a day, or of a range of days (the export). */
export async function listDifferences(db: Db, from: string, to = from): Promise<DifferenceView[]> {
  const found = await rows<Record<string, unknown>>(
    db,
    sql`select id, bill_date::text as date, kind, subject, out_trade_no, out_refund_no, payment_id, refund_id,
      linli_fen, wechat_fen, linli_status, wechat_status, transaction_id, found_at, resolved_at, note
      from reconciliation_differences where bill_date between ${from}::date and ${to}::date
      order by bill_date desc, kind, out_trade_no, out_refund_no`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return found.map((r) => ({
    id: String(r.id),
    date: String(r.date),
    kind: r.kind as DifferenceKind,
    subject: r.subject as DifferenceView['subject'],
    outTradeNo: String(r.out_trade_no),
    outRefundNo: (r.out_refund_no as string | null) ?? null,
    paymentId: (r.payment_id as string | null) ?? null,
    refundId: (r.refund_id as string | null) ?? null,
    linliFen: num(r.linli_fen),
    wechatFen: num(r.wechat_fen),
    linliStatus: (r.linli_status as string | null) ?? null,
    wechatStatus: (r.wechat_status as string | null) ?? null,
    transactionId: (r.transaction_id as string | null) ?? null,
    foundAt: iso(r.found_at)!,
    resolvedAt: iso(r.resolved_at),
    note: (r.note as string | null) ?? null,
  }));
}

/** Marks a difference resolved with the operator's note, once (a conditional write). */
export async function resolveDifference(db: Db, id: string, userId: string, note: string): Promise<void> {
  const done = await one(
    db,
    sql`update reconciliation_differences set resolved_at = now(), resolved_by = ${userId}::uuid, note = ${note}
      where id = ${id}::uuid and resolved_at is null returning id`,
  );
  if (done) return;
  const exists = await one(db, sql`select 1 from reconciliation_differences where id = ${id}::uuid`);
  if (!exists) throw notFound('Difference');
  throw new AppError('ALREADY_RESOLVED', 409, 'This difference is already resolved');
}
