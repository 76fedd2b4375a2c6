CREATE TABLE "kpi_alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kpi_key" text NOT NULL,
	"region_id" uuid,
	"kind" text NOT NULL,
	"threshold" double precision,
	"drop_percent" double precision,
	"crossed" boolean DEFAULT false NOT NULL,
	"crossings" integer DEFAULT 0 NOT NULL,
	"last_value" double precision,
	"last_day" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_alert_rules_kind" CHECK ((kind in ('below', 'above') and threshold is not null) or (kind = 'drop' and drop_percent > 0 and drop_percent <= 100))
);
--> statement-breakpoint
CREATE INDEX "kpi_alert_rules_region_idx" ON "kpi_alert_rules" USING btree ("region_id");