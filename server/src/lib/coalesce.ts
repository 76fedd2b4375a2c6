import type { Db } from '../db/client.js';

/**
 * Turns a batch statement into a per-call function whose calls share statements: the calls made on
 * one database handle while its previous batch is running (or within one event-loop turn) go to
 * the database together, as one statement of up to `max` inputs. Under load that is one round trip
 * for many requests instead of one each; a lone call waits only for the end of the current turn.
 * With `parallel` above 1, that many batches of a handle may run at once (a read that takes no
 * locks need not wait for the previous one).
 *
 * `batch` answers every input in order, each with its value or its own error (a refusal of that
 * input only). If the batch statement itself fails, each of its inputs is tried alone, so one bad
 * input (say a unique violation) fails only its own call. Inputs with the same `key` never share a
 * batch: a later one waits for the next, so (with `parallel` 1) it sees what the earlier one wrote.
 *
 * A transaction handle is its own handle, so calls inside a transaction batch only with each other.
 */
export function coalesced<I, O>(
  batch: (db: Db, inputs: I[]) => Promise<(O | Error)[]>,
  opts: { max?: number; key?: (input: I) => string; parallel?: number } = {},
): (db: Db, input: I) => Promise<O> {
  const max = opts.max ?? 200;
  const parallel = opts.parallel ?? 1;
  const handles = new WeakMap<Db, { queue: Pending<I, O>[]; running: number; scheduled: boolean }>();

  const settle = (p: Pending<I, O>, r: O | Error) => (r instanceof Error ? p.reject(r) : p.resolve(r));

  const schedule = (db: Db) => {
    const state = handles.get(db)!;
    if (state.scheduled || !state.queue.length || state.running >= parallel) return;
    state.scheduled = true;
    setImmediate(() => void flush(db));
  };

  async function flush(db: Db) {
    const state = handles.get(db)!;
    state.scheduled = false;
    const taken: Pending<I, O>[] = [];
    const keys = new Set<string>();
    state.queue = state.queue.filter((p) => {
      const key = opts.key?.(p.input);
      if (taken.length >= max || (key !== undefined && keys.has(key))) return true;
      if (key !== undefined) keys.add(key);
      taken.push(p);
      return false;
    });
    state.running++;
    schedule(db);
    try {
      const results = await batch(
        db,
        taken.map((p) => p.input),
      );
      for (const [i, p] of taken.entries()) settle(p, results[i]);
    } catch (err) {
      if (taken.length === 1) taken[0].reject(err);
      else {
        await Promise.all(taken.map((p) => batch(db, [p.input]).then(([r]) => settle(p, r), p.reject)));
      }
    } finally {
      state.running--;
      schedule(db);
    }
  }

  return (db, input) =>
    new Promise<O>((resolve, reject) => {
      let state = handles.get(db);
      if (!state) {
        state = { queue: [], running: 0, scheduled: false };
        handles.set(db, state);
      }
      state.queue.push({ input, resolve, reject });
      schedule(db);
    });
}

interface Pending<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}
