ALTER TABLE "campaigns" ADD COLUMN "copied_from" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_copy_key" ON "campaigns" USING btree ("copied_from","pickup_date");