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
);
--> statement-breakpoint
CREATE TABLE "funnel_day_points" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"viewers" integer DEFAULT 0 NOT NULL,
	"carters" integer DEFAULT 0 NOT NULL,
	"orderers" integer DEFAULT 0 NOT NULL,
	"payers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "funnel_day_points_region_id_day_pickup_point_id_pk" PRIMARY KEY("region_id","day","pickup_point_id")
);
--> statement-breakpoint
CREATE TABLE "funnel_days" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"time_zone" text NOT NULL,
	"viewers" integer DEFAULT 0 NOT NULL,
	"carters" integer DEFAULT 0 NOT NULL,
	"orderers" integer DEFAULT 0 NOT NULL,
	"payers" integer DEFAULT 0 NOT NULL,
	"rolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funnel_days_region_id_day_pk" PRIMARY KEY("region_id","day")
);
--> statement-breakpoint
CREATE INDEX "behaviour_events_region_at_idx" ON "behaviour_events" USING btree ("region_id","at");