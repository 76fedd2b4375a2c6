import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInPoints, clawbackTotal, earnedGrowth, earnedPoints, nextTier, tierOf, yearlySavings } from './rules.js';

describe('member rules', () => {
  it('tiers by growth', () => {
    expect(tierOf(0)).toBe('bronze');
    expect(tierOf(999)).toBe('bronze');
    expect(tierOf(1000)).toBe('silver');
    expect(tierOf(5000)).toBe('gold');
    expect(nextTier(400)).toEqual({ tier: 'silver', growthNeeded: 600 });
    expect(nextTier(6000)).toBeNull();
  });

  it('points: 1 per yuan, members ×2, tier multipliers combined', () => {
    expect(earnedPoints(2999, { member: false, tier: 'bronze' })).toBe(29);
    expect(earnedPoints(2999, { member: true, tier: 'bronze' })).toBe(58);
    expect(earnedPoints(10000, { member: false, tier: 'silver' })).toBe(120);
    expect(earnedPoints(10000, { member: true, tier: 'gold' })).toBe(300);
    expect(earnedPoints(99, { member: true, tier: 'gold' })).toBe(0);
    expect(earnedGrowth(1234)).toBe(12);
  });

  it('check-in streak rewards', () => {
    expect(checkInPoints(1)).toBe(5);
    expect(checkInPoints(6)).toBe(5);
    expect(checkInPoints(7)).toBe(10);
  });

  it('clawbacks of any refund sequence never exceed the award and a full refund takes it all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 }),
        (award, base, parts) => {
          let refunded = 0;
          let taken = 0;
          for (const p of parts) {
            const step = Math.min(p, base - refunded);
            refunded += step;
            const total = clawbackTotal(award, base, refunded);
            expect(total).toBeGreaterThanOrEqual(taken);
            taken = total;
          }
          expect(taken).toBeLessThanOrEqual(award);
          expect(clawbackTotal(award, base, base)).toBe(award);
        },
      ),
    );
  });
});

describe('yearlySavings', () => {
  it('scales the window to 365 days, in whole fen', () => {
    expect(yearlySavings(600, 30)).toBe(7300);
    expect(yearlySavings(505, 30)).toBe(6144);
    expect(yearlySavings(0, 30)).toBe(0);
    expect(yearlySavings(100, 0)).toBe(0);
  });
});
