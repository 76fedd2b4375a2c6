/** Membership, points and growth rules: pure functions, so the numbers are tested without a database. */

export type Tier = 'bronze' | 'silver' | 'gold';

/** Growth thresholds, highest first. */
export const TIERS: { tier: Tier; minGrowth: number; pointsMultiplier: number }[] = [
  { tier: 'gold', minGrowth: 5000, pointsMultiplier: 1.5 },
  { tier: 'silver', minGrowth: 1000, pointsMultiplier: 1.2 },
  { tier: 'bronze', minGrowth: 0, pointsMultiplier: 1.0 },
];

export const MEMBER_POINTS_MULTIPLIER = 2;
export const REVIEW_POINTS = 20;
export const REVIEW_GROWTH = 10;
export const SHARE_GROWTH = 1;
export const SHARES_PER_DAY = 5;
/** A paid membership lasts one year from the later of now and the current end. */
export const MEMBERSHIP_MONTHS = 12;

export function tierOf(growth: number): Tier {
  return TIERS.find((t) => growth >= t.minGrowth)!.tier;
}

/** The next tier and how much growth it still needs; null at the top. */
export function nextTier(growth: number): { tier: Tier; growthNeeded: number } | null {
  const above = [...TIERS].reverse().find((t) => t.minGrowth > growth);
  return above ? { tier: above.tier, growthNeeded: above.minGrowth - growth } : null;
}

/**
 * Points for a paid amount: 1 per whole yuan, times the member and tier multipliers (combined
 * multiplicatively, rounded down once at the end so no fraction of a point is ever given).
 */
export function earnedPoints(paidFen: number, opts: { member: boolean; tier: Tier }): number {
  if (paidFen <= 0) return 0;
  const yuan = Math.floor(paidFen / 100);
  const tierMultiplier = TIERS.find((t) => t.tier === opts.tier)!.pointsMultiplier;
  // tier multipliers have one decimal: work in tenths to stay in integers
  const tenths = Math.round(tierMultiplier * 10);
  return Math.floor((yuan * (opts.member ? MEMBER_POINTS_MULTIPLIER : 1) * tenths) / 10);
}

/** Growth for a paid amount: 1 per whole yuan. */
export function earnedGrowth(paidFen: number): number {
  return paidFen > 0 ? Math.floor(paidFen / 100) : 0;
}

/**
 * What a refund takes back of an award, cumulatively: after refunds totalling `refundedFen` of
 * a `baseFen` base, floor(award × refunded / base) has been taken, so a full refund takes it all.
 */
export function clawbackTotal(award: number, baseFen: number, refundedFen: number): number {
  if (baseFen <= 0) return award;
  const r = Math.min(Math.max(refundedFen, 0), baseFen);
  return Math.floor((award * r) / baseFen);
}

/** Check-in reward by streak day: 5 points on days 1–6, 10 from day 7 on. */
export function checkInPoints(streakDays: number): number {
  return streakDays >= 7 ? 10 : 5;
}

/** The calendar month (YYYY-MM) of a business date. */
export const monthOf = (businessDate: string) => businessDate.slice(0, 7);

/** Savings seen over `windowDays`, as a year of the same shopping (whole fen, rounded). */
export function yearlySavings(savedFen: number, windowDays: number): number {
  return windowDays > 0 ? Math.round((savedFen * 365) / windowDays) : 0;
}
