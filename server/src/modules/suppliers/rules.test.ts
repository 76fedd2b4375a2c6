import { describe, expect, it } from 'vitest';
import { addMonths, componentScore, monthEndPlus, rankMonth, scoreMonth, type ScorecardCounts } from './rules.js';

const T = {
  minFillRate: 0.98,
  maxRejectionRate: 0.02,
  minOnTimeRate: 0.95,
  maxComplaintsPerThousand: 30,
  maxLossRate: 0.03,
};
const W = { fillRate: 30, rejectionRate: 20, onTimeRate: 20, complaints: 20, loss: 10 };
const counts = (over: Partial<ScorecardCounts> = {}): ScorecardCounts => ({
  supplierId: 's',
  month: '2026-11',
  orderedUnits: 1000,
  acceptedUnits: 1000,
  rejectedUnits: 0,
  dueOrders: 10,
  onTimeOrders: 10,
  unitsSold: 1000,
  claimUnits: 0,
  claimsByReason: {},
  lossUnits: 0,
  lossFen: 0,
  receivedFen: 0,
  ...over,
});

describe('supplier scorecard rules', () => {
  it('scores 100 when perfect, 60 exactly at a threshold, 0 far beyond', () => {
    expect(componentScore(0, 0.02)).toBe(100);
    expect(componentScore(0.02, 0.02)).toBeCloseTo(60, 9);
    expect(componentScore(0.05, 0.02)).toBe(0);
    // a threshold of perfection: met or not
    expect(componentScore(0, 0)).toBe(100);
    expect(componentScore(0.001, 0)).toBe(0);
  });

  it('weights the figures and names the ones past their threshold', () => {
    expect(scoreMonth(counts(), T, W)).toMatchObject({ score: 100, breaches: [] });
    // 98 % filled: the fill figure scores 60, the weighted score 100 − 0.3 × 40 = 88
    const f = scoreMonth(counts({ acceptedUnits: 980 }), T, W);
    expect(f.fillRate).toBe(0.98);
    expect(f.score).toBe(88);
    expect(f.breaches).toEqual([]);
    const bad = scoreMonth(
      counts({ acceptedUnits: 900, rejectedUnits: 50, onTimeOrders: 5, claimUnits: 80, lossUnits: 90 }),
      T,
      W,
    );
    expect(bad.breaches).toEqual(['fillRate', 'rejectionRate', 'onTimeRate', 'complaints', 'loss']);
    expect(bad.score).toBe(0);
    // nothing sold: no complaint rate to hold against the supplier
    expect(scoreMonth(counts({ unitsSold: 0, claimUnits: 0 }), T, W).complaintsPerThousand).toBe(0);
  });

  it('ranks by score, then fill and on-time rates, then id; flags under the pass mark with a deadline', () => {
    const card = (supplierId: string, over: Partial<ScorecardCounts>) => {
      const c = counts({ supplierId, ...over });
      return { ...c, figures: scoreMonth(c, T, W) };
    };
    const ranked = rankMonth(
      [card('b', {}), card('a', {}), card('c', { acceptedUnits: 900 }), card('d', { onTimeOrders: 0 })],
      { passScore: 75, rectificationDays: 15, consecutiveMonthsToPropose: 2 },
    );
    expect(ranked.map((r) => [r.supplierId, r.rank, r.belowStandard])).toEqual([
      ['a', 1, false],
      ['b', 2, false],
      ['d', 3, false],
      ['c', 4, true],
    ]);
    expect(ranked[3]!.rectifyBy).toBe('2026-12-15');
    expect(ranked[0]!.rectifyBy).toBeNull();
  });

  it('counts months and deadlines across year ends', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthEndPlus('2026-02', 0)).toBe('2026-02-28');
    expect(monthEndPlus('2026-12', 15)).toBe('2027-01-15');
  });
});
