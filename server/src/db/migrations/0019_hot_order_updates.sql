DROP INDEX "orders_campaign_status_idx";--> statement-breakpoint
DROP INDEX "orders_unpaid_expiry_idx";--> statement-breakpoint
CREATE INDEX "orders_campaign_idx" ON "orders" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "orders_unpaid_expiry_idx" ON "orders" USING btree ("expires_at") WHERE paid_at is null and cancelled_at is null;--> statement-breakpoint
-- Room on each page for the new versions of its orders (HOT updates, decision 023). Affects pages written from now on.
ALTER TABLE "orders" SET (fillfactor = 50);