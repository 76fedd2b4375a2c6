import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, index, uniqueIndex, check } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{customer}'::text[]`),
    pickupPointId: uuid('pickup_point_id'),
    inviteCode: text('invite_code').notNull(),
    invitedBy: uuid('invited_by'),
    /**
     * How the customer first came to a pickup point, recorded once (registration or first
     * binding) and never moved by a later change of point: the point and its leader at that
     * moment, and whether a leader's link, a customer's invitation or the customer's own choice
     * brought them. The leader's reports count the customers their links brought (decision 031).
     */
    boundPointId: uuid('bound_point_id'),
    boundLeaderId: uuid('bound_leader_id'),
    boundVia: text('bound_via', { enum: ['link', 'invite', 'chooser'] }),
    boundAt: timestamp('bound_at', { withTimezone: true }),
    pointsBalance: integer('points_balance').notNull().default(0),
    membershipUntil: timestamp('membership_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** set while an operator has disabled the account: no sign-in, every session revoked */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /**
     * The regions a console user (operator, warehouse staff) works in; null is every region.
     * lib/region-scope.ts decides what a limited user may see and change.
     */
    regionIds: uuid('region_ids').array(),
  },
  (t) => [
    uniqueIndex('users_phone_key').on(t.phone),
    uniqueIndex('users_invite_code_key').on(t.inviteCode),
    check('users_points_nonneg', sql`points_balance >= 0`),
    // a limited user works in at least one region: an empty list would be read as "none" by some
    // checks and could be mistaken for "every" by others
    check('users_region_ids_nonempty', sql`region_ids is null or cardinality(region_ids) > 0`),
    // the console's user list pages by (created_at, id), newest first (decision 020)
    index('users_created_idx').on(t.createdAt, t.id),
    // and the members list by (membership_until, id)
    index('users_membership_idx').on(t.membershipUntil, t.id),
    // a leader's "customers my links brought" counts by this
    index('users_bound_leader_idx').on(t.boundLeaderId, t.boundVia),
    check(
      'users_bound_via_known',
      sql`bound_via is null or (bound_via in ('link', 'invite', 'chooser') and bound_point_id is not null and bound_at is not null)`,
    ),
  ],
);

/**
 * Bearer tokens: only a SHA-256 of the token is stored, so a leaked table grants nothing.
 * A session ends when revoked, when idle too long or when too old (lib/auth.ts, decision 013);
 * `last_used_at` is renewed at most once a minute, never per request.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Points ledger (积分): the balance on users moves only together with an entry here. */
export const pointsEntries = pgTable(
  'points_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    deltaPoints: integer('delta_points').notNull(),
    reason: text('reason').notNull(),
    businessKey: text('business_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('points_entries_business_key').on(t.businessKey),
    index('points_entries_user_idx').on(t.userId, t.createdAt, t.id),
  ],
);
