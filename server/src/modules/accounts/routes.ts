import { z } from 'zod';
import type { App, AppContext } from '../../app.js';
import { invalidState, rateLimited } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { errors, id, idParams, ok, phone } from '../../lib/schemas.js';
import {
  changePassword, createUser, getProfile, issueToken, login, myNotifications, revokeSessions, revokeToken, searchUsers,
  setPickupPoint, setUserDisabled,
} from './service.js';
import { pointsHistory } from './points.js';

const user = z.object({ id: z.string(), phone: z.string(), name: z.string(), roles: z.array(z.string()) });
const session = z.object({ token: z.string(), user });
const profile = user.extend({
  pickupPointId: z.string().nullable(),
  membership: z.object({ plan: z.string(), activeUntil: z.string() }).nullable(),
  pointsBalance: z.number().int(),
  inviteCode: z.string(),
  growth: z.number().int(),
  tier: z.enum(['bronze', 'silver', 'gold']),
});

export function accountRoutes(app: App, ctx: AppContext) {
  const tags = ['accounts'];

  app.post('/auth/register', {
    schema: {
      tags, security: [],
      body: z.object({
        phone, password: z.string().min(8).max(200), name: z.string().trim().min(1).max(50),
        inviteCode: z.string().max(20).optional(),
      }),
      response: { 201: session, ...errors },
    },
  }, async (req, reply) => {
    const created = await createUser(ctx.db, req.body);
    const token = await issueToken(ctx.db, created.id);
    return reply.status(201).send({ token, user: created });
  });

  app.post('/auth/login', {
    schema: {
      tags, security: [],
      body: z.object({ phone: z.string().max(20), password: z.string().max(200) }),
      response: { 200: session, ...errors },
    },
  }, async (req) => {
    // Limit guessing per phone and per address; a success clears the phone's counter.
    const byPhone = `phone:${req.body.phone}`;
    const byIp = `ip:${req.ip}`;
    if (!ctx.limits.loginByPhone.hit(byPhone) || !ctx.limits.loginByIp.hit(byIp)) throw rateLimited();
    const result = await login(ctx.db, req.body.phone, req.body.password);
    ctx.limits.loginByPhone.reset(byPhone);
    return result;
  });

  app.post('/auth/logout', { schema: { tags, response: { 200: ok, ...errors } } }, async (req) => {
    const current = await ctx.auth.require(req);
    await revokeToken(ctx.db, current.tokenHash);
    ctx.auth.forget(current.tokenHash);
    return { ok: true as const };
  });

  app.post('/auth/logout-all', {
    schema: { tags, description: 'Sign out everywhere: every session of the caller ends, this one included', response: { 200: ok, ...errors } },
  }, async (req) => {
    const current = await ctx.auth.require(req);
    await revokeSessions(ctx.db, current.id);
    ctx.auth.forgetUser(current.id);
    return { ok: true as const };
  });

  app.post('/auth/password', {
    schema: {
      tags, description: 'Change the password (the current one is checked: 400 when wrong); every other session of the caller ends',
      body: z.object({ oldPassword: z.string().max(200), newPassword: z.string().min(8).max(200) }),
      response: { 200: ok, ...errors },
    },
  }, async (req) => {
    const current = await ctx.auth.require(req);
    await changePassword(ctx.db, current.id, current.tokenHash, req.body.oldPassword, req.body.newPassword);
    ctx.auth.forgetUser(current.id);
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags, response: { 200: profile, ...errors } } }, async (req) => {
    const current = await ctx.auth.require(req);
    return getProfile(ctx.db, current.id);
  });

  app.put('/me/pickup-point', {
    schema: { tags, body: z.object({ pickupPointId: id }), response: { 200: ok, ...errors } },
  }, async (req) => {
    const current = await ctx.auth.require(req);
    await setPickupPoint(ctx.db, current.id, req.body.pickupPointId);
    return { ok: true as const };
  });

  app.get('/me/points', {
    schema: {
      tags,
      response: { 200: z.object({ balance: z.number(), entries: z.array(z.object({ deltaPoints: z.number(), reason: z.string(), createdAt: z.string() })) }), ...errors },
    },
  }, async (req) => {
    const current = await ctx.auth.require(req);
    return pointsHistory(ctx.db, current.id);
  });

  app.get('/me/notifications', {
    schema: {
      tags,
      response: { 200: z.array(z.object({ id: z.string(), kind: z.string(), payload: z.record(z.string(), z.unknown()), createdAt: z.string() })), ...errors },
    },
  }, async (req) => {
    const current = await ctx.auth.require(req);
    return myNotifications(ctx.db, current.id);
  });

  // Operators create staff accounts (e.g. warehouse) and find users to appoint as leaders.
  app.post('/admin/users', {
    schema: {
      tags,
      body: z.object({
        phone, password: z.string().min(8).max(200), name: z.string().trim().min(1).max(50),
        roles: z.array(z.enum(['admin', 'leader', 'customer', 'warehouse'])).min(1),
      }),
      response: { 201: user, ...errors },
    },
  }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    return reply.status(201).send(await createUser(ctx.db, req.body));
  });

  app.get('/admin/users', {
    schema: {
      tags, querystring: z.object({ q: z.string().max(50).optional() }),
      response: { 200: z.array(user.extend({ createdAt: z.string(), disabled: z.boolean() })), ...errors },
    },
  }, async (req) => {
    await ctx.auth.require(req, 'admin');
    return (await searchUsers(ctx.db, req.query.q)).map((u) => ({ ...u, createdAt: iso(u.createdAt)! }));
  });

  // A dismissed worker loses access at once: every session ends and signing in is refused.
  for (const action of ['disable', 'enable'] as const) {
    app.post(`/admin/users/:id/${action}`, {
      schema: {
        tags,
        description: action === 'disable'
          ? 'Disable an account: every session ends at once and signing in answers 403 ACCOUNT_DISABLED; 409 for your own account'
          : 'Enable a disabled account again (its old sessions stay ended)',
        params: idParams,
        response: { 200: user.extend({ disabled: z.boolean() }), ...errors },
      },
    }, async (req) => {
      const admin = await ctx.auth.require(req, 'admin');
      if (action === 'disable' && req.params.id === admin.id) throw invalidState('You cannot disable your own account');
      const changed = await setUserDisabled(ctx.db, req.params.id, action === 'disable');
      ctx.auth.forgetUser(changed.id);
      return changed;
    });
  }
}
