import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { PICKUP_TIMELY_HOURS, RECALL_WINDOW_DAYS } from './rules.js';

/**
 * A leader's month from the raw rows (decision 062): the per-leader report reads the current month
 * (and any month not closed yet) from here, and the `leader-grades` job stores a closed month's
 * figures from the same statement, so a stored month and a live one cannot disagree.
 *
 * Over the month's business days in the region's zone, [fromAt, toAt), at the leader's point:
 * - GMV and orders: paid goods orders, on the day of payment (what the customers paid);
 * - customers: distinct customers of those orders; new: those whose first paid order ever it was;
 * - dormant: customers who chose the point, with a paid order before and none in the dormant days
 *   days to the month's end (or to now, for the current month);
 * - claims: after-sales claims opened in the month on the point's orders, whatever their outcome;
 * - ready / timely: orders made ready at the point in the month / collected within PICKUP_TIMELY_HOURS;
 * - commission: the leader's commission entries and reversals booked in the month;
 * - contacted / recalled: dormant customers the leader sent a coupon or message in the month, and
 *   those of them who paid an order within RECALL_WINDOW_DAYS after.
 */
export interface LeaderMonthRow {
  leaderId: string;
  userId: string;
  name: string;
  pickupPointId: string;
  pickupPointName: string;
  regionId: string;
  gmvFen: number;
  orders: number;
  customers: number;
  newCustomers: number;
  dormantCustomers: number;
  claims: number;
  readyOrders: number;
  timelyOrders: number;
  commissionFen: number;
  contacted: number;
  recalled: number;
}

export interface RegionMonth {
  regionId: string;
  fromAt: string;
  toAt: string;
  /** when the month is not over: now (dormancy is as of then) */
  asOf: string;
  dormantDays: number;
}

/** The month's [from, to) instants of a region, and now when the month is still running. */
export const regionMonthSql = (month: string) => sql`
  select r.id as region_id, r.time_zone,
    (${`${month}-01`}::date::timestamp at time zone r.time_zone) as from_at,
    ((${`${month}-01`}::date + interval '1 month')::timestamp at time zone r.time_zone) as to_at
  from regions r`;

export async function leaderMonthFigures(db: Db, r: RegionMonth, leaderId?: string): Promise<LeaderMonthRow[]> {
  const { regionId, fromAt, toAt, asOf, dormantDays } = r;
  const found = await rows<Record<string, unknown>>(
    db,
    sql`
    with pts as (
      select l.id as leader_id, l.user_id, u.name, p.id as point, p.name as point_name
      from leaders l join users u on u.id = l.user_id join pickup_points p on p.id = l.pickup_point_id
      where p.region_id = ${regionId} and l.status = 'active' ${leaderId ? sql`and l.id = ${leaderId}` : sql``}),
    paid as (
      select o.id, o.pickup_point_id as point, o.user_id, o.total_fen, o.paid_at
      from orders o join pts on pts.point = o.pickup_point_id
      where o.kind = 'goods' and o.paid_at >= ${fromAt}::timestamptz and o.paid_at < ${toAt}::timestamptz),
    sales as (
      select point, sum(total_fen)::bigint as gmv, count(*)::int as orders, count(distinct user_id)::int as customers
      from paid group by point),
    -- a customer's first paid order ever: one probe of orders_user_paid_idx per customer and point, not per order
    fresh as (
      select b.point, count(*)::int as n from (select distinct point, user_id from paid) b
      where not exists (select 1 from orders e where e.user_id = b.user_id and e.kind = 'goods' and e.paid_at is not null
        and e.paid_at < ${fromAt}::timestamptz)
      group by 1),
    -- the last paid order before asOf: one backward probe of orders_user_paid_idx per customer
    dormant as (
      select u.pickup_point_id as point, count(*)::int as n
      from users u join pts on pts.point = u.pickup_point_id
        cross join lateral (select e.paid_at from orders e where e.user_id = u.id and e.kind = 'goods'
          and e.paid_at is not null and e.paid_at < ${asOf}::timestamptz order by e.paid_at desc limit 1) last
      where last.paid_at < ${asOf}::timestamptz - make_interval(days => ${dormantDays})
      group by 1),
    claims as (
      select o.pickup_point_id as point, count(*)::int as n
      from refunds f join orders o on o.id = f.order_id join pts on pts.point = o.pickup_point_id
      where f.kind = 'aftersales' and f.created_at >= ${fromAt}::timestamptz and f.created_at < ${toAt}::timestamptz
      group by 1),
    ready as (
      select o.pickup_point_id as point, count(*)::int as n,
        count(*) filter (where o.completed_at is not null
          and o.completed_at <= o.ready_at + make_interval(hours => ${PICKUP_TIMELY_HOURS}))::int as timely
      from orders o join pts on pts.point = o.pickup_point_id
      where o.kind = 'goods' and o.ready_at >= ${fromAt}::timestamptz and o.ready_at < ${toAt}::timestamptz
      group by 1),
    commission as (
      select e.leader_id, sum(e.amount_fen)::bigint as fen
      from ledger_entries e join pts on pts.leader_id = e.leader_id
      where e.kind in ('commission', 'reversal') and e.created_at >= ${fromAt}::timestamptz and e.created_at < ${toAt}::timestamptz
      group by 1),
    contacts as (
      select c.leader_id, count(distinct c.user_id)::int as contacted,
        count(distinct c.user_id) filter (where exists (
          select 1 from orders e where e.user_id = c.user_id and e.kind = 'goods' and e.paid_at is not null
            and e.paid_at > c.created_at and e.paid_at <= c.created_at + make_interval(days => ${RECALL_WINDOW_DAYS})))::int as recalled
      from leader_contacts c join pts on pts.leader_id = c.leader_id
      where c.dormant and c.created_at >= ${fromAt}::timestamptz and c.created_at < ${toAt}::timestamptz
      group by 1)
    select pts.leader_id, pts.user_id, pts.name, pts.point, pts.point_name,
      coalesce(s.gmv, 0) as gmv, coalesce(s.orders, 0) as orders, coalesce(s.customers, 0) as customers,
      coalesce(f.n, 0) as new_customers, coalesce(d.n, 0) as dormant, coalesce(c.n, 0) as claims,
      coalesce(r.n, 0) as ready, coalesce(r.timely, 0) as timely, coalesce(m.fen, 0) as commission,
      coalesce(k.contacted, 0) as contacted, coalesce(k.recalled, 0) as recalled
    from pts left join sales s on s.point = pts.point left join fresh f on f.point = pts.point
      left join dormant d on d.point = pts.point
      left join claims c on c.point = pts.point left join ready r on r.point = pts.point
      left join commission m on m.leader_id = pts.leader_id left join contacts k on k.leader_id = pts.leader_id
    order by pts.leader_id`,
  );
  return found.map((x) => ({
    leaderId: String(x.leader_id),
    userId: String(x.user_id),
    name: String(x.name),
    pickupPointId: String(x.point),
    pickupPointName: String(x.point_name),
    regionId,
    gmvFen: Number(x.gmv),
    orders: Number(x.orders),
    customers: Number(x.customers),
    newCustomers: Number(x.new_customers),
    dormantCustomers: Number(x.dormant),
    claims: Number(x.claims),
    readyOrders: Number(x.ready),
    timelyOrders: Number(x.timely),
    commissionFen: Number(x.commission),
    contacted: Number(x.contacted),
    recalled: Number(x.recalled),
  }));
}
