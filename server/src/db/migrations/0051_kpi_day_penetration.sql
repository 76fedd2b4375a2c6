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
-- every rolled day is rolled again, writing its penetration row (decision 053)
DELETE FROM "kpi_days";
