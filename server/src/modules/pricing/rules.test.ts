import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { proratedRefundFen } from '../../lib/money.js';
import {
  chooseCoupon,
  priceOrder,
  PricingError,
  type CouponRule,
  type FullReductionRule,
  type PriceInput,
  type PriceLineInput,
  type PricedOrder,
} from './rules.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

let keySeq = 0;
function line(overrides: Partial<PriceLineInput> = {}): PriceLineInput {
  keySeq += 1;
  return {
    key: `item-${keySeq}`,
    quantity: 1,
    unitPriceFen: 1000,
    listPriceFen: 1500,
    category: 'fruit',
    ...overrides,
  };
}

function input(overrides: Partial<PriceInput> = {}): PriceInput {
  return {
    lines: [line()],
    isMember: false,
    fullReductions: [],
    coupon: null,
    pointsRequested: 0,
    pointsBalance: 0,
    ...overrides,
  };
}

/** ≥99 yuan −15, ≥199 yuan −40. */
const TIERED: FullReductionRule = {
  id: 'fr-tiered',
  tiers: [
    { thresholdFen: 9900, discountFen: 1500 },
    { thresholdFen: 19900, discountFen: 4000 },
  ],
};

const amountCoupon = (over: Partial<Extract<CouponRule, { kind: 'amount' }>> = {}): CouponRule => ({
  id: 'cp-amount',
  kind: 'amount',
  thresholdFen: 0,
  discountFen: 1000,
  stackableWithFullReduction: true,
  ...over,
});

const percentCoupon = (over: Partial<Extract<CouponRule, { kind: 'percent' }>> = {}): CouponRule => ({
  id: 'cp-percent',
  kind: 'percent',
  thresholdFen: 0,
  percentOffBps: 2000,
  maxDiscountFen: null,
  stackableWithFullReduction: true,
  ...over,
});

function expectPricingError(fn: () => unknown, code: PricingError['code']): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PricingError);
    expect((err as PricingError).code).toBe(code);
    return;
  }
  throw new Error(`expected PricingError ${code}`);
}

// ---------------------------------------------------------------------------------------------
// Rule-by-rule tables

describe('member price', () => {
  it.each([
    { name: 'member, lower member price', isMember: true, memberPriceFen: 800, unit: 800, memberDiscount: 400 },
    { name: 'not a member', isMember: false, memberPriceFen: 800, unit: 1000, memberDiscount: 0 },
    { name: 'member price higher than deal', isMember: true, memberPriceFen: 1200, unit: 1000, memberDiscount: 0 },
    { name: 'member price equal to deal', isMember: true, memberPriceFen: 1000, unit: 1000, memberDiscount: 0 },
    { name: 'no member price (null)', isMember: true, memberPriceFen: null, unit: 1000, memberDiscount: 0 },
    { name: 'no member price (undefined)', isMember: true, memberPriceFen: undefined, unit: 1000, memberDiscount: 0 },
    { name: 'free for members', isMember: true, memberPriceFen: 0, unit: 0, memberDiscount: 2000 },
  ])('$name', ({ isMember, memberPriceFen, unit, memberDiscount }) => {
    const order = priceOrder(input({ isMember, lines: [line({ quantity: 2, unitPriceFen: 1000, memberPriceFen })] }));
    expect(order.lines[0].unitPriceFen).toBe(unit);
    expect(order.lines[0].subtotalFen).toBe(unit * 2);
    expect(order.lines[0].memberDiscountFen).toBe(memberDiscount);
    expect(order.lines[0].listPriceFen).toBe(1500);
    expect(order.memberDiscountFen).toBe(memberDiscount);
    expect(order.subtotalFen).toBe(unit * 2);
    expect(order.totalFen).toBe(unit * 2);
  });

  it('member price counts towards full-reduction thresholds (subtotal is after member price)', () => {
    const lines = [line({ unitPriceFen: 10000, memberPriceFen: 9800 })];
    expect(priceOrder(input({ lines, fullReductions: [TIERED] })).fullReductionFen).toBe(1500);
    expect(priceOrder(input({ lines, isMember: true, fullReductions: [TIERED] })).fullReductionFen).toBe(0);
  });
});

describe('full-reduction tiers', () => {
  it.each([
    { subtotal: 0, discount: 0, next: { thresholdFen: 9900, discountFen: 1500, missingFen: 9900 } },
    { subtotal: 9899, discount: 0, next: { thresholdFen: 9900, discountFen: 1500, missingFen: 1 } },
    { subtotal: 9900, discount: 1500, next: { thresholdFen: 19900, discountFen: 4000, missingFen: 10000 } },
    { subtotal: 19899, discount: 1500, next: { thresholdFen: 19900, discountFen: 4000, missingFen: 1 } },
    { subtotal: 19900, discount: 4000, next: null }, // only the highest tier met applies, not 1500 + 4000
    { subtotal: 100000, discount: 4000, next: null },
  ])('subtotal $subtotal → −$discount', ({ subtotal, discount, next }) => {
    const order = priceOrder(input({ lines: [line({ unitPriceFen: subtotal })], fullReductions: [TIERED] }));
    expect(order.fullReductionFen).toBe(discount);
    expect(order.fullReductionId).toBe(discount > 0 ? 'fr-tiered' : null);
    expect(order.totalFen).toBe(subtotal - discount);
    expect(order.nextFullReduction).toEqual(next);
    expect(order.fullReductionSkippedForCoupon).toBe(false);
  });

  it('does not depend on tier order', () => {
    const reversed: FullReductionRule = { ...TIERED, tiers: [...TIERED.tiers].reverse() };
    const order = priceOrder(input({ lines: [line({ unitPriceFen: 20000 })], fullReductions: [reversed] }));
    expect(order.fullReductionFen).toBe(4000);
  });

  it('caps the discount at the in-scope subtotal', () => {
    const rule: FullReductionRule = { id: 'silly', tiers: [{ thresholdFen: 100, discountFen: 5000 }] };
    const order = priceOrder(input({ lines: [line({ unitPriceFen: 300 })], fullReductions: [rule] }));
    expect(order.fullReductionFen).toBe(300);
    expect(order.totalFen).toBe(0);
  });

  it.each([
    {
      name: 'the largest discount wins',
      rules: [
        { id: 'a', tiers: [{ thresholdFen: 10000, discountFen: 1000 }] },
        { id: 'b', tiers: [{ thresholdFen: 5000, discountFen: 1200 }] },
      ],
      id: 'b',
      discount: 1200,
    },
    {
      name: 'ties go to the first rule',
      rules: [
        { id: 'a', tiers: [{ thresholdFen: 10000, discountFen: 1000 }] },
        { id: 'b', tiers: [{ thresholdFen: 5000, discountFen: 1000 }] },
      ],
      id: 'a',
      discount: 1000,
    },
    {
      name: 'rules whose threshold is not met are ignored',
      rules: [
        { id: 'a', tiers: [{ thresholdFen: 20000, discountFen: 9000 }] },
        { id: 'b', tiers: [{ thresholdFen: 5000, discountFen: 500 }] },
      ],
      id: 'b',
      discount: 500,
    },
    { name: 'no rules', rules: [], id: null, discount: 0 },
    { name: 'rule without tiers', rules: [{ id: 'a', tiers: [] }], id: null, discount: 0 },
  ])('$name', ({ rules, id, discount }) => {
    const order = priceOrder(input({ lines: [line({ unitPriceFen: 12000 })], fullReductions: rules }));
    expect(order.fullReductionId).toBe(id);
    expect(order.fullReductionFen).toBe(discount);
  });

  it('allocates the discount proportionally to line subtotals', () => {
    const order = priceOrder(
      input({
        lines: [line({ unitPriceFen: 3000, quantity: 2 }), line({ unitPriceFen: 4000 })],
        fullReductions: [TIERED],
      }),
    );
    // 1500 over 6000 : 4000 → 900 : 600
    expect(order.lines.map((l) => l.fullReductionFen)).toEqual([900, 600]);
    expect(order.lines.map((l) => l.paidFen)).toEqual([5100, 3400]);
  });
});

describe('full-reduction category scope', () => {
  const fruitOnly: FullReductionRule = { ...TIERED, id: 'fr-fruit', categories: ['fruit'] };
  const lines = () => [
    line({ category: 'fruit', unitPriceFen: 6000 }),
    line({ category: 'veg', unitPriceFen: 5000 }),
    line({ category: 'fruit', unitPriceFen: 4000 }),
  ];

  it.each([
    // 1500 over 6000 : 5000 : 4000 = 600 : 500 : 400 exactly
    { name: 'null = whole order', categories: null, discount: 1500, shares: [600, 500, 400] },
    { name: 'empty = whole order', categories: [], discount: 1500, shares: [600, 500, 400] },
    { name: 'fruit only (10000 in scope)', categories: ['fruit'], discount: 1500, shares: [900, 0, 600] },
    { name: 'veg only (5000 in scope)', categories: ['veg'], discount: 0, shares: [0, 0, 0] },
    { name: 'unknown category', categories: ['meat'], discount: 0, shares: [0, 0, 0] },
  ])('$name', ({ categories, discount, shares }) => {
    const order = priceOrder(input({ lines: lines(), fullReductions: [{ ...TIERED, categories }] }));
    expect(order.fullReductionFen).toBe(discount);
    expect(order.lines.map((l) => l.fullReductionFen)).toEqual(shares);
  });

  it('凑单 hint counts only in-scope spending', () => {
    const order = priceOrder(
      input({
        lines: [line({ category: 'fruit', unitPriceFen: 6000 }), line({ category: 'veg', unitPriceFen: 9000 })],
        fullReductions: [fruitOnly],
      }),
    );
    expect(order.fullReductionFen).toBe(0);
    expect(order.nextFullReduction).toEqual({
      thresholdFen: 9900,
      discountFen: 1500,
      missingFen: 3900,
      categories: ['fruit'],
    });
  });
});

describe('coupons', () => {
  it.each([
    {
      name: 'stackable amount coupon, threshold met after full-reduction',
      subtotal: 12000,
      coupon: amountCoupon({ thresholdFen: 10000, discountFen: 1000 }),
      fullReduction: 1500,
      couponFen: 1000,
      total: 9500,
      skipped: false,
    },
    {
      name: 'amount coupon larger than the order is capped',
      subtotal: 800,
      coupon: amountCoupon({ discountFen: 5000 }),
      fullReduction: 0,
      couponFen: 800,
      total: 0,
      skipped: false,
    },
    {
      name: 'threshold equal to the amount is met',
      subtotal: 11500,
      coupon: amountCoupon({ thresholdFen: 10000 }),
      fullReduction: 1500,
      couponFen: 1000,
      total: 9000,
      skipped: false,
    },
    {
      name: 'non-stackable coupon wins, full-reduction skipped, threshold vs subtotal',
      subtotal: 10000,
      coupon: amountCoupon({ thresholdFen: 9500, discountFen: 1000, stackableWithFullReduction: false }),
      fullReduction: 0,
      couponFen: 1000,
      total: 9000,
      skipped: true,
    },
    {
      name: 'non-stackable coupon when no full-reduction would apply',
      subtotal: 5000,
      coupon: amountCoupon({ discountFen: 1000, stackableWithFullReduction: false }),
      fullReduction: 0,
      couponFen: 1000,
      total: 4000,
      skipped: false,
    },
    {
      name: 'percent coupon on the amount after full-reduction',
      subtotal: 10000,
      coupon: percentCoupon({ percentOffBps: 2000 }),
      fullReduction: 1500,
      couponFen: 1700, // 20 % of 8500
      total: 6800,
      skipped: false,
    },
    {
      name: 'percent coupon capped by maxDiscountFen',
      subtotal: 10000,
      coupon: percentCoupon({ percentOffBps: 2000, maxDiscountFen: 1000 }),
      fullReduction: 1500,
      couponFen: 1000,
      total: 7500,
      skipped: false,
    },
    {
      name: 'percent coupon rounds down',
      subtotal: 999,
      coupon: percentCoupon({ percentOffBps: 1500 }),
      fullReduction: 0,
      couponFen: 149, // 149.85
      total: 850,
      skipped: false,
    },
    {
      name: 'non-stackable percent coupon applies to the whole subtotal',
      subtotal: 20000,
      coupon: percentCoupon({ percentOffBps: 1000, stackableWithFullReduction: false }),
      fullReduction: 0,
      couponFen: 2000,
      total: 18000,
      skipped: true,
    },
  ])('$name', ({ subtotal, coupon, fullReduction, couponFen, total, skipped }) => {
    const order = priceOrder(input({ lines: [line({ unitPriceFen: subtotal })], fullReductions: [TIERED], coupon }));
    expect(order.fullReductionFen).toBe(fullReduction);
    expect(order.fullReductionId).toBe(fullReduction > 0 ? TIERED.id : null);
    expect(order.couponFen).toBe(couponFen);
    expect(order.couponId).toBe(coupon.id);
    expect(order.totalFen).toBe(total);
    expect(order.fullReductionSkippedForCoupon).toBe(skipped);
    if (!coupon.stackableWithFullReduction) expect(order.nextFullReduction).toBeNull();
  });

  it.each([
    {
      name: 'stackable: full-reduction pushes the amount below the threshold',
      subtotal: 10000, // 10000 − 1500 = 8500 < 9000
      coupon: amountCoupon({ thresholdFen: 9000 }),
    },
    {
      name: 'non-stackable: subtotal below the threshold',
      subtotal: 8999,
      coupon: amountCoupon({ thresholdFen: 9000, stackableWithFullReduction: false }),
    },
    { name: 'percent coupon threshold', subtotal: 4999, coupon: percentCoupon({ thresholdFen: 5000 }) },
  ])('COUPON_UNAVAILABLE: $name', ({ subtotal, coupon }) => {
    expectPricingError(
      () => priceOrder(input({ lines: [line({ unitPriceFen: subtotal })], fullReductions: [TIERED], coupon })),
      'COUPON_UNAVAILABLE',
    );
  });

  it('allocates the coupon over all lines by their amount after full-reduction', () => {
    const order = priceOrder(
      input({
        lines: [line({ category: 'fruit', unitPriceFen: 10000 }), line({ category: 'veg', unitPriceFen: 5000 })],
        fullReductions: [{ ...TIERED, categories: ['fruit'] }],
        coupon: amountCoupon({ discountFen: 1350 }),
      }),
    );
    // after full-reduction: 8500 : 5000 → 850 : 500
    expect(order.lines.map((l) => l.fullReductionFen)).toEqual([1500, 0]);
    expect(order.lines.map((l) => l.couponFen)).toEqual([850, 500]);
  });
});

describe('points', () => {
  it.each([
    { name: 'all requested points', subtotal: 10000, requested: 300, balance: 1000, used: 300 },
    { name: 'capped at the balance', subtotal: 10000, requested: 10000, balance: 300, used: 300 },
    { name: 'capped at 50 % of the order', subtotal: 10001, requested: 100000, balance: 100000, used: 5000 },
    { name: 'exactly 50 %', subtotal: 10000, requested: 5000, balance: 5000, used: 5000 },
    { name: 'none requested', subtotal: 10000, requested: 0, balance: 5000, used: 0 },
    { name: 'zero balance', subtotal: 10000, requested: 500, balance: 0, used: 0 },
    { name: '1 fen order', subtotal: 1, requested: 500, balance: 500, used: 0 },
  ])('$name', ({ subtotal, requested, balance, used }) => {
    const order = priceOrder(
      input({ lines: [line({ unitPriceFen: subtotal })], pointsRequested: requested, pointsBalance: balance }),
    );
    expect(order.pointsUsed).toBe(used);
    expect(order.pointsFen).toBe(used);
    expect(order.totalFen).toBe(subtotal - used);
  });

  it('50 % cap applies to the amount after full-reduction and coupon', () => {
    const order = priceOrder(
      input({
        lines: [line({ unitPriceFen: 10000 })],
        fullReductions: [TIERED],
        coupon: amountCoupon({ discountFen: 2500 }),
        pointsRequested: 100000,
        pointsBalance: 100000,
      }),
    );
    // 10000 − 1500 − 2500 = 6000 → at most 3000 points
    expect(order.pointsUsed).toBe(3000);
    expect(order.totalFen).toBe(3000);
  });

  it('allocates points by the amount remaining after the coupon', () => {
    const order = priceOrder(
      input({
        lines: [line({ unitPriceFen: 3000 }), line({ unitPriceFen: 1000 })],
        pointsRequested: 1000,
        pointsBalance: 1000,
      }),
    );
    expect(order.lines.map((l) => l.pointsFen)).toEqual([750, 250]);
  });
});

describe('凑单 hint', () => {
  it.each([
    {
      name: 'next tier of the applied rule',
      subtotal: 12000,
      rules: [TIERED],
      next: { thresholdFen: 19900, discountFen: 4000, missingFen: 7900 },
    },
    {
      name: 'applied rule at its top tier → a better tier of another rule',
      subtotal: 20000,
      rules: [TIERED, { id: 'big', tiers: [{ thresholdFen: 30000, discountFen: 6000 }] }],
      next: { thresholdFen: 30000, discountFen: 6000, missingFen: 10000 },
    },
    {
      name: 'other rules giving no more than the current discount are not hinted',
      subtotal: 20000,
      rules: [TIERED, { id: 'small', tiers: [{ thresholdFen: 30000, discountFen: 3000 }] }],
      next: null,
    },
    {
      name: 'nothing applies yet → the closest tier of any rule',
      subtotal: 4000,
      rules: [
        { id: 'far', tiers: [{ thresholdFen: 9900, discountFen: 1500 }] },
        { id: 'near', tiers: [{ thresholdFen: 5000, discountFen: 300 }] },
      ],
      next: { thresholdFen: 5000, discountFen: 300, missingFen: 1000 },
    },
    { name: 'no rules', subtotal: 4000, rules: [], next: null },
  ])('$name', ({ subtotal, rules, next }) => {
    const order = priceOrder(input({ lines: [line({ unitPriceFen: subtotal })], fullReductions: rules }));
    expect(order.nextFullReduction).toEqual(next);
  });
});

describe('validation', () => {
  const base = () => input({ lines: [line()] });
  it.each<[string, (i: PriceInput) => void]>([
    ['no lines', (i) => (i.lines = [])],
    ['quantity 0', (i) => (i.lines[0].quantity = 0)],
    ['fractional quantity', (i) => (i.lines[0].quantity = 1.5)],
    ['negative unit price', (i) => (i.lines[0].unitPriceFen = -1)],
    ['fractional unit price', (i) => (i.lines[0].unitPriceFen = 9.9)],
    ['NaN list price', (i) => (i.lines[0].listPriceFen = Number.NaN)],
    ['negative member price', (i) => (i.lines[0].memberPriceFen = -100)],
    ['duplicate keys', (i) => (i.lines = [line({ key: 'x' }), line({ key: 'x' })])],
    ['subtotal beyond safe integers', (i) => (i.lines[0] = line({ unitPriceFen: 2 ** 52, quantity: 4 }))],
    ['negative points requested', (i) => (i.pointsRequested = -1)],
    ['fractional points balance', (i) => (i.pointsBalance = 0.5)],
    [
      'negative tier threshold',
      (i) => (i.fullReductions = [{ id: 'r', tiers: [{ thresholdFen: -1, discountFen: 1 }] }]),
    ],
    [
      'negative tier discount',
      (i) => (i.fullReductions = [{ id: 'r', tiers: [{ thresholdFen: 1, discountFen: -1 }] }]),
    ],
    ['negative coupon discount', (i) => (i.coupon = amountCoupon({ discountFen: -1 }))],
    ['percent over 100 %', (i) => (i.coupon = percentCoupon({ percentOffBps: 10001 }))],
    ['negative max discount', (i) => (i.coupon = percentCoupon({ maxDiscountFen: -5 }))],
  ])('%s → VALIDATION_FAILED', (_name, mutate) => {
    const i = base();
    mutate(i);
    expectPricingError(() => priceOrder(i), 'VALIDATION_FAILED');
  });
});

describe('worked example', () => {
  it('member price → 满减 → coupon → points, per line', () => {
    const order = priceOrder({
      isMember: true,
      lines: [
        { key: 'apple', quantity: 3, unitPriceFen: 3990, memberPriceFen: 3590, listPriceFen: 5990, category: 'fruit' },
        { key: 'cabbage', quantity: 2, unitPriceFen: 650, listPriceFen: 900, category: 'veg' },
        { key: 'milk', quantity: 1, unitPriceFen: 8800, memberPriceFen: 9900, listPriceFen: 9900, category: 'dairy' },
      ],
      fullReductions: [
        TIERED,
        { id: 'fruit-only', tiers: [{ thresholdFen: 10000, discountFen: 2000 }], categories: ['fruit'] },
      ],
      coupon: percentCoupon({ percentOffBps: 1000, maxDiscountFen: 1500, thresholdFen: 15000 }),
      pointsRequested: 999,
      pointsBalance: 800,
    });
    // subtotals: apple 3×3590 = 10770, cabbage 1300, milk 8800 (member price higher, ignored) → 20870
    // 满减: tiered ≥19900 → 4000 beats fruit-only 2000; split 10770:1300:8800
    // coupon: 10 % of 16870 = 1687 → capped 1500; points: min(999, 800, 7685) = 800
    expect(order).toMatchObject({
      subtotalFen: 20870,
      memberDiscountFen: 1200,
      fullReductionFen: 4000,
      fullReductionId: 'fr-tiered',
      couponFen: 1500,
      couponId: 'cp-percent',
      pointsUsed: 800,
      pointsFen: 800,
      totalFen: 14570,
      nextFullReduction: null,
      fullReductionSkippedForCoupon: false,
    });
    expect(order.lines.map((l) => [l.key, l.unitPriceFen, l.subtotalFen, l.fullReductionFen])).toEqual([
      ['apple', 3590, 10770, 2064],
      ['cabbage', 650, 1300, 249],
      ['milk', 8800, 8800, 1687],
    ]);
    for (const l of order.lines) {
      expect(l.discountFen).toBe(l.fullReductionFen + l.couponFen + l.pointsFen);
      expect(l.paidFen).toBe(l.subtotalFen - l.discountFen);
    }
    expect(order.lines.reduce((a, l) => a + l.paidFen, 0)).toBe(order.totalFen);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random combinations of member × full-reduction × coupon × points

const CATEGORIES = ['fruit', 'veg', 'meat', 'dairy'];

const lineArb = fc.record({
  quantity: fc.integer({ min: 1, max: 30 }),
  unitPriceFen: fc.oneof(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 1e9 })),
  memberPriceFen: fc.option(fc.integer({ min: 0, max: 20000 }), { nil: undefined }),
  listPriceFen: fc.integer({ min: 0, max: 30000 }),
  category: fc.constantFrom(...CATEGORIES),
});

const ruleArb = fc.record({
  tiers: fc.array(
    fc.record({ thresholdFen: fc.integer({ min: 0, max: 60000 }), discountFen: fc.integer({ min: 0, max: 20000 }) }),
    { maxLength: 4 },
  ),
  categories: fc.option(fc.subarray(CATEGORIES), { nil: null }),
});

const couponArb: fc.Arbitrary<CouponRule> = fc.oneof(
  fc.record({
    id: fc.constant('cp-a'),
    kind: fc.constant('amount' as const),
    thresholdFen: fc.integer({ min: 0, max: 30000 }),
    discountFen: fc.integer({ min: 0, max: 30000 }),
    stackableWithFullReduction: fc.boolean(),
  }),
  fc.record({
    id: fc.constant('cp-p'),
    kind: fc.constant('percent' as const),
    thresholdFen: fc.integer({ min: 0, max: 30000 }),
    percentOffBps: fc.integer({ min: 0, max: 10000 }),
    maxDiscountFen: fc.option(fc.integer({ min: 0, max: 30000 }), { nil: null }),
    stackableWithFullReduction: fc.boolean(),
  }),
);

const inputArb: fc.Arbitrary<PriceInput> = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }).map((ls) => ls.map((l, i) => ({ key: `line-${i}`, ...l }))),
  isMember: fc.boolean(),
  fullReductions: fc.array(ruleArb, { maxLength: 3 }).map((rs) => rs.map((r, i) => ({ ...r, id: `fr-${i}` }))),
  coupon: fc.option(couponArb, { nil: null }),
  pointsRequested: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1e6 })),
  pointsBalance: fc.integer({ min: 0, max: 1e6 }),
});

/** Independent reference for the best full-reduction discount (before any coupon interaction). */
function referenceFullReduction(inp: PriceInput, order: PricedOrder): number {
  let best = 0;
  for (const rule of inp.fullReductions) {
    const scoped = rule.categories && rule.categories.length > 0 ? rule.categories : null;
    const inScope = order.lines
      .filter((_, i) => scoped === null || scoped.includes(inp.lines[i].category))
      .reduce((a, l) => a + l.subtotalFen, 0);
    const met = rule.tiers.filter((t) => t.thresholdFen <= inScope);
    const topThreshold = Math.max(-1, ...met.map((t) => t.thresholdFen));
    const discount = Math.max(0, ...met.filter((t) => t.thresholdFen === topThreshold).map((t) => t.discountFen));
    best = Math.max(best, Math.min(discount, inScope));
  }
  return best;
}

/** Price, or null when the random coupon is (correctly) unavailable for the order. */
function priceOrSkip(inp: PriceInput): PricedOrder | null {
  try {
    return priceOrder(inp);
  } catch (err) {
    expect(err).toBeInstanceOf(PricingError);
    expect((err as PricingError).code).toBe('COUPON_UNAVAILABLE');
    // Check the refusal was right: the amount the threshold is checked against is too low.
    const coupon = inp.coupon!;
    const without = priceOrder({ ...inp, coupon: null, pointsRequested: 0 });
    const base = coupon.stackableWithFullReduction
      ? without.subtotalFen - without.fullReductionFen
      : without.subtotalFen;
    expect(base).toBeLessThan(coupon.thresholdFen);
    return null;
  }
}

const sumBy = (order: PricedOrder, f: (l: PricedOrder['lines'][number]) => number) =>
  order.lines.reduce((a, l) => a + f(l), 0);

describe('pricing properties', () => {
  it('per-line amounts are consistent and add up to the order', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const order = priceOrSkip(inp);
        if (!order) return;
        expect(order.lines.map((l) => l.key)).toEqual(inp.lines.map((l) => l.key));
        for (const [i, l] of order.lines.entries()) {
          const src = inp.lines[i];
          expect(l.subtotalFen).toBe(l.unitPriceFen * l.quantity);
          expect(l.discountFen).toBe(l.fullReductionFen + l.couponFen + l.pointsFen);
          expect(l.paidFen).toBe(l.subtotalFen - l.discountFen);
          expect(l.memberDiscountFen).toBe((src.unitPriceFen - l.unitPriceFen) * l.quantity);
          expect(l.unitPriceFen).toBeLessThanOrEqual(src.unitPriceFen);
          if (!inp.isMember) expect(l.unitPriceFen).toBe(src.unitPriceFen);
        }
        expect(sumBy(order, (l) => l.paidFen)).toBe(order.totalFen);
        expect(sumBy(order, (l) => l.subtotalFen)).toBe(order.subtotalFen);
        expect(sumBy(order, (l) => l.memberDiscountFen)).toBe(order.memberDiscountFen);
        expect(sumBy(order, (l) => l.fullReductionFen)).toBe(order.fullReductionFen);
        expect(sumBy(order, (l) => l.couponFen)).toBe(order.couponFen);
        expect(sumBy(order, (l) => l.pointsFen)).toBe(order.pointsFen);
        expect(order.totalFen).toBe(order.subtotalFen - order.fullReductionFen - order.couponFen - order.pointsFen);
      }),
      { numRuns: 500 },
    );
  });

  it('nothing is negative and no discount exceeds what it applies to', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const order = priceOrSkip(inp);
        if (!order) return;
        for (const l of order.lines) {
          for (const v of Object.values(l)) if (typeof v === 'number') expect(v).toBeGreaterThanOrEqual(0);
          expect(l.fullReductionFen).toBeLessThanOrEqual(l.subtotalFen);
          expect(l.couponFen).toBeLessThanOrEqual(l.subtotalFen - l.fullReductionFen);
          expect(l.pointsFen).toBeLessThanOrEqual(l.subtotalFen - l.fullReductionFen - l.couponFen);
        }
        for (const v of Object.values(order)) if (typeof v === 'number') expect(v).toBeGreaterThanOrEqual(0);
        const afterFullReduction = order.subtotalFen - order.fullReductionFen;
        const afterCoupon = afterFullReduction - order.couponFen;
        expect(order.fullReductionFen).toBeLessThanOrEqual(order.subtotalFen);
        expect(order.couponFen).toBeLessThanOrEqual(afterFullReduction);
        expect(order.pointsUsed).toBe(Math.min(inp.pointsRequested, inp.pointsBalance, Math.floor(afterCoupon / 2)));
        expect(order.pointsFen).toBe(order.pointsUsed);
        expect(order.totalFen).toBeGreaterThanOrEqual(Math.ceil(afterCoupon / 2));
      }),
      { numRuns: 500 },
    );
  });

  it('applies the best full-reduction, the coupon and the stacking rule as specified', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const order = priceOrSkip(inp);
        if (!order) return;
        const best = referenceFullReduction(inp, order);
        const coupon = inp.coupon ?? null;
        const excluded = coupon !== null && !coupon.stackableWithFullReduction;
        expect(order.fullReductionFen).toBe(excluded ? 0 : best);
        expect(order.fullReductionSkippedForCoupon).toBe(excluded && best > 0);
        expect(order.fullReductionId === null).toBe(order.fullReductionFen === 0);
        if (order.fullReductionId !== null) {
          // only in-scope lines of the applied rule carry a share of it
          const rule = inp.fullReductions.find((r) => r.id === order.fullReductionId)!;
          const scoped = rule.categories && rule.categories.length > 0 ? rule.categories : null;
          order.lines.forEach((l, i) => {
            if (scoped && !scoped.includes(inp.lines[i].category)) expect(l.fullReductionFen).toBe(0);
          });
        }
        expect(order.couponId).toBe(coupon?.id ?? null);
        if (coupon) {
          const base = order.subtotalFen - order.fullReductionFen;
          expect(base).toBeGreaterThanOrEqual(coupon.thresholdFen);
          const expected =
            coupon.kind === 'amount'
              ? Math.min(coupon.discountFen, base)
              : Math.min(Math.floor((base * coupon.percentOffBps) / 10000), coupon.maxDiscountFen ?? Infinity);
          expect(order.couponFen).toBe(expected);
        } else {
          expect(order.couponFen).toBe(0);
        }
        if (order.nextFullReduction) {
          expect(order.nextFullReduction.missingFen).toBeGreaterThan(0);
          expect(order.nextFullReduction.discountFen).toBeGreaterThan(order.fullReductionFen);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const snapshot = structuredClone(inp);
        const first = priceOrSkip(inp);
        expect(inp).toEqual(snapshot);
        const second = priceOrSkip(structuredClone(inp));
        expect(second).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('prorated refunds of any subset of lines never exceed what they paid; refunding everything returns totalFen', () => {
    // For each line: whether it is in the refunded subset, and how its units are split into partial refunds.
    const planArb = inputArb.chain((inp) =>
      fc.tuple(
        fc.constant(inp),
        fc.tuple(
          ...inp.lines.map((l) =>
            fc.tuple(fc.boolean(), fc.array(fc.integer({ min: 1, max: l.quantity }), { maxLength: l.quantity })),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(planArb, ([inp, plans]) => {
        const order = priceOrSkip(inp);
        if (!order) return;
        let subsetPaid = 0;
        let subsetRefund = 0;
        let allRefund = 0;
        order.lines.forEach((l, i) => {
          const [inSubset, steps] = plans[i];
          let refundedQty = 0;
          let lineRefund = 0;
          for (const step of steps) {
            const q = Math.min(step, l.quantity - refundedQty);
            if (q === 0) break;
            lineRefund += proratedRefundFen(l.paidFen, l.quantity, refundedQty, q);
            refundedQty += q;
          }
          expect(lineRefund).toBeLessThanOrEqual(l.paidFen);
          if (inSubset) {
            subsetPaid += l.paidFen;
            subsetRefund += lineRefund;
          }
          // finish refunding the line so the whole order is refunded
          if (refundedQty < l.quantity) {
            lineRefund += proratedRefundFen(l.paidFen, l.quantity, refundedQty, l.quantity - refundedQty);
          }
          expect(lineRefund).toBe(l.paidFen);
          allRefund += lineRefund;
        });
        expect(subsetRefund).toBeLessThanOrEqual(subsetPaid);
        expect(allRefund).toBe(order.totalFen);
      }),
      { numRuns: 300 },
    );
  });
});

describe('choosing a coupon (properties)', () => {
  const walletArb = fc
    .array(couponArb, { maxLength: 5 })
    .map((cs) => cs.map((c, i) => ({ ...c, id: `cp-${i}` }) as CouponRule));
  const caseArb = fc.tuple(inputArb, walletArb);

  it('names the coupon the order itself prices cheapest, and a greyed coupon is missing exactly what it says', () => {
    fc.assert(
      fc.property(caseArb, ([inp, wallet]) => {
        const { coupon: _, pointsRequested: __, ...rest } = inp;
        let chosen: ReturnType<typeof chooseCoupon>;
        try {
          chosen = chooseCoupon(rest, wallet);
        } catch (err) {
          if (err instanceof PricingError && err.code === 'VALIDATION_FAILED') return; // invalid orders are refused anyway
          throw err;
        }
        // an independent pass: each coupon through priceOrder, the order's own rules
        const plain = { ...rest, pointsRequested: 0 };
        const without = priceOrder({ ...plain, coupon: null }).totalFen;
        expect(chosen.withoutCouponFen).toBe(without);
        let bestTotal = without;
        let bestId: string | null = null;
        wallet.forEach((coupon, i) => {
          const choice = chosen.choices[i];
          expect(choice.couponId).toBe(coupon.id);
          let priced: PricedOrder | null = null;
          try {
            priced = priceOrder({ ...plain, coupon });
          } catch (err) {
            expect((err as PricingError).code).toBe('COUPON_UNAVAILABLE');
          }
          if (priced === null) {
            expect(choice.applicable).toBe(false);
            if (choice.applicable) return;
            expect(choice.missingFen).toBeGreaterThan(0);
            // with exactly that much less to reach, the coupon applies; one fen more and it does not
            expect(() =>
              priceOrder({ ...plain, coupon: { ...coupon, thresholdFen: coupon.thresholdFen - choice.missingFen } }),
            ).not.toThrow();
            expect(() =>
              priceOrder({
                ...plain,
                coupon: { ...coupon, thresholdFen: coupon.thresholdFen - choice.missingFen + 1 },
              }),
            ).toThrow(PricingError);
            return;
          }
          expect(choice).toEqual({
            couponId: coupon.id,
            applicable: true,
            couponFen: priced.couponFen,
            fullReductionFen: priced.fullReductionFen,
            totalFen: priced.totalFen,
          });
          if (priced.totalFen < bestTotal) {
            bestTotal = priced.totalFen;
            bestId = coupon.id;
          }
        });
        expect(chosen.bestCouponId).toBe(bestId);
        // points never change which coupon is cheapest: with any points the chosen one costs no more
        if (chosen.bestCouponId !== null) {
          const withPoints = (c: CouponRule | null) => priceOrder({ ...inp, coupon: c }).totalFen;
          const best = wallet.find((c) => c.id === chosen.bestCouponId)!;
          for (const c of chosen.choices) {
            if (c.applicable)
              expect(withPoints(best)).toBeLessThanOrEqual(withPoints(wallet.find((w) => w.id === c.couponId)!));
          }
          expect(withPoints(best)).toBeLessThanOrEqual(withPoints(null));
        }
      }),
      { numRuns: 500 },
    );
  });
});
