import { createHmac, timingSafeEqual } from 'node:crypto';

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
