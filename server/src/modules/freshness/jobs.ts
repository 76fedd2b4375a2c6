import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { scheduleJob } from '../../jobs/runner.js';
import { DEFAULT_TIME_ZONE, dateOnly, iso } from '../../lib/time.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { AlreadyPosted, postMovements, type Move } from '../inventory/ledger.js';
import { markdownPriceFen, markdownStep, type MarkdownRule } from './rules.js';

/**
 * The daily freshness jobs (decision 041). Each acts per lot in its own short transaction that
 * first locks the lot, and every write has a business key, so a repeated run (or two servers at
 * once) changes nothing twice. Days are business days of the warehouse's region.
 */

/** The region's business day at an instant, in SQL, for a warehouse row `w` joined with region `r`. */
const today = (now: Date) =>
  sql`(${now.toISOString()}::timestamptz at time zone coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}))::date`;

/**
 * 临期提醒: one alert per lot with units left whose days before expiry are at most its product's
 * rule (else its category's). Expired lots are the write-off's, not alerted here.
 */
export async function raiseNearExpiryAlerts(db: Db, now = new Date()): Promise<number> {
  return raiseAlertsFrom(
    db,
    sql`
    select 'stock_near_expiry'::text as kind, 'near-expiry:' || l.id::text as business_key, w.region_id,
      (case when l.expires_on = ${today(now)} then 'critical' else 'warning' end)::text as severity,
      'lot'::text as subject_type, l.id as subject_id,
      jsonb_build_object('lotId', l.id, 'warehouseId', w.id, 'warehouseName', w.name, 'productId', p.id,
        'productName', p.name, 'category', p.category, 'remaining', l.remaining, 'expiresOn', l.expires_on::text,
        'daysLeft', l.expires_on - ${today(now)}, 'ruleDays', coalesce(pr.days_before_expiry, cr.days_before_expiry)) as details
    from lots l join warehouses w on w.id = l.warehouse_id left join regions r on r.id = w.region_id
      join products p on p.id = l.product_id
      left join expiry_alert_rules pr on pr.product_id = p.id
      left join expiry_alert_rules cr on cr.category = p.category
    where l.remaining > 0 and l.expires_on is not null and l.expires_on >= ${today(now)}
      and l.expires_on - ${today(now)} <= coalesce(pr.days_before_expiry, cr.days_before_expiry)`,
  );
}

/**
 * Posts one movement of a single lot (not first-expiry-first: this lot's units) in the caller's
 * transaction: the ledger row and stock figure through the ledger, then the lot by a conditional
 * update. The caller holds the lot locked.
 */
async function postLotMove(tx: Db, lotId: string, move: Move, now: Date): Promise<string> {
  const [posted] = await postMovements(tx, [move], now, { lots: false });
  const moved = await one<{ id: string }>(
    tx,
    sql`update lots set remaining = remaining + ${move.quantity} where id = ${lotId} and remaining + ${move.quantity} >= 0 returning id`,
  );
  if (!moved) throw new Error(`lot ${lotId} has fewer units than the movement takes`);
  await exec(
    tx,
    sql`insert into stock_movement_lots (movement_id, lot_id, quantity) values (${posted.id}, ${lotId}, ${move.quantity})`,
  );
  return posted.id;
}

/** Runs `work` in its own transaction; a business key posted before (another run) counts as done. */
async function once(db: Db, work: (tx: Db) => Promise<boolean>): Promise<boolean> {
  try {
    return await db.transaction((raw) => work(raw as unknown as Db));
  } catch (err) {
    if (err instanceof AlreadyPosted) return false;
    throw err;
  }
}

/**
 * Units left in a lot past its expiry date are written off (`written_off`, reason `expired`), one
 * movement per lot and business day (`expiry:<lot>:<day>`; a later day catches units that came
 * back into the lot, e.g. from a markdown deal's cutoff). Returns the lots written off.
 */
export async function writeOffExpiredLots(db: Db, now = new Date()): Promise<number> {
  const due = await rows<{ id: string; day: string }>(
    db,
    sql`
    select l.id, ${today(now)}::text as day
    from lots l join warehouses w on w.id = l.warehouse_id left join regions r on r.id = w.region_id
    where l.remaining > 0 and l.expires_on is not null and l.expires_on < ${today(now)}
    order by l.id`,
  );
  let n = 0;
  for (const lot of due) {
    const done = await once(db, async (tx) => {
      const held = await one<{ remaining: number; warehouse_id: string; product_id: string; expires_on: unknown }>(
        tx,
        sql`select remaining, warehouse_id, product_id, expires_on from lots where id = ${lot.id} for update`,
      );
      if (!held || held.remaining <= 0) return false;
      await postLotMove(
        tx,
        lot.id,
        {
          warehouseId: held.warehouse_id,
          productId: held.product_id,
          kind: 'written_off',
          quantity: -held.remaining,
          reasonCode: 'expired',
          reason: '过期自动报废 / expired, written off automatically',
          note: `expired ${dateOnly(held.expires_on)}`,
          businessKey: `expiry:${lot.id}:${lot.day}`,
        },
        now,
      );
      return true;
    });
    if (done) n++;
  }
  return n;
}

interface Candidate {
  lot_id: string;
  warehouse_id: string;
  region_id: string;
  product_id: string;
  category: string;
  list_price_fen: number;
  expires_on: unknown;
  received_on: string;
  today: string;
  pickup_date: string;
  cutoff_at: unknown;
}

/**
 * 尾货秒杀: the remaining units of each lot that reached a markdown step today become a flash deal
 * in the region's markdown campaign of the day, at the discounted price, with the lot's units as
 * its quota. The units leave free stock (`marked_down`, from this lot) so nothing else sells
 * them; the campaign's cutoff puts them back and serves the sold units (releaseMarkdownUnits).
 *
 * Only lots in the warehouse the region's deals are served from (its central warehouse: the
 * cutoff's), and only lots still good on the pickup date. One deal per lot and day.
 */
export async function createMarkdownDeals(db: Db, now = new Date()): Promise<number> {
  const rules = await rows<MarkdownRule>(
    db,
    sql`select id, product_id as "productId", category, basis, days, discount_bps as "discountBps" from markdown_rules`,
  );
  if (!rules.length) return 0;
  // the pickup date: tomorrow, or the day after when today's cutoff is less than an hour away
  const candidates = await rows<Candidate>(
    db,
    sql`
    with central as (
      select distinct on (w.region_id) w.id, w.region_id, coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}) as tz, r.cutoff_time
      from warehouses w join regions r on r.id = w.region_id
      where w.kind = 'central' order by w.region_id, w.created_at, w.id
    ), clock as (
      select c.*, (${now.toISOString()}::timestamptz at time zone c.tz)::date as today from central c
    ), plan as (
      select k.*, case when ((k.today + k.cutoff_time::time) at time zone k.tz) > ${now.toISOString()}::timestamptz + interval '1 hour'
        then k.today + 1 else k.today + 2 end as pickup_date
      from clock k
    )
    select l.id as lot_id, k.id as warehouse_id, k.region_id, l.product_id, p.category, p.list_price_fen, l.expires_on,
      (l.received_at at time zone k.tz)::date::text as received_on, k.today::text as today, k.pickup_date::text as pickup_date,
      ((k.pickup_date - 1) + k.cutoff_time::time) at time zone k.tz as cutoff_at
    from plan k join lots l on l.warehouse_id = k.id join products p on p.id = l.product_id
    where l.remaining > 0 and (l.expires_on is null or l.expires_on >= k.pickup_date)
      and exists (select 1 from markdown_rules m where m.product_id = p.id or m.category = p.category)
      and not exists (select 1 from markdown_deals d where d.lot_id = l.id and d.business_day = k.today)
    order by l.id`,
  );
  let n = 0;
  for (const c of candidates) {
    const step = markdownStep(
      rules,
      { productId: c.product_id, category: c.category, expiresOn: dateOnly(c.expires_on), receivedOn: c.received_on },
      c.today,
    );
    if (!step) continue;
    const priceFen = markdownPriceFen(c.list_price_fen, step.discountBps);
    const done = await once(db, async (tx) => {
      const held = await one<{ remaining: number }>(
        tx,
        sql`select remaining from lots where id = ${c.lot_id} for update`,
      );
      if (!held || held.remaining <= 0) return false;
      if (
        await one(tx, sql`select 1 as ok from markdown_deals where lot_id = ${c.lot_id} and business_day = ${c.today}`)
      )
        return false;
      const campaignId = await markdownCampaign(tx, c, now);
      if (!campaignId) return false;
      const item = (await one<{ id: string }>(
        tx,
        sql`
        insert into campaign_items (campaign_id, product_id, price_fen, quota, sale_starts_at, position)
        values (${campaignId}, ${c.product_id}, ${priceFen}, ${held.remaining}, ${now.toISOString()},
          (select coalesce(max(position), -1) + 1 from campaign_items where campaign_id = ${campaignId}))
        returning id`,
      ))!;
      const movementId = await postLotMove(
        tx,
        c.lot_id,
        {
          warehouseId: c.warehouse_id,
          productId: c.product_id,
          kind: 'marked_down',
          quantity: -held.remaining,
          reason: `尾货秒杀 −${step.discountBps / 100}%`,
          note: `${c.list_price_fen} → ${priceFen} fen`,
          businessKey: `markdown:${c.lot_id}:${c.today}`,
          refId: item.id,
        },
        now,
      );
      await exec(
        tx,
        sql`
        insert into markdown_deals (lot_id, business_day, warehouse_id, product_id, campaign_id, campaign_item_id, movement_id,
          rule_id, units, list_price_fen, price_fen, discount_bps)
        values (${c.lot_id}, ${c.today}, ${c.warehouse_id}, ${c.product_id}, ${campaignId}, ${item.id}, ${movementId},
          ${step.id}, ${held.remaining}, ${c.list_price_fen}, ${priceFen}, ${step.discountBps})`,
      );
      return true;
    });
    if (done) n++;
  }
  return n;
}

/**
 * The region's markdown campaign of the day: claimed by the first run (the claim's primary key
 * makes a simultaneous run wait and then use it), created open now with the region's usual cutoff
 * for its pickup date. Null when it was cut off already (nothing more is added that day).
 */
async function markdownCampaign(tx: Db, c: Candidate, now: Date): Promise<string | null> {
  const claimed = await one<{ campaign_id: string }>(
    tx,
    sql`
    insert into markdown_campaigns (region_id, business_day, campaign_id) values (${c.region_id}, ${c.today}, gen_random_uuid())
    on conflict do nothing returning campaign_id`,
  );
  if (claimed) {
    const at = new Date(iso(c.cutoff_at)!);
    await exec(
      tx,
      sql`
      insert into campaigns (id, region_id, title, starts_at, cutoff_at, pickup_date)
      values (${claimed.campaign_id}, ${c.region_id}, ${`尾货秒杀 ${c.today}`}, ${now.toISOString()}, ${at.toISOString()}, ${c.pickup_date})`,
    );
    await scheduleJob(tx, {
      name: 'cutoff',
      key: `cutoff:${claimed.campaign_id}`,
      runAt: at,
      payload: { campaignId: claimed.campaign_id },
    });
    return claimed.campaign_id;
  }
  const open = await one<{ id: string }>(
    tx,
    sql`
    select c.id from markdown_campaigns m join campaigns c on c.id = m.campaign_id
    where m.region_id = ${c.region_id} and m.business_day = ${c.today} and c.status = 'open' and c.cutoff_at > ${now.toISOString()}`,
  );
  return open?.id ?? null;
}

/**
 * At a campaign's cutoff (in its transaction, before the stock is allocated): the units its
 * markdown deals took out of free stock go back into their lots (`returned`), so the cutoff
 * serves the sold units from stock first-expiry-first like any other, and unsold units are free
 * stock again (and written off at expiry if still unsold).
 */
export async function releaseMarkdownUnits(tx: Db, campaignId: string, now = new Date()): Promise<void> {
  const deals = await rows<{ id: string; lot_id: string; warehouse_id: string; product_id: string; units: number }>(
    tx,
    sql`
    update markdown_deals set released_at = now() where campaign_id = ${campaignId} and released_at is null
    returning id, lot_id, warehouse_id, product_id, units`,
  );
  for (const d of deals.sort((a, b) => (a.lot_id < b.lot_id ? -1 : 1))) {
    await exec(tx, sql`select 1 from lots where id = ${d.lot_id} for update`);
    await postLotMove(
      tx,
      d.lot_id,
      {
        warehouseId: d.warehouse_id,
        productId: d.product_id,
        kind: 'returned',
        quantity: d.units,
        reason: '尾货秒杀截单，回到库存 / markdown deal cut off, back in stock',
        businessKey: `markdown-release:${d.id}`,
        refId: campaignId,
      },
      now,
    );
  }
}
