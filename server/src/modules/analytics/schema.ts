import {
  pgTable,
  uuid,
  integer,
  bigint,
  boolean,
  date,
  smallint,
  timestamp,
  index,
  primaryKey,
  text,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { routes } from '../network/schema.js';

/**
 * Daily rollups of the dashboard's figures (decisions 021 and 030), one set of rows per region and
 * closed business day of that region (in its own time zone), written only by `rebuildDailyRollups` (the `rollup-analytics` job and the
 * `linli rollup` command). The dashboard reads a closed day from here when its `analytics_days`
 * row is present and not dirty, and from the raw orders and refunds otherwise (today always).
 * Every figure here is additive over days (sums, and counts of orders, each paid on one day),
 * except distinct buyers, which are kept as one row per buyer and day to be counted over a period.
 */
const bigFen = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const analyticsDays = pgTable(
  'analytics_days',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    /** the region's time zone the day was rolled up in: a row of another zone is read raw and rolled again */
    timeZone: text('time_zone'),
    gmvFen: bigFen('gmv_fen'),
    paidOrders: integer('paid_orders').notNull().default(0),
    refundFen: bigFen('refund_fen'),
    refunds: integer('refunds').notNull().default(0),
    /** when the day was last rolled up; null for a row only marked dirty */
    rolledAt: timestamp('rolled_at', { withTimezone: true }),
    /** a paid order or a refund counted on this day changed after it was rolled up: read raw until rolled again */
    dirty: boolean('dirty').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day] })],
);

/** GMV of the day's payments by local hour (0–23). */
export const analyticsDayHours = pgTable(
  'analytics_day_hours',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    hour: smallint('hour').notNull(),
    gmvFen: bigFen('gmv_fen'),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.hour] })],
);

/** What each product's lines paid on the day's paid orders. */
export const analyticsDayProducts = pgTable(
  'analytics_day_products',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    productId: uuid('product_id').notNull(),
    gmvFen: bigFen('gmv_fen'),
    quantity: bigint('quantity', { mode: 'number' }).notNull().default(0),
    orders: integer('orders').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.day, t.productId] }),
    // a product's recent days (search ranks catalogue products by their last 30 days' sales)
    index('analytics_day_products_product_idx').on(t.productId, t.day),
  ],
);

/** The day's paid orders by pickup point. */
export const analyticsDayPoints = pgTable(
  'analytics_day_points',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    gmvFen: bigFen('gmv_fen'),
    paidOrders: integer('paid_orders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.pickupPointId] })],
);

/** Who paid on the day and at which point (null: none), once each: distinct buyers over any period. */
export const analyticsDayBuyers = pgTable(
  'analytics_day_buyers',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id'),
  },
  (t) => [index('analytics_day_buyers_day_idx').on(t.regionId, t.day, t.userId, t.pickupPointId)],
);

/**
 * Delivery cost entered for a route on one business day of its region (decision 030): what the
 * trucks and drivers of that route cost that day, in fen. One row per route and day (the unique
 * key makes the entry idempotent: entering the day again replaces it).
 */
export const routeCosts = pgTable(
  'route_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id),
    day: date('day').notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    updatedBy: uuid('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('route_costs_route_day_key').on(t.routeId, t.day),
    index('route_costs_day_idx').on(t.day),
    check('route_costs_cost_check', sql`${t.costFen} >= 0`),
  ],
);
