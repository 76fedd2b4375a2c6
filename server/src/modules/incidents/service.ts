import { sql, type SQL } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { invalidState, notFound, validation } from '../../lib/errors.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { maskPhone } from '../../lib/phone.js';
import { covers, inScope, regionForbidden, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { DEFAULT_REGION_ID } from '../network/service.js';
import { createCouponTemplate, grantCoupons } from '../promotions/service.js';
import {
  type Criteria,
  normalizeCriteria,
  POSTMORTEM_HOURS,
  POSTMORTEM_REMIND_HOURS,
  postmortemDueAt,
} from './rules.js';
import type { INCIDENT_EVENTS, IncidentGrade } from './schema.js';

/**
 * Incidents (事故, decision 060): declared with a grade in one region, the affected orders selected
 * by route, pickup point, product or deal and a time window, every affected customer compensated
 * in one action (one message through the outbox and one coupon each, once), and a post-mortem due
 * within 72 hours, reminded at 48 and alerted at 72.
 */

export interface IncidentSummary {
  id: string;
  regionId: string;
  grade: IncidentGrade;
  title: string;
  status: 'open' | 'resolved';
  declaredAt: string;
  postmortemDueAt: string;
  postmortemFiledAt: string | null;
  /** no post-mortem and past its 72 hours */
  postmortemOverdue: boolean;
  orders: number;
  customers: number;
  messagesSent: number;
  couponsGranted: number;
  compensatedAt: string | null;
}

export interface IncidentView extends IncidentSummary {
  description: string;
  criteria: Criteria | null;
  selectedAt: string | null;
  message: string | null;
  couponTemplate: { id: string; name: string } | null;
  resolvedAt: string | null;
  postmortem: {
    cause: string;
    impact: string;
    actions: string;
    prevention: string;
    filedBy: string;
    filedAt: string;
  } | null;
  timeline: {
    kind: (typeof INCIDENT_EVENTS)[number];
    at: string;
    actor: string | null;
    details: Record<string, unknown>;
  }[];
}

interface Row {
  id: string;
  region_id: string;
  grade: IncidentGrade;
  title: string;
  description: string;
  status: 'open' | 'resolved';
  declared_at: unknown;
  postmortem_due_at: unknown;
  criteria: Criteria | null;
  selected_at: unknown;
  message: string | null;
  coupon_template_id: string | null;
  coupon_name: string | null;
  compensated_at: unknown;
  messages_sent: number;
  coupons_granted: number;
  resolved_at: unknown;
  pm_cause: string | null;
  pm_impact: string | null;
  pm_actions: string | null;
  pm_prevention: string | null;
  pm_filed_by_name: string | null;
  pm_filed_at: unknown;
  overdue: boolean;
  orders: number;
  customers: number;
}

const columns = sql`i.id, i.region_id, i.grade, i.title, i.description, i.status, i.declared_at, i.postmortem_due_at,
  i.criteria, i.selected_at, i.message, i.coupon_template_id, t.name as coupon_name, i.compensated_at, i.messages_sent,
  i.coupons_granted, i.resolved_at, i.pm_cause, i.pm_impact, i.pm_actions, i.pm_prevention, f.name as pm_filed_by_name,
  i.pm_filed_at, (i.pm_filed_at is null and i.postmortem_due_at < now()) as overdue,
  (select count(*)::int from incident_orders x where x.incident_id = i.id) as orders,
  (select count(distinct x.user_id)::int from incident_orders x where x.incident_id = i.id) as customers`;
const from = sql`incidents i left join coupon_templates t on t.id = i.coupon_template_id left join users f on f.id = i.pm_filed_by`;

const summary = (r: Row): IncidentSummary => ({
  id: r.id,
  regionId: r.region_id,
  grade: r.grade,
  title: r.title,
  status: r.status,
  declaredAt: iso(r.declared_at)!,
  postmortemDueAt: iso(r.postmortem_due_at)!,
  postmortemFiledAt: iso(r.pm_filed_at),
  postmortemOverdue: r.overdue,
  orders: r.orders,
  customers: r.customers,
  messagesSent: r.messages_sent,
  couponsGranted: r.coupons_granted,
  compensatedAt: iso(r.compensated_at),
});

/** The incident, or 404 when it does not exist or is of a region the caller does not work in. */
async function incidentRow(db: Db, id: string, scope: RegionScope, lock = false): Promise<Row> {
  if (lock) await exec(db, sql`select 1 from incidents where id = ${id} for update`);
  const r = await one<Row>(db, sql`select ${columns} from ${from} where i.id = ${id}`);
  if (!r) throw notFound('Incident');
  requireInScope(scope, r.region_id, 'Incident');
  return r;
}

async function addEvent(
  db: Db,
  id: string,
  kind: string,
  actorId: string | null,
  details: Record<string, unknown> = {},
) {
  await exec(
    db,
    sql`insert into incident_events (incident_id, kind, actor_id, details) values (${id}, ${kind}, ${actorId}, ${JSON.stringify(details)}::jsonb)`,
  );
}

export async function getIncident(db: Db, scope: RegionScope, id: string): Promise<IncidentView> {
  const r = await incidentRow(db, id, scope);
  const events = await rows<{
    kind: (typeof INCIDENT_EVENTS)[number];
    at: unknown;
    actor: string | null;
    details: Record<string, unknown>;
  }>(
    db,
    sql`select e.kind, e.at, u.name as actor, e.details from incident_events e left join users u on u.id = e.actor_id
    where e.incident_id = ${id} order by e.at, e.id`,
  );
  return {
    ...summary(r),
    description: r.description,
    criteria: r.criteria,
    selectedAt: iso(r.selected_at),
    message: r.message,
    couponTemplate: r.coupon_template_id ? { id: r.coupon_template_id, name: r.coupon_name ?? '' } : null,
    resolvedAt: iso(r.resolved_at),
    postmortem: r.pm_filed_at
      ? {
          cause: r.pm_cause ?? '',
          impact: r.pm_impact ?? '',
          actions: r.pm_actions ?? '',
          prevention: r.pm_prevention ?? '',
          filedBy: r.pm_filed_by_name ?? '',
          filedAt: iso(r.pm_filed_at)!,
        }
      : null,
    timeline: events.map((e) => ({ kind: e.kind, at: iso(e.at)!, actor: e.actor, details: e.details })),
  };
}

export const INCIDENT_KEYSET = keyset('incidents', [sql`i.declared_at`, 'time'], [sql`i.id`, 'uuid']);

/** The caller's regions' incidents, newest first, a page at a time; `status` open or resolved to see only those. */
export async function listIncidents(
  db: Db,
  scope: RegionScope,
  filter: { status?: 'open' | 'resolved' },
  page: PageRequest,
) {
  const p = pageSql(INCIDENT_KEYSET, page);
  const found = await rows<Row>(
    db,
    sql`select ${columns}, ${p.select} from ${from}
    where ${inScope(scope, sql`i.region_id`)} ${filter.status ? sql`and i.status = ${filter.status}` : sql``}
      and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items, nextCursor } = pageOf(INCIDENT_KEYSET, page, found);
  return { items: items.map(summary), nextCursor };
}

/**
 * Declares an incident in `regionId` (without it: an operator limited to regions, their first; an
 * operator of every region, the default region); its post-mortem is due in 72 hours.
 */
export async function declareIncident(
  db: Db,
  scope: RegionScope,
  actorId: string,
  input: { regionId?: string; grade: IncidentGrade; title: string; description: string },
  now = new Date(),
): Promise<IncidentView> {
  const regionId = input.regionId ?? (scope === null ? DEFAULT_REGION_ID : scope[0]);
  if (!covers(scope, regionId)) throw regionForbidden('regionId');
  const region = await one(db, sql`select 1 as ok from regions where id = ${regionId}`);
  if (!region) throw notFound('Region');
  const id = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const created = (await one<{ id: string }>(
      tx,
      sql`insert into incidents (region_id, grade, title, description, declared_by, declared_at, postmortem_due_at)
      values (${regionId}, ${input.grade}, ${input.title}, ${input.description}, ${actorId}, ${now.toISOString()}::timestamptz,
        ${postmortemDueAt(now).toISOString()}::timestamptz)
      returning id`,
    ))!;
    await exec(
      tx,
      sql`insert into incident_events (incident_id, kind, actor_id, details, at)
      values (${created.id}, 'declared', ${actorId}, ${JSON.stringify({ grade: input.grade })}::jsonb, ${now.toISOString()}::timestamptz)`,
    );
    return created.id;
  });
  return getIncident(db, scope, id);
}

const idList = (ids: string[]) => sql`${pgArray(ids)}::uuid[]`;

/**
 * The affected orders of a region for the criteria: paid goods orders not cancelled, with
 * order_id, user_id, pickup_point_id.
 */
export function affectedSql(regionId: string, c: Criteria): SQL {
  const items: SQL[] = [];
  if (c.productIds?.length) items.push(sql`l.product_id = any(${idList(c.productIds)})`);
  if (c.campaignItemIds?.length) items.push(sql`l.campaign_item_id = any(${idList(c.campaignItemIds)})`);
  return sql`
    select o.id as order_id, o.user_id, o.pickup_point_id
    from orders o
      left join pickup_points pp on pp.id = o.pickup_point_id
      left join campaigns c on c.id = o.campaign_id
    where o.region_id = ${regionId} and o.kind = 'goods' and o.paid_at is not null and o.status <> 'cancelled'
      ${c.routeIds?.length ? sql`and pp.route_id = any(${idList(c.routeIds)})` : sql``}
      ${c.pickupPointIds?.length ? sql`and o.pickup_point_id = any(${idList(c.pickupPointIds)})` : sql``}
      ${
        items.length
          ? sql`and exists (select 1 from order_lines l where l.order_id = o.id and (${sql.join(items, sql` or `)}))`
          : sql``
      }
      ${c.placedFrom ? sql`and o.created_at >= ${c.placedFrom}::timestamptz` : sql``}
      ${c.placedTo ? sql`and o.created_at < ${c.placedTo}::timestamptz` : sql``}
      ${c.pickupFrom ? sql`and c.pickup_date >= ${c.pickupFrom}::date` : sql``}
      ${c.pickupTo ? sql`and c.pickup_date <= ${c.pickupTo}::date` : sql``}`;
}

/** Routes, pickup points and deals named must be the incident's region's (404 otherwise); products are shared. */
async function checkCriteria(db: Db, regionId: string, c: Criteria): Promise<void> {
  const all = async (ids: string[] | undefined, from: SQL, what: string) => {
    if (!ids?.length) return;
    const found = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${from} and x.id = any(${idList(ids)})`,
    );
    if ((found?.n ?? 0) !== ids.length) throw notFound(what);
  };
  await all(c.routeIds, sql`routes x where x.region_id = ${regionId}`, 'Route');
  await all(c.pickupPointIds, sql`pickup_points x where x.region_id = ${regionId}`, 'Pickup point');
  await all(c.productIds, sql`products x where true`, 'Product');
  await all(
    c.campaignItemIds,
    sql`campaign_items x join campaigns cc on cc.id = x.campaign_id where cc.region_id = ${regionId}`,
    'Deal',
  );
}

export interface AffectedOrder {
  orderId: string;
  orderNo: string;
  customerName: string;
  customerPhone: string;
  pickupPointName: string | null;
  routeName: string | null;
  pickupDate: string | null;
  totalFen: number;
  placedAt: string;
}

interface AffectedRow {
  order_id: string;
  seq: number;
  user_name: string | null;
  phone: string;
  point_name: string | null;
  route_name: string | null;
  pickup_date: string | null;
  total_fen: number;
  created_at: unknown;
}

const affectedView = (r: AffectedRow): AffectedOrder => ({
  orderId: r.order_id,
  orderNo: `LL${r.seq}`,
  customerName: r.user_name ?? '',
  customerPhone: maskPhone(r.phone),
  pickupPointName: r.point_name,
  routeName: r.route_name,
  pickupDate: r.pickup_date,
  totalFen: r.total_fen,
  placedAt: iso(r.created_at)!,
});

const orderColumns = sql`o.id as order_id, o.seq, u.name as user_name, u.phone, pp.name as point_name, rt.name as route_name,
  c.pickup_date::text as pickup_date, o.total_fen, o.created_at`;
const orderJoins = sql`join users u on u.id = o.user_id left join pickup_points pp on pp.id = o.pickup_point_id
  left join routes rt on rt.id = pp.route_id left join campaigns c on c.id = o.campaign_id`;

/** How many orders and customers the criteria select, and the newest 20 of those orders; writes nothing. */
export async function previewIncident(db: Db, scope: RegionScope, id: string, criteria: Criteria) {
  const r = await incidentRow(db, id, scope);
  const c = normalizeCriteria(criteria);
  await checkCriteria(db, r.region_id, c);
  const counts = await one<{ orders: number; customers: number }>(
    db,
    sql`select count(*)::int as orders, count(distinct user_id)::int as customers from (${affectedSql(r.region_id, c)}) a`,
  );
  const sample = await rows<AffectedRow>(
    db,
    sql`select ${orderColumns} from (${affectedSql(r.region_id, c)}) a join orders o on o.id = a.order_id ${orderJoins}
    order by o.created_at desc, o.id desc limit 20`,
  );
  return { orders: counts?.orders ?? 0, customers: counts?.customers ?? 0, sample: sample.map(affectedView) };
}

/** Keeps the criteria's orders as the incident's affected orders (replacing a former selection); 409 once it compensated. */
export async function selectIncidentOrders(
  db: Db,
  scope: RegionScope,
  id: string,
  actorId: string,
  criteria: Criteria,
): Promise<IncidentView> {
  const c = normalizeCriteria(criteria);
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const r = await incidentRow(tx, id, scope, true);
    if (r.compensated_at) throw invalidState('The customers were compensated: the affected orders stay as they are');
    if (r.status !== 'open') throw invalidState('The incident is resolved');
    await checkCriteria(tx, r.region_id, c);
    await exec(tx, sql`delete from incident_orders where incident_id = ${id}`);
    const n = await one<{ orders: number; customers: number }>(
      tx,
      sql`with added as (
        insert into incident_orders (incident_id, order_id, user_id, pickup_point_id)
        select ${id}::uuid, order_id, user_id, pickup_point_id from (${affectedSql(r.region_id, c)}) a
        returning user_id)
      select count(*)::int as orders, count(distinct user_id)::int as customers from added`,
    );
    await exec(
      tx,
      sql`update incidents set criteria = ${JSON.stringify(c)}::jsonb, selected_at = now() where id = ${id}`,
    );
    await addEvent(tx, id, 'orders_selected', actorId, { orders: n?.orders ?? 0, customers: n?.customers ?? 0 });
  });
  return getIncident(db, scope, id);
}

export const INCIDENT_ORDER_KEYSET = keyset('incident-orders', [sql`o.created_at`, 'time'], [sql`o.id`, 'uuid']);

/** The incident's affected orders, newest first, a page at a time. */
export async function incidentOrders(db: Db, scope: RegionScope, id: string, page: PageRequest) {
  await incidentRow(db, id, scope);
  const p = pageSql(INCIDENT_ORDER_KEYSET, page);
  const found = await rows<AffectedRow>(
    db,
    sql`select ${orderColumns}, ${p.select} from incident_orders x join orders o on o.id = x.order_id ${orderJoins}
    where x.incident_id = ${id} and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items, nextCursor } = pageOf(INCIDENT_ORDER_KEYSET, page, found);
  return { items: items.map(affectedView), nextCursor };
}

/** Every affected order of the incident (for the .xlsx), newest first, with whether its customer was compensated. */
export async function allIncidentOrders(db: Db, scope: RegionScope, id: string) {
  const r = await incidentRow(db, id, scope);
  const found = await rows<AffectedRow & { compensated: boolean }>(
    db,
    sql`select ${orderColumns}, exists (select 1 from incident_customers k where k.incident_id = x.incident_id
        and k.user_id = x.user_id) as compensated
    from incident_orders x join orders o on o.id = x.order_id ${orderJoins}
    where x.incident_id = ${id} order by o.created_at desc, o.id desc`,
  );
  return { title: r.title, orders: found.map((o) => ({ ...affectedView(o), compensated: o.compensated })) };
}

export interface CompensationInput {
  message: string;
  /** an existing coupon template */
  couponTemplateId?: string;
  /** or a new one, described: ¥ off above a threshold, valid for some days from now, one per customer */
  newCoupon?: { name: string; discountFen: number; thresholdFen: number; validDays: number };
}

/**
 * Compensates every affected customer in one transaction, once: the incident row is locked and
 * `compensated_at` decides; a second call (a retry, a double click, another operator at the same
 * moment) waits on the row, then finds it compensated and answers the same, having written nothing.
 * Each customer gets one coupon (whatever their number of affected orders) through grantCoupons and
 * one `notify.customer` message (kind `incident`) on the outbox; incident_customers keeps both.
 */
export async function compensateIncident(
  db: Db,
  scope: RegionScope,
  id: string,
  actorId: string,
  input: CompensationInput,
): Promise<IncidentView & { ranNow: boolean }> {
  if (!!input.couponTemplateId === !!input.newCoupon)
    throw validation('Name an existing coupon template or describe a new coupon, not both', {
      field: 'couponTemplateId',
    });
  const ranNow = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const r = await incidentRow(tx, id, scope, true);
    if (r.compensated_at) return false;
    if (r.status !== 'open') throw invalidState('The incident is resolved');
    if (!r.selected_at || !r.orders) throw invalidState('Select the affected orders first');
    let templateId = input.couponTemplateId;
    if (input.newCoupon) {
      const n = input.newCoupon;
      if (n.thresholdFen > 0 && n.discountFen >= n.thresholdFen)
        throw validation('The discount must be less than the threshold', { field: 'newCoupon.discountFen' });
      const now = Date.now();
      templateId = (
        await createCouponTemplate(tx, {
          name: n.name,
          kind: 'amount',
          thresholdFen: n.thresholdFen,
          discountFen: n.discountFen,
          validFrom: new Date(now - 60_000).toISOString(),
          validTo: new Date(now + n.validDays * 86_400_000).toISOString(),
          perCustomerLimit: 1,
          stackableWithFullReduction: true,
        })
      ).id;
    }
    const template = await one<{ name: string; discount_fen: number | null; threshold_fen: number }>(
      tx,
      sql`select name, discount_fen, threshold_fen from coupon_templates where id = ${templateId!}`,
    );
    if (!template) throw notFound('Coupon template');
    const users = (
      await rows<{ user_id: string }>(
        tx,
        sql`select distinct user_id from incident_orders where incident_id = ${id} order by user_id`,
      )
    ).map((u) => u.user_id);
    const granted = await grantCoupons(tx, templateId!, users);
    const coupons = JSON.stringify(granted.coupons.map((c) => ({ user_id: c.userId, coupon_id: c.id })));
    const sent = await one<{ messages: number }>(
      tx,
      sql`
      with cust as (
        select user_id, count(*)::int as orders from incident_orders where incident_id = ${id} group by user_id
      ), granted as (
        select * from jsonb_to_recordset(${coupons}::jsonb) as g(user_id uuid, coupon_id uuid)
      ), queued as (
        insert into outbox (topic, payload)
        select 'notify.customer', jsonb_build_object('userId', cust.user_id, 'kind', 'incident', 'incidentId', ${id}::uuid,
          'title', ${r.title}::text, 'message', ${input.message}::text, 'orders', cust.orders,
          'couponName', case when g.coupon_id is null then null else ${template.name}::text end,
          'discountFen', case when g.coupon_id is null then null else ${template.discount_fen}::int end)
        from cust left join granted g on g.user_id = cust.user_id
        returning id, payload
      ), kept as (
        insert into incident_customers (incident_id, user_id, orders, coupon_id, outbox_id)
        select ${id}::uuid, (q.payload->>'userId')::uuid, (q.payload->>'orders')::int, g.coupon_id, q.id
        from queued q left join granted g on g.user_id = (q.payload->>'userId')::uuid
        on conflict do nothing returning 1
      ) select count(*)::int as messages from kept`,
    );
    await exec(
      tx,
      sql`update incidents set message = ${input.message}, coupon_template_id = ${templateId!}, compensated_by = ${actorId},
        compensated_at = now(), messages_sent = ${sent?.messages ?? 0}, coupons_granted = ${granted.granted}
      where id = ${id} and compensated_at is null`,
    );
    await addEvent(tx, id, 'compensated', actorId, {
      customers: users.length,
      messages: sent?.messages ?? 0,
      coupons: granted.granted,
      coupon: template.name,
    });
    return true;
  });
  return { ...(await getIncident(db, scope, id)), ranNow };
}

/** Files the post-mortem: cause, impact, actions taken, prevention, by whom and when; once (409 INVALID_STATE after). */
export async function filePostmortem(
  db: Db,
  scope: RegionScope,
  id: string,
  actorId: string,
  pm: { cause: string; impact: string; actions: string; prevention: string },
): Promise<IncidentView> {
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const r = await incidentRow(tx, id, scope, true);
    if (r.pm_filed_at) throw invalidState('The post-mortem was filed already');
    await exec(
      tx,
      sql`update incidents set pm_cause = ${pm.cause}, pm_impact = ${pm.impact}, pm_actions = ${pm.actions},
        pm_prevention = ${pm.prevention}, pm_filed_by = ${actorId}, pm_filed_at = now() where id = ${id}`,
    );
    await addEvent(tx, id, 'postmortem_filed', actorId, {
      withinHours: POSTMORTEM_HOURS,
      late: new Date(iso(r.postmortem_due_at)!) < new Date(),
    });
  });
  return getIncident(db, scope, id);
}

/** Resolves an open incident (the post-mortem may follow); resolving a resolved one changes nothing. */
export async function resolveIncident(db: Db, scope: RegionScope, id: string, actorId: string): Promise<IncidentView> {
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const r = await incidentRow(tx, id, scope, true);
    if (r.status === 'resolved') return;
    await exec(
      tx,
      sql`update incidents set status = 'resolved', resolved_by = ${actorId}, resolved_at = now() where id = ${id}`,
    );
    await addEvent(tx, id, 'resolved', actorId);
  });
  return getIncident(db, scope, id);
}

/**
 * Job: incidents without a post-mortem get a warning in the alert inbox 48 hours after they were
 * declared and a critical alert at 72 hours, each once (business keys); an incident first seen past
 * 72 hours gets the critical one only.
 */
export async function raisePostmortemAlerts(db: Db, now = new Date()): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  return raiseAlertsFrom(
    db,
    sql`
    select 'incident_postmortem_due'::text as kind, 'incident-postmortem-48h:' || i.id::text as business_key, i.region_id,
      'warning'::text as severity, 'incident'::text as subject_type, i.id as subject_id,
      jsonb_build_object('incidentId', i.id, 'grade', i.grade, 'title', i.title, 'dueAt', i.postmortem_due_at) as details
    from incidents i
    where i.pm_filed_at is null and i.declared_at + make_interval(hours => ${POSTMORTEM_REMIND_HOURS}) <= ${at}
      and i.declared_at + make_interval(hours => ${POSTMORTEM_HOURS}) > ${at}
    union all
    select 'incident_postmortem_overdue'::text, 'incident-postmortem-72h:' || i.id::text, i.region_id,
      'critical'::text, 'incident'::text, i.id,
      jsonb_build_object('incidentId', i.id, 'grade', i.grade, 'title', i.title, 'dueAt', i.postmortem_due_at)
    from incidents i
    where i.pm_filed_at is null and i.declared_at + make_interval(hours => ${POSTMORTEM_HOURS}) <= ${at}`,
  );
}
