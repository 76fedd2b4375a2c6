import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { one, rows, type Db } from '../../db/client.js';
import { conflict, notFound, validation } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { defineSetting } from '../settings/service.js';
import type { MarkdownBasis } from './schema.js';

/** The loss-rate limits (kpis: loss under 5 %; under 3 % for stock cleared online by 尾货秒杀). */
export const LOSS_LIMIT = defineSetting({
  key: 'freshness.lossRateLimitBps',
  schema: z.number().int().min(1).max(10_000),
  default: 500,
  description:
    '综合损耗率上限（基点）：报废 + 到货破损 + 收货拒收，除以收货件数；一周超过即提醒 / overall loss-rate limit in basis points, per warehouse and week',
});
export const ONLINE_LOSS_LIMIT = defineSetting({
  key: 'freshness.onlineLossRateLimitBps',
  schema: z.number().int().min(1).max(10_000),
  default: 300,
  description:
    '线上库存损耗率上限（基点）：库存报废除以入库存件数（临期商品以尾货秒杀清仓）；一周超过即提醒 / online stock loss-rate limit in basis points (stock write-offs over units put into stock), per warehouse and week',
});

export interface RuleSubjectInput {
  productId?: string | null;
  category?: string | null;
}

function subject(input: RuleSubjectInput): { productId: string | null; category: string | null } {
  const productId = input.productId ?? null;
  const category = input.category?.trim() || null;
  if ((productId === null) === (category === null))
    throw validation('Name either a product or a category', { field: productId ? 'category' : 'productId' });
  return { productId, category };
}

async function checkSubject(db: Db, s: { productId: string | null; category: string | null }) {
  if (s.productId && !(await one(db, sql`select 1 as ok from products where id = ${s.productId}`)))
    throw validation('Unknown product', { field: 'productId' });
  if (s.category && !(await one(db, sql`select 1 as ok from products where category = ${s.category} limit 1`)))
    throw validation('No product has this category', { field: 'category' });
}

export interface AlertRuleView {
  id: string;
  productId: string | null;
  productName: string | null;
  category: string | null;
  daysBeforeExpiry: number;
  updatedAt: string;
}

export async function listAlertRules(db: Db): Promise<AlertRuleView[]> {
  const found = await rows<AlertRuleView & { updatedAt: unknown }>(
    db,
    sql`
    select r.id, r.product_id as "productId", p.name as "productName", r.category, r.days_before_expiry as "daysBeforeExpiry",
      r.updated_at as "updatedAt"
    from expiry_alert_rules r left join products p on p.id = r.product_id
    order by coalesce(r.category, p.category), r.category is null, p.name`,
  );
  return found.map((r) => ({ ...r, updatedAt: iso(r.updatedAt)! }));
}

/** Sets the rule of a product or category (one each: a second put replaces the days). */
export async function putAlertRule(db: Db, input: RuleSubjectInput & { daysBeforeExpiry: number }) {
  const s = subject(input);
  await checkSubject(db, s);
  const saved = await one<{ id: string }>(
    db,
    sql`
    insert into expiry_alert_rules (product_id, category, days_before_expiry) values (${s.productId}, ${s.category}, ${input.daysBeforeExpiry})
    on conflict ${s.productId ? sql`(product_id)` : sql`(category)`} do update set days_before_expiry = excluded.days_before_expiry, updated_at = now()
    returning id`,
  );
  return (await listAlertRules(db)).find((r) => r.id === saved!.id)!;
}

export async function deleteAlertRule(db: Db, id: string) {
  const gone = await one(db, sql`delete from expiry_alert_rules where id = ${id} returning id`);
  if (!gone) throw notFound('Rule');
}

export interface MarkdownRuleView {
  id: string;
  productId: string | null;
  productName: string | null;
  category: string | null;
  basis: MarkdownBasis;
  days: number;
  discountBps: number;
  updatedAt: string;
}

export async function listMarkdownRules(db: Db): Promise<MarkdownRuleView[]> {
  const found = await rows<MarkdownRuleView & { updatedAt: unknown }>(
    db,
    sql`
    select r.id, r.product_id as "productId", p.name as "productName", r.category, r.basis, r.days,
      r.discount_bps as "discountBps", r.updated_at as "updatedAt"
    from markdown_rules r left join products p on p.id = r.product_id
    order by coalesce(r.category, p.category), r.category is null, p.name, r.basis, r.days desc`,
  );
  return found.map((r) => ({ ...r, updatedAt: iso(r.updatedAt)! }));
}

/** Adds a markdown step; the same subject, basis and days twice is 409 CONFLICT. */
export async function createMarkdownRule(
  db: Db,
  input: RuleSubjectInput & { basis: MarkdownBasis; days: number; discountBps: number },
) {
  const s = subject(input);
  await checkSubject(db, s);
  const saved = await one<{ id: string }>(
    db,
    sql`
    insert into markdown_rules (product_id, category, basis, days, discount_bps)
    values (${s.productId}, ${s.category}, ${input.basis}, ${input.days}, ${input.discountBps})
    on conflict do nothing returning id`,
  );
  if (!saved) throw conflict('This product or category already has a step on that day', { field: 'days' });
  return (await listMarkdownRules(db)).find((r) => r.id === saved.id)!;
}

export async function deleteMarkdownRule(db: Db, id: string) {
  const gone = await one(db, sql`delete from markdown_rules where id = ${id} returning id`);
  if (!gone) throw notFound('Rule');
}
