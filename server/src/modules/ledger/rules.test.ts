import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commissionFen, reversalFen } from './rules.js';

describe('commissionFen', () => {
  it.each([
    // paid, refunded, bps, expected
    [1980, 0, 1000, 198],
    [1999, 0, 1000, 199], // floored: the platform keeps the fraction
    [1980, 990, 1000, 99],
    [1980, 1980, 1000, 0],
    [12345, 0, 0, 0],
    [12345, 0, 10000, 12345],
    [1, 0, 9999, 0],
    [1e12, 0, 1, 1e8],
  ])('paid %i, refunded %i at %i bps → %i', (paid, refunded, bps, expected) => {
    expect(commissionFen(paid, refunded, bps)).toBe(expected);
  });

  it.each([
    [-1, 0, 100],
    [100, 101, 100],
    [100, 0, -1],
    [100, 0, 10001],
    [100.5, 0, 100],
    [100, 0, 1.5],
  ])('rejects (%s, %s, %s)', (paid, refunded, bps) => {
    expect(() => commissionFen(paid, refunded, bps)).toThrow(RangeError);
  });

  it('is at most the rate of the kept value and within 1 fen of it', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 1e10 })
          .chain((paid) => fc.tuple(fc.constant(paid), fc.integer({ min: 0, max: paid }))),
        fc.integer({ min: 0, max: 10000 }),
        ([paid, refunded], bps) => {
          const c = commissionFen(paid, refunded, bps);
          const exact = ((paid - refunded) * bps) / 10000;
          expect(c).toBeLessThanOrEqual(exact);
          expect(exact - c).toBeLessThan(1);
        },
      ),
    );
  });
});

describe('reversalFen', () => {
  it.each([
    // standing commission, kept value, refund → reversal
    [198, 1980, 990, 99],
    [198, 1980, 1980, 198],
    [198, 1980, 5000, 198], // more than kept: everything left
    [99, 990, 990, 99],
    [10, 3, 1, 3],
    [0, 100, 50, 0],
    [50, 100, 0, 0],
  ])('standing %i on %i kept, refund %i → %i', (standing, kept, refund, expected) => {
    expect(reversalFen(standing, kept, refund)).toBe(expected);
  });

  /** A line's paid value split into a first refund before pickup and a sequence after it. */
  const scenario = fc.record({
    paid: fc.integer({ min: 1, max: 1e9 }),
    bps: fc.integer({ min: 0, max: 10000 }),
    cutsBefore: fc.integer({ min: 0, max: 100 }),
    parts: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 }),
  });

  it('partial refunds never reverse more than the commission; refunding the rest nets it to zero', () => {
    fc.assert(
      fc.property(scenario, ({ paid, bps, cutsBefore, parts }) => {
        const refundedBefore = Math.floor((paid * cutsBefore) / 101);
        const commission = commissionFen(paid, refundedBefore, bps);
        let refunded = refundedBefore;
        let reversed = 0;
        const weight = parts.reduce((a, b) => a + b, 0);
        const kept = paid - refundedBefore;
        for (let i = 0; i < parts.length; i++) {
          const refund = i === parts.length - 1 ? paid - refunded : Math.floor((kept * parts[i]) / weight);
          const r = reversalFen(commission - reversed, paid - refunded, refund);
          expect(r).toBeGreaterThanOrEqual(0);
          reversed += r;
          refunded += refund;
          expect(reversed).toBeLessThanOrEqual(commission);
        }
        expect(refunded).toBe(paid);
        expect(reversed).toBe(commission);
      }),
    );
  });
});
