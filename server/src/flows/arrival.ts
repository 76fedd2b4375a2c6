import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import { invalidState, notFound, validation, assertDistinctProducts } from '../lib/errors.js';
import type { Leader } from '../modules/leaders/service.js';
import { enqueue } from '../modules/outbox/service.js';
import { createRefund } from './refund.js';
import { refreshArrivalQuality } from '../modules/coldchain/service.js';
import { dateOnly } from '../lib/time.js';

/**
 * Arrival (到货): the leader counts the crates of a dispatched sorting list, product by
 * product. The units received serve the point's allocated lines earliest-paid first (the same
 * running sum as receiving); covered lines become `arrived`, whatever is not covered — missing
 * or damaged on the way — is refunded at once through the refund flow (once per line:
 * business key arrival:<lineId>). Orders with nothing left in transit become `ready` and their
 * customers get one `arrived` notification.
 *
 * Only the caller's own point; only after dispatch (409 INVALID_STATE before). A product is
 * confirmed once: confirming it again is 409 INVALID_STATE and changes nothing, while other
 * products of the same list can still be confirmed in later calls.
 */

export interface ArrivalLineInput {
  productId: string;
  receivedQuantity: number;
  missingQuantity?: number;
  damagedQuantity?: number;
}

export interface ArrivalResult {
  campaignId: string;
  pickupPointId: string;
  lines: {
    productId: string;
    expectedQuantity: number;
    receivedQuantity: number;
    missingQuantity: number;
    damagedQuantity: number;
    arrivedLines: number;
    refundedUnits: number;
  }[];
  readyOrders: number;
  refunds: { count: number; amountFen: number };
}

export type LossReason = 'missing' | 'damaged';

/**
 * Which uncovered units were missing and which damaged, per line (in serving order): the last
 * `damaged` uncovered units count as damaged, the ones before as missing. A line is refunded
 * as `damaged` only when all its uncovered units were.
 */
export function lossReasons(uncoveredPerLine: number[], damaged: number): LossReason[] {
  const shortfall = uncoveredPerLine.reduce((a, b) => a + b, 0);
  const missingUnits = shortfall - Math.min(Math.max(damaged, 0), shortfall);
  let before = 0;
  return uncoveredPerLine.map((n) => {
    const firstUnit = before;
    before += n;
    return n > 0 && firstUnit >= missingUnits ? 'damaged' : 'missing';
  });
}

export async function confirmArrival(
  db: Db,
  leader: Leader,
  input: { campaignId: string; lines: ArrivalLineInput[] },
  /** damagedNote: the refund's note for damaged units (a refusal of goods out of their temperature range) */
  opts: { damagedNote?: string } = {},
): Promise<ArrivalResult> {
  assertDistinctProducts(input.lines);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // The list's row lock makes arrivals of one point run one at a time.
    const list = await one<{ id: string; status: string; route_id: string; day: unknown }>(
      tx,
      sql`
      select sl.id, sl.status, sl.route_id, c.pickup_date as day from sorting_lists sl join campaigns c on c.id = sl.campaign_id
      where sl.campaign_id = ${input.campaignId} and sl.pickup_point_id = ${leader.pickupPointId} for update of sl`,
    );
    if (!list) throw notFound('Sorting list for your pickup point');
    if (list.status === 'pending') throw invalidState('The goods for your pickup point have not been dispatched yet');

    const listLines = await rows<{ product_id: string; quantity: number; confirmed: boolean }>(
      tx,
      sql`
      select product_id, quantity, received_quantity is not null as confirmed
      from sorting_list_lines where sorting_list_id = ${list.id}`,
    );
    const byProduct = new Map(listLines.map((l) => [l.product_id, l]));
    const counted = input.lines.map((l) => {
      const line = byProduct.get(l.productId);
      if (!line) throw validation('This product is not on your sorting list', { productId: l.productId });
      if (line.confirmed)
        throw invalidState('The arrival of this product was already confirmed', { productId: l.productId });
      const damaged = l.damagedQuantity ?? 0;
      const missing = l.missingQuantity ?? Math.max(0, line.quantity - l.receivedQuantity - damaged);
      return { productId: l.productId, expected: line.quantity, received: l.receivedQuantity, missing, damaged };
    });
    const countedJson = JSON.stringify(
      counted.map((c) => ({
        product_id: c.productId,
        received: c.received,
        missing: c.missing,
        damaged: c.damaged,
      })),
    );

    // First come, first served by payment time among this point's lines of each product.
    const plan = await rows<{ id: string; order_id: string; product_id: string; needed: number; covered: number }>(
      tx,
      sql`
      with x as (select * from jsonb_to_recordset(${countedJson}::jsonb) as x(product_id uuid, received int, missing int, damaged int)),
      ranked as (
        select l.id, l.order_id, l.product_id, l.quantity - l.refund_quantity as needed,
          sum(l.quantity - l.refund_quantity) over (partition by l.product_id order by o.paid_at, o.id, l.id) as upto
        from order_lines l join orders o on o.id = l.order_id
        where o.campaign_id = ${input.campaignId} and o.pickup_point_id = ${leader.pickupPointId} and o.status = 'closed'
          and l.status = 'allocated' and l.quantity > l.refund_quantity and l.product_id in (select product_id from x))
      select r.id, r.order_id, r.product_id, r.needed::int,
        greatest(0, least(r.needed, x.received - (r.upto - r.needed)))::int as covered
      from ranked r join x on x.product_id = r.product_id
      order by r.product_id, r.upto`,
    );

    const arrivedIds = plan.filter((p) => p.covered > 0).map((p) => p.id);
    if (arrivedIds.length) {
      await exec(
        tx,
        sql`update order_lines set status = 'arrived'
        where status = 'allocated' and id in (${sql.join(
          arrivedIds.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      );
    }

    const losses: { id: string; order_id: string; units: number; reason: LossReason; productId: string }[] = [];
    for (const c of counted) {
      const lines = plan.filter((p) => p.product_id === c.productId);
      const reasons = lossReasons(
        lines.map((l) => l.needed - l.covered),
        c.damaged,
      );
      lines.forEach((l, i) => {
        if (l.covered < l.needed)
          losses.push({
            id: l.id,
            order_id: l.order_id,
            units: l.needed - l.covered,
            reason: reasons[i],
            productId: c.productId,
          });
      });
    }
    // One refund per uncovered line, in order-id order so concurrent refunds lock orders alike.
    losses.sort((a, b) => (a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : a.id < b.id ? -1 : 1));
    let refundFen = 0;
    for (const loss of losses) {
      const refund = await createRefund(
        tx,
        {
          orderId: loss.order_id,
          kind: 'arrival_loss',
          reason: loss.reason,
          note:
            loss.reason === 'damaged'
              ? (opts.damagedNote ?? 'Damaged on the way to the pickup point')
              : 'Missing on arrival at the pickup point',
          lines: [{ lineId: loss.id, quantity: loss.units }],
          businessKey: `arrival:${loss.id}`,
        },
        { approve: true, lineStatus: 'refunded' },
      );
      refundFen += refund.amountFen;
    }

    await exec(
      tx,
      sql`
      update sorting_list_lines sll set received_quantity = x.received, missing_quantity = x.missing, damaged_quantity = x.damaged
      from jsonb_to_recordset(${countedJson}::jsonb) as x(product_id uuid, received int, missing int, damaged int)
      where sll.sorting_list_id = ${list.id} and sll.product_id = x.product_id and sll.received_quantity is null`,
    );
    await exec(
      tx,
      sql`update sorting_lists set status = 'arrived', arrived_at = coalesce(arrived_at, now()) where id = ${list.id}`,
    );

    // Orders of this point with nothing left in transit and something to hand over are ready.
    const ready = await rows<{ id: string; user_id: string }>(
      tx,
      sql`
      update orders o set status = 'ready', ready_at = now()
      where o.campaign_id = ${input.campaignId} and o.pickup_point_id = ${leader.pickupPointId} and o.status = 'closed'
        and not exists (select 1 from order_lines l where l.order_id = o.id and l.status in ('pending', 'allocated'))
        and exists (select 1 from order_lines l where l.order_id = o.id and l.status = 'arrived')
      returning o.id, o.user_id`,
    );
    // the route's arrival quality of the day counts these lines now (decision 042)
    await refreshArrivalQuality(tx, list.route_id, dateOnly(list.day)!);

    for (const o of ready) {
      await enqueue(tx, 'notify.customer', {
        userId: o.user_id,
        kind: 'arrived',
        orderId: o.id,
        pickupPointId: leader.pickupPointId,
      });
    }

    return {
      campaignId: input.campaignId,
      pickupPointId: leader.pickupPointId,
      lines: counted.map((c) => {
        const lines = plan.filter((p) => p.product_id === c.productId);
        return {
          productId: c.productId,
          expectedQuantity: c.expected,
          receivedQuantity: c.received,
          missingQuantity: c.missing,
          damagedQuantity: c.damaged,
          arrivedLines: lines.filter((l) => l.covered > 0).length,
          refundedUnits: lines.reduce((s, l) => s + l.needed - l.covered, 0),
        };
      }),
      readyOrders: ready.length,
      refunds: { count: losses.length, amountFen: refundFen },
    };
  });
}
