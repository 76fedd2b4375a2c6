import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { conflict, invalidState, notFound, validation } from '../../lib/errors.js';
import { processImage } from '../../lib/images.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { type FileStorage, mediaUrl } from '../../lib/storage.js';
import { iso } from '../../lib/time.js';
import { enqueue } from '../outbox/service.js';
import { appointLeader } from '../leaders/service.js';
import { assignPlan } from '../commission-plans/service.js';
import { createPickupPoint } from '../network/service.js';

/**
 * Leaders from application to onboarding (decision 061): a customer applies in the shop with a
 * photo of the place, operations approve (a pickup point, new or without a leader, and a
 * commission plan; approving appoints the leader) or reject with a reason, and the applicant is
 * told through the outbox. One pending application per customer (a partial unique key); an
 * application is decided once (a conditional update: simultaneous approvals make one leader).
 */

/** photos uploaded but not yet on an application, per customer */
const MAX_LOOSE_PHOTOS = 6;

export interface ApplicationPhoto {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

const photoView = (p: { id: string; display_key: string; thumb_key: string; width: number; height: number }) => ({
  id: p.id,
  url: mediaUrl(p.display_key),
  thumbUrl: mediaUrl(p.thumb_key),
  width: p.width,
  height: p.height,
});

/** Stores a photo of the pickup place (checked, metadata removed, WebP) until an application takes it. */
export async function uploadApplicationPhoto(
  db: Db,
  storage: FileStorage,
  userId: string,
  bytes: Buffer,
): Promise<ApplicationPhoto> {
  const loose = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from leader_application_photos where user_id = ${userId} and application_id is null`,
  );
  if ((loose?.n ?? 0) >= MAX_LOOSE_PHOTOS)
    throw invalidState('Too many photos waiting for an application: send it or start again later', {
      maxPhotos: MAX_LOOSE_PHOTOS,
    });
  const image = await processImage(bytes);
  const displayKey = `leader-applications/${image.display.hash}-${image.display.width}.webp`;
  const thumbKey = `leader-applications/${image.thumb.hash}-${image.thumb.width}.webp`;
  await storage.put(displayKey, image.display.bytes, 'image/webp');
  await storage.put(thumbKey, image.thumb.bytes, 'image/webp');
  const row = await one<{ id: string; display_key: string; thumb_key: string; width: number; height: number }>(
    db,
    sql`insert into leader_application_photos (user_id, display_key, thumb_key, width, height)
      values (${userId}, ${displayKey}, ${thumbKey}, ${image.display.width}, ${image.display.height})
      returning id, display_key, thumb_key, width, height`,
  );
  return photoView(row!);
}

export interface ApplicationInput {
  name: string;
  regionId: string;
  address: string;
  placeKind: 'shop' | 'home';
  experience: string;
  photoId: string;
}

export interface ApplicationView {
  id: string;
  userId: string;
  name: string;
  phone: string;
  regionId: string;
  regionName: string;
  address: string;
  placeKind: 'shop' | 'home';
  experience: string;
  photo: ApplicationPhoto | null;
  status: 'pending' | 'approved' | 'rejected';
  rejectReason: string | null;
  pickupPointId: string | null;
  pickupPointName: string | null;
  leaderId: string | null;
  planId: string | null;
  planName: string | null;
  decidedAt: string | null;
  createdAt: string;
}

interface ApplicationRow {
  id: string;
  user_id: string;
  name: string;
  phone: string;
  region_id: string;
  region_name: string;
  address: string;
  place_kind: 'shop' | 'home';
  experience: string;
  photo_id: string | null;
  display_key: string | null;
  thumb_key: string | null;
  width: number | null;
  height: number | null;
  status: 'pending' | 'approved' | 'rejected';
  reject_reason: string | null;
  pickup_point_id: string | null;
  pickup_point_name: string | null;
  leader_id: string | null;
  plan_id: string | null;
  plan_name: string | null;
  decided_at: unknown;
  created_at: unknown;
}

const viewOf = (r: ApplicationRow): ApplicationView => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  phone: r.phone,
  regionId: r.region_id,
  regionName: r.region_name,
  address: r.address,
  placeKind: r.place_kind,
  experience: r.experience,
  photo: r.photo_id
    ? photoView({
        id: r.photo_id,
        display_key: r.display_key!,
        thumb_key: r.thumb_key!,
        width: r.width!,
        height: r.height!,
      })
    : null,
  status: r.status,
  rejectReason: r.reject_reason,
  pickupPointId: r.pickup_point_id,
  pickupPointName: r.pickup_point_name,
  leaderId: r.leader_id,
  planId: r.plan_id,
  planName: r.plan_name,
  decidedAt: iso(r.decided_at),
  createdAt: iso(r.created_at) ?? '',
});

const applicationsSql = (where: ReturnType<typeof sql>, limit = 500) => sql`
  select a.id, a.user_id, a.name, a.phone, a.region_id, r.name as region_name, a.address, a.place_kind, a.experience,
    a.photo_id, ph.display_key, ph.thumb_key, ph.width, ph.height, a.status, a.reject_reason, a.pickup_point_id,
    pp.name as pickup_point_name, a.leader_id, a.plan_id, cp.name as plan_name, a.decided_at, a.created_at
  from leader_applications a join regions r on r.id = a.region_id
  left join leader_application_photos ph on ph.id = a.photo_id
  left join pickup_points pp on pp.id = a.pickup_point_id
  left join commission_plans cp on cp.id = a.plan_id
  where ${where} order by a.created_at desc, a.id limit ${limit}`;

async function applicationById(db: Db, id: string) {
  const [found] = await rows<ApplicationRow>(db, applicationsSql(sql`a.id = ${id}`, 1));
  if (!found) throw notFound('Application');
  return viewOf(found);
}

/**
 * A signed-in customer applies to become a leader; their phone is the account's. 409 while they
 * have a pending application (also for two at the same instant) or already lead a point.
 */
export async function apply(db: Db, userId: string, input: ApplicationInput): Promise<ApplicationView> {
  const id = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const user = await one<{ phone: string; leads: boolean }>(
      tx,
      sql`select phone, exists (select 1 from leaders l where l.user_id = u.id) as leads from users u where u.id = ${userId}`,
    );
    if (!user) throw notFound('User');
    if (user.leads) throw conflict('You already lead a pickup point', { reason: 'already_leader' });
    if (!(await one(tx, sql`select 1 as ok from regions where id = ${input.regionId}`)))
      throw validation('Unknown city', { field: 'regionId' });
    const made = await one<{ id: string }>(
      tx,
      sql`insert into leader_applications (user_id, name, phone, region_id, address, place_kind, experience, photo_id)
      values (${userId}, ${input.name}, ${user.phone}, ${input.regionId}, ${input.address}, ${input.placeKind},
        ${input.experience}, ${input.photoId})
      on conflict (user_id) where status = 'pending' do nothing returning id`,
    );
    if (!made) throw conflict('You already have an application being reviewed', { reason: 'open_application' });
    const photo = await one(
      tx,
      sql`update leader_application_photos set application_id = ${made.id}
      where id = ${input.photoId} and user_id = ${userId} and application_id is null returning id`,
    );
    if (!photo) throw validation('The photo is not yours or is on another application', { field: 'photoId' });
    return made.id;
  });
  return applicationById(db, id);
}

/** The cities (regions) one may apply in. */
export const applicationCities = (db: Db) =>
  rows<{ id: string; name: string }>(db, sql`select id::text, name from regions order by created_at, name`);

/** The customer's applications, newest first (the shop shows the latest's status). */
export async function myApplications(db: Db, userId: string): Promise<ApplicationView[]> {
  return (await rows<ApplicationRow>(db, applicationsSql(sql`a.user_id = ${userId}`, 20))).map(viewOf);
}

/** The console's queue: applications of the caller's regions, of one status or all, newest first. */
export async function listApplications(
  db: Db,
  scope: RegionScope,
  status?: 'pending' | 'approved' | 'rejected',
): Promise<ApplicationView[]> {
  const where = sql`${inScope(scope, sql`a.region_id`)} ${status ? sql`and a.status = ${status}` : sql``}`;
  return (await rows<ApplicationRow>(db, applicationsSql(where))).map(viewOf);
}

export interface ApprovalInput {
  /** an existing pickup point of the application's city without an active leader */
  pickupPointId?: string;
  /** or a new one, on a route of the application's city */
  newPoint?: { name: string; address: string; routeId: string };
  planId?: string | null;
}

/** a pending application of the caller's regions, or 404 (another region: as if there were none) / 409 (decided) */
async function decide(tx: Db, id: string, scope: RegionScope, set: ReturnType<typeof sql>) {
  const row = await one<{ user_id: string; region_id: string; name: string; address: string }>(
    tx,
    sql`update leader_applications a set ${set}, decided_at = now()
    where a.id = ${id} and a.status = 'pending' and ${inScope(scope, sql`a.region_id`)}
    returning a.user_id, a.region_id, a.name, a.address`,
  );
  if (row) return row;
  const found = await one<{ status: string }>(
    tx,
    sql`select status from leader_applications a where a.id = ${id} and ${inScope(scope, sql`a.region_id`)}`,
  );
  if (!found) throw notFound('Application');
  throw invalidState('This application has already been decided', { status: found.status });
}

/**
 * Approves a pending application: the pickup point (chosen or made), the leader appointed there
 * (appointLeader, at the region's default flat rate), the plan from now on, the applicant told.
 * All in one transaction, so a refused appointment leaves the application pending.
 */
export async function approveApplication(
  db: Db,
  operatorId: string,
  id: string,
  input: ApprovalInput,
  scope: RegionScope = null,
): Promise<ApplicationView> {
  if (!input.pickupPointId === !input.newPoint)
    throw validation('Choose a pickup point or describe a new one', { field: 'pickupPointId' });
  const userId = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const app = await decide(tx, id, scope, sql`status = 'approved', decided_by = ${operatorId}`);
    let pointId = input.pickupPointId;
    if (input.newPoint) {
      const route = await one(
        tx,
        sql`select 1 as ok from routes where id = ${input.newPoint.routeId} and region_id = ${app.region_id}`,
      );
      if (!route) throw validation("The route is not in the application's city", { field: 'newPoint.routeId' });
      pointId = (await createPickupPoint(tx, input.newPoint, scope)).id;
    } else {
      const point = await one(
        tx,
        sql`select 1 as ok from pickup_points where id = ${pointId} and region_id = ${app.region_id}`,
      );
      if (!point) throw validation("The pickup point is not in the application's city", { field: 'pickupPointId' });
    }
    const leader = await appointLeader(tx, { userId: app.user_id, pickupPointId: pointId! }, scope);
    if (input.planId) await assignPlan(tx, leader.id, input.planId, scope);
    await exec(
      tx,
      sql`update leader_applications set pickup_point_id = ${pointId}, leader_id = ${leader.id}, plan_id = ${input.planId ?? null}
      where id = ${id}`,
    );
    await enqueue(tx, 'notify.customer', {
      userId: app.user_id,
      kind: 'leader_application_approved',
      applicationId: id,
      pickupPointId: pointId,
    });
    return app.user_id;
  });
  void userId;
  return applicationById(db, id);
}

/** Rejects a pending application with a reason the applicant reads. */
export async function rejectApplication(
  db: Db,
  operatorId: string,
  id: string,
  reason: string,
  scope: RegionScope = null,
): Promise<ApplicationView> {
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const app = await decide(
      tx,
      id,
      scope,
      sql`status = 'rejected', reject_reason = ${reason}, decided_by = ${operatorId}`,
    );
    await enqueue(tx, 'notify.customer', {
      userId: app.user_id,
      kind: 'leader_application_rejected',
      applicationId: id,
      reason,
    });
  });
  return applicationById(db, id);
}

export interface ChecklistItem {
  key: 'point' | 'plan' | 'training' | 'first_arrival' | 'first_pickup';
  done: boolean;
  at: string | null;
}

/**
 * A new leader's onboarding checklist, read from what happened: their pickup point, a commission
 * plan, the required courses passed, the first delivery confirmed at the point since they lead
 * it, the first order handed over.
 */
export async function onboardingChecklist(
  db: Db,
  leader: { id: string; pickupPointId: string },
): Promise<{ items: ChecklistItem[]; done: number; total: number }> {
  const r = await one<{
    since: unknown;
    plan_at: unknown;
    required: number;
    passed: number;
    passed_at: unknown;
    arrival_at: unknown;
    pickup_at: unknown;
  }>(
    db,
    sql`select l.created_at as since,
      (select min(a.valid_from) from leader_plan_assignments a where a.leader_id = l.id and a.plan_id is not null) as plan_at,
      (select count(*)::int from training_courses c where c.required and c.published) as required,
      (select count(distinct t.course_id)::int from training_attempts t join training_courses c on c.id = t.course_id
        where t.leader_id = l.id and t.passed and c.required and c.published) as passed,
      (select max(t.created_at) from training_attempts t where t.leader_id = l.id and t.passed) as passed_at,
      (select min(s.arrived_at) from sorting_lists s where s.pickup_point_id = l.pickup_point_id
        and s.arrived_at >= l.created_at) as arrival_at,
      (select min(e.created_at) from ledger_entries e where e.leader_id = l.id and e.kind = 'commission') as pickup_at
    from leaders l where l.id = ${leader.id}`,
  );
  if (!r) throw notFound('Leader');
  const trainingDone = r.passed >= r.required;
  const items: ChecklistItem[] = [
    { key: 'point', done: true, at: iso(r.since) },
    { key: 'plan', done: r.plan_at !== null, at: iso(r.plan_at) },
    { key: 'training', done: trainingDone, at: trainingDone ? iso(r.passed_at) : null },
    { key: 'first_arrival', done: r.arrival_at !== null, at: iso(r.arrival_at) },
    { key: 'first_pickup', done: r.pickup_at !== null, at: iso(r.pickup_at) },
  ];
  return { items, done: items.filter((i) => i.done).length, total: items.length };
}
