import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** the running part of ticket numbers (GD + the day + this) */
export const ticketNumbers = pgSequence('ticket_number_seq');

/**
 * A customer's or a leader's request for help (工单, decision 059): its category decides the team
 * and the three SLA clocks (first response, plan, close), whose due instants are fixed when the
 * ticket opens, counted in service hours in the region's time zone. Met instants are stamped once;
 * a clock past its due and not met is stamped breached once by the escalation job.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** what the customer quotes on the phone: GD + date + sequence */
    number: text('number').notNull().unique(),
    regionId: uuid('region_id').notNull(),
    openerId: uuid('opener_id').notNull(),
    openerRole: text('opener_role', { enum: ['customer', 'leader'] }).notNull(),
    orderId: uuid('order_id'),
    /** the after-sales claim that opened the ticket, or the last one that joined it */
    refundId: uuid('refund_id'),
    category: text('category').notNull(),
    team: text('team').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'] }).notNull(),
    text: text('text').notNull(),
    assigneeId: uuid('assignee_id'),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }).notNull(),
    planDueAt: timestamp('plan_due_at', { withTimezone: true }).notNull(),
    closeDueAt: timestamp('close_due_at', { withTimezone: true }).notNull(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    firstResponderId: uuid('first_responder_id'),
    plannedAt: timestamp('planned_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolverId: uuid('resolver_id'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    firstResponseBreachedAt: timestamp('first_response_breached_at', { withTimezone: true }),
    planBreachedAt: timestamp('plan_breached_at', { withTimezone: true }),
    closeBreachedAt: timestamp('close_breached_at', { withTimezone: true }),
    /** set by the first breach: the ticket is in the supervisors' escalation queue */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tickets_rating', sql`rating between 1 and 5`),
    index('tickets_queue_idx').on(t.regionId, t.status, t.createdAt, t.id),
    index('tickets_opener_idx').on(t.openerId, t.createdAt, t.id),
    index('tickets_created_idx').on(t.createdAt, t.id),
    index('tickets_order_idx').on(t.orderId),
    // the escalation job's scan: tickets with a clock still running
    index('tickets_running_idx').on(t.firstResponseDueAt).where(sql`status not in ('resolved', 'closed')`),
  ],
);

/** Everything that happened to a ticket, in order: the timeline both sides read (internal notes staff only). */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    /** opened, message, reply, ask, plan, note, assigned, resolved, reopened, rated, breached, claim, refund */
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role', { enum: ['customer', 'leader', 'agent', 'system'] }).notNull(),
    body: text('body'),
    /** plain facts of the event (clock breached, assignee, refund amount…) */
    details: text('details'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

/** A picture attached to a ticket's opening or a later message: private files, read through the ticket. */
export const ticketPhotos = pgTable(
  'ticket_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    ticketId: uuid('ticket_id'),
    eventId: bigint('event_id', { mode: 'number' }),
    displayKey: text('display_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_photos_ticket_idx').on(t.ticketId), index('ticket_photos_user_idx').on(t.userId)],
);

/** 话术库: replies an agent picks from, kept by a supervisor; per team or for every team (null). */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    team: text('team'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_replies_title').on(sql`coalesce(${t.team}, '')`, t.title)],
);
