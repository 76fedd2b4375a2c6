import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import {
  AppError,
  couponUnavailable,
  invalidState,
  pointNotTargeted,
  pointOutsideRegion,
  validation,
} from '../lib/errors.js';
import { idempotent } from '../lib/idempotency.js';
import { timeOrderedUuid } from '../lib/ids.js';
import { iso } from '../lib/time.js';
import { priceDay, type PricedDay } from '../modules/pricing/day-checkout.js';
import { chooseCoupon, PricingError, type CouponRule, type PricedOrder } from '../modules/pricing/rules.js';
import { usableCoupon, usableCoupons } from '../modules/promotions/service.js';
import type { OrderView, PriceFigures } from '../modules/orders/service.js';
import {
  priceInputOf,
  readOrders,
  writeOrders,
  type BuyerColumns,
  type CheckoutInput,
  type ItemRow,
  type PlaceOrderOptions,
  type Prepared,
} from './checkout.js';

/**
 * One checkout for a pickup day (decision 032): the lines of several campaigns collected on the
 * same date at the same point are priced as one cart (priceDay) and written as one order per
 * campaign with their payment group, in the one statement every order write uses (writeOrders):
 * the same conditional takes of quota, limits, coupon and points, all or nothing.
 */

export const pickupDatesDiffer = (dates: string[]) =>
  new AppError('PICKUP_DATES_DIFFER', 400, 'Deals collected on different days are checked out separately', {
    field: 'items',
    pickupDates: dates,
  });

interface PreparedDay {
  day: PricedDay;
  items: (ItemRow & BuyerColumns)[];
  now: string;
}

/** Loads the day's deals and buyer in the read orders use, checks them and prices the day; writes nothing. */
async function prepareDay(db: Db, userId: string, input: CheckoutInput): Promise<PreparedDay> {
  const ids = input.items.map((l) => l.campaignItemId);
  if (new Set(ids).size !== ids.length) throw validation('Each deal may appear once per order', { field: 'items' });
  const [found] = await readOrders(db, [{ userId, input }], false);
  const items = found.items;
  checkDayOrderable(items, input);
  const coupon = input.couponId ? await usableCoupon(db, userId, input.couponId) : null;
  return { day: priceDayOf(items, input, coupon), items, now: found.now };
}

function priceDayOf(items: (ItemRow & BuyerColumns)[], input: CheckoutInput, coupon: CouponRule | null): PricedDay {
  const campaignOf = new Map(items.map((i) => [i.id, i.campaign_id]));
  const base = priceInputOf(items, input);
  try {
    return priceDay({
      ...base,
      coupon,
      lines: base.lines.map((l) => ({ ...l, campaignId: campaignOf.get(l.key)! })),
    });
  } catch (err) {
    if (err instanceof PricingError) {
      throw err.code === 'COUPON_UNAVAILABLE' ? couponUnavailable(err.message) : validation(err.message);
    }
    throw err;
  }
}

/** The refusals that do not depend on money, for every campaign of the day, and one pickup date for all. */
function checkDayOrderable(items: (ItemRow & BuyerColumns)[], input: CheckoutInput) {
  const ids = input.items.map((i) => i.campaignItemId);
  if (items.length !== ids.length) {
    throw validation('Unknown deal', { campaignItemIds: ids.filter((i) => !items.some((r) => r.id === i)) });
  }
  if (!items[0].point_exists) throw validation('Unknown pickup point', { field: 'pickupPointId' });
  const dates = [...new Set(items.map((i) => i.pickup_date))].sort();
  if (dates.length > 1) throw pickupDatesDiffer(dates);
  if (items.some((i) => !i.point_in_region)) throw pointOutsideRegion();
  if (items.some((i) => !i.point_targeted)) throw pointNotTargeted();
  const closed = items.filter((i) => !i.campaign_open);
  if (closed.length)
    throw invalidState('This campaign is not open for orders (cut off or not started)', {
      campaignIds: [...new Set(closed.map((i) => i.campaign_id))],
    });
  const notOnSale = items.filter((i) => !i.sale_open);
  if (notOnSale.length)
    throw invalidState('This deal is not on sale yet', { campaignItemIds: notOnSale.map((i) => i.id) });
}

const figures = (p: Pick<PricedOrder, 'subtotalFen' | 'memberDiscountFen' | 'fullReductionFen' | 'couponFen'>) => ({
  subtotalFen: p.subtotalFen,
  memberDiscountFen: p.memberDiscountFen,
  fullReductionFen: p.fullReductionFen,
  couponFen: p.couponFen,
});

/** The day priced as the customer would pay it now, with what each campaign's order would come to; nothing written. */
export async function quoteDay(db: Db, userId: string, input: CheckoutInput) {
  const { day } = await prepareDay(db, userId, input);
  const campaignOf = new Map(day.orders.flatMap((o) => o.lines.map((l) => [l.key, o.campaignId])));
  return {
    ...day.priced,
    lines: day.priced.lines.map(({ key, ...line }) => ({
      campaignItemId: key,
      campaignId: campaignOf.get(key)!,
      ...line,
    })),
    orders: day.orders.map((o) => ({
      campaignId: o.campaignId,
      ...figures(o),
      pointsUsed: o.pointsUsed,
      pointsFen: o.pointsFen,
      totalFen: o.totalFen,
    })),
  };
}

/** The day's cart priced with each coupon the customer holds, as /checkout/coupons does for one campaign. */
export async function dayCouponChoices(db: Db, userId: string, input: Omit<CheckoutInput, 'couponId' | 'pointsToUse'>) {
  const [{ items }, coupons] = await Promise.all([prepareDay(db, userId, input), usableCoupons(db, userId)]);
  return chooseCoupon(priceInputOf(items, input), coupons);
}

export interface DayView extends PriceFigures {
  id: string;
  status: 'pending_payment' | 'paid';
  pickupPointId: string;
  pickupDate: string;
  createdAt: string;
  expiresAt: string;
  orders: OrderView[];
}

/**
 * Places the day: one order per campaign and their payment group, or nothing. With an
 * Idempotency-Key the write runs after the key is claimed in the same transaction (lib/idempotency),
 * so a retry answers the stored day and a simultaneous duplicate waits for it.
 */
export async function placeDay(
  db: Db,
  userId: string,
  input: CheckoutInput,
  opts: PlaceOrderOptions,
  key: string | undefined,
): Promise<DayView> {
  if (key === undefined) return writeDay(db, userId, input, opts);
  const result = await idempotent(db, { userId, scope: 'day', key, request: input }, async (tx) => ({
    status: 201,
    body: await writeDay(tx, userId, input, opts),
  }));
  return result.body;
}

async function writeDay(db: Db, userId: string, input: CheckoutInput, opts: PlaceOrderOptions): Promise<DayView> {
  const { day, items, now } = await prepareDay(db, userId, input);
  const seqs = await rows<{ seq: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('orders', 'seq'))::int8 as seq from generate_series(1, ${day.orders.length}::int) order by 1`,
  );
  const createdAt = iso(now)!;
  // the day's orders expire together: at the soonest of their own expiries (a flash deal's is shorter)
  const minutes = Math.min(
    ...day.orders.map((o) =>
      o.lines.some((l) => items.find((i) => i.id === l.key)!.is_flash)
        ? opts.flashUnpaidExpiryMinutes
        : opts.unpaidExpiryMinutes,
    ),
  );
  const expiresAt = new Date(Date.parse(createdAt) + minutes * 60_000).toISOString();
  const orderIds = day.orders.map(() => timeOrderedUuid());
  const group = {
    id: timeOrderedUuid(),
    userId,
    pickupPointId: input.pickupPointId,
    pickupDate: items[0].pickup_date,
    firstOrderId: orderIds[0],
    totalFen: day.priced.totalFen,
    createdAt,
    expiresAt,
  };
  const orders = day.orders.map((o, k) => {
    const ids = new Set(o.lines.map((l) => l.key));
    const own = items.filter((i) => ids.has(i.id));
    const prepared: Prepared = {
      priced: {
        ...day.priced,
        lines: o.lines,
        ...figures(o),
        fullReductionId: o.fullReductionFen > 0 ? day.priced.fullReductionId : null,
        pointsUsed: o.pointsUsed,
        pointsFen: o.pointsFen,
        totalFen: o.totalFen,
      },
      items: own,
      campaignId: o.campaignId,
      regionId: own[0].region_id,
    };
    return {
      userId,
      input: { ...input, items: input.items.filter((l) => ids.has(l.campaignItemId)) },
      opts,
      orderId: orderIds[k],
      prepared: { ...prepared, seq: Number(seqs[k].seq), now },
    };
  });
  const views = await writeOrders(db, orders, group);
  return {
    id: group.id,
    status: views[0].status === 'paid' ? 'paid' : 'pending_payment',
    pickupPointId: input.pickupPointId,
    pickupDate: group.pickupDate,
    ...figures(day.priced),
    couponId: day.priced.couponId,
    pointsUsed: day.priced.pointsUsed,
    pointsFen: day.priced.pointsFen,
    totalFen: day.priced.totalFen,
    createdAt,
    expiresAt,
    orders: views,
  };
}
