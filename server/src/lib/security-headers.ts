import helmet from '@fastify/helmet';
import type { App } from '../context.js';

/**
 * Security headers on every response (decision 015), by @fastify/helmet. The apps are built by
 * Vite into files only, so scripts come from our own origin and nothing inline ever runs.
 * Styles are the exception where needed: Ant Design (the console) writes its CSS-in-JS into
 * <style> tags at run time, and so does the API documentation, so those pages may use inline
 * styles (styles only; a style cannot run code); the phone apps and the cashier, whose styles
 * are all files, may not. Images may be data: (the pickup QR code, component icons) and blob:
 * (the leader's poster, the console's downloads). Everything is fetched from the same origin; no
 * page may be framed.
 */
export function contentSecurityPolicy(https: boolean, { inlineStyles = true } = {}): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Only behind HTTPS: on plain HTTP it would send every request of the page to an https:// that is not there.
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The pages whose styles are all files: no inline style either. */
const FILE_STYLED = /^\/(shop|leader|simpay)(\/|$)/;

export async function registerSecurityHeaders(app: App, opts: { https: boolean }): Promise<void> {
  const strict = { useDefaults: false, directives: contentSecurityPolicy(opts.https, { inlineStyles: false }) };
  // The headers the JSON API's answers carry (a strict policy, nosniff, no framing, no referrer,
  // HSTS). The HTTP server also starts every response with them, for the few malformed requests
  // Fastify answers before any hook runs; headers a reply sets replace them.
  const baseline: Record<string, string> = {
    'content-security-policy': Object.entries(contentSecurityPolicy(opts.https, { inlineStyles: false }))
      .map(([name, values]) => [name, ...values].join(' '))
      .join(';'),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...(opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  app.addHook('onRoute', (route) => {
    if (FILE_STYLED.test(route.url))
      route.config = { ...route.config, helmet: { contentSecurityPolicy: strict } } as typeof route.config;
    // The API's answers get the fixed baseline in one call: helmet's per-request work cost a third
    // of the server's time answering a flash sale's refusals (decision 015).
    else if (route.url.startsWith('/api/v1/'))
      route.config = { ...route.config, helmet: { skipRoute: true } } as typeof route.config;
  });
  // before any route's own hooks (a refused sign-in answers from those)
  app.addHook('onRequest', (req, reply, done) => {
    if ((req.routeOptions.config as { helmet?: { skipRoute?: boolean } }).helmet?.skipRoute) reply.headers(baseline);
    done();
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.https) },
    // Browsers ignore HSTS over plain HTTP, and sent from a server reached by HTTPS through a proxy
    // that later goes away it would lock users out for a year: only when the operator says HTTPS.
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  app.server.prependListener('request', (_req, res) => {
    for (const [name, value] of Object.entries(baseline)) res.setHeader(name, value);
  });
}
