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
ALTER TABLE "kpi_day_facts" ADD COLUMN "orders" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "kpi_day_customers_second_idx" ON "kpi_day_customers" USING btree ("region_id","day") WHERE days_to_second is not null;--> statement-breakpoint
-- every rolled day is rolled again by the next run of the job, filling the new table and column
DELETE FROM "kpi_days";
