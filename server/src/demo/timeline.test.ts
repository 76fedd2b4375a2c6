import { describe, expect, it } from 'vitest';
import { fitMarks, joinDays, mapInstant, type Mark } from './timeline.js';

const marks: Mark[] = [
  { real: 1000, hist: 100 },
  { real: 1010, hist: 200 },
  { real: 1020, hist: 1200 },
];

describe('demo timeline', () => {
  it('maps linearly between marks and shifts outside them', () => {
    expect(mapInstant(marks, 1000)).toBe(100);
    expect(mapInstant(marks, 1005)).toBe(150);
    expect(mapInstant(marks, 1015)).toBe(700);
    expect(mapInstant(marks, 1020)).toBe(1200);
    expect(mapInstant(marks, 990)).toBe(90);
    expect(mapInstant(marks, 1030)).toBe(1210);
  });

  it('keeps events in order', () => {
    let prev = -Infinity;
    for (let t = 980; t < 1040; t += 0.5) {
      const h = mapInstant(marks, t);
      expect(h).toBeGreaterThanOrEqual(prev);
      prev = h;
    }
  });

  it('drops marks that would run backwards', () => {
    const fitted = fitMarks([...marks, { real: 1025, hist: 1100 }, { real: 1020, hist: 1300 }], Infinity);
    expect(fitted).toEqual(marks);
  });

  it('squeezes what lies in the future behind the anchor, keeping the order', () => {
    const fitted = fitMarks(marks, 700, 1);
    expect(fitted[0]).toEqual(marks[0]);
    expect(fitted[1]).toEqual(marks[1]);
    expect(fitted[2].hist).toBe(700);
    const early = fitMarks(marks, 150, 1);
    expect(early[early.length - 1].hist).toBe(150);
    expect(early[0].hist).toBeLessThan(early[1].hist);
  });

  it('moves days played one after another as the marks of each day would', () => {
    // the second day's first orders stand for a time before the first day's last pickups
    const first = { marks, since: 995, until: 1030 };
    const second: { marks: Mark[]; since: number; until: number } = {
      marks: [
        { real: 1040, hist: 500 },
        { real: 1050, hist: 1500 },
      ],
      since: 1035,
      until: 1060,
    };
    const idle = { marks: [], since: 1065, until: 1070 };
    const joined = joinDays([first, second, idle]);
    for (let i = 1; i < joined.length; i++) expect(joined[i].real).toBeGreaterThan(joined[i - 1].real);
    for (let t = 995; t <= 1030; t += 0.5) expect(mapInstant(joined, t)).toBeCloseTo(mapInstant(marks, t), 9);
    for (let t = 1035; t <= 1060; t += 0.5) expect(mapInstant(joined, t)).toBeCloseTo(mapInstant(second.marks, t), 9);
    for (let t = 1065; t <= 1070; t += 0.5) expect(mapInstant(joined, t)).toBeCloseTo(t, 9);
  });
});
