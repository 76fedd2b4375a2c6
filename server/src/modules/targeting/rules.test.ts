import { describe, expect, it } from 'vitest';
import { campaignLift } from './rules.js';

describe('campaignLift', () => {
  it('compares treated with control: rates, per-customer GMV and their tests', () => {
    const r = campaignLift(
      { customers: 900, recalled: 270, orders: 400, gmvFen: 900_000, gmvSquares: 9e9 },
      { customers: 100, recalled: 15, orders: 20, gmvFen: 50_000, gmvSquares: 1e8 },
    );
    expect(r.treated.recallRate).toBeCloseTo(0.3, 12);
    expect(r.control.recallRate).toBeCloseTo(0.15, 12);
    expect(r.recallLift.difference).toBeCloseTo(0.15, 12);
    expect(r.recallLift.pValue!).toBeLessThan(0.01);
    expect(r.recallLift.ci![0]).toBeGreaterThan(0);
    expect(r.treated.gmvPerCustomerFen).toBe(1000);
    expect(r.gmvPerCustomerDiff.difference).toBe(500);
  });

  it('answers null rather than NaN for an empty group', () => {
    const empty = { customers: 0, recalled: 0, orders: 0, gmvFen: 0, gmvSquares: 0 };
    const r = campaignLift({ customers: 10, recalled: 2, orders: 2, gmvFen: 100, gmvSquares: 5000 }, empty);
    expect(r.control.recallRate).toBeNull();
    expect(r.recallLift.difference).toBeNull();
    expect(r.recallLift.pValue).toBeNull();
    expect(r.gmvPerCustomerDiff.difference).toBeNull();
  });
});
