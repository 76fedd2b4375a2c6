import { pgTable, uuid, integer, date, text, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';

/**
 * Behaviour events (decision 045): what shoppers, leaders and operators did (deal viewed, added to
 * cart, checkout started, order placed, shared, searched, coupon claimed, page viewed), sent by the
 * apps in batches, and the business facts written by the server where they happen (paid, refunded,
 * picked up). Range-partitioned by `at`, one partition per UTC day (migration
 * 0042_behaviour_event_partitions creates the table partitioned; this declaration gives its columns
 * to drizzle): a day's reads touch only its partitions and retention drops whole partitions.
 * Nothing personal is kept: the user's id (from the session, never from the body), an anonymous
 * device id, and ids of deals, products, pickup points and orders.
 */
export const behaviourEvents = pgTable(
  'behaviour_events',
  {
    /** the client's own id of the event (the server's for its own events): a batch sent twice is kept once */
    id: uuid('id').notNull(),
    /** when it happened: the client's clock, kept within the accepted window (rules.ts) */
    at: timestamp('at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    /** shop, leader, console or server */
    source: text('source').notNull(),
    /** the browser's anonymous id; null on the server's events */
    deviceId: uuid('device_id'),
    userId: uuid('user_id'),
    /** the region of the pickup point (or of the order), resolved by the server */
    regionId: uuid('region_id'),
    pickupPointId: uuid('pickup_point_id'),
    dealId: uuid('deal_id'),
    productId: uuid('product_id'),
    orderId: uuid('order_id'),
    /** a search's text, capped and with anything like a phone number or other digits removed */
    query: text('query'),
    /** the console's or leader app's screen (a route name, never a URL with ids) */
    page: text('page'),
  },
  (t) => [primaryKey({ columns: [t.id, t.at] }), index('behaviour_events_region_at_idx').on(t.regionId, t.at)],
);

/**
 * The purchase funnel of each closed business day of a region (its own time zone), rolled up from
 * the events by the `rollup-funnel` job: distinct people (the user when signed in, else the device)
 * who viewed a deal, added to cart, placed an order, paid. Today and days not rolled are read raw.
 */
export const funnelDays = pgTable(
  'funnel_days',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    /** the zone the day was rolled up in: a row of another zone is read raw */
    timeZone: text('time_zone').notNull(),
    viewers: integer('viewers').notNull().default(0),
    carters: integer('carters').notNull().default(0),
    orderers: integer('orderers').notNull().default(0),
    payers: integer('payers').notNull().default(0),
    rolledAt: timestamp('rolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day] })],
);

/** The same per pickup point (people are distinct per point; a region's figure is not the points' sum). */
export const funnelDayPoints = pgTable(
  'funnel_day_points',
  {
    regionId: uuid('region_id').notNull(),
    day: date('day').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    viewers: integer('viewers').notNull().default(0),
    carters: integer('carters').notNull().default(0),
    orderers: integer('orderers').notNull().default(0),
    payers: integer('payers').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.pickupPointId] })],
);
