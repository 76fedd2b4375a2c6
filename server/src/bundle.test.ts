import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script of the repository, without type declarations
import { bundleServer } from '../../scripts/bundle-server.mjs';

const src = import.meta.dirname;
const scratch = mkdtempSync(join(tmpdir(), 'linli-bundle-'));
// beside the real one: the bundle finds its dependencies in the repository's node_modules
const testBundle = join(src, '..', '.build', `main-test-${process.pid}.mjs`);
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(testBundle, { force: true });
  rmSync(`${testBundle}.map`, { force: true });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the server as one bundle (npm start)', () => {
  it('locates its files only through paths.ts', () => {
    // the bundle defines import.meta.dirname as paths.ts's directory: elsewhere it would point wrong.
    // openapi.ts is a command of its own (npm run api:types), never part of the server.
    const offenders = sources(src)
      .map((file) => relative(src, file))
      .filter((file) => file !== 'paths.ts' && file !== 'openapi.ts')
      .filter((file) => /import\.meta\.(dirname|filename|url)/.test(readFileSync(join(src, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('starts, migrates and answers', async () => {
    const bundle = await bundleServer(testBundle);
    const child = spawn(process.execPath, [bundle], {
      cwd: scratch,
      env: {
        ...process.env,
        LINLI_DEMO: '0',
        LINLI_DATA_DIR: join(scratch, 'data'),
        PORT: '0',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const found = /API\s+(http:\/\/\S+)\/api\/v1/.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      // the migrations were found and applied: the categories the first one seeds are there
      const res = await fetch(`${url}/api/v1/categories`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
      // and the web apps are served from web/dist (503 with a hint when they are not built yet)
      expect([200, 503]).toContain((await fetch(`${url}/shop/`)).status);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
