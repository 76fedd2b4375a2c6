import { sql } from 'drizzle-orm';
import { rows, exec, type Db } from '../../db/client.js';

export type OutboxTopic = 'notify.customer' | 'notify.operator' | 'payment.refund' | 'payment.close';

/** Written in the caller's transaction: the side effect happens if and only if the business change commits. */
export async function enqueue(db: Db, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await exec(db, sql`insert into outbox (topic, payload) values (${topic}, ${JSON.stringify(payload)}::jsonb)`);
}

/**
 * Handles every message of one topic in a batch at once, inside one savepoint. Resolves to the
 * messages that failed (index in `payloads` → error), whose own writes the handler has already
 * undone; the rest are delivered. If it throws, the savepoint rolls back all of them and each
 * message takes the per-message path, so one bad message cannot hold back the others.
 */
export type OutboxBatchHandler = (db: Db, payloads: Record<string, unknown>[]) => Promise<Map<number, unknown>>;

/** Handles one message inside its own savepoint (a throw undoes its writes); `batch`, when given, is tried first. */
export type OutboxHandler = ((db: Db, payload: Record<string, unknown>) => Promise<void>) & {
  batch?: OutboxBatchHandler;
};

/**
 * Delivers due messages in batches: one transaction locks up to `batch` due rows (SKIP LOCKED lets
 * other processes take other rows). A topic with a batch handler costs a constant number of
 * statements however many of its messages are due (savepoint, its writes, release); the others —
 * and a batch whose handler threw — are handled one by one, each in its own savepoint, so a failed
 * handler's partial writes roll back while its retry bookkeeping (with backoff) stays. Locking a
 * batch at once matters: one lookup per message was the database's largest cost under checkout
 * load, and the per-message savepoints were the next one.
 */
export const OUTBOX_BATCH = 50;
const MAX_ATTEMPTS = 12;

type Message = { id: number; topic: string; payload: Record<string, unknown>; attempts: number };

export async function deliverOutbox(
  db: Db,
  handlers: Record<string, OutboxHandler>,
  batch = OUTBOX_BATCH,
): Promise<number> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // Ordered by the partial due index's key: ordering by id alone walks every delivered row.
    const due = await rows<Message>(
      tx,
      sql`
      select id, topic, payload, attempts from outbox
      where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at, id limit ${batch} for update skip locked`,
    );
    const byTopic = new Map<string, Message[]>();
    for (const msg of due) {
      const list = byTopic.get(msg.topic);
      if (list) list.push(msg);
      else byTopic.set(msg.topic, [msg]);
    }
    const delivered: number[] = [];
    const failed: { msg: Message; err: unknown }[] = [];
    for (const [topic, messages] of byTopic) {
      const handler = handlers[topic];
      if (!handler) {
        for (const msg of messages) failed.push({ msg, err: new Error(`no outbox handler for ${topic}`) });
        continue;
      }
      // a single message gains nothing from the batch path, and would run twice if it failed there
      const failures = handler.batch && messages.length > 1 ? await tryBatch(tx, handler.batch, messages) : undefined;
      for (const [i, msg] of messages.entries()) {
        if (failures) {
          if (failures.has(i)) failed.push({ msg, err: failures.get(i) });
          else delivered.push(msg.id);
          continue;
        }
        try {
          await tx.transaction(async (sp) => handler(sp as unknown as Db, msg.payload));
          delivered.push(msg.id);
        } catch (err) {
          failed.push({ msg, err });
        }
      }
    }
    for (const { msg, err } of failed) {
      const attempts = msg.attempts + 1;
      await exec(
        tx,
        sql`update outbox set attempts = ${attempts}, last_error = ${String(err)},
        status = ${attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'},
        next_attempt_at = now() + make_interval(secs => ${Math.min(2 ** attempts, 3600)}) where id = ${msg.id}`,
      );
    }
    if (delivered.length) {
      // one array parameter (ids are integers, so the literal needs no quoting): the same text, one prepared statement;
      // delivered_at is when the sends are done, not when the transaction began (now()), so lag reads true
      await exec(
        tx,
        sql`update outbox set status = 'delivered', delivered_at = clock_timestamp(), attempts = attempts + 1
        where id = any(${`{${delivered.join(',')}}`}::bigint[])`,
      );
    }
    return due.length;
  });
}

/** The batch handler's failed messages, or undefined when it threw (then its savepoint is rolled back). */
async function tryBatch(
  tx: Db,
  batch: OutboxBatchHandler,
  messages: Message[],
): Promise<Map<number, unknown> | undefined> {
  try {
    return await tx.transaction(async (sp) =>
      batch(
        sp as unknown as Db,
        messages.map((m) => m.payload),
      ),
    );
  } catch {
    return undefined;
  }
}
