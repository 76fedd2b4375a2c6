CREATE TABLE "supplier_payables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"units" integer NOT NULL,
	"unit_cost_fen" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text,
	"business_key" text NOT NULL,
	"movement_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"statement_id" uuid,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_payables_amount" CHECK (amount_fen = units * unit_cost_fen and unit_cost_fen >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplier_scorecards" (
	"supplier_id" uuid NOT NULL,
	"month" text NOT NULL,
	"ordered_units" integer NOT NULL,
	"accepted_units" integer NOT NULL,
	"rejected_units" integer NOT NULL,
	"due_orders" integer NOT NULL,
	"on_time_orders" integer NOT NULL,
	"units_sold" integer NOT NULL,
	"claim_units" integer NOT NULL,
	"claims_by_reason" jsonb NOT NULL,
	"loss_units" integer NOT NULL,
	"loss_fen" integer NOT NULL,
	"received_fen" integer NOT NULL,
	"score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"ranked_of" integer NOT NULL,
	"below_standard" boolean NOT NULL,
	"rectify_by" date,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_scorecards_supplier_id_month_pk" PRIMARY KEY("supplier_id","month")
);
--> statement-breakpoint
CREATE TABLE "supplier_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_fen" integer DEFAULT 0 NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"paid_reference" text,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_statements_paid" CHECK (status <> 'paid' or (paid_reference is not null and paid_at is not null))
);
--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD COLUMN "unit_cost_fen" integer;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD COLUMN "expected_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_payables_business_key" ON "supplier_payables" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "supplier_payables_supplier_idx" ON "supplier_payables" USING btree ("supplier_id","occurred_at");--> statement-breakpoint
CREATE INDEX "supplier_payables_statement_idx" ON "supplier_payables" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "supplier_payables_unstated_idx" ON "supplier_payables" USING btree ("supplier_id","region_id") WHERE statement_id is null;--> statement-breakpoint
CREATE INDEX "supplier_scorecards_month_idx" ON "supplier_scorecards" USING btree ("month","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_statements_key" ON "supplier_statements" USING btree ("supplier_id","region_id","period");--> statement-breakpoint
CREATE INDEX "supplier_statements_period_idx" ON "supplier_statements" USING btree ("period","status");--> statement-breakpoint
-- Existing purchase orders: due at 06:00 (the region's clock) on their campaign's pickup day, the default of suppliers.deliveryDue
UPDATE "purchase_orders" po SET "expected_at" = (c.pickup_date + time '06:00') AT TIME ZONE rg.time_zone
FROM "campaigns" c JOIN "regions" rg ON rg.id = c.region_id
WHERE c.id = po.campaign_id AND po.expected_at IS NULL;--> statement-breakpoint
-- Existing lines: the product's cost now is the best record of what they cost
UPDATE "purchase_order_lines" pol SET "unit_cost_fen" = p.cost_fen FROM "products" p
WHERE p.id = pol.product_id AND pol.unit_cost_fen IS NULL;--> statement-breakpoint
-- Payables of the orders already received
INSERT INTO "supplier_payables" ("supplier_id", "region_id", "warehouse_id", "purchase_order_id", "product_id", "kind", "units",
  "unit_cost_fen", "amount_fen", "business_key", "occurred_at")
SELECT po.supplier_id, w.region_id, po.warehouse_id, po.id, pol.product_id, 'receipt', pol.accepted_quantity, pol.unit_cost_fen,
  pol.accepted_quantity * pol.unit_cost_fen, 'receipt:' || po.id::text || ':' || pol.product_id::text, coalesce(po.received_at, po.created_at)
FROM "purchase_orders" po JOIN "purchase_order_lines" pol ON pol.purchase_order_id = po.id JOIN "warehouses" w ON w.id = po.warehouse_id
WHERE po.status = 'received' AND pol.accepted_quantity > 0
ON CONFLICT ("business_key") DO NOTHING;
