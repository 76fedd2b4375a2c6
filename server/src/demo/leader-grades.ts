import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import { placeOrder } from '../flows/checkout.js';
import { createCouponTemplate } from '../modules/promotions/service.js';
import { putSetting } from '../modules/settings/service.js';
import { closeDueLeaderMonths, previousMonthFigures } from '../modules/leader-grades/service.js';
import { leaderCustomers, sendAllowanceCoupon } from '../modules/leader-grades/customers.js';
import {
  complaintBps,
  COUPON_ALLOWANCE,
  GRADE_THRESHOLDS,
  LEADER_DORMANT_DAYS,
  timelyBps,
  type GradeThresholds,
} from '../modules/leader-grades/rules.js';
import type { LeaderMonthRow } from '../modules/leader-grades/figures.js';
import { CITIES } from './data.js';
import { pay } from './shoppers.js';

/**
 * Leader grades in the demo (decision 062). The demo city is far smaller than the seeds' mature
 * area (gold at ¥82,000 a month), so no leader would reach even bronze on the defaults; instead its
 * operator sets thresholds from the demo's own last closed month, as a pilot city would: leaders
 * ranked by GMV, the top fifth's lowest figures are gold's, the next three tenths' silver's, the
 * next three tenths' bronze's (the rest 见习). The month is then graded by the job itself, bonuses
 * paid through the ledger. Dormant is 7 days here, as the demo's targeted recall uses. Each city's
 * demo leader sends three allowance coupons to dormant customers, and one of them orders with it.
 */
export async function demoLeaderGrades(db: Db, config: Config) {
  const admin = await one<{ id: string }>(
    db,
    sql`select id from users where 'admin' = any(roles) order by created_at, id limit 1`,
  );
  const actor = admin!.id;
  await putSetting(db, LEADER_DORMANT_DAYS.key, 7, actor);
  const figures = await previousMonthFigures(db);
  const thresholds = demoThresholds(figures);
  if (thresholds) await putSetting(db, GRADE_THRESHOLDS.key, thresholds, actor);
  const graded = await closeDueLeaderMonths(db);

  const template = await createCouponTemplate(db, {
    name: '团长关怀券 无门槛减5元',
    kind: 'amount',
    thresholdFen: 0,
    discountFen: 500,
    validFrom: new Date(Date.now() - 3_600_000).toISOString(),
    validTo: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    perCustomerLimit: 3,
    stackableWithFullReduction: true,
  });
  await putSetting(db, COUPON_ALLOWANCE.key, { templateId: template.id, perMonth: 20 }, actor);

  let coupons = 0;
  let recalled = 0;
  const demoLeaders = await rows<{
    id: string;
    user_id: string;
    pickup_point_id: string;
    commission_bps: number;
    region_id: string;
  }>(
    db,
    sql`select l.id, l.user_id, l.pickup_point_id, l.commission_bps, p.region_id
    from leaders l join users u on u.id = l.user_id join pickup_points p on p.id = l.pickup_point_id
    where l.status = 'active' and u.phone = any(${pgArray(CITIES.map((c) => c.leaderPhone(0)))}::text[]) order by u.phone`,
  );
  for (const l of demoLeaders) {
    const leader = { id: l.id, userId: l.user_id, pickupPointId: l.pickup_point_id, commissionBps: l.commission_bps };
    const { items } = await leaderCustomers(db, leader, { dormantOnly: true });
    const sentTo: string[] = [];
    for (const c of items.slice(0, 3)) {
      const sent = await sendAllowanceCoupon(db, leader, c.userId).catch(() => null);
      if (sent) {
        sentTo.push(c.userId);
        coupons++;
      }
    }
    // the first of them comes back with the coupon, in today's open campaign
    const back = sentTo[0];
    if (!back) continue;
    const coupon = await one<{ id: string }>(
      db,
      sql`select id from coupons where user_id = ${back} and template_id = ${template.id} and status = 'available' limit 1`,
    );
    const deals = await rows<{ id: string }>(
      db,
      sql`select ci.id from campaign_items ci join campaigns c on c.id = ci.campaign_id
      where c.region_id = ${l.region_id} and c.starts_at <= now() and c.cutoff_at > now()
        and (ci.sale_starts_at is null or ci.sale_starts_at <= now()) order by ci.price_fen desc, ci.id limit 5`,
    );
    for (const d of deals) {
      const placed = await placeOrder(
        db,
        back,
        { pickupPointId: l.pickup_point_id, items: [{ campaignItemId: d.id, quantity: 1 }], couponId: coupon?.id },
        config,
      ).catch(() => null);
      if (!placed) continue;
      await pay(db, back, placed.id);
      recalled++;
      break;
    }
  }
  return { graded, coupons, recalled };
}

/** Thresholds from the month's own figures: the lowest of each group ranked by GMV (null when no leader sold). */
export function demoThresholds(figures: LeaderMonthRow[]): GradeThresholds | null {
  const sold = [...figures].filter((f) => f.gmvFen > 0).sort((a, b) => b.gmvFen - a.gmvFen);
  if (sold.length < 4) return null;
  const gold = Math.max(1, Math.round(sold.length * 0.2));
  const silver = Math.max(1, Math.round(sold.length * 0.3));
  const groups = [sold.slice(0, gold), sold.slice(gold, gold + silver), sold.slice(gold + silver, gold + 2 * silver)];
  const floorOf = (g: LeaderMonthRow[]) => ({
    // whole yuan, never above the group's lowest
    gmvFen: Math.floor(Math.min(...g.map((f) => f.gmvFen)) / 100) * 100,
    activeCustomers: Math.min(...g.map((f) => f.customers)),
    maxComplaintBps: Math.max(...g.map((f) => complaintBps(f))),
    minTimelyBps: Math.min(...g.map((f) => timelyBps(f))),
  });
  const [g, s, b] = groups.map(floorOf);
  return { gold: g, silver: s, bronze: b };
}
