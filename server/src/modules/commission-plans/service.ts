import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { conflict, notFound, validation } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';
import { lineRateBps, type PlanRates } from './rules.js';

/**
 * Commission plans by category (decision 061). A plan's rates are versions valid from the moment
 * they were saved; a leader's plan and a deal's own rate are histories too. The rate of a line is
 * read at pickup as it stood when the line's order was placed, so a change applies to orders
 * placed after it and checkout reads nothing more; commission already booked is never touched.
 */

export interface PlanView {
  id: string;
  name: string;
  version: number;
  defaultBps: number;
  categoryBps: Record<string, number>;
  validFrom: string;
  leaders: number;
}

interface PlanInput {
  name: string;
  defaultBps: number;
  categoryBps: Record<string, number>;
}

async function assertCategories(db: Db, categoryBps: Record<string, number>) {
  const codes = Object.keys(categoryBps);
  if (!codes.length) return;
  const known = await rows<{ code: string }>(
    db,
    sql`select code from categories where code = any(${pgArray(codes)}::text[])`,
  );
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw validation('Unknown product category', { field: 'categoryBps', categories: unknown });
}

/** the leaders whose latest assignment is this plan */
const currentLeaders = sql`(select count(*)::int from leaders l where l.status = 'active' and (
  select a.plan_id from leader_plan_assignments a where a.leader_id = l.id order by a.valid_from desc, a.id desc limit 1) = p.id)`;

export async function listPlans(db: Db): Promise<PlanView[]> {
  const found = await rows<{
    id: string;
    name: string;
    version: number;
    default_bps: number;
    category_bps: Record<string, number>;
    valid_from: unknown;
    leaders: number;
  }>(
    db,
    sql`select p.id, p.name, v.version, v.default_bps, v.category_bps, v.valid_from, ${currentLeaders} as leaders
    from commission_plans p
    join lateral (select * from commission_plan_versions v where v.plan_id = p.id order by v.version desc limit 1) v on true
    order by p.created_at, p.name`,
  );
  return found.map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    defaultBps: p.default_bps,
    categoryBps: p.category_bps,
    validFrom: iso(p.valid_from) ?? '',
    leaders: p.leaders,
  }));
}

const planById = async (db: Db, id: string) => {
  const found = (await listPlans(db)).find((p) => p.id === id);
  if (!found) throw notFound('Commission plan');
  return found;
};

export async function createPlan(db: Db, userId: string, input: PlanInput): Promise<PlanView> {
  await assertCategories(db, input.categoryBps);
  const id = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const plan = await one<{ id: string }>(
      tx,
      sql`insert into commission_plans (name) values (${input.name}) on conflict (name) do nothing returning id`,
    );
    if (!plan) throw conflict('A commission plan of this name exists', { field: 'name' });
    await exec(
      tx,
      sql`insert into commission_plan_versions (plan_id, version, default_bps, category_bps, created_by)
      values (${plan.id}, 1, ${input.defaultBps}, ${JSON.stringify(input.categoryBps)}::jsonb, ${userId})`,
    );
    return plan.id;
  });
  return planById(db, id);
}

/**
 * New rates for orders placed from now on: a new version (simultaneous edits: one wins, the other
 * is 409). A new name is just a label and changes at once.
 */
export async function updatePlan(db: Db, userId: string, id: string, input: PlanInput): Promise<PlanView> {
  await assertCategories(db, input.categoryBps);
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const renamed = await one<{ id: string }>(
      tx,
      sql`update commission_plans set name = ${input.name} where id = ${id}
        and not exists (select 1 from commission_plans o where o.name = ${input.name} and o.id <> ${id}) returning id`,
    );
    if (!renamed) {
      if (!(await one(tx, sql`select 1 as ok from commission_plans where id = ${id}`)))
        throw notFound('Commission plan');
      throw conflict('A commission plan of this name exists', { field: 'name' });
    }
    const added = await one<{ version: number }>(
      tx,
      sql`insert into commission_plan_versions (plan_id, version, default_bps, category_bps, created_by)
      select ${id}, max(version) + 1, ${input.defaultBps}, ${JSON.stringify(input.categoryBps)}::jsonb, ${userId}
      from commission_plan_versions where plan_id = ${id}
      on conflict do nothing returning version`,
    );
    if (!added) throw conflict('The plan was changed at the same time: reload it and try again');
  });
  return planById(db, id);
}

/** Puts a leader of the caller's regions on a plan (or back on their flat rate) for orders placed from now on. */
export async function assignPlan(
  db: Db,
  leaderId: string,
  planId: string | null,
  scope: RegionScope = null,
  validFrom?: string,
): Promise<{ leaderId: string; planId: string | null }> {
  if (planId && !(await one(db, sql`select 1 as ok from commission_plans where id = ${planId}`)))
    throw notFound('Commission plan');
  const row = await one<{ id: number }>(
    db,
    sql`insert into leader_plan_assignments (leader_id, plan_id, valid_from)
    select l.id, ${planId}, coalesce(${validFrom ?? null}::timestamptz, now()) from leaders l join pickup_points p on p.id = l.pickup_point_id
    where l.id = ${leaderId} and ${inScope(scope, sql`p.region_id`)} returning id`,
  );
  if (!row) throw notFound('Leader');
  return { leaderId, planId };
}

/** A deal's own rate for leaders on a plan (null: the plan's rate again), for orders placed from now on. */
export async function setDealRate(
  db: Db,
  campaignItemId: string,
  commissionBps: number | null,
  scope: RegionScope = null,
): Promise<{ campaignItemId: string; commissionBps: number | null }> {
  const row = await one<{ id: number }>(
    db,
    sql`insert into deal_commission_rates (campaign_item_id, commission_bps)
    select i.id, ${commissionBps}::int from campaign_items i join campaigns c on c.id = i.campaign_id
    where i.id = ${campaignItemId} and ${inScope(scope, sql`c.region_id`)} returning id`,
  );
  if (!row) throw notFound('Deal');
  return { campaignItemId, commissionBps };
}

/**
 * The rate of each line being handed over, as it stood when its order was placed: one statement
 * for the handover's lines, then the pure rule.
 */
export async function lineRates(
  db: Db,
  leader: { id: string; commissionBps: number },
  lineIds: string[],
): Promise<Map<string, number>> {
  if (!lineIds.length) return new Map();
  const found = await rows<{
    id: string;
    category: string;
    deal_bps: number | null;
    default_bps: number | null;
    category_bps: Record<string, number> | null;
  }>(
    db,
    sql`select l.id, p.category,
      (select d.commission_bps from deal_commission_rates d where d.campaign_item_id = l.campaign_item_id
        and d.valid_from <= o.created_at order by d.valid_from desc, d.id desc limit 1) as deal_bps,
      v.default_bps, v.category_bps
    from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id
    left join lateral (select a.plan_id from leader_plan_assignments a where a.leader_id = ${leader.id}
      and a.valid_from <= o.created_at order by a.valid_from desc, a.id desc limit 1) a on true
    left join lateral (select v.default_bps, v.category_bps from commission_plan_versions v where v.plan_id = a.plan_id
      and v.valid_from <= o.created_at order by v.version desc limit 1) v on true
    where l.id = any(${pgArray(lineIds)}::uuid[])`,
  );
  return new Map(
    found.map((r) => {
      const plan: PlanRates | null =
        r.default_bps === null ? null : { defaultBps: r.default_bps, categoryBps: r.category_bps ?? {} };
      return [
        r.id,
        lineRateBps({ flatBps: leader.commissionBps, plan, category: r.category, dealBps: r.deal_bps }),
      ] as const;
    }),
  );
}

export interface LeaderPlanView {
  planId: string | null;
  planName: string | null;
  flatBps: number;
  defaultBps: number;
  categories: { code: string; nameZh: string; nameEn: string; bps: number }[];
}

/** What a leader earns per category on orders placed now (their flat rate everywhere without a plan). */
export async function leaderPlan(db: Db, leader: { id: string; commissionBps: number }): Promise<LeaderPlanView> {
  const plan = await one<{ id: string; name: string; default_bps: number; category_bps: Record<string, number> }>(
    db,
    sql`select p.id, p.name, v.default_bps, v.category_bps from (
      select a.plan_id from leader_plan_assignments a where a.leader_id = ${leader.id} and a.valid_from <= now()
      order by a.valid_from desc, a.id desc limit 1) a
    join commission_plans p on p.id = a.plan_id
    join lateral (select * from commission_plan_versions v where v.plan_id = p.id and v.valid_from <= now()
      order by v.version desc limit 1) v on true`,
  );
  const cats = await rows<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select code, name_zh, name_en from categories order by code`,
  );
  const rates = plan ? { defaultBps: plan.default_bps, categoryBps: plan.category_bps } : null;
  return {
    planId: plan?.id ?? null,
    planName: plan?.name ?? null,
    flatBps: leader.commissionBps,
    defaultBps: rates?.defaultBps ?? leader.commissionBps,
    categories: cats.map((c) => ({
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      bps: lineRateBps({ flatBps: leader.commissionBps, plan: rates, category: c.code, dealBps: null }),
    })),
  };
}
