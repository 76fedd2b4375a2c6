CREATE TABLE "lifecycle_grants" (
	"business_key" text PRIMARY KEY NOT NULL,
	"program" text NOT NULL,
	"user_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"coupon_id" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_programs" (
	"region_id" uuid NOT NULL,
	"program" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"template_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lifecycle_programs_region_id_program_pk" PRIMARY KEY("region_id","program")
);
--> statement-breakpoint
CREATE TABLE "repurchase_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"sent_on" date NOT NULL,
	"week_start" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "lifecycle_grants_coupon_key" ON "lifecycle_grants" USING btree ("coupon_id");--> statement-breakpoint
CREATE INDEX "lifecycle_grants_report_idx" ON "lifecycle_grants" USING btree ("region_id","program","granted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repurchase_reminders_week_key" ON "repurchase_reminders" USING btree ("user_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "repurchase_reminders_due_key" ON "repurchase_reminders" USING btree ("user_id","product_id","due_on");--> statement-breakpoint
CREATE INDEX "repurchase_reminders_report_idx" ON "repurchase_reminders" USING btree ("region_id","sent_on");