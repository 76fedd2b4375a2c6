import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { addDays, DEFAULT_TIME_ZONE } from '../../lib/time.js';
import { covers, inScope, regionForbidden, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { notFound, validation } from '../../lib/errors.js';
import { raiseAlertsFrom } from '../alerts/service.js';
import { lastClosedDay } from '../analytics/rollups.js';
import { KPIS } from './registry.js';
import { kpiReport } from './service.js';

/**
 * KPI alert rules and their evaluation (decision 046). A rule looks at its KPI on the last closed
 * business day of its region (or of every region); a crossing raises one alert in the operators'
 * inbox (which queues the outbox webhook), none while it stays crossed, a new one once it has
 * recovered and crosses again.
 */
export type RuleKind = 'below' | 'above' | 'drop';
export interface RuleInput {
  kpiKey: string;
  regionId?: string | null;
  kind: RuleKind;
  threshold?: number | null;
  dropPercent?: number | null;
}
export interface RuleView {
  id: string;
  kpiKey: string;
  regionId: string | null;
  kind: RuleKind;
  threshold: number | null;
  dropPercent: number | null;
  crossed: boolean;
  crossings: number;
  lastValue: number | null;
  lastDay: string | null;
  createdAt: string;
}

/** Whether a value crosses a rule: below/above its threshold, or dropped by X % against the baseline. */
export function crosses(
  rule: { kind: RuleKind; threshold: number | null; dropPercent: number | null },
  value: number | null,
  baseline: number | null,
): boolean {
  if (value === null) return false;
  if (rule.kind === 'below') return rule.threshold !== null && value < rule.threshold;
  if (rule.kind === 'above') return rule.threshold !== null && value > rule.threshold;
  if (baseline === null || baseline <= 0 || rule.dropPercent === null) return false;
  return value < baseline * (1 - rule.dropPercent / 100);
}

const view = sql`id, kpi_key as "kpiKey", region_id as "regionId", kind, threshold, drop_percent as "dropPercent", crossed,
  crossings, last_value as "lastValue", to_char(last_day, 'YYYY-MM-DD') as "lastDay", created_at::text as "createdAt"`;

export async function listRules(db: Db, scope: RegionScope): Promise<RuleView[]> {
  // a rule of every region concerns every operator; one of a region, only that region's
  return rows<RuleView>(
    db,
    sql`select ${view} from kpi_alert_rules where region_id is null or ${inScope(scope, sql`region_id`)} order by created_at, id`,
  );
}

export async function createRule(db: Db, scope: RegionScope, input: RuleInput, userId: string): Promise<RuleView> {
  if (!KPIS.some((k) => k.key === input.kpiKey)) throw validation('Unknown KPI', { field: 'kpiKey' });
  if (input.kind === 'drop' ? !input.dropPercent : input.threshold === undefined || input.threshold === null)
    throw validation(input.kind === 'drop' ? 'A drop needs dropPercent' : 'A threshold is needed', {
      field: input.kind === 'drop' ? 'dropPercent' : 'threshold',
    });
  // an operator of some regions sets rules for one of them; a rule of every region is for an operator of every region
  if (input.regionId) {
    requireInScope(scope, input.regionId, 'Region');
    const found = await one(db, sql`select 1 from regions where id = ${input.regionId}`);
    if (!found) throw notFound('Region');
  } else if (scope !== null) throw regionForbidden('regionId');
  const row = await one<RuleView>(
    db,
    sql`insert into kpi_alert_rules (kpi_key, region_id, kind, threshold, drop_percent, created_by)
      values (${input.kpiKey}, ${input.regionId ?? null}, ${input.kind},
        ${input.kind === 'drop' ? null : input.threshold}, ${input.kind === 'drop' ? input.dropPercent : null}, ${userId})
      returning ${view}`,
  );
  return row!;
}

export async function deleteRule(db: Db, scope: RegionScope, id: string): Promise<void> {
  const rule = await one<{ region_id: string | null }>(db, sql`select region_id from kpi_alert_rules where id = ${id}`);
  if (!rule || (rule.region_id ? !covers(scope, rule.region_id) : scope !== null)) throw notFound('Rule');
  await exec(db, sql`delete from kpi_alert_rules where id = ${id}`);
}

/** The value of a KPI over one business day. */
async function valueOn(db: Db, key: string, regionIds: string[] | undefined, day: string, now: Date) {
  const r = await kpiReport(db, { from: day, to: day, regionIds, now });
  return r.kpis.find((k) => k.key === key)?.value ?? null;
}

/**
 * The job: every rule against its KPI on the last closed day; a rule that turns crossed raises
 * an alert (kind `kpi_crossed`, business key per rule and crossing), one that no longer crosses
 * is marked recovered. Returns the alerts raised.
 */
export async function evaluateKpiAlerts(db: Db, now = new Date()): Promise<number> {
  const rules = await rows<RuleView & { tz: string | null }>(
    db,
    sql`select ${view}, (select time_zone from regions r where r.id = k.region_id) as tz from kpi_alert_rules k order by created_at, id`,
  );
  let raised = 0;
  for (const rule of rules) {
    const regionIds = rule.regionId ? [rule.regionId] : undefined;
    const day = lastClosedDay(now, rule.tz ?? DEFAULT_TIME_ZONE);
    const value = await valueOn(db, rule.kpiKey, regionIds, day, now);
    let baseline: number | null = null;
    if (rule.kind === 'drop') {
      const before: number[] = [];
      for (const weeks of [1, 2, 3, 4]) {
        const v = await valueOn(db, rule.kpiKey, regionIds, addDays(day, -7 * weeks), now);
        if (v !== null) before.push(v);
      }
      baseline = before.length ? before.reduce((a, b) => a + b, 0) / before.length : null;
    }
    const crossed = crosses(rule, value, baseline);
    await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      // the state moves by a conditional update: two evaluations at once raise one alert
      const turned = await one<{ crossings: number }>(
        tx,
        sql`update kpi_alert_rules set crossed = ${crossed}, last_value = ${value}, last_day = ${day}::date,
          crossings = crossings + ${crossed ? 1 : 0}
        where id = ${rule.id} and crossed <> ${crossed} returning crossings`,
      );
      if (!turned) {
        await exec(
          tx,
          sql`update kpi_alert_rules set last_value = ${value}, last_day = ${day}::date where id = ${rule.id}`,
        );
        return;
      }
      if (!crossed) return;
      const def = KPIS.find((k) => k.key === rule.kpiKey);
      raised += await raiseAlertsFrom(
        tx,
        sql`select 'kpi_crossed'::text as kind, ${`kpi:${rule.id}:${turned.crossings}`}::text as business_key,
          ${rule.regionId}::uuid as region_id, 'warning'::text as severity, 'kpi_alert_rule'::text as subject_type,
          ${rule.id}::uuid as subject_id,
          ${JSON.stringify({
            kpiKey: rule.kpiKey,
            nameZh: def?.nameZh,
            nameEn: def?.nameEn,
            unit: def?.unit,
            kind: rule.kind,
            threshold: rule.threshold,
            dropPercent: rule.dropPercent,
            value,
            baseline,
            day,
          })}::jsonb as details`,
      );
    });
  }
  return raised;
}
