CREATE TABLE "incident_customers" (
	"incident_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"orders" integer NOT NULL,
	"coupon_id" uuid,
	"outbox_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_customers_incident_id_user_id_pk" PRIMARY KEY("incident_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_orders" (
	"incident_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"pickup_point_id" uuid,
	CONSTRAINT "incident_orders_incident_id_order_id_pk" PRIMARY KEY("incident_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"declared_by" uuid NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"postmortem_due_at" timestamp with time zone NOT NULL,
	"criteria" jsonb,
	"selected_at" timestamp with time zone,
	"message" text,
	"coupon_template_id" uuid,
	"compensated_by" uuid,
	"compensated_at" timestamp with time zone,
	"messages_sent" integer DEFAULT 0 NOT NULL,
	"coupons_granted" integer DEFAULT 0 NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"pm_cause" text,
	"pm_impact" text,
	"pm_actions" text,
	"pm_prevention" text,
	"pm_filed_by" uuid,
	"pm_filed_at" timestamp with time zone,
	CONSTRAINT "incidents_postmortem_whole" CHECK ((pm_filed_at is null) = (pm_cause is null)),
	CONSTRAINT "incidents_compensated" CHECK ((compensated_at is null) = (message is null))
);
--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incident_orders_user_idx" ON "incident_orders" USING btree ("incident_id","user_id");--> statement-breakpoint
CREATE INDEX "incidents_region_idx" ON "incidents" USING btree ("region_id","declared_at");--> statement-breakpoint
CREATE INDEX "incidents_postmortem_due_idx" ON "incidents" USING btree ("postmortem_due_at") WHERE pm_filed_at is null;