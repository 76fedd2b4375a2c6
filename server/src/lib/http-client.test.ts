import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTimeoutError, httpRequest } from './http-client.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('httpRequest', () => {
  it('sends the method, headers and body, and answers the status, lower-case headers and bytes over one kept-alive connection', async () => {
    const sockets = new Set<unknown>();
    const seen: { method?: string; auth?: string; length?: string; body: string }[] = [];
    const url = await listen((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, auth: req.headers.authorization, length: req.headers['content-length'], body });
        res
          .writeHead(201, { 'Wechatpay-Serial': 'PUB_KEY_ID_1', 'content-type': 'application/json' })
          .end('{"a":"邻里"}');
      });
    });
    for (let i = 0; i < 3; i++) {
      const answer = await httpRequest(`${url}/v3/pay`, {
        method: 'POST',
        headers: { authorization: 'WECHATPAY2-SHA256-RSA2048 x' },
        body: '{"n":"邻"}',
        timeoutMs: 2_000,
      });
      expect(answer.status).toBe(201);
      expect(answer.headers['wechatpay-serial']).toBe('PUB_KEY_ID_1');
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ a: '邻里' });
    }
    expect(seen[0]).toEqual({
      method: 'POST',
      auth: 'WECHATPAY2-SHA256-RSA2048 x',
      length: String(Buffer.byteLength('{"n":"邻"}')),
      body: '{"n":"邻"}',
    });
    expect(sockets.size).toBe(1);
  });

  it('gives up on a server that never answers, naming the address without its query (it may carry a secret)', async () => {
    const url = await listen(() => {});
    const started = Date.now();
    const err = await httpRequest(`${url}/sns/oauth2/access_token?secret=s3cr3t`, { timeoutMs: 200 }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(`${err.message} ${err.url}`).not.toContain('s3cr3t');
  });

  it('refuses an address that is not http(s)', async () => {
    await expect(httpRequest('ftp://127.0.0.1/x', { timeoutMs: 100 })).rejects.toThrow(/unsupported protocol/);
  });
});
