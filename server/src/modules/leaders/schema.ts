import {
  pgTable,
  uuid,
  integer,
  text,
  timestamp,
  uniqueIndex,
  check,
  date,
  primaryKey,
  boolean,
  index,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** A pickup point has exactly one active leader (团长); a user leads at most one point. */
export const leaders = pgTable(
  'leaders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    commissionBps: integer('commission_bps').notNull(),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leaders_user_key').on(t.userId),
    uniqueIndex('leaders_active_point_key').on(t.pickupPointId).where(sql`status = 'active'`),
    check('leaders_commission_range', sql`commission_bps between 0 and 10000`),
  ],
);

/**
 * One row per order reminded on a local day (the region's calendar): the primary key is what keeps
 * a customer from getting more than one pickup reminder a day, also when a leader taps twice or on
 * two phones at once — only the insert that wins enqueues the message.
 */
export const pickupReminders = pgTable(
  'pickup_reminders',
  {
    orderId: uuid('order_id').notNull(),
    day: date('day').notNull(),
    leaderId: uuid('leader_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.day] })],
);

/**
 * One handover at the desk (decision 034): which lines it handed over and whether it completed
 * the order, so an undo within the configured minutes reverses exactly that. `undone_at` is set
 * once, by a conditional update: simultaneous undos reverse once.
 */
export const pickups = pgTable(
  'pickups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    leaderId: uuid('leader_id').notNull(),
    lineIds: uuid('line_ids').array().notNull(),
    completedOrder: boolean('completed_order').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('pickups_order_idx').on(t.orderId, t.createdAt)],
);
