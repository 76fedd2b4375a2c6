import { inflateSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

/** The security headers on every kind of response, and the site icon. */
describe('security headers', () => {
  let server: TestServer;
  let https: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    https = await startTestServer({ https: true });
  });
  afterAll(async () => {
    await server?.close();
    await https?.close();
  });

  const paths = [
    ['GET', '/shop/'],
    ['GET', '/admin/orders'],
    ['GET', '/api/health'],
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/no-such-route'],
    ['POST', '/api/v1/auth/login'],
    ['GET', '/api/docs/static/index.html'],
    ['GET', '/favicon.ico'],
    ['GET', '/assets/missing.js'],
  ] as const;

  it('every response carries the policy, nosniff, no framing and no referrer; HSTS only over HTTPS', async () => {
    for (const [method, url] of paths) {
      const res = await server.app.inject({ method, url, ...(method === 'POST' ? { payload: { phone: 1 } } : {}) });
      const h = res.headers;
      const where = `${method} ${url} (${res.statusCode})`;
      const csp = String(h['content-security-policy']);
      expect(csp, where).toContain("script-src 'self'");
      expect(csp, where).toContain("frame-ancestors 'none'");
      expect(csp, where).toContain("object-src 'none'");
      expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp, where).not.toContain('upgrade-insecure-requests');
      expect(h['x-content-type-options'], where).toBe('nosniff');
      expect(h['x-frame-options'], where).toBe('DENY');
      expect(h['referrer-policy'], where).toBe('no-referrer');
      expect(h['strict-transport-security'], where).toBeUndefined();
    }
    // inline styles only where a page writes them at run time (the console's Ant Design, the API docs)
    for (const url of ['/shop/', '/leader/orders', '/simpay/cashier/x']) {
      expect(
        String((await server.app.inject({ method: 'GET', url })).headers['content-security-policy']),
        url,
      ).toContain("style-src 'self';");
    }
    for (const url of ['/admin/', '/api/docs/static/index.html']) {
      expect(
        String((await server.app.inject({ method: 'GET', url })).headers['content-security-policy']),
        url,
      ).toContain("style-src 'self' 'unsafe-inline';");
    }
    const secure = await https.app.inject({ method: 'GET', url: '/api/health' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(secure.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('answers that Fastify gives before any hook (bad URL, overlong id) carry the headers too', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    for (const path of ['/%E0%A4%A', `/api/v1/orders/${'a'.repeat(600)}`, '/api/health']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    // a reply's own policy replaces the baseline, not added to it
    const docs = await fetch(`${base}/api/docs/static/index.html`);
    expect(docs.headers.get('content-security-policy')).toContain("'unsafe-inline'");
  });

  it('serves a real icon at /favicon.ico and /favicon.svg', async () => {
    const ico = await server.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    const body = ico.rawPayload;
    expect(body.readUInt16LE(2)).toBe(1); // an icon
    const count = body.readUInt16LE(4);
    expect(count).toBe(3);
    for (let i = 0; i < count; i++) {
      const size = body.readUInt8(6 + 16 * i);
      const length = body.readUInt32LE(6 + 16 * i + 8);
      const offset = body.readUInt32LE(6 + 16 * i + 12);
      const png = body.subarray(offset, offset + length);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
      // the picture decodes to size rows of size RGBA pixels, with opaque corners cut (rounded) and an opaque middle
      const idat = png.subarray(33 + 8, png.length - 12 - 4);
      const raw = inflateSync(idat);
      expect(raw.length).toBe(size * (size * 4 + 1));
      const alpha = (x: number, y: number) => raw[y * (size * 4 + 1) + 1 + x * 4 + 3];
      expect(alpha(0, 0)).toBe(0);
      expect(alpha(size >> 1, size >> 1)).toBe(255);
    }
    const svg = await server.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
