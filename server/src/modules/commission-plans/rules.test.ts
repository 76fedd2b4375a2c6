import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineRateBps } from './rules.js';
import { commissionFen } from '../ledger/rules.js';

const plan = { defaultBps: 600, categoryBps: { fresh: 500, daily: 800 } };

describe('lineRateBps', () => {
  it.each([
    [null, 'fresh', null, 1000],
    [null, 'fresh', 300, 1000], // a deal's rate is for leaders on a plan
    [plan, 'fresh', null, 500],
    [plan, 'daily', null, 800],
    [plan, 'toys', null, 600],
    [plan, 'fresh', 300, 300],
    [plan, 'fresh', 0, 0],
    [plan, 'constructor', null, 600], // no inherited keys
  ] as const)('plan %o, %s, deal %s → %i', (p, category, dealBps, expected) => {
    expect(lineRateBps({ flatBps: 1000, plan: p, category, dealBps })).toBe(expected);
  });

  it('rejects a rate outside 0..10000', () => {
    expect(() => lineRateBps({ flatBps: 10_001, plan: null, category: 'x', dealBps: null })).toThrow(RangeError);
    expect(() =>
      lineRateBps({ flatBps: 0, plan: { defaultBps: 0, categoryBps: { x: -1 } }, category: 'x', dealBps: null }),
    ).toThrow(RangeError);
  });

  it('is always one of the rates given, and the category rate whenever the category has one and the deal none', () => {
    const bps = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(
        bps,
        fc.option(fc.record({ defaultBps: bps, categoryBps: fc.dictionary(fc.constantFrom('a', 'b', 'c'), bps) })),
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.option(bps),
        (flatBps, p, category, dealBps) => {
          const rate = lineRateBps({ flatBps, plan: p, category, dealBps });
          if (!p) return rate === flatBps;
          if (dealBps !== null) return rate === dealBps;
          return rate === (p.categoryBps[category] ?? p.defaultBps);
        },
      ),
    );
  });

  it('commission of a line on a plan is the floored category rate of its kept value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (paid, fresh) => {
        const rate = lineRateBps({
          flatBps: 1000,
          plan: { defaultBps: 600, categoryBps: { fresh } },
          category: 'fresh',
          dealBps: null,
        });
        return commissionFen(paid, 0, rate) === Math.floor((paid * fresh) / 10_000);
      }),
    );
  });
});
