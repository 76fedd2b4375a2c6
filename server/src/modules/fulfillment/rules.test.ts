import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateByPaymentTime, fromStock, lotExpiry, orderQuantity, planPurchase } from './rules.js';

describe('purchase planning', () => {
  it('rounds what stock does not cover up to whole packs', () => {
    expect(orderQuantity(7, 0, 6)).toBe(12);
    expect(orderQuantity(12, 0, 6)).toBe(12);
    expect(orderQuantity(13, 0, 6)).toBe(18);
    expect(orderQuantity(7, 3, 6)).toBe(6);
    expect(orderQuantity(5, 5, 6)).toBe(0);
    expect(orderQuantity(1, 0, 1)).toBe(1);
    expect(() => orderQuantity(1, 0, 0)).toThrow(RangeError);
  });

  it('takes free stock first, never more than the demand', () => {
    expect(fromStock(10, 4)).toBe(4);
    expect(fromStock(10, 40)).toBe(10);
    expect(fromStock(10, 0)).toBe(0);
    expect(planPurchase(10, 4, 5)).toEqual({ demand: 10, fromStock: 4, quantity: 10, surplus: 4 });
    expect(planPurchase(3, 9, 5)).toEqual({ demand: 3, fromStock: 3, quantity: 0, surplus: 0 });
  });

  it('always covers the demand with less than one pack to spare', () => {
    fc.assert(fc.property(fc.nat(10_000), fc.nat(10_000), fc.integer({ min: 1, max: 500 }), (demand, stock, pack) => {
      const p = planPurchase(demand, stock, pack);
      expect(p.fromStock + p.quantity).toBeGreaterThanOrEqual(demand);
      expect(p.quantity % pack).toBe(0);
      expect(p.surplus).toBeLessThan(pack);
      expect(p.fromStock).toBeLessThanOrEqual(stock);
    }));
  });
});

describe('allocation by payment time', () => {
  const line = (id: string, paidAt: number, needed: number, orderId = `o-${id}`) => ({ id, paidAt, needed, orderId });

  it('serves the earliest payers in full and leaves the latest short', () => {
    const result = allocateByPaymentTime([line('c', 30, 2), line('a', 10, 2), line('b', 20, 2)], 3);
    expect(result).toEqual([
      { id: 'a', allocated: 2, short: 0 },
      { id: 'b', allocated: 1, short: 1 },
      { id: 'c', allocated: 0, short: 2 },
    ]);
  });

  it('breaks payment-time ties by order id, then line id', () => {
    const result = allocateByPaymentTime([line('y', 5, 1, 'o2'), line('x2', 5, 1, 'o1'), line('x1', 5, 1, 'o1')], 2);
    expect(result.map((r) => [r.id, r.allocated])).toEqual([['x1', 1], ['x2', 1], ['y', 0]]);
  });

  it('hands out exactly min(available, demand) units', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ paidAt: fc.nat(100), needed: fc.integer({ min: 1, max: 20 }) }), { maxLength: 30 }),
      fc.nat(400),
      (raw, available) => {
        const lines = raw.map((l, i) => ({ ...l, id: `l${String(i).padStart(3, '0')}`, orderId: `o${i % 7}` }));
        const result = allocateByPaymentTime(lines, available);
        const demand = lines.reduce((s, l) => s + l.needed, 0);
        expect(result.reduce((s, r) => s + r.allocated, 0)).toBe(Math.min(available, demand));
        for (const r of result) expect(r.allocated).toBeGreaterThanOrEqual(0);
        // at most one line is partly served: the first one the stock runs out on
        expect(result.filter((r) => r.allocated > 0 && r.short > 0).length).toBeLessThanOrEqual(1);
      }));
  });
});

describe('lot expiry', () => {
  it('defaults to received date plus shelf life', () => {
    expect(lotExpiry('2026-02-27', 3)).toBe('2026-03-02');
    expect(lotExpiry('2026-02-27', null)).toBeNull();
    expect(lotExpiry('2026-02-27', 3, '2026-03-10')).toBe('2026-03-10');
  });
});
