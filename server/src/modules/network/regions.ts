import { inScope, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { sql, type SQL } from 'drizzle-orm';
import { exec, isUniqueViolation, one, rows, type Db } from '../../db/client.js';
import { AppError, invalidState, notFound, validation } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';

export interface RegionView {
  id: string;
  name: string;
  timeZone: string;
  warehouses: number;
  pickupPoints: number;
  openCampaigns: number;
  /** local time (HH:MM) of a campaign's cutoff when none is given, on the day before pickup */
  cutoffTime: string;
  /** local hours (HH:MM) on the pickup date when customers may collect */
  pickupFrom: string;
  pickupUntil: string;
  membershipPriceFen: number;
  /** a leader appointed in the region without a rate earns this */
  leaderCommissionBps: number;
}

/** What an operator sets per region; every field optional in a change. */
export interface RegionSettings {
  cutoffTime?: string;
  pickupFrom?: string;
  pickupUntil?: string;
  membershipPriceFen?: number;
  leaderCommissionBps?: number;
}

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Checks settings (with the stored window when only one end changes); 400 naming the field. */
export function checkSettings(s: RegionSettings, stored?: { pickupFrom: string; pickupUntil: string }) {
  for (const field of ['cutoffTime', 'pickupFrom', 'pickupUntil'] as const) {
    const v = s[field];
    if (v !== undefined && !HH_MM.test(v)) throw validation('Give a local time as HH:MM (00:00–23:59)', { field });
  }
  const from = s.pickupFrom ?? stored?.pickupFrom;
  const until = s.pickupUntil ?? stored?.pickupUntil;
  if (from !== undefined && until !== undefined && from >= until)
    throw validation('The pickup window must start before it ends', {
      field: s.pickupUntil !== undefined ? 'pickupUntil' : 'pickupFrom',
    });
  const p = s.membershipPriceFen;
  if (p !== undefined && !(Number.isInteger(p) && p >= 0 && p <= 100_000_000))
    throw validation('The membership price is a whole number of fen, at least 0', { field: 'membershipPriceFen' });
  const b = s.leaderCommissionBps;
  if (b !== undefined && !(Number.isInteger(b) && b >= 0 && b <= 10_000))
    throw validation('The commission is whole basis points from 0 to 10000', { field: 'leaderCommissionBps' });
}

const settingColumns = {
  cutoffTime: 'cutoff_time',
  pickupFrom: 'pickup_from',
  pickupUntil: 'pickup_until',
  membershipPriceFen: 'membership_price_fen',
  leaderCommissionBps: 'leader_commission_bps',
} as const;

/** The SET (or column/value) parts for the settings given. */
const settingParts = (s: RegionSettings) =>
  (Object.keys(settingColumns) as (keyof RegionSettings)[])
    .filter((k) => s[k] !== undefined)
    .map((k) => ({ column: sql.identifier(settingColumns[k]), value: s[k] }));

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

/** A new region; settings not given take the columns' defaults (cutoff 23:00, pickup 08:00–21:00, ¥99, 10 %). */
export async function createRegion(db: Db, input: { name: string; timeZone: string } & RegionSettings) {
  const timeZone = canonicalTimeZone(input.timeZone);
  checkSettings(input, { pickupFrom: '08:00', pickupUntil: '21:00' });
  const extra = settingParts(input);
  return uniqueName(
    input.name,
    async () =>
      (await one<{ id: string }>(
        db,
        sql`insert into regions (name, time_zone${sql.join(
          extra.map((e) => sql`, ${e.column}`),
          sql``,
        )}) values (${input.name}, ${timeZone}${sql.join(
          extra.map((e) => sql`, ${e.value}`),
          sql``,
        )}) returning id`,
      ))!,
  );
}

const regionSelect = sql`
  select r.id, r.name, r.time_zone, r.cutoff_time, r.pickup_from, r.pickup_until, r.membership_price_fen, r.leader_commission_bps,
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
  cutoff_time: string;
  pickup_from: string;
  pickup_until: string;
  membership_price_fen: number;
  leader_commission_bps: number;
};

const regionView = (r: RegionRow): RegionView => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  warehouses: r.warehouses,
  pickupPoints: r.pickup_points,
  openCampaigns: r.open_campaigns,
  cutoffTime: r.cutoff_time,
  pickupFrom: r.pickup_from,
  pickupUntil: r.pickup_until,
  membershipPriceFen: r.membership_price_fen,
  leaderCommissionBps: r.leader_commission_bps,
});

/** Every region, oldest (the default one) first, with what it holds. */
export async function listRegions(db: Db, scope: RegionScope = null): Promise<RegionView[]> {
  return (
    await rows<RegionRow>(db, sql`${regionSelect} where ${inScope(scope, sql`r.id`)} order by r.created_at, r.id`)
  ).map(regionView);
}

/**
 * Renames a region, changes its settings or its time zone. Settings apply from now on: a campaign
 * keeps the cutoff it was given, a leader the rate he was appointed with, an order the price it
 * was placed at; the pickup window shown is always the region's current one. The zone only while no campaign of it is open: an
 * open campaign's cutoff and pickup day were chosen by that zone's clock. The region row is locked
 * first and campaign creation takes it shared (createCampaign), so a campaign cannot slip in
 * between the check and the change.
 */
export async function updateRegion(
  db: Db,
  id: string,
  patch: { name?: string; timeZone?: string } & RegionSettings,
  scope: RegionScope = null,
) {
  requireInScope(scope, id, 'Region');
  const timeZone = patch.timeZone === undefined ? undefined : canonicalTimeZone(patch.timeZone);
  checkSettings(patch);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const region = await one<{ time_zone: string; pickup_from: string; pickup_until: string }>(
      tx,
      sql`select time_zone, pickup_from, pickup_until from regions where id = ${id} for update`,
    );
    if (!region) throw notFound('Region');
    checkSettings(patch, { pickupFrom: region.pickup_from, pickupUntil: region.pickup_until });
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
      ...settingParts(patch).map((e) => sql`${e.column} = ${e.value}`),
    ];
    await uniqueName(patch.name ?? '', () =>
      exec(tx, sql`update regions set ${sql.join(sets, sql`, `)} where id = ${id}`),
    );
    return regionView((await one<RegionRow>(tx, sql`${regionSelect} where r.id = ${id}`))!);
  });
}

/**
 * Locks the region against a time-zone change until the transaction ends; 404 when it does not
 * exist. Given a pickup date, also answers the region's default cutoff for it: its cutoff time on
 * the day before, on the region's clock (PostgreSQL's zone database, as the reports use).
 */
export async function holdRegion(tx: Db, id: string, pickupDate?: string): Promise<{ defaultCutoffAt: string | null }> {
  const row = await one<{ default_cutoff_at: unknown }>(
    tx,
    sql`select ${
      pickupDate === undefined
        ? sql`null::timestamptz`
        : sql`((${pickupDate}::date - 1) + cutoff_time::time) at time zone time_zone`
    } as default_cutoff_at from regions where id = ${id} for share`,
  );
  if (!row) throw notFound('Region');
  return { defaultCutoffAt: row.default_cutoff_at === null ? null : iso(row.default_cutoff_at)! };
}

/**
 * The regions' clocks, oldest first: the oldest is where a customer without a pickup point
 * belongs. For jobs that act on every customer by her own date (monthly packs, birthdays, points
 * expiring at the new year), one pass per region.
 */
export async function customerClocks(
  db: Db,
): Promise<{ regionId: string; timeZone: string; customersOf: (user: SQL) => SQL }[]> {
  const regions = await rows<{ id: string; time_zone: string }>(
    db,
    sql`select id, time_zone from regions order by created_at, id`,
  );
  return regions.map((r) => ({
    regionId: r.id,
    timeZone: r.time_zone,
    // the user row `user` belongs to this region: her pickup point's, or the oldest without one
    customersOf: (user: SQL) =>
      sql`coalesce((select p.region_id from pickup_points p where p.id = ${user}.pickup_point_id), ${regions[0].id}::uuid) = ${r.id}::uuid`,
  }));
}
