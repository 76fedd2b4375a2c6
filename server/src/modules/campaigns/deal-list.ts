import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db, type Listener } from '../../db/client.js';
import type { SoldOutCache } from '../../lib/sold-out.js';
import type { GroupTier } from './rules.js';
import { DEFAULT_REGION_ID } from '../network/service.js';
import { activeCampaigns, groupBuyersSql, groupTierView, type CampaignView } from './service.js';

/** Announces deal-list changes: `c` (a campaign, deal term or product changed; sent by triggers, migration 0015), `s:<itemId>` (sold out). */
export const DEALS_CHANNEL = 'linli_deals';

export interface DealListOptions {
  /** how old `sold`, `remaining` and group-tier buyers may be when served (default 1 s) */
  countersMs?: number;
  /** how long the rest is kept while changes are heard (default 60 s; reloaded at every start and cutoff anyway) */
  maxAgeMs?: number;
  listen?: (channel: string, onMessage: (payload: string) => void, onState: (up: boolean) => void) => Listener;
}

interface Loaded {
  campaigns: CampaignView[];
  /** the invalidation count it was loaded under */
  generation: number;
  /** Date.now() after which it must be loaded again: a campaign starts or cuts off, or the age limit */
  until: number;
  /** Date.now() when its counters were read */
  countersAt: number;
  /** the campaigns as shown (sold-out signals applied), in the list's order */
  shown: CampaignView[];
  /** the text of the campaigns offered in the whole region (a shopper without a point) */
  body: string;
  /** a prepared text per distinct set of campaigns offered at a point (the campaigns' indexes as key), made on first use */
  bodies: Map<string, string>;
  /** pickup point → the key of the campaigns offered there; kept while the campaigns are (targets change only with them) */
  pointKeys: Map<string, string>;
}

/** A pickup point as the list needs it: its region, and its route (for campaigns targeting routes). */
export interface PointPlace {
  id: string;
  regionId: string;
  routeId: string;
}

const wholeRegion = (c: CampaignView) => c.routeIds.length === 0 && c.pickupPointIds.length === 0;
const offeredAt = (c: CampaignView, p: PointPlace) =>
  wholeRegion(c) || c.pickupPointIds.includes(p.id) || c.routeIds.includes(p.routeId);

/**
 * The shop's deal list (GET /campaigns/active), the same for every shopper of a region (it has no
 * per-user field: member prices are shown to all, applied at checkout), kept in each process and
 * served as one prepared JSON text per region, made on the region's first request (decisions 021, 027).
 *
 * - Campaigns, deals and products are loaded once and kept until a change is heard on
 *   DEALS_CHANNEL (triggers notify on commit, from any process), until the next start or cutoff
 *   time of a campaign, or for at most `maxAgeMs`; while this process cannot hear (starting, or its
 *   listening connection lost) for at most `countersMs`.
 * - `sold`, `remaining` and group-tier buyers change with every order: a request finding them older
 *   than `countersMs` waits for one shared read of them (one indexed statement per second per
 *   process however many shoppers ask), so they are never more than `countersMs` plus that read old.
 * - Sold out is shown at once: when this process learns a deal sold out (its sold-out memory is
 *   marked: the lane took the last unit, or an order was refused for it), the list shows it with
 *   none left and tells the other processes (`s:<itemId>`), which do the same; only a read of the
 *   counters that started after that moment may show units again (units given back).
 */
/** One region's list: each region's shoppers are served their own prepared text. */
interface RegionList {
  loaded?: Loaded;
  loading?: Promise<Loaded>;
  refreshing?: Promise<Loaded>;
}

export class DealList {
  /** per region, made on its first request */
  private readonly regions = new Map<string, RegionList>();
  /** pickup point → its region and route, as asked by shops; forgotten with everything else */
  private readonly pointPlaces = new Map<string, PointPlace>();
  private generation = 0;
  private listening: boolean;
  private listener?: Listener;
  /** deals shown sold out by a signal, with the signal's sequence number */
  private readonly soldOut = new Map<string, number>();
  private signals = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly db: Db,
    private readonly memory: SoldOutCache,
    private readonly opts: DealListOptions = {},
  ) {
    this.listening = !opts.listen;
  }

  private get countersMs() {
    return this.opts.countersMs ?? 1000;
  }

  start() {
    this.unsubscribe ??= this.memory.onSoldOut((itemId) => this.soldOutHere(itemId));
    if (!this.opts.listen || this.listener) return;
    this.listener = this.opts.listen(
      DEALS_CHANNEL,
      (payload) => {
        if (payload === 'c') this.invalidate();
        else if (payload.startsWith('s:')) this.markSoldOut(payload.slice(2));
      },
      (up) => {
        // what was announced while deaf is unknown: start over
        this.invalidate();
        this.listening = up;
      },
    );
  }

  async stop() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.listener?.close();
    this.listener = undefined;
  }

  /** Forget everything loaded: the next request loads the list again. */
  invalidate() {
    this.generation++;
    this.pointPlaces.clear();
  }

  /**
   * The region and route of a pickup point (remembered: a point moves only when an operator moves
   * it, which is announced), or undefined when there is no such point.
   */
  async placeOfPoint(pointId: string): Promise<PointPlace | undefined> {
    const known = this.pointPlaces.get(pointId);
    if (known) return known;
    const generation = this.generation;
    const row = await one<{ region_id: string; route_id: string }>(
      this.db,
      sql`select region_id, route_id from pickup_points where id = ${pointId}`,
    );
    if (!row) return undefined;
    const place = { id: pointId, regionId: row.region_id, routeId: row.route_id };
    // not remembered when a change was heard meanwhile: it may be older than the change
    if (generation === this.generation) this.pointPlaces.set(pointId, place);
    return place;
  }

  /**
   * The list as JSON text, at most `countersMs` (plus one read) behind the database: the campaigns
   * offered at the point (of its region, targeting it, its route or nothing), or without a point
   * the default region's campaigns offered in the whole region. `now` is Date.now() unless a test sets it.
   */
  async json(now = Date.now(), point?: PointPlace): Promise<string> {
    const regionId = point?.regionId ?? DEFAULT_REGION_ID;
    let region = this.regions.get(regionId);
    if (!region) {
      region = {};
      this.regions.set(regionId, region);
    }
    let current = region.loaded;
    if (!current || current.generation !== this.generation || now >= current.until)
      current = await this.load(region, regionId, now);
    else if (now - current.countersAt >= this.countersMs) current = await this.refreshCounters(region, current, now);
    return point ? this.bodyAt(current, point) : current.body;
  }

  /** The text for one point: one prepared text per distinct set of campaigns offered, shared by every point with that set. */
  private bodyAt(loaded: Loaded, point: PointPlace): string {
    let key = loaded.pointKeys.get(point.id);
    if (key === undefined) {
      key = loaded.campaigns.every(wholeRegion)
        ? '*'
        : loaded.campaigns.flatMap((c, i) => (offeredAt(c, point) ? [i] : [])).join(',');
      loaded.pointKeys.set(point.id, key);
    }
    if (key === '*') return loaded.body;
    let body = loaded.bodies.get(key);
    if (body === undefined) {
      const shown = key === '' ? [] : key.split(',').map((i) => loaded.shown[Number(i)]);
      body = JSON.stringify(shown);
      loaded.bodies.set(key, body);
    }
    return body;
  }

  private load(region: RegionList, regionId: string, started: number): Promise<Loaded> {
    region.loading ??= (async () => {
      const generation = this.generation;
      const signals = this.signals;
      // the next start or cutoff first: one passing while the list loads then makes it due at once
      const next = await one<{ at: number | null }>(
        this.db,
        sql`
        select (extract(epoch from least(
          (select min(cutoff_at) from campaigns where status = 'open' and starts_at <= now() and cutoff_at > now() and region_id = ${regionId}),
          (select min(starts_at) from campaigns where status = 'open' and starts_at > now() and region_id = ${regionId}))) * 1000)::float8 as at`,
      );
      const campaigns = await activeCampaigns(this.db, regionId);
      const maxAge = this.listening ? (this.opts.maxAgeMs ?? 60_000) : this.countersMs;
      const loaded = this.settle(
        {
          campaigns,
          generation,
          until: Math.min(started + maxAge, next?.at ?? Number.POSITIVE_INFINITY),
          countersAt: started,
          shown: [],
          body: '',
          bodies: new Map(),
          pointKeys: new Map(),
        },
        signals,
      );
      region.loaded = loaded;
      return loaded;
    })().finally(() => {
      region.loading = undefined;
    });
    return region.loading;
  }

  private refreshCounters(region: RegionList, current: Loaded, started: number): Promise<Loaded> {
    region.refreshing ??= (async () => {
      const signals = this.signals;
      const ids = current.campaigns.flatMap((c) => c.items.map((i) => i.id));
      const counters = ids.length
        ? await rows<{ id: string; sold: number; buyers: number | null }>(
            this.db,
            sql`
            select ci.id, ci.sold, case when ci.group_tiers is not null then ${groupBuyersSql(sql`ci.id`)} end as buyers
            from campaign_items ci where ci.id = any(${pgArray(ids)}::uuid[])`,
          )
        : [];
      const byId = new Map(counters.map((c) => [c.id, c]));
      const campaigns = current.campaigns.map((c) => ({
        ...c,
        items: c.items.map((i) => {
          const now = byId.get(i.id);
          if (!now) return i;
          return {
            ...i,
            sold: now.sold,
            ...(i.quota !== undefined ? { remaining: i.quota - now.sold } : {}),
            ...(i.groupTiers ? groupTierView(i.groupTiers as GroupTier[], now.buyers ?? 0) : {}),
          };
        }),
      }));
      const fresh = this.settle({ ...current, campaigns, countersAt: started }, signals);
      // a reload meanwhile (a change was heard) wins over these counters
      if (region.loaded === current) region.loaded = fresh;
      return region.loaded ?? fresh;
    })().finally(() => {
      region.refreshing = undefined;
    });
    return region.refreshing;
  }

  /**
   * Prepares the JSON text with every sold-out signal applied; given the signal count at which
   * a read began, first drops the signals that read has seen (its counters are newer).
   */
  private settle(loaded: Loaded, signals?: number): Loaded {
    if (signals !== undefined)
      for (const [itemId, seq] of this.soldOut) if (seq <= signals) this.soldOut.delete(itemId);
    const campaigns: CampaignView[] = this.soldOut.size
      ? loaded.campaigns.map((c) => ({
          ...c,
          items: c.items.map((i) =>
            this.soldOut.has(i.id) && i.quota !== undefined && (i.remaining ?? 0) > 0
              ? { ...i, sold: i.quota, remaining: 0 }
              : i,
          ),
        }))
      : loaded.campaigns;
    return {
      ...loaded,
      shown: campaigns,
      body: JSON.stringify(campaigns.filter((_, i) => wholeRegion(loaded.campaigns[i]))),
      // the texts per point are made again from the new counters; which campaigns each point sees is kept
      bodies: new Map(),
    };
  }

  /** Another process (or this one, through the channel) learned the deal sold out. */
  private markSoldOut(itemId: string) {
    this.soldOut.set(itemId, ++this.signals);
    for (const region of this.regions.values()) if (region.loaded) region.loaded = this.settle(region.loaded);
  }

  /** This process learned it: show it and tell the others, unless the list already shows none left. */
  private soldOutHere(itemId: string) {
    const shown = [...this.regions.values()]
      .flatMap((r) => r.loaded?.campaigns.flatMap((c) => c.items) ?? [])
      .find((i) => i.id === itemId);
    if (!shown || shown.quota === undefined || (shown.remaining ?? 0) <= 0 || this.soldOut.has(itemId)) return;
    this.markSoldOut(itemId);
    exec(this.db, sql`select pg_notify(${DEALS_CHANNEL}, ${`s:${itemId}`})`).catch(() => {
      // the others' lists catch up within countersMs by themselves
    });
  }
}
