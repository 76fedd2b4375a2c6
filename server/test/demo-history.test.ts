import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { rows } from '../src/db/client.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openDay } from '../src/demo/simulate.js';
import { addDays, localTime } from '../src/lib/time.js';

/**
 * What the demo's history contains, day by day, read from the database: however the seed is made
 * faster, each past day keeps its campaign, the orders the simulator says it placed, and money
 * that adds up from order lines to payments, refunds and commissions, all dated inside its day.
 */
const DAYS = 4;
const ORDERS_PER_DAY = 16;

let server: TestServer;
/** orders the simulator reports per played day, oldest first */
const reported: { date: string; orders: number }[] = [];
let lastDate: string;

beforeAll(async () => {
  server = await startTestServer();
  lastDate = addDays(openDay(), -1);
  let before = 0;
  await seedDemoIfEmpty(server.ctx.db, server.ctx.config, {
    days: DAYS,
    customers: 60,
    ordersPerDay: ORDERS_PER_DAY,
    log: () => {},
    onProgress: (p) => {
      reported.push({ date: p.date, orders: p.orders - before });
      before = p.orders;
    },
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(server.ctx.db, query);

describe('the demo history, day by day', () => {
  it('has one cut-off campaign per past day, picked up the next day, with the orders the simulator placed', async () => {
    expect(reported.map((r) => r.date)).toEqual(
      Array.from({ length: DAYS }, (_, i) => addDays(lastDate, i - DAYS + 1)),
    );
    const days = await q<{ pickup: string; status: string; cutoff: string; orders: number }>(sql`
      select to_char(c.pickup_date, 'YYYY-MM-DD') as pickup, c.status, c.cutoff_at::text as cutoff,
        (select count(*)::int from orders o where o.campaign_id = c.id) as orders
      from campaigns c where c.pickup_date <= ${addDays(lastDate, 1)}::date order by c.pickup_date`);
    expect(days).toHaveLength(DAYS);
    for (const [i, day] of days.entries()) {
      const date = reported[i].date;
      expect(day.pickup).toBe(addDays(date, 1));
      expect(new Date(day.cutoff).getTime()).toBe(localTime(date, '23:00').getTime());
      expect(day.status).toBe('cut_off');
      expect(day.orders).toBe(reported[i].orders);
      // the trend, weekends and noise move a day's orders within ±40 % of the base
      expect(day.orders).toBeGreaterThanOrEqual(Math.floor(ORDERS_PER_DAY * 0.6));
      expect(day.orders).toBeLessThanOrEqual(Math.ceil(ORDERS_PER_DAY * 1.4));
    }
  });

  it("dates every order inside its day's selling hours, in the order they were placed", async () => {
    const orders = await q<{ date: string; seq: number; created: string; paid: string | null }>(sql`
      select to_char(c.pickup_date - 1, 'YYYY-MM-DD') as date, o.seq, o.created_at::text as created, o.paid_at::text as paid
      from orders o join campaigns c on c.id = o.campaign_id
      where c.pickup_date <= ${addDays(lastDate, 1)}::date order by o.seq`);
    let previous = 0;
    // the clock move computes in floating-point seconds: a millisecond either way is rounding
    const slack = 1000;
    for (const o of orders) {
      const created = new Date(o.created).getTime();
      expect(created).toBeGreaterThanOrEqual(localTime(o.date, '07:00').getTime() - slack);
      expect(created).toBeLessThan(localTime(o.date, '23:00').getTime());
      expect(created).toBeGreaterThanOrEqual(previous);
      previous = created;
      if (o.paid) expect(new Date(o.paid).getTime()).toBeGreaterThanOrEqual(created);
    }
  });

  it('has money that adds up: lines to orders, orders to payments, refunds to what was refunded', async () => {
    const broken = await q<{ id: string; why: string }>(sql`
      select o.id, 'lines' as why from orders o
        where o.total_fen <> (select coalesce(sum(l.paid_fen), 0) from order_lines l where l.order_id = o.id)
           or o.refunded_fen <> (select coalesce(sum(l.refunded_fen), 0) from order_lines l where l.order_id = o.id)
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
    const perDay = await q<{ date: string; paid: number; completed: number; lines: number; commissions: number }>(sql`
      select to_char(c.pickup_date - 1, 'YYYY-MM-DD') as date,
        count(distinct o.id) filter (where o.paid_at is not null)::int as paid,
        count(distinct o.id) filter (where o.status = 'completed')::int as completed,
        count(l.id) filter (where l.status = 'picked_up')::int as lines,
        count(l.id) filter (where l.status = 'picked_up'
          and exists (select 1 from ledger_entries e where e.order_line_id = l.id and e.kind = 'commission'))::int as commissions
      from campaigns c join orders o on o.campaign_id = c.id join order_lines l on l.order_id = o.id
      where c.pickup_date <= ${addDays(lastDate, 1)}::date group by c.pickup_date order by c.pickup_date`);
    expect(perDay).toHaveLength(DAYS);
    // every day but the newest is over: almost every paid order was collected
    for (const day of perDay.slice(0, -1)) {
      expect(day.completed).toBeGreaterThan(day.paid * 0.8);
      expect(day.commissions).toBe(day.lines);
    }
    const received = await q<{ open: number }>(sql`
      select count(*)::int as open from purchase_orders po join campaigns c on c.id = po.campaign_id
      where po.status <> 'received' and c.pickup_date < ${lastDate}::date`);
    expect(received[0].open).toBe(0);
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
