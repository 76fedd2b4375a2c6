import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceDay, type DayLineInput } from './day-checkout.js';
import { priceOrder, PricingError, type CouponRule, type PriceInput } from './rules.js';

const TIERS = { id: 'fr', tiers: [{ thresholdFen: 5000, discountFen: 800 }] };

const line = (key: string, campaignId: string, unitPriceFen: number, quantity = 1): DayLineInput => ({
  key,
  campaignId,
  quantity,
  unitPriceFen,
  listPriceFen: unitPriceFen,
  category: 'fresh',
});

const base = { isMember: false, coupon: null, pointsRequested: 0, pointsBalance: 0 };

describe('one checkout for the same pickup day', () => {
  it('reaches a full-reduction threshold with two campaigns together that neither reaches alone', () => {
    const lines = [line('a', 'c1', 3000), line('b', 'c2', 2990)];
    const day = priceDay({ ...base, lines, fullReductions: [TIERS] });
    expect(day.priced.fullReductionFen).toBe(800);
    // ¥30.00 : ¥29.90 → 401 + 399 fen
    expect(day.orders.map((o) => [o.campaignId, o.fullReductionFen, o.totalFen])).toEqual([
      ['c1', 401, 2599],
      ['c2', 399, 2591],
    ]);
    // apart, neither order would get it
    for (const l of lines)
      expect(priceOrder({ ...base, lines: [l], fullReductions: [TIERS] }).fullReductionFen).toBe(0);
  });

  it('splits one coupon and the points over the campaigns by what each line has left to pay', () => {
    const coupon: CouponRule = {
      id: 'cp',
      kind: 'amount',
      thresholdFen: 5000,
      discountFen: 1000,
      stackableWithFullReduction: true,
    };
    const day = priceDay({
      ...base,
      lines: [line('a', 'c1', 4000), line('b', 'c2', 2000), line('c', 'c1', 1000)],
      fullReductions: [TIERS],
      coupon,
      pointsRequested: 999,
      pointsBalance: 999,
    });
    expect(day.orders.map((o) => o.campaignId)).toEqual(['c1', 'c2']);
    // ¥70 − ¥8 (c1 ¥44.29 left, c2 ¥17.71): the ¥10 coupon in that ratio
    expect(day.orders.map((o) => o.fullReductionFen)).toEqual([571, 229]);
    expect(day.orders.map((o) => o.couponFen)).toEqual([714, 286]);
    expect(day.orders.reduce((a, o) => a + o.totalFen, 0)).toBe(day.priced.totalFen);
  });
});

describe('one checkout for the same pickup day (properties)', () => {
  const caseArb = fc.record({
    lines: fc
      .array(
        fc.record({
          campaignId: fc.constantFrom('c1', 'c2', 'c3'),
          quantity: fc.integer({ min: 1, max: 20 }),
          unitPriceFen: fc.integer({ min: 0, max: 50_000 }),
          memberPriceFen: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
          category: fc.constantFrom('fresh', 'dairy'),
        }),
        { minLength: 1, maxLength: 10 },
      )
      .map((ls) => ls.map((l, i) => ({ ...l, key: `l${i}`, listPriceFen: l.unitPriceFen }))),
    isMember: fc.boolean(),
    fullReductions: fc
      .array(
        fc.record({
          tiers: fc.array(
            fc.record({
              thresholdFen: fc.integer({ min: 0, max: 100_000 }),
              discountFen: fc.integer({ min: 0, max: 30_000 }),
            }),
            { maxLength: 3 },
          ),
          categories: fc.option(fc.subarray(['fresh', 'dairy']), { nil: null }),
        }),
        { maxLength: 2 },
      )
      .map((rs) => rs.map((r, i) => ({ ...r, id: `fr${i}` }))),
    coupon: fc.option(
      fc.record({
        id: fc.constant('cp'),
        kind: fc.constant('amount' as const),
        thresholdFen: fc.integer({ min: 0, max: 50_000 }),
        discountFen: fc.integer({ min: 0, max: 50_000 }),
        stackableWithFullReduction: fc.boolean(),
      }),
      { nil: null },
    ),
    pointsRequested: fc.integer({ min: 0, max: 100_000 }),
    pointsBalance: fc.integer({ min: 0, max: 100_000 }),
  });

  it('the orders add up to the one payment to the fen, each line keeps its share, and each order pays what its lines pay', () => {
    fc.assert(
      fc.property(caseArb, (inp) => {
        let day: ReturnType<typeof priceDay>;
        try {
          day = priceDay(inp);
        } catch (err) {
          if (err instanceof PricingError && err.code === 'COUPON_UNAVAILABLE') return;
          throw err;
        }
        // the one price is the combined cart's price by the order's own rules
        expect(day.priced).toEqual(priceOrder(inp as PriceInput));
        // one order per campaign present, every line in its campaign's order exactly once
        const campaigns = [...new Set(inp.lines.map((l) => l.campaignId))];
        expect(day.orders.map((o) => o.campaignId)).toEqual(campaigns);
        for (const o of day.orders) {
          const keys = inp.lines.filter((l) => l.campaignId === o.campaignId).map((l) => l.key);
          expect(o.lines.map((l) => l.key)).toEqual(keys);
          // an order's figures are its lines' (so refunds per order and line stay exact)
          const add = (of: (l: (typeof o.lines)[number]) => number) => o.lines.reduce((a, l) => a + of(l), 0);
          expect(o.totalFen).toBe(add((l) => l.paidFen));
          expect(o.totalFen).toBe(o.subtotalFen - o.fullReductionFen - o.couponFen - o.pointsFen);
          expect(o.totalFen).toBeGreaterThanOrEqual(0);
          for (const l of o.lines) expect(l.paidFen).toBeGreaterThanOrEqual(0);
        }
        const total = (of: (o: (typeof day.orders)[number]) => number) => day.orders.reduce((a, o) => a + of(o), 0);
        expect(total((o) => o.totalFen)).toBe(day.priced.totalFen);
        expect(total((o) => o.fullReductionFen)).toBe(day.priced.fullReductionFen);
        expect(total((o) => o.couponFen)).toBe(day.priced.couponFen);
        expect(total((o) => o.pointsUsed)).toBe(day.priced.pointsUsed);
        expect(total((o) => o.subtotalFen)).toBe(day.priced.subtotalFen);
        // the threshold counts the whole day: the discount is the best rule on all lines together
        // (independent recomputation over the combined in-scope subtotal)
        if (!(inp.coupon && !inp.coupon.stackableWithFullReduction)) {
          let best = 0;
          for (const rule of inp.fullReductions) {
            const scope = rule.categories?.length ? new Set(rule.categories) : null;
            const inScope = day.priced.lines
              .filter((_, i) => scope === null || scope.has(inp.lines[i].category))
              .reduce((a, l) => a + l.subtotalFen, 0);
            let tier: { thresholdFen: number; discountFen: number } | null = null;
            for (const t of rule.tiers)
              if (
                t.thresholdFen <= inScope &&
                (!tier ||
                  t.thresholdFen > tier.thresholdFen ||
                  (t.thresholdFen === tier.thresholdFen && t.discountFen > tier.discountFen))
              )
                tier = t;
            best = Math.max(best, tier ? Math.min(tier.discountFen, inScope) : 0);
          }
          expect(total((o) => o.fullReductionFen)).toBe(best);
        }
      }),
      { numRuns: 500 },
    );
  });
});
