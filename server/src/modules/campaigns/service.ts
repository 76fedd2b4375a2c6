import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { keyset, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { dateOnly, iso } from '../../lib/time.js';
import { scheduleJob } from '../../jobs/runner.js';
import { DEFAULT_REGION_ID } from '../network/service.js';
import { holdRegion } from '../network/regions.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { coverImageSql, imageView, type ImageView } from '../catalog/media.js';
import { productPage } from '../catalog/service.js';
import { regionTodaySql, requireUsableSuppliers } from '../catalog/qualification.js';
import { currentTier, groupTiersProblem, nextTier, priceAtBuyers, type GroupTier } from './rules.js';

export interface CampaignItemInput {
  productId: string;
  priceFen: number;
  memberPriceFen?: number;
  quota?: number;
  perCustomerLimit?: number;
  saleStartsAt?: string;
  /** group-tier prices (拼团/阶梯价); priceFen applies below the first tier */
  groupTiers?: GroupTier[];
}

export interface CampaignInput {
  title: string;
  startsAt: string;
  /** the region's cutoff time on the day before pickupDate, on the region's clock, unless given */
  cutoffAt?: string;
  pickupDate: string;
  /** the region (city) it sells in; the default region unless given */
  regionId?: string;
  /** offered only on these routes and at these points of its region; neither: the whole region */
  routeIds?: string[];
  pickupPointIds?: string[];
  items: CampaignItemInput[];
}

/** The targets a campaign is offered at, when not its whole region. */
export interface CampaignTargets {
  routeIds?: string[];
  pickupPointIds?: string[];
}

/**
 * Replaces the routes and points a campaign is offered at (each kind only when given): every one
 * must exist and lie in the campaign's region (400 naming the field otherwise).
 */
export async function setTargets(tx: Db, campaignId: string, regionId: string, targets: CampaignTargets) {
  for (const [field, table, column] of [
    ['routeIds', 'routes', 'route_id'],
    ['pickupPointIds', 'pickup_points', 'pickup_point_id'],
  ] as const) {
    const ids = targets[field];
    if (ids === undefined) continue;
    const unique = [...new Set(ids)];
    if (unique.length) {
      const found = await rows<{ id: string; region_id: string }>(
        tx,
        sql`select id, region_id from ${sql.identifier(table)} where id = any(${pgArray(unique)}::uuid[])`,
      );
      const outside = unique.filter((id) => found.find((f) => f.id === id)?.region_id !== regionId);
      if (outside.length)
        throw validation("Every target must be a route or pickup point of the campaign's region", {
          field,
          ids: outside,
        });
    }
    await exec(
      tx,
      sql`delete from campaign_targets where campaign_id = ${campaignId} and ${sql.identifier(column)} is not null`,
    );
    if (unique.length)
      await exec(
        tx,
        sql`insert into campaign_targets (campaign_id, ${sql.identifier(column)})
        select ${campaignId}, t from unnest(${pgArray(unique)}::uuid[]) as t`,
      );
  }
}

export async function createCampaign(db: Db, input: CampaignInput) {
  if (input.cutoffAt !== undefined && new Date(input.cutoffAt) <= new Date(input.startsAt))
    throw validation('cutoffAt must be after startsAt', { field: 'cutoffAt' });
  const productIds = input.items.map((i) => i.productId);
  if (new Set(productIds).size !== productIds.length)
    throw validation('A product appears twice in the campaign', { field: 'items' });
  for (const item of input.items) {
    if (item.memberPriceFen !== undefined && item.memberPriceFen > item.priceFen) {
      throw validation('memberPriceFen must not exceed priceFen', { productId: item.productId });
    }
    const tierProblem = item.groupTiers?.length ? groupTiersProblem(item.priceFen, item.groupTiers) : null;
    if (tierProblem) throw validation(tierProblem, { productId: item.productId, field: 'groupTiers' });
  }
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const regionId = input.regionId ?? DEFAULT_REGION_ID;
    const region = await holdRegion(tx, regionId, input.cutoffAt === undefined ? input.pickupDate : undefined);
    const cutoffAt = input.cutoffAt ?? region.defaultCutoffAt!;
    if (input.cutoffAt === undefined && new Date(cutoffAt) <= new Date(input.startsAt))
      throw validation("The region's cutoff for this pickup date is not after startsAt: give cutoffAt", {
        field: 'cutoffAt',
        cutoffAt,
      });
    const known = await rows<{ id: string }>(
      tx,
      sql`select id from products where id in (${sql.join(
        productIds.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    );
    if (known.length !== productIds.length) {
      const missing = productIds.filter((p) => !known.some((k) => k.id === p));
      throw validation('Unknown product', { productIds: missing });
    }
    // a product nobody may be given purchase orders for cannot be sold (decision 038)
    await requireUsableSuppliers(tx, productIds, regionTodaySql(regionId));
    const campaign = (await one<{ id: string }>(
      tx,
      sql`
      insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date)
      values (${regionId}, ${input.title}, ${input.startsAt}, ${cutoffAt}, ${input.pickupDate}) returning id`,
    ))!;
    await setTargets(tx, campaign.id, regionId, input);
    const items = await rows<{ id: string; productId: string }>(
      tx,
      sql`
      insert into campaign_items (campaign_id, product_id, price_fen, member_price_fen, quota, per_customer_limit, sale_starts_at, group_tiers, position)
      values ${sql.join(
        input.items.map(
          (i, n) => sql`(${campaign.id}, ${i.productId}, ${i.priceFen}, ${i.memberPriceFen ?? null},
        ${i.quota ?? null}, ${i.perCustomerLimit ?? null}, ${i.saleStartsAt ?? null},
        ${i.groupTiers?.length ? JSON.stringify(i.groupTiers) : null}::jsonb, ${n})`,
        ),
        sql`, `,
      )}
      returning id, product_id as "productId"`,
    );
    await scheduleJob(tx, {
      name: 'cutoff',
      key: `cutoff:${campaign.id}`,
      runAt: new Date(cutoffAt),
      payload: { campaignId: campaign.id },
    });
    return {
      id: campaign.id,
      cutoffAt: new Date(cutoffAt).toISOString(),
      items: input.items.map((i) => ({ ...i, id: items.find((r) => r.productId === i.productId)!.id })),
    };
  });
}

export interface DealView {
  id: string;
  productId: string;
  name: string;
  unit: string;
  category: string;
  priceFen: number;
  memberPriceFen?: number;
  listPriceFen: number;
  quota?: number;
  remaining?: number;
  sold: number;
  perCustomerLimit?: number;
  saleStartsAt?: string;
  groupTiers?: GroupTier[];
  currentTier?: GroupTier | null;
  buyers?: number;
  nextTier?: (GroupTier & { buyersNeeded: number }) | null;
  /** the product's cover picture */
  image?: ImageView;
}

export interface CampaignView {
  id: string;
  title: string;
  startsAt: string;
  cutoffAt: string;
  pickupDate: string;
  status: string;
  regionId: string;
  /** the local hours (HH:MM, the region's clock) when customers collect on the pickup date */
  pickupFrom: string;
  pickupUntil: string;
  /** the routes and points it is offered at; both empty: its whole region */
  routeIds: string[];
  pickupPointIds: string[];
  items: DealView[];
}

/** Campaigns are listed by cutoff, latest first; the id orders those with the same cutoff. */
export const CAMPAIGN_KEYSET = keyset('campaigns', [sql`c.cutoff_at`, 'time'], [sql`c.id`, 'uuid']);

async function loadCampaigns(
  db: Db,
  where: ReturnType<typeof sql>,
  page: PageRequest = { limit: 100, after: null },
): Promise<Page<CampaignView>> {
  const p = pageSql(CAMPAIGN_KEYSET, page);
  const { items: found, nextCursor } = pageOf(
    CAMPAIGN_KEYSET,
    page,
    await rows<{
      id: string;
      title: string;
      starts_at: unknown;
      cutoff_at: unknown;
      pickup_date: unknown;
      status: string;
      region_id: string;
      pickup_from: string;
      pickup_until: string;
      route_ids: string[];
      point_ids: string[];
    }>(
      db,
      sql`
    select c.id, c.title, c.starts_at, c.cutoff_at, c.pickup_date, c.status, c.region_id, rg.pickup_from, rg.pickup_until,
      array(select t.route_id::text from campaign_targets t where t.campaign_id = c.id and t.route_id is not null order by 1) as route_ids,
      array(select t.pickup_point_id::text from campaign_targets t where t.campaign_id = c.id and t.pickup_point_id is not null order by 1) as point_ids,
      ${p.select} from campaigns c join regions rg on rg.id = c.region_id
    where (${where}) and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
    ),
  );
  if (!found.length) return { items: [], nextCursor };
  const items = await rows<{
    id: string;
    campaign_id: string;
    product_id: string;
    name: string;
    unit: string;
    category: string;
    price_fen: number;
    member_price_fen: number | null;
    list_price_fen: number;
    quota: number | null;
    sold: number;
    per_customer_limit: number | null;
    sale_starts_at: unknown;
    group_tiers: GroupTier[] | null;
    buyers: number | null;
    cover: Parameters<typeof imageView>[0] | null;
  }>(
    db,
    sql`
    select ci.id, ci.campaign_id, ci.product_id, p.name, p.unit, p.category, ci.price_fen, ci.member_price_fen, p.list_price_fen,
      ci.quota, ci.sold, ci.per_customer_limit, ci.sale_starts_at, ci.group_tiers,
      case when ci.group_tiers is not null then ${groupBuyersSql(sql`ci.id`)} end as buyers,
      ${coverImageSql(sql`p.id`)} as cover
    from campaign_items ci join products p on p.id = ci.product_id
    where ci.campaign_id in (${sql.join(
      found.map((c) => sql`${c.id}`),
      sql`, `,
    )}) order by ci.position`,
  );
  const views = found.map((c) => ({
    id: c.id,
    title: c.title,
    startsAt: iso(c.starts_at)!,
    cutoffAt: iso(c.cutoff_at)!,
    pickupDate: dateOnly(c.pickup_date)!,
    status: c.status,
    regionId: c.region_id,
    pickupFrom: c.pickup_from,
    pickupUntil: c.pickup_until,
    routeIds: c.route_ids,
    pickupPointIds: c.point_ids,
    items: items
      .filter((i) => i.campaign_id === c.id)
      .map((i) => ({
        id: i.id,
        productId: i.product_id,
        name: i.name,
        unit: i.unit,
        category: i.category,
        priceFen: i.price_fen,
        ...(i.member_price_fen !== null ? { memberPriceFen: i.member_price_fen } : {}),
        listPriceFen: i.list_price_fen,
        sold: i.sold,
        ...(i.quota !== null ? { quota: i.quota, remaining: i.quota - i.sold } : {}),
        ...(i.per_customer_limit !== null ? { perCustomerLimit: i.per_customer_limit } : {}),
        ...(i.sale_starts_at ? { saleStartsAt: iso(i.sale_starts_at)! } : {}),
        ...(i.group_tiers ? groupTierView(i.group_tiers, i.buyers ?? 0) : {}),
        ...(i.cover ? { image: imageView(i.cover) } : {}),
      })),
  }));
  return { items: views, nextCursor };
}

/** Campaigns on sale now: open, started, before their cutoff. */
export const activeCampaigns = async (db: Db, regionId: string = DEFAULT_REGION_ID) =>
  (
    await loadCampaigns(
      db,
      sql`c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now() and c.region_id = ${regionId}`,
    )
  ).items;

/** Every campaign, latest cutoff first, a page at a time. */
export const listCampaigns = (db: Db, page: PageRequest, scope: RegionScope = null) =>
  loadCampaigns(db, inScope(scope, sql`c.region_id`), page);

export async function getCampaign(db: Db, id: string, scope: RegionScope = null): Promise<CampaignView> {
  const [campaign] = (await loadCampaigns(db, sql`c.id = ${id} and ${inScope(scope, sql`c.region_id`)}`)).items;
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

/** One deal with its campaign's times and its product's details and pictures (the shop's deal page). */
export async function dealPage(db: Db, itemId: string) {
  const row = await one<{ campaign_id: string }>(db, sql`select campaign_id from campaign_items where id = ${itemId}`);
  if (!row) throw notFound('Deal');
  const { items, ...campaign } = await getCampaign(db, row.campaign_id);
  const deal = items.find((i) => i.id === itemId);
  if (!deal) throw notFound('Deal');
  return { ...deal, campaign, product: await productPage(db, deal.productId) };
}

/**
 * Distinct paying buyers of a deal: customers with an order past payment (paid, closed, ready,
 * completed) holding units of it. Computed by a query (index order_lines_item_idx) rather than
 * kept in a counter table, so it can never drift: a buyer with two orders counts once, a
 * cancelled (refunded) order drops out by its status, and at cutoff — after the campaign row is
 * locked and unpaid orders are cancelled in the same transaction — it sees exactly the orders
 * the cutoff closed, since a payment racing the cutoff waits on the order row and then finds it
 * cancelled.
 */
export const groupBuyersSql = (itemId: ReturnType<typeof sql>) => sql`(
  select count(distinct o.user_id)::int from order_lines l join orders o on o.id = l.order_id
  where l.campaign_item_id = ${itemId} and o.status in ('paid', 'closed', 'ready', 'completed') and l.quantity > l.refund_quantity)`;

export function groupTierView(tiers: GroupTier[], buyers: number) {
  return { groupTiers: tiers, buyers, currentTier: currentTier(tiers, buyers), nextTier: nextTier(tiers, buyers) };
}

/** The final price of each group-tier deal of a campaign, from its distinct paying buyers now (at cutoff). */
export async function finalGroupTierPrices(
  db: Db,
  campaignId: string,
): Promise<{ campaignItemId: string; finalPriceFen: number }[]> {
  const items = await rows<{ id: string; price_fen: number; group_tiers: GroupTier[]; buyers: number }>(
    db,
    sql`
    select ci.id, ci.price_fen, ci.group_tiers, ${groupBuyersSql(sql`ci.id`)} as buyers
    from campaign_items ci where ci.campaign_id = ${campaignId} and ci.group_tiers is not null`,
  );
  return items
    .map((i) => ({ campaignItemId: i.id, finalPriceFen: priceAtBuyers(i.price_fen, i.group_tiers, i.buyers) }))
    .filter((i, n) => i.finalPriceFen < items[n].price_fen);
}
