// The server as one ES module for `npm start`, made by esbuild in about 0.2 s. Loading its few
// hundred TypeScript modules one by one through tsx's loader took 2–3.5 s of every start
// (decision 026); tests and the benchmarks still run the sources through tsx.
import { join } from 'node:path';
import { build } from 'esbuild';

const serverDir = join(import.meta.dirname, '..', 'server');

/** Bundles server/src/main.ts into `outfile` (default server/.build/main.mjs) and returns its path. */
export async function bundleServer(outfile = join(serverDir, '.build', 'main.mjs')) {
  await build({
    entryPoints: [join(serverDir, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // the dependencies load from node_modules as they are; only Linli's own code is bundled
    packages: 'external',
    sourcemap: true,
    // server/src/paths.ts locates the server's files from its own directory, wherever the bundle is
    define: { 'import.meta.dirname': JSON.stringify(join(serverDir, 'src')) },
    logLevel: 'warning',
  });
  return outfile;
}
