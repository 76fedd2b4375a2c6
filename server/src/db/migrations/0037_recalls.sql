CREATE TABLE "order_line_lots" (
	"order_line_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "order_line_lots_order_line_id_lot_id_pk" PRIMARY KEY("order_line_id","lot_id"),
	CONSTRAINT "order_line_lots_positive" CHECK (quantity > 0)
);
--> statement-breakpoint
CREATE TABLE "recall_deals" (
	"recall_id" uuid NOT NULL,
	"campaign_item_id" uuid NOT NULL,
	"quota_before" integer,
	CONSTRAINT "recall_deals_recall_id_campaign_item_id_pk" PRIMARY KEY("recall_id","campaign_item_id")
);
--> statement-breakpoint
CREATE TABLE "recall_lines" (
	"recall_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"refund_id" uuid,
	"refunded_fen" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "recall_lines_recall_id_order_line_id_pk" PRIMARY KEY("recall_id","order_line_id")
);
--> statement-breakpoint
CREATE TABLE "recall_lots" (
	"recall_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"blocked_units" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "recall_lots_recall_id_lot_id_pk" PRIMARY KEY("recall_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "recall_notices" (
	"recall_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"outbox_id" bigint NOT NULL,
	CONSTRAINT "recall_notices_recall_id_user_id_role_pk" PRIMARY KEY("recall_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "recall_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recall_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"business_key" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_returns_positive" CHECK (units > 0)
);
--> statement-breakpoint
CREATE TABLE "recalls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"lot_id" uuid,
	"product_id" uuid,
	"supplier_id" uuid,
	"from_date" date,
	"to_date" date,
	"reason" text NOT NULL,
	"refund" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "order_line_lots_lot_idx" ON "order_line_lots" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "recall_lines_order_idx" ON "recall_lines" USING btree ("recall_id","order_id");--> statement-breakpoint
CREATE INDEX "recall_returns_recall_idx" ON "recall_returns" USING btree ("recall_id","pickup_point_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recall_returns_business_key" ON "recall_returns" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "recalls_created_idx" ON "recalls" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "recalls_due_idx" ON "recalls" USING btree ("deadline_at") WHERE status = 'active';