import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AliyunSmsProvider, LogSmsProvider, WebhookSmsProvider, aliyunSignature } from './sms.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A local HTTP server standing in for the provider; answers what `handle` says. */
async function fake(
  handle: (req: IncomingMessage, body: string) => { status: number; json: unknown },
): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const answer = handle(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

/** Aliyun's RPC v1.0 check, written out from its documentation rather than calling our signer. */
function aliyunExpectedSignature(params: URLSearchParams, secret: string): string {
  const enc = (v: string) =>
    encodeURIComponent(v)
      .replace(/\+/g, '%20')
      .replace(/\*/g, '%2A')
      .replace(/%7E/g, '~')
      .replace(/[!'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const sorted = [...params.entries()]
    .filter(([k]) => k !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = sorted.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`GET&${enc('/')}&${enc(canonical)}`)
    .digest('base64');
}

describe('SMS providers', () => {
  it("signs Aliyun requests as its documentation's worked example does", () => {
    // the example request and signature published with Aliyun SMS's signature documentation
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('sends through Aliyun SendSms with a signature the fake provider recomputes and accepts', async () => {
    const seen: URLSearchParams[] = [];
    const endpoint = await fake((req) => {
      const params = new URL(req.url!, 'http://x').searchParams;
      seen.push(params);
      const valid = req.method === 'GET' && params.get('Signature') === aliyunExpectedSignature(params, 'the-secret');
      return valid
        ? { status: 200, json: { Code: 'OK', Message: 'OK', BizId: '1', RequestId: 'r' } }
        : { status: 400, json: { Code: 'SignatureDoesNotMatch', Message: 'bad signature' } };
    });
    const opts = {
      accessKeyId: 'LTAI-test',
      accessKeySecret: 'the-secret',
      signName: '邻里优选',
      templateCode: 'SMS_123',
      endpoint,
    };
    await new AliyunSmsProvider(opts, () => new Date('2026-12-04T08:00:00.123Z')).send({
      phone: '13900001111',
      code: '042917',
      purpose: 'register',
    });
    const p = seen[0];
    expect(Object.fromEntries([...p.entries()].filter(([k]) => !['Signature', 'SignatureNonce'].includes(k)))).toEqual({
      AccessKeyId: 'LTAI-test',
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: '13900001111',
      RegionId: 'cn-hangzhou',
      SignName: '邻里优选',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_123',
      TemplateParam: '{"code":"042917"}',
      Timestamp: '2026-12-04T08:00:00Z',
      Version: '2017-05-25',
    });
    expect(p.get('SignatureNonce')).toMatch(/^[0-9a-f-]{36}$/);
    // a wrong secret is refused by the fake, and the provider reports the failure
    await expect(
      new AliyunSmsProvider({ ...opts, accessKeySecret: 'not-the-secret' }).send({
        phone: '13900001111',
        code: '1',
        purpose: 'login',
      }),
    ).rejects.toThrow(/SignatureDoesNotMatch/);
  });

  it('posts to the webhook with an HMAC of the body, and fails on a non-2xx answer', async () => {
    const bodies: { body: string; signature: string }[] = [];
    const url = await fake((req, body) => {
      bodies.push({ body, signature: String(req.headers['x-linli-signature']) });
      return JSON.parse(body).phone === '13900000000' ? { status: 500, json: {} } : { status: 204, json: {} };
    });
    const provider = new WebhookSmsProvider(url, 'webhook-secret');
    await provider.send({ phone: '13900002222', code: '123456', purpose: 'login' });
    const { body, signature } = bodies[0];
    expect(JSON.parse(body)).toMatchObject({ phone: '13900002222', code: '123456', purpose: 'login' });
    expect(JSON.parse(body).text).toContain('123456');
    expect(signature).toBe(createHmac('sha256', 'webhook-secret').update(body).digest('hex'));
    await expect(provider.send({ phone: '13900000000', code: '1', purpose: 'login' })).rejects.toThrow(/500/);
  });

  it('logs the code outside production only, with the phone masked', async () => {
    const lines: string[] = [];
    await new LogSmsProvider(false, (l) => lines.push(l)).send({
      phone: '13912345678',
      code: '654321',
      purpose: 'register',
    });
    await new LogSmsProvider(true, (l) => lines.push(l)).send({
      phone: '13912345678',
      code: '987654',
      purpose: 'register',
    });
    expect(lines[0]).toContain('654321');
    expect(lines[1]).not.toContain('987654');
    expect(lines.join('\n')).not.toContain('13912345678');
    expect(lines[0]).toContain('139****5678');
  });
});
