-- Existing rows stay null (added without a default, so nothing is rewritten); only new rows get true.
ALTER TABLE "ledger_entries" ADD COLUMN "unsettled" boolean;--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "unsettled" SET DEFAULT true;--> statement-breakpoint
-- Mark the commissions not yet settled (no settle:<id> entry); settled history stays null.
UPDATE "ledger_entries" c SET "unsettled" = true
WHERE c.kind = 'commission'
  AND NOT EXISTS (SELECT 1 FROM "ledger_entries" s WHERE s.business_key = 'settle:' || c.id);--> statement-breakpoint
CREATE INDEX "ledger_entries_to_settle_idx" ON "ledger_entries" USING btree ("leader_id","available_at","id") WHERE kind = 'commission' and unsettled;--> statement-breakpoint
CREATE INDEX "ledger_entries_reversal_line_idx" ON "ledger_entries" USING btree ("order_line_id") WHERE kind = 'reversal';--> statement-breakpoint
CREATE INDEX "ledger_entries_due_idx" ON "ledger_entries" USING btree ("available_at","id") WHERE kind = 'commission' and unsettled;
