import helmet from '@fastify/helmet';
import type { App } from '../app.js';

/**
 * Security headers on every response (decision 015), by @fastify/helmet. The apps are built by
 * Vite into files only, so scripts come from our own origin and nothing inline ever runs.
 * Styles are the exception: Ant Design and antd-mobile write their CSS-in-JS into <style> tags
 * at run time, so inline styles are allowed (styles only; a style cannot run code). Images may be
 * data: (the pickup QR code, component icons) and blob: (the leader's poster, the console's
 * downloads). Everything is fetched from the same origin; no page may be framed.
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
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

export async function registerSecurityHeaders(app: App, opts: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.https) },
    // Browsers ignore HSTS over plain HTTP, and sent from a server reached by HTTPS through a proxy
    // that later goes away it would lock users out for a year: only when the operator says HTTPS.
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}
