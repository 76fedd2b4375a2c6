import { pgTable, text, integer, timestamp, primaryKey } from 'drizzle-orm/pg-core';

/**
 * The SMS code last sent to a phone for a purpose (register, login): only its hash is kept; it
 * lives 5 minutes, takes 5 tries and is used once. A new send replaces it.
 */
export const smsCodes = pgTable(
  'sms_codes',
  {
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.phone, t.purpose] })],
);
