import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../db/client.js';
import { invalidState, limitExceeded, notFound } from '../lib/errors.js';
import type { RegionScope } from '../lib/region-scope.js';
import { createRefund } from './refund.js';
import { postMovements, type Move } from '../modules/inventory/ledger.js';
import { raiseAlertsFrom } from '../modules/alerts/service.js';
import {
  RECALL_DEADLINE_HOURS,
  affectedSql,
  assertStatus,
  getRecall,
  lotsSql,
  recallRow,
  type RecallRow,
  type RecallView,
} from '../modules/recalls/service.js';

/**
 * Confirming a recall (decision 043), in one transaction: the conditional update draft → active
 * decides the one confirmation (a second operator's waits on the row, then finds it active and gets
 * the same answer, having written nothing); then, set-based:
 * - the lots and the affected lines are frozen (recall_lots, recall_lines);
 * - the sale stops: open deals of the region for the recalled products get quota = sold;
 * - the lots' free units are blocked: a `written_off` movement (reason `quality`) per warehouse and
 *   product through the stock ledger, taking exactly those lots' remaining units;
 * - every affected customer and the leaders of their pickup points get one `notify.customer` message
 *   on the outbox (recall_notices keeps its id, so delivery is the progress);
 * - when the recall refunds, each affected order through the refund flow (refundRecall).
 */
export async function confirmRecall(
  db: Db,
  id: string,
  scope: RegionScope,
  actorId: string,
  opts: { now?: Date } = {},
): Promise<RecallView & { ranNow: boolean }> {
  const now = opts.now ?? new Date();
  const ranNow = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await recallRow(tx, id, scope);
    const r = await one<RecallRow>(
      tx,
      sql`
      update recalls r set status = 'active', confirmed_by = ${actorId}, confirmed_at = ${now.toISOString()}::timestamptz,
        deadline_at = ${now.toISOString()}::timestamptz + make_interval(hours => ${RECALL_DEADLINE_HOURS})
      where r.id = ${id} and r.status = 'draft'
      returning r.id, r.region_id, r.scope, r.lot_id, r.product_id, r.supplier_id, r.from_date::text, r.to_date::text, r.reason,
        r.refund, r.status, r.created_at, r.confirmed_at, r.deadline_at, r.closed_at, false as overdue`,
    );
    if (!r) return false;
    const def = {
      regionId: r.region_id,
      scope: r.scope,
      lotId: r.lot_id,
      productId: r.product_id,
      supplierId: r.supplier_id,
      fromDate: (r.from_date as string | null) ?? null,
      toDate: (r.to_date as string | null) ?? null,
    };
    await exec(
      tx,
      sql`
      with rl as (${lotsSql(def)}), ${affectedSql(sql`rl`)},
      frozen_lots as (
        insert into recall_lots (recall_id, lot_id, warehouse_id, product_id)
        select ${id}::uuid, id, warehouse_id, product_id from rl returning 1
      )
      insert into recall_lines (recall_id, order_line_id, order_id, user_id, pickup_point_id, product_id, units)
      select ${id}::uuid, order_line_id, order_id, user_id, pickup_point_id, product_id, units from affected`,
    );
    await stopSale(tx, id, r.region_id);
    await blockStock(tx, id, actorId, now);
    await notifyAffected(tx, id);
    return true;
  });
  const recall = await recallRow(db, id, scope);
  if (ranNow && recall.refund) await refundRecall(db, id, scope);
  return { ...(await getRecall(db, id, scope)), ranNow };
}

/** Open deals of the region for the recalled products sell nothing more: quota = what was sold. */
async function stopSale(tx: Db, recallId: string, regionId: string): Promise<void> {
  await exec(
    tx,
    sql`
    with closed as (
      select ci.id, ci.quota from campaign_items ci join campaigns c on c.id = ci.campaign_id
      where c.region_id = ${regionId} and c.status = 'open'
        and ci.product_id in (select distinct product_id from recall_lots where recall_id = ${recallId})
        and (ci.quota is null or ci.quota > ci.sold)
      for update of ci
    ), stopped as (
      update campaign_items ci set quota = ci.sold from closed where ci.id = closed.id returning ci.id
    )
    insert into recall_deals (recall_id, campaign_item_id, quota_before)
    select ${recallId}::uuid, closed.id, closed.quota from closed join stopped on stopped.id = closed.id`,
  );
}

/**
 * The recalled lots' free units leave free stock through the ledger: one `written_off` movement per
 * warehouse and product (business key recall:<id>:<warehouse>:<product>), whose lots are exactly the
 * recalled ones (not first-expiry-first). The stock rows are locked first, so the remaining units
 * read are the ones written off.
 */
async function blockStock(tx: Db, recallId: string, actorId: string, now: Date): Promise<void> {
  await exec(
    tx,
    sql`
    select 1 from warehouse_stock s
    where (s.warehouse_id, s.product_id) in (select warehouse_id, product_id from recall_lots where recall_id = ${recallId})
    order by s.warehouse_id, s.product_id for update`,
  );
  const held = await rows<{ warehouse_id: string; product_id: string; units: number }>(
    tx,
    sql`
    select rl.warehouse_id, rl.product_id, sum(l.remaining)::int as units
    from recall_lots rl join lots l on l.id = rl.lot_id
    where rl.recall_id = ${recallId} and l.remaining > 0
    group by rl.warehouse_id, rl.product_id order by rl.warehouse_id, rl.product_id`,
  );
  if (!held.length) return;
  const recall = await one<{ reason: string }>(tx, sql`select reason from recalls where id = ${recallId}`);
  const moves: Move[] = held.map((h) => ({
    warehouseId: h.warehouse_id,
    productId: h.product_id,
    kind: 'written_off',
    quantity: -h.units,
    reasonCode: 'quality',
    reason: '召回 recall',
    note: recall?.reason ?? null,
    businessKey: `recall:${recallId}:${h.warehouse_id}:${h.product_id}`,
    refId: recallId,
    actorId,
  }));
  const posted = await postMovements(tx, moves, now, { lots: false });
  const byKey = new Map(posted.map((p) => [`${p.warehouseId}:${p.productId}`, p.id]));
  const json = JSON.stringify(
    held.map((h) => ({
      warehouse_id: h.warehouse_id,
      product_id: h.product_id,
      movement_id: byKey.get(`${h.warehouse_id}:${h.product_id}`),
    })),
  );
  await exec(
    tx,
    sql`
    with m as (select * from jsonb_to_recordset(${json}::jsonb) as m(warehouse_id uuid, product_id uuid, movement_id uuid)),
    taken as (
      select rl.lot_id, l.remaining, m.movement_id
      from recall_lots rl join lots l on l.id = rl.lot_id
        join m on m.warehouse_id = rl.warehouse_id and m.product_id = rl.product_id
      where rl.recall_id = ${recallId} and l.remaining > 0
    ), emptied as (
      update lots l set remaining = 0 from taken t where l.id = t.lot_id returning l.id
    ), blocked as (
      update recall_lots rl set blocked_units = t.remaining from taken t
      where rl.recall_id = ${recallId} and rl.lot_id = t.lot_id returning 1
    )
    insert into stock_movement_lots (movement_id, lot_id, quantity) select movement_id, lot_id, -remaining from taken`,
  );
}

/**
 * One message per affected customer (their units) and per active leader of an affected pickup
 * point (the customers and units at the point), in one statement; recall_notices keeps each
 * message's outbox id.
 */
async function notifyAffected(tx: Db, recallId: string): Promise<void> {
  await exec(
    tx,
    sql`
    with r as (select id, reason from recalls where id = ${recallId}),
    names as (
      select coalesce(string_agg(distinct p.name, '、'), '') as products
      from recall_lines rl join products p on p.id = rl.product_id where rl.recall_id = ${recallId}
    ),
    customers as (
      select user_id, sum(units)::int as units, (array_agg(pickup_point_id))[1] as pickup_point_id
      from recall_lines where recall_id = ${recallId} group by user_id
    ),
    leaders_ as (
      select ld.user_id, rl.pickup_point_id, count(distinct rl.user_id)::int as customers, sum(rl.units)::int as units
      from recall_lines rl join leaders ld on ld.pickup_point_id = rl.pickup_point_id and ld.status = 'active'
      where rl.recall_id = ${recallId} group by ld.user_id, rl.pickup_point_id
    ),
    queued as (
      insert into outbox (topic, payload)
      select 'notify.customer', jsonb_build_object('userId', c.user_id, 'kind', 'recall', 'role', 'customer', 'recallId', r.id,
        'products', names.products, 'units', c.units, 'pickupPointId', c.pickup_point_id, 'reason', r.reason)
      from customers c cross join r cross join names
      union all
      select 'notify.customer', jsonb_build_object('userId', l.user_id, 'kind', 'recall', 'role', 'leader', 'recallId', r.id,
        'products', names.products, 'units', l.units, 'customers', l.customers, 'pickupPointId', l.pickup_point_id, 'reason', r.reason)
      from leaders_ l cross join r cross join names
      returning id, payload
    )
    insert into recall_notices (recall_id, user_id, role, outbox_id)
    select ${recallId}::uuid, (payload->>'userId')::uuid, payload->>'role', id from queued
    on conflict do nothing`,
  );
}

/**
 * Refunds the recalled units of every affected order through the one refund flow (kind aftersales,
 * reason recall), once per order: business key recall:<recall>:<order>, and each line at most the
 * units it still has unclaimed. A retry, or a second caller at the same time, refunds nothing again
 * (the order row is locked and the key found). Orders one per transaction, in order-id order.
 */
export async function refundRecall(
  db: Db,
  id: string,
  scope: RegionScope,
): Promise<{ refunds: number; amountFen: number }> {
  const r = await recallRow(db, id, scope);
  assertStatus(r, 'active', 'closed');
  const orders = await rows<{ order_id: string }>(
    db,
    sql`select distinct order_id from recall_lines where recall_id = ${id} and refund_id is null order by order_id`,
  );
  let refunds = 0;
  let amountFen = 0;
  for (const { order_id } of orders) {
    const done = await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      const order = await one<{ status: string }>(tx, sql`select status from orders where id = ${order_id} for update`);
      const key = `recall:${id}:${order_id}`;
      const existing = await one<{ id: string }>(tx, sql`select id from refunds where business_key = ${key}`);
      const lines = await rows<{ line_id: string; quantity: number }>(
        tx,
        sql`
        select rl.order_line_id as line_id, least(rl.units, l.quantity - l.refund_quantity)::int as quantity
        from recall_lines rl join order_lines l on l.id = rl.order_line_id
        where rl.recall_id = ${id} and rl.order_id = ${order_id} and rl.refund_id is null
        order by rl.order_line_id`,
      );
      const todo = lines.filter((l) => l.quantity > 0);
      if (existing || !todo.length || !order || !['paid', 'closed', 'ready', 'completed'].includes(order.status)) {
        return null;
      }
      const refund = await createRefund(
        tx,
        {
          orderId: order_id,
          kind: 'aftersales',
          reason: 'recall',
          note: '商品召回 product recall',
          lines: todo.map((l) => ({ lineId: l.line_id, quantity: l.quantity })),
          businessKey: key,
        },
        { approve: true },
      );
      await exec(
        tx,
        sql`
        update recall_lines rl set refund_id = ${refund.id}, refunded_fen = x.amount_fen
        from refund_lines x where x.refund_id = ${refund.id} and x.order_line_id = rl.order_line_id
          and rl.recall_id = ${id} and rl.refund_id is null`,
      );
      return refund.amountFen;
    });
    if (done !== null) {
      refunds++;
      amountFen += done;
    }
  }
  return { refunds, amountFen };
}

/**
 * Units brought back at a pickup point. Never more, in total at the point, than the recall's units
 * there (a conditional insert, so two simultaneous records cannot pass it); a business key records once.
 */
export async function recordReturn(
  db: Db,
  id: string,
  scope: RegionScope,
  input: { pickupPointId: string; units: number; businessKey?: string },
  actorId: string,
): Promise<RecallView> {
  await addReturn(db, id, scope, input, actorId);
  return getRecall(db, id, scope);
}

/** recordReturn without the answer: the leader's app wants the point's figures only. */
export async function addReturn(
  db: Db,
  id: string,
  scope: RegionScope,
  input: { pickupPointId: string; units: number; businessKey?: string },
  actorId: string,
): Promise<void> {
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const r = await recallRow(tx, id, scope);
    assertStatus(r, 'active', 'closed');
    // one record at a time per recall: the cap below reads the others' units
    await exec(tx, sql`select 1 from recalls where id = ${id} for no key update`);
    // the key is looked up once the recall is held: a double tap's second request, waiting above,
    // then finds the first one's units recorded and records nothing (it must not be refused by the cap)
    if (input.businessKey) {
      const seen = await one(tx, sql`select 1 as ok from recall_returns where business_key = ${input.businessKey}`);
      if (seen) return;
    }
    const sold = await one<{ units: number }>(
      tx,
      sql`select coalesce(sum(units), 0)::int as units from recall_lines where recall_id = ${id} and pickup_point_id = ${input.pickupPointId}`,
    );
    if (!sold?.units) throw notFound('Pickup point of this recall');
    const back = await one<{ units: number }>(
      tx,
      sql`select coalesce(sum(units), 0)::int as units from recall_returns where recall_id = ${id} and pickup_point_id = ${input.pickupPointId}`,
    );
    if (back!.units + input.units > sold.units)
      throw limitExceeded('More units than the recall has at this pickup point', {
        soldUnits: sold.units,
        recoveredUnits: back!.units,
      });
    await exec(
      tx,
      sql`insert into recall_returns (recall_id, pickup_point_id, units, business_key, recorded_by)
      values (${id}, ${input.pickupPointId}, ${input.units}, ${input.businessKey ?? null}, ${actorId})
      on conflict (business_key) do nothing`,
    );
  });
}

/**
 * Closing: finished only when every affected customer's notice went out and, if it refunds, every
 * refundable line was refunded; otherwise 409 RECALL_UNFINISHED and it stays open.
 */
export async function closeRecall(db: Db, id: string, scope: RegionScope, actorId: string): Promise<RecallView> {
  const r = await recallRow(db, id, scope);
  if (r.status === 'closed') return getRecall(db, id, scope);
  assertStatus(r, 'active');
  const v = await getRecall(db, id, scope);
  const p = v.progress;
  const open = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from recall_lines rl join order_lines l on l.id = rl.order_line_id
      where rl.recall_id = ${id} and rl.refund_id is null and l.refund_quantity < l.quantity`,
  );
  if (p.customersNotified < p.customers || (v.refund && (open?.n ?? 0) > 0))
    throw invalidState('The recall is not finished: customers still to notify or refund', {
      customers: p.customers,
      customersNotified: p.customersNotified,
      linesToRefund: v.refund ? (open?.n ?? 0) : 0,
    });
  await exec(
    db,
    sql`update recalls set status = 'closed', closed_by = ${actorId}, closed_at = now() where id = ${id} and status = 'active'`,
  );
  return getRecall(db, id, scope);
}

/** Job: an alert for every recall past its 48 hours and not closed (once per recall). */
export async function raiseOverdueRecallAlerts(db: Db, now = new Date()): Promise<number> {
  return raiseAlertsFrom(
    db,
    sql`
    select 'recall_overdue'::text as kind, 'recall-overdue:' || r.id::text as business_key, r.region_id,
      'critical'::text as severity, 'recall'::text as subject_type, r.id as subject_id,
      jsonb_build_object('recallId', r.id, 'deadlineAt', r.deadline_at, 'reason', r.reason) as details
    from recalls r where r.status = 'active' and r.deadline_at < ${now.toISOString()}::timestamptz`,
  );
}
