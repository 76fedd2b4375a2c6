import { sql } from 'drizzle-orm';
import { exec, one, pgArray, type Db } from '../../db/client.js';
import { Throttle, throttled } from '../../lib/throttle.js';
import { ensurePartitionsFor } from './partitions.js';
import { type EventBatch, fileTime, scrubQuery } from './rules.js';

/**
 * Batches each device may send a minute, and each client address (many shoppers can share one
 * address behind a carrier's NAT, so it is far higher). An app sends a batch every few seconds at
 * most, and one more when its page is hidden.
 */
export const DEVICE_BATCHES = { limit: 60, windowMs: 60_000 } as const;
export const ADDRESS_BATCHES = { limit: 6000, windowMs: 60_000 } as const;

/**
 * Takes the batch from the device's and the client address's limits (429 when either is spent,
 * nothing stored) and stores it in one statement: each event filed at its own time kept within the
 * accepted window, the search text scrubbed, the region taken from the pickup point, the user from
 * the session (null when signed out). An event id already stored for that time is skipped, so a
 * batch sent again (a beacon retried) is kept once. Returns the events newly stored.
 */
export async function ingestBatch(
  db: Db,
  batch: EventBatch,
  userId: string | null,
  opts: { now?: Date; clientAddress?: string } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const at = batch.events.map((e) => fileTime(e.at, now));
  await ensurePartitionsFor(db, at);
  const col = (f: (e: EventBatch['events'][number], i: number) => string | null | undefined) =>
    pgArray(batch.events.map((e, i) => f(e, i) ?? null));
  // One transaction for the limits and the batch: one commit per request, and that commit does not
  // wait for the disk (synchronous_commit off, for this transaction only): a crash may lose the
  // last fraction of a second of behaviour events, never anything else, and never half a batch.
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await exec(tx, sql`set local synchronous_commit = off`);
    const throttle = new Throttle(tx);
    const device = await throttle.take(`events:d:${batch.deviceId}`, DEVICE_BATCHES);
    const address = opts.clientAddress
      ? await throttle.take(`events:a:${opts.clientAddress}`, ADDRESS_BATCHES)
      : { ok: true, retryAfterSeconds: 0 };
    if (!device.ok || !address.ok)
      throw throttled(Math.max(device.retryAfterSeconds, address.retryAfterSeconds), 'Too many event batches');
    const written = await one<{ n: number }>(
      tx,
      sql`
      with e as (
        select * from unnest(${col((e) => e.id)}::uuid[], ${col((_, i) => at[i].toISOString())}::timestamptz[],
          ${col((e) => e.type)}::text[], ${col((e) => e.pickupPointId)}::uuid[], ${col((e) => e.dealId)}::uuid[],
          ${col((e) => e.productId)}::uuid[], ${col((e) => e.orderId)}::uuid[], ${col((e) => scrubQuery(e.query))}::text[],
          ${col((e) => e.page)}::text[]) as e(id, at, type, pickup_point_id, deal_id, product_id, order_id, query, page)),
      ins as (
        insert into behaviour_events (id, at, type, source, device_id, user_id, region_id, pickup_point_id, deal_id,
          product_id, order_id, query, page)
        select e.id, e.at, e.type, ${batch.source}, ${batch.deviceId}::uuid, ${userId}::uuid, p.region_id,
          p.id, e.deal_id, e.product_id, e.order_id, e.query, e.page
        from e left join pickup_points p on p.id = e.pickup_point_id
        on conflict do nothing
        returning 1)
      select count(*)::int as n from ins`,
    );
    return written?.n ?? 0;
  });
}
