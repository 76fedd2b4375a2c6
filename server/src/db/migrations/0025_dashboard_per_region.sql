-- The dashboard's rollups are kept per region and per business day of that region's own time zone
-- (decision 030). The old rows (one platform day, every region mixed) cannot be split: they are
-- dropped here and the rollup job (or `linli rollup`) rolls the history up again; until then the
-- dashboard reads those days from the raw rows, so its figures do not change meanwhile.
DELETE FROM "analytics_days";--> statement-breakpoint
DELETE FROM "analytics_day_hours";--> statement-breakpoint
DELETE FROM "analytics_day_products";--> statement-breakpoint
DELETE FROM "analytics_day_points";--> statement-breakpoint
DELETE FROM "analytics_day_buyers";--> statement-breakpoint
DROP INDEX "analytics_day_buyers_day_idx";--> statement-breakpoint
ALTER TABLE "analytics_days" DROP CONSTRAINT "analytics_days_pkey";--> statement-breakpoint
ALTER TABLE "analytics_day_hours" DROP CONSTRAINT "analytics_day_hours_day_hour_pk";--> statement-breakpoint
ALTER TABLE "analytics_day_points" DROP CONSTRAINT "analytics_day_points_day_pickup_point_id_pk";--> statement-breakpoint
ALTER TABLE "analytics_day_products" DROP CONSTRAINT "analytics_day_products_day_product_id_pk";--> statement-breakpoint
ALTER TABLE "analytics_day_buyers" ADD COLUMN "region_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_day_hours" ADD COLUMN "region_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_day_points" ADD COLUMN "region_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_day_products" ADD COLUMN "region_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_days" ADD COLUMN "region_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_days" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "analytics_days" ADD CONSTRAINT "analytics_days_region_id_day_pk" PRIMARY KEY("region_id","day");--> statement-breakpoint
ALTER TABLE "analytics_day_hours" ADD CONSTRAINT "analytics_day_hours_region_id_day_hour_pk" PRIMARY KEY("region_id","day","hour");--> statement-breakpoint
ALTER TABLE "analytics_day_points" ADD CONSTRAINT "analytics_day_points_region_id_day_pickup_point_id_pk" PRIMARY KEY("region_id","day","pickup_point_id");--> statement-breakpoint
ALTER TABLE "analytics_day_products" ADD CONSTRAINT "analytics_day_products_region_id_day_product_id_pk" PRIMARY KEY("region_id","day","product_id");--> statement-breakpoint
CREATE INDEX "analytics_day_buyers_day_idx" ON "analytics_day_buyers" USING btree ("region_id","day","user_id","pickup_point_id");--> statement-breakpoint
CREATE TABLE "route_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"route_id" uuid NOT NULL,
	"day" date NOT NULL,
	"cost_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "route_costs_cost_check" CHECK ("route_costs"."cost_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "route_costs" ADD CONSTRAINT "route_costs_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "route_costs_route_day_key" ON "route_costs" USING btree ("route_id","day");--> statement-breakpoint
CREATE INDEX "route_costs_day_idx" ON "route_costs" USING btree ("day");--> statement-breakpoint
-- A closed business day of a region whose paid orders or refunds change after it was rolled up is
-- marked dirty, in that region's own time zone (the order's region; a refund's is its order's).
-- Same conditions as migration 0016; an order moved to another region dirties both regions' days.
DROP TRIGGER "orders_rollup_dirty" ON "orders";--> statement-breakpoint
DROP TRIGGER "refunds_rollup_dirty_insert" ON "refunds";--> statement-breakpoint
DROP TRIGGER "refunds_rollup_dirty_update" ON "refunds";--> statement-breakpoint
DROP FUNCTION linli_orders_rollup_dirty();--> statement-breakpoint
DROP FUNCTION linli_refunds_rollup_dirty();--> statement-breakpoint
DROP FUNCTION linli_rollup_dirty(date[]);--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_rollup_dirty(region uuid, ats timestamptz[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  IF region IS NULL THEN RETURN; END IF;
  SELECT time_zone INTO tz FROM regions WHERE id = region;
  IF tz IS NULL THEN RETURN; END IF;
  INSERT INTO analytics_days (region_id, day, dirty)
  SELECT DISTINCT region, (a AT TIME ZONE tz)::date, true FROM unnest(ats) a
  WHERE a IS NOT NULL AND (a AT TIME ZONE tz)::date < (now() AT TIME ZONE tz)::date -- today is never rolled up before it closes
  ON CONFLICT (region_id, day) DO UPDATE SET dirty = true;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_orders_rollup_dirty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM linli_rollup_dirty(OLD.region_id, ARRAY[OLD.paid_at]);
  PERFORM linli_rollup_dirty(NEW.region_id, ARRAY[NEW.paid_at]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_rollup_dirty AFTER UPDATE OF paid_at, kind, total_fen, user_id, pickup_point_id, region_id ON orders
FOR EACH ROW WHEN (
  (OLD.paid_at IS DISTINCT FROM NEW.paid_at AND (OLD.paid_at IS NOT NULL OR NEW.paid_at < now()))
  OR (OLD.paid_at IS NOT NULL AND (OLD.kind, OLD.total_fen, OLD.user_id, OLD.pickup_point_id, OLD.region_id)
    IS DISTINCT FROM (NEW.kind, NEW.total_fen, NEW.user_id, NEW.pickup_point_id, NEW.region_id)))
EXECUTE FUNCTION linli_orders_rollup_dirty();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_refunds_rollup_dirty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_rollup_dirty((SELECT region_id FROM orders WHERE id = NEW.order_id),
      ARRAY[coalesce(NEW.decided_at, NEW.created_at)]);
  ELSE
    PERFORM linli_rollup_dirty((SELECT region_id FROM orders WHERE id = OLD.order_id),
      ARRAY[coalesce(OLD.decided_at, OLD.created_at)]);
    PERFORM linli_rollup_dirty((SELECT region_id FROM orders WHERE id = NEW.order_id),
      ARRAY[coalesce(NEW.decided_at, NEW.created_at)]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER refunds_rollup_dirty_insert AFTER INSERT ON refunds
FOR EACH ROW WHEN (NEW.status = 'refunded' AND coalesce(NEW.decided_at, NEW.created_at) < now())
EXECUTE FUNCTION linli_refunds_rollup_dirty();
--> statement-breakpoint
CREATE TRIGGER refunds_rollup_dirty_update AFTER UPDATE OF status, amount_fen, order_id, created_at, decided_at ON refunds
FOR EACH ROW WHEN (
  (NEW.status = 'refunded' AND coalesce(NEW.decided_at, NEW.created_at) < now()
    AND (OLD.status, OLD.amount_fen, OLD.order_id, coalesce(OLD.decided_at, OLD.created_at))
      IS DISTINCT FROM (NEW.status, NEW.amount_fen, NEW.order_id, coalesce(NEW.decided_at, NEW.created_at)))
  OR (OLD.status = 'refunded' AND (OLD.status, OLD.amount_fen, OLD.order_id, coalesce(OLD.decided_at, OLD.created_at))
      IS DISTINCT FROM (NEW.status, NEW.amount_fen, NEW.order_id, coalesce(NEW.decided_at, NEW.created_at))))
EXECUTE FUNCTION linli_refunds_rollup_dirty();
