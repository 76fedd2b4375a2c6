/**
 * Pure fulfilment arithmetic. The cutoff and receiving flows do the same computations in SQL
 * (set-based, over millions of lines); these functions are the reference the SQL is tested
 * against and the place where the rules are written down once.
 */

/** Units taken from free warehouse stock: as many as there are, never more than the demand. */
export function fromStock(demand: number, freeStock: number): number {
  return Math.max(0, Math.min(demand, freeStock));
}

/**
 * Units to order from the supplier: what stock does not cover, rounded up to whole packs.
 * SQL: ceil((demand - from_stock)::numeric / pack_size)::int * pack_size
 */
export function orderQuantity(demand: number, stockUnits: number, packSize: number): number {
  if (!Number.isSafeInteger(packSize) || packSize < 1) throw new RangeError(`packSize must be an integer >= 1, got ${packSize}`);
  const needed = demand - stockUnits;
  if (needed <= 0) return 0;
  return Math.ceil(needed / packSize) * packSize;
}

export interface PlanLine {
  demand: number;
  fromStock: number;
  quantity: number;
  /** units that will be left over after receiving everything ordered (pack rounding) */
  surplus: number;
}

export function planPurchase(demand: number, freeStock: number, packSize: number): PlanLine {
  const stock = fromStock(demand, freeStock);
  const quantity = orderQuantity(demand, stock, packSize);
  return { demand, fromStock: stock, quantity, surplus: stock + quantity - demand };
}

export interface ClaimLine {
  id: string;
  /** payment time in ms; earlier payers are served first */
  paidAt: number;
  orderId: string;
  /** units the line still needs (quantity minus units already claimed by refunds) */
  needed: number;
}

export interface Allocation {
  id: string;
  allocated: number;
  short: number;
}

/**
 * First come, first served by payment time (ties by order id, then line id): each line gets
 * what is left after every earlier line is served in full. The SQL form is the running sum
 * `sum(needed) over (order by paid_at, order_id, id)`: allocated = clamp(available - before, 0, needed).
 */
export function allocateByPaymentTime(lines: ClaimLine[], available: number): Allocation[] {
  const ordered = [...lines].sort((a, b) =>
    a.paidAt - b.paidAt || cmp(a.orderId, b.orderId) || cmp(a.id, b.id));
  let before = 0;
  return ordered.map((l) => {
    const allocated = Math.max(0, Math.min(l.needed, available - before));
    before += l.needed;
    return { id: l.id, allocated, short: l.needed - allocated };
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Expiry of a received lot: the date given, else received date + shelf life, else none. */
export function lotExpiry(receivedOn: string, shelfLifeDays: number | null, given?: string | null): string | null {
  if (given) return given;
  if (shelfLifeDays === null || shelfLifeDays === undefined) return null;
  const [y, m, d] = receivedOn.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + shelfLifeDays)).toISOString().slice(0, 10);
}
