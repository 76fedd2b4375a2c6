ALTER TABLE "users" ADD COLUMN "region_ids" uuid[];--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_ids_nonempty" CHECK (region_ids is null or cardinality(region_ids) > 0);