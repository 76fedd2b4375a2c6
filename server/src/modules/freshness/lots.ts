import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { DEFAULT_TIME_ZONE, dateOnly, iso } from '../../lib/time.js';

export type ExpiryStatus = 'expired' | 'near' | 'ok' | 'none';

export interface LotView {
  lotId: string;
  warehouseId: string;
  warehouseName: string;
  productId: string;
  productName: string;
  unit: string;
  category: string;
  quantity: number;
  remaining: number;
  /** units set aside for an open markdown deal (尾货秒杀), back in stock at its cutoff */
  onMarkdown: number;
  expiresOn: string | null;
  daysLeft: number | null;
  alertDays: number | null;
  status: ExpiryStatus;
  receivedAt: string;
}

/** Whether a lot has expired, is within its alert rule's days, or is fine (days on the region's clock). */
export function expiryStatus(daysLeft: number | null, alertDays: number | null): ExpiryStatus {
  if (daysLeft === null) return 'none';
  if (daysLeft < 0) return 'expired';
  if (alertDays !== null && daysLeft <= alertDays) return 'near';
  return 'ok';
}

/** Stock by warehouse and lot, earliest expiry first: lots with units left or on a markdown deal. */
export async function listLots(
  db: Db,
  filter: { warehouseId?: string; productId?: string; status?: ExpiryStatus; scope?: RegionScope },
  now = new Date(),
): Promise<LotView[]> {
  const found = await rows<Omit<LotView, 'status' | 'receivedAt'> & { expiresOn: unknown; receivedAt: unknown }>(
    db,
    sql`
    with shown as (
      -- lots with units left (a partial index) and lots on an open markdown deal, not every lot ever received
      select id from lots where remaining > 0
      union select lot_id from markdown_deals where released_at is null
    )
    select * from (
      select l.id as "lotId", l.warehouse_id as "warehouseId", w.name as "warehouseName", l.product_id as "productId",
        p.name as "productName", p.unit, p.category, l.quantity, l.remaining,
        coalesce((select sum(d.units) from markdown_deals d where d.lot_id = l.id and d.released_at is null), 0)::int as "onMarkdown",
        l.expires_on as "expiresOn",
        l.expires_on - (${now.toISOString()}::timestamptz at time zone coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}))::date as "daysLeft",
        coalesce(pr.days_before_expiry, cr.days_before_expiry) as "alertDays", l.received_at as "receivedAt"
      from shown join lots l on l.id = shown.id join warehouses w on w.id = l.warehouse_id left join regions r on r.id = w.region_id
        join products p on p.id = l.product_id
        left join expiry_alert_rules pr on pr.product_id = p.id
        left join expiry_alert_rules cr on cr.category = p.category
      where ${inScope(filter.scope ?? null, sql`w.region_id`)}
        and ${filter.warehouseId ? sql`l.warehouse_id = ${filter.warehouseId}` : sql`true`}
        and ${filter.productId ? sql`l.product_id = ${filter.productId}` : sql`true`}
    ) x where x.remaining > 0 or x."onMarkdown" > 0
    order by x."warehouseName", x."expiresOn" nulls last, x."productName", x."lotId" limit 5000`,
  );
  const all = found.map((l) => ({
    ...l,
    expiresOn: dateOnly(l.expiresOn),
    receivedAt: iso(l.receivedAt)!,
    status: expiryStatus(l.daysLeft, l.alertDays),
  }));
  return filter.status ? all.filter((l) => l.status === filter.status) : all;
}

export interface MarkdownDealView {
  id: string;
  businessDay: string;
  warehouseName: string;
  productId: string;
  productName: string;
  lotId: string;
  expiresOn: string | null;
  campaignId: string;
  campaignItemId: string;
  units: number;
  sold: number;
  listPriceFen: number;
  priceFen: number;
  discountBps: number;
  released: boolean;
}

/** The markdown deals the job made, newest day first. */
export async function listMarkdownDeals(db: Db, scope: RegionScope, limit = 300): Promise<MarkdownDealView[]> {
  const found = await rows<MarkdownDealView & { businessDay: unknown; expiresOn: unknown }>(
    db,
    sql`
    select d.id, d.business_day as "businessDay", w.name as "warehouseName", d.product_id as "productId", p.name as "productName",
      d.lot_id as "lotId", l.expires_on as "expiresOn", d.campaign_id as "campaignId", d.campaign_item_id as "campaignItemId",
      d.units, ci.sold, d.list_price_fen as "listPriceFen", d.price_fen as "priceFen", d.discount_bps as "discountBps",
      d.released_at is not null as released
    from markdown_deals d join warehouses w on w.id = d.warehouse_id join products p on p.id = d.product_id
      join lots l on l.id = d.lot_id join campaign_items ci on ci.id = d.campaign_item_id
    where ${inScope(scope, sql`w.region_id`)}
    order by d.business_day desc, d.created_at desc, d.id limit ${limit}`,
  );
  return found.map((d) => ({ ...d, businessDay: dateOnly(d.businessDay)!, expiresOn: dateOnly(d.expiresOn) }));
}
