import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../src/db/client.js';

/**
 * The stock ledger's invariant (decision 037), read plainly: every (warehouse, product) whose
 * figure, sum of movements or sum of its lots' remaining units disagree. Empty when the ledger holds.
 */
export async function ledgerBreaks(db: Db) {
  return rows<{ warehouse_id: string; product_id: string; stock: number; moved: number; in_lots: number }>(
    db,
    sql`
    with keys as (
      select warehouse_id, product_id from warehouse_stock
      union select warehouse_id, product_id from stock_movements
      union select warehouse_id, product_id from lots
    )
    select k.warehouse_id, k.product_id,
      coalesce((select quantity from warehouse_stock s where s.warehouse_id = k.warehouse_id and s.product_id = k.product_id), 0)::int as stock,
      coalesce((select sum(quantity) from stock_movements m where m.warehouse_id = k.warehouse_id and m.product_id = k.product_id), 0)::int as moved,
      coalesce((select sum(remaining) from lots l where l.warehouse_id = k.warehouse_id and l.product_id = k.product_id), 0)::int as in_lots
    from keys k`,
  ).then((all) => all.filter((r) => r.stock !== r.moved || r.stock !== r.in_lots));
}

/** A warehouse's free stock of a product (0 when it has no row). */
export async function stockOf(db: Db, warehouseId: string, productId: string) {
  const r = await one<{ quantity: number }>(
    db,
    sql`select quantity from warehouse_stock where warehouse_id = ${warehouseId} and product_id = ${productId}`,
  );
  return r?.quantity ?? 0;
}
