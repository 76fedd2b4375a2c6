import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { adminApi } from './fixtures.js';
import { Api, nextPhone } from './client.js';
import { exec, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { computeRfm } from '../src/modules/segments/service.js';
import { businessDate } from '../src/lib/time.js';

/**
 * Customer segmentation (decision 047) on generated customers and orders in two regions on
 * different clocks: every customer's RFM scores, segment and tags, the movement since last week
 * and the segment builder's counts are recomputed here in plain JavaScript from the raw rows.
 */

let server: TestServer;
let admin: Api;
const REGION_B = randomUUID();
const points: { id: string; region: string }[] = [];
const CATEGORIES = ['fresh', 'meat_eggs', 'seafood', 'dairy'];
const products: { id: string; category: string }[] = [];
const at = new Date();
const DAY = 86_400_000;

/** a small seeded generator, so a failure can be replayed */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(47);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

async function insertMany(table: string, columns: string[], values: unknown[][]) {
  for (let i = 0; i < values.length; i += 400) {
    const chunk = values.slice(i, i + 400);
    await exec(
      server.ctx.db,
      sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(
        chunk.map(
          (r) =>
            sql`(${sql.join(
              r.map((v) => sql`${v}`),
              sql`, `,
            )})`,
        ),
        sql`, `,
      )}`,
    );
  }
}

async function generate() {
  const db = server.ctx.db;
  await exec(db, sql`insert into regions (id, name, time_zone) values (${REGION_B}, '乌鲁木齐', 'Asia/Urumqi')`);
  const supplier = randomUUID();
  await exec(db, sql`insert into suppliers (id, name) values (${supplier}, '供应商')`);
  for (const region of [DEFAULT_REGION_ID, REGION_B]) {
    const wh = randomUUID();
    const route = randomUUID();
    await exec(
      db,
      sql`insert into warehouses (id, region_id, name, kind) values (${wh}, ${region}, '中心仓', 'central')`,
    );
    await exec(
      db,
      sql`insert into routes (id, region_id, name, warehouse_id) values (${route}, ${region}, '线', ${wh})`,
    );
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await exec(
        db,
        sql`insert into pickup_points (id, region_id, name, address, route_id) values (${id}, ${region}, ${`点${i}`}, '地址', ${route})`,
      );
      points.push({ id, region });
    }
  }
  for (let i = 0; i < 6; i++) {
    const id = randomUUID();
    const category = CATEGORIES[i % CATEGORIES.length]!;
    await exec(
      db,
      sql`insert into products (id, name, category, supplier_id, unit, list_price_fen, cost_fen, temperature_zone)
      values (${id}, ${`商品${i}`}, ${category}, ${supplier}, '份', 1000, 500, 'ambient')`,
    );
    products.push({ id, category });
  }
  const users: unknown[][] = [];
  const orders: unknown[][] = [];
  const lines: unknown[][] = [];
  for (let i = 0; i < 460; i++) {
    const id = randomUUID();
    // most bound to a point; some not (their region is their last order's); a few disabled, a few
    // registered after last week's run, some never ordering
    const point = i % 23 === 0 ? null : pick(points);
    const created =
      i % 41 === 0 ? new Date(at.getTime() - int(0, 5) * DAY - 3_600_000) : new Date(at.getTime() - 600 * DAY);
    const disabled = i % 53 === 0 ? new Date(at.getTime() - DAY) : null;
    const membership = i % 3 === 0 ? new Date(at.getTime() + int(-100, 300) * DAY) : null;
    const roles = i % 97 === 0 ? '{customer,leader}' : '{customer}';
    users.push([id, nextPhone(), '顾客', 'x', roles, point?.id ?? null, `INV${i}`, membership, created, disabled]);
    const kind = i % 7; // how the customer shops: spreads the segments
    const n = kind === 0 ? 0 : kind === 1 ? int(1, 2) : kind === 2 ? int(8, 20) : int(1, 8);
    const span = kind === 3 ? 500 : kind === 4 ? 60 : 420;
    const orderRegion = point?.region ?? pick([DEFAULT_REGION_ID, REGION_B]);
    for (let k = 0; k < n; k++) {
      const oid = randomUUID();
      const paidAt = new Date(Math.max(created.getTime(), at.getTime() - rand() * span * DAY) + 60_000);
      const status = rand() < 0.08 ? 'cancelled' : rand() < 0.05 ? 'pending_payment' : 'completed';
      const paid = status !== 'pending_payment';
      const lineFen = Array.from({ length: int(1, 3) }, () => int(100, 9000));
      const total = lineFen.reduce((a, b) => a + b, 0);
      const lineRefund = lineFen.map((f) => (rand() < 0.1 ? int(0, f) : 0));
      const refunded = status === 'cancelled' ? total : lineRefund.reduce((a, b) => a + b, 0);
      orders.push([
        oid,
        id,
        point?.region ?? orderRegion,
        status,
        total,
        total,
        refunded,
        rand() < 0.3 ? randomUUID() : null,
        new Date(paidAt.getTime() + 900_000),
        paid ? paidAt : null,
        paidAt,
        rand() < 0.03 ? 'membership' : 'goods',
      ]);
      for (const [j, f] of lineFen.entries())
        lines.push([randomUUID(), oid, randomUUID(), pick(products).id, 1, f, f, f, lineRefund[j]]);
    }
  }
  await insertMany(
    'users',
    [
      'id',
      'phone',
      'name',
      'password_hash',
      'roles',
      'pickup_point_id',
      'invite_code',
      'membership_until',
      'created_at',
      'disabled_at',
    ],
    users,
  );
  await insertMany(
    'orders',
    [
      'id',
      'user_id',
      'region_id',
      'status',
      'subtotal_fen',
      'total_fen',
      'refunded_fen',
      'coupon_id',
      'expires_at',
      'paid_at',
      'created_at',
      'kind',
    ],
    orders,
  );
  await insertMany(
    'order_lines',
    [
      'id',
      'order_id',
      'campaign_item_id',
      'product_id',
      'quantity',
      'list_price_fen',
      'unit_price_fen',
      'paid_fen',
      'refunded_fen',
    ],
    lines,
  );
}

// ---------------------------------------------------------------- the plain recomputation

interface Expected {
  userId: string;
  regionId: string;
  pickupPointId: string | null;
  recencyDays: number | null;
  frequency: number;
  monetaryFen: number;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  segment: string;
  topCategory: string | null;
  priceSensitivity: string | null;
  member: boolean;
  dormant: boolean;
}

const NAMES: Record<string, string> = {
  HHH: 'important_value',
  LHH: 'important_winback',
  HLH: 'important_develop',
  LLH: 'important_retain',
  HHL: 'potential',
  HLL: 'new',
  LHL: 'general_maintain',
  LLL: 'lost',
};

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

async function expected(asOf: Date): Promise<Map<string, Expected>> {
  const db = server.ctx.db;
  const users = await rows<any>(
    db,
    sql`select id, roles, pickup_point_id, membership_until, created_at, disabled_at from users`,
  );
  const pts = new Map(
    (await rows<any>(db, sql`select id, region_id from pickup_points`)).map((p) => [p.id, p.region_id]),
  );
  const zones = new Map((await rows<any>(db, sql`select id, time_zone from regions`)).map((r) => [r.id, r.time_zone]));
  const allOrders = await rows<any>(
    db,
    sql`select id, user_id, region_id, kind, status, total_fen, refunded_fen, coupon_id, paid_at, created_at from orders`,
  );
  const allLines = await rows<any>(db, sql`select order_id, product_id, paid_fen, refunded_fen from order_lines`);
  const categoryOf = new Map(
    (await rows<any>(db, sql`select id, category from products`)).map((p) => [p.id, p.category]),
  );
  const t = (v: unknown) => new Date(v as string).getTime();
  const ordersOf = new Map<string, any[]>();
  for (const o of allOrders) ordersOf.set(o.user_id, [...(ordersOf.get(o.user_id) ?? []), o]);
  const linesOf = new Map<string, any[]>();
  for (const l of allLines) linesOf.set(l.order_id, [...(linesOf.get(l.order_id) ?? []), l]);

  const out: Expected[] = [];
  for (const u of users) {
    if (!u.roles.includes('customer') || u.disabled_at || t(u.created_at) > asOf.getTime()) continue;
    const mine = ordersOf.get(u.id) ?? [];
    const last = [...mine].sort((a, b) => t(b.created_at) - t(a.created_at))[0];
    const regionId = u.pickup_point_id ? pts.get(u.pickup_point_id) : last?.region_id;
    if (!regionId) continue;
    const zone = zones.get(regionId)!;
    const paid = mine.filter(
      (o) => o.kind === 'goods' && o.paid_at && o.status !== 'cancelled' && t(o.paid_at) <= asOf.getTime(),
    );
    const recent = paid.filter((o) => t(o.paid_at) > asOf.getTime() - 365 * DAY);
    const lastPaid = paid.length ? Math.max(...paid.map((o) => t(o.paid_at))) : null;
    const spend = new Map<string, number>();
    for (const o of recent)
      for (const l of linesOf.get(o.id) ?? []) {
        const c = categoryOf.get(l.product_id)!;
        spend.set(c, (spend.get(c) ?? 0) + l.paid_fen - l.refunded_fen);
      }
    const top = [...spend].filter(([, f]) => f > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const coupons = recent.filter((o) => o.coupon_id).length;
    const share = recent.length ? coupons / recent.length : null;
    const recency =
      lastPaid === null ? null : daysBetween(businessDate(new Date(lastPaid), zone), businessDate(asOf, zone));
    out.push({
      userId: u.id,
      regionId,
      pickupPointId: u.pickup_point_id,
      recencyDays: recency,
      frequency: recent.length,
      monetaryFen: recent.reduce((s, o) => s + o.total_fen - o.refunded_fen, 0),
      rScore: null,
      fScore: null,
      mScore: null,
      segment: 'registered_no_order',
      topCategory: top ? top[0] : null,
      priceSensitivity:
        share === null ? null : share === 0 ? 'none' : share < 0.2 ? 'low' : share < 0.5 ? 'medium' : 'high',
      member: u.membership_until !== null && t(u.membership_until) > asOf.getTime(),
      dormant: recency !== null && recency >= 30,
    });
  }
  // quintiles within each region's customers who ever paid: 1 + ⌊5 × (strictly worse) / n⌋
  for (const region of new Set(out.map((e) => e.regionId))) {
    const scored = out.filter((e) => e.regionId === region && e.recencyDays !== null);
    const score = (worse: (other: Expected) => boolean) =>
      Math.min(5, 1 + Math.floor((5 * scored.filter(worse).length) / scored.length));
    for (const e of scored) {
      e.rScore = score((o) => o.recencyDays! > e.recencyDays!);
      e.fScore = score((o) => o.frequency < e.frequency);
      e.mScore = score((o) => o.monetaryFen < e.monetaryFen);
    }
    for (const e of scored) {
      const hl = (s: number) => (s >= 3 ? 'H' : 'L');
      e.segment = NAMES[hl(e.rScore!) + hl(e.fScore!) + hl(e.mScore!)]!;
    }
  }
  return new Map(out.map((e) => [e.userId, e]));
}

async function stored(): Promise<Map<string, Expected>> {
  const found = await rows<any>(server.ctx.db, sql`select * from customer_rfm`);
  return new Map(
    found.map((r) => [
      r.user_id,
      {
        userId: r.user_id,
        regionId: r.region_id,
        pickupPointId: r.pickup_point_id,
        recencyDays: r.recency_days,
        frequency: r.frequency,
        monetaryFen: Number(r.monetary_fen),
        rScore: r.r_score,
        fScore: r.f_score,
        mScore: r.m_score,
        segment: r.segment,
        topCategory: r.top_category,
        priceSensitivity: r.price_sensitivity,
        member: r.member,
        dormant: r.dormant,
      },
    ]),
  );
}

let lastWeek: Map<string, Expected>;
let now: Map<string, Expected>;
let limited: Api;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminApi(server);
  await generate();
  const created = await admin.post('/admin/users', {
    phone: nextPhone(),
    password: 'staff-pass-123',
    name: '乌市运营',
    roles: ['admin'],
  });
  await admin.put(`/admin/users/${created.body.id}/regions`, { regionIds: [REGION_B] });
  const login = await new Api(server.app).post('/auth/login', {
    phone: created.body.phone ?? '',
    password: 'staff-pass-123',
  });
  limited = new Api(server.app, login.body.token);
}, 120_000);
afterAll(() => server?.close());

describe('the nightly RFM run', () => {
  it("scores every customer in quintiles within the region and names the segment, last week's and today's", async () => {
    const weekAgo = new Date(at.getTime() - 7 * DAY);
    await computeRfm(server.ctx.db, weekAgo);
    lastWeek = await expected(weekAgo);
    expect(await stored()).toEqual(lastWeek);
    await computeRfm(server.ctx.db, at);
    now = await expected(at);
    expect(await stored()).toEqual(now);
    // the generated data reaches every segment, both regions, dormant customers and the tags' bands
    expect(new Set([...now.values()].map((e) => e.segment)).size).toBe(9);
    expect(new Set([...now.values()].map((e) => e.regionId))).toEqual(new Set([DEFAULT_REGION_ID, REGION_B]));
    expect([...now.values()].filter((e) => e.dormant).length).toBeGreaterThan(20);
    expect(new Set([...now.values()].map((e) => e.priceSensitivity))).toEqual(
      new Set([null, 'none', 'low', 'medium', 'high']),
    );
    expect([...now.values()].filter((e) => !e.pickupPointId).length).toBeGreaterThan(5);
  });

  it('runs again to the same figures (the week’s snapshot is written over, not added to)', async () => {
    await computeRfm(server.ctx.db, at);
    expect(await stored()).toEqual(now);
    // two weeks in each region (regions on different clocks may be in different weeks at one instant)
    const weeks = await rows<{ n: number }>(
      server.ctx.db,
      sql`select count(distinct week_start)::int as n from customer_rfm_weekly group by region_id`,
    );
    expect(weeks.map((w) => w.n)).toEqual([2, 2]);
  });

  it("shows counts per segment and the movement since last week's snapshot", async () => {
    const res = await admin.get('/admin/rfm');
    expect(res.status).toBe(200);
    const counts = new Map<string, number>();
    for (const e of now.values()) counts.set(e.segment, (counts.get(e.segment) ?? 0) + 1);
    for (const s of res.body.segments)
      expect([s.segment, s.customers]).toEqual([s.segment, counts.get(s.segment) ?? 0]);
    const moves = new Map<string, number>();
    for (const e of now.values()) {
      const key = `${lastWeek.get(e.userId)?.segment ?? null}>${e.segment}`;
      moves.set(key, (moves.get(key) ?? 0) + 1);
    }
    const answered = new Map<string, number>(res.body.movement.map((m: any) => [`${m.from}>${m.to}`, m.customers]));
    expect(answered).toEqual(moves);
    // some customers moved, and the newly registered ones come from nowhere
    expect([...moves].some(([k]) => k.split('>')[0] !== k.split('>')[1] && !k.startsWith('null'))).toBe(true);
    expect([...moves].some(([k]) => k.startsWith('null>'))).toBe(true);
    expect(res.body.previousWeekCustomers).toBe(lastWeek.size);
  });

  it("shows a limited operator only their region's customers", async () => {
    const res = await limited.get('/admin/rfm');
    expect(res.status).toBe(200);
    const inB = [...now.values()].filter((e) => e.regionId === REGION_B).length;
    expect(res.body.segments.reduce((s: number, x: any) => s + x.customers, 0)).toBe(inB);
    expect((await limited.get(`/admin/rfm?regionId=${DEFAULT_REGION_ID}`)).status).toBe(403);
  });

  it('exports the counts and the matrix as .xlsx', async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/rfm/export.xlsx?lang=en',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Segments')!;
    let total = 0;
    ws.eachRow((row, i) => {
      if (i > 2) total += Number(row.getCell(2).value);
    });
    expect(total).toBe(now.size);
  });
});

describe('the segment builder', () => {
  const definitions = () => [
    { conditions: [] },
    { conditions: [{ field: 'segment', in: ['important_value', 'lost'] }] },
    {
      conditions: [
        { field: 'rScore', min: 4 },
        { field: 'member', is: true },
      ],
    },
    {
      match: 'any',
      conditions: [
        { field: 'dormant', is: true },
        { field: 'priceSensitivity', in: ['high'] },
      ],
    },
    {
      conditions: [
        { field: 'daysSinceLastOrder', min: 30, max: 200 },
        { field: 'region', in: [REGION_B] },
      ],
    },
    {
      conditions: [
        { field: 'topCategory', in: ['fresh', 'seafood'] },
        { field: 'monetaryFen', min: 10_000 },
        { field: 'pickupPoint', in: [points[0]!.id, points[1]!.id] },
      ],
    },
    {
      conditions: [
        { field: 'fScore', min: 2, max: 4 },
        { field: 'mScore', max: 3 },
        { field: 'frequency', min: 1 },
      ],
    },
  ];
  const matches = (def: any, e: Expected): boolean => {
    const one = (c: any): boolean => {
      const range = (v: number | null) =>
        v !== null && (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max);
      switch (c.field) {
        case 'segment':
          return c.in.includes(e.segment);
        case 'rScore':
          return range(e.rScore);
        case 'fScore':
          return range(e.fScore);
        case 'mScore':
          return range(e.mScore);
        case 'daysSinceLastOrder':
          return range(e.recencyDays);
        case 'frequency':
          return range(e.frequency);
        case 'monetaryFen':
          return range(e.monetaryFen);
        case 'region':
          return c.in.includes(e.regionId);
        case 'pickupPoint':
          return c.in.includes(e.pickupPointId);
        case 'topCategory':
          return c.in.includes(e.topCategory);
        case 'priceSensitivity':
          return c.in.includes(e.priceSensitivity);
        case 'member':
          return e.member === c.is;
        case 'dormant':
          return e.dormant === c.is;
      }
      throw new Error(c.field);
    };
    if (!def.conditions.length) return true;
    return def.match === 'any' ? def.conditions.some(one) : def.conditions.every(one);
  };

  it('counts each definition as the plain filter over the recomputed rows does', async () => {
    for (const definition of definitions()) {
      const res = await admin.post('/admin/customer-segments/count', { definition });
      const want = [...now.values()].filter((e) => matches(definition, e)).length;
      expect([definition, res.status, res.body.customers, res.body.outOf]).toEqual([definition, 200, want, now.size]);
      expect(want).toBeGreaterThan(0);
      const mine = await limited.post('/admin/customer-segments/count', { definition });
      const wantB = [...now.values()].filter((e) => e.regionId === REGION_B && matches(definition, e)).length;
      expect([definition, mine.body.customers]).toEqual([definition, wantB]);
    }
  });

  it('refuses bad conditions with a 400 and a code, and writes nothing', async () => {
    const bad = [
      { conditions: [{ field: 'rScore', min: 4, max: 2 }] },
      { conditions: [{ field: 'rScore' }] },
      { conditions: [{ field: 'rScore', min: 6 }] },
      { conditions: [{ field: 'name', in: ['x'] }] },
      { conditions: [{ field: 'topCategory', in: ["fresh' or 1=1 --"] }] },
      { conditions: [{ field: 'segment', in: ['vip'] }] },
      { conditions: [{ field: 'region', in: ['not-a-uuid'] }] },
      { match: 'some', conditions: [] },
    ];
    for (const definition of bad) {
      const res = await admin.post('/admin/customer-segments/count', { definition });
      expect([definition, res.status, res.body.error?.code]).toEqual([definition, 400, 'VALIDATION_FAILED']);
      const save = await admin.post('/admin/customer-segments', { name: '坏的', definition });
      expect([definition, save.status]).toEqual([definition, 400]);
    }
    expect((await admin.get('/admin/customer-segments')).body).toEqual([]);
    // a limited operator naming another region is refused
    const other = await limited.post('/admin/customer-segments/count', {
      definition: { conditions: [{ field: 'region', in: [DEFAULT_REGION_ID] }] },
    });
    expect([other.status, other.body.error.code]).toEqual([403, 'REGION_FORBIDDEN']);
  });

  it('saves a segment with its size, pages its members and splits a campaign audience with a stable control group', async () => {
    const definition = definitions()[3]!;
    const saved = await admin.post('/admin/customer-segments', { name: '沉睡或价格敏感', definition });
    expect(saved.status).toBe(201);
    const want = [...now.values()].filter((e) => matches(definition, e));
    expect(saved.body.customers).toBe(want.length);
    const list = (await admin.get('/admin/customer-segments')).body;
    expect(list.map((s: any) => [s.name, s.customers])).toEqual([['沉睡或价格敏感', want.length]]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.get(
        `/admin/customer-segments/${saved.body.id}/members?limit=37${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      for (const m of page.body.items) {
        const e = now.get(m.userId)!;
        expect([m.segment, m.rScore, m.frequency, m.monetaryFen, m.dormant]).toEqual([
          e.segment,
          e.rScore,
          e.frequency,
          e.monetaryFen,
          e.dormant,
        ]);
        expect(
          Object.keys(m).some((k) => /phone|name$|address/i.test(k) && k !== 'regionName' && k !== 'pickupPointName'),
        ).toBe(false);
        seen.push(m.userId);
      }
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(want.map((e) => e.userId).sort());

    const split = await admin.get(`/admin/customer-segments/${saved.body.id}/audience?controlBps=2000&salt=recall-1`);
    const control = want.filter(
      (e) =>
        Number.parseInt(createHash('md5').update(`recall-1${e.userId}`).digest('hex').slice(0, 8), 16) % 10_000 < 2000,
    ).length;
    expect(split.body).toEqual({ targeted: want.length - control, control });
    expect(control).toBeGreaterThan(0);

    const file = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/customer-segments/${saved.body.id}/members/export.xlsx`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(file.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(want.length + 2);

    // an operator of region B cannot see or delete a segment of every region
    expect((await limited.get(`/admin/customer-segments/${saved.body.id}/members`)).status).toBe(404);
    expect((await limited.request('DELETE', `/admin/customer-segments/${saved.body.id}`)).status).toBe(404);
    expect((await limited.get('/admin/customer-segments')).body).toEqual([]);
    // and saves one of their own
    const own = await limited.post('/admin/customer-segments', { name: '乌市沉睡', regionId: REGION_B, definition });
    expect(own.body.customers).toBe(want.filter((e) => e.regionId === REGION_B).length);
    expect((await limited.post('/admin/customer-segments', { name: '全部', definition })).status).toBe(403);
    expect((await admin.request('DELETE', `/admin/customer-segments/${saved.body.id}`)).status).toBe(204);
  });
});
