import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './context.js';
import { registerFavicon } from './favicon.js';
import { WEB_DIST_BUILT } from './paths.js';

/** The built web apps: `npm run build -w web`'s output unless LINLI_WEB_DIST names another. */
export const WEB_DIST = process.env.LINLI_WEB_DIST ? resolve(process.env.LINLI_WEB_DIST) : WEB_DIST_BUILT;

/** The apps, each a single-page app: any path below its prefix answers with its index.html. */
const APPS = ['shop', 'leader', 'admin', 'simpay'] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

interface Asset {
  type: string;
  body: Buffer;
  gzip?: Buffer;
}

/**
 * Serves the built web apps from memory: the build is a few MB, read once, and text
 * files are gzipped once so every phone gets the small version without per-request work.
 * Hashed files under /assets are cached for a year; the HTML is always revalidated.
 */
export function registerWeb(app: App, dist = WEB_DIST, opts: { simpay?: boolean } = {}) {
  // Read lazily: tests build many apps and most never ask for a page.
  let loaded: Map<string, Asset> | undefined;
  const assets = () => (loaded ??= loadAssets(dist));

  const send = (req: FastifyRequest, reply: FastifyReply, asset: Asset, cache: string) => {
    reply.header('content-type', asset.type).header('cache-control', cache).header('vary', 'accept-encoding');
    if (asset.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  };

  const missing = (reply: FastifyReply) =>
    reply
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('The web apps are not built yet: run `npm run build -w web` (npm start does it for you).');

  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/shop/'));
  registerFavicon(app);

  app.get('/assets/*', { schema: { hide: true } }, (req, reply) => {
    const asset = assets().get(req.url.split('?')[0]);
    if (!asset) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such file' } });
    return send(req, reply, asset, 'public, max-age=31536000, immutable');
  });

  // the simulated provider's cashier is served only where that provider is on
  for (const name of APPS.filter((a) => a !== 'simpay' || opts.simpay !== false)) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => {
      const path = req.url.split('?')[0];
      if (path === `/${name}`) return reply.redirect(`/${name}/`);
      const file = assets().get(path);
      if (file && !path.endsWith('/')) return send(req, reply, file, 'public, max-age=3600');
      const index = assets().get(`/${name}/index.html`);
      if (!index) return missing(reply);
      return send(req, reply, index, 'no-cache');
    };
    app.get(`/${name}`, { schema: { hide: true } }, handler);
    app.get(`/${name}/*`, { schema: { hide: true } }, handler);
  }
}

function loadAssets(dist: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dist)) return assets;
  for (const file of walk(dist)) {
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const compressible = type.startsWith('text/') || type.includes('json') || type.includes('svg');
    assets.set('/' + relative(dist, file).split(sep).join('/'), {
      type,
      body,
      gzip: compressible && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
    });
  }
  return assets;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
