import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { coalesced } from './coalesce.js';

const db = {} as Db;

/** a batch that doubles numbers, refuses negative ones on their own and fails as a whole on 13 */
function doubler() {
  const batches: number[][] = [];
  const call = coalesced<number, number>(
    async (_db, inputs) => {
      batches.push(inputs);
      await new Promise((r) => setTimeout(r, 5));
      if (inputs.includes(13)) throw new Error('the whole statement failed');
      return inputs.map((n) => (n < 0 ? new Error(`refused ${n}`) : n * 2));
    },
    { max: 3, key: (n) => String(Math.abs(n) % 100) },
  );
  return { batches, call: (n: number) => call(db, n) };
}

describe('coalesced', () => {
  it('runs the calls of one turn as one batch, up to max, and the rest in the next', async () => {
    const { batches, call } = doubler();
    expect(await Promise.all([1, 2, 3, 4].map(call))).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('collects the calls made while a batch runs into the next one', async () => {
    const { batches, call } = doubler();
    const first = call(1);
    await new Promise((r) => setTimeout(r, 1));
    expect(await Promise.all([first, call(2), call(3)])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('rejects only the input its batch refused', async () => {
    const { call } = doubler();
    const results = await Promise.allSettled([1, -2, 3].map(call));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('keeps inputs with the same key in separate batches', async () => {
    const { batches, call } = doubler();
    await Promise.all([5, 105, 6].map(call));
    expect(batches).toEqual([[5, 6], [105]]);
  });

  it('tries each input alone when the whole batch fails', async () => {
    const { batches, call } = doubler();
    const results = await Promise.allSettled([1, 13, 2].map(call));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1, 13, 2], [1], [13], [2]]);
  });

  it('runs up to `parallel` batches at once, each taking what arrived meanwhile', async () => {
    let running = 0;
    let most = 0;
    const batches: number[][] = [];
    const call = coalesced<number, number>(
      async (_db, inputs) => {
        batches.push(inputs);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
        return inputs;
      },
      { parallel: 2 },
    );
    const first = call(db, 1);
    await new Promise((r) => setImmediate(r));
    const second = call(db, 2);
    await new Promise((r) => setImmediate(r));
    const rest = [3, 4].map((n) => call(db, n));
    expect(await Promise.all([first, second, ...rest])).toEqual([1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(batches).toEqual([[1], [2], [3, 4]]);
  });

  it('batches each database handle on its own', async () => {
    const batches: string[][] = [];
    const call = coalesced<string, string>(async (_db, inputs) => {
      batches.push(inputs);
      return inputs;
    });
    const other = {} as Db;
    await Promise.all([call(db, 'a'), call(other, 'b'), call(db, 'c')]);
    expect(batches.sort()).toEqual([['a', 'c'], ['b']]);
  });
});
