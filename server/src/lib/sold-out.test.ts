import { describe, expect, it } from 'vitest';
import { SoldOutCache, unitsGivenBack } from './sold-out.js';

describe('SoldOutCache', () => {
  it('remembers a sold-out deal only for its time to live', () => {
    const cache = new SoldOutCache(500);
    cache.mark('a', 1000);
    expect(cache.find(['b', 'a'], 1200)).toBe('a');
    expect(cache.find(['a'], 1500)).toBeUndefined();
    expect(cache.find(['b'], 1200)).toBeUndefined();
  });
});

describe('unitsGivenBack', () => {
  it('clears the deals from every memory of the process at once, and only those', () => {
    const a = new SoldOutCache(500);
    const b = new SoldOutCache(500);
    a.mark('x', 1000);
    a.mark('y', 1000);
    b.mark('x', 1000);
    unitsGivenBack(['x']);
    expect(a.find(['x'], 1100)).toBeUndefined();
    expect(b.find(['x'], 1100)).toBeUndefined();
    expect(a.find(['y'], 1100)).toBe('y');
  });
});
