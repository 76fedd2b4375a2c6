import { pgTable, text, integer, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * Attempt counters shared by every process (sign-in guessing, pickup codes, SMS sends): one row
 * per key, changed only by single conditional statements so concurrent processes count exactly.
 */
export const authThrottle = pgTable(
  'auth_throttle',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('auth_throttle_window_idx').on(t.windowStart)],
);
