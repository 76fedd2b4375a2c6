import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import { deliverOutbox, OUTBOX_BATCH } from '../modules/outbox/service.js';
import { outboxHandlers } from '../modules/outbox/senders.js';
import { createRecall } from '../modules/recalls/service.js';
import { closeRecall, confirmRecall, recordReturn } from '../flows/recall.js';
import { DEMO_ADMIN } from './data.js';

const HOUR = 3_600_000;

/**
 * The 召回 screen's first figures: one finished recall in the history, through the real flows. A lot
 * received on a purchase order in the last 20 days, sold to a few dozen customers at most (refunds go one
 * order at a time, and the first start is time-critical), is recalled three days after its receipt:
 * confirmed (the lot's stock blocked, customers and leaders told), refunded, the notices delivered,
 * most units brought back at the pickup points, and closed within its 48 hours. Runs before today's
 * campaigns open, so it stops no deal of today.
 */
export async function demoRecall(db: Db, config: Config): Promise<{ customers: number; refundedFen: number }> {
  const admin = await one<{ id: string }>(db, sql`select id from users where phone = ${DEMO_ADMIN.phone}`);
  const lot = await one<{ id: string; received_at: string }>(
    db,
    sql`
    select l.id, l.received_at::text from lots l
      join purchase_orders po on po.id = l.purchase_order_id
      join orders o on o.campaign_id = po.campaign_id
      join order_lines ol on ol.order_id = o.id and ol.lot_id = l.id
    where l.received_at between now() - interval '20 days' and now() - interval '12 hours'
    group by l.id having count(distinct o.user_id) between 2 and 40
    order by count(distinct o.user_id) desc, l.id limit 1`,
  );
  if (!admin || !lot) return { customers: 0, refundedFen: 0 };
  // three days after receipt, or (a short history) a third of the way from receipt to now
  const received = new Date(lot.received_at).getTime();
  const confirmedAt = new Date(received + Math.min(72 * HOUR, (Date.now() - received) / 3));
  const closeAfter = Math.min(36 * HOUR, (Date.now() - confirmedAt.getTime()) * 0.8) / HOUR;
  const draft = await createRecall(
    db,
    { scope: 'lot', lotId: lot.id, reason: '供应商通报：该批次抽检菌落总数超标，请停止食用', refund: true },
    null,
    admin.id,
  );
  await confirmRecall(db, draft.id, null, admin.id, { now: confirmedAt });
  const quiet = process.env.LINLI_QUIET;
  process.env.LINLI_QUIET = '1';
  try {
    while ((await deliverOutbox(db, outboxHandlers(config))) === OUTBOX_BATCH);
  } finally {
    if (quiet === undefined) delete process.env.LINLI_QUIET;
    else process.env.LINLI_QUIET = quiet;
  }
  // the leaders bring back most units: all but one at every other point
  const points = await rows<{ pickup_point_id: string; units: number }>(
    db,
    sql`select pickup_point_id, sum(units)::int as units from recall_lines where recall_id = ${draft.id}
      group by pickup_point_id order by pickup_point_id`,
  );
  for (const [i, p] of points.entries()) {
    const units = i % 2 ? p.units - 1 : p.units;
    if (units > 0) await recordReturn(db, draft.id, null, { pickupPointId: p.pickup_point_id, units }, admin.id);
  }
  const closed = await closeRecall(db, draft.id, null, admin.id);
  // dated as they would have happened: drafted an hour before confirming, closed a day and a half later
  const at = (hours: number) => new Date(confirmedAt.getTime() + hours * HOUR).toISOString();
  await exec(
    db,
    sql`update recalls set created_at = ${at(-1)}::timestamptz, closed_at = ${at(closeAfter)}::timestamptz where id = ${draft.id}`,
  );
  await exec(
    db,
    sql`update recall_returns set recorded_at = ${at(closeAfter * 0.6)}::timestamptz where recall_id = ${draft.id}`,
  );
  await exec(
    db,
    sql`update refunds set created_at = ${at(0.1)}::timestamptz, decided_at = ${at(0.1)}::timestamptz
    where business_key like ${`recall:${draft.id}:%`}`,
  );
  await exec(db, sql`update stock_movements set created_at = ${at(0)}::timestamptz where ref_id = ${draft.id}`);
  return { customers: closed.progress.customers, refundedFen: closed.progress.refundedFen };
}
