import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError, accountDisabled, invalidState, unauthenticated, validation } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { errors, id, idParams, ok, phone } from '../../lib/schemas.js';
import {
  assertCanRegister,
  changePassword,
  createUser,
  findUserByPhone,
  getProfile,
  issueToken,
  login,
  myNotifications,
  NOTIFICATION_KEYSET,
  revokeSessions,
  revokeToken,
  searchUsers,
  setPickupPoint,
  USER_KEYSET,
  setUserDisabled,
  setUserRegions,
  setUserRoles,
} from './service.js';
import {
  LOGIN_RULES,
  assertUsablePassword,
  guardedPasswordSignIn,
  takeRegistration,
  loginKeys,
  sendSmsCode,
  useSmsCode,
  wrongCode,
} from './sign-in.js';
import { POINTS_KEYSET, pointsHistory } from './points.js';
import { wechatSignInOptions } from '../wechat-login/routes.js';
import { wechatOff } from '../wechat-login/rules.js';
import { grantOnRegistration } from '../lifecycle/service.js';
import { pageQuery, pageRequest, sendPage, withNextCursor } from '../../lib/pages.js';
import { STAFF } from '../../lib/access.js';
import { CONSOLE_ROLES, ROLES, type Role } from '../../lib/auth.js';

/** the roles an admin sets on an account (a leader is appointed to a pickup point instead) */
const ASSIGNABLE_ROLES: readonly Role[] = [...CONSOLE_ROLES, 'customer'];

const user = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  regionIds: z
    .array(z.string())
    .nullable()
    .optional()
    .describe('at sign-in: the regions a console user works in (null: every region)'),
});
const session = z.object({ token: z.string(), user });
const smsCode = z.string().regex(/^\d{6}$/, 'six digits');
const profile = user.extend({
  pickupPointId: z.string().nullable(),
  membership: z.object({ plan: z.string(), activeUntil: z.string() }).nullable(),
  pointsBalance: z.number().int(),
  inviteCode: z.string(),
  growth: z.number().int(),
  tier: z.enum(['bronze', 'silver', 'gold']),
  hasPassword: z.boolean().describe('false for an account WeChat sign-in made: it sets a first password by SMS code'),
});

const smsOff = () => new AppError('SMS_OFF', 404, 'SMS verification is off on this server');

export function accountRoutes(app: App, ctx: AppContext) {
  const tags = ['accounts'];
  // Only a demo server outside production may hand the code back instead of (as well as) sending it.
  const showsCodes = () => ctx.config.demo && !ctx.config.production;

  app.get(
    '/auth/options',
    {
      schema: {
        tags,
        security: [],
        summary: 'How this server signs people up and in, for the apps to show the right screens',
        response: {
          200: z.object({
            smsVerify: z.boolean().describe('registration needs smsCode, and signing in by SMS code is available'),
            demo: z.boolean().describe('a demo server: the SMS code is shown on screen'),
            simulatedPayments: z.boolean().describe('payments go through the simulated provider: no real money moves'),
            wechatPay: z.boolean().describe('WeChat Pay is on: the apps pay with method "wechatpay" (decision 063)'),
            wechat: z
              .object({
                officialAccount: z.boolean().describe("sign in through the 公众号's authorization (H5 shop)"),
                miniProgram: z.boolean().describe("sign in with the mini-program's wx.login code"),
              })
              .optional()
              .describe('present when WeChat sign-in is configured (decision 065)'),
          }),
        },
      },
    },
    async () => ({
      smsVerify: ctx.config.smsVerify,
      demo: showsCodes(),
      simulatedPayments: ctx.config.simpay,
      wechatPay: Boolean(ctx.config.wechatPay),
      ...(ctx.config.wechat ? { wechat: wechatSignInOptions(ctx) } : {}),
    }),
  );

  app.post(
    '/auth/sms-code',
    {
      schema: {
        tags,
        security: [],
        summary:
          'Send a 6-digit code by SMS (5 minutes, 5 tries); one a minute per phone, daily caps per phone and address',
        body: z.object({
          phone,
          purpose: z
            .enum(['register', 'login', 'bind', 'password'])
            .describe(
              'bind: a WeChat sign-in binding a phone; password: a first password for an account WeChat sign-in made (sent only to a phone with an account)',
            ),
        }),
        response: {
          200: z.object({
            sent: z.literal(true),
            retryAfterSeconds: z.number().int(),
            demoCode: z.string().optional().describe('only on a demo server outside production'),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      if (!ctx.config.smsVerify) throw smsOff();
      // binding codes exist for WeChat sign-in only
      if (req.body.purpose === 'bind' && !ctx.config.wechat) throw wechatOff();
      const sent = await sendSmsCode(ctx.db, ctx.throttle, ctx.sms, { ...req.body, ip: req.ip });
      return {
        sent: true as const,
        retryAfterSeconds: sent.retryAfterSeconds,
        ...(showsCodes() ? { demoCode: sent.code } : {}),
      };
    },
  );

  app.post(
    '/auth/login-by-code',
    {
      schema: {
        tags,
        security: [],
        summary: 'Sign in with a code from POST /auth/sms-code (purpose login)',
        body: z.object({ phone: z.string().max(20), smsCode: z.string().max(20) }),
        response: { 200: session, ...errors },
      },
    },
    async (req) => {
      if (!ctx.config.smsVerify) throw smsOff();
      const address = loginKeys(req.body.phone, req.ip).address;
      await ctx.throttle.check([address]);
      const found = (await useSmsCode(ctx.db, req.body.phone, 'login', req.body.smsCode))
        ? await findUserByPhone(ctx.db, req.body.phone)
        : undefined;
      if (!found) {
        await ctx.throttle.fail(address, LOGIN_RULES.address);
        throw unauthenticated('Wrong phone number or code');
      }
      if (found.disabled) throw accountDisabled();
      const { disabled: _, ...user } = found;
      return { token: await issueToken(ctx.db, user.id), user };
    },
  );

  app.post(
    '/auth/register',
    {
      schema: {
        tags,
        security: [],
        description:
          'With SMS verification on (GET /auth/options), smsCode from POST /auth/sms-code (purpose register) is required.',
        body: z.object({
          phone,
          password: z.string().min(8).max(200),
          name: z.string().trim().min(1).max(50),
          inviteCode: z.string().max(20).optional(),
          pickupPointId: id
            .optional()
            .describe(
              "the point of the leader's link the customer came by: bound at once (else an invitation binds the inviter's point)",
            ),
          smsCode: smsCode.optional(),
        }),
        response: { 201: session, ...errors },
      },
    },
    async (req, reply) => {
      assertUsablePassword(req.body.password, ctx.config.production);
      if (ctx.config.smsVerify) {
        if (!req.body.smsCode) throw validation('An SMS code is required', { field: 'smsCode' });
        // refusals that do not need the code come first, so they do not spend it
        await assertCanRegister(ctx.db, req.body.phone, req.body.inviteCode, req.body.pickupPointId);
        if (!(await useSmsCode(ctx.db, req.body.phone, 'register', req.body.smsCode))) throw wrongCode();
      }
      // a mass sign-up from one address is refused in production; development and tests register freely
      if (ctx.config.production) await takeRegistration(ctx.throttle, req.ip);
      const created = await createUser(ctx.db, req.body);
      // the lifecycle programs switched on in her region: the welcome coupon, an invitee's first-order coupon
      await grantOnRegistration(ctx.db, created.id);
      const token = await issueToken(ctx.db, created.id);
      return reply.status(201).send({ token, user: created });
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        security: [],
        description:
          'Wrong passwords make the phone (from that address), the phone and the address wait longer and longer: 429 with Retry-After.',
        body: z.object({ phone: z.string().max(20), password: z.string().max(200) }),
        response: { 200: session, ...errors },
      },
    },
    async (req) =>
      guardedPasswordSignIn(ctx.throttle, req.body.phone, req.ip, () =>
        login(ctx.db, req.body.phone, req.body.password, { production: ctx.config.production }),
      ),
  );

  app.post('/auth/logout', { schema: { tags, response: { 200: ok, ...errors } } }, async (req) => {
    const current = await ctx.auth.require(req);
    await revokeToken(ctx.db, current.tokenHash);
    ctx.auth.forget(current.tokenHash);
    return { ok: true as const };
  });

  app.post(
    '/auth/logout-all',
    {
      schema: {
        tags,
        description: 'Sign out everywhere: every session of the caller ends, this one included',
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const current = await ctx.auth.require(req);
      await revokeSessions(ctx.db, current.id);
      ctx.auth.forgetUser(current.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        description:
          'Change the password (the current one is checked: 400 when wrong); an account WeChat sign-in made, which has none (GET /me hasPassword), sets its first one with smsCode from POST /auth/sms-code (purpose password) instead. Every other session of the caller ends',
        body: z.object({
          oldPassword: z.string().max(200).optional(),
          smsCode: z.string().max(10).optional(),
          newPassword: z.string().min(8).max(200),
        }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const current = await ctx.auth.require(req);
      assertUsablePassword(req.body.newPassword, ctx.config.production);
      const { newPassword, ...proof } = req.body;
      await changePassword(ctx.db, current.id, current.tokenHash, proof, newPassword);
      ctx.auth.forgetUser(current.id);
      return { ok: true as const };
    },
  );

  app.get('/me', { schema: { tags, response: { 200: profile, ...errors } } }, async (req) => {
    const current = await ctx.auth.require(req);
    return getProfile(ctx.db, current.id);
  });

  app.put(
    '/me/pickup-point',
    {
      schema: {
        tags,
        description:
          "The customer's pickup point. An account's first point is remembered as what brought it (via: a leader's link, or the chooser, the default).",
        body: z.object({ pickupPointId: id, via: z.enum(['link', 'chooser']).optional() }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const current = await ctx.auth.require(req);
      await setPickupPoint(ctx.db, current.id, req.body.pickupPointId, req.body.via);
      return { ok: true as const };
    },
  );

  app.get(
    '/me/points',
    {
      schema: {
        tags,
        description:
          'My balance and points entries, newest first, a page at a time (the next page: `nextCursor`, also in ' +
          'the X-Next-Cursor header).',
        querystring: pageQuery,
        response: {
          200: z.object({
            balance: z.number(),
            entries: z.array(z.object({ deltaPoints: z.number(), reason: z.string(), createdAt: z.string() })),
            nextCursor: z
              .string()
              .nullable()
              .describe('The cursor of the next page of entries (null on the last page)'),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const current = await ctx.auth.require(req);
      const page = pageRequest(POINTS_KEYSET, req.query);
      const { nextCursor, ...history } = await pointsHistory(ctx.db, current.id, page);
      return withNextCursor(reply, history, nextCursor);
    },
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        description: 'My notifications, newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: pageQuery,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              payload: z.record(z.string(), z.unknown()),
              createdAt: z.string(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const current = await ctx.auth.require(req);
      return sendPage(reply, await myNotifications(ctx.db, current.id, pageRequest(NOTIFICATION_KEYSET, req.query)));
    },
  );

  // Operators create staff accounts (e.g. warehouse) and find users to appoint as leaders.
  app.post(
    '/admin/users',
    {
      config: { roles: STAFF.admin, regions: 'all' },
      schema: {
        tags,
        body: z.object({
          phone,
          password: z.string().min(8).max(200),
          name: z.string().trim().min(1).max(50),
          roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
        }),
        response: { 201: user, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      assertUsablePassword(req.body.password, ctx.config.production);
      return reply.status(201).send(await createUser(ctx.db, req.body));
    },
  );

  app.get(
    '/admin/users',
    {
      config: { roles: STAFF.admin, regions: 'all' },
      schema: {
        tags,
        description:
          'Users by phone prefix or part of a name, newest first, a page at a time (the next page: the ' +
          'X-Next-Cursor header).',
        querystring: pageQuery.extend({ q: z.string().max(50).optional() }),
        response: {
          200: z.array(
            user.extend({
              createdAt: z.string(),
              disabled: z.boolean(),
              regionIds: z
                .array(z.string())
                .nullable()
                .describe('the regions a console user works in; null: every region'),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      const { items, nextCursor } = await searchUsers(ctx.db, req.query.q, pageRequest(USER_KEYSET, req.query));
      return sendPage(reply, {
        items: items.map((u) => ({
          id: u.id,
          phone: u.phone,
          name: u.name,
          roles: u.roles,
          createdAt: iso(u.createdAt)!,
          disabled: u.disabled,
          regionIds: u.regionIds,
        })),
        nextCursor,
      });
    },
  );

  // Which regions (cities) a console user works in; the next request of theirs already obeys it.
  app.put(
    '/admin/users/:id/regions',
    {
      config: { roles: STAFF.admin, regions: 'all' },
      schema: {
        tags,
        description:
          'Limit a console user (admin or warehouse) to some regions, or give every region: `regionIds` null. A list ' +
          'must name at least one existing region (400 VALIDATION_FAILED, details.field regionIds). Only an operator of ' +
          'every region may do this (403 REGION_FORBIDDEN); limiting your own account is 409. Applies to the ' +
          "user's next request in every server process.",
        params: idParams,
        body: z.object({ regionIds: z.array(id).max(200).nullable() }),
        response: {
          200: user.extend({ disabled: z.boolean(), regionIds: z.array(z.string()).nullable() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const admin = await ctx.auth.require(req);
      if (req.params.id === admin.id && req.body.regionIds !== null)
        throw invalidState('You cannot limit your own account to some regions', { field: 'regionIds' });
      const changed = await setUserRegions(ctx.db, req.params.id, req.body.regionIds);
      ctx.auth.forgetUser(changed.id);
      return changed;
    },
  );

  // What a staff member may do in the console (decision 057); the next request of theirs obeys it.
  app.put(
    '/admin/users/:id/roles',
    {
      config: { roles: STAFF.admin, regions: 'all' },
      schema: {
        tags,
        description:
          "Set a user's roles: the console's staff roles and `customer`. `leader` is not set here (appoint a leader " +
          'to a pickup point: POST /admin/leaders) and stays when the user is one. Removing `admin` from your own ' +
          "account is 409. Applies to the user's next request in every server process.",
        params: idParams,
        body: z.object({ roles: z.array(z.enum(ASSIGNABLE_ROLES)).min(1).max(ASSIGNABLE_ROLES.length) }),
        response: {
          200: user.extend({ disabled: z.boolean(), regionIds: z.array(z.string()).nullable() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const admin = await ctx.auth.require(req);
      if (req.params.id === admin.id && !req.body.roles.includes('admin'))
        throw invalidState('You cannot take the admin role from your own account', { field: 'roles' });
      const changed = await setUserRoles(ctx.db, req.params.id, req.body.roles);
      ctx.auth.forgetUser(changed.id);
      return changed;
    },
  );

  // A dismissed worker loses access at once: every session ends and signing in is refused.
  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/admin/users/:id/${action}`,
      {
        config: { roles: STAFF.admin, regions: 'all' },
        schema: {
          tags,
          description:
            action === 'disable'
              ? 'Disable an account: every session ends at once and signing in answers 403 ACCOUNT_DISABLED; 409 for your own account'
              : 'Enable a disabled account again (its old sessions stay ended)',
          params: idParams,
          response: { 200: user.extend({ disabled: z.boolean() }), ...errors },
        },
      },
      async (req) => {
        const admin = await ctx.auth.require(req);
        if (action === 'disable' && req.params.id === admin.id)
          throw invalidState('You cannot disable your own account');
        const changed = await setUserDisabled(ctx.db, req.params.id, action === 'disable');
        ctx.auth.forgetUser(changed.id);
        return changed;
      },
    );
  }
}
