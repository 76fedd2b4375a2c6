import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { createContext } from '../src/context.js';
import { sql } from 'drizzle-orm';
import { migrate, openDatabase, rows } from '../src/db/client.js';
import { loadConfig } from '../src/lib/config.js';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { Api } from './client.js';

let server: TestServer;
let api: Api;
beforeAll(async () => {
  server = await startTestServer();
  api = new Api(server.app);
});
afterAll(() => server.close());

const postgres = !!process.env.TEST_DATABASE_URL;

/** A database handle that cannot reach its database: PostgreSQL on a closed port, or a closed PGlite. */
async function unreachableDatabase() {
  if (postgres) return openDatabase({ url: 'postgres://postgres@127.0.0.1:1/linli', poolSize: 2 });
  // a migrated PGlite from the run's template (test/global-setup.ts), then closed
  const database = await openDatabase({ loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]) });
  await migrate(database);
  await database.close();
  return database;
}

describe('when the database is away', () => {
  it('answers 503 UNAVAILABLE with Retry-After and logs it at error level with the request id, without personal data', async () => {
    const lines: string[] = [];
    const database = await unreachableDatabase();
    const app = await buildApp(createContext(database, { ...loadConfig({}), jobs: false, demo: false }), {
      logger: { level: 'error', stream: { write: (l) => lines.push(l) } },
    });
    await app.ready();
    try {
      const token = 'a-bearer-token-that-must-not-be-logged';
      const answers = await Promise.all([
        app.inject({ method: 'GET', url: '/api/health' }),
        app.inject({ method: 'GET', url: '/api/v1/campaigns/active' }),
        app.inject({
          method: 'GET',
          url: '/api/v1/admin/orders?q=13912345678',
          headers: { authorization: `Bearer ${token}` },
        }),
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: '13912345678', password: 'secret-password-1' },
        }),
      ]);
      for (const res of answers) {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.json().error.code).toBe('UNAVAILABLE');
        const id = res.headers['x-request-id'];
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({ level: 50, status: 503, msg: 'server error' });
      }
      expect(new Set(answers.map((r) => r.headers['x-request-id'])).size).toBe(answers.length);
      const log = lines.join('\n');
      for (const secret of ['13912345678', 'secret-password-1', 'a-bearer-token']) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });

  it.skipIf(!postgres)(
    'answers 503, never 500, while PostgreSQL terminates the connections, and recovers',
    async () => {
      const [{ name }] = await rows<{ name: string }>(server.ctx.db, sql`select current_database() as name`);
      const token = (await api.post('/auth/login', ADMIN)).body.token;
      const killer = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await killer.connect();
      let killing = true;
      let kills = 0;
      const loop = (async () => {
        while (killing) {
          const r = await killer.query(
            'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [name],
          );
          kills += r.rows[0].n;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const statuses: number[] = [];
      try {
        for (let round = 0; round < 20; round++) {
          const answers = await Promise.all(
            Array.from({ length: 15 }, (_, i) =>
              i % 3 === 0
                ? api.get('/campaigns/active')
                : i % 3 === 1
                  ? api.get('/api/health')
                  : api.as(token).get('/admin/orders?limit=5'),
            ),
          );
          statuses.push(...answers.map((a) => a.status));
          for (const a of answers) if (a.status === 503) expect(a.body.error.code).toBe('UNAVAILABLE');
        }
      } finally {
        killing = false;
        await loop;
        await killer.end();
      }
      expect(kills).toBeGreaterThan(0);
      console.log(
        `terminated ${kills} connections; answers: ${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s === 503).length} × 503`,
      );
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      // the pool replaces the dead connections
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await Promise.all(Array.from({ length: 10 }, () => api.get('/campaigns/active')));
      expect(after.map((a) => a.status)).toEqual(after.map(() => 200));
    },
  );
});

/** One raw HTTP exchange with a listening server. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => {
      data += d.toString();
    });
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.write(request);
  });
}

describe("the framework's own refusals", () => {
  it('answer in the error shape with a code and a request id, also below the router and for unreadable requests', async () => {
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const base = address.replace('localhost', '127.0.0.1');
    const port = Number(new URL(base).port);
    {
      const cases: [string, RequestInit, number, string][] = [
        [`/api/v1/orders/${'a'.repeat(5000)}`, {}, 414, 'URI_TOO_LONG'],
        ['/api/v1/orders/%E0%A4%A', {}, 400, 'VALIDATION_FAILED'],
        ['/api/v1/nothing-here', {}, 404, 'NOT_FOUND'],
        [
          '/api/v1/auth/login',
          { method: 'POST', body: '{"phone":', headers: { 'content-type': 'application/json' } },
          400,
          'VALIDATION_FAILED',
        ],
        [
          '/api/v1/auth/login',
          { method: 'POST', body: 'x'.repeat(1_100_000), headers: { 'content-type': 'application/json' } },
          413,
          'PAYLOAD_TOO_LARGE',
        ],
        [
          '/api/v1/auth/login',
          { method: 'POST', body: '<a/>', headers: { 'content-type': 'application/xml' } },
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
        [
          '/api/v1/auth/login',
          {
            method: 'POST',
            body: '{"phone":"1\\u0000","password":"x"}',
            headers: { 'content-type': 'application/json' },
          },
          400,
          'VALIDATION_FAILED',
        ],
        ['/api/v1/pickup-points?q=%00', {}, 400, 'VALIDATION_FAILED'],
      ];
      for (const [path, init, status, code] of cases) {
        const res = await fetch(`${base}${path}`, init);
        expect([path, res.status]).toEqual([path, status]);
        expect((await res.json()).error.code).toBe(code);
        expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      }
      // a proxy's request id is kept when it looks like one
      const traced = await fetch(`${base}/api/v1/nothing-here`, { headers: { 'x-request-id': 'edge-1234abcd' } });
      expect(traced.headers.get('x-request-id')).toBe('edge-1234abcd');

      const garbage = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(garbage.split('\r\n\r\n')[1]).error.code).toBe('VALIDATION_FAILED');
      const bigHeaders = await raw(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(bigHeaders).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(bigHeaders.split('\r\n\r\n')[1]).error.code).toBe('HEADERS_TOO_LARGE');
    }
  });
});
