import { sql, type SQL } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { REPURCHASE_DEFAULTS, type RepurchaseParams } from './rules.js';
import { LIFECYCLE_PROGRAMS, type LifecycleProgram } from './schema.js';

export type GrantProgram = 'welcome' | 'first_order';

/** The region a customer belongs to: her pickup point's, or the oldest region without one (as the member jobs count her). */
export const customerRegion = (user: SQL) =>
  sql`coalesce((select pp.region_id from pickup_points pp where pp.id = ${user}.pickup_point_id), (select id from regions order by created_at, id limit 1))`;

export interface ProgramView {
  program: LifecycleProgram;
  enabled: boolean;
  templateId: string | null;
  templateName: string | null;
  params: Record<string, number>;
  enabledSince: string | null;
  /** birthday: the templates marked as the members' birthday coupon (the program grants those) */
  birthdayTemplates: { id: string; name: string }[];
}

/** The four programs of a region as configured (a program with no row is off; birthday reads as on, decision 050). */
export async function regionPrograms(db: Db, regionId: string): Promise<ProgramView[]> {
  if (!(await one(db, sql`select 1 as ok from regions where id = ${regionId}`))) throw notFound('Region');
  const stored = await rows<{
    program: LifecycleProgram;
    enabled: boolean;
    template_id: string | null;
    template_name: string | null;
    params: Record<string, number>;
    enabled_since: unknown;
  }>(
    db,
    sql`
    select p.program, p.enabled, p.template_id, t.name as template_name, p.params, p.enabled_since
    from lifecycle_programs p left join coupon_templates t on t.id = p.template_id where p.region_id = ${regionId}`,
  );
  const birthday = await rows<{ id: string; name: string }>(
    db,
    sql`select t.id, t.name from member_coupon_templates m join coupon_templates t on t.id = m.template_id
    where m.purpose = 'birthday' order by t.name, t.id`,
  );
  return LIFECYCLE_PROGRAMS.map((program) => {
    const s = stored.find((r) => r.program === program);
    return {
      program,
      enabled: s ? s.enabled : program === 'birthday',
      templateId: s?.template_id ?? null,
      templateName: s?.template_name ?? null,
      params: program === 'repurchase' ? { ...REPURCHASE_DEFAULTS, ...(s?.params ?? {}) } : (s?.params ?? {}),
      enabledSince: s?.enabled_since ? new Date(s.enabled_since as string).toISOString() : null,
      birthdayTemplates: program === 'birthday' ? birthday : [],
    };
  });
}

export interface ProgramChange {
  enabled: boolean;
  templateId?: string | null;
  params?: Partial<RepurchaseParams>;
}

/**
 * Switches and configures one program of a region. A coupon program needs an active template
 * without a total limit (the program grants to everyone eligible, so a cap would refuse some
 * customers silently); the birthday program grants the members' birthday templates and takes none.
 * 400 naming the field, nothing written.
 */
export async function configureProgram(
  db: Db,
  regionId: string,
  program: LifecycleProgram,
  change: ProgramChange,
): Promise<void> {
  if (!(await one(db, sql`select 1 as ok from regions where id = ${regionId}`))) throw notFound('Region');
  const coupon = program === 'welcome' || program === 'first_order';
  if (!coupon && change.templateId)
    throw validation('This program grants no template of its own', { field: 'templateId' });
  if (coupon && change.templateId) {
    const t = await one<{ ok: boolean; total_limit: number | null }>(
      db,
      sql`select status = 'active' and valid_to > now() as ok, total_limit from coupon_templates where id = ${change.templateId}`,
    );
    if (!t) throw validation('Unknown coupon template', { field: 'templateId' });
    if (!t.ok) throw validation('The coupon template is paused or expired', { field: 'templateId' });
    if (t.total_limit !== null)
      throw validation("A program's coupon template must not have a total limit", { field: 'templateId' });
  }
  const params = program === 'repurchase' ? { ...REPURCHASE_DEFAULTS, ...(change.params ?? {}) } : {};
  if (program !== 'repurchase' && change.params && Object.keys(change.params).length)
    throw validation('This program has no parameters', { field: 'params' });
  const stored = await one<{ template_id: string | null; params: Record<string, number> }>(
    db,
    sql`select template_id, params from lifecycle_programs where region_id = ${regionId} and program = ${program}`,
  );
  const templateId = change.templateId === undefined ? (stored?.template_id ?? null) : change.templateId;
  if (coupon && change.enabled && !templateId)
    throw validation('Choose the coupon template before switching the program on', { field: 'templateId' });
  if (program === 'repurchase' && change.params === undefined && stored) Object.assign(params, stored.params);
  await exec(
    db,
    sql`
    insert into lifecycle_programs (region_id, program, enabled, template_id, params, enabled_since, updated_at)
    values (${regionId}, ${program}, ${change.enabled}, ${templateId}, ${JSON.stringify(params)}::jsonb,
      ${change.enabled ? sql`now()` : null}, now())
    on conflict (region_id, program) do update set enabled = excluded.enabled, template_id = excluded.template_id,
      params = excluded.params, updated_at = now(),
      -- switched on now (not merely reconfigured while on): missed grants are caught up from here only
      enabled_since = case when not excluded.enabled then null when lifecycle_programs.enabled then lifecycle_programs.enabled_since
        else now() end`,
  );
}

/**
 * Grants a coupon program's template, set-based, to the customers selected by `who` (a condition on
 * `u`, the users row) in the regions where it is on: once per customer and program, whatever the
 * number of calls, retries or concurrent runs (the grant row's business key). The first-order
 * program only reaches customers who registered through an invitation.
 */
async function grantProgram(db: Db, program: GrantProgram, who: SQL): Promise<number> {
  const invited = program === 'first_order' ? sql`and u.invited_by is not null` : sql``;
  const [r] = await rows<{ n: number }>(
    db,
    sql`
    with targets as (
      select u.id as user_id, p.region_id, p.template_id from users u
      join lifecycle_programs p on p.program = ${program} and p.enabled and p.template_id is not null
        and p.region_id = ${customerRegion(sql`u`)}
      join coupon_templates t on t.id = p.template_id and t.status = 'active' and t.valid_to > now() and t.total_limit is null
      where ${who} ${invited}),
    grants as (
      insert into lifecycle_grants (business_key, program, user_id, region_id, template_id, coupon_id)
      select ${program} || ':' || user_id, ${program}, user_id, region_id, template_id, gen_random_uuid() from targets
      on conflict do nothing returning user_id, template_id, coupon_id),
    issued as (
      insert into coupons (id, template_id, user_id) select coupon_id, template_id, user_id from grants returning template_id),
    counted as (
      update coupon_templates c set issued = c.issued + n.n
      from (select template_id, count(*)::int as n from issued group by 1) n where c.id = n.template_id returning n.n)
    select coalesce(sum(n), 0)::int as n from counted`,
  );
  return r?.n ?? 0;
}

/**
 * At registration: the welcome coupon, and the first-order coupon for an invitee. It never fails
 * the registration (the account exists already): a grant that failed is caught up by the daily job.
 */
export async function grantOnRegistration(db: Db, userId: string): Promise<number> {
  try {
    return (
      (await grantProgram(db, 'welcome', sql`u.id = ${userId}`)) +
      (await grantProgram(db, 'first_order', sql`u.id = ${userId}`))
    );
  } catch (err) {
    console.error(`lifecycle: registration grant failed, left to the daily catch-up: ${(err as Error).message}`);
    return 0;
  }
}

/** The welcome and first-order grants of many new accounts at once (the demo's customers). */
export async function grantToNewCustomers(db: Db, userIds: string[]): Promise<number> {
  if (!userIds.length) return 0;
  const who = sql`u.id = any(${pgArray(userIds)}::uuid[])`;
  return (await grantProgram(db, 'welcome', who)) + (await grantProgram(db, 'first_order', who));
}

/** How far back the catch-up looks for registrations a failed call left without their coupon. */
export const CATCH_UP_DAYS = 7;

/** Registrations since the program was switched on (within CATCH_UP_DAYS) that have no grant yet. */
export async function catchUpRegistrationGrants(db: Db): Promise<number> {
  let n = 0;
  for (const program of ['welcome', 'first_order'] as const) {
    n += await grantProgram(
      db,
      program,
      sql`u.created_at > now() - ${`${CATCH_UP_DAYS} days`}::interval and u.created_at >= p.enabled_since
        and 'customer' = any(u.roles)`,
    );
  }
  return n;
}

/**
 * The first-order rule, as a condition on a coupon row `c` and the customer: true when `c` was
 * granted by the first-order program and the customer already has another order that is not
 * cancelled (placed or paid), so the coupon cannot go on it. Checked by the quote, the coupon
 * choices and, in the same statement that spends the coupon, by the order's write.
 */
export function firstOrderCouponRefused(c: SQL, userId: SQL, orderId: SQL = sql`null::uuid`): SQL {
  return sql`(exists (select 1 from lifecycle_grants g where g.coupon_id = ${c}.id and g.program = 'first_order')
    and exists (select 1 from orders o1 where o1.user_id = ${userId} and o1.kind = 'goods' and o1.status <> 'cancelled'
      and o1.id is distinct from ${orderId}))`;
}

/** Whether the birthday coupon is granted in a region: on unless an operator switched it off (decision 050). */
export async function birthdayProgramOn(db: Db, regionId: string): Promise<boolean> {
  const row = await one<{ enabled: boolean }>(
    db,
    sql`select enabled from lifecycle_programs where region_id = ${regionId} and program = 'birthday'`,
  );
  return row ? row.enabled : true;
}
