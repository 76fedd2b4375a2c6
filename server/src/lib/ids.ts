import { hash, randomBytes, randomInt } from 'node:crypto';

/** An unguessable pickup code: 10 digits from a CSPRNG (first digit never 0, so it stays 10 long). */
export function newPickupCode(): string {
  let code = String(randomInt(1, 10));
  for (let i = 0; i < 9; i++) code += String(randomInt(0, 10));
  return code;
}

/** An invite code: 8 characters without look-alikes (0/O, 1/I/L). */
export function newInviteCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 (one-shot: every request hashes its bearer token). */
export function sha256(text: string): string {
  return hash('sha256', text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Display form of an order number, e.g. LL00012345. */
export const orderNumber = (seq: number) => `LL${String(seq).padStart(8, '0')}`;
