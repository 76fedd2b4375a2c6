import { z } from 'zod';
import type { App, AppContext } from '../../app.js';
import { bps, created, errors, id } from '../../lib/schemas.js';
import { appointLeader } from './service.js';

export function leaderRoutes(app: App, ctx: AppContext) {
  app.post('/admin/leaders', {
    schema: {
      tags: ['leaders'],
      body: z.object({ userId: id, pickupPointId: id, commissionBps: bps }),
      response: { 201: created, ...errors },
    },
  }, async (req, reply) => {
    await ctx.auth.require(req, 'admin');
    const leader = await appointLeader(ctx.db, req.body);
    ctx.auth.forgetUser(req.body.userId);
    return reply.status(201).send(leader);
  });
}
