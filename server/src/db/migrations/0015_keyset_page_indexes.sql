DROP INDEX "points_entries_user_idx";--> statement-breakpoint
DROP INDEX "orders_user_idx";--> statement-breakpoint
DROP INDEX "orders_point_campaign_idx";--> statement-breakpoint
DROP INDEX "refunds_status_idx";--> statement-breakpoint
DROP INDEX "withdrawals_leader_idx";--> statement-breakpoint
DROP INDEX "notifications_user_idx";--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_membership_idx" ON "users" USING btree ("membership_until","id");--> statement-breakpoint
CREATE INDEX "campaigns_cutoff_idx" ON "campaigns" USING btree ("cutoff_at","id");--> statement-breakpoint
CREATE INDEX "orders_point_created_idx" ON "orders" USING btree ("pickup_point_id","created_at","seq");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at","seq");--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "refunds" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "refunds_user_idx" ON "refunds" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "purchase_orders_created_idx" ON "purchase_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "withdrawals_created_idx" ON "withdrawals" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "points_entries_user_idx" ON "points_entries" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_user_idx" ON "orders" USING btree ("user_id","created_at","seq");--> statement-breakpoint
CREATE INDEX "orders_point_campaign_idx" ON "orders" USING btree ("pickup_point_id","campaign_id","created_at","seq");--> statement-breakpoint
CREATE INDEX "refunds_status_idx" ON "refunds" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "withdrawals_leader_idx" ON "withdrawals" USING btree ("leader_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at","id");