import { sql } from 'drizzle-orm';
import { one, rows, exec, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { richTextIsEmpty, sanitizeRichText } from '../../lib/rich-text.js';
import { nameKeys } from '../search/keys.js';
import { productImages, type ImageView } from './media.js';
import type { NutritionFacts } from './schema.js';

export async function createSupplier(db: Db, input: { name: string }) {
  return (await one<{ id: string }>(db, sql`insert into suppliers (name) values (${input.name}) returning id`))!;
}

export interface ProductInput {
  name: string;
  category: string;
  supplierId: string;
  unit: string;
  listPriceFen: number;
  costFen: number;
  temperatureZone: 'ambient' | 'chilled' | 'frozen';
  shelfLifeDays?: number;
  minRemainingShelfDays?: number;
  packSize?: number;
  /** rich text, sanitised here before it is stored */
  description?: string;
  origin?: string;
  specification?: string;
  storage?: string;
  nutrition?: NutritionFacts;
}

/** The details a product page shows, beyond name, unit and prices. */
export interface ProductDetails {
  description: string | null;
  origin: string | null;
  specification: string | null;
  storage: string | null;
  nutrition: NutritionFacts | null;
}

/** Stored form of a description: sanitised, and null when nothing visible is left. */
function cleanDescription(description: string | null | undefined) {
  if (description === undefined || description === null) return description;
  const clean = sanitizeRichText(description);
  return richTextIsEmpty(clean) ? null : clean;
}

export async function createProduct(db: Db, p: ProductInput) {
  const category = await one(db, sql`select 1 as ok from categories where code = ${p.category}`);
  if (!category) throw validation(`Unknown category code "${p.category}"`, { field: 'category' });
  const supplier = await one(db, sql`select 1 as ok from suppliers where id = ${p.supplierId}`);
  if (!supplier) throw notFound('Supplier');
  const keys = nameKeys(p.name);
  return (await one<{ id: string }>(
    db,
    sql`
    insert into products (name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone, shelf_life_days, pack_size,
                          min_remaining_shelf_days, description, origin, specification, storage, nutrition, name_pinyin, name_initials)
    values (${p.name}, ${p.category}, ${p.supplierId}, ${p.unit}, ${p.listPriceFen}, ${p.costFen}, ${p.temperatureZone},
            ${p.shelfLifeDays ?? null}, ${p.packSize ?? 1}, ${p.minRemainingShelfDays ?? null}, ${cleanDescription(p.description) ?? null}, ${p.origin ?? null},
            ${p.specification ?? null}, ${p.storage ?? null}, ${p.nutrition ? JSON.stringify(p.nutrition) : null}::jsonb,
            ${keys.namePinyin}, ${keys.nameInitials})
    returning id`,
  ))!;
}

export async function createCategory(db: Db, input: { code: string; nameZh: string; nameEn: string }) {
  await exec(
    db,
    sql`insert into categories (code, name_zh, name_en) values (${input.code}, ${input.nameZh}, ${input.nameEn})`,
  );
  return { code: input.code };
}

export async function listCategories(db: Db) {
  return rows<{ code: string; nameZh: string; nameEn: string }>(
    db,
    sql`
    select code, name_zh as "nameZh", name_en as "nameEn" from categories order by code`,
  );
}

export async function listSuppliers(db: Db) {
  return rows<{ id: string; name: string; status: string }>(
    db,
    sql`select id, name, status from suppliers order by name`,
  );
}

export interface ProductRow extends ProductDetails {
  id: string;
  name: string;
  category: string;
  supplierId: string;
  unit: string;
  listPriceFen: number;
  costFen: number;
  temperatureZone: string;
  shelfLifeDays: number | null;
  minRemainingShelfDays: number | null;
  packSize: number;
}

export async function listProducts(db: Db, onlyId?: string): Promise<(ProductRow & { images: ImageView[] })[]> {
  const found = await rows<ProductRow>(
    db,
    sql`
    select id, name, category, supplier_id as "supplierId", unit, list_price_fen as "listPriceFen", cost_fen as "costFen",
           temperature_zone as "temperatureZone", shelf_life_days as "shelfLifeDays", pack_size as "packSize",
           min_remaining_shelf_days as "minRemainingShelfDays", description, origin, specification, storage, nutrition
    from products ${onlyId ? sql`where id = ${onlyId}` : sql``} order by category, name`,
  );
  const images = await productImages(
    db,
    found.map((p) => p.id),
  );
  return found.map((p) => ({ ...p, images: images.get(p.id) ?? [] }));
}

/** A product as shoppers see it (no cost, no supplier), with its details and pictures; 404 when missing. */
export async function productPage(db: Db, id: string) {
  const [p] = await listProducts(db, id);
  if (!p) throw notFound('Product');
  const { costFen: _cost, supplierId: _supplier, ...shown } = p;
  return shown;
}

/** `SET` clauses for the fields a patch carries (undefined = leave as is). */
function setClauses(fields: [string, unknown][]) {
  return fields.filter(([, v]) => v !== undefined).map(([col, v]) => sql`${sql.raw(col)} = ${v}`);
}

/** Renames a supplier or changes its status (a suspended supplier stays on existing products). */
export async function updateSupplier(db: Db, id: string, patch: { name?: string; status?: 'active' | 'suspended' }) {
  const sets = setClauses([
    ['name', patch.name],
    ['status', patch.status],
  ]);
  const row = await one<{ id: string; name: string; status: string }>(
    db,
    sql`
    update suppliers set ${sql.join(sets, sql`, `)} where id = ${id} returning id, name, status`,
  );
  if (!row) throw notFound('Supplier');
  return row;
}

type Clearable =
  | 'shelfLifeDays'
  | 'minRemainingShelfDays'
  | 'description'
  | 'origin'
  | 'specification'
  | 'storage'
  | 'nutrition';
/** null clears an optional field */
export type ProductPatch = Partial<Omit<ProductInput, Clearable>> & {
  [K in Clearable]?: ProductInput[K] | null;
};

/**
 * Edits a product in one statement. Deals already in campaigns keep their own deal price;
 * listPriceFen (划线价) shows at once everywhere. Unknown category: 400; unknown supplier: 404.
 */
export async function updateProduct(db: Db, id: string, patch: ProductPatch) {
  if (
    patch.category !== undefined &&
    !(await one(db, sql`select 1 as ok from categories where code = ${patch.category}`))
  ) {
    throw validation(`Unknown category code "${patch.category}"`, { field: 'category' });
  }
  if (
    patch.supplierId !== undefined &&
    !(await one(db, sql`select 1 as ok from suppliers where id = ${patch.supplierId}`))
  ) {
    throw notFound('Supplier');
  }
  // a renamed product is found by its new name's pinyin at once
  const keys = patch.name !== undefined ? nameKeys(patch.name) : undefined;
  const sets = setClauses([
    ['name', patch.name],
    ['name_pinyin', keys?.namePinyin],
    ['name_initials', keys?.nameInitials],
    ['category', patch.category],
    ['supplier_id', patch.supplierId],
    ['unit', patch.unit],
    ['list_price_fen', patch.listPriceFen],
    ['cost_fen', patch.costFen],
    ['temperature_zone', patch.temperatureZone],
    ['shelf_life_days', patch.shelfLifeDays],
    ['min_remaining_shelf_days', patch.minRemainingShelfDays],
    ['pack_size', patch.packSize],
    ['description', cleanDescription(patch.description)],
    ['origin', patch.origin],
    ['specification', patch.specification],
    ['storage', patch.storage],
  ]);
  if (patch.nutrition !== undefined)
    sets.push(sql`nutrition = ${patch.nutrition ? JSON.stringify(patch.nutrition) : null}::jsonb`);
  const row = await one<{ id: string }>(
    db,
    sql`update products set ${sql.join(sets, sql`, `)} where id = ${id} returning id`,
  );
  if (!row) throw notFound('Product');
  return (await listProducts(db, id))[0];
}
