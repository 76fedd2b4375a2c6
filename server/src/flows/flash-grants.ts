/**
 * Which requests of a flash-deal batch get their units (pure; flows/flash-lane.ts does the I/O).
 * Requests are decided in arrival order: first come, first served.
 */

export interface DealState {
  /** units still for sale */
  remaining: number;
  perCustomerLimit: number | null;
  /** units each buyer already holds of this deal, by user id */
  holdings: Map<string, number>;
}

export interface GrantRequest {
  userId: string;
  quantity: number;
  /** the Idempotency-Key, if any */
  key?: string;
  /** for the ordinary path: a key that already answered (its answer is replayed), or an order the lane could not price */
  elsewhere: boolean;
}

export type Decision =
  | { kind: 'granted' }
  | { kind: 'out_of_stock'; remaining: number }
  | { kind: 'limit_exceeded'; limit: number }
  /** answered by the ordinary path: see `elsewhere`, and a second request with a key already in this batch */
  | { kind: 'elsewhere' };

export function grantInOrder(deal: DealState, requests: GrantRequest[]): Decision[] {
  let remaining = deal.remaining;
  const held = new Map(deal.holdings);
  const keysInBatch = new Set<string>();
  return requests.map((r): Decision => {
    if (r.key !== undefined) {
      const id = `${r.userId}/${r.key}`;
      // the first request with this key decides; its twin replays that answer once it is stored
      if (keysInBatch.has(id)) return { kind: 'elsewhere' };
      keysInBatch.add(id);
    }
    if (r.elsewhere) return { kind: 'elsewhere' };
    const holding = held.get(r.userId) ?? 0;
    if (deal.perCustomerLimit !== null && holding + r.quantity > deal.perCustomerLimit) {
      return { kind: 'limit_exceeded', limit: deal.perCustomerLimit };
    }
    // a request too large for what is left is refused; a later, smaller one may still fit
    if (r.quantity > remaining) return { kind: 'out_of_stock', remaining };
    remaining -= r.quantity;
    held.set(r.userId, holding + r.quantity);
    return { kind: 'granted' };
  });
}
