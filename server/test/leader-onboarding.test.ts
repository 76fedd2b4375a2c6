import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../src/db/client.js';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, newCustomer, type World } from './fixtures.js';
import { Api, nextPhone } from './client.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign } from './leader-flow.js';

/**
 * Leaders from application to onboarding (decision 061): applications with a photo, one open per
 * customer, approval (once, also when clicked twice at once) appointing the leader, rejection
 * with a reason, region scope; commission plans by category against a plain recomputation, with
 * past commission unchanged by a plan change; training with a quiz and who passed.
 */

let server: TestServer;
let world: World;
let regionId: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  regionId = (await world.admin.get('/admin/regions')).body[0].id;
}, 120_000);
afterAll(() => server?.close());

async function photo(api: Api) {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#e76f51' } })
    .png()
    .toBuffer();
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/me/leader-application-photos',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'image/png' },
    payload: bytes,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; url: string };
}

const form = (photoId: string, extra: Record<string, unknown> = {}) => ({
  name: '刘阿姨',
  regionId,
  address: '幸福路 88 号 1 楼',
  placeKind: 'shop',
  experience: '开了五年便利店，小区邻居都熟',
  photoId,
  ...extra,
});

async function applicant(name = '申请人') {
  const c = await newCustomer(server, world.pickupPointIds[0], name);
  const pic = await photo(c.api);
  const res = await c.api.post('/me/leader-applications', form(pic.id, { name }));
  expect(res.status).toBe(201);
  return { ...c, application: res.body, photoId: pic.id };
}

const count = async (table: string) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;

async function newRoute(name: string) {
  const network = (await world.admin.get('/admin/network')).body;
  return (
    await world.admin.post('/admin/routes', {
      name,
      warehouseId: network.warehouses.find((w: any) => w.kind === 'grid').id,
    })
  ).body.id as string;
}

describe('applications', () => {
  it('refuses bad input and writes nothing; one open application per customer, also at the same instant', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0], '急性子');
    const other = await newCustomer(server, world.pickupPointIds[0], '别人');
    const pic = await photo(c.api);
    const theirs = await photo(other.api);
    const before = await count('leader_applications');
    for (const bad of [
      form(pic.id, { placeKind: 'garage' }),
      form(pic.id, { name: '' }),
      form(pic.id, { experience: 'x'.repeat(1001) }),
      form(pic.id, { regionId: 'not-a-uuid' }),
      { ...form(pic.id), photoId: undefined },
    ]) {
      const res = await c.api.post('/me/leader-applications', bad);
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const unknownCity = await c.api.post('/me/leader-applications', form(pic.id, { regionId: crypto.randomUUID() }));
    expect([unknownCity.status, unknownCity.body.error.details.field]).toEqual([400, 'regionId']);
    const notMine = await c.api.post('/me/leader-applications', form(theirs.id));
    expect([notMine.status, notMine.body.error.details.field]).toEqual([400, 'photoId']);
    expect(await count('leader_applications')).toBe(before);
    expect((await new Api(server.app).post('/me/leader-applications', form(pic.id))).status).toBe(401);

    const pic2 = await photo(c.api);
    const both = await Promise.all([
      c.api.post('/me/leader-applications', form(pic.id)),
      c.api.post('/me/leader-applications', form(pic2.id)),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.details.reason).toBe('open_application');
    const mine = (await c.api.get('/me/leader-applications')).body;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'pending', phone: c.phone, placeKind: 'shop', regionId });
    expect(mine[0].photo.url).toMatch(/^\/media\/leader-applications\/.+\.webp$/);
  });

  it('approves at a new pickup point on a plan: the leader is appointed, told, and sees the checklist', async () => {
    const a = await applicant('新团长');
    const plan = (
      await world.admin.post('/admin/commission-plans', {
        name: '招募标准',
        defaultBps: 600,
        categoryBps: { fresh: 500 },
      })
    ).body;
    const routeId = await newRoute('招募线');
    const bothWays = await world.admin.post(`/admin/leader-applications/${a.application.id}/approve`, {
      pickupPointId: world.pickupPointIds[0],
      newPoint: { name: '新点', address: '新路 1 号', routeId },
    });
    expect([bothWays.status, bothWays.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const res = await world.admin.post(`/admin/leader-applications/${a.application.id}/approve`, {
      newPoint: { name: '新团长自提点', address: '幸福路 88 号', routeId },
      planId: plan.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', pickupPointName: '新团长自提点', planName: '招募标准' });
    const again = await world.admin.post(`/admin/leader-applications/${a.application.id}/reject`, { reason: '晚了' });
    expect([again.status, again.body.error.code]).toEqual([409, 'INVALID_STATE']);

    const note = await one<{ kind: string }>(
      server.ctx.db,
      sql`select kind from notifications where user_id = ${a.userId} and kind like 'leader_application%'`,
    );
    // delivered by the outbox worker, or still waiting in it
    const queued = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from outbox where payload->>'userId' = ${a.userId} and payload->>'kind' = 'leader_application_approved'`,
    );
    expect(note?.kind === 'leader_application_approved' || queued!.n === 1).toBe(true);
    expect((await a.api.get('/me/leader-applications')).body[0].status).toBe('approved');

    const checklist = (await a.api.get('/leader/onboarding')).body;
    expect(checklist.items.map((i: any) => [i.key, i.done])).toEqual([
      ['point', true],
      ['plan', true],
      ['training', checklist.items[2].done],
      ['first_arrival', false],
      ['first_pickup', false],
    ]);
    const rates = (await a.api.get('/leader/commission-plan')).body;
    expect(rates.planName).toBe('招募标准');
    expect(rates.categories.find((c: any) => c.code === 'fresh').bps).toBe(500);
    expect(rates.categories.find((c: any) => c.code === 'dairy').bps).toBe(600);
  });

  it('simultaneous approvals of one application make one leader', async () => {
    const a = await applicant('抢着批');
    const routeId = await newRoute('并发线');
    const body = (n: number) => ({ newPoint: { name: `并发点${n}`, address: '并发路', routeId } });
    const points = await count('pickup_points');
    const res = await Promise.all([
      world.admin.post(`/admin/leader-applications/${a.application.id}/approve`, body(1)),
      world.admin.post(`/admin/leader-applications/${a.application.id}/approve`, body(2)),
    ]);
    expect(res.map((r) => r.status).sort()).toEqual([200, 409]);
    const leaders = await rows(server.ctx.db, sql`select id from leaders where user_id = ${a.userId}`);
    expect(leaders).toHaveLength(1);
    expect(await count('pickup_points')).toBe(points + 1);
  });

  it('approving at a point that has a leader is refused and leaves the application pending', async () => {
    const a = await applicant('晚一步');
    const res = await world.admin.post(`/admin/leader-applications/${a.application.id}/approve`, {
      pickupPointId: world.pickupPointIds[0],
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'CONFLICT']);
    expect((await a.api.get('/me/leader-applications')).body[0].status).toBe('pending');
    expect(await one(server.ctx.db, sql`select 1 as ok from leaders where user_id = ${a.userId}`)).toBeUndefined();
  });

  it('rejects with a reason the applicant reads; they may apply again', async () => {
    const a = await applicant('被拒');
    expect(
      (await world.admin.post(`/admin/leader-applications/${a.application.id}/reject`, { reason: '' })).status,
    ).toBe(400);
    const res = await world.admin.post(`/admin/leader-applications/${a.application.id}/reject`, {
      reason: '附近已有自提点',
    });
    expect(res.body).toMatchObject({ status: 'rejected', rejectReason: '附近已有自提点' });
    expect((await a.api.get('/me/leader-applications')).body[0]).toMatchObject({
      status: 'rejected',
      rejectReason: '附近已有自提点',
    });
    const pic = await photo(a.api);
    expect((await a.api.post('/me/leader-applications', form(pic.id))).status).toBe(201);
    const queue = (await world.admin.get('/admin/leader-applications?status=pending')).body;
    expect(queue.some((q: any) => q.userId === a.userId)).toBe(true);
  });

  it('an operator limited to another city sees and decides none of these applications', async () => {
    const a = await applicant('别城的');
    const other = (await world.admin.post('/admin/regions', { name: '乌鲁木齐', timeZone: 'Asia/Urumqi' })).body.id;
    const phone = nextPhone();
    const opId = (
      await world.admin.post('/admin/users', {
        phone,
        password: 'ops-pass-1234',
        name: '乌市运营',
        roles: ['operations'],
      })
    ).body.id;
    await world.admin.put(`/admin/users/${opId}/regions`, { regionIds: [other] });
    const op = new Api(
      server.app,
      (await new Api(server.app).post('/auth/login', { phone, password: 'ops-pass-1234' })).body.token,
    );
    expect((await op.get('/admin/leader-applications')).body).toEqual([]);
    expect((await op.post(`/admin/leader-applications/${a.application.id}/reject`, { reason: '不行' })).status).toBe(
      404,
    );
    expect(
      (
        await op.post(`/admin/leader-applications/${a.application.id}/approve`, {
          pickupPointId: world.pickupPointIds[0],
        })
      ).status,
    ).toBe(404);
    expect((await a.api.get('/me/leader-applications')).body[0].status).toBe('pending');
    // finance reads plans, changes none
    const finPhone = nextPhone();
    await world.admin.post('/admin/users', {
      phone: finPhone,
      password: 'fin-pass-1234',
      name: '财务',
      roles: ['finance'],
    });
    const fin = new Api(
      server.app,
      (await new Api(server.app).post('/auth/login', { phone: finPhone, password: 'fin-pass-1234' })).body.token,
    );
    expect((await fin.get('/admin/commission-plans')).status).toBe(200);
    expect((await fin.post('/admin/commission-plans', { name: '财务的', defaultBps: 1 })).status).toBe(403);
  });
});

/** the commission entries of an order's lines, by product */
async function commissionsOf(orderId: string) {
  return rows<{ product_id: string; category: string; paid_fen: number; refunded_fen: number; amount_fen: number }>(
    server.ctx.db,
    sql`select l.product_id, p.category, l.paid_fen, l.refunded_fen, e.amount_fen from ledger_entries e
    join order_lines l on l.id = e.order_line_id join products p on p.id = l.product_id
    where e.kind = 'commission' and l.order_id = ${orderId} order by l.product_id`,
  );
}

describe('commission plans by category', () => {
  it('books each line at its category rate (a plain recomputation), new rates only for orders placed after a change', async () => {
    const bad = await world.admin.post('/admin/commission-plans', {
      name: '坏',
      defaultBps: 600,
      categoryBps: { nope: 1 },
    });
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'categoryBps']);
    expect((await world.admin.post('/admin/commission-plans', { name: '坏', defaultBps: 10_001 })).status).toBe(400);
    const rates = { fresh: 500, dairy: 800 };
    const plan = (
      await world.admin.post('/admin/commission-plans', { name: '标准', defaultBps: 300, categoryBps: rates })
    ).body;
    expect((await world.admin.post('/admin/commission-plans', { name: '标准', defaultBps: 1 })).status).toBe(409);
    const leader = world.leaders[0];
    expect(
      (await world.admin.put(`/admin/leaders/${leader.leaderId}/commission-plan`, { planId: crypto.randomUUID() }))
        .status,
    ).toBe(404);
    expect(
      (await world.admin.put(`/admin/leaders/${leader.leaderId}/commission-plan`, { planId: plan.id })).status,
    ).toBe(200);

    const campaign = await newCampaign(world);
    const before = await buy(server, world, campaign, 0, { apple: 3, milk: 2, eggs: 1 });
    // the plan changes after the first order was placed; a deal gets its own rate
    const changed = await world.admin.put(`/admin/commission-plans/${plan.id}`, {
      name: '标准',
      defaultBps: 300,
      categoryBps: { fresh: 1500, dairy: 800 },
    });
    expect(changed.body.version).toBe(2);
    await world.admin.put(`/admin/campaign-items/${campaign.items.eggs}/commission`, { commissionBps: 2000 });
    const after = await buy(server, world, campaign, 0, { apple: 3, milk: 2, eggs: 1 });
    await cutOffAndDeliver(world, campaign.id);
    await arriveInFull(world, campaign.id, 0);
    for (const o of [before, after])
      expect((await leader.api.post('/leader/pickups/verify', { code: o.order.pickupCode })).status).toBe(200);

    const expected = (
      lines: Awaited<ReturnType<typeof commissionsOf>>,
      byCategory: Record<string, number>,
      dealBps?: number,
    ) =>
      lines.map((l) => {
        const bps = l.category === 'meat_eggs' && dealBps !== undefined ? dealBps : (byCategory[l.category] ?? 300);
        return Math.floor(((l.paid_fen - l.refunded_fen) * bps) / 10_000);
      });
    const first = await commissionsOf(before.order.id);
    expect(first).toHaveLength(3);
    expect(first.map((l) => l.amount_fen)).toEqual(expected(first, rates));
    // not what the flat rate would have paid: the category rate was used
    const flat = (await world.admin.get('/admin/leaders')).body.find(
      (l: any) => l.id === leader.leaderId,
    ).commissionBps;
    expect(first.map((l) => l.amount_fen)).not.toEqual(first.map((l) => Math.floor((l.paid_fen * flat) / 10_000)));
    const second = await commissionsOf(after.order.id);
    expect(second.map((l) => l.amount_fen)).toEqual(expected(second, { fresh: 1500, dairy: 800 }, 2000));

    // the home's estimate of today's orders is at the same rates, line by line
    const home = (await leader.api.get('/leader/home')).body;
    expect(home.estimatedCommissionFen).toBe([...first, ...second].reduce((t, l) => t + l.amount_fen, 0));

    // a later change leaves what was booked alone
    const booked = await rows(
      server.ctx.db,
      sql`select id, amount_fen from ledger_entries where kind = 'commission' order by id`,
    );
    await world.admin.put(`/admin/commission-plans/${plan.id}`, { name: '标准', defaultBps: 0, categoryBps: {} });
    await world.admin.put(`/admin/leaders/${leader.leaderId}/commission-plan`, { planId: null });
    expect(
      await rows(server.ctx.db, sql`select id, amount_fen from ledger_entries where kind = 'commission' order by id`),
    ).toEqual(booked);
    const mine = (await leader.api.get('/leader/commission-plan')).body;
    expect(mine.planId).toBeNull();
    expect(mine.categories.every((c: any) => c.bps === flat)).toBe(true);
  });

  it('a leader without a plan keeps the flat rate', async () => {
    const campaign = await newCampaign(world);
    const o = await buy(server, world, campaign, 2, { apple: 2, milk: 1 });
    await cutOffAndDeliver(world, campaign.id);
    await arriveInFull(world, campaign.id, 2);
    expect((await world.leaders[2].api.post('/leader/pickups/verify', { code: o.order.pickupCode })).status).toBe(200);
    const flat = (await world.admin.get('/admin/leaders')).body.find(
      (l: any) => l.id === world.leaders[2].leaderId,
    ).commissionBps;
    const lines = await commissionsOf(o.order.id);
    expect(lines.map((l) => l.amount_fen)).toEqual(lines.map((l) => Math.floor((l.paid_fen * flat) / 10_000)));
  });
});

describe('training', () => {
  it('a course with a quiz: leaders take it, the console sees who passed with score and date', async () => {
    const course = {
      title: '自提点服务规范',
      body: '核销前核对取货码；生鲜当天提。',
      questions: [
        { text: '核销前要做什么？', options: ['核对取货码', '直接给货'], answer: 0 },
        { text: '生鲜何时提？', options: ['一周内', '当天', '随时'], answer: 1 },
      ],
      passPercent: 100,
    };
    const bad = await world.admin.post('/admin/training/courses', {
      ...course,
      questions: [{ text: '?', options: ['a', 'b'], answer: 3 }],
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const made = await world.admin.post('/admin/training/courses', course);
    expect(made.status).toBe(201);
    const leader = world.leaders[1];
    const listed = (await leader.api.get('/leader/training/courses')).body.find((c: any) => c.id === made.body.id);
    expect(listed.questions[0]).toEqual({ text: '核销前要做什么？', options: ['核对取货码', '直接给货'] });
    expect((await leader.api.post(`/leader/training/courses/${made.body.id}/attempts`, { answers: [0] })).status).toBe(
      400,
    );
    const fail = await leader.api.post(`/leader/training/courses/${made.body.id}/attempts`, { answers: [0, 2] });
    expect(fail.body).toMatchObject({ correct: 1, total: 2, score: 50, passed: false });
    expect((await leader.api.get('/leader/onboarding')).body.items[2].done).toBe(false);
    const pass = await leader.api.post(`/leader/training/courses/${made.body.id}/attempts`, { answers: [0, 1] });
    expect(pass.body).toMatchObject({ score: 100, passed: true });
    expect((await leader.api.get('/leader/onboarding')).body.items[2]).toMatchObject({ done: true });

    const results = (await world.admin.get(`/admin/training/results?courseId=${made.body.id}`)).body;
    expect(results).toEqual([
      expect.objectContaining({
        leaderId: leader.leaderId,
        attempts: 2,
        bestScore: 100,
        passed: true,
        passedAt: expect.any(String),
      }),
    ]);
    const courses = (await world.admin.get('/admin/training/courses')).body.find((c: any) => c.id === made.body.id);
    expect([courses.passedLeaders, courses.attemptedLeaders]).toEqual([1, 1]);
    const xlsx = await server.app.inject({
      method: 'GET',
      url: '/api/v1/admin/training/results.xlsx',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
