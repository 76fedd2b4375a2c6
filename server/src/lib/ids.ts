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

/**
 * A UUIDv7 (RFC 9562): the time in milliseconds, then 74 random bits. For rows written at a high rate into
 * large tables (orders, order lines, payments): ids made close in time sit side by side in the primary key,
 * so an insert touches the few index pages already in memory instead of a random page of a large index
 * (decision 023). Still unguessable; the creation time it reveals is shown with the order anyway.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Display form of an order number, e.g. LL00012345. */
export const orderNumber = (seq: number) => `LL${String(seq).padStart(8, '0')}`;
