import { sql, type SQL } from 'drizzle-orm';
import { pgArray, rows, type Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

/**
 * Whether a supplier may be given purchase orders (decision 038): it is active (not suspended)
 * and qualified, i.e. each document kind it is required to hold has an approved document that
 * has not expired on `today` (a business day, the region's calendar). One place for the rule:
 * campaign edits refuse products without a usable supplier, the cutoff routes their demand to the
 * backup supplier or raises no purchase order, and the campaign detail warns before the cutoff.
 */
export const supplierUsableSql = (supplierId: SQL, today: SQL) => sql`exists (
  select 1 from suppliers us where us.id = ${supplierId} and us.status = 'active'
    and not exists (
      select 1 from unnest(us.required_documents) as req(kind)
      where not exists (
        select 1 from supplier_documents d
        where d.supplier_id = us.id and d.kind = req.kind and d.review_status = 'approved'
          and (d.expires_on is null or d.expires_on >= ${today}))))`;

/** The kinds of required document a supplier lacks on `today` (none approved and unexpired). */
export const missingDocumentsSql = (supplier: SQL, today: SQL) => sql`array(
  select req.kind from unnest(${supplier}.required_documents) as req(kind)
  where not exists (
    select 1 from supplier_documents d
    where d.supplier_id = ${supplier}.id and d.kind = req.kind and d.review_status = 'approved'
      and (d.expires_on is null or d.expires_on >= ${today}))
  order by 1)`;

/** The business day now in a region's time zone, as SQL. */
export const regionTodaySql = (regionId: SQL | string) =>
  sql`(select (now() at time zone r.time_zone)::date from regions r where r.id = ${regionId})`;

export interface UnsuppliedProduct {
  productId: string;
  name: string;
  supplierId: string;
  supplierName: string;
  /** why the product's supplier cannot take purchase orders */
  reason: 'supplier_suspended' | 'supplier_unqualified';
  /** the required document kinds the supplier lacks */
  missingDocuments: string[];
}

/** The columns an unsupplied product is read with (`p` a product, `s` its supplier): see `toUnsuppliedProduct`. */
export const unsuppliedColumnsSql = (today: SQL) =>
  sql`p.id as product_id, p.name, s.id as supplier_id, s.name as supplier_name, s.status,
      ${missingDocumentsSql(sql`s`, today)} as missing`;

/** Product `p` has no usable supplier on `today`: neither its supplier nor its backup may take purchase orders. */
export const noUsableSupplierSql = (today: SQL) =>
  sql`not ${supplierUsableSql(sql`p.supplier_id`, today)}
      and (p.backup_supplier_id is null or not ${supplierUsableSql(sql`p.backup_supplier_id`, today)})`;

export interface UnsuppliedRow {
  product_id: string;
  name: string;
  supplier_id: string;
  supplier_name: string;
  status: string;
  missing: string[];
}

export const toUnsuppliedProduct = (r: UnsuppliedRow): UnsuppliedProduct => ({
  productId: r.product_id,
  name: r.name,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  reason: r.status === 'active' ? 'supplier_unqualified' : 'supplier_suspended',
  missingDocuments: r.missing,
});

/**
 * Of the given products, those with no usable supplier on `today`: neither their supplier nor
 * their backup supplier may be given purchase orders. One statement for any number of products.
 */
export async function productsWithoutUsableSupplier(
  db: Db,
  productIds: readonly string[],
  today: SQL,
): Promise<UnsuppliedProduct[]> {
  if (!productIds.length) return [];
  const found = await rows<UnsuppliedRow>(
    db,
    sql`
    select ${unsuppliedColumnsSql(today)}
    from products p join suppliers s on s.id = p.supplier_id
    where p.id = any(${pgArray(productIds)}::uuid[]) and ${noUsableSupplierSql(today)}
    order by p.name, p.id`,
  );
  return found.map(toUnsuppliedProduct);
}

/** 409 SUPPLIER_UNAVAILABLE naming every product that has no usable supplier. */
export function supplierUnavailable(products: UnsuppliedProduct[]) {
  return new AppError(
    'SUPPLIER_UNAVAILABLE',
    409,
    `No usable supplier for: ${products.map((p) => p.name).join(', ')} (suspended or unqualified, and no usable backup supplier)`,
    { products },
  );
}

/** Refuses (409 SUPPLIER_UNAVAILABLE) when any of the products has no usable supplier on `today`. */
export async function requireUsableSuppliers(db: Db, productIds: readonly string[], today: SQL): Promise<void> {
  const unusable = await productsWithoutUsableSupplier(db, productIds, today);
  if (unusable.length) throw supplierUnavailable(unusable);
}
