import { randomUUID } from 'node:crypto';
import { exec } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../../lib/config.js';
import type { OutboxBatchHandler, OutboxHandler } from './service.js';
import { completeProviderRefund } from '../payments/service.js';
import { wechatPayOf } from '../payments/wechatpay/provider.js';
import { submitWechatRefund } from '../payments/wechatpay/refunds.js';

/** Where customer notifications go: the log by default, a webhook (e.g. an SMS/WeChat gateway) when configured. */
export type NotificationSender = (message: Record<string, unknown>) => Promise<void>;

export function logSender(): NotificationSender {
  return async (message) => {
    if (process.env.LINLI_QUIET !== '1') console.log(`[notify] ${JSON.stringify(message)}`);
  };
}

export function webhookSender(url: string): NotificationSender {
  return async (message) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  };
}

/** Notifications of one batch sent at the same time, at most. */
export const SEND_CONCURRENCY = 8;

/** `send` replaces the configured sender (tests: a gateway that fails for chosen messages). */
export function outboxHandlers(
  config: Config,
  send: NotificationSender = config.notifyWebhookUrl ? webhookSender(config.notifyWebhookUrl) : logSender(),
): Record<string, OutboxHandler> {
  const notify = async (db: Db, payload: Record<string, unknown>) => {
    const { userId, kind, ...rest } = payload as { userId: string; kind: string };
    // the in-app inbox copy is written with the delivery, so it exists iff the message went out
    await exec(
      db,
      sql`insert into notifications (user_id, kind, payload) values (${userId}, ${kind}, ${JSON.stringify(rest)}::jsonb)`,
    );
    await send(payload);
  };
  // The same for a whole batch: one insert for every inbox copy (one JSON parameter, so the text is
  // the same for any batch size), then the sends, SEND_CONCURRENCY at a time; a failed send's copy
  // is deleted again, so the copy still exists iff its message went out. The ids are chosen here to know which row is whose.
  const notifyBatch: OutboxBatchHandler = async (db, payloads) => {
    const copies = payloads.map(({ userId, kind, ...rest }) => ({
      id: randomUUID(),
      user_id: userId,
      kind,
      payload: rest,
    }));
    await exec(
      db,
      sql`insert into notifications (id, user_id, kind, payload)
      select id, user_id, kind, payload from jsonb_to_recordset(${JSON.stringify(copies)}::jsonb)
      as t(id uuid, user_id uuid, kind text, payload jsonb)`,
    );
    const failures = new Map<number, unknown>();
    // A few sends at a time: one at a time, a gateway answering in 20 ms would cap delivery at 50 a second.
    let next = 0;
    const sender = async () => {
      while (next < payloads.length) {
        const i = next++;
        try {
          await send(payloads[i]);
        } catch (err) {
          failures.set(i, err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, payloads.length) }, sender));
    if (failures.size) {
      const unsent = [...failures.keys()].map((i) => copies[i].id);
      await exec(db, sql`delete from notifications where id = any(${`{${unsent.join(',')}}`}::uuid[])`);
    }
    return failures;
  };
  return {
    'notify.customer': Object.assign(notify, { batch: notifyBatch }),
    // operator alerts: the inbox row is the alert itself; the message goes to the same gateway
    'notify.operator': async (_db: Db, payload) => {
      await send(payload);
    },
    // refunds are rare next to notifications: one savepoint each keeps completeProviderRefund as it is
    'payment.refund': async (db: Db, payload) => {
      if (payload.provider !== 'wechatpay') return completeProviderRefund(db, String(payload.providerRefundId));
      // a WeChat payment goes back through WeChat Pay (decision 063); without its configuration
      // the message waits and is retried, never completed as if refunded
      if (!config.wechatPay) throw new Error('WeChat Pay is not configured on this server');
      await submitWechatRefund(db, config.wechatPay, String(payload.providerRefundId));
    },
    // an unpaid payment of a cancelled or expired order, closed at its provider (decision 063)
    'payment.close': async (db: Db, payload) => {
      if (payload.provider !== 'wechatpay') return;
      const pay = wechatPayOf(config);
      if (!pay) throw new Error('WeChat Pay is not configured: the payment cannot be closed');
      await pay.close(db, String(payload.paymentId));
    },
  };
}
