import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../db/client.js';
import { adjustStock } from '../modules/inventory/service.js';
import { createMarkdownDeals, raiseNearExpiryAlerts, writeOffExpiredLots } from '../modules/freshness/jobs.js';
import { raiseLossAlerts, rollUpLossWeeks } from '../modules/freshness/loss.js';

/**
 * Freshness on first start (decision 041): the rules an operator would set from the seeds (leafy
 * greens alerted a day before expiry, fruit and dairy two; bananas 20 % off on their third day,
 * greens 30 % off on their last), a lot of bananas received two days ago at each central
 * warehouse, and the daily jobs run once over the month's stock: lots left past their expiry are
 * written off (dated the morning after their expiry, when the daily job would have), lots near
 * expiry alerted, lots at a markdown step put on today's 尾货秒杀, and the closed weeks' loss summed.
 */
export async function demoFreshness(db: Db): Promise<{ writeOffs: number; alerts: number; deals: number }> {
  await exec(
    db,
    sql`
    insert into expiry_alert_rules (category, days_before_expiry)
    values ('fresh', 1), ('dairy', 2), ('meat_eggs', 1), ('seafood', 1) on conflict do nothing`,
  );
  await exec(
    db,
    sql`
    insert into expiry_alert_rules (product_id, days_before_expiry)
    select id, 2 from products where name in ('海南香蕉', '赣南脐橙') on conflict do nothing`,
  );
  await exec(
    db,
    sql`
    insert into markdown_rules (product_id, category, basis, days, discount_bps)
    select id, null, 'age', 2, 2000 from products where name = '海南香蕉'
    union all select null, 'fresh', 'days_left', 1, 3000
    union all select null, 'dairy', 'days_left', 2, 2000
    on conflict do nothing`,
  );
  // a lot of bananas at each central warehouse, received two days ago (its third day is today)
  const bananas = await rows<{ warehouse_id: string; product_id: string }>(
    db,
    sql`
    select w.id as warehouse_id, p.id as product_id
    from warehouses w join products p on p.name = '海南香蕉'
    where w.kind = 'central' and not exists (select 1 from markdown_deals)
    order by w.created_at`,
  );
  for (const b of bananas) {
    const r = await adjustStock(db, {
      warehouseId: b.warehouse_id,
      productId: b.product_id,
      quantityDelta: 24,
      reason: '到货入库',
      businessKey: `demo-bananas:${b.warehouse_id}`,
    });
    await exec(
      db,
      sql`update lots set received_at = received_at - interval '2 days', expires_on = expires_on - 2 where id = ${r.lotId}`,
    );
    await exec(
      db,
      sql`update stock_movements set created_at = created_at - interval '2 days' where id = ${r.movementId}`,
    );
  }
  const writeOffs = await writeOffExpiredLots(db);
  await exec(
    db,
    sql`
    update stock_movements m set created_at = least(now(), (((l.expires_on + 1) + time '08:20') at time zone r.time_zone))
    from stock_movement_lots ml join lots l on l.id = ml.lot_id join warehouses w on w.id = l.warehouse_id
      join regions r on r.id = w.region_id
    where ml.movement_id = m.id and m.business_key like 'expiry:%'`,
  );
  const alerts = await raiseNearExpiryAlerts(db);
  const deals = await createMarkdownDeals(db);
  await rollUpLossWeeks(db);
  await raiseLossAlerts(db);
  const n = await one<{ n: number }>(db, sql`select count(*)::int as n from markdown_deals`);
  return { writeOffs, alerts, deals: n?.n ?? deals };
}
