import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * A commission plan (decision 061): a default rate and a rate per product category. Its rates
 * live in versions that never change: an edit adds a version valid from now, so a line's rate is
 * the one in force when its order was placed, and what was already earned is never recomputed.
 */
export const commissionPlans = pgTable('commission_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const commissionPlanVersions = pgTable(
  'commission_plan_versions',
  {
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    defaultBps: integer('default_bps').notNull(),
    /** category code → basis points */
    categoryBps: jsonb('category_bps').$type<Record<string, number>>().notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.version] }),
    check('commission_plan_versions_default', sql`default_bps between 0 and 10000`),
  ],
);

/** Which plan a leader is on from when (null plan: back to their flat rate); the latest row before an order's placement rules its lines. */
export const leaderPlanAssignments = pgTable(
  'leader_plan_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leaderId: uuid('leader_id').notNull(),
    planId: uuid('plan_id'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('leader_plan_assignments_leader_idx').on(t.leaderId, t.validFrom)],
);

/** A deal's own rate for leaders on a plan (null: the plan decides again), from when it was set. */
export const dealCommissionRates = pgTable(
  'deal_commission_rates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignItemId: uuid('campaign_item_id').notNull(),
    commissionBps: integer('commission_bps'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deal_commission_rates_item_idx').on(t.campaignItemId, t.validFrom),
    check('deal_commission_rates_range', sql`commission_bps between 0 and 10000`),
  ],
);
