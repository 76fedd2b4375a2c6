import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StandinContext } from './server.js';
import type { SnsScope, StandinState, StandinWechatUser } from './state.js';

/**
 * WeChat sign-in as WeChat publishes it (公众号 网页授权 and the mini-program's code2Session):
 *
 * - `GET /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state` (open.weixin.qq.com):
 *   snsapi_base redirects at once to `redirect_uri?code=CODE&state=STATE`; snsapi_userinfo shows
 *   the consent page first (允许 / 拒绝); refusing redirects with `state` only, no code.
 * - `GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code` (api.weixin.qq.com)
 *   → {access_token, expires_in, refresh_token, openid, scope, unionid?}; unionid only for
 *   snsapi_userinfo, as the documentation says.
 * - `GET /sns/userinfo?access_token&openid&lang` → {openid, nickname, sex, province, city, country,
 *   headimgurl, privilege, unionid?}; a snsapi_base token gets 48001.
 * - `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code` → {openid, session_key, unionid?}.
 *
 * Errors are HTTP 200 with {errcode, errmsg}, as WeChat answers them. Codes are used once (40163
 * the second time) and live 5 minutes (42003 after). Who is "in the browser" is a test's or a
 * demo's choice: the cookie set by `GET /standin/sns/as?key&next`, else the user named by
 * `POST /standin/sns/current`. `POST /standin/sns/js-code` is the mini-program's wx.login.
 */

export const SNS_CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_SECONDS = 7200;
const USER_COOKIE = 'standin_wechat_user';

/** A person's openid in an app: stable per (app, person), different across apps, 28 characters like WeChat's. */
export function standinOpenid(appid: string, userKey: string): string {
  return `o${createHash('sha256').update(`${appid}:${userKey}`).digest('base64url').slice(0, 27)}`;
}

const rid = () => `standin-${randomBytes(6).toString('hex')}`;
const wxError = (reply: FastifyReply, errcode: number, errmsg: string) =>
  reply.type('application/json; encoding=utf-8').send({ errcode, errmsg: `${errmsg}, rid: ${rid()}` });

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>body{font-family:sans-serif;max-width:420px;margin:40px auto;padding:0 16px;text-align:center}` +
        `button{display:block;width:100%;margin:12px 0;padding:12px;font-size:16px;border-radius:6px;border:1px solid #ccc}` +
        `.allow{background:#07c160;color:#fff;border-color:#07c160}</style></head><body>${body}</body></html>`,
    );
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** `redirect_uri` with the code and state added, as WeChat redirects. */
function redirectTo(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

function issueCode(state: StandinState, appid: string, userKey: string, scope?: SnsScope): string {
  const code = randomBytes(16).toString('hex');
  state.snsCodes.set(code, { appid, userKey, scope, expiresAt: Date.now() + SNS_CODE_TTL_MS, used: false });
  return code;
}

type CodeCheck = { ok: true; userKey: string; scope?: SnsScope } | { ok: false; errcode: number; errmsg: string };

/** The app's credentials, then the code: unknown or another app's 40029, used 40163, expired 42003. */
function takeCode(
  ctx: StandinContext,
  q: { appid?: string; secret?: string; code?: string; grant_type?: string },
  kind: 'web' | 'mini',
): CodeCheck {
  const app = (ctx.options.signInApps ?? []).find((a) => a.appId === q.appid);
  if (!app) return { ok: false, errcode: 40013, errmsg: 'invalid appid' };
  if (q.secret !== app.secret) return { ok: false, errcode: 40125, errmsg: 'invalid appsecret' };
  if (q.grant_type !== 'authorization_code') return { ok: false, errcode: 40002, errmsg: 'invalid grant_type' };
  const issued = q.code ? ctx.state.snsCodes.get(q.code) : undefined;
  if (!issued || issued.appid !== q.appid || (kind === 'web') !== (issued.scope !== undefined))
    return { ok: false, errcode: 40029, errmsg: 'invalid code' };
  if (issued.used) return { ok: false, errcode: 40163, errmsg: 'code been used' };
  if (issued.expiresAt <= Date.now()) return { ok: false, errcode: 42003, errmsg: 'code expired' };
  issued.used = true;
  return { ok: true, userKey: issued.userKey, scope: issued.scope };
}

export function registerSns(app: FastifyInstance, ctx: StandinContext) {
  const { state } = ctx;
  const knownApp = (appid: unknown) => (ctx.options.signInApps ?? []).some((a) => a.appId === appid);

  // a browser asks every page's host for its icon; WeChat's pages have none worth drawing
  app.get('/favicon.ico', async (_req, reply) => reply.status(204).send());

  // ---- test and demo controls: the people, and who is in the browser ----

  app.post('/standin/sns/users', async (req, reply) => {
    const b = (req.body ?? {}) as Partial<StandinWechatUser>;
    if (!b.key || typeof b.key !== 'string') return reply.status(400).send({ message: 'key is required' });
    const user: StandinWechatUser = {
      key: b.key,
      nickname: b.nickname ?? `微信用户${b.key.slice(-4)}`,
      avatarUrl: b.avatarUrl ?? `https://thirdwx.qlogo.cn/mmopen/standin/${encodeURIComponent(b.key)}/132`,
      unionid: b.unionid,
    };
    state.wechatUsers.set(user.key, user);
    const openids = Object.fromEntries(
      (ctx.options.signInApps ?? []).map((a) => [a.appId, standinOpenid(a.appId, user.key)]),
    );
    return { ...user, openids };
  });

  app.post('/standin/sns/current', async (req, reply) => {
    const key = (req.body as { key?: string } | undefined)?.key;
    if (key !== undefined && !state.wechatUsers.has(key)) return reply.status(404).send({ message: 'unknown user' });
    state.currentWechatUser = key;
    return { key: key ?? null };
  });

  // a browser chooses who it is: the cookie, then on to `next`
  app.get('/standin/sns/as', async (req, reply) => {
    const { key, next } = req.query as { key?: string; next?: string };
    if (!key || !state.wechatUsers.has(key)) return reply.status(404).send({ message: 'unknown user' });
    reply.header('set-cookie', `${USER_COOKIE}=${encodeURIComponent(key)}; Path=/; HttpOnly; SameSite=Lax`);
    return next ? reply.redirect(next) : { key };
  });

  // the mini-program's wx.login for this person: a js_code for code2Session
  app.post('/standin/sns/js-code', async (req, reply) => {
    const { appid, key } = (req.body ?? {}) as { appid?: string; key?: string };
    if (!knownApp(appid)) return reply.status(404).send({ message: 'unknown appid' });
    if (!key || !state.wechatUsers.has(key)) return reply.status(404).send({ message: 'unknown user' });
    return { code: issueCode(state, appid as string, key) };
  });

  // ---- open.weixin.qq.com: the authorize page ----

  type AuthorizeQuery = {
    appid?: string;
    redirect_uri?: string;
    response_type?: string;
    scope?: string;
    state?: string;
    decision?: string;
  };

  /** The checks WeChat makes before anything is shown; the error page's text when one fails. */
  function authorizeProblem(q: AuthorizeQuery): string | undefined {
    if (!knownApp(q.appid)) return '10016 appid参数错误';
    if (q.response_type !== 'code') return '10004 response_type参数错误';
    if (q.scope !== 'snsapi_base' && q.scope !== 'snsapi_userinfo') return '10005 scope参数错误';
    let redirect: URL;
    try {
      redirect = new URL(q.redirect_uri ?? '');
    } catch {
      return '10003 redirect_uri参数错误';
    }
    const hosts = ctx.options.oauthRedirectHosts;
    if (hosts && !hosts.includes(redirect.host)) return '10003 redirect_uri域名与后台配置不一致';
    if ((q.state ?? '').length > 128) return '10003 state参数过长';
    return undefined;
  }

  function browserUser(cookie: string | undefined): StandinWechatUser | undefined {
    const key = cookieValue(cookie, USER_COOKIE) ?? state.currentWechatUser;
    return key ? state.wechatUsers.get(key) : undefined;
  }

  app.get('/connect/oauth2/authorize', async (req, reply) => {
    const q = req.query as AuthorizeQuery;
    const problem = authorizeProblem(q);
    if (problem) return page(reply, 400, '出错了', `<h1>出错了</h1><p>${escapeHtml(problem)}</p>`);
    const user = browserUser(req.headers.cookie);
    if (!user) return page(reply, 400, '出错了', '<h1>请在微信客户端打开链接</h1>');
    if (q.scope === 'snsapi_base')
      return reply.redirect(
        redirectTo(q.redirect_uri as string, {
          code: issueCode(state, q.appid as string, user.key, 'snsapi_base'),
          state: q.state ?? '',
        }),
      );
    const hidden = (['appid', 'redirect_uri', 'response_type', 'scope', 'state'] as const)
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k] ?? '')}">`)
      .join('');
    return page(
      reply,
      200,
      '微信授权',
      `<h1>授权登录</h1><p>该网页申请获取以下权限</p><p>获得你的公开信息（昵称、头像等）</p>` +
        `<p data-testid="standin-user">${escapeHtml(user.nickname)}</p>` +
        `<form method="get" action="/connect/oauth2/authorize/consent">${hidden}` +
        `<button class="allow" type="submit" name="decision" value="allow" data-testid="wechat-allow">允许</button>` +
        `<button type="submit" name="decision" value="deny" data-testid="wechat-deny">拒绝</button></form>`,
    );
  });

  app.get('/connect/oauth2/authorize/consent', async (req, reply) => {
    const q = req.query as AuthorizeQuery;
    const problem = authorizeProblem(q);
    if (problem || q.scope !== 'snsapi_userinfo')
      return page(reply, 400, '出错了', `<h1>出错了</h1><p>${escapeHtml(problem ?? '10005')}</p>`);
    const user = browserUser(req.headers.cookie);
    if (!user) return page(reply, 400, '出错了', '<h1>请在微信客户端打开链接</h1>');
    // refusing: back to the page with the state only
    if (q.decision !== 'allow') return reply.redirect(redirectTo(q.redirect_uri as string, { state: q.state ?? '' }));
    return reply.redirect(
      redirectTo(q.redirect_uri as string, {
        code: issueCode(state, q.appid as string, user.key, 'snsapi_userinfo'),
        state: q.state ?? '',
      }),
    );
  });

  // ---- api.weixin.qq.com ----

  app.get('/sns/oauth2/access_token', async (req, reply) => {
    const q = req.query as { appid?: string; secret?: string; code?: string; grant_type?: string };
    const taken = takeCode(ctx, q, 'web');
    if (!taken.ok) return wxError(reply, taken.errcode, taken.errmsg);
    const user = state.wechatUsers.get(taken.userKey) as StandinWechatUser;
    const scope = taken.scope as SnsScope;
    const openid = standinOpenid(q.appid as string, user.key);
    const accessToken = randomBytes(24).toString('base64url');
    state.snsTokens.set(accessToken, {
      appid: q.appid as string,
      userKey: user.key,
      openid,
      scope,
      expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000,
    });
    return {
      access_token: accessToken,
      expires_in: TOKEN_TTL_SECONDS,
      refresh_token: randomBytes(24).toString('base64url'),
      openid,
      scope,
      ...(scope === 'snsapi_userinfo' && user.unionid ? { unionid: user.unionid } : {}),
    };
  });

  app.get('/sns/userinfo', async (req, reply) => {
    const q = req.query as { access_token?: string; openid?: string; lang?: string };
    const token = q.access_token ? state.snsTokens.get(q.access_token) : undefined;
    if (!token) return wxError(reply, 40001, 'invalid credential, access_token is invalid or not latest');
    if (token.expiresAt <= Date.now()) return wxError(reply, 42001, 'access_token expired');
    if (q.openid !== token.openid) return wxError(reply, 40003, 'invalid openid');
    if (token.scope !== 'snsapi_userinfo') return wxError(reply, 48001, 'api unauthorized');
    const user = state.wechatUsers.get(token.userKey) as StandinWechatUser;
    // since 2021 WeChat no longer gives sex and region: 0 and empty strings
    return {
      openid: token.openid,
      nickname: user.nickname,
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: user.avatarUrl,
      privilege: [],
      ...(user.unionid ? { unionid: user.unionid } : {}),
    };
  });

  app.get('/sns/jscode2session', async (req, reply) => {
    const q = req.query as { appid?: string; secret?: string; js_code?: string; grant_type?: string };
    const taken = takeCode(ctx, { ...q, code: q.js_code }, 'mini');
    if (!taken.ok) return wxError(reply, taken.errcode, taken.errmsg);
    const user = state.wechatUsers.get(taken.userKey) as StandinWechatUser;
    return {
      openid: standinOpenid(q.appid as string, user.key),
      session_key: randomBytes(16).toString('base64'),
      ...(user.unionid ? { unionid: user.unionid } : {}),
    };
  });
}
