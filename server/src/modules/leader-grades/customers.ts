import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { invalidState, limitExceeded, notFound, rateLimited } from '../../lib/errors.js';
import { maskPhone } from '../../lib/phone.js';
import { iso, businessDate } from '../../lib/time.js';
import { Throttle } from '../../lib/throttle.js';
import { enqueue } from '../outbox/service.js';
import { grantCoupons } from '../promotions/service.js';
import { readSetting } from '../settings/service.js';
import type { Leader } from '../leaders/service.js';
import { COUPON_ALLOWANCE, LEADER_DORMANT_DAYS, MESSAGES_PER_DAY, RECALL_WINDOW_DAYS } from './rules.js';

/**
 * The leader's customers (decision 062): those who chose her point, with their last order,
 * orders in the last 90 days and whether they are dormant (沉睡: no paid order for the dormant
 * days of the settings, the segmentation's 30 by default), phones masked; and reaching out to them with an allowance coupon
 * or an in-app message. Every contact is recorded, so the leader's recall rate can be measured.
 */
export const FREQUENCY_DAYS = 90;
export const CUSTOMER_LIST_MAX = 500;

export interface LeaderCustomer {
  userId: string;
  name: string;
  phone: string;
  lastOrderAt: string | null;
  ordersLast90Days: number;
  dormant: boolean;
  lastContactAt: string | null;
}

/** `dormant`: whether a customer with a paid order ever has none in the `days` before now */
const dormantSql = (user: ReturnType<typeof sql>, days: number) => sql`(
  exists (select 1 from orders e where e.user_id = ${user} and e.kind = 'goods' and e.paid_at is not null)
  and not exists (select 1 from orders e where e.user_id = ${user} and e.kind = 'goods' and e.paid_at is not null
    and e.paid_at >= now() - make_interval(days => ${days})))`;

export async function leaderCustomers(db: Db, leader: Leader, opts: { dormantOnly?: boolean } = {}) {
  const dormantDays = await readSetting(db, LEADER_DORMANT_DAYS);
  const found = await rows<{
    id: string;
    name: string;
    phone: string;
    last_at: unknown;
    recent: number;
    contact_at: unknown;
  }>(
    db,
    sql`
    select u.id, u.name, u.phone,
      (select max(e.paid_at) from orders e where e.user_id = u.id and e.kind = 'goods' and e.paid_at is not null) as last_at,
      (select count(*) from orders e where e.user_id = u.id and e.kind = 'goods' and e.paid_at is not null
        and e.paid_at >= now() - make_interval(days => ${FREQUENCY_DAYS}))::int as recent,
      (select max(c.created_at) from leader_contacts c where c.leader_id = ${leader.id} and c.user_id = u.id) as contact_at
    from users u
    where u.pickup_point_id = ${leader.pickupPointId} and u.id <> ${leader.userId}
      ${opts.dormantOnly ? sql`and ${dormantSql(sql`u.id`, dormantDays)}` : sql``}
    order by last_at desc nulls last, u.id limit ${CUSTOMER_LIST_MAX}`,
  );
  const cutoff = Date.now() - dormantDays * 86_400_000;
  const items: LeaderCustomer[] = found.map((r) => {
    const last = iso(r.last_at);
    return {
      userId: r.id,
      name: r.name,
      phone: maskPhone(r.phone),
      lastOrderAt: last,
      ordersLast90Days: r.recent,
      dormant: last !== null && Date.parse(last) < cutoff,
      lastContactAt: iso(r.contact_at),
    };
  });
  return {
    dormantDays,
    items,
    allowance: await allowanceOf(db, leader),
    recall: await recallOf(db, leader),
  };
}

async function regionMonth(db: Db, leader: Leader): Promise<string> {
  const r = await one<{ tz: string }>(
    db,
    sql`select r.time_zone as tz from pickup_points p join regions r on r.id = p.region_id where p.id = ${leader.pickupPointId}`,
  );
  return businessDate(new Date(), r?.tz).slice(0, 7);
}

async function allowanceOf(db: Db, leader: Leader) {
  const setting = await readSetting(db, COUPON_ALLOWANCE);
  const month = await regionMonth(db, leader);
  const used = await one<{ used: number }>(
    db,
    sql`select used from leader_allowance_months where leader_id = ${leader.id} and month = ${month}`,
  );
  const template = setting.templateId
    ? await one<{ name: string; status: string }>(
        db,
        sql`select name, status from coupon_templates where id = ${setting.templateId} and valid_to > now()`,
      )
    : null;
  return {
    month,
    perMonth: setting.perMonth,
    used: used?.used ?? 0,
    templateId: template ? setting.templateId : null,
    templateName: template?.name ?? null,
  };
}

/** Of the dormant customers I contacted in the last 90 days, how many paid an order within RECALL_WINDOW_DAYS after. */
async function recallOf(db: Db, leader: Leader) {
  const r = await one<{ contacted: number; recalled: number }>(
    db,
    sql`
    select count(distinct c.user_id)::int as contacted,
      count(distinct c.user_id) filter (where exists (
        select 1 from orders e where e.user_id = c.user_id and e.kind = 'goods' and e.paid_at is not null
          and e.paid_at > c.created_at and e.paid_at <= c.created_at + make_interval(days => ${RECALL_WINDOW_DAYS})))::int as recalled
    from leader_contacts c
    where c.leader_id = ${leader.id} and c.dormant and c.created_at >= now() - make_interval(days => ${FREQUENCY_DAYS})`,
  );
  const contacted = r?.contacted ?? 0;
  const recalled = r?.recalled ?? 0;
  return {
    windowDays: RECALL_WINDOW_DAYS,
    periodDays: FREQUENCY_DAYS,
    contacted,
    recalled,
    rate: contacted ? recalled / contacted : null,
  };
}

/** The customer, when she chose my point; whether she is dormant now. 404 otherwise. */
async function myCustomer(db: Db, leader: Leader, userId: string) {
  const dormantDays = await readSetting(db, LEADER_DORMANT_DAYS);
  const c = await one<{ id: string; dormant: boolean }>(
    db,
    sql`select u.id, ${dormantSql(sql`u.id`, dormantDays)} as dormant from users u
    where u.id = ${userId} and u.pickup_point_id = ${leader.pickupPointId} and u.id <> ${leader.userId}`,
  );
  if (!c) throw notFound('Customer');
  return c;
}

/**
 * Sends one coupon of the allowance template to a customer of my point. The month's allowance is
 * taken by a conditional upsert in the same transaction as the grant: simultaneous sends never pass
 * it, and a refused grant (the customer already holds the template's limit) gives it back.
 */
export async function sendAllowanceCoupon(db: Db, leader: Leader, userId: string) {
  const setting = await readSetting(db, COUPON_ALLOWANCE);
  if (!setting.templateId)
    throw invalidState('No coupon template is set for leaders’ allowance', { reason: 'no_template' });
  const customer = await myCustomer(db, leader, userId);
  const month = await regionMonth(db, leader);
  const templateId = setting.templateId;
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const taken = await one<{ used: number }>(
      tx,
      sql`insert into leader_allowance_months as a (leader_id, month, used) values (${leader.id}, ${month}, 1)
      on conflict (leader_id, month) do update set used = a.used + 1 where a.used < ${setting.perMonth}
      returning used`,
    );
    if (!taken || taken.used > setting.perMonth)
      throw limitExceeded('This month’s coupon allowance is used up', { perMonth: setting.perMonth });
    const { granted } = await grantCoupons(tx, templateId, [userId]);
    if (!granted) throw invalidState('This customer already holds this coupon', { reason: 'already_held' });
    const coupon = await one<{ id: string; name: string }>(
      tx,
      sql`select c.id, t.name from coupons c join coupon_templates t on t.id = c.template_id
      where c.template_id = ${templateId} and c.user_id = ${userId} order by c.created_at desc, c.id limit 1`,
    );
    await exec(
      tx,
      sql`insert into leader_contacts (leader_id, user_id, kind, coupon_id, dormant)
      values (${leader.id}, ${userId}, 'coupon', ${coupon!.id}, ${customer.dormant})`,
    );
    await enqueue(tx, 'notify.customer', {
      userId,
      kind: 'leader_coupon',
      couponId: coupon!.id,
      templateName: coupon!.name,
      leaderId: leader.id,
    });
    return { couponId: coupon!.id, used: taken.used, perMonth: setting.perMonth };
  });
}

/**
 * An in-app message to a customer of my point (outbox 'notify.customer', kind 'leader_message'):
 * at most one a customer and day, MESSAGES_PER_DAY a leader and day (counted in the database, so
 * simultaneous sends hold to it too).
 */
export async function sendLeaderMessage(db: Db, leader: Leader, userId: string, text: string) {
  const customer = await myCustomer(db, leader, userId);
  const throttle = new Throttle(db);
  const day = 24 * 3600_000;
  const toCustomer = await throttle.take(`leader-message:${leader.id}:${userId}`, { limit: 1, windowMs: day });
  if (!toCustomer.ok) throw rateLimited('This customer already had a message from you today');
  const total = await throttle.take(`leader-message:${leader.id}`, { limit: MESSAGES_PER_DAY, windowMs: day });
  if (!total.ok) throw rateLimited(`At most ${MESSAGES_PER_DAY} messages a day`);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const contact = await one<{ id: string }>(
      tx,
      sql`insert into leader_contacts (leader_id, user_id, kind, text, dormant)
      values (${leader.id}, ${userId}, 'message', ${text}, ${customer.dormant}) returning id`,
    );
    const point = await one<{ name: string; leader: string }>(
      tx,
      sql`select p.name, u.name as leader from pickup_points p, users u where p.id = ${leader.pickupPointId} and u.id = ${leader.userId}`,
    );
    await enqueue(tx, 'notify.customer', {
      userId,
      kind: 'leader_message',
      text,
      leaderName: point?.leader ?? '',
      pickupPointName: point?.name ?? '',
    });
    return { id: contact!.id };
  });
}
