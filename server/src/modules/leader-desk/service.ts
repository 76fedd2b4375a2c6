import { pointTargetedSql } from '../campaigns/targets.js';
import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { listSortingLists } from '../fulfillment/service.js';
import { dateOnly, iso } from '../../lib/time.js';
import { breachedZones, readingsOf } from '../coldchain/service.js';
import { notFound } from '../../lib/errors.js';
import type { Leader } from '../leaders/service.js';

/**
 * Read-only views the leader app needs beyond the contract's leader routes: who I am and which
 * point I run, which campaigns concern my point, and what my sorting list says should arrive
 * (the arrival screen must show expected units before the leader counts them).
 */

export async function leaderProfile(db: Db, leader: Leader) {
  const row = await one<{ name: string; phone: string; point_name: string; address: string; linked: number }>(
    db,
    sql`
    select u.name, u.phone, p.name as point_name, p.address,
      (select count(*)::int from users c where c.bound_leader_id = u.id and c.bound_via = 'link') as linked
    from users u, pickup_points p where u.id = ${leader.userId} and p.id = ${leader.pickupPointId}`,
  );
  if (!row) throw notFound('Pickup point');
  return {
    leaderId: leader.id,
    commissionBps: leader.commissionBps,
    name: row.name,
    phone: row.phone,
    pickupPoint: { id: leader.pickupPointId, name: row.point_name, address: row.address },
    linkedCustomers: row.linked,
  };
}

/**
 * Campaigns that concern my point, newest cutoff first: every campaign with orders here (paid
 * or later) and every campaign still open for orders, with how many orders and where my
 * sorting list stands (null before cutoff).
 */
export async function leaderCampaigns(db: Db, leader: Leader) {
  const found = await rows<{
    id: string;
    title: string;
    status: string;
    starts_at: Date | string;
    cutoff_at: Date | string;
    pickup_date: string;
    pickup_from: string;
    pickup_until: string;
    orders: number;
    list_status: string | null;
  }>(
    db,
    sql`
    select c.id, c.title, c.status, c.starts_at, c.cutoff_at, c.pickup_date::text as pickup_date, rg.pickup_from, rg.pickup_until,
      (select count(*)::int from orders o where o.campaign_id = c.id and o.pickup_point_id = ${leader.pickupPointId}
        and o.kind = 'goods' and o.status in ('paid', 'closed', 'ready', 'completed')) as orders,
      (select s.status from sorting_lists s where s.campaign_id = c.id and s.pickup_point_id = ${leader.pickupPointId}) as list_status
    from campaigns c join regions rg on rg.id = c.region_id
    -- on sale: those offered at the point (its region's, for the whole region or targeting it or its route)
    where (c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now()
        and c.region_id = (select region_id from pickup_points where id = ${leader.pickupPointId})
        and ${pointTargetedSql(sql`c.id`, sql`${leader.pickupPointId}::uuid`)})
      or exists (select 1 from orders o where o.campaign_id = c.id and o.pickup_point_id = ${leader.pickupPointId}
        and o.kind = 'goods' and o.status in ('paid', 'closed', 'ready', 'completed'))
    order by c.cutoff_at desc
    limit 50`,
  );
  return found.map((c) => ({
    id: c.id,
    title: c.title,
    status: c.status,
    startsAt: iso(c.starts_at)!,
    cutoffAt: iso(c.cutoff_at)!,
    pickupDate: c.pickup_date,
    pickupFrom: c.pickup_from,
    pickupUntil: c.pickup_until,
    orders: c.orders,
    sortingListStatus: c.list_status,
  }));
}

/** My point's sorting list of a campaign: what should arrive per product and what was confirmed. */
export async function leaderSortingList(db: Db, leader: Leader, campaignId: string) {
  const {
    items: [list],
  } = await listSortingLists(db, { campaignId, pickupPointId: leader.pickupPointId }, { limit: 1, after: null });
  if (!list) throw notFound('Sorting list for your pickup point');
  const readings = await pointReadings(db, campaignId, list.routeId, leader.pickupPointId);
  return {
    campaignId,
    status: list.status,
    dispatchedAt: list.dispatchedAt,
    arrivedAt: list.arrivedAt,
    readings,
    breachedZones: breachedZones(readings, leader.pickupPointId),
    lines: list.lines.map((l) => ({
      productId: l.productId,
      productName: l.productName,
      unit: l.unit,
      temperatureZone: l.temperatureZone,
      orderedQuantity: l.orderedQuantity,
      expectedQuantity: l.quantity,
      receivedQuantity: l.receivedQuantity,
      missingQuantity: l.missingQuantity,
      damagedQuantity: l.damagedQuantity,
    })),
  };
}

/** The readings that concern a point's goods: its route's dispatch readings and its own arrival readings. */
async function pointReadings(db: Db, campaignId: string, routeId: string, pickupPointId: string) {
  const c = await one<{ day: unknown }>(db, sql`select pickup_date as day from campaigns where id = ${campaignId}`);
  return c ? readingsOf(db, { routeIds: [routeId], day: dateOnly(c.day)!, pickupPointId }) : [];
}
