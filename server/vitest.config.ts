import { defineConfig } from 'vitest/config';

// Unset means the local server; set but empty is a mistake the postgres project refuses (test/harness.ts).
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Unit tests run once; integration tests (test/) run on the embedded PGlite and on PostgreSQL.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', '../web/src/**/*.test.ts'] } },
      {
        test: {
          name: 'pglite',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: { TEST_DATABASE_URL: '', LINLI_TEST_DATABASE: 'pglite' },
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: { TEST_DATABASE_URL: postgresUrl, LINLI_TEST_DATABASE: 'postgres' },
        },
      },
    ],
  },
});
