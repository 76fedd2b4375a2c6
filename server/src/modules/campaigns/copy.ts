import { sql } from 'drizzle-orm';
import { isUniqueViolation, one, rows, type Db } from '../../db/client.js';
import { conflict, notFound, validation } from '../../lib/errors.js';
import { addDays, businessDate, dateOnly, localTime } from '../../lib/time.js';
import { scheduleJob } from '../../jobs/runner.js';
import { setTargets } from './service.js';
import { requireUsableSuppliers } from '../catalog/qualification.js';

/**
 * The order day "tomorrow" of a region, and a campaign's times on it from the region's settings
 * (decision 036): selling from 00:00 of that day, cut off at the region's cutoff time that day,
 * picked up the day after. Pure, so the figures are tested without a database.
 */
export function tomorrowTimes(now: Date, timeZone: string, cutoffTime: string) {
  const day = addDays(businessDate(now, timeZone), 1);
  return {
    startsAt: localTime(day, '00:00', timeZone),
    cutoffAt: localTime(day, cutoffTime, timeZone),
    pickupDate: addDays(day, 1),
  };
}

const DAY_MS = 86_400_000;

/**
 * "Copy to tomorrow": a new campaign with the source's title, deals (prices, member prices,
 * quotas, limits, group tiers) and targets, on the region's tomorrow. A flash deal's opening moves
 * by the same number of days as the pickup date, and is dropped when that falls outside the new
 * selling window. Copies name the first campaign of their line (a copy of a copy names the
 * original), so the unique (copied_from, pickup_date) index refuses a second copy for the same
 * day however it is reached — also when requests race — answered 409 CONFLICT with its id.
 */
export async function copyToTomorrow(db: Db, sourceId: string, now = new Date()): Promise<{ id: string }> {
  let pickupDate: string | undefined;
  let root: string = sourceId;
  try {
    return await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      const source = await one<{
        region_id: string;
        root: string;
        title: string;
        pickup_date: unknown;
        time_zone: string;
        cutoff_time: string;
      }>(
        tx,
        sql`select c.region_id, coalesce(c.copied_from, c.id) as root, c.title, c.pickup_date, r.time_zone, r.cutoff_time
        from campaigns c join regions r on r.id = c.region_id where c.id = ${sourceId} for share of r`,
      );
      if (!source) throw notFound('Campaign');
      const times = tomorrowTimes(now, source.time_zone, String(source.cutoff_time).slice(0, 5));
      if (times.cutoffAt <= times.startsAt)
        throw validation("The region's cutoff time leaves no selling time tomorrow", { field: 'cutoffTime' });
      pickupDate = times.pickupDate;
      root = source.root;
      // deals whose products have no usable supplier are not copied silently: the copy is refused, naming them
      const products = await rows<{ product_id: string }>(
        tx,
        sql`select product_id from campaign_items where campaign_id = ${sourceId}`,
      );
      await requireUsableSuppliers(
        tx,
        products.map((p) => p.product_id),
        sql`${businessDate(now, source.time_zone)}::date`,
      );
      const shiftDays = (Date.parse(times.pickupDate) - Date.parse(dateOnly(source.pickup_date)!)) / DAY_MS;
      const created = (await one<{ id: string }>(
        tx,
        sql`insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, copied_from)
        values (${source.region_id}, ${source.title}, ${times.startsAt.toISOString()}, ${times.cutoffAt.toISOString()},
                ${times.pickupDate}, ${source.root})
        returning id`,
      ))!;
      const targets = await rows<{ route_id: string | null; pickup_point_id: string | null }>(
        tx,
        sql`select route_id, pickup_point_id from campaign_targets where campaign_id = ${sourceId}`,
      );
      // through the same check as an edit: a target moved to another region since is refused (400)
      await setTargets(tx, created.id, source.region_id, {
        routeIds: targets.flatMap((t) => (t.route_id ? [t.route_id] : [])),
        pickupPointIds: targets.flatMap((t) => (t.pickup_point_id ? [t.pickup_point_id] : [])),
      });
      await tx.execute(sql`
        insert into campaign_items (campaign_id, product_id, price_fen, member_price_fen, quota, per_customer_limit, sale_starts_at, group_tiers, position)
        select ${created.id}, i.product_id, i.price_fen, i.member_price_fen, i.quota, i.per_customer_limit,
          case when i.sale_starts_at + ${shiftDays} * interval '1 day' >= ${times.startsAt.toISOString()}::timestamptz
                and i.sale_starts_at + ${shiftDays} * interval '1 day' < ${times.cutoffAt.toISOString()}::timestamptz
               then i.sale_starts_at + ${shiftDays} * interval '1 day' end,
          i.group_tiers, i.position
        from campaign_items i where i.campaign_id = ${sourceId}`);
      await scheduleJob(tx, {
        name: 'cutoff',
        key: `cutoff:${created.id}`,
        runAt: times.cutoffAt,
        payload: { campaignId: created.id },
      });
      return created;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await one<{ id: string }>(
      db,
      sql`select id from campaigns where ${root}::uuid in (id, copied_from) and pickup_date = ${pickupDate ?? null}`,
    );
    throw conflict('This campaign already has a copy for tomorrow', { campaignId: existing?.id });
  }
}
