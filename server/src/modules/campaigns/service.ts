import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { dateOnly, iso } from '../../lib/time.js';
import { scheduleJob } from '../../jobs/runner.js';
import { DEFAULT_REGION_ID } from '../network/service.js';

export interface CampaignItemInput {
  productId: string; priceFen: number; memberPriceFen?: number; quota?: number; perCustomerLimit?: number; saleStartsAt?: string;
}

export interface CampaignInput {
  title: string; startsAt: string; cutoffAt: string; pickupDate: string; items: CampaignItemInput[];
}

export async function createCampaign(db: Db, input: CampaignInput) {
  if (new Date(input.cutoffAt) <= new Date(input.startsAt)) throw validation('cutoffAt must be after startsAt', { field: 'cutoffAt' });
  const productIds = input.items.map((i) => i.productId);
  if (new Set(productIds).size !== productIds.length) throw validation('A product appears twice in the campaign', { field: 'items' });
  for (const item of input.items) {
    if (item.memberPriceFen !== undefined && item.memberPriceFen > item.priceFen) {
      throw validation('memberPriceFen must not exceed priceFen', { productId: item.productId });
    }
  }
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const known = await rows<{ id: string }>(tx, sql`select id from products where id in (${sql.join(productIds.map((p) => sql`${p}`), sql`, `)})`);
    if (known.length !== productIds.length) {
      const missing = productIds.filter((p) => !known.some((k) => k.id === p));
      throw validation('Unknown product', { productIds: missing });
    }
    const campaign = (await one<{ id: string }>(tx, sql`
      insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date)
      values (${DEFAULT_REGION_ID}, ${input.title}, ${input.startsAt}, ${input.cutoffAt}, ${input.pickupDate}) returning id`))!;
    const items = await rows<{ id: string; productId: string }>(tx, sql`
      insert into campaign_items (campaign_id, product_id, price_fen, member_price_fen, quota, per_customer_limit, sale_starts_at, position)
      values ${sql.join(input.items.map((i, n) => sql`(${campaign.id}, ${i.productId}, ${i.priceFen}, ${i.memberPriceFen ?? null},
        ${i.quota ?? null}, ${i.perCustomerLimit ?? null}, ${i.saleStartsAt ?? null}, ${n})`), sql`, `)}
      returning id, product_id as "productId"`);
    await scheduleJob(tx, { name: 'cutoff', key: `cutoff:${campaign.id}`, runAt: new Date(input.cutoffAt), payload: { campaignId: campaign.id } });
    return { id: campaign.id, items: input.items.map((i) => ({ ...i, id: items.find((r) => r.productId === i.productId)!.id })) };
  });
}

export interface DealView {
  id: string; productId: string; name: string; unit: string; category: string; priceFen: number; memberPriceFen?: number;
  listPriceFen: number; quota?: number; remaining?: number; sold: number; perCustomerLimit?: number; saleStartsAt?: string;
}

export interface CampaignView {
  id: string; title: string; startsAt: string; cutoffAt: string; pickupDate: string; status: string; items: DealView[];
}

async function loadCampaigns(db: Db, where: ReturnType<typeof sql>): Promise<CampaignView[]> {
  const found = await rows<{ id: string; title: string; starts_at: unknown; cutoff_at: unknown; pickup_date: unknown; status: string }>(db, sql`
    select id, title, starts_at, cutoff_at, pickup_date, status from campaigns c where ${where} order by cutoff_at desc limit 100`);
  if (!found.length) return [];
  const items = await rows<{
    id: string; campaign_id: string; product_id: string; name: string; unit: string; category: string; price_fen: number;
    member_price_fen: number | null; list_price_fen: number; quota: number | null; sold: number; per_customer_limit: number | null; sale_starts_at: unknown;
  }>(db, sql`
    select ci.id, ci.campaign_id, ci.product_id, p.name, p.unit, p.category, ci.price_fen, ci.member_price_fen, p.list_price_fen,
      ci.quota, ci.sold, ci.per_customer_limit, ci.sale_starts_at
    from campaign_items ci join products p on p.id = ci.product_id
    where ci.campaign_id in (${sql.join(found.map((c) => sql`${c.id}`), sql`, `)}) order by ci.position`);
  return found.map((c) => ({
    id: c.id, title: c.title, startsAt: iso(c.starts_at)!, cutoffAt: iso(c.cutoff_at)!, pickupDate: dateOnly(c.pickup_date)!, status: c.status,
    items: items.filter((i) => i.campaign_id === c.id).map((i) => ({
      id: i.id, productId: i.product_id, name: i.name, unit: i.unit, category: i.category, priceFen: i.price_fen,
      ...(i.member_price_fen !== null ? { memberPriceFen: i.member_price_fen } : {}),
      listPriceFen: i.list_price_fen, sold: i.sold,
      ...(i.quota !== null ? { quota: i.quota, remaining: i.quota - i.sold } : {}),
      ...(i.per_customer_limit !== null ? { perCustomerLimit: i.per_customer_limit } : {}),
      ...(i.sale_starts_at ? { saleStartsAt: iso(i.sale_starts_at)! } : {}),
    })),
  }));
}

/** Campaigns on sale now: open, started, before their cutoff. */
export const activeCampaigns = (db: Db) =>
  loadCampaigns(db, sql`c.status = 'open' and c.starts_at <= now() and c.cutoff_at > now()`);

export const listCampaigns = (db: Db) => loadCampaigns(db, sql`true`);

export async function getCampaign(db: Db, id: string): Promise<CampaignView> {
  const [campaign] = await loadCampaigns(db, sql`c.id = ${id}`);
  if (!campaign) throw notFound('Campaign');
  return campaign;
}
