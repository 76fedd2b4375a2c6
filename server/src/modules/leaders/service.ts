import { sql } from 'drizzle-orm';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { one, rows, exec, type Db } from '../../db/client.js';
import { orderNumber } from '../../lib/ids.js';
import { maskPhone } from '../../lib/phone.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { grantRole } from '../accounts/service.js';
import type { LineStatus, OrderStatus } from '../orders/service.js';

export interface Leader {
  id: string;
  userId: string;
  pickupPointId: string;
  commissionBps: number;
}

/** Appoints a leader at a point; without a rate, at the default rate of the point's region. */
export async function appointLeader(
  db: Db,
  input: { userId: string; pickupPointId: string; commissionBps?: number },
  scope: RegionScope = null,
) {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // a point can move to another region: held until the appointment commits
    const point = await one<{ default_bps: number }>(
      tx,
      sql`select r.leader_commission_bps as default_bps from pickup_points p join regions r on r.id = p.region_id
      where p.id = ${input.pickupPointId} and ${inScope(scope, sql`p.region_id`)} for share of p`,
    );
    if (!point) throw notFound('Pickup point');
    const commissionBps = input.commissionBps ?? point.default_bps;
    await grantRole(tx, input.userId, 'leader');
    const leader = await one<{ id: string }>(
      tx,
      sql`
      insert into leaders (user_id, pickup_point_id, commission_bps) values (${input.userId}, ${input.pickupPointId}, ${commissionBps})
      on conflict do nothing returning id`,
    );
    if (!leader) throw conflict('This user already leads a point, or the point already has an active leader');
    await exec(tx, sql`insert into leader_accounts (leader_id) values (${leader.id})`);
    return leader;
  });
}

/** The caller's active leadership; leader routes act only on this point. */
export async function leaderOf(db: Db, userId: string): Promise<Leader> {
  const row = await one<Leader>(
    db,
    sql`
    select id, user_id as "userId", pickup_point_id as "pickupPointId", commission_bps as "commissionBps"
    from leaders where user_id = ${userId} and status = 'active'`,
  );
  if (!row) throw forbidden('You do not lead an active pickup point');
  return row;
}

/** Orders a leader deals with: paid and later, never unpaid carts or cancelled ones. */
const HANDLED = sql`o.kind = 'goods' and o.status in ('paid', 'closed', 'ready', 'completed')`;

/** Orders at the leader's point (phones masked by the caller's loadOrders options). */
export function pointOrdersWhere(pickupPointId: string, campaignId?: string) {
  return sql`o.pickup_point_id = ${pickupPointId} and ${HANDLED}
    ${campaignId ? sql`and o.campaign_id = ${campaignId}` : sql``}`;
}

/**
 * Orders at the leader's point a customer without their code is found by (decision 034): the
 * last four digits of their phone, or part of their name. Never a whole number: a leader sees
 * masked phones only, so four digits are all they can ask by.
 */
export function pickupSearchWhere(pickupPointId: string, q: string) {
  const who = /^\d{4}$/.test(q)
    ? sql`right(u.phone, 4) = ${q}`
    : sql`u.name like ${'%' + q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`;
  return sql`${pointOrdersWhere(pickupPointId)} and ${who}`;
}

/**
 * Ready orders whose pickup date has passed in the region's time zone: goods waiting on the
 * shelf that the leader should chase (or the operator, across all points).
 */
export function uncollectedWhere(pickupPointId?: string) {
  // ready_at/completed_at: the condition of orders_uncollected_idx (status is in no index, decision 023)
  return sql`o.status = 'ready' and o.ready_at is not null and o.completed_at is null ${pickupPointId ? sql`and o.pickup_point_id = ${pickupPointId}` : sql``}
    and exists (select 1 from campaigns c join regions r on r.id = c.region_id
      where c.id = o.campaign_id and c.pickup_date < (now() at time zone r.time_zone)::date)`;
}

export interface ProductPickList {
  productId: string;
  productName: string;
  unit: string;
  quantity: number;
  orders: {
    orderId: string;
    number: string;
    orderStatus: OrderStatus;
    lineId: string;
    lineStatus: LineStatus;
    quantity: number;
    customer: { name: string; phone: string };
  }[];
}

/**
 * The point's orders grouped by product (the leader's pick list): units still to hand over or
 * handed over, per customer, with masked phones. Without a campaign: orders still in progress.
 */
export async function ordersByProduct(db: Db, pickupPointId: string, campaignId?: string): Promise<ProductPickList[]> {
  const found = await rows<{
    product_id: string;
    product_name: string;
    unit: string;
    order_id: string;
    seq: number;
    order_status: OrderStatus;
    line_id: string;
    line_status: LineStatus;
    quantity: number;
    customer_name: string;
    customer_phone: string;
  }>(
    db,
    sql`
    select l.product_id, p.name as product_name, p.unit, o.id as order_id, o.seq, o.status as order_status,
      l.id as line_id, l.status as line_status, (l.quantity - l.refund_quantity)::int as quantity,
      u.name as customer_name, u.phone as customer_phone
    from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id join users u on u.id = o.user_id
    where o.pickup_point_id = ${pickupPointId} and ${HANDLED}
      and ${campaignId ? sql`o.campaign_id = ${campaignId}` : sql`o.status in ('paid', 'closed', 'ready')`}
      and l.status not in ('short', 'refunded') and l.quantity > l.refund_quantity
    order by p.name, l.product_id, o.seq
    limit 20000`,
  );
  const groups = new Map<string, ProductPickList>();
  for (const r of found) {
    let g = groups.get(r.product_id);
    if (!g) {
      g = { productId: r.product_id, productName: r.product_name, unit: r.unit, quantity: 0, orders: [] };
      groups.set(r.product_id, g);
    }
    g.quantity += r.quantity;
    g.orders.push({
      orderId: r.order_id,
      number: orderNumber(r.seq),
      orderStatus: r.order_status,
      lineId: r.line_id,
      lineStatus: r.line_status,
      quantity: r.quantity,
      customer: { name: r.customer_name, phone: maskPhone(r.customer_phone) },
    });
  }
  return [...groups.values()];
}

export interface LeaderView {
  id: string;
  userId: string;
  name: string;
  phone: string;
  pickupPointId: string;
  pickupPointName: string;
  commissionBps: number;
  status: 'active' | 'inactive';
  createdAt: string;
  /** customers who registered from (or first bound by) this leader's link */
  linkedCustomers: number;
}

const leaderViewSql = (where: ReturnType<typeof sql>) => sql`
  select l.id, l.user_id as "userId", u.name, u.phone, l.pickup_point_id as "pickupPointId", p.name as "pickupPointName",
    l.commission_bps as "commissionBps", l.status, to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
    (select count(*)::int from users c where c.bound_leader_id = l.user_id and c.bound_via = 'link') as "linkedCustomers"
  from leaders l join users u on u.id = l.user_id join pickup_points p on p.id = l.pickup_point_id
  where ${where} order by p.name, l.created_at`;

/** Every leader with their user and point (operators see full phone numbers). */
export const listLeaders = (db: Db, scope: RegionScope = null) =>
  rows<LeaderView>(db, leaderViewSql(inScope(scope, sql`p.region_id`)));

/**
 * Changes a leader's commission rate (for commission earned from now on) or (de)activates them,
 * in one conditional statement: reactivating is refused (409 CONFLICT) while the point has another
 * active leader — and the partial unique index settles simultaneous reactivations.
 */
export async function updateLeader(
  db: Db,
  id: string,
  patch: { commissionBps?: number; active?: boolean },
  scope: RegionScope = null,
) {
  // a leader is their point's region's, checked in the statement that changes them (a point can move)
  const inRegion = sql`exists (select 1 from pickup_points pp where pp.id = l.pickup_point_id and ${inScope(scope, sql`pp.region_id`)})`;
  const status = patch.active === undefined ? undefined : patch.active ? 'active' : 'inactive';
  const sets = [
    ...(patch.commissionBps !== undefined ? [sql`commission_bps = ${patch.commissionBps}`] : []),
    ...(status ? [sql`status = ${status}`] : []),
  ];
  const row = await one<{ id: string; user_id: string }>(
    db,
    sql`
    update leaders l set ${sql.join(sets, sql`, `)} where l.id = ${id} and ${inRegion}
      and (${status ?? null}::text is distinct from 'active' or l.status = 'active' or not exists (
        select 1 from leaders o where o.pickup_point_id = l.pickup_point_id and o.status = 'active' and o.id <> l.id))
    returning l.id, l.user_id`,
  );
  if (!row) {
    if (!(await one(db, sql`select 1 as ok from leaders l where l.id = ${id} and ${inRegion}`)))
      throw notFound('Leader');
    throw conflict('This pickup point already has another active leader');
  }
  return { ...(await rows<LeaderView>(db, leaderViewSql(sql`l.id = ${id}`)))[0], userId: row.user_id };
}

/** The active leader of a pickup point, as a customer calls them (联系团长); null when the point has none. */
export async function pointLeader(db: Db, pickupPointId: string): Promise<{ name: string; phone: string } | null> {
  const row = await one<{ name: string; phone: string }>(
    db,
    sql`select u.name, u.phone from leaders l join users u on u.id = l.user_id
    where l.pickup_point_id = ${pickupPointId} and l.status = 'active'`,
  );
  return row ?? null;
}
