import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { notFound } from '../../../lib/errors.js';
import { wechatPayOf } from './provider.js';

const fail = z.object({ code: z.literal('FAIL'), message: z.string() });

/**
 * WeChat Pay's payment notifications (decision 063). The body is read as the exact bytes WeChat
 * Pay signed; the answer is what WeChat Pay understands: 204 once applied (or already applied,
 * or nothing to apply), else 4xx/5xx with {code: "FAIL", message}, after which it retries.
 */
export function wechatPayRoutes(app: App, ctx: AppContext) {
  app.post(
    '/payments/wechatpay/notify',
    {
      schema: {
        tags: ['payments'],
        security: [],
        summary: "WeChat Pay's payment notification (signed, encrypted); applied once per transaction",
        response: { 204: z.null().describe('received'), 400: fail, 401: fail, 404: z.unknown(), 500: fail },
      },
    },
    async (req, reply) => {
      const pay = wechatPayOf(ctx.config);
      if (!pay) throw notFound('Payment provider wechatpay');
      const outcome = await pay.notification(
        ctx.db,
        { rawBody: req.rawBody ?? '', body: req.body, headers: req.headers },
        req.log,
      );
      if (outcome.status === 204) return reply.status(204).send(null);
      return reply.status(outcome.status).send({ code: 'FAIL' as const, message: outcome.message });
    },
  );
}
