import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { proratedAmount, proratedRefundFen } from '../../lib/money.js';
import { currentTier, groupTiersProblem, nextTier, priceAdjustmentFen, priceAtBuyers } from './rules.js';

const TIERS = [
  { minBuyers: 2, priceFen: 900 },
  { minBuyers: 5, priceFen: 800 },
];

describe('group tiers', () => {
  it.each([
    { buyers: 0, price: 1000, current: null, next: { minBuyers: 2, priceFen: 900, buyersNeeded: 2 } },
    { buyers: 1, price: 1000, current: null, next: { minBuyers: 2, priceFen: 900, buyersNeeded: 1 } },
    { buyers: 2, price: 900, current: TIERS[0], next: { minBuyers: 5, priceFen: 800, buyersNeeded: 3 } },
    { buyers: 4, price: 900, current: TIERS[0], next: { minBuyers: 5, priceFen: 800, buyersNeeded: 1 } },
    { buyers: 5, price: 800, current: TIERS[1], next: null },
    { buyers: 500, price: 800, current: TIERS[1], next: null },
  ])('$buyers buyers → $price', ({ buyers, price, current, next }) => {
    expect(priceAtBuyers(1000, TIERS, buyers)).toBe(price);
    expect(currentTier(TIERS, buyers)).toEqual(current);
    expect(nextTier(TIERS, buyers)).toEqual(next);
  });

  it.each([
    { tiers: TIERS, problem: null },
    { tiers: [{ minBuyers: 1, priceFen: 900 }], problem: /at least 2/ },
    {
      tiers: [
        { minBuyers: 3, priceFen: 900 },
        { minBuyers: 3, priceFen: 800 },
      ],
      problem: /ascending/,
    },
    {
      tiers: [
        { minBuyers: 3, priceFen: 900 },
        { minBuyers: 2, priceFen: 800 },
      ],
      problem: /ascending/,
    },
    { tiers: [{ minBuyers: 2, priceFen: 1000 }], problem: /below the base/ },
    {
      tiers: [
        { minBuyers: 2, priceFen: 800 },
        { minBuyers: 3, priceFen: 800 },
      ],
      problem: /descending/,
    },
  ])('validation %#', ({ tiers, problem }) => {
    const found = groupTiersProblem(1000, tiers);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('the price never rises as buyers join', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(priceAtBuyers(1000, TIERS, hi)).toBeLessThanOrEqual(priceAtBuyers(1000, TIERS, lo));
      }),
    );
  });
});

describe('price adjustment proration', () => {
  it('a line without discounts gets exactly the difference per unit', () => {
    expect(priceAdjustmentFen(3000, 1000, 800)).toBe(600);
    expect(priceAdjustmentFen(3000, 1000, 1000)).toBe(0);
    expect(priceAdjustmentFen(0, 1000, 800)).toBe(0);
  });

  it('equals proratedAmount(paid, unit×qty, 0, (unit−final)×qty)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.nat(100),
        fc.nat(100),
        (unit, qty, discountPct, finalPct) => {
          const gross = unit * qty;
          const paid = gross - Math.floor((gross * discountPct) / 100);
          const final = Math.floor((unit * finalPct) / 100);
          expect(priceAdjustmentFen(paid, unit, final)).toBe(proratedAmount(paid, gross, 0, (unit - final) * qty));
        },
      ),
    );
  });

  // The adjustment pays out at cutoff, then the units are refunded in any chunks, priced over
  // paid − adjustment (flows/refund.ts): everything returned adds up to paid exactly and never
  // passes it on the way.
  it('adjustment + all unit refunds == paid, never more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(100),
        fc.nat(99),
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 30 }),
        (unit, qty, discountPct, finalPct, chunks) => {
          const gross = unit * qty;
          const paid = gross - Math.floor((gross * discountPct) / 100);
          const final = Math.floor((unit * finalPct) / 100);
          const adjustment = priceAdjustmentFen(paid, unit, final);
          expect(adjustment).toBeGreaterThanOrEqual(0);
          expect(adjustment).toBeLessThanOrEqual((unit - final) * qty);
          let returned = adjustment;
          expect(returned).toBeLessThanOrEqual(paid);
          let before = 0;
          for (const c of [...chunks, qty]) {
            const take = Math.min(c, qty - before);
            if (take <= 0) break;
            const amount = proratedRefundFen(paid - adjustment, qty, before, take);
            expect(amount).toBeGreaterThanOrEqual(0);
            returned += amount;
            before += take;
            expect(returned).toBeLessThanOrEqual(paid);
          }
          expect(returned).toBe(paid);
        },
      ),
      { numRuns: 500 },
    );
  });
});
