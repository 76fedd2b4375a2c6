import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, boolean, date, timestamp, index, primaryKey, check } from 'drizzle-orm/pg-core';

/**
 * The cold chain (decision 042). A temperature logger rides in a grid warehouse's trucks and posts
 * its readings to a signed webhook; operators register it and hand its secret to the device once.
 * `secret` null: a logger that posts unsigned, accepted outside production only.
 */
export const temperatureLoggers = pgTable('temperature_loggers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  secret: text('secret'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Temperatures of chilled and frozen goods, append-only (a trigger refuses updates and deletes):
 * one row per reading, of a route's delivery on a day (the pickup date of its campaigns), per
 * zone, at dispatch (the whole truck) or at arrival at one pickup point. The range in force when
 * it was taken is kept with it, so a later change of the setting never rewrites a breach.
 */
export const temperatureReadings = pgTable(
  'temperature_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    routeId: uuid('route_id').notNull(),
    /** the region the route belonged to when the reading was taken: alerts and scope */
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    stage: text('stage', { enum: ['dispatch', 'arrival'] }).notNull(),
    zone: text('zone', { enum: ['chilled', 'frozen'] }).notNull(),
    /** arrival readings only: the point the goods arrived at */
    pickupPointId: uuid('pickup_point_id'),
    /** tenths of a degree Celsius */
    tenths: integer('tenths').notNull(),
    minTenths: integer('min_tenths'),
    maxTenths: integer('max_tenths'),
    inRange: boolean('in_range').notNull(),
    source: text('source', { enum: ['warehouse', 'leader', 'logger'] }).notNull(),
    loggerId: uuid('logger_id'),
    recordedBy: uuid('recorded_by'),
    measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('temperature_readings_route_day_idx').on(t.routeId, t.day),
    // the quality report looks up breaches by day
    index('temperature_readings_breach_idx').on(t.day, t.routeId).where(sql`not in_range`),
    check('temperature_readings_tenths', sql`tenths between -500 and 600`),
    check('temperature_readings_point', sql`(stage = 'arrival') = (pickup_point_id is not null)`),
  ],
);

/**
 * Signed deliveries already accepted from a logger, by signature: the same signed request again
 * (a replay within the timestamp window) is refused. Rows older than the window can go.
 */
export const temperatureLoggerDeliveries = pgTable(
  'temperature_logger_deliveries',
  {
    loggerId: uuid('logger_id').notNull(),
    signature: text('signature').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.loggerId, t.signature] })],
);

/**
 * Arrival quality per route and delivery day (decision 042): the lines dispatched and how they
 * arrived, recomputed for one route and day whenever an arrival is confirmed or a breach read, so
 * the report sums a year of routes and days (a few thousand rows) instead of its order lines.
 */
export const arrivalQualityDays = pgTable(
  'arrival_quality_days',
  {
    routeId: uuid('route_id').notNull(),
    day: date('day').notNull(),
    regionId: uuid('region_id').notNull(),
    dispatchedLines: integer('dispatched_lines').notNull(),
    goodLines: integer('good_lines').notNull(),
    damagedLines: integer('damaged_lines').notNull(),
    missingLines: integer('missing_lines').notNull(),
    breachedLines: integer('breached_lines').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.routeId, t.day] }), index('arrival_quality_days_day_idx').on(t.day)],
);
