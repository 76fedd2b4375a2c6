import { sql } from 'drizzle-orm';
import { exec, one, type Db } from '../db/client.js';
import { addDays } from '../lib/time.js';
import { ensurePartition } from '../modules/events/partitions.js';

/**
 * The demo's behaviour events (decision 045), consistent with its orders and written set-based,
 * a few statements for the whole history: the services wrote paid, refunded and picked-up events
 * while the history played, stamped with the seeding's own clock, so those are made again from
 * the orders' moved times. For each order its buyer viewed its deals, added them to the cart,
 * started the checkout and placed it; and on each day some other customers of each point (and
 * some guests, by device only) looked at that day's deals there, a few adding one to the cart —
 * so views > carts > orders > payments at every point. Ids and times derive from md5 of the row,
 * so the shape is the same on every machine.
 */
export async function seedDemoEvents(db: Db, historyStart: Date): Promise<{ events: number }> {
  const first = historyStart.toISOString().slice(0, 10);
  const last = addDays(new Date().toISOString().slice(0, 10), 1);
  for (let d = addDays(first, -1); d <= last; d = addDays(d, 1)) await ensurePartition(db, d);
  await exec(db, sql`truncate behaviour_events`);
  // a deterministic uuid and fraction (0..1) from text
  await exec(
    db,
    sql`
    insert into behaviour_events (id, at, type, source, device_id, user_id, region_id, pickup_point_id, deal_id, product_id, order_id)
    -- the server's facts, at the times the history gave them
    select gen_random_uuid(), o.paid_at, 'paid', 'server', null::uuid, o.user_id, o.region_id, o.pickup_point_id, null::uuid, null::uuid, o.id
    from orders o where o.kind = 'goods' and o.paid_at is not null
    union all
    select gen_random_uuid(), coalesce(r.decided_at, r.created_at), 'refunded', 'server', null, o.user_id, o.region_id, o.pickup_point_id, null, null, o.id
    from refunds r join orders o on o.id = r.order_id where r.status = 'refunded' and o.kind = 'goods'
    union all
    select gen_random_uuid(), min(l.picked_up_at), 'picked_up', 'server', null, o.user_id, o.region_id, o.pickup_point_id, null, null, o.id
    from orders o join order_lines l on l.order_id = o.id where l.picked_up_at is not null group by o.id
    union all
    -- each order's way to it: a view and an add to cart of each deal, the checkout, the order
    select gen_random_uuid(), o.created_at - make_interval(secs => 300 + (k * 90)), t.type, 'shop',
      md5(o.user_id::text || 'device')::uuid, o.user_id, o.region_id, o.pickup_point_id, l.campaign_item_id, l.product_id, null
    from orders o join lateral (select campaign_item_id, product_id, row_number() over (order by id) as k
      from order_lines where order_id = o.id) l on true
      cross join (values ('deal_viewed'), ('cart_added')) t(type)
    where o.kind = 'goods' and o.pickup_point_id is not null
    union all
    select gen_random_uuid(), o.created_at - make_interval(secs => t.before), t.type, 'shop',
      md5(o.user_id::text || 'device')::uuid, o.user_id, o.region_id, o.pickup_point_id, null, null, case when t.type = 'order_placed' then o.id end
    from orders o cross join (values ('checkout_started', 40), ('order_placed', 0)) t(type, before)
    where o.kind = 'goods' and o.pickup_point_id is not null`,
  );
  // The browsers who did not buy that day: per point and day with orders, about one customer in
  // five of the point looks at one of the day's deals there, and one in four of those adds it to
  // the cart; three guests per order day look too (device only).
  await exec(
    db,
    sql`
    with days as (
      select o.pickup_point_id, o.region_id, (o.created_at at time zone g.time_zone)::date as day, g.time_zone,
        array_agg(distinct l.campaign_item_id::text) as deals, array_agg(distinct o.user_id) as buyers
      from orders o join regions g on g.id = o.region_id join order_lines l on l.order_id = o.id
      where o.kind = 'goods' and o.pickup_point_id is not null
      group by 1, 2, 3, 4),
    lookers as (
      select d.*, u.id as user_id, md5(u.id::text || 'device')::uuid as device_id,
        ('x' || substr(md5(u.id::text || d.day::text), 1, 8))::bit(32)::bigint / 4294967296.0 as r
      from days d join users u on u.pickup_point_id = d.pickup_point_id
      where not u.id = any(d.buyers)
      union all
      select d.*, null, md5(d.pickup_point_id::text || d.day::text || n::text)::uuid, 0.04 * n
      from days d cross join generate_series(1, 3) n),
    seen as (
      select l.*, l.deals[1 + floor(l.r * 997)::int % array_length(l.deals, 1)]::uuid as deal_id,
        (l.day::timestamp + make_interval(secs => 25200 + floor(l.r * 5 * 50400)::int % 50400)) at time zone l.time_zone as at
      from lookers l where l.r < 0.2)
    insert into behaviour_events (id, at, type, source, device_id, user_id, region_id, pickup_point_id, deal_id)
    select gen_random_uuid(), least(s.at, now()), t.type, 'shop', s.device_id, s.user_id, s.region_id, s.pickup_point_id, s.deal_id
    from seen s cross join (values ('deal_viewed'), ('cart_added')) t(type)
    where t.type = 'deal_viewed' or s.r < 0.05`,
  );
  const n = await one<{ n: number }>(db, sql`select count(*)::int as n from behaviour_events`);
  return { events: n?.n ?? 0 };
}
