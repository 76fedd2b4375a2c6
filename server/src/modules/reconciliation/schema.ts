import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { DIFFERENCE_KINDS } from './match.js';

export const RECONCILIATION_STATUSES = ['running', 'done', 'failed', 'not_ready'] as const;

/**
 * One Beijing day of WeChat Pay's trade bill matched against Linli (decision 064). A run claims the
 * day with a conditional write (status running, its run id), so two runs of a day never overlap;
 * it finishes only if the day is still its own.
 */
export const reconciliationDays = pgTable('reconciliation_days', {
  billDate: date('bill_date').primaryKey(),
  status: text('status', { enum: RECONCILIATION_STATUSES }).notNull(),
  runId: uuid('run_id').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }),
  /** false when WeChat Pay answered NO_STATEMENT_EXIST: no trade that day */
  hadStatement: boolean('had_statement').notNull().default(false),
  wechatPayments: integer('wechat_payments').notNull().default(0),
  wechatPaymentFen: bigint('wechat_payment_fen', { mode: 'number' }).notNull().default(0),
  wechatRefunds: integer('wechat_refunds').notNull().default(0),
  wechatRefundFen: bigint('wechat_refund_fen', { mode: 'number' }).notNull().default(0),
  linliPayments: integer('linli_payments').notNull().default(0),
  linliPaymentFen: bigint('linli_payment_fen', { mode: 'number' }).notNull().default(0),
  linliRefunds: integer('linli_refunds').notNull().default(0),
  linliRefundFen: bigint('linli_refund_fen', { mode: 'number' }).notNull().default(0),
  differences: integer('differences').notNull().default(0),
  /** why the last run failed (a WeChat Pay code, or the file's fault); never a secret */
  error: text('error'),
});

/**
 * The lines of each fetched bill, compactly: a Linli record of one day is not missing at WeChat
 * when a bill of another day lists it (midnight, refunds billed when requested).
 */
export const reconciliationLines = pgTable(
  'reconciliation_lines',
  {
    billDate: date('bill_date').notNull(),
    subject: text('subject', { enum: ['payment', 'refund'] }).notNull(),
    /** out_trade_no of a payment line, out_refund_no of a refund line */
    outNo: text('out_no').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    transactionId: text('transaction_id').notNull(),
    refundId: text('refund_id'),
    state: text('state').notNull(),
    amountFen: integer('amount_fen').notNull(),
    tradeTime: text('trade_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.billDate, t.subject, t.outNo] }),
    index('reconciliation_lines_out_no_idx').on(t.outNo),
  ],
);

/** What one run of a day found; a rerun replaces them, keeping the resolution of one found again. */
export const reconciliationDifferences = pgTable(
  'reconciliation_differences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    billDate: date('bill_date').notNull(),
    kind: text('kind', { enum: DIFFERENCE_KINDS }).notNull(),
    subject: text('subject', { enum: ['payment', 'refund'] }).notNull(),
    /** differenceKey(): kind, subject and the out number */
    key: text('key').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    outRefundNo: text('out_refund_no'),
    paymentId: uuid('payment_id'),
    refundId: uuid('refund_id'),
    linliFen: integer('linli_fen'),
    wechatFen: integer('wechat_fen'),
    linliStatus: text('linli_status'),
    wechatStatus: text('wechat_status'),
    transactionId: text('transaction_id'),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    note: text('note'),
  },
  (t) => [uniqueIndex('reconciliation_differences_day_key').on(t.billDate, t.key)],
);
