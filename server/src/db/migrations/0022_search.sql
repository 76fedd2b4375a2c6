-- trigram matching for product search (PGlite loads the extension in db/client.ts)
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "search_counts" (
	"day" date NOT NULL,
	"query" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_counts_day_query_pk" PRIMARY KEY("day","query")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "name_pinyin" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "name_initials" text;--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "products" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "analytics_day_products_product_idx" ON "analytics_day_products" USING btree ("product_id","day");