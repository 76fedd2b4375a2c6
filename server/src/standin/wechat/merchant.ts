import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  encryptResource,
  parseAuthorization,
  rsaVerify,
  signBody,
  signedLines,
  MAX_CLOCK_SKEW_SECONDS,
  unixSeconds,
} from '../../modules/payments/wechatpay/crypto.js';
import { httpRequest } from '../../lib/http-client.js';
import { currentPlatformKey, type StandinMerchant } from './keys.js';

/**
 * The merchant side of the stand-in's WeChat Pay: every call must carry a valid Authorization
 * (mchid, serial, a timestamp within 5 minutes, the signature over method, path, timestamp, nonce
 * and the exact body), else 401 SIGN_ERROR as WeChat Pay answers; every answer is signed with the
 * current platform key; notifications are encrypted with the APIv3 key and signed.
 */

export interface RawRequest extends FastifyRequest {
  rawBody?: string;
}

/** undefined when the request is properly signed, else why not */
export function merchantSignatureProblem(m: StandinMerchant, req: RawRequest, now = unixSeconds()): string | undefined {
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) return 'missing or malformed Authorization';
  if (auth.mchid !== m.mchid) return 'unknown mchid';
  if (auth.serial_no !== m.merchantSerial) return 'unknown certificate serial';
  if (Math.abs(now - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'timestamp too far from now';
  const message = signedLines(req.method, req.url, auth.timestamp, auth.nonce_str, req.rawBody ?? '');
  return rsaVerify(message, auth.signature, m.merchantPublicKey) ? undefined : 'signature does not verify';
}

/**
 * Sends a JSON answer signed as WeChat Pay signs (or, with `status` 204, no body); `forged`: the
 * signature covers other bytes, a forgery the merchant must refuse.
 */
export function signedReply(
  m: StandinMerchant,
  reply: FastifyReply,
  status: number,
  body?: unknown,
  opts: { forged?: boolean } = {},
) {
  if (body === undefined) return reply.status(status).send();
  const text = JSON.stringify(body);
  const key = currentPlatformKey(m);
  const h = signBody(opts.forged ? `${text}{}` : text, { serial: key.serial, privateKey: key.privateKey });
  return reply
    .status(status)
    .headers({
      'content-type': 'application/json; charset=utf-8',
      'wechatpay-timestamp': h.timestamp,
      'wechatpay-nonce': h.nonce,
      'wechatpay-signature': h.signature,
      'wechatpay-serial': h.serial,
      'request-id': `standin-${h.nonce}`,
    })
    .send(text);
}

/** A WeChat Pay error answer: {code, message}, signed like every answer. */
export const errorReply = (m: StandinMerchant, reply: FastifyReply, status: number, code: string, message: string) =>
  signedReply(m, reply, status, { code, message });

export interface NotificationOptions {
  eventType: string;
  summary: string;
  /** transaction or refund: the resource's original_type and associated_data */
  originalType: 'transaction' | 'refund';
  resource: unknown;
  /** a probe or a forgery: the signature does not match the body */
  badSignature?: boolean;
  /** when the event happened (an older delivery arriving late keeps its own time); now by default */
  createTime?: Date;
}

export interface DeliveredNotification {
  status: number;
  body: string;
}

/** A notification as WeChat Pay sends it: the resource encrypted with the APIv3 key, the body signed. */
export function signedNotification(
  m: StandinMerchant,
  n: NotificationOptions,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    create_time: (n.createTime ?? new Date()).toISOString().replace(/\.\d+Z$/, '+00:00'),
    resource_type: 'encrypt-resource',
    event_type: n.eventType,
    summary: n.summary,
    resource: encryptResource(JSON.stringify(n.resource), m.apiV3Key, n.originalType, n.originalType),
  });
  const key = currentPlatformKey(m);
  const h = signBody(n.badSignature ? `${body} ` : body, { serial: key.serial, privateKey: key.privateKey });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': h.timestamp,
      'wechatpay-nonce': h.nonce,
      'wechatpay-signature': h.signature,
      'wechatpay-serial': h.serial,
    },
  };
}

/**
 * Posts one notification to the merchant's notify_url: the resource encrypted with AES-256-GCM,
 * the body signed; answers the merchant's status (WeChat Pay counts only 200 and 204 as received).
 */
export async function sendNotification(
  m: StandinMerchant,
  url: string,
  n: NotificationOptions,
): Promise<DeliveredNotification> {
  const { body, headers } = signedNotification(m, n);
  try {
    const res = await httpRequest(url, { method: 'POST', headers, body, timeoutMs: 5_000 });
    return { status: res.status, body: res.body.toString('utf8') };
  } catch (err) {
    return { status: 0, body: String(err) };
  }
}
