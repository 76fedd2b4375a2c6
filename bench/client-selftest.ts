// Self-test of bench/lib.ts's jsonClient against throwaway local servers (no database, a few seconds of CPU):
//   cd server && npx tsx ../bench/client-selftest.ts
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { jsonClient } from './lib.js';

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// node:http server covering the response shapes the client must handle.
let sockets = 0;
const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(value);
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...headers,
        })
        .end(text);
    };
    const url = new URL(req.url!, 'http://x');
    switch (url.pathname) {
      case '/json':
        return json(200, { ok: true, name: '鸡蛋' });
      case '/echo':
        return json(201, {
          method: req.method,
          body: raw ? JSON.parse(raw) : null,
          auth: req.headers.authorization ?? null,
          type: req.headers['content-type'] ?? null,
        });
      case '/error':
        return json(409, { code: 'SOLD_OUT' });
      case '/none':
        res.writeHead(204).end();
        return;
      case '/empty':
        res.writeHead(200, { 'content-length': '0' }).end();
        return;
      case '/close':
        return json(200, { closed: true }, { connection: 'close' });
      case '/chunked': {
        // no content-length: node:http sends chunked; pieces in separate packets to test incremental parsing
        res.writeHead(200, { 'content-type': 'application/json' });
        const pieces = [
          '{"items":[',
          ...Array.from({ length: 50 }, (_, i) => `${i ? ',' : ''}{"i":${i},"pad":"${'x'.repeat(2000)}"}`),
          ']}',
        ];
        let i = 0;
        const next = () => {
          if (i >= pieces.length) return void res.end();
          res.write(pieces[i++]);
          setImmediate(next);
        };
        return next();
      }
      case '/reset':
        req.socket.destroy();
        return;
      case '/id':
        return setTimeout(() => json(200, { id: Number(url.searchParams.get('id')) }), Math.random() * 5);
      default:
        return json(404, { code: 'NOT_FOUND' });
    }
  });
});
server.on('connection', () => sockets++);
const base = await listen(server);

// Raw server for what node:http won't produce: a response split byte by byte, a body without length, garbage.
const raw = net.createServer((s) => {
  s.setNoDelay(true);
  s.on('data', async (d) => {
    const path = d.toString('latin1').split(' ')[1];
    if (path === '/bytes') {
      // a chunked response with a 100 Continue first, one byte per packet
      const text =
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\n3\r\n:1}\r\n0\r\nx-trailer: t\r\n\r\n';
      for (const ch of text) {
        s.write(ch);
        await new Promise((r) => setTimeout(r, 1));
      }
    } else if (path === '/nolength') s.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{"a":1}');
    else s.write('SMTP ready\r\n\r\n');
  });
});
const rawBase = await listen(raw);

const request = jsonClient(base, 4);
assert.deepEqual(await request('GET', '/json'), { status: 200, body: { ok: true, name: '鸡蛋' } });
assert.deepEqual(await request('POST', '/echo', { qty: 2, note: '多放葱' }, { authorization: 'Bearer t' }), {
  status: 201,
  body: { method: 'POST', body: { qty: 2, note: '多放葱' }, auth: 'Bearer t', type: 'application/json' },
});
assert.deepEqual(await request('POST', '/echo'), {
  status: 201,
  body: { method: 'POST', body: null, auth: null, type: null },
});
assert.deepEqual(await request('GET', '/error'), { status: 409, body: { code: 'SOLD_OUT' } });
assert.deepEqual(await request('DELETE', '/none'), { status: 204, body: undefined });
assert.deepEqual(await request('GET', '/empty'), { status: 200, body: undefined });
assert.deepEqual(await request('HEAD', '/json'), { status: 200, body: undefined });
const chunked = await request('GET', '/chunked');
assert.equal(chunked.status, 200);
assert.equal(chunked.body.items.length, 50);
assert.ok(
  chunked.body.items.every((it: { i: number; pad: string }, i: number) => it.i === i && it.pad.length === 2000),
);
// connection: close drops the socket; the next requests get a new one
assert.deepEqual(await request('GET', '/close'), { status: 200, body: { closed: true } });
assert.deepEqual(await request('GET', '/json'), { status: 200, body: { ok: true, name: '鸡蛋' } });
await assert.rejects(request('GET', '/reset'));
assert.deepEqual(await request('GET', '/json'), { status: 200, body: { ok: true, name: '鸡蛋' } });
// many concurrent closes: the queue keeps draining onto replacement sockets
const closes = await Promise.all(Array.from({ length: 40 }, () => request('GET', '/close')));
assert.ok(closes.every((r) => r.status === 200 && r.body.closed));

const rawRequest = jsonClient(rawBase, 2);
assert.deepEqual(await rawRequest('GET', '/bytes'), { status: 200, body: { a: 1 } });
await assert.rejects(rawRequest('GET', '/nolength'), /neither content-length nor chunked/);
await assert.rejects(rawRequest('GET', '/garbage'), /status line/);
await assert.rejects(jsonClient('http://127.0.0.1:1', 2)('GET', '/'), /ECONNREFUSED/);

// 2,000 concurrent requests over at most 64 sockets, each answered with its own id
sockets = 0;
const many = jsonClient(base, 64);
const results = await Promise.all(Array.from({ length: 2000 }, (_, id) => many('GET', `/id?id=${id}`)));
for (const [id, r] of results.entries()) assert.deepEqual(r, { status: 200, body: { id } });
assert.ok(sockets <= 64 && sockets > 1, `${sockets} sockets`);

console.log(`jsonClient self-test passed (2000 concurrent requests over ${sockets} sockets)`);
server.closeAllConnections();
server.close();
raw.close();
process.exit(0); // the client's idle keep-alive sockets would otherwise keep the process alive
