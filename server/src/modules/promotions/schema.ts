import { pgTable, uuid, text, integer, timestamp, jsonb, boolean, index, check, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const fullReductionPromotions = pgTable('full_reduction_promotions', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  /** [{thresholdFen, discountFen}] ascending by threshold */
  tiers: jsonb('tiers').notNull(),
  /** category codes in scope; null = the whole order */
  categories: text('categories').array(),
  status: text('status', { enum: ['active', 'paused'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const couponTemplates = pgTable(
  'coupon_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['amount', 'percent'] }).notNull(),
    thresholdFen: integer('threshold_fen').notNull().default(0),
    discountFen: integer('discount_fen'),
    percentOffBps: integer('percent_off_bps'),
    maxDiscountFen: integer('max_discount_fen'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }).notNull(),
    perCustomerLimit: integer('per_customer_limit').notNull().default(1),
    totalLimit: integer('total_limit'),
    issued: integer('issued').notNull().default(0),
    stackableWithFullReduction: boolean('stackable_with_full_reduction').notNull().default(false),
    /** whether customers may take it themselves in the claim centre (otherwise only grants issue it) */
    claimable: boolean('claimable').notNull().default(false),
    status: text('status', { enum: ['active', 'paused'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('coupon_templates_issued_within_limit', sql`total_limit is null or issued <= total_limit`)],
);

/** A coupon moves available → used (by exactly one order) → back to available if that order is cancelled. */
export const coupons = pgTable(
  'coupons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => couponTemplates.id),
    userId: uuid('user_id').notNull(),
    status: text('status', { enum: ['available', 'used', 'expired'] })
      .notNull()
      .default('available'),
    orderId: uuid('order_id'),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coupons_user_idx').on(t.userId, t.status),
    // per-template usage reports and the expiry job go through the template
    index('coupons_template_idx').on(t.templateId, t.status),
  ],
);

/** Per-customer count of coupons ever received from a template (conditional upsert enforces the limit). */
export const couponHoldings = pgTable(
  'coupon_holdings',
  {
    templateId: uuid('template_id').notNull(),
    userId: uuid('user_id').notNull(),
    received: integer('received').notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.userId] })],
);
