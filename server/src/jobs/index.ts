import { sql } from 'drizzle-orm';
import type { Config } from '../lib/config.js';
import { exec, type Db } from '../db/client.js';
import type { JobHandler } from './runner.js';
import { cancelOrders } from '../flows/cancel.js';
import { unitsGivenBack } from '../lib/sold-out.js';
import { cutoffJob } from '../flows/cutoff.js';
import { deliverOutbox, OUTBOX_BATCH } from '../modules/outbox/service.js';
import { outboxHandlers } from '../modules/outbox/senders.js';
import { settleDueCommissions } from '../modules/ledger/service.js';
import { expireCoupons } from '../modules/promotions/service.js';
import { expirePoints } from '../modules/accounts/points.js';
import { grantMemberCoupons } from '../modules/members/coupons.js';
import { sendDueReminders } from '../modules/campaigns/reminders.js';
import { Throttle } from '../lib/throttle.js';
import { rollUpDueDays } from '../modules/analytics/rollups.js';
import { rollUpKpiDays } from '../modules/kpis/rollups.js';
import { evaluateKpiAlerts } from '../modules/kpis/alerts.js';
import { raiseDocumentExpiryAlerts } from '../modules/catalog/documents.js';
import { raiseUnsuppliedBeforeCutoffAlerts } from '../modules/campaigns/supply.js';
import { closeDueScorecardMonths } from '../modules/suppliers/scorecard.js';
import { raiseOverdueRecallAlerts } from '../flows/recall.js';
import { escalateBreaches } from '../modules/tickets/service.js';
import { createMarkdownDeals, raiseNearExpiryAlerts, writeOffExpiredLots } from '../modules/freshness/jobs.js';
import { catchUpRegistrationGrants } from '../modules/lifecycle/service.js';
import { sendRepurchaseReminders } from '../modules/lifecycle/repurchase.js';
import { raiseLossAlerts, rollUpLossWeeks } from '../modules/freshness/loss.js';
import { rollUpDemand } from '../modules/forecast/rollup.js';
import { recordForecasts } from '../modules/forecast/service.js';
import { createPartitionsAhead, dropExpiredPartitions } from '../modules/events/partitions.js';
import { rollUpFunnelDays } from '../modules/events/funnel.js';
import { computeRfm } from '../modules/segments/service.js';
import { raisePostmortemAlerts } from '../modules/incidents/service.js';
import { closeDueLeaderMonths } from '../modules/leader-grades/service.js';
import { wechatPayOf } from '../modules/payments/wechatpay/provider.js';
import { reconcileYesterday } from '../modules/reconciliation/service.js';
import { queryStuckRefunds } from '../modules/payments/wechatpay/refunds.js';

/** Unpaid orders past their 15 minutes are cancelled in batches and give their quota back. */
async function expireUnpaid(db: Db): Promise<void> {
  for (;;) {
    const givenBack = new Set<string>();
    const n = await db.transaction((tx) =>
      cancelOrders(
        tx as unknown as Db,
        sql`id in (
      select id from orders where status = 'pending_payment' and paid_at is null and cancelled_at is null and expires_at <= now()
      order by expires_at limit 1000 for update skip locked)`,
        'pending_payment',
        givenBack,
      ),
    );
    unitsGivenBack([...givenBack]);
    if (n < 1000) return;
  }
}

/** Every job the runner knows, by name. */
export function jobHandlers(config: Config): Record<string, JobHandler> {
  const outbox = outboxHandlers(config);
  return {
    'expire-unpaid': (db) => expireUnpaid(db),
    cutoff: cutoffJob,
    // the outbox is delivered continuously by the OutboxPump; this job drains it once, on demand
    'deliver-outbox': async (db) => {
      while ((await deliverOutbox(db, outbox)) === OUTBOX_BATCH);
    },
    // every 10 minutes, over the last 3 days of due commissions (older ones settle lazily per leader)
    'settle-commissions': async (db) => {
      await settleDueCommissions(db, { lookbackDays: 3 });
    },
    // coupons whose template window closed become expired (reads already treat them so; this makes it stored)
    'expire-coupons': async (db) => {
      await expireCoupons(db);
    },
    // points expiry, the members' monthly coupon pack and birthday coupons: once per user and period
    // (business keys), so a retried or repeated run grants and expires nothing twice
    'expire-points': async (db) => {
      await expirePoints(db);
    },
    'member-coupon-pack': async (db) => {
      await grantMemberCoupons(db, 'monthly_pack');
    },
    // 开抢提醒 of flash deals that opened: each sent once, through the outbox
    'flash-reminders': async (db) => {
      await sendDueReminders(db);
    },
    'birthday-coupons': async (db) => {
      await grantMemberCoupons(db, 'birthday');
    },
    // lifecycle programs (decision 050): welcome/first-order grants a failed registration call missed,
    // then the day's repurchase reminders; both once per business key, so a repeated run sends nothing twice
    'lifecycle-daily': async (db) => {
      await catchUpRegistrationGrants(db);
      await sendRepurchaseReminders(db);
    },
    // the dashboard's daily rollups: closed days not rolled up yet, and dirty ones (decision 021)
    'rollup-analytics': async (db) => {
      await rollUpDueDays(db);
    },
    // the KPI page's daily facts: closed days not rolled up yet (decision 046)
    'rollup-kpis': async (db) => {
      await rollUpKpiDays(db);
    },
    // KPI alert rules against the last closed day: one alert per crossing (decision 046)
    'kpi-alerts': async (db) => {
      await evaluateKpiAlerts(db);
    },
    // suppliers' licences expiring within 30 days (or expired): one alert per document and expiry date
    'supplier-document-alerts': async (db) => {
      await raiseDocumentExpiryAlerts(db);
    },
    // deals with no usable supplier in the hours before their campaign's cutoff: one alert each
    'unsupplied-before-cutoff': async (db) => {
      await raiseUnsuppliedBeforeCutoffAlerts(db);
    },
    // supplier scorecards: past months not closed yet are stored and ranked once, proposals raised (decision 044)
    'close-supplier-scorecards': async (db) => {
      await closeDueScorecardMonths(db);
    },
    // recalls past their 48 hours and not closed: one operator alert each
    // tickets' SLA clocks past due and not met: stamped once, escalated, one alert per ticket and clock
    'ticket-sla': async (db) => {
      await escalateBreaches(db);
    },
    'recall-deadlines': async (db) => {
      await raiseOverdueRecallAlerts(db);
    },
    // freshness (decision 041), in this order each day: lots past expiry are written off, lots near
    // it are alerted, and lots at a markdown step become 尾货秒杀 deals; each once per lot and day
    'freshness-daily': async (db) => {
      await writeOffExpiredLots(db);
      await raiseNearExpiryAlerts(db);
      await createMarkdownDeals(db);
    },
    // closed weeks summed into the loss rollup, and a week over a loss-rate limit alerted once
    'loss-rate': async (db) => {
      await rollUpLossWeeks(db);
      await raiseLossAlerts(db);
    },
    // the demand history rolled up (closed and dirty days), then each region's next business day's
    // forecast recorded once, before that day begins (decision 049)
    'demand-forecast': async (db) => {
      await rollUpDemand(db);
      await recordForecasts(db);
    },
    // behaviour events (decision 045): the next days' partitions made ahead, those past retention dropped
    'event-partitions': async (db) => {
      await createPartitionsAhead(db);
      await dropExpiredPartitions(db);
    },
    // the purchase funnel's daily rollup: closed days not rolled yet, and those rolled before they were final
    'rollup-funnel': async (db) => {
      await rollUpFunnelDays(db);
    },
    // customer segmentation (decision 047): every customer's RFM, segment and tags, and the week's snapshot
    'customer-rfm': async (db) => {
      await computeRfm(db);
    },
    // incidents without a post-mortem: a warning 48 hours after the declaration, a critical alert at 72; each once
    'incident-postmortems': async (db) => {
      await raisePostmortemAlerts(db);
    },
    // leader grades (decision 062): the month before the current one of each region, once it has
    // ended, graded and its bonus paid once per leader (primary key and business key)
    'leader-grades': async (db) => {
      await closeDueLeaderMonths(db);
    },
    // WeChat Pay payments whose notification is late or lost (decision 063): asked about, and a
    // paid one applied through the same once-only path as a notification
    'wechatpay-query': async (db) => {
      await wechatPayOf(config)?.queryPending(db);
    },
    // WeChat Pay reconciliation (decision 064): yesterday's Beijing day once its bill exists (10:00
    // Beijing time), once; a failed or early attempt is tried again the next hour. Nothing without WeChat Pay.
    'wechatpay-reconciliation': async (db) => {
      await reconcileYesterday(db, config.wechatPay);
    },
    // WeChat Pay refunds processing longer than LINLI_WECHATPAY_QUERY_AFTER_MINUTES are asked
    // about and settled from the answer: a lost notification never leaves one processing (decision 063)
    'wechatpay-refund-query': async (db) => {
      if (config.wechatPay) await queryStuckRefunds(db, config.wechatPay);
    },
    // sign-in and SMS limits long over, and SMS codes a day past their 5 minutes
    'prune-auth-limits': async (db) => {
      await new Throttle(db).prune();
      await exec(db, sql`delete from sms_codes where expires_at < now() - interval '1 day'`);
    },
  };
}

/** Recurring jobs and their cron patterns (croner; six fields include seconds). */
export const RECURRING: Record<string, string> = {
  'expire-unpaid': '*/20 * * * * *',
  'settle-commissions': '0 */10 * * * *',
  'expire-coupons': '0 * * * * *',
  // every 10 s: a reminder is worth something only in the first moments of the sale
  'flash-reminders': '*/10 * * * * *',
  // daily: one run per 24 h reaches every business day once, whatever the server's time zone
  'expire-points': '0 7 0 * * *',
  'member-coupon-pack': '0 9 0 * * *',
  'birthday-coupons': '0 11 0 * * *',
  // 01:30 UTC = 09:30 in Shanghai: reminders arrive in the morning, once a day's campaigns are open
  'lifecycle-daily': '0 30 1 * * *',
  'prune-auth-limits': '0 17 * * * *',
  'rollup-analytics': '0 */5 * * * *',
  'rollup-kpis': '30 */5 * * * *',
  // hourly: a day closes for each region within the hour after its midnight (and its grace)
  'kpi-alerts': '0 40 * * * *',
  'supplier-document-alerts': '0 13 0 * * *',
  'unsupplied-before-cutoff': '0 */10 * * * *',
  // hourly: a month closes within the hour after it ends (Asia/Shanghai), whatever the server's zone
  'close-supplier-scorecards': '0 23 * * * *',
  'recall-deadlines': '0 * * * * *',
  // every minute: the first-response clock is 5 minutes long
  'ticket-sla': '30 * * * * *',
  // 00:20 UTC = 08:20 in Shanghai: before the morning's orders, after the night's receipts
  'freshness-daily': '0 20 0 * * *',
  'loss-rate': '0 25 * * * *',
  // hourly: tomorrow's forecast is recorded within the hour after midnight of any region's zone, and
  // again each hour (cells already recorded keep their first value; new products' cells join)
  'demand-forecast': '0 35 * * * *',
  // hourly: a week of partitions is always ahead, so an hour's miss costs nothing
  'event-partitions': '0 41 * * * *',
  'rollup-funnel': '0 */5 * * * *',
  // 19:30 UTC = 03:30 in Shanghai, 01:30 in Urumqi: after every region's business day has ended
  'customer-rfm': '0 30 19 * * *',
  // every 10 minutes: a post-mortem's reminder and its deadline are hours apart
  'incident-postmortems': '0 */10 * * * *',
  // hourly: a region's month is graded within the hour after its midnight of the 1st, whatever the server's zone
  'leader-grades': '0 45 * * * *',
  // every minute: a payment is asked about once its notification is queryAfterMinutes late
  'wechatpay-query': '15 * * * * *',
  // hourly: from 10:15 Beijing time (02:15 UTC) yesterday's bill exists; done days are skipped
  'wechatpay-reconciliation': '0 15 * * * *',
  'wechatpay-refund-query': '20 * * * * *',
};
