import { sql } from 'drizzle-orm';
import { one, type Db } from '../db/client.js';
import { decideRefund } from '../modules/aftersales/service.js';
import type { RegionScope } from '../lib/region-scope.js';
import { runCutoff, type CutoffResult } from './cutoff.js';
import { receivePurchaseOrder, type ReceiveLineInput } from './receiving.js';

/**
 * Impact previews (decision 036): before an operator confirms an early cutoff, a receipt or a
 * refund approval, the console shows what the action will do. The figures must be exactly the
 * action's, so the preview runs the action itself — the same flow, the same statements — inside a
 * transaction that is always rolled back, and reads what it changed before the rollback. Nothing
 * is written; side effects (provider refunds, customer notifications) live in the outbox, which is
 * rolled back with the rest. The cost is the action's own, and its locks are held just as long.
 */
export interface Impact {
  /** orders the action changes (closed at a cutoff; short or refunded otherwise) */
  orders: number;
  /** units it moves: to be supplied at a cutoff, short at a receipt, returned by a refund */
  units: number;
  /** the money involved: paid value of the orders closed at a cutoff; money back otherwise */
  amountFen: number;
  /** money that goes back to customers (group-tier differences at a cutoff, shortages, the refund) */
  refundFen: number;
  /** distinct customers who get a notification */
  customersNotified: number;
}

class Rollback extends Error {}

async function rolledBack<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let out: { value: T } | undefined;
  try {
    await db.transaction(async (raw) => {
      out = { value: await fn(raw as unknown as Db) };
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return out!.value;
}

/** The outbox's last id before the action: what it queues has a higher id and this transaction's time. */
const outboxMark = async (tx: Db) =>
  (await one<{ id: number }>(tx, sql`select coalesce(max(id), 0)::bigint as id from outbox`))!.id;

/** Money queued back to customers and customers told, by what the action put in the outbox. */
async function queued(tx: Db, mark: number) {
  const r = await one<{ notified: number; refund_fen: number; refund_orders: number }>(
    tx,
    sql`
    with added as (select topic, payload from outbox where id > ${mark} and created_at = now()),
    money as (
      select pr.order_id, pr.amount_fen from added a
      join provider_refunds pr on pr.id = (a.payload->>'providerRefundId')::uuid
      where a.topic = 'payment.refund')
    select (select count(distinct payload->>'userId') from added where topic = 'notify.customer')::int as notified,
      (select coalesce(sum(amount_fen), 0) from money)::int as refund_fen,
      (select count(distinct order_id) from money)::int as refund_orders`,
  );
  return { notified: r!.notified, refundFen: r!.refund_fen, refundOrders: r!.refund_orders };
}

export interface CutoffPreview extends Impact {
  /** unpaid orders cancelled (their quota given back) */
  cancelledUnpaid: number;
  purchaseOrders: number;
  sortingLists: number;
  unsuppliedProducts: CutoffResult['unsuppliedProducts'];
}

export function previewCutoff(db: Db, campaignId: string): Promise<CutoffPreview> {
  return rolledBack(db, async (tx) => {
    const mark = await outboxMark(tx);
    const result = await runCutoff(tx, campaignId);
    // closed by this cutoff: closed_at is this transaction's time
    const closed = await one<{ orders: number; units: number; paid: number }>(
      tx,
      sql`
      select count(*)::int as orders, coalesce(sum(o.total_fen), 0)::int as paid,
        coalesce(sum((select sum(l.quantity - l.refund_quantity) from order_lines l
          where l.order_id = o.id and l.quantity > l.refund_quantity)), 0)::int as units
      from orders o where o.campaign_id = ${campaignId} and o.status = 'closed' and o.closed_at = now()`,
    );
    const q = await queued(tx, mark);
    return {
      orders: result.ranNow ? closed!.orders : 0,
      units: result.ranNow ? closed!.units : 0,
      amountFen: result.ranNow ? closed!.paid : 0,
      refundFen: q.refundFen,
      customersNotified: q.notified,
      cancelledUnpaid: result.cancelledUnpaid,
      purchaseOrders: result.ranNow ? result.purchaseOrders : 0,
      sortingLists: result.ranNow ? result.sortingLists : 0,
      unsuppliedProducts: result.ranNow ? result.unsuppliedProducts : [],
    };
  });
}

export interface ReceivePreview extends Impact {
  /** units served to orders, and units over the demand that become free stock */
  allocatedUnits: number;
  surplusUnits: number;
  /** shortage refunds made */
  refunds: number;
}

export function previewReceive(
  db: Db,
  purchaseOrderId: string,
  input: { lines: ReceiveLineInput[] },
): Promise<ReceivePreview> {
  return rolledBack(db, async (tx) => {
    const mark = await outboxMark(tx);
    const r = await receivePurchaseOrder(tx, purchaseOrderId, input);
    const q = await queued(tx, mark);
    const sum = (f: (l: (typeof r.lines)[number]) => number) => r.lines.reduce((a, l) => a + f(l), 0);
    return {
      orders: q.refundOrders,
      units: sum((l) => l.shortQuantity),
      amountFen: r.refunds.amountFen,
      refundFen: q.refundFen,
      customersNotified: q.notified,
      allocatedUnits: sum((l) => l.allocatedQuantity),
      surplusUnits: sum((l) => l.surplusQuantity),
      refunds: r.refunds.count,
    };
  });
}

export function previewRefundApproval(db: Db, refundId: string, scope: RegionScope): Promise<Impact> {
  return rolledBack(db, async (tx) => {
    const mark = await outboxMark(tx);
    const r = await decideRefund(tx, refundId, { approve: true }, scope);
    const units = await one<{ n: number }>(
      tx,
      sql`select coalesce(sum(quantity), 0)::int as n from refund_lines where refund_id = ${refundId}`,
    );
    const q = await queued(tx, mark);
    return {
      orders: 1,
      units: units!.n,
      amountFen: r.amountFen,
      refundFen: q.refundFen,
      customersNotified: q.notified,
    };
  });
}
