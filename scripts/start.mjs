// `npm start`: the web apps are built only when their sources changed since the last build, and
// that build runs side by side with the server's start (opening the database and seeding the demo
// take longer than the build); the server opens its port once the build is there.
// The server runs as one bundle (scripts/bundle-server.mjs).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, relative } from 'node:path';
import { bundleServer } from './bundle-server.mjs';

const root = join(import.meta.dirname, '..');
const web = join(root, 'web');
const stamp = join(web, 'dist', '.linli-build');

/** Names, sizes and modification times of everything the build reads (not its output or node_modules). */
function fingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(web);
  for (const file of ['package.json', 'package-lock.json']) {
    const s = statSync(join(root, file));
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const wanted = fingerprint();
const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted;

let build;
if (fresh) console.log('web apps: the build in web/dist is up to date, not rebuilding');
else {
  rmSync(stamp, { force: true });
  console.log('web apps: building (alongside the server start) …');
  build = spawn(npm, ['run', 'build', '-w', 'web', '--', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  // The build runs on every core it finds, and the database's set-up and the demo run on one thread:
  // at the lowest priority the build takes the other core, not theirs (it had added ~3 s before the
  // demo began), and it still ends long before the demo does. Its processes inherit the priority.
  try {
    setPriority(build.pid, 19);
  } catch {
    // not permitted here: the build simply competes
  }
}

const serverDir = join(root, 'server');
const bundle = await bundleServer();
// Run directly rather than through a second `npm run` (~0.3 s); the flags are the server's own
// start command's (server/package.json), which runs the same code through tsx.
const server = spawn(process.execPath, ['--max-semi-space-size=8', '--enable-source-maps', bundle], {
  cwd: serverDir,
  stdio: 'inherit',
  env: fresh ? process.env : { ...process.env, LINLI_WAIT_FOR_WEB: stamp },
});

build?.on('exit', (code) => {
  if (code === 0) {
    writeFileSync(stamp, wanted);
    console.log(`web apps: built (${seconds()})`);
  } else {
    console.error('web apps: the build failed; stopping');
    server.kill('SIGTERM');
    process.exitCode = 1;
  }
});
server.on('exit', (code, signal) => {
  build?.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
