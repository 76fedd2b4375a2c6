import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaignItems } from '../campaigns/schema.js';

export const EXPERIMENT_UNITS = ['customer', 'pickup_point'] as const;
export const EXPERIMENT_KINDS = ['price', 'coupon', 'title'] as const;
export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;

/** One arm of an experiment. The first arm is the control: the deal as it is (no value of its own). */
export interface Arm {
  /** stable within the experiment: `control`, `a`, `b`, … */
  key: string;
  name: string;
  /** relative share of the units (integer ≥ 1) */
  weight: number;
  /** kind `price`: the deal's price in this arm */
  priceFen?: number | null;
  /** kind `coupon`: an instant coupon (立减) off each unit of the deal in this arm */
  couponFen?: number | null;
  /** kind `title`: the deal's title shown in this arm */
  title?: string | null;
}

/**
 * An A/B experiment on one deal (decision 048): its units (customers or pickup points) are split
 * into arms by a hash of the experiment and the unit, and each arm sees its own price, instant
 * coupon or title. Arms are fixed once it runs; draft → running → stopped.
 */
export const experiments = pgTable(
  'experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the deal's campaign's region, kept here for the console's region scope */
    regionId: uuid('region_id').notNull(),
    name: text('name').notNull(),
    /** a deal deleted before its campaign went on sale takes its experiments with it */
    campaignItemId: uuid('campaign_item_id')
      .notNull()
      .references(() => campaignItems.id, { onDelete: 'cascade' }),
    unit: text('unit', { enum: EXPERIMENT_UNITS }).notNull(),
    kind: text('kind', { enum: EXPERIMENT_KINDS }).notNull(),
    arms: jsonb('arms').$type<Arm[]>().notNull(),
    /** no winner is called while an arm has fewer exposed units (每组≥500) */
    minPerArm: integer('min_per_arm').notNull().default(500),
    status: text('status', { enum: EXPERIMENT_STATUSES }).notNull().default('draft'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one running experiment per deal: a unit's price must have one answer
    uniqueIndex('experiments_running_item_key').on(t.campaignItemId).where(sql`status = 'running'`),
    index('experiments_region_idx').on(t.regionId, t.createdAt),
    check('experiments_min_per_arm', sql`min_per_arm between 2 and 1000000`),
    check(
      'experiments_times',
      sql`(status = 'draft' and started_at is null and stopped_at is null)
        or (status = 'running' and started_at is not null and stopped_at is null)
        or (status = 'stopped' and started_at is not null and stopped_at >= started_at)`,
    ),
  ],
);

/** A unit's first exposure to an experiment (its arm, when first shown): written once, in batches. */
export const experimentExposures = pgTable(
  'experiment_exposures',
  {
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    /** a customer's user id or a pickup point's id, by the experiment's unit */
    unitId: uuid('unit_id').notNull(),
    arm: text('arm').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.unitId] })],
);
