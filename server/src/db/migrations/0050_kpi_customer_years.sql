CREATE TABLE "kpi_customer_years" (
	"region_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"pickup_point_id" uuid,
	"member" boolean NOT NULL,
	"days" bit(366) NOT NULL,
	"multi" bit(366) NOT NULL,
	CONSTRAINT "kpi_customer_years_key" UNIQUE NULLS NOT DISTINCT("region_id","year","user_id","pickup_point_id","member")
);
--> statement-breakpoint
CREATE TABLE "kpi_day_point_facts" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pickup_point_id" uuid,
	"member" boolean NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"units" bigint DEFAULT 0 NOT NULL,
	"lines" bigint DEFAULT 0 NOT NULL,
	"flash_gmv_fen" bigint DEFAULT 0 NOT NULL,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"short_units" bigint DEFAULT 0 NOT NULL,
	"error_lines" bigint DEFAULT 0 NOT NULL,
	"picked_up_lines" bigint DEFAULT 0 NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_day_ready_hours" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tenths" integer NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_day_facts" ADD COLUMN "orders" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "kpi_day_point_facts_day_idx" ON "kpi_day_point_facts" USING btree ("region_id","day");--> statement-breakpoint
CREATE INDEX "kpi_day_ready_hours_day_idx" ON "kpi_day_ready_hours" USING btree ("region_id","day");--> statement-breakpoint
CREATE INDEX "orders_ready_idx" ON "orders" USING btree ("ready_at") WHERE kind = 'goods' and ready_at is not null;--> statement-breakpoint
CREATE INDEX "kpi_day_customers_second_idx" ON "kpi_day_customers" USING btree ("region_id","day") WHERE days_to_second is not null;--> statement-breakpoint
CREATE INDEX "kpi_day_customers_first_idx" ON "kpi_day_customers" USING btree ("region_id","day") WHERE first_purchase;--> statement-breakpoint
-- every rolled day is rolled again by the next run of the job, filling the new tables and column
DELETE FROM "kpi_days";
