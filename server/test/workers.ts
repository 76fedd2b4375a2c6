import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SIMPAY_SECRET, TEST_SCRYPT_LOG_N } from './harness.js';

/**
 * Real server processes (src/main.ts, as `npm start` runs it) on a test's PostgreSQL database:
 * each has its own caches, connection pool and flash lane, and shares only the database — which is
 * what several workers in production share. PGlite lives inside one process, so these run on
 * PostgreSQL only (`onPostgres`).
 */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  request<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Starts one server process on `databaseUrl` on a free port and waits until it answers its health check. */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LINLI_DEMO: '0',
      LINLI_JOBS: '0',
      LINLI_WORKERS: '1',
      LINLI_DB_POOL: '5',
      LINLI_SIMPAY_SECRET: SIMPAY_SECRET,
      LINLI_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
      LINLI_LOG: '0',
      LINLI_ADMIN_PHONE: '',
      LINLI_ADMIN_PASSWORD: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the server process did not start within 60 s')), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${output}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /API\s+(http:\/\/[\d.]+:\d+)\/api\/v1/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`the server process exited with ${code}`)));
  });
  const health = await fetch(`${url}/api/health`);
  if (!health.ok) throw new Error(`the server process is not healthy: ${health.status}`);
  return {
    url,
    async request(method, path, token, body) {
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    stop: () => stop(child),
  };
}

/** Starts `count` server processes on one database (started together, as workers are). */
export function startServerProcesses(
  databaseUrl: string,
  count: number,
  env: Record<string, string> = {},
): Promise<ServerProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startServerProcess(databaseUrl, env)));
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
