import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, one, rows } from '../src/db/client.js';
import { raisePostmortemAlerts } from '../src/modules/incidents/service.js';
import { DEFAULT_REGION_ID } from '../src/modules/network/service.js';
import type { Criteria } from '../src/modules/incidents/rules.js';
import { deliverOutbox } from '../src/modules/outbox/service.js';
import { outboxHandlers } from '../src/modules/outbox/senders.js';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { Api, nextPhone } from './client.js';

/**
 * Incidents (decision 060): the affected orders a selection finds, against a plain recomputation
 * from the rows; one message and one coupon per affected customer, once, under simultaneous
 * requests; region scope; the post-mortem's 48 h reminder and 72 h alert; bad input refused with
 * nothing written.
 */

let server: TestServer;
let world: World;
const customers: { api: Api; userId: string }[] = [];
const orderIds: string[] = [];

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function staff(roles: string[], regionIds?: string[]) {
  const phone = nextPhone();
  const password = 'staff-pass-123';
  const made = await world.admin.post('/admin/users', { phone, password, name: `员工${roles[0]}`, roles });
  expect(made.status).toBe(201);
  if (regionIds)
    expect((await world.admin.put(`/admin/users/${made.body.id}/regions`, { regionIds })).status).toBe(200);
  const login = await new Api(server.app).post('/auth/login', { phone, password });
  return new Api(server.app, login.body.token);
}

async function declare(title = '东一线冷链延误', grade = 'B') {
  const r = await world.admin.post('/admin/incidents', { grade, title, description: '冷藏车故障，晚到 3 小时' });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const countOf = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(server.ctx.db, q))!.n;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const items = world.campaign.items;
  const points = world.pickupPointIds;
  // c0 at point 0 (route 0): two orders; c1 at point 1 (route 0); c2 at point 2 (route 1); c3 at point 2, unpaid
  for (const [i, point] of [points[0], points[1], points[2], points[2]].entries())
    customers.push(await newCustomer(server, point, `受影响顾客${i}`));
  const buy = async (c: number, point: string, item: number) =>
    (
      await buyAndPay(server, customers[c].api, {
        pickupPointId: point,
        items: [{ campaignItemId: items[item].id, quantity: 1 }],
      })
    ).id as string;
  orderIds.push(await buy(0, points[0], 0));
  orderIds.push(await buy(0, points[0], 1));
  orderIds.push(await buy(1, points[1], 2));
  orderIds.push(await buy(2, points[2], 0));
  const unpaid = await customers[3].api.post('/orders', {
    pickupPointId: points[2],
    items: [{ campaignItemId: items[0].id, quantity: 1 }],
  });
  expect(unpaid.status).toBe(201);
  // the first order was placed yesterday
  await exec(
    server.ctx.db,
    sql`update orders set created_at = created_at - interval '1 day' where id = ${orderIds[0]}`,
  );
});

afterAll(async () => {
  await server?.close();
});

/** The affected orders recomputed plainly: every order row read, the criteria applied in JavaScript. */
async function plainAffected(c: Criteria): Promise<{ orders: string[]; customers: number }> {
  const all = await rows<{
    id: string;
    user_id: string;
    region_id: string;
    kind: string;
    status: string;
    paid: boolean;
    pickup_point_id: string | null;
    route_id: string | null;
    created_at: string;
    pickup_date: string | null;
  }>(
    server.ctx.db,
    sql`select o.id, o.user_id, o.region_id, o.kind, o.status, o.paid_at is not null as paid, o.pickup_point_id,
      (select route_id from pickup_points p where p.id = o.pickup_point_id) as route_id,
      to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
      (select pickup_date::text from campaigns c where c.id = o.campaign_id) as pickup_date
    from orders o`,
  );
  const lines = await rows<{ order_id: string; product_id: string; campaign_item_id: string }>(
    server.ctx.db,
    sql`select order_id, product_id, campaign_item_id from order_lines`,
  );
  const picked = all.filter((o) => {
    if (o.kind !== 'goods' || !o.paid || o.status === 'cancelled') return false;
    if (c.routeIds && !c.routeIds.includes(o.route_id ?? '')) return false;
    if (c.pickupPointIds && !c.pickupPointIds.includes(o.pickup_point_id ?? '')) return false;
    if (c.productIds || c.campaignItemIds) {
      const mine = lines.filter((l) => l.order_id === o.id);
      const hit = mine.some(
        (l) => c.productIds?.includes(l.product_id) || c.campaignItemIds?.includes(l.campaign_item_id),
      );
      if (!hit) return false;
    }
    const at = new Date(o.created_at).getTime();
    if (c.placedFrom && at < new Date(c.placedFrom).getTime()) return false;
    if (c.placedTo && at >= new Date(c.placedTo).getTime()) return false;
    if (c.pickupFrom && (o.pickup_date ?? '') < c.pickupFrom) return false;
    if (c.pickupTo && (o.pickup_date ?? '9999') > c.pickupTo) return false;
    return true;
  });
  return { orders: picked.map((o) => o.id).sort(), customers: new Set(picked.map((o) => o.user_id)).size };
}

describe('incidents', () => {
  it('selects the affected orders by route, point, product, deal and window as a plain recomputation does', async () => {
    const id = await declare('筛选');
    const items = world.campaign.items;
    const pickupDay = (await one<{ d: string }>(
      server.ctx.db,
      sql`select pickup_date::text as d from campaigns where id = ${world.campaign.id}`,
    ))!.d;
    const now = Date.now();
    const cases: Criteria[] = [
      { routeIds: [world.routeIds[0]] },
      { routeIds: [world.routeIds[1]] },
      { routeIds: world.routeIds },
      { pickupPointIds: [world.pickupPointIds[1], world.pickupPointIds[2]] },
      { productIds: [world.products[0].id] },
      { campaignItemIds: [items[1].id] },
      { productIds: [world.products[2].id], campaignItemIds: [items[1].id] },
      { routeIds: [world.routeIds[0]], productIds: [world.products[0].id] },
      { placedFrom: new Date(now - 2 * DAY).toISOString(), placedTo: new Date(now - 12 * 3_600_000).toISOString() },
      { placedFrom: new Date(now - 12 * 3_600_000).toISOString() },
      { pickupFrom: pickupDay, pickupTo: pickupDay },
      { pickupTo: isoDay(new Date(now - 5 * DAY)) },
      {
        routeIds: [world.routeIds[0]],
        placedFrom: new Date(now - 12 * 3_600_000).toISOString(),
        pickupFrom: pickupDay,
      },
    ];
    for (const c of cases) {
      const expected = await plainAffected(c);
      const preview = await world.admin.post(`/admin/incidents/${id}/preview`, c);
      expect([c, preview.status]).toEqual([c, 200]);
      expect([c, preview.body.orders, preview.body.customers]).toEqual([c, expected.orders.length, expected.customers]);
      const kept = await world.admin.put(`/admin/incidents/${id}/orders`, c);
      expect(kept.status).toBe(200);
      expect([kept.body.orders, kept.body.customers]).toEqual([expected.orders.length, expected.customers]);
      const stored = await rows<{ order_id: string }>(
        server.ctx.db,
        sql`select order_id from incident_orders where incident_id = ${id} order by order_id`,
      );
      expect([c, stored.map((s) => s.order_id)]).toEqual([c, expected.orders]);
    }
    // the route selection of the fixture: c0's two orders and c1's; never the unpaid one
    const route0 = await plainAffected({ routeIds: [world.routeIds[0]] });
    expect(route0.orders).toEqual([orderIds[0], orderIds[1], orderIds[2]].sort());
    expect(route0.customers).toBe(2);
    // the kept orders listed a page at a time
    await world.admin.put(`/admin/incidents/${id}/orders`, { routeIds: world.routeIds });
    const first = await world.admin.get(`/admin/incidents/${id}/orders?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    const cursor = (first as any).nextCursor;
    const rest = await world.admin.get(`/admin/incidents/${id}/orders?limit=2&cursor=${cursor}`);
    expect([...first.body, ...rest.body].map((o: any) => o.orderId).sort()).toEqual([...orderIds].sort());
    expect(first.body[0].customerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    // the timeline: declared, then a selection per PUT
    const v = (await world.admin.get(`/admin/incidents/${id}`)).body;
    expect(v.timeline[0].kind).toBe('declared');
    expect(v.timeline.filter((e: any) => e.kind === 'orders_selected')).toHaveLength(cases.length + 1);
  });

  it('compensates each affected customer once with a message and a coupon, under simultaneous requests', async () => {
    const id = await declare('东一线冷链延误');
    const selected = await world.admin.put(`/admin/incidents/${id}/orders`, { routeIds: [world.routeIds[0]] });
    expect([selected.body.orders, selected.body.customers]).toEqual([3, 2]);
    const body = {
      message: '昨日东一线冷链车故障，送达延误，向您致歉，补偿一张优惠券。',
      newCoupon: { name: '冷链延误补偿券 5元', discountFen: 500, thresholdFen: 0, validDays: 14 },
    };
    const taps = await Promise.all(
      Array.from({ length: 5 }, () => world.admin.post(`/admin/incidents/${id}/compensate`, body)),
    );
    expect(taps.map((t) => t.status)).toEqual([200, 200, 200, 200, 200]);
    expect(taps.filter((t) => t.body.ranNow)).toHaveLength(1);
    for (const t of taps) expect([t.body.messagesSent, t.body.couponsGranted]).toEqual([2, 2]);
    // and once more afterwards
    const again = await world.admin.post(`/admin/incidents/${id}/compensate`, body);
    expect([again.status, again.body.ranNow]).toEqual([200, false]);

    expect(
      await countOf(sql`select count(*)::int as n from coupon_templates where name = ${body.newCoupon.name}`),
    ).toBe(1);
    const template = again.body.couponTemplate.id;
    // c0 has two affected orders and one coupon
    for (const c of [customers[0], customers[1]])
      expect(
        await countOf(
          sql`select count(*)::int as n from coupons where template_id = ${template} and user_id = ${c.userId}`,
        ),
      ).toBe(1);
    expect(await countOf(sql`select count(*)::int as n from coupons where template_id = ${template}`)).toBe(2);
    expect(
      await countOf(
        sql`select count(*)::int as n from outbox where topic = 'notify.customer' and payload->>'kind' = 'incident' and payload->>'incidentId' = ${id}`,
      ),
    ).toBe(2);
    expect(await countOf(sql`select count(*)::int as n from incident_customers where incident_id = ${id}`)).toBe(2);
    const v = (await world.admin.get(`/admin/incidents/${id}`)).body;
    expect(v.timeline.filter((e: any) => e.kind === 'compensated')).toHaveLength(1);

    // the customer sees the message in their notifications and the coupon in their coupons
    while ((await deliverOutbox(server.ctx.db, outboxHandlers(server.ctx.config))) > 0);
    const notes = (await customers[0].api.get('/me/notifications')).body.filter((n: any) => n.kind === 'incident');
    expect(notes).toHaveLength(1);
    expect(notes[0].payload).toMatchObject({
      title: '东一线冷链延误',
      message: body.message,
      orders: 2,
      discountFen: 500,
    });
    const mine = (await customers[0].api.get('/me/coupons')).body.filter((c: any) => c.templateId === template);
    expect(mine).toHaveLength(1);
    // c2 (route 1) was not affected
    expect(
      (await customers[2].api.get('/me/notifications')).body.filter((n: any) => n.kind === 'incident'),
    ).toHaveLength(0);

    // the affected orders as a workbook: a row per order, each compensated
    const xlsx = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/incidents/${id}/orders.xlsx`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheetRows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    expect(sheetRows[1]).toContain('订单号');
    expect(
      sheetRows
        .slice(2)
        .map((r) => r[9])
        .sort(),
    ).toEqual([orderIds[0], orderIds[1], orderIds[2]].sort());
    expect(sheetRows.slice(2).map((r) => r[8])).toEqual(['是', '是', '是']);

    // the selection stays as it was compensated
    const reselect = await world.admin.put(`/admin/incidents/${id}/orders`, { routeIds: world.routeIds });
    expect([reselect.status, reselect.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('compensates with an existing template; a paused one is refused with nothing sent', async () => {
    const template = await world.admin.post('/admin/coupon-templates', {
      name: '致歉券 满20减3',
      kind: 'amount',
      thresholdFen: 2000,
      discountFen: 300,
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validTo: new Date(Date.now() + 7 * DAY).toISOString(),
      perCustomerLimit: 1,
      stackableWithFullReduction: true,
    });
    expect(template.status).toBe(201);
    const id = await declare('东二线破损', 'C');
    await world.admin.put(`/admin/incidents/${id}/orders`, { pickupPointIds: [world.pickupPointIds[2]] });
    await world.admin.post(`/admin/coupon-templates/${template.body.id}/pause`);
    const paused = await world.admin.post(`/admin/incidents/${id}/compensate`, {
      message: '致歉',
      couponTemplateId: template.body.id,
    });
    expect([paused.status, paused.body.error.code]).toEqual([409, 'COUPON_UNAVAILABLE']);
    expect(await countOf(sql`select count(*)::int as n from incident_customers where incident_id = ${id}`)).toBe(0);
    expect(await countOf(sql`select count(*)::int as n from outbox where payload->>'incidentId' = ${id}`)).toBe(0);
    await world.admin.post(`/admin/coupon-templates/${template.body.id}/resume`);
    const done = await world.admin.post(`/admin/incidents/${id}/compensate`, {
      message: '致歉',
      couponTemplateId: template.body.id,
    });
    expect([done.status, done.body.messagesSent, done.body.couponsGranted]).toEqual([200, 1, 1]);
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const id = await declare('输入检查');
    const before = await countOf(sql`select count(*)::int as n from incident_events`);
    const tries: [Promise<{ status: number; body: any }>, number, string][] = [
      [world.admin.post('/admin/incidents', { grade: 'D', title: 'x', description: 'y' }), 400, 'VALIDATION_FAILED'],
      [
        world.admin.post('/admin/incidents', { grade: 'A', title: 'x'.repeat(81), description: 'y' }),
        400,
        'VALIDATION_FAILED',
      ],
      [world.admin.post('/admin/incidents', { grade: 'A', title: '  ', description: 'y' }), 400, 'VALIDATION_FAILED'],
      [world.admin.post(`/admin/incidents/${id}/preview`, {}), 400, 'VALIDATION_FAILED'],
      [
        world.admin.post(`/admin/incidents/${id}/preview`, {
          placedFrom: '2026-01-02T00:00:00Z',
          placedTo: '2026-01-01T00:00:00Z',
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [world.admin.post(`/admin/incidents/${id}/preview`, { pickupFrom: '2026-02-30' }), 400, 'VALIDATION_FAILED'],
      [world.admin.put(`/admin/incidents/${id}/orders`, { routeIds: ['not-a-uuid'] }), 400, 'VALIDATION_FAILED'],
      [
        world.admin.put(`/admin/incidents/${id}/orders`, { routeIds: ['00000000-0000-4000-8000-00000000dead'] }),
        404,
        'NOT_FOUND',
      ],
      [
        world.admin.post(`/admin/incidents/${id}/compensate`, { message: '致歉', couponTemplateId: world.campaign.id }),
        409,
        'INVALID_STATE',
      ],
      [world.admin.post(`/admin/incidents/${id}/compensate`, { message: '致歉' }), 400, 'VALIDATION_FAILED'],
      [
        world.admin.post(`/admin/incidents/${id}/compensate`, {
          message: '致歉',
          newCoupon: { name: '券', discountFen: 0, thresholdFen: 0, validDays: 7 },
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [world.admin.post(`/admin/incidents/${id}/postmortem`, { cause: '冷机故障' }), 400, 'VALIDATION_FAILED'],
      [world.admin.get('/admin/incidents/00000000-0000-4000-8000-00000000dead'), 404, 'NOT_FOUND'],
    ];
    for (const [res, status, code] of tries) {
      const r = await res;
      expect([r.status, r.body.error?.code]).toEqual([status, code]);
    }
    expect(await countOf(sql`select count(*)::int as n from incident_events`)).toBe(before);
    expect(await countOf(sql`select count(*)::int as n from incident_orders where incident_id = ${id}`)).toBe(0);
    // both coupon forms at once: refused after selecting too
    await world.admin.put(`/admin/incidents/${id}/orders`, { routeIds: [world.routeIds[1]] });
    const both = await world.admin.post(`/admin/incidents/${id}/compensate`, {
      message: '致歉',
      couponTemplateId: world.campaign.id,
      newCoupon: { name: '券', discountFen: 100, thresholdFen: 0, validDays: 7 },
    });
    expect([both.status, both.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const missing = await world.admin.post(`/admin/incidents/${id}/compensate`, {
      message: '致歉',
      couponTemplateId: world.campaign.id,
    });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await countOf(sql`select count(*)::int as n from incident_customers where incident_id = ${id}`)).toBe(0);
    // a post-mortem once
    const pm = {
      cause: '冷藏车压缩机故障',
      impact: '东一线 3 单延误',
      actions: '备用车接驳，补偿优惠券',
      prevention: '出车前检查',
    };
    expect((await world.admin.post(`/admin/incidents/${id}/postmortem`, pm)).status).toBe(200);
    const twice = await world.admin.post(`/admin/incidents/${id}/postmortem`, pm);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('keeps each region to its operators; the service supervisor reads but does not declare', async () => {
    const id = await declare('A 区事故');
    const regionB = (await world.admin.post('/admin/regions', { name: '乌鲁木齐', timeZone: 'Asia/Urumqi' })).body.id;
    const limited = await staff(['operations'], [regionB]);
    expect((await limited.get('/admin/incidents')).body.map((i: any) => i.id)).not.toContain(id);
    expect((await limited.get(`/admin/incidents/${id}`)).status).toBe(404);
    expect((await limited.post(`/admin/incidents/${id}/preview`, { routeIds: world.routeIds })).status).toBe(404);
    expect(
      (await limited.post(`/admin/incidents/${id}/compensate`, { message: 'x', couponTemplateId: id })).status,
    ).toBe(404);
    const inA = await limited.post('/admin/incidents', {
      regionId: DEFAULT_REGION_ID,
      grade: 'C',
      title: '越区',
      description: 'x',
    });
    expect([inA.status, inA.body.error.code]).toEqual([403, 'REGION_FORBIDDEN']);
    // without a region: the operator's own
    const own = await limited.post('/admin/incidents', { grade: 'C', title: '乌市', description: 'x' });
    expect([own.status, own.body.regionId]).toEqual([201, regionB]);
    // A's routes are not B's to select
    const foreign = await limited.post(`/admin/incidents/${own.body.id}/preview`, { routeIds: [world.routeIds[0]] });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await limited.get('/admin/incidents')).body.map((i: any) => i.id)).toEqual([own.body.id]);
    expect((await world.admin.get('/admin/incidents?limit=200')).body.map((i: any) => i.id)).toEqual(
      expect.arrayContaining([id, own.body.id]),
    );

    const supervisor = await staff(['service_supervisor']);
    expect((await supervisor.get(`/admin/incidents/${id}`)).status).toBe(200);
    expect((await supervisor.post('/admin/incidents', { grade: 'C', title: 'x', description: 'y' })).status).toBe(403);
  });

  it('reminds at 48 hours and raises a critical alert at 72 hours without a post-mortem, each once', async () => {
    await exec(
      server.ctx.db,
      sql`update incidents set pm_filed_at = now(), pm_filed_by = declared_by,
      pm_cause = 'x', pm_impact = 'x', pm_actions = 'x', pm_prevention = 'x' where pm_filed_at is null`,
    );
    const id = await declare('时限');
    const filed = await declare('已复盘');
    const pm = { cause: '原因', impact: '影响', actions: '处置', prevention: '预防' };
    expect((await world.admin.post(`/admin/incidents/${filed}/postmortem`, pm)).status).toBe(200);
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
    expect(await raisePostmortemAlerts(server.ctx.db, hours(47))).toBe(0);
    expect(await raisePostmortemAlerts(server.ctx.db, hours(49))).toBe(1);
    expect(await raisePostmortemAlerts(server.ctx.db, hours(50))).toBe(0);
    expect(await raisePostmortemAlerts(server.ctx.db, hours(73))).toBe(1);
    expect(await raisePostmortemAlerts(server.ctx.db, hours(90))).toBe(0);
    const alerts = await rows<{ severity: string; kind: string; subject_id: string }>(
      server.ctx.db,
      sql`select severity, kind, subject_id from operator_alerts where subject_type = 'incident' order by created_at, severity`,
    );
    expect(alerts).toEqual([
      { severity: 'warning', kind: 'incident_postmortem_due', subject_id: id },
      { severity: 'critical', kind: 'incident_postmortem_overdue', subject_id: id },
    ]);
    // the alert inbox shows them to the operators
    const inbox = (await world.admin.get('/admin/alerts')).body;
    expect(JSON.stringify(inbox)).toContain(id);
    // the list marks it overdue once its 72 hours passed (seen by moving its declaration back)
    await exec(
      server.ctx.db,
      sql`update incidents set declared_at = declared_at - interval '73 hours', postmortem_due_at = postmortem_due_at - interval '73 hours' where id = ${id}`,
    );
    const list = (await world.admin.get('/admin/incidents?limit=200')).body;
    expect(list.find((i: any) => i.id === id).postmortemOverdue).toBe(true);
    expect(list.find((i: any) => i.id === filed).postmortemOverdue).toBe(false);
    // filing it late is recorded on the timeline
    const late = await world.admin.post(`/admin/incidents/${id}/postmortem`, pm);
    expect(late.body.timeline.at(-1)).toMatchObject({ kind: 'postmortem_filed', details: { late: true } });
    const resolved = await world.admin.post(`/admin/incidents/${id}/resolve`);
    expect([resolved.body.status, resolved.body.timeline.at(-1).kind]).toEqual(['resolved', 'resolved']);
  });
});
