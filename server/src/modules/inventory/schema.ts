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
 * Free (unallocated) stock per warehouse and product: always the sum of the product's movements
 * in the warehouse (stock_movements), and the sum of its lots' remaining units.
 */
export const warehouseStock = pgTable(
  'warehouse_stock',
  {
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.productId] }), check('warehouse_stock_nonneg', sql`quantity >= 0`)],
);

/** A received batch with its expiry date: the link from an order line back to its supplier. */
export const lots = pgTable(
  'lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    purchaseOrderId: uuid('purchase_order_id'),
    quantity: integer('quantity').notNull(),
    /** units of the lot still in free stock (taken first-expiry-first) */
    remaining: integer('remaining').notNull().default(0),
    expiresOn: date('expires_on'),
    /** why an expired or short-dated lot was accepted anyway */
    overrideReason: text('override_reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lots_product_idx').on(t.productId, t.expiresOn),
    index('lots_remaining_idx').on(t.warehouseId, t.productId, t.expiresOn).where(sql`remaining > 0`),
    check('lots_remaining_nonneg', sql`remaining >= 0`),
  ],
);

export const MOVEMENT_KINDS = [
  'received',
  'allocated',
  'returned',
  'written_off',
  'marked_down',
  'transfer_in',
  'transfer_out',
  'counted',
  // units sent back to their supplier (credited on its payables, decision 044)
  'returned_to_supplier',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const WRITE_OFF_REASONS = ['expired', 'damaged', 'quality', 'lost', 'other'] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

/**
 * The stock ledger: every change of free stock is one row, never updated or deleted. The
 * business key (unique) makes a retried request post once.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    /** signed units: + into free stock, − out of it */
    quantity: integer('quantity').notNull(),
    /** a write-off's reason from the fixed list (WRITE_OFF_REASONS) */
    reasonCode: text('reason_code', { enum: WRITE_OFF_REASONS }),
    /** the operator's reason in their words (an adjustment's, an override's) */
    reason: text('reason'),
    note: text('note'),
    businessKey: text('business_key'),
    /** the purchase order, campaign, count or transfer the movement belongs to */
    refId: uuid('ref_id'),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stock_movements_business_key').on(t.businessKey),
    index('stock_movements_page_idx').on(t.createdAt, t.id),
    index('stock_movements_stock_idx').on(t.warehouseId, t.productId, t.createdAt),
    check('stock_movements_nonzero', sql`quantity <> 0`),
  ],
);

/** Which lots a movement took units from (−) or put units into (+). */
export const stockMovementLots = pgTable(
  'stock_movement_lots',
  {
    movementId: uuid('movement_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.movementId, t.lotId] }), index('stock_movement_lots_lot_idx').on(t.lotId)],
);

/** A stock count (盘点) of one warehouse: opened with a snapshot, counted, then posted once. */
export const stockCounts = pgTable(
  'stock_counts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    warehouseId: uuid('warehouse_id').notNull(),
    status: text('status', { enum: ['open', 'posted'] })
      .notNull()
      .default('open'),
    openedBy: uuid('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    postedBy: uuid('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('stock_counts_one_open').on(t.warehouseId).where(sql`status = 'open'`),
    index('stock_counts_page_idx').on(t.openedAt, t.id),
  ],
);

export const stockCountLines = pgTable(
  'stock_count_lines',
  {
    countId: uuid('count_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** free stock when the count was opened */
    expectedQuantity: integer('expected_quantity').notNull(),
    countedQuantity: integer('counted_quantity'),
  },
  (t) => [
    primaryKey({ columns: [t.countId, t.productId] }),
    check('stock_count_lines_counted_nonneg', sql`counted_quantity >= 0`),
  ],
);
