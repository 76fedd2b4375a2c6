import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors, id, ok } from '../../lib/schemas.js';
import { cancelReminder, pendingReminders, subscribeReminder } from './reminders.js';

const reminder = z.object({ campaignItemId: z.string(), saleStartsAt: z.string() });

/** 开抢提醒: the customer's reminders of flash deals that have not opened yet. */
export function reminderRoutes(app: App, ctx: AppContext) {
  const tags = ['campaigns'];
  app.post(
    '/me/flash-reminders',
    {
      schema: {
        tags,
        description:
          'Remind me when this flash deal opens (a customer notification, once). Subscribing twice changes nothing. ' +
          'INVALID_STATE for a deal that is no flash deal, is on sale already or whose campaign is closed.',
        body: z.object({ campaignItemId: id }),
        response: { 201: reminder, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await subscribeReminder(ctx.db, user.id, req.body.campaignItemId));
    },
  );

  app.get(
    '/me/flash-reminders',
    {
      schema: {
        tags,
        description: 'Reminders not sent yet, soonest opening first.',
        response: { 200: z.array(reminder), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return pendingReminders(ctx.db, user.id);
    },
  );

  app.delete(
    '/me/flash-reminders/:campaignItemId',
    {
      schema: {
        tags,
        description: 'Takes back a reminder not sent yet; 404 when there is none.',
        params: z.object({ campaignItemId: id }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await cancelReminder(ctx.db, user.id, req.params.campaignItemId);
      return { ok: true as const };
    },
  );
}
