import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import { AppError } from '../lib/errors.js';
import { DEFAULT_TIME_ZONE } from '../lib/time.js';
import { placeOrder } from '../flows/checkout.js';
import { applyPaymentNotification, startPayment } from '../modules/payments/service.js';
import type { Leader } from '../modules/leaders/service.js';
import { DEFAULT_REGION_ID } from '../modules/network/service.js';
import {
  catalogSpec,
  CITIES,
  cityCatalog,
  customerActivity,
  generateBasket,
  Rng,
  type CitySpec,
  type DealSpec,
  type ProductSpec,
} from './data.js';

/** The simulated customers: who they are, what they hold, and how they order and pay — always through the services. */

export interface World {
  products: (ProductSpec & { id: string })[];
  leaders: Map<string, Leader>;
  customers: { id: string; pickupPointId: string }[];
  /** how often each customer shops (heavy-tailed) */
  activity: number[];
  regionId: string;
  regionName: string;
  timeZone: string;
}

/**
 * The demo city a region stands for: by its name, and the default region is the first city
 * whatever it is called. Undefined for a region the demo did not make.
 */
export function cityOf(region: { id: string; name: string }): CitySpec | undefined {
  return CITIES.find((c) => c.name === region.name) ?? (region.id === DEFAULT_REGION_ID ? CITIES[0] : undefined);
}

/** A separate random stream per city, the first city's being the seed's own. */
export function citySeed(seed: number, cityIndex: number): number {
  return cityIndex <= 0 ? seed : (seed ^ Math.imul(cityIndex + 1, 0x85ebca6b)) >>> 0;
}

/**
 * What the simulator needs from the database about one region (its products, leaders and
 * customers); prices and popularity of known demo products come from data.ts, as the region's
 * city sells them (a product only another city sells is left out).
 */
export async function loadWorld(db: Db, seed: number, regionId: string = DEFAULT_REGION_ID): Promise<World> {
  const region = await one<{ id: string; name: string; time_zone: string }>(
    db,
    sql`select id, name, time_zone from regions where id = ${regionId}`,
  );
  if (!region) throw new Error(`No region ${regionId}`);
  const city = cityOf(region);
  const all = catalogSpec();
  const sold = new Map(
    (city ? cityCatalog(city, all) : all.filter((p) => p.only === undefined)).map((p) => [p.name, p]),
  );
  const known = new Set(all.map((p) => p.name));
  const products = (
    await rows<{
      id: string;
      name: string;
      category: string;
      unit: string;
      list_price_fen: number;
      cost_fen: number;
      temperature_zone: ProductSpec['temperatureZone'];
      shelf_life_days: number | null;
      pack_size: number;
    }>(
      db,
      sql`
    select id, name, category, unit, list_price_fen, cost_fen, temperature_zone, shelf_life_days, pack_size from products order by created_at, id`,
    )
  )
    .filter((p) => sold.has(p.name) || !known.has(p.name))
    .map((p) => {
      const spec = sold.get(p.name);
      return {
        id: p.id,
        name: p.name,
        category: p.category,
        supplier: 0,
        unit: p.unit,
        listPriceFen: p.list_price_fen,
        priceFen: spec?.priceFen ?? Math.round((p.list_price_fen * 80) / 100),
        costFen: p.cost_fen,
        temperatureZone: p.temperature_zone,
        shelfLifeDays: p.shelf_life_days ?? 7,
        packSize: p.pack_size,
        popularity: spec?.popularity ?? 2,
      };
    });
  const leaders = await rows<Leader>(
    db,
    sql`
    select id, user_id as "userId", pickup_point_id as "pickupPointId", commission_bps as "commissionBps"
    from leaders l where status = 'active'
      and exists (select 1 from pickup_points p where p.id = l.pickup_point_id and p.region_id = ${regionId})`,
  );
  const customers = await rows<{ id: string; pickupPointId: string }>(
    db,
    sql`
    select u.id, u.pickup_point_id as "pickupPointId" from users u join pickup_points p on p.id = u.pickup_point_id
    where p.region_id = ${regionId} and not ('admin' = any(u.roles)) and not ('leader' = any(u.roles)) order by u.phone`,
  );
  if (!products.length || !customers.length)
    throw new Error('Simulating needs products and customers bound to pickup points (run the demo set-up first)');
  const activity = customerActivity(new Rng(seed).fork(7), customers.length);
  // The first customer by phone is the demo login (see sampleBuyers).
  activity[0] = Math.max(...activity);
  return {
    products,
    customers,
    activity,
    regionId,
    regionName: region.name,
    timeZone: region.time_zone ?? DEFAULT_TIME_ZONE,
    leaders: new Map(leaders.map((l) => [l.pickupPointId, l])),
  };
}

/**
 * The day's buyers: weighted sampling without replacement — regulars are likely, everyone is
 * possible. The demo login (the first customer) buys every day, so its account and its leader's
 * ledger have history however small the demo.
 */
export function sampleBuyers(rng: Rng, world: World, count: number) {
  const keyed = world.customers.map((c, i) => {
    const key = rng.next() ** (1 / world.activity[i]);
    return { c, key: i === 0 ? Number.POSITIVE_INFINITY : key };
  });
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, Math.min(count, keyed.length)).map((k) => k.c);
}

export interface Wallet {
  coupons: { id: string; thresholdFen: number }[];
  points: number;
}

/** Coupons and points the day's buyers hold (read once per day). */
export async function loadWallets(db: Db, userIds: string[]): Promise<Map<string, Wallet>> {
  const wallets = new Map<string, Wallet>();
  if (!userIds.length) return wallets;
  const ids = sql.join(
    userIds.map((u) => sql`${u}`),
    sql`, `,
  );
  for (const u of await rows<{ id: string; points_balance: number }>(
    db,
    sql`select id, points_balance from users where id in (${ids})`,
  )) {
    wallets.set(u.id, { coupons: [], points: u.points_balance });
  }
  const coupons = await rows<{ id: string; user_id: string; threshold_fen: number }>(
    db,
    sql`
    select c.id, c.user_id, t.threshold_fen from coupons c join coupon_templates t on t.id = c.template_id
    where c.user_id in (${ids}) and c.status = 'available' and t.status = 'active' and t.valid_from <= now() and t.valid_to > now()`,
  );
  for (const c of coupons) wallets.get(c.user_id)?.coupons.push({ id: c.id, thresholdFen: c.threshold_fen });
  return wallets;
}

const ERRORS_TO_RETRY = new Set(['OUT_OF_STOCK', 'LIMIT_EXCEEDED', 'COUPON_UNAVAILABLE']);

/**
 * Places one customer's basket through checkout (coupon when it qualifies, points now and
 * then); deals that sold out or hit a limit meanwhile are dropped and it tries again.
 */
export async function placeBasket(
  db: Db,
  config: Config,
  rng: Rng,
  buyer: { id: string; pickupPointId: string },
  deals: readonly DealSpec[],
  itemIds: readonly string[],
  world: World,
  wallet: Wallet | undefined,
): Promise<{ id: string; number: string } | null> {
  let lines = generateBasket(rng, deals, world.products).map((l) => ({
    campaignItemId: itemIds[l.deal],
    quantity: l.quantity,
    priceFen: deals[l.deal].priceFen,
  }));
  const subtotal = lines.reduce((s, l) => s + l.priceFen * l.quantity, 0);
  const coupon = wallet?.coupons.find((c) => c.thresholdFen <= subtotal);
  let couponId = coupon && rng.chance(0.8) ? coupon.id : undefined;
  let pointsToUse = wallet && wallet.points >= 500 && rng.chance(0.2) ? Math.min(wallet.points, 500) : undefined;
  for (let attempt = 0; attempt < 3 && lines.length; attempt++) {
    try {
      // as the checkout route does: one atomic statement, shared with the orders placed at the same time
      const placed = await placeOrder(
        db,
        buyer.id,
        {
          pickupPointId: buyer.pickupPointId,
          items: lines.map(({ campaignItemId, quantity }) => ({ campaignItemId, quantity })),
          couponId,
          pointsToUse,
        },
        config,
      );
      if (couponId && wallet) wallet.coupons = wallet.coupons.filter((c) => c.id !== couponId);
      if (pointsToUse && wallet) wallet.points -= pointsToUse;
      return { id: placed.id, number: placed.number };
    } catch (err) {
      if (!(err instanceof AppError) || !ERRORS_TO_RETRY.has(err.code)) throw err;
      const bad = err.details?.campaignItemId;
      if (err.code === 'COUPON_UNAVAILABLE') couponId = undefined;
      else if (bad) lines = lines.filter((l) => l.campaignItemId !== bad);
      else if (pointsToUse) pointsToUse = undefined;
      else return null;
    }
  }
  return null;
}

/** Pays through the simulated provider: the payment starts, then the provider's notification arrives. */
export async function pay(db: Db, userId: string, orderId: string): Promise<void> {
  const payment = await startPayment(db, userId, orderId, 'simpay');
  await applyPaymentNotification(db, {
    provider: 'simpay',
    paymentId: payment.paymentId,
    orderId,
    amountFen: payment.amountFen,
    providerTxnId: `simpay-${randomUUID()}`,
  });
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
