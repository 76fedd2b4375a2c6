import { sql, type SQL } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { conflict } from '../../lib/errors.js';
import type { MovementKind, WriteOffReason } from './schema.js';

/**
 * The stock ledger (decision 037). Free stock changes only through here (and through the two
 * set-based statements of the cutoff and receiving, which keep the same rules):
 *
 * - `warehouse_stock.quantity` moves by the movement's signed quantity, never below zero
 *   (a conditional update; a shortfall is 409 and the transaction writes nothing);
 * - one `stock_movements` row per movement, whose unique business key makes a retry post once;
 * - lots: units taken come out of the lots with remaining units first-expiry-first (FEFO), units
 *   put in become a new lot; `stock_movement_lots` records which.
 *
 * So a warehouse's stock of a product is always the sum of its movements and of its lots' remaining units.
 */

export interface Move {
  warehouseId: string;
  productId: string;
  kind: MovementKind;
  /** signed units, never 0 */
  quantity: number;
  reasonCode?: WriteOffReason | null;
  reason?: string | null;
  note?: string | null;
  businessKey?: string | null;
  refId?: string | null;
  actorId?: string | null;
  /** units put in: the new lot's expiry; `shelf` = the business day (region time) + the product's shelf life */
  expiresOn?: string | 'shelf' | null;
  overrideReason?: string | null;
}

/** The business key was posted before: the caller answers what was posted then. */
export class AlreadyPosted extends Error {
  constructor(readonly businessKey: string) {
    super(`already posted: ${businessKey}`);
  }
}

/**
 * Posts movements (each (warehouse, product) at most once per call) in the caller's transaction:
 * the ledger rows first (a concurrent retry of the same business key waits on the unique index
 * and then finds it taken), then the stock figures, then the lots.
 */
export async function postMovements(
  tx: Db,
  moves: Move[],
  now = new Date(),
  /** lots: false — the caller moves the lots; stock: false — the caller already changed the figure */
  opts: { lots?: boolean; stock?: boolean } = {},
): Promise<PostedMove[]> {
  if (moves.length === 0) return [];
  const posted = await recordMoves(tx, moves);
  if (opts.stock !== false) {
    const after = await changeStock(tx, moves);
    for (const p of posted) p.stock = after.get(`${p.warehouseId}:${p.productId}`);
  }
  if (opts.lots !== false) await moveLots(tx, moves, posted, now);
  return posted;
}

export interface PostedMove {
  id: string;
  warehouseId: string;
  productId: string;
  quantity: number;
  /** the stock figure after the movement (set by postMovements) */
  stock?: number;
}

async function recordMoves(tx: Db, moves: Move[]): Promise<PostedMove[]> {
  const json = JSON.stringify(
    moves.map((m, i) => ({
      i,
      warehouse_id: m.warehouseId,
      product_id: m.productId,
      kind: m.kind,
      quantity: m.quantity,
      reason_code: m.reasonCode ?? null,
      reason: m.reason ?? null,
      note: m.note ?? null,
      business_key: m.businessKey ?? null,
      ref_id: m.refId ?? null,
      actor_id: m.actorId ?? null,
    })),
  );
  const inserted = await rows<{ id: string; i: number }>(
    tx,
    sql`
    with x as (
      select * from jsonb_to_recordset(${json}::jsonb) as x(i int, warehouse_id uuid, product_id uuid, kind text, quantity int,
        reason_code text, reason text, note text, business_key text, ref_id uuid, actor_id uuid)
    ), ins as (
      insert into stock_movements (warehouse_id, product_id, kind, quantity, reason_code, reason, note, business_key, ref_id, actor_id)
      select warehouse_id, product_id, kind, quantity, reason_code, reason, note, business_key, ref_id, actor_id from x order by i
      on conflict (business_key) do nothing
      returning id, warehouse_id, product_id, business_key
    )
    select ins.id, x.i from ins join x on x.warehouse_id = ins.warehouse_id and x.product_id = ins.product_id
      and x.business_key is not distinct from ins.business_key`,
  );
  if (inserted.length < moves.length) {
    const got = new Set(inserted.map((r) => r.i));
    const missing = moves.find((_, i) => !got.has(i))!;
    throw new AlreadyPosted(missing.businessKey ?? '');
  }
  const byIndex = new Map(inserted.map((r) => [r.i, r.id]));
  return moves.map((m, i) => ({
    id: byIndex.get(i)!,
    warehouseId: m.warehouseId,
    productId: m.productId,
    quantity: m.quantity,
  }));
}

async function changeStock(tx: Db, moves: Move[]): Promise<Map<string, number>> {
  const json = JSON.stringify(
    moves.map((m) => ({ warehouse_id: m.warehouseId, product_id: m.productId, quantity: m.quantity })),
  );
  const changed = await rows<{ warehouse_id: string; product_id: string; quantity: number }>(
    tx,
    sql`
    with x as (select * from jsonb_to_recordset(${json}::jsonb) as x(warehouse_id uuid, product_id uuid, quantity int)),
    up as (
      insert into warehouse_stock (warehouse_id, product_id, quantity)
      select warehouse_id, product_id, quantity from x where quantity > 0
      on conflict (warehouse_id, product_id) do update set quantity = warehouse_stock.quantity + excluded.quantity
      returning warehouse_id, product_id, quantity
    ), down as (
      update warehouse_stock s set quantity = s.quantity + x.quantity
      from x where x.quantity < 0 and s.warehouse_id = x.warehouse_id and s.product_id = x.product_id
        and s.quantity + x.quantity >= 0
      returning s.warehouse_id, s.product_id, s.quantity
    )
    select * from up union all select * from down`,
  );
  if (changed.length < moves.length) {
    const done = new Set(changed.map((c) => `${c.warehouse_id}:${c.product_id}`));
    const short = moves.find((m) => !done.has(`${m.warehouseId}:${m.productId}`))!;
    const current = await one<{ quantity: number }>(
      tx,
      sql`select quantity from warehouse_stock where warehouse_id = ${short.warehouseId} and product_id = ${short.productId}`,
    );
    throw conflict('Stock cannot go below zero', { productId: short.productId, available: current?.quantity ?? 0 });
  }
  return new Map(changed.map((c) => [`${c.warehouse_id}:${c.product_id}`, c.quantity]));
}

/** Units taken: from the lots with remaining units, first-expiry-first. Units put in: a new lot. */
async function moveLots(tx: Db, moves: Move[], posted: PostedMove[], now: Date): Promise<void> {
  const takes = posted.filter((p) => p.quantity < 0);
  if (takes.length) await takeFromLots(tx, takes);
  const puts = moves
    .map((m, i) => ({ m, id: posted[i].id }))
    .filter(({ m }) => m.quantity > 0)
    .map(({ m, id }) => ({
      movement_id: id,
      warehouse_id: m.warehouseId,
      product_id: m.productId,
      quantity: m.quantity,
      expires_on: m.expiresOn === 'shelf' ? null : (m.expiresOn ?? null),
      shelf: m.expiresOn === 'shelf',
      override_reason: m.overrideReason ?? null,
    }));
  if (puts.length) {
    await tx.execute(sql`
      with x as (
        select * from jsonb_to_recordset(${JSON.stringify(puts)}::jsonb) as x(movement_id uuid, warehouse_id uuid, product_id uuid,
          quantity int, expires_on date, shelf boolean, override_reason text)
      ), nl as (
        insert into lots (warehouse_id, product_id, quantity, remaining, expires_on, override_reason)
        select x.warehouse_id, x.product_id, x.quantity, x.quantity,
          coalesce(x.expires_on, case when x.shelf then (${now.toISOString()}::timestamptz at time zone coalesce(r.time_zone, 'Asia/Shanghai'))::date + p.shelf_life_days end),
          x.override_reason
        from x join products p on p.id = x.product_id
          join warehouses w on w.id = x.warehouse_id left join regions r on r.id = w.region_id
        returning id, warehouse_id, product_id, quantity
      )
      insert into stock_movement_lots (movement_id, lot_id, quantity)
      select x.movement_id, nl.id, nl.quantity from nl join x on x.warehouse_id = nl.warehouse_id and x.product_id = nl.product_id`);
  }
}

/** First-expiry-first out of the lots with remaining units (one movement per (warehouse, product)). */
export async function takeFromLots(
  tx: Db,
  takes: { id: string; warehouseId: string; productId: string; quantity: number }[],
): Promise<{ movement_id: string; lot_id: string; quantity: number }[]> {
  const json = JSON.stringify(
    takes.map((t) => ({ movement_id: t.id, warehouse_id: t.warehouseId, product_id: t.productId, units: -t.quantity })),
  );
  return rows<{ movement_id: string; lot_id: string; quantity: number }>(
    tx,
    sql`
    with x as (select * from jsonb_to_recordset(${json}::jsonb) as x(movement_id uuid, warehouse_id uuid, product_id uuid, units int)),
    ${fefoPick(sql`x`)}
    insert into stock_movement_lots (movement_id, lot_id, quantity)
    select movement_id, lot_id, -take from pick
    returning movement_id, lot_id, quantity`,
  );
}

/**
 * The WITH parts `ranked`, `pick` and `taken` (the lots' update) of a FEFO take, over a relation
 * `wants` of (movement_id, warehouse_id, product_id, units): each lot gives what is left of the
 * want after every earlier-expiring lot gave all it has (running sum), clamped to its remaining units.
 * Lots without an expiry go last. The caller holds the stock rows (warehouse_stock) locked.
 */
export function fefoPick(wants: SQL) {
  return sql`
    ranked as (
      select w.movement_id, l.id as lot_id, l.remaining, w.units,
        sum(l.remaining) over (partition by w.movement_id order by l.expires_on nulls last, l.received_at, l.id) as upto
      from ${wants} w join lots l on l.warehouse_id = w.warehouse_id and l.product_id = w.product_id and l.remaining > 0
    ),
    pick as (
      select movement_id, lot_id, least(remaining, units - (upto - remaining))::int as take
      from ranked where upto - remaining < units
    ),
    taken as (
      update lots l set remaining = l.remaining - p.take from pick p where l.id = p.lot_id
      returning l.id
    )`;
}
