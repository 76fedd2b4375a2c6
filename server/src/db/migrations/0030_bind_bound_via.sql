ALTER TABLE "users" ADD COLUMN "bound_point_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bound_leader_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bound_via" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bound_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "users_bound_leader_idx" ON "users" USING btree ("bound_leader_id","bound_via");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_bound_via_known" CHECK (bound_via is null or (bound_via in ('link', 'invite', 'chooser') and bound_point_id is not null and bound_at is not null));