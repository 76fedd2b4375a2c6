import { sql } from 'drizzle-orm';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { one, rows, type Db } from '../../db/client.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { orderNumber } from '../../lib/ids.js';
import { keyset, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { iso } from '../../lib/time.js';
import { noteRefundDecision, ticketForClaim } from '../tickets/service.js';
import { approveRefund, createRefund, rejectRefund, type RefundResult } from '../../flows/refund.js';

/** After-sales claims are accepted for this long after the line was picked up. */
export const AFTERSALES_WINDOW_HOURS = 48;

/** 质量, 缺件, 发错, 描述不符, 物流延迟 (the seeds' return reasons), other. */
export const AFTERSALES_REASONS = [
  'quality',
  'missing',
  'wrong_item',
  'description_mismatch',
  'logistics_delay',
  'other',
] as const;
export type AftersalesReason = (typeof AFTERSALES_REASONS)[number];

/**
 * A customer's after-sales request (售后): picked-up lines of their own order, within 48 h of
 * the pickup. The amount comes from the refund flow (prorated over what each line paid, never
 * more than paid minus already refunded or claimed); it waits for an operator's approval.
 * Call inside a transaction. Another customer's order answers 404.
 */
export async function requestAftersales(
  db: Db,
  userId: string,
  orderId: string,
  input: { lines: { lineId: string; quantity: number }[]; reason: AftersalesReason; note?: string },
): Promise<RefundResult> {
  const ids = input.lines.map((l) => l.lineId);
  if (new Set(ids).size !== ids.length) throw validation('Each line may appear once per request', { field: 'lines' });
  // The order lock also serializes this with other refunds of the order.
  const order = await one<{ id: string }>(
    db,
    sql`select id from orders where id = ${orderId} and user_id = ${userId} for update`,
  );
  if (!order) throw notFound('Order');
  const lines = await rows<{ id: string; status: string; in_window: boolean }>(
    db,
    sql`
    select id, status, coalesce(picked_up_at > now() - make_interval(hours => ${AFTERSALES_WINDOW_HOURS}), false) as in_window
    from order_lines where order_id = ${orderId} and id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  for (const lineId of ids) {
    const line = lines.find((l) => l.id === lineId);
    if (!line) throw notFound('Order line');
    if (line.status !== 'picked_up')
      throw invalidState('Only picked-up lines can be claimed', { lineId, status: line.status });
    if (!line.in_window)
      throw invalidState(`After-sales claims are accepted within ${AFTERSALES_WINDOW_HOURS} hours of pickup`, {
        lineId,
      });
  }
  const refund = await createRefund(
    db,
    {
      orderId,
      kind: 'aftersales',
      reason: input.reason,
      note: input.note,
      lines: input.lines,
    },
    { approve: false },
  );
  // the claim reaches the service desk: it opens a ticket or joins the order's open one
  await ticketForClaim(db, {
    userId,
    orderId,
    refundId: refund.id,
    reason: input.reason,
    note: input.note,
    amountFen: refund.amountFen,
  });
  return refund;
}

/**
 * An operator's decision on a requested refund. The order is locked first, like every other
 * refund path (order → lines → commission → account), so a decision and a new claim on the
 * same order never deadlock.
 */
export async function decideRefund(
  db: Db,
  refundId: string,
  decision: { approve: boolean; note?: string; actorId?: string },
  scope: RegionScope = null,
): Promise<RefundResult> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const locked = await one(
      tx,
      sql`
      select o.id from refunds r join orders o on o.id = r.order_id
      where r.id = ${refundId} and ${inScope(scope, sql`o.region_id`)} for update of o`,
    );
    if (!locked) throw notFound('Refund');
    const result = decision.approve
      ? await approveRefund(tx, refundId)
      : await rejectRefund(tx, refundId, decision.note);
    if (decision.actorId)
      await noteRefundDecision(tx, refundId, {
        approved: result.status === 'refunded',
        amountFen: result.amountFen,
        actorId: decision.actorId,
        note: decision.note,
      });
    return result;
  });
}

export interface RefundView {
  id: string;
  orderId: string;
  orderNumber: string;
  kind: string;
  reason: string;
  note: string | null;
  status: 'requested' | 'refunded' | 'rejected';
  amountFen: number;
  createdAt: string;
  decidedAt: string | null;
  /** the money's way back through the payment provider (null: nothing to send) */
  payout: PayoutStatus | null;
  customer: { id: string; name: string; phone: string };
  lines: { lineId: string; productId: string; productName: string; quantity: number; amountFen: number }[];
}

/**
 * Where an approved refund's money is: queued, processing at the provider (WeChat Pay says how it
 * ended later, decision 063), back with the customer, or failed (an operator is alerted).
 */
export const PAYOUT_STATUSES = ['pending', 'processing', 'succeeded', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Refunds are listed newest first; the id orders those created at the same instant. */
export const REFUND_KEYSET = keyset('refunds', [sql`r.created_at`, 'time'], [sql`r.id`, 'uuid']);

/** A page of refunds with their lines in two queries; `where` filters `refunds r` (and `orders o`). */
export async function listRefunds(
  db: Db,
  where: ReturnType<typeof sql>,
  page: PageRequest = { limit: 200, after: null },
): Promise<Page<RefundView>> {
  const p = pageSql(REFUND_KEYSET, page);
  const { items: found, nextCursor } = pageOf(
    REFUND_KEYSET,
    page,
    await rows<{
      id: string;
      order_id: string;
      seq: number;
      kind: string;
      reason: string;
      note: string | null;
      status: RefundView['status'];
      amount_fen: number;
      created_at: unknown;
      decided_at: unknown;
      payout: PayoutStatus | null;
      user_id: string;
      name: string;
      phone: string;
    }>(
      db,
      sql`
    select r.id, r.order_id, o.seq, r.kind, r.reason, r.note, r.status, r.amount_fen, r.created_at, r.decided_at,
      (select pr.status from provider_refunds pr where pr.refund_id = r.id order by pr.created_at desc limit 1) as payout,
      u.id as user_id, u.name, u.phone, ${p.select}
    from refunds r join orders o on o.id = r.order_id join users u on u.id = r.user_id
    where (${where}) and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
    ),
  );
  if (!found.length) return { items: [], nextCursor };
  const lines = await rows<RefundView['lines'][number] & { refundId: string }>(
    db,
    sql`
    select rl.refund_id as "refundId", rl.order_line_id as "lineId", l.product_id as "productId", p.name as "productName",
      rl.quantity, rl.amount_fen as "amountFen"
    from refund_lines rl join order_lines l on l.id = rl.order_line_id join products p on p.id = l.product_id
    where rl.refund_id in (${sql.join(
      found.map((r) => sql`${r.id}`),
      sql`, `,
    )}) order by p.name, rl.order_line_id`,
  );
  const items = found.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    orderNumber: orderNumber(r.seq),
    kind: r.kind,
    reason: r.reason,
    note: r.note,
    status: r.status,
    amountFen: r.amount_fen,
    createdAt: iso(r.created_at)!,
    decidedAt: iso(r.decided_at),
    payout: r.payout,
    customer: { id: r.user_id, name: r.name, phone: r.phone },
    lines: lines.filter((l) => l.refundId === r.id).map(({ refundId: _, ...l }) => l),
  }));
  return { items, nextCursor };
}
