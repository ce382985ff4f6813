import { defineConfig } from 'vitest/config'

// Two projects, run separately by scripts/test.mjs (`npm test`):
// - unit:        pure logic next to the code it tests; fast, fully parallel.
// - integration: `*.int.test.ts`, each file opens a database — PGlite (XINDAI_TEST_DB=pglite, the default)
//                or a PostgreSQL server (XINDAI_TEST_DB=pg with DATABASE_URL). PGlite takes 4–9 s to start
//                and ~hundreds of MB per instance, so few files run at once, in separate processes.
export default defineConfig({
  test: {
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
          environment: 'node',
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/server/**/*.int.test.ts'],
          // *.pg.int.test.ts need a PostgreSQL server (e.g. killing a separate process mid-close)
          exclude: [
            '**/node_modules/**',
            '**/dist/**',
            ...(process.env.XINDAI_TEST_DB === 'pg' ? [] : ['**/*.pg.int.test.ts']),
          ],
          globalSetup: ['apps/server/test/global-setup.ts'],
          environment: 'node',
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
