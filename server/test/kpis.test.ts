import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { kpiReport, type KpiReport, type Values } from '../src/modules/kpis/service.js';
import { rollUpKpiDays } from '../src/modules/kpis/rollups.js';
import { leaderMonths, weekOf, weeklyCohorts } from '../src/modules/kpis/cohorts.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';

/**
 * Every KPI figure of the KPI page against a plain recomputation over the raw rows (written here
 * independently, in JavaScript), on generated history with customers, members, flash deals,
 * shortage and after-sales refunds, pickups and route costs: read all raw, after the rollup job,
 * and with one rolled-up day taken out again (so a period mixes rolled and raw days), over 1, 21
 * and 60 days and drilled down by region, point, leader, category and membership.
 *
 * History lies 2 to 150 days back (always closed days past the rollup's grace, whatever the hour
 * the test runs); today's orders are paid now.
 */
let server: TestServer;
let world: World;
let regionId: string;
const TZ = 'Asia/Shanghai';
const NOW = new Date();
const TODAY = businessDate(NOW, TZ);
const DAY_MS = 86_400_000;
/** the rollup job rolls today up to 10 minutes (its grace) before its run: NOW's run, here */
const THROUGH = new Date(NOW.getTime() - 10 * 60_000);
const MIDNIGHT = localTime(TODAY, '00:00', TZ);
/** half of today's orders are paid before THROUGH when today has such minutes (not in its first 11) */
const EARLY_TODAY =
  THROUGH.getTime() - MIDNIGHT.getTime() > 60_000 ? new Date((MIDNIGHT.getTime() + THROUGH.getTime()) / 2) : null;

// a small deterministic generator: the same history on both databases
let seed = 46;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
/** an instant on a business day `back` days before today, at a random local minute */
const onDay = (back: number) => {
  const day = addDays(TODAY, -back);
  const minute = Math.floor(rand() * 1440);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return localTime(day, hhmm, TZ);
};

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const db = server.ctx.db;
  regionId = (await one<{ region_id: string }>(
    db,
    sql`select region_id from pickup_points where id = ${world.pickupPointIds[0]}`,
  ))!.region_id;
  // one deal of each product is a flash deal
  await exec(db, sql`update campaign_items set sale_starts_at = now() where id = ${world.campaign.items[0].id}`);
  const points = world.pickupPointIds;
  // customers registered 1 to 150 days back; a third with a paid membership for part of the history
  const customers: { id: string; point: string; createdAt: Date }[] = [];
  for (let i = 0; i < 60; i++) {
    const back = i < 55 ? 1 + Math.floor(rand() * 150) : 0;
    const createdAt = back ? onDay(back) : new Date(NOW.getTime() - 1000);
    const point = pick(points);
    const row = await one<{ id: string }>(
      db,
      sql`insert into users (phone, name, password_hash, invite_code, pickup_point_id, created_at)
        values (${`1770000${String(i).padStart(4, '0')}`}, ${`客${i}`}, 'x', ${`KPI${i}`}, ${point}, ${createdAt.toISOString()}::timestamptz)
        returning id`,
    );
    customers.push({ id: row!.id, point, createdAt });
    if (i % 3 === 0) {
      const start = new Date(createdAt.getTime() + Math.floor(rand() * 40) * DAY_MS);
      await exec(
        db,
        sql`insert into membership_periods (order_id, user_id, plan, starts_at, ends_at)
          values (gen_random_uuid(), ${row!.id}, 'month', ${start.toISOString()}::timestamptz,
            ${new Date(start.getTime() + 60 * DAY_MS).toISOString()}::timestamptz)`,
      );
    }
  }
  // orders: each customer buys on some days after registering (today included, paid now)
  const items = world.campaign.items;
  for (const c of customers) {
    const registeredBack = Math.round((NOW.getTime() - c.createdAt.getTime()) / DAY_MS);
    const n = Math.floor(rand() * 8);
    for (let k = 0; k < n; k++) {
      const back = Math.floor(rand() * (registeredBack + 1));
      let paidAt = back >= 2 ? onDay(back) : EARLY_TODAY && rand() < 0.5 ? EARLY_TODAY : NOW;
      if (paidAt.getTime() < c.createdAt.getTime()) paidAt = new Date(c.createdAt.getTime() + 60_000);
      if (paidAt.getTime() > NOW.getTime()) paidAt = NOW;
      const point = rand() < 0.85 ? c.point : pick(points);
      const lines = [...new Set([pick(items), pick(items), pick(items)])].map((it) => ({
        it,
        qty: 1 + Math.floor(rand() * 3),
      }));
      const total = lines.reduce((s, l) => s + l.it.priceFen * l.qty, 0);
      // most orders' goods arrive at their point 8 to 40 hours after payment (to the second), some not yet
      const readyAt = rand() < 0.85 ? new Date(paidAt.getTime() + Math.floor((8 + rand() * 32) * 3_600_000)) : null;
      const order = await one<{ id: string }>(
        db,
        sql`insert into orders (kind, user_id, region_id, pickup_point_id, status, subtotal_fen, total_fen, expires_at, paid_at, created_at, ready_at)
          values ('goods', ${c.id}, ${regionId}, ${point}, 'completed', ${total}, ${total}, ${paidAt.toISOString()}::timestamptz,
            ${paidAt.toISOString()}::timestamptz, ${paidAt.toISOString()}::timestamptz,
            ${readyAt && readyAt < NOW ? readyAt.toISOString() : null}::timestamptz) returning id`,
      );
      for (const l of lines) {
        const pickedUp = rand() < 0.7 ? new Date(paidAt.getTime() + (1 + Math.floor(rand() * 3)) * DAY_MS) : null;
        const line = await one<{ id: string }>(
          db,
          sql`insert into order_lines (order_id, campaign_item_id, product_id, quantity, list_price_fen, unit_price_fen, paid_fen, status, picked_up_at)
            values (${order!.id}, ${l.it.id}, ${l.it.productId}, ${l.qty}, ${l.it.priceFen}, ${l.it.priceFen},
              ${l.it.priceFen * l.qty}, 'picked_up', ${pickedUp && pickedUp < NOW ? pickedUp.toISOString() : null}::timestamptz)
            returning id`,
        );
        const r = rand();
        if (r < 0.25) {
          // a refund of this line a day or two later (or now): shortage, missing, wrong item, quality
          const kind = r < 0.1 ? 'shortage' : 'aftersales';
          const reason = kind === 'shortage' ? 'shortage' : pick(['missing', 'wrong_item', 'quality']);
          const qty = 1;
          const amount = l.it.priceFen;
          let at = new Date(paidAt.getTime() + (1 + Math.floor(rand() * 2)) * DAY_MS);
          if (at > NOW) at = NOW;
          const refund = await one<{ id: string }>(
            db,
            sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen, created_at, decided_at)
              values (${order!.id}, ${c.id}, ${kind}, ${reason}, ${r < 0.22 ? 'refunded' : 'rejected'}, ${amount},
                ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz) returning id`,
          );
          await exec(
            db,
            sql`insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) values (${refund!.id}, ${line!.id}, ${qty}, ${amount})`,
          );
        }
      }
      if (rand() < 0.05) {
        // a refund of no line (a price adjustment), on the day of payment
        await exec(
          db,
          sql`insert into refunds (order_id, user_id, kind, reason, status, amount_fen, created_at, decided_at)
            values (${order!.id}, ${c.id}, 'price_adjustment', 'tier', 'refunded', 50, ${paidAt.toISOString()}::timestamptz,
              ${paidAt.toISOString()}::timestamptz)`,
        );
      }
    }
  }
  // delivery cost of the first route on some days
  for (const back of [1, 3, 5, 10, 20, 40, 61])
    await exec(
      db,
      sql`insert into route_costs (route_id, day, cost_fen) values (${world.routeIds[0]}, ${addDays(TODAY, -back)}::date, ${1000 + back * 7})`,
    );
  // campaigns cut off on past days: deals with a quota and what they sold, and the purchase orders
  // received 6 to 60 hours after they were made at cutoff; and one still open, nothing sold yet
  for (const back of [1, 2, 4, 7, 12, 19, 26, 33, 47, 58, 70, 0]) {
    const cutoff = back ? localTime(addDays(TODAY, -back), '23:00', TZ) : new Date(NOW.getTime() + 3_600_000);
    const campaign = await one<{ id: string }>(
      db,
      sql`insert into campaigns (region_id, title, starts_at, cutoff_at, pickup_date, status, cut_off_at)
        values (${regionId}, ${`团期-${back}`}, ${new Date(cutoff.getTime() - 16 * 3_600_000).toISOString()}::timestamptz,
          ${cutoff.toISOString()}::timestamptz, ${addDays(TODAY, 1 - back)}::date, ${back ? 'cut_off' : 'open'},
          ${back ? cutoff.toISOString() : null}::timestamptz)
        returning id`,
    );
    for (const [k, it] of world.campaign.items.entries()) {
      const quota = 10 + 10 * k;
      await exec(
        db,
        sql`insert into campaign_items (campaign_id, product_id, price_fen, quota, sold, position)
          values (${campaign!.id}, ${it.productId}, ${it.priceFen}, ${quota}, ${back ? Math.floor(rand() * (quota + 1)) : 0}, ${k})`,
      );
    }
    const received = new Date(cutoff.getTime() + Math.floor((6 + rand() * 54) * 3_600_000));
    await exec(
      db,
      sql`insert into purchase_orders (campaign_id, supplier_id, warehouse_id, status, created_at, received_at)
        values (${campaign!.id}, gen_random_uuid(), gen_random_uuid(), ${received < NOW ? 'received' : 'open'},
          ${cutoff.toISOString()}::timestamptz, ${received < NOW ? received.toISOString() : null}::timestamptz)`,
    );
  }
}, 120_000);
afterAll(() => server.close());

// ---- the plain recomputation ----
interface Raw {
  orders: { id: string; user_id: string; point: string | null; total: number; at: number; ready: number | null }[];
  lines: {
    id: string;
    order_id: string;
    category: string;
    qty: number;
    paid: number;
    flash: boolean;
    picked: number | null;
  }[];
  refunds: { id: string; order_id: string; kind: string; reason: string; amount: number; at: number }[];
  refundLines: { refund_id: string; line_id: string; qty: number; amount: number }[];
  users: { id: string; point: string | null; created: number; customer: boolean }[];
  periods: { user_id: string; starts: number; ends: number }[];
  points: { id: string; route_id: string; leader_id: string | null }[];
  costs: { route_id: string; day: string; cost: number }[];
  deals: { cutoff: number; quota: number; sold: number }[];
  purchases: { created: number; received: number }[];
}
async function readRaw(): Promise<Raw> {
  const db = server.ctx.db;
  const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);
  return {
    orders: await rows(
      db,
      sql`select id, user_id, pickup_point_id as point, total_fen as total, ${ms('paid_at')} as at, ${ms('ready_at')} as ready
        from orders where kind = 'goods' and paid_at is not null`,
    ),
    lines: await rows(
      db,
      sql`select l.id, l.order_id, p.category, l.quantity as qty, l.paid_fen as paid, ci.sale_starts_at is not null as flash,
        ${ms('l.picked_up_at')} as picked
      from order_lines l join products p on p.id = l.product_id join campaign_items ci on ci.id = l.campaign_item_id`,
    ),
    refunds: await rows(
      db,
      sql`select id, order_id, kind, reason, amount_fen as amount, ${ms('coalesce(decided_at, created_at)')} as at
        from refunds where status = 'refunded'`,
    ),
    refundLines: await rows(
      db,
      sql`select refund_id, order_line_id as line_id, quantity as qty, amount_fen as amount from refund_lines`,
    ),
    users: await rows(
      db,
      sql`select id, pickup_point_id as point, ${ms('created_at')} as created, 'customer' = any(roles) as customer from users`,
    ),
    periods: await rows(
      db,
      sql`select user_id, ${ms('starts_at')} as starts, ${ms('ends_at')} as ends from membership_periods`,
    ),
    points: await rows(
      db,
      sql`select p.id, p.route_id, l.id as leader_id from pickup_points p
        left join leaders l on l.pickup_point_id = p.id and l.status = 'active'`,
    ),
    costs: await rows(db, sql`select route_id, to_char(day, 'YYYY-MM-DD') as day, cost_fen as cost from route_costs`),
    deals: await rows(
      db,
      sql`select ${ms('c.cutoff_at')} as cutoff, ci.quota, ci.sold from campaign_items ci join campaigns c on c.id = ci.campaign_id
        where ci.quota is not null`,
    ),
    purchases: await rows(
      db,
      sql`select ${ms('created_at')} as created, ${ms('received_at')} as received from purchase_orders where status = 'received'`,
    ),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const div = (a: number, b: number) => (b ? a / b : null);
// the oracle asks for the same instants' days many times over: formatted once each
const dayCache = new Map<number, string>();
const dayOf = (ms: number) => {
  const known = dayCache.get(ms);
  if (known !== undefined) return known;
  const d = businessDate(new Date(ms), TZ);
  dayCache.set(ms, d);
  return d;
};
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
};

type Filter = { dim?: string; key?: string };
/** Every KPI over `from`..`to`, for the whole or one drill-down group, by the registry's definitions. */
function expected(raw: Raw, from: string, to: string, f: Filter = {}): Values {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  const months = days / 30;
  const inP = (ms: number) => dayOf(ms) >= from && dayOf(ms) <= to;
  const orderById = new Map(raw.orders.map((o) => [o.id, o]));
  const lineById = new Map(raw.lines.map((l) => [l.id, l]));
  const pointOf = (id: string | null) => raw.points.find((p) => p.id === id);
  const isMember = (user: string, at: number) =>
    raw.periods.some((p) => p.user_id === user && p.starts <= at && p.ends > at);
  const orderIn = (o: Raw['orders'][number]) => {
    if (!f.dim) return true;
    if (f.dim === 'point') return (o.point ?? '') === f.key;
    if (f.dim === 'leader') return (pointOf(o.point)?.leader_id ?? '') === f.key;
    if (f.dim === 'member') return (isMember(o.user_id, o.at) ? 'member' : 'non-member') === f.key;
    if (f.dim === 'region') return f.key === regionId;
    return true;
  };
  const lineIn = (category: string) => f.dim !== 'category' || category === f.key;
  const orders = raw.orders.filter((o) => inP(o.at) && orderIn(o));
  const orderIds = new Set(orders.map((o) => o.id));
  const lines = raw.lines.filter((l) => orderIds.has(l.order_id) && lineIn(l.category));
  const gmv = sum(lines.map((l) => l.paid));
  const units = sum(lines.map((l) => l.qty));
  // refunds of the period, split by line; the rest of a refund under category ''
  const refundParts = raw.refunds
    .filter((r) => inP(r.at) && orderIn(orderById.get(r.order_id)!))
    .flatMap((r) => {
      const rl = raw.refundLines.filter((x) => x.refund_id === r.id);
      const rest = r.amount - sum(rl.map((x) => x.amount));
      return [
        ...rl.map((x) => ({
          r,
          category: lineById.get(x.line_id)!.category,
          amount: x.amount,
          qty: x.qty,
          line: true,
        })),
        ...(rest ? [{ r, category: '', amount: rest, qty: 0, line: false }] : []),
      ];
    })
    .filter((p) => lineIn(p.category));
  const refund = sum(refundParts.map((p) => p.amount));
  const short = sum(refundParts.filter((p) => p.r.kind === 'shortage').map((p) => p.qty));
  const errors = refundParts.filter(
    (p) => p.line && p.r.kind === 'aftersales' && ['missing', 'wrong_item'].includes(p.r.reason),
  ).length;
  const picked = raw.lines.filter(
    (l) => l.picked !== null && inP(l.picked) && orderIn(orderById.get(l.order_id)!) && lineIn(l.category),
  ).length;
  const flashByDay = new Map<string, number>();
  for (const l of lines.filter((l) => l.flash)) {
    const d = dayOf(orderById.get(l.order_id)!.at);
    flashByDay.set(d, (flashByDay.get(d) ?? 0) + l.paid);
  }
  // customers
  const byUser = new Map<string, Raw['orders']>();
  for (const o of orders) byUser.set(o.user_id, [...(byUser.get(o.user_id) ?? []), o]);
  const memberOrders = orders.filter((o) => isMember(o.user_id, o.at));
  const otherOrders = orders.filter((o) => !isMember(o.user_id, o.at));
  const seconds: number[] = [];
  for (const user of new Set(raw.orders.map((o) => o.user_id))) {
    const own = raw.orders.filter((o) => o.user_id === user).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    if (own.length >= 2 && inP(own[1].at) && orderIn(own[1]))
      seconds.push(Math.round((Date.parse(dayOf(own[1].at)) - Date.parse(dayOf(own[0].at))) / DAY_MS));
  }
  // penetration at the end of the period's last closed day
  const penEnd = [to, addDays(TODAY, -1)].sort()[0];
  const endAt = localTime(addDays(penEnd, 1), '00:00', TZ).getTime();
  const recent = new Set(
    raw.orders
      .filter((o) => dayOf(o.at) >= addDays(penEnd, -89) && dayOf(o.at) <= penEnd && orderIn(o))
      .map((o) => o.user_id),
  );
  const regs = raw.users.filter(
    (u) =>
      u.customer &&
      u.point &&
      inP(u.created) &&
      (!f.dim ||
        (f.dim === 'point' && u.point === f.key) ||
        (f.dim === 'leader' && pointOf(u.point)?.leader_id === f.key) ||
        f.dim === 'region'),
  );
  const converted = regs.filter((u) =>
    raw.orders.some((o) => o.user_id === u.id && o.at < u.created + 7 * DAY_MS),
  ).length;
  const ledPoints = raw.points.filter((p) => p.leader_id);
  const leaders =
    !f.dim || f.dim === 'region'
      ? ledPoints.length
      : f.dim === 'point'
        ? ledPoints.filter((p) => p.id === f.key).length
        : ledPoints.filter((p) => p.leader_id === f.key).length;
  const ledNet =
    sum(lines.filter((l) => pointOf(orderById.get(l.order_id)!.point)?.leader_id).map((l) => l.paid)) -
    sum(refundParts.filter((p) => pointOf(orderById.get(p.r.order_id)!.point)?.leader_id).map((p) => p.amount));
  const costs = raw.costs.filter((c) => c.day >= from && c.day <= to);
  const costRoutes = new Set(costs.map((c) => c.route_id));
  const routeGmv = sum(
    lines.filter((l) => costRoutes.has(pointOf(orderById.get(l.order_id)!.point)?.route_id ?? '')).map((l) => l.paid),
  );
  // fulfilment: hours from payment to ready in tenths rounded down, over the orders made ready in
  // the period; the smallest value at least p of them reach
  const tenths = raw.orders
    .filter((o) => o.ready !== null && inP(o.ready))
    .map((o) => Math.floor((o.ready! - o.at) / 360_000))
    .sort((a, b) => a - b);
  const percentile = (p: number) => (tenths.length ? tenths[Math.ceil(p * tenths.length) - 1] / 10 : null);
  // purchasing: deals of the campaigns cut off in the period (by now) with a quota; orders received in it
  const cutDeals = raw.deals.filter((d) => inP(d.cutoff) && d.cutoff <= NOW.getTime() && d.quota > 0);
  const received = raw.purchases.filter((p) => inP(p.received));
  const customerDim = f.dim !== 'category';
  const placeDim = !f.dim || ['region', 'point', 'leader'].includes(f.dim);
  return {
    gmv,
    refundRate: div(refund, gmv),
    repurchaseRate: customerDim ? div([...byUser.values()].filter((os) => os.length >= 2).length, byUser.size) : null,
    memberOrders: customerDim
      ? div(memberOrders.length, new Set(memberOrders.map((o) => o.user_id)).size * months)
      : null,
    nonMemberOrders: customerDim
      ? div(otherOrders.length, new Set(otherOrders.map((o) => o.user_id)).size * months)
      : null,
    // points without an active leader: one row, but counted per point, so not shown
    memberPenetration:
      placeDim && !(f.dim === 'leader' && f.key === '')
        ? div([...recent].filter((u) => isMember(u, endAt)).length, recent.size)
        : null,
    secondPurchaseDays: customerDim ? median(seconds) : null,
    newCustomerConversion: placeDim ? div(converted, regs.length) : null,
    newRegistrations: placeDim ? regs.length : null,
    flashPeakGmv: Math.max(0, ...flashByDay.values()),
    leaderProductivity: placeDim && leaders ? ledNet / leaders / months : null,
    deliveryCostShare: !f.dim || f.dim === 'region' ? div(sum(costs.map((c) => c.cost)), routeGmv) : null,
    stockOutRate: div(short, units),
    orderErrorRate: div(errors, picked),
    fulfilmentHours: !f.dim || f.dim === 'region' ? percentile(0.5) : null,
    fulfilmentHoursP90: !f.dim || f.dim === 'region' ? percentile(0.9) : null,
    slowMoverShare:
      !f.dim || f.dim === 'region' ? div(cutDeals.filter((d) => d.sold < d.quota * 0.2).length, cutDeals.length) : null,
    purchaseCycleDays:
      !f.dim || f.dim === 'region'
        ? div(sum(received.map((p) => (p.received - p.created) / DAY_MS)), received.length)
        : null,
  };
}

/** a report's values (without the period-over-period figure, checked apart) */
const valuesOf = (r: KpiReport) =>
  Object.fromEntries(r.kpis.filter((k) => k.key !== 'gmvChange').map((k) => [k.key, k.value]));
const close = (got: Values, want: Values) => {
  for (const key of Object.keys(want)) {
    const g = got[key] ?? null;
    const w = want[key];
    if (w === null || g === null) expect([key, g]).toEqual([key, w]);
    else expect([key, Math.round(g * 1e9)]).toEqual([key, Math.round(w * 1e9)]);
  }
};

async function checkAll(label: string, drillPeriods = 2) {
  const raw = await readRaw();
  for (const days of label === 'raw' ? [21] : [1, 21, 60]) {
    const from = addDays(TODAY, -(days - 1));
    const r = await kpiReport(server.ctx.db, { from, to: TODAY, now: NOW });
    close(valuesOf(r), expected(raw, from, TODAY));
    // the previous period and the change of GMV
    const prevFrom = addDays(from, -days);
    const prevTo = addDays(from, -1);
    expect(r.previousFrom).toBe(prevFrom);
    const prev = expected(raw, prevFrom, prevTo);
    close(Object.fromEntries(r.kpis.filter((k) => k.key !== 'gmvChange').map((k) => [k.key, k.previous])), prev);
    const gmvChange = r.kpis.find((k) => k.key === 'gmvChange')!.value;
    expect([label, gmvChange]).toEqual([
      label,
      prev.gmv ? ((r.kpis[0].value as number) - prev.gmv!) / prev.gmv! : null,
    ]);
    // daily series of GMV
    for (const d of r.daily) expect(d.values.gmv).toBe(expected(raw, d.date, d.date).gmv);
  }
  // drill-downs over a closed period and one that ends today
  for (const [from, to] of [
    [addDays(TODAY, -20), TODAY],
    [addDays(TODAY, -45), addDays(TODAY, -3)],
  ].slice(0, drillPeriods)) {
    for (const dim of ['region', 'point', 'leader', 'category', 'member'] as const) {
      const r = await kpiReport(server.ctx.db, { from, to, dim, now: NOW });
      expect(r.breakdown!.rows.length).toBeGreaterThan(0);
      for (const row of r.breakdown!.rows) {
        const { gmvChange: _, ...got } = row.values;
        close(got, expected(raw, from, to, { dim, key: row.key }));
      }
    }
  }
}

describe('KPI page', () => {
  it('gives every KPI as the plain recomputation, all raw', async () => {
    await checkAll('raw', 1);
  }, 300_000);

  it('gives the same after the rollup job, and with rolled and raw days mixed', async () => {
    const rolled = await rollUpKpiDays(server.ctx.db, NOW);
    expect(rolled).toBeGreaterThan(100);
    // today rolled so far: the sales paid before THROUGH, the rest read raw
    const today = await one<{ through: string | null }>(
      server.ctx.db,
      sql`select rolled_through::text as through from kpi_days where day = ${TODAY}::date`,
    );
    const raw = await readRaw();
    const paidBefore = new Set(
      raw.orders.filter((o) => o.at >= MIDNIGHT.getTime() && o.at < THROUGH.getTime()).map((o) => o.id),
    );
    const rolledToday = await one<{ fen: number }>(
      server.ctx.db,
      sql`select coalesce(sum(gmv_fen), 0)::int as fen from kpi_day_point_facts where day = ${TODAY}::date`,
    );
    if (THROUGH > MIDNIGHT) {
      expect(Date.parse(today!.through!)).toBe(THROUGH.getTime());
      expect(rolledToday!.fen).toBe(sum(raw.lines.filter((l) => paidBefore.has(l.order_id)).map((l) => l.paid)));
      if (EARLY_TODAY) expect(rolledToday!.fen).toBeGreaterThan(0);
    } else expect(today ?? null).toBeNull();
    await checkAll('rolled', 1);
    // a day in the middle read raw again
    await exec(
      server.ctx.db,
      sql`delete from kpi_days where day in (${addDays(TODAY, -5)}::date, ${addDays(TODAY, -30)}::date)`,
    );
    await checkAll('mixed');
    // a second run rolls up nothing new but the days taken out
    expect(await rollUpKpiDays(server.ctx.db, NOW)).toBe(0);
  }, 400_000);

  it('has data on its known answers', async () => {
    const r = await kpiReport(server.ctx.db, { from: addDays(TODAY, -59), to: TODAY, now: NOW });
    for (const key of [
      'gmv',
      'refundRate',
      'repurchaseRate',
      'secondPurchaseDays',
      'stockOutRate',
      'orderErrorRate',
      'flashPeakGmv',
      'fulfilmentHours',
      'fulfilmentHoursP90',
      'slowMoverShare',
      'purchaseCycleDays',
    ])
      expect([key, r.kpis.find((k) => k.key === key)!.value]).not.toEqual([key, null]);
    expect(r.kpis.find((k) => k.key === 'flashPeakGmv')!.value).toBeGreaterThan(0);
    expect(r.kpis.find((k) => k.key === 'deliveryCostShare')!.value).toBeGreaterThan(0);
  });

  it('answers the console with the period, the targets and the export; bad input is a 400', async () => {
    const res = await world.admin.get(`/admin/kpis?from=${addDays(TODAY, -6)}&to=${TODAY}&dim=point`);
    expect(res.status).toBe(200);
    expect(res.body.days).toBe(7);
    expect(res.body.kpis.find((k: any) => k.key === 'repurchaseRate').target).toBe(0.35);
    expect(res.body.unavailable.length).toBeGreaterThan(0);
    expect((await world.admin.get(`/admin/kpis?from=${TODAY}&to=${addDays(TODAY, -1)}`)).status).toBe(400);
    expect((await world.admin.get(`/admin/kpis?dim=weekday`)).status).toBe(400);
    expect((await world.admin.get(`/admin/kpis?from=${addDays(TODAY, -400)}&to=${TODAY}`)).status).toBe(400);
    // the workbook: the KPI sheet's GMV in yuan, the drill-down sheet's rows
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
    const x = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/kpis/export.xlsx?from=${addDays(TODAY, -6)}&to=${TODAY}&dim=category&lang=en`,
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const report = await kpiReport(server.ctx.db, { from: addDays(TODAY, -6), to: TODAY, dim: 'category' });
    expect(book.worksheets[0].getRow(3).values).toContain((report.kpis[0].value as number) / 100);
    expect(book.worksheets[2].rowCount).toBe(report.breakdown!.rows.length + 1);
  });
});

describe('weekly cohorts and leaders by month', () => {
  /** the cohorts recomputed: each customer's paid orders in payment order */
  async function expectedCohorts(weeks: number) {
    const raw = await readRaw();
    const from = addDays(weekOf(TODAY), -7 * (weeks - 1));
    const byUser = new Map<string, Raw['orders']>();
    for (const o of raw.orders) byUser.set(o.user_id, [...(byUser.get(o.user_id) ?? []), o]);
    const cohorts = new Map<string, { users: Raw['orders'][] }>();
    for (const own of byUser.values()) {
      own.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      const week = weekOf(dayOf(own[0].at));
      if (week < from) continue;
      cohorts.set(week, { users: [...(cohorts.get(week)?.users ?? []), own] });
    }
    return [...cohorts.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([week, { users }]) => {
        const span = Math.round((Date.parse(weekOf(TODAY)) - Date.parse(week)) / (7 * DAY_MS)) + 1;
        return {
          week,
          customers: users.length,
          medianSecondDays: median(
            users
              .filter((os) => os.length >= 2)
              .map((os) => Math.round((Date.parse(dayOf(os[1].at)) - Date.parse(dayOf(os[0].at))) / DAY_MS)),
          ),
          shares: Array.from({ length: span }, (_, k) => {
            const start = addDays(week, 7 * k);
            const end = addDays(start, 6);
            const inWeek = (os: Raw['orders']) => os.filter((o) => dayOf(o.at) >= start && dayOf(o.at) <= end).length;
            return users.filter((os) => (k === 0 ? inWeek(os) >= 2 : inWeek(os) >= 1)).length / users.length;
          }),
        };
      });
  }

  async function expectedLeaders(months: string[]) {
    const raw = await readRaw();
    const leaders = await rows<{ id: string; point: string }>(
      server.ctx.db,
      sql`select id, pickup_point_id as point from leaders where status = 'active'`,
    );
    const orderById = new Map(raw.orders.map((o) => [o.id, o]));
    return leaders
      .map((l) => ({
        leaderId: l.id,
        netFen: months.map((m) => {
          const gmv = sum(
            raw.lines
              .filter((x) => {
                const o = orderById.get(x.order_id);
                return o && o.point === l.point && dayOf(o.at).slice(0, 7) === m;
              })
              .map((x) => x.paid),
          );
          const refunds = sum(
            raw.refunds
              .filter((r) => orderById.get(r.order_id)?.point === l.point && dayOf(r.at).slice(0, 7) === m)
              .map((r) => r.amount),
          );
          return gmv - refunds;
        }),
      }))
      .sort((a, b) => b.netFen[months.length - 1] - a.netFen[months.length - 1] || (a.leaderId < b.leaderId ? -1 : 1));
  }

  it('gives each weekly cohort and each leader month as the plain recomputation, rolled and raw', async () => {
    await rollUpKpiDays(server.ctx.db, NOW);
    for (const pass of ['as rolled', 'with a day raw']) {
      if (pass === 'with a day raw')
        await exec(server.ctx.db, sql`delete from kpi_days where day = ${addDays(TODAY, -9)}::date`);
      const got = await weeklyCohorts(server.ctx.db, { weeks: 8, now: NOW });
      const want = await expectedCohorts(8);
      expect(got.cohorts.map((c) => [c.week, c.customers, c.medianSecondDays])).toEqual(
        want.map((c) => [c.week, c.customers, c.medianSecondDays]),
      );
      got.cohorts.forEach((c, i) => {
        expect(c.shares.map((x) => Math.round(x * 1e9))).toEqual(want[i].shares.map((x) => Math.round(x * 1e9)));
      });
      expect(got.cohorts.length).toBeGreaterThan(3);
      const lm = await leaderMonths(server.ctx.db, { months: 6, now: NOW });
      expect(lm.months).toHaveLength(6);
      expect(lm.months[5]).toBe(TODAY.slice(0, 7));
      expect(lm.leaders.map((l) => ({ leaderId: l.leaderId, netFen: l.netFen }))).toEqual(
        await expectedLeaders(lm.months),
      );
      expect(lm.leaders.some((l) => l.netFen.some((x) => x > 0))).toBe(true);
    }
  }, 300_000);
});
