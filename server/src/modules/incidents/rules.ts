import { validation } from '../../lib/errors.js';
import type { IncidentGrade } from './schema.js';

/**
 * The rules of incidents (decision 060), without I/O.
 *
 * The grades are the seeds' 分级处理预案 (异常事件分为ABC三级, A级为大规模物流延误; A级 starts the
 * backup warehouse's diversion at once and compensates customers with coupons); B and C are the
 * smaller events of the same kind the console tells apart.
 */
export const GRADES: Record<IncidentGrade, { zh: string; en: string }> = {
  A: {
    zh: 'A级：大规模物流延误等，多条线路或全区受影响；立即启动备用仓分流，并给受影响用户补偿优惠券',
    en: 'A: a large-scale event such as a widespread delivery delay, several routes or the whole region; divert through the backup warehouse at once and compensate customers with coupons',
  },
  B: {
    zh: 'B级：一条线路或一批自提点受影响（如冷链延误、整批破损），按标准流程处理并补偿受影响用户',
    en: 'B: one route or a group of pickup points (a cold-chain delay, a damaged batch); handled by the standard procedure, customers compensated',
  },
  C: {
    zh: 'C级：个别自提点或少量订单受影响，由客服和团长处理',
    en: 'C: a single pickup point or a few orders; handled by customer service and the leader',
  },
};

/** 闭环复盘: a post-mortem within 72 hours of the declaration; a reminder at 48 hours. */
export const POSTMORTEM_HOURS = 72;
export const POSTMORTEM_REMIND_HOURS = 48;
const HOUR = 3_600_000;

export const postmortemDueAt = (declaredAt: Date) => new Date(declaredAt.getTime() + POSTMORTEM_HOURS * HOUR);

/**
 * How the affected orders are chosen: any combination of routes, pickup points, products or deals
 * (campaign items), and a window of the time the order was placed or of its pickup day. Within one
 * kind any of the named ones; across kinds all of them (a route and a product: that product's
 * orders on that route). Products and deals are one kind: an order with a line of any of them.
 */
export interface Criteria {
  routeIds?: string[];
  pickupPointIds?: string[];
  productIds?: string[];
  campaignItemIds?: string[];
  /** placed at or after (ISO time) */
  placedFrom?: string;
  /** placed before (ISO time) */
  placedTo?: string;
  /** picked up on or after (YYYY-MM-DD) */
  pickupFrom?: string;
  /** picked up on or before (YYYY-MM-DD) */
  pickupTo?: string;
}

/** The criteria cleaned (duplicates gone, empty lists dropped); 400 when they select nothing at all or a window is backwards. */
export function normalizeCriteria(c: Criteria): Criteria {
  const list = (ids?: string[]) => (ids?.length ? [...new Set(ids)].sort() : undefined);
  const out: Criteria = {
    routeIds: list(c.routeIds),
    pickupPointIds: list(c.pickupPointIds),
    productIds: list(c.productIds),
    campaignItemIds: list(c.campaignItemIds),
    placedFrom: c.placedFrom,
    placedTo: c.placedTo,
    pickupFrom: c.pickupFrom,
    pickupTo: c.pickupTo,
  };
  const named = Object.values(out).some((v) => v !== undefined);
  if (!named)
    throw validation('Name at least one route, pickup point, product, deal or time window', { field: 'routeIds' });
  if (out.placedFrom && out.placedTo && new Date(out.placedTo) <= new Date(out.placedFrom))
    throw validation('placedTo must be after placedFrom', { field: 'placedTo' });
  if (out.pickupFrom && out.pickupTo && out.pickupTo < out.pickupFrom)
    throw validation('pickupTo must not be before pickupFrom', { field: 'pickupTo' });
  for (const k of Object.keys(out) as (keyof Criteria)[]) if (out[k] === undefined) delete out[k];
  return out;
}
