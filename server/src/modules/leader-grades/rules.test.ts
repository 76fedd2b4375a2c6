import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCriteria,
  GRADE_THRESHOLDS,
  gradeBonusFen,
  gradeFor,
  maskName,
  nextMonth,
  previousMonth,
  type MonthFigures,
} from './rules.js';

const t = GRADE_THRESHOLDS.default;
const figures = fc.record({
  gmvFen: fc.integer({ min: 0, max: 20_000_000 }),
  customers: fc.integer({ min: 0, max: 400 }),
  orders: fc.integer({ min: 0, max: 3000 }),
  claims: fc.integer({ min: 0, max: 200 }),
  readyOrders: fc.integer({ min: 0, max: 3000 }),
  timelyOrders: fc.integer({ min: 0, max: 3000 }),
}) as fc.Arbitrary<MonthFigures>;

describe('leader grade rules', () => {
  it('grades at the thresholds exactly, and one fen or customer short of them one grade lower', () => {
    const at = (c: typeof t.gold): MonthFigures => ({
      gmvFen: c.gmvFen,
      customers: c.activeCustomers,
      orders: 10_000,
      claims: c.maxComplaintBps,
      readyOrders: 10_000,
      timelyOrders: c.minTimelyBps,
    });
    expect(gradeFor(at(t.gold), t)).toBe('gold');
    expect(gradeFor(at(t.silver), t)).toBe('silver');
    expect(gradeFor(at(t.bronze), t)).toBe('bronze');
    expect(gradeFor({ ...at(t.gold), gmvFen: t.gold.gmvFen - 1 }, t)).toBe('silver');
    expect(gradeFor({ ...at(t.silver), customers: t.silver.activeCustomers - 1 }, t)).toBe('bronze');
    expect(gradeFor({ ...at(t.bronze), claims: t.bronze.maxComplaintBps + 1 }, t)).toBe('trainee');
    expect(gradeFor({ ...at(t.bronze), timelyOrders: t.bronze.minTimelyBps - 1 }, t)).toBe('trainee');
  });

  it('a grade is earned only when every one of its criteria is met, and never above one whose criteria fail', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const g = gradeFor(f, t);
        if (g !== 'trainee') expect(checkCriteria(f, t[g]).every((c) => c.met)).toBe(true);
        const above =
          g === 'gold' ? [] : ['gold', 'silver', 'bronze'].slice(0, ['gold', 'silver', 'bronze', 'trainee'].indexOf(g));
        for (const a of above) expect(checkCriteria(f, t[a as 'gold']).every((c) => c.met)).toBe(false);
      }),
    );
  });

  it('more GMV never lowers the grade', () => {
    fc.assert(
      fc.property(figures, fc.integer({ min: 0, max: 10_000_000 }), (f, more) => {
        const order = ['trainee', 'bronze', 'silver', 'gold'];
        expect(order.indexOf(gradeFor({ ...f, gmvFen: f.gmvFen + more }, t))).toBeGreaterThanOrEqual(
          order.indexOf(gradeFor(f, t)),
        );
      }),
    );
  });

  it('the bonus is integer fen, never negative, never more than the rate of the commission, and monotone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (commission, bps) => {
          const b = gradeBonusFen(commission, bps);
          expect(Number.isSafeInteger(b)).toBe(true);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b * 10_000).toBeLessThanOrEqual(Math.max(0, commission) * bps);
          expect((b + 1) * 10_000).toBeGreaterThan(Math.max(0, commission) * bps);
          expect(gradeBonusFen(commission + 1, bps)).toBeGreaterThanOrEqual(b);
        },
      ),
    );
    expect(gradeBonusFen(12_345, 500)).toBe(617);
    expect(() => gradeBonusFen(1.5, 500)).toThrow(RangeError);
    expect(() => gradeBonusFen(100, 10_001)).toThrow(RangeError);
  });

  it('masks names', () => {
    expect(maskName('王小丫')).toBe('王*丫');
    expect(maskName('王丫')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('steps months across the year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });
});
