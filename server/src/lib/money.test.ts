import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateByWeight, formatYuan, proratedRefundFen } from './money.js';

const MAX_TOTAL = 1e12;
const fen = fc.integer({ min: 0, max: MAX_TOTAL });
const weights = fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 });
/** Weights with at least one positive entry. */
const positiveWeights = weights.filter((ws) => ws.some((w) => w > 0));
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocateByWeight', () => {
  it.each([
    { total: 100, weights: [1, 1, 1], expected: [34, 33, 33] },
    { total: 2, weights: [1, 1, 1], expected: [1, 1, 0] }, // ties → lower index
    { total: 10, weights: [1, 2, 3, 4], expected: [1, 2, 3, 4] },
    { total: 5, weights: [0, 3, 0, 2], expected: [0, 3, 0, 2] },
    { total: 1, weights: [1, 3], expected: [0, 1] }, // 0.25 / 0.75: largest remainder wins
    { total: 0, weights: [5, 7], expected: [0, 0] },
    { total: 0, weights: [0, 0], expected: [0, 0] },
    { total: 7, weights: [], expected: null },
    { total: 1e12, weights: [1, 1, 1], expected: [333333333334, 333333333333, 333333333333] },
  ])('allocates $total over $weights', ({ total, weights: ws, expected }) => {
    if (expected === null) {
      expect(() => allocateByWeight(total, ws)).toThrow(RangeError);
    } else {
      expect(allocateByWeight(total, ws)).toEqual(expected);
    }
  });

  it('throws when a positive total has nowhere to go', () => {
    expect(() => allocateByWeight(1, [0, 0])).toThrow(RangeError);
  });

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [10, [1, -1]],
    [10, [1, 0.5]],
    [Number.NaN, [1]],
  ])('rejects invalid input (%s, %j)', (total, ws) => {
    expect(() => allocateByWeight(total, ws)).toThrow(RangeError);
  });

  it('sums exactly, never negative, zero weight gets zero, deterministic', () => {
    fc.assert(
      fc.property(fen, positiveWeights, (total, ws) => {
        const shares = allocateByWeight(total, ws);
        expect(shares).toHaveLength(ws.length);
        expect(sumOf(shares)).toBe(total);
        shares.forEach((s, i) => {
          expect(Number.isSafeInteger(s)).toBe(true);
          expect(s).toBeGreaterThanOrEqual(0);
          if (ws[i] === 0) expect(s).toBe(0);
        });
        expect(allocateByWeight(total, ws)).toEqual(shares);
      }),
    );
  });

  it('never gives a share more than its weight when total <= sum(weights)', () => {
    fc.assert(
      fc.property(
        positiveWeights.chain((ws) => fc.tuple(fc.constant(ws), fc.integer({ min: 0, max: sumOf(ws) }))),
        ([ws, total]) => {
          for (const [i, s] of allocateByWeight(total, ws).entries()) expect(s).toBeLessThanOrEqual(ws[i]);
        },
      ),
    );
  });

  it('each share is within 1 fen of the exact proportional share', () => {
    fc.assert(
      fc.property(fen, positiveWeights, (total, ws) => {
        const sum = BigInt(sumOf(ws));
        allocateByWeight(total, ws).forEach((s, i) => {
          const floor = (BigInt(total) * BigInt(ws[i])) / sum;
          expect(BigInt(s) - floor === 0n || BigInt(s) - floor === 1n).toBe(true);
        });
      }),
    );
  });
});

describe('proratedRefundFen', () => {
  it.each([
    // paid, Q, r, q, expected
    [1000, 3, 0, 1, 333],
    [1000, 3, 1, 1, 333],
    [1000, 3, 2, 1, 334], // last unit picks up the rounding
    [1000, 3, 0, 3, 1000],
    [999, 1, 0, 1, 999],
    [0, 5, 2, 3, 0],
    [1e12, 7, 0, 7, 1e12],
  ])('paid %i for %i units, %i refunded, refund %i → %i', (paid, q, r, n, expected) => {
    expect(proratedRefundFen(paid, q, r, n)).toBe(expected);
  });

  it.each([
    [100, 0, 0, 1], // quantity < 1
    [100, 3, 0, 0], // refundQuantity < 1
    [100, 3, -1, 1], // negative already refunded
    [100, 3, 2, 2], // r + q > Q
    [-1, 3, 0, 1], // negative paid
    [100.5, 3, 0, 1], // non-integer
    [100, 3, 0, 1.5],
  ])('rejects (%s, %s, %s, %s)', (paid, q, r, n) => {
    expect(() => proratedRefundFen(paid, q, r, n)).toThrow(RangeError);
  });

  /** A quantity and a random split of it into partial refunds. */
  const refundPlan = fc
    .integer({ min: 1, max: 50 })
    .chain((quantity) =>
      fc.tuple(fc.constant(quantity), fc.array(fc.integer({ min: 1, max: quantity }), { maxLength: 60 })),
    )
    .map(([quantity, steps]) => {
      const parts: number[] = [];
      let left = quantity;
      for (const step of steps) {
        if (left === 0) break;
        const part = Math.min(step, left);
        parts.push(part);
        left -= part;
      }
      if (left > 0) parts.push(left);
      return { quantity, parts };
    });

  it('any sequence of partial refunds covering all units returns exactly paidFen', () => {
    fc.assert(
      fc.property(fen, refundPlan, (paid, { quantity, parts }) => {
        let refunded = 0;
        let total = 0;
        for (const part of parts) {
          const refund = proratedRefundFen(paid, quantity, refunded, part);
          expect(refund).toBeGreaterThanOrEqual(0);
          refunded += part;
          total += refund;
          expect(total).toBeLessThanOrEqual(paid);
        }
        expect(total).toBe(paid);
      }),
    );
  });

  it('a first partial refund is the floored exact proration, deterministically', () => {
    fc.assert(
      fc.property(fen, refundPlan, (paid, { quantity, parts }) => {
        const q = parts[0];
        const refund = proratedRefundFen(paid, quantity, 0, q);
        expect(proratedRefundFen(paid, quantity, 0, q)).toBe(refund);
        const exactFloor = (BigInt(paid) * BigInt(q)) / BigInt(quantity);
        expect(BigInt(refund)).toBe(exactFloor);
      }),
    );
  });
});

describe('formatYuan', () => {
  it.each([
    [1230, '¥12.30'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [-5, '-¥0.05'],
    [-1230, '-¥12.30'],
    [100, '¥1.00'],
    [99, '¥0.99'],
    [123456789, '¥1234567.89'],
    [Number.MAX_SAFE_INTEGER, '¥90071992547409.91'],
  ])('%i → %s', (value, expected) => {
    expect(formatYuan(value)).toBe(expected);
  });

  it('rejects non-integers', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips through integer parsing', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (value) => {
        const m = /^(-?)¥(\d+)\.(\d{2})$/.exec(formatYuan(value));
        expect(m).not.toBeNull();
        const [, sign, yuan, cents] = m!;
        const parsed = Number(yuan) * 100 + Number(cents);
        expect(sign === '-' ? -parsed : parsed).toBe(value);
      }),
    );
  });
});
