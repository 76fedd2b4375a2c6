import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  integer,
  timestamp,
  date,
  jsonb,
  doublePrecision,
  boolean,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';

/**
 * What Linli owes its suppliers (decision 044): one row per purchase order line received (its
 * accepted units at the line's unit cost) and one per return to the supplier (negative). Rows are
 * written once (business key) and never changed except to be put on a settlement statement.
 */
export const supplierPayables = pgTable(
  'supplier_payables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id').notNull(),
    /** the receiving warehouse's region: operators limited to regions see their regions' payables */
    regionId: uuid('region_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    purchaseOrderId: uuid('purchase_order_id').notNull(),
    productId: uuid('product_id').notNull(),
    kind: text('kind', { enum: ['receipt', 'return'] }).notNull(),
    /** signed: accepted units (+), units returned to the supplier (−) */
    units: integer('units').notNull(),
    unitCostFen: integer('unit_cost_fen').notNull(),
    /** signed integer fen: units × unit cost */
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason'),
    businessKey: text('business_key').notNull(),
    /** the stock movement of a return (kind returned_to_supplier) */
    movementId: uuid('movement_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    statementId: uuid('statement_id'),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supplier_payables_business_key').on(t.businessKey),
    index('supplier_payables_supplier_idx').on(t.supplierId, t.occurredAt),
    index('supplier_payables_statement_idx').on(t.statementId),
    index('supplier_payables_unstated_idx').on(t.supplierId, t.regionId).where(sql`statement_id is null`),
    check('supplier_payables_amount', sql`amount_fen = units * unit_cost_fen and unit_cost_fen >= 0`),
  ],
);

/** A settlement statement (结算单): a supplier's payables of one region up to a month's end, paid once. */
export const supplierStatements = pgTable(
  'supplier_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id').notNull(),
    regionId: uuid('region_id').notNull(),
    /** YYYY-MM: the month whose end (in the region's time zone) bounds the payables it holds */
    period: text('period').notNull(),
    status: text('status', { enum: ['open', 'paid'] })
      .notNull()
      .default('open'),
    amountFen: integer('amount_fen').notNull().default(0),
    lineCount: integer('line_count').notNull().default(0),
    paidReference: text('paid_reference'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paidBy: uuid('paid_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supplier_statements_key').on(t.supplierId, t.regionId, t.period),
    index('supplier_statements_period_idx').on(t.period, t.status),
    check('supplier_statements_paid', sql`status <> 'paid' or (paid_reference is not null and paid_at is not null)`),
  ],
);

/**
 * A closed month of a supplier's scorecard: the raw counts it was computed from, the score and the
 * rank at closing. Written once per supplier and month by the closing job (primary key), so the
 * ranking of past months reads stored figures and a repeated run changes nothing.
 */
export const supplierScorecards = pgTable(
  'supplier_scorecards',
  {
    supplierId: uuid('supplier_id').notNull(),
    /** YYYY-MM, by the pickup day of the purchase orders' campaigns */
    month: text('month').notNull(),
    orderedUnits: integer('ordered_units').notNull(),
    acceptedUnits: integer('accepted_units').notNull(),
    rejectedUnits: integer('rejected_units').notNull(),
    dueOrders: integer('due_orders').notNull(),
    onTimeOrders: integer('on_time_orders').notNull(),
    unitsSold: integer('units_sold').notNull(),
    claimUnits: integer('claim_units').notNull(),
    /** claim units by after-sales reason: { quality: 3, missing: 1, … } */
    claimsByReason: jsonb('claims_by_reason').$type<Record<string, number>>().notNull(),
    lossUnits: integer('loss_units').notNull(),
    lossFen: integer('loss_fen').notNull(),
    receivedFen: integer('received_fen').notNull(),
    score: doublePrecision('score').notNull(),
    rank: integer('rank').notNull(),
    rankedOf: integer('ranked_of').notNull(),
    belowStandard: boolean('below_standard').notNull(),
    rectifyBy: date('rectify_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.month] }), index('supplier_scorecards_month_idx').on(t.month, t.rank)],
);
