import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { adminApi, createWorld, newCustomer, type World } from './fixtures.js';
import { Api, nextPhone } from './client.js';
import { one } from '../src/db/client.js';
import { bindingAtRegistration } from '../src/modules/accounts/service.js';

/**
 * Customers stay with the leader who brought them: registering from a leader's link (or a
 * customer's invitation) binds the point at once, and what brought the customer is recorded
 * once and counted in the leader's reports.
 */
describe('binding a customer to the leader whose link brought them', () => {
  let server: TestServer;
  let world: World;
  const register = (body: Record<string, unknown>) =>
    new Api(server.app).post('/auth/register', {
      phone: nextPhone(),
      password: 'customer-123',
      name: '新顾客',
      ...body,
    });
  const bound = (userId: string) =>
    one<{
      pickup_point_id: string | null;
      bound_point_id: string | null;
      bound_leader_id: string | null;
      bound_via: string | null;
      bound_at: string | null;
    }>(
      server.ctx.db,
      sql`select pickup_point_id, bound_point_id, bound_leader_id, bound_via, bound_at from users where id = ${userId}`,
    );
  /** An independent count: the customers a leader's link brought, straight from the table. */
  const linkedCount = async (leaderUserId: string) =>
    (await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from users where bound_leader_id = ${leaderUserId} and bound_via = 'link'`,
    ))!.n;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterAll(async () => server?.close());

  it("binds the point of the leader's link at registration, with the leader and the time", async () => {
    const leader = world.leaders[1];
    const before = await linkedCount(leader.userId);
    const res = await register({ pickupPointId: leader.pickupPointId });
    expect(res.status).toBe(201);
    const me = await new Api(server.app, res.body.token).get('/me');
    expect(me.body.pickupPointId).toBe(leader.pickupPointId);
    const row = await bound(res.body.user.id);
    expect(row).toMatchObject({
      pickup_point_id: leader.pickupPointId,
      bound_point_id: leader.pickupPointId,
      bound_leader_id: leader.userId,
      bound_via: 'link',
    });
    expect(row!.bound_at).not.toBeNull();
    expect(await linkedCount(leader.userId)).toBe(before + 1);

    // the leader app and the console both count the customer
    const profile = await leader.api.get('/leader/me');
    expect(profile.status).toBe(200);
    expect(profile.body.linkedCustomers).toBe(before + 1);
    const leaders = await (await adminApi(server)).get('/admin/leaders');
    for (const l of world.leaders) {
      const listed = leaders.body.find((x: { userId: string }) => x.userId === l.userId);
      expect(listed.linkedCustomers).toBe(await linkedCount(l.userId));
    }
  });

  it("binds an invited customer to the inviter's point, and the link wins over the invitation", async () => {
    const inviter = await newCustomer(server, world.pickupPointIds[2], '邀请人');
    const code = (await inviter.api.get('/me')).body.inviteCode;
    const invited = await register({ inviteCode: code });
    expect(invited.status).toBe(201);
    expect(await bound(invited.body.user.id)).toMatchObject({
      pickup_point_id: world.pickupPointIds[2],
      bound_via: 'invite',
      bound_leader_id: world.leaders[2].userId,
    });
    const both = await register({ inviteCode: code, pickupPointId: world.pickupPointIds[0] });
    expect(await bound(both.body.user.id)).toMatchObject({
      pickup_point_id: world.pickupPointIds[0],
      bound_via: 'link',
    });

    // an inviter without a point binds nobody: the new customer chooses
    const pointless = await newCustomer(server, undefined, '没选自提点');
    const free = await register({ inviteCode: (await pointless.api.get('/me')).body.inviteCode });
    expect(await bound(free.body.user.id)).toMatchObject({ pickup_point_id: null, bound_via: null, bound_at: null });
  });

  it('records the first binding only: a later change of point moves the pickup point, not the record', async () => {
    const res = await register({});
    const api = new Api(server.app, res.body.token);
    expect((await bound(res.body.user.id))!.bound_via).toBeNull();
    expect((await api.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[1], via: 'link' })).status).toBe(
      200,
    );
    const first = await bound(res.body.user.id);
    expect(first).toMatchObject({ bound_via: 'link', bound_leader_id: world.leaders[1].userId });
    expect((await api.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[0] })).status).toBe(200);
    const later = await bound(res.body.user.id);
    expect(later).toMatchObject({
      pickup_point_id: world.pickupPointIds[0],
      bound_point_id: world.pickupPointIds[1],
      bound_leader_id: world.leaders[1].userId,
      bound_via: 'link',
      bound_at: first!.bound_at,
    });

    // the chooser is the default way
    const chooser = await register({});
    await new Api(server.app, chooser.body.token).put('/me/pickup-point', { pickupPointId: world.pickupPointIds[2] });
    expect((await bound(chooser.body.user.id))!.bound_via).toBe('chooser');
  });

  it('refuses an unknown point or way with a 4xx and creates nothing', async () => {
    const phone = nextPhone();
    const unknown = await new Api(server.app).post('/auth/register', {
      phone,
      password: 'customer-123',
      name: '新顾客',
      pickupPointId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    expect(await one(server.ctx.db, sql`select 1 as ok from users where phone = ${phone}`)).toBeUndefined();
    const notId = await register({ pickupPointId: 'not-an-id' });
    expect(notId.status).toBe(400);
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const way = await c.api.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[1], via: 'poster' });
    expect(way.status).toBe(400);
    expect((await c.api.get('/me')).body.pickupPointId).toBe(world.pickupPointIds[0]);
  });
});

describe('bindingAtRegistration', () => {
  it("prefers the leader's link, then the inviter's point, else none", () => {
    expect(bindingAtRegistration('p1', 'p2')).toEqual({ pointId: 'p1', via: 'link' });
    expect(bindingAtRegistration(undefined, 'p2')).toEqual({ pointId: 'p2', via: 'invite' });
    expect(bindingAtRegistration(undefined, null)).toBeNull();
  });
});
