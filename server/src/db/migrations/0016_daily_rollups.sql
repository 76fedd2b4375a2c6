CREATE TABLE "analytics_day_buyers" (
	"day" date NOT NULL,
	"user_id" uuid NOT NULL,
	"pickup_point_id" uuid
);
--> statement-breakpoint
CREATE TABLE "analytics_day_hours" (
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_day_hours_day_hour_pk" PRIMARY KEY("day","hour")
);
--> statement-breakpoint
CREATE TABLE "analytics_day_points" (
	"day" date NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"paid_orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_day_points_day_pickup_point_id_pk" PRIMARY KEY("day","pickup_point_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_day_products" (
	"day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_day_products_day_product_id_pk" PRIMARY KEY("day","product_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_days" (
	"day" date PRIMARY KEY NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"paid_orders" integer DEFAULT 0 NOT NULL,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"rolled_at" timestamp with time zone,
	"dirty" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_day_buyers_day_idx" ON "analytics_day_buyers" USING btree ("day","user_id","pickup_point_id");--> statement-breakpoint
CREATE INDEX "orders_goods_paid_idx" ON "orders" USING btree ("paid_at") WHERE kind = 'goods' and paid_at is not null;--> statement-breakpoint
CREATE INDEX "orders_seq_idx" ON "orders" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "refunds_refunded_at_idx" ON "refunds" USING btree ((coalesce("decided_at", "created_at"))) WHERE status = 'refunded';--> statement-breakpoint
-- A closed business day (Asia/Shanghai) whose paid orders or refunds change after it was rolled up is
-- marked dirty: the dashboard reads it raw until the rollup job rolls it again (decision 021). The
-- product's own writes stamp paid_at and decided_at with now(), so only back-dated writes (corrections,
-- the demo's history, tests) get past the trigger conditions; the payment and refund paths pay one
-- comparison each.
CREATE OR REPLACE FUNCTION linli_rollup_dirty(days date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_days (day, dirty)
  SELECT DISTINCT d, true FROM unnest(days) d
  WHERE d IS NOT NULL AND d < (now() AT TIME ZONE 'Asia/Shanghai')::date -- today is never rolled up before it closes
  ON CONFLICT (day) DO UPDATE SET dirty = true;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_orders_rollup_dirty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM linli_rollup_dirty(ARRAY[(OLD.paid_at AT TIME ZONE 'Asia/Shanghai')::date, (NEW.paid_at AT TIME ZONE 'Asia/Shanghai')::date]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_rollup_dirty AFTER UPDATE OF paid_at, kind, total_fen, user_id, pickup_point_id ON orders
FOR EACH ROW WHEN (
  (OLD.paid_at IS DISTINCT FROM NEW.paid_at AND (OLD.paid_at IS NOT NULL OR NEW.paid_at < now()))
  OR (OLD.paid_at IS NOT NULL AND (OLD.kind, OLD.total_fen, OLD.user_id, OLD.pickup_point_id)
    IS DISTINCT FROM (NEW.kind, NEW.total_fen, NEW.user_id, NEW.pickup_point_id)))
EXECUTE FUNCTION linli_orders_rollup_dirty();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_refunds_rollup_dirty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_rollup_dirty(ARRAY[(coalesce(NEW.decided_at, NEW.created_at) AT TIME ZONE 'Asia/Shanghai')::date]);
  ELSE
    PERFORM linli_rollup_dirty(ARRAY[(coalesce(OLD.decided_at, OLD.created_at) AT TIME ZONE 'Asia/Shanghai')::date,
      (coalesce(NEW.decided_at, NEW.created_at) AT TIME ZONE 'Asia/Shanghai')::date]);
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
