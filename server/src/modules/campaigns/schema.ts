import {
  pgTable,
  uuid,
  text,
  integer,
  timestamp,
  date,
  jsonb,
  index,
  primaryKey,
  check,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { pickupPoints, routes } from '../network/schema.js';

/** A campaign (团期): the deals of one order day, closed at cutoffAt, picked up on pickupDate. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    cutoffAt: timestamp('cutoff_at', { withTimezone: true }).notNull(),
    pickupDate: date('pickup_date').notNull(),
    status: text('status', { enum: ['open', 'cut_off'] })
      .notNull()
      .default('open'),
    cutOffAt: timestamp('cut_off_at', { withTimezone: true }),
    /** the campaign this one was copied from in one action ("copy to tomorrow"), if so */
    copiedFrom: uuid('copied_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaigns_open_idx').on(t.status, t.cutoffAt),
    // one copy of a campaign per pickup date: a second click or a second operator gets 409
    uniqueIndex('campaigns_copy_key').on(t.copiedFrom, t.pickupDate),
    // the console's list pages by (cutoff_at, id), latest first (decision 020)
    index('campaigns_cutoff_idx').on(t.cutoffAt, t.id),
  ],
);

/**
 * Where a campaign is offered when not in its whole region (区域差异化选品): each row names one
 * route (all its points) or one pickup point of the campaign's region. A campaign without rows is
 * offered at every point of its region.
 */
export const campaignTargets = pgTable(
  'campaign_targets',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    routeId: uuid('route_id').references(() => routes.id),
    pickupPointId: uuid('pickup_point_id').references(() => pickupPoints.id),
  },
  (t) => [
    uniqueIndex('campaign_targets_route_key').on(t.campaignId, t.routeId),
    uniqueIndex('campaign_targets_point_key').on(t.campaignId, t.pickupPointId),
    check('campaign_targets_one', sql`num_nonnulls(route_id, pickup_point_id) = 1`),
  ],
);

/** A deal. `sold` moves only by conditional updates, so it never passes `quota`. */
export const campaignItems = pgTable(
  'campaign_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    productId: uuid('product_id').notNull(),
    priceFen: integer('price_fen').notNull(),
    memberPriceFen: integer('member_price_fen'),
    quota: integer('quota'),
    sold: integer('sold').notNull().default(0),
    perCustomerLimit: integer('per_customer_limit'),
    saleStartsAt: timestamp('sale_starts_at', { withTimezone: true }),
    groupTiers: jsonb('group_tiers'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('campaign_items_campaign_idx').on(t.campaignId),
    check('campaign_items_sold_within_quota', sql`sold >= 0 and (quota is null or sold <= quota)`),
    check('campaign_items_price_nonneg', sql`price_fen >= 0 and (member_price_fen is null or member_price_fen >= 0)`),
  ],
);

/**
 * Units each customer holds of a deal across non-cancelled orders. A conditional upsert on
 * this row enforces perCustomerLimit even for simultaneous orders.
 */
export const customerItemHoldings = pgTable(
  'customer_item_holdings',
  {
    campaignItemId: uuid('campaign_item_id').notNull(),
    userId: uuid('user_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignItemId, t.userId] }),
    check('customer_item_holdings_nonneg', sql`quantity >= 0`),
  ],
);

/**
 * 开抢提醒: a customer asked to be told when a flash deal opens. The primary key keeps one
 * subscription per customer and deal; `sent_at` is set in the same statement that writes the
 * outbox message, and only where it was still null, so each reminder goes out once.
 */
export const flashReminders = pgTable(
  'flash_reminders',
  {
    userId: uuid('user_id').notNull(),
    campaignItemId: uuid('campaign_item_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.campaignItemId] }),
    index('flash_reminders_due_idx').on(t.campaignItemId).where(sql`sent_at is null`),
  ],
);
