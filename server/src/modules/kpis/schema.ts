import { sql } from 'drizzle-orm';
import {
  bigint,
  bit,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Daily facts of the KPI page (decision 046), per region and closed business day of that region,
 * written only by `rollUpKpiDays` (the `rollup-kpis` job). Every fact is stamped on the business day
 * of the event that makes it (a sale on its payment, a refund on its decision, a pickup on its
 * scan), so a closed day never changes afterwards and no later write has to mark it dirty. The KPI
 * page reads a day from here when its `kpi_days` row was rolled after the day's grace, in the
 * region's current zone; today from its rows rolled so far and the raw rows since; every other day
 * from the raw rows, by the same statement.
 */
const big = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const kpiDays = pgTable(
  'kpi_days',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    timeZone: text('time_zone').notNull(),
    rolledAt: timestamp('rolled_at', { withTimezone: true }).notNull(),
    /**
     * set for today's rows, rolled every few minutes: they hold the day's events before this
     * instant (the grace before the roll), the page reads the rest raw (decision 055)
     */
    rolledThrough: timestamp('rolled_through', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day] })],
);

/**
 * Additive facts by pickup point, category and whether the order was a member's: any drill-down
 * is a sum of these rows, and a ratio a sum of numerators over a sum of denominators. Money that
 * no line carries (a refund's part not split over lines) is under category ''.
 */
/** The additive facts of a day (GMV, units, refunds…), the columns of both facts tables. */
const dayMeasures = () => ({
  /** what the day's paid lines paid (GMV), their units and count */
  gmvFen: big('gmv_fen'),
  units: big('units'),
  lines: big('lines'),
  /** what the day's paid lines of flash deals paid */
  flashGmvFen: big('flash_gmv_fen'),
  /** money refunded on the day, and units refunded as shortage */
  refundFen: big('refund_fen'),
  shortUnits: big('short_units'),
  /** lines refunded on the day as missing or wrong at pickup, and lines picked up on the day */
  errorLines: big('error_lines'),
  pickedUpLines: big('picked_up_lines'),
  /**
   * the day's paid orders, each counted once under the category of its first line (so their sum
   * over categories is the day's orders; orders by category are not a KPI)
   */
  orders: big('orders'),
});

export const kpiDayFacts = pgTable(
  'kpi_day_facts',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    /** the order's pickup point; null for an order without one */
    pickupPointId: uuid('pickup_point_id'),
    category: text('category').notNull(),
    member: boolean('member').notNull(),
    ...dayMeasures(),
  },
  (t) => [index('kpi_day_facts_day_idx').on(t.regionId, t.day)],
);

/**
 * The same facts summed over categories (decision 052): every view of the KPI page but the
 * drill-down by category reads these, a seventh of the rows at the demo's seven categories.
 */
export const kpiDayPointFacts = pgTable(
  'kpi_day_point_facts',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    pickupPointId: uuid('pickup_point_id'),
    member: boolean('member').notNull(),
    ...dayMeasures(),
  },
  (t) => [index('kpi_day_point_facts_day_idx').on(t.regionId, t.day)],
);

/**
 * One row per customer, day, pickup point and membership state with a paid order: distinct
 * buyers, repurchasers and members over any period are counted from these rows, and the median
 * days to a second purchase is taken over `days_to_second` (set on the day of a customer's
 * second paid order ever, so each customer contributes once).
 */
export const kpiDayCustomers = pgTable(
  'kpi_day_customers',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id'),
    member: boolean('member').notNull(),
    orders: integer('orders').notNull(),
    gmvFen: big('gmv_fen'),
    /** the customer's first paid order ever was on this day */
    firstPurchase: boolean('first_purchase').notNull(),
    /** business days from the first paid order's day to this day, when the second paid order ever was on it */
    daysToSecond: integer('days_to_second'),
  },
  (t) => [
    index('kpi_day_customers_day_idx').on(t.regionId, t.day),
    // the median days to a second purchase reads only these (one a customer, ever), and new-customer
    // conversion only the days of first purchases: each from its index alone (an index-only scan
    // of a year's 110,000 entries instead of as many heap pages, decision 053)
    index('kpi_day_customers_second_idx')
      .on(t.regionId, t.day, t.daysToSecond, t.pickupPointId, t.member)
      .where(sql`days_to_second is not null`),
    index('kpi_day_customers_first_idx').on(t.regionId, t.day, t.userId).where(sql`first_purchase`),
  ],
);

/**
 * Orders made ready for pickup on a day (arrived at their point), by the tenths of an hour from
 * their payment (rounded down): the histogram the median and 90th percentile of fulfilment time
 * are read from (decision 052). Stamped on the day they were made ready, final like the facts.
 */
export const kpiDayReadyHours = pgTable(
  'kpi_day_ready_hours',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    tenths: integer('tenths').notNull(),
    orders: big('orders'),
  },
  (t) => [index('kpi_day_ready_hours_day_idx').on(t.regionId, t.day)],
);

/**
 * The same per-customer rows folded into a bit a day, one row per customer, calendar year (of the
 * region's business days), pickup point and membership state (decision 052): bit i of `days` is
 * set when the customer paid for an order on January 1 + i days, of `multi` when for two or more.
 * Distinct buyers and repurchasers of any period are then counted from one row a customer
 * (`bit_count` of the row and a mask of the period's days) instead of one a customer and day; a
 * year at 10 million lines reads about 140,000 rows instead of 2.5 million. Written by the rollup
 * job with `kpi_day_customers`, from it.
 */
export const kpiCustomerYears = pgTable(
  'kpi_customer_years',
  {
    regionId: uuid('region_id').notNull(),
    year: integer('year').notNull(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id'),
    member: boolean('member').notNull(),
    days: bit('days', { dimensions: 366 }).notNull(),
    multi: bit('multi', { dimensions: 366 }).notNull(),
  },
  (t) => [
    unique('kpi_customer_years_key').on(t.regionId, t.year, t.userId, t.pickupPointId, t.member).nullsNotDistinct(),
  ],
);

/**
 * Paid-membership penetration at the end of each rolled day (decision 053): of the customers who
 * paid an order in the 90 days to it, how many, and how many had a paid membership active at its
 * end; per pickup point and (`whole`) over the region, where a customer of two points counts once.
 * The page reads a period's figure as the row of its last closed day instead of counting about
 * 230,000 customer-periods; written by the rollup job, from `kpi_customer_years`.
 */
export const kpiDayPenetration = pgTable(
  'kpi_day_penetration',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    whole: boolean('whole').notNull(),
    pickupPointId: uuid('pickup_point_id'),
    buyers: integer('buyers').notNull(),
    members: integer('members').notNull(),
  },
  (t) => [unique('kpi_day_penetration_key').on(t.regionId, t.day, t.whole, t.pickupPointId).nullsNotDistinct()],
);

/**
 * New customers by business day of registration and the pickup point they chose (decision 055),
 * and how many of them paid a first order within 7 days of registering. A day's row is written
 * when the rollup job rolls the day 8 days later, once every one of its conversions is decided;
 * the page reads the days since then from the users.
 */
export const kpiDayRegistrations = pgTable(
  'kpi_day_registrations',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    registered: integer('registered').notNull(),
    converted: integer('converted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.pickupPointId] })],
);

/**
 * A KPI alert rule (decision 046): the KPI of the last closed business day of a region (or of
 * every region, `region_id` null) below or above `threshold` (in the KPI's unit: a fraction for a
 * percentage, fen for money), or dropped by `drop_percent` % against the average of the same
 * weekday of the 4 weeks before. `crossed` is the state the last evaluation found: an alert is
 * raised only when it turns true (once per crossing), and `crossings` numbers them so a new
 * crossing after a recovery has a new business key.
 */
export const kpiAlertRules = pgTable(
  'kpi_alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kpiKey: text('kpi_key').notNull(),
    regionId: uuid('region_id'),
    kind: text('kind', { enum: ['below', 'above', 'drop'] }).notNull(),
    threshold: doublePrecision('threshold'),
    dropPercent: doublePrecision('drop_percent'),
    crossed: boolean('crossed').notNull().default(false),
    crossings: integer('crossings').notNull().default(0),
    lastValue: doublePrecision('last_value'),
    lastDay: date('last_day'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kpi_alert_rules_region_idx').on(t.regionId),
    check(
      'kpi_alert_rules_kind',
      sql`(kind in ('below', 'above') and threshold is not null) or (kind = 'drop' and drop_percent > 0 and drop_percent <= 100)`,
    ),
  ],
);
