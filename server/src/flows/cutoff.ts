import { sql } from 'drizzle-orm';
import { one, exec, rows, type Db } from '../db/client.js';
import { AppError, invalidState, notFound } from '../lib/errors.js';
import { isUuid } from '../lib/ids.js';
import { cancelOrders } from './cancel.js';
import { refundPriceDifferences, refundShortLines } from './refund.js';
import { finalGroupTierPrices } from '../modules/campaigns/service.js';
import { fefoPick } from '../modules/inventory/ledger.js';
import { supplierUsableSql } from '../modules/catalog/qualification.js';
import { raiseAlert } from '../modules/alerts/service.js';
import { readSetting } from '../modules/settings/service.js';
import { DELIVERY_DUE } from '../modules/suppliers/settings.js';
import { recordLotsOfStockLines } from '../modules/recalls/trace.js';
import { releaseMarkdownUnits } from '../modules/freshness/jobs.js';

/**
 * The cutoff (截单): closes a campaign and turns its paid demand into purchase orders per
 * supplier, sorting lists per pickup point and delivery manifests per route.
 *
 * One transaction of a handful of set-based statements (no per-order queries), so a day of a
 * million order lines is cut off in seconds. Exactly one caller wins the conditional update
 * of the campaign row; every other caller — a second click, a retried job, another server
 * process — finds the campaign cut off and gets the counts of what the winner built, with
 * cancelledUnpaid 0 because it cancelled nothing.
 */

export interface CutoffResult {
  purchaseOrders: number;
  sortingLists: number;
  cancelledUnpaid: number;
  /** false when the campaign had already been cut off and this call changed nothing */
  ranNow: boolean;
  /**
   * Products with demand left after free stock whose supplier is suspended or unqualified and that
   * have no usable backup supplier: no purchase order was raised for them (decision 038).
   */
  unsuppliedProducts: UnsuppliedDemand[];
}

export interface UnsuppliedDemand {
  productId: string;
  name: string;
  supplierId: string;
  /** units sold that no purchase order covers */
  units: number;
}

const unsuppliedKey = (campaignId: string) => `cutoff-unsupplied:${campaignId}`;

export async function runCutoff(db: Db, campaignId: string): Promise<CutoffResult> {
  const result = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    // FOR UPDATE waits for checkouts holding the row FOR KEY SHARE (flows/checkout.ts) and keeps
    // new ones out, so every order is either visible below or refused; a concurrent second
    // cutoff waits here too and then finds the campaign cut off.
    await exec(tx, sql`select 1 from campaigns where id = ${campaignId} for update`);
    const campaign = await one<{ region_id: string }>(
      tx,
      sql`
      update campaigns set status = 'cut_off', cut_off_at = now()
      where id = ${campaignId} and status = 'open' returning region_id`,
    );
    if (!campaign) return existingResult(tx, campaignId);

    // Still-unpaid orders die here and give back quota, holdings, coupon and points.
    const cancelledUnpaid = await cancelOrders(tx, sql`campaign_id = ${campaignId}`, 'pending_payment');
    await exec(
      tx,
      sql`update orders set status = 'closed', closed_at = now() where campaign_id = ${campaignId} and status = 'paid'`,
    );
    await collectDemand(tx, campaignId);
    // units set aside for markdown deals (尾货秒杀) go back to stock, which then serves them (decision 041)
    await releaseMarkdownUnits(tx, campaignId);
    // Group-tier deals: the final tier is fixed by the buyers of the orders just closed, and every
    // line that paid more is refunded the difference in this same transaction (set-based).
    const finalPrices = await finalGroupTierPrices(tx, campaignId);
    await refundPriceDifferences(tx, { items: finalPrices, reason: 'group_tier', businessKeyPrefix: 'group-tier:' });
    const { purchaseOrders, unsuppliedProducts } = await buildPurchaseOrders(tx, campaignId, campaign.region_id);
    const refunded = unsuppliedProducts.length ? await refundUnsupplied(tx, campaignId) : null;
    const sortingLists = await buildSortingLists(tx, campaignId);
    if (unsuppliedProducts.length)
      await raiseAlert(tx, {
        kind: 'deals_without_supplier',
        businessKey: unsuppliedKey(campaignId),
        regionId: campaign.region_id,
        severity: 'critical',
        subjectType: 'campaign',
        subjectId: campaignId,
        details: { campaignId, products: unsuppliedProducts, refunds: refunded?.count, refundFen: refunded?.amountFen },
      });
    return { purchaseOrders, sortingLists, cancelledUnpaid, ranNow: true, unsuppliedProducts };
  });
  // A day of orders just changed status: fresh statistics keep receiving and arrivals on
  // index plans (measured: 7 s → 1.6 s for a 200,000-line allocation). Best effort, after commit.
  if (result.ranNow) await db.execute(sql`analyze orders, order_lines`).catch(() => {});
  return result;
}

async function existingResult(tx: Db, campaignId: string): Promise<CutoffResult> {
  const found = await one<{ purchase_orders: number; sorting_lists: number; unsupplied: UnsuppliedDemand[] | null }>(
    tx,
    sql`
    select (select count(*) from purchase_orders where campaign_id = c.id)::int as purchase_orders,
           (select count(*) from sorting_lists where campaign_id = c.id)::int as sorting_lists,
           (select a.details -> 'products' from operator_alerts a where a.business_key = ${unsuppliedKey(campaignId)}) as unsupplied
    from campaigns c where c.id = ${campaignId}`,
  );
  if (!found) throw notFound('Campaign');
  return {
    purchaseOrders: found.purchase_orders,
    sortingLists: found.sorting_lists,
    cancelledUnpaid: 0,
    ranNow: false,
    unsuppliedProducts: found.unsupplied ?? [],
  };
}

/**
 * Paid demand per pickup point and product, read once and shared by the purchase orders and
 * the sorting lists. A line needs its quantity minus units already claimed by refunds.
 */
async function collectDemand(tx: Db, campaignId: string): Promise<void> {
  await exec(
    tx,
    sql`
    create temp table cutoff_demand on commit drop as
    select o.pickup_point_id, l.product_id, sum(l.quantity - l.refund_quantity)::int as units
    from order_lines l join orders o on o.id = l.order_id
    where o.campaign_id = ${campaignId} and o.status = 'closed' and l.status = 'pending' and l.quantity > l.refund_quantity
    group by o.pickup_point_id, l.product_id`,
  );
}

/**
 * One purchase order per supplier at the region's central warehouse. Free stock there covers
 * what it can (and is taken out of free stock now); the rest is ordered in whole packs.
 * Products that stock covers completely need no purchase: their lines are allocated at once.
 * A product's purchase goes to its supplier when usable (active and qualified on the region's
 * business day), else to its usable backup supplier, else nowhere: reported, never ordered from a
 * suspended or unqualified supplier (decision 038). Decided once per product, not per line.
 */
async function buildPurchaseOrders(
  tx: Db,
  campaignId: string,
  regionId: string,
): Promise<{ purchaseOrders: number; unsuppliedProducts: UnsuppliedDemand[] }> {
  const warehouse = await one<{ id: string; today: string; time_zone: string }>(
    tx,
    sql`
    select w.id, (now() at time zone rg.time_zone)::date::text as today, rg.time_zone
    from warehouses w join regions rg on rg.id = w.region_id
    where w.region_id = ${regionId} and w.kind = 'central' order by w.created_at, w.id limit 1`,
  );
  const demand = await one<{ n: number }>(tx, sql`select count(*)::int as n from cutoff_demand`);
  if (!demand?.n) return { purchaseOrders: 0, unsuppliedProducts: [] };
  if (!warehouse) throw invalidState('The region has no central warehouse to receive purchase orders', { regionId });
  const today = sql`${warehouse.today}::date`;

  // FOR UPDATE holds the stock rows until commit, so an adjustment cannot slip in between.
  await exec(
    tx,
    sql`
    create temp table cutoff_plan on commit drop as
    with per_product as (select product_id, sum(units)::int as demand from cutoff_demand group by product_id),
    stock as (
      select s.product_id, s.quantity from warehouse_stock s
      where s.warehouse_id = ${warehouse.id} and s.product_id in (select product_id from per_product)
      for update
    )
    select d.product_id, p.name, p.supplier_id as own_supplier_id,
      case when ${supplierUsableSql(sql`p.supplier_id`, today)} then p.supplier_id
           when p.backup_supplier_id is not null and ${supplierUsableSql(sql`p.backup_supplier_id`, today)}
             then p.backup_supplier_id
      end as supplier_id,
      d.demand,
      least(d.demand, coalesce(s.quantity, 0)) as from_stock,
      (ceil(greatest(d.demand - coalesce(s.quantity, 0), 0)::numeric / p.pack_size) * p.pack_size)::int as quantity
    from per_product d join products p on p.id = d.product_id left join stock s on s.product_id = d.product_id`,
  );
  await exec(
    tx,
    sql`
    update warehouse_stock s set quantity = s.quantity - p.from_stock
    from cutoff_plan p where s.warehouse_id = ${warehouse.id} and s.product_id = p.product_id and p.from_stock > 0`,
  );
  // The stock ledger (decision 037): one `allocated` movement per product taken from stock, out of
  // its lots first-expiry-first. One statement over the products (not the order lines).
  await exec(
    tx,
    sql`
    with mv as (
      insert into stock_movements (warehouse_id, product_id, kind, quantity, business_key, ref_id)
      select ${warehouse.id}::uuid, product_id, 'allocated', -from_stock, 'cutoff:' || ${campaignId}::text || ':' || product_id::text,
        ${campaignId}::uuid
      from cutoff_plan where from_stock > 0
      returning id, warehouse_id, product_id, quantity
    ),
    wants as (select id as movement_id, warehouse_id, product_id, -quantity as units from mv),
    ${fefoPick(sql`wants`)}
    insert into stock_movement_lots (movement_id, lot_id, quantity) select movement_id, lot_id, -take from pick`,
  );
  // which lots each line served from stock got (decision 043): one statement over those products' lines
  await recordLotsOfStockLines(tx, campaignId);

  // when each delivery is due (decision 044): the region's clock on the pickup day, per the setting
  const due = await readSetting(tx, DELIVERY_DUE);
  const created = await one<{ n: number }>(
    tx,
    sql`
    with pos as (
      insert into purchase_orders (campaign_id, supplier_id, warehouse_id, expected_at)
      select distinct ${campaignId}::uuid, supplier_id, ${warehouse.id}::uuid,
        ((select pickup_date from campaigns where id = ${campaignId}) - ${due.daysBeforePickup}::int + ${due.time}::time)
          at time zone ${warehouse.time_zone}
      from cutoff_plan
      where quantity > 0 and supplier_id is not null
      on conflict (campaign_id, supplier_id) do nothing
      returning id, supplier_id
    ), lines as (
      insert into purchase_order_lines (purchase_order_id, product_id, demand_quantity, from_stock_quantity, quantity, unit_cost_fen)
      select pos.id, p.product_id, p.demand, p.from_stock, p.quantity, pr.cost_fen
      from cutoff_plan p join pos on pos.supplier_id = p.supplier_id join products pr on pr.id = p.product_id
      where p.quantity > 0
      returning 1
    )
    select (select count(*) from pos)::int as n, (select count(*) from lines)::int as lines`,
  );

  // Goods already on the shelf: nothing to wait for, the lines are served from stock. Skipped
  // unless such products exist, since the update has to visit the campaign's lines.
  const fromShelf = await one<{ n: number }>(tx, sql`select count(*)::int as n from cutoff_plan where quantity = 0`);
  if (fromShelf?.n) {
    await exec(
      tx,
      sql`
      update order_lines l set status = 'allocated'
      from orders o
      where o.id = l.order_id and o.campaign_id = ${campaignId} and o.status = 'closed' and l.status = 'pending'
        and l.product_id in (select product_id from cutoff_plan where quantity = 0)`,
    );
  }
  const unsupplied = await rows<UnsuppliedDemand>(
    tx,
    sql`
    select product_id as "productId", name, own_supplier_id as "supplierId", (demand - from_stock)::int as units
    from cutoff_plan where supplier_id is null and quantity > 0 order by name, product_id`,
  );
  return { purchaseOrders: created?.n ?? 0, unsuppliedProducts: unsupplied };
}

/**
 * Units no purchase order will bring (their product has no usable supplier) are refunded at once,
 * as shortages, rather than left for customers to wait on: what the shelf had goes first-paid,
 * first-served, as at receiving; the rest of each line is refunded and the customer told; the
 * crates then hold only what is served. Each refund has a business key, so nothing is refunded twice.
 */
async function refundUnsupplied(tx: Db, campaignId: string): Promise<{ count: number; amountFen: number }> {
  const short = await rows<{ id: string; order_id: string; short: number }>(
    tx,
    sql`
    with unsupplied as (select product_id, from_stock from cutoff_plan where supplier_id is null and quantity > 0),
    ranked as (
      select l.id, l.order_id, l.product_id, o.pickup_point_id, l.quantity - l.refund_quantity as needed,
        sum(l.quantity - l.refund_quantity) over (partition by l.product_id order by o.paid_at, o.id, l.id) as upto
      from order_lines l join orders o on o.id = l.order_id
      where o.campaign_id = ${campaignId} and o.status = 'closed' and l.status = 'pending' and l.quantity > l.refund_quantity
        and l.product_id in (select product_id from unsupplied)
    ),
    plan as materialized (
      select r.id, r.order_id, r.product_id, r.pickup_point_id, r.needed,
        greatest(0, least(r.needed, u.from_stock - (r.upto - r.needed)))::int as served
      from ranked r join unsupplied u on u.product_id = r.product_id
    ),
    served as (update order_lines l set status = 'allocated' from plan p where l.id = p.id and p.served > 0 returning 1),
    crates as (
      update cutoff_demand d set units = d.units - s.short
      from (select pickup_point_id, product_id, sum(needed - served)::int as short from plan group by pickup_point_id, product_id) s
      where d.pickup_point_id = s.pickup_point_id and d.product_id = s.product_id and s.short > 0
      returning 1
    )
    select id, order_id, (needed - served)::int as short from plan where served < needed order by order_id, id`,
  );
  await exec(tx, sql`delete from cutoff_demand where units <= 0`);
  return refundShortLines(tx, short, {
    note: 'No supplier could take a purchase order for this product',
    keyPrefix: 'unsupplied',
  });
}

/** A sorting list per pickup point (with its route and grid warehouse) and a manifest per route. */
async function buildSortingLists(tx: Db, campaignId: string): Promise<number> {
  const built = await one<{ lists: number }>(
    tx,
    sql`
    with lists as (
      insert into sorting_lists (campaign_id, warehouse_id, route_id, pickup_point_id)
      select ${campaignId}::uuid, r.warehouse_id, pp.route_id, pp.id
      from (select distinct pickup_point_id from cutoff_demand) d
      join pickup_points pp on pp.id = d.pickup_point_id
      join routes r on r.id = pp.route_id
      on conflict (campaign_id, pickup_point_id) do nothing
      returning id, pickup_point_id, route_id, warehouse_id
    ), list_lines as (
      insert into sorting_list_lines (sorting_list_id, product_id, ordered_quantity, quantity)
      select lists.id, d.product_id, d.units, d.units
      from cutoff_demand d join lists on lists.pickup_point_id = d.pickup_point_id
      returning sorting_list_id, quantity
    ), manifests as (
      insert into delivery_manifests (campaign_id, route_id, warehouse_id, stops, units)
      select ${campaignId}::uuid, lists.route_id, lists.warehouse_id, count(distinct lists.id)::int, sum(ll.quantity)::int
      from lists join list_lines ll on ll.sorting_list_id = lists.id
      group by lists.route_id, lists.warehouse_id
      on conflict (campaign_id, route_id) do nothing
      returning 1
    )
    select (select count(*) from lists)::int as lists, (select count(*) from manifests)::int as manifests`,
  );
  return built?.lists ?? 0;
}

/** Job handler: the cutoff at cutoffAt. A campaign deleted meanwhile leaves nothing to do. */
export async function cutoffJob(db: Db, payload: Record<string, unknown>): Promise<void> {
  const campaignId = String(payload.campaignId ?? '');
  if (!isUuid(campaignId)) return;
  try {
    await runCutoff(db, campaignId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return;
    throw err;
  }
}
