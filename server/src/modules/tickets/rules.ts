import { z } from 'zod';
import { addDays, businessDate, localTime } from '../../lib/time.js';

/**
 * The service desk's pure rules (decision 059): which team answers which category, the seeds' SLA
 * clocks, and how a clock is counted in service hours in the region's time zone.
 */

/** 售前, 售后, 物流, 技术 and 投诉升级: the seeds split customer service into these groups. */
export const TEAMS = ['presale', 'aftersales', 'logistics', 'technical', 'escalation'] as const;
export type Team = (typeof TEAMS)[number];

/** What a ticket is about; the return reasons of after-sales claims map onto these. */
export const CATEGORIES = [
  'presale',
  'order',
  'quality',
  'description_mismatch',
  'missing_goods',
  'logistics_delay',
  'system_fault',
  'complaint',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The categories a leader opens from the leader app: delivery problems, missing goods, system faults. */
export const LEADER_CATEGORIES = ['logistics_delay', 'missing_goods', 'system_fault', 'other'] as const;

export const CLOCKS = ['firstResponse', 'plan', 'close'] as const;
export type Clock = (typeof CLOCKS)[number];

export const slaRule = z.object({
  team: z.enum(TEAMS),
  firstResponseMinutes: z.number().int().min(1).max(10_080),
  planMinutes: z.number().int().min(1).max(10_080),
  closeMinutes: z.number().int().min(1).max(43_200),
});
export type SlaRule = z.infer<typeof slaRule>;

const rule = (team: Team, firstResponseMinutes: number, planMinutes: number, closeMinutes: number): SlaRule => ({
  team,
  firstResponseMinutes,
  planMinutes,
  closeMinutes,
});

/**
 * The seeds' figures: 5 minutes to respond, 1 hour to a plan, 24 hours to close (5分钟响应-1小时方案
 * -24小时闭环); technical faults handled within 2 hours, logistics answer a delivery problem with a
 * plan within 4 hours, complaints closed within 48 hours.
 */
export const DEFAULT_SLA: Record<Category, SlaRule> = {
  presale: rule('presale', 5, 60, 1440),
  order: rule('aftersales', 5, 60, 1440),
  quality: rule('aftersales', 5, 60, 1440),
  description_mismatch: rule('aftersales', 5, 60, 1440),
  missing_goods: rule('logistics', 5, 240, 1440),
  logistics_delay: rule('logistics', 5, 240, 1440),
  system_fault: rule('technical', 5, 60, 120),
  complaint: rule('escalation', 5, 60, 2880),
  other: rule('presale', 5, 60, 1440),
};

export const serviceHours = z
  .object({
    open: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    close: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/),
  })
  .refine((h) => h.open < h.close, { message: 'open before close' });
export type ServiceHours = z.infer<typeof serviceHours>;

/** 08:00–22:00: the desk's hours; a clock runs only while the desk is open. */
export const DEFAULT_HOURS: ServiceHours = { open: '08:00', close: '22:00' };

/**
 * The instant `minutes` of service time after `start`: time outside the desk's hours (in the
 * region's zone) does not count, so a ticket opened at 23:00 is due 5 minutes after 08:00.
 */
export function addServiceMinutes(start: Date, minutes: number, hours: ServiceHours, timeZone: string): Date {
  let left = minutes;
  let day = businessDate(start, timeZone);
  let at = start;
  // bounded: every pass consumes a day's hours or returns
  for (let guard = 0; guard < 400; guard++) {
    const opens = localTime(day, hours.open, timeZone);
    const closes =
      hours.close === '24:00' ? localTime(addDays(day, 1), '00:00', timeZone) : localTime(day, hours.close, timeZone);
    if (at < opens) at = opens;
    if (at < closes) {
      const available = (closes.getTime() - at.getTime()) / 60_000;
      if (left <= available) return new Date(at.getTime() + left * 60_000);
      left -= available;
    }
    day = addDays(day, 1);
    at = localTime(day, hours.open, timeZone);
  }
  throw new Error('service hours never open');
}

/** The three due instants of a ticket opened at `openedAt`. */
export function dueTimes(openedAt: Date, sla: SlaRule, hours: ServiceHours, timeZone: string) {
  return {
    firstResponse: addServiceMinutes(openedAt, sla.firstResponseMinutes, hours, timeZone),
    plan: addServiceMinutes(openedAt, sla.planMinutes, hours, timeZone),
    close: addServiceMinutes(openedAt, sla.closeMinutes, hours, timeZone),
  };
}

/** The after-sales claim's reason as a ticket category (描述不符, 质量, 物流延迟 …). */
export function categoryOfClaim(reason: string): Category {
  switch (reason) {
    case 'quality':
    case 'description_mismatch':
    case 'logistics_delay':
      return reason;
    case 'missing':
      return 'missing_goods';
    case 'wrong_item':
      return 'order';
    default:
      return 'order';
  }
}

/** The q-quantile of sorted values, interpolated as percentile_cont does; null for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
