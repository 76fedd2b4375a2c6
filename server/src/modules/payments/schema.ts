import { pgTable, uuid, text, integer, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';

/** A payment attempt for an order; the order is paid only when the provider's notification arrives. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    provider: text('provider').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'refunded_on_arrival'] })
      .notNull()
      .default('pending'),
    providerTxnId: text('provider_txn_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
  },
  (t) => [index('payments_order_idx').on(t.orderId)],
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

/** Money sent back through the provider; written with the refund, delivered by the outbox. */
export const providerRefunds = pgTable(
  'provider_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id').notNull(),
    orderId: uuid('order_id').notNull(),
    refundId: uuid('refund_id'),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    providerRefundId: text('provider_refund_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('provider_refunds_order_idx').on(t.orderId)],
);
