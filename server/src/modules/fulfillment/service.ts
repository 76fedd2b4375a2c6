import { sql } from 'drizzle-orm';
import { one, rows, type Db } from '../../db/client.js';
import { invalidState, notFound } from '../../lib/errors.js';
import { keyset, PAGE_MAX, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { dateOnly, iso } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { breachedZones, readingsOf, type ReadingView } from '../coldchain/service.js';

/** Read models of the fulfilment documents, and the dispatch step. Lists are capped (a day's documents). */

export interface PurchaseOrderView {
  id: string;
  campaignId: string;
  supplierId: string;
  supplierName: string;
  warehouseId: string;
  status: string;
  createdAt: string;
  receivedAt: string | null;
  lines: {
    productId: string;
    productName: string;
    unit: string;
    packSize: number;
    quantity: number;
    demandQuantity: number;
    fromStockQuantity: number;
    acceptedQuantity: number | null;
    rejectedQuantity: number | null;
  }[];
}

/** Purchase orders are listed newest first; the id orders those of one cutoff (created together). */
export const PURCHASE_ORDER_KEYSET = keyset('purchase-orders', [sql`po.created_at`, 'time'], [sql`po.id`, 'uuid']);

/** A campaign's purchase orders (one per supplier, a few), newest first and by supplier name: for workbooks. */
export async function listPurchaseOrders(
  db: Db,
  filter: { campaignId: string; scope?: RegionScope },
): Promise<PurchaseOrderView[]> {
  const { items } = await purchaseOrderPage(db, filter, { limit: 500, after: null });
  return items.sort(
    (a, b) =>
      b.createdAt.localeCompare(a.createdAt) ||
      (a.supplierName < b.supplierName ? -1 : a.supplierName > b.supplierName ? 1 : 0),
  );
}

/** A page of purchase orders with their lines, newest first. */
export async function purchaseOrderPage(
  db: Db,
  filter: { campaignId?: string; status?: string; scope?: RegionScope },
  page: PageRequest,
): Promise<Page<PurchaseOrderView>> {
  const p = pageSql(PURCHASE_ORDER_KEYSET, page);
  const found = await rows<{
    id: string;
    campaign_id: string;
    supplier_id: string;
    supplier_name: string;
    warehouse_id: string;
    status: string;
    created_at: unknown;
    received_at: unknown;
  }>(
    db,
    sql`
    select po.id, po.campaign_id, po.supplier_id, s.name as supplier_name, po.warehouse_id, po.status, po.created_at,
      po.received_at, ${p.select}
    from purchase_orders po join suppliers s on s.id = po.supplier_id
    where ${filter.campaignId ? sql`po.campaign_id = ${filter.campaignId}` : sql`true`}
      and ${filter.status ? sql`po.status = ${filter.status}` : sql`true`} and ${p.after}
      and ${filter.scope ? sql`po.warehouse_id in (select id from warehouses where ${inScope(filter.scope, sql`region_id`)})` : sql`true`}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items: pos, nextCursor } = pageOf(PURCHASE_ORDER_KEYSET, page, found);
  if (!pos.length) return { items: [], nextCursor };
  const lines = await rows<PurchaseOrderView['lines'][number] & { purchaseOrderId: string }>(
    db,
    sql`
    select pol.purchase_order_id as "purchaseOrderId", pol.product_id as "productId", p.name as "productName", p.unit,
      p.pack_size as "packSize", pol.quantity, pol.demand_quantity as "demandQuantity", pol.from_stock_quantity as "fromStockQuantity",
      pol.accepted_quantity as "acceptedQuantity", pol.rejected_quantity as "rejectedQuantity"
    from purchase_order_lines pol join products p on p.id = pol.product_id
    where pol.purchase_order_id in (${sql.join(
      pos.map((p) => sql`${p.id}`),
      sql`, `,
    )})
    order by p.name, pol.product_id`,
  );
  const items = pos.map((po) => ({
    id: po.id,
    campaignId: po.campaign_id,
    supplierId: po.supplier_id,
    supplierName: po.supplier_name,
    warehouseId: po.warehouse_id,
    status: po.status,
    createdAt: iso(po.created_at)!,
    receivedAt: iso(po.received_at),
    lines: lines.filter((l) => l.purchaseOrderId === po.id).map(({ purchaseOrderId: _, ...l }) => l),
  }));
  return { items, nextCursor };
}

export interface SortingListView {
  id: string;
  campaignId: string;
  warehouseId: string;
  warehouseName: string;
  routeId: string;
  routeName: string;
  pickupPointId: string;
  pickupPointName: string;
  status: string;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  lines: {
    productId: string;
    productName: string;
    unit: string;
    temperatureZone: string;
    orderedQuantity: number;
    quantity: number;
    receivedQuantity: number | null;
    missingQuantity: number | null;
    damagedQuantity: number | null;
  }[];
}

/**
 * Sorting lists are shown in the warehouse's order (warehouse, route, pickup point by name). The cursor names
 * the last list of the page and the next page starts after that list's names, looked up again: names are too
 * long for a cursor, and a list keeps its place unless a warehouse, route or point is renamed meanwhile.
 */
export const SORTING_LIST_KEYSET = keyset('sorting-lists', [sql`sl.id`, 'uuid']);

/** The place of a sorting list in the warehouse's order. */
const SORTING_PLACE = sql`(w.name, r.name, pp.name, sl.id)`;

export async function listSortingLists(
  db: Db,
  filter: {
    campaignId: string;
    routeId?: string;
    warehouseId?: string;
    pickupPointId?: string;
    /** a sorting list is its warehouse's: only the lists of these regions' warehouses */
    scope?: RegionScope;
  },
  page: PageRequest,
): Promise<Page<SortingListView>> {
  const after = page.after
    ? sql`${SORTING_PLACE} > (select w.name, r.name, pp.name, sl.id from sorting_lists sl
        join warehouses w on w.id = sl.warehouse_id join routes r on r.id = sl.route_id
        join pickup_points pp on pp.id = sl.pickup_point_id where sl.id = ${page.after[0]}::uuid)`
    : sql`true`;
  const found = await rows<{
    id: string;
    campaign_id: string;
    warehouse_id: string;
    warehouse_name: string;
    route_id: string;
    route_name: string;
    pickup_point_id: string;
    pickup_point_name: string;
    status: string;
    dispatched_at: unknown;
    arrived_at: unknown;
    page_k0: string;
  }>(
    db,
    sql`
    select sl.id, sl.campaign_id, sl.warehouse_id, w.name as warehouse_name, sl.route_id, r.name as route_name,
      sl.pickup_point_id, pp.name as pickup_point_name, sl.status, sl.dispatched_at, sl.arrived_at, sl.id as page_k0
    from sorting_lists sl
    join warehouses w on w.id = sl.warehouse_id
    join routes r on r.id = sl.route_id
    join pickup_points pp on pp.id = sl.pickup_point_id
    where sl.campaign_id = ${filter.campaignId}
      and ${filter.routeId ? sql`sl.route_id = ${filter.routeId}` : sql`true`}
      and ${filter.warehouseId ? sql`sl.warehouse_id = ${filter.warehouseId}` : sql`true`}
      and ${filter.pickupPointId ? sql`sl.pickup_point_id = ${filter.pickupPointId}` : sql`true`}
      and ${inScope(filter.scope ?? null, sql`w.region_id`)}
      and ${after}
    order by w.name, r.name, pp.name, sl.id limit ${sql.raw(String(page.limit + 1))}`,
  );
  const { items: lists, nextCursor } = pageOf(SORTING_LIST_KEYSET, page, found);
  if (!lists.length) return { items: [], nextCursor };
  const lines = await rows<SortingListView['lines'][number] & { sortingListId: string }>(
    db,
    sql`
    select sll.sorting_list_id as "sortingListId", sll.product_id as "productId", p.name as "productName", p.unit,
      p.temperature_zone as "temperatureZone", sll.ordered_quantity as "orderedQuantity", sll.quantity,
      sll.received_quantity as "receivedQuantity", sll.missing_quantity as "missingQuantity", sll.damaged_quantity as "damagedQuantity"
    from sorting_list_lines sll join sorting_lists sl on sl.id = sll.sorting_list_id join products p on p.id = sll.product_id
    where sl.campaign_id = ${filter.campaignId}
      and sll.sorting_list_id in (${sql.join(
        lists.map((l) => sql`${l.id}`),
        sql`, `,
      )})
    order by p.temperature_zone, p.name, sll.product_id`,
  );
  const byList = new Map<string, SortingListView['lines']>();
  for (const { sortingListId, ...line } of lines) {
    (byList.get(sortingListId) ?? byList.set(sortingListId, []).get(sortingListId)!).push(line);
  }
  const items = lists.map((l) => ({
    id: l.id,
    campaignId: l.campaign_id,
    warehouseId: l.warehouse_id,
    warehouseName: l.warehouse_name,
    routeId: l.route_id,
    routeName: l.route_name,
    pickupPointId: l.pickup_point_id,
    pickupPointName: l.pickup_point_name,
    status: l.status,
    dispatchedAt: iso(l.dispatched_at),
    arrivedAt: iso(l.arrived_at),
    lines: byList.get(l.id) ?? [],
  }));
  return { items, nextCursor };
}

/** Every sorting list the filter names, page after page (the export and the demo need the whole day). */
export async function allSortingLists(
  db: Db,
  filter: Parameters<typeof listSortingLists>[1],
): Promise<SortingListView[]> {
  const all: SortingListView[] = [];
  for (let after: string[] | null = null; ; ) {
    const page = await listSortingLists(db, filter, { limit: PAGE_MAX, after });
    all.push(...page.items);
    if (!page.nextCursor) return all;
    after = [page.items[page.items.length - 1].id];
  }
}

export interface ManifestView {
  id: string;
  campaignId: string;
  routeId: string;
  routeName: string;
  warehouseId: string;
  warehouseName: string;
  stops: number;
  units: number;
  status: string;
  dispatchedAt: string | null;
  points: { pickupPointId: string; pickupPointName: string; address: string; units: number }[];
  /** the temperature readings of the route's delivery on the campaign's pickup date (decision 042) */
  readings: ReadingView[];
  /** zones with a reading out of range, at dispatch or at any stop */
  breachedZones: ('chilled' | 'frozen')[];
}

export async function listManifests(
  db: Db,
  filter: { campaignId: string; scope?: RegionScope },
): Promise<ManifestView[]> {
  const scoped = inScope(filter.scope ?? null, sql`w.region_id`);
  const manifests = await rows<{
    id: string;
    campaign_id: string;
    route_id: string;
    route_name: string;
    warehouse_id: string;
    warehouse_name: string;
    stops: number;
    units: number;
    status: string;
    dispatched_at: unknown;
  }>(
    db,
    sql`
    select m.id, m.campaign_id, m.route_id, r.name as route_name, m.warehouse_id, w.name as warehouse_name,
      m.stops, m.units, m.status, m.dispatched_at
    from delivery_manifests m join routes r on r.id = m.route_id join warehouses w on w.id = m.warehouse_id
    where m.campaign_id = ${filter.campaignId} and ${scoped} order by w.name, r.name`,
  );
  const stops = await rows<{ route_id: string; pickup_point_id: string; name: string; address: string; units: number }>(
    db,
    sql`
    select sl.route_id, sl.pickup_point_id, pp.name, pp.address, coalesce(sum(sll.quantity), 0)::int as units
    from sorting_lists sl join pickup_points pp on pp.id = sl.pickup_point_id join warehouses w on w.id = sl.warehouse_id
    left join sorting_list_lines sll on sll.sorting_list_id = sl.id
    where sl.campaign_id = ${filter.campaignId} and ${scoped}
    group by sl.route_id, sl.pickup_point_id, pp.name, pp.address order by pp.name`,
  );
  const campaign = await one<{ day: unknown }>(
    db,
    sql`select pickup_date as day from campaigns where id = ${filter.campaignId}`,
  );
  const readings = campaign
    ? await readingsOf(db, { routeIds: manifests.map((m) => m.route_id), day: dateOnly(campaign.day)! })
    : [];
  return manifests.map((m) => {
    const own = readings.filter((r) => r.routeId === m.route_id);
    return {
      id: m.id,
      campaignId: m.campaign_id,
      routeId: m.route_id,
      routeName: m.route_name,
      warehouseId: m.warehouse_id,
      warehouseName: m.warehouse_name,
      stops: m.stops,
      units: m.units,
      status: m.status,
      dispatchedAt: iso(m.dispatched_at),
      points: stops
        .filter((s) => s.route_id === m.route_id)
        .map((s) => ({
          pickupPointId: s.pickup_point_id,
          pickupPointName: s.name,
          address: s.address,
          units: s.units,
        })),
      readings: own,
      breachedZones: breachedZones(own),
    };
  });
}

/**
 * Sends a route's truck: its sorting lists and manifest become dispatched. Only after the
 * cutoff (before it the crates cannot be final). Dispatching again changes nothing.
 */
export async function dispatchRoute(db: Db, input: { campaignId: string; routeId: string }, scope: RegionScope = null) {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const campaign = await one<{ status: string }>(
      tx,
      sql`select status from campaigns where id = ${input.campaignId} and ${inScope(scope, sql`region_id`)}`,
    );
    if (!campaign) throw notFound('Campaign');
    // a route can move to another region: held until the dispatch commits
    const route = await one(
      tx,
      sql`select 1 as ok from routes where id = ${input.routeId} and ${inScope(scope, sql`region_id`)} for share`,
    );
    if (!route) throw notFound('Route');
    if (campaign.status !== 'cut_off') throw invalidState('The campaign has not been cut off yet');
    // A truck leaving before the goods are in would strand those orders: their lines are only
    // allocated (and can only arrive) once their purchase order is received.
    const waiting = await rows<{ id: string }>(
      tx,
      sql`
      select id from purchase_orders where campaign_id = ${input.campaignId} and status = 'open'`,
    );
    if (waiting.length) {
      throw invalidState('Receive every purchase order of the campaign before dispatching', {
        purchaseOrderIds: waiting.map((w) => w.id),
      });
    }
    const lists = await one<{ n: number }>(
      tx,
      sql`
      with d as (
        update sorting_lists set status = 'dispatched', dispatched_at = now()
        where campaign_id = ${input.campaignId} and route_id = ${input.routeId} and status = 'pending' returning 1)
      select count(*)::int as n from d`,
    );
    const manifest = await one<{ status: string; dispatched_at: unknown }>(
      tx,
      sql`
      update delivery_manifests set status = 'dispatched', dispatched_at = coalesce(dispatched_at, now())
      where campaign_id = ${input.campaignId} and route_id = ${input.routeId}
      returning status, dispatched_at`,
    );
    return {
      ok: true as const,
      campaignId: input.campaignId,
      routeId: input.routeId,
      dispatchedSortingLists: lists?.n ?? 0,
      dispatchedAt: iso(manifest?.dispatched_at),
    };
  });
}
