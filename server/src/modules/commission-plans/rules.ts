/**
 * A line's commission rate (decision 061), pure. A leader without a plan earns their flat rate on
 * every line; on a plan, a deal's own rate comes first, then the plan's rate for the product's
 * category, then the plan's default. The ledger floors rate × kept value to the fen
 * (ledger/rules.commissionFen).
 */
export interface PlanRates {
  defaultBps: number;
  categoryBps: Record<string, number>;
}

export interface LineRateInput {
  flatBps: number;
  /** the plan version in force when the order was placed; null: no plan then */
  plan: PlanRates | null;
  category: string;
  /** the deal's own rate in force when the order was placed */
  dealBps: number | null;
}

const isBps = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= 10_000;

export function lineRateBps(input: LineRateInput): number {
  const rate = !input.plan
    ? input.flatBps
    : (input.dealBps ??
      (Object.hasOwn(input.plan.categoryBps, input.category) ? input.plan.categoryBps[input.category] : undefined) ??
      input.plan.defaultBps);
  if (!isBps(rate)) throw new RangeError(`a commission rate must be an integer in 0..10000, got ${rate}`);
  return rate;
}
