import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { orderNumber } from '../../lib/ids.js';
import type { Leader } from './service.js';
import { commissionFen } from '../ledger/rules.js';
import { lineRates } from '../commission-plans/service.js';

/**
 * The leader's home figures and the pickup reminder. "Today" is the calendar day of the point's
 * region (a leader in 乌鲁木齐 starts the day with 乌鲁木齐's clock, not the server's).
 */

/** The point's local day as [start, end) instants, with the local date: one CTE reused below. */
const localDay = (pickupPointId: string) => sql`
  select r.time_zone as tz, (now() at time zone r.time_zone)::date as today,
    (date_trunc('day', now() at time zone r.time_zone) at time zone r.time_zone) as starts,
    ((date_trunc('day', now() at time zone r.time_zone) + interval '1 day') at time zone r.time_zone) as ends
  from pickup_points p join regions r on r.id = p.region_id where p.id = ${pickupPointId}`;

/** Orders waiting on the shelf: arrived at the point, not collected (the uncollected index's condition). */
const waitingAt = (pickupPointId: string) =>
  sql`o.pickup_point_id = ${pickupPointId} and o.status = 'ready' and o.ready_at is not null and o.completed_at is null`;

export interface LeaderHome {
  date: string;
  /** paid today at my point, less what was refunded of it */
  salesFen: number;
  orderCount: number;
  /** what those orders earn me when collected, at my current rate (commission is booked at pickup) */
  estimatedCommissionFen: number;
  commissionBps: number;
  awaitingPickup: { orders: number; customers: number; units: number; remindedToday: number };
}

/**
 * A leader on a commission plan (decision 061): today's lines at the rate each will be booked at
 * (the plan as it stood when its order was placed), floored per line as at pickup; null for a
 * leader who never had a plan (the flat rate above applies).
 */
async function onPlanEstimate(db: Db, leader: Leader): Promise<number | null> {
  if (!(await one(db, sql`select 1 as ok from leader_plan_assignments where leader_id = ${leader.id} limit 1`)))
    return null;
  const lines = await rows<{ id: string; paid_fen: number; refunded_fen: number }>(
    db,
    sql`with d as (${localDay(leader.pickupPointId)})
    select l.id, l.paid_fen, l.refunded_fen from orders o join order_lines l on l.order_id = o.id, d
    where o.pickup_point_id = ${leader.pickupPointId} and o.kind = 'goods' and o.paid_at >= d.starts and o.paid_at < d.ends
      and o.status in ('paid', 'closed', 'ready', 'completed') and l.status <> 'refunded'`,
  );
  const rates = await lineRates(
    db,
    leader,
    lines.map((l) => l.id),
  );
  return lines.reduce(
    (sum, l) =>
      sum + commissionFen(l.paid_fen, Math.min(l.refunded_fen, l.paid_fen), rates.get(l.id) ?? leader.commissionBps),
    0,
  );
}

export async function leaderHome(db: Db, leader: Leader): Promise<LeaderHome> {
  // Per line, floored to the fen like the commission booked at pickup (ledger/rules.ts commissionFen);
  // refunded lines earn nothing. Paid orders only: kind goods, paid and later, never cancelled.
  const row = await one<{
    today: string;
    sales: number;
    orders: number;
    commission: number;
    waiting: number;
    customers: number;
    units: number;
    reminded: number;
  }>(
    db,
    sql`
    with d as (${localDay(leader.pickupPointId)}),
    sold as (
      select o.id, o.total_fen - o.refunded_fen as net from orders o, d
      where o.pickup_point_id = ${leader.pickupPointId} and o.kind = 'goods' and o.paid_at >= d.starts and o.paid_at < d.ends
        and o.status in ('paid', 'closed', 'ready', 'completed')),
    waiting as (select o.id, o.user_id from orders o where ${waitingAt(leader.pickupPointId)})
    select to_char(d.today, 'YYYY-MM-DD') as today,
      (select coalesce(sum(net), 0)::int from sold) as sales,
      (select count(*)::int from sold) as orders,
      (select coalesce(sum(((l.paid_fen - l.refunded_fen)::bigint * ${leader.commissionBps}) / 10000), 0)::int
        from order_lines l join sold on sold.id = l.order_id where l.status <> 'refunded') as commission,
      (select count(*)::int from waiting) as waiting,
      (select count(distinct user_id)::int from waiting) as customers,
      (select coalesce(sum(l.quantity), 0)::int from order_lines l join waiting w on w.id = l.order_id
        where l.status = 'arrived') as units,
      (select count(*)::int from pickup_reminders pr join waiting w on w.id = pr.order_id where pr.day = d.today) as reminded
    from d`,
  );
  return {
    date: row!.today,
    salesFen: row!.sales,
    orderCount: row!.orders,
    estimatedCommissionFen: (await onPlanEstimate(db, leader)) ?? row!.commission,
    commissionBps: leader.commissionBps,
    awaitingPickup: {
      orders: row!.waiting,
      customers: row!.customers,
      units: row!.units,
      remindedToday: row!.reminded,
    },
  };
}

export interface ReminderResult {
  /** reminders sent now */
  reminded: number;
  /** waiting orders whose customer was already reminded today */
  alreadyReminded: number;
}

/**
 * 一键提醒取货: one notification per waiting order (optionally only the given ones), at most once
 * per order per local day. A single statement: the reminder row and its outbox message are written
 * together, and of simultaneous taps only the insert that wins the (order, day) key enqueues.
 */
export async function remindPickup(db: Db, leader: Leader, orderIds?: string[]): Promise<ReminderResult> {
  const only = orderIds ? sql`and o.id = any(${`{${orderIds.join(',')}}`}::uuid[])` : sql``;
  const row = await one<{ reminded: number; waiting: number }>(
    db,
    sql`
    with d as (${localDay(leader.pickupPointId)}),
    waiting as (select o.id, o.user_id from orders o where ${waitingAt(leader.pickupPointId)} ${only}),
    marked as (
      insert into pickup_reminders (order_id, day, leader_id)
      select w.id, d.today, ${leader.id} from waiting w, d
      on conflict do nothing returning order_id),
    sent as (
      insert into outbox (topic, payload)
      select 'notify.customer', jsonb_build_object('userId', w.user_id, 'kind', 'pickup_reminder', 'orderId', w.id,
        'pickupPointId', ${leader.pickupPointId}::text)
      from marked m join waiting w on w.id = m.order_id returning id)
    select (select count(*)::int from sent) as reminded, (select count(*)::int from waiting) as waiting`,
  );
  return { reminded: row!.reminded, alreadyReminded: row!.waiting - row!.reminded };
}

export interface CommissionDay {
  date: string;
  /** commission booked that day less reversals booked that day */
  commissionFen: number;
  orders: number;
}

export interface OrderCommission {
  orderId: string;
  number: string;
  date: string;
  commissionFen: number;
}

/**
 * The commission ledger by day and by order over the last `days` local days: commission entries
 * (booked at pickup) net of their reversals (refunds), read from the ledger itself so the figures
 * add up to what the balances moved. Settlement and withdrawal rows only move money between
 * buckets and are not earnings, so they are left out.
 */
export async function commissionBreakdown(
  db: Db,
  leader: Leader,
  days: number,
): Promise<{ days: CommissionDay[]; orders: OrderCommission[] }> {
  const byOrder = await rows<{ order_id: string; seq: number; day: string; fen: number }>(
    db,
    sql`
    with d as (${localDay(leader.pickupPointId)})
    select o.id as order_id, o.seq, to_char((e.created_at at time zone d.tz)::date, 'YYYY-MM-DD') as day,
      sum(e.amount_fen)::int as fen
    from ledger_entries e cross join d
    join order_lines l on l.id = e.order_line_id join orders o on o.id = l.order_id
    where e.leader_id = ${leader.id} and e.kind in ('commission', 'reversal')
      and e.created_at >= d.starts - make_interval(days => ${days - 1})
    group by o.id, o.seq, 3
    order by 3 desc, o.seq desc`,
  );
  const perDay = new Map<string, CommissionDay>();
  for (const r of byOrder) {
    const day = perDay.get(r.day) ?? { date: r.day, commissionFen: 0, orders: 0 };
    day.commissionFen += r.fen;
    day.orders += 1;
    perDay.set(r.day, day);
  }
  return {
    days: [...perDay.values()],
    orders: byOrder.map((r) => ({
      orderId: r.order_id,
      number: orderNumber(Number(r.seq)),
      date: r.day,
      commissionFen: r.fen,
    })),
  };
}
