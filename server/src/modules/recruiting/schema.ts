import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * A photo of the place a customer would hand out orders at, uploaded for their application to
 * become a leader (decision 061), stored as review photos are (an 800 px picture and a 240 px
 * thumbnail, WebP, metadata removed); taken by an application when it is sent.
 */
export const leaderApplicationPhotos = pgTable(
  'leader_application_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    applicationId: uuid('application_id'),
    displayKey: text('display_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('leader_application_photos_user_idx').on(t.userId)],
);

/**
 * A customer's application to become a leader (团长招募, decision 061): pending until operations
 * approve it (a pickup point and a commission plan; it appoints the leader) or reject it with a
 * reason. At most one pending application per customer: a partial unique key.
 */
export const leaderApplications = pgTable(
  'leader_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    regionId: uuid('region_id').notNull(),
    address: text('address').notNull(),
    placeKind: text('place_kind', { enum: ['shop', 'home'] }).notNull(),
    experience: text('experience').notNull(),
    photoId: uuid('photo_id'),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    rejectReason: text('reject_reason'),
    pickupPointId: uuid('pickup_point_id'),
    leaderId: uuid('leader_id'),
    planId: uuid('plan_id'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leader_applications_open_key').on(t.userId).where(sql`status = 'pending'`),
    index('leader_applications_queue_idx').on(t.status, t.createdAt),
    check('leader_applications_rejected', sql`(status = 'rejected') = (reject_reason is not null)`),
  ],
);

export interface QuizQuestion {
  text: string;
  options: string[];
  /** index of the right option */
  answer: number;
}

/**
 * A training course for leaders (decision 061): text, pictures and a short multiple-choice quiz
 * with a pass mark; `required` courses are part of a new leader's onboarding.
 */
export const trainingCourses = pgTable('training_courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  questions: jsonb('questions').$type<QuizQuestion[]>().notNull(),
  passPercent: integer('pass_percent').notNull(),
  required: boolean('required').notNull().default(true),
  published: boolean('published').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A picture of a course, stored as product pictures are; on a course once it is saved with it. */
export const trainingImages = pgTable(
  'training_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id'),
    position: integer('position').notNull().default(0),
    displayKey: text('display_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_images_course_idx').on(t.courseId, t.position)],
);

/** Each time a leader hands in a course's quiz: the score (percent) and whether it passed. */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id').notNull(),
    leaderId: uuid('leader_id').notNull(),
    answers: jsonb('answers').$type<number[]>().notNull(),
    correct: integer('correct').notNull(),
    total: integer('total').notNull(),
    score: integer('score').notNull(),
    passed: boolean('passed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('training_attempts_course_idx').on(t.courseId, t.leaderId, t.createdAt),
    index('training_attempts_leader_idx').on(t.leaderId, t.createdAt),
  ],
);
