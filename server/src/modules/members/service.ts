import { timeOrderedUuid } from '../../lib/ids.js';
import { sql, type SQL } from 'drizzle-orm';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { one, rows, exec, type Db } from '../../db/client.js';
import { invalidState, notFound } from '../../lib/errors.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { addDays, businessDate, iso } from '../../lib/time.js';
import { addPoints, takePoints } from '../accounts/points.js';
import { grantJoiningPack, grantReferralCoupons, referralPeriod, removeCoupons } from './coupons.js';
import {
  checkInPoints,
  clawbackTotal,
  earnedGrowth,
  earnedPoints,
  monthOf,
  SHARE_GROWTH,
  SHARES_PER_DAY,
  tierOf,
  nextTier,
  yearlySavings,
} from './rules.js';

/** Operator settings (from the environment via Config); set when the routes are registered. */
export interface MemberSettings {
  referralPoints: number;
  referralMonthlyCap: number;
  unpaidExpiryMinutes: number;
}
let settings: MemberSettings = {
  referralPoints: 200,
  referralMonthlyCap: 20,
  unpaidExpiryMinutes: 15,
};
export function configureMembers(s: MemberSettings) {
  settings = { ...s };
}

/** Moves growth once per business key; growth never falls below zero. */
export async function addGrowth(
  db: Db,
  userId: string,
  delta: number,
  businessKey: string,
  reason: string,
): Promise<boolean> {
  if (delta === 0) return false;
  // one statement: the profile moves only when the entry is new
  const moved = await one(
    db,
    sql`
    with entry as (
      insert into growth_entries (user_id, delta, reason, business_key)
      values (${userId}, ${delta}, ${reason}, ${businessKey}) on conflict (business_key) do nothing returning 1)
    insert into member_profiles (user_id, growth) select ${userId}, ${Math.max(0, delta)} from entry
    on conflict (user_id) do update set growth = greatest(0, member_profiles.growth + ${delta})
    returning 1 as ok`,
  );
  return !!moved;
}

export async function memberStatus(db: Db, userId: string) {
  const row = await one<{ growth: number | null; birthday: unknown; member: boolean }>(
    db,
    sql`
    select p.growth, p.birthday, coalesce(u.membership_until > now(), false) as member
    from users u left join member_profiles p on p.user_id = u.id where u.id = ${userId}`,
  );
  const growth = row?.growth ?? 0;
  return {
    growth,
    tier: tierOf(growth),
    nextTier: nextTier(growth),
    member: !!row?.member,
    birthday: row?.birthday ? String(row.birthday).slice(0, 10) : null,
  };
}

/**
 * Rewards of a completed goods order (call in the transaction that completed it): points and
 * growth on what was paid minus refunded so far (later refunds claw back their share), then
 * the referral reward if this is the invitee's first completed order. Once per order.
 */
export async function onOrderCompleted(db: Db, orderId: string, now = new Date()): Promise<void> {
  // one read for the order, its customer's standing and their inviter: this runs for every pickup
  const order = await one<{
    user_id: string;
    base_fen: number;
    picked_up: boolean;
    growth: number | null;
    member: boolean;
    inviter_id: string | null;
    same: boolean | null;
    time_zone: string;
    undone: number;
  }>(
    db,
    sql`
    select o.user_id, o.total_fen - o.refunded_fen as base_fen,
      exists (select 1 from order_lines l where l.order_id = o.id and l.status = 'picked_up') as picked_up,
      p.growth, coalesce(u.membership_until > now(), false) as member,
      u.invited_by as inviter_id, (i.id = u.id or i.phone = u.phone) as same, r.time_zone,
      -- completions taken back by an undone pickup (decision 034): this one earns under a fresh key
      (select count(*) from pickups k where k.order_id = o.id and k.completed_order and k.undone_at is not null)::int as undone
    from orders o
    join users u on u.id = o.user_id
    join regions r on r.id = o.region_id
    left join member_profiles p on p.user_id = u.id
    left join users i on i.id = u.invited_by
    where o.id = ${orderId} and o.kind = 'goods' and o.status = 'completed'`,
  );
  if (!order) return;
  const points = earnedPoints(order.base_fen, { member: order.member, tier: tierOf(order.growth ?? 0) });
  const growth = earnedGrowth(order.base_fen);
  const fresh = await one(
    db,
    sql`
    insert into order_rewards (order_id, user_id, base_fen, points, growth)
    values (${orderId}, ${order.user_id}, ${order.base_fen}, ${points}, ${growth})
    on conflict (order_id) do nothing returning 1 as ok`,
  );
  if (!fresh) return;
  const key = order.undone ? `earn:${orderId}:${order.undone}` : `earn:${orderId}`;
  await addPoints(db, order.user_id, points, key, 'order');
  await addGrowth(db, order.user_id, growth, key, 'order');
  // an order that completed only by being refunded or short is no first order picked up
  if (order.picked_up && order.inviter_id)
    await rewardReferral(db, {
      inviteeId: order.user_id,
      inviterId: order.inviter_id,
      same: !!order.same,
      orderId,
      month: monthOf(businessDate(now, order.time_zone)),
    });
}

/** Why an undone completion's rewards cannot be taken back (the undo is refused, nothing written). */
export type UndoRewardsRefusal = 'referral_coupon_used';

/**
 * An undone pickup that had completed the order takes back what the completion earned: the
 * points and growth not already clawed back by refunds (points never below a zero balance), and
 * the row, so completing again earns again (under a fresh key, see onOrderCompleted). The
 * referral this order decided is taken back too (undoReferral). Call inside the undo's
 * transaction, the order row locked. Answers a refusal when something given cannot be taken back.
 */
export async function undoOrderRewards(
  db: Db,
  { orderId, userId, pickupId }: { orderId: string; userId: string; pickupId: string },
): Promise<UndoRewardsRefusal | null> {
  const refusal = await undoReferral(db, { orderId, inviteeId: userId, pickupId });
  if (refusal) return refusal;
  const earned = await one<{ user_id: string; points: number; growth: number }>(
    db,
    sql`delete from order_rewards where order_id = ${orderId}
    returning user_id, points - clawed_points as points, growth - clawed_growth as growth`,
  );
  if (!earned) return null;
  await takePoints(db, earned.user_id, earned.points, `undo:${pickupId}`, 'pickup_undone');
  await addGrowth(db, earned.user_id, -earned.growth, `undo:${pickupId}`, 'pickup_undone');
  return null;
}

/**
 * The referral decision made by an order whose completion is undone (decision 034). If the
 * invitee completed another order meanwhile, that one was a first order too: the decision passes
 * to it and nothing is taken back. Otherwise the decision is removed, so the invitee's next
 * completed order decides again; a 'rewarded' one is reversed exactly first: the points of both
 * sides taken back (never below a zero balance, keyed `undo:<pickupId>:referral:<side>`), the
 * inviter's month counted one less, and the referral coupons of both sides removed with their
 * grant rows (so a new reward grants them again). A coupon already used on an order cannot be
 * taken back: then the answer is a refusal and the caller's transaction writes nothing.
 */
async function undoReferral(
  db: Db,
  { orderId, inviteeId, pickupId }: { orderId: string; inviteeId: string; pickupId: string },
): Promise<UndoRewardsRefusal | null> {
  // by the invitee (its key): the customer's one referral decision, if this order made it
  const referral = await one<{ inviter_id: string; month: string; outcome: string; points: number }>(
    db,
    sql`select inviter_id, month, outcome, points from referral_rewards
    where invitee_id = ${inviteeId} and order_id = ${orderId} for update`,
  );
  if (!referral) return null;
  const other = await one<{ id: string }>(
    db,
    sql`
    select o.id from orders o
    where o.user_id = ${inviteeId} and o.id <> ${orderId} and o.kind = 'goods' and o.status = 'completed'
      and exists (select 1 from order_lines l where l.order_id = o.id and l.status = 'picked_up')
    order by o.completed_at, o.id limit 1`,
  );
  if (other) {
    await exec(db, sql`update referral_rewards set order_id = ${other.id} where invitee_id = ${inviteeId}`);
    return null;
  }
  if (referral.outcome === 'rewarded') {
    // locked, so a checkout cannot spend one between this check and the removal
    const coupons = await rows<{ id: string; used: boolean }>(
      db,
      sql`
      select c.id, (c.status = 'used' or exists (select 1 from orders o where o.coupon_id = c.id)) as used
      from member_coupon_grants g join coupons c on c.id = g.coupon_id
      where g.period = ${referralPeriod(inviteeId)} and g.user_id in (${referral.inviter_id}, ${inviteeId})
      order by c.id for update of c`,
    );
    if (coupons.some((c) => c.used)) return 'referral_coupon_used';
    if (coupons.length)
      await removeCoupons(
        db,
        referralPeriod(inviteeId),
        coupons.map((c) => c.id),
      );
    await exec(
      db,
      sql`update referral_months set count = count - 1
      where inviter_id = ${referral.inviter_id} and month = ${referral.month} and count > 0`,
    );
    const key = `undo:${pickupId}:referral`;
    await takePoints(db, referral.inviter_id, referral.points, `${key}:inviter`, 'referral_undone');
    await takePoints(db, inviteeId, referral.points, `${key}:invitee`, 'referral_undone');
  }
  await exec(db, sql`delete from referral_rewards where invitee_id = ${inviteeId}`);
  return null;
}

/**
 * A refund of an order that already earned takes back its proportional share of the points and
 * growth (cumulatively exact; points never below a zero balance). Call inside the refund's transaction.
 */
export async function clawbackForRefund(db: Db, refundId: string): Promise<void> {
  const r = await one<{
    user_id: string;
    base_fen: number;
    points: number;
    growth: number;
    clawed_fen: number;
    clawed_points: number;
    clawed_growth: number;
  }>(
    db,
    sql`
    update order_rewards w set clawed_fen = least(w.base_fen, w.clawed_fen + f.amount_fen)
    from refunds f where f.id = ${refundId} and f.order_id = w.order_id
    returning w.user_id, w.base_fen, w.points, w.growth, w.clawed_fen, w.clawed_points, w.clawed_growth`,
  );
  if (!r) return;
  const points = clawbackTotal(r.points, r.base_fen, r.clawed_fen) - r.clawed_points;
  const growth = clawbackTotal(r.growth, r.base_fen, r.clawed_fen) - r.clawed_growth;
  // the row is locked by the update above, so these cumulative totals cannot race
  await exec(
    db,
    sql`update order_rewards set clawed_points = clawed_points + ${points}, clawed_growth = clawed_growth + ${growth}
    where order_id = (select order_id from refunds where id = ${refundId})`,
  );
  await takePoints(db, r.user_id, points, `clawback:${refundId}`, 'refund');
  await addGrowth(db, r.user_id, -growth, `clawback:${refundId}`, 'refund');
}

/**
 * The referral decision, once per invitee (the referral_rewards row is the guard): self-referral
 * or the same phone earns nothing; past the inviter's monthly cap the decision is 'capped'.
 */
async function rewardReferral(
  db: Db,
  {
    inviteeId,
    inviterId,
    same,
    orderId,
    month,
  }: {
    inviteeId: string;
    inviterId: string;
    /** the inviter is the invitee, or has the same phone */
    same: boolean;
    orderId: string;
    /** the month of the invitee's region when the order completed, which the monthly cap counts in */
    month: string;
  },
): Promise<void> {
  const decided = await one(
    db,
    sql`
    insert into referral_rewards (invitee_id, inviter_id, order_id, month, outcome)
    values (${inviteeId}, ${inviterId}, ${orderId}, ${month}, 'ineligible')
    on conflict (invitee_id) do nothing returning 1 as ok`,
  );
  if (!decided || same) return;
  const counted =
    settings.referralMonthlyCap > 0 &&
    (await one(
      db,
      sql`
    insert into referral_months (inviter_id, month, count) values (${inviterId}, ${month}, 1)
    on conflict (inviter_id, month) do update set count = referral_months.count + 1
    where referral_months.count < ${settings.referralMonthlyCap} returning count`,
    ));
  if (!counted) {
    await exec(db, sql`update referral_rewards set outcome = 'capped' where invitee_id = ${inviteeId}`);
    return;
  }
  const points = settings.referralPoints;
  await exec(
    db,
    sql`update referral_rewards set outcome = 'rewarded', points = ${points} where invitee_id = ${inviteeId}`,
  );
  const round = await referralRound(db, inviteeId);
  await addPoints(db, inviterId, points, `referral:${inviteeId}:inviter${round}`, 'referral');
  await addPoints(db, inviteeId, points, `referral:${inviteeId}:invitee${round}`, 'referral');
  await grantReferralCoupons(db, inviterId, inviteeId);
}

/**
 * The suffix of a referral payment's keys: none for the first, `:<n>` for a payment after n were
 * taken back by undone pickups (the ledger keeps every entry, so the keys must differ). Counted
 * under the invitee's referral_rewards row, which serialises the decisions of one invitee.
 */
async function referralRound(db: Db, inviteeId: string): Promise<string> {
  const paid = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from points_entries
    where user_id = ${inviteeId} and reason = 'referral' and business_key like ${`referral:${inviteeId}:invitee%`}`,
  );
  return paid?.n ? `:${paid.n}` : '';
}

/** The business day of the customer's region (her pickup point's, or the oldest region's). */
async function customerToday(db: Db, userId: string, now: Date): Promise<string> {
  const region = await one<{ time_zone: string }>(db, customerRegion(userId));
  return businessDate(now, region?.time_zone);
}

/** Daily check-in (签到): the (user, business day) primary key makes simultaneous check-ins award once. */
export async function checkIn(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<{ pointsAwarded: number; streakDays: number }> {
  const today = await customerToday(db, userId, now);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const prev = await one<{ streak_days: number }>(
      tx,
      sql`
      select streak_days from check_ins where user_id = ${userId} and business_date = ${addDays(today, -1)}`,
    );
    const streak = (prev?.streak_days ?? 0) + 1;
    const points = checkInPoints(streak);
    const inserted = await one(
      tx,
      sql`
      insert into check_ins (user_id, business_date, streak_days, points) values (${userId}, ${today}, ${streak}, ${points})
      on conflict (user_id, business_date) do nothing returning 1 as ok`,
    );
    if (!inserted) {
      const current = await one<{ streak_days: number }>(
        tx,
        sql`
        select streak_days from check_ins where user_id = ${userId} and business_date = ${today}`,
      );
      return { pointsAwarded: 0, streakDays: current?.streak_days ?? 0 };
    }
    await addPoints(tx, userId, points, `checkin:${userId}:${today}`, 'check_in');
    return { pointsAwarded: points, streakDays: streak };
  });
}

/** The customer's region: her chosen pickup point's, or the default (oldest) one without a point. */
const customerRegion = (userId: string) => sql`
  select r.id, r.membership_price_fen, r.time_zone from regions r
  where r.id = coalesce((select p.region_id from users u join pickup_points p on p.id = u.pickup_point_id where u.id = ${userId}),
                        (select id from regions order by created_at, id limit 1))`;

/** What the annual membership costs the customer now: her region's price. */
export async function membershipOffer(db: Db, userId: string): Promise<{ priceFen: number; regionId: string }> {
  const region = await one<{ id: string; membership_price_fen: number }>(db, customerRegion(userId));
  if (!region) throw invalidState('No region is set up');
  return { priceFen: region.membership_price_fen, regionId: region.id };
}

/**
 * The annual plan as an order of kind 'membership', paid through the normal payment flow, at the
 * price of the customer's region (read in the same statement that writes the order).
 */
export async function buyMembership(db: Db, userId: string): Promise<{ orderId: string; amountFen: number }> {
  const orderId = timeOrderedUuid();
  const created = await one<{ total_fen: number }>(
    db,
    sql`
    with r as (${customerRegion(userId)})
    insert into orders (id, kind, user_id, region_id, status, subtotal_fen, total_fen, expires_at)
    select ${orderId}, 'membership', ${userId}, r.id,
      'pending_payment', r.membership_price_fen, r.membership_price_fen, now() + make_interval(mins => ${settings.unpaidExpiryMinutes})
    from r
    returning total_fen`,
  );
  if (!created) throw invalidState('No region is set up');
  return { orderId, amountFen: created.total_fen };
}

/**
 * Activates (or extends) the membership a paid membership order bought, in one statement and
 * once per order: the period row keyed by order id means a retried notification extends nothing.
 * The user row is locked, so two renewals paid together each add their year.
 */
export async function activateMembership(db: Db, orderId: string): Promise<string | null> {
  const row = await one<{ id: string; membership_until: unknown }>(
    db,
    sql`
    with o as (select id, user_id from orders where id = ${orderId} and kind = 'membership' and status in ('paid', 'completed')),
    u as (select u.id, greatest(now(), coalesce(u.membership_until, now())) as starts from users u
          where u.id = (select user_id from o) for update),
    period as (
      insert into membership_periods (order_id, user_id, plan, starts_at, ends_at)
      select o.id, o.user_id, 'annual', u.starts, u.starts + interval '1 year' from o join u on u.id = o.user_id
      on conflict (order_id) do nothing returning user_id, ends_at)
    update users set membership_until = period.ends_at from period where users.id = period.user_id
    returning users.id, users.membership_until`,
  );
  if (!row) return null;
  // the advertised monthly pack starts with this month's, at once (the daily job grants it too, so
  // a crash between the two statements heals by the next run; the grant row makes it once a month)
  await grantJoiningPack(db, row.id);
  return iso(row.membership_until);
}

/** A shared deal earns growth, at most SHARES_PER_DAY times a business day (conditional upsert). */
export async function recordShare(db: Db, userId: string, campaignItemId: string, now = new Date()) {
  const today = await customerToday(db, userId, now);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const item = await one(tx, sql`select 1 as ok from campaign_items where id = ${campaignItemId}`);
    if (!item) throw notFound('Campaign item');
    const counted = await one<{ count: number }>(
      tx,
      sql`
      insert into share_days (user_id, business_date, count) values (${userId}, ${today}, 1)
      on conflict (user_id, business_date) do update set count = share_days.count + 1
      where share_days.count < ${SHARES_PER_DAY} returning count`,
    );
    if (!counted) return { growthAwarded: 0 };
    await addGrowth(tx, userId, SHARE_GROWTH, `share:${userId}:${today}:${counted.count}`, 'share');
    return { growthAwarded: SHARE_GROWTH };
  });
}

export async function setBirthday(db: Db, userId: string, birthday: string | null): Promise<void> {
  await exec(
    db,
    sql`insert into member_profiles (user_id, birthday) values (${userId}, ${birthday})
    on conflict (user_id) do update set birthday = excluded.birthday`,
  );
}

/** Members are listed by the end of their membership, latest first; the id orders equal ends. */
export const MEMBER_KEYSET = keyset('members', [sql`u.membership_until`, 'time'], [sql`u.id`, 'uuid']);

/** A customer belongs to the region of the pickup point they chose (none chosen: every region's operators only). */
const customerInScope = (scope: RegionScope, user: SQL) =>
  scope === null
    ? sql`true`
    : sql`exists (select 1 from pickup_points pp where pp.id = ${user}.pickup_point_id and ${inScope(scope, sql`pp.region_id`)})`;

export async function listMembers(db: Db, page: PageRequest, scope: RegionScope = null) {
  const part = pageSql(MEMBER_KEYSET, page);
  const found = await rows<{
    id: string;
    phone: string;
    name: string;
    membership_until: unknown;
    growth: number | null;
  }>(
    db,
    sql`
    select u.id, u.phone, u.name, u.membership_until, p.growth, ${part.select}
    from users u left join member_profiles p on p.user_id = u.id
    where u.membership_until > now() and ${customerInScope(scope, sql`u`)} and ${part.after} order by ${part.orderBy} limit ${part.limit}`,
  );
  const { items, nextCursor } = pageOf(MEMBER_KEYSET, page, found);
  const members = items.map((m) => ({
    userId: m.id,
    phone: m.phone,
    name: m.name,
    activeUntil: iso(m.membership_until)!,
    growth: m.growth ?? 0,
    tier: tierOf(m.growth ?? 0),
  }));
  return { items: members, nextCursor };
}

/** Points issued, spent and expired by reason, and what customers hold now. */
export async function pointsReport(db: Db, scope: RegionScope = null) {
  const [byReason, held] = await Promise.all([
    rows<{ reason: string; issued: number; taken: number; entries: number }>(
      db,
      sql`
      select reason, coalesce(sum(delta_points) filter (where delta_points > 0), 0)::int as issued,
        coalesce(-sum(delta_points) filter (where delta_points < 0), 0)::int as taken, count(*)::int as entries
      from points_entries pe where ${
        scope === null
          ? sql`true`
          : sql`exists (select 1 from users u where u.id = pe.user_id and ${customerInScope(scope, sql`u`)})`
      }
      group by reason order by reason`,
    ),
    one<{ balance: number; holders: number }>(
      db,
      sql`
      select coalesce(sum(points_balance), 0)::int as balance, count(*) filter (where points_balance > 0)::int as holders
      from users u where ${customerInScope(scope, sql`u`)}`,
    ),
  ]);
  return {
    byReason,
    issued: byReason.reduce((s, r) => s + r.issued, 0),
    taken: byReason.reduce((s, r) => s + r.taken, 0),
    outstanding: held?.balance ?? 0,
    holders: held?.holders ?? 0,
  };
}

/** Referral outcomes per inviter, with the orders and GMV of the invitees' first orders. */
export async function referralReport(db: Db, month?: string, scope: RegionScope = null) {
  const found = await rows<{
    inviter_id: string;
    phone: string;
    name: string;
    rewarded: number;
    capped: number;
    ineligible: number;
    points: number;
    gmv_fen: number;
  }>(
    db,
    sql`
    select r.inviter_id, u.phone, u.name,
      count(*) filter (where r.outcome = 'rewarded')::int as rewarded, count(*) filter (where r.outcome = 'capped')::int as capped,
      count(*) filter (where r.outcome = 'ineligible')::int as ineligible, coalesce(sum(r.points), 0)::int as points,
      coalesce(sum(o.total_fen - o.refunded_fen), 0)::int as gmv_fen
    from referral_rewards r join users u on u.id = r.inviter_id join orders o on o.id = r.order_id
    where ${month ? sql`r.month = ${month}` : sql`true`} and ${inScope(scope, sql`o.region_id`)}
    group by r.inviter_id, u.phone, u.name order by rewarded desc, r.inviter_id limit 500`,
  );
  return found.map((r) => ({
    inviterId: r.inviter_id,
    phone: r.phone,
    name: r.name,
    rewarded: r.rewarded,
    capped: r.capped,
    ineligible: r.ineligible,
    pointsEachSide: r.points,
    firstOrders: r.rewarded + r.capped + r.ineligible,
    gmvFen: r.gmv_fen,
  }));
}

/** The recent window the membership's expected savings are computed over. */
export const SAVINGS_WINDOW_DAYS = 30;

/**
 * What the membership would have saved the customer on her own orders of the last 30 days: for
 * each line of a paid goods order, the member discount it got, or — bought without membership —
 * (price paid per unit − member price) × quantity where the deal had a lower member price. Scaled
 * to the year, and the face value of the amount coupons in this month's member pack beside it.
 */
export async function membershipSavings(db: Db, userId: string) {
  const [offer, found] = await Promise.all([
    membershipOffer(db, userId),
    one<{ orders: number; lines: number; saved_fen: number; pack_fen: number }>(
      db,
      sql`
      with l as (
        select o.id as order_id, case when l.member_discount_fen > 0 then l.member_discount_fen
          else greatest(0, l.unit_price_fen - coalesce(ci.member_price_fen, l.unit_price_fen)) * l.quantity end as saved
        from orders o join order_lines l on l.order_id = o.id join campaign_items ci on ci.id = l.campaign_item_id
        where o.user_id = ${userId} and o.kind = 'goods' and o.paid_at is not null
          and o.created_at > now() - make_interval(days => ${SAVINGS_WINDOW_DAYS}))
      select count(distinct order_id)::int as orders, count(*) filter (where saved > 0)::int as lines,
        coalesce(sum(saved), 0)::int as saved_fen,
        (select coalesce(sum(t.discount_fen), 0)::int from member_coupon_templates m join coupon_templates t on t.id = m.template_id
          where m.purpose = 'monthly_pack' and t.kind = 'amount' and t.status = 'active' and t.valid_to > now()) as pack_fen
      from l`,
    ),
  ]);
  const savedFen = found?.saved_fen ?? 0;
  return {
    priceFen: offer.priceFen,
    windowDays: SAVINGS_WINDOW_DAYS,
    orders: found?.orders ?? 0,
    lines: found?.lines ?? 0,
    savedFen,
    yearFen: yearlySavings(savedFen, SAVINGS_WINDOW_DAYS),
    monthlyPackFen: found?.pack_fen ?? 0,
  };
}

/**
 * The check-ins of a month (YYYY-MM, the customer's region's business days; default her current
 * month), today's business day, whether she checked in today and the streak she is on (today's,
 * or yesterday's while today is still open).
 */
export async function checkInMonth(db: Db, userId: string, month?: string, now = new Date()) {
  const today = await customerToday(db, userId, now);
  const m = month ?? today.slice(0, 7);
  const first = `${m}-01`;
  const found = await rows<{ d: string; streak_days: number }>(
    db,
    sql`
    select to_char(business_date, 'YYYY-MM-DD') as d, streak_days from check_ins
    where user_id = ${userId} and ((business_date >= ${first}::date and business_date < (${first}::date + interval '1 month'))
      or business_date in (${today}::date, ${addDays(today, -1)}::date))
    order by business_date`,
  );
  const byDay = new Map(found.map((r) => [r.d, r.streak_days]));
  return {
    month: m,
    today,
    checkedInToday: byDay.has(today),
    streakDays: byDay.get(today) ?? byDay.get(addDays(today, -1)) ?? 0,
    days: found.filter((r) => r.d.startsWith(m)).map((r) => r.d),
  };
}
