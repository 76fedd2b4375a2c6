CREATE TABLE "leader_allowance_months" (
	"leader_id" uuid NOT NULL,
	"month" text NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "leader_allowance_months_leader_id_month_pk" PRIMARY KEY("leader_id","month")
);
--> statement-breakpoint
CREATE TABLE "leader_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"leader_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"coupon_id" uuid,
	"text" text,
	"dormant" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_months" (
	"leader_id" uuid NOT NULL,
	"month" text NOT NULL,
	"region_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"gmv_fen" bigint NOT NULL,
	"orders" integer NOT NULL,
	"customers" integer NOT NULL,
	"new_customers" integer NOT NULL,
	"dormant_customers" integer NOT NULL,
	"claims" integer NOT NULL,
	"ready_orders" integer NOT NULL,
	"timely_orders" integer NOT NULL,
	"commission_fen" bigint NOT NULL,
	"contacted" integer NOT NULL,
	"recalled" integer NOT NULL,
	"grade" text NOT NULL,
	"bonus_bps" integer NOT NULL,
	"bonus_fen" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leader_months_leader_id_month_pk" PRIMARY KEY("leader_id","month"),
	CONSTRAINT "leader_months_bonus" CHECK (bonus_fen >= 0 and bonus_bps between 0 and 10000)
);
--> statement-breakpoint
CREATE INDEX "leader_contacts_leader_idx" ON "leader_contacts" USING btree ("leader_id","created_at");--> statement-breakpoint
CREATE INDEX "leader_contacts_user_idx" ON "leader_contacts" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "leader_months_region_idx" ON "leader_months" USING btree ("region_id","month");--> statement-breakpoint
CREATE INDEX "ledger_entries_leader_month_idx" ON "ledger_entries" USING btree ("leader_id","created_at") WHERE kind in ('commission', 'reversal');