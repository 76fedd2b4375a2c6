CREATE TABLE "loss_category_weeks" (
	"warehouse_id" uuid NOT NULL,
	"category" text NOT NULL,
	"week_start" date NOT NULL,
	"received" integer NOT NULL,
	"stock_received" integer NOT NULL,
	"written_off" integer NOT NULL,
	"expired" integer NOT NULL,
	"rejected" integer NOT NULL,
	"damaged" integer NOT NULL,
	CONSTRAINT "loss_category_weeks_week_start_warehouse_id_category_pk" PRIMARY KEY("week_start","warehouse_id","category")
);
--> statement-breakpoint
-- the weeks rolled up so far, summed by the categories their products have now
INSERT INTO "loss_category_weeks" ("warehouse_id", "category", "week_start", "received", "stock_received", "written_off", "expired", "rejected", "damaged")
SELECT lw."warehouse_id", p."category", lw."week_start", sum(lw."received"), sum(lw."stock_received"), sum(lw."written_off"), sum(lw."expired"), sum(lw."rejected"), sum(lw."damaged")
FROM "loss_weeks" lw JOIN "products" p ON p."id" = lw."product_id"
GROUP BY lw."warehouse_id", p."category", lw."week_start";
