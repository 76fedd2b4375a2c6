/**
 * The supplier scorecard's arithmetic (decision 044), free of I/O: from a month's raw counts to
 * rates, component scores, the weighted score, the ranking and the below-standard flag.
 */

export interface ScorecardCounts {
  supplierId: string;
  month: string;
  /** units ordered on the month's purchase orders that were due (received or past their due time) */
  orderedUnits: number;
  acceptedUnits: number;
  rejectedUnits: number;
  /** purchase orders due in the month, and those received no later than their due time */
  dueOrders: number;
  onTimeOrders: number;
  /** units customers bought that these purchase orders supplied (the lines' demand) */
  unitsSold: number;
  /** after-sales units claimed on those sales (not rejected claims), by reason */
  claimUnits: number;
  claimsByReason: Record<string, number>;
  /** units (and their cost) written off from the supplier's lots in the month */
  lossUnits: number;
  lossFen: number;
  /** accepted units × unit cost */
  receivedFen: number;
}

export interface Thresholds {
  minFillRate: number;
  maxRejectionRate: number;
  minOnTimeRate: number;
  maxComplaintsPerThousand: number;
  maxLossRate: number;
}
export interface Weights {
  fillRate: number;
  rejectionRate: number;
  onTimeRate: number;
  complaints: number;
  loss: number;
}
export interface Standard {
  passScore: number;
  rectificationDays: number;
  consecutiveMonthsToPropose: number;
}

export interface ScorecardFigures {
  fillRate: number;
  rejectionRate: number;
  onTimeRate: number;
  complaintsPerThousand: number;
  lossRate: number;
  scores: { fillRate: number; rejectionRate: number; onTimeRate: number; complaints: number; loss: number };
  /** weighted, 0–100, one decimal */
  score: number;
  /** the figures past their threshold */
  breaches: string[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const clamp = (x: number) => Math.max(0, Math.min(100, x));

/**
 * A component's score: 100 for a perfect figure, 60 exactly at the threshold, linear in between and
 * beyond (down to 0). `shortfall` is how far the figure is from perfect, `allowed` how far the
 * threshold is; a threshold of perfection itself scores 100 when met and 0 otherwise.
 */
export function componentScore(shortfall: number, allowed: number): number {
  if (allowed <= 0) return shortfall <= 0 ? 100 : 0;
  return clamp(100 - (40 * shortfall) / allowed);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreMonth(c: ScorecardCounts, t: Thresholds, w: Weights): ScorecardFigures {
  const fillRate = ratio(c.acceptedUnits, c.orderedUnits);
  const rejectionRate = ratio(c.rejectedUnits, c.acceptedUnits + c.rejectedUnits);
  const onTimeRate = ratio(c.onTimeOrders, c.dueOrders);
  const complaintsPerThousand = ratio(c.claimUnits * 1000, c.unitsSold);
  const lossRate = ratio(c.lossUnits, c.acceptedUnits);
  const scores = {
    fillRate: componentScore(1 - fillRate, 1 - t.minFillRate),
    rejectionRate: componentScore(rejectionRate, t.maxRejectionRate),
    onTimeRate: componentScore(1 - onTimeRate, 1 - t.minOnTimeRate),
    complaints: componentScore(complaintsPerThousand, t.maxComplaintsPerThousand),
    loss: componentScore(lossRate, t.maxLossRate),
  };
  const total = w.fillRate + w.rejectionRate + w.onTimeRate + w.complaints + w.loss;
  const weighted =
    (scores.fillRate * w.fillRate +
      scores.rejectionRate * w.rejectionRate +
      scores.onTimeRate * w.onTimeRate +
      scores.complaints * w.complaints +
      scores.loss * w.loss) /
    total;
  const breaches: string[] = [];
  if (fillRate < t.minFillRate) breaches.push('fillRate');
  if (rejectionRate > t.maxRejectionRate) breaches.push('rejectionRate');
  if (onTimeRate < t.minOnTimeRate) breaches.push('onTimeRate');
  if (complaintsPerThousand > t.maxComplaintsPerThousand) breaches.push('complaints');
  if (lossRate > t.maxLossRate) breaches.push('loss');
  return {
    fillRate,
    rejectionRate,
    onTimeRate,
    complaintsPerThousand,
    lossRate,
    scores: {
      fillRate: round1(scores.fillRate),
      rejectionRate: round1(scores.rejectionRate),
      onTimeRate: round1(scores.onTimeRate),
      complaints: round1(scores.complaints),
      loss: round1(scores.loss),
    },
    score: round1(weighted),
    breaches,
  };
}

/** The last day of a month (YYYY-MM) plus some days, as YYYY-MM-DD. */
export function monthEndPlus(month: string, days: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, days)).toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export interface Ranked {
  supplierId: string;
  score: number;
  rank: number;
  rankedOf: number;
  belowStandard: boolean;
  rectifyBy: string | null;
}

/**
 * Ranks a month's scored suppliers: highest score first; ties by fill rate, then on-time rate, then
 * id (so the order is stable). Below standard: a score under the pass mark; it must rectify by the
 * month's end plus the rectification days.
 */
export function rankMonth<T extends { supplierId: string; month: string; figures: ScorecardFigures }>(
  cards: T[],
  s: Standard,
): (T & Ranked)[] {
  const sorted = [...cards].sort(
    (a, b) =>
      b.figures.score - a.figures.score ||
      b.figures.fillRate - a.figures.fillRate ||
      b.figures.onTimeRate - a.figures.onTimeRate ||
      (a.supplierId < b.supplierId ? -1 : a.supplierId > b.supplierId ? 1 : 0),
  );
  return sorted.map((c, i) => {
    const below = c.figures.score < s.passScore;
    return {
      ...c,
      score: c.figures.score,
      rank: i + 1,
      rankedOf: sorted.length,
      belowStandard: below,
      rectifyBy: below ? monthEndPlus(c.month, s.rectificationDays) : null,
    };
  });
}
