import { inScope, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { sql } from 'drizzle-orm';
import { exec, isUniqueViolation, one, rows, type Db } from '../../db/client.js';
import { AppError, invalidState, notFound, validation } from '../../lib/errors.js';

export interface RegionView {
  id: string;
  name: string;
  timeZone: string;
  warehouses: number;
  pickupPoints: number;
  openCampaigns: number;
}

/**
 * The IANA zone as the runtime spells it (`asia/shanghai` → `Asia/Shanghai`), or a 400 naming the
 * field: Intl knows the same zone database PostgreSQL's `at time zone` is asked with in reports.
 */
export function canonicalTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw validation('Unknown time zone: give an IANA name such as Asia/Shanghai', { field: 'timeZone' });
  }
}

const nameTaken = (name: string) =>
  new AppError('REGION_NAME_TAKEN', 409, 'Another region already has this name', { field: 'name', name });

/** The unique index decides, so two operators creating the same city at once get one region and one refusal. */
async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

export async function createRegion(db: Db, input: { name: string; timeZone: string }) {
  const timeZone = canonicalTimeZone(input.timeZone);
  return uniqueName(
    input.name,
    async () =>
      (await one<{ id: string }>(
        db,
        sql`insert into regions (name, time_zone) values (${input.name}, ${timeZone}) returning id`,
      ))!,
  );
}

const regionSelect = sql`
  select r.id, r.name, r.time_zone,
    (select count(*)::int from warehouses w where w.region_id = r.id) as warehouses,
    (select count(*)::int from pickup_points p where p.region_id = r.id) as pickup_points,
    (select count(*)::int from campaigns c where c.region_id = r.id and c.status = 'open') as open_campaigns
  from regions r`;

type RegionRow = {
  id: string;
  name: string;
  time_zone: string;
  warehouses: number;
  pickup_points: number;
  open_campaigns: number;
};

const regionView = (r: RegionRow): RegionView => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  warehouses: r.warehouses,
  pickupPoints: r.pickup_points,
  openCampaigns: r.open_campaigns,
});

/** Every region, oldest (the default one) first, with what it holds. */
export async function listRegions(db: Db, scope: RegionScope = null): Promise<RegionView[]> {
  return (
    await rows<RegionRow>(db, sql`${regionSelect} where ${inScope(scope, sql`r.id`)} order by r.created_at, r.id`)
  ).map(regionView);
}

/**
 * Renames a region or changes its time zone. The zone only while no campaign of it is open: an
 * open campaign's cutoff and pickup day were chosen by that zone's clock. The region row is locked
 * first and campaign creation takes it shared (createCampaign), so a campaign cannot slip in
 * between the check and the change.
 */
export async function updateRegion(
  db: Db,
  id: string,
  patch: { name?: string; timeZone?: string },
  scope: RegionScope = null,
) {
  requireInScope(scope, id, 'Region');
  const timeZone = patch.timeZone === undefined ? undefined : canonicalTimeZone(patch.timeZone);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const region = await one<{ time_zone: string }>(tx, sql`select time_zone from regions where id = ${id} for update`);
    if (!region) throw notFound('Region');
    if (timeZone !== undefined && timeZone !== region.time_zone) {
      const open = await one<{ n: number }>(
        tx,
        sql`select count(*)::int as n from campaigns where region_id = ${id} and status = 'open'`,
      );
      if (open && open.n > 0)
        throw invalidState(
          'The time zone cannot change while the region has open campaigns: their cutoff and pickup day follow it',
          { field: 'timeZone', openCampaigns: open.n },
        );
    }
    const sets = [
      ...(patch.name !== undefined ? [sql`name = ${patch.name}`] : []),
      ...(timeZone !== undefined ? [sql`time_zone = ${timeZone}`] : []),
    ];
    await uniqueName(patch.name ?? '', () =>
      exec(tx, sql`update regions set ${sql.join(sets, sql`, `)} where id = ${id}`),
    );
    return regionView((await one<RegionRow>(tx, sql`${regionSelect} where r.id = ${id}`))!);
  });
}

/** Locks the region against a time-zone change until the transaction ends; 404 when it does not exist. */
export async function holdRegion(tx: Db, id: string): Promise<void> {
  if (!(await one(tx, sql`select 1 as ok from regions where id = ${id} for share`))) throw notFound('Region');
}
