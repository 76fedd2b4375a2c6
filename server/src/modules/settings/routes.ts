import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { errors } from '../../lib/schemas.js';
import { listSettings, putSetting } from './service.js';
import { STAFF } from '../../lib/access.js';

const settingView = z.object({
  key: z.string(),
  value: z.unknown(),
  default: z.unknown(),
  description: z.string(),
  changed: z.boolean().describe('false: the default applies'),
  updatedAt: z.string().nullable(),
});

export function settingRoutes(app: App, ctx: AppContext) {
  const tags = ['settings'];

  app.get(
    '/admin/settings',
    {
      config: { roles: STAFF.settingsRead, regions: 'shared' },
      schema: {
        tags,
        description: 'The operating thresholds (loss-rate limits, scorecard marks, temperature ranges…), with defaults',
        response: { 200: z.object({ items: z.array(settingView) }), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return { items: await listSettings(ctx.db) };
    },
  );

  app.put(
    '/admin/settings/:key',
    {
      // thresholds hold for every region: an operator limited to some regions may not change them
      config: { roles: STAFF.admin, regions: 'all' },
      schema: {
        tags,
        description: 'Change one threshold (value null: back to the default)',
        params: z.object({ key: z.string().max(100) }),
        body: z.object({ value: z.unknown() }),
        response: { 200: settingView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return putSetting(ctx.db, req.params.key, req.body.value ?? null, user.id);
    },
  );
}
