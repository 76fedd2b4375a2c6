import { pgTable, uuid, text, integer, timestamp, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    status: text('status', { enum: ['open', 'received'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    /**
     * When the delivery is due at the warehouse: set at cutoff from the campaign's pickup day and
     * the setting suppliers.deliveryDue (decision 044); a delivery received later is late.
     */
    expectedAt: timestamp('expected_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('purchase_orders_campaign_supplier_key').on(t.campaignId, t.supplierId),
    // the list pages by (created_at, id), newest first (decision 020)
    index('purchase_orders_created_idx').on(t.createdAt, t.id),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    purchaseOrderId: uuid('purchase_order_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** units sold in the campaign */
    demandQuantity: integer('demand_quantity').notNull(),
    /** units covered by free warehouse stock */
    fromStockQuantity: integer('from_stock_quantity').notNull(),
    /** units ordered from the supplier: (demand - stock) rounded up to the pack size */
    quantity: integer('quantity').notNull(),
    acceptedQuantity: integer('accepted_quantity'),
    rejectedQuantity: integer('rejected_quantity'),
    /** the product's cost when the order was raised: what an accepted unit is paid (decision 044) */
    unitCostFen: integer('unit_cost_fen'),
  },
  (t) => [primaryKey({ columns: [t.purchaseOrderId, t.productId] })],
);

/** One sorting list (分拣单) per pickup point of a campaign, grouped by grid warehouse and route. */
export const sortingLists = pgTable(
  'sorting_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    routeId: uuid('route_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    status: text('status', { enum: ['pending', 'dispatched', 'arrived'] })
      .notNull()
      .default('pending'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sorting_lists_campaign_point_key').on(t.campaignId, t.pickupPointId),
    index('sorting_lists_campaign_route_idx').on(t.campaignId, t.routeId),
  ],
);

export const sortingListLines = pgTable(
  'sorting_list_lines',
  {
    sortingListId: uuid('sorting_list_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** units ordered at cutoff */
    orderedQuantity: integer('ordered_quantity').notNull(),
    /** units to put in the crate: ordered minus shortages found at receiving */
    quantity: integer('quantity').notNull(),
    receivedQuantity: integer('received_quantity'),
    missingQuantity: integer('missing_quantity'),
    damagedQuantity: integer('damaged_quantity'),
  },
  (t) => [primaryKey({ columns: [t.sortingListId, t.productId] })],
);

/** A route's delivery manifest (配送单): its stops in order, dispatched as one truck. */
export const deliveryManifests = pgTable(
  'delivery_manifests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    routeId: uuid('route_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    stops: integer('stops').notNull(),
    units: integer('units').notNull(),
    status: text('status', { enum: ['pending', 'dispatched'] })
      .notNull()
      .default('pending'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('delivery_manifests_campaign_route_key').on(t.campaignId, t.routeId)],
);
