CREATE TABLE "pickups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"leader_id" uuid NOT NULL,
	"line_ids" uuid[] NOT NULL,
	"completed_order" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "pickups_order_idx" ON "pickups" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_pickup_code_idx" ON "orders" USING btree ("pickup_code") WHERE pickup_code is not null;