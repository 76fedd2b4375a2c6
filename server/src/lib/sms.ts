import { createHmac, randomUUID } from 'node:crypto';
import type { Config } from './config.js';

/** bind: a WeChat sign-in proving the customer's phone (decision 065) */
/** password: a first password for an account WeChat sign-in made, which has none */
export type SmsPurpose = 'register' | 'login' | 'bind' | 'password';

/** Where verification codes go. Each provider either delivers the message or throws. */
export interface SmsProvider {
  readonly name: string;
  send(message: { phone: string; code: string; purpose: SmsPurpose }): Promise<void>;
}

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/**
 * The default: the code goes to the server log. This is the only place in Linli that ever writes
 * a code to a log, and it does so outside production only; in production the line says a code
 * was made but not which (production refuses to start with this provider while SMS verification
 * is on, since nobody could receive a code).
 */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';
  constructor(
    private readonly production: boolean,
    private readonly write: (line: string) => void = console.log,
  ) {}

  async send({ phone, code, purpose }: { phone: string; code: string; purpose: SmsPurpose }) {
    this.write(
      this.production
        ? `[sms] ${purpose} code made for ${maskPhone(phone)} (not shown in production; configure LINLI_SMS_PROVIDER)`
        : `[sms] ${purpose} code for ${maskPhone(phone)}: ${code}`,
    );
  }
}

/** Signs a webhook body: hex HMAC-SHA256 of the raw body, the same scheme as payment notifications. */
export const signSmsWebhook = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

/**
 * Hands each message to the operator's own gateway: POST JSON `{phone, code, purpose, text}` with
 * `X-Linli-Signature` (see signSmsWebhook). Any answer but 2xx is a failed send.
 */
export class WebhookSmsProvider implements SmsProvider {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  async send({ phone, code, purpose }: { phone: string; code: string; purpose: SmsPurpose }) {
    const body = JSON.stringify({ phone, code, purpose, text: smsText(code) });
    const res = await fetch(this.url, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(10_000),
      headers: { 'content-type': 'application/json', 'x-linli-signature': signSmsWebhook(body, this.secret) },
    });
    if (!res.ok) throw new Error(`SMS webhook answered ${res.status}`);
  }
}

export const smsText = (code: string) => `【邻里】您的验证码是${code}，5分钟内有效。请勿告诉他人。`;

/** RFC 3986 percent-encoding as Aliyun's signature rules require (space %20, `*` %2A, `~` kept). */
export const aliyunPercentEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Aliyun's RPC signature, version 1.0: the parameters sorted by name, each name and value
 * percent-encoded and joined as a query string; StringToSign = METHOD & enc("/") & enc(query);
 * Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
export function aliyunSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const query = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(query)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** https://dysmsapi.aliyuncs.com/ */
  endpoint: string;
}

/**
 * Aliyun SMS (阿里云短信服务), API dysmsapi 2017-05-25 SendSms, signed per its RPC signature
 * v1.0. The template must take one variable, `code`.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  constructor(
    private readonly opts: AliyunSmsOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send({ phone, code }: { phone: string; code: string; purpose: SmsPurpose }) {
    const params: Record<string, string> = {
      AccessKeyId: this.opts.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: this.opts.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.opts.templateCode,
      TemplateParam: JSON.stringify({ code }),
      Timestamp: this.now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    params.Signature = aliyunSignature('GET', params, this.opts.accessKeySecret);
    const query = Object.entries(params)
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');
    const res = await fetch(`${this.opts.endpoint}?${query}`, { signal: AbortSignal.timeout(10_000) });
    const answer = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string };
    if (!res.ok || answer.Code !== 'OK')
      throw new Error(`Aliyun SendSms failed: ${answer.Code ?? res.status} ${answer.Message ?? ''}`.trim());
  }
}

export function createSmsProvider(config: Config): SmsProvider {
  const sms = config.sms;
  if (sms.provider === 'webhook') {
    if (!sms.webhookUrl || !sms.webhookSecret)
      throw new Error('The webhook SMS provider needs LINLI_SMS_WEBHOOK_URL and LINLI_SMS_WEBHOOK_SECRET');
    return new WebhookSmsProvider(sms.webhookUrl, sms.webhookSecret);
  }
  if (sms.provider === 'aliyun') {
    const {
      aliyunAccessKeyId: accessKeyId,
      aliyunAccessKeySecret: accessKeySecret,
      aliyunSignName: signName,
      aliyunTemplateCode: templateCode,
    } = sms;
    if (!accessKeyId || !accessKeySecret || !signName || !templateCode) {
      throw new Error(
        'The aliyun SMS provider needs LINLI_ALIYUN_ACCESS_KEY_ID, LINLI_ALIYUN_ACCESS_KEY_SECRET, LINLI_ALIYUN_SMS_SIGN_NAME and LINLI_ALIYUN_SMS_TEMPLATE_CODE',
      );
    }
    return new AliyunSmsProvider({
      accessKeyId,
      accessKeySecret,
      signName,
      templateCode,
      endpoint: sms.aliyunEndpoint,
    });
  }
  return new LogSmsProvider(config.production);
}
