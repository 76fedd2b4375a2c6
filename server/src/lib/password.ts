import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * scrypt at OWASP's minimum, N=2^17, r=8, p=1: 128 MiB and ~0.3 s a hash on the reference
 * machine. Stored as `scrypt$N$salt$key` (r=8, p=1 implied); hashes with a smaller N (2^14 before
 * this cost was raised) still verify and are replaced at the owner's next sign-in.
 * LINLI_SCRYPT_LOG_N lowers the cost for tests and development only: production refuses it.
 */
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
let logN = 17;
let dummy: Promise<string> | undefined;

/** Sets the cost of new hashes (log2 N); called once at start from the configuration. */
export function configurePasswordHashing(log2N: number) {
  if (log2N !== logN) dummy = undefined;
  logN = log2N;
}

export const passwordCostN = () => 2 ** logN;

function derive(password: string, salt: Buffer, n: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below N=2^17
  const maxmem = 128 * n * R + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: n, r: R, p: P, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const n = passwordCostN();
  const salt = randomBytes(16);
  const key = await derive(password, salt, n);
  return `scrypt$${n}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface Verdict {
  ok: boolean;
  /** the hash is weaker than today's cost: store a fresh one now that the password is known */
  rehash: boolean;
}

export async function checkPassword(password: string, stored: string): Promise<Verdict> {
  const [scheme, rawN, saltB64, keyB64] = stored.split('$');
  const n = Number(rawN);
  if (
    scheme !== 'scrypt' ||
    !Number.isInteger(n) ||
    n < 2 ||
    n > 2 ** 20 ||
    (n & (n - 1)) !== 0 ||
    !saltB64 ||
    !keyB64
  ) {
    return { ok: false, rehash: false };
  }
  const expected = Buffer.from(keyB64, 'base64');
  const key = await derive(password, Buffer.from(saltB64, 'base64'), n);
  const ok = key.length === expected.length && timingSafeEqual(key, expected);
  return { ok, rehash: ok && n < passwordCostN() };
}

/** Whether the account has a password at all (one made by WeChat sign-in stores a marker instead, never a hash). */
export const hasPassword = (stored: string) => stored.startsWith('scrypt$');

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await checkPassword(password, stored)).ok;
}

/**
 * Spends what checking a real account's password costs, for a phone with no account: the answer
 * and its timing must not tell whether a phone is registered.
 */
export async function spendLikeAVerify(password: string): Promise<void> {
  await checkPassword(password, await standInHash());
}

/**
 * The stand-in hash `spendLikeAVerify` checks against, made once. A server makes it before it
 * listens (not during someone's first sign-in); the start asks for it early, so the ~0.6 s of
 * scrypt runs on libuv's thread pool beside the database's set-up.
 */
export function standInHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
