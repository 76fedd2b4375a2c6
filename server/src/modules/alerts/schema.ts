import { pgTable, uuid, text, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The operators' alert inbox (decision 038): one row per fact worth an operator's attention,
 * raised once per business key (a retried or repeated job raises nothing twice), acknowledged
 * by an operator. region_id null: an alert for every region (the shared catalogue's suppliers).
 */
export const operatorAlerts = pgTable(
  'operator_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** e.g. supplier_document_expiring, deals_without_supplier */
    kind: text('kind').notNull(),
    /** what makes the alert once-only, e.g. `document-expiry:<documentId>:<expiresOn>` */
    businessKey: text('business_key').notNull(),
    regionId: uuid('region_id'),
    severity: text('severity', { enum: ['info', 'warning', 'critical'] })
      .notNull()
      .default('warning'),
    /** what it is about, for the console to link to */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    /** plain facts (names, dates, counts) the console words in the operator's language */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
  },
  (t) => [
    uniqueIndex('operator_alerts_business_key').on(t.businessKey),
    index('operator_alerts_open_idx').on(t.acknowledgedAt, t.createdAt),
  ],
);
