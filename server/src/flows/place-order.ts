import { isUniqueViolation, type Db } from '../db/client.js';
import { AppError, limitExceeded, outOfStock } from '../lib/errors.js';
import { idempotent, requestHashOf, validKey } from '../lib/idempotency.js';
import type { SoldOutCache } from '../lib/sold-out.js';
import type { OrderView } from '../modules/orders/service.js';
import { KeyAlreadyUsed, placeOrder, type CheckoutInput, type PlaceOrderOptions } from './checkout.js';
import { laneShaped, type FlashLane } from './flash-lane.js';

/** What placing an order needs of the process: the database, the expiry settings, the sold-out memory and the flash lane. */
export interface Placement {
  db: Db;
  config: PlaceOrderOptions;
  soldOut: SoldOutCache;
  flashLane: FlashLane;
}

/**
 * Places a customer's order (`POST /orders`) the cheapest way that is still exact, and returns it,
 * or returns the refusals a flash sale answers thousands of times a second (out of stock, over the
 * limit) so they can be sent without the cost of a thrown error. Every other refusal is thrown.
 *
 * `buyer` signs the customer in. It is called only once the answer depends on who asks: a deal this
 * process knows to be sold out is answered from memory first (decision 009) — the answer is the same
 * for every buyer and public (the deal list shows none left), and the thousands pressing "buy" after
 * the last unit cost no database read. A retry with an Idempotency-Key might be a replay of an order
 * that got its unit, so it is looked up instead.
 */
export async function placeCustomerOrder(
  p: Placement,
  buyer: () => Promise<{ id: string }>,
  input: CheckoutInput,
  key: string | undefined,
): Promise<OrderView | AppError> {
  const soldOut = key === undefined ? p.soldOut.find(input.items.map((i) => i.campaignItemId)) : undefined;
  if (soldOut) return outOfStock({ campaignItemId: soldOut, remaining: 0 });
  const user = await buyer();
  try {
    // Flash deals (秒杀) are sold in batches by the lane; what it does not take goes the ordinary way.
    if (laneShaped(input) && (key === undefined || validKey(key))) {
      const lane = await p.flashLane.submit(p.db, {
        userId: user.id,
        input,
        idempotency: key === undefined ? undefined : { key, requestHash: requestHashOf(input) },
      });
      const campaignItemId = input.items[0].campaignItemId;
      if (lane.kind === 'placed') return lane.order;
      if (lane.kind === 'out_of_stock') {
        if (lane.remaining === 0) p.soldOut.mark(campaignItemId);
        return outOfStock({ campaignItemId, remaining: lane.remaining });
      }
      if (lane.kind === 'limit_exceeded')
        return limitExceeded('More than the per-customer limit', { campaignItemId, limit: lane.limit });
    }
    // An order is one atomic statement (shared with the orders arriving at the same time), which
    // stores its Idempotency-Key with it. A key used before — a retry, or a reuse with another
    // request, also one racing in from a simultaneous request — and an invalid key are answered
    // by the key-first transaction: the stored order, a conflict, or the validation error.
    if (key === undefined || validKey(key)) {
      try {
        return await placeOrder(
          p.db,
          user.id,
          input,
          p.config,
          key === undefined ? undefined : { key, requestHash: requestHashOf(input) },
        );
      } catch (err) {
        if (key === undefined || !(err instanceof KeyAlreadyUsed || isUniqueViolation(err))) throw err;
      }
    }
    // Only orders are stored under the 'order' scope, always with their 201: the body is the order.
    const result = await idempotent(p.db, { userId: user.id, scope: 'order', key, request: input }, async (tx) => ({
      status: 201,
      body: await placeOrder(tx, user.id, input, p.config),
    }));
    return result.body;
  } catch (err) {
    if (err instanceof AppError && err.code === 'OUT_OF_STOCK' && err.details?.remaining === 0) {
      p.soldOut.mark(String(err.details.campaignItemId));
    }
    throw err;
  }
}
