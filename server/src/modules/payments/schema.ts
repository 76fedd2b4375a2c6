import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, index, uniqueIndex, date } from 'drizzle-orm/pg-core';

/**
 * The orders of one pickup day placed together and paid in one payment (decision 032): one order
 * per campaign, priced as one cart. The group is paid, expires and is refunded through one payment;
 * each order keeps its own figures, and the group's total is their sum.
 */
export const paymentGroups = pgTable('payment_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  pickupPointId: uuid('pickup_point_id').notNull(),
  pickupDate: date('pickup_date').notNull(),
  /** the order its payment names (payments.order_id, the notification's orderId) and its coupon records */
  firstOrderId: uuid('first_order_id').notNull(),
  totalFen: integer('total_fen').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * A payment attempt for an order, or for a payment group (then `order_id` is the group's first
 * order, the one its notification names); the order is paid only when the provider's notification
 * arrives.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    paymentGroupId: uuid('payment_group_id'),
    userId: uuid('user_id').notNull(),
    provider: text('provider').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'refunded_on_arrival'] })
      .notNull()
      .default('pending'),
    providerTxnId: text('provider_txn_id'),
    /** how the provider takes it: WeChat Pay's jsapi, miniprogram or h5 (null for the simulated provider) */
    channel: text('channel'),
    /** the provider has closed the unpaid payment (its order was cancelled or expired): nobody can pay it any more */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** when Linli last asked the provider about it (the query job's pace) */
    queriedAt: timestamp('queried_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    // the query job's scan: pending payments of a provider that notifies, oldest first
    index('payments_pending_provider_idx').on(t.provider, t.createdAt).where(sql`status = 'pending'`),
  ],
);

/** Once-only record of every provider notification applied. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider').notNull(),
    providerTxnId: text('provider_txn_id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('payment_events_provider_txn_key').on(t.provider, t.providerTxnId)],
);

/**
 * Money sent back through the provider; written with the refund, delivered by the outbox.
 * pending: queued; processing: the provider accepted it and will say how it ended (WeChat Pay,
 * decision 063); succeeded / failed: how it ended.
 */
export const providerRefunds = pgTable(
  'provider_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id').notNull(),
    orderId: uuid('order_id').notNull(),
    refundId: uuid('refund_id'),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'processing', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    providerRefundId: text('provider_refund_id'),
    /** when the provider accepted the refund (the query job asks about those processing too long) */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** why it failed, in the provider's words: e.g. ABNORMAL, CLOSED, NOT_ENOUGH */
    failure: text('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('provider_refunds_order_idx').on(t.orderId),
    // a refund's payout status is read with every refund listed
    index('provider_refunds_refund_idx').on(t.refundId),
    index('provider_refunds_processing_idx').on(t.submittedAt).where(sql`status = 'processing'`),
    // pending for long: the query job looks for refunds the outbox never got to WeChat Pay
    index('provider_refunds_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
  ],
);
