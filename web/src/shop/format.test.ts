import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { couponTitle, calendarDay } from './format';
import { groupCart, orderable } from './cartGroups';
import { nearDeals } from './fill';
import type { Campaign, Deal, OrderLine } from './api';
import { claimableLines } from './aftersales';

// a stand-in for i18next's t: the key and its values, so the test checks what is passed
const t = ((key: string, v?: Record<string, unknown>) => `${key}${v ? JSON.stringify(v) : ''}`) as unknown as TFunction;

describe('couponTitle', () => {
  it('describes amount coupons with and without a threshold', () => {
    const base = { kind: 'amount', percentOffBps: null, maxDiscountFen: null };
    expect(couponTitle({ ...base, thresholdFen: 5000, discountFen: 500 }, t)).toBe(
      'coupon.amount{"threshold":"¥50.00","off":"¥5.00"}',
    );
    expect(couponTitle({ ...base, thresholdFen: 0, discountFen: 300 }, t)).toBe('coupon.noThreshold{"off":"¥3.00"}');
  });
  it('describes percent coupons as % off and 折, with their cap', () => {
    const c = { kind: 'percent', thresholdFen: 0, discountFen: null, percentOffBps: 1500, maxDiscountFen: 1000 };
    expect(couponTitle(c, t)).toBe('coupon.percent{"pct":15,"zhe":8.5} coupon.cap{"cap":"¥10.00"}');
  });
});

describe('groupCart', () => {
  const deal = (id: string): Deal => ({
    id,
    productId: 'p' + id,
    name: id,
    unit: '份',
    category: 'fresh',
    priceFen: 100,
    listPriceFen: 200,
    sold: 0,
  });
  const campaign = (id: string, items: Deal[]): Campaign => ({
    id,
    title: id,
    startsAt: '',
    cutoffAt: '',
    pickupDate: '',
    status: 'open',
    items,
  });
  it('groups cart lines by campaign and reports deals no longer on sale', () => {
    const { groups, gone } = groupCart({ a: 1, c: 3, x: 2 }, [
      campaign('one', [deal('a'), deal('b')]),
      campaign('two', [deal('c')]),
    ]);
    expect(groups.map((g) => [g.campaign.id, g.lines.map((l) => [l.deal.id, l.quantity])])).toEqual([
      ['one', [['a', 1]]],
      ['two', [['c', 3]]],
    ]);
    expect(gone).toEqual(['x']);
  });

  it('keeps deselected, sold-out and short lines in the cart but out of the order', () => {
    const { groups } = groupCart(
      { a: 1, b: 2, c: 3, d: 1 },
      [
        campaign('one', [
          deal('a'),
          { ...deal('b'), quota: 5, remaining: 0 },
          { ...deal('c'), quota: 5, remaining: 2 },
          { ...deal('d'), quota: 5, remaining: 1 },
        ]),
      ],
      ['a'],
    );
    expect(groups[0].lines.map((l) => [l.deal.id, l.selected, l.stock])).toEqual([
      ['a', false, { kind: 'ok' }],
      ['b', true, { kind: 'sold_out' }],
      ['c', true, { kind: 'short', remaining: 2 }],
      ['d', true, { kind: 'ok' }],
    ]);
    expect(orderable(groups[0]).map((l) => l.deal.id)).toEqual(['d']);
  });
});

describe('nearDeals', () => {
  const deal = (id: string, priceFen: number, over: Partial<Deal> = {}): Deal => ({
    id,
    productId: 'p' + id,
    name: id,
    unit: '份',
    category: 'fresh',
    priceFen,
    listPriceFen: priceFen,
    sold: 0,
    ...over,
  });
  it('lists first what reaches the tier with one unit, cheapest first, then the rest dearest first', () => {
    const deals = [deal('a', 500), deal('b', 4000), deal('c', 3100), deal('d', 2000), deal('e', 9000)];
    expect(nearDeals(deals, 3010).map((d) => d.id)).toEqual(['c', 'b', 'e', 'd', 'a']);
  });
  it('leaves out what cannot count: sold out, not on sale yet, outside the rule', () => {
    const now = Date.parse('2026-12-05T08:00:00Z');
    const deals = [
      deal('a', 500, { quota: 3, remaining: 0 }),
      deal('b', 600, { saleStartsAt: '2026-12-05T09:00:00Z' }),
      deal('c', 700, { category: 'dairy' }),
      deal('d', 800, { groupTiers: [{ minBuyers: 2, priceFen: 400 }], currentTier: { minBuyers: 2, priceFen: 400 } }),
    ];
    expect(nearDeals(deals, 450, ['fresh'], now).map((d) => d.id)).toEqual(['d']);
    expect(nearDeals(deals, 450, undefined, now).map((d) => d.id)).toEqual(['c', 'd']);
  });
});

describe('claimableLines', () => {
  const line = (over: Partial<OrderLine>): OrderLine => ({
    id: 'l',
    campaignItemId: 'c',
    productId: 'p',
    productName: 'x',
    unit: '份',
    quantity: 2,
    listPriceFen: 0,
    unitPriceFen: 0,
    memberDiscountFen: 0,
    fullReductionFen: 0,
    couponFen: 0,
    pointsFen: 0,
    discountFen: 0,
    paidFen: 100,
    refundedFen: 0,
    refundQuantity: 0,
    status: 'picked_up',
    pickedUpAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...over,
  });
  it('offers picked-up lines within 48 hours that are not fully refunded', () => {
    expect(claimableLines([line({})])).toHaveLength(1);
    expect(claimableLines([line({ pickedUpAt: new Date(Date.now() - 49 * 3_600_000).toISOString() })])).toHaveLength(0);
    expect(claimableLines([line({ refundQuantity: 2 })])).toHaveLength(0);
    expect(claimableLines([line({ status: 'arrived', pickedUpAt: null })])).toHaveLength(0);
  });
});

describe('calendarDay', () => {
  it('writes the pickup day as a date in both languages, without a time zone shift', () => {
    expect(calendarDay('2026-11-28', 'zh-CN')).toBe('11月28日周六');
    expect(calendarDay('2026-11-28', 'en')).toBe('Sat 28 Nov');
  });
});
