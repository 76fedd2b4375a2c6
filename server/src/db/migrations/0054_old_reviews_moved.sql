-- an order's review becomes the review of each of its lines, with the order's rating and text
INSERT INTO "product_reviews" ("order_id", "order_line_id", "user_id", "product_id", "supplier_id", "region_id", "rating", "text", "created_at")
SELECT r."order_id", l."id", r."user_id", l."product_id", p."supplier_id", o."region_id", r."rating", r."text", r."created_at"
FROM "reviews" r JOIN "orders" o ON o."id" = r."order_id" JOIN "order_lines" l ON l."order_id" = r."order_id"
  JOIN "products" p ON p."id" = l."product_id"
ON CONFLICT ("order_line_id") DO NOTHING;--> statement-breakpoint
DROP TABLE "reviews" CASCADE;
