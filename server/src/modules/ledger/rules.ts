/**
 * Commission arithmetic, pure. The ledger service does the same in SQL where it works on many
 * rows at once; these functions are the reference and are what the unit tests pin down.
 */

const BPS = 10_000;

function assertFen(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
}

/**
 * Commission a leader earns on a picked-up line: the rate on what the customer really paid for
 * it (paid minus refunded so far), floored to the fen — the platform keeps the fraction.
 */
export function commissionFen(paidFen: number, refundedFen: number, commissionBps: number): number {
  assertFen(paidFen, 'paidFen');
  assertFen(refundedFen, 'refundedFen');
  if (!Number.isSafeInteger(commissionBps) || commissionBps < 0 || commissionBps > BPS) {
    throw new RangeError(`commissionBps must be an integer in 0..10000, got ${commissionBps}`);
  }
  if (refundedFen > paidFen) throw new RangeError(`refundedFen ${refundedFen} exceeds paidFen ${paidFen}`);
  return Number((BigInt(paidFen - refundedFen) * BigInt(commissionBps)) / BigInt(BPS));
}

/**
 * How much of a line's commission a refund takes back. The commission still standing
 * (`remainingCommissionFen`: earned minus earlier reversals) belongs to the value still kept
 * (`remainingValueFen`: paid minus refunded before this refund), so the refund takes its
 * proportional share, floored; refunding everything that is left takes exactly what is left.
 * Hence the reversals of a line never add up to more than its commission, and a full refund
 * always nets it to zero — whatever partial refunds happened before or after the pickup.
 */
export function reversalFen(remainingCommissionFen: number, remainingValueFen: number, refundFen: number): number {
  assertFen(remainingCommissionFen, 'remainingCommissionFen');
  assertFen(remainingValueFen, 'remainingValueFen');
  assertFen(refundFen, 'refundFen');
  if (remainingCommissionFen === 0 || refundFen === 0) return 0;
  if (refundFen >= remainingValueFen) return remainingCommissionFen;
  return Number((BigInt(remainingCommissionFen) * BigInt(refundFen)) / BigInt(remainingValueFen));
}
