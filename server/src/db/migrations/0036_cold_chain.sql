CREATE TABLE "temperature_logger_deliveries" (
	"logger_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "temperature_logger_deliveries_logger_id_signature_pk" PRIMARY KEY("logger_id","signature")
);
--> statement-breakpoint
CREATE TABLE "temperature_loggers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"secret" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "temperature_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"route_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"stage" text NOT NULL,
	"zone" text NOT NULL,
	"pickup_point_id" uuid,
	"tenths" integer NOT NULL,
	"min_tenths" integer,
	"max_tenths" integer,
	"in_range" boolean NOT NULL,
	"source" text NOT NULL,
	"logger_id" uuid,
	"recorded_by" uuid,
	"measured_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "temperature_readings_tenths" CHECK (tenths between -500 and 600),
	CONSTRAINT "temperature_readings_point" CHECK ((stage = 'arrival') = (pickup_point_id is not null))
);
--> statement-breakpoint
CREATE INDEX "temperature_readings_route_day_idx" ON "temperature_readings" USING btree ("route_id","day");--> statement-breakpoint
CREATE INDEX "temperature_readings_breach_idx" ON "temperature_readings" USING btree ("day","route_id") WHERE not in_range;--> statement-breakpoint
-- Readings are evidence (a refund and a supplier's claim rest on them): never changed or removed.
CREATE FUNCTION temperature_readings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'temperature_readings is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER temperature_readings_append_only BEFORE UPDATE OR DELETE ON temperature_readings
  FOR EACH ROW EXECUTE FUNCTION temperature_readings_append_only();
