import { sql } from 'drizzle-orm';
import { exec, one, pgArray, type Db } from '../../db/client.js';

/**
 * Lots per order line for the units a cutoff served from free stock (decision 043), in one statement
 * over the products taken from stock (`cutoff_plan.from_stock > 0`) — never a statement per line:
 *
 * - each product's `allocated` movement gave units out of its lots first-expiry-first; laid end to
 *   end in that order, lot k covers the units (upto_k − take_k, upto_k] of the product's stock units;
 * - the campaign's lines in serving order (payment time, order, line: receiving's first-paid-first-
 *   served) cover (upto − needed, upto] of the demand; the first `from_stock` units are the stock's;
 * - a line takes from every lot whose interval overlaps its own, the length of the overlap.
 *
 * So the units per lot add up to the movement's lot quantities and each stock-served line's units to
 * what stock gave it. Runs inside the cutoff's transaction, after the movement, before the lines
 * change status.
 */
export async function recordLotsOfStockLines(tx: Db, campaignId: string): Promise<void> {
  const fromStock = await one<{ ids: string[] | null }>(
    tx,
    sql`select array_agg(product_id::text) as ids from cutoff_plan where from_stock > 0`,
  );
  if (!fromStock?.ids?.length) return;
  // the serving-order sort covers every line of those products: keep it in memory, as receiving does
  await exec(tx, sql`set local work_mem = '64MB'`);
  await exec(
    tx,
    sql`
    with mv as (
      select m.id, p.product_id
      from cutoff_plan p join stock_movements m on m.business_key = 'cutoff:' || ${campaignId}::text || ':' || p.product_id::text
      where p.from_stock > 0
    ),
    lot_spans as (
      select mv.product_id, ml.lot_id, -ml.quantity as take,
        sum(-ml.quantity) over (partition by mv.product_id order by l.expires_on nulls last, l.received_at, l.id) as upto
      from mv join stock_movement_lots ml on ml.movement_id = mv.id join lots l on l.id = ml.lot_id
    ),
    line_spans as (
      select l.id, l.product_id, l.quantity - l.refund_quantity as needed,
        sum(l.quantity - l.refund_quantity) over (partition by l.product_id order by o.paid_at, o.id, l.id) as upto
      from order_lines l join orders o on o.id = l.order_id
      where o.campaign_id = ${campaignId} and o.status = 'closed' and l.status = 'pending' and l.quantity > l.refund_quantity
        and l.product_id = any(${pgArray(fromStock.ids)}::uuid[])
    ),
    -- the lines that start within the stock's units, before they meet the lots (a 60-element array
    -- probe per line instead of a semi-join the generic plan ran as a nested loop: 2 s on 1,000,000 lines)
    stock_lines as (
      select s.* from line_spans s join cutoff_plan p on p.product_id = s.product_id where s.upto - s.needed < p.from_stock
    )
    insert into order_line_lots (order_line_id, lot_id, quantity)
    select s.id, t.lot_id, (least(s.upto, t.upto) - greatest(s.upto - s.needed, t.upto - t.take))::int
    from stock_lines s join lot_spans t on t.product_id = s.product_id
    where s.upto - s.needed < t.upto and t.upto - t.take < s.upto`,
  );
}
