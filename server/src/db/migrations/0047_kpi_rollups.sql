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
CREATE TABLE "kpi_day_customers" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_id" uuid NOT NULL,
	"pickup_point_id" uuid,
	"member" boolean NOT NULL,
	"orders" integer NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"first_purchase" boolean NOT NULL,
	"days_to_second" integer
);
--> statement-breakpoint
CREATE TABLE "kpi_day_facts" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pickup_point_id" uuid,
	"category" text NOT NULL,
	"member" boolean NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"units" bigint DEFAULT 0 NOT NULL,
	"lines" bigint DEFAULT 0 NOT NULL,
	"flash_gmv_fen" bigint DEFAULT 0 NOT NULL,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"short_units" bigint DEFAULT 0 NOT NULL,
	"error_lines" bigint DEFAULT 0 NOT NULL,
	"picked_up_lines" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_days" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"time_zone" text NOT NULL,
	"rolled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_days_region_id_day_pk" PRIMARY KEY("region_id","day")
);
--> statement-breakpoint
CREATE INDEX "kpi_alert_rules_region_idx" ON "kpi_alert_rules" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "kpi_day_customers_day_idx" ON "kpi_day_customers" USING btree ("region_id","day");--> statement-breakpoint
CREATE INDEX "kpi_day_facts_day_idx" ON "kpi_day_facts" USING btree ("region_id","day");--> statement-breakpoint
CREATE INDEX "order_lines_picked_up_idx" ON "order_lines" USING btree ("picked_up_at") WHERE picked_up_at is not null;--> statement-breakpoint
CREATE INDEX "orders_user_paid_idx" ON "orders" USING btree ("user_id","paid_at") WHERE kind = 'goods' and paid_at is not null;