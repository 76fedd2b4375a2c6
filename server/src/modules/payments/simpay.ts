import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../lib/errors.js';

/**
 * The simulated payment provider (a stand-in for WeChat Pay): it signs its notifications with
 * HMAC-SHA256 over the raw body using the shared secret LINLI_SIMPAY_SECRET.
 */
export function signSimpay(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function verifySimpay(rawBody: string, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signSimpay(rawBody, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * The answer to paying with a provider that is not on: the simulated one is off in production
 * unless LINLI_SIMPAY=1; WeChat Pay is on only when configured (LINLI_WECHATPAY=1).
 */
export const paymentsOff = () =>
  new AppError(
    'PAYMENT_UNAVAILABLE',
    409,
    'Online payment is not available on this server: this payment provider is not switched on',
  );
