import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray } from '../../db/client.js';

/**
 * RFM segmentation rules (decision 047), pure: the scores, the eight segments and the tags, and the
 * operator's segment definitions compiled to parameterized SQL over `customer_rfm`.
 */

/**
 * The eight RFM segments of the common "RFM 八大客户类型" model, keyed by R/F/M high (H) or low (L),
 * plus customers who registered and never paid an order (not scored).
 */
export const RFM_SEGMENTS = [
  'important_value', // 重要价值: HHH
  'important_winback', // 重要唤回: L H H
  'important_develop', // 重要深耕: H L H
  'important_retain', // 重要挽留: L L H
  'potential', // 潜力: H H L
  'new', // 新客: H L L
  'general_maintain', // 一般维持: L H L
  'lost', // 流失: L L L
] as const;
export const SEGMENTS = [...RFM_SEGMENTS, 'registered_no_order'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT_NAMES: Record<Segment, { zh: string; en: string }> = {
  important_value: { zh: '重要价值客户', en: 'Champions (important value)' },
  important_winback: { zh: '重要唤回客户', en: 'Important win-back' },
  important_develop: { zh: '重要深耕客户', en: 'Important to develop' },
  important_retain: { zh: '重要挽留客户', en: 'Important to retain' },
  potential: { zh: '潜力客户', en: 'Potential' },
  new: { zh: '新客户', en: 'New' },
  general_maintain: { zh: '一般维持客户', en: 'General maintain' },
  lost: { zh: '流失客户', en: 'Lost' },
  registered_no_order: { zh: '注册未下单', en: 'Registered, no order' },
};

/** A score is high from the middle quintile up (3, 4, 5): at or above the region's median customer. */
export const HIGH_FROM = 3;

const BY_KEY: Record<string, Segment> = {
  HHH: 'important_value',
  LHH: 'important_winback',
  HLH: 'important_develop',
  LLH: 'important_retain',
  HHL: 'potential',
  HLL: 'new',
  LHL: 'general_maintain',
  LLL: 'lost',
};

/** The segment of R, F and M scores (1–5). */
export function segmentOf(r: number, f: number, m: number): Segment {
  const k = (s: number) => (s >= HIGH_FROM ? 'H' : 'L');
  return BY_KEY[k(r) + k(f) + k(m)]!;
}

/**
 * Quintile score of each value within its population: 1 + ⌊5 × (values strictly worse) / n⌋.
 * Ties share a score, so the same behaviour always scores the same; `higherIsBetter` false for recency.
 */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const worse = (v: number) => {
    // values strictly below (or, for recency, strictly above) v
    let lo = 0;
    let hi = n;
    if (higherIsBetter) {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return n - lo;
  };
  return values.map((v) => Math.min(5, 1 + Math.floor((5 * worse(v)) / n)));
}

export const PRICE_BANDS = ['none', 'low', 'medium', 'high'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

/** 价格敏感度 from the share of orders that used a coupon: none 0, low < 20 %, medium < 50 %, high ≥ 50 %. */
export function priceBand(couponOrders: number, orders: number): PriceBand | null {
  if (orders <= 0) return null;
  if (couponOrders === 0) return 'none';
  if (couponOrders * 5 < orders) return 'low';
  if (couponOrders * 2 < orders) return 'medium';
  return 'high';
}

/** 沉睡: no paid order for this many days or more. */
export const DORMANT_DAYS = 30;

// ---------------------------------------------------------------- operator-defined segments

const score = z.number().int().min(1).max(5);
const days = z.number().int().min(0).max(100_000);
const count = z.number().int().min(0).max(1_000_000);
const fenValue = z.number().int().min(0).max(1_000_000_000_000);

const scoreRange = (field: 'rScore' | 'fScore' | 'mScore') =>
  z.object({ field: z.literal(field), min: score.optional(), max: score.optional() });
const numberRange = (field: 'daysSinceLastOrder' | 'frequency' | 'monetaryFen', n: z.ZodNumber) =>
  z.object({ field: z.literal(field), min: n.optional(), max: n.optional() });

const RANGE_FIELDS = new Set(['rScore', 'fScore', 'mScore', 'daysSinceLastOrder', 'frequency', 'monetaryFen']);

export const segmentCondition = z
  .discriminatedUnion('field', [
    z.object({ field: z.literal('segment'), in: z.array(z.enum(SEGMENTS)).min(1).max(SEGMENTS.length) }),
    scoreRange('rScore'),
    scoreRange('fScore'),
    scoreRange('mScore'),
    numberRange('daysSinceLastOrder', days),
    numberRange('frequency', count),
    numberRange('monetaryFen', fenValue),
    z.object({ field: z.literal('region'), in: z.array(z.uuid()).min(1).max(50) }),
    z.object({ field: z.literal('pickupPoint'), in: z.array(z.uuid()).min(1).max(500) }),
    z.object({
      field: z.literal('topCategory'),
      in: z
        .array(z.string().regex(/^[a-z0-9_-]{1,40}$/))
        .min(1)
        .max(50),
    }),
    z.object({ field: z.literal('priceSensitivity'), in: z.array(z.enum(PRICE_BANDS)).min(1).max(4) }),
    z.object({ field: z.literal('member'), is: z.boolean() }),
    z.object({ field: z.literal('dormant'), is: z.boolean() }),
  ])
  .superRefine((c, ctx) => {
    if (!RANGE_FIELDS.has(c.field)) return;
    const r = c as { min?: number; max?: number };
    if (r.min === undefined && r.max === undefined)
      ctx.addIssue({ code: 'custom', message: 'a range needs min or max', path: ['min'] });
    else if (r.min !== undefined && r.max !== undefined && r.min > r.max)
      ctx.addIssue({ code: 'custom', message: 'min must not exceed max', path: ['min'] });
  });
export type SegmentCondition = z.infer<typeof segmentCondition>;

export const segmentDefinition = z.object({
  match: z.enum(['all', 'any']).default('all').describe('all: every condition holds; any: at least one'),
  conditions: z.array(segmentCondition).max(20),
});
export type SegmentDefinition = z.infer<typeof segmentDefinition>;

const COLUMNS = {
  rScore: 'r_score',
  fScore: 'f_score',
  mScore: 'm_score',
  daysSinceLastOrder: 'recency_days',
  frequency: 'frequency',
  monetaryFen: 'monetary_fen',
} as const;

/**
 * One condition as SQL over `customer_rfm c`. Column names come from the fixed table above, never
 * from the request; every value is a bound parameter. A customer who never ordered has no recency
 * or scores, so a range on them does not hold for that customer.
 */
function conditionSql(c: SegmentCondition): SQL {
  const col = (name: string) => sql.raw(`c.${name}`);
  switch (c.field) {
    case 'segment':
      return sql`c.segment = any(${pgArray(c.in)}::text[])`;
    case 'rScore':
    case 'fScore':
    case 'mScore':
    case 'daysSinceLastOrder':
    case 'frequency':
    case 'monetaryFen': {
      const column = col(COLUMNS[c.field]);
      const parts: SQL[] = [sql`${column} is not null`];
      if (c.min !== undefined) parts.push(sql`${column} >= ${c.min}`);
      if (c.max !== undefined) parts.push(sql`${column} <= ${c.max}`);
      return sql`(${sql.join(parts, sql` and `)})`;
    }
    case 'region':
      return sql`c.region_id = any(${pgArray(c.in)}::uuid[])`;
    case 'pickupPoint':
      return sql`c.pickup_point_id = any(${pgArray(c.in)}::uuid[])`;
    case 'topCategory':
      return sql`c.top_category = any(${pgArray(c.in)}::text[])`;
    case 'priceSensitivity':
      return sql`c.price_sensitivity = any(${pgArray(c.in)}::text[])`;
    case 'member':
      return sql`c.member = ${c.is}`;
    case 'dormant':
      return sql`c.dormant = ${c.is}`;
  }
}

/** The definition as one condition over `customer_rfm c`; no conditions: every customer. */
export function definitionSql(def: SegmentDefinition): SQL {
  if (!def.conditions.length) return sql`true`;
  const parts = def.conditions.map(conditionSql);
  return sql`(${sql.join(parts, def.match === 'any' ? sql` or ` : sql` and `)})`;
}

/** The regions a definition names (checked against the caller's regions). */
export const namedRegions = (def: SegmentDefinition): string[] =>
  def.conditions.flatMap((c) => (c.field === 'region' ? c.in : []));

/**
 * The held-out control group of a campaign: a customer is held out when the first 32 bits of
 * md5(salt || user id), modulo 10,000, fall under `controlBps`. Stable for a salt, independent
 * between salts, reproducible outside the database (decision 047).
 */
export function controlBucket(md5Hex: string): number {
  return Number.parseInt(md5Hex.slice(0, 8), 16) % 10_000;
}
