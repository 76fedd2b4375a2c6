CREATE TABLE "demand_day_products" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "demand_day_products_region_id_day_product_id_pk" PRIMARY KEY("region_id","day","product_id"),
	CONSTRAINT "demand_day_products_kind" CHECK ("demand_day_products"."kind" in ('normal', 'sold_out', 'promoted'))
);
--> statement-breakpoint
CREATE TABLE "demand_day_units" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"units" bigint NOT NULL,
	CONSTRAINT "demand_day_units_region_id_day_product_id_pickup_point_id_pk" PRIMARY KEY("region_id","day","product_id","pickup_point_id")
);
--> statement-breakpoint
CREATE TABLE "demand_days" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"time_zone" text,
	"rolled_at" timestamp with time zone,
	"dirty" boolean DEFAULT false NOT NULL,
	CONSTRAINT "demand_days_region_id_day_pk" PRIMARY KEY("region_id","day")
);
--> statement-breakpoint
CREATE TABLE "demand_forecasts" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"units" double precision NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demand_forecasts_region_id_day_product_id_pickup_point_id_pk" PRIMARY KEY("region_id","day","product_id","pickup_point_id")
);
--> statement-breakpoint
CREATE INDEX "demand_forecasts_day_idx" ON "demand_forecasts" USING btree ("region_id","day","product_id");