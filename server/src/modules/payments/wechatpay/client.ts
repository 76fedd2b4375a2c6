import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { WechatPayConfig } from '../../../lib/config.js';
import { httpRequest } from '../../../lib/http-client.js';
import {
  authorization,
  checkBody,
  decryptResource,
  wechatpayHeaders,
  type BodyCheck,
  type EncryptedResource,
  type MerchantKey,
  type SignedHeaders,
} from './crypto.js';

/**
 * What the adapter needs to talk to WeChat Pay (config.ts: keys read from files named by the
 * environment, never logged), with the payment notification address made whole.
 */
export type WechatPaySettings = Omit<WechatPayConfig, 'notifyBaseUrl' | 'queryAfterMinutes'> & {
  /** where WeChat Pay sends payment notifications */
  notifyUrl: string;
};

/** A failure answered by WeChat Pay: its HTTP status and its {code, message}. */
export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
  }
}

const MINUTE = 60_000;
/** however many new serials come, the certificates are downloaded at most once a second */
const DOWNLOAD_FLOOR_MS = 1_000;

/** WeChat Pay's API hosts: the main one and the backup (another access point) */
const WECHATPAY_HOSTS = ['api.mch.weixin.qq.com', 'api2.mch.weixin.qq.com'];

/**
 * WeChat Pay's public keys by serial: the configured public key (PUB_KEY_ID_…) and the platform
 * certificates downloaded from /v3/certificates. A key file that changes on disk is read again, and
 * a serial not known yet makes the certificates be downloaded again, so a rotation needs no
 * restart: a serial seen for the first time at once (at most one download a second), a serial
 * the last download did not have at most once a minute (a forger's made-up serials cost little).
 */
export class PlatformKeys {
  private keys = new Map<string, KeyObject>();
  private fileSeen = 0;
  private fileChecked = 0;
  private lastDownload = 0;
  private tried = new Set<string>();

  constructor(
    private readonly settings: Pick<WechatPaySettings, 'publicKeyFile' | 'publicKeyId'>,
    private readonly download?: () => Promise<Map<string, KeyObject>>,
  ) {}

  private readFile(): void {
    const { publicKeyFile, publicKeyId } = this.settings;
    if (!publicKeyFile || !publicKeyId) return;
    // the file is looked at once a second at most, not on every notification
    const now = Date.now();
    if (now - this.fileChecked < 1000) return;
    this.fileChecked = now;
    const mtime = statSync(publicKeyFile).mtimeMs;
    if (mtime === this.fileSeen) return;
    this.keys.set(publicKeyId, createPublicKey(readFileSync(publicKeyFile)));
    this.fileSeen = mtime;
  }

  /** The key now, without waiting (a key file changed on disk counts). */
  known(serial: string): KeyObject | undefined {
    this.readFile();
    return this.keys.get(serial);
  }

  /** The key, downloading the certificates again when the serial is new. */
  async get(serial: string): Promise<KeyObject | undefined> {
    const found = this.known(serial);
    if (found || !this.download) return found;
    const since = Date.now() - this.lastDownload;
    if (since < DOWNLOAD_FLOOR_MS || (this.tried.has(serial) && since < MINUTE)) return found;
    if (this.tried.size > 1000) this.tried.clear();
    this.tried.add(serial);
    await this.refresh();
    return this.keys.get(serial);
  }

  async refresh(): Promise<void> {
    if (!this.download) return;
    this.lastDownload = Date.now();
    for (const [serial, key] of await this.download()) this.keys.set(serial, key);
  }
}

export interface WechatPayResponse<T> {
  status: number;
  data: T;
  raw: string;
}

/**
 * Signed requests to WeChat Pay API v3, and the checks of what it answers and sends. Every 2xx
 * response with a body must carry a valid signature, else it is treated as forged.
 */
export class WechatPayClient {
  readonly merchant: MerchantKey;
  readonly apiV3Key: string;
  readonly keys: PlatformKeys;

  constructor(readonly settings: WechatPaySettings) {
    this.merchant = {
      mchid: settings.mchid,
      serialNo: settings.serialNo,
      // parsed once: signing with a PEM string parses the key again on every request (1.6 ms against 0.7)
      privateKey: createPrivateKey(readFileSync(settings.privateKeyFile)),
    };
    this.apiV3Key = readFileSync(settings.apiV3KeyFile, 'utf8').trim();
    if (Buffer.byteLength(this.apiV3Key) !== 32) throw new Error('the WeChat Pay APIv3 key must be 32 bytes');
    this.keys = new PlatformKeys(settings, settings.publicKeyFile ? undefined : () => this.downloadCertificates());
  }

  async request<T>(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<WechatPayResponse<T>> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const res = await httpRequest(this.settings.baseUrl + pathWithQuery, {
      method,
      headers: {
        accept: 'application/json',
        ...(text ? { 'content-type': 'application/json' } : {}),
        'user-agent': 'linli-wechatpay/1',
        authorization: authorization(this.merchant, method, pathWithQuery, text),
      },
      body: text || undefined,
      timeoutMs: 10_000,
    });
    const raw = res.body.toString('utf8');
    const data = raw ? JSON.parse(raw) : undefined;
    if (res.status >= 300) {
      throw new WechatPayError(res.status, data?.code ?? 'HTTP_ERROR', data?.message ?? `HTTP ${res.status}`);
    }
    if (raw) {
      const headers = wechatpayHeaders(res.headers);
      const check = headers ? await this.checkSigned(raw, headers) : 'bad_signature';
      if (check !== 'ok') throw new WechatPayError(res.status, 'SIGN_ERROR', `response signature ${check}`);
    }
    return { status: res.status, data: data as T, raw };
  }

  /**
   * Downloads a file from an address WeChat Pay answered (a bill's download_url): the request is
   * signed like every other, the file is not (WeChat Pay sends no signature headers with it; the
   * caller checks its digest). Only from WeChat Pay's own origin: a signed request never goes to
   * another host.
   */
  async download(url: string): Promise<Buffer> {
    const target = new URL(url);
    const atWechatPay =
      target.origin === new URL(this.settings.baseUrl).origin ||
      (target.protocol === 'https:' && WECHATPAY_HOSTS.includes(target.hostname));
    if (!atWechatPay) throw new WechatPayError(0, 'DOWNLOAD_URL', 'the download address is not at WeChat Pay');
    const pathWithQuery = target.pathname + target.search;
    const res = await httpRequest(target, {
      headers: {
        'user-agent': 'linli-wechatpay/1',
        authorization: authorization(this.merchant, 'GET', pathWithQuery, ''),
      },
      timeoutMs: 60_000,
    });
    const body = res.body;
    if (res.status < 200 || res.status >= 300) {
      let code = 'HTTP_ERROR';
      let message = `HTTP ${res.status}`;
      try {
        const data = JSON.parse(body.toString('utf8'));
        code = data?.code ?? code;
        message = data?.message ?? message;
      } catch {}
      throw new WechatPayError(res.status, code, message);
    }
    return body;
  }

  /** Checks a body WeChat Pay signed (a response or a notification). */
  async checkSigned(body: string, headers: SignedHeaders): Promise<BodyCheck> {
    await this.keys.get(headers.serial);
    return checkBody(body, headers, (serial) => this.keys.known(serial));
  }

  decrypt<T>(resource: EncryptedResource): T {
    return JSON.parse(decryptResource(resource, this.apiV3Key)) as T;
  }

  /** GET /v3/certificates: the platform certificates, each decrypted with the APIv3 key. */
  private async downloadCertificates(): Promise<Map<string, KeyObject>> {
    const path = '/v3/certificates';
    const res = await httpRequest(this.settings.baseUrl + path, {
      headers: { accept: 'application/json', authorization: authorization(this.merchant, 'GET', path, '') },
      timeoutMs: 10_000,
    });
    const raw = res.body.toString('utf8');
    if (res.status < 200 || res.status >= 300) throw new WechatPayError(res.status, 'CERTIFICATES', raw.slice(0, 200));
    const list = JSON.parse(raw) as {
      data: { serial_no: string; encrypt_certificate: EncryptedResource }[];
    };
    const found = new Map<string, KeyObject>();
    for (const c of list.data) {
      found.set(c.serial_no, new X509Certificate(decryptResource(c.encrypt_certificate, this.apiV3Key)).publicKey);
    }
    // the download is signed by one of the certificates it carries
    const headers = wechatpayHeaders(res.headers);
    if (!headers || checkBody(raw, headers, (s) => found.get(s)) !== 'ok') {
      throw new WechatPayError(res.status, 'SIGN_ERROR', 'the certificate download is not signed by its certificates');
    }
    return found;
  }
}
