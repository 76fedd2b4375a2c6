import {
  pgTable,
  uuid,
  integer,
  bigint,
  timestamp,
  date,
  text,
  boolean,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Which lots the units of an order line served from free stock came from (decision 043), written by
 * the cutoff in one statement. Units received on a purchase order are traced by `order_lines.lot_id`.
 */
export const orderLineLots = pgTable(
  'order_line_lots',
  {
    orderLineId: uuid('order_line_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderLineId, t.lotId] }),
    index('order_line_lots_lot_idx').on(t.lotId),
    check('order_line_lots_positive', sql`quantity > 0`),
  ],
);

export const RECALL_SCOPES = ['lot', 'product', 'supplier'] as const;
export type RecallScope = (typeof RECALL_SCOPES)[number];
export const RECALL_STATUSES = ['draft', 'active', 'closed'] as const;

/**
 * A recall (召回) of one region: drafted from a lot, a product and receipt dates, or a supplier;
 * confirmed once (draft → active), which freezes what it covers, stops the sale, blocks the stock
 * and notifies; closed when finished. `deadline_at` is the confirmation + 48 hours.
 */
export const recalls = pgTable(
  'recalls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id').notNull(),
    scope: text('scope', { enum: RECALL_SCOPES }).notNull(),
    lotId: uuid('lot_id'),
    productId: uuid('product_id'),
    supplierId: uuid('supplier_id'),
    /** receipt business days (region time) of the lots, inclusive */
    fromDate: date('from_date'),
    toDate: date('to_date'),
    reason: text('reason').notNull(),
    refund: boolean('refund').notNull().default(false),
    status: text('status', { enum: RECALL_STATUSES }).notNull().default('draft'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('recalls_created_idx').on(t.createdAt, t.id),
    index('recalls_due_idx').on(t.deadlineAt).where(sql`status = 'active'`),
  ],
);

/** The lots a confirmed recall covers and the free units of each it blocked (written off). */
export const recallLots = pgTable(
  'recall_lots',
  {
    recallId: uuid('recall_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    blockedUnits: integer('blocked_units').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.recallId, t.lotId] })],
);

/** The order lines a confirmed recall covers (frozen at confirmation) and their refund. */
export const recallLines = pgTable(
  'recall_lines',
  {
    recallId: uuid('recall_id').notNull(),
    orderLineId: uuid('order_line_id').notNull(),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** units of the line that came from the recalled lots */
    units: integer('units').notNull(),
    refundId: uuid('refund_id'),
    refundedFen: integer('refunded_fen').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.recallId, t.orderLineId] }),
    index('recall_lines_order_idx').on(t.recallId, t.orderId),
  ],
);

/** Who was told (customers and the leaders of their pickup points): one outbox message each. */
export const recallNotices = pgTable(
  'recall_notices',
  {
    recallId: uuid('recall_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: ['customer', 'leader'] }).notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.recallId, t.userId, t.role] })],
);

/** Deals closed by a recall (quota set to what was sold) and the quota they had. */
export const recallDeals = pgTable(
  'recall_deals',
  {
    recallId: uuid('recall_id').notNull(),
    campaignItemId: uuid('campaign_item_id').notNull(),
    quotaBefore: integer('quota_before'),
  },
  (t) => [primaryKey({ columns: [t.recallId, t.campaignItemId] })],
);

/** Units brought back at a pickup point (recorded by its leader or the warehouse). */
export const recallReturns = pgTable(
  'recall_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recallId: uuid('recall_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    units: integer('units').notNull(),
    businessKey: text('business_key'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('recall_returns_recall_idx').on(t.recallId, t.pickupPointId),
    uniqueIndex('recall_returns_business_key').on(t.businessKey),
    check('recall_returns_positive', sql`units > 0`),
  ],
);
