CREATE TABLE "payment_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"pickup_date" date NOT NULL,
	"first_order_id" uuid NOT NULL,
	"total_fen" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_group_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "payment_group_id" uuid;--> statement-breakpoint
CREATE INDEX "orders_payment_group_idx" ON "orders" USING btree ("payment_group_id") WHERE payment_group_id is not null;