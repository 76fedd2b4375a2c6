import type { MarkdownBasis } from './schema.js';

/**
 * The pure rules of freshness (decision 041), apart from any I/O: which rule applies to a lot,
 * its markdown price, and the loss rate. Dates are business days (YYYY-MM-DD) of the
 * warehouse's region.
 */

export interface RuleSubject {
  productId: string | null;
  category: string | null;
}

export interface MarkdownRule extends RuleSubject {
  id: string;
  basis: MarkdownBasis;
  days: number;
  discountBps: number;
}

export interface LotFacts {
  productId: string;
  category: string;
  expiresOn: string | null;
  /** the business day it was received */
  receivedOn: string;
}

/** Whole days from a to b (b − a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The rules that speak for a product: its own when it has any, else its category's. */
export function rulesFor<R extends RuleSubject>(rules: R[], productId: string, category: string): R[] {
  const own = rules.filter((r) => r.productId === productId);
  return own.length ? own : rules.filter((r) => r.productId === null && r.category === category);
}

/**
 * The markdown step a lot reaches on a business day: among the product's rules (or its
 * category's) those whose condition holds, the deepest discount. A lot without an expiry date
 * reaches no `days_left` step.
 */
export function markdownStep(rules: MarkdownRule[], lot: LotFacts, today: string): MarkdownRule | null {
  let best: MarkdownRule | null = null;
  for (const r of rulesFor(rules, lot.productId, lot.category)) {
    const holds =
      r.basis === 'days_left'
        ? lot.expiresOn !== null && daysBetween(today, lot.expiresOn) <= r.days
        : daysBetween(lot.receivedOn, today) >= r.days;
    if (holds && (!best || r.discountBps > best.discountBps)) best = r;
  }
  return best;
}

/**
 * The markdown price in whole fen: the list price less the discount, rounded down (the customer
 * never pays more than the discount promised; at most 1 fen more off).
 */
export function markdownPriceFen(listPriceFen: number, discountBps: number): number {
  if (!Number.isInteger(listPriceFen) || listPriceFen < 0) throw new RangeError('listPriceFen');
  if (!Number.isInteger(discountBps) || discountBps < 0 || discountBps > 10_000) throw new RangeError('discountBps');
  return Math.floor((listPriceFen * (10_000 - discountBps)) / 10_000);
}

/** Loss rate in basis points (rounded half up), null when nothing was received. */
export function lossRateBps(lost: number, received: number): number | null {
  if (received <= 0) return null;
  return Math.round((lost * 10_000) / received);
}
