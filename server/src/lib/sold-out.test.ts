import { describe, expect, it } from 'vitest';
import { SoldOutCache } from './sold-out.js';

describe('SoldOutCache', () => {
  it('remembers a sold-out deal only for its time to live', () => {
    const cache = new SoldOutCache(500);
    cache.mark('a', 1000);
    expect(cache.find(['b', 'a'], 1200)).toBe('a');
    expect(cache.find(['a'], 1500)).toBeUndefined();
    expect(cache.find(['b'], 1200)).toBeUndefined();
  });
});
