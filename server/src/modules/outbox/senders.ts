import { exec } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../../lib/config.js';
import type { OutboxHandler } from './service.js';
import { completeProviderRefund } from '../payments/service.js';

/** Where customer notifications go: the log by default, a webhook (e.g. an SMS/WeChat gateway) when configured. */
export type NotificationSender = (message: Record<string, unknown>) => Promise<void>;

export function logSender(): NotificationSender {
  return async (message) => {
    if (process.env.LINLI_QUIET !== '1') console.log(`[notify] ${JSON.stringify(message)}`);
  };
}

export function webhookSender(url: string): NotificationSender {
  return async (message) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  };
}

export function outboxHandlers(config: Config): Record<string, OutboxHandler> {
  const send = config.notifyWebhookUrl ? webhookSender(config.notifyWebhookUrl) : logSender();
  return {
    'notify.customer': async (db: Db, payload) => {
      const { userId, kind, ...rest } = payload as { userId: string; kind: string };
      // the in-app inbox copy is written with the delivery, so it exists iff the message went out
      await exec(db, sql`insert into notifications (user_id, kind, payload) values (${userId}, ${kind}, ${JSON.stringify(rest)}::jsonb)`);
      await send(payload);
    },
    'payment.refund': async (db: Db, payload) => {
      await completeProviderRefund(db, String(payload.providerRefundId));
    },
  };
}
