import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const INCIDENT_GRADES = ['A', 'B', 'C'] as const;
export type IncidentGrade = (typeof INCIDENT_GRADES)[number];
export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export const INCIDENT_EVENTS = ['declared', 'orders_selected', 'compensated', 'resolved', 'postmortem_filed'] as const;

/**
 * An incident (事故) of one region (decision 060): declared with a grade, its affected orders
 * selected (incident_orders), every affected customer compensated once with a message and a coupon
 * (incident_customers), and a post-mortem (复盘) due 72 hours after it was declared.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id').notNull(),
    grade: text('grade', { enum: INCIDENT_GRADES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('open'),
    declaredBy: uuid('declared_by').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
    postmortemDueAt: timestamp('postmortem_due_at', { withTimezone: true }).notNull(),
    /** the selection the affected orders were chosen by, as the operator gave it */
    criteria: jsonb('criteria'),
    selectedAt: timestamp('selected_at', { withTimezone: true }),
    message: text('message'),
    couponTemplateId: uuid('coupon_template_id'),
    compensatedBy: uuid('compensated_by'),
    compensatedAt: timestamp('compensated_at', { withTimezone: true }),
    messagesSent: integer('messages_sent').notNull().default(0),
    couponsGranted: integer('coupons_granted').notNull().default(0),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    pmCause: text('pm_cause'),
    pmImpact: text('pm_impact'),
    pmActions: text('pm_actions'),
    pmPrevention: text('pm_prevention'),
    pmFiledBy: uuid('pm_filed_by'),
    pmFiledAt: timestamp('pm_filed_at', { withTimezone: true }),
  },
  (t) => [
    index('incidents_region_idx').on(t.regionId, t.declaredAt),
    index('incidents_postmortem_due_idx').on(t.postmortemDueAt).where(sql`pm_filed_at is null`),
    check('incidents_postmortem_whole', sql`(pm_filed_at is null) = (pm_cause is null)`),
    check('incidents_compensated', sql`(compensated_at is null) = (message is null)`),
  ],
);

/** The orders an incident affected, as selected (replaced by a new selection until it compensates). */
export const incidentOrders = pgTable(
  'incident_orders',
  {
    incidentId: uuid('incident_id').notNull(),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    pickupPointId: uuid('pickup_point_id'),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.orderId] }),
    index('incident_orders_user_idx').on(t.incidentId, t.userId),
  ],
);

/** One row per compensated customer: at most one message and one coupon per incident and customer. */
export const incidentCustomers = pgTable(
  'incident_customers',
  {
    incidentId: uuid('incident_id').notNull(),
    userId: uuid('user_id').notNull(),
    orders: integer('orders').notNull(),
    couponId: uuid('coupon_id'),
    outboxId: bigint('outbox_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] })],
);

/** The incident's timeline: declared, orders selected, customers compensated, resolved, post-mortem filed. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id').notNull(),
    kind: text('kind', { enum: INCIDENT_EVENTS }).notNull(),
    actorId: uuid('actor_id'),
    details: jsonb('details').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.at)],
);
