import { describe, expect, it } from 'vitest';
import { change, KPIS, kpiStatus, months, ratio } from './registry.js';

describe('KPI registry', () => {
  it('judges a value against its target by the KPI direction', () => {
    expect(kpiStatus({ direction: 'higher' }, 0.35, 0.35)).toBe('ok');
    expect(kpiStatus({ direction: 'higher' }, 0.34, 0.35)).toBe('off');
    expect(kpiStatus({ direction: 'lower' }, 0.05, 0.05)).toBe('ok');
    expect(kpiStatus({ direction: 'lower' }, 0.051, 0.05)).toBe('off');
    expect(kpiStatus({ direction: 'lower' }, null, 0.05)).toBe('none');
    expect(kpiStatus({ direction: 'higher' }, 3, null)).toBe('none');
  });
  it('gives ratios and changes only where they are defined', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
    expect(change(130, 100)).toBeCloseTo(0.3);
    expect(change(5, 0)).toBeNull();
    expect(change(null, 3)).toBeNull();
    expect(months(30)).toBe(1);
  });
  it('has a unique key, both definitions and the seed for every KPI', () => {
    expect(new Set(KPIS.map((k) => k.key)).size).toBe(KPIS.length);
    for (const k of KPIS) {
      expect(k.defZh.length).toBeGreaterThan(5);
      expect(k.defEn.length).toBeGreaterThan(5);
      expect(k.dims.length).toBeGreaterThan(0);
    }
  });
});
