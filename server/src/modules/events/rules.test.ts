import { describe, expect, it } from 'vitest';
import { dayOfPartition, eventBatch, expiredDays, fileTime, partitionName, scrubQuery } from './rules.js';

describe('scrubQuery', () => {
  it('removes anything like a phone number, order number or e-mail, keeps words and short numbers', () => {
    expect(scrubQuery('西红柿 13800138000')).toBe('西红柿');
    expect(scrubQuery('+86 138-0013-8000 鸡蛋')).toBe('鸡蛋');
    expect(scrubQuery('a.b@example.com 牛奶')).toBe('牛奶');
    expect(scrubQuery('苹果 5 斤')).toBe('苹果 5 斤');
    expect(scrubQuery('2 斤 3 个')).toBe('2 斤 3 个');
    expect(scrubQuery('12 34')).toBeNull(); // 4 digits spaced apart may be part of a number
    expect(scrubQuery('１３８００１３８０００')).toBeNull(); // full-width digits too
    expect(scrubQuery('   ')).toBeNull();
    expect(scrubQuery(undefined)).toBeNull();
    expect(scrubQuery('菜'.repeat(100))).toHaveLength(40);
  });
});

describe('fileTime', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  it('keeps a time inside the window and clamps one outside it', () => {
    expect(fileTime('2026-12-05T11:00:00Z', now).toISOString()).toBe('2026-12-05T11:00:00.000Z');
    expect(fileTime('2026-11-01T00:00:00Z', now).toISOString()).toBe('2026-12-04T12:00:00.000Z');
    expect(fileTime('2027-01-01T00:00:00Z', now).toISOString()).toBe('2026-12-05T12:05:00.000Z');
  });
});

describe('partitions', () => {
  it('names a day and reads the day back', () => {
    expect(partitionName('2026-12-05')).toBe('behaviour_events_p20261205');
    expect(dayOfPartition('behaviour_events_p20261205')).toBe('2026-12-05');
    expect(dayOfPartition('behaviour_events_default')).toBeNull();
  });
  it('finds the days whose whole day ended before the retention', () => {
    const days = ['2025-11-01', '2025-11-02', '2025-11-03', '2026-12-05'];
    // 400 days before 2026-12-05 is 2025-10-31... days ending by then are past
    expect(expiredDays(days, '2026-12-05', 400)).toEqual([]);
    expect(expiredDays(days, '2026-12-07', 400)).toEqual(['2025-11-01']);
    expect(expiredDays(days, '2026-12-09', 400)).toEqual(['2025-11-01', '2025-11-02', '2025-11-03']);
  });
});

describe('eventBatch', () => {
  const base = { source: 'shop', deviceId: '6f1c2b8e-1d1a-4a8e-9c55-3f2f7d1f2a11' };
  const ev = { id: '7f1c2b8e-1d1a-4a8e-9c55-3f2f7d1f2a11', type: 'deal_viewed', at: '2026-12-05T12:00:00Z' };
  it('accepts a small typed event and refuses a user id, a server type or an unknown field', () => {
    expect(eventBatch.safeParse({ ...base, events: [ev] }).success).toBe(true);
    expect(eventBatch.safeParse({ ...base, events: [{ ...ev, userId: ev.id }] }).success).toBe(false);
    expect(eventBatch.safeParse({ ...base, events: [{ ...ev, type: 'paid' }] }).success).toBe(false);
    expect(eventBatch.safeParse({ ...base, userId: ev.id, events: [ev] }).success).toBe(false);
    expect(eventBatch.safeParse({ ...base, events: Array(101).fill(ev) }).success).toBe(false);
  });
});
