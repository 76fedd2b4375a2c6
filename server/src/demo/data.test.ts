import { describe, expect, it } from 'vitest';
import {
  catalogSpec,
  CITIES,
  cityCatalog,
  customerActivity,
  dealsForDay,
  generateBasket,
  minuteAtQuantile,
  networkSpec,
  ORDER_HOURS,
  Rng,
  sampleWeighted,
} from './data.js';

const products = catalogSpec();

describe('demo data', () => {
  it('has a believable catalog and network', () => {
    expect(products.length).toBeGreaterThanOrEqual(55);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
    for (const p of products) {
      expect(p.priceFen).toBeLessThan(p.listPriceFen);
      expect(p.costFen).toBeLessThan(p.priceFen);
      expect(Number.isInteger(p.priceFen) && Number.isInteger(p.costFen)).toBe(true);
    }
    for (const c of ['fresh', 'meat_eggs', 'dairy', 'grain_oil', 'daily'])
      expect(products.some((p) => p.category === c)).toBe(true);
    const net = networkSpec();
    expect(net.grids).toHaveLength(2);
    expect(net.grids.flatMap((g) => g.routes)).toHaveLength(4);
    expect(net.grids.flatMap((g) => g.routes.flatMap((r) => r.points))).toHaveLength(20);
  });

  it('has a second city on its own clock, a quarter of the first in people and orders, with its own assortment and phone numbers', () => {
    const [hangzhou, urumqi] = CITIES;
    expect(CITIES.map((c) => [c.name, c.timeZone])).toEqual([
      ['杭州', 'Asia/Shanghai'],
      ['乌鲁木齐', 'Asia/Urumqi'],
    ]);
    const points = (c: (typeof CITIES)[number]) => c.network().grids.flatMap((g) => g.routes.flatMap((r) => r.points));
    expect(points(hangzhou)).toHaveLength(20);
    expect(points(urumqi)).toHaveLength(7);
    expect(urumqi.share).toBe(1 / 4);
    // Urumqi lies around 43.8 N, 87.6 E
    for (const p of points(urumqi)) {
      expect(p.lat).toBeGreaterThan(43.7);
      expect(p.lat).toBeLessThan(43.95);
      expect(p.lng).toBeGreaterThan(87.5);
      expect(p.lng).toBeLessThan(87.75);
    }
    const sold = (c: (typeof CITIES)[number]) => new Set(cityCatalog(c).map((p) => p.name));
    for (const local of ['哈密瓜', '新疆馕', '新疆羊后腿肉']) {
      expect(sold(urumqi).has(local)).toBe(true);
      expect(sold(hangzhou).has(local)).toBe(false);
    }
    expect(sold(urumqi).has('本地小青菜')).toBe(false);
    expect(sold(hangzhou).size).toBe(products.filter((p) => p.only === undefined).length);
    expect(cityCatalog(urumqi).find((p) => p.name === '内蒙古羊肉卷')?.popularity).toBe(5);
    const phones = CITIES.flatMap((c) => [
      c.leaderPhone(0),
      c.leaderPhone(99),
      c.customerPhone(0),
      c.customerPhone(999),
    ]);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const rng = new Rng(seed);
      const deals = dealsForDay(rng, products, 40, { ordersPerDay: 90 });
      return { deals, baskets: Array.from({ length: 50 }, () => generateBasket(rng, deals, products)) };
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    expect(customerActivity(new Rng(1), 10)).toEqual(customerActivity(new Rng(1), 10));
  });

  it('builds baskets of 1–4 distinct deals, 1–3 units, within per-customer limits', () => {
    const rng = new Rng(7);
    const deals = dealsForDay(rng, products, 40, { ordersPerDay: 90 });
    expect(deals).toHaveLength(40);
    expect(new Set(deals.map((d) => d.product)).size).toBe(40);
    for (let i = 0; i < 2000; i++) {
      const basket = generateBasket(rng, deals, products);
      expect(basket.length).toBeGreaterThanOrEqual(1);
      expect(basket.length).toBeLessThanOrEqual(4);
      expect(new Set(basket.map((l) => l.deal)).size).toBe(basket.length);
      for (const l of basket) {
        expect(l.quantity).toBeGreaterThanOrEqual(1);
        expect(l.quantity).toBeLessThanOrEqual(Math.min(3, deals[l.deal].perCustomerLimit ?? 3));
      }
    }
  });

  it('sells mostly fresh produce (> 60 % of GMV) with a few best sellers', () => {
    const rng = new Rng(11);
    let fresh = 0;
    let gmv = 0;
    const units = new Map<number, number>();
    for (let day = 0; day < 30; day++) {
      const deals = dealsForDay(rng, products, 40, { ordersPerDay: 90 });
      for (let i = 0; i < 90; i++) {
        for (const l of generateBasket(rng, deals, products)) {
          const d = deals[l.deal];
          gmv += d.priceFen * l.quantity;
          if (products[d.product].category === 'fresh') fresh += d.priceFen * l.quantity;
          units.set(d.product, (units.get(d.product) ?? 0) + l.quantity);
        }
      }
    }
    expect(fresh / gmv).toBeGreaterThan(0.6);
    expect(fresh / gmv).toBeLessThan(0.85);
    // Pareto-ish: the top fifth of products sell at least 40 % of the units
    const sorted = [...units.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(products.length / 5)).reduce((s, n) => s + n, 0);
    expect(top / sorted.reduce((s, n) => s + n, 0)).toBeGreaterThan(0.4);
  });

  it('samples without replacement, favouring heavy weights', () => {
    const rng = new Rng(3);
    const picks = sampleWeighted(rng, [100, 1, 1, 1, 0], 4);
    expect(new Set(picks).size).toBe(4);
    expect(picks).not.toContain(4);
    let first = 0;
    for (let i = 0; i < 200; i++) if (sampleWeighted(rng, [100, 1, 1, 1], 1)[0] === 0) first++;
    expect(first).toBeGreaterThan(180);
  });

  it('spreads orders over the selling hours', () => {
    expect(minuteAtQuantile(ORDER_HOURS, 0)).toBe(7 * 60);
    expect(minuteAtQuantile(ORDER_HOURS, 1)).toBe(23 * 60);
    let prev = -1;
    for (let q = 0; q <= 1; q += 0.01) {
      const m = minuteAtQuantile(ORDER_HOURS, q);
      expect(m).toBeGreaterThanOrEqual(prev);
      prev = m;
    }
    // the evening peak: more than a third of the orders come after 18:00
    expect(minuteAtQuantile(ORDER_HOURS, 0.6)).toBeGreaterThan(17 * 60);
  });
});
