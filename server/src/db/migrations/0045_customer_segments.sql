CREATE TABLE "customer_rfm" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"pickup_point_id" uuid,
	"as_of" date NOT NULL,
	"week_start" date NOT NULL,
	"last_paid_on" date,
	"recency_days" integer,
	"frequency" integer NOT NULL,
	"monetary_fen" bigint NOT NULL,
	"r_score" integer,
	"f_score" integer,
	"m_score" integer,
	"segment" text NOT NULL,
	"top_category" text,
	"coupon_orders" integer NOT NULL,
	"price_sensitivity" text,
	"member" boolean NOT NULL,
	"dormant" boolean NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_rfm_weekly" (
	"week_start" date NOT NULL,
	"user_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"segment" text NOT NULL,
	CONSTRAINT "customer_rfm_weekly_week_start_user_id_pk" PRIMARY KEY("week_start","user_id")
);
--> statement-breakpoint
CREATE TABLE "customer_segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"region_id" uuid,
	"definition" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_rfm_region_segment_idx" ON "customer_rfm" USING btree ("region_id","segment");--> statement-breakpoint
CREATE INDEX "customer_segments_created_idx" ON "customer_segments" USING btree ("created_at","id");