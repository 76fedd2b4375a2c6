/**
 * Pure pricing engine: no I/O, deterministic. All money in integer fen, percentages in basis points.
 *
 * Order of application: line prices (member price) → full-reduction (满减) → coupon → points → total.
 * Every order-level discount is allocated to the lines with allocateByWeight, so per-line amounts
 * always add up to the order totals and later refunds can be prorated per line.
 */
import { allocateByWeight } from '../../lib/money.js';

export interface PriceLineInput {
  /** Caller's id for the line (e.g. campaign item id); must be unique within the order. */
  key: string;
  /** Integer >= 1. */
  quantity: number;
  /** The deal price (团购价) for this buyer; the caller has already resolved flash / group-tier prices. */
  unitPriceFen: number;
  /** 会员价: used only when input.isMember and it is lower than unitPriceFen. */
  memberPriceFen?: number | null;
  /** 划线价, informational only. */
  listPriceFen: number;
  /** Category code, for category-scoped full-reduction. */
  category: string;
}

export interface FullReductionRule {
  id: string;
  tiers: { thresholdFen: number; discountFen: number }[];
  /** null / empty = the whole order is in scope. */
  categories?: string[] | null;
}

export type CouponRule =
  | { id: string; kind: 'amount'; thresholdFen: number; discountFen: number; stackableWithFullReduction: boolean }
  | {
      id: string;
      kind: 'percent';
      thresholdFen: number;
      percentOffBps: number;
      maxDiscountFen?: number | null;
      stackableWithFullReduction: boolean;
    };

export interface PriceInput {
  lines: PriceLineInput[];
  isMember: boolean;
  /** All currently active promotions; the one giving the largest discount applies (only its highest tier met). */
  fullReductions: FullReductionRule[];
  /** At most one coupon per order. */
  coupon?: CouponRule | null;
  /** Points the customer wants to use; 1 point = 1 fen (100 points = 1 yuan). */
  pointsRequested: number;
  pointsBalance: number;
}

export interface PricedLine {
  key: string;
  quantity: number;
  listPriceFen: number;
  /** Effective unit price, after member price. */
  unitPriceFen: number;
  /** (deal − member) × quantity, 0 when the member price does not apply. */
  memberDiscountFen: number;
  /** unitPriceFen × quantity. */
  subtotalFen: number;
  fullReductionFen: number;
  couponFen: number;
  pointsFen: number;
  /** fullReductionFen + couponFen + pointsFen. */
  discountFen: number;
  /** subtotalFen − discountFen. */
  paidFen: number;
}

export interface NextFullReduction {
  thresholdFen: number;
  discountFen: number;
  /** How much more in-scope spending reaches thresholdFen. */
  missingFen: number;
  /** The categories that count towards it, when the rule is limited to some (otherwise every deal counts). */
  categories?: string[];
}

export interface PricedOrder {
  lines: PricedLine[];
  subtotalFen: number;
  memberDiscountFen: number;
  fullReductionFen: number;
  fullReductionId: string | null;
  couponFen: number;
  couponId: string | null;
  pointsUsed: number;
  pointsFen: number;
  totalFen: number;
  /** 凑单提示: the next tier worth reaching, or null (none left, or full-reduction is off because of the coupon). */
  nextFullReduction: NextFullReduction | null;
  /** True when a full-reduction would have applied but the chosen coupon is not stackable with it. */
  fullReductionSkippedForCoupon: boolean;
}

export type PricingErrorCode = 'COUPON_UNAVAILABLE' | 'VALIDATION_FAILED';

export class PricingError extends Error {
  readonly code: PricingErrorCode;
  /** COUPON_UNAVAILABLE for a threshold not reached: how much more the order must come to. */
  readonly missingFen?: number;
  constructor(code: PricingErrorCode, message: string, missingFen?: number) {
    super(message);
    this.name = 'PricingError';
    this.code = code;
    if (missingFen !== undefined) this.missingFen = missingFen;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

function invalid(message: string): never {
  throw new PricingError('VALIDATION_FAILED', message);
}

function checkFen(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function validate(input: PriceInput): void {
  if (!Array.isArray(input.lines) || input.lines.length === 0) invalid('order must have at least one line');
  const keys = new Set<string>();
  let orderSubtotal = 0;
  input.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    if (typeof line.key !== 'string') invalid(`${at}.key must be a string`);
    if (keys.has(line.key)) invalid(`${at}.key "${line.key}" is duplicated`);
    keys.add(line.key);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      invalid(`${at}.quantity must be an integer >= 1, got ${line.quantity}`);
    }
    checkFen(line.unitPriceFen, `${at}.unitPriceFen`);
    checkFen(line.listPriceFen, `${at}.listPriceFen`);
    if (line.memberPriceFen != null) checkFen(line.memberPriceFen, `${at}.memberPriceFen`);
    if (typeof line.category !== 'string') invalid(`${at}.category must be a string`);
    orderSubtotal += line.unitPriceFen * line.quantity;
    if (!Number.isSafeInteger(orderSubtotal)) invalid('order subtotal is too large');
  });
  if (typeof input.isMember !== 'boolean') invalid('isMember must be a boolean');

  if (!Array.isArray(input.fullReductions)) invalid('fullReductions must be an array');
  input.fullReductions.forEach((rule, i) => {
    if (!Array.isArray(rule.tiers)) invalid(`fullReductions[${i}].tiers must be an array`);
    rule.tiers.forEach((tier, j) => {
      checkFen(tier.thresholdFen, `fullReductions[${i}].tiers[${j}].thresholdFen`);
      checkFen(tier.discountFen, `fullReductions[${i}].tiers[${j}].discountFen`);
    });
    if (rule.categories != null && !Array.isArray(rule.categories)) {
      invalid(`fullReductions[${i}].categories must be an array or null`);
    }
  });

  const coupon = input.coupon;
  if (coupon != null) {
    checkFen(coupon.thresholdFen, 'coupon.thresholdFen');
    if (coupon.kind === 'amount') {
      checkFen(coupon.discountFen, 'coupon.discountFen');
    } else if (coupon.kind === 'percent') {
      checkFen(coupon.percentOffBps, 'coupon.percentOffBps');
      if (coupon.percentOffBps > 10_000) invalid('coupon.percentOffBps must be <= 10000');
      if (coupon.maxDiscountFen != null) checkFen(coupon.maxDiscountFen, 'coupon.maxDiscountFen');
    } else {
      invalid(`unknown coupon kind ${String((coupon as { kind: unknown }).kind)}`);
    }
  }

  checkFen(input.pointsRequested, 'pointsRequested');
  checkFen(input.pointsBalance, 'pointsBalance');
}

// ---------------------------------------------------------------------------------------------
// Full-reduction (满减)

interface RuleEvaluation {
  rule: FullReductionRule;
  inScope: boolean[];
  inScopeSubtotalFen: number;
  /** Discount this rule would give (highest tier met, capped at the in-scope subtotal). */
  discountFen: number;
}

function evaluateRule(rule: FullReductionRule, lines: { category: string; subtotalFen: number }[]): RuleEvaluation {
  const scope = rule.categories && rule.categories.length > 0 ? new Set(rule.categories) : null;
  const inScope = lines.map((l) => scope === null || scope.has(l.category));
  const inScopeSubtotalFen = lines.reduce((sum, l, i) => (inScope[i] ? sum + l.subtotalFen : sum), 0);
  // "Highest tier met" = the largest threshold reached (tiers need not be sorted; on equal
  // thresholds take the bigger discount).
  let best: { thresholdFen: number; discountFen: number } | null = null;
  for (const tier of rule.tiers) {
    if (tier.thresholdFen > inScopeSubtotalFen) continue;
    if (
      best === null ||
      tier.thresholdFen > best.thresholdFen ||
      (tier.thresholdFen === best.thresholdFen && tier.discountFen > best.discountFen)
    ) {
      best = tier;
    }
  }
  const discountFen = best === null ? 0 : Math.min(best.discountFen, inScopeSubtotalFen);
  return { rule, inScope, inScopeSubtotalFen, discountFen };
}

/** The lowest unreached tier of a rule that would beat `currentDiscountFen`, if any. */
function nextTierOf(ev: RuleEvaluation, currentDiscountFen: number): NextFullReduction | null {
  let next: NextFullReduction | null = null;
  for (const tier of ev.rule.tiers) {
    if (tier.thresholdFen <= ev.inScopeSubtotalFen || tier.discountFen <= currentDiscountFen) continue;
    if (next === null || tier.thresholdFen < next.thresholdFen) {
      next = {
        thresholdFen: tier.thresholdFen,
        discountFen: tier.discountFen,
        missingFen: tier.thresholdFen - ev.inScopeSubtotalFen,
        ...(ev.rule.categories?.length ? { categories: [...ev.rule.categories] } : {}),
      };
    }
  }
  return next;
}

/**
 * 凑单 hint: the next tier of the applied rule if it has one; otherwise the cheapest-to-reach
 * tier of any rule that would give more than the current discount (ties: first rule).
 */
function nextFullReductionHint(
  evaluations: RuleEvaluation[],
  applied: RuleEvaluation | null,
): NextFullReduction | null {
  const current = applied?.discountFen ?? 0;
  if (applied) {
    const next = nextTierOf(applied, current);
    if (next) return next;
  }
  let best: NextFullReduction | null = null;
  for (const ev of evaluations) {
    const next = nextTierOf(ev, current);
    if (next && (best === null || next.missingFen < best.missingFen)) best = next;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Engine

function couponDiscountFen(coupon: CouponRule, baseFen: number): number {
  if (coupon.kind === 'amount') return Math.min(coupon.discountFen, baseFen);
  // BigInt: baseFen × 10000 can exceed 2^53 for large orders.
  const raw = Number((BigInt(baseFen) * BigInt(coupon.percentOffBps)) / 10_000n);
  return coupon.maxDiscountFen == null ? raw : Math.min(raw, coupon.maxDiscountFen);
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export function priceOrder(input: PriceInput): PricedOrder {
  validate(input);

  // 1. Line prices.
  const base = input.lines.map((line) => {
    const memberApplies =
      input.isMember && typeof line.memberPriceFen === 'number' && line.memberPriceFen < line.unitPriceFen;
    const unitPriceFen = memberApplies ? (line.memberPriceFen as number) : line.unitPriceFen;
    return {
      line,
      unitPriceFen,
      memberDiscountFen: (line.unitPriceFen - unitPriceFen) * line.quantity,
      subtotalFen: unitPriceFen * line.quantity,
      category: line.category,
    };
  });
  const subtotalFen = sum(base.map((b) => b.subtotalFen));

  // 2. Full-reduction: the rule with the largest discount wins (ties: first in the array).
  const evaluations = input.fullReductions.map((rule) => evaluateRule(rule, base));
  let best: RuleEvaluation | null = null;
  for (const ev of evaluations) {
    if (ev.discountFen > 0 && (best === null || ev.discountFen > best.discountFen)) best = ev;
  }
  const coupon = input.coupon ?? null;
  // An explicitly chosen non-stackable coupon wins over full-reduction.
  const couponExcludesFullReduction = coupon !== null && !coupon.stackableWithFullReduction;
  const applied = couponExcludesFullReduction ? null : best;
  const fullReductionFen = applied?.discountFen ?? 0;
  const fullReductionShares = applied
    ? allocateByWeight(
        fullReductionFen,
        base.map((b, i) => (applied.inScope[i] ? b.subtotalFen : 0)),
      )
    : base.map(() => 0);
  const afterFullReduction = base.map((b, i) => b.subtotalFen - fullReductionShares[i]);
  const amountAfterFullReduction = subtotalFen - fullReductionFen;

  // 3. Coupon: threshold checked against the amount after full-reduction (= subtotal when not stacking).
  let couponFen = 0;
  if (coupon !== null) {
    if (amountAfterFullReduction < coupon.thresholdFen) {
      throw new PricingError(
        'COUPON_UNAVAILABLE',
        `coupon ${coupon.id} needs ${coupon.thresholdFen} fen, order amount is ${amountAfterFullReduction} fen`,
        coupon.thresholdFen - amountAfterFullReduction,
      );
    }
    couponFen = couponDiscountFen(coupon, amountAfterFullReduction);
  }
  // couponFen <= amountAfterFullReduction = sum of weights, so no line gets more than it has left.
  const couponShares = allocateByWeight(couponFen, afterFullReduction);
  const afterCoupon = afterFullReduction.map((amount, i) => amount - couponShares[i]);
  const amountAfterCoupon = amountAfterFullReduction - couponFen;

  // 4. Points: 1 point = 1 fen, at most 50 % of what is left to pay.
  const pointsUsed = Math.min(input.pointsRequested, input.pointsBalance, Math.floor(amountAfterCoupon / 2));
  const pointsShares = allocateByWeight(pointsUsed, afterCoupon);

  // 5. Lines and totals.
  const lines: PricedLine[] = base.map((b, i) => {
    const discountFen = fullReductionShares[i] + couponShares[i] + pointsShares[i];
    return {
      key: b.line.key,
      quantity: b.line.quantity,
      listPriceFen: b.line.listPriceFen,
      unitPriceFen: b.unitPriceFen,
      memberDiscountFen: b.memberDiscountFen,
      subtotalFen: b.subtotalFen,
      fullReductionFen: fullReductionShares[i],
      couponFen: couponShares[i],
      pointsFen: pointsShares[i],
      discountFen,
      paidFen: b.subtotalFen - discountFen,
    };
  });

  return {
    lines,
    subtotalFen,
    memberDiscountFen: sum(base.map((b) => b.memberDiscountFen)),
    fullReductionFen,
    fullReductionId: applied?.rule.id ?? null,
    couponFen,
    couponId: coupon?.id ?? null,
    pointsUsed,
    pointsFen: pointsUsed,
    totalFen: amountAfterCoupon - pointsUsed,
    // Reaching another tier cannot help while a non-stackable coupon switches full-reduction off.
    nextFullReduction: couponExcludesFullReduction ? null : nextFullReductionHint(evaluations, applied),
    fullReductionSkippedForCoupon: couponExcludesFullReduction && best !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Choosing a coupon

export type CouponChoice =
  | { couponId: string; applicable: true; couponFen: number; fullReductionFen: number; totalFen: number }
  /** missingFen: how much more the order must come to before the coupon may be used. */
  | { couponId: string; applicable: false; missingFen: number };

/**
 * Prices the order once with each of the customer's coupons, by priceOrder itself, so the choice
 * the shop offers is exactly what the order will cost. The best coupon is the one leaving the
 * least to pay before points (points never change which coupon is cheapest: they only take up to
 * half of what is left); ties go to the coupon listed first (the caller lists the soonest to
 * expire first). A coupon that saves nothing against no coupon at all — a non-stackable coupon
 * worth less than the full-reduction it switches off — is never chosen for the customer.
 */
export function chooseCoupon(
  input: Omit<PriceInput, 'coupon' | 'pointsRequested'>,
  coupons: CouponRule[],
): { withoutCouponFen: number; bestCouponId: string | null; choices: CouponChoice[] } {
  const plain = { ...input, pointsRequested: 0 };
  const withoutCouponFen = priceOrder({ ...plain, coupon: null }).totalFen;
  let best: { id: string; totalFen: number } | null = null;
  const choices = coupons.map((coupon): CouponChoice => {
    try {
      const priced = priceOrder({ ...plain, coupon });
      if (priced.totalFen < (best?.totalFen ?? withoutCouponFen)) best = { id: coupon.id, totalFen: priced.totalFen };
      return {
        couponId: coupon.id,
        applicable: true,
        couponFen: priced.couponFen,
        fullReductionFen: priced.fullReductionFen,
        totalFen: priced.totalFen,
      };
    } catch (err) {
      if (err instanceof PricingError && err.missingFen !== undefined)
        return { couponId: coupon.id, applicable: false, missingFen: err.missingFen };
      throw err;
    }
  });
  return { withoutCouponFen, bestCouponId: (best as { id: string } | null)?.id ?? null, choices };
}
