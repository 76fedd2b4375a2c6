import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, one, type Db } from '../db/client.js';
import { limitExceeded, outOfStock } from '../lib/errors.js';

/**
 * Coalesced reservations for flash deals (decision 005). Taking a unit inside each order
 * transaction holds the deal row through that transaction's commit (~3 ms of WAL flush), so one
 * deal sold ~330 orders/s. Here the requests of one process queue per deal and are granted in
 * batches by ONE autocommitted statement that takes the units and writes one reservation row per
 * granted request; each order transaction then only deletes its own reservation row. The
 * database's conditional update stays the only arbiter, so several processes remain exact.
 */

/** what one queued request learns */
export type Grant =
  | { kind: 'reserved'; reservationId: string }
  | { kind: 'refused'; remaining: number }
  /** the buyer's holding plus pending reservations would pass the per-customer limit */
  | { kind: 'limit'; limit: number }
  /** not a flash deal, or not on sale yet: checkout takes the unit (or refuses) inside its transaction */
  | { kind: 'skip' };

interface Pending { id: string; userId: string; quantity: number; resolve: (g: Grant) => void; reject: (e: unknown) => void }

/** requests granted by one statement at most */
const BATCH = 500;
/** deals learned not to be flash deals; a stale entry only means the slower in-transaction path */
const PLAIN_CAP = 10_000;

export class ReservationBatcher {
  private readonly queues = new Map<string, Pending[]>();
  private readonly flushing = new Set<string>();
  private readonly plain = new Set<string>();

  /** Queues `userId`'s request for `quantity` units of deal `itemId`; resolves when its batch is decided. */
  reserve(db: Db, itemId: string, userId: string, quantity: number): Promise<Grant> {
    if (this.plain.has(itemId)) return Promise.resolve({ kind: 'skip' });
    return new Promise<Grant>((resolve, reject) => {
      let queue = this.queues.get(itemId);
      if (!queue) this.queues.set(itemId, (queue = []));
      queue.push({ id: randomUUID(), userId, quantity, resolve, reject });
      // The first request of an idle deal schedules the flush; the ones arriving meanwhile (and
      // while a flush is running) ride along in the next batch.
      if (queue.length === 1 && !this.flushing.has(itemId)) setImmediate(() => void this.flush(db, itemId));
    });
  }

  private async flush(db: Db, itemId: string): Promise<void> {
    const queue = this.queues.get(itemId);
    if (!queue?.length) return;
    this.flushing.add(itemId);
    const batch = queue.splice(0, BATCH);
    if (!queue.length) this.queues.delete(itemId);
    try {
      const result = await grantBatch(db, itemId, batch);
      if (result.plain && this.plain.size < PLAIN_CAP) this.plain.add(itemId);
      const granted = new Set(result.granted);
      const limited = new Set(result.limited);
      for (const p of batch) {
        p.resolve(result.skip ? { kind: 'skip' }
          : granted.has(p.id) ? { kind: 'reserved', reservationId: p.id }
          : limited.has(p.id) ? { kind: 'limit', limit: result.limit }
          : { kind: 'refused', remaining: result.remaining });
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.flushing.delete(itemId);
      if (this.queues.get(itemId)?.length) setImmediate(() => void this.flush(db, itemId));
    }
  }
}

/**
 * One statement: lock the deal row; leave out requests that would pass the per-customer limit
 * (holding + pending reservations + the buyer's earlier requests in this batch), so a buyer
 * pressing twice does not take units that then come back only after others were refused; walk
 * the rest in request order granting each request that still fits (a request too large is
 * skipped, a later smaller one may still fit); add the granted total to `sold` and insert the
 * reservation rows — so a crash never leaves `sold` raised without rows to release. Deals
 * without a quota or sale start, or not yet on sale, are left untouched (`skip`). The limit
 * check here only spares units; the order transaction's conditional upsert still enforces it.
 */
async function grantBatch(db: Db, itemId: string, batch: Pending[]) {
  const ids = `{${batch.map((p) => p.id).join(',')}}`;
  const users = `{${batch.map((p) => p.userId).join(',')}}`;
  const quantities = `{${batch.map((p) => p.quantity).join(',')}}`;
  const row = await one<{ plain: boolean | null; open: boolean | null; limit: number | null; granted: string[]; limited: string[]; remaining: number | null }>(db, sql`
    with recursive req as (
      select r.id, r.user_id, r.quantity, r.ord
      from unnest(${ids}::uuid[], ${users}::uuid[], ${quantities}::int[]) with ordinality as r(id, user_id, quantity, ord)),
    item as (
      select quota, sold, per_customer_limit, quota is null or sale_starts_at is null as plain, sale_starts_at <= now() as open
      from campaign_items where id = ${itemId} for update),
    checked as (
      select req.*, (select per_customer_limit from item) is null
        or coalesce((select h.quantity from customer_item_holdings h where h.campaign_item_id = ${itemId} and h.user_id = req.user_id), 0)
          + coalesce((select sum(v.quantity) from reservations v where v.campaign_item_id = ${itemId} and v.user_id = req.user_id), 0)
          + sum(req.quantity) over (partition by req.user_id order by req.ord) <= (select per_customer_limit from item) as within_limit
      from req),
    cand as (select id, user_id, quantity, row_number() over (order by ord) as n from checked where within_limit),
    walk(n, granted, left_after) as (
      select 0::bigint, false, (select case when not plain and open then quota - sold else 0 end from item)
      union all
      select cand.n, cand.quantity <= w.left_after, w.left_after - case when cand.quantity <= w.left_after then cand.quantity else 0 end
      from walk w join cand on cand.n = w.n + 1),
    grants as (select cand.id, cand.user_id, cand.quantity from walk join cand using (n) where walk.granted),
    taken as (
      update campaign_items set sold = sold + (select sum(quantity) from grants)
      where id = ${itemId} and exists (select 1 from grants) returning sold),
    inserted as (
      insert into reservations (id, campaign_item_id, user_id, quantity)
      select grants.id, ${itemId}, grants.user_id, grants.quantity from grants where exists (select 1 from taken) returning id)
    select item.plain, item.open, item.per_customer_limit as limit, array(select id::text from inserted) as granted,
      array(select id::text from checked where not within_limit) as limited,
      greatest(0, item.quota - coalesce((select sold from taken), item.sold)) as remaining
    from item`);
  // an unknown deal: let checkout answer it (validation error) as before
  if (!row) return { skip: true, plain: false, granted: [] as string[], limited: [] as string[], limit: 0, remaining: 0 };
  const skip = row.plain === true || row.open !== true;
  return { skip, plain: row.plain === true, granted: row.granted, limited: row.limited, limit: row.limit ?? 0, remaining: row.remaining ?? 0 };
}

/** Gives back the units of these reservations (those not consumed by an order), in one statement. */
export async function releaseReservations(db: Db, reservationIds: string[]): Promise<void> {
  if (!reservationIds.length) return;
  await exec(db, sql`
    with r as (delete from reservations where id = any(${`{${reservationIds.join(',')}}`}::uuid[]) returning campaign_item_id, quantity)
    update campaign_items ci set sold = ci.sold - x.quantity
    from (select campaign_item_id, sum(quantity)::int as quantity from r group by 1) x where ci.id = x.campaign_item_id`);
}

/** Crash safety: reservations no checkout consumed within 2 minutes give their units back. */
export async function releaseStaleReservations(db: Db): Promise<void> {
  await exec(db, sql`
    with r as (delete from reservations where created_at < now() - interval '2 minutes' returning campaign_item_id, quantity)
    update campaign_items ci set sold = ci.sold - x.quantity
    from (select campaign_item_id, sum(quantity)::int as quantity from r group by 1) x where ci.id = x.campaign_item_id`);
}

/** The reservations one checkout holds, by deal, and which of them its order consumed. */
export interface HeldReservations {
  byItem: Map<string, string>;
  consumed: Set<string>;
}

/**
 * Reserves every flash line of an order through the batcher. Refused → gives back what the other
 * lines got and throws OUT_OF_STOCK (remaining 0 when the deal is sold out, so it is remembered)
 * or LIMIT_EXCEEDED.
 */
export async function reserveLines(
  batcher: ReservationBatcher, db: Db, userId: string, lines: { campaignItemId: string; quantity: number }[],
): Promise<HeldReservations> {
  const settled = await Promise.allSettled(lines.map((l) => batcher.reserve(db, l.campaignItemId, userId, l.quantity)));
  const held: HeldReservations = { byItem: new Map(), consumed: new Set() };
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled' && s.value.kind === 'reserved') held.byItem.set(lines[i].campaignItemId, s.value.reservationId);
  });
  const failure = settled.find((s) => s.status === 'rejected');
  const refusedAt = settled.findIndex((s) => s.status === 'fulfilled' && (s.value.kind === 'refused' || s.value.kind === 'limit'));
  if (failure || refusedAt >= 0) {
    await releaseReservations(db, [...held.byItem.values()]);
    if (failure) throw (failure as PromiseRejectedResult).reason;
    const refused = (settled[refusedAt] as PromiseFulfilledResult<Grant>).value;
    const campaignItemId = lines[refusedAt].campaignItemId;
    if (refused.kind === 'limit') throw limitExceeded('More than the per-customer limit', { campaignItemId, limit: refused.limit });
    throw outOfStock({ campaignItemId, remaining: refused.kind === 'refused' ? refused.remaining : 0 });
  }
  return held;
}
