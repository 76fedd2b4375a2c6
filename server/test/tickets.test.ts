import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, one, rows } from '../src/db/client.js';
import { escalateBreaches } from '../src/modules/tickets/service.js';
import { startTestServer, type TestServer } from './harness.js';
import { adminApi, createWorld, newCustomer, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign, P } from './leader-flow.js';
import { Api, nextPhone } from './client.js';

/**
 * The service desk (decision 059): tickets opened by customers, leaders and after-sales claims,
 * worked by agents against the SLA clocks, escalated when a clock breaks, rated at close; and the
 * desk's reports, each figure against a plain recomputation from the rows.
 */

let server: TestServer;
let world: World;
let admin: Api;
let agent: Api;
let agentId: string;
let supervisor: Api;
let picked: Awaited<ReturnType<typeof buy>>; // apples and greens, picked up at point 0

async function staff(role: string, name: string) {
  const phone = nextPhone();
  const made = await admin.post('/admin/users', { phone, password: 'service-pass-123', name, roles: [role] });
  expect(made.status).toBe(201);
  const login = await new Api(server.app).post('/auth/login', { phone, password: 'service-pass-123' });
  return { api: new Api(server.app, login.body.token), id: made.body.id as string };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  admin = await adminApi(server);
  ({ api: agent, id: agentId } = await staff('service_agent', '客服小周'));
  ({ api: supervisor } = await staff('service_supervisor', '客服主管'));
  const campaign = await newCampaign(world);
  picked = await buy(server, world, campaign, 0, { apple: 2, greens: 1 });
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  expect((await world.leaders[0].api.post('/leader/pickups/verify', { code: picked.order.pickupCode })).status).toBe(
    200,
  );
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function photo(api: Api, color: string) {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: color } })
    .png()
    .toBuffer();
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/me/ticket-photos',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'image/png' },
    payload: bytes,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

const getFile = (api: Api, url: string) =>
  server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${api.token}` } });
const countOf = async (table: string) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;
const outboxFor = (ticketId: string) =>
  rows<{ payload: { action: string; userId: string } }>(
    server.ctx.db,
    sql`select payload from outbox where topic = 'notify.customer' and payload->>'ticketId' = ${ticketId} order by id`,
  );

describe('tickets', () => {
  it('runs a ticket from the shop to a rated close, every step on the timeline and the customer told', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0], '赵敏');
    const pic = await photo(c.api, '#e63946');
    const opened = await c.api.post('/tickets', { category: 'presale', text: '苹果是哪里产的？', photoIds: [pic.id] });
    expect(opened.status).toBe(201);
    const t = opened.body;
    expect(t).toMatchObject({ status: 'open', team: 'presale', number: expect.stringMatching(/^GD\d{8}\d{6}$/) });
    // 5 minutes, 1 hour and 24 hours of service time after opening
    const created = new Date(t.createdAt).getTime();
    expect(new Date(t.clocks.firstResponse.dueAt).getTime()).toBeGreaterThanOrEqual(created + 5 * 60_000);
    expect(new Date(t.clocks.close.dueAt).getTime()).toBeGreaterThanOrEqual(created + 24 * 3_600_000);
    const shot = t.events[0].photos[0];
    expect((await getFile(c.api, shot.thumbUrl)).statusCode).toBe(200);
    expect((await getFile(agent, shot.url)).statusCode).toBe(200);
    expect((await getFile((await newCustomer(server)).api, shot.url)).statusCode).toBe(404);

    const queue = (await agent.get('/admin/tickets?status=active&team=presale')).body;
    expect(queue.map((q: any) => q.id)).toContain(t.id);
    expect(JSON.stringify(queue)).not.toContain(c.phone);

    const replied = await agent.post(`/admin/tickets/${t.id}/messages`, {
      kind: 'reply',
      text: '您好，是烟台的红富士。',
    });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ status: 'in_progress', assigneeId: agentId });
    expect(replied.body.clocks.firstResponse.metAt).not.toBeNull();
    await agent.post(`/admin/tickets/${t.id}/messages`, { kind: 'note', text: '客户关心产地' });
    const asked = await agent.post(`/admin/tickets/${t.id}/messages`, { kind: 'ask', text: '您需要几斤？' });
    expect(asked.body.status).toBe('waiting_customer');
    expect((await c.api.post(`/tickets/${t.id}/messages`, { text: '两斤' })).status).toBe(200);
    expect((await c.api.get(`/tickets/${t.id}`)).body.status).toBe('in_progress');
    await agent.post(`/admin/tickets/${t.id}/messages`, { kind: 'plan', text: '明天的团购里有，已为您留意' });
    const resolved = await agent.post(`/admin/tickets/${t.id}/resolve`, { text: '已解答' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    expect(resolved.body.clocks.plan.metAt).not.toBeNull();

    // the customer's view leaves the internal note out and names no agent
    const mine = (await c.api.get(`/tickets/${t.id}`)).body;
    expect(mine.events.map((e: any) => e.kind)).toEqual(['opened', 'reply', 'ask', 'message', 'plan', 'resolved']);
    expect(mine.events.every((e: any) => e.actorName === null)).toBe(true);
    expect((await outboxFor(t.id)).map((m) => m.payload.action)).toEqual(['reply', 'ask', 'plan', 'resolved']);

    // rated once, even when two ratings arrive together
    const [a, b] = await Promise.all([
      c.api.post(`/tickets/${t.id}/rate`, { rating: 5, comment: '回复很快' }),
      c.api.post(`/tickets/${t.id}/rate`, { rating: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const closed = (await agent.get(`/admin/tickets/${t.id}`)).body;
    expect(closed.status).toBe('closed');
    expect([1, 5]).toContain(closed.rating);
    expect(closed.events.filter((e: any) => e.kind === 'rated')).toHaveLength(1);
    expect(closed.events.map((e: any) => e.kind)).toContain('note');

    // reopened by the customer, back to the agents
    expect((await c.api.post(`/tickets/${t.id}/reopen`, { text: '还是想问一下' })).status).toBe(200);
    expect((await agent.get(`/admin/tickets/${t.id}`)).body).toMatchObject({ status: 'in_progress', rating: null });
    expect((await c.api.get('/me/tickets')).body.map((x: any) => x.id)).toEqual([t.id]);
  });

  it('refuses bad input and other people’s tickets with nothing written', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0], '钱多多');
    const other = await newCustomer(server, world.pickupPointIds[0], '孙悟');
    const theirs = await photo(other.api, '#457b9d');
    const before = await countOf('tickets');
    for (const [body, code] of [
      [{ category: 'nonsense', text: '你好' }, 'VALIDATION_FAILED'],
      [{ category: 'quality', text: '   ' }, 'VALIDATION_FAILED'],
      [{ category: 'quality', text: '坏了', orderId: picked.order.id }, 'VALIDATION_FAILED'],
      [{ category: 'quality', text: '坏了', photoIds: [theirs.id] }, 'VALIDATION_FAILED'],
      [{ category: 'quality', text: 'x'.repeat(2001) }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await c.api.post('/tickets', body);
      expect([res.status, res.body.error.code]).toEqual([400, code]);
    }
    expect(await countOf('tickets')).toBe(before);
    const t = (await other.api.post('/tickets', { category: 'other', text: '问一下' })).body;
    expect((await c.api.get(`/tickets/${t.id}`)).status).toBe(404);
    expect((await c.api.post(`/tickets/${t.id}/messages`, { text: '插一句' })).status).toBe(404);
    expect((await other.api.post(`/tickets/${t.id}/rate`, { rating: 5 })).status).toBe(409);
    const wrongAssignee = await agent.post(`/admin/tickets/${t.id}/assign`, { assigneeId: c.userId });
    expect([wrongAssignee.status, wrongAssignee.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('opens a ticket from an after-sales claim and joins the next claim of the order to it', async () => {
    const apple = picked.order.lines.find((l: any) => l.productId === world.products[P.apple].id);
    const greens = picked.order.lines.find((l: any) => l.productId === world.products[P.greens].id);
    const first = await picked.api.post(`/orders/${picked.order.id}/refunds`, {
      lines: [{ lineId: apple.id, quantity: 1 }],
      reason: 'description_mismatch',
      note: '和图片不一样',
    });
    expect(first.status).toBe(201);
    const [ticket] = (await picked.api.get('/me/tickets')).body;
    expect(ticket).toMatchObject({ category: 'description_mismatch', team: 'aftersales', orderId: picked.order.id });
    const second = await picked.api.post(`/orders/${picked.order.id}/refunds`, {
      lines: [{ lineId: greens.id, quantity: 1 }],
      reason: 'logistics_delay',
    });
    expect(second.status).toBe(201);
    expect((await picked.api.get('/me/tickets')).body).toHaveLength(1);
    expect((await supervisor.post(`/admin/refunds/${second.body.id}/approve`)).status).toBe(200);
    const seen = (await agent.get(`/admin/tickets/${ticket.id}`)).body;
    expect(seen.events.map((e: any) => e.kind)).toEqual(['opened', 'claim', 'claim', 'refund_approved']);
    // the desk reads the ticket's order and its refunds, as operators do
    expect((await agent.get(`/orders/${picked.order.id}`)).body.id).toBe(picked.order.id);
    expect((await agent.get(`/orders/${picked.order.id}/refunds`)).body).toHaveLength(2);
    expect(seen.events[3].details).toMatchObject({ refundId: second.body.id, amountFen: second.body.amountFen });
  });

  it('lets a leader open a ticket about a delivery problem', async () => {
    const leader = world.leaders[0].api;
    const res = await leader.post('/leader/tickets', { category: 'missing_goods', text: '少了两箱鸡蛋' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ team: 'logistics', category: 'missing_goods' });
    expect((await leader.post('/leader/tickets', { category: 'presale', text: '售前' })).status).toBe(400);
    expect((await leader.get('/leader/tickets')).body.map((t: any) => t.id)).toEqual([res.body.id]);
    const staffView = (await agent.get(`/admin/tickets/${res.body.id}`)).body;
    expect(staffView).toMatchObject({ openerRole: 'leader' });
  });

  it('escalates a breached clock once, with one alert per clock', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0], '周芷若');
    const t = (await c.api.post('/tickets', { category: 'complaint', text: '配送员态度不好' })).body;
    const later = new Date(new Date(t.clocks.plan.dueAt).getTime() + 60_000);
    const stamped = await escalateBreaches(server.ctx.db, later);
    expect(stamped).toBeGreaterThanOrEqual(2);
    expect(await escalateBreaches(server.ctx.db, later)).toBe(0);
    const seen = (await agent.get(`/admin/tickets/${t.id}`)).body;
    expect(seen.escalated).toBe(true);
    expect(seen.clocks.firstResponse.breached).toBe(true);
    expect(seen.clocks.plan.breached).toBe(true);
    expect(seen.clocks.close.breached).toBe(false);
    expect(
      seen.events
        .filter((e: any) => e.kind === 'breached')
        .map((e: any) => e.details.clock)
        .sort(),
    ).toEqual(['firstResponse', 'plan']);
    const alerts = await rows<{ business_key: string; severity: string }>(
      server.ctx.db,
      sql`select business_key, severity from operator_alerts where subject_id = ${t.id} order by business_key`,
    );
    expect(alerts).toEqual([
      { business_key: `ticket-sla:${t.id}:firstResponse`, severity: 'warning' },
      { business_key: `ticket-sla:${t.id}:plan`, severity: 'warning' },
    ]);
    expect((await supervisor.get('/admin/tickets?escalated=true')).body.map((x: any) => x.id)).toContain(t.id);
    // answered late: the first response stays breached, the escalation stays
    await agent.post(`/admin/tickets/${t.id}/messages`, { kind: 'reply', text: '非常抱歉，我们马上核实' });
    expect((await agent.get(`/admin/tickets/${t.id}`)).body.clocks.firstResponse.breached).toBe(true);
  });

  it('keeps the canned replies a supervisor edits', async () => {
    const made = await supervisor.post('/admin/canned-replies', {
      team: 'aftersales',
      title: '致歉',
      body: '非常抱歉给您带来不便',
    });
    expect(made.status).toBe(201);
    expect(
      (await supervisor.post('/admin/canned-replies', { team: 'aftersales', title: '致歉', body: '又一条' })).status,
    ).toBe(409);
    expect((await agent.post('/admin/canned-replies', { team: null, title: '问候', body: '您好' })).status).toBe(403);
    expect(
      (await supervisor.put(`/admin/canned-replies/${made.body.id}`, { team: null, title: '致歉', body: '抱歉' }))
        .status,
    ).toBe(200);
    expect((await agent.get('/admin/canned-replies?team=presale')).body).toMatchObject([
      { title: '致歉', body: '抱歉' },
    ]);
    expect((await supervisor.request('DELETE', `/admin/canned-replies/${made.body.id}`)).status).toBe(200);
    expect((await agent.get('/admin/canned-replies')).body).toEqual([]);
  });
});

describe('service reports', () => {
  it('reports response and resolution times, SLA shares and satisfaction as a plain recomputation does', async () => {
    const { api: agent2, id: agent2Id } = await staff('service_agent', '客服小吴');
    // tickets with known times: opened an hour back, answered and resolved after chosen minutes
    const plan: { team: string; first: number | null; resolve: number | null; by: Api; rating?: number }[] = [
      { team: 'presale', first: 3, resolve: 30, by: agent, rating: 5 },
      { team: 'presale', first: 12, resolve: 50, by: agent2, rating: 3 },
      { team: 'presale', first: 4, resolve: null, by: agent },
      { team: 'presale', first: null, resolve: null, by: agent },
    ];
    const c = await newCustomer(server, world.pickupPointIds[1], '报表顾客');
    const made: string[] = [];
    for (const p of plan) {
      const t = (await c.api.post('/tickets', { category: 'other', text: `report ${made.length}` })).body;
      made.push(t.id);
      if (p.first !== null) await p.by.post(`/admin/tickets/${t.id}/messages`, { kind: 'reply', text: '您好' });
      if (p.resolve !== null) await p.by.post(`/admin/tickets/${t.id}/resolve`, { text: '已处理' });
      if (p.rating) await c.api.post(`/tickets/${t.id}/rate`, { rating: p.rating });
      // the clock times the plan names, due 5 and 1440 minutes after opening
      await exec(
        server.ctx.db,
        sql`update tickets set created_at = now() - interval '2 hours',
          first_response_due_at = now() - interval '2 hours' + interval '5 minutes',
          close_due_at = now() - interval '2 hours' + interval '40 minutes',
          first_response_at = case when first_response_at is null then null else now() - interval '2 hours' + make_interval(mins => ${p.first ?? 0}) end,
          resolved_at = case when resolved_at is null then null else now() - interval '2 hours' + make_interval(mins => ${p.resolve ?? 0}) end
        where id = ${t.id}`,
      );
    }
    // every ticket of the window, recomputed plainly from the rows
    const all = await rows<{
      id: string;
      team: string;
      status: string;
      first_responder_id: string | null;
      resolver_id: string | null;
      created_at: Date | string;
      first_response_at: Date | string | null;
      first_response_due_at: Date | string;
      resolved_at: Date | string | null;
      close_due_at: Date | string;
      rating: number | null;
    }>(server.ctx.db, sql`select * from tickets where created_at > now() - interval '30 days'`);
    const ms = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      if (!s.length) return null;
      const m = (s.length - 1) / 2;
      return (s[Math.floor(m)] + s[Math.ceil(m)]) / 2;
    };
    const now = Date.now();
    const presale = all.filter((t) => t.team === 'presale');
    const firsts = presale
      .filter((t) => t.first_response_at)
      .map((t) => (ms(t.first_response_at)! - ms(t.created_at)!) / 60_000);
    const decided = presale.filter((t) => t.first_response_at || ms(t.first_response_due_at)! <= now);
    const withinFirst = decided.filter(
      (t) => t.first_response_at && ms(t.first_response_at)! <= ms(t.first_response_due_at)!,
    );
    const resolveDecided = presale.filter((t) => t.resolved_at || ms(t.close_due_at)! <= now);
    const withinClose = resolveDecided.filter((t) => t.resolved_at && ms(t.resolved_at)! <= ms(t.close_due_at)!);
    const ratings = presale.filter((t) => t.rating !== null).map((t) => t.rating!);

    const byTeam = (await supervisor.get('/admin/service/report?days=30&by=team')).body;
    const row = byTeam.rows.find((r: any) => r.key === 'presale');
    expect(row.tickets).toBe(presale.length);
    expect(row.open).toBe(presale.filter((t) => !['resolved', 'closed'].includes(t.status)).length);
    expect(row.firstResponse.medianMinutes).toBeCloseTo(median(firsts)!, 1);
    expect(row.firstResponse.withinSla).toBeCloseTo(withinFirst.length / decided.length, 6);
    expect(row.resolution.withinSla).toBeCloseTo(withinClose.length / resolveDecided.length, 6);
    expect(row.averageRating).toBeCloseTo(
      Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10,
      6,
    );

    const byAgent = (await supervisor.get('/admin/service/report?days=30&by=agent')).body.rows;
    const second = byAgent.find((r: any) => r.key === agent2Id);
    expect(second).toMatchObject({ name: '客服小吴', rated: 1, averageRating: 3 });
    expect(second.firstResponse).toMatchObject({ count: 1, medianMinutes: 12, withinSla: 0 });
    expect(second.resolution).toMatchObject({ count: 1, medianMinutes: 50, withinSla: 0 });
    const volume = (await supervisor.get('/admin/service/report?days=30')).body.categories;
    for (const v of volume) expect(v.tickets).toBe(all.filter((t: any) => t.category === v.category).length);
    expect((await agent.get('/admin/service/report')).status).toBe(403);
    const xlsx = await getFile(supervisor, '/api/v1/admin/service/report.xlsx?by=agent');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('breaks the after-sales claims down by reason per product and supplier', async () => {
    const claims = await rows<{
      product_id: string;
      supplier_id: string | null;
      reason: string;
      refund_id: string;
      quantity: number;
    }>(
      server.ctx.db,
      sql`select ol.product_id, p.supplier_id, r.reason, r.id as refund_id, rl.quantity
        from refunds r join refund_lines rl on rl.refund_id = r.id join order_lines ol on ol.id = rl.order_line_id
        join products p on p.id = ol.product_id where r.kind = 'aftersales' and r.reason <> 'recall'`,
    );
    expect(claims.length).toBeGreaterThan(0);
    const report = (await supervisor.get('/admin/service/return-reasons?days=30&by=product')).body;
    for (const product of new Set(claims.map((c) => c.product_id))) {
      const mine = claims.filter((c) => c.product_id === product);
      const row = report.find((r: any) => r.key === product);
      expect(row.claims).toBe(new Set(mine.map((m) => m.refund_id)).size);
      expect(row.units).toBe(mine.reduce((s, m) => s + m.quantity, 0));
      for (const reason of ['description_mismatch', 'logistics_delay'])
        expect(row.byReason[reason]).toBe(
          new Set(mine.filter((m) => m.reason === reason).map((m) => m.refund_id)).size,
        );
    }
    const bySupplier = (await supervisor.get('/admin/service/return-reasons?by=supplier')).body;
    expect(bySupplier.reduce((s: number, r: any) => s + r.units, 0)).toBe(claims.reduce((s, c) => s + c.quantity, 0));
    expect((await getFile(supervisor, '/api/v1/admin/service/return-reasons.xlsx')).statusCode).toBe(200);
  });
});
