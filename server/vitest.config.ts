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
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      })),
      ...databases.map((db) => ({
        test: {
          ...integration,
          name: `${db.name}-browser`,
          include: ['test/browser/**/*.test.ts'],
          env: db.env,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      })),
    ],
  },
});
