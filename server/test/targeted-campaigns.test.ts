import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { adminApi } from './fixtures.js';
import { type Api, nextPhone } from './client.js';
import { exec, one, rows } from '../src/db/client.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import { computeRfm } from '../src/modules/segments/service.js';
import { summarize, twoProportionZTest, welchTTest } from '../src/lib/stats.js';

/**
 * Targeted campaigns (decision 051) on generated customers: dormant and active customers, a saved
 * segment of the dormant, a launch tried many times at once, then generated orders around the
 * window; every figure of the result page is recomputed here in plain JavaScript from the raw rows.
 */

let server: TestServer;
let admin: Api;
const DAY = 86_400_000;
const at = Date.now();

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(51);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

async function insertMany(table: string, columns: string[], values: unknown[][]) {
  for (let i = 0; i < values.length; i += 400) {
    await exec(
      server.ctx.db,
      sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(
        values.slice(i, i + 400).map(
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

const ORDER_COLUMNS = [
  'id',
  'user_id',
  'region_id',
  'status',
  'subtotal_fen',
  'coupon_fen',
  'coupon_id',
  'total_fen',
  'refunded_fen',
  'expires_at',
  'paid_at',
  'created_at',
  'kind',
];
const order = (user: string, paidAt: number, total: number, extra: Partial<Record<string, unknown>> = {}) => {
  const o = {
    id: randomUUID(),
    user_id: user,
    region_id: DEFAULT_REGION_ID,
    status: 'completed',
    subtotal_fen: total,
    coupon_fen: 0,
    coupon_id: null,
    total_fen: total,
    refunded_fen: 0,
    expires_at: new Date(paidAt + 900_000),
    paid_at: new Date(paidAt),
    created_at: new Date(paidAt),
    kind: 'goods',
    ...extra,
  };
  if (o.coupon_fen) o.subtotal_fen = (o.total_fen as number) + (o.coupon_fen as number);
  return o;
};

let point: string;
let segmentId: string;
let templateId: string;
const dormant = new Set<string>();

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminApi(server);
  const db = server.ctx.db;
  const wh = randomUUID();
  const route = randomUUID();
  point = randomUUID();
  await exec(
    db,
    sql`insert into warehouses (id, region_id, name, kind) values (${wh}, ${DEFAULT_REGION_ID}, '仓', 'central')`,
  );
  await exec(
    db,
    sql`insert into routes (id, region_id, name, warehouse_id) values (${route}, ${DEFAULT_REGION_ID}, '线', ${wh})`,
  );
  await exec(
    db,
    sql`insert into pickup_points (id, region_id, name, address, route_id) values (${point}, ${DEFAULT_REGION_ID}, '点', '址', ${route})`,
  );
  const users: unknown[][] = [];
  const orders: Record<string, unknown>[] = [];
  for (let i = 0; i < 700; i++) {
    const id = randomUUID();
    users.push([id, nextPhone(), '顾客', 'x', '{customer}', point, `TC${i}`, new Date(at - 400 * DAY)]);
    // five in six last bought 35–200 days ago (dormant); the rest within the last 20 days
    const isDormant = i % 6 !== 0;
    if (isDormant) dormant.add(id);
    const last = isDormant ? int(35, 200) : int(1, 20);
    orders.push(order(id, at - last * DAY, int(500, 9000)));
    if (rand() < 0.5) orders.push(order(id, at - (last + int(1, 60)) * DAY, int(500, 9000)));
  }
  await insertMany(
    'users',
    ['id', 'phone', 'name', 'password_hash', 'roles', 'pickup_point_id', 'invite_code', 'created_at'],
    users,
  );
  await insertMany(
    'orders',
    ORDER_COLUMNS,
    orders.map((o) => ORDER_COLUMNS.map((c) => o[c])),
  );
  await computeRfm(db);
  const seg = await admin.post('/admin/customer-segments', {
    name: '沉睡30天',
    definition: { conditions: [{ field: 'dormant', is: true }] },
  });
  expect(seg.status).toBe(201);
  segmentId = seg.body.id;
  expect(seg.body.customers).toBe(dormant.size);
  const tpl = await admin.post('/admin/coupon-templates', {
    name: '召回 满20减5',
    kind: 'amount',
    thresholdFen: 2000,
    discountFen: 500,
    validFrom: new Date(at - 3_600_000).toISOString(),
    validTo: new Date(at + 30 * DAY).toISOString(),
    perCustomerLimit: 1,
    stackableWithFullReduction: true,
  });
  expect(tpl.status).toBe(201);
  templateId = tpl.body.id;
}, 120_000);
afterAll(() => server?.close());

const count = async (table: string) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;

describe('a targeted campaign', () => {
  let campaignId: string;

  it('refuses bad input with a 4xx and a code, and writes nothing', async () => {
    const good = { name: '沉睡召回', segmentId, templateId, message: '好久不见，送您一张满20减5券' };
    const paused = await admin.post('/admin/coupon-templates', {
      name: '停用',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 100,
      validFrom: new Date(at - 3_600_000).toISOString(),
      validTo: new Date(at + DAY).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    expect(paused.status, JSON.stringify(paused.body)).toBe(201);
    expect((await admin.post(`/admin/coupon-templates/${paused.body.id}/pause`)).status).toBeLessThan(300);
    const bad: [Record<string, unknown>, number, string][] = [
      [{ ...good, name: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, message: ' ' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, controlBps: 50 }, 400, 'VALIDATION_FAILED'],
      [{ ...good, controlBps: 6000 }, 400, 'VALIDATION_FAILED'],
      [{ ...good, windowDays: 0 }, 400, 'VALIDATION_FAILED'],
      [{ ...good, segmentId: randomUUID() }, 400, 'VALIDATION_FAILED'],
      [{ ...good, templateId: randomUUID() }, 400, 'VALIDATION_FAILED'],
      [{ ...good, templateId: paused.body.id }, 400, 'VALIDATION_FAILED'],
      [{ ...good, segmentId: 'x' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of bad) {
      const res = await admin.post('/admin/targeted-campaigns', body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count('targeted_campaigns')).toBe(0);
    expect((await admin.post(`/admin/targeted-campaigns/${randomUUID()}/launch`)).status).toBe(404);

    const created = await admin.post('/admin/targeted-campaigns', good);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', controlBps: 1000, windowDays: 14, segmentName: '沉睡30天' });
    campaignId = created.body.id;
    expect((await admin.get(`/admin/targeted-campaigns/${campaignId}/result`)).body.error.code).toBe('INVALID_STATE');
  });

  it('launches once under simultaneous requests: audience frozen with the stable control, coupons and messages to the treated only', async () => {
    const db = server.ctx.db;
    const coupons = await count('coupons');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => admin.post(`/admin/targeted-campaigns/${campaignId}/launch`)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const control = [...dormant].filter(
      (u) =>
        Number.parseInt(createHash('md5').update(`${campaignId}${u}`).digest('hex').slice(0, 8), 16) % 10_000 < 1000,
    );
    const members = await rows<{ user_id: string; control: boolean; coupon_id: string | null }>(
      db,
      sql`select user_id, control, coupon_id from targeted_campaign_members where campaign_id = ${campaignId}`,
    );
    expect(members.map((m) => m.user_id).sort()).toEqual([...dormant].sort());
    expect(
      members
        .filter((m) => m.control)
        .map((m) => m.user_id)
        .sort(),
    ).toEqual(control.sort());
    expect(members.every((m) => m.control === (m.coupon_id === null))).toBe(true);
    const treated = dormant.size - control.length;
    expect(control.length).toBeGreaterThan(30);
    expect(await count('coupons')).toBe(coupons + treated);
    const granted = await rows<{ user_id: string }>(
      db,
      sql`select c.user_id from coupons c join targeted_campaign_members m on m.coupon_id = c.id where c.template_id = ${templateId}`,
    );
    expect(granted.length).toBe(treated);
    const sent = await rows<{ user_id: string; text: string }>(
      db,
      sql`select payload->>'userId' as user_id, payload->>'text' as text from outbox where payload->>'kind' = 'targeted_coupon'`,
    );
    expect(sent.length).toBe(treated);
    expect(new Set(sent.map((s) => s.user_id))).toEqual(
      new Set(members.filter((m) => !m.control).map((m) => m.user_id)),
    );
    expect(
      (await one<{ issued: number }>(db, sql`select issued from coupon_templates where id = ${templateId}`))!.issued,
    ).toBe(treated);
    const again = await admin.post(`/admin/targeted-campaigns/${campaignId}/launch`);
    expect(again.body).toMatchObject({ status: 'launched', treated, control: control.length });
    expect(await count('coupons')).toBe(coupons + treated);
  });

  it('refuses a launch its template cannot cover, writing nothing', async () => {
    const small = await admin.post('/admin/coupon-templates', {
      name: '限量',
      kind: 'amount',
      thresholdFen: 0,
      discountFen: 100,
      validFrom: new Date(at - 3_600_000).toISOString(),
      validTo: new Date(at + DAY).toISOString(),
      perCustomerLimit: 1,
      totalLimit: 10,
      stackableWithFullReduction: true,
    });
    const c = await admin.post('/admin/targeted-campaigns', {
      name: '限量',
      segmentId,
      templateId: small.body.id,
      message: '券',
    });
    expect([small.status, c.status], JSON.stringify([small.body, c.body])).toEqual([201, 201]);
    const before = [await count('coupons'), await count('targeted_campaign_members'), await count('outbox')];
    const res = await admin.post(`/admin/targeted-campaigns/${c.body.id}/launch`);
    expect([res.status, res.body.error.code]).toEqual([409, 'LIMIT_EXCEEDED']);
    expect([await count('coupons'), await count('targeted_campaign_members'), await count('outbox')]).toEqual(before);
    expect((await admin.get(`/admin/targeted-campaigns/${c.body.id}`)).body.status).toBe('draft');

    // a segment deleted after the draft was made: nothing to freeze
    const seg = await admin.post('/admin/customer-segments', {
      name: '临时',
      definition: { conditions: [{ field: 'dormant', is: true }] },
    });
    const d = await admin.post('/admin/targeted-campaigns', {
      name: '临时',
      segmentId: seg.body.id,
      templateId,
      message: '券',
    });
    expect((await admin.request('DELETE', `/admin/customer-segments/${seg.body.id}`)).status).toBe(204);
    const gone = await admin.post(`/admin/targeted-campaigns/${d.body.id}/launch`);
    expect([gone.status, gone.body.error.code, gone.body.error.details?.reason]).toEqual([
      409,
      'INVALID_STATE',
      'segment_gone',
    ]);
    expect([await count('coupons'), await count('targeted_campaign_members'), await count('outbox')]).toEqual(before);
  });

  it('measures treated against control over the window, every figure as a plain recomputation finds it', async () => {
    const db = server.ctx.db;
    // the launch moved 20 days back, so its 14-day window is over; orders around it are generated
    await exec(
      db,
      sql`update targeted_campaigns set launched_at = now() - interval '20 days' where id = ${campaignId}`,
    );
    const launched = Date.parse((await admin.get(`/admin/targeted-campaigns/${campaignId}`)).body.launchedAt);
    const members = await rows<{ user_id: string; control: boolean; coupon_id: string | null }>(
      db,
      sql`select user_id, control, coupon_id from targeted_campaign_members where campaign_id = ${campaignId}`,
    );
    const orders: Record<string, unknown>[] = [];
    const used: [string, string][] = [];
    for (const m of members) {
      const p = m.control ? 0.15 : 0.3;
      if (rand() < p) {
        const n = int(1, 3);
        for (let k = 0; k < n; k++) {
          const t = launched + rand() * 14 * DAY;
          const useCoupon = !m.control && k === 0 && rand() < 0.6;
          const total = int(800, 12_000);
          const r = rand();
          const o = order(m.user_id, t, total, {
            ...(useCoupon ? { coupon_id: m.coupon_id, coupon_fen: 500 } : {}),
            ...(r < 0.06 ? { status: 'cancelled', refunded_fen: total } : {}),
            ...(r >= 0.06 && r < 0.14 ? { refunded_fen: int(0, total) } : {}),
            ...(r >= 0.14 && r < 0.18 ? { status: 'pending_payment', paid_at: null } : {}),
            ...(r >= 0.18 && r < 0.21 ? { kind: 'membership' } : {}),
          });
          orders.push(o);
          if (useCoupon) used.push([m.coupon_id!, o.id as string]);
        }
      }
      // outside the window: just before launch, and after its end
      if (rand() < 0.1) orders.push(order(m.user_id, launched - rand() * 2 * DAY, int(800, 5000)));
      if (rand() < 0.1) orders.push(order(m.user_id, launched + 14 * DAY + rand() * 5 * DAY, int(800, 5000)));
    }
    await insertMany(
      'orders',
      ORDER_COLUMNS,
      orders.map((o) => ORDER_COLUMNS.map((c) => o[c])),
    );
    for (const [coupon, orderId] of used)
      await exec(
        db,
        sql`update coupons set status = 'used', order_id = ${orderId}, used_at = now() where id = ${coupon}`,
      );

    // the plain recomputation from the raw rows
    const raw = await rows<{
      id: string;
      user_id: string;
      status: string;
      kind: string;
      total_fen: number;
      refunded_fen: number;
      coupon_fen: number;
      paid_at: unknown;
    }>(db, sql`select id, user_id, status, kind, total_fen, refunded_fen, coupon_fen, paid_at from orders`);
    const counted = raw.filter((o) => {
      if (o.kind !== 'goods' || o.status === 'cancelled' || o.paid_at === null) return false;
      const t = new Date(o.paid_at as string).getTime();
      return t >= launched && t < launched + 14 * DAY;
    });
    const group = (control: boolean) => {
      const ms = members.filter((m) => m.control === control);
      const per = ms.map((m) => counted.filter((o) => o.user_id === m.user_id));
      const gmv = per.map((os) => os.reduce((a, o) => a + o.total_fen - o.refunded_fen, 0));
      return {
        customers: ms.length,
        recalled: per.filter((os) => os.length > 0).length,
        orders: per.reduce((a, os) => a + os.length, 0),
        gmvFen: gmv.reduce((a, b) => a + b, 0),
        gmv,
      };
    };
    const t = group(false);
    const c = group(true);
    const byId = new Map(raw.map((o) => [o.id, o]));
    const standing = used.map(([, o]) => byId.get(o)!).filter((o) => o.status !== 'cancelled' && o.paid_at !== null);

    const res = await admin.get(`/admin/targeted-campaigns/${campaignId}/result`);
    expect(res.status).toBe(200);
    const r = res.body;
    for (const [got, want] of [
      [r.treated, t],
      [r.control, c],
    ] as const) {
      expect(got).toMatchObject({
        customers: want.customers,
        recalled: want.recalled,
        orders: want.orders,
        gmvFen: want.gmvFen,
      });
      expect(got.recallRate).toBeCloseTo(want.recalled / want.customers, 12);
      expect(got.gmvPerCustomerFen).toBeCloseTo(want.gmvFen / want.customers, 9);
    }
    const z = twoProportionZTest({ successes: c.recalled, n: c.customers }, { successes: t.recalled, n: t.customers });
    expect(r.recallLift.difference).toBeCloseTo(t.recalled / t.customers - c.recalled / c.customers, 12);
    expect(r.recallLift.ci[0]).toBeCloseTo(z.ci![0], 9);
    expect(r.recallLift.ci[1]).toBeCloseTo(z.ci![1], 9);
    expect(r.recallLift.pValue).toBeCloseTo(z.pValue!, 9);
    expect(r.recallLift.difference).toBeGreaterThan(0);
    const w = welchTTest(summarize(c.gmv), summarize(t.gmv));
    expect(r.gmvPerCustomerDiff.difference).toBeCloseTo(t.gmvFen / t.customers - c.gmvFen / c.customers, 6);
    expect(r.gmvPerCustomerDiff.pValue).toBeCloseTo(w.pValue!, 6);
    expect(r.gmvPerCustomerDiff.ci[0]).toBeCloseTo(w.ci![0], 4);
    expect(r.gmvPerCustomerDiff.df).toBeCloseTo(w.df!, 4);
    expect(r.coupons).toEqual({
      granted: t.customers,
      used: standing.length,
      discountFen: standing.reduce((a, o) => a + o.coupon_fen, 0),
    });
    expect(r.campaign.windowOver).toBe(true);

    const file = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/targeted-campaigns/${campaignId}/result/export.xlsx?lang=en`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(file.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(3).values).toEqual([undefined, 'Customers', t.customers, c.customers]);
    const list = await admin.get('/admin/targeted-campaigns');
    expect(list.body.items.map((x: any) => x.id)).toContain(campaignId);
  });
});
