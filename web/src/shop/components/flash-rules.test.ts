import { describe, expect, it } from 'vitest';
import { grabbedPercent, monthGrid } from './flash-rules';

describe('已抢 %', () => {
  it('rounds down, so 100 % only when nothing is left', () => {
    expect(grabbedPercent(10, 7)).toBe(30);
    expect(grabbedPercent(3, 1)).toBe(66);
    expect(grabbedPercent(500, 1)).toBe(99);
    expect(grabbedPercent(500, 0)).toBe(100);
    expect(grabbedPercent(10, 10)).toBe(0);
  });
});

describe('check-in calendar grid', () => {
  it('starts the month on its weekday, Monday first, with every day of the month', () => {
    // 1 December 2026 is a Tuesday; February 2028 has 29 days and starts on a Tuesday
    expect(monthGrid('2026-12')).toMatchObject({ blanks: 1 });
    expect(monthGrid('2026-12').days).toHaveLength(31);
    expect(monthGrid('2028-02').days.at(-1)).toBe('2028-02-29');
    // 1 March 2026 is a Sunday
    expect(monthGrid('2026-03').blanks).toBe(6);
  });
});
