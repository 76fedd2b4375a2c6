import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { conflict, notFound, validation } from '../../lib/errors.js';
import { dateOnly, iso } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';

/**
 * Free stock per warehouse and product (daily goods are stocked; fresh goods are bought to
 * order). The cutoff takes from it, receiving adds pack-rounding surplus to it, and operators
 * adjust it here. It never goes below zero: every decrease is a conditional update.
 */

export interface StockView {
  warehouseId: string;
  warehouseName: string;
  productId: string;
  productName: string;
  unit: string;
  category: string;
  quantity: number;
  nextExpiry: string | null;
}

export async function listStock(
  db: Db,
  filter: { warehouseId?: string; productId?: string; scope?: RegionScope } = {},
): Promise<StockView[]> {
  const found = await rows<StockView & { nextExpiry: unknown }>(
    db,
    sql`
    select s.warehouse_id as "warehouseId", w.name as "warehouseName", s.product_id as "productId", p.name as "productName",
      p.unit, p.category, s.quantity,
      (select min(l.expires_on) from lots l where l.warehouse_id = s.warehouse_id and l.product_id = s.product_id
         and l.expires_on >= current_date) as "nextExpiry"
    from warehouse_stock s join warehouses w on w.id = s.warehouse_id join products p on p.id = s.product_id
    where ${filter.warehouseId ? sql`s.warehouse_id = ${filter.warehouseId}` : sql`true`}
      and ${filter.productId ? sql`s.product_id = ${filter.productId}` : sql`true`}
      and ${inScope(filter.scope ?? null, sql`w.region_id`)}
    order by w.name, p.category, p.name limit 5000`,
  );
  return found.map((s) => ({ ...s, nextExpiry: dateOnly(s.nextExpiry) }));
}

export interface AdjustInput {
  warehouseId: string;
  productId: string;
  quantityDelta: number;
  reason: string;
  /** for goods put into stock: the lot's expiry (default today + shelf life) */
  expiresOn?: string;
}

/**
 * Records goods put into or taken out of stock. An increase is also a lot (with its expiry),
 * so stocked goods keep their trace and their first-expiring-first-out order.
 */
export async function adjustStock(db: Db, input: AdjustInput) {
  if (input.quantityDelta === 0) throw validation('quantityDelta must not be 0', { field: 'quantityDelta' });
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const known = await one<{ warehouse: boolean; product: boolean; time_zone: string | null }>(
      tx,
      sql`
      select exists (select 1 from warehouses where id = ${input.warehouseId}) as warehouse,
             exists (select 1 from products where id = ${input.productId}) as product,
             (select r.time_zone from warehouses w join regions r on r.id = w.region_id where w.id = ${input.warehouseId}) as time_zone`,
    );
    if (!known?.warehouse) throw notFound('Warehouse');
    if (!known.product) throw notFound('Product');
    let quantity: number;
    let lotId: string | null = null;
    if (input.quantityDelta > 0) {
      quantity = (await one<{ quantity: number }>(
        tx,
        sql`
        insert into warehouse_stock (warehouse_id, product_id, quantity) values (${input.warehouseId}, ${input.productId}, ${input.quantityDelta})
        on conflict (warehouse_id, product_id) do update set quantity = warehouse_stock.quantity + excluded.quantity
        returning quantity`,
      ))!.quantity;
      lotId = (await one<{ id: string }>(
        tx,
        sql`
        insert into lots (warehouse_id, product_id, quantity, expires_on)
        select ${input.warehouseId}, ${input.productId}, ${input.quantityDelta},
          coalesce(${input.expiresOn ?? null}::date, (now() at time zone ${known.time_zone ?? 'Asia/Shanghai'})::date + p.shelf_life_days)
        from products p where p.id = ${input.productId}
        returning id`,
      ))!.id;
    } else {
      const taken = await one<{ quantity: number }>(
        tx,
        sql`
        update warehouse_stock set quantity = quantity + ${input.quantityDelta}
        where warehouse_id = ${input.warehouseId} and product_id = ${input.productId} and quantity + ${input.quantityDelta} >= 0
        returning quantity`,
      );
      if (!taken) {
        const current = await one<{ quantity: number }>(
          tx,
          sql`
          select quantity from warehouse_stock where warehouse_id = ${input.warehouseId} and product_id = ${input.productId}`,
        );
        throw conflict('Stock cannot go below zero', { available: current?.quantity ?? 0 });
      }
      quantity = taken.quantity;
    }
    return {
      warehouseId: input.warehouseId,
      productId: input.productId,
      quantity,
      quantityDelta: input.quantityDelta,
      reason: input.reason,
      lotId,
      at: iso(new Date())!,
    };
  });
}
