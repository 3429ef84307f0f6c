import { defineConfig } from 'vitest/config';

const UNIT = ['{db,api,scripts}/test/**/*.unit.test.ts', 'web/test/unit/**/*.test.{ts,tsx}'];
/** Tests that start the API, a CLI or a benchmark as child processes. */
const PROCESSES = [
  'api/test/server-process.test.ts',
  'api/test/cache-two-processes.test.ts',
  'db/test/durability.test.ts',
  'scripts/test/backup.test.ts',
  'scripts/test/geodata-import-cli.test.ts',
  'scripts/test/user-create-cli.test.ts',
];
const BROWSER = ['web/test/*.test.ts'];
const DATABASE = ['{db,api}/test/**/*.test.ts'];
// scripts/test/bench-*.test.ts: the benchmark harness, `npm run test:bench` (vitest.bench.config.ts).
const DATABASE_SETUP = ['db/src/testing/global-setup.ts'];

/**
 * Four projects, run together on two workers (this is a 2-core machine; see README "Tests"):
 * - `unit`: pure functions and components, no database, no browser (`npm run test:unit`);
 * - `database`: HTTP and SQL tests on real databases (embedded, and the server when
 *   TEST_DATABASE_URL is set). Files share their worker's open database, reset between files
 *   (db/src/testing/pool.ts), so they do not isolate modules: opening PGlite with PostGIS costs
 *   seconds, resetting it milliseconds;
 * - `processes`: tests of child processes (server, CLIs, backups);
 * - `browser`: Chromium against the built web app, on the embedded database only: what they
 *   check does not depend on the database, and the API tests cover both.
 * The global setup builds the database templates once for the whole run.
 */
export const common = { testTimeout: 60_000, hookTimeout: 180_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      // Files share a worker's module cache and DOM (isolate: false): a third of the time, and
      // components clean up after each test (Testing Library's cleanup).
      { test: { ...common, name: 'unit', include: UNIT, isolate: false } },
      {
        test: {
          ...common,
          name: 'database',
          include: DATABASE,
          exclude: [...UNIT, ...PROCESSES],
          globalSetup: DATABASE_SETUP,
          isolate: false,
        },
      },
      {
        test: {
          ...common,
          name: 'processes',
          include: PROCESSES,
          globalSetup: DATABASE_SETUP,
          isolate: false,
        },
      },
      {
        test: {
          ...common,
          name: 'browser',
          include: BROWSER,
          globalSetup: DATABASE_SETUP,
          isolate: false,
          env: { OSHAQ_TEST_ON: 'embedded' },
        },
      },
    ],
  },
});
