import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';

let server: TestServer;
let api: Api;
beforeAll(async () => {
  server = await startTestServer();
  api = new Api(server.app);
});
afterAll(() => server.close());

describe('accounts', () => {
  it('answers health', async () => {
    const res = await api.get('/api/health');
    expect(res).toEqual({ status: 200, body: { ok: true } });
  });

  it('registers, logs in, shows /me and revokes the token at logout', async () => {
    const phone = nextPhone();
    const reg = await api.post('/auth/register', { phone, password: 'secret-123', name: '王阿姨' });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ phone, name: '王阿姨', roles: ['customer'] });
    const me = await api.as(reg.body.token).get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ phone, pickupPointId: null, membership: null, pointsBalance: 0 });
    expect(me.body.inviteCode).toMatch(/^[A-Z0-9]{8}$/);

    const login = await api.post('/auth/login', { phone, password: 'secret-123' });
    expect(login.status).toBe(200);
    const out = await api.as(login.body.token).post('/auth/logout');
    expect(out.status).toBe(200);
    expect((await api.as(login.body.token).get('/me')).status).toBe(401);
    expect((await api.as(reg.body.token).get('/me')).status).toBe(200);
  });

  it('signs in many first requests at once, each as its own user, and refuses a revoked token among them', async () => {
    const users = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const phone = nextPhone();
        const reg = await api.post('/auth/register', { phone, password: 'secret-123', name: `顾客${i}` });
        return { phone, token: reg.body.token as string };
      }),
    );
    const revoked = users.pop()!;
    expect((await api.as(revoked.token).post('/auth/logout')).status).toBe(200);
    // fresh processes' caches are empty: a new app on the same database looks every token up
    const { buildApp } = await import('../src/app.js');
    const { createContext } = await import('../src/context.js');
    const other = await buildApp(createContext(server.ctx.database, server.ctx.config));
    await other.ready();
    try {
      const me = (token: string) =>
        other.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      const answers = await Promise.all([...users, revoked, ...users].map((u) => me(u.token)));
      expect(answers.map((r) => r.statusCode)).toEqual([...users.map(() => 200), 401, ...users.map(() => 200)]);
      expect(answers.filter((r) => r.statusCode === 200).map((r) => r.json().phone)).toEqual(
        [...users, ...users].map((u) => u.phone),
      );
    } finally {
      await other.close();
    }
  });

  it('refuses a duplicate phone, bad input and wrong passwords', async () => {
    const phone = nextPhone();
    expect((await api.post('/auth/register', { phone, password: 'secret-123', name: 'A' })).status).toBe(201);
    const dup = await api.post('/auth/register', { phone, password: 'secret-123', name: 'B' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');
    const bad = await api.post('/auth/register', { phone: '23800000000', password: 'short', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const wrong = await api.post('/auth/login', { phone, password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('makes repeated login failures wait, with Retry-After', async () => {
    const phone = nextPhone();
    await api.post('/auth/register', { phone, password: 'secret-123', name: 'A' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.post('/auth/login', { phone, password: 'nope-nope' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { phone, password: 'secret-123' },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('keeps admin routes for admins', async () => {
    const reg = await api.post('/auth/register', { phone: nextPhone(), password: 'secret-123', name: 'C' });
    const res = await api.as(reg.body.token).post('/admin/suppliers', { name: 'X' });
    expect(res.status).toBe(403);
    expect((await api.post('/admin/suppliers', { name: 'X' })).status).toBe(401);
    const admin = await api.post('/auth/login', ADMIN);
    expect((await api.as(admin.body.token).post('/admin/suppliers', { name: 'X' })).status).toBe(201);
  });

  it('serves the OpenAPI document', async () => {
    const res = await api.get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/auth/register']).toBeDefined();
  });
});
