import { describe, expect, it } from 'vitest';
import { groupedCode, lineStage, orderStage, orderWords, STEPS } from './order-words';

describe('order words', () => {
  it('tells a cut-off order being prepared from one on its way', () => {
    expect(orderStage('closed', [{ status: 'pending' }])).toBe('preparing');
    expect(orderStage('closed', [{ status: 'short' }, { status: 'allocated' }])).toBe('delivering');
    expect(orderStage('pending_payment')).toBe('unpaid');
    expect(orderStage('ready')).toBe('ready');
  });

  it('never says 待截单 of a line whose order is cut off', () => {
    expect(lineStage('paid', 'pending')).toBe('beforeCutoff');
    for (const s of ['closed', 'ready', 'completed', 'cancelled'] as const)
      expect(lineStage(s, 'pending')).not.toBe('beforeCutoff');
    expect(lineStage('closed', 'allocated')).toBe('delivering');
  });

  it('groups a pickup code by three for reading aloud', () => {
    expect(groupedCode('123456')).toBe('123 456');
    expect(groupedCode('12345678')).toBe('1234 5678');
    expect(groupedCode('123456789')).toBe('123 456 789');
    expect(groupedCode('1234567890')).toBe('1234 567 890');
    expect(groupedCode('12')).toBe('12');
    // nothing lost or added but the spaces
    for (let n = 1; n <= 20; n++) {
      const code = '7'.repeat(n);
      const grouped = groupedCode(code);
      expect(grouped.replace(/ /g, '')).toBe(code);
      for (const g of grouped.split(' ')) expect(n <= 5 ? g.length === n : g.length >= 3 && g.length <= 4).toBe(true);
    }
  });

  it('has every word in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const w = orderWords[lang].progress;
      for (const s of [...STEPS, 'cancelled'] as const) expect(w.stage[s]).toBeTruthy();
      for (const s of STEPS) expect(w.step[s]).toBeTruthy();
    }
    expect(Object.keys(orderWords.en.progress.line)).toEqual(Object.keys(orderWords['zh-CN'].progress.line));
  });
});
