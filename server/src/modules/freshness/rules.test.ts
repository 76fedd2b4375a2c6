import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysBetween, lossRateBps, markdownPriceFen, markdownStep, rulesFor, type MarkdownRule } from './rules.js';
import { expiryStatus } from './lots.js';

describe('markdown price', () => {
  it('is the list price less the discount, rounded down to whole fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (list, bps) => {
        const price = markdownPriceFen(list, bps);
        expect(Number.isInteger(price)).toBe(true);
        expect(price).toBeGreaterThanOrEqual(0);
        expect(price).toBeLessThanOrEqual(list);
        // never more than the exact discounted price, and less than a fen below it
        expect(price * 10_000).toBeLessThanOrEqual(list * (10_000 - bps));
        expect((price + 1) * 10_000).toBeGreaterThan(list * (10_000 - bps));
      }),
    );
    // 20 % off ¥4.50 is ¥3.60; 15 % off 99 fen is 84.15 → 84
    expect(markdownPriceFen(450, 2000)).toBe(360);
    expect(markdownPriceFen(99, 1500)).toBe(84);
  });

  it('is monotone: a deeper discount never costs more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.nat(10_000), fc.nat(10_000), (list, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(markdownPriceFen(list, hi)).toBeLessThanOrEqual(markdownPriceFen(list, lo));
      }),
    );
  });

  it('refuses fractions and out-of-range discounts', () => {
    expect(() => markdownPriceFen(10.5, 100)).toThrow(RangeError);
    expect(() => markdownPriceFen(100, 10_001)).toThrow(RangeError);
    expect(() => markdownPriceFen(-1, 100)).toThrow(RangeError);
  });
});

const rule = (r: Partial<MarkdownRule>): MarkdownRule => ({
  id: Math.random().toString(36),
  productId: null,
  category: 'fruit',
  basis: 'days_left',
  days: 2,
  discountBps: 2000,
  ...r,
});

describe('markdown step', () => {
  const banana = { productId: 'banana', category: 'fruit', expiresOn: '2026-12-10', receivedOn: '2026-12-05' };

  it("takes the deepest step reached, a product's own steps over its category's", () => {
    const category = [rule({ days: 2, discountBps: 2000 }), rule({ days: 1, discountBps: 4000 })];
    expect(markdownStep(category, banana, '2026-12-07')).toBeNull(); // 3 days left
    expect(markdownStep(category, banana, '2026-12-08')?.discountBps).toBe(2000); // 2 left
    expect(markdownStep(category, banana, '2026-12-09')?.discountBps).toBe(4000); // 1 left
    const own = rule({ productId: 'banana', category: null, days: 3, discountBps: 1000 });
    expect(markdownStep([...category, own], banana, '2026-12-09')?.discountBps).toBe(1000);
    expect(rulesFor([...category, own], 'apple', 'fruit')).toHaveLength(2);
  });

  it('marks down by age: bananas on their third day, 20 % off', () => {
    const r = [rule({ productId: 'banana', category: null, basis: 'age', days: 2, discountBps: 2000 })];
    expect(markdownStep(r, banana, '2026-12-06')).toBeNull(); // second day
    expect(markdownStep(r, banana, '2026-12-07')?.discountBps).toBe(2000); // third day
    // a lot without an expiry date reaches age steps only
    expect(markdownStep(r, { ...banana, expiresOn: null }, '2026-12-07')?.discountBps).toBe(2000);
    expect(markdownStep([rule({})], { ...banana, expiresOn: null }, '2026-12-09')).toBeNull();
  });

  it('agrees with a plain recomputation on random rules and days', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            own: fc.boolean(),
            basis: fc.constantFrom('days_left' as const, 'age' as const),
            days: fc.nat(6),
            discountBps: fc.integer({ min: 1, max: 9900 }),
          }),
          { maxLength: 6 },
        ),
        fc.nat(12),
        (specs, offset) => {
          const rules = specs.map((s) =>
            rule({ productId: s.own ? 'banana' : null, category: s.own ? null : 'fruit', ...s }),
          );
          const today = new Date(Date.UTC(2026, 11, 5 + offset)).toISOString().slice(0, 10);
          const mine = rules.some((r) => r.productId === 'banana') ? rules.filter((r) => r.productId) : rules;
          const left = 5 - offset; // expires 12-10
          const reached = mine.filter((r) => (r.basis === 'days_left' ? left <= r.days : offset >= r.days));
          const best = reached.length ? Math.max(...reached.map((r) => r.discountBps)) : null;
          expect(markdownStep(rules, banana, today)?.discountBps ?? null).toBe(best);
        },
      ),
    );
  });
});

describe('dates, status and rates', () => {
  it('counts whole days between business days', () => {
    expect(daysBetween('2026-12-31', '2027-01-02')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
  it('colours a lot by its days left', () => {
    expect(expiryStatus(-1, 2)).toBe('expired');
    expect(expiryStatus(2, 2)).toBe('near');
    expect(expiryStatus(3, 2)).toBe('ok');
    expect(expiryStatus(0, null)).toBe('ok');
    expect(expiryStatus(null, 2)).toBe('none');
  });
  it('rounds the loss rate to basis points and has none without receipts', () => {
    expect(lossRateBps(5, 100)).toBe(500);
    expect(lossRateBps(1, 3)).toBe(3333);
    expect(lossRateBps(3, 0)).toBeNull();
  });
});
