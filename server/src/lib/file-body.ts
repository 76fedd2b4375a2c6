import type { App } from '../context.js';
import { validation } from './errors.js';

/**
 * Routes whose request body is a file's own bytes, under any Content-Type: what the file is gets
 * told from its bytes, never from the declared type or name, so no multipart parsing is needed.
 * `register` adds the routes to a scope that reads bodies of up to `maxBytes` as a Buffer.
 */
export function fileBodyRoutes(app: App, maxBytes: number, register: (scope: App) => void) {
  app.register(async (plugin) => {
    const scope = plugin as unknown as App;
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    register(scope);
  });
}

/** The request's file, or 400 when the body is empty or not raw bytes. */
export function fileBody(body: unknown, what: string): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw validation(`The request body must be the ${what} file`, { part: 'body' });
  return body;
}
