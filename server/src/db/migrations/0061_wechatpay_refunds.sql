ALTER TABLE "provider_refunds" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "provider_refunds" ADD COLUMN "failure" text;--> statement-breakpoint
CREATE INDEX "provider_refunds_refund_idx" ON "provider_refunds" USING btree ("refund_id");--> statement-breakpoint
CREATE INDEX "provider_refunds_processing_idx" ON "provider_refunds" USING btree ("submitted_at") WHERE status = 'processing';--> statement-breakpoint
CREATE INDEX "provider_refunds_pending_idx" ON "provider_refunds" USING btree ("created_at") WHERE status = 'pending';