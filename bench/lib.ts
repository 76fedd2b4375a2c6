import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../server');

/** A keep-alive JSON client for load generation (no per-request connection set-up). */
export function jsonClient(baseUrl: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolvePromise, reject) => {
      const req = http.request({
        hostname, port, method, path, agent,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolvePromise({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  };
}

export interface ServerProcess {
  url: string;
  urls: string[];
  pids: () => number[];
  stop(): Promise<void>;
}

/** Starts `npm start`'s entry point in child processes with the given environment, waits for health. */
export async function startServer(
  env: Record<string, string>, port: number, processes = 1, nodeArgs: string[] = [], healthTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    // BENCH_NO_JOBS=1 runs the servers without the job runner, to see its share of the load.
    // the same V8 flag as `npm start` (server/package.json): young-generation size, see docs/benchmarks.md
    const child = spawn(process.execPath, ['--max-semi-space-size=8', ...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: { ...process.env, LINLI_QUIET: '1', LINLI_DEMO: '0', ...env, PORT: String(port + i), LINLI_JOBS: i === 0 && process.env.BENCH_NO_JOBS !== '1' ? '1' : '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
  }
  const url = `http://127.0.0.1:${port}`;
  const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
  for (const child of children) child.once('exit', (code) => { if (code) console.error(`server process exited with ${code}`); });
  for (let i = 0; i < processes; i++) {
    const deadline = Date.now() + healthTimeoutMs;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port + i}/api/health`);
        if (res.ok) break;
      } catch { /* not up yet */ }
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
      await Promise.all(children.map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); })));
    },
  };
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
    const u0 = new URL(adminUrl); u0.pathname = `/${name}`;
    const d = new pg.Client({ connectionString: u0.toString() });
    await d.connect();
    await d.query('create extension if not exists pg_stat_statements');
    await d.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
