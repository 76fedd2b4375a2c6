-- Flash deals are sold by the batched lane now (decision 009). Units a crashed process left
-- reserved go back on sale before the table goes, and the job that released them goes too.
UPDATE "campaign_items" ci SET "sold" = ci."sold" - r."quantity"
FROM (SELECT "campaign_item_id", sum("quantity")::int AS "quantity" FROM "reservations" GROUP BY 1) r
WHERE ci."id" = r."campaign_item_id";--> statement-breakpoint
DELETE FROM "jobs" WHERE "name" = 'release-stale-reservations';--> statement-breakpoint
DROP TABLE "reservations" CASCADE;
