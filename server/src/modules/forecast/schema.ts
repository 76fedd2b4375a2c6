import {
  pgTable,
  uuid,
  bigint,
  boolean,
  date,
  doublePrecision,
  timestamp,
  index,
  primaryKey,
  text,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The demand history the forecast reads (decision 049), one set of rows per region and closed
 * business day of that region (in its own time zone), written only by `rollUpDemand` (the
 * `rollup-demand` job). A day's demand at a pickup point is the units of the goods orders paid
 * that day there: what customers wanted, whatever happened to the order later. A day without a
 * row here, or dirty, is read from the raw orders (today always), so the figures never depend on
 * whether the job has run.
 */
export const demandDays = pgTable(
  'demand_days',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    /** the region's time zone the day was rolled up in: a row of another zone is read raw and rolled again */
    timeZone: text('time_zone'),
    /** null for a row only marked dirty */
    rolledAt: timestamp('rolled_at', { withTimezone: true }),
    /** an order paid on this day, or a campaign cut off on it, changed after it was rolled up */
    dirty: boolean('dirty').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day] })],
);

/**
 * The products on sale in the region on the day (in a campaign cut off that day) and what the day
 * says about their demand: `normal`, `sold_out` (a quota was reached: demand at least what sold)
 * or `promoted` (flash or group-tier price: a lift that does not repeat). A product without a row
 * was not on sale: its day is missing, not zero.
 */
export const demandDayProducts = pgTable(
  'demand_day_products',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    productId: uuid('product_id').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.day, t.productId] }),
    check('demand_day_products_kind', sql`${t.kind} in ('normal', 'sold_out', 'promoted')`),
  ],
);

/** Units paid for on the day per product and pickup point (only cells with units). */
export const demandDayUnits = pgTable(
  'demand_day_units',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    productId: uuid('product_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    units: bigint('units', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.productId, t.pickupPointId] })],
);

/**
 * The forecast of a day as it stood before the day began: written once per cell (a later
 * recording of the same day changes nothing) and only for days not yet begun in the region, so
 * the expected units shown beside the actual ones at cutoff cannot be rewritten after the fact.
 */
export const demandForecasts = pgTable(
  'demand_forecasts',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    productId: uuid('product_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    units: doublePrecision('units').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.day, t.productId, t.pickupPointId] }),
    index('demand_forecasts_day_idx').on(t.regionId, t.day, t.productId),
  ],
);
