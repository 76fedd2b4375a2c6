-- Behaviour events are kept in one partition per UTC day (decision 045): drizzle-kit cannot declare
-- a partitioned table, so the table it created in 0041 (empty) is made again, same columns and
-- indexes, partitioned by range of `at`. The day partitions are created ahead by the
-- `event-partitions` job and on demand by the ingestion (modules/events/partitions.ts); the default
-- partition only catches a row whose day has no partition yet, so a payment never fails on a
-- missing partition, and the next creation of that day's partition moves such rows into it.
DROP TABLE "behaviour_events";
--> statement-breakpoint
CREATE TABLE "behaviour_events" (
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"device_id" uuid,
	"user_id" uuid,
	"region_id" uuid,
	"pickup_point_id" uuid,
	"deal_id" uuid,
	"product_id" uuid,
	"order_id" uuid,
	"query" text,
	"page" text,
	CONSTRAINT "behaviour_events_id_at_pk" PRIMARY KEY("id","at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE INDEX "behaviour_events_region_at_idx" ON "behaviour_events" USING btree ("region_id","at");
--> statement-breakpoint
CREATE TABLE "behaviour_events_default" PARTITION OF "behaviour_events" DEFAULT;
