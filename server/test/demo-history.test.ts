import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { rows } from '../src/db/client.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openDay } from '../src/demo/simulate.js';
import { addDays, localTime } from '../src/lib/time.js';

/**
 * What the demo's history contains, day by day and city by city, read from the database: however
 * the seed is made faster, each past day of each region keeps its campaign, cut off at 23:00 on
 * the region's own clock, the orders the simulator says it placed, and money that adds up from
 * order lines to payments, refunds and commissions, all dated inside its day.
 */
const DAYS = 4;
const ORDERS_PER_DAY = 16;
const CUSTOMERS = 60;

let server: TestServer;
/** orders the simulator reports per played day, oldest first, region after region */
const reported: { region: string; date: string; orders: number }[] = [];
let regions: { id: string; name: string; time_zone: string; customers: number }[];

beforeAll(async () => {
  server = await startTestServer();
  let before = 0;
  await seedDemoIfEmpty(server.ctx.db, server.ctx.config, {
    days: DAYS,
    customers: CUSTOMERS,
    ordersPerDay: ORDERS_PER_DAY,
    log: () => {},
    onProgress: (p) => {
      reported.push({ region: p.region, date: p.date, orders: p.orders - before });
      before = p.orders;
    },
  });
  regions = await rows(
    server.ctx.db,
    sql`select r.id, r.name, r.time_zone,
      (select count(*)::int from users u join pickup_points p on p.id = u.pickup_point_id
        where p.region_id = r.id and (not ('leader' = any(u.roles))
          -- a customer the demo then approved as a leader (decision 061) was one of them
          or exists (select 1 from leader_applications a where a.user_id = u.id))) as customers
    from regions r order by r.created_at, r.id`,
  );
}, 240_000);

afterAll(async () => {
  await server?.close();
});

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(server.ctx.db, query);
/** the last past order day of a region: the day before its open campaign's, on its clock */
const lastDateOf = (timeZone: string) => addDays(openDay(new Date(), timeZone), -1);

describe('the demo history, day by day', () => {
  it('plays two cities, 杭州 on Beijing time and 乌鲁木齐 on its own, the second a quarter of the first', () => {
    expect(regions.map((r) => [r.name, r.time_zone])).toEqual([
      ['杭州', 'Asia/Shanghai'],
      ['乌鲁木齐', 'Asia/Urumqi'],
    ]);
    expect(regions.map((r) => r.customers)).toEqual([CUSTOMERS, CUSTOMERS / 4]);
    expect(reported.map((r) => r.region)).toEqual([...Array(DAYS).fill('杭州'), ...Array(DAYS).fill('乌鲁木齐')]);
  });

  it('has one cut-off campaign per past day and region, cut off at 23:00 local, picked up the next day, with the orders the simulator placed', async () => {
    for (const region of regions) {
      const lastDate = lastDateOf(region.time_zone);
      const played = reported.filter((r) => r.region === region.name);
      expect(played.map((r) => r.date)).toEqual(
        Array.from({ length: DAYS }, (_, i) => addDays(lastDate, i - DAYS + 1)),
      );
      const days = await q<{ pickup: string; status: string; cutoff: string; orders: number }>(sql`
        select to_char(c.pickup_date, 'YYYY-MM-DD') as pickup, c.status, c.cutoff_at::text as cutoff,
          (select count(*)::int from orders o where o.campaign_id = c.id) as orders
        from campaigns c where c.region_id = ${region.id} and c.pickup_date <= ${addDays(lastDate, 1)}::date
        order by c.pickup_date`);
      expect(days).toHaveLength(DAYS);
      // the region's base: its share of the base by its customers
      const base = Math.round((ORDERS_PER_DAY * region.customers) / CUSTOMERS);
      for (const [i, day] of days.entries()) {
        const date = played[i].date;
        expect(day.pickup).toBe(addDays(date, 1));
        expect(new Date(day.cutoff).getTime()).toBe(localTime(date, '23:00', region.time_zone).getTime());
        expect(day.status).toBe('cut_off');
        expect(day.orders).toBe(played[i].orders);
        // the trend (×0.85–1.15), weekends (×1.2) and noise (×0.9–1.1) move a day's orders around the base
        expect(day.orders).toBeGreaterThanOrEqual(Math.floor(base * 0.85 * 0.9));
        expect(day.orders).toBeLessThanOrEqual(Math.ceil(base * 1.15 * 1.2 * 1.1));
      }
    }
  });

  it("dates every order inside its day's selling hours on its region's clock, in the order they were placed", async () => {
    for (const region of regions) {
      const orders = await q<{ date: string; seq: number; created: string; paid: string | null }>(sql`
        select to_char(c.pickup_date - 1, 'YYYY-MM-DD') as date, o.seq, o.created_at::text as created, o.paid_at::text as paid
        from orders o join campaigns c on c.id = o.campaign_id
        where c.region_id = ${region.id} and c.pickup_date <= ${addDays(lastDateOf(region.time_zone), 1)}::date
        order by o.seq`);
      expect(orders.length).toBeGreaterThan(0);
      let previous = 0;
      // the clock move computes in floating-point seconds: a millisecond either way is rounding
      const slack = 1000;
      for (const o of orders) {
        const created = new Date(o.created).getTime();
        expect(created).toBeGreaterThanOrEqual(localTime(o.date, '07:00', region.time_zone).getTime() - slack);
        expect(created).toBeLessThan(localTime(o.date, '23:00', region.time_zone).getTime());
        expect(created).toBeGreaterThanOrEqual(previous);
        previous = created;
        if (o.paid) expect(new Date(o.paid).getTime()).toBeGreaterThanOrEqual(created);
      }
    }
  });

  it('has money that adds up: lines to orders, orders to payments, refunds to what was refunded', async () => {
    const broken = await q<{ id: string; why: string }>(sql`
      -- a membership order has no lines: its total is the plan's price, paid like any order
      select o.id, 'lines' as why from orders o
        where o.kind = 'goods' and (o.total_fen <> (select coalesce(sum(l.paid_fen), 0) from order_lines l where l.order_id = o.id)
           or o.refunded_fen <> (select coalesce(sum(l.refunded_fen), 0) from order_lines l where l.order_id = o.id))
         or o.refunded_fen > o.total_fen
      union all
      select o.id, 'payment' from orders o
        where o.paid_at is not null and o.total_fen > 0
          and (select count(*) from payments p where p.order_id = o.id and p.status = 'succeeded' and p.amount_fen = o.total_fen) <> 1
      union all
      select o.id, 'refunds' from orders o
        where o.refunded_fen <> (select coalesce(sum(r.amount_fen), 0) from refunds r where r.order_id = o.id and r.status = 'refunded')
      union all
      select o.id, 'provider refunds' from orders o
        where o.refunded_fen <> (select coalesce(sum(p.amount_fen), 0) from provider_refunds p where p.order_id = o.id)`);
    expect(broken).toEqual([]);
  });

  it('runs every day through fulfilment: received, arrived, picked up, with a commission per picked-up line', async () => {
    for (const region of regions) {
      const lastDate = lastDateOf(region.time_zone);
      const perDay = await q<{ date: string; paid: number; completed: number; lines: number; commissions: number }>(sql`
      select to_char(c.pickup_date - 1, 'YYYY-MM-DD') as date,
        -- paid and kept: a customer who changed her mind before the cutoff has nothing to collect
        count(distinct o.id) filter (where o.paid_at is not null and o.status <> 'cancelled')::int as paid,
        count(distinct o.id) filter (where o.status = 'completed')::int as completed,
        count(l.id) filter (where l.status = 'picked_up')::int as lines,
        count(l.id) filter (where l.status = 'picked_up'
          and exists (select 1 from ledger_entries e where e.order_line_id = l.id and e.kind = 'commission'))::int as commissions
      from campaigns c join orders o on o.campaign_id = c.id join order_lines l on l.order_id = o.id
      where c.region_id = ${region.id} and c.pickup_date <= ${addDays(lastDate, 1)}::date
      group by c.pickup_date order by c.pickup_date`);
      expect(perDay).toHaveLength(DAYS);
      // every day but the newest is over: each picked-up line has its commission, and almost every
      // paid order was collected (at most one in five missing, one on a small day of a few orders)
      for (const day of perDay.slice(0, -1)) {
        expect(day.commissions).toBe(day.lines);
        expect(day.paid - day.completed).toBeLessThanOrEqual(Math.max(1, Math.floor(day.paid * 0.2)));
      }
      const received = await q<{ open: number }>(sql`
      select count(*)::int as open from purchase_orders po join campaigns c on c.id = po.campaign_id
      where c.region_id = ${region.id} and po.status <> 'received' and c.pickup_date < ${lastDate}::date`);
      expect(received[0].open).toBe(0);
      // each region's purchase orders go to its own central warehouse
      const elsewhere = await q<{ n: number }>(sql`
      select count(*)::int as n from purchase_orders po join campaigns c on c.id = po.campaign_id
        join warehouses w on w.id = po.warehouse_id
      where c.region_id = ${region.id} and w.region_id <> c.region_id`);
      expect(elsewhere[0].n).toBe(0);
    }
  });

  it('reads the cold chain of every delivery, with a breach refused, so arrival quality has figures', async () => {
    // every dispatched route's cold goods were read at dispatch, every arrived point's at arrival,
    // on the delivery (pickup) day the campaign was moved to, and never after now
    const unread = await q<{ n: number }>(sql`
      select count(*)::int as n from sorting_lists sl join campaigns c on c.id = sl.campaign_id
      where sl.status = 'arrived' and exists (select 1 from sorting_list_lines sll join products p on p.id = sll.product_id
          where sll.sorting_list_id = sl.id and p.temperature_zone <> 'ambient' and sll.quantity > 0)
        and not exists (select 1 from temperature_readings t where t.route_id = sl.route_id and t.day = c.pickup_date
          and t.stage = 'arrival' and t.pickup_point_id = sl.pickup_point_id)`);
    expect(unread[0].n).toBe(0);
    const readings = await q<{ n: number; breaches: number; future: number }>(sql`
      select count(*)::int as n, count(*) filter (where not in_range)::int as breaches,
        count(*) filter (where measured_at > now())::int as future from temperature_readings`);
    expect(readings[0].n).toBeGreaterThan(0);
    expect(readings[0].breaches).toBeGreaterThanOrEqual(1);
    expect(readings[0].future).toBe(0);
    // the breach's goods were refused at the point: refunded as damaged arrival losses
    const refused = await q<{ n: number }>(sql`
      select count(*)::int as n from refunds where kind = 'arrival_loss' and reason = 'damaged' and note like '%temperature%'`);
    expect(refused[0].n).toBeGreaterThan(0);
    const admin = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
    const token = admin.json().token;
    const from = addDays(lastDateOf('Asia/Shanghai'), -DAYS - 7);
    const to = addDays(lastDateOf('Asia/Shanghai'), 2);
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/arrival-quality?from=${from}&to=${to}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total.dispatchedLines).toBeGreaterThan(0);
    expect(body.total.goodLines).toBeLessThan(body.total.dispatchedLines);
  });

  it('dates nothing in the future', async () => {
    const latest = await q<{ t: string | null }>(sql`
      select greatest(
        (select max(greatest(created_at, paid_at, closed_at, ready_at, completed_at, cancelled_at)) from orders),
        (select max(picked_up_at) from order_lines),
        (select max(greatest(created_at, decided_at)) from refunds),
        (select max(created_at) from ledger_entries where kind <> 'settlement'),
        (select max(greatest(dispatched_at, arrived_at)) from sorting_lists))::text as t`);
    expect(new Date(latest[0].t!).getTime()).toBeLessThanOrEqual(Date.now());
  });
});
