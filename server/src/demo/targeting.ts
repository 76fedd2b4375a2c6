import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, one, type Db } from '../db/client.js';
import { addDays, localTime } from '../lib/time.js';
import { createCouponTemplate } from '../modules/promotions/service.js';
import { controlBucket } from '../modules/segments/rules.js';
import { computeRfm, saveSegment } from '../modules/segments/service.js';
import { createTargetedCampaign, launchTargetedCampaign } from '../modules/targeting/service.js';

/** How much likelier a treated customer is to be among a window day's buyers (the coupon's pull in the demo). */
export const DEMO_RECALL_PULL = 8;
const CONTROL_BPS = 2000;

export interface DemoRecallPlan {
  campaignId: string;
  /** the launch's business day (Shanghai) and the window's days, [from, to) */
  launchDate: string;
  from: string;
  to: string;
  /** customers outside the control group: on the window's days they are pulled towards buying */
  treated: (userId: string) => boolean;
}

/**
 * Before the history plays: the recall campaign's segment (customers 7 days or more without an
 * order, or who never ordered), its coupon and the draft, launched 21 days before `open`. Its id
 * salts the control split (decision 047), so who will be held out is known before the history
 * plays; the history's buyer sampling then favours the others on the 14 window days, and every
 * order they place is a real order of the demo.
 */
export async function planDemoRecall(
  db: Db,
  opts: { open: string; validFrom: string; validTo: string },
): Promise<DemoRecallPlan> {
  const admin = await one<{ id: string }>(
    db,
    sql`select id from users where 'admin' = any(roles) order by created_at, id limit 1`,
  );
  const segment = await saveSegment(
    db,
    null,
    {
      name: '沉睡客户（7天未下单）',
      regionId: null,
      definition: {
        match: 'any',
        conditions: [
          { field: 'daysSinceLastOrder', min: 7 },
          { field: 'segment', in: ['registered_no_order'] },
        ],
      },
    },
    admin!.id,
  );
  const template = await createCouponTemplate(db, {
    name: '召回礼 满30减8',
    kind: 'amount',
    thresholdFen: 3000,
    discountFen: 800,
    validFrom: opts.validFrom,
    validTo: opts.validTo,
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
  });
  const campaign = await createTargetedCampaign(
    db,
    null,
    {
      name: '沉睡客户召回 满30减8',
      segmentId: segment.id,
      templateId: template.id,
      message: '好久不见！送您一张满30减8元券，14天内有效，快来看看今天的团购吧。',
      controlBps: CONTROL_BPS,
      windowDays: 14,
    },
    admin!.id,
  );
  const launchDate = addDays(opts.open, -21);
  return {
    campaignId: campaign.id,
    launchDate,
    from: launchDate,
    to: addDays(launchDate, 14),
    treated: (userId) =>
      controlBucket(createHash('md5').update(`${campaign.id}${userId}`).digest('hex')) >= CONTROL_BPS,
  };
}

/**
 * After the history: the segment as the nightly run saw it the night before the launch, and the
 * launch itself at 09:00 of its day, set-based (audience frozen, coupons and messages to the treated);
 * then tonight's run again.
 */
export async function launchDemoRecall(db: Db, plan: DemoRecallPlan) {
  const at = localTime(plan.launchDate, '09:00');
  await computeRfm(db, localTime(plan.launchDate, '03:30'));
  const view = await launchTargetedCampaign(db, null, plan.campaignId, at);
  // drafted the evening before, as an operator would have
  await exec(
    db,
    sql`update targeted_campaigns set created_at = launched_at - interval '14 hours' where id = ${plan.campaignId}`,
  );
  await exec(
    db,
    sql`update customer_segments set created_at = ${localTime(addDays(plan.launchDate, -1), '17:00').toISOString()} where id = (select segment_id from targeted_campaigns where id = ${plan.campaignId})`,
  );
  // and the segments as they stand tonight again (the run above replaced them with the launch's)
  await computeRfm(db);
  return view;
}
