/**
 * Group-tier prices (拼团/阶梯价), pure: the price of a deal falls for every buyer as the number of
 * distinct paying buyers reaches each tier; at cutoff everyone who paid more gets the difference back.
 * All money in integer fen.
 */

export interface GroupTier {
  /** distinct paying buyers needed for this price, ≥ 2 */
  minBuyers: number;
  priceFen: number;
}

/** Why a tier list is refused, or null when it is valid for a deal priced at basePriceFen. */
export function groupTiersProblem(basePriceFen: number, tiers: GroupTier[]): string | null {
  let prevBuyers = 1;
  let prevPrice = basePriceFen;
  for (const t of tiers) {
    if (!Number.isSafeInteger(t.minBuyers) || t.minBuyers < 2) return 'minBuyers must be an integer of at least 2';
    if (t.minBuyers <= prevBuyers) return 'minBuyers must be strictly ascending';
    if (!Number.isSafeInteger(t.priceFen) || t.priceFen < 0) return 'priceFen must be a non-negative integer';
    if (t.priceFen >= prevPrice) return 'tier prices must be strictly descending and below the base priceFen';
    prevBuyers = t.minBuyers;
    prevPrice = t.priceFen;
  }
  return null;
}

/** The highest tier reached with `buyers` distinct paying buyers, or null (base price). Tiers ascend. */
export function currentTier(tiers: GroupTier[], buyers: number): GroupTier | null {
  let reached: GroupTier | null = null;
  for (const t of tiers) if (buyers >= t.minBuyers) reached = t;
  return reached;
}

/** The unit price with `buyers` distinct paying buyers. */
export function priceAtBuyers(basePriceFen: number, tiers: GroupTier[], buyers: number): number {
  return currentTier(tiers, buyers)?.priceFen ?? basePriceFen;
}

/** The next tier and how many more distinct buyers reach it ("n more buyers to ¥x"), or null at the last tier. */
export function nextTier(tiers: GroupTier[], buyers: number): (GroupTier & { buyersNeeded: number }) | null {
  const next = tiers.find((t) => t.minBuyers > buyers);
  return next ? { ...next, buyersNeeded: next.minBuyers - buyers } : null;
}

/**
 * How much of a line's paid amount the price adjustment returns when its unit price falls from
 * unitPriceFen to finalPriceFen: proratedAmount(paidFen, unit × qty, 0, (unit − final) × qty),
 * which reduces to floor(paidFen × (unit − final) / unit). Prorating over what the line paid keeps
 * the refund within it when the line also carried full-reduction, coupon or points discounts; a
 * line without discounts gets exactly (unit − final) × qty. Never more than paidFen.
 */
export function priceAdjustmentFen(paidFen: number, unitPriceFen: number, finalPriceFen: number): number {
  if (finalPriceFen >= unitPriceFen || unitPriceFen <= 0) return 0;
  return Number((BigInt(paidFen) * BigInt(unitPriceFen - finalPriceFen)) / BigInt(unitPriceFen));
}
