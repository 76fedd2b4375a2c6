import { randomBytes, scryptSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { exec, one, rows } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { createContext, type App } from '../src/context.js';
import type { SmsProvider, SmsPurpose } from '../src/lib/sms.js';
import { jobHandlers, RECURRING } from '../src/jobs/index.js';

/** Captures what would be texted, instead of a gateway. */
class CapturingSms implements SmsProvider {
  readonly name = 'capture';
  readonly sent: { phone: string; code: string; purpose: SmsPurpose }[] = [];
  async send(message: { phone: string; code: string; purpose: SmsPurpose }) {
    this.sent.push(message);
  }
  last(phone: string) {
    return this.sent.filter((m) => m.phone === phone).at(-1)?.code;
  }
}

const post = async (app: App, url: string, body: unknown, from = '127.0.0.1') => {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
    remoteAddress: from,
  });
  return { status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'] as string | undefined };
};

/** What waiting out every current delay would do, without waiting. */
const timePasses = (server: TestServer) =>
  exec(
    server.ctx.db,
    sql`update auth_throttle set blocked_until = now() - interval '1 second' where blocked_until is not null`,
  );

describe('password sign-in under attack', () => {
  let server: TestServer;
  let api: Api;
  // 2^15: costly enough that skipping the hash would show, cheap enough for a test
  beforeAll(async () => {
    server = await startTestServer({ scryptLogN: 15 });
    api = new Api(server.app);
  });
  afterAll(() => server.close());

  it('answers an unknown phone exactly like a wrong password, at the cost of one hash', async () => {
    const known = nextPhone();
    expect((await api.post('/auth/register', { phone: known, password: 'secret-123', name: 'A' })).status).toBe(201);
    const unknown = nextPhone();
    const wrong = await post(server.app, '/auth/login', { phone: known, password: 'wrong-pass' }, '10.1.0.1');
    const none = await post(server.app, '/auth/login', { phone: unknown, password: 'wrong-pass' }, '10.1.0.2');
    expect(none).toEqual(wrong);
    expect(none.status).toBe(401);

    const timed = async (phone: string, from: string) => {
      const t = process.hrtime.bigint();
      await post(server.app, '/auth/login', { phone, password: 'wrong-pass' }, from);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 4; i++) {
      knownMs.push(await timed(known, `10.2.${i}.1`));
      unknownMs.push(await timed(unknown, `10.2.${i}.2`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // without the stand-in hash an unknown phone answered in a tenth of the time
    expect(median(unknownMs)).toBeGreaterThan(median(knownMs) * 0.5);
  });

  it('makes a guesser wait longer and longer while the owner signs in from another address', async () => {
    const phone = nextPhone();
    await api.post('/auth/register', { phone, password: 'owner-pass-1', name: 'Owner' });
    const attacker = '10.66.0.1';
    const first: number[] = [];
    for (let i = 0; i < 5; i++)
      first.push((await post(server.app, '/auth/login', { phone, password: `guess-${i}` }, attacker)).status);
    expect(first).toEqual([401, 401, 401, 401, 401]);
    // now waiting: even the right password is not tried from there
    const held = await post(server.app, '/auth/login', { phone, password: 'owner-pass-1' }, attacker);
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe('RATE_LIMITED');
    expect(held.retryAfter).toBe('1');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await timePasses(server);
      expect((await post(server.app, '/auth/login', { phone, password: `again-${i}` }, attacker)).status).toBe(401);
      const r = await post(server.app, '/auth/login', { phone, password: 'whatever' }, attacker);
      expect(r.status).toBe(429);
      waits.push(Number(r.retryAfter));
    }
    expect(waits).toEqual([2, 4, 8, 16]);

    // the owner, from their own address, is not locked out
    const owner = await post(server.app, '/auth/login', { phone, password: 'owner-pass-1' }, '10.77.0.1');
    expect(owner.status).toBe(200);
    expect(owner.body.user.phone).toBe(phone);
  });

  it('counts in the database, so a second process sees the same limits', async () => {
    const phone = nextPhone();
    await api.post('/auth/register', { phone, password: 'owner-pass-2', name: 'B' });
    const other = await buildApp(createContext(server.ctx.database, server.ctx.config));
    await other.ready();
    try {
      const from = '10.88.0.1';
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await post(i % 2 ? other : server.app, '/auth/login', { phone, password: 'nope-nope' }, from)).status,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await post(other, '/auth/login', { phone, password: 'owner-pass-2' }, from)).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('slows one address trying many phones', async () => {
    const from = '10.99.0.1';
    await exec(
      server.ctx.db,
      sql`insert into auth_throttle (key, count, window_start) values (${`login:ip:${from}`}, 99, now())`,
    );
    expect((await post(server.app, '/auth/login', { phone: nextPhone(), password: 'x-guess-1' }, from)).status).toBe(
      401,
    );
    const next = await post(server.app, '/auth/login', { phone: nextPhone(), password: 'x-guess-2' }, from);
    expect(next.status).toBe(429);
  });

  it('replaces an older, weaker hash at the next sign-in', async () => {
    const phone = nextPhone();
    await api.post('/auth/register', { phone, password: 'temporary-1', name: 'C' });
    const salt = randomBytes(16);
    const old = `scrypt$16384$${salt.toString('base64')}$${scryptSync('legacy-pass', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    await exec(server.ctx.db, sql`update users set password_hash = ${old} where phone = ${phone}`);
    expect((await api.post('/auth/login', { phone, password: 'wrong-one' })).status).toBe(401);
    expect(
      (await one<{ h: string }>(server.ctx.db, sql`select password_hash as h from users where phone = ${phone}`))!.h,
    ).toBe(old);
    expect((await api.post('/auth/login', { phone, password: 'legacy-pass' })).status).toBe(200);
    const now = (await one<{ h: string }>(
      server.ctx.db,
      sql`select password_hash as h from users where phone = ${phone}`,
    ))!.h;
    expect(now).toMatch(/^scrypt\$32768\$/);
    expect((await api.post('/auth/login', { phone, password: 'legacy-pass' })).status).toBe(200);
  });
});

describe('SMS codes', () => {
  let server: TestServer;
  let api: Api;
  const sms = new CapturingSms();
  beforeAll(async () => {
    server = await startTestServer({ smsVerify: true }, { sms });
    api = new Api(server.app);
  });
  afterAll(() => server.close());

  const rewindMinute = (phone: string) =>
    exec(
      server.ctx.db,
      sql`update auth_throttle set window_start = window_start - interval '61 seconds' where key = ${`sms:minute:${phone}`}`,
    );

  it('tells the apps that SMS verification is on', async () => {
    expect((await api.get('/auth/options')).body).toEqual({
      smsVerify: true,
      demo: false,
      simulatedPayments: true,
      wechatPay: false,
    });
  });

  it('registers only with the code sent to the phone, once', async () => {
    const phone = nextPhone();
    const body = { phone, password: 'secret-123', name: '张三' };
    const missing = await api.post('/auth/register', body);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const sent = await api.post('/auth/sms-code', { phone, purpose: 'register' });
    expect(sent).toEqual({ status: 200, body: { sent: true, retryAfterSeconds: 60 } });
    const code = sms.last(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await api.post('/auth/register', { ...body, smsCode: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('SMS_CODE_INVALID');
    expect(await one(server.ctx.db, sql`select 1 as ok from users where phone = ${phone}`)).toBeUndefined();
    const reg = await api.post('/auth/register', { ...body, smsCode: code });
    expect(reg.status).toBe(201);
    expect(reg.body.user.phone).toBe(phone);
    expect((await api.post('/auth/register', { ...body, smsCode: code })).status).toBe(409);
  });

  it('gives a code 5 tries and 5 minutes', async () => {
    const phone = nextPhone();
    await api.post('/auth/sms-code', { phone, purpose: 'register' });
    const code = sms.last(phone)!;
    const bad = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++)
      expect(
        (await api.post('/auth/register', { phone, password: 'secret-123', name: 'D', smsCode: bad })).status,
      ).toBe(400);
    expect(
      (await api.post('/auth/register', { phone, password: 'secret-123', name: 'D', smsCode: code })).body.error.code,
    ).toBe('SMS_CODE_INVALID');

    await rewindMinute(phone);
    await api.post('/auth/sms-code', { phone, purpose: 'register' });
    const fresh = sms.last(phone)!;
    await exec(
      server.ctx.db,
      sql`update sms_codes set expires_at = now() - interval '1 second' where phone = ${phone}`,
    );
    expect(
      (await api.post('/auth/register', { phone, password: 'secret-123', name: 'D', smsCode: fresh })).status,
    ).toBe(400);
    expect(await one(server.ctx.db, sql`select 1 as ok from users where phone = ${phone}`)).toBeUndefined();
  });

  it('sends one code a minute and at most 10 a day per phone', async () => {
    const phone = nextPhone();
    expect((await api.post('/auth/sms-code', { phone, purpose: 'register' })).status).toBe(200);
    const again = await post(server.app, '/auth/sms-code', { phone, purpose: 'register' });
    expect(again.status).toBe(429);
    expect(Number(again.retryAfter)).toBeGreaterThan(50);
    for (let i = 1; i < 10; i++) {
      await rewindMinute(phone);
      expect((await api.post('/auth/sms-code', { phone, purpose: 'register' })).status).toBe(200);
    }
    await rewindMinute(phone);
    const capped = await post(server.app, '/auth/sms-code', { phone, purpose: 'register' });
    expect(capped.status).toBe(429);
    expect(Number(capped.retryAfter)).toBeGreaterThan(23 * 3600);
    expect(sms.sent.filter((m) => m.phone === phone)).toHaveLength(10);
  });

  it('sends at most 50 codes a day from one address', async () => {
    const from = '10.50.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++)
      statuses.push(
        (await post(server.app, '/auth/sms-code', { phone: nextPhone(), purpose: 'register' }, from)).status,
      );
    expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
    expect(statuses[50]).toBe(429);
  });

  it('signs in by code, answering an unknown phone the same without texting it', async () => {
    const phone = nextPhone();
    await api.post('/auth/sms-code', { phone, purpose: 'register' });
    await api.post('/auth/register', { phone, password: 'secret-123', name: '王五', smsCode: sms.last(phone) });
    await rewindMinute(phone);
    const before = sms.sent.length;
    const stranger = nextPhone();
    const strangerSend = await api.post('/auth/sms-code', { phone: stranger, purpose: 'login' });
    const ownerSend = await api.post('/auth/sms-code', { phone, purpose: 'login' });
    expect(strangerSend).toEqual(ownerSend);
    expect(sms.sent.slice(before).map((m) => m.phone)).toEqual([phone]);
    const code = sms.last(phone)!;
    const none = await api.post('/auth/login-by-code', { phone: stranger, smsCode: code });
    const wrong = await api.post('/auth/login-by-code', { phone, smsCode: code === '123456' ? '654321' : '123456' });
    expect(none.status).toBe(401);
    expect(none.body).toEqual(wrong.body);
    const ok = await api.post('/auth/login-by-code', { phone, smsCode: code });
    expect(ok.status).toBe(200);
    expect(ok.body.user.phone).toBe(phone);
    expect((await api.as(ok.body.token).get('/me')).status).toBe(200);
    expect((await api.post('/auth/login-by-code', { phone, smsCode: code })).status).toBe(401);
  });

  it('shows the code on screen only on a demo server outside production', async () => {
    const config = server.ctx.config;
    config.demo = true;
    try {
      const phone = nextPhone();
      const shown = await api.post('/auth/sms-code', { phone, purpose: 'register' });
      expect(shown.body.demoCode).toBe(sms.last(phone));
      config.production = true;
      const hidden = await api.post('/auth/sms-code', { phone: nextPhone(), purpose: 'register' });
      expect(hidden.status).toBe(200);
      expect(hidden.body.demoCode).toBeUndefined();
    } finally {
      config.demo = false;
      config.production = false;
    }
  });

  it('forgets long-expired limits and codes hourly', async () => {
    await exec(
      server.ctx.db,
      sql`insert into auth_throttle (key, count, window_start) values
      ('test:old', 3, now() - interval '3 days'), ('test:fresh', 3, now() - interval '1 hour')`,
    );
    await exec(
      server.ctx.db,
      sql`insert into sms_codes (phone, purpose, code_hash, expires_at) values
      ('13000000001', 'login', 'x', now() - interval '2 days'), ('13000000002', 'login', 'x', now() + interval '5 minutes')`,
    );
    expect(RECURRING['prune-auth-limits']).toBeDefined();
    await jobHandlers(server.ctx.config)['prune-auth-limits'](server.ctx.db, {});
    const keys = await rows<{ key: string }>(server.ctx.db, sql`select key from auth_throttle where key like 'test:%'`);
    expect(keys.map((k) => k.key)).toEqual(['test:fresh']);
    const phones = await rows<{ phone: string }>(
      server.ctx.db,
      sql`select phone from sms_codes where phone like '1300000000%'`,
    );
    expect(phones.map((p) => p.phone)).toEqual(['13000000002']);
  });
});
