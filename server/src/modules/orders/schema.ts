import { pgTable, uuid, text, integer, timestamp, bigserial, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const ORDER_STATUSES = ['pending_payment', 'paid', 'cancelled', 'closed', 'ready', 'completed'] as const;
export const LINE_STATUSES = ['pending', 'allocated', 'short', 'arrived', 'picked_up', 'refunded'] as const;

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** human-facing order number, sequential only for display; never used for lookup by others */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: ['goods', 'membership'] })
      .notNull()
      .default('goods'),
    userId: uuid('user_id').notNull(),
    regionId: uuid('region_id').notNull(),
    campaignId: uuid('campaign_id'),
    pickupPointId: uuid('pickup_point_id'),
    /** the orders of one pickup day placed and paid together (payment_groups); null for an order paid on its own */
    paymentGroupId: uuid('payment_group_id'),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending_payment'),
    subtotalFen: integer('subtotal_fen').notNull(),
    memberDiscountFen: integer('member_discount_fen').notNull().default(0),
    fullReductionFen: integer('full_reduction_fen').notNull().default(0),
    fullReductionId: uuid('full_reduction_id'),
    couponFen: integer('coupon_fen').notNull().default(0),
    couponId: uuid('coupon_id'),
    pointsUsed: integer('points_used').notNull().default(0),
    pointsFen: integer('points_fen').notNull().default(0),
    totalFen: integer('total_fen').notNull(),
    refundedFen: integer('refunded_fen').notNull().default(0),
    pickupCode: text('pickup_code'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Lists page by (created_at, seq), newest first (decision 020): each list has an index in that order.
    index('orders_user_idx').on(t.userId, t.createdAt, t.seq),
    // No index names `status` or `closed_at`, even in a condition: the cutoff's close (paid → closed), a
    // whole day of orders at once, then rewrites each order in place on its page (a HOT update, with the
    // table's fillfactor leaving room), not once in every index (decision 023).
    index('orders_campaign_idx').on(t.campaignId),
    index('orders_point_campaign_idx').on(t.pickupPointId, t.campaignId, t.createdAt, t.seq),
    index('orders_point_created_idx').on(t.pickupPointId, t.createdAt, t.seq),
    index('orders_created_idx').on(t.createdAt, t.seq),
    // unpaid: every way out of pending_payment sets paid_at or cancelled_at
    index('orders_unpaid_expiry_idx').on(t.expiresAt).where(sql`paid_at is null and cancelled_at is null`),
    uniqueIndex('orders_point_pickup_code_key').on(t.pickupPointId, t.pickupCode),
    // a code typed at the wrong point is found by the code alone, to tell the leader so (decision 034)
    index('orders_pickup_code_idx').on(t.pickupCode).where(sql`pickup_code is not null`),
    // promotion usage reports; partial, so orders without a promotion cost nothing to insert
    index('orders_coupon_idx').on(t.couponId).where(sql`coupon_id is not null`),
    index('orders_full_reduction_idx').on(t.fullReductionId).where(sql`full_reduction_id is not null`),
    // the dashboard's raw days (today): goods orders by payment time (decision 021)
    index('orders_goods_paid_idx').on(t.paidAt).where(sql`kind = 'goods' and paid_at is not null`),
    // orders waiting at their pickup point (arrived, not collected): a few thousand of a year's; named
    // by the arrival's and pickup's timestamps, since an index naming `status` would stop HOT updates
    index('orders_uncollected_idx').on(t.createdAt, t.seq).where(sql`ready_at is not null and completed_at is null`),
    // the KPI page's fulfilment time of today (decision 052): orders by the instant they were made
    // ready; the arrival already names ready_at in the index above, so it costs no HOT update
    index('orders_ready_idx').on(t.readyAt).where(sql`kind = 'goods' and ready_at is not null`),
    // the other orders of a payment group (its payment, expiry, coupon); partial: most orders have none
    index('orders_payment_group_idx').on(t.paymentGroupId).where(sql`payment_group_id is not null`),
    // the console's search by order number (LL…)
    index('orders_seq_idx').on(t.seq),
    // a customer's paid goods orders in payment order: the KPI facts read the first two before an
    // order (first purchase, days to the second) from here, two index entries instead of every order
    index('orders_user_paid_idx').on(t.userId, t.paidAt).where(sql`kind = 'goods' and paid_at is not null`),
    check(
      'orders_money_consistent',
      sql`total_fen >= 0 and refunded_fen >= 0 and refunded_fen <= total_fen
    and total_fen = subtotal_fen - full_reduction_fen - coupon_fen - points_fen`,
    ),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    campaignItemId: uuid('campaign_item_id').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    listPriceFen: integer('list_price_fen').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    memberDiscountFen: integer('member_discount_fen').notNull().default(0),
    fullReductionFen: integer('full_reduction_fen').notNull().default(0),
    couponFen: integer('coupon_fen').notNull().default(0),
    pointsFen: integer('points_fen').notNull().default(0),
    discountFen: integer('discount_fen').notNull().default(0),
    paidFen: integer('paid_fen').notNull(),
    /** units claimed by refunds (requested or done): caps after-sales requests */
    refundQuantity: integer('refund_quantity').notNull().default(0),
    refundedFen: integer('refunded_fen').notNull().default(0),
    /** part of paid_fen returned as a price adjustment (group-tier difference); unit refunds prorate over the rest */
    priceAdjustedFen: integer('price_adjusted_fen').notNull().default(0),
    status: text('status', { enum: LINE_STATUSES }).notNull().default('pending'),
    lotId: uuid('lot_id'),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId),
    index('order_lines_item_idx').on(t.campaignItemId),
    // the KPI facts' pickups of a day (decision 046); only a pickup writes picked_up_at, so the
    // cutoff's bulk updates of lines stay HOT
    index('order_lines_picked_up_idx').on(t.pickedUpAt).where(sql`picked_up_at is not null`),
    check(
      'order_lines_money',
      sql`quantity >= 1 and paid_fen >= 0 and discount_fen >= 0
    and paid_fen = unit_price_fen * quantity - discount_fen
    and refund_quantity between 0 and quantity and refunded_fen between 0 and paid_fen`,
    ),
  ],
);
