import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { invalidState, limitExceeded, notFound, validation } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';
import { segmentAudienceSql } from '../segments/service.js';
import { campaignLift, type GroupSums } from './rules.js';

export interface TargetedInput {
  name: string;
  segmentId: string;
  templateId: string;
  message: string;
  controlBps: number;
  windowDays: number;
}

interface CampaignRow {
  id: string;
  name: string;
  segment_id: string;
  segment_name: string;
  region_id: string | null;
  template_id: string;
  template_name: string;
  message: string;
  control_bps: number;
  window_days: number;
  status: 'draft' | 'launched';
  launched_at: unknown;
  created_at: unknown;
  treated: number;
  control: number;
}

/** Only a campaign in the caller's regions exists for her; one of every region only for an operator of every region. */
const visible = (scope: RegionScope) => (scope === null ? sql`true` : inScope(scope, sql`t.region_id`));

const campaignSelect = (where: ReturnType<typeof sql>) => sql`
  select t.id, t.name, t.segment_id, t.segment_name, t.region_id, t.template_id, ct.name as template_name, t.message,
    t.control_bps, t.window_days, t.status, t.launched_at, t.created_at,
    (select count(*) from targeted_campaign_members m where m.campaign_id = t.id and not m.control)::int as treated,
    (select count(*) from targeted_campaign_members m where m.campaign_id = t.id and m.control)::int as control
  from targeted_campaigns t join coupon_templates ct on ct.id = t.template_id where ${where}`;

function view(r: CampaignRow) {
  const launchedAt = iso(r.launched_at);
  const windowEndsAt = launchedAt ? new Date(Date.parse(launchedAt) + r.window_days * 86_400_000).toISOString() : null;
  return {
    id: r.id,
    name: r.name,
    segmentId: r.segment_id,
    segmentName: r.segment_name,
    regionId: r.region_id,
    templateId: r.template_id,
    templateName: r.template_name,
    message: r.message,
    controlBps: r.control_bps,
    windowDays: r.window_days,
    status: r.status,
    launchedAt,
    windowEndsAt,
    windowOver: windowEndsAt !== null && Date.parse(windowEndsAt) <= Date.now(),
    treated: r.treated,
    control: r.control,
    createdAt: iso(r.created_at)!,
  };
}
export type TargetedView = ReturnType<typeof view>;

export async function targetedCampaign(db: Db, scope: RegionScope, id: string): Promise<TargetedView> {
  const row = await one<CampaignRow>(db, campaignSelect(sql`t.id = ${id} and ${visible(scope)}`));
  if (!row) throw notFound('Targeted campaign');
  return view(row);
}

export async function listTargetedCampaigns(db: Db, scope: RegionScope): Promise<TargetedView[]> {
  const found = await rows<CampaignRow>(
    db,
    sql`${campaignSelect(visible(scope))} order by t.created_at desc, t.id limit 200`,
  );
  return found.map(view);
}

/**
 * A draft campaign on a saved segment the caller may see (else 404) with a coupon template that is
 * active and still valid (else 400 naming the field). Nothing is granted or sent until launch.
 */
export async function createTargetedCampaign(
  db: Db,
  scope: RegionScope,
  input: TargetedInput,
  userId: string | null,
): Promise<TargetedView> {
  const seg = await one<{ name: string; region_id: string | null }>(
    db,
    sql`select name, region_id from customer_segments where id = ${input.segmentId}`,
  );
  if (!seg || (scope !== null && (seg.region_id === null || !scope.includes(seg.region_id))))
    throw validation('Unknown segment', { field: 'segmentId' });
  const t = await one<{ ok: boolean }>(
    db,
    sql`select status = 'active' and valid_to > now() as ok from coupon_templates where id = ${input.templateId}`,
  );
  if (!t) throw validation('Unknown coupon template', { field: 'templateId' });
  if (!t.ok) throw validation('The coupon template is paused or expired', { field: 'templateId' });
  const row = await one<{ id: string }>(
    db,
    sql`insert into targeted_campaigns (name, segment_id, segment_name, region_id, template_id, message, control_bps, window_days, created_by)
    values (${input.name}, ${input.segmentId}, ${seg.name}, ${seg.region_id}, ${input.templateId}, ${input.message},
      ${input.controlBps}, ${input.windowDays}, ${userId}) returning id`,
  );
  return targetedCampaign(db, scope, row!.id);
}

/**
 * Launches a draft, once, in one transaction: marks it launched (only a draft: a repeated or
 * concurrent launch finds no draft once the first committed, and changes nothing), freezes the
 * segment's customers as of the last nightly run with the control flag (decision 047's stable
 * split, salted with the campaign id), grants the coupon to the treated only and queues their
 * message through the outbox. A template whose total limit cannot cover the treated refuses the
 * launch (409) and nothing is written. `at` dates the launch (the demo's history); default now.
 */
export async function launchTargetedCampaign(db: Db, scope: RegionScope, id: string, at?: Date): Promise<TargetedView> {
  const current = await targetedCampaign(db, scope, id);
  if (current.status === 'launched') return current;
  const when = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const c = await one<{ segment_id: string; template_id: string; control_bps: number; message: string }>(
      tx,
      sql`update targeted_campaigns set status = 'launched', launched_at = ${when}
      where id = ${id} and status = 'draft' returning segment_id, template_id, control_bps, message`,
    );
    if (!c) return; // launched by another call meanwhile
    const audience = await segmentAudienceSql(tx, scope, c.segment_id, { salt: id, controlBps: c.control_bps }).catch(
      (err) => {
        throw err?.code === 'NOT_FOUND'
          ? invalidState('The segment no longer exists', { reason: 'segment_gone' })
          : err;
      },
    );
    const t = await one<{ ok: boolean; name: string; room: number | null }>(
      tx,
      sql`select status = 'active' and valid_to > ${when} as ok, name, total_limit - issued as room
      from coupon_templates where id = ${c.template_id} for update`,
    );
    if (!t?.ok) throw invalidState('The coupon template is paused or expired', { reason: 'template' });
    const r = await one<{ treated: number }>(
      tx,
      sql`
      with a as (${audience}),
      members as (
        insert into targeted_campaign_members (campaign_id, user_id, control, coupon_id)
        select ${id}, a.user_id, a.control, case when a.control then null else gen_random_uuid() end from a
        returning user_id, coupon_id),
      issued as (
        insert into coupons (id, template_id, user_id, created_at)
        select coupon_id, ${c.template_id}, user_id, ${when} from members where coupon_id is not null returning user_id),
      sent as (
        insert into outbox (topic, payload)
        select 'notify.customer', jsonb_build_object('userId', user_id, 'kind', 'targeted_coupon', 'campaignId', ${id}::text,
          'text', ${c.message}::text, 'couponName', ${t.name}::text)
        from issued returning 1)
      select (select count(*) from issued)::int as treated, (select count(*) from sent)::int as sent`,
    );
    const treated = r?.treated ?? 0;
    if (t.room !== null && treated > t.room)
      throw limitExceeded('The coupon template cannot cover the targeted customers', {
        field: 'templateId',
        room: t.room,
        treated,
      });
    await exec(tx, sql`update coupon_templates set issued = issued + ${treated} where id = ${c.template_id}`);
  });
  return targetedCampaign(db, scope, id);
}

/**
 * The result over the window after launch (to now while it runs), per group: customers, recalled
 * (paid at least one goods order, not cancelled), orders, GMV (total net of refunds), and the
 * treated's coupons used on orders that stand, with their discount; then the lift (rules.ts).
 */
export async function targetedResult(db: Db, scope: RegionScope, id: string) {
  const campaign = await targetedCampaign(db, scope, id);
  if (campaign.status !== 'launched') throw invalidState('The campaign has not been launched', { reason: 'draft' });
  const groups = await rows<{
    control: boolean;
    customers: number;
    recalled: number;
    orders: number;
    gmv: string;
    gmv_sq: string;
  }>(
    db,
    sql`
    with w as (select launched_at as s, launched_at + make_interval(days => window_days) as e
      from targeted_campaigns where id = ${id}),
    per as (
      select m.control, count(o.id)::int as n, coalesce(sum(o.total_fen - o.refunded_fen), 0)::bigint as gmv
      from targeted_campaign_members m cross join w
      left join orders o on o.user_id = m.user_id and o.kind = 'goods' and o.status <> 'cancelled'
        and o.paid_at >= w.s and o.paid_at < w.e
      where m.campaign_id = ${id} group by m.user_id, m.control)
    select control, count(*)::int as customers, count(*) filter (where n > 0)::int as recalled, coalesce(sum(n), 0)::int as orders,
      coalesce(sum(gmv), 0)::text as gmv, coalesce(sum(gmv::numeric * gmv), 0)::text as gmv_sq
    from per group by control`,
  );
  const sums = (control: boolean): GroupSums => {
    const g = groups.find((x) => x.control === control);
    return {
      customers: g?.customers ?? 0,
      recalled: g?.recalled ?? 0,
      orders: g?.orders ?? 0,
      gmvFen: Number(g?.gmv ?? 0),
      gmvSquares: Number(g?.gmv_sq ?? 0),
    };
  };
  const coupons = await one<{ granted: number; used: number; cost: number }>(
    db,
    sql`select count(c.id)::int as granted,
      count(o.id)::int as used, coalesce(sum(o.coupon_fen), 0)::int as cost
    from targeted_campaign_members m join coupons c on c.id = m.coupon_id
    left join orders o on o.id = c.order_id and c.status = 'used' and o.paid_at is not null and o.status <> 'cancelled'
    where m.campaign_id = ${id}`,
  );
  return {
    campaign,
    ...campaignLift(sums(false), sums(true)),
    coupons: { granted: coupons?.granted ?? 0, used: coupons?.used ?? 0, discountFen: coupons?.cost ?? 0 },
  };
}
export type TargetedResult = Awaited<ReturnType<typeof targetedResult>>;
