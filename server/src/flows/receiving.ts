import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import { invalidState, notFound, validation, assertDistinctProducts } from '../lib/errors.js';
import { createRefund } from './refund.js';

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
}

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
): Promise<ReceiveResult> {
  assertDistinctProducts(input.lines);
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
      };
    });
    const receivedJson = JSON.stringify(received);

    await exec(
      tx,
      sql`
      update purchase_order_lines pol set accepted_quantity = x.accepted, rejected_quantity = x.rejected
      from jsonb_to_recordset(${receivedJson}::jsonb) as x(product_id uuid, accepted int, rejected int, expires_on date)
      where pol.purchase_order_id = ${purchaseOrderId} and pol.product_id = x.product_id`,
    );

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
        insert into lots (warehouse_id, product_id, purchase_order_id, quantity, expires_on)
        select ${po.warehouse_id}::uuid, x.product_id, ${purchaseOrderId}::uuid, x.accepted,
          coalesce(x.expires_on, (now() at time zone ${po.time_zone})::date + p.shelf_life_days)
        from jsonb_to_recordset(${receivedJson}::jsonb) as x(product_id uuid, accepted int, rejected int, expires_on date)
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
    // Shortage refunds, one per short line (a small fraction), in order-id order so
    // concurrent refunds lock orders in the same sequence.
    const short = result
      .filter((r) => r.kind === 'short')
      .map((r) => ({ id: r.lineId!, order_id: r.orderId!, short: r.short }))
      .sort((a, b) =>
        a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      );
    let refundFen = 0;
    for (const line of short) {
      const refund = await createRefund(
        tx,
        {
          orderId: line.order_id,
          kind: 'shortage',
          reason: 'shortage',
          note: 'Not enough units were delivered by the supplier',
          lines: [{ lineId: line.id, quantity: line.short }],
          businessKey: `shortage:${line.id}`,
        },
        { approve: true, lineStatus: 'short' },
      );
      refundFen += refund.amountFen;
    }

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
