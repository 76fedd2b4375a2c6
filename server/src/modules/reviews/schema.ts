import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A customer's review of one line of a completed order (decision 058): the product, its supplier
 * and the order's region are copied on it, so the deal page, the console's moderation queue and
 * the per-product and per-supplier report read this table alone. Hidden by moderation with a
 * reason, never deleted: the customer's points stay theirs.
 */
export const productReviews = pgTable(
  'product_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    orderLineId: uuid('order_line_id').notNull().unique(),
    userId: uuid('user_id').notNull(),
    productId: uuid('product_id').notNull(),
    supplierId: uuid('supplier_id'),
    regionId: uuid('region_id').notNull(),
    rating: integer('rating').notNull(),
    text: text('text'),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: uuid('hidden_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('product_reviews_rating', sql`rating between 1 and 5`),
    check('product_reviews_hidden', sql`(hidden_at is null) = (hidden_reason is null)`),
    index('product_reviews_product_idx').on(t.productId, t.createdAt),
    index('product_reviews_region_idx').on(t.regionId, t.createdAt),
  ],
);

/**
 * A picture a customer uploaded for a review, stored like a product's (an 800 px picture and a
 * 240 px thumbnail, WebP, metadata removed); attached to a review when it is written, at most 6.
 */
export const reviewPhotos = pgTable(
  'review_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    reviewId: uuid('review_id'),
    position: integer('position').notNull().default(0),
    displayKey: text('display_key').notNull(),
    displayWidth: integer('display_width').notNull(),
    displayHeight: integer('display_height').notNull(),
    thumbKey: text('thumb_key').notNull(),
    thumbWidth: integer('thumb_width').notNull(),
    thumbHeight: integer('thumb_height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_photos_review_idx').on(t.reviewId, t.position), index('review_photos_user_idx').on(t.userId)],
);
