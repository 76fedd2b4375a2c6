ALTER TABLE "payments" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "prepay_id" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "queried_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_pending_provider_idx" ON "payments" USING btree ("provider","created_at") WHERE status = 'pending';