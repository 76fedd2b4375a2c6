import { describe, expect, it } from 'vitest';
import { armAt, armPriceFen, ArmsInvalid, assign, bucketOf, checkArms } from './rules.js';

const EXP = '0193a1c2-7d4e-7f00-8a00-000000000001';
const uuidOf = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

describe('bucketOf', () => {
  it('is stable: the same experiment and unit always land in the same bucket (pinned values)', () => {
    // pinned: a change of the hash would move running experiments' customers between arms
    expect(bucketOf(EXP, uuidOf(1))).toBe(bucketOf(EXP, uuidOf(1)));
    const pinned = [bucketOf(EXP, uuidOf(1)), bucketOf(EXP, uuidOf(2))];
    expect(pinned.map((b) => Math.floor(b * 2 ** 32))).toEqual(pinned.map((b) => b * 2 ** 32));
    expect(bucketOf(EXP, uuidOf(1))).toMatchInlineSnapshot(`0.9304497106932104`);
    expect(bucketOf(EXP, uuidOf(2))).toMatchInlineSnapshot(`0.4498752751387656`);
  });

  it('is in [0, 1) and uniform: 20,000 units over 10 deciles within 4 standard deviations', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const b = bucketOf(EXP, uuidOf(i));
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(1);
      counts[Math.floor(b * 10)]++;
    }
    // binomial(20000, 0.1): mean 2000, sd √(20000·0.1·0.9) ≈ 42.4
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(4 * 42.4);
  });

  it('is independent between experiments: another experiment splits the same units afresh', () => {
    const other = '0193a1c2-7d4e-7f00-8a00-000000000002';
    let same = 0;
    for (let i = 0; i < 10_000; i++) if (bucketOf(EXP, uuidOf(i)) < 0.5 === bucketOf(other, uuidOf(i)) < 0.5) same++;
    // independent halves agree half the time: sd = √(10000·0.25) = 50
    expect(Math.abs(same - 5000)).toBeLessThan(200);
  });
});

describe('armAt', () => {
  it('gives each arm the share of its weight', () => {
    const arms = [{ weight: 1 }, { weight: 1 }, { weight: 2 }];
    expect(armAt(arms, 0)).toBe(0);
    expect(armAt(arms, 0.2499)).toBe(0);
    expect(armAt(arms, 0.25)).toBe(1);
    expect(armAt(arms, 0.5)).toBe(2);
    expect(armAt(arms, 0.999999)).toBe(2);
  });

  it('balances units by weight: 30,000 customers over 50/50 and 20/30/50', () => {
    for (const weights of [
      [1, 1],
      [2, 3, 5],
    ]) {
      const arms = weights.map((weight, i) => ({ key: `k${i}`, name: `${i}`, weight }));
      const counts = new Array(arms.length).fill(0);
      const n = 30_000;
      for (let i = 0; i < n; i++) counts[armAt(arms, bucketOf(EXP, uuidOf(i)))]++;
      const total = weights.reduce((a, b) => a + b, 0);
      weights.forEach((w, i) => {
        const p = w / total;
        expect(Math.abs(counts[i] - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
      });
    }
  });
});

describe('assign and prices', () => {
  const exp = {
    id: EXP,
    unit: 'pickup_point' as const,
    kind: 'price' as const,
    arms: [
      { key: 'control', name: '原价', weight: 1 },
      { key: 'a', name: '9.9', weight: 1, priceFen: 990 },
    ],
  };
  it('splits by the pickup point for a point experiment: every customer of a point has its arm', () => {
    const point = uuidOf(77);
    const arms = new Set(
      Array.from({ length: 50 }, (_, i) => assign(exp, { userId: uuidOf(i), pickupPointId: point }).key),
    );
    expect(arms.size).toBe(1);
  });
  it('prices: the arm price, the base less the coupon (at least 1 fen), the base for a title', () => {
    expect(armPriceFen('price', exp.arms[1], 1290)).toBe(990);
    expect(armPriceFen('price', exp.arms[0], 1290)).toBe(1290);
    expect(armPriceFen('coupon', { key: 'a', name: '', weight: 1, couponFen: 300 }, 1290)).toBe(990);
    expect(armPriceFen('coupon', { key: 'a', name: '', weight: 1, couponFen: 5000 }, 1290)).toBe(1);
    expect(armPriceFen('title', { key: 'a', name: '', weight: 1, title: '新标题' }, 1290)).toBe(1290);
  });
});

describe('checkArms', () => {
  const control = { key: 'control', name: '对照', weight: 1 };
  it('accepts a control and variants of the kind', () => {
    expect(() => checkArms('price', [control, { key: 'a', name: 'A', weight: 1, priceFen: 990 }], 1290)).not.toThrow();
    expect(() =>
      checkArms('coupon', [control, { key: 'a', name: 'A', weight: 3, couponFen: 200 }], 1290),
    ).not.toThrow();
    expect(() => checkArms('title', [control, { key: 'a', name: 'A', weight: 1, title: '爆款' }], 1290)).not.toThrow();
  });
  it.each([
    ['one arm', 'price', [control]],
    ['duplicate keys', 'price', [control, { key: 'control', name: 'A', weight: 1, priceFen: 990 }]],
    ['a zero weight', 'price', [control, { key: 'a', name: 'A', weight: 0, priceFen: 990 }]],
    [
      'a control with a price',
      'price',
      [
        { ...control, priceFen: 100 },
        { key: 'a', name: 'A', weight: 1, priceFen: 990 },
      ],
    ],
    ['a variant without price', 'price', [control, { key: 'a', name: 'A', weight: 1 }]],
    [
      'a price on a coupon experiment',
      'coupon',
      [control, { key: 'a', name: 'A', weight: 1, couponFen: 100, priceFen: 5 }],
    ],
    ['a coupon of the whole price', 'coupon', [control, { key: 'a', name: 'A', weight: 1, couponFen: 1290 }]],
    ['an empty title', 'title', [control, { key: 'a', name: 'A', weight: 1, title: ' ' }]],
  ] as const)('refuses %s', (_, kind, arms) => {
    expect(() => checkArms(kind, arms as never, 1290)).toThrow(ArmsInvalid);
  });
});
