/**
 * Next-day demand forecast (decision 049): a weekday profile times a damped level/trend, per
 * product × pickup point. Pure: the days come in, the forecast goes out; no clock, no database.
 *
 *   forecast(D) = max(0, level + Σ_{i=1..h} φ^i · trend) × profile[weekday(D)]
 *
 * where level and trend are Holt's damped linear smoothing of the deseasonalised days
 * (units / profile[weekday]). The weekday profile is pooled over the region's products and points
 * (one point's single product sells too few units a day to show its own weekly shape), estimated
 * by the ratio of each day to its centred 7-day mean.
 *
 * Censored days: a day whose deal sold out (quota reached) shows only a lower bound of the demand,
 * so it counts as max(observed, what was expected that day); a promoted day (flash sale, group
 * tiers, a markdown) shows a lift that will not repeat, so it is left out like a day not on sale.
 * A day the product was not offered at all is missing, not zero.
 */

/** What a day tells about demand. */
export type DayKind = 'normal' | 'sold_out' | 'promoted' | 'not_offered';

export interface DemandDay {
  /** business day, YYYY-MM-DD */
  day: string;
  units: number;
  kind: DayKind;
}

export interface ForecastParams {
  /** level smoothing */
  alpha: number;
  /** trend smoothing */
  beta: number;
  /** trend damping per day (1 = none) */
  phi: number;
  /** no weekday profile (for the comparison in decision 049) */
  flatProfile?: boolean;
}

export const DEFAULT_PARAMS: ForecastParams = { alpha: 0.1, beta: 0.05, phi: 0.98 };

export interface Forecast {
  /** expected units on the target day (not rounded: sums over points stay unbiased) */
  units: number;
  /** deseasonalised level and daily trend after the last history day */
  level: number;
  trend: number;
  /** the profile's factor of the target's weekday */
  weekdayFactor: number;
  /** history days that informed it (normal and sold-out days) */
  daysUsed: number;
  /** `none`: no usable history (a new product at this point): units is 0 and says nothing */
  basis: 'history' | 'none';
}

const DAY_MS = 86_400_000;

/** the map's value at `key`, made and stored first when absent */
export function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
/** 0 = Sunday, like Date#getUTCDay */
export const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();

/**
 * A weekday profile (index 0 = Sunday, mean 1) from daily totals: each day's ratio to the mean of
 * the 7 days centred on it, averaged per weekday. Days without a full centred week around them are
 * not used; a weekday seen fewer than twice keeps 1 (too little to tell).
 */
export function weekdayProfile(totals: readonly { day: string; units: number }[]): number[] {
  const byNumber = new Map<number, number>();
  for (const t of totals) byNumber.set(dayNumber(t.day), (byNumber.get(dayNumber(t.day)) ?? 0) + t.units);
  const sums = new Array(7).fill(0);
  const counts = new Array(7).fill(0);
  for (const [n, units] of byNumber) {
    let window = 0;
    let full = true;
    for (let k = -3; k <= 3; k++) {
      const v = byNumber.get(n + k);
      if (v === undefined) {
        full = false;
        break;
      }
      window += v;
    }
    if (!full || window <= 0) continue;
    const w = (((n + 4) % 7) + 7) % 7; // day number 0 (1970-01-01) was a Thursday
    sums[w] += units / (window / 7);
    counts[w]++;
  }
  const raw = sums.map((s, w) => (counts[w] >= 2 ? s / counts[w] : 1));
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((r) => (mean > 0 ? r / mean : 1));
}

export const FLAT_PROFILE: readonly number[] = [1, 1, 1, 1, 1, 1, 1];

/**
 * The forecast for `target` from the days before it (any order; days after or on `target` are
 * ignored, so a forecast never sees what it forecasts). Calendar days absent from `history` and
 * `not_offered` / `promoted` days advance the clock without updating the level.
 */
export function forecastDemand(
  history: readonly DemandDay[],
  target: string,
  profile: readonly number[] = FLAT_PROFILE,
  params: ForecastParams = DEFAULT_PARAMS,
): Forecast {
  const { alpha, beta, phi } = params;
  const targetN = dayNumber(target);
  const days = history
    .filter((d) => d.kind !== 'not_offered' && d.kind !== 'promoted' && dayNumber(d.day) < targetN)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const factor = (d: string) => Math.max(profile[weekday(d)] ?? 1, 1e-6);
  const weekdayFactor = profile[weekday(target)] ?? 1;
  if (days.length === 0) return { units: 0, level: 0, trend: 0, weekdayFactor, daysUsed: 0, basis: 'none' };

  // Start from the first week's mean with no trend: a trend read from one noisy week would
  // dominate the early forecasts; the smoothing finds it within a few weeks.
  const first = days.slice(0, 7);
  let level = first.reduce((s, d) => s + d.units / factor(d.day), 0) / first.length;
  let trend = 0;
  let at = dayNumber(days[0].day) - 1;
  for (const d of days) {
    const n = dayNumber(d.day);
    // days without a usable observation: the level moves by the damped trend alone
    for (; at < n - 1; at++) {
      level += phi * trend;
      trend *= phi;
    }
    const expected = level + phi * trend;
    let z = d.units / factor(d.day);
    // a sold-out day's units are a floor: the demand was at least what sold, and no less than expected
    if (d.kind === 'sold_out') z = Math.max(z, expected);
    const nextLevel = alpha * z + (1 - alpha) * expected;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    level = nextLevel;
    at = n;
  }
  let ahead = 0;
  let damp = 1;
  for (let i = at + 1; i <= targetN; i++) {
    damp *= phi;
    ahead += damp;
  }
  const units = Math.max(0, (level + ahead * trend) * weekdayFactor);
  return { units, level, trend, weekdayFactor, daysUsed: days.length, basis: 'history' };
}

/** The naive forecast: the same weekday a week before (0 when that day was not on sale). */
export function naiveForecast(history: readonly DemandDay[], target: string): number {
  const n = dayNumber(target) - 7;
  const d = history.find((h) => dayNumber(h.day) === n);
  return d ? d.units : 0;
}

/**
 * Weighted absolute percentage error: Σ|actual − forecast| / Σ actual, over the same cells.
 * Null when nothing was sold (the ratio means nothing then).
 */
export function wape(pairs: readonly { actual: number; forecast: number }[]): number | null {
  let err = 0;
  let total = 0;
  for (const p of pairs) {
    err += Math.abs(p.actual - p.forecast);
    total += p.actual;
  }
  return total > 0 ? err / total : null;
}

/** A region's demand history as read from the rollup: products on sale per day, units per cell. */
export interface DemandHistory {
  /** products on sale per day, with what the day says about their demand */
  offered: { day: string; productId: string; kind: Exclude<DayKind, 'not_offered'> }[];
  /** units per day, product and point (only cells with units) */
  units: { day: string; productId: string; pickupPointId: string; units: number }[];
}

export const cellKey = (productId: string, pickupPointId: string) => `${productId}|${pickupPointId}`;

/**
 * How a product's demand at a point is forecast:
 * - `split` (the default): the product's region-wide daily demand is forecast (a series with units
 *   most days), then split over the points by the product's share at each point over the history,
 *   shrunk towards the point's share of all products (SHARE_PRIOR_UNITS), so that a point's one
 *   lucky order does not make its share;
 * - `cell`: each product × point series is forecast on its own (mostly zeros and ones in a small shop).
 */
export type CellMethod = 'split' | 'cell';

/** how many units of evidence the point's overall share counts for in a product's point share */
export const SHARE_PRIOR_UNITS = 10;

export type CellForecast = Forecast & { productId: string; pickupPointId: string };

/**
 * Every product × point forecast of `target` from a region's history (only its days before
 * `target` are read): the cells of the products with history at the points with history, and
 * `extra` cells asked for (a new product, or every point of a product; those without any history
 * come back with basis `none`). The weekday profile is the region's, from its daily totals.
 */
export function forecastCells(
  history: DemandHistory,
  target: string,
  extra: readonly { productId: string; pickupPointId: string }[] = [],
  params: ForecastParams = DEFAULT_PARAMS,
  method: CellMethod = 'split',
): Map<string, CellForecast> {
  const totals = new Map<string, number>();
  const offered = new Map<string, Map<string, DayKind>>();
  for (const o of history.offered) {
    if (o.day >= target) continue;
    const m = entry(offered, o.productId, () => new Map());
    m.set(o.day, o.kind);
    if (!totals.has(o.day)) totals.set(o.day, 0);
  }
  const cells = new Map<string, { productId: string; pickupPointId: string; units: Map<string, number> }>();
  const products = new Map<string, { units: Map<string, number>; total: number; points: Map<string, number> }>();
  const pointTotals = new Map<string, number>();
  let allUnits = 0;
  for (const u of history.units) {
    if (u.day >= target) continue;
    totals.set(u.day, (totals.get(u.day) ?? 0) + u.units);
    const key = cellKey(u.productId, u.pickupPointId);
    const c = entry(cells, key, () => ({ productId: u.productId, pickupPointId: u.pickupPointId, units: new Map() }));
    c.units.set(u.day, (c.units.get(u.day) ?? 0) + u.units);
    const p = entry(products, u.productId, () => ({ units: new Map(), total: 0, points: new Map() }));
    p.units.set(u.day, (p.units.get(u.day) ?? 0) + u.units);
    p.total += u.units;
    p.points.set(u.pickupPointId, (p.points.get(u.pickupPointId) ?? 0) + u.units);
    pointTotals.set(u.pickupPointId, (pointTotals.get(u.pickupPointId) ?? 0) + u.units);
    allUnits += u.units;
  }
  const profile = params.flatProfile
    ? FLAT_PROFILE
    : weekdayProfile([...totals].map(([day, units]) => ({ day, units })));
  const seriesOf = (productId: string, units: Map<string, number>): DemandDay[] => {
    const days = offered.get(productId) ?? new Map<string, DayKind>();
    const series: DemandDay[] = [...days].map(([day, kind]) => ({ day, kind, units: units.get(day) ?? 0 }));
    // units on a day the product was in no campaign cut off that day (paid after a cutoff, for the next one)
    for (const [day, n] of units) if (!days.has(day)) series.push({ day, units: n, kind: 'normal' });
    return series;
  };
  const out = new Map<string, CellForecast>();
  if (method === 'cell') {
    for (const e of extra)
      if (!cells.has(cellKey(e.productId, e.pickupPointId)))
        cells.set(cellKey(e.productId, e.pickupPointId), { ...e, units: new Map() });
    for (const [key, c] of cells)
      out.set(key, {
        productId: c.productId,
        pickupPointId: c.pickupPointId,
        ...forecastDemand(seriesOf(c.productId, c.units), target, profile, params),
      });
    return out;
  }
  const wanted = new Map<string, Set<string>>();
  for (const id of products.keys()) wanted.set(id, new Set(pointTotals.keys()));
  for (const e of extra) {
    const w = entry(wanted, e.productId, () => new Set());
    w.add(e.pickupPointId);
  }
  for (const [productId, points] of wanted) {
    const p = products.get(productId);
    const f = forecastDemand(seriesOf(productId, p?.units ?? new Map()), target, profile, params);
    for (const pointId of points) {
      // the product's share at the point, shrunk towards the point's share of everything sold
      const prior = allUnits > 0 ? (pointTotals.get(pointId) ?? 0) / allUnits : 0;
      const share = p ? ((p.points.get(pointId) ?? 0) + SHARE_PRIOR_UNITS * prior) / (p.total + SHARE_PRIOR_UNITS) : 0;
      const basis = f.basis === 'history' && prior > 0 ? 'history' : 'none';
      out.set(cellKey(productId, pointId), {
        ...f,
        productId,
        pickupPointId: pointId,
        units: basis === 'history' ? f.units * share : 0,
        level: f.level * share,
        trend: f.trend * share,
        basis,
      });
    }
  }
  return out;
}

export interface Accuracy {
  /** pairs compared */
  cells: number;
  actual: number;
  wape: number | null;
  naiveWape: number | null;
  /** Σ forecast / Σ actual: above 1 forecasts too much */
  bias: number | null;
}

export interface Evaluation {
  /** target days evaluated */
  days: number;
  /** per product and region day: what purchasing buys (the suggested quota) */
  products: Accuracy;
  /** per product × pickup point and day (what is sorted to each point) */
  points: Accuracy;
}

function accuracy(pairs: { actual: number; forecast: number; naive: number }[]): Accuracy {
  const actual = pairs.reduce((s, p) => s + p.actual, 0);
  const forecast = pairs.reduce((s, p) => s + p.forecast, 0);
  return {
    cells: pairs.length,
    actual,
    wape: wape(pairs),
    naiveWape: wape(pairs.map((p) => ({ actual: p.actual, forecast: p.naive }))),
    bias: actual > 0 ? forecast / actual : null,
  };
}

/**
 * Forecast and naive against what happened on each of `targets`, every forecast made from the
 * `lookbackDays` before its target only (a rolling origin). Compared: every product on sale on the
 * target day (or sold on it) — in the region, and at each point with units of anything in the
 * lookback. Naive is the same cell a week before (0 when it sold nothing then).
 */
export function evaluateForecasts(
  history: DemandHistory,
  targets: readonly string[],
  params: ForecastParams = DEFAULT_PARAMS,
  method: CellMethod = 'split',
  lookbackDays = 56,
): Evaluation {
  const productPairs: { actual: number; forecast: number; naive: number }[] = [];
  const pointPairs: { actual: number; forecast: number; naive: number }[] = [];
  const unitsOn = new Map<string, Map<string, number>>();
  for (const u of history.units) {
    const m = entry(unitsOn, u.day, () => new Map());
    const key = cellKey(u.productId, u.pickupPointId);
    m.set(key, (m.get(key) ?? 0) + u.units);
  }
  const offeredOn = new Map<string, Set<string>>();
  for (const o of history.offered) {
    const s = entry(offeredOn, o.day, () => new Set());
    s.add(o.productId);
  }
  for (const target of targets) {
    const since = shiftDay(target, -lookbackDays);
    const window: DemandHistory = {
      offered: history.offered.filter((o) => o.day >= since && o.day < target),
      units: history.units.filter((u) => u.day >= since && u.day < target),
    };
    const points = new Set(window.units.map((u) => u.pickupPointId));
    const actualCells = unitsOn.get(target) ?? new Map<string, number>();
    const weekBefore = unitsOn.get(shiftDay(target, -7)) ?? new Map<string, number>();
    const productIds = new Set([
      ...(offeredOn.get(target) ?? []),
      ...[...actualCells.keys()].map((k) => k.split('|')[0]),
    ]);
    for (const k of actualCells.keys()) points.add(k.split('|')[1]);
    const extra = [...productIds].flatMap((productId) =>
      [...points].map((pickupPointId) => ({ productId, pickupPointId })),
    );
    const forecasts = forecastCells(window, target, extra, params, method);
    for (const productId of productIds) {
      let pa = 0;
      let pf = 0;
      let pn = 0;
      for (const pointId of points) {
        const key = cellKey(productId, pointId);
        const actual = actualCells.get(key) ?? 0;
        const forecast = forecasts.get(key)?.units ?? 0;
        const naive = weekBefore.get(key) ?? 0;
        pointPairs.push({ actual, forecast, naive });
        pa += actual;
        pf += forecast;
        pn += naive;
      }
      productPairs.push({ actual: pa, forecast: pf, naive: pn });
    }
  }
  return { days: targets.length, products: accuracy(productPairs), points: accuracy(pointPairs) };
}

export const shiftDay = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
