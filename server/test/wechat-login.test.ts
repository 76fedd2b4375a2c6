import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecondInstance, startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { buyAndPay, createWorld, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { loadConfig } from '../src/lib/config.js';
import type { SmsProvider, SmsPurpose } from '../src/lib/sms.js';
import { bindPhone } from '../src/modules/wechat-login/service.js';
import { standinOpenid } from '../src/standin/wechat/sns.js';
import { startWechatStandin, type WechatStandin } from '../src/standin/wechat/server.js';

/**
 * WeChat sign-in end to end against the local stand-in (decision 065): the 公众号's authorization
 * (silent and with consent), the mini-program's code2Session, binding a phone by SMS code, the
 * unionid across the two apps, the refusals (state, code), unlinking, and simultaneous binds.
 */

class CapturingSms implements SmsProvider {
  readonly name = 'capture';
  readonly sent: { phone: string; code: string; purpose: SmsPurpose }[] = [];
  async send(message: { phone: string; code: string; purpose: SmsPurpose }) {
    this.sent.push(message);
  }
  last(phone: string, purpose: SmsPurpose) {
    return this.sent.filter((m) => m.phone === phone && m.purpose === purpose).at(-1)?.code;
  }
}

const OA = 'wx1234567890abcdef';
const MP = 'wxfedcba0987654321';
const OA_SECRET = 'oa-secret-0123456789abcdef01234567';
const MP_SECRET = 'mp-secret-76543210fedcba9876543210';

let standin: WechatStandin;
let server: TestServer;
let dir: string;
let world: World;
const sms = new CapturingSms();
let people = 0;

/** A WeChat user on the stand-in; with `unionid`, one person across the 公众号 and the mini-program. */
async function wechatUser(opts: { nickname?: string; unionid?: string } = {}) {
  const key = `person-${++people}`;
  const res = await fetch(`${standin.url}/standin/sns/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key, ...opts }),
  });
  expect(res.status).toBe(200);
  return { key, oaOpenid: standinOpenid(OA, key), mpOpenid: standinOpenid(MP, key) };
}

/** GET /auth/wechat/authorize-url as the shop would: the URL, and the cookie that ties it to this browser. */
async function authorizeUrl(scope: 'snsapi_base' | 'snsapi_userinfo', returnTo?: string) {
  const res = await server.app.inject({
    method: 'GET',
    url: `/api/v1/auth/wechat/authorize-url?scope=${scope}${returnTo ? `&returnTo=${encodeURIComponent(returnTo)}` : ''}`,
  });
  expect(res.statusCode).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0];
  return { url: res.json().url as string, state: res.json().state as string, cookie, setCookie };
}

/** The browser at WeChat: the authorize page as `userKey`, consenting (or not) when asked; returns where WeChat sends it back. */
async function atWechat(url: string, userKey: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const headers = { cookie: `standin_wechat_user=${userKey}` };
  const first = await fetch(url.split('#')[0], { headers, redirect: 'manual' });
  if (first.status === 302) return new URL(first.headers.get('location') as string);
  expect(first.status).toBe(200);
  const html = await first.text();
  expect(html).toContain('允许');
  expect(html).toContain('拒绝');
  const q = new URL(url.split('#')[0]).searchParams;
  q.set('decision', decision);
  const second = await fetch(`${standin.url}/connect/oauth2/authorize/consent?${q}`, { headers, redirect: 'manual' });
  expect(second.status).toBe(302);
  return new URL(second.headers.get('location') as string);
}

async function postOauth(body: unknown, cookie?: string) {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/wechat/oauth',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.json() };
}

/** The whole H5 round: authorize URL, WeChat, the callback's POST. */
async function webSignIn(userKey: string, scope: 'snsapi_base' | 'snsapi_userinfo' = 'snsapi_userinfo') {
  const start = await authorizeUrl(scope, '/deals?from=wechat');
  const back = await atWechat(start.url, userKey);
  return postOauth({ code: back.searchParams.get('code'), state: back.searchParams.get('state') }, start.cookie);
}

async function jsCode(appid: string, key: string): Promise<string> {
  const res = await fetch(`${standin.url}/standin/sns/js-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid, key }),
  });
  return ((await res.json()) as { code: string }).code;
}

/** The minute between two codes to one phone passes (the send limits are the accounts tests' concern). */
const smsWaitPasses = () => exec(server.ctx.db, sql`delete from auth_throttle where key like 'sms:%'`);

/** A customer registered with a password (and the register code SMS verification asks for). */
async function existingCustomer(name = '顾客') {
  const phone = nextPhone();
  const api = new Api(server.app);
  await api.post('/auth/sms-code', { phone, purpose: 'register' });
  const reg = await api.post('/auth/register', {
    phone,
    password: 'customer-123',
    name,
    smsCode: sms.last(phone, 'register'),
  });
  expect(reg.status).toBe(201);
  return { userId: reg.body.user.id as string, phone };
}

/** Sends a bind code to the phone and binds the pending identity to it. */
async function bind(bindToken: string, phone: string, on: TestServer = server) {
  const api = new Api(on.app);
  await smsWaitPasses();
  const sent = await api.post('/auth/sms-code', { phone, purpose: 'bind' });
  expect(sent.status).toBe(200);
  return api.post('/auth/wechat/bind', { bindToken, phone, smsCode: sms.last(phone, 'bind') });
}

beforeAll(async () => {
  standin = await startWechatStandin({
    signInApps: [
      { appId: OA, secret: OA_SECRET },
      { appId: MP, secret: MP_SECRET },
    ],
    oauthRedirectHosts: ['localhost:80', 'localhost'],
  });
  dir = await mkdtemp(join(tmpdir(), 'linli-wechat-'));
  await writeFile(join(dir, 'oa-secret'), `${OA_SECRET}\n`, { mode: 0o600 });
  await writeFile(join(dir, 'mp-secret'), MP_SECRET, { mode: 0o600 });
  const { wechat } = loadConfig({
    LINLI_WECHAT_APPID: OA,
    LINLI_WECHAT_SECRET_FILE: join(dir, 'oa-secret'),
    LINLI_WECHAT_MP_APPID: MP,
    LINLI_WECHAT_MP_SECRET_FILE: join(dir, 'mp-secret'),
    LINLI_WECHAT_OPEN_URL: standin.url,
    LINLI_WECHAT_API_URL: standin.url,
  });
  server = await startTestServer({ smsVerify: false, wechat }, { sms });
  world = await createWorld(server);
  // binding needs SMS verification; the world above was registered without it
  server.ctx.config.smsVerify = true;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('WeChat sign-in', () => {
  it('tells the apps which WeChat sign-ins are on, and is off where not configured', async () => {
    const options = await new Api(server.app).get('/auth/options');
    expect(options.body.wechat).toEqual({ officialAccount: true, miniProgram: true });
    const plain = await startTestServer({ smsVerify: true });
    try {
      expect((await new Api(plain.app).get('/auth/options')).body.wechat).toBeUndefined();
      const off = await new Api(plain.app).get('/auth/wechat/authorize-url');
      expect(off.status).toBe(404);
      expect(off.body.error.code).toBe('WECHAT_OFF');
      expect((await new Api(plain.app).post('/auth/wechat/miniprogram', { code: 'x' })).body.error.code).toBe(
        'WECHAT_OFF',
      );
      // no binding codes are sent where there is nothing to bind
      const bindCode = await new Api(plain.app).post('/auth/sms-code', { phone: nextPhone(), purpose: 'bind' });
      expect(bindCode.body.error.code).toBe('WECHAT_OFF');
    } finally {
      await plain.close();
    }
  });

  it('refuses http WeChat addresses in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        LINLI_WECHAT_APPID: OA,
        LINLI_WECHAT_SECRET_FILE: '/x',
        LINLI_WECHAT_API_URL: 'http://api.example.com',
      }),
    ).toThrow(/LINLI_WECHAT_API_URL must be https/);
    // the shop's address WeChat returns to is named, and https
    expect(() =>
      loadConfig({ NODE_ENV: 'production', LINLI_WECHAT_APPID: OA, LINLI_WECHAT_SECRET_FILE: '/x' }),
    ).toThrow(/LINLI_WECHAT_SHOP_URL is required/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        LINLI_WECHAT_APPID: OA,
        LINLI_WECHAT_SECRET_FILE: '/x',
        LINLI_WECHAT_SHOP_URL: 'http://shop.example.com/shop',
      }),
    ).toThrow(/LINLI_WECHAT_SHOP_URL must be https/);
  });

  it("builds WeChat's documented authorize URL with a single-use state tied to the browser", async () => {
    const start = await authorizeUrl('snsapi_userinfo', 'https://evil.example.com/');
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe(`${standin.url}/connect/oauth2/authorize`);
    expect(url.hash).toBe('#wechat_redirect');
    expect([...url.searchParams.keys()]).toEqual(['appid', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(url.searchParams.get('appid')).toBe(OA);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:80/shop/wechat/callback');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toBe(start.state);
    expect(start.setCookie).toMatch(/HttpOnly/);
    expect(start.setCookie).toMatch(/SameSite=Lax/);
    // the state is not kept in the clear
    const stored = await rows<{ state_hash: string; return_to: string }>(
      server.ctx.db,
      sql`select state_hash, return_to from wechat_oauth_states`,
    );
    expect(stored.some((s) => s.state_hash === start.state)).toBe(false);
    // another site as returnTo falls back to the shop's home
    expect(stored.some((s) => s.return_to === 'https://evil.example.com/')).toBe(false);
  });

  it('limits the authorizations one address starts', async () => {
    const start = () =>
      server.app.inject({ method: 'GET', url: '/api/v1/auth/wechat/authorize-url', remoteAddress: '10.9.8.7' });
    for (let i = 0; i < 120; i++) expect((await start()).statusCode).toBe(200);
    const refused = await start();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    // another address is not held up
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/v1/auth/wechat/authorize-url', remoteAddress: '10.9.8.6' }))
        .statusCode,
    ).toBe(200);
  });

  it('first time with consent: a bind token, the phone proved by SMS code, an account made from the nickname, an order placed', async () => {
    const person = await wechatUser({ nickname: '小王🍊' });
    const first = await webSignIn(person.key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ nickname: '小王🍊', expiresInSeconds: 600, returnTo: '/deals?from=wechat' });
    expect(first.body.token).toBeUndefined();
    // the bind token is stored hashed
    const pending = await one<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from wechat_bind_tokens where token_hash = ${first.body.bindToken}`,
    );
    expect(pending?.n).toBe(0);

    const phone = nextPhone();
    // a wrong SMS code: refused, nothing linked
    await new Api(server.app).post('/auth/sms-code', { phone, purpose: 'bind' });
    const wrong = await new Api(server.app).post('/auth/wechat/bind', {
      bindToken: first.body.bindToken,
      phone,
      smsCode: String((Number(sms.last(phone, 'bind')) + 1) % 1_000_000).padStart(6, '0'),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('SMS_CODE_INVALID');
    expect(
      await one(server.ctx.db, sql`select 1 as ok from wechat_identities where openid = ${person.oaOpenid}`),
    ).toBeUndefined();

    // the bind code is sent to a phone with no account (it is about to get one)
    const bound = await new Api(server.app).post('/auth/wechat/bind', {
      bindToken: first.body.bindToken,
      phone,
      smsCode: sms.last(phone, 'bind'),
    });
    expect(bound.status).toBe(200);
    expect(bound.body.user).toMatchObject({ phone, name: '小王🍊', roles: ['customer'] });
    const customer = new Api(server.app, bound.body.token);
    expect((await customer.get('/me')).body.phone).toBe(phone);

    // the token is spent
    const again = await bind(first.body.bindToken, phone);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('WECHAT_BIND_EXPIRED');

    // she orders
    await customer.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[0] });
    const order = await buyAndPay(server, customer, {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(order.status).toBe('paid');

    // next time the silent authorization signs her straight in
    const silent = await webSignIn(person.key, 'snsapi_base');
    expect(silent.status).toBe(200);
    expect(silent.body.user.id).toBe(bound.body.user.id);
    expect(silent.body.returnTo).toBe('/deals?from=wechat');
    expect((await new Api(server.app, silent.body.token).get('/me')).status).toBe(200);
  });

  it('an account WeChat made has no password: it sets a first one with a code sent to its phone, once', async () => {
    const person = await wechatUser({ nickname: '老李' });
    const first = await webSignIn(person.key);
    const phone = nextPhone();
    const bound = await bind(first.body.bindToken, phone);
    expect(bound.status).toBe(200);
    const customer = new Api(server.app, bound.body.token);
    expect((await customer.get('/me')).body.hasPassword).toBe(false);
    const hashOf = async () =>
      (await one<{ h: string }>(server.ctx.db, sql`select password_hash as h from users where phone = ${phone}`))!.h;
    const before = await hashOf();

    // no current password to give, and none guessed: a code is needed, to this phone
    for (const body of [
      { newPassword: 'first-pass-123' },
      { oldPassword: '', newPassword: 'first-pass-123' },
      { smsCode: '000000', newPassword: 'first-pass-123' },
    ]) {
      const refused = await customer.post('/auth/password', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ field: 'smsCode' });
    }
    expect(await hashOf()).toBe(before);

    await smsWaitPasses();
    expect((await customer.post('/auth/sms-code', { phone, purpose: 'password' })).status).toBe(200);
    const code = sms.last(phone, 'password')!;
    // two taps at once with the one code: one sets the password, the other is refused
    const both = await Promise.all(
      ['first-pass-123', 'other-pass-456'].map((newPassword) =>
        customer.post('/auth/password', { smsCode: code, newPassword }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    const chosen = both[0].status === 200 ? 'first-pass-123' : 'other-pass-456';
    expect((await customer.get('/me')).body.hasPassword).toBe(true);
    const login = await new Api(server.app).post('/auth/login', { phone, password: chosen });
    expect(login.status).toBe(200);

    // from now on the password is changed as any other: the current one, not a code
    await smsWaitPasses();
    await customer.post('/auth/sms-code', { phone, purpose: 'password' });
    const byCode = await new Api(server.app, login.body.token).post('/auth/password', {
      smsCode: sms.last(phone, 'password'),
      newPassword: 'third-pass-789',
    });
    expect(byCode.status).toBe(400);
    expect(byCode.body.error.details).toMatchObject({ field: 'oldPassword' });
  });

  it('snsapi_base signs a linked customer in silently, without a consent page', async () => {
    const person = await wechatUser();
    const existing = await existingCustomer('老李');
    const first = await webSignIn(person.key);
    expect((await bind(first.body.bindToken, existing.phone)).body.user.id).toBe(existing.userId);
    const start = await authorizeUrl('snsapi_base');
    const res = await fetch(start.url.split('#')[0], {
      headers: { cookie: `standin_wechat_user=${person.key}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') as string);
    expect(back.pathname).toBe('/shop/wechat/callback');
    const signedIn = await postOauth(
      { code: back.searchParams.get('code'), state: back.searchParams.get('state') },
      start.cookie,
    );
    expect(signedIn.status).toBe(200);
    // the existing account keeps its name and password
    expect(signedIn.body.user).toMatchObject({ id: existing.userId, name: '老李' });
    expect(
      (await new Api(server.app).post('/auth/login', { phone: existing.phone, password: 'customer-123' })).status,
    ).toBe(200);
  });

  it('refusing consent comes back without a code', async () => {
    const person = await wechatUser();
    const start = await authorizeUrl('snsapi_userinfo');
    const back = await atWechat(start.url, person.key, 'deny');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('state')).toBe(start.state);
  });

  it('a used or invalid code is WECHAT_CODE_INVALID; a wrong, reused or foreign state is WECHAT_STATE_INVALID', async () => {
    const person = await wechatUser();
    const start = await authorizeUrl('snsapi_base');
    const back = await atWechat(start.url, person.key);
    const code = back.searchParams.get('code') as string;

    // the state of another browser (no cookie, or another cookie): refused, and not spent
    const noCookie = await postOauth({ code, state: start.state });
    expect(noCookie.status).toBe(400);
    expect(noCookie.body.error.code).toBe('WECHAT_STATE_INVALID');
    const other = await authorizeUrl('snsapi_base');
    const foreign = await postOauth({ code, state: start.state }, other.cookie);
    expect(foreign.body.error.code).toBe('WECHAT_STATE_INVALID');
    const madeUp = await postOauth({ code, state: 'made-up-state' }, start.cookie);
    expect(madeUp.body.error.code).toBe('WECHAT_STATE_INVALID');

    const ok = await postOauth({ code, state: start.state }, start.cookie);
    expect(ok.status).toBe(200);
    // the state is used once
    const replay = await postOauth({ code, state: start.state }, start.cookie);
    expect(replay.body.error.code).toBe('WECHAT_STATE_INVALID');

    // WeChat's code is used once too: 40163 at WeChat, 401 here
    const fresh = await authorizeUrl('snsapi_base');
    const used = await postOauth({ code, state: fresh.state }, fresh.cookie);
    expect(used.status).toBe(401);
    expect(used.body.error).toMatchObject({ code: 'WECHAT_CODE_INVALID', details: { errcode: 40163 } });
    const fresh2 = await authorizeUrl('snsapi_base');
    const invalid = await postOauth({ code: 'not-a-code', state: fresh2.state }, fresh2.cookie);
    expect(invalid.status).toBe(401);
    expect(invalid.body.error).toMatchObject({ code: 'WECHAT_CODE_INVALID', details: { errcode: 40029 } });

    // bad input: 400 before anything is spent
    const bad = await postOauth({ code: '', state: fresh2.state }, fresh2.cookie);
    expect(bad.status).toBe(400);
  });

  it('the stand-in answers as WeChat does: HTTP 200 with errcode', async () => {
    const wrongSecret = await fetch(
      `${standin.url}/sns/oauth2/access_token?appid=${OA}&secret=nope&code=x&grant_type=authorization_code`,
    );
    expect(wrongSecret.status).toBe(200);
    expect(await wrongSecret.json()).toMatchObject({ errcode: 40125 });
    const person = await wechatUser();
    const code = await jsCode(MP, person.key);
    // a mini-program's code is not the 公众号's
    const crossed = await fetch(
      `${standin.url}/sns/oauth2/access_token?appid=${OA}&secret=${OA_SECRET}&code=${code}&grant_type=authorization_code`,
    );
    expect(await crossed.json()).toMatchObject({ errcode: 40029 });
    const session = await fetch(
      `${standin.url}/sns/jscode2session?appid=${MP}&secret=${MP_SECRET}&js_code=${code}&grant_type=authorization_code`,
    );
    expect(await session.json()).toMatchObject({ openid: person.mpOpenid, session_key: expect.any(String) });
    // snsapi_base tokens cannot read the profile: 48001
    const start = await authorizeUrl('snsapi_base');
    const back = await atWechat(start.url, person.key);
    const grant = (await (
      await fetch(
        `${standin.url}/sns/oauth2/access_token?appid=${OA}&secret=${OA_SECRET}&code=${back.searchParams.get('code')}&grant_type=authorization_code`,
      )
    ).json()) as { access_token: string; openid: string; unionid?: string };
    expect(grant.unionid).toBeUndefined();
    const info = await fetch(
      `${standin.url}/sns/userinfo?access_token=${grant.access_token}&openid=${grant.openid}&lang=zh_CN`,
    );
    expect(await info.json()).toMatchObject({ errcode: 48001 });
  });

  it('the mini-program: code2Session, bind, then straight in; the session_key is neither answered nor kept', async () => {
    const person = await wechatUser();
    const first = await new Api(server.app).post('/auth/wechat/miniprogram', { code: await jsCode(MP, person.key) });
    expect(first.status).toBe(200);
    expect(first.body.bindToken).toEqual(expect.any(String));
    expect(JSON.stringify(first.body)).not.toMatch(/session_key|sessionKey/);
    const phone = nextPhone();
    const bound = await bind(first.body.bindToken, phone);
    expect(bound.status).toBe(200);
    expect(bound.body.user.name).toBe(`微信用户${phone.slice(-4)}`);
    const next = await new Api(server.app).post('/auth/wechat/miniprogram', { code: await jsCode(MP, person.key) });
    expect(next.body.user.id).toBe(bound.body.user.id);
    const reused = await new Api(server.app).post('/auth/wechat/miniprogram', { code: 'already-gone' });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('WECHAT_CODE_INVALID');
    const columns = await rows<{ column_name: string }>(
      server.ctx.db,
      sql`select column_name from information_schema.columns where table_name in ('wechat_identities', 'wechat_bind_tokens')`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('session_key');
  });

  it('one unionid across the apps signs into the same account', async () => {
    const person = await wechatUser({ nickname: '跨端用户', unionid: 'oUnion-shared-person-0001' });
    const viaMini = await new Api(server.app).post('/auth/wechat/miniprogram', { code: await jsCode(MP, person.key) });
    const bound = await bind(viaMini.body.bindToken, nextPhone());
    expect(bound.status).toBe(200);
    // the 公众号 with consent gives the same unionid: signed in, the 公众号's openid linked to the same account
    const viaWeb = await webSignIn(person.key, 'snsapi_userinfo');
    expect(viaWeb.status).toBe(200);
    expect(viaWeb.body.user.id).toBe(bound.body.user.id);
    const linked = await new Api(server.app, viaWeb.body.token).get('/me/wechat');
    expect(linked.body.map((l: { app: string }) => l.app).sort()).toEqual(['miniProgram', 'officialAccount']);
    // no openid in the clear
    expect(JSON.stringify(linked.body)).not.toContain(person.oaOpenid);
    expect(JSON.stringify(linked.body)).not.toContain(person.mpOpenid);
    expect(linked.body[0].openid).toMatch(/^.{4}\*{4}.{4}$/);
  });

  it('unlinking: WeChat then asks to bind again, and the customer still signs in by phone', async () => {
    const person = await wechatUser();
    const phone = nextPhone();
    const first = await webSignIn(person.key);
    const bound = await bind(first.body.bindToken, phone);
    const customer = new Api(server.app, bound.body.token);
    const gone = await customer.request('DELETE', `/me/wechat/${OA}`);
    expect(gone).toEqual({ status: 200, body: { ok: true } });
    expect((await customer.request('DELETE', `/me/wechat/${OA}`)).status).toBe(404);
    expect((await customer.get('/me/wechat')).body).toEqual([]);
    const after = await webSignIn(person.key, 'snsapi_base');
    expect(after.body.bindToken).toEqual(expect.any(String));
    // phone sign-in stays (by SMS code: the account has no password)
    await smsWaitPasses();
    await new Api(server.app).post('/auth/sms-code', { phone, purpose: 'login' });
    const byCode = await new Api(server.app).post('/auth/login-by-code', { phone, smsCode: sms.last(phone, 'login') });
    expect(byCode.status).toBe(200);
    expect(byCode.body.user.id).toBe(bound.body.user.id);
    // and a password sign-in never works for an account made without one
    expect((await new Api(server.app).post('/auth/login', { phone, password: 'none:wechat' })).status).toBe(401);
  });

  it('one identity bound to two phones at once: one wins, the other 409', async () => {
    const person = await wechatUser();
    const [a, b] = [await webSignIn(person.key), await webSignIn(person.key)];
    const [phoneA, phoneB] = [nextPhone(), nextPhone()];
    const second = await startSecondInstance(server);
    try {
      const apiA = new Api(server.app);
      const apiB = new Api(second.app);
      // the codes are sent through the first server, whose texts this test reads
      await apiA.post('/auth/sms-code', { phone: phoneA, purpose: 'bind' });
      await apiA.post('/auth/sms-code', { phone: phoneB, purpose: 'bind' });
      const results = await Promise.all([
        apiA.post('/auth/wechat/bind', {
          bindToken: a.body.bindToken,
          phone: phoneA,
          smsCode: sms.last(phoneA, 'bind'),
        }),
        apiB.post('/auth/wechat/bind', {
          bindToken: b.body.bindToken,
          phone: phoneB,
          smsCode: sms.last(phoneB, 'bind'),
        }),
      ]);
      expect(results.map((r) => r.status).sort(), JSON.stringify(results)).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.error.code).toBe('WECHAT_ALREADY_LINKED');
      const links = await rows(
        server.ctx.db,
        sql`select user_id from wechat_identities where openid = ${person.oaOpenid}`,
      );
      expect(links).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('two identities of one app bound to one account at once: one wins, the other 409', async () => {
    const [p1, p2] = [await wechatUser(), await wechatUser()];
    const [a, b] = [await webSignIn(p1.key), await webSignIn(p2.key)];
    const existing = await existingCustomer();
    const second = await startSecondInstance(server);
    try {
      // past the SMS code (one per phone, used once), the two binds meet in the database at the same moment
      const results = await Promise.allSettled([
        bindPhone(server.ctx.db, { bindToken: a.body.bindToken, phone: existing.phone }),
        bindPhone(second.ctx.db, { bindToken: b.body.bindToken, phone: existing.phone }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'WECHAT_APP_LINKED', status: 409 });
      const links = await rows(
        server.ctx.db,
        sql`select openid from wechat_identities where user_id = ${existing.userId}`,
      );
      expect(links).toHaveLength(1);
    } finally {
      await second.close();
    }
    // through the API as well: a second WeChat account of the 公众号 for this phone is 409
    const p3 = await wechatUser();
    const c = await webSignIn(p3.key);
    const third = await bind(c.body.bindToken, existing.phone);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('WECHAT_APP_LINKED');
  });
});
