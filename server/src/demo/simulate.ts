import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import { addDays, businessDate, DEFAULT_TIME_ZONE, localTime } from '../lib/time.js';
import { cancelOrder } from '../flows/cancel.js';
import { runCutoff } from '../flows/cutoff.js';
import { receivePurchaseOrder } from '../flows/receiving.js';
import { UNRELIABLE_SUPPLIER } from './suppliers.js';
import { confirmArrival } from '../flows/arrival.js';
import { recordReadings, type ReadingInput } from '../modules/coldchain/service.js';
import type { ColdZone } from '../modules/coldchain/rules.js';
import { pickUp as pickUpOrder } from '../flows/pickup.js';
import { createCampaign, getCampaign } from '../modules/campaigns/service.js';
import { dispatchRoute, listPurchaseOrders, allSortingLists } from '../modules/fulfillment/service.js';
import { decideRefund, requestAftersales, type AftersalesReason } from '../modules/aftersales/service.js';
import { settleDueCommissions } from '../modules/ledger/service.js';
import { deliverOutbox, OUTBOX_BATCH } from '../modules/outbox/service.js';
import { outboxHandlers } from '../modules/outbox/senders.js';
import {
  dealsForDay,
  DEMO_SEED,
  minuteAtQuantile,
  ORDER_HOURS,
  ordersOnDay,
  PICKUP_HOURS,
  Rng,
  type DealSpec,
} from './data.js';
import {
  citySeed,
  cityOf,
  loadWallets,
  loadWorld,
  pay,
  placeBasket,
  sampleBuyers,
  shuffle,
  type World,
} from './shoppers.js';
import { campaignTitle, CITIES } from './data.js';
import { DEFAULT_REGION_ID } from '../modules/network/service.js';
import {
  dbClock,
  fitMarks,
  joinDays,
  lastOutboxId,
  shiftDays,
  type Mark,
  type MovedCampaign,
  type PlayedDay,
} from './timeline.js';

/**
 * The history simulator: plays past order days one after another through the real flows —
 * checkout, payment notifications, cancels, cutoff, receiving (with the odd supplier
 * shortage), dispatch, arrival, pickup, after-sales — and then moves the days' rows back to
 * the dates they stand for (see timeline.ts), a region's days together once they have all played. No total is ever inserted: every amount, refund
 * and commission comes out of the services. Steps that would lie in the future (yesterday's
 * pickups this evening, say) are left undone, so the newest day looks like it does right now.
 */

export interface SimulateProgress {
  /** days played so far, over every region */
  day: number;
  days: number;
  /** the region (city) of the day just played */
  region: string;
  date: string;
  orders: number;
}

export interface SimulateOptions {
  days: number;
  /**
   * base orders per order day in the region with the most customers (the trend, weekends and
   * noise move it ±30 %); every other region gets its share by its customers
   */
  ordersPerDay?: number;
  seed?: number;
  /** the last order day to simulate (YYYY-MM-DD) in every region; default: the day before each region's open campaign's day */
  lastDate?: string;
  onProgress?: (p: SimulateProgress) => void;
  /**
   * customers more likely to buy on the days [from, to): the demo's targeted campaign pulls its
   * treated audience — the customers of `who` without a paid order on the 6 days before `from`,
   * as the segment "7 days or more without an order" finds them — their activity weight times
   * `factor` on those days
   */
  pull?: { from: string; to: string; factor: number; who: (userId: string) => boolean };
}

export interface SimulateResult {
  /** order days played, over every region (a region's day counts once) */
  days: number;
  orders: number;
  paidOrders: number;
  cancelledOrders: number;
  pickedUpOrders: number;
  shortageRefunds: number;
  aftersalesRefunds: number;
  settledCommissions: number;
}

export const DEFAULT_ORDERS_PER_DAY = 32;

/** The order day whose campaign is open now: today, or tomorrow once today's 23:00 cutoff has passed. */
export function openDay(now = new Date(), timeZone = DEFAULT_TIME_ZONE): string {
  const today = businessDate(now, timeZone);
  return now >= localTime(today, '23:00', timeZone) ? addDays(today, 1) : today;
}

const emptyResult = (): SimulateResult => ({
  days: 0,
  orders: 0,
  paidOrders: 0,
  cancelledOrders: 0,
  pickedUpOrders: 0,
  shortageRefunds: 0,
  aftersalesRefunds: 0,
  settledCommissions: 0,
});

export interface DemoRegion {
  id: string;
  name: string;
  timeZone: string;
  customers: number;
  /** its customers against the region with the most: how many of the base orders a day it gets */
  share: number;
  /** its own random stream */
  seed: number;
}

/** The regions with customers at their pickup points, oldest (the default region) first. */
export async function demoRegions(db: Db, seed = DEMO_SEED): Promise<DemoRegion[]> {
  const found = await rows<{ id: string; name: string; time_zone: string; customers: number }>(
    db,
    sql`
    select r.id, r.name, r.time_zone, count(u.id)::int as customers
    from regions r join pickup_points p on p.region_id = r.id join users u on u.pickup_point_id = p.id
    where not ('admin' = any(u.roles)) and not ('leader' = any(u.roles))
    group by r.id order by min(r.created_at), r.id`,
  );
  const most = Math.max(1, ...found.map((r) => r.customers));
  return found.map((r, k) => {
    const city = cityOf(r);
    return {
      id: r.id,
      name: r.name,
      timeZone: r.time_zone,
      customers: r.customers,
      share: r.customers / most,
      seed: citySeed(seed, city ? CITIES.indexOf(city) : k),
    };
  });
}

const regionBase = (base: number, region: DemoRegion) => Math.max(1, Math.round(base * region.share));

export async function simulateHistory(db: Db, config: Config, opts: SimulateOptions): Promise<SimulateResult> {
  const regions = await demoRegions(db, opts.seed ?? DEMO_SEED);
  if (!regions.length) throw new Error('Simulating needs customers bound to pickup points (run the demo set-up first)');
  const total = emptyResult();
  await quietly(async () => {
    // Region after region, each its own days in order on its own clock.
    for (const region of regions) {
      const world = await loadWorld(db, region.seed, region.id);
      const lastDate = opts.lastDate ?? addDays(openDay(new Date(), world.timeZone), -1);
      const base = regionBase(opts.ordersPerDay ?? DEFAULT_ORDERS_PER_DAY, region);
      // The region's days are moved to their dates together once they have all played (see timeline.ts).
      const outboxAfter = await lastOutboxId(db);
      const played: PlayedDay[] = [];
      const campaigns: MovedCampaign[] = [];
      // the pulled customers, found on the window's first day
      let audience: Set<string> | undefined;
      for (let i = opts.days - 1; i >= 0; i--) {
        const date = addDays(lastDate, -i);
        const day = await DayPlayer.start(db, config, world, region.seed, date, played[played.length - 1]?.until);
        const pulled = opts.pull && date >= opts.pull.from && date < opts.pull.to ? opts.pull : null;
        const usual = world.activity.slice();
        if (pulled) {
          audience ??= await dormantTreated(db, world, campaigns.slice(-6), pulled.who);
          world.customers.forEach((c, k) => {
            if (audience!.has(c.id)) world.activity[k] = usual[k]! * pulled.factor;
          });
        }
        const result = await playPastDay(day, { dayIndex: opts.days - 1 - i, days: opts.days, base }, total).finally(
          () => world.activity.splice(0, usual.length, ...usual),
        );
        played.push(result.played);
        campaigns.push(result.campaign);
        total.days++;
        opts.onProgress?.({
          day: total.days,
          days: opts.days * regions.length,
          region: region.name,
          date,
          orders: total.orders,
        });
      }
      await shiftDays(db, {
        campaigns,
        marks: joinDays(played),
        since: played[0]?.since ?? 0,
        outboxAfter,
        timeZone: world.timeZone,
      });
    }
    // Commission whose after-sales window has closed (in the moved clock) becomes available now;
    // the settlement entries are then dated when the settle job would have made them (each names
    // its commission in its business key, settle:<id> or settle-in:<id>: an equality join, where
    // matching either key text against every entry took seconds at a month).
    const since = await dbClock(db);
    total.settledCommissions = await settleDueCommissions(db);
    await exec(
      db,
      sql`
      update ledger_entries s set created_at = greatest(c.available_at, c.created_at)
      from ledger_entries c
      where s.kind = 'settlement' and s.created_at >= to_timestamp(${since}::float8)
        and c.id = split_part(s.business_key, ':', 2)::bigint`,
    );
  });
  return total;
}

/** The orders an open campaign has had so far today (customers who shopped between 07:00 and now). */
export async function simulateToday(
  db: Db,
  config: Config,
  campaignId: string,
  opts: { ordersPerDay?: number; seed?: number } = {},
) {
  const of = await one<{ region_id: string }>(db, sql`select region_id from campaigns where id = ${campaignId}`);
  const region = (await demoRegions(db, opts.seed ?? DEMO_SEED)).find((r) => r.id === of?.region_id);
  if (!region) throw new Error("Simulating needs customers in the campaign's region");
  const seed = region.seed;
  const world = await loadWorld(db, seed, region.id);
  const campaign = await getCampaign(db, campaignId);
  const total = emptyResult();
  const date = businessDate(new Date(campaign.cutoffAt), world.timeZone);
  await quietly(async () => {
    const day = await DayPlayer.start(db, config, world, seed, date);
    const byProduct = new Map(world.products.map((p, i) => [p.id, i]));
    const onSale = campaign.items.filter((i) => !i.saleStartsAt || new Date(i.saleStartsAt) <= new Date());
    const deals: DealSpec[] = onSale.map((i) => ({
      product: byProduct.get(i.productId)!,
      priceFen: i.priceFen,
      quota: i.quota,
      perCustomerLimit: i.perCustomerLimit,
    }));
    const base = regionBase(opts.ordersPerDay ?? DEFAULT_ORDERS_PER_DAY, region);
    await sell(day, { id: campaignId, deals, itemIds: onSale.map((i) => i.id) }, Math.round(base * 1.15), total);
    await day.deliver();
    await shiftDays(db, {
      campaigns: [
        {
          id: campaignId,
          startsAt: new Date(campaign.startsAt),
          cutoffAt: new Date(campaign.cutoffAt),
          pickupDate: campaign.pickupDate,
        },
      ],
      marks: fitMarks(day.marks, day.limit / 1000),
      since: day.since,
      outboxAfter: day.outboxAfter,
      timeZone: world.timeZone,
      open: true,
    });
  });
  return total;
}

/** Historical notifications go to the inbox but are never sent again: no webhook, no log lines. */
async function quietly(work: () => Promise<void>): Promise<void> {
  const quiet = process.env.LINLI_QUIET;
  process.env.LINLI_QUIET = '1';
  try {
    await work();
  } finally {
    if (quiet === undefined) delete process.env.LINLI_QUIET;
    else process.env.LINLI_QUIET = quiet;
  }
}

/**
 * Orders (or pickups) between two clock marks at the least: a mark delivers the outbox and reads
 * the clock, a dozen statements, and a small city's day of ten orders would otherwise mark after
 * every one of them. Between marks the clock is moved linearly, so the events still spread.
 */
const MIN_EVENTS_PER_MARK = 3;

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** One order day being played: its random stream, its clock marks and its rule that nothing is dated in the future. */
class DayPlayer {
  readonly marks: Mark[] = [];
  /** steps planned after this instant are left undone */
  readonly limit = Date.now() - 120_000;
  readonly rng: Rng;
  private queued = false;
  private lastTick = 0;
  private readonly handlers: ReturnType<typeof outboxHandlers>;

  private constructor(
    readonly db: Db,
    readonly config: Config,
    readonly world: World,
    seed: number,
    readonly date: string,
    readonly since: number,
    readonly outboxAfter: number,
  ) {
    this.rng = new Rng(seed).fork(dayNumber(date));
    this.handlers = outboxHandlers({ ...config, notifyWebhookUrl: undefined });
  }

  /** `after`: the real instant the previous day finished playing; this one starts later (the days' intervals may not touch) */
  static async start(db: Db, config: Config, world: World, seed: number, date: string, after = 0) {
    const outboxAfter = await lastOutboxId(db);
    let since = await dbClock(db);
    while (since <= after) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      since = await dbClock(db);
    }
    return new DayPlayer(db, config, world, seed, date, since, outboxAfter);
  }

  /** The day as played so far, for moving it: its fitted marks and its real interval (it ends now). */
  async played(): Promise<PlayedDay> {
    const marks = fitMarks(this.marks, this.limit / 1000);
    let until = await dbClock(this.db);
    while (until <= Math.max(this.since, marks[marks.length - 1]?.real ?? 0)) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      until = await dbClock(this.db);
    }
    return { marks, since: this.since, until };
  }

  /** `minutes` after local midnight, `offset` days after the order day */
  at(minutes: number, offset = 0): Date {
    return new Date(localTime(addDays(this.date, offset), '00:00', this.world.timeZone).getTime() + minutes * 60_000);
  }

  due(when: Date): boolean {
    return when.getTime() < this.limit;
  }

  /** a step may have queued outbox messages */
  touched(): void {
    this.queued = true;
  }

  async deliver(): Promise<void> {
    if (this.queued) while ((await deliverOutbox(this.db, this.handlers)) === OUTBOX_BATCH);
    this.queued = false;
  }

  /** A real instant after every one read so far (the clock ticks in milliseconds), epoch seconds. */
  async tick(): Promise<number> {
    let real = await dbClock(this.db);
    while (real <= this.lastTick) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      real = await dbClock(this.db);
    }
    this.lastTick = real;
    return real;
  }

  /** "the clock reads now what stands for `hist`"; queued messages are delivered first so they keep their time */
  async mark(hist: Date): Promise<void> {
    await this.deliver();
    // The clock ticks in milliseconds: two marks in the same tick would collapse into one.
    const last = this.marks[this.marks.length - 1];
    let real = await dbClock(this.db);
    while (last && real <= last.real) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      real = await dbClock(this.db);
    }
    this.marks.push({ real, hist: hist.getTime() / 1000 });
  }
}

interface OpenCampaign {
  id: string;
  deals: readonly DealSpec[];
  itemIds: readonly string[];
}

/**
 * The customers of `who` who bought on none of the days played just before (their campaigns): a
 * pull aimed at the dormant, not at every treated customer, so the held-out ones keep their usual
 * chances (a pull on everyone would mostly take days from the others).
 */
async function dormantTreated(
  db: Db,
  world: World,
  before: readonly MovedCampaign[],
  who: (userId: string) => boolean,
): Promise<Set<string>> {
  const active = before.length
    ? await rows<{ user_id: string }>(
        db,
        sql`select distinct user_id from orders where kind = 'goods' and status <> 'cancelled' and paid_at is not null
          and campaign_id in (${sql.join(
            before.map((c) => sql`${c.id}`),
            sql`, `,
          )})`,
      )
    : [];
  const bought = new Set(active.map((r) => r.user_id));
  return new Set(world.customers.filter((c) => !bought.has(c.id) && who(c.id)).map((c) => c.id));
}

async function playPastDay(
  day: DayPlayer,
  plan: { dayIndex: number; days: number; base: number },
  total: SimulateResult,
): Promise<{ campaign: MovedCampaign; played: PlayedDay }> {
  const { db, world, rng } = day;
  const deals = dealsForDay(rng, world.products, Math.min(40, world.products.length), { ordersPerDay: plan.base });
  // Created open now (the services check the real clock); moved to its day afterwards.
  const now = Date.now();
  const created = await createCampaign(db, {
    regionId: world.regionId,
    title: campaignTitle(day.date, world.regionId === DEFAULT_REGION_ID ? undefined : world.regionName),
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: addDays(businessDate(new Date(now), world.timeZone), 1),
    items: deals.map((d) => ({
      productId: world.products[d.product].id,
      priceFen: d.priceFen,
      memberPriceFen: d.memberPriceFen,
      quota: d.quota,
      perCustomerLimit: d.perCustomerLimit,
    })),
  });
  const campaign = {
    id: created.id,
    deals,
    itemIds: deals.map((d) => created.items.find((i) => i.productId === world.products[d.product].id)!.id),
  };
  const dow = new Date(`${day.date}T12:00:00Z`).getUTCDay();
  await sell(day, campaign, ordersOnDay(rng, plan.base, plan.dayIndex, plan.days, dow), total);
  await fulfil(day, campaign.id, plan.dayIndex, total);
  await day.deliver();
  return {
    campaign: {
      id: campaign.id,
      startsAt: day.at(7 * 60),
      cutoffAt: localTime(day.date, '23:00', world.timeZone),
      pickupDate: addDays(day.date, 1),
    },
    played: await day.played(),
  };
}

/**
 * Gives orders placed together their own real instants (epoch seconds, in the buyers' order, each before its payment):
 * checkout's shared statement wrote its one instant into each order, its coupon and its points
 * entry (and, when coupon and points covered it all, its payment). The orders keep their time to
 * pay (expires_at moves with created_at).
 */
async function dateOrders(db: Db, dated: { id: string; at: number }[]): Promise<void> {
  if (!dated.length) return;
  await exec(
    db,
    sql`
    with x as (select id, to_timestamp(at) as at from jsonb_to_recordset(${JSON.stringify(dated)}::jsonb) as x (id uuid, at float8)),
    o as (
      update orders o set created_at = x.at, expires_at = x.at + (o.expires_at - o.created_at),
        paid_at = case when o.paid_at = o.created_at then x.at else o.paid_at end
      from x where o.id = x.id returning 1),
    c as (update coupons c set used_at = x.at from x where c.order_id = x.id and c.used_at is not null returning 1),
    p as (update points_entries e set created_at = x.at from x where e.business_key = 'redeem:' || x.id::text returning 1)
    select (select count(*) from o) + (select count(*) from c) + (select count(*) from p) as n`,
  );
}

/** Selling, 07:00–23:00: orders placed and paid through the day; a few never paid, a few cancelled. */
async function sell(day: DayPlayer, campaign: OpenCampaign, wanted: number, total: SimulateResult): Promise<void> {
  const { db, rng, world } = day;
  const buyers = sampleBuyers(rng, world, wanted);
  const wallets = await loadWallets(
    db,
    buyers.map((b) => b.id),
  );
  if (!day.due(day.at(7 * 60))) return;
  await day.mark(day.at(7 * 60));
  const paid: { id: string; userId: string }[] = [];
  const step = Math.max(MIN_EVENTS_PER_MARK, Math.ceil(buyers.length / 12));
  // orders of the day their buyers cancelled
  let cancelled = 0;
  let wholeDay = true;
  // The buyers between two marks shop at the same time, as customers do: their orders reach the
  // checkout together and are written in its shared statement (flows/checkout.ts). Each order then
  // gets its own instant, in the buyers' order: the first the group's start, each other one the end
  // of the previous order's payment (or cancel), where it would have been placed alone. The shared
  // statement gave them all its one, and the history would list them at the same minute.
  // (dated once the day's selling is over: nothing the day plays reads those instants before)
  const dated: { id: string; at: number }[] = [];
  for (let from = 0; from < buyers.length && wholeDay; from += step) {
    const group: { buyer: (typeof buyers)[number]; when: Date }[] = [];
    for (let n = from; n < Math.min(from + step, buyers.length); n++) {
      const when = day.at(minuteAtQuantile(ORDER_HOURS, (n + 1) / buyers.length) * 0.995);
      if (!day.due(when)) {
        wholeDay = false;
        break;
      }
      group.push({ buyer: buyers[n], when });
    }
    // the first order stands for the group's start, as if placed alone right after the mark
    let next: number | undefined = await day.tick();
    // each basket draws from the random stream before its first await, so the draws keep their order
    const placed = await Promise.all(
      group.map(({ buyer }) =>
        placeBasket(db, day.config, rng, buyer, campaign.deals, campaign.itemIds, world, wallets.get(buyer.id)),
      ),
    );
    // in the order of their numbers (an order the shared statement refused was placed again, alone, after the others)
    const inTurn = [...placed.keys()].sort((a, b) => {
      const x = placed[a]?.number ?? '~';
      const y = placed[b]?.number ?? '~';
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    // The group's buyers pay together too (payments' shared statements, decision 011); a change of
    // mind about a paid order comes after the payments, so it always finds its order paid.
    const paying: Promise<void>[] = [];
    const mindsChanged: { id: string; userId: string }[] = [];
    for (const k of inTurn) {
      const buyer = group[k].buyer;
      const orderId = placed[k]?.id;
      if (orderId) {
        dated.push({ id: orderId, at: next ?? (await day.tick()) });
        next = undefined;
        total.orders++;
        day.touched();
        // the demo login always pays and keeps its order (sampleBuyers)
        const fate = buyer.id === world.customers[0].id ? 1 : rng.next();
        if (fate < 0.02) {
          // never paid: the cutoff cancels it
        } else if (fate < 0.035) {
          await db.transaction((tx) => cancelOrder(tx as unknown as Db, orderId, buyer.id));
          total.cancelledOrders++;
          cancelled++;
        } else {
          paying.push(pay(db, buyer.id, orderId));
          if (fate < 1) paid.push({ id: orderId, userId: buyer.id });
          total.paidOrders++;
        }
      }
      // Now and then someone changes their mind about an earlier paid order (fully refunded before the cutoff).
      if (paid.length > 5 && rng.chance(0.03)) mindsChanged.push(...paid.splice(rng.int(0, paid.length - 2), 1));
    }
    await Promise.all(paying);
    for (const victim of mindsChanged) await cancelPaid(victim);
    // a group cut short (the newest day, now) is marked too, so its orders still spread
    if (group.length) await day.mark(group[group.length - 1].when);
  }
  // Every day someone changes their mind: a small demo (a few dozen orders a day) would otherwise
  // often show none.
  if (wholeDay && cancelled === 0 && paid.length) await changeOfMind(paid.length - 1);
  await dateOrders(db, dated);

  async function changeOfMind(index: number) {
    await cancelPaid(paid.splice(index, 1)[0]);
  }

  async function cancelPaid(victim: { id: string; userId: string }) {
    await db.transaction((tx) => cancelOrder(tx as unknown as Db, victim.id, victim.userId));
    total.cancelledOrders++;
    cancelled++;
    day.touched();
  }
}

/** Everything after the cutoff, as long as it lies in the past: receiving, dispatch, arrival, pickups, after-sales. */
async function fulfil(day: DayPlayer, campaignId: string, dayIndex: number, total: SimulateResult): Promise<void> {
  const { db, rng, world, config } = day;
  const cutoffAt = localTime(day.date, '23:00', world.timeZone);
  if (!day.due(cutoffAt)) return;
  await day.mark(day.at(22 * 60 + 58));
  await day.mark(cutoffAt);
  await runCutoff(db, campaignId);
  day.touched();
  await day.mark(new Date(cutoffAt.getTime() + 40_000));

  // The night's receiving at the central warehouse, 02:30–04:30.
  if (!day.due(day.at(4 * 60 + 30, 1))) return;
  await day.mark(day.at(2 * 60 + 30, 1));
  for (const [k, po] of (await listPurchaseOrders(db, { campaignId })).entries()) {
    // About one delivery in eight comes in 5–20 % short (and the first day always has one, so even a tiny demo shows a shortage refund).
    // The unreliable supplier (demo/suppliers.ts) comes short every night.
    const short = rng.chance(1 / 8) || (dayIndex === 0 && k === 0) || po.supplierName === UNRELIABLE_SUPPLIER;
    const shortLine = short ? po.lines.reduce((a, b) => (b.demandQuantity > a.demandQuantity ? b : a)) : undefined;
    const result = await receivePurchaseOrder(db, po.id, {
      lines: po.lines.map((l) => {
        if (l !== shortLine) return { productId: l.productId, acceptedQuantity: l.quantity, rejectedQuantity: 0 };
        const need = Math.max(0, l.demandQuantity - l.fromStockQuantity);
        const accepted = Math.min(l.quantity, Math.floor((need * (100 - rng.int(5, 20))) / 100));
        // either failed the quality check at the dock, or simply never came
        return {
          productId: l.productId,
          acceptedQuantity: accepted,
          rejectedQuantity: rng.chance(0.5) ? l.quantity - accepted : 0,
        };
      }),
    });
    total.shortageRefunds += result.refunds.count;
    day.touched();
  }
  await day.mark(day.at(4 * 60 + 30, 1));

  // Sorting and dispatch, route by route, 05:30–06:10.
  if (!day.due(day.at(6 * 60 + 10, 1))) return;
  await day.mark(day.at(5 * 60 + 30, 1));
  const lists = await allSortingLists(db, { campaignId });
  const routeIds = [...new Set(lists.map((l) => l.routeId))];
  for (const routeId of routeIds) await dispatchRoute(db, { campaignId, routeId });
  // The trucks' cold compartments are read at loading. A draw of its own, so the rest of the day
  // plays as before; the readings carry the delivery day and hour they stand for (they are
  // append-only: the timeline never moves them).
  const cold = rng.fork(42);
  const delivery = addDays(day.date, 1);
  const dispatchBreach = new Set<string>();
  for (const routeId of routeIds) {
    const readings: ReadingInput[] = coldZonesOf(lists.filter((l) => l.routeId === routeId)).map((zone) => {
      const breach = cold.chance(1 / 150);
      if (breach) dispatchBreach.add(`${routeId}:${zone}`);
      return {
        routeId,
        day: delivery,
        stage: 'dispatch',
        zone,
        pickupPointId: null,
        tenths: demoTenths(cold, zone, breach),
        source: 'warehouse',
        measuredAt: day.at(5 * 60 + 30 + cold.int(0, 35), 1),
      };
    });
    await recordReadings(db, readings);
  }
  await day.mark(day.at(6 * 60 + 10, 1));

  // The leaders count their crates, 07:40–09:00 (a unit goes missing or gets crushed once in a while).
  await day.mark(day.at(7 * 60 + 40, 1));
  const demoPointId = world.customers[0].pickupPointId;
  const firstBreach = Math.max(
    0,
    lists.findIndex((l) => l.pickupPointId !== demoPointId),
  );
  for (const [k, list] of lists.entries()) {
    const leader = world.leaders.get(list.pickupPointId);
    const arrivedAt = day.at(7 * 60 + 40 + (80 * (k + 1)) / lists.length, 1);
    if (!leader || !day.due(arrivedAt)) continue;
    // the leader reads each cold zone on arrival (the first day always has one breach, so even a
    // tiny demo shows one, at a point other than the demo login's); a zone out of range at
    // dispatch or here is refused whole
    const refused = new Set<string>();
    const readings: ReadingInput[] = coldZonesOf([list]).map((zone) => {
      const breach = cold.chance(1 / 120) || (dayIndex === 0 && k === firstBreach && zone === 'chilled');
      if (breach || dispatchBreach.has(`${list.routeId}:${zone}`)) refused.add(zone);
      return {
        routeId: list.routeId,
        day: delivery,
        stage: 'arrival',
        zone,
        pickupPointId: list.pickupPointId,
        tenths: demoTenths(cold, zone, breach),
        source: 'leader',
        recordedBy: leader.userId,
        measuredAt: new Date(arrivedAt.getTime() - 60_000),
      };
    });
    await recordReadings(db, readings);
    const counted = list.lines.map((l) => {
      const lost = l.quantity > 0 && rng.chance(1 / 150) ? 1 : 0;
      return {
        productId: l.productId,
        receivedQuantity: l.quantity - lost,
        damagedQuantity: lost && rng.chance(0.5) ? 1 : 0,
      };
    });
    const zoneOf = new Map(list.lines.map((l) => [l.productId, l.temperatureZone]));
    const refusedLines = counted.filter((c) => refused.has(zoneOf.get(c.productId) ?? ''));
    if (refusedLines.length)
      await confirmArrival(
        db,
        leader,
        {
          campaignId,
          lines: refusedLines.map((c) => {
            const quantity = list.lines.find((l) => l.productId === c.productId)!.quantity;
            return { productId: c.productId, receivedQuantity: 0, missingQuantity: 0, damagedQuantity: quantity };
          }),
        },
        { damagedNote: 'Refused at the pickup point: goods out of their temperature range' },
      );
    const rest = counted.filter((c) => !refused.has(zoneOf.get(c.productId) ?? ''));
    if (rest.length) await confirmArrival(db, leader, { campaignId, lines: rest });
    day.touched();
  }
  await day.mark(day.at(9 * 60, 1));

  // Pickups through the day, busiest after work; a few come the day after, a few never (the leader follows them up).
  const ready = await rows<{ id: string; user_id: string; pickup_point_id: string; pickup_code: string }>(
    db,
    sql`
    select id, user_id, pickup_point_id, pickup_code from orders where campaign_id = ${campaignId} and status = 'ready' order by seq`,
  );
  const queue = shuffle(rng, ready);
  // the demo login picks up on time (sampleBuyers)
  const onTime = queue.filter((o) => rng.chance(0.96) || o.user_id === world.customers[0].id);
  const late = queue.filter((o) => !onTime.includes(o) && rng.chance(0.75));
  const pickUp = async (o: (typeof ready)[number]) => {
    await pickUpOrder(db, world.leaders.get(o.pickup_point_id)!, o.pickup_code, null, {
      settlementDelayDays: config.settlementDelayDays,
    });
    total.pickedUpOrders++;
    day.touched();
  };
  const step = Math.max(MIN_EVENTS_PER_MARK, Math.ceil(onTime.length / 8));
  for (const [n, o] of onTime.entries()) {
    const when = day.at(minuteAtQuantile(PICKUP_HOURS, (n + 1) / onTime.length), 1);
    if (!day.due(when)) return;
    await pickUp(o);
    if ((n + 1) % step === 0) await day.mark(when);
  }

  // After-sales: a few claims the evening after pickup, decided by an operator next morning.
  if (!day.due(day.at(12 * 60, 2))) return;
  await day.mark(day.at(21 * 60, 1));
  const claimable = await rows<{ order_id: string; user_id: string; line_id: string }>(
    db,
    sql`
    select distinct on (o.id) o.id as order_id, o.user_id, l.id as line_id
    from orders o join order_lines l on l.order_id = o.id
    where o.campaign_id = ${campaignId} and l.status = 'picked_up' order by o.id, l.paid_fen desc`,
  );
  const claims: string[] = [];
  for (const c of claimable) {
    if (!rng.chance(0.025)) continue;
    const reason = (['quality', 'quality', 'quality', 'missing', 'wrong_item'] as AftersalesReason[])[rng.int(0, 4)];
    const refund = await db.transaction((tx) =>
      requestAftersales(tx as unknown as Db, c.user_id, c.order_id, {
        lines: [{ lineId: c.line_id, quantity: 1 }],
        reason,
        note: reason === 'quality' ? '收到时有破损/不新鲜' : undefined,
      }),
    );
    claims.push(refund.id);
  }
  await day.mark(day.at(23 * 60, 1));
  await day.mark(day.at(9 * 60, 2));
  for (const id of claims) {
    const approve = rng.chance(0.85);
    await decideRefund(db, id, { approve, note: approve ? undefined : '照片显示商品完好，已电话沟通' });
    if (approve) total.aftersalesRefunds++;
    day.touched();
  }
  await day.mark(day.at(10 * 60, 2));
  for (const o of late) await pickUp(o);
  await day.mark(day.at(12 * 60, 2));
}

/** The cold zones a set of sorting lists carries goods of. */
function coldZonesOf(lists: { lines: { temperatureZone: string; quantity: number }[] }[]): ColdZone[] {
  return (['chilled', 'frozen'] as const).filter((z) =>
    lists.some((l) => l.lines.some((line) => line.temperatureZone === z && line.quantity > 0)),
  );
}

/** A plausible reading in tenths of a degree: within the default range, or clearly out of it. */
function demoTenths(rng: { int(min: number, max: number): number }, zone: ColdZone, breach: boolean): number {
  if (zone === 'chilled') return breach ? rng.int(95, 140) : rng.int(20, 65);
  return breach ? rng.int(-160, -110) : rng.int(-235, -190);
}
