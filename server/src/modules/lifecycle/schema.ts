import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  boolean,
  jsonb,
  timestamp,
  date,
  index,
  primaryKey,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const LIFECYCLE_PROGRAMS = ['welcome', 'first_order', 'repurchase', 'birthday'] as const;
export type LifecycleProgram = (typeof LIFECYCLE_PROGRAMS)[number];

/**
 * The automatic customer-lifecycle programs, switched per region by an operator: the coupon
 * template each grants and its parameters. No row is a program switched off (the birthday coupon,
 * which ran before the switch existed, reads as on until switched off: decision 050).
 */
export const lifecyclePrograms = pgTable(
  'lifecycle_programs',
  {
    regionId: uuid('region_id').notNull(),
    program: text('program', { enum: LIFECYCLE_PROGRAMS }).notNull(),
    enabled: boolean('enabled').notNull().default(false),
    templateId: uuid('template_id'),
    /** repurchase: {leadDays, minPurchases} */
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    /** when it was last switched on: the catch-up of missed welcome grants starts there, never before */
    enabledSince: timestamp('enabled_since', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.program] })],
);

/**
 * Coupons the welcome and first-order programs granted: the business key (`program:userId`) makes
 * a retried or concurrent grant a no-op; the coupon id tells checkout which coupon is first-order only.
 */
export const lifecycleGrants = pgTable(
  'lifecycle_grants',
  {
    businessKey: text('business_key').primaryKey(),
    program: text('program', { enum: ['welcome', 'first_order'] }).notNull(),
    userId: uuid('user_id').notNull(),
    regionId: uuid('region_id').notNull(),
    templateId: uuid('template_id').notNull(),
    couponId: uuid('coupon_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lifecycle_grants_coupon_key').on(t.couponId),
    index('lifecycle_grants_report_idx').on(t.regionId, t.program, t.grantedAt),
  ],
);

/**
 * Repurchase reminders sent: at most one per customer and week (the region's business week, from
 * Monday) and one per customer, product and due day, both held by unique indexes so a repeated or
 * concurrent run sends nothing twice.
 */
export const repurchaseReminders = pgTable(
  'repurchase_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    productId: uuid('product_id').notNull(),
    regionId: uuid('region_id').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('repurchase_reminders_week_key').on(t.userId, t.weekStart),
    uniqueIndex('repurchase_reminders_due_key').on(t.userId, t.productId, t.dueOn),
    index('repurchase_reminders_report_idx').on(t.regionId, t.sentOn),
  ],
);
