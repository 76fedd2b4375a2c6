import { sql } from 'drizzle-orm';
import { exec, rows, type Db } from '../db/client.js';
import { addDays, businessDate, localTime } from '../lib/time.js';
import { sendRepurchaseReminders } from '../modules/lifecycle/repurchase.js';
import { configureProgram, grantToNewCustomers } from '../modules/lifecycle/service.js';
import { createCouponTemplate } from '../modules/promotions/service.js';

/**
 * The lifecycle programs switched on in every demo city before the history plays: the welcome
 * coupon (新人专享) with the given template, the invitee's first-order coupon and the repurchase
 * reminders; then the welcome coupons of the customers who signed up while it ran, granted by the
 * program itself (set-based, as a registration would).
 */
export async function demoLifecyclePrograms(
  db: Db,
  opts: { welcomeTemplateId: string; validFrom: string; validTo: string; newCustomerIds: string[] },
): Promise<number> {
  const firstOrder = await createCouponTemplate(db, {
    name: '邀请首单 满20减8',
    kind: 'amount',
    thresholdFen: 2000,
    discountFen: 800,
    validFrom: opts.validFrom,
    validTo: opts.validTo,
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
  });
  for (const { id } of await rows<{ id: string }>(db, sql`select id from regions order by created_at, id`)) {
    await configureProgram(db, id, 'welcome', { enabled: true, templateId: opts.welcomeTemplateId });
    await configureProgram(db, id, 'first_order', { enabled: true, templateId: firstOrder.id });
    await configureProgram(db, id, 'repurchase', { enabled: true });
  }
  return grantToNewCustomers(db, opts.newCustomerIds);
}

/**
 * After the history: each welcome grant dated at its customer's (backdated) sign-up, and the
 * repurchase reminders of the past `days` replayed day by day at 10:00 (Shanghai), each as the
 * job would have sent it that morning from the purchases made before it; so the report shows
 * months of grants and reminders, and the purchases that followed them.
 */
export async function demoLifecycleHistory(db: Db, days: number): Promise<{ reminders: number }> {
  await exec(
    db,
    sql`update lifecycle_grants g set granted_at = u.created_at from users u where u.id = g.user_id and u.created_at < g.granted_at`,
  );
  const today = businessDate(new Date());
  let reminders = 0;
  for (let d = -days; d < 0; d++) reminders += await sendRepurchaseReminders(db, localTime(addDays(today, d), '10:00'));
  reminders += await sendRepurchaseReminders(db, new Date());
  return { reminders };
}
