import { sql } from 'drizzle-orm';
import { one, exec, type Db } from '../db/client.js';
import { conflict, validation } from './errors.js';
import { sha256 } from './ids.js';

export interface Replayable<T> {
  status: number;
  body: T;
}

export const validKey = (key: string) => key.length > 0 && key.length <= 100;

/** What a replay must repeat exactly: the same key with another body is a conflict. */
export const requestHashOf = (request: unknown) => sha256(JSON.stringify(request ?? null));

/**
 * Runs `effect` in one transaction with an idempotency key: the key row is inserted first, so a
 * simultaneous request with the same key waits on the unique index and then replays the stored
 * answer. A failing effect rolls back the key too: failed requests leave no trace.
 */
export async function idempotent<T>(
  db: Db,
  scope: { userId: string; scope: string; key: string | undefined; request: unknown },
  effect: (tx: Db) => Promise<Replayable<T>>,
): Promise<Replayable<T>> {
  if (scope.key === undefined) return db.transaction((tx) => effect(tx as unknown as Db));
  if (!validKey(scope.key)) throw validation('Idempotency-Key must be 1–100 characters');
  const requestHash = requestHashOf(scope.request);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const claimed = await one(
      tx,
      sql`
      insert into idempotency_keys (user_id, scope, key, request_hash)
      values (${scope.userId}, ${scope.scope}, ${scope.key}, ${requestHash})
      on conflict do nothing returning 1 as ok`,
    );
    if (!claimed) {
      const prior = await one<{ request_hash: string; status_code: number; response: T }>(
        tx,
        sql`
        select request_hash, status_code, response from idempotency_keys
        where user_id = ${scope.userId} and scope = ${scope.scope} and key = ${scope.key}`,
      );
      if (!prior || prior.request_hash !== requestHash) {
        throw conflict('This Idempotency-Key was already used for a different request');
      }
      return { status: prior.status_code, body: prior.response };
    }
    const result = await effect(tx);
    await exec(
      tx,
      sql`
      update idempotency_keys set status_code = ${result.status}, response = ${JSON.stringify(result.body)}::jsonb
      where user_id = ${scope.userId} and scope = ${scope.scope} and key = ${scope.key}`,
    );
    return result;
  });
}
