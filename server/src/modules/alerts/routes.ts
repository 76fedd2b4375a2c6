import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, idParams } from '../../lib/schemas.js';
import { acknowledgeAlert, listAlerts } from './service.js';
import { STAFF } from '../../lib/access.js';

export const alertView = z.object({
  id: z.string(),
  kind: z.string().describe('supplier_document_expiring, deals_without_supplier, …'),
  severity: z.string(),
  regionId: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});

export function alertRoutes(app: App, ctx: AppContext) {
  const tags = ['alerts'];

  app.get(
    '/admin/alerts',
    {
      config: { roles: STAFF.alerts, regions: 'scoped' },
      schema: {
        tags,
        description:
          "The operators' alert inbox: open alerts, newest first (all=true: acknowledged ones too), and the number open. Alerts of no region are everyone's.",
        querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ openCount: z.number(), items: z.array(alertView) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listAlerts(ctx.db, regionScope(user), { all: req.query.all === 'true' });
    },
  );

  app.post(
    '/admin/alerts/:id/ack',
    {
      config: { roles: STAFF.alerts, regions: 'scoped' },
      schema: {
        tags,
        description: 'Acknowledge an alert (again: no change)',
        params: idParams,
        response: { 200: alertView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return acknowledgeAlert(ctx.db, regionScope(user), req.params.id, user.id);
    },
  );
}
