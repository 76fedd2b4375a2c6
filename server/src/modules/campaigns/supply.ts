import { sql } from 'drizzle-orm';
import { pgArray, rows, type Db } from '../../db/client.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import {
  noUsableSupplierSql,
  toUnsuppliedProduct,
  unsuppliedColumnsSql,
  type UnsuppliedProduct,
  type UnsuppliedRow,
} from '../catalog/qualification.js';

/** A deal whose product has no usable supplier today: the cutoff could raise no purchase order for it. */
export interface UnsuppliedDeal extends UnsuppliedProduct {
  itemId: string;
}

/**
 * The deals of the given campaigns without a usable supplier on their region's business day
 * (supplier suspended or unqualified, and no usable backup), per campaign: the warning the console
 * shows before the cutoff (decision 038). One statement for a page of campaigns.
 */
export async function unsuppliedDeals(db: Db, campaignIds: readonly string[]): Promise<Map<string, UnsuppliedDeal[]>> {
  const byCampaign = new Map<string, UnsuppliedDeal[]>();
  if (!campaignIds.length) return byCampaign;
  const today = sql`(now() at time zone rg.time_zone)::date`;
  const found = await rows<UnsuppliedRow & { campaign_id: string; item_id: string }>(
    db,
    sql`
    select ci.campaign_id, ci.id as item_id, ${unsuppliedColumnsSql(today)}
    from campaign_items ci
    join campaigns c on c.id = ci.campaign_id
    join regions rg on rg.id = c.region_id
    join products p on p.id = ci.product_id
    join suppliers s on s.id = p.supplier_id
    where ci.campaign_id = any(${pgArray(campaignIds)}::uuid[]) and ${noUsableSupplierSql(today)}
    order by ci.campaign_id, ci.position`,
  );
  for (const r of found) {
    const list = byCampaign.get(r.campaign_id) ?? [];
    list.push({ itemId: r.item_id, ...toUnsuppliedProduct(r) });
    byCampaign.set(r.campaign_id, list);
  }
  return byCampaign;
}

/** How long before a campaign's cutoff an operator is told which of its deals have no supplier. */
export const UNSUPPLIED_WARNING_HOURS = 6;

/**
 * The warning before the cutoff, for operators not looking at the campaign: one alert per campaign
 * and product whose deal has no usable supplier on its region's business day, raised once within
 * the last hours before the cutoff (a job every 10 minutes), so there is time to approve a document,
 * lift a suspension or name a backup supplier. The cutoff itself still reports what stayed unsupplied.
 */
export async function raiseUnsuppliedBeforeCutoffAlerts(db: Db, now = new Date()): Promise<number> {
  const today = sql`(now() at time zone rg.time_zone)::date`;
  return raiseAlertsFrom(
    db,
    sql`
    select 'deal_without_supplier_before_cutoff' as kind,
      'unsupplied-before-cutoff:' || c.id || ':' || p.id as business_key,
      c.region_id, 'critical' as severity, 'campaign' as subject_type, c.id as subject_id,
      jsonb_build_object('campaignId', c.id, 'campaignTitle', c.title, 'cutoffAt', c.cutoff_at, 'productId', p.id,
        'name', p.name, 'supplierName', s.name, 'suspended', s.status <> 'active') as details
    from campaigns c
    join regions rg on rg.id = c.region_id
    join campaign_items ci on ci.campaign_id = c.id
    join products p on p.id = ci.product_id
    join suppliers s on s.id = p.supplier_id
    where c.status = 'open' and c.cutoff_at > ${now.toISOString()}::timestamptz
      and c.cutoff_at <= ${now.toISOString()}::timestamptz + make_interval(hours => ${UNSUPPLIED_WARNING_HOURS})
      and ${noUsableSupplierSql(today)}`,
  );
}
