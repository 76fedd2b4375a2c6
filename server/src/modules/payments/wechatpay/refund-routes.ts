import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App, AppContext } from '../../../context.js';
import { safeError } from '../../../lib/log.js';
import { wechatpayHeaders, type EncryptedResource } from './crypto.js';
import { wechatPayClient } from './provider.js';
import { applyRefundNotice, REFUND_NOTIFY_PATH, type RefundNotice } from './refunds.js';

/** WeChat Pay's failure answer to a notification: it retries until it gets 200 or 204. */
const fail = z.object({ code: z.literal('FAIL'), message: z.string() });

const envelope = z.object({
  id: z.string().max(64),
  event_type: z.string().regex(/^REFUND\.(SUCCESS|ABNORMAL|CLOSED)$/),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1).max(16_384),
    nonce: z.string().min(1).max(64),
    associated_data: z.string().max(256).default(''),
    original_type: z.string().max(32).optional(),
  }),
});

const fen = z.number().int().min(0);
const notice = z.object({
  mchid: z.string().max(32),
  out_trade_no: z.string().max(32),
  transaction_id: z.string().max(32).optional(),
  out_refund_no: z.string().max(64),
  refund_id: z.string().min(1).max(32),
  refund_status: z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']),
  success_time: z.string().max(40).optional(),
  user_received_account: z.string().max(64).optional(),
  amount: z.object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() }),
});

const answer = (reply: FastifyReply, status: number, message: string) =>
  reply.status(status).send({ code: 'FAIL' as const, message });

export function wechatpayRefundRoutes(app: App, ctx: AppContext) {
  app.post(
    REFUND_NOTIFY_PATH,
    {
      schema: {
        tags: ['payments'],
        security: [],
        description:
          'WeChat Pay refund result notifications (REFUND.SUCCESS / ABNORMAL / CLOSED): signature verified, ' +
          'resource decrypted and checked against the refund, applied once. 204 when taken; ' +
          '{code:"FAIL", message} otherwise, which WeChat Pay retries.',
        response: { 204: z.null(), 400: fail, 401: fail, 404: fail, 500: fail },
      },
    },
    async (req, reply) => {
      const config = ctx.config.wechatPay;
      if (!config) return answer(reply, 404, 'WeChat Pay is not switched on');
      const client = wechatPayClient(config);
      const headers = wechatpayHeaders(req.headers);
      if (!headers) return answer(reply, 401, 'missing Wechatpay-* signature headers');
      // the raw bytes, never the parsed body: the signature covers them exactly
      const check = await client.checkSigned(req.rawBody ?? '', headers);
      if (check !== 'ok') {
        req.log.warn({ check }, 'WeChat Pay refund notification refused');
        return answer(reply, 401, `signature check failed: ${check}`);
      }
      const parsed = envelope.safeParse(req.body);
      if (!parsed.success) return answer(reply, 400, 'not a refund notification');
      let decrypted: unknown;
      try {
        decrypted = client.decrypt<unknown>(parsed.data.resource as EncryptedResource);
      } catch {
        return answer(reply, 400, 'resource does not decrypt');
      }
      const n = notice.safeParse(decrypted);
      if (!n.success) return answer(reply, 400, 'resource is not a refund');
      if (parsed.data.event_type !== `REFUND.${n.data.refund_status}`)
        return answer(reply, 400, 'event_type does not match refund_status');
      try {
        const outcome = await ctx.db.transaction((tx) =>
          applyRefundNotice(tx as never, config, n.data as RefundNotice),
        );
        if (!outcome.ok) {
          req.log.warn({ why: outcome.message }, 'WeChat Pay refund notification not applied');
          return answer(reply, outcome.status, outcome.message);
        }
        return reply.status(204).send(null);
      } catch (err) {
        req.log.error({ err: safeError(err) }, 'WeChat Pay refund notification failed');
        return answer(reply, 500, 'not applied, send again');
      }
    },
  );
}
