import {
  pgTable,
  uuid,
  text,
  timestamp,
  doublePrecision,
  integer,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const regions = pgTable(
  'regions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    /** a campaign's cutoff when none is given: this local time (HH:MM) on the day before its pickup date */
    cutoffTime: text('cutoff_time').notNull().default('23:00'),
    /** the local hours (HH:MM) on the pickup date when customers may collect */
    pickupFrom: text('pickup_from').notNull().default('08:00'),
    pickupUntil: text('pickup_until').notNull().default('21:00'),
    /** the annual membership's price for customers of this region */
    membershipPriceFen: integer('membership_price_fen').notNull().default(9900),
    /** a leader appointed here without a rate earns this */
    leaderCommissionBps: integer('leader_commission_bps').notNull().default(1000),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // two cities with one name would be told apart by nobody; the index (not a read first) refuses the second
    uniqueIndex('regions_name_key').on(t.name),
    check('regions_cutoff_time', sql`cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check(
      'regions_pickup_window',
      sql`pickup_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and pickup_until ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and pickup_from < pickup_until`,
    ),
    check('regions_membership_price', sql`membership_price_fen >= 0`),
    check('regions_leader_commission', sql`leader_commission_bps between 0 and 10000`),
  ],
);

export const warehouses = pgTable('warehouses', {
  id: uuid('id').primaryKey().defaultRandom(),
  regionId: uuid('region_id')
    .notNull()
    .references(() => regions.id),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['central', 'grid'] }).notNull(),
  parentId: uuid('parent_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const routes = pgTable('routes', {
  id: uuid('id').primaryKey().defaultRandom(),
  regionId: uuid('region_id')
    .notNull()
    .references(() => regions.id),
  name: text('name').notNull(),
  warehouseId: uuid('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const pickupPoints = pgTable(
  'pickup_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pickup_points_route_idx').on(t.routeId)],
);
