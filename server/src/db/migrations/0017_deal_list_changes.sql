-- Every server process keeps the shop's deal list (GET /campaigns/active) in memory and hears on
-- the linli_deals channel when what it shows changes (decision 021): a campaign, a deal's terms or a
-- product. Statement-level, and for deals only when a term other than `sold` is written, so an
-- order's `sold = sold + n` costs nothing here; NOTIFY is delivered on commit and merged within a
-- transaction.
CREATE OR REPLACE FUNCTION linli_deals_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_deals', 'c');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER campaigns_deals_changed AFTER INSERT OR UPDATE OR DELETE ON campaigns
FOR EACH STATEMENT EXECUTE FUNCTION linli_deals_changed();
--> statement-breakpoint
CREATE TRIGGER campaign_items_deals_added AFTER INSERT OR DELETE ON campaign_items
FOR EACH STATEMENT EXECUTE FUNCTION linli_deals_changed();
--> statement-breakpoint
CREATE TRIGGER campaign_items_deals_changed AFTER UPDATE OF campaign_id, product_id, price_fen, member_price_fen, quota,
  per_customer_limit, sale_starts_at, group_tiers, position ON campaign_items
FOR EACH STATEMENT EXECUTE FUNCTION linli_deals_changed();
--> statement-breakpoint
CREATE TRIGGER products_deals_changed AFTER UPDATE OR DELETE ON products
FOR EACH STATEMENT EXECUTE FUNCTION linli_deals_changed();
