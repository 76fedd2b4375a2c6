import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every refund — cancellation, shortage, arrival loss or after-sales claim — is one row here
 * and goes through flows/refund.ts, so the rules (never more than paid minus refunded,
 * commission reversal, provider refund) hold for all of them.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['cancel', 'shortage', 'arrival_loss', 'aftersales', 'price_adjustment'] }).notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status', { enum: ['requested', 'refunded', 'rejected'] }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** a business key for system refunds (e.g. shortage:<lineId>) so a retried job refunds once */
    businessKey: text('business_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId),
    // Lists page by (created_at, id), newest first (decision 020).
    index('refunds_status_idx').on(t.status, t.createdAt, t.id),
    index('refunds_created_idx').on(t.createdAt, t.id),
    index('refunds_user_idx').on(t.userId, t.createdAt, t.id),
    uniqueIndex('refunds_business_key').on(t.businessKey),
    // the dashboard's raw days: money returned, by the instant it counts on (decision 021)
    index('refunds_refunded_at_idx')
      .on(sql`(coalesce(${t.decidedAt}, ${t.createdAt}))`)
      .where(sql`status = 'refunded'`),
  ],
);

export const refundLines = pgTable(
  'refund_lines',
  {
    refundId: uuid('refund_id').notNull(),
    orderLineId: uuid('order_line_id').notNull(),
    quantity: integer('quantity').notNull(),
    amountFen: integer('amount_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.refundId, t.orderLineId] }), index('refund_lines_line_idx').on(t.orderLineId)],
);
