import { resolve } from 'node:path';

/**
 * Where the server finds its own files, from this module's place. `npm start` runs the server as
 * one bundle and defines `import.meta.dirname` as this directory for it (scripts/start.mjs), so no
 * other module may locate files by its own place (a test holds every module to it).
 */
export const SERVER_SRC = import.meta.dirname;
/** the SQL migrations drizzle-kit writes */
export const MIGRATIONS_DIR = resolve(SERVER_SRC, 'db', 'migrations');
/** where `npm run build -w web` puts the three apps and the simulated provider's cashier */
export const WEB_DIST_BUILT = resolve(SERVER_SRC, '..', '..', 'web', 'dist');
