import { pgTable, uuid, integer, timestamp, date, primaryKey, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Free (unallocated) stock per warehouse and product. */
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
    expiresOn: date('expires_on'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lots_product_idx').on(t.productId, t.expiresOn)],
);
