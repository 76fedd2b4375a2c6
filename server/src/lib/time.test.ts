import { describe, expect, it } from 'vitest';
import { addDays, businessDate, iso, localTime } from './time.js';

describe('time', () => {
  it('computes the Shanghai business date of an instant', () => {
    expect(businessDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(businessDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });
  it('finds the instant of a local cutoff', () => {
    expect(localTime('2026-11-27', '23:00').toISOString()).toBe('2026-11-27T15:00:00.000Z');
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
  });
  it('normalizes Postgres timestamps', () => {
    expect(iso('2026-11-27 03:21:29.651+00')).toBe('2026-11-27T03:21:29.651Z');
    expect(iso('2026-11-27 11:21:29.802093+08')).toBe('2026-11-27T03:21:29.802Z');
    expect(iso(null)).toBeNull();
  });
});
