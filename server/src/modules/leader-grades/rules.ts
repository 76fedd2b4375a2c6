import { z } from 'zod';
import { defineSetting } from '../settings/service.js';
import { LEADER_GRADES } from './schema.js';
import { DORMANT_DAYS } from '../segments/rules.js';

/**
 * Leader grades (decision 062), pure: which grade a month's figures earn against the thresholds,
 * what the next grade needs, the grade bonus, and the masks a leader's screens use.
 */
export type Grade = (typeof LEADER_GRADES)[number];

export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  trainee: { zh: '见习', en: 'Trainee' },
  bronze: { zh: '铜牌', en: 'Bronze' },
  silver: { zh: '银牌', en: 'Silver' },
  gold: { zh: '金牌', en: 'Gold' },
};

const fenValue = z.number().int().min(0).max(1_000_000_000);
const criteria = z.object({
  /** the month's GMV at the point, at least */
  gmvFen: fenValue,
  /** distinct customers with a paid order in the month, at least */
  activeCustomers: z.number().int().min(0).max(1_000_000),
  /** after-sales claims over orders, at most (basis points) */
  maxComplaintBps: z.number().int().min(0).max(10_000),
  /** orders collected within the pickup window over orders made ready, at least (basis points) */
  minTimelyBps: z.number().int().min(0).max(10_000),
});
export type GradeCriteria = z.infer<typeof criteria>;
const thresholds = z.object({ bronze: criteria, silver: criteria, gold: criteria });
export type GradeThresholds = z.infer<typeof thresholds>;

/**
 * Defaults: gold at the seeds' mature-area leader productivity (团长人效 ¥82,000 a month, deck 000),
 * silver and bronze at a half and a fifth of it; the complaint and timeliness marks are the product's.
 */
export const GRADE_THRESHOLDS = defineSetting({
  key: 'leaders.gradeThresholds',
  schema: thresholds,
  default: {
    bronze: { gmvFen: 1_600_000, activeCustomers: 30, maxComplaintBps: 500, minTimelyBps: 8000 },
    silver: { gmvFen: 4_100_000, activeCustomers: 80, maxComplaintBps: 300, minTimelyBps: 8500 },
    gold: { gmvFen: 8_200_000, activeCustomers: 150, maxComplaintBps: 200, minTimelyBps: 9000 },
  },
  description:
    'Leader grades (铜/银/金): the previous month’s GMV (fen) and active customers at least, complaint rate at most and pickup timeliness at least (basis points); below bronze a leader is 见习',
});

const bonus = z.object({
  trainee: z.number().int().min(0).max(5000),
  bronze: z.number().int().min(0).max(5000),
  silver: z.number().int().min(0).max(5000),
  gold: z.number().int().min(0).max(5000),
});
export const GRADE_BONUS_BPS = defineSetting({
  key: 'leaders.gradeBonusBps',
  schema: bonus,
  default: { trainee: 0, bronze: 0, silver: 500, gold: 1000 },
  description:
    'Grade bonus per grade, basis points of the month’s booked commission, paid as its own ledger entry once per leader and month',
});

export const COUPON_ALLOWANCE = defineSetting({
  key: 'leaders.couponAllowance',
  schema: z.object({ templateId: z.uuid().nullable(), perMonth: z.number().int().min(0).max(1000) }),
  default: { templateId: null, perMonth: 20 },
  description:
    'The coupon template leaders may send their customers from a monthly allowance, and how many a leader may send a month (no template: none)',
});

export const LEADER_DORMANT_DAYS = defineSetting({
  key: 'leaders.dormantDays',
  schema: z.number().int().min(1).max(365),
  default: DORMANT_DAYS,
  description:
    'A leader’s customer is dormant (沉睡) after this many days without a paid order: the leader’s customer list, the per-leader report and the recall rate (the segmentation’s 30 days by default)',
});

/** Orders collected within this many hours of being made ready count as timely. */
export const PICKUP_TIMELY_HOURS = 48;
/** A contacted dormant customer counts as recalled when she pays an order within this many days (kpis.md: 14). */
export const RECALL_WINDOW_DAYS = 14;
/** In-app messages: at most this many a leader and day, and one a customer and day. */
export const MESSAGES_PER_DAY = 30;
export const MESSAGE_MAX_CHARS = 200;

export interface MonthFigures {
  gmvFen: number;
  customers: number;
  orders: number;
  claims: number;
  readyOrders: number;
  timelyOrders: number;
}

/** claims over orders in basis points (0 without orders), floored */
export const complaintBps = (f: Pick<MonthFigures, 'claims' | 'orders'>) =>
  f.orders > 0 ? Math.floor((f.claims * 10_000) / f.orders) : 0;
/** timely over ready orders in basis points (10,000 when none was made ready: nothing was late), floored */
export const timelyBps = (f: Pick<MonthFigures, 'readyOrders' | 'timelyOrders'>) =>
  f.readyOrders > 0 ? Math.floor((f.timelyOrders * 10_000) / f.readyOrders) : 10_000;

export interface CriterionCheck {
  key: 'gmvFen' | 'activeCustomers' | 'complaintBps' | 'timelyBps';
  have: number;
  need: number;
  /** 'min': have ≥ need; 'max': have ≤ need */
  bound: 'min' | 'max';
  met: boolean;
}

export function checkCriteria(f: MonthFigures, c: GradeCriteria): CriterionCheck[] {
  const complaint = complaintBps(f);
  const timely = timelyBps(f);
  return [
    { key: 'gmvFen', have: f.gmvFen, need: c.gmvFen, bound: 'min', met: f.gmvFen >= c.gmvFen },
    {
      key: 'activeCustomers',
      have: f.customers,
      need: c.activeCustomers,
      bound: 'min',
      met: f.customers >= c.activeCustomers,
    },
    {
      key: 'complaintBps',
      have: complaint,
      need: c.maxComplaintBps,
      bound: 'max',
      met: complaint <= c.maxComplaintBps,
    },
    { key: 'timelyBps', have: timely, need: c.minTimelyBps, bound: 'min', met: timely >= c.minTimelyBps },
  ];
}

/** The highest grade whose every criterion the figures meet; 见习 when not even bronze's. */
export function gradeFor(f: MonthFigures, t: GradeThresholds): Grade {
  for (const g of ['gold', 'silver', 'bronze'] as const) if (checkCriteria(f, t[g]).every((c) => c.met)) return g;
  return 'trainee';
}

/** The grade above `g`, or null at gold. */
export const nextGrade = (g: Grade): Exclude<Grade, 'trainee'> | null =>
  g === 'gold' ? null : (LEADER_GRADES[LEADER_GRADES.indexOf(g) + 1] as Exclude<Grade, 'trainee'>);

/**
 * The grade bonus: `bps` of the month's booked commission, floored to the fen; nothing on a
 * month whose commission netted to zero or below (reversals), so a bonus is never negative.
 */
export function gradeBonusFen(commissionFen: number, bps: number): number {
  if (!Number.isSafeInteger(commissionFen))
    throw new RangeError(`commissionFen must be a safe integer, got ${commissionFen}`);
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > 10_000)
    throw new RangeError(`bps must be in 0..10000, got ${bps}`);
  if (commissionFen <= 0) return 0;
  return Number((BigInt(commissionFen) * BigInt(bps)) / 10_000n);
}

/** 王小丫 → 王*丫, 王丫 → 王*, a single character stays (the leaderboard's names). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** YYYY-MM of the month before `month` */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}
