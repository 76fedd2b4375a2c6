import { addDays } from '../../lib/time.js';

/** The repurchase program's parameters and their defaults. */
export interface RepurchaseParams {
  /** days before the next purchase is due that the reminder goes out */
  leadDays: number;
  /** purchases (distinct business days) of the product before a usual interval is trusted */
  minPurchases: number;
}
export const REPURCHASE_DEFAULTS: RepurchaseParams = { leadDays: 3, minPurchases: 3 };

const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/**
 * The customer's usual interval for one product: the median of the days between consecutive
 * purchases (business days, one purchase per day however many orders), rounded to whole days (a
 * half rounds up). Null with fewer than `minPurchases` purchase days: two purchases are one gap,
 * too little to call a habit. The median, not the mean, so one long holiday does not stretch it.
 */
export function usualIntervalDays(
  days: readonly string[],
  minPurchases = REPURCHASE_DEFAULTS.minPurchases,
): number | null {
  const sorted = [...new Set(days)].sort();
  if (sorted.length < Math.max(2, minPurchases)) return null;
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(dayNumber(sorted[i]!) - dayNumber(sorted[i - 1]!));
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return Math.round(median);
}

/**
 * Whether to remind today, and of which due day: the next purchase is due the usual interval after
 * the last one; the reminder goes out `leadDays` before it. A run missed on that day still reminds
 * on a later day before the due day, never on or after it (the customer is then late, not about to
 * buy).
 */
export function repurchaseReminder(
  days: readonly string[],
  today: string,
  params: RepurchaseParams = REPURCHASE_DEFAULTS,
): { intervalDays: number; dueOn: string } | null {
  const intervalDays = usualIntervalDays(days, params.minPurchases);
  if (intervalDays === null || intervalDays <= 0) return null;
  const last = [...days].sort().at(-1)!;
  const dueOn = addDays(last, intervalDays);
  const sendOn = addDays(dueOn, -params.leadDays);
  return sendOn <= today && today < dueOn && last < today ? { intervalDays, dueOn } : null;
}

/** Monday of the business day's week: a customer gets at most one reminder per such week. */
export function weekStart(day: string): string {
  const weekday = (dayNumber(day) + 3) % 7; // 1970-01-01 was a Thursday: Monday = 0
  return addDays(day, -weekday);
}

/** A share in basis points, rounded; null when there is nothing to divide by. */
export const shareBps = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part * 10_000) / whole) : null;
