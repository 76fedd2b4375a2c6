import { describe, expect, it } from 'vitest';
import { repurchaseReminder, shareBps, usualIntervalDays, weekStart } from './rules.js';

describe('usual repurchase interval', () => {
  it('is the median of the gaps between purchase days', () => {
    expect(usualIntervalDays(['2026-03-01', '2026-03-08', '2026-03-15'])).toBe(7);
    // gaps 2, 7, 30: the long holiday does not stretch it
    expect(usualIntervalDays(['2026-03-01', '2026-03-03', '2026-03-10', '2026-04-09'])).toBe(7);
  });
  it('averages the two middle gaps of an even count, a half rounding up', () => {
    // gaps 4, 5 → 4.5 → 5
    expect(usualIntervalDays(['2026-03-01', '2026-03-05', '2026-03-10'])).toBe(5);
    // gaps 3, 4, 6, 9 → (4 + 6) / 2
    expect(usualIntervalDays(['2026-01-01', '2026-01-04', '2026-01-08', '2026-01-14', '2026-01-23'])).toBe(5);
  });
  it('counts one purchase per day and ignores the order the days come in', () => {
    expect(usualIntervalDays(['2026-03-15', '2026-03-01', '2026-03-08', '2026-03-08'])).toBe(7);
  });
  it('needs at least the minimum number of purchase days', () => {
    expect(usualIntervalDays(['2026-03-01', '2026-03-08'])).toBeNull();
    expect(usualIntervalDays(['2026-03-01', '2026-03-01', '2026-03-08'])).toBeNull();
    expect(usualIntervalDays(['2026-03-01', '2026-03-08', '2026-03-15'], 4)).toBeNull();
    expect(usualIntervalDays([])).toBeNull();
  });
  it('crosses month and year ends by calendar days', () => {
    expect(usualIntervalDays(['2025-12-25', '2026-01-04', '2026-01-14'])).toBe(10);
    expect(usualIntervalDays(['2028-02-27', '2028-02-29', '2028-03-02'])).toBe(2);
  });
});

describe('repurchase reminder day', () => {
  const days = ['2026-03-01', '2026-03-06', '2026-03-11']; // every 5 days: next due 03-16
  it('reminds from lead days before the due day until the day before it', () => {
    expect(repurchaseReminder(days, '2026-03-12')).toBeNull();
    expect(repurchaseReminder(days, '2026-03-13')).toEqual({ intervalDays: 5, dueOn: '2026-03-16' });
    expect(repurchaseReminder(days, '2026-03-15')).toEqual({ intervalDays: 5, dueOn: '2026-03-16' });
    expect(repurchaseReminder(days, '2026-03-16')).toBeNull();
    expect(repurchaseReminder(days, '2026-03-20')).toBeNull();
  });
  it('follows the configured lead days and minimum purchases', () => {
    expect(repurchaseReminder(days, '2026-03-14', { leadDays: 1, minPurchases: 3 })).toBeNull();
    expect(repurchaseReminder(days, '2026-03-15', { leadDays: 1, minPurchases: 3 })).not.toBeNull();
    expect(repurchaseReminder(days, '2026-03-13', { leadDays: 3, minPurchases: 4 })).toBeNull();
  });
  it('never reminds for a product bought the same day or with a zero interval', () => {
    expect(repurchaseReminder(['2026-03-01', '2026-03-01', '2026-03-01'], '2026-03-01')).toBeNull();
    // bought every day: due tomorrow, but bought today
    expect(repurchaseReminder(['2026-03-09', '2026-03-10', '2026-03-11'], '2026-03-11')).toBeNull();
  });
});

describe('week and shares', () => {
  it('starts the week on Monday', () => {
    expect(weekStart('2026-12-07')).toBe('2026-12-07'); // a Monday
    expect(weekStart('2026-12-13')).toBe('2026-12-07'); // the Sunday after
    expect(weekStart('2026-12-05')).toBe('2026-11-30'); // a Saturday
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
  it('gives shares in basis points, null over nothing', () => {
    expect(shareBps(1, 3)).toBe(3333);
    expect(shareBps(2, 3)).toBe(6667);
    expect(shareBps(0, 0)).toBeNull();
  });
});
