CREATE TABLE "kpi_day_penetration" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"whole" boolean NOT NULL,
	"pickup_point_id" uuid,
	"buyers" integer NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "kpi_day_penetration_key" UNIQUE NULLS NOT DISTINCT("region_id","day","whole","pickup_point_id")
);
--> statement-breakpoint
DROP INDEX "kpi_day_customers_second_idx";--> statement-breakpoint
DROP INDEX "kpi_day_customers_first_idx";--> statement-breakpoint
CREATE INDEX "kpi_day_customers_second_idx" ON "kpi_day_customers" USING btree ("region_id","day","days_to_second","pickup_point_id","member") WHERE days_to_second is not null;--> statement-breakpoint
CREATE INDEX "kpi_day_customers_first_idx" ON "kpi_day_customers" USING btree ("region_id","day","user_id") WHERE first_purchase;--> statement-breakpoint
-- every rolled day is rolled again, writing its penetration row (decision 053)
DELETE FROM "kpi_days";
