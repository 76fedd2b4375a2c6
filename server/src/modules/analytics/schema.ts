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
} from 'drizzle-orm/pg-core';

/**
 * Daily rollups of the dashboard's figures (decision 021), one set of rows per closed business
 * day (Asia/Shanghai), written only by `rebuildDailyRollups` (the `rollup-analytics` job and the
 * `linli rollup` command). The dashboard reads a closed day from here when its `analytics_days`
 * row is present and not dirty, and from the raw orders and refunds otherwise (today always).
 * Every figure here is additive over days (sums, and counts of orders, each paid on one day),
 * except distinct buyers, which are kept as one row per buyer and day to be counted over a period.
 */
const bigFen = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const analyticsDays = pgTable('analytics_days', {
  day: date('day').primaryKey(),
  gmvFen: bigFen('gmv_fen'),
  paidOrders: integer('paid_orders').notNull().default(0),
  refundFen: bigFen('refund_fen'),
  refunds: integer('refunds').notNull().default(0),
  /** when the day was last rolled up; null for a row only marked dirty */
  rolledAt: timestamp('rolled_at', { withTimezone: true }),
  /** a paid order or a refund counted on this day changed after it was rolled up: read raw until rolled again */
  dirty: boolean('dirty').notNull().default(false),
});

/** GMV of the day's payments by local hour (0–23). */
export const analyticsDayHours = pgTable(
  'analytics_day_hours',
  {
    day: date('day').notNull(),
    hour: smallint('hour').notNull(),
    gmvFen: bigFen('gmv_fen'),
  },
  (t) => [primaryKey({ columns: [t.day, t.hour] })],
);

/** What each product's lines paid on the day's paid orders. */
export const analyticsDayProducts = pgTable(
  'analytics_day_products',
  {
    day: date('day').notNull(),
    productId: uuid('product_id').notNull(),
    gmvFen: bigFen('gmv_fen'),
    quantity: bigint('quantity', { mode: 'number' }).notNull().default(0),
    orders: integer('orders').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.productId] }),
    // a product's recent days (search ranks catalogue products by their last 30 days' sales)
    index('analytics_day_products_product_idx').on(t.productId, t.day),
  ],
);

/** The day's paid orders by pickup point. */
export const analyticsDayPoints = pgTable(
  'analytics_day_points',
  {
    day: date('day').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    gmvFen: bigFen('gmv_fen'),
    paidOrders: integer('paid_orders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.pickupPointId] })],
);

/** Who paid on the day and at which point (null: none), once each: distinct buyers over any period. */
export const analyticsDayBuyers = pgTable(
  'analytics_day_buyers',
  {
    day: date('day').notNull(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id'),
  },
  (t) => [index('analytics_day_buyers_day_idx').on(t.day, t.userId, t.pickupPointId)],
);
