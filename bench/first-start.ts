/**
 * The first start: `npm start` on an empty embedded database, timed from the command to the first
 * page of the shop, with each phase the start prints (web build, demo set-up, history, …).
 *
 *   npm run bench:first-start                  the web build is kept when it is up to date
 *   npm run bench:first-start -- --fresh-build  web/dist is deleted first, as on a fresh clone
 *
 * The data directory is a new temporary one for each run (deleted afterwards) and tsx's compile
 * cache is off, as on a fresh machine; the server gets a free port and is stopped once the shop's
 * page has been served.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const fresh = process.argv.includes('--fresh-build');
if (fresh) rmSync(join(root, 'web', 'dist'), { recursive: true, force: true });
const dataDir = mkdtempSync(join(tmpdir(), 'linli-first-start-'));
const port = await new Promise<number>((ok) => {
  const s = createServer().listen(0, () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => ok(p));
  });
});

const started = performance.now();
const at = () => (performance.now() - started) / 1000;
const lines: { t: number; line: string }[] = [];
const child = spawn('npm', ['start'], {
  cwd: root,
  detached: true,
  // tsx keeps what it compiled in a cache a fresh machine does not have yet
  env: { ...process.env, PORT: String(port), LINLI_DATA_DIR: dataDir, INIT_CWD: root, TSX_DISABLE_CACHE: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [child.stdout, child.stderr]) {
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) lines.push({ t: at(), line: line.trim() });
  });
}
let exited = false;
child.on('exit', () => {
  exited = true;
});

let served = 0;
while (!served && !exited) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/shop/`);
    if (res.ok && (await res.text()).includes('<html')) served = at();
  } catch {
    // not listening yet
  }
  if (!served) await new Promise((r) => setTimeout(r, 100));
}
process.kill(-child.pid!, 'SIGTERM');
await new Promise((r) => setTimeout(r, 500));
rmSync(dataDir, { recursive: true, force: true });
if (!served) {
  for (const l of lines) console.error(l.line);
  throw new Error('npm start exited before the shop was served');
}

const phases = lines.filter((l) => /^(web apps:|demo:|waited|Linli )/.test(l.line));
console.log(
  `npm start${fresh ? ' (web/dist deleted first)' : ''}, empty PGlite data directory, ${cpus().length} CPUs ${cpus()[0].model.trim()}`,
);
for (const p of phases) console.log(`${p.t.toFixed(1).padStart(6)} s  ${p.line}`);
console.log(`${served.toFixed(1).padStart(6)} s  the shop's page is served`);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
