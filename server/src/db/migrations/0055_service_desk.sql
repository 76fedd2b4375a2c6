CREATE SEQUENCE "public"."ticket_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "canned_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"body" text,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_id" uuid,
	"event_id" bigint,
	"display_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"region_id" uuid NOT NULL,
	"opener_id" uuid NOT NULL,
	"opener_role" text NOT NULL,
	"order_id" uuid,
	"refund_id" uuid,
	"category" text NOT NULL,
	"team" text NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"assignee_id" uuid,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"plan_due_at" timestamp with time zone NOT NULL,
	"close_due_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"first_responder_id" uuid,
	"planned_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolver_id" uuid,
	"closed_at" timestamp with time zone,
	"first_response_breached_at" timestamp with time zone,
	"plan_breached_at" timestamp with time zone,
	"close_breached_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"rating" integer,
	"rating_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_number_unique" UNIQUE("number"),
	CONSTRAINT "tickets_rating" CHECK (rating between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "canned_replies_title" ON "canned_replies" USING btree (coalesce("team", ''),"title");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_photos_ticket_idx" ON "ticket_photos" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_photos_user_idx" ON "ticket_photos" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("region_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_opener_idx" ON "tickets" USING btree ("opener_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_order_idx" ON "tickets" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "tickets_running_idx" ON "tickets" USING btree ("first_response_due_at") WHERE status not in ('resolved', 'closed');