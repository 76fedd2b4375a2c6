import { pgTable, uuid, text, timestamp, doublePrecision, index, uniqueIndex } from 'drizzle-orm/pg-core';

export const regions = pgTable(
  'regions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // two cities with one name would be told apart by nobody; the index (not a read first) refuses the second
  (t) => [uniqueIndex('regions_name_key').on(t.name)],
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
