CREATE TABLE "kpi_day_registrations" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"registered" integer NOT NULL,
	"converted" integer NOT NULL,
	CONSTRAINT "kpi_day_registrations_region_id_day_pickup_point_id_pk" PRIMARY KEY("region_id","day","pickup_point_id")
);
--> statement-breakpoint
ALTER TABLE "kpi_days" ADD COLUMN "rolled_through" timestamp with time zone;--> statement-breakpoint
-- the registrations of the days already rolled are written when they are rolled again
DELETE FROM "kpi_days";