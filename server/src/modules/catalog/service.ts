import { sql } from 'drizzle-orm';
import { one, rows, exec, pgArray, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { richTextIsEmpty, sanitizeRichText } from '../../lib/rich-text.js';
import { nameKeys } from '../search/keys.js';
import { productImages, type ImageView } from './media.js';
import type { NutritionFacts, SupplierDocumentKind } from './schema.js';
import { missingDocumentsSql, supplierUsableSql } from './qualification.js';
import { supplierToday } from './documents.js';

export async function createSupplier(db: Db, input: { name: string; requiredDocuments?: SupplierDocumentKind[] }) {
  return (await one<{ id: string }>(
    db,
    sql`insert into suppliers (name, required_documents)
        values (${input.name}, ${pgArray([...new Set(input.requiredDocuments ?? [])])}::text[]) returning id`,
  ))!;
}

export interface ProductInput {
  name: string;
  category: string;
  supplierId: string;
  /** takes the purchase orders while the supplier is suspended or unqualified */
  backupSupplierId?: string;
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
  await checkBackupSupplier(db, p.supplierId, p.backupSupplierId);
  const keys = nameKeys(p.name);
  return (await one<{ id: string }>(
    db,
    sql`
    insert into products (name, category, supplier_id, backup_supplier_id, unit, list_price_fen, cost_fen, temperature_zone, shelf_life_days, pack_size,
                          min_remaining_shelf_days, description, origin, specification, storage, nutrition, name_pinyin, name_initials)
    values (${p.name}, ${p.category}, ${p.supplierId}, ${p.backupSupplierId ?? null}, ${p.unit}, ${p.listPriceFen}, ${p.costFen}, ${p.temperatureZone},
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

/** 400 when the backup supplier is the product's own supplier; 404 when it does not exist. */
async function checkBackupSupplier(db: Db, supplierId: string | undefined, backupId: string | null | undefined) {
  if (!backupId) return;
  if (backupId === supplierId)
    throw validation('The backup supplier must be another supplier', { field: 'backupSupplierId' });
  if (!(await one(db, sql`select 1 as ok from suppliers where id = ${backupId}`))) throw notFound('Backup supplier');
}

/** Every supplier with its standing today: usable = active and qualified (decision 038). */
export async function listSuppliers(db: Db, now = new Date()) {
  const today = sql`${supplierToday(now)}::date`;
  return rows<{
    id: string;
    name: string;
    status: string;
    requiredDocuments: string[];
    missingDocuments: string[];
    qualified: boolean;
    usable: boolean;
  }>(
    db,
    sql`
    select x.*, cardinality(x."missingDocuments") = 0 as qualified from (
      select s.id, s.name, s.status, s.required_documents as "requiredDocuments",
        ${missingDocumentsSql(sql`s`, today)} as "missingDocuments", ${supplierUsableSql(sql`s.id`, today)} as usable
      from suppliers s) x
    order by x.name`,
  );
}

export interface ProductRow extends ProductDetails {
  id: string;
  name: string;
  category: string;
  supplierId: string;
  backupSupplierId: string | null;
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
    select id, name, category, supplier_id as "supplierId", backup_supplier_id as "backupSupplierId", unit, list_price_fen as "listPriceFen", cost_fen as "costFen",
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
  const { costFen: _cost, supplierId: _supplier, backupSupplierId: _backup, ...shown } = p;
  return shown;
}

/** `SET` clauses for the fields a patch carries (undefined = leave as is). */
function setClauses(fields: [string, unknown][]) {
  return fields.filter(([, v]) => v !== undefined).map(([col, v]) => sql`${sql.raw(col)} = ${v}`);
}

/**
 * Renames a supplier, changes its status or the documents it must hold. A suspended supplier stays
 * on existing products but gets no purchase orders (their backup supplier's, or none: decision 038).
 */
export async function updateSupplier(
  db: Db,
  id: string,
  patch: { name?: string; status?: 'active' | 'suspended'; requiredDocuments?: SupplierDocumentKind[] },
) {
  const sets = setClauses([
    ['name', patch.name],
    ['status', patch.status],
  ]);
  if (patch.requiredDocuments !== undefined)
    sets.push(sql`required_documents = ${pgArray([...new Set(patch.requiredDocuments)])}::text[]`);
  const row = await one<{ id: string }>(
    db,
    sql`
    update suppliers set ${sql.join(sets, sql`, `)} where id = ${id} returning id`,
  );
  if (!row) throw notFound('Supplier');
  return (await listSuppliers(db)).find((s) => s.id === id)!;
}

type Clearable =
  | 'backupSupplierId'
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
  if (patch.backupSupplierId || patch.supplierId !== undefined) {
    const current = await one<{ supplier_id: string; backup_supplier_id: string | null }>(
      db,
      sql`select supplier_id, backup_supplier_id from products where id = ${id}`,
    );
    await checkBackupSupplier(
      db,
      patch.supplierId ?? current?.supplier_id,
      patch.backupSupplierId === undefined ? current?.backup_supplier_id : patch.backupSupplierId,
    );
  }
  // a renamed product is found by its new name's pinyin at once
  const keys = patch.name !== undefined ? nameKeys(patch.name) : undefined;
  const sets = setClauses([
    ['name', patch.name],
    ['name_pinyin', keys?.namePinyin],
    ['name_initials', keys?.nameInitials],
    ['category', patch.category],
    ['supplier_id', patch.supplierId],
    ['backup_supplier_id', patch.backupSupplierId],
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
