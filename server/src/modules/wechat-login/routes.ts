import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { errors, ok, phone } from '../../lib/schemas.js';
import { throttled, type QuotaRule } from '../../lib/throttle.js';
import { useSmsCode, wrongCode } from '../accounts/sign-in.js';
import { grantOnRegistration } from '../lifecycle/service.js';
import { WechatSnsClient } from './client.js';
import { CALLBACK_PATH, safeReturnTo, STATE_COOKIE, STATE_TTL_MINUTES, WECHAT_SCOPES, wechatOff } from './rules.js';
import {
  assertBindable,
  bindPhone,
  linkedIdentities,
  signInWithIdentity,
  startAuthorization,
  takeState,
  unlinkIdentity,
} from './service.js';

const user = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  regionIds: z.array(z.string()).nullable().optional(),
});
const session = z.object({ token: z.string(), user });
/** a linked identity signs in; an unknown one gets a bind token for POST /auth/wechat/bind */
const returnTo = z.string().optional().describe('the shop path given when the authorization started');
const outcome = z.union([
  session.extend({ returnTo }),
  z.object({
    bindToken: z.string().describe('for POST /auth/wechat/bind; 10 minutes, once'),
    nickname: z.string().optional().describe("the WeChat nickname (snsapi_userinfo), the new account's name"),
    expiresInSeconds: z.number().int(),
    returnTo,
  }),
]);
const wechatCode = z.string().trim().min(1).max(128);

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** WeChat sign-ins started per address (a carrier's NAT puts many customers behind one). */
const AUTHORIZE_RULE: QuotaRule = { limit: 120, windowMs: 10 * 60_000 };

const smsOff = () => new AppError('SMS_OFF', 404, 'SMS verification is off on this server');

/** What GET /auth/options adds: which WeChat sign-ins this server offers. */
export function wechatSignInOptions(ctx: AppContext) {
  const w = ctx.config.wechat;
  return { officialAccount: !!w?.officialAccount, miniProgram: !!w?.miniProgram };
}

export function wechatLoginRoutes(app: App, ctx: AppContext) {
  const tags = ['accounts'];
  const client = ctx.config.wechat ? new WechatSnsClient(ctx.config.wechat) : undefined;
  const officialAccount = () => {
    const w = ctx.config.wechat;
    if (!w?.officialAccount || !client) throw wechatOff();
    return { w, app: w.officialAccount, client };
  };
  const miniProgram = () => {
    const w = ctx.config.wechat;
    if (!w?.miniProgram || !client) throw wechatOff();
    return { app: w.miniProgram, client };
  };

  app.get(
    '/auth/wechat/authorize-url',
    {
      schema: {
        tags,
        security: [],
        summary: "The 公众号's authorization page to send the browser to (WeChat sign-in in the H5 shop)",
        description:
          'snsapi_base signs a linked customer in silently; snsapi_userinfo asks consent and gives the nickname (and ' +
          'the unionid). The state is single-use, 10 minutes, and bound to this browser by an HttpOnly cookie: ' +
          'POST /auth/wechat/oauth from another browser is refused. WeChat sends the browser back to the shop at ' +
          `${CALLBACK_PATH}?code&state. 404 WECHAT_OFF when the 公众号 is not configured.`,
        querystring: z.object({
          scope: z.enum(WECHAT_SCOPES).default('snsapi_userinfo'),
          returnTo: z.string().max(300).optional().describe('a shop path to go to after signing in'),
        }),
        response: { 200: z.object({ url: z.string(), state: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const { w, app: oa } = officialAccount();
      // every call stores a state: one address may start a generous number, not flood the table
      const taken = await ctx.throttle.take(`wechat-authorize:ip:${req.ip}`, AUTHORIZE_RULE);
      if (!taken.ok) throw throttled(taken.retryAfterSeconds, 'Too many WeChat sign-ins started, try again later');
      const { state, browserNonce } = await startAuthorization(ctx.db, {
        appId: oa.appId,
        scope: req.query.scope,
        returnTo: safeReturnTo(req.query.returnTo),
      });
      const shop = w.shopUrl ?? `${req.protocol}://${req.host}/shop`;
      const params = new URLSearchParams({
        appid: oa.appId,
        redirect_uri: `${shop}${CALLBACK_PATH}`,
        response_type: 'code',
        scope: req.query.scope,
        state,
      });
      reply.header(
        'set-cookie',
        `${STATE_COOKIE}=${browserNonce}; Path=/api/v1/auth/wechat; Max-Age=${STATE_TTL_MINUTES * 60}; HttpOnly; SameSite=Lax` +
          // over https (LINLI_HTTPS, or any production server) the cookie never travels in the clear
          (ctx.config.https || ctx.config.production ? '; Secure' : ''),
      );
      // the parameters in WeChat's documented order, and #wechat_redirect, which WeChat requires
      return { url: `${w.openBaseUrl}/connect/oauth2/authorize?${params}#wechat_redirect`, state };
    },
  );

  app.post(
    '/auth/wechat/oauth',
    {
      schema: {
        tags,
        security: [],
        summary: "Sign in with the 公众号's code (the shop's callback page posts what WeChat sent back)",
        description:
          'A linked WeChat account (or one whose unionid is linked through the mini-program) signs in: {token, user, ' +
          'returnTo}. An unknown one gets {bindToken, nickname?}: the customer proves a phone at POST /auth/wechat/bind. ' +
          '400 WECHAT_STATE_INVALID (not started in this browser, used, expired); 401 WECHAT_CODE_INVALID (WeChat ' +
          'refused the code: invalid, used, expired); 403 ACCOUNT_DISABLED; 503 WECHAT_UNAVAILABLE.',
        body: z.object({ code: wechatCode, state: z.string().min(1).max(128) }),
        response: { 200: outcome, ...errors },
      },
    },
    async (req) => {
      const { app: oa, client } = officialAccount();
      const started = await takeState(ctx.db, req.body.state, cookie(req.headers.cookie, STATE_COOKIE));
      if (started.appId !== oa.appId) throw wechatOff();
      const grant = await client.exchangeWebCode(oa, req.body.code);
      // the nickname is asked for only with the customer's consent, and only needed for a new account
      const profile = grant.scope.includes('snsapi_userinfo') ? await client.userInfo(grant) : {};
      const result = await signInWithIdentity(ctx.db, {
        appId: oa.appId,
        openid: grant.openid,
        unionid: grant.unionid ?? profile.unionid,
        nickname: profile.nickname,
        avatarUrl: profile.avatarUrl,
      });
      return { ...result, returnTo: started.returnTo };
    },
  );

  app.post(
    '/auth/wechat/miniprogram',
    {
      schema: {
        tags,
        security: [],
        summary: "Sign in with the mini-program's wx.login code",
        description:
          'The same outcomes as POST /auth/wechat/oauth: a session, or a bindToken for POST /auth/wechat/bind. The ' +
          'session_key WeChat returns never leaves the server and is not kept. 401 WECHAT_CODE_INVALID; 404 WECHAT_OFF.',
        body: z.object({ code: wechatCode }),
        response: { 200: outcome, ...errors },
      },
    },
    async (req) => {
      const { app: mp, client } = miniProgram();
      // each call costs a call to WeChat, which limits the app as a whole (45011)
      const taken = await ctx.throttle.take(`wechat-mini:ip:${req.ip}`, AUTHORIZE_RULE);
      if (!taken.ok) throw throttled(taken.retryAfterSeconds, 'Too many WeChat sign-ins, try again later');
      const found = await client.codeToSession(mp, req.body.code);
      return signInWithIdentity(ctx.db, { appId: mp.appId, openid: found.openid, unionid: found.unionid });
    },
  );

  app.post(
    '/auth/wechat/bind',
    {
      schema: {
        tags,
        security: [],
        summary: 'Bind the WeChat account to a phone proved by SMS code, and sign in',
        description:
          'smsCode from POST /auth/sms-code with purpose `bind`. The account with this phone is linked; with none, a ' +
          'customer account is made (no password; named after the WeChat nickname). 401 WECHAT_BIND_EXPIRED (unknown, ' +
          'used or expired bindToken); 400 SMS_CODE_INVALID; 409 WECHAT_ALREADY_LINKED (this WeChat account is ' +
          'linked to another account), 409 WECHAT_APP_LINKED (the account is linked to another WeChat account of this app).',
        body: z.object({
          bindToken: z.string().min(1).max(100),
          phone,
          smsCode: z.string().regex(/^\d{6}$/, 'six digits'),
        }),
        response: { 200: session, ...errors },
      },
    },
    async (req) => {
      if (!ctx.config.wechat) throw wechatOff();
      if (!ctx.config.smsVerify) throw smsOff();
      // a dead token does not spend the customer's SMS code
      await assertBindable(ctx.db, req.body.bindToken);
      if (!(await useSmsCode(ctx.db, req.body.phone, 'bind', req.body.smsCode))) throw wrongCode();
      const bound = await bindPhone(ctx.db, { bindToken: req.body.bindToken, phone: req.body.phone });
      // a new customer gets the welcome programs of her region, as at registration
      if (bound.created) await grantOnRegistration(ctx.db, bound.user.id);
      return { token: bound.token, user: bound.user };
    },
  );

  app.get(
    '/me/wechat',
    {
      schema: {
        tags,
        summary: 'My linked WeChat accounts (the openid masked)',
        response: {
          200: z.array(
            z.object({
              appId: z.string(),
              app: z.enum(['officialAccount', 'miniProgram', 'other']),
              openid: z.string().describe('masked'),
              nickname: z.string().nullable(),
              avatarUrl: z.string().nullable(),
              linkedAt: z.string(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const current = await ctx.auth.require(req);
      const w = ctx.config.wechat;
      return linkedIdentities(ctx.db, current.id, {
        officialAccount: w?.officialAccount?.appId,
        miniProgram: w?.miniProgram?.appId,
      });
    },
  );

  app.delete(
    '/me/wechat/:appId',
    {
      schema: {
        tags,
        summary: 'Unlink my WeChat account of this app; signing in by phone stays',
        params: z.object({ appId: z.string().min(1).max(64) }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const current = await ctx.auth.require(req);
      await unlinkIdentity(ctx.db, current.id, req.params.appId);
      return { ok: true as const };
    },
  );
}
