import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { randomUUID } from 'node:crypto';
import { AppError, invalidState, notFound, validation } from '../../lib/errors.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';
import { AlreadyPosted, postMovements } from '../inventory/ledger.js';
import { isMonth } from './scorecard.js';

/**
 * What Linli owes its suppliers (decision 044). A received purchase order's lines become payables
 * at accepted units × the line's unit cost (integer fen), in the receipt's transaction; a return to
 * the supplier is a negative payable and a `returned_to_supplier` movement out of that order's lot.
 * Settlement statements gather a supplier's payables of a region up to a month's end; a statement
 * is paid once (a conditional update), and a paid statement takes no more payables.
 */

/** Called by receiving inside its transaction: one payable per line with accepted units (once, by business key). */
export async function recordReceiptPayables(tx: Db, purchaseOrderId: string, actorId: string | null): Promise<void> {
  await exec(
    tx,
    sql`
    insert into supplier_payables (supplier_id, region_id, warehouse_id, purchase_order_id, product_id, kind, units,
      unit_cost_fen, amount_fen, business_key, occurred_at, actor_id)
    select po.supplier_id, w.region_id, po.warehouse_id, po.id, pol.product_id, 'receipt', pol.accepted_quantity,
      coalesce(pol.unit_cost_fen, p.cost_fen), pol.accepted_quantity * coalesce(pol.unit_cost_fen, p.cost_fen),
      'receipt:' || po.id::text || ':' || pol.product_id::text, coalesce(po.received_at, now()), ${actorId}::uuid
    from purchase_orders po
      join purchase_order_lines pol on pol.purchase_order_id = po.id
      join products p on p.id = pol.product_id
      join warehouses w on w.id = po.warehouse_id
    where po.id = ${purchaseOrderId} and po.status = 'received' and pol.accepted_quantity > 0
    on conflict (business_key) do nothing`,
  );
}

export interface PayableView {
  id: string;
  supplierId: string;
  supplierName: string;
  regionId: string;
  warehouseId: string;
  warehouseName: string;
  purchaseOrderId: string;
  campaignTitle: string;
  productId: string;
  productName: string;
  unit: string;
  kind: 'receipt' | 'return';
  units: number;
  unitCostFen: number;
  amountFen: number;
  reason: string | null;
  occurredAt: string;
  statementId: string | null;
}

interface PayableRow {
  id: string;
  supplier_id: string;
  supplier_name: string;
  region_id: string;
  warehouse_id: string;
  warehouse_name: string;
  purchase_order_id: string;
  campaign_title: string;
  product_id: string;
  product_name: string;
  unit: string;
  kind: 'receipt' | 'return';
  units: number;
  unit_cost_fen: number;
  amount_fen: number;
  reason: string | null;
  occurred_at: unknown;
  statement_id: string | null;
}

const payableView = (r: PayableRow): PayableView => ({
  id: r.id,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  regionId: r.region_id,
  warehouseId: r.warehouse_id,
  warehouseName: r.warehouse_name,
  purchaseOrderId: r.purchase_order_id,
  campaignTitle: r.campaign_title,
  productId: r.product_id,
  productName: r.product_name,
  unit: r.unit,
  kind: r.kind,
  units: r.units,
  unitCostFen: r.unit_cost_fen,
  amountFen: r.amount_fen,
  reason: r.reason,
  occurredAt: iso(r.occurred_at)!,
  statementId: r.statement_id,
});

async function payableRows(db: Db, where: ReturnType<typeof sql>, limit = 500): Promise<PayableView[]> {
  const found = await rows<PayableRow>(
    db,
    sql`
    select sp.id, sp.supplier_id, su.name as supplier_name, sp.region_id, sp.warehouse_id, w.name as warehouse_name,
      sp.purchase_order_id, c.title as campaign_title, sp.product_id, p.name as product_name, p.unit, sp.kind, sp.units,
      sp.unit_cost_fen, sp.amount_fen, sp.reason, sp.occurred_at, sp.statement_id
    from supplier_payables sp
      join suppliers su on su.id = sp.supplier_id
      join warehouses w on w.id = sp.warehouse_id
      join purchase_orders po on po.id = sp.purchase_order_id
      join campaigns c on c.id = po.campaign_id
      join products p on p.id = sp.product_id
    where ${where}
    order by sp.occurred_at desc, sp.id limit ${limit}`,
  );
  return found.map(payableView);
}

/** A supplier's payables in the caller's regions (newest first) and its totals: unpaid (not on a paid statement) and paid. */
export async function supplierPayables(db: Db, scope: RegionScope, supplierId: string) {
  const exists = await one(db, sql`select 1 as ok from suppliers where id = ${supplierId}`);
  if (!exists) throw notFound('Supplier');
  const where = sql`sp.supplier_id = ${supplierId}::uuid and ${inScope(scope, sql`sp.region_id`)}`;
  const totals = await one<{ unpaid: number; paid: number; unstated: number }>(
    db,
    sql`
    select coalesce(sum(sp.amount_fen) filter (where st.status is distinct from 'paid'), 0)::bigint::float8 as unpaid,
      coalesce(sum(sp.amount_fen) filter (where st.status = 'paid'), 0)::bigint::float8 as paid,
      coalesce(sum(sp.amount_fen) filter (where sp.statement_id is null), 0)::bigint::float8 as unstated
    from supplier_payables sp left join supplier_statements st on st.id = sp.statement_id
    where ${where}`,
  );
  return {
    supplierId,
    unpaidFen: Number(totals?.unpaid ?? 0),
    paidFen: Number(totals?.paid ?? 0),
    notOnStatementFen: Number(totals?.unstated ?? 0),
    items: await payableRows(db, where, 200),
  };
}

/** Not enough of the purchase order's lot left in free stock to send back. */
const notEnoughInLot = (details: Record<string, unknown>) =>
  new AppError('NOT_ENOUGH_IN_LOT', 409, "Not enough of this order's lot is left in stock to return", details);

/**
 * Units of a received purchase order sent back to the supplier: out of that order's lot (its
 * remaining free units) and the warehouse's stock as a `returned_to_supplier` movement, and a
 * negative payable. A retry with the same business key answers the first return.
 */
export async function returnToSupplier(
  db: Db,
  scope: RegionScope,
  purchaseOrderId: string,
  input: { productId: string; quantity: number; reason: string; businessKey?: string },
  actorId: string,
  now = new Date(),
): Promise<PayableView> {
  const key = `return:${input.businessKey ?? randomUUID()}`;
  const answer = async (tx: Db) => (await payableRows(tx, sql`sp.business_key = ${key}`, 1))[0]!;
  try {
    return await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      const po = await one<{
        id: string;
        status: string;
        warehouse_id: string;
        supplier_id: string;
        region_id: string;
      }>(
        tx,
        sql`
        select po.id, po.status, po.warehouse_id, po.supplier_id, w.region_id
        from purchase_orders po join warehouses w on w.id = po.warehouse_id
        where po.id = ${purchaseOrderId} and ${inScope(scope, sql`w.region_id`)}
        for update of po`,
      );
      if (!po) throw notFound('Purchase order');
      if (await one(tx, sql`select 1 as ok from supplier_payables where business_key = ${key}`)) return answer(tx);
      if (po.status !== 'received') throw invalidState('Only a received purchase order can be returned from');
      const line = await one<{ unit_cost_fen: number; accepted: number }>(
        tx,
        sql`
        select coalesce(pol.unit_cost_fen, p.cost_fen) as unit_cost_fen, coalesce(pol.accepted_quantity, 0) as accepted
        from purchase_order_lines pol join products p on p.id = pol.product_id
        where pol.purchase_order_id = ${purchaseOrderId} and pol.product_id = ${input.productId}`,
      );
      if (!line) throw validation('This product is not on the purchase order', { productId: input.productId });
      // the order's own lot: its units still in free stock are the ones that can go back
      const lot = await one<{ id: string }>(
        tx,
        sql`
        update lots set remaining = remaining - ${input.quantity}
        where id = (select id from lots where purchase_order_id = ${purchaseOrderId} and product_id = ${input.productId}
                    order by received_at, id limit 1)
          and remaining >= ${input.quantity}
        returning id`,
      );
      if (!lot) {
        const left = await one<{ remaining: number }>(
          tx,
          sql`select coalesce(sum(remaining), 0)::int as remaining from lots
          where purchase_order_id = ${purchaseOrderId} and product_id = ${input.productId}`,
        );
        throw notEnoughInLot({ productId: input.productId, remaining: left?.remaining ?? 0 });
      }
      const [moved] = await postMovements(
        tx,
        [
          {
            warehouseId: po.warehouse_id,
            productId: input.productId,
            kind: 'returned_to_supplier',
            quantity: -input.quantity,
            reason: input.reason,
            businessKey: `supplier-${key}`,
            refId: purchaseOrderId,
            actorId,
          },
        ],
        now,
        { lots: false },
      );
      await exec(
        tx,
        sql`insert into stock_movement_lots (movement_id, lot_id, quantity) values (${moved!.id}, ${lot.id}, ${-input.quantity})`,
      );
      await exec(
        tx,
        sql`
        insert into supplier_payables (supplier_id, region_id, warehouse_id, purchase_order_id, product_id, kind, units,
          unit_cost_fen, amount_fen, reason, business_key, movement_id, occurred_at, actor_id)
        values (${po.supplier_id}, ${po.region_id}, ${po.warehouse_id}, ${purchaseOrderId}, ${input.productId}, 'return',
          ${-input.quantity}, ${line.unit_cost_fen}, ${-input.quantity * line.unit_cost_fen}, ${input.reason}, ${key},
          ${moved!.id}, ${now.toISOString()}::timestamptz, ${actorId})`,
      );
      return answer(tx);
    });
  } catch (err) {
    // a concurrent retry of the same key: the first one's answer
    if (err instanceof AlreadyPosted || (err as { code?: string }).code === '23505') {
      const first = (await payableRows(db, sql`sp.business_key = ${key}`, 1))[0];
      if (first) return first;
    }
    throw err;
  }
}

export interface StatementView {
  id: string;
  supplierId: string;
  supplierName: string;
  regionId: string;
  regionName: string;
  period: string;
  status: 'open' | 'paid';
  amountFen: number;
  lineCount: number;
  paidReference: string | null;
  paidAt: string | null;
  createdAt: string;
}

interface StatementRow {
  id: string;
  supplier_id: string;
  supplier_name: string;
  region_id: string;
  region_name: string;
  period: string;
  status: 'open' | 'paid';
  amount_fen: number;
  line_count: number;
  paid_reference: string | null;
  paid_at: unknown;
  created_at: unknown;
}

const statementView = (r: StatementRow): StatementView => ({
  id: r.id,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  regionId: r.region_id,
  regionName: r.region_name,
  period: r.period,
  status: r.status,
  amountFen: r.amount_fen,
  lineCount: r.line_count,
  paidReference: r.paid_reference,
  paidAt: iso(r.paid_at),
  createdAt: iso(r.created_at)!,
});

async function statementRows(db: Db, where: ReturnType<typeof sql>): Promise<StatementView[]> {
  const found = await rows<StatementRow>(
    db,
    sql`
    select st.id, st.supplier_id, su.name as supplier_name, st.region_id, rg.name as region_name, st.period, st.status,
      st.amount_fen, st.line_count, st.paid_reference, st.paid_at, st.created_at
    from supplier_statements st join suppliers su on su.id = st.supplier_id join regions rg on rg.id = st.region_id
    where ${where}
    order by st.period desc, su.name, st.id limit 500`,
  );
  return found.map(statementView);
}

export async function listStatements(
  db: Db,
  scope: RegionScope,
  filter: { period?: string; supplierId?: string; status?: 'open' | 'paid' },
): Promise<StatementView[]> {
  const parts = [inScope(scope, sql`st.region_id`)];
  if (filter.period) parts.push(sql`st.period = ${filter.period}`);
  if (filter.supplierId) parts.push(sql`st.supplier_id = ${filter.supplierId}::uuid`);
  if (filter.status) parts.push(sql`st.status = ${filter.status}`);
  return statementRows(db, sql.join(parts, sql` and `));
}

/** A statement with its payables (404 outside the caller's regions). */
export async function statementDetail(db: Db, scope: RegionScope, statementId: string) {
  const [st] = await statementRows(db, sql`st.id = ${statementId}::uuid and ${inScope(scope, sql`st.region_id`)}`);
  if (!st) throw notFound('Statement');
  const lines = (await payableRows(db, sql`sp.statement_id = ${statementId}::uuid`, 100_000)).reverse();
  return { ...st, lines };
}

/**
 * Draws up the statements of a month: for each supplier (or the one given) and region in the
 * caller's regions, the payables not on a statement yet that occurred before the month's end (the
 * region's clock) go on the supplier's statement of that month and region, made if missing. An
 * open statement takes late payables when drawn up again; a paid one takes none (they wait for the
 * next month's). Returns the month's statements.
 */
export async function drawUpStatements(
  db: Db,
  scope: RegionScope,
  input: { period: string; supplierId?: string },
  now = new Date(),
): Promise<StatementView[]> {
  if (!isMonth(input.period)) throw validation('period must be a month, YYYY-MM', { field: 'period' });
  if (`${input.period}-01` > now.toISOString().slice(0, 10))
    throw validation('A statement cannot be drawn up for a month that has not started', { field: 'period' });
  const supplier = input.supplierId ? sql`and sp.supplier_id = ${input.supplierId}::uuid` : sql``;
  if (input.supplierId && !(await one(db, sql`select 1 as ok from suppliers where id = ${input.supplierId}`)))
    throw notFound('Supplier');
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await exec(
      tx,
      sql`
      with due as materialized (
        select sp.id, sp.supplier_id, sp.region_id
        from supplier_payables sp join regions rg on rg.id = sp.region_id
        where sp.statement_id is null ${supplier} and ${inScope(scope, sql`sp.region_id`)}
          and sp.occurred_at < ((${`${input.period}-01`}::date + interval '1 month')::timestamp at time zone rg.time_zone)
        for update of sp
      ),
      st as (
        -- the upsert locks the statement row, so a payment waits for this to commit (and pays what it holds)
        insert into supplier_statements (supplier_id, region_id, period)
        select distinct supplier_id, region_id, ${input.period} from due
        on conflict (supplier_id, region_id, period) do update set period = excluded.period
        returning id, supplier_id, region_id, status
      )
      update supplier_payables sp set statement_id = st.id
      from due join st on st.supplier_id = due.supplier_id and st.region_id = due.region_id
      where sp.id = due.id and st.status = 'open'`,
    );
    await exec(
      tx,
      sql`
      update supplier_statements st set amount_fen = t.amount, line_count = t.n
      from (select statement_id, sum(amount_fen)::int as amount, count(*)::int as n from supplier_payables
            where statement_id in (select id from supplier_statements where period = ${input.period} and status = 'open')
            group by statement_id) t
      where st.id = t.statement_id and st.status = 'open'`,
    );
  });
  return listStatements(db, scope, { period: input.period, supplierId: input.supplierId });
}

/**
 * Marks a statement paid with the payment's reference. Conditional on `status = 'open'`: of two
 * clicks, or two operators at once, one pays and the other gets 409 ALREADY_PAID.
 */
export async function payStatement(
  db: Db,
  scope: RegionScope,
  statementId: string,
  reference: string,
  userId: string,
): Promise<StatementView> {
  const paid = await one<{ id: string }>(
    db,
    sql`
    update supplier_statements st set status = 'paid', paid_reference = ${reference}, paid_at = now(), paid_by = ${userId}::uuid
    where st.id = ${statementId} and st.status = 'open' and ${inScope(scope, sql`st.region_id`)}
    returning st.id`,
  );
  const [st] = await statementRows(db, sql`st.id = ${statementId}::uuid and ${inScope(scope, sql`st.region_id`)}`);
  if (!st) throw notFound('Statement');
  if (!paid)
    throw new AppError('ALREADY_PAID', 409, 'This statement has already been paid', {
      paidReference: st.paidReference,
      paidAt: st.paidAt,
    });
  return st;
}
