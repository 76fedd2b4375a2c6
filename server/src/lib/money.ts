/**
 * Money helpers. All amounts are integer fen (1 yuan = 100 fen); no floating-point money math.
 * Products that may exceed 2^53 (e.g. 1e12 fen × a weight) are computed with BigInt.
 */

function assertNonNegativeInt(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/**
 * Split `totalFen` across `weights` proportionally, using largest-remainder rounding:
 * every share is first floored, then the leftover fen go one each to the largest fractional
 * remainders (ties → lower index). The result always sums to exactly `totalFen`.
 *
 * Guarantees: a zero weight gets 0; when totalFen <= sum(weights), share_i <= weight_i
 * (a share only rounds up when total*w_i/sum is fractional, and then ceil(...) <= w_i).
 * All weights 0: returns zeros for a zero total, throws otherwise (nowhere to put the money).
 */
export function allocateByWeight(totalFen: number, weights: number[]): number[] {
  assertNonNegativeInt(totalFen, 'totalFen');
  for (const [i, w] of weights.entries()) assertNonNegativeInt(w, `weights[${i}]`);

  const sum = weights.reduce((acc, w) => acc + BigInt(w), 0n);
  if (sum === 0n) {
    if (totalFen === 0) return weights.map(() => 0);
    throw new RangeError(`cannot allocate ${totalFen} fen over all-zero weights`);
  }

  const total = BigInt(totalFen);
  const shares: number[] = [];
  const remainders: bigint[] = [];
  let allocated = 0n;
  for (const w of weights) {
    const product = total * BigInt(w);
    const share = product / sum; // BigInt division floors for non-negative operands
    shares.push(Number(share));
    remainders.push(product % sum);
    allocated += share;
  }

  // leftover < number of non-zero weights, and (since each remainder < sum and the
  // remainders add up to leftover*sum) the top `leftover` remainders are all > 0,
  // so a zero weight can never receive a leftover fen.
  const leftover = Number(total - allocated);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  for (let k = 0; k < leftover; k++) shares[order[k]] += 1;
  return shares;
}

/**
 * Refund for `refundQuantity` more units of a line that paid `paidFen` for `quantity` units,
 * `alreadyRefundedQuantity` of which were refunded before.
 *
 * Computed cumulatively — floor(paid*(r+q)/Q) - floor(paid*r/Q) — so that any sequence of partial
 * refunds covering all Q units returns exactly `paidFen` (the rounding never accumulates).
 */
export function proratedRefundFen(
  paidFen: number,
  quantity: number,
  alreadyRefundedQuantity: number,
  refundQuantity: number,
): number {
  assertNonNegativeInt(paidFen, 'paidFen');
  assertNonNegativeInt(alreadyRefundedQuantity, 'alreadyRefundedQuantity');
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be an integer >= 1, got ${quantity}`);
  }
  if (!Number.isSafeInteger(refundQuantity) || refundQuantity < 1) {
    throw new RangeError(`refundQuantity must be an integer >= 1, got ${refundQuantity}`);
  }
  if (alreadyRefundedQuantity + refundQuantity > quantity) {
    throw new RangeError(
      `cannot refund ${refundQuantity} more of ${quantity} units (${alreadyRefundedQuantity} already refunded)`,
    );
  }
  return proratedAmount(paidFen, quantity, alreadyRefundedQuantity, refundQuantity);
}

/**
 * The share of `totalFen` that `part` more of `base` carries, given `before` already taken:
 * floor(total*(before+part)/base) - floor(total*before/base). Cumulative, so parts adding up to
 * `base` take exactly `totalFen` — used for refunds by quantity and commission reversals by amount.
 */
export function proratedAmount(totalFen: number, base: number, before: number, part: number): number {
  assertNonNegativeInt(totalFen, 'totalFen');
  assertNonNegativeInt(before, 'before');
  assertNonNegativeInt(part, 'part');
  if (!Number.isSafeInteger(base) || base < 1 || before + part > base) {
    throw new RangeError(`cannot take ${part} more of ${base} (${before} taken before)`);
  }
  const total = BigInt(totalFen);
  return Number((total * BigInt(before + part)) / BigInt(base) - (total * BigInt(before)) / BigInt(base));
}

/** Format fen as yuan for display: 1230 → "¥12.30", -5 → "-¥0.05". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const abs = Math.abs(fen);
  const centsPart = abs % 100;
  // (abs - cents) / 100 is exact; Math.floor(abs / 100) can round up for huge values.
  const yuan = (abs - centsPart) / 100;
  const cents = String(centsPart).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents}`;
}
