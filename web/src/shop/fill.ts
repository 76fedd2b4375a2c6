import type { Deal } from './api';

/** The price a customer pays for one unit now (the group-tier price once a tier is reached). */
export const unitPriceOf = (deal: Deal) => deal.currentTier?.priceFen ?? deal.priceFen;

/**
 * 凑单: the deals that can close the gap to the next full-reduction tier, nearest first. Deals that
 * reach it with one unit come first, the cheapest of them first (the least spent beyond the
 * threshold); then the others, the dearest first (the fewest units to reach it). Sold-out deals,
 * deals not on sale yet and, for a rule limited to some categories, deals outside them are left
 * out: they cannot count.
 */
export function nearDeals(deals: Deal[], missingFen: number, categories?: string[], now = Date.now()): Deal[] {
  const scope = categories?.length ? new Set(categories) : null;
  const candidates = deals.filter(
    (d) =>
      (d.remaining === undefined || d.remaining > 0) &&
      !(d.saleStartsAt && Date.parse(d.saleStartsAt) > now) &&
      (scope === null || scope.has(d.category)),
  );
  const reaches = candidates.filter((d) => unitPriceOf(d) >= missingFen);
  const below = candidates.filter((d) => unitPriceOf(d) < missingFen);
  return [
    ...reaches.sort((a, b) => unitPriceOf(a) - unitPriceOf(b)),
    ...below.sort((a, b) => unitPriceOf(b) - unitPriceOf(a)),
  ];
}
