CREATE TABLE "stock_count_lines" (
	"count_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"expected_quantity" integer NOT NULL,
	"counted_quantity" integer,
	CONSTRAINT "stock_count_lines_count_id_product_id_pk" PRIMARY KEY("count_id","product_id"),
	CONSTRAINT "stock_count_lines_counted_nonneg" CHECK (counted_quantity >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stock_movement_lots" (
	"movement_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "stock_movement_lots_movement_id_lot_id_pk" PRIMARY KEY("movement_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"reason_code" text,
	"reason" text,
	"note" text,
	"business_key" text,
	"ref_id" uuid,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_nonzero" CHECK (quantity <> 0)
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "min_remaining_shelf_days" integer;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "remaining" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "override_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_counts_one_open" ON "stock_counts" USING btree ("warehouse_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "stock_counts_page_idx" ON "stock_counts" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "stock_movement_lots_lot_idx" ON "stock_movement_lots" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_business_key" ON "stock_movements" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "stock_movements_page_idx" ON "stock_movements" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "stock_movements_stock_idx" ON "stock_movements" USING btree ("warehouse_id","product_id","created_at");--> statement-breakpoint
CREATE INDEX "lots_remaining_idx" ON "lots" USING btree ("warehouse_id","product_id","expires_on") WHERE remaining > 0;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_remaining_nonneg" CHECK (remaining >= 0);--> statement-breakpoint
-- Lots keep their remaining units. Free stock is attributed to the newest lots (first-expiry-first
-- took the oldest ones); what no lot covers becomes a lot without an expiry date.
UPDATE "lots" l SET "remaining" = x.remaining
FROM (
  SELECT l2.id, greatest(0, least(l2.quantity, s.quantity - (sum(l2.quantity) OVER (
      PARTITION BY l2.warehouse_id, l2.product_id ORDER BY l2.expires_on DESC NULLS FIRST, l2.received_at DESC, l2.id DESC) - l2.quantity)))::int AS remaining
  FROM "lots" l2 JOIN "warehouse_stock" s ON s.warehouse_id = l2.warehouse_id AND s.product_id = l2.product_id
) x
WHERE x.id = l.id AND x.remaining > 0;--> statement-breakpoint
INSERT INTO "lots" ("warehouse_id", "product_id", "quantity", "remaining")
SELECT s.warehouse_id, s.product_id, s.quantity - coalesce(c.covered, 0), s.quantity - coalesce(c.covered, 0)
FROM "warehouse_stock" s
LEFT JOIN (SELECT warehouse_id, product_id, sum(remaining)::int AS covered FROM "lots" GROUP BY warehouse_id, product_id) c
  ON c.warehouse_id = s.warehouse_id AND c.product_id = s.product_id
WHERE s.quantity > coalesce(c.covered, 0);--> statement-breakpoint
-- The ledger opens with every stock figure as it stands.
INSERT INTO "stock_movements" ("warehouse_id", "product_id", "kind", "quantity", "reason", "business_key")
SELECT warehouse_id, product_id, 'counted', quantity, 'opening balance', 'opening:' || warehouse_id || ':' || product_id
FROM "warehouse_stock" WHERE quantity > 0;--> statement-breakpoint
INSERT INTO "stock_movement_lots" ("movement_id", "lot_id", "quantity")
SELECT m.id, l.id, l.remaining
FROM "stock_movements" m JOIN "lots" l ON l.warehouse_id = m.warehouse_id AND l.product_id = m.product_id AND l.remaining > 0
WHERE m.business_key LIKE 'opening:%';
