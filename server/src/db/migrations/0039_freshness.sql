CREATE TABLE "expiry_alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid,
	"category" text,
	"days_before_expiry" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expiry_alert_rules_subject" CHECK (num_nonnulls(product_id, category) = 1),
	CONSTRAINT "expiry_alert_rules_days" CHECK (days_before_expiry between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "loss_rollup_state" (
	"region_id" uuid PRIMARY KEY NOT NULL,
	"rolled_until" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loss_weeks" (
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"received" integer NOT NULL,
	"stock_received" integer NOT NULL,
	"written_off" integer NOT NULL,
	"expired" integer NOT NULL,
	"rejected" integer NOT NULL,
	"damaged" integer NOT NULL,
	CONSTRAINT "loss_weeks_week_start_warehouse_id_product_id_pk" PRIMARY KEY("week_start","warehouse_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "markdown_campaigns" (
	"region_id" uuid NOT NULL,
	"business_day" date NOT NULL,
	"campaign_id" uuid NOT NULL,
	CONSTRAINT "markdown_campaigns_region_id_business_day_pk" PRIMARY KEY("region_id","business_day")
);
--> statement-breakpoint
CREATE TABLE "markdown_deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid NOT NULL,
	"business_day" date NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"campaign_item_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"rule_id" uuid,
	"units" integer NOT NULL,
	"list_price_fen" integer NOT NULL,
	"price_fen" integer NOT NULL,
	"discount_bps" integer NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "markdown_deals_units" CHECK (units > 0)
);
--> statement-breakpoint
CREATE TABLE "markdown_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid,
	"category" text,
	"basis" text NOT NULL,
	"days" integer NOT NULL,
	"discount_bps" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "markdown_rules_subject" CHECK (num_nonnulls(product_id, category) = 1),
	CONSTRAINT "markdown_rules_days" CHECK (days between 0 and 365),
	CONSTRAINT "markdown_rules_discount" CHECK (discount_bps between 1 and 9900)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "expiry_alert_rules_product" ON "expiry_alert_rules" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expiry_alert_rules_category" ON "expiry_alert_rules" USING btree ("category");--> statement-breakpoint
CREATE UNIQUE INDEX "markdown_deals_lot_day" ON "markdown_deals" USING btree ("lot_id","business_day");--> statement-breakpoint
CREATE INDEX "markdown_deals_campaign_idx" ON "markdown_deals" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "markdown_rules_step" ON "markdown_rules" USING btree (coalesce("product_id"::text, "category"),"basis","days");