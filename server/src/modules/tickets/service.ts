import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { exec, isUniqueViolation, one, pgArray, rows, type Db } from '../../db/client.js';
import { conflict, invalidState, notFound, validation } from '../../lib/errors.js';
import { processImage } from '../../lib/images.js';
import { keyset, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { maskPhone } from '../../lib/phone.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { PRIVATE_PREFIX, type FileStorage } from '../../lib/storage.js';
import { orderNumber } from '../../lib/ids.js';
import { businessDate, iso } from '../../lib/time.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { DEFAULT_REGION_ID } from '../network/service.js';
import { enqueue } from '../outbox/service.js';
import { defineSetting, readSettings } from '../settings/service.js';
import {
  CATEGORIES,
  categoryOfClaim,
  DEFAULT_HOURS,
  DEFAULT_SLA,
  dueTimes,
  type Category,
  type Team,
  serviceHours,
  slaRule,
} from './rules.js';

/**
 * The service desk (decision 059): customers and leaders open tickets, agents answer them in a
 * queue within the seeds' SLA clocks, a breached clock escalates, the opener rates the resolution.
 * Every change is a row of the ticket's timeline, written in the same transaction as the change.
 */

export const SLA_SETTING = defineSetting({
  key: 'service.sla',
  schema: z.object(Object.fromEntries(CATEGORIES.map((c) => [c, slaRule])) as Record<Category, typeof slaRule>),
  default: DEFAULT_SLA,
  description:
    '工单时效（分钟，按客服工作时间计）：每类问题的处理组、首次响应、给出方案、结案时限 / ticket SLAs per category in service-hour minutes: team, first response, plan, close',
});

export const HOURS_SETTING = defineSetting({
  key: 'service.hours',
  schema: serviceHours,
  default: DEFAULT_HOURS,
  description:
    '客服工作时间（所在城市时区）：工单时效只在此时段内计时 / the service desk hours in the region’s time zone; SLA clocks run only inside them',
});

export const MAX_TICKET_PHOTOS = 6;
const MAX_LOOSE_PHOTOS = 24;
/** an opener may reopen a resolved or closed ticket for this long after its resolution */
export const REOPEN_DAYS = 7;

export type TicketStatus = 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed';

export interface Actor {
  id: string;
  role: 'customer' | 'leader' | 'agent' | 'system';
}

export interface TicketPhoto {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

const photoUrl = (ticketId: string, photoId: string, thumb: boolean) =>
  `/api/v1/tickets/${ticketId}/photos/${photoId}${thumb ? '?size=thumb' : ''}`;

/** Stores a ticket photo (checked, metadata removed, WebP) privately until a ticket or message takes it. */
export async function uploadTicketPhoto(db: Db, storage: FileStorage, userId: string, bytes: Buffer) {
  const loose = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from ticket_photos where user_id = ${userId} and ticket_id is null`,
  );
  if ((loose?.n ?? 0) >= MAX_LOOSE_PHOTOS)
    throw invalidState('Too many photos waiting for a ticket: send it or start again later', {
      maxPhotos: MAX_LOOSE_PHOTOS,
    });
  const image = await processImage(bytes);
  const displayKey = `${PRIVATE_PREFIX}tickets/${image.display.hash}-${image.display.width}.webp`;
  const thumbKey = `${PRIVATE_PREFIX}tickets/${image.thumb.hash}-${image.thumb.width}.webp`;
  // stored before recorded: a row never names missing bytes
  await storage.put(displayKey, image.display.bytes, 'image/webp');
  await storage.put(thumbKey, image.thumb.bytes, 'image/webp');
  const row = await one<{ id: string }>(
    db,
    sql`insert into ticket_photos (user_id, display_key, thumb_key, width, height)
      values (${userId}, ${displayKey}, ${thumbKey}, ${image.display.width}, ${image.display.height}) returning id`,
  );
  return { id: row!.id, width: image.display.width, height: image.display.height };
}

/** Attaches the opener's loose photos to a ticket event; someone else's or a used one refuses the whole write. */
async function attachPhotos(db: Db, userId: string, ticketId: string, eventId: number, photoIds: readonly string[]) {
  const ids = [...new Set(photoIds)];
  if (ids.length > MAX_TICKET_PHOTOS)
    throw validation(`At most ${MAX_TICKET_PHOTOS} photos`, { field: 'photoIds', maxPhotos: MAX_TICKET_PHOTOS });
  if (!ids.length) return;
  const attached = await rows<{ id: string }>(
    db,
    sql`update ticket_photos set ticket_id = ${ticketId}, event_id = ${eventId}
      where id = any(${pgArray(ids)}::uuid[]) and user_id = ${userId} and ticket_id is null returning id`,
  );
  if (attached.length !== ids.length)
    throw validation('A photo is not yours or is on another ticket', {
      field: 'photoIds',
      photoIds: ids.filter((p) => !attached.some((a) => a.id === p)),
    });
}

async function addEvent(
  db: Db,
  ticketId: string,
  kind: string,
  actor: Actor,
  body?: string | null,
  details?: Record<string, unknown>,
): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    sql`insert into ticket_events (ticket_id, kind, actor_id, actor_role, body, details)
      values (${ticketId}, ${kind}, ${actor.role === 'system' ? null : actor.id}, ${actor.role}, ${body ?? null},
        ${details ? JSON.stringify(details) : null}) returning id`,
  );
  return Number(row!.id);
}

/** The opener is told through the outbox (and finds it in their messages) whenever an agent writes to them. */
const tellOpener = (db: Db, t: { id: string; number: string; opener_id: string }, action: string) =>
  enqueue(db, 'notify.customer', {
    userId: t.opener_id,
    kind: 'ticket_reply',
    ticketId: t.id,
    number: t.number,
    action,
  });

export interface OpenTicketInput {
  category: Category;
  text: string;
  orderId?: string;
  photoIds?: string[];
}

/** Where a ticket belongs: its order's region, else the leader's or customer's pickup point's, else the first city. */
async function regionOf(db: Db, userId: string, orderId: string | undefined, role: 'customer' | 'leader') {
  if (orderId) {
    const order = await one<{ region_id: string; user_id: string }>(
      db,
      sql`select region_id, user_id from orders where id = ${orderId}`,
    );
    // a customer names their own orders; a leader, an order picked up at their point
    const own =
      order &&
      (role === 'customer'
        ? order.user_id === userId
        : await one(
            db,
            sql`select 1 as ok from orders o join leaders l on l.pickup_point_id = o.pickup_point_id
              where o.id = ${orderId} and l.user_id = ${userId}`,
          ));
    if (!own) throw validation('Unknown order', { field: 'orderId' });
    return order.region_id;
  }
  const point = await one<{ region_id: string }>(
    db,
    role === 'leader'
      ? sql`select p.region_id from leaders l join pickup_points p on p.id = l.pickup_point_id where l.user_id = ${userId}`
      : sql`select p.region_id from users u join pickup_points p on p.id = u.pickup_point_id where u.id = ${userId}`,
  );
  return point?.region_id ?? DEFAULT_REGION_ID;
}

/** Opens a ticket with its SLA clocks due in service hours of its region. Call inside a transaction. */
export async function openTicket(
  db: Db,
  opener: { id: string; role: 'customer' | 'leader' },
  input: OpenTicketInput & { refundId?: string },
  at = new Date(),
): Promise<{ id: string; number: string }> {
  const regionId = await regionOf(db, opener.id, input.orderId, opener.role);
  const [slas, hours] = await readSettings(db, [SLA_SETTING, HOURS_SETTING] as const);
  const sla = slas[input.category];
  const region = await one<{ time_zone: string }>(db, sql`select time_zone from regions where id = ${regionId}`);
  const timeZone = region?.time_zone ?? 'Asia/Shanghai';
  const due = dueTimes(at, sla, hours, timeZone);
  const day = businessDate(at, timeZone).replaceAll('-', '');
  const row = await one<{ id: string; number: string }>(
    db,
    sql`insert into tickets (number, region_id, opener_id, opener_role, order_id, refund_id, category, team, status, text,
        first_response_due_at, plan_due_at, close_due_at, created_at, updated_at)
      values ('GD' || ${day} || lpad(nextval('ticket_number_seq')::text, 6, '0'), ${regionId}, ${opener.id}, ${opener.role},
        ${input.orderId ?? null}, ${input.refundId ?? null}, ${input.category}, ${sla.team}, 'open', ${input.text},
        ${due.firstResponse.toISOString()}, ${due.plan.toISOString()}, ${due.close.toISOString()}, ${at.toISOString()},
        ${at.toISOString()})
      returning id, number`,
  );
  const eventId = await addEvent(db, row!.id, 'opened', opener, input.text, { category: input.category });
  await attachPhotos(db, opener.id, row!.id, eventId, input.photoIds ?? []);
  return row!;
}

/**
 * An after-sales claim joins the order's ticket still being worked, or opens one in the category of
 * its reason (描述不符, 质量, 物流延迟 …): the agent sees the claim and decides its refund from the ticket.
 * Call inside the claim's transaction (the order row is locked, so two claims never open two tickets).
 */
export async function ticketForClaim(
  db: Db,
  claim: { userId: string; orderId: string; refundId: string; reason: string; note?: string; amountFen: number },
): Promise<{ id: string; number: string; joined: boolean }> {
  const running = await one<{ id: string; number: string }>(
    db,
    sql`select id, number from tickets where order_id = ${claim.orderId} and opener_id = ${claim.userId}
      and status <> 'closed' order by created_at desc limit 1 for update`,
  );
  const facts = { refundId: claim.refundId, reason: claim.reason, amountFen: claim.amountFen };
  const customer: Actor = { id: claim.userId, role: 'customer' };
  if (running) {
    await exec(
      db,
      sql`update tickets set refund_id = ${claim.refundId},
        status = case when status = 'resolved' then 'in_progress' else status end,
        resolved_at = case when status = 'resolved' then null else resolved_at end, updated_at = now()
      where id = ${running.id}`,
    );
    await addEvent(db, running.id, 'claim', customer, claim.note, facts);
    return { ...running, joined: true };
  }
  const opened = await openTicket(
    db,
    { id: claim.userId, role: 'customer' },
    {
      category: categoryOfClaim(claim.reason),
      text: claim.note?.trim() || `售后申请 / after-sales claim: ${claim.reason}`,
      orderId: claim.orderId,
      refundId: claim.refundId,
    },
  );
  await addEvent(db, opened.id, 'claim', customer, null, facts);
  return { ...opened, joined: false };
}

/** A refund decision on a claim appears on the ticket it opened or joined. */
export async function noteRefundDecision(
  db: Db,
  refundId: string,
  decision: { approved: boolean; amountFen: number; actorId: string; note?: string },
) {
  const ticket = await one<{ id: string }>(db, sql`select id from tickets where refund_id = ${refundId}`);
  if (!ticket) return;
  await addEvent(
    db,
    ticket.id,
    decision.approved ? 'refund_approved' : 'refund_rejected',
    { id: decision.actorId, role: 'agent' },
    decision.note ?? null,
    { refundId, amountFen: decision.amountFen },
  );
}

// ——— reading ———

interface TicketRow {
  id: string;
  number: string;
  region_id: string;
  opener_id: string;
  opener_role: 'customer' | 'leader';
  opener_name: string;
  opener_phone: string;
  order_id: string | null;
  order_seq: number | null;
  refund_id: string | null;
  category: Category;
  team: Team;
  status: TicketStatus;
  text: string;
  assignee_id: string | null;
  assignee_name: string | null;
  first_response_due_at: unknown;
  plan_due_at: unknown;
  close_due_at: unknown;
  first_response_at: unknown;
  planned_at: unknown;
  resolved_at: unknown;
  closed_at: unknown;
  first_response_breached_at: unknown;
  plan_breached_at: unknown;
  close_breached_at: unknown;
  escalated_at: unknown;
  rating: number | null;
  rating_comment: string | null;
  created_at: unknown;
  updated_at: unknown;
}

const ticketColumns = sql`t.id, t.number, t.region_id, t.opener_id, t.opener_role, u.name as opener_name, u.phone as opener_phone,
  t.order_id, o.seq as order_seq, t.refund_id, t.category, t.team, t.status, t.text, t.assignee_id,
  a.name as assignee_name, t.first_response_due_at, t.plan_due_at, t.close_due_at, t.first_response_at, t.planned_at,
  t.resolved_at, t.closed_at, t.first_response_breached_at, t.plan_breached_at, t.close_breached_at, t.escalated_at,
  t.rating, t.rating_comment, t.created_at, t.updated_at`;
const ticketJoins = sql`tickets t join users u on u.id = t.opener_id left join users a on a.id = t.assignee_id
  left join orders o on o.id = t.order_id`;

/** Where each clock stands: met (when), breached, or running until its due instant. */
function clocks(r: TicketRow) {
  const clock = (due: unknown, met: unknown, breached: unknown) => ({
    dueAt: iso(due)!,
    metAt: iso(met),
    breached: breached != null || (met != null && new Date(iso(met)!) > new Date(iso(due)!)),
  });
  return {
    firstResponse: clock(r.first_response_due_at, r.first_response_at, r.first_response_breached_at),
    plan: clock(r.plan_due_at, r.planned_at, r.plan_breached_at),
    close: clock(r.close_due_at, r.resolved_at, r.close_breached_at),
  };
}

const summary = (r: TicketRow) => ({
  id: r.id,
  number: r.number,
  category: r.category,
  team: r.team,
  status: r.status,
  text: r.text,
  orderId: r.order_id,
  orderNumber: r.order_seq == null ? null : orderNumber(Number(r.order_seq)),
  clocks: clocks(r),
  rating: r.rating,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});
export type TicketSummary = ReturnType<typeof summary>;

const staffSummary = (r: TicketRow) => ({
  ...summary(r),
  regionId: r.region_id,
  openerRole: r.opener_role,
  openerName: r.opener_name,
  openerPhone: maskPhone(r.opener_phone),
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  refundId: r.refund_id,
  escalated: r.escalated_at != null,
});
export type StaffTicketSummary = ReturnType<typeof staffSummary>;

async function timeline(db: Db, ticketId: string, staff: boolean) {
  const events = await rows<{
    id: number;
    kind: string;
    actor_role: Actor['role'];
    actor_name: string | null;
    body: string | null;
    details: string | null;
    at: unknown;
  }>(
    db,
    sql`select e.id, e.kind, e.actor_role, case when e.actor_role = 'agent' then u.name end as actor_name, e.body, e.details, e.at
      from ticket_events e left join users u on u.id = e.actor_id
      where e.ticket_id = ${ticketId} ${staff ? sql`` : sql`and e.kind <> 'note'`} order by e.id`,
  );
  const photos = await rows<{ id: string; event_id: number; width: number; height: number }>(
    db,
    sql`select id, event_id, width, height from ticket_photos where ticket_id = ${ticketId} order by created_at, id`,
  );
  return events.map((e) => ({
    id: Number(e.id),
    kind: e.kind,
    actorRole: e.actor_role,
    // the customer sees that an agent answered, not who
    actorName: staff ? e.actor_name : null,
    body: e.body,
    details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : null,
    at: iso(e.at)!,
    photos: photos
      .filter((p) => Number(p.event_id) === Number(e.id))
      .map((p) => ({
        id: p.id,
        url: photoUrl(ticketId, p.id, false),
        thumbUrl: photoUrl(ticketId, p.id, true),
        width: p.width,
        height: p.height,
      })),
  }));
}

export const TICKET_KEYSET = keyset('tickets', [sql`t.created_at`, 'time'], [sql`t.id`, 'uuid']);

/** The opener's own tickets, newest first. */
export async function myTickets(db: Db, userId: string, role: 'customer' | 'leader', req: PageRequest) {
  const p = pageSql(TICKET_KEYSET, req);
  const found = await rows<TicketRow>(
    db,
    sql`select ${ticketColumns}, ${p.select} from ${ticketJoins}
      where t.opener_id = ${userId} and t.opener_role = ${role} and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
  const page = pageOf(TICKET_KEYSET, req, found);
  return { items: page.items.map(summary), nextCursor: page.nextCursor };
}

async function ticketRow(db: Db, where: ReturnType<typeof sql>, lock = false) {
  return one<TicketRow>(
    db,
    sql`select ${ticketColumns} from ${ticketJoins} where ${where} ${lock ? sql`for update of t` : sql``}`,
  );
}

/** A ticket as its opener reads it: replies, asks, plans and the promised times (internal notes left out). */
export async function openerTicket(db: Db, userId: string, id: string) {
  const r = await ticketRow(db, sql`t.id = ${id} and t.opener_id = ${userId}`);
  if (!r) throw notFound('Ticket');
  return { ...summary(r), events: await timeline(db, id, false) };
}

export async function staffTicket(db: Db, scope: RegionScope, id: string) {
  const r = await ticketRow(db, sql`t.id = ${id} and ${inScope(scope, sql`t.region_id`)}`);
  if (!r) throw notFound('Ticket');
  return { ...staffSummary(r), ratingComment: r.rating_comment, events: await timeline(db, id, true) };
}

export interface QueueFilter {
  status?: 'active' | 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed';
  team?: string;
  assignee?: 'me' | 'none';
  escalated?: boolean;
  q?: string;
}

/** The agents' queue: newest first, by status (active = not resolved or closed), team, assignee, escalation. */
export async function ticketQueue(
  db: Db,
  scope: RegionScope,
  me: string,
  filter: QueueFilter,
  req: PageRequest,
): Promise<Page<StaffTicketSummary>> {
  const conditions = [inScope(scope, sql`t.region_id`)];
  if (filter.status === 'active') conditions.push(sql`t.status not in ('resolved', 'closed')`);
  else if (filter.status) conditions.push(sql`t.status = ${filter.status}`);
  if (filter.team) conditions.push(sql`t.team = ${filter.team}`);
  if (filter.assignee === 'me') conditions.push(sql`t.assignee_id = ${me}`);
  if (filter.assignee === 'none') conditions.push(sql`t.assignee_id is null`);
  if (filter.escalated) conditions.push(sql`t.escalated_at is not null`);
  if (filter.q) {
    const q = filter.q.trim().toUpperCase();
    const seq = /^LL\d{1,12}$/.test(q) ? Number(q.slice(2)) : null;
    conditions.push(sql`(t.number = ${q} or u.phone = ${q} ${seq === null ? sql`` : sql`or o.seq = ${seq}`})`);
  }
  const p = pageSql(TICKET_KEYSET, req);
  const found = await rows<TicketRow>(
    db,
    sql`select ${ticketColumns}, ${p.select} from ${ticketJoins}
      where ${sql.join(conditions, sql` and `)} and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
  const page = pageOf(TICKET_KEYSET, req, found);
  return { items: page.items.map(staffSummary), nextCursor: page.nextCursor };
}

/** The key of a ticket photo the caller may see (its opener, or staff of its region), or null. */
export async function ticketPhotoKey(
  db: Db,
  caller: { id: string; staff: boolean; scope: RegionScope },
  ticketId: string,
  photoId: string,
  thumb: boolean,
) {
  const p = await one<{ display_key: string; thumb_key: string }>(
    db,
    sql`select ph.display_key, ph.thumb_key from ticket_photos ph join tickets t on t.id = ph.ticket_id
      where ph.id = ${photoId} and t.id = ${ticketId}
        and (t.opener_id = ${caller.id} or (${caller.staff} and ${inScope(caller.scope, sql`t.region_id`)}))`,
  );
  if (!p) throw notFound('Photo');
  return thumb ? p.thumb_key : p.display_key;
}

// ——— the opener's actions ———

async function lockOwn(db: Db, userId: string, id: string) {
  const r = await ticketRow(db, sql`t.id = ${id} and t.opener_id = ${userId}`, true);
  if (!r) throw notFound('Ticket');
  return r;
}

/** The opener writes again: an answer to an agent's question puts the ticket back in the agents' hands. */
export async function openerMessage(db: Db, userId: string, id: string, input: { text: string; photoIds?: string[] }) {
  const t = await lockOwn(db, userId, id);
  const opener: Actor = { id: userId, role: t.opener_role };
  if (t.status === 'closed') throw invalidState('This ticket is closed: reopen it first', { status: t.status });
  const eventId = await addEvent(db, id, 'message', opener, input.text);
  await attachPhotos(db, opener.id, id, eventId, input.photoIds ?? []);
  await exec(
    db,
    sql`update tickets set status = case when status = 'waiting_customer' then 'in_progress' else status end, updated_at = now()
      where id = ${id}`,
  );
}

/** The opener rates a resolved ticket (1–5), which closes it; once. */
export async function rateTicket(db: Db, userId: string, id: string, input: { rating: number; comment?: string }) {
  const t = await lockOwn(db, userId, id);
  const opener: Actor = { id: userId, role: t.opener_role };
  const rated = await one<{ id: string }>(
    db,
    sql`update tickets set rating = ${input.rating}, rating_comment = ${input.comment ?? null}, status = 'closed',
        closed_at = now(), updated_at = now()
      where id = ${id} and status = 'resolved' and rating is null returning id`,
  );
  if (!rated) throw conflict('Only a resolved ticket not rated yet can be rated');
  await addEvent(db, id, 'rated', opener, input.comment ?? null, { rating: input.rating });
}

/** Back to the agents: a resolved or closed ticket, within REOPEN_DAYS of its resolution; its clocks stay as promised. */
async function reopen(db: Db, actor: Actor, t: TicketRow, text?: string) {
  if (t.status !== 'resolved' && t.status !== 'closed')
    throw invalidState('Only a resolved or closed ticket can be reopened', { status: t.status });
  await exec(
    db,
    sql`update tickets set status = 'in_progress', resolved_at = null, resolver_id = null, closed_at = null, rating = null,
      rating_comment = null, updated_at = now() where id = ${t.id}`,
  );
  await addEvent(db, t.id, 'reopened', actor, text ?? null);
}

export async function openerReopen(db: Db, userId: string, id: string, text?: string) {
  const t = await lockOwn(db, userId, id);
  const opener: Actor = { id: userId, role: t.opener_role };
  const resolvedAt = iso(t.resolved_at ?? t.closed_at);
  if (resolvedAt && Date.now() - new Date(resolvedAt).getTime() > REOPEN_DAYS * 86_400_000)
    throw invalidState(`A ticket can be reopened within ${REOPEN_DAYS} days of its resolution: open a new one`);
  await reopen(db, opener, t, text);
}

// ——— the agents' actions ———

async function lockInScope(db: Db, scope: RegionScope, id: string) {
  const r = await ticketRow(db, sql`t.id = ${id} and ${inScope(scope, sql`t.region_id`)}`, true);
  if (!r) throw notFound('Ticket');
  return r;
}

export async function assignTicket(db: Db, scope: RegionScope, agent: Actor, id: string, assigneeId: string | null) {
  const t = await lockInScope(db, scope, id);
  if (assigneeId) {
    const staff = await one<{ name: string; region_ids: string[] | null }>(
      db,
      sql`select name, region_ids from users where id = ${assigneeId} and disabled_at is null
        and roles && '{admin,service_agent,service_supervisor}'::text[]`,
    );
    if (!staff) throw validation('Assign to a customer-service agent', { field: 'assigneeId' });
    if (staff.region_ids && !staff.region_ids.includes(t.region_id))
      throw validation('This agent does not work in the ticket’s city', { field: 'assigneeId' });
  }
  await exec(db, sql`update tickets set assignee_id = ${assigneeId}, updated_at = now() where id = ${id}`);
  await addEvent(db, id, 'assigned', agent, null, { assigneeId });
}

export type AgentMessageKind = 'reply' | 'ask' | 'plan' | 'note';

/**
 * An agent writes on the ticket: a reply, a question to the customer (the ticket waits for them),
 * a plan (方案), or an internal note the opener never sees. The first of reply/ask/plan meets the
 * first-response clock, a plan the plan clock; a ticket nobody holds becomes the writer's.
 */
export async function agentMessage(
  db: Db,
  scope: RegionScope,
  agent: Actor,
  id: string,
  input: { kind: AgentMessageKind; text: string },
) {
  const t = await lockInScope(db, scope, id);
  if (t.status === 'closed' || (t.status === 'resolved' && input.kind !== 'note'))
    throw invalidState('This ticket is resolved: reopen it to write to the customer', { status: t.status });
  await addEvent(db, id, input.kind, agent, input.text);
  if (input.kind === 'note') return;
  await exec(
    db,
    sql`update tickets set
      first_response_at = coalesce(first_response_at, now()),
      first_responder_id = coalesce(first_responder_id, ${agent.id}::uuid),
      planned_at = case when ${input.kind === 'plan'} then coalesce(planned_at, now()) else planned_at end,
      assignee_id = coalesce(assignee_id, ${agent.id}::uuid),
      status = ${input.kind === 'ask' ? 'waiting_customer' : 'in_progress'},
      updated_at = now()
    where id = ${id}`,
  );
  await tellOpener(db, t, input.kind);
}

/** The agent resolves the ticket (with what was done); it meets every clock still running, and the opener may rate it. */
export async function resolveTicket(db: Db, scope: RegionScope, agent: Actor, id: string, text: string) {
  const t = await lockInScope(db, scope, id);
  if (t.status === 'resolved' || t.status === 'closed')
    throw invalidState('This ticket is already resolved', { status: t.status });
  await addEvent(db, id, 'resolved', agent, text);
  await exec(
    db,
    sql`update tickets set status = 'resolved', resolved_at = now(), resolver_id = ${agent.id},
      first_response_at = coalesce(first_response_at, now()), first_responder_id = coalesce(first_responder_id, ${agent.id}::uuid),
      planned_at = coalesce(planned_at, now()), assignee_id = coalesce(assignee_id, ${agent.id}::uuid), updated_at = now()
    where id = ${id}`,
  );
  await tellOpener(db, t, 'resolved');
}

export async function agentReopen(db: Db, scope: RegionScope, agent: Actor, id: string, text?: string) {
  await reopen(db, agent, await lockInScope(db, scope, id), text);
}

/**
 * Every clock past its due and not met is stamped breached once, the ticket joins the escalation
 * queue, a timeline row says which clock, and the supervisors get one alert per ticket and clock
 * (critical for the close clock). Returns the breaches stamped.
 */
export async function escalateBreaches(db: Db, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const stamped = await rows<{
    id: string;
    clock: string;
    region_id: string;
    number: string;
    team: string;
    due: unknown;
  }>(
    db,
    sql`
    with due as (
      select t.id, c.clock, c.due_at from tickets t
      cross join lateral (values
        ('firstResponse', t.first_response_due_at, t.first_response_at, t.first_response_breached_at),
        ('plan', t.plan_due_at, t.planned_at, t.plan_breached_at),
        ('close', t.close_due_at, t.resolved_at, t.close_breached_at)) as c(clock, due_at, met_at, breached_at)
      where t.status not in ('resolved', 'closed')
        and least(t.first_response_due_at, t.plan_due_at, t.close_due_at) <= ${at}
        and c.due_at <= ${at} and c.met_at is null and c.breached_at is null
    ), marked as (
      update tickets t set
        first_response_breached_at = case when exists (select 1 from due d where d.id = t.id and d.clock = 'firstResponse')
          then ${at}::timestamptz else t.first_response_breached_at end,
        plan_breached_at = case when exists (select 1 from due d where d.id = t.id and d.clock = 'plan')
          then ${at}::timestamptz else t.plan_breached_at end,
        close_breached_at = case when exists (select 1 from due d where d.id = t.id and d.clock = 'close')
          then ${at}::timestamptz else t.close_breached_at end,
        escalated_at = coalesce(t.escalated_at, ${at}::timestamptz)
      where t.id in (select id from due)
      returning t.id, t.region_id, t.number, t.team
    )
    select d.id, d.clock, m.region_id, m.number, m.team, d.due_at as due from due d join marked m on m.id = d.id`,
  );
  if (!stamped.length) return 0;
  await exec(
    db,
    sql`insert into ticket_events (ticket_id, kind, actor_role, details)
      select id, 'breached', 'system', json_build_object('clock', clock)::text
      from jsonb_to_recordset(${JSON.stringify(stamped.map((s) => ({ id: s.id, clock: s.clock })))}::jsonb) as x(id uuid, clock text)`,
  );
  await raiseAlertsFrom(
    db,
    sql`select 'ticket_sla_breached'::text as kind, 'ticket-sla:' || id || ':' || clock as business_key, region_id,
        case when clock = 'close' then 'critical' else 'warning' end as severity, 'ticket'::text as subject_type, id as subject_id,
        jsonb_build_object('number', number, 'clock', clock, 'team', team, 'dueAt', due) as details
      from jsonb_to_recordset(${JSON.stringify(stamped.map((s) => ({ ...s, due: iso(s.due) })))}::jsonb)
        as x(id uuid, clock text, region_id uuid, number text, team text, due text)`,
  );
  return stamped.length;
}

// ——— 话术库 ———

export interface CannedReply {
  id: string;
  team: Team | null;
  title: string;
  body: string;
  updatedAt: string;
}

export async function cannedReplies(db: Db, team?: string): Promise<CannedReply[]> {
  const found = await rows<{ id: string; team: Team | null; title: string; body: string; updated_at: unknown }>(
    db,
    sql`select id, team, title, body, updated_at from canned_replies
      ${team ? sql`where team is null or team = ${team}` : sql``} order by team nulls first, title`,
  );
  return found.map((r) => ({ id: r.id, team: r.team, title: r.title, body: r.body, updatedAt: iso(r.updated_at)! }));
}

export async function saveCannedReply(
  db: Db,
  actorId: string,
  id: string | null,
  input: { team: string | null; title: string; body: string },
): Promise<{ id: string }> {
  try {
    const row = await one<{ id: string }>(
      db,
      id
        ? sql`update canned_replies set team = ${input.team}, title = ${input.title}, body = ${input.body},
            updated_by = ${actorId}, updated_at = now() where id = ${id} returning id`
        : sql`insert into canned_replies (team, title, body, updated_by) values (${input.team}, ${input.title}, ${input.body},
            ${actorId}) returning id`,
    );
    if (!row) throw notFound('Canned reply');
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('A reply with this title exists for the team', { field: 'title' });
    throw err;
  }
}

export async function deleteCannedReply(db: Db, id: string) {
  const gone = await one(db, sql`delete from canned_replies where id = ${id} returning id`);
  if (!gone) throw notFound('Canned reply');
}

/** Who may be handed a ticket of the region: the desk's staff. */
export async function serviceStaff(db: Db, scope: RegionScope) {
  return rows<{ id: string; name: string; roles: string[] }>(
    db,
    sql`select id, name, roles from users where disabled_at is null and roles && '{service_agent,service_supervisor}'::text[]
      and (region_ids is null or ${scope === null ? sql`true` : sql`region_ids && ${pgArray(scope)}::uuid[]`})
      order by name`,
  );
}
