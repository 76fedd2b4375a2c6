import { sql } from 'drizzle-orm';
import { one, pgArray, type Db } from '../db/client.js';
import type { SoldOutCache } from '../lib/sold-out.js';
import { timeOrderedUuid } from '../lib/ids.js';
import { iso } from '../lib/time.js';
import type { OrderView } from '../modules/orders/service.js';
import { activeFullReductionsJson } from '../modules/promotions/service.js';
import type { FullReductionRule } from '../modules/pricing/rules.js';
import {
  itemColumns,
  withGroupBuyers,
  orderView,
  priceCheckout,
  type BuyerColumns,
  type CheckoutInput,
  type ItemRow,
  type Prepared,
} from './checkout.js';
import { pointTargetedSql } from '../modules/campaigns/targets.js';
import { grantInOrder, type Decision } from './flash-grants.js';

/**
 * The flash-sale lane (秒杀, decision 009). When a flash deal opens, thousands of buyers want the
 * same row at once; one order statement each would queue them all on that row's lock. Here the
 * orders of one process queue per deal and are decided and written in batches of two statements:
 * one read of what the batch needs (the deal, buyers, their holdings, keys already used, order
 * numbers), the decisions in arrival order (flash-grants.ts, pure), and one write of all the
 * granted orders, lines, holdings, idempotency keys and the new `sold`, which happens only if the
 * units and each buyer's limit are still there. The ordinary order statement takes the orders this
 * lane does not (coupons, points, several deals) under the same row, so the database stays the
 * only arbiter, across any number of processes.
 */

export interface LaneOrder {
  userId: string;
  input: CheckoutInput;
  /** the Idempotency-Key and the hash of its request, stored with the order like the ordinary path does */
  idempotency?: { key: string; requestHash: string };
}

export type LaneResult = { kind: 'placed'; order: OrderView } | Exclude<Decision, { kind: 'granted' }>;

/**
 * The orders the lane may take: one deal, nothing to spend but money. Whether the deal is a flash
 * deal on sale is learned in the batch; the lane answers `elsewhere` when it is not.
 */
export const laneShaped = (input: CheckoutInput) => input.items.length === 1 && !input.couponId && !input.pointsToUse;

interface Pending {
  order: LaneOrder;
  resolve: (r: LaneResult) => void;
}

/** requests decided by one batch at most */
const BATCH = 400;
/** plain deals remembered at most; a forgotten one costs one more batch, a stale one (made a flash deal later) only speed */
const PLAIN_CAP = 10_000;

export class FlashLane {
  /**
   * `expiryMinutes`: how long a flash order may stay unpaid (config flashUnpaidExpiryMinutes);
   * `soldOut`: the process's sold-out memory, told as soon as a batch takes the last unit.
   */
  constructor(
    private readonly expiryMinutes: number,
    private readonly soldOut: SoldOutCache,
  ) {}

  private readonly queues = new Map<string, Pending[]>();
  private readonly flushing = new Set<string>();
  /** deals found not to be flash deals: their orders go the ordinary way without asking again */
  private readonly plain = new Set<string>();

  /** Queues an order of `laneShaped` input; resolves when its batch is decided. */
  submit(db: Db, order: LaneOrder): Promise<LaneResult> {
    const itemId = order.input.items[0].campaignItemId;
    if (this.plain.has(itemId)) return Promise.resolve({ kind: 'elsewhere' });
    return new Promise((resolve) => {
      let queue = this.queues.get(itemId);
      if (!queue) {
        queue = [];
        this.queues.set(itemId, queue);
      }
      queue.push({ order, resolve });
      // The first request of an idle deal schedules the flush; requests arriving meanwhile (and
      // while a batch is being written) ride along in the next one.
      if (queue.length === 1 && !this.flushing.has(itemId)) setImmediate(() => void this.flush(db, itemId));
    });
  }

  private async flush(db: Db, itemId: string): Promise<void> {
    const queue = this.queues.get(itemId);
    if (!queue?.length) return;
    this.flushing.add(itemId);
    let batch = queue.splice(0, BATCH);
    if (!queue.length) this.queues.delete(itemId);
    try {
      // Once this process saw the last unit go, requests without a key are refused from memory like
      // at the door (flows/place-order.ts); those with a key are looked up, as they may be retries of a sale.
      if (this.soldOut.find([itemId])) {
        for (const p of batch.filter((p) => !p.order.idempotency)) p.resolve({ kind: 'out_of_stock', remaining: 0 });
        batch = batch.filter((p) => p.order.idempotency);
        if (!batch.length) return;
      }
      const orders = batch.map((p) => p.order);
      let outcome = await decideAndWrite(db, itemId, orders, this.expiryMinutes);
      if (outcome === 'changed') {
        // fewer units were left at the write than at the read (another process's batch took them),
        // or the campaign closed: decide again holding the row, so the second read stays true
        // until the write
        outcome = await db.transaction((tx) =>
          decideAndWrite(tx as unknown as Db, itemId, orders, this.expiryMinutes, { lock: true }),
        );
      }
      if (outcome === 'changed') throw new Error('the flash deal changed while its row was held');
      if (outcome.plain && this.plain.size < PLAIN_CAP) this.plain.add(itemId);
      if (outcome.left === 0) this.soldOut.mark(itemId);
      for (const [i, p] of batch.entries()) p.resolve(outcome.results[i]);
    } catch {
      // e.g. a key that another process stored meanwhile (unique violation), or a buyer who reached
      // the limit there (LIMIT_EXCEEDED): nothing of the batch was written; each request goes the
      // ordinary way, which answers it exactly
      for (const p of batch) p.resolve({ kind: 'elsewhere' });
    } finally {
      this.flushing.delete(itemId);
      if (this.queues.get(itemId)?.length) setImmediate(() => void this.flush(db, itemId));
    }
  }
}

/**
 * One batch, optimistically: ONE read (a single statement, so one consistent snapshot) of the deal
 * with everything pricing needs, the buyers, their holdings, keys already used and order numbers;
 * the decisions in memory; ONE write guarded by what is scarce, not by the read being current:
 * `sold` grows only if the batch's units are still left (otherwise nothing is written and the
 * answer is `changed`), and each buyer's holding only within the limit (otherwise linli_check
 * aborts the write and the batch goes the ordinary way). So two processes' batches of one deal
 * are decided side by side; their writes queue on the row only for their own short execution,
 * and a write that waited re-checks the units on the row as the other left it.
 * With `lock` (inside a transaction) the read takes the deal row FOR UPDATE, so the units it
 * read are still left at the write.
 */
async function decideAndWrite(
  db: Db,
  itemId: string,
  orders: LaneOrder[],
  expiryMinutes: number,
  { lock = false } = {},
): Promise<{ results: LaneResult[]; plain?: boolean; left?: number } | 'changed'> {
  const elsewhere = (plain = false) => ({ results: orders.map((): LaneResult => ({ kind: 'elsewhere' })), plain });
  // the buyers' Idempotency-Keys, to find those used before
  const keys = JSON.stringify(orders.filter((o) => o.idempotency).map((o) => ({ u: o.userId, k: o.idempotency!.key })));
  // Buyers and points as arrays: the planner then knows how many there are and probes the
  // primary keys, whatever the statistics say (a holdings table analyzed while empty made the
  // holdings lookup a nested scan of every holding against every request: 7 ms for 256 buyers).
  const userIds = pgArray([...new Set(orders.map((o) => o.userId))]);
  const pointIds = pgArray([...new Set(orders.map((o) => o.input.pickupPointId))]);
  const known = await one<
    ItemRow & {
      now: string;
      full_reductions: FullReductionRule[];
      buyers: (BuyerColumns & { user_id: string })[] | null;
      points: string[] | null;
      holdings: Record<string, number> | null;
      replayed: { u: string; k: string }[] | null;
      seqs: number[];
    }
  >(
    db,
    sql`
    with r as (select * from json_to_recordset(${keys}::json) as r (u uuid, k text))
    select ${itemColumns}, now()::text as now, (${activeFullReductionsJson}) as full_reductions,
      -- the buyers, their points and holdings matter only while units are left; so do order numbers
      -- (one per unit at most: every granted order takes one or more)
      case when ci.quota > ci.sold then (select json_agg(json_build_object('user_id', u.id, 'is_member', coalesce(u.membership_until > now(), false),
          'points_balance', u.points_balance, 'buyer_name', u.name, 'buyer_phone', u.phone))
        from users u where u.id = any(${userIds}::uuid[])) end as buyers,
      -- only the points of the campaign's region it is offered at: an order at another one is the ordinary path's refusal
      case when ci.quota > ci.sold then (select json_agg(pp.id) from pickup_points pp
        where pp.id = any(${pointIds}::uuid[]) and pp.region_id = c.region_id
          and ${pointTargetedSql(sql`c.id`, sql`pp.id`)}) end as points,
      case when ci.quota > ci.sold then (select json_object_agg(h.user_id, h.quantity) from customer_item_holdings h
        where h.campaign_item_id = ci.id and h.user_id = any(${userIds}::uuid[])) end as holdings,
      (select json_agg(json_build_object('u', r.u, 'k', r.k)) from r
        where exists (select 1 from idempotency_keys i where i.user_id = r.u and i.scope = 'order' and i.key = r.k)) as replayed,
      array(select nextval(pg_get_serial_sequence('orders', 'seq'))
        from generate_series(1, least(${orders.length}::int, greatest(0, ci.quota - ci.sold)))) as seqs
    from campaign_items ci join products p on p.id = ci.product_id join campaigns c on c.id = ci.campaign_id
    where ci.id = ${itemId} ${lock ? sql`for update of ci` : sql``}`,
  );
  if (!known) return elsewhere(); // unknown deal: the ordinary path says so
  const [item] = await withGroupBuyers(db, [known]);
  if (!item.is_flash || item.quota === null) return elsewhere(true);
  if (!item.campaign_open || !item.sale_open) return elsewhere();

  // Priced like any order (checkout's own rules); one that does not price cleanly is answered
  // elsewhere. With nothing left there is nothing to price: every request is refused (or replayed).
  // Orders of one deal with nothing but money to spend differ in price only by quantity, membership
  // and whether their pickup point exists (in the deal's region, offered there): each such kind is priced once per batch.
  const remaining = Math.max(0, item.quota - item.sold);
  const buyers = new Map((known.buyers ?? []).map(({ user_id: userId, ...b }) => [userId, b]));
  const points = new Set(known.points ?? []);
  const pricedKinds = new Map<string, Prepared | undefined>();
  const prepared = orders.map((o): { kind: Prepared; buyer: BuyerColumns } | undefined => {
    if (remaining === 0) return undefined;
    const buyer = buyers.get(o.userId);
    if (!buyer) return undefined;
    const pointExists = points.has(o.input.pickupPointId);
    const key = `${o.input.items[0].quantity}/${buyer.is_member}/${pointExists}`;
    if (!pricedKinds.has(key)) {
      try {
        const p = priceCheckout(
          [{ ...item, ...buyer, point_exists: pointExists, point_in_region: pointExists, point_targeted: pointExists }],
          o.input,
          null,
        );
        pricedKinds.set(key, p.priced.totalFen > 0 ? p : undefined); // nothing to pay is the ordinary path's case
      } catch {
        pricedKinds.set(key, undefined);
      }
    }
    const kind = pricedKinds.get(key);
    return kind && { kind, buyer };
  });
  const replayed = new Set((known.replayed ?? []).map((r) => `${r.u}/${r.k}`));
  const decisions = grantInOrder(
    { remaining, perCustomerLimit: item.per_customer_limit, holdings: new Map(Object.entries(known.holdings ?? {})) },
    orders.map((o, i) => ({
      userId: o.userId,
      quantity: o.input.items[0].quantity,
      key: o.idempotency?.key,
      elsewhere:
        (remaining > 0 && !prepared[i]) || (!!o.idempotency && replayed.has(`${o.userId}/${o.idempotency.key}`)),
    })),
  );

  // The granted orders as the customer will see them, and their rows for the write.
  const createdAt = iso(item.now)!;
  const placed = new Map<number, OrderView>();
  const seqs = [...known.seqs];
  const rows = decisions.flatMap((d, i) => {
    if (d.kind !== 'granted') return [];
    const o = orders[i];
    const { kind, buyer } = prepared[i]!;
    const { priced, items, campaignId, regionId } = kind;
    const line = priced.lines[0];
    const seq = seqs.shift()!;
    const view: OrderView = {
      ...orderView(kind, o.input, {
        id: timeOrderedUuid(),
        seq,
        lineIds: new Map([[line.key, timeOrderedUuid()]]),
        paidAt: null,
        pickupCode: null,
        createdAt,
        expiresAt: new Date(Date.parse(createdAt) + expiryMinutes * 60_000).toISOString(),
      }),
      customer: { name: buyer.buyer_name, phone: buyer.buyer_phone }, // the kind was priced for another buyer
    };
    placed.set(i, view);
    return [
      {
        id: view.id,
        seq,
        user_id: o.userId,
        region_id: regionId,
        campaign_id: campaignId,
        pickup_point_id: o.input.pickupPointId,
        subtotal_fen: priced.subtotalFen,
        member_discount_fen: priced.memberDiscountFen,
        full_reduction_fen: priced.fullReductionFen,
        full_reduction_id: priced.fullReductionId,
        total_fen: priced.totalFen,
        expires_at: view.expiresAt,
        line_id: view.lines[0].id,
        product_id: items[0].product_id,
        quantity: line.quantity,
        list_price_fen: line.listPriceFen,
        unit_price_fen: line.unitPriceFen,
        line_member_discount_fen: line.memberDiscountFen,
        line_full_reduction_fen: line.fullReductionFen,
        discount_fen: line.discountFen,
        paid_fen: line.paidFen,
        key: o.idempotency?.key ?? null,
        request_hash: o.idempotency?.requestHash ?? null,
        response: o.idempotency ? view : null,
      },
    ];
  });
  const total = rows.reduce((n, r) => n + r.quantity, 0);
  let left = remaining;
  if (rows.length) {
    // the campaign FOR KEY SHARE: a cutoff (FOR UPDATE) waits for this statement, or this statement finds it closed
    const written = await one<{ units_left: number | null }>(
      db,
      sql`
      with campaign as (
        select id from campaigns where id = ${item.campaign_id} and status = 'open' and cutoff_at > now() for key share),
      s as (
        update campaign_items set sold = sold + ${total}::int
        where id = ${itemId} and sold + ${total}::int <= quota and exists (select 1 from campaign)
        returning quota - sold as units_left),
      g as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as g (
          id uuid, seq bigint, user_id uuid, region_id uuid, campaign_id uuid, pickup_point_id uuid, subtotal_fen int,
          member_discount_fen int, full_reduction_fen int, full_reduction_id uuid, total_fen int, expires_at timestamptz,
          line_id uuid, product_id uuid, quantity int, list_price_fen int, unit_price_fen int, line_member_discount_fen int,
          line_full_reduction_fen int, discount_fen int, paid_fen int, key text, request_hash text, response jsonb)
        where exists (select 1 from s)),
      o as (
        insert into orders (id, seq, user_id, region_id, campaign_id, pickup_point_id, status, subtotal_fen, member_discount_fen,
          full_reduction_fen, full_reduction_id, total_fen, expires_at, created_at)
        select id, seq, user_id, region_id, campaign_id, pickup_point_id, 'pending_payment', subtotal_fen, member_discount_fen,
          full_reduction_fen, full_reduction_id, total_fen, expires_at, ${createdAt}::timestamptz from g
        returning 1),
      l as (
        insert into order_lines (id, order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, member_discount_fen,
          full_reduction_fen, discount_fen, paid_fen)
        select line_id, id, ${itemId}::uuid, product_id, quantity, list_price_fen, unit_price_fen, line_member_discount_fen,
          line_full_reduction_fen, discount_fen, paid_fen from g
        returning 1),
      h as (
        insert into customer_item_holdings (campaign_item_id, user_id, quantity)
        select ${itemId}::uuid, user_id, sum(quantity) from g where ${item.per_customer_limit}::int is not null group by user_id
        on conflict (campaign_item_id, user_id) do update set quantity = customer_item_holdings.quantity + excluded.quantity
          where customer_item_holdings.quantity + excluded.quantity <= ${item.per_customer_limit}::int
        returning 1),
      k as (
        insert into idempotency_keys (user_id, scope, key, request_hash, status_code, response)
        select user_id, 'order', key, request_hash, 201, response from g where key is not null
        returning 1)
      select (select units_left from s) as units_left,
        -- a holding that grew meanwhile (the same buyer in another process) past the limit
        linli_check((select count(*) from h) = (select count(distinct user_id) from g where ${item.per_customer_limit}::int is not null),
          'LIMIT_EXCEEDED', null)
        + (select count(*) from o) + (select count(*) from l) + (select count(*) from k) as rows`,
    );
    if (written?.units_left == null) return 'changed';
    left = written.units_left;
  }
  return {
    results: decisions.map(
      (d, i): LaneResult => (d.kind === 'granted' ? { kind: 'placed', order: placed.get(i)! } : d),
    ),
    left,
  };
}
