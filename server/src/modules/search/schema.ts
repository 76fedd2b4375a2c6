import { pgTable, text, integer, date, primaryKey } from 'drizzle-orm/pg-core';

/**
 * How often each search was made per day (Asia/Shanghai), for the shop's popular searches. Only the
 * normalized query text and a count: never who searched, nor when within the day.
 */
export const searchCounts = pgTable(
  'search_counts',
  {
    day: date('day').notNull(),
    query: text('query').notNull(),
    count: integer('count').notNull().default(0),
  },
  // the key leads with the day: the last 7 days are one range of it
  (t) => [primaryKey({ columns: [t.day, t.query] })],
);
