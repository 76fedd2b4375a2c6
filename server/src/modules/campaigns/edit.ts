/**
 * Editing a campaign after it was created. Every edit runs in one transaction that first locks
 * the campaign row (FOR UPDATE): the cutoff takes the same lock and checkout takes FOR KEY SHARE,
 * so an edit never interleaves with them, and reading the row before changing it is not a race.
 *
 * What may change, and when (409 INVALID_STATE otherwise):
 * - after the cutoff (status cut_off, or cutoffAt passed): nothing;
 * - title, cutoffAt (later than now) and pickupDate: until the cutoff;
 * - startsAt: only while the campaign has not started selling;
 * - a deal that is not on sale yet (campaign not started, or its own saleStartsAt still ahead) and
 *   has sold nothing: every field, or it may be removed;
 * - a deal on sale: only its quota, never below the units already sold or reserved;
 * - new deals may be added until the cutoff.
 */
import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../../db/client.js';
import { conflict, invalidState, notFound, validation } from '../../lib/errors.js';
import { dateOnly, iso } from '../../lib/time.js';
import { holdRegion } from '../network/regions.js';
import { scheduleJob } from '../../jobs/runner.js';
import { groupTiersProblem, type GroupTier } from './rules.js';
import { getCampaign, setTargets, type CampaignItemInput } from './service.js';
import { regionTodaySql, requireUsableSuppliers } from '../catalog/qualification.js';

export interface CampaignPatch {
  title?: string;
  startsAt?: string;
  /** null: the region's cutoff time on the day before the (new) pickup date */
  cutoffAt?: string | null;
  pickupDate?: string;
  routeIds?: string[];
  pickupPointIds?: string[];
}

export interface ItemPatch {
  priceFen?: number;
  memberPriceFen?: number | null;
  quota?: number | null;
  perCustomerLimit?: number | null;
  saleStartsAt?: string | null;
  groupTiers?: GroupTier[] | null;
}

interface LockedCampaign {
  id: string;
  region_id: string;
  pickup_date: unknown;
  starts_at: unknown;
  cutoff_at: unknown;
  open: boolean;
  started: boolean;
}

/** Locks an open campaign before its cutoff: 404 unknown, 409 INVALID_STATE once cut off. */
async function lockOpen(tx: Db, campaignId: string): Promise<LockedCampaign> {
  const c = await one<LockedCampaign>(
    tx,
    sql`
    select id, region_id, pickup_date, starts_at, cutoff_at, (status = 'open' and cutoff_at > now()) as open, starts_at <= now() as started
    from campaigns where id = ${campaignId} for update`,
  );
  if (!c) throw notFound('Campaign');
  if (!c.open) throw invalidState('The campaign is cut off; it can no longer be edited');
  return c;
}

const sameInstant = (a: string | undefined, b: unknown) =>
  a === undefined || new Date(a).getTime() === new Date(iso(b)!).getTime();

function checkDeal(
  d: { priceFen: number; memberPriceFen?: number | null; groupTiers?: GroupTier[] | null },
  productId: string,
) {
  if (d.memberPriceFen != null && d.memberPriceFen > d.priceFen) {
    throw validation('memberPriceFen must not exceed priceFen', { productId, field: 'memberPriceFen' });
  }
  const problem = d.groupTiers?.length ? groupTiersProblem(d.priceFen, d.groupTiers) : null;
  if (problem) throw validation(problem, { productId, field: 'groupTiers' });
}

const tx = <T>(db: Db, fn: (tx: Db) => Promise<T>) => db.transaction((raw) => fn(raw as unknown as Db));

export async function updateCampaign(db: Db, campaignId: string, patch: CampaignPatch) {
  await tx(db, async (t) => {
    const c = await lockOpen(t, campaignId);
    if (c.started && !sameInstant(patch.startsAt, c.starts_at)) {
      throw invalidState('The campaign is already selling; its start time is fixed', { field: 'startsAt' });
    }
    const startsAt = new Date(patch.startsAt ?? iso(c.starts_at)!);
    // null asks for the region's cutoff for the pickup date the campaign will have
    const newCutoff =
      patch.cutoffAt === null
        ? (await holdRegion(t, c.region_id, patch.pickupDate ?? dateOnly(c.pickup_date)!)).defaultCutoffAt!
        : patch.cutoffAt;
    const cutoffAt = new Date(newCutoff ?? iso(c.cutoff_at)!);
    if (cutoffAt <= startsAt) throw validation('cutoffAt must be after startsAt', { field: 'cutoffAt' });
    if (newCutoff !== undefined && cutoffAt.getTime() <= Date.now()) {
      throw validation('cutoffAt must be in the future', { field: 'cutoffAt' });
    }
    const sets = [
      ...(patch.title !== undefined ? [sql`title = ${patch.title}`] : []),
      ...(patch.startsAt !== undefined ? [sql`starts_at = ${patch.startsAt}`] : []),
      ...(newCutoff !== undefined ? [sql`cutoff_at = ${newCutoff}`] : []),
      ...(patch.pickupDate !== undefined ? [sql`pickup_date = ${patch.pickupDate}`] : []),
    ];
    if (sets.length) await exec(t, sql`update campaigns set ${sql.join(sets, sql`, `)} where id = ${campaignId}`);
    // narrowing the targets leaves orders placed before where they are: they were offered there then
    await setTargets(t, campaignId, c.region_id, patch);
    // the cutoff job moves with cutoffAt (same key: the job row is updated, not duplicated)
    if (newCutoff !== undefined) {
      await scheduleJob(t, { name: 'cutoff', key: `cutoff:${campaignId}`, runAt: cutoffAt, payload: { campaignId } });
    }
  });
  return getCampaign(db, campaignId);
}

export async function addCampaignItem(db: Db, campaignId: string, item: CampaignItemInput) {
  checkDeal(item, item.productId);
  await tx(db, async (t) => {
    const c = await lockOpen(t, campaignId);
    if (!(await one(t, sql`select 1 as ok from products where id = ${item.productId}`))) {
      throw validation('Unknown product', { productIds: [item.productId] });
    }
    await requireUsableSuppliers(t, [item.productId], regionTodaySql(c.region_id));
    if (
      await one(
        t,
        sql`select 1 as ok from campaign_items where campaign_id = ${campaignId} and product_id = ${item.productId}`,
      )
    ) {
      throw conflict('This product is already a deal of the campaign', { productId: item.productId });
    }
    await exec(
      t,
      sql`
      insert into campaign_items (campaign_id, product_id, price_fen, member_price_fen, quota, per_customer_limit, sale_starts_at, group_tiers, position)
      values (${campaignId}, ${item.productId}, ${item.priceFen}, ${item.memberPriceFen ?? null}, ${item.quota ?? null},
        ${item.perCustomerLimit ?? null}, ${item.saleStartsAt ?? null}, ${item.groupTiers?.length ? JSON.stringify(item.groupTiers) : null}::jsonb,
        (select coalesce(max(position), -1) + 1 from campaign_items where campaign_id = ${campaignId}))`,
    );
  });
  return getCampaign(db, campaignId);
}

interface LockedItem {
  product_id: string;
  price_fen: number;
  member_price_fen: number | null;
  quota: number | null;
  sold: number;
  group_tiers: GroupTier[] | null;
  on_sale: boolean;
}

async function lockItem(t: Db, campaignId: string, itemId: string): Promise<LockedItem> {
  const item = await one<LockedItem>(
    t,
    sql`
    select ci.product_id, ci.price_fen, ci.member_price_fen, ci.quota, ci.sold, ci.group_tiers,
      (c.starts_at <= now() and (ci.sale_starts_at is null or ci.sale_starts_at <= now())) as on_sale
    from campaign_items ci join campaigns c on c.id = ci.campaign_id
    where ci.id = ${itemId} and ci.campaign_id = ${campaignId} for update of ci`,
  );
  if (!item) throw notFound('Campaign item');
  return item;
}

export async function updateCampaignItem(db: Db, campaignId: string, itemId: string, patch: ItemPatch) {
  await tx(db, async (t) => {
    await lockOpen(t, campaignId);
    const item = await lockItem(t, campaignId, itemId);
    const onlyQuota = Object.entries(patch).every(([k, v]) => k === 'quota' || v === undefined);
    if ((item.on_sale || item.sold > 0) && !onlyQuota) {
      throw invalidState('This deal is already on sale; only its quota can change', { field: 'priceFen' });
    }
    if (patch.quota != null && patch.quota < item.sold) {
      throw invalidState('The quota cannot go below the units already sold', { sold: item.sold, field: 'quota' });
    }
    checkDeal(
      {
        priceFen: patch.priceFen ?? item.price_fen,
        memberPriceFen: patch.memberPriceFen === undefined ? item.member_price_fen : patch.memberPriceFen,
        groupTiers: patch.groupTiers === undefined ? item.group_tiers : patch.groupTiers,
      },
      item.product_id,
    );
    const cols: [string, unknown][] = [
      ['price_fen', patch.priceFen],
      ['member_price_fen', patch.memberPriceFen],
      ['quota', patch.quota],
      ['per_customer_limit', patch.perCustomerLimit],
      ['sale_starts_at', patch.saleStartsAt],
    ];
    const sets = cols.filter(([, v]) => v !== undefined).map(([c, v]) => sql`${sql.raw(c)} = ${v}`);
    if (patch.groupTiers !== undefined)
      sets.push(sql`group_tiers = ${patch.groupTiers?.length ? JSON.stringify(patch.groupTiers) : null}::jsonb`);
    // sold only moves under this row's lock, but the check constraint stays the last word on the quota
    await exec(t, sql`update campaign_items set ${sql.join(sets, sql`, `)} where id = ${itemId}`);
  });
  return getCampaign(db, campaignId);
}

export async function removeCampaignItem(db: Db, campaignId: string, itemId: string) {
  await tx(db, async (t) => {
    await lockOpen(t, campaignId);
    const item = await lockItem(t, campaignId, itemId);
    if (
      item.on_sale ||
      item.sold > 0 ||
      (await one(t, sql`select 1 as ok from order_lines where campaign_item_id = ${itemId} limit 1`))
    ) {
      throw invalidState('This deal is already on sale; it cannot be removed');
    }
    const [{ n }] = await rows<{ n: number }>(
      t,
      sql`select count(*)::int as n from campaign_items where campaign_id = ${campaignId}`,
    );
    if (n <= 1) throw invalidState('A campaign keeps at least one deal');
    await exec(t, sql`delete from campaign_items where id = ${itemId}`);
  });
  return getCampaign(db, campaignId);
}
