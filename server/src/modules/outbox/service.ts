import { sql } from 'drizzle-orm';
import { rows, exec, type Db } from '../../db/client.js';

export type OutboxTopic = 'notify.customer' | 'payment.refund';

/** Written in the caller's transaction: the side effect happens if and only if the business change commits. */
export async function enqueue(db: Db, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await exec(db, sql`insert into outbox (topic, payload) values (${topic}, ${JSON.stringify(payload)}::jsonb)`);
}

export type OutboxHandler = (db: Db, payload: Record<string, unknown>) => Promise<void>;

/**
 * Delivers due messages. Each message is handled in its own transaction holding its row lock
 * (SKIP LOCKED lets other processes take other rows); failures retry with backoff.
 */
export async function deliverOutbox(db: Db, handlers: Record<string, OutboxHandler>, limit = 100): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      // Ordered by the partial due index's key: ordering by id alone walks every delivered row.
      const [msg] = await rows<{ id: number; topic: string; payload: Record<string, unknown>; attempts: number }>(tx, sql`
        select id, topic, payload, attempts from outbox
        where status = 'pending' and next_attempt_at <= now()
        order by next_attempt_at, id limit 1 for update skip locked`);
      if (!msg) return false;
      try {
        const handler = handlers[msg.topic];
        if (!handler) throw new Error(`no outbox handler for ${msg.topic}`);
        // a savepoint, so a failed handler's partial writes roll back while the retry bookkeeping stays
        await tx.transaction(async (sp) => handler(sp as unknown as Db, msg.payload));
        await exec(tx, sql`update outbox set status = 'delivered', delivered_at = now(), attempts = attempts + 1 where id = ${msg.id}`);
      } catch (err) {
        const attempts = msg.attempts + 1;
        await exec(tx, sql`update outbox set attempts = ${attempts}, last_error = ${String(err)},
          status = ${attempts >= 12 ? 'failed' : 'pending'},
          next_attempt_at = now() + make_interval(secs => ${Math.min(2 ** attempts, 3600)}) where id = ${msg.id}`);
      }
      return true;
    });
    if (!done) break;
    delivered++;
  }
  return delivered;
}
