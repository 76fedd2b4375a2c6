CREATE TABLE "leader_application_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"application_id" uuid,
	"display_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"region_id" uuid NOT NULL,
	"address" text NOT NULL,
	"place_kind" text NOT NULL,
	"experience" text NOT NULL,
	"photo_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"pickup_point_id" uuid,
	"leader_id" uuid,
	"plan_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leader_applications_rejected" CHECK ((status = 'rejected') = (reject_reason is not null))
);
--> statement-breakpoint
CREATE TABLE "training_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"leader_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"correct" integer NOT NULL,
	"total" integer NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"questions" jsonb NOT NULL,
	"pass_percent" integer NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"display_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"default_bps" integer NOT NULL,
	"category_bps" jsonb NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "commission_plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version"),
	CONSTRAINT "commission_plan_versions_default" CHECK (default_bps between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "commission_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commission_plans_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "deal_commission_rates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_item_id" uuid NOT NULL,
	"commission_bps" integer,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_commission_rates_range" CHECK (commission_bps between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "leader_plan_assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"leader_id" uuid NOT NULL,
	"plan_id" uuid,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "leader_application_photos_user_idx" ON "leader_application_photos" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leader_applications_open_key" ON "leader_applications" USING btree ("user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "leader_applications_queue_idx" ON "leader_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "training_attempts_course_idx" ON "training_attempts" USING btree ("course_id","leader_id","created_at");--> statement-breakpoint
CREATE INDEX "training_attempts_leader_idx" ON "training_attempts" USING btree ("leader_id","created_at");--> statement-breakpoint
CREATE INDEX "training_images_course_idx" ON "training_images" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "deal_commission_rates_item_idx" ON "deal_commission_rates" USING btree ("campaign_item_id","valid_from");--> statement-breakpoint
CREATE INDEX "leader_plan_assignments_leader_idx" ON "leader_plan_assignments" USING btree ("leader_id","valid_from");