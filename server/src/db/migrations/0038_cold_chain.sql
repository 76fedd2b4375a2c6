CREATE TABLE "arrival_quality_days" (
	"route_id" uuid NOT NULL,
	"day" date NOT NULL,
	"region_id" uuid NOT NULL,
	"dispatched_lines" integer NOT NULL,
	"good_lines" integer NOT NULL,
	"damaged_lines" integer NOT NULL,
	"missing_lines" integer NOT NULL,
	"breached_lines" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arrival_quality_days_route_id_day_pk" PRIMARY KEY("route_id","day")
);
--> statement-breakpoint
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
CREATE INDEX "arrival_quality_days_day_idx" ON "arrival_quality_days" USING btree ("day");--> statement-breakpoint
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
--> statement-breakpoint
-- Arrival quality of the deliveries made before this release (no temperature was read then).
INSERT INTO arrival_quality_days (route_id, day, region_id, dispatched_lines, good_lines, damaged_lines, missing_lines, breached_lines)
SELECT x.route_id, x.day, min(x.region_id::text)::uuid, count(*)::int,
  count(*) FILTER (WHERE f.reason IS NULL)::int,
  count(*) FILTER (WHERE f.reason = 'damaged')::int,
  count(*) FILTER (WHERE f.reason = 'missing')::int,
  0
FROM (
  SELECT sl.id, sl.campaign_id, sl.route_id, sl.pickup_point_id, c.pickup_date AS day, c.region_id
  FROM sorting_lists sl JOIN campaigns c ON c.id = sl.campaign_id
  WHERE sl.status IN ('dispatched', 'arrived')
) x
JOIN sorting_list_lines sll ON sll.sorting_list_id = x.id AND sll.received_quantity IS NOT NULL
JOIN orders o ON o.campaign_id = x.campaign_id AND o.pickup_point_id = x.pickup_point_id AND o.status IN ('closed', 'ready', 'completed')
JOIN order_lines l ON l.order_id = o.id AND l.product_id = sll.product_id AND l.status IN ('arrived', 'picked_up', 'refunded')
LEFT JOIN refunds f ON f.business_key = 'arrival:' || l.id::text AND f.status = 'refunded'
GROUP BY x.route_id, x.day;
