import { sql, type SQL } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';

/**
 * The operators' alert inbox. Any module raises alerts here; each is raised once per business key,
 * so the same fact found again by a repeated job (or two servers) adds nothing.
 */

export interface AlertView {
  id: string;
  kind: string;
  severity: string;
  regionId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
}

/**
 * Raises the alerts a query selects, set-based. The query yields the columns kind, business_key,
 * region_id, severity, subject_type, subject_id, details (jsonb). Returns how many were new.
 * Each new alert is also queued on the outbox (`notify.operator`), in the same statement, so the
 * configured webhook (a WeChat Work or SMS gateway) tells the operators on duty exactly once.
 */
export async function raiseAlertsFrom(db: Db, select: SQL): Promise<number> {
  const found = await one<{ n: number }>(
    db,
    sql`
    with raised as (
      insert into operator_alerts (kind, business_key, region_id, severity, subject_type, subject_id, details)
      select kind, business_key, region_id, severity, subject_type, subject_id, details from (${select}) a
      on conflict (business_key) do nothing
      returning id, kind, region_id, severity, subject_type, subject_id, details
    ), queued as (
      insert into outbox (topic, payload)
      select 'notify.operator', jsonb_build_object('kind', 'operator_alert', 'alertId', id, 'alertKind', kind,
        'regionId', region_id, 'severity', severity, 'subjectType', subject_type, 'subjectId', subject_id, 'details', details)
      from raised
    ) select count(*)::int as n from raised`,
  );
  return found?.n ?? 0;
}

export interface AlertInput {
  kind: string;
  businessKey: string;
  regionId?: string | null;
  severity?: 'info' | 'warning' | 'critical';
  subjectType?: string;
  subjectId?: string;
  details: Record<string, unknown>;
}

/** Raises one alert (nothing when its business key was raised before); true when it is new. */
export async function raiseAlert(db: Db, a: AlertInput): Promise<boolean> {
  return (
    (await raiseAlertsFrom(
      db,
      sql`select ${a.kind}::text as kind, ${a.businessKey}::text as business_key, ${a.regionId ?? null}::uuid as region_id,
        ${a.severity ?? 'warning'}::text as severity, ${a.subjectType ?? null}::text as subject_type,
        ${a.subjectId ?? null}::uuid as subject_id, ${JSON.stringify(a.details)}::jsonb as details`,
    )) > 0
  );
}

/** An alert of no region concerns every operator; one of a region, only that region's. */
const visible = (scope: RegionScope) => sql`(a.region_id is null or ${inScope(scope, sql`a.region_id`)})`;

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  region_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  details: Record<string, unknown>;
  created_at: unknown;
  acknowledged_at: unknown;
}

const view = (r: AlertRow): AlertView => ({
  id: r.id,
  kind: r.kind,
  severity: r.severity,
  regionId: r.region_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details,
  createdAt: iso(r.created_at)!,
  acknowledgedAt: iso(r.acknowledged_at),
});

/** The newest alerts the caller may see (open ones only unless `all`), and how many are open. */
export async function listAlerts(db: Db, scope: RegionScope, opts: { all?: boolean; limit?: number } = {}) {
  const found = await rows<AlertRow>(
    db,
    sql`
    select a.id, a.kind, a.severity, a.region_id, a.subject_type, a.subject_id, a.details, a.created_at, a.acknowledged_at
    from operator_alerts a
    where ${visible(scope)} ${opts.all ? sql`` : sql`and a.acknowledged_at is null`}
    order by a.created_at desc, a.id limit ${opts.limit ?? 200}`,
  );
  const open = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from operator_alerts a where a.acknowledged_at is null and ${visible(scope)}`,
  );
  return { openCount: open?.n ?? 0, items: found.map(view) };
}

/** Marks an alert seen; acknowledging it again changes nothing. 404 for one the caller may not see. */
export async function acknowledgeAlert(db: Db, scope: RegionScope, alertId: string, userId: string) {
  const row = await one<AlertRow>(
    db,
    sql`
    update operator_alerts a set acknowledged_at = coalesce(a.acknowledged_at, now()),
      acknowledged_by = coalesce(a.acknowledged_by, ${userId}::uuid)
    where a.id = ${alertId} and ${visible(scope)}
    returning a.id, a.kind, a.severity, a.region_id, a.subject_type, a.subject_id, a.details, a.created_at, a.acknowledged_at`,
  );
  if (!row) throw notFound('Alert');
  return view(row);
}
