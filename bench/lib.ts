import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../server');

export type JsonResponse = { status: number; body: any };
type Job = { data: string; noBody: boolean; resolve: (r: JsonResponse) => void; reject: (e: Error) => void };

/**
 * A keep-alive JSON client for load generation. It shares 2 cores with the server and PostgreSQL, so every
 * microsecond it spends is taken from the thing being measured: instead of node:http (request objects, header
 * objects, agent bookkeeping per request) it speaks the bit of HTTP/1.1 the benchmarks need over raw sockets.
 * Up to maxSockets persistent connections, opened lazily, one request in flight on each (no pipelining, so a
 * response can always be matched to its request); further requests wait in a FIFO queue.
 */
export function jsonClient(baseUrl: string, maxSockets: number) {
  const { hostname, port } = new URL(baseUrl);
  const portNo = Number(port || 80);
  const hostHeader = `host: ${hostname}:${portNo}\r\n`;
  const idle: HttpConnection[] = [];
  const queue: Job[] = [];
  let open = 0;

  // Called by a connection when its request is answered (free = reusable) or when it dies (free = false).
  function release(conn: HttpConnection, free: boolean) {
    if (!free) open--;
    const next = queue.shift();
    if (!next) {
      if (free) idle.push(conn);
      return;
    }
    if (free) conn.send(next);
    else connect().send(next); // replace the dead socket so the queue keeps draining
  }
  function connect(): HttpConnection {
    open++;
    return new HttpConnection(hostname, portNo, release, (c) => {
      const i = idle.indexOf(c);
      if (i >= 0) idle.splice(i, 1);
    });
  }

  return function request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    // The whole request as one string, written with one socket.write (one syscall, one packet with TCP_NODELAY).
    let data = `${method} ${path} HTTP/1.1\r\n${hostHeader}`;
    if (payload) data += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n`;
    else if (method !== 'GET' && method !== 'HEAD') data += 'content-length: 0\r\n'; // as node:http sent for an empty POST
    for (const name in headers) data += `${name}: ${headers[name]}\r\n`;
    data += '\r\n';
    if (payload) data += payload;
    return new Promise((resolve, reject) => {
      const job: Job = { data, noBody: method === 'HEAD', resolve, reject };
      const conn = idle.pop();
      if (conn) conn.send(job);
      else if (open < maxSockets) connect().send(job);
      else queue.push(job);
    });
  };
}

const EMPTY = Buffer.alloc(0);
enum Phase {
  Head,
  Body,
  ChunkSize,
  ChunkData,
  Trailers,
}

/** One persistent socket with an incremental HTTP/1.1 response parser; see jsonClient. */
class HttpConnection {
  private socket: net.Socket;
  private job: Job | undefined;
  private buf: Buffer = EMPTY; // received, not yet consumed bytes
  private phase = Phase.Head;
  private status = 0;
  private remaining = 0; // body bytes (Body) or chunk bytes (ChunkData) still expected
  private parts: Buffer[] = [];
  private keepAlive = true;
  private dead = false;

  constructor(
    host: string,
    port: number,
    private done: (c: HttpConnection, free: boolean) => void,
    private closedIdle: (c: HttpConnection) => void,
  ) {
    // Writes before 'connect' are buffered by net, so the first request needs no extra wait.
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (e) => this.die(e));
    // The server may close an idle keep-alive socket (timeout); a request in flight then fails rather than hangs.
    this.socket.on('close', () => this.die(new Error('connection closed by server')));
  }

  send(job: Job) {
    this.job = job;
    this.socket.write(job.data);
  }

  private die(err: Error) {
    if (this.dead) return;
    this.dead = true;
    this.socket.destroy();
    const job = this.job;
    this.job = undefined;
    if (job) job.reject(err);
    else this.closedIdle(this);
    this.done(this, false);
  }

  private fail(message: string) {
    this.die(new Error(`bad HTTP response: ${message}`));
  }

  private onData(chunk: Buffer) {
    if (!this.job) return this.fail('data without a request in flight');
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const buf = this.buf;
    let pos = 0;
    for (;;) {
      if (this.phase === Phase.Head) {
        const end = buf.indexOf('\r\n\r\n', pos, 'latin1');
        if (end < 0) break;
        if (!this.parseHead(buf.toString('latin1', pos, end))) return;
        pos = end + 4;
      } else if (this.phase === Phase.Body) {
        const n = Math.min(this.remaining, buf.length - pos);
        if (n > 0) this.parts.push(buf.subarray(pos, pos + n));
        pos += n;
        this.remaining -= n;
        if (this.remaining > 0) break;
        if (pos < buf.length) return this.fail('bytes after the body');
        return this.finish();
      } else if (this.phase === Phase.ChunkSize || this.phase === Phase.Trailers) {
        const eol = buf.indexOf('\r\n', pos, 'latin1');
        if (eol < 0) break;
        const line = buf.toString('latin1', pos, eol);
        pos = eol + 2;
        if (this.phase === Phase.Trailers) {
          if (line !== '') continue; // a trailer header: ignored
          if (pos < buf.length) return this.fail('bytes after the body');
          return this.finish();
        }
        const size = parseInt(line, 16); // "1a;ext=..." parses as 0x1a, extensions ignored
        if (!/^[0-9a-fA-F]/.test(line) || !(size >= 0)) return this.fail(`chunk size ${JSON.stringify(line)}`);
        if (size === 0) this.phase = Phase.Trailers;
        else {
          this.phase = Phase.ChunkData;
          this.remaining = size;
        }
      } else {
        // ChunkData: `remaining` bytes, then CRLF
        if (buf.length - pos < this.remaining + 2) {
          // take what is there so the buffer does not grow for a large chunk
          const n = Math.min(this.remaining, buf.length - pos);
          if (n > 0) this.parts.push(buf.subarray(pos, pos + n));
          pos += n;
          this.remaining -= n;
          break;
        }
        this.parts.push(buf.subarray(pos, pos + this.remaining));
        pos += this.remaining;
        if (buf[pos] !== 13 || buf[pos + 1] !== 10) return this.fail('chunk not followed by CRLF');
        pos += 2;
        this.phase = Phase.ChunkSize;
      }
    }
    this.buf = pos < buf.length ? buf.subarray(pos) : EMPTY;
  }

  /** Status line and headers; sets up the body phase. False if the connection was failed. */
  private parseHead(head: string): boolean {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0]);
    if (!m) {
      this.fail(`status line ${JSON.stringify(lines[0])}`);
      return false;
    }
    this.status = Number(m[2]);
    let length = -1;
    let chunked = false;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      if (name === 'content-length') length = Number(line.slice(colon + 1).trim());
      else if (name === 'transfer-encoding')
        chunked =
          line
            .slice(colon + 1)
            .trim()
            .toLowerCase() === 'chunked';
      else if (name === 'connection')
        connection = line
          .slice(colon + 1)
          .trim()
          .toLowerCase();
    }
    this.keepAlive = m[1] === '1' ? connection !== 'close' : connection === 'keep-alive';
    if (this.status < 200) {
      this.phase = Phase.Head;
      return true;
    } // 1xx: interim, the real response follows
    // These never have a body, whatever the headers say (RFC 9112 6.3).
    if (this.job!.noBody || this.status === 204 || this.status === 304) {
      this.phase = Phase.Body;
      this.remaining = 0;
      return true;
    }
    if (chunked) {
      this.phase = Phase.ChunkSize;
      return true;
    }
    // Without a length the body would end at connection close; the benchmarks' server never does that, so refuse.
    if (!(length >= 0)) {
      this.fail('neither content-length nor chunked');
      return false;
    }
    this.phase = Phase.Body;
    this.remaining = length;
    return true;
  }

  private finish() {
    const job = this.job!;
    const body = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    const status = this.status;
    this.job = undefined;
    this.buf = EMPTY;
    this.parts = [];
    this.phase = Phase.Head;
    // JSON only when there is a body (204, empty 200).
    const text = body.length ? body.toString() : '';
    try {
      job.resolve({ status, body: text ? JSON.parse(text) : undefined });
    } catch {
      job.reject(new Error(`HTTP ${status}: body is not JSON: ${text.slice(0, 200)}`));
    }
    if (this.keepAlive) this.done(this, true);
    else this.die(new Error('connection: close')); // the job is settled, so this only drops and replaces the socket
  }
}

export interface ServerProcess {
  url: string;
  urls: string[];
  pids: () => number[];
  stop(): Promise<void>;
}

/** Starts `npm start`'s entry point in child processes with the given environment, waits for health. */
export async function startServer(
  env: Record<string, string>,
  port: number,
  processes = 1,
  nodeArgs: string[] = [],
  healthTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    // BENCH_NO_JOBS=1 runs the servers without the job runner, to see its share of the load.
    // the same V8 flag as `npm start` (server/package.json): young-generation size, see docs/benchmarks.md
    const child = spawn(process.execPath, ['--max-semi-space-size=8', ...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        LINLI_QUIET: '1',
        LINLI_DEMO: '0',
        ...env,
        PORT: String(port + i),
        LINLI_JOBS: i === 0 && process.env.BENCH_NO_JOBS !== '1' ? '1' : '0',
      },
      // BENCH_SERVER_STDOUT=1 shows what the server prints (e.g. with BENCH_NODE_ARGS=--trace-gc)
      stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
    });
    children.push(child);
  }
  const url = `http://127.0.0.1:${port}`;
  const killAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  for (const child of children)
    child.once('exit', (code) => {
      if (code) console.error(`server process exited with ${code}`);
    });
  for (let i = 0; i < processes; i++) {
    const deadline = Date.now() + healthTimeoutMs;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port + i}/api/health`);
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) {
        killAll();
        throw new Error('server did not become healthy');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    urls: children.map((_, i) => `http://127.0.0.1:${port + i}`),
    pids: () => children.map((c) => c.pid!),
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise((r) => {
              c.once('exit', r);
              c.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/**
 * The shop a checkout benchmark buys from: a supplier, a central and a grid warehouse, a route with
 * 20 pickup points, 60 products on one open campaign, and `customers` registered customers.
 */
export async function setUpShop(
  request: ReturnType<typeof jsonClient>,
  adminLogin: { phone: string; password: string },
  customerCount: number,
): Promise<{ points: string[]; items: string[]; customers: string[] }> {
  const api = (token?: string) => (method: string, path: string, body?: unknown) =>
    request(method, `/api/v1${path}`, body, token ? { authorization: `Bearer ${token}` } : {});
  const admin = api((await api()('POST', '/auth/login', adminLogin)).body.token);
  const expect201 = async (p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r.body;
  };
  const supplier = await expect201(admin('POST', '/admin/suppliers', { name: '压测供应商' }));
  const central = await expect201(admin('POST', '/admin/warehouses', { name: '中心仓', kind: 'central' }));
  const grid = await expect201(
    admin('POST', '/admin/warehouses', { name: '网格仓', kind: 'grid', parentId: central.id }),
  );
  const route = await expect201(admin('POST', '/admin/routes', { name: '线路', warehouseId: grid.id }));
  const points: string[] = [];
  for (let i = 0; i < 20; i++)
    points.push(
      (
        await expect201(
          admin('POST', '/admin/pickup-points', { name: `自提点${i}`, address: `路${i}号`, routeId: route.id }),
        )
      ).id,
    );
  const products: string[] = [];
  for (let i = 0; i < 60; i++) {
    products.push(
      (
        await expect201(
          admin('POST', '/admin/products', {
            name: `商品${i}`,
            category: i % 3 ? 'fresh' : 'daily',
            supplierId: supplier.id,
            unit: '份',
            listPriceFen: 1500 + i * 10,
            costFen: 800,
            temperatureZone: 'ambient',
          }),
        )
      ).id,
    );
  }
  const now = Date.now();
  const campaign = await expect201(
    admin('POST', '/admin/campaigns', {
      title: '压测团期',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + 3_600_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: products.map((productId, i) => ({ productId, priceFen: 990 + i * 10 })),
    }),
  );
  const items: string[] = campaign.items.map((i: { id: string }) => i.id);
  const customers: string[] = [];
  for (let batch = 0; batch < customerCount; batch += 32) {
    const regs = await Promise.all(
      Array.from({ length: 32 }, (_, k) =>
        expect201(
          api()('POST', '/auth/register', {
            phone: `137${String(batch + k).padStart(8, '0')}`,
            password: 'bench-pass-1',
            name: `顾客${batch + k}`,
          }),
        ),
      ),
    );
    customers.push(...regs.map((r) => r.token));
  }
  return { points, items, customers };
}

/** CPU time (user + system, ms) used so far by these processes, or by every process of a user (`postgres`). */
export function cpuMs(pids: number[] | 'postgres'): number {
  const list =
    pids === 'postgres'
      ? readdirSync('/proc')
          .filter((d) => /^\d+$/.test(d))
          .map(Number)
          .filter((p) => {
            try {
              return readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('postgres');
            } catch {
              return false;
            }
          })
      : pids;
  let ticks = 0;
  for (const pid of list) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** CPU time of the whole machine in ms, busy (user, system, interrupts) and idle, from /proc/stat; time the hypervisor stole is neither. */
export function machineMs(): { busy: number; idle: number } {
  const [user, nice, system, idle, iowait, irq, softirq] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { busy: (user + nice + system + irq + softirq) * 10, idle: (idle + iowait) * 10 };
}

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A fresh database on the local PostgreSQL for a benchmark run. */
export async function freshPostgres(adminUrl: string, name: string): Promise<string> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  if (process.env.BENCH_PG_STATS) {
    const u0 = new URL(adminUrl);
    u0.pathname = `/${name}`;
    const d = new pg.Client({ connectionString: u0.toString() });
    await d.connect();
    await d.query('create extension if not exists pg_stat_statements');
    await d.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
