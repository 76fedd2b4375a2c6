import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { exec, one, rows } from '../src/db/client.js';
import { hashPassword } from '../src/lib/password.js';
import type { App } from '../src/context.js';

const CUSTOMERS = 1000;
const PASSWORD = 'shared-nat-pass';

const login = async (app: App, body: unknown, from: string, headers: Record<string, string> = {}) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
    remoteAddress: from,
  });
  return res.statusCode;
};

const counted = async (server: TestServer, key: string) =>
  (await one<{ count: number }>(server.ctx.db, sql`select count from auth_throttle where key = ${key}`))?.count ?? 0;

/** Customers with phones 171xxxxxxxx, made with one statement and one hash (the hash is what costs). */
async function customers(server: TestServer, n: number, prefix: string): Promise<string[]> {
  const hash = await hashPassword(PASSWORD);
  const made = await rows<{ phone: string }>(
    server.ctx.db,
    sql`insert into users (phone, name, password_hash, invite_code)
    select ${prefix} || lpad(g::text, 8, '0'), '顾客' || g, ${hash}, ${prefix} || 'N' || g from generate_series(1, ${n}) g
    returning phone`,
  );
  return made.map((r) => r.phone).sort();
}

describe('sign-in behind one shared address', () => {
  let server: TestServer;
  beforeAll(async () => {
    // 2^10, the least the setting allows: a thousand sign-ins verify a thousand hashes
    server = await startTestServer({ scryptLogN: 10 });
  });
  afterAll(() => server.close());

  it(`signs in ${CUSTOMERS} customers from one address, and still limits failures from it`, {
    timeout: 120_000,
  }, async () => {
    const nat = '100.64.0.1';
    const phones = await customers(server, CUSTOMERS, '171');
    const statuses = new Map<number, number>();
    for (let i = 0; i < phones.length; i += 20) {
      const batch = await Promise.all(
        phones.slice(i, i + 20).map((phone) => login(server.app, { phone, password: PASSWORD }, nat)),
      );
      for (const s of batch) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: CUSTOMERS });
    // successes left nothing counted against the address
    expect(await counted(server, `login:ip:${nat}`)).toBe(0);

    // one machine trying many phones from there is still slowed: the 100th failure in the hour makes it wait
    await exec(
      server.ctx.db,
      sql`insert into auth_throttle (key, count, window_start) values (${`login:ip:${nat}`}, 98, now())`,
    );
    expect(await login(server.app, { phone: phones[0], password: 'guess-1-x' }, nat)).toBe(401);
    expect(await login(server.app, { phone: phones[1], password: 'guess-2-x' }, nat)).toBe(401);
    expect(await login(server.app, { phone: phones[2], password: 'guess-3-x' }, nat)).toBe(429);
    // and while it waits even the right password is not tried from there
    expect(await login(server.app, { phone: phones[3], password: PASSWORD }, nat)).toBe(429);
  });

  it("takes a customer's own typos back off the address once they sign in, but not failures against others", async () => {
    const from = '100.64.0.2';
    const [owner, victim] = await customers(server, 2, '172');
    for (let i = 0; i < 3; i++)
      expect(await login(server.app, { phone: owner, password: `typo-${i}-x` }, from)).toBe(401);
    for (let i = 0; i < 4; i++)
      expect(await login(server.app, { phone: victim, password: `guess-${i}-x` }, from)).toBe(401);
    expect(await counted(server, `login:ip:${from}`)).toBe(7);
    expect(await login(server.app, { phone: owner, password: PASSWORD }, from)).toBe(200);
    // the owner's 3 typos are forgiven; the 4 guesses at the victim stay, on the address and on the victim's phone
    expect(await counted(server, `login:ip:${from}`)).toBe(4);
    expect(await counted(server, `login:pair:${owner}|${from}`)).toBe(0);
    expect(await counted(server, `login:pair:${victim}|${from}`)).toBe(4);
    expect(await counted(server, `login:phone:${victim}`)).toBe(4);
    // signing in again forgives nothing more
    expect(await login(server.app, { phone: owner, password: PASSWORD }, from)).toBe(200);
    expect(await counted(server, `login:ip:${from}`)).toBe(4);
  });
});

describe('sign-in behind a reverse proxy named in LINLI_TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: ['10.0.0.1', '10.9.0.0/16'] });
  });
  afterAll(() => server.close());

  it("counts failures against the forwarded client's address when the proxy sent them, and against the peer otherwise", async () => {
    const [phone] = await customers(server, 1, '173');
    const wrong = { phone, password: 'wrong-pass-x' };
    // through the named proxy, and through a proxy in the named range behind another hop
    expect(await login(server.app, wrong, '10.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).toBe(401);
    expect(await login(server.app, wrong, '10.9.3.4', { 'x-forwarded-for': '198.51.100.1, 203.0.113.8' })).toBe(401);
    // a client that is not a named proxy cannot choose its address
    expect(await login(server.app, wrong, '192.0.2.50', { 'x-forwarded-for': '203.0.113.9' })).toBe(401);
    const keys = (
      await rows<{ key: string }>(
        server.ctx.db,
        sql`select key from auth_throttle where key like 'login:ip:%' order by key`,
      )
    ).map((r) => r.key);
    expect(keys).toEqual(['login:ip:192.0.2.50', 'login:ip:203.0.113.7', 'login:ip:203.0.113.8']);
  });
});
