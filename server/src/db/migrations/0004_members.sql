CREATE TABLE "check_ins" (
	"user_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"streak_days" integer NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_ins_user_id_business_date_pk" PRIMARY KEY("user_id","business_date")
);
--> statement-breakpoint
CREATE TABLE "growth_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"business_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_coupon_grants" (
	"user_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"coupon_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_coupon_grants_user_id_template_id_period_pk" PRIMARY KEY("user_id","template_id","period")
);
--> statement-breakpoint
CREATE TABLE "member_coupon_templates" (
	"template_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	CONSTRAINT "member_coupon_templates_template_id_purpose_pk" PRIMARY KEY("template_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "member_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"growth" integer DEFAULT 0 NOT NULL,
	"birthday" date,
	CONSTRAINT "member_profiles_growth_nonneg" CHECK (growth >= 0)
);
--> statement-breakpoint
CREATE TABLE "membership_periods" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"plan" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_rewards" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"base_fen" integer NOT NULL,
	"points" integer NOT NULL,
	"growth" integer NOT NULL,
	"clawed_fen" integer DEFAULT 0 NOT NULL,
	"clawed_points" integer DEFAULT 0 NOT NULL,
	"clawed_growth" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_rewards_clawed_within" CHECK (clawed_fen between 0 and base_fen)
);
--> statement-breakpoint
CREATE TABLE "referral_months" (
	"inviter_id" uuid NOT NULL,
	"month" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "referral_months_inviter_id_month_pk" PRIMARY KEY("inviter_id","month")
);
--> statement-breakpoint
CREATE TABLE "referral_rewards" (
	"invitee_id" uuid PRIMARY KEY NOT NULL,
	"inviter_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"month" text NOT NULL,
	"outcome" text NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating" CHECK (rating between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "share_days" (
	"user_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "share_days_user_id_business_date_pk" PRIMARY KEY("user_id","business_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "growth_entries_business_key" ON "growth_entries" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "growth_entries_user_idx" ON "growth_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "membership_periods_user_idx" ON "membership_periods" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "referral_rewards_inviter_idx" ON "referral_rewards" USING btree ("inviter_id","month");