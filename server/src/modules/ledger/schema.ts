import {
  pgTable,
  uuid,
  text,
  integer,
  boolean,
  timestamp,
  bigserial,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Append-only commission ledger. Each entry moves money into or out of one bucket of a
 * leader's account (pending → available → withdrawn); `business_key` makes every entry
 * once-only (e.g. commission:<lineId>, settle:<entryId>, reversal:<refundId>:<lineId>).
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leaderId: uuid('leader_id').notNull(),
    bucket: text('bucket', { enum: ['pending', 'available', 'withdrawn'] }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    kind: text('kind', {
      enum: ['commission', 'settlement', 'reversal', 'withdrawal', 'withdrawal_rejected', 'grade_bonus'],
    }).notNull(),
    businessKey: text('business_key').notNull(),
    orderLineId: uuid('order_line_id'),
    /** for pending commission: when it becomes available */
    availableAt: timestamp('available_at', { withTimezone: true }),
    /**
     * Settlement's work marker, the one column that changes: true on a commission until it is settled, then null. Settlement
     * finds its work through the partial index on it, so its cost follows what is due, not the
     * leader's history. Other kinds carry the default and are never read by it.
     */
    unsettled: boolean('unsettled').default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_entries_business_key').on(t.businessKey),
    index('ledger_entries_leader_idx').on(t.leaderId, t.id),
    // a leader's commission booked in a month (grade bonus, per-leader report; decision 062)
    index('ledger_entries_leader_month_idx').on(t.leaderId, t.createdAt).where(sql`kind in ('commission', 'reversal')`),
    index('ledger_entries_unsettled_idx').on(t.availableAt).where(sql`kind = 'commission'`),
    index('ledger_entries_to_settle_idx')
      .on(t.leaderId, t.availableAt, t.id)
      .where(sql`kind = 'commission' and unsettled`),
    // Reversals of a line, read when its commission is settled or reversed again.
    index('ledger_entries_reversal_line_idx').on(t.orderLineId).where(sql`kind = 'reversal'`),
    index('ledger_entries_due_idx').on(t.availableAt, t.id).where(sql`kind = 'commission' and unsettled`),
  ],
);

/** Running balances, changed only together with ledger entries; withdrawals are conditional on available_fen. */
export const leaderAccounts = pgTable('leader_accounts', {
  leaderId: uuid('leader_id').primaryKey(),
  pendingFen: integer('pending_fen').notNull().default(0),
  availableFen: integer('available_fen').notNull().default(0),
  withdrawnFen: integer('withdrawn_fen').notNull().default(0),
});

export const withdrawals = pgTable(
  'withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leaderId: uuid('leader_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['requested', 'paid', 'rejected'] })
      .notNull()
      .default('requested'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // Lists page by (created_at, id), newest first (decision 020).
    index('withdrawals_leader_idx').on(t.leaderId, t.createdAt, t.id),
    index('withdrawals_created_idx').on(t.createdAt, t.id),
    check('withdrawals_positive', sql`amount_fen > 0`),
  ],
);
