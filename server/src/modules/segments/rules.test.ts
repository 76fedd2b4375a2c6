import { describe, expect, it } from 'vitest';
import { controlBucket, priceBand, quintileScores, segmentDefinition, segmentOf } from './rules.js';

describe('RFM rules', () => {
  it('maps high and low R, F, M to the eight segments', () => {
    expect(segmentOf(5, 5, 5)).toBe('important_value');
    expect(segmentOf(1, 4, 3)).toBe('important_winback');
    expect(segmentOf(3, 2, 5)).toBe('important_develop');
    expect(segmentOf(2, 1, 4)).toBe('important_retain');
    expect(segmentOf(4, 3, 2)).toBe('potential');
    expect(segmentOf(5, 1, 1)).toBe('new');
    expect(segmentOf(2, 5, 1)).toBe('general_maintain');
    expect(segmentOf(1, 1, 2)).toBe('lost');
  });

  it('scores in quintiles, ties sharing a score, recency the fewer days the better', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(quintileScores([0, 0, 0, 0, 9], true)).toEqual([1, 1, 1, 1, 5]);
    expect(quintileScores([7], true)).toEqual([1]);
  });

  it('bands price sensitivity by the share of orders with a coupon', () => {
    expect(priceBand(0, 0)).toBeNull();
    expect(priceBand(0, 4)).toBe('none');
    expect(priceBand(1, 6)).toBe('low');
    expect(priceBand(1, 5)).toBe('medium');
    expect(priceBand(1, 2)).toBe('high');
  });

  it('refuses ranges without bounds or upside down', () => {
    expect(segmentDefinition.safeParse({ conditions: [{ field: 'rScore', min: 2, max: 4 }] }).success).toBe(true);
    expect(segmentDefinition.safeParse({ conditions: [{ field: 'rScore' }] }).success).toBe(false);
    expect(segmentDefinition.safeParse({ conditions: [{ field: 'frequency', min: 5, max: 1 }] }).success).toBe(false);
  });

  it('buckets a control group from the first 32 bits of the hash', () => {
    expect(controlBucket('ffffffff00')).toBe(4294967295 % 10_000);
    expect(controlBucket('00000001ab')).toBe(1);
  });
});
