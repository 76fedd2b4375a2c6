CREATE TABLE "flash_reminders" (
	"user_id" uuid NOT NULL,
	"campaign_item_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "flash_reminders_user_id_campaign_item_id_pk" PRIMARY KEY("user_id","campaign_item_id")
);
--> statement-breakpoint
CREATE INDEX "flash_reminders_due_idx" ON "flash_reminders" USING btree ("campaign_item_id") WHERE sent_at is null;