import { pgTable, text, timestamp, jsonb, uuid } from 'drizzle-orm/pg-core';

/**
 * Operating thresholds an operator may change (loss-rate limits, scorecard marks, temperature
 * ranges…). Only values that differ from the product's defaults are stored; each key's shape and
 * default live with the module that reads it (`defineSetting`).
 */
export const operatingSettings = pgTable('operating_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
