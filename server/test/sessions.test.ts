import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { exec, one } from '../src/db/client.js';
import { ensureAdmin, grantRole } from '../src/modules/accounts/service.js';
import { sha256 } from '../src/lib/ids.js';
import { Authenticator } from '../src/lib/auth.js';
import { request as httpRequest } from 'node:http';
import { startServerProcess } from './workers.js';
import { onPostgres, startServerProcesses, type ServerProcess } from './workers.js';

let server: TestServer;
let api: Api;
let admin: Api;
beforeAll(async () => {
  server = await startTestServer();
  api = new Api(server.app);
  admin = api.as((await api.post('/auth/login', ADMIN)).body.token);
});
afterAll(() => server.close());

const PASSWORD = 'secret-123';
async function register(roles: string[] = []) {
  const phone = nextPhone();
  const reg = await api.post('/auth/register', { phone, password: PASSWORD, name: '李师傅' });
  expect(reg.status).toBe(201);
  for (const role of roles) await grantRole(server.ctx.db, reg.body.user.id, role as 'warehouse');
  return { phone, userId: reg.body.user.id as string, token: reg.body.token as string };
}
const signIn = async (phone: string, password = PASSWORD) =>
  (await api.post('/auth/login', { phone, password })).body.token as string;
/** Ages a session as if it was created and last used that long ago (the database's clock decides expiry). */
const age = (token: string, created: string, lastUsed: string) =>
  exec(
    server.ctx.db,
    sql`
  update sessions set created_at = now() - ${created}::interval, last_used_at = now() - ${lastUsed}::interval where token_hash = ${sha256(token)}`,
  );
const lastUsedAgo = async (token: string) =>
  (await one<{ s: number }>(
    server.ctx.db,
    sql`
  select extract(epoch from now() - last_used_at)::float8 as s from sessions where token_hash = ${sha256(token)}`,
  ))!.s;
const until = async (check: () => Promise<boolean>, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return true;
  return check();
};
const answer = (res: { status: number; body: any }) => [res.status, res.body?.error?.code ?? 'ok'];

describe('sessions that end', () => {
  it('a customer session ends after 30 idle days or 90 days in all, each use renews it', async () => {
    const { phone } = await register();
    const idle = await signIn(phone);
    await age(idle, '40 days', '30 days 1 minute');
    expect(answer(await api.as(idle).get('/me'))).toEqual([401, 'SESSION_EXPIRED']);

    const old = await signIn(phone);
    await age(old, '90 days 1 minute', '1 hour');
    expect(answer(await api.as(old).get('/me'))).toEqual([401, 'SESSION_EXPIRED']);

    const used = await signIn(phone);
    await age(used, '89 days', '29 days 23 hours');
    expect(answer(await api.as(used).get('/me'))).toEqual([200, 'ok']);
    // the renewal is written off the request's path, within a couple of seconds
    expect(await until(async () => (await lastUsedAgo(used)) < 10, 3000)).toBe(true);
  });

  it('renews at most once a minute, not on every request', async () => {
    const { phone } = await register();
    const token = await signIn(phone);
    await age(token, '1 hour', '30 seconds');
    for (let i = 0; i < 3; i++) expect((await api.as(token).get('/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await lastUsedAgo(token)).toBeGreaterThanOrEqual(30);
  });

  it('console roles end after 12 idle hours or 7 days in all', async () => {
    const clerk = await register(['warehouse']);
    const fresh = await signIn(clerk.phone);
    await age(fresh, '6 days 23 hours', '11 hours 59 minutes');
    expect(answer(await api.as(fresh).get('/me'))).toEqual([200, 'ok']);
    const idle = await signIn(clerk.phone);
    await age(idle, '13 hours', '12 hours 1 minute');
    expect(answer(await api.as(idle).get('/me'))).toEqual([401, 'SESSION_EXPIRED']);
    const old = await signIn(clerk.phone);
    await age(old, '7 days 1 minute', '1 minute');
    expect(answer(await api.as(old).get('/admin/campaigns'))).toEqual([401, 'SESSION_EXPIRED']);

    const adminToken = await signIn(ADMIN.phone, ADMIN.password);
    await age(adminToken, '1 day', '12 hours 1 minute');
    expect(answer(await api.as(adminToken).get('/admin/users'))).toEqual([401, 'SESSION_EXPIRED']);
    // the same idle time is nothing for a customer
    const { phone } = await register();
    const customer = await signIn(phone);
    await age(customer, '1 day', '12 hours 1 minute');
    expect(answer(await api.as(customer).get('/me'))).toEqual([200, 'ok']);
  });

  it('an expired token is refused with SESSION_EXPIRED, an unknown or signed-out one with UNAUTHENTICATED', async () => {
    const { token } = await register();
    expect(answer(await api.as('no-such-token').get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
    expect((await api.as(token).post('/auth/logout')).status).toBe(200);
    expect(answer(await api.as(token).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('signs out everywhere', async () => {
    const user = await register();
    const other = await signIn(user.phone);
    const outsider = await register();
    expect((await api.as(other).get('/me')).status).toBe(200);
    expect(answer(await api.as(user.token).post('/auth/logout-all'))).toEqual([200, 'ok']);
    expect(answer(await api.as(user.token).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer(await api.as(other).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer(await api.as(outsider.token).get('/me'))).toEqual([200, 'ok']);
    expect(answer(await api.post('/auth/logout-all'))).toEqual([401, 'UNAUTHENTICATED']);
    // signing in again works
    expect((await api.as(await signIn(user.phone)).get('/me')).status).toBe(200);
  });

  it('changes the password with the current one and ends every other session', async () => {
    const user = await register();
    const other = await signIn(user.phone);
    expect((await api.as(other).get('/me')).status).toBe(200);
    const wrong = await api
      .as(user.token)
      .post('/auth/password', { oldPassword: 'not-it-123', newPassword: 'brand-new-456' });
    expect(answer(wrong)).toEqual([400, 'VALIDATION_FAILED']);
    const short = await api.as(user.token).post('/auth/password', { oldPassword: PASSWORD, newPassword: 'short' });
    expect(answer(short)).toEqual([400, 'VALIDATION_FAILED']);
    expect((await api.as(other).get('/me')).status).toBe(200); // nothing changed
    expect(answer(await api.post('/auth/password', { oldPassword: PASSWORD, newPassword: 'brand-new-456' }))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);

    const changed = await api
      .as(user.token)
      .post('/auth/password', { oldPassword: PASSWORD, newPassword: 'brand-new-456' });
    expect(answer(changed)).toEqual([200, 'ok']);
    expect(answer(await api.as(user.token).get('/me'))).toEqual([200, 'ok']);
    expect(answer(await api.as(other).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer(await api.post('/auth/login', { phone: user.phone, password: PASSWORD }))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect(answer(await api.post('/auth/login', { phone: user.phone, password: 'brand-new-456' }))).toEqual([
      200,
      'ok',
    ]);
  });

  it('an admin disables and enables a user: every session ends at once and signing in is refused meanwhile', async () => {
    const clerk = await register(['warehouse']);
    const second = await signIn(clerk.phone);
    expect((await api.as(clerk.token).get('/me')).status).toBe(200);
    expect(answer(await api.as(clerk.token).post(`/admin/users/${clerk.userId}/disable`))).toEqual([403, 'FORBIDDEN']);
    expect(answer(await api.post(`/admin/users/${clerk.userId}/disable`))).toEqual([401, 'UNAUTHENTICATED']);

    const disabled = await admin.post(`/admin/users/${clerk.userId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: clerk.userId, phone: clerk.phone, disabled: true });
    expect(answer(await api.as(clerk.token).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer(await api.as(second).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer(await api.post('/auth/login', { phone: clerk.phone, password: PASSWORD }))).toEqual([
      403,
      'ACCOUNT_DISABLED',
    ]);
    // a wrong password learns nothing about the account
    expect(answer(await api.post('/auth/login', { phone: clerk.phone, password: 'guess-1234' }))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const listed = await admin.get(`/admin/users?q=${clerk.phone}`);
    expect(listed.body.map((u: any) => [u.id, u.disabled])).toEqual([[clerk.userId, true]]);
    // disabling twice changes nothing
    expect((await admin.post(`/admin/users/${clerk.userId}/disable`)).body.disabled).toBe(true);

    const enabled = await admin.post(`/admin/users/${clerk.userId}/enable`);
    expect(enabled.body).toMatchObject({ id: clerk.userId, disabled: false });
    expect(answer(await api.as(clerk.token).get('/me'))).toEqual([401, 'UNAUTHENTICATED']); // old sessions stay ended
    const back = await signIn(clerk.phone);
    expect(answer(await api.as(back).get('/admin/campaigns'))).toEqual([200, 'ok']);
    expect((await admin.get(`/admin/users?q=${clerk.phone}`)).body[0].disabled).toBe(false);
  });

  it('refuses disabling yourself or an unknown user', async () => {
    const me = (await admin.get('/me')).body.id;
    expect(answer(await admin.post(`/admin/users/${me}/disable`))).toEqual([409, 'INVALID_STATE']);
    expect(answer(await admin.post('/admin/users/00000000-0000-4000-8000-000000000000/disable'))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(answer(await admin.post('/admin/users/not-an-id/enable'))).toEqual([400, 'VALIDATION_FAILED']);
    expect((await admin.get('/me')).status).toBe(200);
  });

  it('a changed admin password (LINLI_ADMIN_PASSWORD) ends the old admin sessions; an unchanged one keeps them', async () => {
    const phone = nextPhone();
    await ensureAdmin(server.ctx.db, phone, 'first-admin-pass');
    const token = await signIn(phone, 'first-admin-pass');
    expect((await api.as(token).get('/admin/users')).status).toBe(200);
    await ensureAdmin(server.ctx.db, phone, 'first-admin-pass'); // a restart with the same setting
    server.ctx.auth.forgetUser((await api.as(token).get('/me')).body.id);
    expect(answer(await api.as(token).get('/admin/users'))).toEqual([200, 'ok']);
    await ensureAdmin(server.ctx.db, phone, 'second-admin-pass');
    expect(await until(async () => (await api.as(token).get('/admin/users')).status === 401, 1000)).toBe(true);
    expect(answer(await api.post('/auth/login', { phone, password: 'first-admin-pass' }))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect(answer(await api.post('/auth/login', { phone, password: 'second-admin-pass' }))).toEqual([200, 'ok']);
  });
});

describe('a process that cannot hear revocations', () => {
  it('caches for under a second, so a revocation it did not hear still takes effect within one', async () => {
    const { token } = await register();
    // a listener that never comes up (its connection lost, say)
    const deaf = new Authenticator(server.ctx.db, { listen: () => ({ close: async () => {} }) });
    deaf.start();
    // a new request each time: a request keeps the user it was answered with
    const req = () => ({ headers: { authorization: `Bearer ${token}` } }) as never;
    try {
      expect((await deaf.require(req())).phone).toBeTruthy();
      await exec(server.ctx.db, sql`update sessions set revoked_at = now() where token_hash = ${sha256(token)}`);
      const from = Date.now();
      const refused = await until(async () => (await deaf.optional(req())) === null, 2000);
      expect(refused).toBe(true);
      expect(Date.now() - from).toBeLessThan(1000);
    } finally {
      await deaf.stop();
    }
  });
});

// Several processes on one database: PGlite lives inside one process, so this is PostgreSQL's alone.
describe.skipIf(!onPostgres)('revocation reaches every process within a second (PostgreSQL: server processes)', () => {
  let workers: ServerProcess[];
  beforeAll(async () => {
    workers = await startServerProcesses(server.databaseUrl!, 2);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers?.map((w) => w.stop()) ?? []);
  });

  /** Signs in through the first process and makes the second one cache the session. */
  async function signedInEverywhere() {
    const phone = nextPhone();
    const reg = await workers[0].request('POST', '/auth/register', undefined, {
      phone,
      password: PASSWORD,
      name: '张三',
    });
    expect(reg.status).toBe(201);
    for (const w of workers)
      for (let i = 0; i < 3; i++) expect((await w.request('GET', '/me', reg.body.token)).status).toBe(200);
    return { phone, token: reg.body.token as string, userId: reg.body.user.id as string };
  }
  /** How long until the process refuses the token, in ms (Infinity if not within 2 s). */
  async function refusedAfter(worker: ServerProcess, token: string, from: number) {
    for (;;) {
      const res = await worker.request('GET', '/me', token);
      if (res.status === 401) return Date.now() - from;
      if (Date.now() - from > 2000) return Infinity;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('a sign-out through one process is refused by the other', async () => {
    const { token } = await signedInEverywhere();
    const from = Date.now();
    expect((await workers[0].request('POST', '/auth/logout', token)).status).toBe(200);
    expect(await refusedAfter(workers[1], token, from)).toBeLessThan(1000);
  });

  it('signing out everywhere, a password change and disabling reach the other process', async () => {
    const a = await signedInEverywhere();
    // timed from the answer, when the revocation has committed (the request's own time is not the lag)
    expect((await workers[1].request('POST', '/auth/logout-all', a.token)).status).toBe(200);
    expect(await refusedAfter(workers[0], a.token, Date.now())).toBeLessThan(1000);

    const b = await signedInEverywhere();
    const kept = (await workers[0].request('POST', '/auth/login', undefined, { phone: b.phone, password: PASSWORD }))
      .body.token;
    expect(
      (
        await workers[0].request('POST', '/auth/password', kept, {
          oldPassword: PASSWORD,
          newPassword: 'brand-new-456',
        })
      ).status,
    ).toBe(200);
    expect(await refusedAfter(workers[1], b.token, Date.now())).toBeLessThan(1000);
    expect((await workers[1].request('GET', '/me', kept)).status).toBe(200);

    const c = await signedInEverywhere();
    const adminToken = (await workers[1].request('POST', '/auth/login', undefined, ADMIN)).body.token;
    expect((await workers[1].request('POST', `/admin/users/${c.userId}/disable`, adminToken)).status).toBe(200);
    expect(await refusedAfter(workers[0], c.token, Date.now())).toBeLessThan(1000);
    // and the test's own in-process server heard it too
    expect(answer(await api.as(c.token).get('/me'))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('LINLI_WORKERS=2: a sign-out through one worker is refused by both within a second', async () => {
    const cluster = await startServerProcess(server.databaseUrl!, { LINLI_WORKERS: '2' });
    try {
      // a connection of its own per request: the workers take turns accepting connections
      const me = (token: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest(
            `${cluster.url}/api/v1/me`,
            { agent: false, headers: { authorization: `Bearer ${token}` } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode!));
            },
          );
          req.on('error', reject);
          req.end();
        });
      const phone = nextPhone();
      const { token } = (
        await cluster.request('POST', '/auth/register', undefined, { phone, password: PASSWORD, name: '赵六' })
      ).body;
      for (let i = 0; i < 8; i++) expect(await me(token)).toBe(200); // both workers have it cached
      expect((await cluster.request('POST', '/auth/logout', token)).status).toBe(200);
      const from = Date.now();
      while ((await me(token)) !== 401) expect(Date.now() - from).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - from))));
      const after = await Promise.all(Array.from({ length: 8 }, () => me(token)));
      expect(after).toEqual(Array(8).fill(401));
    } finally {
      await cluster.stop();
    }
  });

  it('a process started with a changed admin password ends the admin sessions the running ones hold', async () => {
    const phone = nextPhone();
    await ensureAdmin(server.ctx.db, phone, 'first-admin-pass');
    const token = (await workers[0].request('POST', '/auth/login', undefined, { phone, password: 'first-admin-pass' }))
      .body.token;
    for (const w of workers) expect((await w.request('GET', '/admin/users', token)).status).toBe(200);
    // the running workers keep using the token while the new process starts; each refusal must come
    // within a second of the revocation's commit, not when a cached entry happens to run out
    const refusedAt: number[] = [];
    let revokedAt = 0;
    let watching = true;
    const watch = (async () => {
      while (watching && (refusedAt.filter(Boolean).length < workers.length || !revokedAt)) {
        await Promise.all(
          workers.map(async (w, i) => {
            if (!refusedAt[i] && (await w.request('GET', '/admin/users', token)).status === 401)
              refusedAt[i] = Date.now();
          }),
        );
        if (
          !revokedAt &&
          (await one(
            server.ctx.db,
            sql`select 1 as x from sessions where token_hash = ${sha256(token)} and revoked_at is not null`,
          ))
        ) {
          revokedAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const [restarted] = await startServerProcesses(server.databaseUrl!, 1, {
      LINLI_ADMIN_PHONE: phone,
      LINLI_ADMIN_PASSWORD: 'second-admin-pass',
    });
    try {
      await until(async () => refusedAt.filter(Boolean).length === workers.length && revokedAt > 0, 6000);
      watching = false;
      await watch;
      expect(revokedAt).toBeGreaterThan(0);
      for (const at of refusedAt) expect(at - revokedAt).toBeLessThan(1000);
      expect(
        (await restarted.request('POST', '/auth/login', undefined, { phone, password: 'second-admin-pass' })).status,
      ).toBe(200);
    } finally {
      watching = false;
      await restarted.stop();
    }
  });
});
