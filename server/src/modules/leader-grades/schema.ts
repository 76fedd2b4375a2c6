import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const LEADER_GRADES = ['trainee', 'bronze', 'silver', 'gold'] as const;

/**
 * A leader's closed month (decision 062), written once by the `leader-grades` job on the first day
 * of the next month in the region's zone: the month's figures (the per-leader report reads closed
 * months from here), the grade they earned and the grade bonus paid for it. The primary key is what
 * makes the job idempotent: a rerun finds the row and neither regrades nor pays again.
 */
export const leaderMonths = pgTable(
  'leader_months',
  {
    leaderId: uuid('leader_id').notNull(),
    /** YYYY-MM of business days in the region's zone */
    month: text('month').notNull(),
    regionId: uuid('region_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    gmvFen: bigint('gmv_fen', { mode: 'number' }).notNull(),
    orders: integer('orders').notNull(),
    customers: integer('customers').notNull(),
    newCustomers: integer('new_customers').notNull(),
    dormantCustomers: integer('dormant_customers').notNull(),
    /** after-sales claims (any outcome) opened in the month on the point's orders */
    claims: integer('claims').notNull(),
    /** orders made ready at the point in the month, and those collected within the pickup window */
    readyOrders: integer('ready_orders').notNull(),
    timelyOrders: integer('timely_orders').notNull(),
    /** commission booked in the month (pickups less reversals) */
    commissionFen: bigint('commission_fen', { mode: 'number' }).notNull(),
    contacted: integer('contacted').notNull(),
    recalled: integer('recalled').notNull(),
    grade: text('grade', { enum: LEADER_GRADES }).notNull(),
    bonusBps: integer('bonus_bps').notNull(),
    bonusFen: integer('bonus_fen').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.leaderId, t.month] }),
    index('leader_months_region_idx').on(t.regionId, t.month),
    check('leader_months_bonus', sql`bonus_fen >= 0 and bonus_bps between 0 and 10000`),
  ],
);

/**
 * Allowance coupons a leader sent in a month: bumped by a conditional upsert (`used < limit`), so
 * simultaneous sends never pass the month's allowance.
 */
export const leaderAllowanceMonths = pgTable(
  'leader_allowance_months',
  {
    leaderId: uuid('leader_id').notNull(),
    month: text('month').notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leaderId, t.month] })],
);

/**
 * A leader reaching out to a customer of her point: an allowance coupon or an in-app message.
 * `dormant`: the customer had no paid order for the dormant days when contacted; the recall rate
 * is over these.
 */
export const leaderContacts = pgTable(
  'leader_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leaderId: uuid('leader_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['coupon', 'message'] }).notNull(),
    couponId: uuid('coupon_id'),
    text: text('text'),
    dormant: boolean('dormant').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('leader_contacts_leader_idx').on(t.leaderId, t.createdAt),
    index('leader_contacts_user_idx').on(t.userId, t.createdAt),
  ],
);
