import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { AlreadyPosted, postMovements, takeFromLots } from './ledger.js';
import type { MovementKind, WriteOffReason } from './schema.js';
import { DEFAULT_TIME_ZONE, dateOnly, iso } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';

/**
 * Free stock per warehouse and product (daily goods are stocked; fresh goods are bought to
 * order). The cutoff takes from it, receiving adds pack-rounding surplus to it, and operators
 * adjust, transfer and count it here. It never goes below zero: every decrease is a conditional
 * update. Every change is a movement of the stock ledger (ledger.ts, decision 037).
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
  now = new Date(),
): Promise<StockView[]> {
  const found = await rows<StockView & { nextExpiry: unknown }>(
    db,
    sql`
    select s.warehouse_id as "warehouseId", w.name as "warehouseName", s.product_id as "productId", p.name as "productName",
      p.unit, p.category, s.quantity,
      (select min(l.expires_on) from lots l where l.warehouse_id = s.warehouse_id and l.product_id = s.product_id
         and l.remaining > 0
         and l.expires_on >= (${now.toISOString()}::timestamptz at time zone coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}))::date
      ) as "nextExpiry"
    from warehouse_stock s join warehouses w on w.id = s.warehouse_id join products p on p.id = s.product_id
      left join regions r on r.id = w.region_id
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
  /** a decrease is a write-off: its reason from the fixed list (default `other`) */
  writeOffReason?: WriteOffReason;
  note?: string;
  /** for goods put into stock: the lot's expiry (default today + shelf life) */
  expiresOn?: string;
  /** the same key twice posts once: the second answer repeats the first */
  businessKey?: string;
}

export interface AdjustResult {
  warehouseId: string;
  productId: string;
  quantity: number;
  quantityDelta: number;
  reason: string;
  writeOffReason: WriteOffReason | null;
  note: string | null;
  lotId: string | null;
  movementId: string;
  kind: MovementKind;
  at: string;
}

/**
 * Records goods put into stock (a `received` movement and a new lot with its expiry) or taken out
 * (a `written_off` movement with its reason, out of the lots first-expiry-first).
 */
export async function adjustStock(db: Db, input: AdjustInput, actorId: string | null = null, now = new Date()) {
  if (input.quantityDelta === 0) throw validation('quantityDelta must not be 0', { field: 'quantityDelta' });
  try {
    return await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      const known = await one<{ warehouse: boolean; product: boolean }>(
        tx,
        sql`
        select exists (select 1 from warehouses where id = ${input.warehouseId}) as warehouse,
               exists (select 1 from products where id = ${input.productId}) as product`,
      );
      if (!known?.warehouse) throw notFound('Warehouse');
      if (!known.product) throw notFound('Product');
      const out = input.quantityDelta < 0;
      const [posted] = await postMovements(
        tx,
        [
          {
            warehouseId: input.warehouseId,
            productId: input.productId,
            kind: out ? 'written_off' : 'received',
            quantity: input.quantityDelta,
            reasonCode: out ? (input.writeOffReason ?? 'other') : null,
            reason: input.reason,
            note: input.note ?? null,
            businessKey: input.businessKey ?? null,
            actorId,
            expiresOn: out ? null : (input.expiresOn ?? 'shelf'),
          },
        ],
        now,
      );
      return movementAnswer(tx, posted.id, posted.stock);
    });
  } catch (err) {
    if (err instanceof AlreadyPosted) {
      const first = await one<{ id: string }>(
        db,
        sql`select id from stock_movements where business_key = ${err.businessKey}`,
      );
      if (first) return movementAnswer(db, first.id);
    }
    throw err;
  }
}

/** The adjust answer of a movement (a replay answers the stock figure of now). */
async function movementAnswer(db: Db, movementId: string, stock?: number): Promise<AdjustResult> {
  const m = (await one<{
    warehouseId: string;
    productId: string;
    quantityDelta: number;
    reason: string | null;
    writeOffReason: WriteOffReason | null;
    note: string | null;
    kind: MovementKind;
    at: unknown;
    lotId: string | null;
    quantity: number;
  }>(
    db,
    sql`
    select m.warehouse_id as "warehouseId", m.product_id as "productId", m.quantity as "quantityDelta", m.reason,
      m.reason_code as "writeOffReason", m.note, m.kind, m.created_at as at,
      (select ml.lot_id from stock_movement_lots ml where ml.movement_id = m.id and ml.quantity > 0 limit 1) as "lotId",
      coalesce((select quantity from warehouse_stock s where s.warehouse_id = m.warehouse_id and s.product_id = m.product_id), 0) as quantity
    from stock_movements m where m.id = ${movementId}`,
  ))!;
  return {
    ...m,
    quantity: stock ?? m.quantity,
    reason: m.reason ?? '',
    movementId,
    at: iso(m.at)!,
  };
}

export interface TransferInput {
  fromWarehouseId: string;
  toWarehouseId: string;
  productId: string;
  quantity: number;
  note?: string;
  businessKey?: string;
}

/**
 * Moves units between two warehouses: `transfer_out` takes them from the source's lots
 * first-expiry-first, `transfer_in` puts the same units into lots at the target that keep their
 * expiry dates and purchase orders (the trace).
 */
export async function transferStock(db: Db, input: TransferInput, actorId: string | null = null) {
  if (input.fromWarehouseId === input.toWarehouseId)
    throw validation('The warehouses must differ', { field: 'toWarehouseId' });
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const known = await one<{ n: number; product: boolean }>(
      tx,
      sql`
      select (select count(*) from warehouses where id in (${input.fromWarehouseId}, ${input.toWarehouseId}))::int as n,
             exists (select 1 from products where id = ${input.productId}) as product`,
    );
    if (known?.n !== 2) throw notFound('Warehouse');
    if (!known.product) throw notFound('Product');
    const refId = (await one<{ id: string }>(tx, sql`select gen_random_uuid() as id`))!.id;
    const key = input.businessKey ?? null;
    // the ledger rows and stock figures of both ends; the lots are moved below, not created afresh
    const moves = [
      {
        warehouseId: input.fromWarehouseId,
        productId: input.productId,
        kind: 'transfer_out' as const,
        quantity: -input.quantity,
        note: input.note ?? null,
        businessKey: key ? `${key}:out` : null,
        refId,
        actorId,
      },
      {
        warehouseId: input.toWarehouseId,
        productId: input.productId,
        kind: 'transfer_in' as const,
        quantity: input.quantity,
        note: input.note ?? null,
        businessKey: key ? `${key}:in` : null,
        refId,
        actorId,
      },
    ];
    const [outMove, inMove] = await postMovements(tx, moves, new Date(), { lots: false });
    const taken = await takeFromLots(tx, [outMove]);
    await tx.execute(sql`
      with t as (select * from jsonb_to_recordset(${JSON.stringify(taken)}::jsonb) as t(lot_id uuid, quantity int)),
      nl as (
        insert into lots (warehouse_id, product_id, purchase_order_id, quantity, remaining, expires_on, override_reason, received_at)
        select ${input.toWarehouseId}::uuid, l.product_id, l.purchase_order_id, -t.quantity, -t.quantity, l.expires_on, l.override_reason, l.received_at
        from t join lots l on l.id = t.lot_id
        returning id, quantity
      )
      insert into stock_movement_lots (movement_id, lot_id, quantity) select ${inMove.id}::uuid, id, quantity from nl`);
    return { transferId: refId, fromQuantity: outMove.stock ?? 0, toQuantity: inMove.stock ?? 0 };
  });
}

export interface MovementView {
  id: string;
  warehouseId: string;
  warehouseName: string;
  productId: string;
  productName: string;
  unit: string;
  kind: MovementKind;
  quantity: number;
  writeOffReason: WriteOffReason | null;
  reason: string | null;
  note: string | null;
  actorName: string | null;
  refId: string | null;
  lots: { lotId: string; quantity: number; expiresOn: string | null }[];
  at: string;
}

export const MOVEMENT_KEYSET = keyset('stock-movements', [sql`m.created_at`, 'time'], [sql`m.id`, 'uuid']);

/** The ledger, newest first, by warehouse, product, kind and business day (the warehouse region's). */
export async function listMovements(
  db: Db,
  filter: {
    warehouseId?: string;
    productId?: string;
    kind?: MovementKind;
    from?: string;
    to?: string;
    scope?: RegionScope;
  },
  page: PageRequest,
) {
  const p = pageSql(MOVEMENT_KEYSET, page);
  const day = sql`(m.created_at at time zone coalesce(r.time_zone, ${DEFAULT_TIME_ZONE}))::date`;
  const found = await rows<Omit<MovementView, 'at' | 'lots'> & { at: unknown; lots: unknown }>(
    db,
    sql`
    select m.id, m.warehouse_id as "warehouseId", w.name as "warehouseName", m.product_id as "productId",
      p.name as "productName", p.unit, m.kind, m.quantity, m.reason_code as "writeOffReason", m.reason, m.note,
      u.name as "actorName", m.ref_id as "refId", m.created_at as at,
      coalesce((select json_agg(json_build_object('lotId', ml.lot_id, 'quantity', ml.quantity, 'expiresOn', l.expires_on) order by l.expires_on)
         from stock_movement_lots ml join lots l on l.id = ml.lot_id where ml.movement_id = m.id), '[]') as lots,
      ${p.select}
    from stock_movements m join warehouses w on w.id = m.warehouse_id join products p on p.id = m.product_id
      left join regions r on r.id = w.region_id left join users u on u.id = m.actor_id
    where ${filter.warehouseId ? sql`m.warehouse_id = ${filter.warehouseId}` : sql`true`}
      and ${filter.productId ? sql`m.product_id = ${filter.productId}` : sql`true`}
      and ${filter.kind ? sql`m.kind = ${filter.kind}` : sql`true`}
      and ${filter.from ? sql`${day} >= ${filter.from}::date` : sql`true`}
      and ${filter.to ? sql`${day} <= ${filter.to}::date` : sql`true`}
      and ${inScope(filter.scope ?? null, sql`w.region_id`)}
      and ${p.after}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  const paged = pageOf(MOVEMENT_KEYSET, page, found);
  return {
    items: paged.items.map(({ at, lots, ...m }) => {
      const { page_k0: _a, page_k1: _b, ...rest } = m as typeof m & { page_k0?: unknown; page_k1?: unknown };
      const list = (typeof lots === 'string' ? JSON.parse(lots) : lots) as MovementView['lots'];
      return { ...rest, at: iso(at)!, lots: list } as MovementView;
    }),
    nextCursor: paged.nextCursor,
  };
}
