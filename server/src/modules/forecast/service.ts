import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { addDays, businessDate, localTime } from '../../lib/time.js';
import { listRegions, readDemand, type Region } from './rollup.js';
import { cellKey, entry, forecastCells, shiftDay, wape } from './rules.js';

/** Days of history a forecast reads: eight weeks hold eight of each weekday, and keep a year's shop fast. */
export const HISTORY_DAYS = 56;

async function regionOf(db: Db, scope: RegionScope, regionId: string): Promise<Region & { name: string }> {
  requireInScope(scope, regionId, 'Region');
  const r = await one<Region & { name: string }>(
    db,
    sql`select id, name, time_zone as "timeZone" from regions where id = ${regionId}`,
  );
  if (!r) throw notFound('Region');
  return r;
}

/** Forecasts of `target` from the region's closed days before it (today is never read: it is not over). */
async function forecastsFor(
  db: Db,
  region: Region,
  target: string,
  extra: { productId: string; pickupPointId: string }[],
  now: Date,
) {
  const today = businessDate(now, region.timeZone);
  const to = addDays(target < today ? target : today, -1);
  const history = await readDemand(db, region, addDays(target, -HISTORY_DAYS), to);
  return forecastCells(history, target, extra);
}

export interface ProductForecast {
  productId: string;
  name: string;
  unit: string;
  /** expected units over the region's points (sum of the points' forecasts) */
  units: number;
  /** the quota to buy for: the expected units rounded up */
  suggestedQuota: number;
  /** `none`: no history at any point (a new product) */
  basis: 'history' | 'none';
  /** the most history days any of its points had */
  daysUsed: number;
  points?: { pickupPointId: string; name: string; units: number; basis: 'history' | 'none' }[];
}

/**
 * The next-day (or any later day's) demand forecast of a region's products: per product the sum
 * over the region's pickup points, and per point when `points` is asked. `productIds` narrows it
 * (and names new products, answered with basis `none`); without it, every product with history.
 */
export async function demandForecast(
  db: Db,
  scope: RegionScope,
  q: { regionId: string; day?: string; cutoffAt?: string; productIds?: string[]; points?: boolean },
  now = new Date(),
): Promise<{ regionId: string; timeZone: string; day: string; products: ProductForecast[] }> {
  const region = await regionOf(db, scope, q.regionId);
  const day =
    q.day ??
    (q.cutoffAt ? businessDate(new Date(q.cutoffAt), region.timeZone) : addDays(businessDate(now, region.timeZone), 1));
  const points = await rows<{ id: string; name: string }>(
    db,
    sql`select id, name from pickup_points where region_id = ${region.id} order by name, id`,
  );
  const asked = q.productIds ? [...new Set(q.productIds)] : undefined;
  const extra =
    asked && q.points ? asked.flatMap((p) => points.map((pt) => ({ productId: p, pickupPointId: pt.id }))) : [];
  const cells = await forecastsFor(db, region, day, extra, now);
  const byProduct = new Map<string, { units: number; days: number }>();
  for (const c of cells.values()) {
    if (asked && !asked.includes(c.productId)) continue;
    const p = entry(byProduct, c.productId, () => ({ units: 0, days: 0 }));
    p.units += c.units;
    p.days = Math.max(p.days, c.daysUsed);
  }
  const ids = asked ?? [...byProduct.keys()];
  const names = ids.length
    ? await rows<{ id: string; name: string; unit: string }>(
        db,
        sql`select id, name, unit from products where id = any(${pgArray(ids)}::uuid[])`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const pointName = new Map(points.map((p) => [p.id, p.name]));
  const products: ProductForecast[] = ids
    .filter((id) => nameOf.has(id))
    .map((id) => {
      const p = byProduct.get(id);
      const units = round2(p?.units ?? 0);
      const out: ProductForecast = {
        productId: id,
        name: nameOf.get(id)!.name,
        unit: nameOf.get(id)!.unit,
        units,
        suggestedQuota: Math.ceil(units - 1e-9),
        basis: p && p.days > 0 ? 'history' : 'none',
        daysUsed: p?.days ?? 0,
      };
      if (q.points)
        out.points = points
          .map((pt) => {
            const c = cells.get(cellKey(id, pt.id));
            return {
              pickupPointId: pt.id,
              name: pointName.get(pt.id) ?? '',
              units: round2(c?.units ?? 0),
              basis: c && c.basis === 'history' ? ('history' as const) : ('none' as const),
            };
          })
          .sort((a, b) => b.units - a.units);
      return out;
    })
    .sort((a, b) => b.units - a.units || a.name.localeCompare(b.name));
  return { regionId: region.id, timeZone: region.timeZone, day, products };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Records the forecast of each region's next business day, once per cell: a cell already recorded
 * keeps its first forecast, and a day already begun in the region is never recorded (what the
 * cutoff screen shows as expected was fixed before the day). Returns the cells written.
 */
export async function recordForecasts(db: Db, now = new Date(), regionId?: string): Promise<number> {
  let written = 0;
  for (const region of await listRegions(db, regionId)) {
    const day = addDays(businessDate(now, region.timeZone), 1);
    written += await record(db, region, day, now);
  }
  return written;
}

async function record(db: Db, region: Region, day: string, now: Date): Promise<number> {
  // the guard that makes it a forecast: the day must not have begun in the region
  if (day <= businessDate(now, region.timeZone)) return 0;
  const cells = [...(await forecastsFor(db, region, day, [], now)).values()].filter((c) => c.basis === 'history');
  return insertForecasts(db, region, day, cells, now);
}

async function insertForecasts(
  db: Db,
  region: Region,
  day: string,
  cells: { productId: string; pickupPointId: string; units: number }[],
  at: Date,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < cells.length; i += 2000) {
    const part = cells.slice(i, i + 2000);
    const got = await rows<{ n: number }>(
      db,
      sql`with ins as (
        insert into demand_forecasts (region_id, day, product_id, pickup_point_id, units, recorded_at)
        select ${region.id}::uuid, ${day}::date, p, k, u, ${at.toISOString()}::timestamptz
        from unnest(${pgArray(part.map((c) => c.productId))}::uuid[], ${pgArray(part.map((c) => c.pickupPointId))}::uuid[],
          ${pgArray(part.map((c) => c.units))}::float8[]) as x(p, k, u)
        on conflict (region_id, day, product_id, pickup_point_id) do nothing
        returning 1)
      select count(*)::int as n from ins`,
    );
    written += got[0]?.n ?? 0;
  }
  return written;
}

/**
 * The demo's history of recorded forecasts: each past day's forecast as it would have been
 * recorded the evening before, from the days before it only (the demo's history is played in
 * minutes, so no job ran on those evenings), for the products on sale that day. Never rewrites a
 * recorded cell.
 */
export async function recordPastForecasts(
  db: Db,
  regionId: string,
  from: string,
  to: string,
  now = new Date(),
): Promise<number> {
  const [region] = await listRegions(db, regionId);
  if (!region) return 0;
  const last = businessDate(now, region.timeZone);
  const history = await readDemand(db, region, addDays(from, -HISTORY_DAYS), addDays(last, -1));
  let written = 0;
  for (let day = from; day <= to && day <= last; day = addDays(day, 1)) {
    const since = shiftDay(day, -HISTORY_DAYS);
    const window = {
      offered: history.offered.filter((o) => o.day >= since && o.day < day),
      units: history.units.filter((u) => u.day >= since && u.day < day),
    };
    // only the products on sale that day: the others' forecasts would never be compared with anything
    const onSale = new Set(history.offered.filter((o) => o.day === day).map((o) => o.productId));
    const cells = [...forecastCells(window, day).values()].filter(
      (c) => c.basis === 'history' && onSale.has(c.productId),
    );
    const evening = new Date(localTime(day, '00:00', region.timeZone).getTime() - 3_600_000);
    written += await insertForecasts(db, region, day, cells, evening);
  }
  return written;
}

export interface AccuracyRow {
  productId: string;
  name: string;
  unit: string;
  /** the units recorded before the day; null when nothing was recorded for the product */
  expected: number | null;
  actual: number;
  /** actual − expected; null without a recording */
  diff: number | null;
}

/**
 * Expected against actual on a campaign's day (the business day of its cutoff in its region), per
 * product of the campaign: expected is the forecast recorded before the day, actual the units
 * paid for that day in the region (today: so far). WAPE over product × point cells, in basis
 * points, for the recorded forecast and for the naive same-weekday-last-week one.
 */
export async function forecastAccuracy(db: Db, scope: RegionScope, campaignId: string) {
  const c = await one<{ region_id: string; cutoff_at: Date | string; title: string }>(
    db,
    sql`select region_id, cutoff_at, title from campaigns where id = ${campaignId}`,
  );
  if (!c) throw notFound('Campaign');
  requireInScope(scope, c.region_id, 'Campaign');
  const region = await regionOf(db, scope, c.region_id);
  const day = businessDate(new Date(c.cutoff_at), region.timeZone);
  const products = await rows<{ id: string; name: string; unit: string }>(
    db,
    sql`select distinct p.id, p.name, p.unit from campaign_items i join products p on p.id = i.product_id
      where i.campaign_id = ${campaignId}`,
  );
  const ids = pgArray(products.map((p) => p.id));
  const recorded = await rows<{
    product_id: string;
    pickup_point_id: string;
    units: number;
    recorded_at: Date | string;
  }>(
    db,
    sql`select product_id, pickup_point_id, units, recorded_at from demand_forecasts
      where region_id = ${region.id} and day = ${day}::date and product_id = any(${ids}::uuid[])`,
  );
  const wanted = new Set(products.map((p) => p.id));
  const weekBefore = shiftDay(day, -7);
  const demand = await readDemand(db, region, weekBefore, day);
  const actual = new Map<string, number>();
  const naive = new Map<string, number>();
  for (const u of demand.units) {
    if (!wanted.has(u.productId)) continue;
    const key = cellKey(u.productId, u.pickupPointId);
    if (u.day === day) actual.set(key, (actual.get(key) ?? 0) + u.units);
    if (u.day === weekBefore) naive.set(key, (naive.get(key) ?? 0) + u.units);
  }
  const expected = new Map(recorded.map((r) => [cellKey(r.product_id, r.pickup_point_id), Number(r.units)]));
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  const pairs = [...keys].map((k) => ({ actual: actual.get(k) ?? 0, forecast: expected.get(k) ?? 0 }));
  const naivePairs = [...keys].map((k) => ({ actual: actual.get(k) ?? 0, forecast: naive.get(k) ?? 0 }));
  const perProduct = (m: Map<string, number>) => {
    const out = new Map<string, number>();
    for (const [k, v] of m) out.set(k.split('|')[0], (out.get(k.split('|')[0]) ?? 0) + v);
    return out;
  };
  const exp = perProduct(expected);
  const act = perProduct(actual);
  const lines: AccuracyRow[] = products
    .map((p) => {
      const e = exp.has(p.id) ? round2(exp.get(p.id)!) : null;
      const a = act.get(p.id) ?? 0;
      return {
        productId: p.id,
        name: p.name,
        unit: p.unit,
        expected: e,
        actual: a,
        diff: e === null ? null : round2(a - e),
      };
    })
    .sort((a, b) => b.actual - a.actual || (b.expected ?? 0) - (a.expected ?? 0) || a.name.localeCompare(b.name));
  const bps = (x: number | null) => (x === null ? null : Math.round(x * 10_000));
  const recordedAt = recorded.reduce<string | null>((m, r) => {
    const at = new Date(r.recorded_at).toISOString();
    return m === null || at > m ? at : m;
  }, null);
  return {
    campaignId,
    title: c.title,
    regionId: region.id,
    regionName: region.name,
    day,
    /** the day is over in the region: actual is final */
    closed: day < businessDate(new Date(), region.timeZone),
    recordedAt,
    wapeBps: recorded.length ? bps(wape(pairs)) : null,
    naiveWapeBps: bps(wape(naivePairs)),
    expectedTotal: round2([...exp.values()].reduce((s, v) => s + v, 0)),
    actualTotal: [...act.values()].reduce((s, v) => s + v, 0),
    lines,
  };
}

export type Accuracy = Awaited<ReturnType<typeof forecastAccuracy>>;
