import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import { AppError } from '../lib/errors.js';
import { addDays, businessDate, DEFAULT_TIME_ZONE, localTime } from '../lib/time.js';
import { placeOrder } from '../flows/checkout.js';
import { cancelOrder } from '../flows/cancel.js';
import { runCutoff } from '../flows/cutoff.js';
import { receivePurchaseOrder } from '../flows/receiving.js';
import { confirmArrival } from '../flows/arrival.js';
import { verifyPickup } from '../flows/pickup.js';
import { createCampaign } from '../modules/campaigns/service.js';
import { applyPaymentNotification, startPayment } from '../modules/payments/service.js';
import { dispatchRoute, listPurchaseOrders, listSortingLists } from '../modules/fulfillment/service.js';
import { decideRefund, requestAftersales, type AftersalesReason } from '../modules/aftersales/service.js';
import { settleDueCommissions } from '../modules/ledger/service.js';
import { deliverOutbox } from '../modules/outbox/service.js';
import { outboxHandlers } from '../modules/outbox/senders.js';
import { RateLimiter } from '../lib/rate-limit.js';
import type { Leader } from '../modules/leaders/service.js';
import {
  catalogSpec, customerActivity, dealsForDay, DEMO_SEED, generateBasket, minuteAtQuantile, ORDER_HOURS, ordersOnDay,
  PICKUP_HOURS, Rng, type DealSpec, type ProductSpec,
} from './data.js';
import { dbClock, fitMarks, shiftDay, type Mark } from './timeline.js';

/**
 * The history simulator: plays past order days one after another through the real flows —
 * checkout, payment notifications, cancels, cutoff, receiving (with the odd supplier
 * shortage), dispatch, arrival, pickup, after-sales — and then moves each day's rows back to
 * the date it stands for (see timeline.ts). No total is ever inserted: every amount, refund
 * and commission comes out of the services. Steps that would lie in the future (yesterday's
 * pickups this evening, say) are left undone, so the newest day looks like it does right now.
 */

export const PROF: Record<string, number> = {};
async function T<X>(k: string, f: () => Promise<X>): Promise<X> { const t = performance.now(); try { return await f(); } finally { PROF[k] = (PROF[k] ?? 0) + performance.now() - t; } }
export interface SimulateProgress { day: number; days: number; date: string; orders: number; totalOrders: number }

export interface SimulateOptions {
  days: number;
  /** base orders per order day (the trend, weekends and noise move it ±30 %) */
  ordersPerDay?: number;
  seed?: number;
  /** the last order day to simulate (YYYY-MM-DD); default: the day before today's campaign */
  lastDate?: string;
  onProgress?: (p: SimulateProgress) => void;
}

export interface SimulateResult {
  days: number; orders: number; paidOrders: number; cancelledOrders: number; pickedUpOrders: number;
  shortageRefunds: number; aftersalesRefunds: number; settledCommissions: number;
}

interface World {
  products: (ProductSpec & { id: string })[];
  leaders: Map<string, Leader>;
  customers: { id: string; pickupPointId: string }[];
  activity: number[];
  timeZone: string;
}

/** The order day whose campaign is open now: today, or tomorrow once today's 23:00 cutoff has passed. */
export function openDay(now = new Date(), timeZone = DEFAULT_TIME_ZONE): string {
  const today = businessDate(now, timeZone);
  return now >= localTime(today, '23:00', timeZone) ? addDays(today, 1) : today;
}

/** What the simulator needs from the database; prices and popularity of known demo products come from data.ts. */
async function loadWorld(db: Db, seed: number): Promise<World> {
  const specs = new Map(catalogSpec().map((p) => [p.name, p]));
  const products = (await rows<{ id: string; name: string; category: string; unit: string; list_price_fen: number; cost_fen: number;
    temperature_zone: ProductSpec['temperatureZone']; shelf_life_days: number | null; pack_size: number }>(db, sql`
    select id, name, category, unit, list_price_fen, cost_fen, temperature_zone, shelf_life_days, pack_size from products order by created_at, id`))
    .map((p) => {
      const spec = specs.get(p.name);
      return {
        id: p.id, name: p.name, category: p.category, supplier: 0, unit: p.unit, listPriceFen: p.list_price_fen,
        priceFen: spec?.priceFen ?? Math.round((p.list_price_fen * 80) / 100), costFen: p.cost_fen, temperatureZone: p.temperature_zone,
        shelfLifeDays: p.shelf_life_days ?? 7, packSize: p.pack_size, popularity: spec?.popularity ?? 2,
      };
    });
  const leaders = await rows<Leader>(db, sql`
    select id, user_id as "userId", pickup_point_id as "pickupPointId", commission_bps as "commissionBps"
    from leaders where status = 'active'`);
  const customers = await rows<{ id: string; pickupPointId: string }>(db, sql`
    select id, pickup_point_id as "pickupPointId" from users
    where pickup_point_id is not null and not ('admin' = any(roles)) and not ('leader' = any(roles)) order by phone`);
  const tz = await one<{ time_zone: string }>(db, sql`select time_zone from regions order by created_at limit 1`);
  if (!products.length || !customers.length) throw new Error('simulate needs products and customers bound to pickup points (run the demo set-up first)');
  return {
    products, customers, timeZone: tz?.time_zone ?? DEFAULT_TIME_ZONE,
    leaders: new Map(leaders.map((l) => [l.pickupPointId, l])),
    activity: regularFirst(customerActivity(new Rng(seed).fork(7), customers.length)),
  };
}

/** The first customer (the demo login, by phone order) is a regular, so that account has a real order history. */
function regularFirst(activity: number[]): number[] {
  if (activity.length) activity[0] = Math.max(...activity);
  return activity;
}

export async function simulateHistory(db: Db, config: Config, opts: SimulateOptions): Promise<SimulateResult> {
  const seed = opts.seed ?? DEMO_SEED;
  const world = await loadWorld(db, seed);
  const lastDate = opts.lastDate ?? addDays(openDay(new Date(), world.timeZone), -1);
  const total: SimulateResult = {
    days: 0, orders: 0, paidOrders: 0, cancelledOrders: 0, pickedUpOrders: 0, shortageRefunds: 0, aftersalesRefunds: 0, settledCommissions: 0,
  };
  // Historical notifications are written to the inbox but never sent again: no webhook, no log lines.
  const handlers = outboxHandlers({ ...config, notifyWebhookUrl: undefined });
  const quiet = process.env.LINLI_QUIET;
  process.env.LINLI_QUIET = '1';
  try {
    for (let i = opts.days - 1; i >= 0; i--) {
      const date = addDays(lastDate, -i);
      const dayIndex = opts.days - 1 - i;
      await playDay(db, config, world, { date, dayIndex, days: opts.days, seed, base: opts.ordersPerDay ?? 90, handlers }, total);
      total.days++;
      opts.onProgress?.({ day: dayIndex + 1, days: opts.days, date, orders: total.orders, totalOrders: total.orders });
    }
    // Commission whose after-sales window has closed (in the moved clock) becomes available now;
    // the settlement entries are then dated when the settle job would have made them.
    const since = await dbClock(db);
    total.settledCommissions = await settleDueCommissions(db);
    await db.execute(sql`
      update ledger_entries s set created_at = greatest(c.available_at, c.created_at)
      from ledger_entries c
      where s.kind = 'settlement' and s.created_at >= to_timestamp(${since}::float8)
        and s.business_key in ('settle:' || c.id, 'settle-in:' || c.id)`);
  } finally {
    if (quiet === undefined) delete process.env.LINLI_QUIET;
    else process.env.LINLI_QUIET = quiet;
  }
  return total;
}

interface DayInput {
  date: string; dayIndex: number; days: number; seed: number; base: number;
  handlers: ReturnType<typeof outboxHandlers>;
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
const ERRORS_TO_RETRY = new Set(['OUT_OF_STOCK', 'LIMIT_EXCEEDED', 'COUPON_UNAVAILABLE']);

async function playDay(db: Db, config: Config, world: World, day: DayInput, total: SimulateResult): Promise<void> {
  const rng = new Rng(day.seed).fork(dayNumber(day.date));
  const tz = world.timeZone;
  const at = (date: string, minutes: number) => new Date(localTime(date, '00:00', tz).getTime() + minutes * 60_000);
  const nextDay = addDays(day.date, 1);
  const dayAfter = addDays(day.date, 2);
  // Nothing may be dated in the future: steps planned after this instant are left undone.
  const limit = Date.now() - 120_000;
  const due = (when: Date) => when.getTime() < limit;

  const since = await dbClock(db);
  const marks: Mark[] = [];
  const mark = async (hist: Date) => {
    // Deliver what the last steps queued (notifications, provider refunds) before the clock mark, so they keep their time.
    await T('outbox', async () => { while ((await deliverOutbox(db, day.handlers)) === 100); });
    marks.push({ real: await dbClock(db), hist: hist.getTime() / 1000 });
  };

  // --- selling: the campaign is created open now and its orders are placed, paid, some cancelled
  const deals = dealsForDay(rng, world.products, Math.min(40, world.products.length), { ordersPerDay: day.base });
  const now = Date.now();
  const campaign = await createCampaign(db, {
    title: `${Number(day.date.slice(5, 7))}月${Number(day.date.slice(8, 10))}日 邻里团购`,
    startsAt: new Date(now - 3_600_000).toISOString(), cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: addDays(businessDate(new Date(now), tz), 1),
    items: deals.map((d) => ({ productId: world.products[d.product].id, priceFen: d.priceFen, memberPriceFen: d.memberPriceFen,
      quota: d.quota, perCustomerLimit: d.perCustomerLimit })),
  });
  const itemIds = deals.map((d) => campaign.items.find((i) => i.productId === world.products[d.product].id)!.id);
  const dow = new Date(`${day.date}T12:00:00Z`).getUTCDay();
  const wanted = ordersOnDay(rng, day.base, day.dayIndex, day.days, dow);
  const buyers = sampleBuyers(rng, world, wanted);
  const wallets = await loadWallets(db, buyers.map((b) => b.id));

  const sellStart = at(day.date, 7 * 60);
  const sellingEnd = at(day.date, 22 * 60 + 58);
  const cutoffAt = localTime(day.date, '23:00', tz);
  const shift = async () => {
    while ((await deliverOutbox(db, day.handlers)) === 100);
    await T('shift', () => shiftDay(db, {
      campaignId: campaign.id, marks: fitMarks(marks, limit / 1000), since, timeZone: tz,
      startsAt: sellStart, cutoffAt, pickupDate: nextDay,
    }));
  };
  if (!due(sellStart)) return shift(); // the order day has not begun yet
  await mark(sellStart);
  const paid: { id: string; userId: string }[] = [];
  const step = Math.max(1, Math.ceil(buyers.length / 12));
  for (const [n, buyer] of buyers.entries()) {
    const when = at(day.date, minuteAtQuantile(ORDER_HOURS, (n + 1) / buyers.length) * 0.995);
    if (!due(when)) break;
    const orderId = await T('place', () => placeBasket(db, config, rng, buyer, deals, itemIds, world, wallets.get(buyer.id)));
    if (orderId) {
      total.orders++;
      const fate = rng.next();
      if (fate < 0.02) {
        // never paid: the cutoff cancels it
      } else if (fate < 0.035) {
        await db.transaction((tx) => cancelOrder(tx as unknown as Db, orderId, buyer.id));
        total.cancelledOrders++;
      } else {
        await T('pay', () => pay(db, buyer.id, orderId));
        paid.push({ id: orderId, userId: buyer.id });
        total.paidOrders++;
      }
    }
    // Now and then someone changes their mind about an earlier paid order (full refund before the cutoff).
    if (paid.length > 5 && rng.chance(0.03)) {
      const [victim] = paid.splice(rng.int(0, paid.length - 2), 1);
      await db.transaction((tx) => cancelOrder(tx as unknown as Db, victim.id, victim.userId));
      total.cancelledOrders++;
    }
    if ((n + 1) % step === 0) await mark(when);
  }

  // --- cutoff 23:00, then the night's receiving at the central warehouse
  if (!due(cutoffAt)) return shift();
  await mark(sellingEnd);
  await mark(cutoffAt);
  await T('cutoff', () => runCutoff(db, campaign.id));
  await mark(new Date(cutoffAt.getTime() + 40_000));

  const receiveStart = at(nextDay, 2 * 60 + 30);
  if (!due(at(nextDay, 4 * 60 + 30))) return shift();
  await mark(receiveStart);
  const pos = await listPurchaseOrders(db, { campaignId: campaign.id });
  for (const [k, po] of pos.entries()) {
    // About one delivery in eight comes in 5–20 % short (and the first day always has one, so even a tiny demo shows a shortage refund).
    const short = rng.chance(1 / 8) || (day.dayIndex === 0 && k === 0);
    const shortLine = short ? po.lines.reduce((a, b) => (b.demandQuantity > a.demandQuantity ? b : a)) : undefined;
    const result = await T('receive', () => receivePurchaseOrder(db, po.id, {
      lines: po.lines.map((l) => {
        if (l !== shortLine) return { productId: l.productId, acceptedQuantity: l.quantity, rejectedQuantity: 0 };
        const need = Math.max(0, l.demandQuantity - l.fromStockQuantity);
        const accepted = Math.min(l.quantity, Math.floor((need * (100 - rng.int(5, 20))) / 100));
        // either failed the quality check at the dock, or simply never arrived
        return { productId: l.productId, acceptedQuantity: accepted, rejectedQuantity: rng.chance(0.5) ? l.quantity - accepted : 0 };
      }),
    }));
    total.shortageRefunds += result.refunds.count;
  }
  await mark(at(nextDay, 4 * 60 + 30));

  // --- sorting and dispatch, route by route
  if (!due(at(nextDay, 6 * 60 + 10))) return shift();
  await mark(at(nextDay, 5 * 60 + 30));
  const lists = await listSortingLists(db, { campaignId: campaign.id });
  for (const routeId of [...new Set(lists.map((l) => l.routeId))]) await dispatchRoute(db, { campaignId: campaign.id, routeId });
  await mark(at(nextDay, 6 * 60 + 10));

  // --- the leaders count their crates (a unit goes missing or gets crushed once in a while)
  await mark(at(nextDay, 7 * 60 + 40));
  for (const [k, list] of lists.entries()) {
    const when = at(nextDay, 7 * 60 + 40 + (80 * (k + 1)) / lists.length);
    const leader = world.leaders.get(list.pickupPointId);
    if (!leader || !due(when)) continue;
    await T('arrival', () => confirmArrival(db, leader, {
      campaignId: campaign.id,
      lines: list.lines.map((l) => {
        const lost = l.quantity > 0 && rng.chance(1 / 150) ? 1 : 0;
        return { productId: l.productId, receivedQuantity: l.quantity - lost, damagedQuantity: lost && rng.chance(0.5) ? 1 : 0 };
      }),
    }));
  }
  await mark(at(nextDay, 9 * 60));

  // --- pickups through the day; a few come the day after, a few never (followed up by the leader)
  const ready = await rows<{ id: string; user_id: string; pickup_point_id: string; pickup_code: string }>(db, sql`
    select id, user_id, pickup_point_id, pickup_code from orders where campaign_id = ${campaign.id} and status = 'ready' order by seq`);
  const order = shuffle(rng, ready);
  const onTime = order.filter(() => rng.chance(0.96));
  const late = order.filter((o) => !onTime.includes(o) && rng.chance(0.75));
  const guards = { byLeader: new RateLimiter(1e9, 1), byIp: new RateLimiter(1e9, 1), ip: 'simulator' };
  const pickUp = async (o: (typeof ready)[number]) => {
    await T('pickup', () => verifyPickup(db, world.leaders.get(o.pickup_point_id)!, o.pickup_code, guards, { settlementDelayDays: config.settlementDelayDays }));
    total.pickedUpOrders++;
  };
  const pickStep = Math.max(1, Math.ceil(onTime.length / 12));
  for (const [n, o] of onTime.entries()) {
    const when = at(nextDay, minuteAtQuantile(PICKUP_HOURS, (n + 1) / onTime.length));
    if (!due(when)) break;
    await pickUp(o);
    if ((n + 1) % pickStep === 0) await mark(when);
  }

  // --- after-sales: a few claims the evening after pickup, decided by an operator next morning
  if (!due(at(dayAfter, 10 * 60))) return shift();
  await mark(at(nextDay, 21 * 60));
  const claimable = await rows<{ order_id: string; user_id: string; line_id: string }>(db, sql`
    select distinct on (o.id) o.id as order_id, o.user_id, l.id as line_id
    from orders o join order_lines l on l.order_id = o.id
    where o.campaign_id = ${campaign.id} and l.status = 'picked_up' order by o.id, l.paid_fen desc`);
  const claims: string[] = [];
  for (const c of claimable) {
    if (!rng.chance(0.025)) continue;
    const reason = (['quality', 'quality', 'quality', 'missing', 'wrong_item'] as AftersalesReason[])[rng.int(0, 4)];
    const refund = await db.transaction((tx) => requestAftersales(tx as unknown as Db, c.user_id, c.order_id, {
      lines: [{ lineId: c.line_id, quantity: 1 }], reason, note: reason === 'quality' ? '收到时有破损/不新鲜' : undefined,
    }));
    claims.push(refund.id);
  }
  await mark(at(nextDay, 23 * 60));
  await mark(at(dayAfter, 9 * 60));
  for (const id of claims) {
    const approve = rng.chance(0.85);
    await decideRefund(db, id, { approve, note: approve ? undefined : '照片显示商品完好' });
    if (approve) total.aftersalesRefunds++;
  }
  await mark(at(dayAfter, 10 * 60));
  for (const [n, o] of late.entries()) {
    if (!due(at(dayAfter, 10 * 60 + (120 * (n + 1)) / late.length))) break;
    await pickUp(o);
  }
  await mark(at(dayAfter, 12 * 60));
  return shift();
}

function sampleBuyers(rng: Rng, world: World, count: number) {
  // weighted sampling without replacement: regulars are likely, everyone is possible
  const keyed = world.customers.map((c, i) => ({ c, key: Math.pow(rng.next(), 1 / world.activity[i]) }));
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, Math.min(count, keyed.length)).map((k) => k.c);
}

interface Wallet { coupons: { id: string; thresholdFen: number }[]; points: number }

/** Coupons and points the day's buyers hold (read once per day). */
async function loadWallets(db: Db, userIds: string[]): Promise<Map<string, Wallet>> {
  const wallets = new Map<string, Wallet>();
  if (!userIds.length) return wallets;
  const ids = sql.join(userIds.map((u) => sql`${u}`), sql`, `);
  for (const u of await rows<{ id: string; points_balance: number }>(db, sql`select id, points_balance from users where id in (${ids})`)) {
    wallets.set(u.id, { coupons: [], points: u.points_balance });
  }
  const coupons = await rows<{ id: string; user_id: string; threshold_fen: number }>(db, sql`
    select c.id, c.user_id, t.threshold_fen from coupons c join coupon_templates t on t.id = c.template_id
    where c.user_id in (${ids}) and c.status = 'available' and t.status = 'active' and t.valid_from <= now() and t.valid_to > now()`);
  for (const c of coupons) wallets.get(c.user_id)?.coupons.push({ id: c.id, thresholdFen: c.threshold_fen });
  return wallets;
}

/** Places one customer's basket; deals that sold out or hit a limit meanwhile are dropped and it tries again. */
async function placeBasket(
  db: Db, config: Config, rng: Rng, buyer: { id: string; pickupPointId: string }, deals: DealSpec[], itemIds: string[],
  world: World, wallet: Wallet | undefined,
): Promise<string | null> {
  let lines = generateBasket(rng, deals, world.products).map((l) => ({ campaignItemId: itemIds[l.deal], quantity: l.quantity, priceFen: deals[l.deal].priceFen }));
  const subtotal = lines.reduce((s, l) => s + l.priceFen * l.quantity, 0);
  const coupon = wallet?.coupons.find((c) => c.thresholdFen <= subtotal);
  let couponId = coupon && rng.chance(0.8) ? coupon.id : undefined;
  let pointsToUse = wallet && wallet.points >= 500 && rng.chance(0.2) ? Math.min(wallet.points, 500) : undefined;
  for (let attempt = 0; attempt < 3 && lines.length; attempt++) {
    try {
      const placed = await db.transaction((tx) => placeOrder(tx as unknown as Db, buyer.id, {
        pickupPointId: buyer.pickupPointId, items: lines.map(({ campaignItemId, quantity }) => ({ campaignItemId, quantity })), couponId, pointsToUse,
      }, { unpaidExpiryMinutes: config.unpaidExpiryMinutes }));
      if (couponId && wallet) wallet.coupons = wallet.coupons.filter((c) => c.id !== couponId);
      if (pointsToUse && wallet) wallet.points -= pointsToUse;
      return placed.id;
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
async function pay(db: Db, userId: string, orderId: string): Promise<void> {
  const payment = await startPayment(db, userId, orderId, 'simpay');
  await applyPaymentNotification(db, {
    provider: 'simpay', paymentId: payment.paymentId, orderId, amountFen: payment.amountFen, providerTxnId: `simpay-${randomUUID()}`,
  });
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
