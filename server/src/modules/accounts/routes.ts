import { z } from 'zod';
import type { App, AppContext } from '../../app.js';
import { rateLimited } from '../../lib/errors.js';
import { errors, id, ok, phone } from '../../lib/schemas.js';
import { createUser, getProfile, issueToken, login, revokeToken, setPickupPoint } from './service.js';

const user = z.object({ id: z.string(), phone: z.string(), name: z.string(), roles: z.array(z.string()) });
const session = z.object({ token: z.string(), user });
const profile = user.extend({
  pickupPointId: z.string().nullable(),
  membership: z.object({ plan: z.string(), activeUntil: z.string() }).nullable(),
  pointsBalance: z.number().int(),
  inviteCode: z.string(),
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
}
