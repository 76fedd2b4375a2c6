import { sql, type SQL } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { conflict, invalidState, notFound, validation, assertDistinctProducts } from '../../lib/errors.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';
import { postMovements } from './ledger.js';

/**
 * Stock counts (盘点) per warehouse. Opening one snapshots the free stock of every product the
 * warehouse keeps (one open count per warehouse); the counted units are entered per product;
 * posting sets each counted product's stock to the counted figure through a `counted` movement of
 * the difference. The status update is conditional, so of two operators posting at once one wins
 * and the other is told it is posted (409); a posted count is read-only.
 */

export interface CountLine {
  productId: string;
  productName: string;
  unit: string;
  category: string;
  expectedQuantity: number;
  countedQuantity: number | null;
  /** free stock now */
  currentQuantity: number;
}

export interface CountView {
  id: string;
  warehouseId: string;
  warehouseName: string;
  status: 'open' | 'posted';
  openedAt: string;
  openedBy: string | null;
  postedAt: string | null;
  postedBy: string | null;
  lines: number;
  countedLines: number;
  /** after posting: units the count added and took (from its movements) */
  unitsIn: number;
  unitsOut: number;
}

export const COUNT_KEYSET = keyset('stock-counts', [sql`c.opened_at`, 'time'], [sql`c.id`, 'uuid']);

const countSelect = (extra: SQL = sql``) => sql`
  select c.id, c.warehouse_id as "warehouseId", w.name as "warehouseName", c.status,
    c.opened_at as "openedAt", ou.name as "openedBy", c.posted_at as "postedAt", pu.name as "postedBy",
    (select count(*) from stock_count_lines l where l.count_id = c.id)::int as lines,
    (select count(*) from stock_count_lines l where l.count_id = c.id and l.counted_quantity is not null)::int as "countedLines",
    coalesce((select sum(quantity) from stock_movements m where m.ref_id = c.id and m.kind = 'counted' and m.quantity > 0), 0)::int as "unitsIn",
    coalesce((select -sum(quantity) from stock_movements m where m.ref_id = c.id and m.kind = 'counted' and m.quantity < 0), 0)::int as "unitsOut"
    ${extra}
  from stock_counts c join warehouses w on w.id = c.warehouse_id
    left join users ou on ou.id = c.opened_by left join users pu on pu.id = c.posted_by`;

const view = (c: Omit<CountView, 'openedAt' | 'postedAt'> & { openedAt: unknown; postedAt: unknown }): CountView => {
  const { page_k0: _a, page_k1: _b, ...rest } = c as typeof c & { page_k0?: unknown; page_k1?: unknown };
  return { ...rest, openedAt: iso(c.openedAt)!, postedAt: iso(c.postedAt) };
};

export async function openCount(db: Db, warehouseId: string, actorId: string | null): Promise<{ id: string }> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    if (!(await one(tx, sql`select 1 as ok from warehouses where id = ${warehouseId}`))) throw notFound('Warehouse');
    const created = await one<{ id: string }>(
      tx,
      sql`
      insert into stock_counts (warehouse_id, opened_by) values (${warehouseId}, ${actorId})
      on conflict (warehouse_id) where status = 'open' do nothing returning id`,
    );
    if (!created) {
      const open = await one<{ id: string }>(
        tx,
        sql`select id from stock_counts where warehouse_id = ${warehouseId} and status = 'open'`,
      );
      throw conflict('This warehouse already has an open count', { countId: open?.id });
    }
    await exec(
      tx,
      sql`
      insert into stock_count_lines (count_id, product_id, expected_quantity)
      select ${created.id}::uuid, product_id, quantity from warehouse_stock where warehouse_id = ${warehouseId}`,
    );
    return created;
  });
}

export async function listCounts(
  db: Db,
  filter: { warehouseId?: string; status?: 'open' | 'posted'; scope?: RegionScope },
  page: PageRequest,
) {
  const p = pageSql(COUNT_KEYSET, page);
  const found = await rows<Parameters<typeof view>[0]>(
    db,
    sql`
    ${countSelect(sql`, ${p.select}`)}
    where ${filter.warehouseId ? sql`c.warehouse_id = ${filter.warehouseId}` : sql`true`}
      and ${filter.status ? sql`c.status = ${filter.status}` : sql`true`}
      and ${inScope(filter.scope ?? null, sql`w.region_id`)}
      and ${p.after}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  const paged = pageOf(COUNT_KEYSET, page, found);
  return { items: paged.items.map(view), nextCursor: paged.nextCursor };
}

export async function getCount(db: Db, id: string): Promise<CountView & { lineItems: CountLine[] }> {
  const c = await one<Parameters<typeof view>[0]>(db, sql`${countSelect()} where c.id = ${id}`);
  if (!c) throw notFound('Stock count');
  const lineItems = await rows<CountLine>(
    db,
    sql`
    select l.product_id as "productId", p.name as "productName", p.unit, p.category,
      l.expected_quantity as "expectedQuantity", l.counted_quantity as "countedQuantity",
      coalesce(s.quantity, 0) as "currentQuantity"
    from stock_count_lines l join stock_counts c on c.id = l.count_id join products p on p.id = l.product_id
      left join warehouse_stock s on s.warehouse_id = c.warehouse_id and s.product_id = l.product_id
    where l.count_id = ${id}
    order by p.category, p.name, p.id`,
  );
  return { ...view(c), lineItems };
}

/** Enters counted units (null clears one); a product the sheet lacks joins it with today's stock expected. */
export async function enterCounts(
  db: Db,
  id: string,
  lines: { productId: string; countedQuantity: number | null }[],
): Promise<void> {
  assertDistinctProducts(lines);
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // FOR SHARE waits for a posting in progress and then sees it posted
    const c = await one<{ status: string; warehouse_id: string }>(
      tx,
      sql`select status, warehouse_id from stock_counts where id = ${id} for share`,
    );
    if (!c) throw notFound('Stock count');
    if (c.status !== 'open') throw invalidState('This count has been posted and can no longer change');
    const json = JSON.stringify(lines.map((l) => ({ product_id: l.productId, counted: l.countedQuantity })));
    const unknown = await one<{ product_id: string }>(
      tx,
      sql`
      select x.product_id from jsonb_to_recordset(${json}::jsonb) as x(product_id uuid, counted int)
      where not exists (select 1 from products p where p.id = x.product_id) limit 1`,
    );
    if (unknown) throw validation('Unknown product', { productId: unknown.product_id });
    await exec(
      tx,
      sql`
      insert into stock_count_lines (count_id, product_id, expected_quantity, counted_quantity)
      select ${id}::uuid, x.product_id, coalesce(s.quantity, 0), x.counted
      from jsonb_to_recordset(${json}::jsonb) as x(product_id uuid, counted int)
        left join warehouse_stock s on s.warehouse_id = ${c.warehouse_id} and s.product_id = x.product_id
      on conflict (count_id, product_id) do update set counted_quantity = excluded.counted_quantity`,
    );
  });
}

/**
 * Posts a count: each counted product's stock becomes the counted figure (a `counted` movement of
 * the difference, out of the lots first-expiry-first, or into a lot without an expiry date).
 */
export async function postCount(db: Db, id: string, actorId: string | null, now = new Date()) {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const posted = await one<{ warehouse_id: string }>(
      tx,
      sql`
      update stock_counts set status = 'posted', posted_at = now(), posted_by = ${actorId}
      where id = ${id} and status = 'open' returning warehouse_id`,
    );
    if (!posted) {
      if (!(await one(tx, sql`select 1 as ok from stock_counts where id = ${id}`))) throw notFound('Stock count');
      throw invalidState('This count has already been posted');
    }
    const diffs = await rows<{ product_id: string; diff: number }>(
      tx,
      sql`
      with locked as (
        select product_id, quantity from warehouse_stock where warehouse_id = ${posted.warehouse_id} for update
      )
      select l.product_id, (l.counted_quantity - coalesce(s.quantity, 0))::int as diff
      from stock_count_lines l left join locked s on s.product_id = l.product_id
      where l.count_id = ${id} and l.counted_quantity is not null and l.counted_quantity <> coalesce(s.quantity, 0)
      order by l.product_id`,
    );
    await postMovements(
      tx,
      diffs.map((d) => ({
        warehouseId: posted.warehouse_id,
        productId: d.product_id,
        kind: 'counted' as const,
        quantity: d.diff,
        businessKey: `count:${id}:${d.product_id}`,
        refId: id,
        actorId,
        expiresOn: null,
      })),
      now,
    );
    return { id, status: 'posted' as const, movements: diffs.length };
  });
}
