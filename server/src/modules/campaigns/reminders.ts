import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { invalidState, notFound } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';

/** Reminders sent per statement of the job; the job repeats until fewer are due. */
export const REMINDER_BATCH = 1000;

/**
 * 提醒我: subscribes the customer to the opening of a flash deal that has not opened yet. A second
 * tap (or two at once) finds the primary key taken and changes nothing. 404 for no such deal,
 * INVALID_STATE for a deal that is no flash deal, has opened already or whose campaign is closed.
 */
export async function subscribeReminder(
  db: Db,
  userId: string,
  campaignItemId: string,
): Promise<{ campaignItemId: string; saleStartsAt: string }> {
  // one statement: the deal's state is read where the subscription is written
  const row = await one<{ sale_starts_at: unknown; opened: boolean; open: boolean; subscribed: boolean }>(
    db,
    sql`
    with d as (
      select ci.id, ci.sale_starts_at, ci.sale_starts_at <= now() as opened, c.status = 'open' and c.cutoff_at > now() as open
      from campaign_items ci join campaigns c on c.id = ci.campaign_id where ci.id = ${campaignItemId}),
    r as (
      insert into flash_reminders (user_id, campaign_item_id)
      select ${userId}, d.id from d where d.sale_starts_at is not null and not d.opened and d.open
      on conflict do nothing returning 1)
    select d.sale_starts_at, coalesce(d.opened, false) as opened, d.open, exists (select 1 from r) as subscribed from d`,
  );
  if (!row) throw notFound('Campaign item');
  if (row.sale_starts_at === null) throw invalidState('Only a flash deal can be reminded of', { reason: 'not_flash' });
  if (row.opened) throw invalidState('This flash deal is already on sale', { reason: 'opened' });
  if (!row.open) throw invalidState('This campaign is closed', { reason: 'closed' });
  return { campaignItemId, saleStartsAt: iso(row.sale_starts_at)! };
}

/** Takes back a reminder not sent yet; 404 when there is none. */
export async function cancelReminder(db: Db, userId: string, campaignItemId: string): Promise<void> {
  const gone = await one(
    db,
    sql`delete from flash_reminders where user_id = ${userId} and campaign_item_id = ${campaignItemId} and sent_at is null
    returning 1 as ok`,
  );
  if (!gone) throw notFound('Reminder');
}

/** The customer's reminders still waiting for their deal to open (the shop marks those deals 已提醒). */
export async function pendingReminders(db: Db, userId: string) {
  const found = await rows<{ campaign_item_id: string; sale_starts_at: unknown }>(
    db,
    sql`
    select r.campaign_item_id, ci.sale_starts_at from flash_reminders r join campaign_items ci on ci.id = r.campaign_item_id
    where r.user_id = ${userId} and r.sent_at is null order by ci.sale_starts_at, r.campaign_item_id limit 200`,
  );
  return found.map((r) => ({ campaignItemId: r.campaign_item_id, saleStartsAt: iso(r.sale_starts_at)! }));
}

/**
 * Sends the reminders of deals that have opened, through the outbox, once each: one statement
 * marks a batch sent (only rows still unsent, skipping rows another run holds) and writes a
 * notification per row it marked, so a message exists exactly when its row flipped. Reminders of
 * a campaign that closed before its deal opened are marked without a message: nothing is left to buy.
 * Returns the messages written.
 */
export async function sendDueReminders(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const [r] = await rows<{ marked: number; sent: number }>(
      db,
      sql`
      with due as (
        select r.user_id, r.campaign_item_id from flash_reminders r join campaign_items ci on ci.id = r.campaign_item_id
        where r.sent_at is null and ci.sale_starts_at <= now()
        order by r.campaign_item_id, r.user_id limit ${REMINDER_BATCH} for update of r skip locked),
      marked as (
        update flash_reminders r set sent_at = now() from due
        where r.user_id = due.user_id and r.campaign_item_id = due.campaign_item_id and r.sent_at is null
        returning r.user_id, r.campaign_item_id),
      sent as (
        insert into outbox (topic, payload)
        select 'notify.customer', jsonb_build_object('userId', m.user_id, 'kind', 'flash_open',
          'campaignItemId', m.campaign_item_id, 'name', p.name, 'priceFen', ci.price_fen)
        from marked m join campaign_items ci on ci.id = m.campaign_item_id join products p on p.id = ci.product_id
          join campaigns c on c.id = ci.campaign_id
        where c.status = 'open' and c.cutoff_at > now()
        returning 1)
      select (select count(*) from marked)::int as marked, (select count(*) from sent)::int as sent`,
    );
    total += r?.sent ?? 0;
    if ((r?.marked ?? 0) < REMINDER_BATCH) return total;
  }
}
