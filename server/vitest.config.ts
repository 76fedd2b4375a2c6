import { configDefaults, defineConfig } from 'vitest/config';

// Unset means the local server; set but empty is a mistake the postgres project refuses (test/harness.ts).
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const databases = [
  { name: 'pglite', env: { TEST_DATABASE_URL: '', LINLI_TEST_DATABASE: 'pglite' } },
  { name: 'postgres', env: { TEST_DATABASE_URL: postgresUrl, LINLI_TEST_DATABASE: 'postgres' } },
];
const integration = {
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

/**
 * Unit tests run once; integration tests (test/) run on the embedded PGlite and on PostgreSQL.
 * Two files at a time, except the browser tests (test/browser, projects `pglite-browser` and
 * `postgres-browser`), which run afterwards one at a time: each drives Chromium against its own
 * server, and two of them beside each other starve both on a two-core machine.
 *
 * Every file runs without isolation (`isolate: false`): a worker keeps the modules it
 * has loaded from one file to the next instead of loading the whole app again for each, which was
 * about 40 % of the CPU of a run of small files. Each file still starts its own server on its own
 * database; the app keeps nothing between servers outside them (several servers in one file
 * already rely on that), and the test helpers keep no state that one file could leave to another.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', '../web/src/**/*.test.ts'],
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      ...databases.map((db) => ({
        test: {
          ...integration,
          name: db.name,
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/browser/**'],
          env: db.env,
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      })),
      ...databases.map((db) => ({
        test: {
          ...integration,
          name: `${db.name}-browser`,
          include: ['test/browser/**/*.test.ts'],
          setupFiles: ['test/browser/setup.ts'],
          env: db.env,
          isolate: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      })),
    ],
  },
});
