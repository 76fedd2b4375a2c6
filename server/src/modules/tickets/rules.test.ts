import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addServiceMinutes, categoryOfClaim, DEFAULT_HOURS, DEFAULT_SLA, dueTimes, quantile } from './rules.js';

const at = (s: string) => new Date(s);

describe('service-hour clocks', () => {
  it('counts only the desk’s hours in the region’s time zone', () => {
    // 10:00 in Shanghai (02:00 UTC): 5 minutes later, same day
    expect(addServiceMinutes(at('2026-12-01T02:00:00Z'), 5, DEFAULT_HOURS, 'Asia/Shanghai')).toEqual(
      at('2026-12-01T02:05:00Z'),
    );
    // 23:00 in Shanghai: the clock starts at 08:00 the next day
    expect(addServiceMinutes(at('2026-12-01T15:00:00Z'), 5, DEFAULT_HOURS, 'Asia/Shanghai')).toEqual(
      at('2026-12-02T00:05:00Z'),
    );
    // 21:30 in Shanghai, 1 hour: 30 minutes tonight, 30 tomorrow from 08:00
    expect(addServiceMinutes(at('2026-12-01T13:30:00Z'), 60, DEFAULT_HOURS, 'Asia/Shanghai')).toEqual(
      at('2026-12-02T00:30:00Z'),
    );
    // 06:00 in Urumqi (UTC+6) is before the desk opens there: due at 08:05 local
    expect(addServiceMinutes(at('2026-12-01T00:00:00Z'), 5, DEFAULT_HOURS, 'Asia/Urumqi')).toEqual(
      at('2026-12-01T02:05:00Z'),
    );
    // 24 hours of service time are 14-hour days: 10:00 + 24 h = 20:00 the next day (12 h + 12 h)
    expect(addServiceMinutes(at('2026-12-01T02:00:00Z'), 1440, DEFAULT_HOURS, 'Asia/Shanghai')).toEqual(
      at('2026-12-02T12:00:00Z'),
    );
    // round the clock: plain minutes
    expect(
      addServiceMinutes(at('2026-12-01T15:00:00Z'), 90, { open: '00:00', close: '24:00' }, 'Asia/Shanghai'),
    ).toEqual(at('2026-12-01T16:30:00Z'));
  });

  it('never ends before the start plus the minutes, nor outside the desk’s hours, and is monotone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 600 }),
        (start, minutes, more) => {
          const due = addServiceMinutes(new Date(start), minutes, DEFAULT_HOURS, 'Asia/Shanghai');
          expect(due.getTime()).toBeGreaterThanOrEqual(start + minutes * 60_000);
          const local = new Date(due.getTime() + 8 * 3_600_000);
          const hhmm = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
          expect(hhmm).toBeGreaterThanOrEqual(8 * 60);
          expect(hhmm).toBeLessThanOrEqual(22 * 60);
          const later = addServiceMinutes(new Date(start), minutes + more, DEFAULT_HOURS, 'Asia/Shanghai');
          expect(later.getTime()).toBeGreaterThanOrEqual(due.getTime());
        },
      ),
    );
  });

  it('gives each category the seeds’ clocks', () => {
    const due = dueTimes(at('2026-12-01T02:00:00Z'), DEFAULT_SLA.system_fault, DEFAULT_HOURS, 'Asia/Shanghai');
    expect(due).toEqual({
      firstResponse: at('2026-12-01T02:05:00Z'),
      plan: at('2026-12-01T03:00:00Z'),
      close: at('2026-12-01T04:00:00Z'),
    });
    expect(DEFAULT_SLA.logistics_delay).toMatchObject({ team: 'logistics', planMinutes: 240 });
    expect(DEFAULT_SLA.complaint).toMatchObject({ team: 'escalation', closeMinutes: 2880 });
    expect(categoryOfClaim('missing')).toBe('missing_goods');
    expect(categoryOfClaim('logistics_delay')).toBe('logistics_delay');
  });

  it('reads quantiles as percentile_cont does', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
  });
});
