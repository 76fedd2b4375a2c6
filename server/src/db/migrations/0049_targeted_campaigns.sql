CREATE TABLE "targeted_campaign_members" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"control" boolean NOT NULL,
	"coupon_id" uuid,
	CONSTRAINT "targeted_campaign_members_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "targeted_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"segment_id" uuid NOT NULL,
	"segment_name" text NOT NULL,
	"region_id" uuid,
	"template_id" uuid NOT NULL,
	"message" text NOT NULL,
	"control_bps" integer DEFAULT 1000 NOT NULL,
	"window_days" integer DEFAULT 14 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"launched_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targeted_campaigns_params" CHECK (control_bps between 0 and 5000 and window_days between 1 and 90 and (status = 'draft') = (launched_at is null))
);
--> statement-breakpoint
ALTER TABLE "targeted_campaign_members" ADD CONSTRAINT "targeted_campaign_members_campaign_id_targeted_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."targeted_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "targeted_campaigns_created_idx" ON "targeted_campaigns" USING btree ("created_at");