-- Demand rollup (decision 049): a closed day whose orders or campaigns change afterwards is marked
-- dirty, read raw until the rollup-demand job rolls it again. Today is never rolled before it closes.
CREATE OR REPLACE FUNCTION linli_demand_dirty(region uuid, ats timestamptz[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  IF region IS NULL THEN RETURN; END IF;
  SELECT time_zone INTO tz FROM regions WHERE id = region;
  IF tz IS NULL THEN RETURN; END IF;
  INSERT INTO demand_days (region_id, day, dirty)
  SELECT DISTINCT region, (a AT TIME ZONE tz)::date, true FROM unnest(ats) a
  WHERE a IS NOT NULL AND (a AT TIME ZONE tz)::date < (now() AT TIME ZONE tz)::date
  ON CONFLICT (region_id, day) DO UPDATE SET dirty = true;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_orders_demand_dirty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM linli_demand_dirty(OLD.region_id, ARRAY[OLD.paid_at]);
  PERFORM linli_demand_dirty(NEW.region_id, ARRAY[NEW.paid_at]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_demand_dirty AFTER UPDATE OF paid_at, kind, pickup_point_id, region_id ON orders
FOR EACH ROW WHEN (
  (OLD.paid_at IS DISTINCT FROM NEW.paid_at AND (OLD.paid_at IS NOT NULL OR NEW.paid_at < now()))
  OR (OLD.paid_at IS NOT NULL AND (OLD.kind, OLD.pickup_point_id, OLD.region_id)
    IS DISTINCT FROM (NEW.kind, NEW.pickup_point_id, NEW.region_id)))
EXECUTE FUNCTION linli_orders_demand_dirty();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_campaigns_demand_dirty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM linli_demand_dirty(OLD.region_id, ARRAY[OLD.cutoff_at]);
  PERFORM linli_demand_dirty(NEW.region_id, ARRAY[NEW.cutoff_at]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER campaigns_demand_dirty AFTER UPDATE OF cutoff_at, region_id ON campaigns
FOR EACH ROW WHEN ((OLD.cutoff_at, OLD.region_id) IS DISTINCT FROM (NEW.cutoff_at, NEW.region_id))
EXECUTE FUNCTION linli_campaigns_demand_dirty();
