import { sql } from 'drizzle-orm';
import { exec, pgArray, rows, type Db } from '../db/client.js';
import { postMovements, type Move } from '../modules/inventory/ledger.js';
import type { WriteOffReason } from '../modules/inventory/schema.js';

const WRITE_OFFS: { code: WriteOffReason; note: string }[] = [
  { code: 'expired', note: '临期未售出，已过保质期' },
  { code: 'damaged', note: '搬运时外箱压坏' },
  { code: 'quality', note: '抽检发现品质不达标' },
];

/**
 * The stock screens' first figures: at each central warehouse three write-offs with their reasons
 * and a posted count that found one unit missing. A few set-based statements in one transaction
 * (the demo's first start is time-critical).
 */
export async function demoStock(db: Db): Promise<{ writeOffs: number; counts: number }> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const picks = await rows<{ warehouse_id: string; product_id: string; n: number }>(
      tx,
      sql`
      select warehouse_id, product_id, n::int from (
        select s.warehouse_id, s.product_id,
          row_number() over (partition by s.warehouse_id order by s.quantity desc, s.product_id) as n
        from warehouse_stock s join warehouses w on w.id = s.warehouse_id
        where w.kind = 'central' and s.quantity >= 2
      ) x where n <= 4`,
    );
    if (!picks.length) return { writeOffs: 0, counts: 0 };
    const offs: Move[] = picks
      .filter((p) => p.n <= WRITE_OFFS.length)
      .map((p) => ({
        warehouseId: p.warehouse_id,
        productId: p.product_id,
        kind: 'written_off',
        quantity: -1,
        reasonCode: WRITE_OFFS[p.n - 1].code,
        reason: '报损',
        note: WRITE_OFFS[p.n - 1].note,
        businessKey: `demo-write-off:${p.warehouse_id}:${p.product_id}`,
      }));
    await postMovements(tx, offs);
    const warehouses = [...new Set(picks.map((p) => p.warehouse_id))];
    const counts = await rows<{ id: string; warehouse_id: string }>(
      tx,
      sql`
      insert into stock_counts (warehouse_id)
      select unnest(${pgArray(warehouses)}::uuid[]) returning id, warehouse_id`,
    );
    const ids = sql`${pgArray(counts.map((c) => c.id))}::uuid[]`;
    await exec(
      tx,
      sql`
      insert into stock_count_lines (count_id, product_id, expected_quantity, counted_quantity)
      select c.id, s.product_id, s.quantity, s.quantity
      from stock_counts c join warehouse_stock s on s.warehouse_id = c.warehouse_id where c.id = any(${ids})`,
    );
    const countOf = new Map(counts.map((c) => [c.warehouse_id, c.id]));
    const missing = picks.filter((p) => p.n === 4);
    if (missing.length) {
      await exec(
        tx,
        sql`
        update stock_count_lines l set counted_quantity = l.counted_quantity - 1
        from jsonb_to_recordset(${JSON.stringify(missing.map((p) => ({ count_id: countOf.get(p.warehouse_id), product_id: p.product_id })))}::jsonb)
          as x(count_id uuid, product_id uuid)
        where l.count_id = x.count_id and l.product_id = x.product_id`,
      );
      await postMovements(
        tx,
        missing.map((p) => ({
          warehouseId: p.warehouse_id,
          productId: p.product_id,
          kind: 'counted',
          quantity: -1,
          refId: countOf.get(p.warehouse_id)!,
          businessKey: `count:${countOf.get(p.warehouse_id)}:${p.product_id}`,
        })),
      );
    }
    await exec(tx, sql`update stock_counts set status = 'posted', posted_at = now() where id = any(${ids})`);
    return { writeOffs: offs.length, counts: counts.length };
  });
}
