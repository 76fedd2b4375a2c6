import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { grantInOrder, type GrantRequest } from './flash-grants.js';

const req = (userId: string, quantity = 1, key?: string, elsewhere = false): GrantRequest => ({
  userId,
  quantity,
  key,
  elsewhere,
});

describe('grantInOrder', () => {
  it('serves requests in arrival order, skipping one too large for what is left', () => {
    const decisions = grantInOrder({ remaining: 5, perCustomerLimit: null, holdings: new Map() }, [
      req('a', 4),
      req('b', 3),
      req('c', 1),
    ]);
    expect(decisions).toEqual([{ kind: 'granted' }, { kind: 'out_of_stock', remaining: 1 }, { kind: 'granted' }]);
  });

  it('counts what a buyer holds and what this batch already gave them against the limit', () => {
    const decisions = grantInOrder({ remaining: 10, perCustomerLimit: 2, holdings: new Map([['a', 1]]) }, [
      req('a'),
      req('a'),
      req('b', 2),
      req('b'),
    ]);
    expect(decisions.map((d) => d.kind)).toEqual(['granted', 'limit_exceeded', 'granted', 'limit_exceeded']);
  });

  it('leaves replays and a second request with the same key to the ordinary path', () => {
    const decisions = grantInOrder({ remaining: 10, perCustomerLimit: null, holdings: new Map() }, [
      req('a', 1, 'k1', true),
      req('b', 1, 'k1'),
      req('b', 1, 'k1'),
      req('c', 1, 'k1'),
    ]);
    expect(decisions.map((d) => d.kind)).toEqual(['elsewhere', 'granted', 'elsewhere', 'granted']);
  });

  it('never grants more than remains nor more than a buyer may hold; refuses stock only when it does not fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        fc.array(fc.record({ user: fc.integer({ min: 0, max: 6 }), quantity: fc.integer({ min: 1, max: 4 }) }), {
          maxLength: 40,
        }),
        (remaining, limit, asks) => {
          const requests = asks.map((a) => req(`u${a.user}`, a.quantity));
          const decisions = grantInOrder({ remaining, perCustomerLimit: limit, holdings: new Map() }, requests);
          let left = remaining;
          const held = new Map<string, number>();
          decisions.forEach((d, i) => {
            const r = requests[i];
            if (d.kind === 'granted') {
              left -= r.quantity;
              held.set(r.userId, (held.get(r.userId) ?? 0) + r.quantity);
            }
            if (d.kind === 'out_of_stock') expect(r.quantity).toBeGreaterThan(left);
          });
          expect(left).toBeGreaterThanOrEqual(0);
          if (limit !== null) for (const n of held.values()) expect(n).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });
});
