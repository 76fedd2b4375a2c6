import { sql } from 'drizzle-orm';
import { rows, exec, type Db } from '../../db/client.js';

export type OutboxTopic = 'notify.customer' | 'payment.refund';

/** Written in the caller's transaction: the side effect happens if and only if the business change commits. */
export async function enqueue(db: Db, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await exec(db, sql`insert into outbox (topic, payload) values (${topic}, ${JSON.stringify(payload)}::jsonb)`);
}

export type OutboxHandler = (db: Db, payload: Record<string, unknown>) => Promise<void>;

/**
 * Delivers due messages in batches: one transaction locks up to `batch` due rows (SKIP LOCKED lets
 * other processes take other rows) and handles each inside its own savepoint, so a failed
 * handler's partial writes roll back while its retry bookkeeping (with backoff) stays. Locking a
 * batch at once matters: one lookup per message was the database's largest cost under checkout load.
 */
export const OUTBOX_BATCH = 50;

export async function deliverOutbox(db: Db, handlers: Record<string, OutboxHandler>, batch = OUTBOX_BATCH): Promise<number> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // Ordered by the partial due index's key: ordering by id alone walks every delivered row.
    const due = await rows<{ id: number; topic: string; payload: Record<string, unknown>; attempts: number }>(tx, sql`
      select id, topic, payload, attempts from outbox
      where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at, id limit ${batch} for update skip locked`);
    const delivered: number[] = [];
    for (const msg of due) {
      try {
        const handler = handlers[msg.topic];
        if (!handler) throw new Error(`no outbox handler for ${msg.topic}`);
        await tx.transaction(async (sp) => handler(sp as unknown as Db, msg.payload));
        delivered.push(msg.id);
      } catch (err) {
        const attempts = msg.attempts + 1;
        await exec(tx, sql`update outbox set attempts = ${attempts}, last_error = ${String(err)},
          status = ${attempts >= 12 ? 'failed' : 'pending'},
          next_attempt_at = now() + make_interval(secs => ${Math.min(2 ** attempts, 3600)}) where id = ${msg.id}`);
      }
    }
    if (delivered.length) {
      await exec(tx, sql`update outbox set status = 'delivered', delivered_at = now(), attempts = attempts + 1
        where id in (${sql.join(delivered.map((id) => sql`${id}`), sql`, `)})`);
    }
    return due.length;
  });
}
