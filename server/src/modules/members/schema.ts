import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  integer,
  timestamp,
  date,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';

/** Growth value (成长值) and the optional birthday, one row per user that has either. */
export const memberProfiles = pgTable(
  'member_profiles',
  {
    userId: uuid('user_id').primaryKey(),
    growth: integer('growth').notNull().default(0),
    birthday: date('birthday'),
  },
  () => [check('member_profiles_growth_nonneg', sql`growth >= 0`)],
);

/** Growth ledger: the value on member_profiles moves only together with an entry here (once per business key). */
export const growthEntries = pgTable(
  'growth_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    businessKey: text('business_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('growth_entries_business_key').on(t.businessKey), index('growth_entries_user_idx').on(t.userId)],
);

/** One row per user and business day: the primary key makes simultaneous check-ins award once. */
export const checkIns = pgTable(
  'check_ins',
  {
    userId: uuid('user_id').notNull(),
    businessDate: date('business_date').notNull(),
    streakDays: integer('streak_days').notNull(),
    points: integer('points').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.businessDate] })],
);

/** A paid membership order's period: keyed by order, so a retried payment notification extends once. */
export const membershipPeriods = pgTable(
  'membership_periods',
  {
    orderId: uuid('order_id').primaryKey(),
    userId: uuid('user_id').notNull(),
    plan: text('plan').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('membership_periods_user_idx').on(t.userId)],
);

/**
 * What an order earned on completion (points and growth on the paid-minus-refunded base), and
 * how much later refunds took back, cumulatively so the clawbacks of a full refund sum to the award.
 */
export const orderRewards = pgTable(
  'order_rewards',
  {
    orderId: uuid('order_id').primaryKey(),
    userId: uuid('user_id').notNull(),
    baseFen: integer('base_fen').notNull(),
    points: integer('points').notNull(),
    growth: integer('growth').notNull(),
    clawedFen: integer('clawed_fen').notNull().default(0),
    clawedPoints: integer('clawed_points').notNull().default(0),
    clawedGrowth: integer('clawed_growth').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('order_rewards_clawed_within', sql`clawed_fen between 0 and base_fen`)],
);

/** Shares rewarded per user and day: a conditional upsert keeps the count at the daily cap. */
export const shareDays = pgTable(
  'share_days',
  {
    userId: uuid('user_id').notNull(),
    businessDate: date('business_date').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.businessDate] })],
);

/** One referral decision per invitee (rewarded, or why not); the first completed order decides. */
export const referralRewards = pgTable(
  'referral_rewards',
  {
    inviteeId: uuid('invitee_id').primaryKey(),
    inviterId: uuid('inviter_id').notNull(),
    orderId: uuid('order_id').notNull(),
    month: text('month').notNull(),
    outcome: text('outcome', { enum: ['rewarded', 'capped', 'ineligible'] }).notNull(),
    points: integer('points').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('referral_rewards_inviter_idx').on(t.inviterId, t.month)],
);

/** Rewarded referrals per inviter and month: the conditional upsert holds the cap under concurrency. */
export const referralMonths = pgTable(
  'referral_months',
  {
    inviterId: uuid('inviter_id').notNull(),
    month: text('month').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.inviterId, t.month] })],
);

/** Coupon templates granted automatically: the monthly member pack, the birthday coupon, the referral reward. */
export const memberCouponTemplates = pgTable(
  'member_coupon_templates',
  {
    templateId: uuid('template_id').notNull(),
    purpose: text('purpose', { enum: ['monthly_pack', 'birthday', 'referral'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.purpose] })],
);

/** Coupons granted by the membership jobs, once per user, template and period (month or year). */
export const memberCouponGrants = pgTable(
  'member_coupon_grants',
  {
    userId: uuid('user_id').notNull(),
    templateId: uuid('template_id').notNull(),
    period: text('period').notNull(),
    couponId: uuid('coupon_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.templateId, t.period] })],
);
