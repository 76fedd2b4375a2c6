import {
  pgTable,
  uuid,
  integer,
  timestamp,
  date,
  text,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Freshness (decision 041): when to warn about stock nearing its expiry, when to mark it down,
 * and the weekly loss figures. Rules name a product or a category (one of the two); a product's
 * own rules win over its category's.
 */

/** 临期提醒: alert this many days (or fewer) before a lot's expiry. One rule per product or category. */
export const expiryAlertRules = pgTable(
  'expiry_alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id'),
    category: text('category'),
    daysBeforeExpiry: integer('days_before_expiry').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('expiry_alert_rules_product').on(t.productId),
    uniqueIndex('expiry_alert_rules_category').on(t.category),
    check('expiry_alert_rules_subject', sql`num_nonnulls(product_id, category) = 1`),
    check('expiry_alert_rules_days', sql`days_before_expiry between 0 and 365`),
  ],
);

export const MARKDOWN_BASES = ['days_left', 'age'] as const;
export type MarkdownBasis = (typeof MARKDOWN_BASES)[number];

/**
 * 临期打折: a discount (basis points of the list price) once a lot has `days` or fewer days left
 * before expiry (`days_left`), or is `days` or more days old since it was received (`age`).
 * A subject may have several steps (e.g. 2 days left 20 %, 1 day left 40 %).
 */
export const markdownRules = pgTable(
  'markdown_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id'),
    category: text('category'),
    basis: text('basis', { enum: MARKDOWN_BASES }).notNull(),
    days: integer('days').notNull(),
    discountBps: integer('discount_bps').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('markdown_rules_step').on(sql`coalesce(${t.productId}::text, ${t.category})`, t.basis, t.days),
    check('markdown_rules_subject', sql`num_nonnulls(product_id, category) = 1`),
    check('markdown_rules_days', sql`days between 0 and 365`),
    check('markdown_rules_discount', sql`discount_bps between 1 and 9900`),
  ],
);

/** The markdown campaign (尾货秒杀) of a region and business day: claimed once, so two servers share it. */
export const markdownCampaigns = pgTable(
  'markdown_campaigns',
  {
    regionId: uuid('region_id').notNull(),
    businessDay: date('business_day').notNull(),
    campaignId: uuid('campaign_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.businessDay] })],
);

/**
 * A lot put on a markdown deal on a business day: its remaining units left free stock (a
 * `marked_down` movement) to be the deal's quota; the cutoff puts them back (`returned`) and
 * serves the deal's sold units like any stock. One per lot and day.
 */
export const markdownDeals = pgTable(
  'markdown_deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lotId: uuid('lot_id').notNull(),
    businessDay: date('business_day').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    campaignItemId: uuid('campaign_item_id').notNull(),
    movementId: uuid('movement_id').notNull(),
    ruleId: uuid('rule_id'),
    units: integer('units').notNull(),
    listPriceFen: integer('list_price_fen').notNull(),
    priceFen: integer('price_fen').notNull(),
    discountBps: integer('discount_bps').notNull(),
    /** when the cutoff put the units back into free stock */
    releasedAt: timestamp('released_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('markdown_deals_lot_day').on(t.lotId, t.businessDay),
    index('markdown_deals_campaign_idx').on(t.campaignId),
    check('markdown_deals_units', sql`units > 0`),
  ],
);

/** A week's loss figures (decision 041), the same columns in both rollups. */
const lossFacts = () => ({
  received: integer('received').notNull(),
  stockReceived: integer('stock_received').notNull(),
  writtenOff: integer('written_off').notNull(),
  expired: integer('expired').notNull(),
  rejected: integer('rejected').notNull(),
  damaged: integer('damaged').notNull(),
});

/**
 * The loss figures of closed weeks, per warehouse, product and week (Monday, region time): a week
 * that has ended gets no new rows (every source is stamped with now()), so it is summed once.
 */
export const lossWeeks = pgTable(
  'loss_weeks',
  {
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    weekStart: date('week_start').notNull(),
    ...lossFacts(),
  },
  (t) => [primaryKey({ columns: [t.weekStart, t.warehouseId, t.productId] })],
);

/**
 * The same closed weeks per warehouse and category, for the year views (by warehouse, by category):
 * some 4,000 rows a year for a city instead of 400,000. A week keeps the category its products
 * had when it closed, as a closed accounting period keeps its figures.
 */
export const lossCategoryWeeks = pgTable(
  'loss_category_weeks',
  {
    warehouseId: uuid('warehouse_id').notNull(),
    category: text('category').notNull(),
    weekStart: date('week_start').notNull(),
    ...lossFacts(),
  },
  (t) => [primaryKey({ columns: [t.weekStart, t.warehouseId, t.category] })],
);

/** Per region: every week starting before `rolled_until` is in loss_weeks and loss_category_weeks. */
export const lossRollupState = pgTable('loss_rollup_state', {
  regionId: uuid('region_id').primaryKey(),
  rolledUntil: date('rolled_until').notNull(),
});
