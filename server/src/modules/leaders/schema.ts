import { pgTable, uuid, integer, text, timestamp, uniqueIndex, check } from 'drizzle-orm/pg-core';
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
