import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The few cryptographic steps of WeChat Pay API v3 (decision 063), on node:crypto alone. Linli's
 * adapter signs its requests and checks what WeChat Pay sends with them; the local stand-in uses
 * them the other way round. So that one mistake cannot hide on both sides, crypto.test.ts checks
 * each against the specification's own strings, built by hand, and node:crypto directly.
 */
/** SHA256-with-RSA (PKCS#1 v1.5), base64: the only signature API v3 uses. */
export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject | string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** Every signed message is lines each ending in "\n", the last one too. */
export const signedLines = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

/** A 32-character nonce of letters and digits. */
export const newNonce = () => randomBytes(24).toString('base64').replace(/[+/=]/g, '').slice(0, 32).padEnd(32, '0');

export const unixSeconds = (at = Date.now()) => Math.floor(at / 1000);

export interface MerchantKey {
  mchid: string;
  /** the serial number of the merchant's API certificate */
  serialNo: string;
  privateKey: KeyObject | string;
}

/**
 * The Authorization header of a request to WeChat Pay: method, path with query, timestamp, nonce
 * and the exact body signed with the merchant's private key.
 */
export function authorization(
  key: MerchantKey,
  method: string,
  pathWithQuery: string,
  body: string,
  timestamp = unixSeconds(),
  nonce = newNonce(),
): string {
  const signature = rsaSign(
    signedLines(method.toUpperCase(), pathWithQuery, String(timestamp), nonce, body),
    key.privateKey,
  );
  return `WECHATPAY2-SHA256-RSA2048 mchid="${key.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${key.serialNo}",signature="${signature}"`;
}

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

/** Reads an Authorization header back into its five fields (in any order); undefined when malformed. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | undefined {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header ?? '');
  if (!match) return undefined;
  const fields: Record<string, string> = {};
  for (const part of match[1].split(',')) {
    const kv = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!kv) return undefined;
    fields[kv[1]] = kv[2];
  }
  const names = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'] as const;
  if (!names.every((n) => typeof fields[n] === 'string' && fields[n] !== '')) return undefined;
  return fields as unknown as AuthorizationFields;
}

/** The headers WeChat Pay signs its responses and notifications with. */
export interface SignedHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

export const wechatpayHeaders = (h: Record<string, string | string[] | undefined>): SignedHeaders | undefined => {
  const get = (name: string) => {
    const v = h[name] ?? h[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  const timestamp = get('wechatpay-timestamp');
  const nonce = get('wechatpay-nonce');
  const signature = get('wechatpay-signature');
  const serial = get('wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) return undefined;
  return { timestamp, nonce, signature, serial };
};

/** Signs a response or notification body as WeChat Pay does (the stand-in's side). */
export function signBody(
  body: string,
  key: { serial: string; privateKey: KeyObject | string },
  timestamp = unixSeconds(),
  nonce = newNonce(),
): SignedHeaders {
  return {
    timestamp: String(timestamp),
    nonce,
    serial: key.serial,
    signature: rsaSign(signedLines(String(timestamp), nonce, body), key.privateKey),
  };
}

/** How far a signed timestamp may be from now: 5 minutes, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type BodyCheck = 'ok' | 'unknown_serial' | 'stale' | 'bad_signature';

/**
 * Checks a body WeChat Pay signed: the key named by the serial, the timestamp within 5 minutes,
 * the signature over `timestamp\nnonce\nbody\n` of the raw body bytes.
 */
export function checkBody(
  body: string,
  headers: SignedHeaders,
  publicKeyFor: (serial: string) => KeyObject | undefined,
  now = unixSeconds(),
): BodyCheck {
  const key = publicKeyFor(headers.serial);
  if (!key) return 'unknown_serial';
  const ts = Number(headers.timestamp);
  if (!/^\d{1,12}$/.test(headers.timestamp) || Math.abs(now - ts) > MAX_CLOCK_SKEW_SECONDS) return 'stale';
  return rsaVerify(signedLines(headers.timestamp, headers.nonce, body), headers.signature, key)
    ? 'ok'
    : 'bad_signature';
}

/** An encrypted resource of a notification (or of the platform certificate download). */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  nonce: string;
  associated_data: string;
  original_type?: string;
}

const TAG_BYTES = 16;

/** AES-256-GCM with the 32-byte APIv3 key; the ciphertext carries the 16-byte tag at its end. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${resource.algorithm}`);
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('the APIv3 key must be 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  associatedData: string,
  originalType: string,
  nonce = newNonce().slice(0, 12),
): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: data.toString('base64'),
    nonce,
    associated_data: associatedData,
    original_type: originalType,
  };
}

/**
 * What the page hands to WeixinJSBridge / wx.requestPayment to open a JSAPI or mini-program
 * payment: paySign signs `appId\ntimeStamp\nnonceStr\npackage\n` with the merchant's private key.
 */
export function jsapiPayParams(appId: string, prepayId: string, privateKey: KeyObject | string, at = Date.now()) {
  const timeStamp = String(unixSeconds(at));
  const nonceStr = newNonce();
  const pkg = `prepay_id=${prepayId}`;
  return {
    appId,
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA' as const,
    paySign: rsaSign(signedLines(appId, timeStamp, nonceStr, pkg), privateKey),
  };
}

/** out_trade_no / out_refund_no from a Linli UUID: its 32 hex digits (6–32 characters allowed). */
export const outNo = (uuid: string) => uuid.replace(/-/g, '');

/** And back. */
export const uuidFromOutNo = (no: string): string | undefined =>
  /^[0-9a-f]{32}$/i.test(no)
    ? `${no.slice(0, 8)}-${no.slice(8, 12)}-${no.slice(12, 16)}-${no.slice(16, 20)}-${no.slice(20)}`.toLowerCase()
    : undefined;
