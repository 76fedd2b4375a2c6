import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { one } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { errors, idParams } from '../../lib/schemas.js';
import { orderNumber } from '../../lib/ids.js';
import { applyPaymentNotification } from './service.js';

const cashierPayment = z.object({
  paymentId: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  orderKind: z.string(),
  amountFen: z.number(),
  status: z.enum(['pending', 'succeeded', 'refunded_on_arrival']),
  orderStatus: z.string(),
});

/**
 * The simulated provider's cashier (收银台), the stand-in for WeChat Pay's own payment page: the
 * shop sends the customer to /simpay/cashier/{paymentId}; the customer confirms there and the
 * provider notifies Linli. The simulated provider lives in this process, so "notify" is the same
 * once-only applyPaymentNotification the signed webhook uses, with the provider's own
 * transaction id. Only the payer may see or confirm their payment.
 */
export function cashierRoutes(app: App, ctx: AppContext) {
  const tags = ['payments'];

  const load = async (paymentId: string, userId: string) => {
    const row = await one<{
      id: string;
      order_id: string;
      seq: number;
      kind: string;
      amount_fen: number;
      status: 'pending' | 'succeeded' | 'refunded_on_arrival';
      order_status: string;
    }>(
      ctx.db,
      sql`
      select p.id, p.order_id, o.seq, o.kind, p.amount_fen, p.status, o.status as order_status
      from payments p join orders o on o.id = p.order_id
      where p.id = ${paymentId} and p.user_id = ${userId} and p.provider = 'simpay'`,
    );
    if (!row) throw notFound('Payment');
    return {
      paymentId: row.id,
      orderId: row.order_id,
      orderNumber: orderNumber(row.seq),
      orderKind: row.kind,
      amountFen: row.amount_fen,
      status: row.status,
      orderStatus: row.order_status,
    };
  };

  app.get(
    '/simpay/payments/:id',
    {
      schema: {
        tags,
        summary: 'The cashier page reads the payment it is asked to take',
        params: idParams,
        response: { 200: cashierPayment, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return load(req.params.id, user.id);
    },
  );

  app.post(
    '/simpay/payments/:id/confirm',
    {
      schema: {
        tags,
        summary: 'The payer confirms on the cashier page; the simulated provider notifies Linli at once',
        params: idParams,
        response: { 200: cashierPayment, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const payment = await load(req.params.id, user.id);
      if (payment.status === 'pending') {
        await applyPaymentNotification(ctx.db, {
          provider: 'simpay',
          paymentId: payment.paymentId,
          orderId: payment.orderId,
          // one charge per payment: a double tap or two tabs confirm the same transaction
          amountFen: payment.amountFen,
          providerTxnId: `simpay-${payment.paymentId}`,
        });
      }
      return load(req.params.id, user.id);
    },
  );
}
