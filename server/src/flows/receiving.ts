import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import { AppError, invalidState, notFound, validation, assertDistinctProducts } from '../lib/errors.js';
import { refundShortLines } from './refund.js';
import { postMovements } from '../modules/inventory/ledger.js';
import { recordReceiptPayables } from '../modules/suppliers/payables.js';

/**
 * Receiving (收货): a supplier's delivery against one purchase order, checked line by line.
 *
 * In one transaction: the accepted units become lots (with expiry dates), the sold units of
 * each product go to the campaign's paid lines first come first served by payment time — a
 * running sum over the lines, one UPDATE for all of them — and whatever cannot be served is
 * refunded at once through the refund flow, which also tells the customer. Units above the
 * demand (pack rounding) become free stock. Sorting lists and manifests shrink to what will
 * really be packed. A purchase order is received once; a second attempt is INVALID_STATE.
 */

export interface ReceiveLineInput {
  productId: string;
  acceptedQuantity: number;
  rejectedQuantity: number;
  /** YYYY-MM-DD; default: received date (region time) + the product's shelf life */
  expiresOn?: string;
  /**
   * Accepts a lot that has expired or has less shelf life left than the product's minimum: the
   * operator's reason, kept on the lot and its movement. Without it such a lot is refused (409).
   */
  overrideReason?: string;
}

/** A delivered lot past its expiry date (the business day of the warehouse's region). */
export const lotExpired = (details: Record<string, unknown>) =>
  new AppError('LOT_EXPIRED', 409, 'This lot has expired: refuse it or accept it with a reason', details);
/** A delivered lot with less shelf life left than the product's minimum. */
export const shelfLifeTooShort = (details: Record<string, unknown>) =>
  new AppError(
    'SHELF_LIFE_TOO_SHORT',
    409,
    "This lot has less shelf life left than the product's minimum: refuse it or accept it with a reason",
    details,
  );

export interface ReceivedLine {
  productId: string;
  orderedQuantity: number;
  acceptedQuantity: number;
  rejectedQuantity: number;
  fromStockQuantity: number;
  allocatedQuantity: number;
  shortQuantity: number;
  surplusQuantity: number;
  lotId: string | null;
  expiresOn: string | null;
}

export interface ReceiveResult {
  id: string;
  status: 'received';
  lines: ReceivedLine[];
  refunds: { count: number; amountFen: number };
}

export async function receivePurchaseOrder(
  db: Db,
  purchaseOrderId: string,
  input: { lines: ReceiveLineInput[] },
  opts: { now?: Date; actorId?: string | null } = {},
): Promise<ReceiveResult> {
  assertDistinctProducts(input.lines);
  const now = opts.now ?? new Date();
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const po = await one<{ campaign_id: string; warehouse_id: string; time_zone: string }>(
      tx,
      sql`
      update purchase_orders po set status = 'received', received_at = now()
      from campaigns c join regions r on r.id = c.region_id
      where po.id = ${purchaseOrderId} and po.status = 'open' and c.id = po.campaign_id
      returning po.campaign_id, po.warehouse_id, r.time_zone`,
    );
    if (!po) {
      const exists = await one(tx, sql`select 1 as ok from purchase_orders where id = ${purchaseOrderId}`);
      if (!exists) throw notFound('Purchase order');
      throw invalidState('This purchase order has already been received');
    }
    // Receivings of one campaign run one at a time: they share orders, sorting lists and manifests.
    await exec(tx, sql`select 1 from campaigns where id = ${po.campaign_id} for no key update`);
    // the payment-time sort covers every line of the products: keep it in memory
    await tx.execute(sql`set local work_mem = '64MB'`);

    const poLines = await rows<{ product_id: string; quantity: number }>(
      tx,
      sql`
      select product_id, quantity from purchase_order_lines where purchase_order_id = ${purchaseOrderId}`,
    );
    const ordered = new Map(poLines.map((l) => [l.product_id, l.quantity]));
    for (const l of input.lines) {
      const quantity = ordered.get(l.productId);
      if (quantity === undefined)
        throw validation('This product is not on the purchase order', { productId: l.productId });
      if (l.acceptedQuantity > quantity) {
        throw validation('More accepted than ordered', { productId: l.productId, orderedQuantity: quantity });
      }
    }
    // A product left out of the request was not delivered: recorded as 0 accepted, 0 rejected.
    const given = new Map(input.lines.map((l) => [l.productId, l]));
    const received = poLines.map((l) => {
      const g = given.get(l.product_id);
      return {
        product_id: l.product_id,
        accepted: g?.acceptedQuantity ?? 0,
        rejected: g?.rejectedQuantity ?? 0,
        expires_on: g?.expiresOn ?? null,
        override_reason: g?.overrideReason ?? null,
      };
    });
    const receivedJson = JSON.stringify(received);

    // Freshness: an accepted lot must not have expired and must keep the product's minimum shelf
    // life, counted in business days of the warehouse's region (not the database's UTC date).
    const stale = await rows<{
      product_id: string;
      expires_on: string;
      today: string;
      min_days: number | null;
      override_reason: string | null;
    }>(
      tx,
      sql`
      with t as (select (${now.toISOString()}::timestamptz at time zone ${po.time_zone})::date as today)
      select x.product_id, coalesce(x.expires_on, t.today + p.shelf_life_days)::text as expires_on, t.today::text as today,
        p.min_remaining_shelf_days as min_days, x.override_reason
      from jsonb_to_recordset(${receivedJson}::jsonb) as x(product_id uuid, accepted int, expires_on date, override_reason text)
        join products p on p.id = x.product_id cross join t
      where x.accepted > 0 and (coalesce(x.expires_on, t.today + p.shelf_life_days) < t.today
        or coalesce(x.expires_on, t.today + p.shelf_life_days) - t.today < p.min_remaining_shelf_days)
      order by x.product_id`,
    );
    for (const l of stale) {
      if (l.override_reason?.trim()) continue;
      const details = { productId: l.product_id, expiresOn: l.expires_on, today: l.today };
      if (l.expires_on < l.today) throw lotExpired(details);
      throw shelfLifeTooShort({ ...details, minRemainingShelfDays: l.min_days });
    }

    await exec(
      tx,
      sql`
      update purchase_order_lines pol set accepted_quantity = x.accepted, rejected_quantity = x.rejected
      from jsonb_to_recordset(${receivedJson}::jsonb) as x(product_id uuid, accepted int, rejected int, expires_on date)
      where pol.purchase_order_id = ${purchaseOrderId} and pol.product_id = x.product_id`,
    );
    // what the supplier is owed: accepted units at the order's unit cost (decision 044)
    await recordReceiptPayables(tx, purchaseOrderId, opts.actorId ?? null);

    // One statement (its parts are WITH queries, so no temporary tables: creating and dropping two
    // of them per delivery was most of a small delivery's time on the embedded database):
    // - supply: what each product can serve, the accepted units (now a lot) plus the stock set aside at cutoff;
    // - plan: first come, first served by payment time, each line gets what is left after every
    //   earlier-paid line was served in full (running sum), clamped to [0, needed];
    // - the served lines are allocated to the lot, pack rounding's units over join the central
    //   warehouse's free stock, and the crates hold what was allocated;
    // - the answer: one row per product, then one per line that stays short.
    const result = await rows<
      ReceivedLine & { kind: 'product' | 'short'; lineId: string | null; orderId: string | null; short: number }
    >(
      tx,
      sql`
      with new_lots as (
        insert into lots (warehouse_id, product_id, purchase_order_id, quantity, expires_on, override_reason)
        select ${po.warehouse_id}::uuid, x.product_id, ${purchaseOrderId}::uuid, x.accepted,
          coalesce(x.expires_on, (${now.toISOString()}::timestamptz at time zone ${po.time_zone})::date + p.shelf_life_days),
          nullif(trim(x.override_reason), '')
        from jsonb_to_recordset(${receivedJson}::jsonb) as x(product_id uuid, accepted int, rejected int, expires_on date, override_reason text)
        join products p on p.id = x.product_id
        where x.accepted > 0
        returning id, product_id, expires_on
      ),
      supply as materialized (
        select pol.product_id, pol.quantity as ordered, pol.accepted_quantity as accepted, pol.rejected_quantity as rejected,
          pol.from_stock_quantity as from_stock, pol.accepted_quantity + pol.from_stock_quantity as available,
          nl.id as lot_id, nl.expires_on
        from purchase_order_lines pol left join new_lots nl on nl.product_id = pol.product_id
        where pol.purchase_order_id = ${purchaseOrderId}
      ),
      ranked as (
        select l.id, l.order_id, l.product_id, o.pickup_point_id, l.quantity - l.refund_quantity as needed,
          sum(l.quantity - l.refund_quantity) over (partition by l.product_id order by o.paid_at, o.id, l.id) as upto
        from order_lines l join orders o on o.id = l.order_id
        where l.campaign_item_id in (
            select ci.id from campaign_items ci
            where ci.campaign_id = ${po.campaign_id} and ci.product_id in (select product_id from supply))
          and o.status = 'closed' and l.status = 'pending' and l.quantity > l.refund_quantity
      ),
      plan as materialized (
        select r.id, r.order_id, r.product_id, r.pickup_point_id, r.needed,
          greatest(0, least(r.needed, s.available - (r.upto - r.needed)))::int as allocated, s.lot_id
        from ranked r join supply s on s.product_id = r.product_id
      ),
      allocate as (
        update order_lines l set status = 'allocated', lot_id = p.lot_id
        from plan p where l.id = p.id and p.allocated > 0
        returning 1
      ),
      demand as (
        select product_id, sum(needed)::int as needed, sum(allocated)::int as allocated, sum(needed - allocated)::int as short
        from plan group by product_id
      ),
      surplus as (
        insert into warehouse_stock (warehouse_id, product_id, quantity)
        select ${po.warehouse_id}::uuid, s.product_id, s.available - coalesce(d.needed, 0)
        from supply s left join demand d on d.product_id = s.product_id
        where s.available > coalesce(d.needed, 0)
        on conflict (warehouse_id, product_id) do update set quantity = warehouse_stock.quantity + excluded.quantity
        returning 1
      ),
      crates as (
        update sorting_list_lines sll set quantity = x.units
        from (
          select sl.id as list_id, sll2.product_id, coalesce(a.units, 0)::int as units
          from sorting_lists sl
          join sorting_list_lines sll2 on sll2.sorting_list_id = sl.id
          left join (select pickup_point_id, product_id, sum(allocated) as units from plan group by pickup_point_id, product_id) a
            on a.pickup_point_id = sl.pickup_point_id and a.product_id = sll2.product_id
          where sl.campaign_id = ${po.campaign_id} and sll2.product_id in (select product_id from supply)
        ) x
        where sll.sorting_list_id = x.list_id and sll.product_id = x.product_id
        returning 1
      )
      select 'product' as kind, s.product_id as "productId", s.ordered as "orderedQuantity", s.accepted as "acceptedQuantity",
        s.rejected as "rejectedQuantity", s.from_stock as "fromStockQuantity",
        coalesce(d.allocated, 0)::int as "allocatedQuantity", coalesce(d.short, 0)::int as "shortQuantity",
        greatest(s.available - coalesce(d.needed, 0), 0)::int as "surplusQuantity",
        s.lot_id as "lotId", s.expires_on::text as "expiresOn", null::uuid as "lineId", null::uuid as "orderId", 0 as short
      from supply s left join demand d on d.product_id = s.product_id
      union all
      select 'short', p.product_id, null, null, null, null, null, null, null, null, null, p.id, p.order_id, p.needed - p.allocated
      from plan p where p.allocated < p.needed`,
    );
    const summary: ReceivedLine[] = result
      .filter((r) => r.kind === 'product')
      .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
      .map(({ kind: _kind, lineId: _lineId, orderId: _orderId, short: _short, ...line }) => line);
    await ledgerSurplus(tx, {
      purchaseOrderId,
      warehouseId: po.warehouse_id,
      lines: summary,
      overrides: new Map(
        received.filter((r) => r.override_reason?.trim()).map((r) => [r.product_id, r.override_reason!]),
      ),
      actorId: opts.actorId ?? null,
      now,
    });

    // Shortage refunds, one per short line (a small fraction), in order-id order so
    // concurrent refunds lock orders in the same sequence.
    const short = result
      .filter((r) => r.kind === 'short')
      .map((r) => ({ id: r.lineId!, order_id: r.orderId!, short: r.short }))
      .sort((a, b) =>
        a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      );
    const { amountFen: refundFen } = await refundShortLines(tx, short, {
      note: 'Not enough units were delivered by the supplier',
      keyPrefix: 'shortage',
    });

    // The trucks carry the crates.
    await exec(
      tx,
      sql`
      update delivery_manifests m set units = t.units
      from (select sl.route_id, sum(sll.quantity)::int as units
            from sorting_lists sl join sorting_list_lines sll on sll.sorting_list_id = sl.id
            where sl.campaign_id = ${po.campaign_id} group by sl.route_id) t
      where m.campaign_id = ${po.campaign_id} and m.route_id = t.route_id`,
    );

    return {
      id: purchaseOrderId,
      status: 'received' as const,
      lines: summary,
      refunds: { count: short.length, amountFen: refundFen },
    };
  });
}

/**
 * The ledger of a delivery's surplus (the units that went to free stock): a `received` movement of
 * the units from the new lot (which keeps them as its remaining units), and — when refunds since
 * the cutoff left units set aside from stock unneeded — a `returned` movement of those, into a lot
 * without an expiry date (they came from older lots the cutoff took first-expiry-first).
 */
async function ledgerSurplus(
  tx: Db,
  r: {
    purchaseOrderId: string;
    warehouseId: string;
    lines: ReceivedLine[];
    overrides: Map<string, string>;
    actorId: string | null;
    now: Date;
  },
): Promise<void> {
  const surplus = r.lines.filter((l) => l.surplusQuantity > 0);
  if (!surplus.length) return;
  const fromLot = surplus
    .map((l) => ({ line: l, units: l.lotId ? Math.min(l.acceptedQuantity, l.surplusQuantity) : 0 }))
    .filter((x) => x.units > 0);
  const returned = surplus
    .map((l) => ({
      line: l,
      units: l.surplusQuantity - (l.lotId ? Math.min(l.acceptedQuantity, l.surplusQuantity) : 0),
    }))
    .filter((x) => x.units > 0);
  if (fromLot.length) {
    const json = JSON.stringify(
      fromLot.map((x) => ({
        product_id: x.line.productId,
        lot_id: x.line.lotId,
        units: x.units,
        business_key: `receive:${r.purchaseOrderId}:${x.line.productId}`,
        reason: r.overrides.get(x.line.productId) ?? null,
      })),
    );
    // stock itself was raised by the receipt's statement: the movement rows and the lots only
    await tx.execute(sql`
      with x as (
        select * from jsonb_to_recordset(${json}::jsonb) as x(product_id uuid, lot_id uuid, units int, business_key text, reason text)
      ), kept as (
        update lots l set remaining = l.remaining + x.units from x where l.id = x.lot_id returning l.id
      ), m as (
        insert into stock_movements (warehouse_id, product_id, kind, quantity, reason, business_key, ref_id, actor_id)
        select ${r.warehouseId}::uuid, x.product_id, 'received', x.units, x.reason, x.business_key, ${r.purchaseOrderId}::uuid, ${r.actorId}::uuid
        from x
        returning id, product_id
      )
      insert into stock_movement_lots (movement_id, lot_id, quantity)
      select m.id, x.lot_id, x.units from m join x on x.product_id = m.product_id`);
  }
  if (returned.length) {
    const moves = returned.map((x) => ({
      warehouseId: r.warehouseId,
      productId: x.line.productId,
      kind: 'returned' as const,
      quantity: x.units,
      reason: 'set aside at cutoff, no longer needed',
      businessKey: `receive-return:${r.purchaseOrderId}:${x.line.productId}`,
      refId: r.purchaseOrderId,
      actorId: r.actorId,
      expiresOn: null,
    }));
    // the stock figure already holds these units (the receipt's statement): the rows and the lot only
    await postMovements(tx, moves, r.now, { stock: false });
  }
}
