import { createHash, createHmac } from 'node:crypto';
import type { S3Config } from './config.js';
import { contentTypeOf, isValidKey, mediaUrl, type FileStorage, type StoredFile } from './storage.js';

/**
 * S3-compatible object storage (AWS S3, Aliyun OSS, Tencent COS, MinIO) over the published S3 REST
 * API, signed with AWS Signature Version 4 (decision 024): four requests (PUT, GET, DELETE of one
 * object) need no SDK, and the signature is a few HMACs of node:crypto.
 */

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ (and `/` in paths) is %XX. */
export function uriEncode(text: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface SignInput {
  method: string;
  /** the path as sent, already encoded */
  path: string;
  /** query parameters (unencoded) */
  query?: Record<string, string>;
  /** every header to sign, including host; names in any case */
  headers: Record<string, string>;
  /** hex SHA-256 of the body (also sent as x-amz-content-sha256) */
  payloadHash: string;
  region: string;
  service?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** yyyymmddThhmmssZ */
  amzDate: string;
}

/** The Authorization header of a SigV4-signed request (header-based signing, all given headers signed). */
export function signV4(input: SignInput): { authorization: string; canonicalRequest: string; stringToSign: string } {
  const service = input.service ?? 's3';
  const date = input.amzDate.slice(0, 8);
  const scope = `${date}/${input.region}/${service}/aws4_request`;
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const query = Object.entries(input.query ?? {})
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    input.method,
    input.path,
    query,
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, date), input.region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    canonicalRequest,
    stringToSign,
  };
}

export const amzDate = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Object storage's refusal: its HTTP status and S3 error code (e.g. SignatureDoesNotMatch). */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  constructor(
    private readonly config: S3Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async request(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string) {
    if (!isValidKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    const endpoint = new URL(this.config.endpoint);
    const host = this.config.pathStyle ? endpoint.host : `${this.config.bucket}.${endpoint.host}`;
    const path = this.config.pathStyle
      ? `/${uriEncode(this.config.bucket, false)}/${uriEncode(key, true)}`
      : `/${uriEncode(key, true)}`;
    const payloadHash = sha256Hex(body ?? '');
    const date = amzDate(this.now());
    const headers: Record<string, string> = {
      host,
      'x-amz-date': date,
      'x-amz-content-sha256': payloadHash,
    };
    if (contentType) headers['content-type'] = contentType;
    const { authorization } = signV4({
      method,
      path,
      headers,
      payloadHash,
      region: this.config.region,
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
      amzDate: date,
    });
    const { host: _host, ...sent } = headers;
    const response = await fetch(`${endpoint.protocol}//${host}${path}`, {
      method,
      headers: { ...sent, authorization },
      body: body ? new Uint8Array(body) : undefined,
    });
    return response;
  }

  private static async fail(response: Response, what: string): Promise<never> {
    const text = await response.text();
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${response.status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? response.statusText;
    throw new S3Error(response.status, code, `Object storage refused to ${what}: ${code} ${message}`);
  }

  async put(key: string, body: Buffer, contentType: string) {
    const response = await this.request('PUT', key, body, contentType);
    if (!response.ok) await S3Storage.fail(response, `store ${key}`);
    await response.arrayBuffer();
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isValidKey(key)) return null;
    const response = await this.request('GET', key);
    if (response.status === 404) {
      await response.arrayBuffer();
      return null;
    }
    if (!response.ok) await S3Storage.fail(response, `read ${key}`);
    return {
      body: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? contentTypeOf(key),
    };
  }

  async delete(key: string) {
    const response = await this.request('DELETE', key);
    // S3 answers 204 whether or not the object existed; some compatible services answer 404
    if (!response.ok && response.status !== 404) await S3Storage.fail(response, `delete ${key}`);
    await response.arrayBuffer();
  }

  url(key: string) {
    return mediaUrl(key);
  }
}
