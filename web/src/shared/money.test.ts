import { describe, expect, it } from 'vitest';
import { parseYuan, yuan } from './money';

describe('yuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(1290)).toBe('¥12.90');
    expect(yuan(-250)).toBe('-¥2.50');
  });
  it('parses typed amounts back to fen', () => {
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('¥3')).toBe(300);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
});
