CREATE TABLE "experiment_exposures" (
	"experiment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"arm" text NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_exposures_experiment_id_unit_id_pk" PRIMARY KEY("experiment_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"name" text NOT NULL,
	"campaign_item_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"kind" text NOT NULL,
	"arms" jsonb NOT NULL,
	"min_per_arm" integer DEFAULT 500 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiments_min_per_arm" CHECK (min_per_arm between 2 and 1000000),
	CONSTRAINT "experiments_times" CHECK ((status = 'draft' and started_at is null and stopped_at is null)
        or (status = 'running' and started_at is not null and stopped_at is null)
        or (status = 'stopped' and started_at is not null and stopped_at >= started_at))
);
--> statement-breakpoint
ALTER TABLE "experiment_exposures" ADD CONSTRAINT "experiment_exposures_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_campaign_item_id_campaign_items_id_fk" FOREIGN KEY ("campaign_item_id") REFERENCES "public"."campaign_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "experiments_running_item_key" ON "experiments" USING btree ("campaign_item_id") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "experiments_region_idx" ON "experiments" USING btree ("region_id","created_at");