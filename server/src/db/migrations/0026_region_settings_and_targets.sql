CREATE TABLE "campaign_targets" (
	"campaign_id" uuid NOT NULL,
	"route_id" uuid,
	"pickup_point_id" uuid,
	CONSTRAINT "campaign_targets_one" CHECK (num_nonnulls(route_id, pickup_point_id) = 1)
);
--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "cutoff_time" text DEFAULT '23:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "pickup_from" text DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "pickup_until" text DEFAULT '21:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "membership_price_fen" integer DEFAULT 9900 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "leader_commission_bps" integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_pickup_point_id_pickup_points_id_fk" FOREIGN KEY ("pickup_point_id") REFERENCES "public"."pickup_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_targets_route_key" ON "campaign_targets" USING btree ("campaign_id","route_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_targets_point_key" ON "campaign_targets" USING btree ("campaign_id","pickup_point_id");--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_cutoff_time" CHECK (cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_pickup_window" CHECK (pickup_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and pickup_until ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and pickup_from < pickup_until);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_membership_price" CHECK (membership_price_fen >= 0);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_leader_commission" CHECK (leader_commission_bps between 0 and 10000);--> statement-breakpoint
-- Which points a campaign is offered at, and a region's pickup window, are part of the shop's deal
-- list: a change is announced on the deal-list channel like a campaign's (migration 0017).
CREATE TRIGGER campaign_targets_deals_changed AFTER INSERT OR UPDATE OR DELETE ON campaign_targets
FOR EACH STATEMENT EXECUTE FUNCTION linli_deals_changed();
--> statement-breakpoint
CREATE TRIGGER regions_deals_changed AFTER UPDATE OF pickup_from, pickup_until ON regions
FOR EACH STATEMENT EXECUTE FUNCTION linli_deals_changed();
