import {
  pgTable,
  uuid,
  integer,
  bigint,
  boolean,
  timestamp,
  date,
  text,
  jsonb,
  index,
  primaryKey,
} from 'drizzle-orm/pg-core';

/**
 * Customer segmentation (decision 047): each customer's RFM scores, segment and behaviour tags as
 * of the last nightly run (one row per customer, rebuilt whole by the run), a weekly snapshot of
 * the segments for the movement between weeks, and the operators' saved segment definitions.
 */
export const customerRfm = pgTable(
  'customer_rfm',
  {
    userId: uuid('user_id').primaryKey(),
    regionId: uuid('region_id').notNull(),
    pickupPointId: uuid('pickup_point_id'),
    /** the region's business date the figures are as of */
    asOf: date('as_of').notNull(),
    /** the Monday of as_of's week: the weekly snapshot this row was copied to */
    weekStart: date('week_start').notNull(),
    /** the business date of the last paid order (ever); null: never paid an order */
    lastPaidOn: date('last_paid_on'),
    recencyDays: integer('recency_days'),
    /** paid goods orders in the 365 days before as_of */
    frequency: integer('frequency').notNull(),
    /** what those orders paid net of refunds, fen */
    monetaryFen: bigint('monetary_fen', { mode: 'number' }).notNull(),
    /** quintile scores 1–5 within the region; null for a customer who never paid an order */
    rScore: integer('r_score'),
    fScore: integer('f_score'),
    mScore: integer('m_score'),
    segment: text('segment').notNull(),
    /** the category with the most spend in those orders */
    topCategory: text('top_category'),
    /** those orders that used a coupon */
    couponOrders: integer('coupon_orders').notNull(),
    /** none | low | medium | high, from the share of orders with a coupon; null without orders */
    priceSensitivity: text('price_sensitivity'),
    member: boolean('member').notNull(),
    dormant: boolean('dormant').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_rfm_region_segment_idx').on(t.regionId, t.segment)],
);

/** The segments at the last run of each week (kept 13 weeks): last week's against this one's is the movement. */
export const customerRfmWeekly = pgTable(
  'customer_rfm_weekly',
  {
    weekStart: date('week_start').notNull(),
    userId: uuid('user_id').notNull(),
    regionId: uuid('region_id').notNull(),
    segment: text('segment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.weekStart, t.userId] })],
);

/** An operator's saved segment: a definition over the table above (rules.ts), optionally limited to a region. */
export const customerSegments = pgTable(
  'customer_segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** null: every region (only an operator of every region saves one) */
    regionId: uuid('region_id'),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_segments_created_idx').on(t.createdAt, t.id)],
);
