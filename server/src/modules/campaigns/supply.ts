import { sql } from 'drizzle-orm';
import { pgArray, rows, type Db } from '../../db/client.js';
import { missingDocumentsSql, supplierUsableSql, type UnsuppliedProduct } from '../catalog/qualification.js';

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
  const found = await rows<{
    campaign_id: string;
    item_id: string;
    product_id: string;
    name: string;
    supplier_id: string;
    supplier_name: string;
    status: string;
    missing: string[];
  }>(
    db,
    sql`
    select ci.campaign_id, ci.id as item_id, p.id as product_id, p.name, s.id as supplier_id, s.name as supplier_name,
      s.status, ${missingDocumentsSql(sql`s`, today)} as missing
    from campaign_items ci
    join campaigns c on c.id = ci.campaign_id
    join regions rg on rg.id = c.region_id
    join products p on p.id = ci.product_id
    join suppliers s on s.id = p.supplier_id
    where ci.campaign_id = any(${pgArray(campaignIds)}::uuid[])
      and not ${supplierUsableSql(sql`p.supplier_id`, today)}
      and (p.backup_supplier_id is null or not ${supplierUsableSql(sql`p.backup_supplier_id`, today)})
    order by ci.campaign_id, ci.position`,
  );
  for (const r of found) {
    const list = byCampaign.get(r.campaign_id) ?? [];
    list.push({
      itemId: r.item_id,
      productId: r.product_id,
      name: r.name,
      supplierId: r.supplier_id,
      supplierName: r.supplier_name,
      reason: r.status === 'active' ? 'supplier_unqualified' : 'supplier_suspended',
      missingDocuments: r.missing,
    });
    byCampaign.set(r.campaign_id, list);
  }
  return byCampaign;
}
